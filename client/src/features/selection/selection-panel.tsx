// The plots a drawn area selected: how many, how much land, by status, and the largest of them.
import { type CSSProperties, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlotProperties, PlotSelection } from '../../api/types.ts';
import type { SignedInUser } from '../../api/workflow-types.ts';
import { PanelHeader } from '../../components/panel-header.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { STATUS_COLORS } from '../../map/layer-styles.ts';
import { RESERVABLE, ReserveForm } from '../plots/plot-work.tsx';

interface SelectionPanelProps {
  selection: PlotSelection | undefined;
  error: Error | null;
  onPick: (plot: PlotProperties) => void;
  onClear: () => void;
  user: SignedInUser | null;
}

/** How many plots the list shows; the summary counts all of them. */
const LISTED = 200;

export function SelectionPanel({ selection, error, onPick, onClear, user }: SelectionPanelProps) {
  const { t, i18n } = useTranslation();
  const [reserving, setReserving] = useState(false);
  const planner = user?.role === 'planner' || user?.role === 'admin';
  const reservable =
    selection?.items.filter((plot) => RESERVABLE.includes(plot.status)).map((plot) => plot.id) ?? [];
  const lang = i18n.language;
  const english = lang === 'en';
  return (
    <aside className="panel selection-panel" aria-labelledby="selection-panel-title" aria-live="polite">
      <PanelHeader titleId="selection-panel-title" closeLabel={t('select.clear')} onClose={onClear}>
        {t('select.title')}
      </PanelHeader>
      {error ? (
        <p className="inline-error" role="alert">
          {t('select.invalid', { message: error.message })}
        </p>
      ) : !selection ? (
        <p className="muted">{t('select.loading')}</p>
      ) : selection.total === 0 ? (
        <p className="muted">{t('select.none')}</p>
      ) : (
        <>
          <p className="selection-panel__summary" data-total={selection.total}>
            {t('select.summary', {
              plots: formatNumber(lang, selection.total),
              area: t('unit.mu', { value: formatNumber(lang, selection.totalAreaMu, 1) }),
            })}
          </p>
          <ul className="selection-panel__statuses">
            {selection.byStatus.map((entry) => (
              <li key={entry.status}>
                <span
                  className="swatch"
                  style={{ '--swatch': STATUS_COLORS[entry.status] } as CSSProperties}
                />
                {t(`status.${entry.status}`)} {formatNumber(lang, entry.count)}
              </li>
            ))}
          </ul>
          {planner && reservable.length > 0 && (
            <>
              <button
                type="button"
                className="button button--primary"
                aria-expanded={reserving}
                // One reservation holds at most 500 plots: draw a smaller area for more.
                disabled={reservable.length > 500}
                title={reservable.length > 500 ? t('select.tooMany') : undefined}
                onClick={() => setReserving(!reserving)}
              >
                {t('select.reserve', { plots: formatNumber(lang, reservable.length) })}
              </button>
              {reserving && <ReserveForm plotIds={reservable} onDone={() => setReserving(false)} />}
            </>
          )}
          <ol className="selection-panel__list">
            {selection.items.slice(0, LISTED).map((plot) => (
              <li key={plot.id}>
                <button type="button" className="selection-panel__item" onClick={() => onPick(plot)}>
                  <span className="mono">{plot.code}</span>
                  <span className="muted">
                    {english
                      ? (plot.zoneNameEn ?? plot.districtNameEn)
                      : (plot.zoneName ?? plot.districtName)}
                  </span>
                  <span>{t('unit.mu', { value: formatNumber(lang, plot.areaMu, 1) })}</span>
                </button>
              </li>
            ))}
          </ol>
          {selection.total > LISTED && (
            <p className="muted selection-panel__more">
              {t('select.more', { value: formatNumber(lang, LISTED) })}
            </p>
          )}
          <button type="button" className="button" onClick={onClear}>
            {t('select.clear')}
          </button>
        </>
      )}
    </aside>
  );
}
