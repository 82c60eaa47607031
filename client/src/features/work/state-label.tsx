// A plot status and inefficiency type in words, in the current language.
import { useTranslation } from 'react-i18next';
import {
  INEFFICIENCY_TYPES,
  type InefficiencyType,
  PLOT_STATUSES,
  type PlotStatus,
} from '../../api/types.ts';

const isStatus = (value: unknown): value is PlotStatus =>
  typeof value === 'string' && (PLOT_STATUSES as readonly string[]).includes(value);
const isType = (value: unknown): value is InefficiencyType =>
  typeof value === 'string' && (INEFFICIENCY_TYPES as readonly string[]).includes(value);

export function StateLabel({ status, type }: { status: string | null; type: string | null }) {
  const { t } = useTranslation();
  const parts = [
    isStatus(status) ? t(`status.${status}`) : status,
    isType(type) ? t(`inefficiencyType.${type}`) : type,
  ].filter(Boolean);
  return <>{parts.length > 0 ? parts.join(' · ') : '—'}</>;
}
