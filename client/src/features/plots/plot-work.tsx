// What a signed-in role can do from a plot's panel: flag it (its zone's managers, planners) and
// reserve it for a project (planners). A button a role cannot use is not shown.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { queryKeys } from '../../api/queries.ts';
import { INEFFICIENCY_TYPES, type PlotDetail } from '../../api/types.ts';
import { useWrite } from '../../api/use-write.ts';
import type { CreateFlagBody, PlanBody, SignedInUser } from '../../api/workflow-types.ts';
import { zhCN } from '../../i18n/zh-CN.ts';

// The measures the catalogue names are the ones offered; it must name every measure the server knows.
const MEASURE_NAMES: Record<PlanBody['measure'], string> = zhCN.revitalization;
const MEASURES = Object.keys(MEASURE_NAMES) as PlanBody['measure'][];

export const RESERVABLE = ['available', 'idle', 'low_efficiency', 'revitalizing'];
const FLAGGABLE_STATUSES = ['in_use', 'low_efficiency', 'idle', 'revitalizing', 'available'] as const;

/** A date `days` from today (YYYY-MM-DD, local time). */
function inDays(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

export function PlotWork({ plot, user }: { plot: PlotDetail; user: SignedInUser }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'flag' | 'reserve' | 'plan' | null>(null);
  const planner = user.role === 'planner' || user.role === 'admin';
  const inZone =
    planner || (user.role === 'zone_manager' && plot.zoneId !== null && user.zoneIds.includes(plot.zoneId));
  const holders = useQuery({
    queryKey: [...queryKeys.work, 'reservations', 'plot', plot.id],
    queryFn: ({ signal }) => api.reservations({ status: 'active', plotId: plot.id }, signal),
    enabled: inZone && plot.status === 'reserved',
  });
  if (!inZone) return null;
  const holder = holders.data?.items[0];
  return (
    <div className="plot-work">
      {holder && (
        <p className="plot-work__held" data-testid="held-by">
          {t('work.heldBy', {
            project: `${holder.project.code} ${holder.project.name}`,
            until: new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(
              new Date(new Date(holder.until).getTime() - 1000),
            ),
          })}
        </p>
      )}
      <div className="plot-actions">
        <button
          type="button"
          className="button"
          aria-expanded={open === 'flag'}
          onClick={() => setOpen(open === 'flag' ? null : 'flag')}
        >
          {t('work.flag')}
        </button>
        <button
          type="button"
          className="button"
          aria-expanded={open === 'plan'}
          onClick={() => setOpen(open === 'plan' ? null : 'plan')}
        >
          {t('work.editPlan')}
        </button>
        {planner && RESERVABLE.includes(plot.status) && (
          <button
            type="button"
            className="button button--primary"
            aria-expanded={open === 'reserve'}
            onClick={() => setOpen(open === 'reserve' ? null : 'reserve')}
          >
            {t('work.reserve')}
          </button>
        )}
      </div>
      {open === 'flag' && <FlagForm plot={plot} onDone={() => setOpen(null)} />}
      {open === 'reserve' && <ReserveForm plotIds={[plot.id]} onDone={() => setOpen(null)} />}
      {open === 'plan' && <PlanForm plot={plot} onDone={() => setOpen(null)} />}
    </div>
  );
}

function FlagForm({ plot, onDone }: { plot: PlotDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const [type, setType] = useState('');
  const submit = useWrite((body: CreateFlagBody) => api.createFlag(body), onDone);
  const idle = status === 'idle' || type === 'idle';
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const date = String(form.get('contractedStartDate') ?? '');
    submit.mutate({
      plotId: plot.id,
      ...(status ? { proposedStatus: status as NonNullable<CreateFlagBody['proposedStatus']> } : {}),
      ...(type
        ? { proposedInefficiencyType: type as NonNullable<CreateFlagBody['proposedInefficiencyType']> }
        : {}),
      reason: String(form.get('reason') ?? ''),
      evidence: String(form.get('evidence') ?? ''),
      ...(idle && date ? { contractedStartDate: date } : {}),
    });
  };
  return (
    <form className="work-form" onSubmit={onSubmit} aria-label={t('work.flagTitle')}>
      <label className="field">
        <span>{t('work.proposedStatus')}</span>
        <select name="proposedStatus" value={status} onChange={(event) => setStatus(event.target.value)}>
          <option value="">{t('work.unchanged')}</option>
          {FLAGGABLE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('plot.inefficiencyType')}</span>
        <select
          name="proposedInefficiencyType"
          value={type}
          onChange={(event) => setType(event.target.value)}
        >
          <option value="">{t('work.unchanged')}</option>
          {INEFFICIENCY_TYPES.map((s) => (
            <option key={s} value={s}>
              {t(`inefficiencyType.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('work.reason')}</span>
        <textarea name="reason" required maxLength={2000} rows={2} />
      </label>
      <label className="field">
        <span>{t('work.evidence')}</span>
        <textarea name="evidence" maxLength={4000} rows={2} />
      </label>
      {idle && (
        <label className="field">
          <span>{t('work.contractedStart')}</span>
          <input name="contractedStartDate" type="date" />
        </label>
      )}
      {submit.error && <p className="inline-error">{submit.error.message}</p>}
      <button
        type="submit"
        className="button button--primary"
        disabled={submit.isPending || (!status && !type)}
      >
        {t('work.sendFlag')}
      </button>
    </form>
  );
}

/** Reserves plots for a project until a date (a plot's own, or those a drawn area selected). */
export function ReserveForm({ plotIds, onDone }: { plotIds: number[]; onDone: () => void }) {
  const { t } = useTranslation();
  const projects = useQuery({
    queryKey: [...queryKeys.work, 'projects'],
    queryFn: ({ signal }) => api.projects(signal),
  });
  const submit = useWrite(
    (body: { projectId: number; until: string; note: string }) => api.createReservation({ ...body, plotIds }),
    onDone,
  );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    submit.mutate({
      projectId: Number(form.get('projectId')),
      until: String(form.get('until')),
      note: String(form.get('note') ?? ''),
    });
  };
  return (
    <form className="work-form" onSubmit={onSubmit} aria-label={t('work.reserveTitle')}>
      <label className="field">
        <span>{t('work.project')}</span>
        <select name="projectId" required>
          {projects.data?.items
            .filter((project) => project.stage !== 'producing')
            .map((project) => (
              <option key={project.id} value={project.id}>
                {project.code} {project.name}
              </option>
            ))}
        </select>
      </label>
      <label className="field">
        <span>{t('work.until')}</span>
        <input name="until" type="date" required min={inDays(1)} defaultValue={inDays(180)} />
      </label>
      <label className="field">
        <span>{t('work.note')}</span>
        <input name="note" maxLength={2000} />
      </label>
      {submit.error && <p className="inline-error">{submit.error.message}</p>}
      <button type="submit" className="button button--primary" disabled={submit.isPending || !projects.data}>
        {t('work.confirmReserve')}
      </button>
    </form>
  );
}

function PlanForm({ plot, onDone }: { plot: PlotDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const plan = plot.revitalization;
  const submit = useWrite((body: PlanBody) => api.savePlan(plot.id, body), onDone);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    submit.mutate({
      measure: text('measure') as PlanBody['measure'],
      responsibleUnit: text('responsibleUnit'),
      targetDate: text('targetDate') || null,
      progress: text('progress'),
      progressPct: Math.max(0, Math.min(100, Math.round(Number(text('progressPct')) || 0))),
    });
  };
  return (
    <form className="work-form" onSubmit={onSubmit} aria-label={t('plot.revitalization')}>
      <label className="field">
        <span>{t('plot.measure')}</span>
        <select name="measure" defaultValue={plan?.measure ?? 'owner_upgrade'}>
          {MEASURES.map((measure) => (
            <option key={measure} value={measure}>
              {t(`revitalization.${measure}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('plot.responsibleUnit')}</span>
        <input name="responsibleUnit" required maxLength={200} defaultValue={plan?.responsibleUnit ?? ''} />
      </label>
      <label className="field">
        <span>{t('plot.targetDate')}</span>
        <input name="targetDate" type="date" defaultValue={plan?.targetDate ?? ''} />
      </label>
      <label className="field">
        <span>{t('plot.progress')} (%)</span>
        <input
          name="progressPct"
          type="number"
          min={0}
          max={100}
          step={5}
          defaultValue={plan?.progressPct ?? 0}
        />
      </label>
      <label className="field">
        <span>{t('work.note')}</span>
        <textarea name="progress" maxLength={2000} rows={2} defaultValue={plan?.progress ?? ''} />
      </label>
      {submit.error && <p className="inline-error">{submit.error.message}</p>}
      <button type="submit" className="button button--primary" disabled={submit.isPending}>
        {t('work.savePlan')}
      </button>
    </form>
  );
}
