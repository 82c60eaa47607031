// The workbench (工作台): what a signed-in role works through — the flag review queue, a zone's
// flags, the inquiry inbox, reservations, projects, data imports, access tokens for desktop GIS and, for
// admins, users and the audit log.
import { useQuery } from '@tanstack/react-query';
import type { FeatureCollection } from 'geojson';
import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { queryKeys, useZones } from '../../api/queries.ts';
import type { BBox } from '../../api/types.ts';
import { useWrite } from '../../api/use-write.ts';
import type {
  CreateProjectBody,
  CreateUserBody,
  Flag,
  Inquiry,
  Project,
  Reservation,
  SignedInUser,
  User,
} from '../../api/workflow-types.ts';
import { PanelHeader } from '../../components/panel-header.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { CompliancePanel } from '../compliance/compliance-panel.tsx';
import { ImportPanel } from '../imports/import-panel.tsx';
import { AccessTokens } from './access-tokens.tsx';
import { StateLabel } from './state-label.tsx';

type Tab =
  | 'review'
  | 'flags'
  | 'inbox'
  | 'reservations'
  | 'projects'
  | 'compliance'
  | 'imports'
  | 'users'
  | 'audit'
  | 'tokens';

function tabsFor(role: SignedInUser['role']): Tab[] {
  switch (role) {
    case 'zone_manager':
      return ['flags', 'inbox', 'reservations', 'compliance', 'tokens'];
    case 'planner':
      return ['review', 'reservations', 'projects', 'inbox', 'compliance', 'imports', 'tokens'];
    case 'admin':
      return [
        'review',
        'reservations',
        'projects',
        'inbox',
        'compliance',
        'imports',
        'users',
        'audit',
        'tokens',
      ];
    default:
      return [];
  }
}

interface WorkbenchProps {
  user: SignedInUser;
  onClose: () => void;
  onShowPlot: (plotId: number) => void;
  /** Frames a place on the map (an import's extent, a problem's location) beside the workbench. */
  onShowArea: (bbox: BBox, maxZoom: number, coveredLeft: number) => void;
  /** What an open import preview draws on the map; null clears it. */
  onImportPreview: (overlay: FeatureCollection | null) => void;
}

const when = (language: string, at: string | null) =>
  at
    ? new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at))
    : '—';

export function Workbench({ user, onClose, onShowPlot, onShowArea, onImportPreview }: WorkbenchProps) {
  const { t } = useTranslation();
  const tabs = tabsFor(user.role);
  const [tab, setTab] = useState<Tab>(tabs[0] ?? 'flags');
  const panel = useRef<HTMLElement>(null);
  const showArea = (bbox: BBox, maxZoom: number) =>
    onShowArea(bbox, maxZoom, panel.current?.getBoundingClientRect().right ?? 0);
  return (
    <aside className="panel workbench" aria-labelledby="workbench-title" data-testid="workbench" ref={panel}>
      <PanelHeader titleId="workbench-title" closeLabel={t('work.close')} onClose={onClose}>
        {t('work.title')}
      </PanelHeader>
      <div className="workbench__tabs" role="tablist">
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className="workbench__tab"
            onClick={() => setTab(name)}
            data-tab={name}
          >
            {name === 'imports' ? t('imports.tab') : t(`work.tab.${name}`)}
          </button>
        ))}
      </div>
      <div className="workbench__body" role="tabpanel">
        {tab === 'review' && <FlagQueue pendingOnly canReview onShowPlot={onShowPlot} />}
        {tab === 'flags' && <FlagQueue pendingOnly={false} canReview={false} onShowPlot={onShowPlot} />}
        {tab === 'inbox' && <Inbox onShowPlot={onShowPlot} />}
        {tab === 'reservations' && (
          <Reservations
            canChange={user.role === 'planner' || user.role === 'admin'}
            onShowPlot={onShowPlot}
          />
        )}
        {tab === 'projects' && <Projects />}
        {tab === 'compliance' && <CompliancePanel user={user} onShowPlot={onShowPlot} />}
        {tab === 'imports' && <ImportPanel onShowArea={showArea} onPreview={onImportPreview} />}
        {tab === 'users' && <Users self={user.id} />}
        {tab === 'audit' && <AuditLog />}
        {tab === 'tokens' && <AccessTokens />}
      </div>
    </aside>
  );
}

function Loading({
  error,
  empty,
  children,
}: {
  error: Error | null;
  empty: boolean | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (error) return <p className="inline-error">{error.message}</p>;
  if (empty === null) return <p className="muted">{t('app.loading')}</p>;
  if (empty) return <p className="muted">{t('work.empty')}</p>;
  return <>{children}</>;
}

function PlotLink({
  plot,
  onShowPlot,
}: {
  plot: { id: number; code: string };
  onShowPlot: (id: number) => void;
}) {
  return (
    <button type="button" className="link-button mono" onClick={() => onShowPlot(plot.id)}>
      {plot.code}
    </button>
  );
}

function FlagQueue({
  pendingOnly,
  canReview,
  onShowPlot,
}: {
  pendingOnly: boolean;
  canReview: boolean;
  onShowPlot: (id: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const flags = useQuery({
    queryKey: [...queryKeys.work, 'flags', pendingOnly],
    queryFn: ({ signal }) => api.flags(pendingOnly ? { status: 'pending' } : {}, signal),
  });
  const items = flags.data?.items;
  return (
    <Loading error={flags.error} empty={items ? items.length === 0 : null}>
      <ul className="work-list">
        {items?.map((flag) => (
          <li key={flag.id} className="work-item" data-flag-id={flag.id}>
            <div className="work-item__head">
              <PlotLink plot={flag.plot} onShowPlot={onShowPlot} />
              <span className="muted">
                {i18n.language === 'en' ? flag.plot.zoneNameEn : flag.plot.zoneName}
              </span>
              <span className={`state state--${flag.status}`}>{t(`flag.status.${flag.status}`)}</span>
            </div>
            <p className="work-item__line">
              <StateLabel status={flag.plot.status} type={flag.plot.inefficiencyType} /> →{' '}
              <strong>
                <StateLabel status={flag.proposedStatus} type={flag.proposedInefficiencyType} />
              </strong>
            </p>
            <p className="work-item__text">{flag.reason}</p>
            {flag.evidence && <p className="work-item__text muted">{flag.evidence}</p>}
            <p className="work-item__meta muted">
              {t('work.by', { who: flag.createdBy, when: when(i18n.language, flag.createdAt) })}
              {flag.reviewedBy &&
                ` · ${t('work.reviewedBy', { who: flag.reviewedBy, when: when(i18n.language, flag.reviewedAt) })}`}
              {flag.reviewNote && ` · ${flag.reviewNote}`}
            </p>
            {canReview && flag.status === 'pending' && <ReviewButtons flag={flag} />}
          </li>
        ))}
      </ul>
    </Loading>
  );
}

function ReviewButtons({ flag }: { flag: Flag }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const review = useWrite((decision: 'approve' | 'reject') =>
    api.reviewFlag(flag.id, { decision, ...(note.trim() ? { note: note.trim() } : {}) }),
  );
  return (
    <div className="work-item__actions">
      <input
        className="input"
        value={note}
        onChange={(event) => setNote(event.target.value)}
        placeholder={t('work.notePlaceholder')}
        aria-label={t('work.note')}
        maxLength={2000}
      />
      <button
        type="button"
        className="button button--primary"
        disabled={review.isPending}
        onClick={() => review.mutate('approve')}
      >
        {t('work.approve')}
      </button>
      <button
        type="button"
        className="button"
        disabled={review.isPending || note.trim() === ''}
        title={note.trim() === '' ? t('work.rejectNeedsNote') : undefined}
        onClick={() => review.mutate('reject')}
      >
        {t('work.reject')}
      </button>
      {review.error && <p className="inline-error">{review.error.message}</p>}
    </div>
  );
}

function Inbox({ onShowPlot }: { onShowPlot: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const inquiries = useQuery({
    queryKey: [...queryKeys.work, 'inquiries'],
    queryFn: ({ signal }) => api.inquiries({}, signal),
  });
  const setStatus = useWrite(({ id, status }: { id: number; status: Inquiry['status'] }) =>
    api.setInquiryStatus(id, status),
  );
  const items = inquiries.data?.items;
  return (
    <Loading error={inquiries.error} empty={items ? items.length === 0 : null}>
      <ul className="work-list">
        {items?.map((inquiry) => (
          <li key={inquiry.id} className="work-item" data-inquiry={inquiry.reference}>
            <div className="work-item__head">
              <strong>{inquiry.company}</strong>
              <span className="muted mono">{inquiry.reference}</span>
              <select
                className="state-select"
                value={inquiry.status}
                aria-label={t('work.inquiryStatus')}
                onChange={(event) =>
                  setStatus.mutate({ id: inquiry.id, status: event.target.value as Inquiry['status'] })
                }
              >
                {(['new', 'contacted', 'closed'] as const).map((status) => (
                  <option key={status} value={status}>
                    {t(`inquiry.status.${status}`)}
                  </option>
                ))}
              </select>
            </div>
            <p className="work-item__line">
              {inquiry.contactName} · {[inquiry.phone, inquiry.email].filter(Boolean).join(' · ')}
            </p>
            <p className="work-item__line">
              {inquiry.plot ? (
                <PlotLink plot={inquiry.plot} onShowPlot={onShowPlot} />
              ) : (
                inquiry.zone && (i18n.language === 'en' ? inquiry.zone.nameEn : inquiry.zone.name)
              )}
              {inquiry.landDemandMu !== null &&
                ` · ${t('unit.mu', { value: formatNumber(i18n.language, inquiry.landDemandMu, 1) })}`}
              {inquiry.industry && ` · ${inquiry.industry}`}
            </p>
            {inquiry.message && <p className="work-item__text">{inquiry.message}</p>}
            <p className="work-item__meta muted">{when(i18n.language, inquiry.createdAt)}</p>
          </li>
        ))}
      </ul>
    </Loading>
  );
}

function Reservations({ canChange, onShowPlot }: { canChange: boolean; onShowPlot: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const reservations = useQuery({
    queryKey: [...queryKeys.work, 'reservations'],
    queryFn: ({ signal }) => api.reservations({ status: 'active' }, signal),
  });
  const items = reservations.data?.items;
  return (
    <Loading error={reservations.error} empty={items ? items.length === 0 : null}>
      <ul className="work-list">
        {items?.map((reservation) => (
          <li key={reservation.id} className="work-item" data-reservation-id={reservation.id}>
            <div className="work-item__head">
              <strong>{reservation.project.name}</strong>
              <span className="muted mono">{reservation.project.code}</span>
            </div>
            <p className="work-item__line">
              {t('work.holds', {
                area: t('unit.mu', { value: formatNumber(i18n.language, reservation.areaMu, 1) }),
                until: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(
                  new Date(new Date(reservation.until).getTime() - 1000),
                ),
              })}
            </p>
            <p className="work-item__line">
              {reservation.plots.slice(0, 12).map((plot) => (
                <PlotLink key={plot.id} plot={plot} onShowPlot={onShowPlot} />
              ))}
              {reservation.plots.length > 12 && ` +${reservation.plots.length - 12}`}
            </p>
            {canChange && <ReservationActions reservation={reservation} />}
          </li>
        ))}
      </ul>
    </Loading>
  );
}

function ReservationActions({ reservation }: { reservation: Reservation }) {
  const { t } = useTranslation();
  const [until, setUntil] = useState('');
  const extend = useWrite(() => api.extendReservation(reservation.id, until));
  const act = useWrite((action: 'release' | 'convert') => api.reservationAction(reservation.id, action));
  const error = extend.error ?? act.error;
  return (
    <div className="work-item__actions">
      <input
        className="input"
        type="date"
        value={until}
        aria-label={t('work.newEnd')}
        onChange={(event) => setUntil(event.target.value)}
      />
      <button
        type="button"
        className="button"
        disabled={!until || extend.isPending}
        onClick={() => extend.mutate()}
      >
        {t('work.extend')}
      </button>
      <button type="button" className="button" disabled={act.isPending} onClick={() => act.mutate('release')}>
        {t('work.release')}
      </button>
      <button type="button" className="button" disabled={act.isPending} onClick={() => act.mutate('convert')}>
        {t('work.convert')}
      </button>
      {error && <p className="inline-error">{error.message}</p>}
    </div>
  );
}

function Projects() {
  const { t, i18n } = useTranslation();
  const projects = useQuery({
    queryKey: [...queryKeys.work, 'projects'],
    queryFn: ({ signal }) => api.projects(signal),
  });
  const review = useWrite((id: number) => api.cityReview(id));
  const stage = useWrite(({ id, value }: { id: number; value: Project['stage'] }) =>
    api.updateProject(id, { stage: value }),
  );
  const [adding, setAdding] = useState(false);
  const items = projects.data?.items;
  return (
    <>
      <div className="work-item__actions">
        <button type="button" className="button" aria-expanded={adding} onClick={() => setAdding(!adding)}>
          {t('work.addProject')}
        </button>
      </div>
      {adding && <ProjectForm onDone={() => setAdding(false)} />}
      {stage.error && <p className="inline-error">{stage.error.message}</p>}
      <Loading error={projects.error} empty={items ? items.length === 0 : null}>
        <ul className="work-list">
          {items?.map((project) => (
            <li
              key={project.id}
              className="work-item"
              data-project={project.code}
              data-review={project.review}
            >
              <div className="work-item__head">
                <strong>{project.name}</strong>
                <span className="muted mono">{project.code}</span>
                {project.review !== 'not_required' && (
                  <span className={`state state--${project.review}`}>
                    {t(`project.review.${project.review}`)}
                  </span>
                )}
              </div>
              <p className="work-item__line">
                {t(`project.stage.${project.stage}`)} ·{' '}
                {t('work.investment', { value: formatNumber(i18n.language, project.investmentYi, 2) })}
                {project.landDemandMu !== null &&
                  ` · ${t('work.demand', { area: t('unit.mu', { value: formatNumber(i18n.language, project.landDemandMu, 0) }) })}`}
                {project.reservedMu > 0 &&
                  ` · ${t('work.reserved', { area: t('unit.mu', { value: formatNumber(i18n.language, project.reservedMu, 1) }) })}`}
              </p>
              <p className="work-item__meta muted">
                {project.investor} · {project.industry}
                {(i18n.language === 'en' ? project.zoneNameEn : project.zoneName) &&
                  ` · ${i18n.language === 'en' ? project.zoneNameEn : project.zoneName}`}
                {project.reviewDueAt &&
                  project.review !== 'done' &&
                  ` · ${t('project.deadline', { when: when(i18n.language, project.reviewDueAt) })}`}
              </p>
              <div className="work-item__actions">
                <select
                  className="state-select"
                  value={project.stage}
                  aria-label={t('work.stage')}
                  onChange={(event) =>
                    stage.mutate({ id: project.id, value: event.target.value as Project['stage'] })
                  }
                >
                  {(['talks', 'signed', 'started', 'producing'] as const).map((value) => (
                    <option key={value} value={value}>
                      {t(`project.stage.${value}`)}
                    </option>
                  ))}
                </select>
                {(project.review === 'due' || project.review === 'overdue') && (
                  <button
                    type="button"
                    className="button"
                    disabled={review.isPending}
                    onClick={() => review.mutate(project.id)}
                  >
                    {t('work.markReviewed')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      </Loading>
    </>
  );
}

function ProjectForm({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const zones = useZones();
  const create = useWrite((body: CreateProjectBody) => api.createProject(body));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    create.mutate(
      {
        code: text('code'),
        name: text('name'),
        investor: text('investor'),
        industry: text('industry'),
        investmentYi: Number(text('investmentYi')),
        landDemandMu: text('landDemandMu') ? Number(text('landDemandMu')) : null,
        stage: text('stage') as CreateProjectBody['stage'],
        zoneId: text('zoneId') ? Number(text('zoneId')) : null,
        signedAt: text('signedAt') ? new Date(`${text('signedAt')}T12:00:00+08:00`).toISOString() : null,
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="work-form" onSubmit={submit} aria-label={t('work.addProject')}>
      <label className="field">
        <span>{t('work.projectCode')}</span>
        <input name="code" required pattern="[A-Za-z0-9-]{2,40}" />
      </label>
      <label className="field">
        <span>{t('work.projectName')}</span>
        <input name="name" required maxLength={200} />
      </label>
      <label className="field">
        <span>{t('work.investor')}</span>
        <input name="investor" required maxLength={200} />
      </label>
      <label className="field">
        <span>{t('inquiryForm.industry')}</span>
        <input name="industry" required maxLength={100} />
      </label>
      <label className="field">
        <span>{t('work.investmentYi')}</span>
        <input name="investmentYi" type="number" min={0} step="any" required />
      </label>
      <label className="field">
        <span>{t('inquiryForm.demand')}</span>
        <input name="landDemandMu" type="number" min={0} step="any" />
      </label>
      <label className="field">
        <span>{t('work.stage')}</span>
        <select name="stage" defaultValue="talks">
          {(['talks', 'signed', 'started', 'producing'] as const).map((value) => (
            <option key={value} value={value}>
              {t(`project.stage.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('work.signedOn')}</span>
        <input name="signedAt" type="date" />
      </label>
      <label className="field">
        <span>{t('filter.zone')}</span>
        <select name="zoneId" defaultValue="">
          <option value="">—</option>
          {zones.data?.features.map((zone) => (
            <option key={zone.properties.id} value={zone.properties.id}>
              {i18n.language === 'en' ? zone.properties.nameEn : zone.properties.name}
            </option>
          ))}
        </select>
      </label>
      {create.error && <p className="inline-error">{create.error.message}</p>}
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {t('work.addProject')}
      </button>
    </form>
  );
}

function Users({ self }: { self: number }) {
  const { t } = useTranslation();
  const users = useQuery({
    queryKey: [...queryKeys.work, 'users'],
    queryFn: ({ signal }) => api.users(signal),
  });
  const [adding, setAdding] = useState(false);
  const items = users.data?.items;
  return (
    <>
      <div className="work-item__actions">
        <button type="button" className="button" aria-expanded={adding} onClick={() => setAdding(!adding)}>
          {t('work.addUser')}
        </button>
      </div>
      {adding && <UserForm onDone={() => setAdding(false)} />}
      <Loading error={users.error} empty={items ? items.length === 0 : null}>
        <ul className="work-list">
          {items?.map((user) => (
            <UserRow key={user.id} user={user} self={user.id === self} />
          ))}
        </ul>
        <p className="muted">{t('work.usersHint')}</p>
      </Loading>
    </>
  );
}

function UserForm({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const zones = useZones();
  const [role, setRole] = useState<CreateUserBody['role']>('zone_manager');
  const create = useWrite((body: CreateUserBody) => api.createUser(body));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate(
      {
        username: String(form.get('username') ?? '').trim(),
        displayName: String(form.get('displayName') ?? '').trim(),
        role,
        zoneIds: role === 'zone_manager' ? form.getAll('zoneIds').map(Number) : [],
        password: String(form.get('password') ?? ''),
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="work-form" onSubmit={submit} aria-label={t('work.addUser')}>
      <label className="field">
        <span>{t('auth.username')}</span>
        <input name="username" required pattern="[a-z0-9_.\-]{3,40}" autoComplete="off" />
      </label>
      <label className="field">
        <span>{t('work.displayName')}</span>
        <input name="displayName" required maxLength={100} />
      </label>
      <label className="field">
        <span>{t('work.role')}</span>
        <select value={role} onChange={(event) => setRole(event.target.value as CreateUserBody['role'])}>
          {(['investor', 'zone_manager', 'planner', 'admin'] as const).map((value) => (
            <option key={value} value={value}>
              {t(`role.${value}`)}
            </option>
          ))}
        </select>
      </label>
      {role === 'zone_manager' && (
        <label className="field">
          <span>{t('filter.zone')}</span>
          <select name="zoneIds" multiple required size={4}>
            {zones.data?.features.map((zone) => (
              <option key={zone.properties.id} value={zone.properties.id}>
                {i18n.language === 'en' ? zone.properties.nameEn : zone.properties.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>{t('work.newPassword')}</span>
        <input name="password" type="password" required minLength={10} autoComplete="new-password" />
      </label>
      {create.error && <p className="inline-error">{create.error.message}</p>}
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {t('work.addUser')}
      </button>
    </form>
  );
}

function UserRow({ user, self }: { user: User; self: boolean }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const update = useWrite((body: Parameters<typeof api.updateUser>[1]) => api.updateUser(user.id, body));
  const reset = useWrite(() => api.resetPassword(user.id, password));
  const error = update.error ?? reset.error;
  return (
    <li className="work-item" data-username={user.username}>
      <div className="work-item__head">
        <strong>{user.displayName}</strong>
        <span className="muted mono">{user.username}</span>
        {!user.isActive && <span className="state state--rejected">{t('work.inactive')}</span>}
      </div>
      <div className="work-item__actions">
        <select
          className="state-select"
          value={user.role}
          disabled={self || update.isPending}
          aria-label={t('work.role')}
          onChange={(event) => update.mutate({ role: event.target.value as User['role'], zoneIds: [] })}
        >
          {(['investor', 'zone_manager', 'planner', 'admin'] as const).map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
        {user.role === 'zone_manager' && (
          <input
            className="input"
            defaultValue={user.zoneIds.join(',')}
            aria-label={t('work.zones')}
            placeholder={t('work.zones')}
            onBlur={(event) => {
              const zoneIds = event.target.value
                .split(',')
                .map((part) => Number(part.trim()))
                .filter((n) => Number.isInteger(n) && n > 0);
              if (zoneIds.join(',') !== user.zoneIds.join(',')) update.mutate({ zoneIds });
            }}
          />
        )}
        {!self && (
          <button
            type="button"
            className="button"
            onClick={() => update.mutate({ isActive: !user.isActive })}
          >
            {user.isActive ? t('work.deactivate') : t('work.activate')}
          </button>
        )}
        <input
          className="input"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          placeholder={t('work.newPassword')}
          aria-label={t('work.newPassword')}
        />
        <button
          type="button"
          className="button"
          disabled={password.length < 10 || reset.isPending}
          onClick={() => reset.mutate(undefined, { onSuccess: () => setPassword('') })}
        >
          {t('work.resetPassword')}
        </button>
      </div>
      {error && <p className="inline-error">{error.message}</p>}
    </li>
  );
}

function AuditLog() {
  const { t, i18n } = useTranslation();
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [offset, setOffset] = useState(0);
  const params = { ...(actor ? { actor } : {}), ...(action ? { action } : {}), offset };
  const log = useQuery({
    queryKey: [...queryKeys.work, 'audit', params],
    queryFn: ({ signal }) => api.audit(params, signal),
    placeholderData: (previous) => previous,
  });
  return (
    <>
      <div className="work-item__actions">
        <input
          className="input"
          value={actor}
          onChange={(event) => {
            setActor(event.target.value.trim());
            setOffset(0);
          }}
          placeholder={t('work.actor')}
          aria-label={t('work.actor')}
        />
        <select
          className="state-select"
          value={action}
          aria-label={t('work.action')}
          onChange={(event) => {
            setAction(event.target.value);
            setOffset(0);
          }}
        >
          <option value="">{t('filter.all')}</option>
          {['auth.', 'flag.', 'reservation.', 'plot.', 'plan.', 'inquiry.', 'project.', 'user.'].map(
            (prefix) => (
              <option key={prefix} value={prefix}>
                {prefix.slice(0, -1)}
              </option>
            ),
          )}
        </select>
      </div>
      <Loading error={log.error} empty={log.data ? log.data.items.length === 0 : null}>
        <table className="audit-table">
          <tbody>
            {log.data?.items.map((event) => (
              <tr key={event.id}>
                <td className="muted">{when(i18n.language, event.at)}</td>
                <td>{event.actor ?? t('timeline.system')}</td>
                <td className="mono">{event.action}</td>
                <td className="mono">
                  {event.entityType} {event.entityId}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="work-item__actions">
          <button
            type="button"
            className="button"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - 50))}
          >
            {t('table.prev')}
          </button>
          <span className="muted">
            {formatNumber(i18n.language, offset + 1)}–
            {formatNumber(i18n.language, offset + (log.data?.items.length ?? 0))} /{' '}
            {formatNumber(i18n.language, log.data?.total ?? 0)}
          </span>
          <button
            type="button"
            className="button"
            disabled={!log.data || offset + 50 >= log.data.total}
            onClick={() => setOffset(offset + 50)}
          >
            {t('table.next')}
          </button>
        </div>
      </Loading>
    </>
  );
}
