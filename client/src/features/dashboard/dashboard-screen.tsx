// The dashboard (统计): KPIs, charts and tables by district and zone for the city, a district or a
// zone, with every figure exportable. Loaded on demand (React.lazy), with ECharts, when opened.
import type { TFunction } from 'i18next';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  Dashboard,
  DashboardFigures,
  DashboardTable,
} from '../../../../server/src/dashboard/schemas.ts';
import { api } from '../../api/client.ts';
import { useDashboard } from '../../api/queries.ts';
import type { DistrictCollection, ZoneCollection } from '../../api/types.ts';
import type { SignedInUser } from '../../api/workflow-types.ts';
import { formatNumber } from '../../i18n/format.ts';
import {
  barHeight,
  CHART_STATUSES,
  funnelChart,
  type Group,
  inefficiencyChart,
  revitalizationChart,
  statusChart,
  supplyChart,
} from './chart-options.ts';
import { EChart } from './echart.tsx';
import './dashboard.css';

export interface DashboardScreenProps {
  user: SignedInUser;
  districts: DistrictCollection | undefined;
  zones: ZoneCollection | undefined;
  districtCode: string | null;
  zoneId: number | null;
  onScopeChange: (scope: { districtCode: string | null; zoneId: number | null }) => void;
  onClose: () => void;
}

type Mode = 'district' | 'zone';

export default function DashboardScreen(props: DashboardScreenProps) {
  const { user, districts, zones, districtCode, zoneId, onScopeChange, onClose } = props;
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const english = language === 'en';
  const scope = useMemo(
    () => ({
      ...(districtCode === null ? {} : { districtCode }),
      ...(zoneId === null ? {} : { zoneId }),
    }),
    [districtCode, zoneId],
  );
  const query = useDashboard(scope);
  const data = query.data;
  const [mode, setMode] = useState<Mode>('district');

  // A zone manager chooses among their own zones; planners and admins among all.
  const zoneChoices = (zones?.features ?? [])
    .map((zone) => zone.properties)
    .filter((zone) => user.role !== 'zone_manager' || user.zoneIds.includes(zone.id))
    .filter((zone) => districtCode === null || zone.districtCode === districtCode);
  const districtName = (code: string) => {
    const district = districts?.features.find((d) => d.properties.code === code)?.properties;
    return district ? (english ? district.nameEn : district.name) : code;
  };

  const groups = useMemo<Record<Mode, Group[]>>(
    () => ({
      district: (data?.byDistrict ?? []).map((d) => ({
        key: d.districtCode,
        name: english ? d.nameEn : d.name,
        figures: d.figures,
      })),
      zone: (data?.byZone ?? []).map((z) => ({
        key: String(z.zoneId),
        name: (english ? z.nameEn : z.name) ?? t('dashboard.outsideZones'),
        figures: z.figures,
      })),
    }),
    [data, english, t],
  );
  const shown = groups[mode];
  const charts = useMemo(
    () =>
      data && {
        status: statusChart(shown, t, language),
        supply: supplyChart(shown, t, language),
        inefficiency: inefficiencyChart(data.totals, t, language),
        revitalization: revitalizationChart(data.revitalization, shown, mode, language),
        funnel: funnelChart(data.totals.projects, t, language),
      },
    [data, shown, mode, t, language],
  );

  const statusList = (statuses: string[]) =>
    statuses
      .filter((s): s is ChartStatus => (CHART_STATUSES as readonly string[]).includes(s))
      .map((s) => t(`status.${s}`))
      .join(english ? ', ' : '、');
  const exportUrl = (format: 'csv' | 'xlsx', table?: DashboardTable) =>
    api.dashboardExportUrl(format, scope, language, table);

  return (
    <section className="dashboard" aria-labelledby="dashboard-title" data-testid="dashboard">
      <header className="dashboard__header">
        <div className="dashboard__heading">
          <h2 id="dashboard-title" className="dashboard__title">
            {t('dashboard.title')}
          </h2>
          {data?.isSample && (
            <span
              className="badge badge--sample"
              title={t('app.sampleBadgeHint')}
              data-testid="dashboard-sample-badge"
            >
              {t('app.sampleBadge')}
            </span>
          )}
          <button
            type="button"
            className="icon-button dashboard__close"
            onClick={onClose}
            aria-label={t('dashboard.close')}
          >
            <svg viewBox="0 0 20 20" aria-hidden="true">
              <path d="m5 5 10 10M15 5 5 15" stroke="currentColor" strokeWidth="2" />
            </svg>
          </button>
        </div>
        <div className="dashboard__controls">
          <label className="dashboard__field">
            <span>{t('dashboard.district')}</span>
            <select
              name="district"
              value={districtCode ?? ''}
              onChange={(event) => {
                const code = event.target.value || null;
                const zone = zones?.features.find((z) => z.properties.id === zoneId)?.properties;
                // A zone outside the newly chosen district no longer applies.
                onScopeChange({
                  districtCode: code,
                  zoneId: zone && code !== null && zone.districtCode !== code ? null : zoneId,
                });
              }}
            >
              <option value="">{t('dashboard.allDistricts')}</option>
              {districts?.features.map((d) => (
                <option key={d.properties.code} value={d.properties.code}>
                  {english ? d.properties.nameEn : d.properties.name}
                </option>
              ))}
            </select>
          </label>
          <label className="dashboard__field">
            <span>{t('dashboard.zone')}</span>
            <select
              name="zone"
              value={zoneId ?? ''}
              onChange={(event) =>
                onScopeChange({
                  districtCode,
                  zoneId: event.target.value ? Number(event.target.value) : null,
                })
              }
            >
              <option value="">
                {user.role === 'zone_manager' ? t('dashboard.myZones') : t('dashboard.allZones')}
              </option>
              {zoneChoices.map((zone) => (
                <option key={zone.id} value={zone.id}>
                  {english ? zone.nameEn : zone.name}
                </option>
              ))}
            </select>
          </label>
          <div className="dashboard__exports">
            <a className="button" href={exportUrl('xlsx')} download data-testid="dashboard-export-xlsx">
              {t('dashboard.exportXlsx')}
            </a>
            <a className="button" href={exportUrl('csv')} download data-testid="dashboard-export-csv">
              {t('dashboard.exportCsv')}
            </a>
          </div>
        </div>
      </header>

      <div className="dashboard__body" aria-busy={query.isFetching}>
        {query.error && (
          <div className="notice notice--error" role="alert">
            <span>{t('dashboard.error', { message: query.error.message })}</span>
            <button type="button" className="button" onClick={() => void query.refetch()}>
              {t('app.retry')}
            </button>
          </div>
        )}
        {!data && !query.error && (
          <div className="app__message" role="status">
            <div className="spinner" aria-hidden="true" />
            <p>{t('dashboard.loading')}</p>
          </div>
        )}
        {data && charts && (
          <>
            <p className="dashboard__scope muted" data-testid="dashboard-scope">
              {scopeText(data, t, districtName, zones, english)}
            </p>
            <Kpis data={data} />

            <div className="dashboard__section-head">
              <h3>{t('dashboard.charts')}</h3>
              <fieldset className="dashboard__mode" aria-label={t('dashboard.groupBy')}>
                {(['district', 'zone'] as const).map((value) => (
                  <button
                    key={value}
                    type="button"
                    aria-pressed={mode === value}
                    onClick={() => setMode(value)}
                  >
                    {t(value === 'district' ? 'dashboard.byDistrict' : 'dashboard.byZone')}
                  </button>
                ))}
              </fieldset>
            </div>
            <div className="dashboard__charts">
              <Card title={t('dashboard.chart.status')}>
                <EChart
                  option={charts.status}
                  label={t('dashboard.chart.status')}
                  height={barHeight(shown.length)}
                  testId="chart-status"
                />
              </Card>
              <Card title={t('dashboard.chart.inefficiency')}>
                <EChart option={charts.inefficiency} label={t('dashboard.chart.inefficiency')} height={300} />
              </Card>
              <Card title={t('dashboard.chart.revitalization', { months: data.definitions.months })} wide>
                <EChart
                  option={charts.revitalization}
                  label={t('dashboard.chart.revitalization', { months: data.definitions.months })}
                  height={300}
                />
              </Card>
              <Card title={t('dashboard.chart.supply')}>
                <EChart
                  option={charts.supply}
                  label={t('dashboard.chart.supply')}
                  height={barHeight(shown.length)}
                />
              </Card>
              <Card title={t('dashboard.chart.funnel')}>
                <EChart option={charts.funnel} label={t('dashboard.chart.funnel')} height={260} />
              </Card>
            </div>

            <FigureTable
              id="districts"
              title={t('dashboard.byDistrict')}
              nameHeading={t('dashboard.district')}
              rows={groups.district}
              csvUrl={exportUrl('csv', 'districts')}
              onPick={(key) => onScopeChange({ districtCode: key, zoneId: null })}
            />
            <FigureTable
              id="zones"
              title={t('dashboard.byZone')}
              nameHeading={t('dashboard.zone')}
              rows={groups.zone}
              csvUrl={exportUrl('csv', 'zones')}
              onPick={(key) => {
                const zone = zones?.features.find((z) => String(z.properties.id) === key)?.properties;
                if (zone) onScopeChange({ districtCode: zone.districtCode, zoneId: zone.id });
              }}
            />
            <Reviews data={data} csvUrl={exportUrl('csv', 'reviews')} />
            <ul className="dashboard__notes muted">
              <li>{t('dashboard.note.inefficient')}</li>
              <li>
                {t('dashboard.note.revitalized', {
                  from: statusList(data.definitions.revitalizedFrom),
                  to: statusList(data.definitions.revitalizedTo),
                  months: data.definitions.months,
                })}
              </li>
              <li>{t('dashboard.note.parcels')}</li>
              <li>{t('dashboard.note.reservations', { days: data.definitions.expiringWithinDays })}</li>
            </ul>
          </>
        )}
      </div>
    </section>
  );
}

function scopeText(
  data: Dashboard,
  t: TFunction,
  districtName: (code: string) => string,
  zones: ZoneCollection | undefined,
  english: boolean,
): string {
  const zoneName = (id: number) => {
    const zone = zones?.features.find((z) => z.properties.id === id)?.properties;
    return zone ? (english ? zone.nameEn : zone.name) : String(id);
  };
  const parts: string[] = [];
  if (data.scope.districtCode) parts.push(districtName(data.scope.districtCode));
  if (data.scope.zoneId !== null) parts.push(zoneName(data.scope.zoneId));
  else if (data.scope.zoneIds !== null) {
    parts.push(
      t('dashboard.ownZones', { zones: data.scope.zoneIds.map(zoneName).join(english ? ', ' : '、') }),
    );
  }
  return t('dashboard.scope', { scope: parts.length ? parts.join(' · ') : t('dashboard.wholeCity') });
}

function Card({ title, wide, children }: { title: string; wide?: boolean; children: ReactNode }) {
  return (
    <figure className={`dashboard-card${wide ? ' dashboard-card--wide' : ''}`}>
      <figcaption className="dashboard-card__title">{title}</figcaption>
      {children}
    </figure>
  );
}

function Kpis({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation();
  const n = (value: number, digits = 0) => formatNumber(i18n.language, value, digits);
  const f = data.totals;
  const cards: { id: string; label: string; value: number; text: string; detail: string; alert?: boolean }[] =
    [
      {
        id: 'plots',
        label: t('dashboard.kpi.plots'),
        value: f.plots.count,
        text: t('dashboard.unit.plots', { value: n(f.plots.count) }),
        detail: t('dashboard.unit.mu', { value: n(f.plots.areaMu) }),
      },
      {
        id: 'available',
        label: t('dashboard.kpi.available'),
        value: f.byStatus.available.areaMu,
        text: t('dashboard.unit.mu', { value: n(f.byStatus.available.areaMu) }),
        detail: t('dashboard.unit.plots', { value: n(f.byStatus.available.count) }),
      },
      {
        id: 'inefficient',
        label: t('dashboard.kpi.inefficient'),
        value: f.inefficient.areaMu,
        text: t('dashboard.unit.mu', { value: n(f.inefficient.areaMu) }),
        detail: t('dashboard.unit.plots', { value: n(f.inefficient.count) }),
      },
      {
        id: 'revitalized',
        label: t('dashboard.kpi.revitalized', { months: data.definitions.months }),
        value: f.revitalized.areaMu,
        text: t('dashboard.unit.mu', { value: n(f.revitalized.areaMu) }),
        detail: t('dashboard.unit.plots', { value: n(f.revitalized.count) }),
      },
      {
        id: 'parcels',
        label: t('dashboard.kpi.parcels'),
        value: f.parcels.count,
        text: t('dashboard.unit.items', { value: n(f.parcels.count) }),
        detail: t('dashboard.unit.mu', { value: n(f.parcels.areaMu) }),
      },
      {
        id: 'reservations',
        label: t('dashboard.kpi.reservations'),
        value: f.reservations.count,
        text: t('dashboard.unit.items', { value: n(f.reservations.count) }),
        detail: t('dashboard.reservationDetail', {
          area: n(f.reservations.areaMu),
          expiring: n(f.reservations.expiringSoon),
        }),
      },
      {
        id: 'projects',
        label: t('dashboard.kpi.projects'),
        value: f.projects.count,
        text: t('dashboard.unit.items', { value: n(f.projects.count) }),
        detail: t('dashboard.unit.yi', { value: n(f.projects.investmentYi, 1) }),
      },
      {
        id: 'reviews',
        label: t('dashboard.kpi.reviews'),
        value: f.reviews.due + f.reviews.overdue,
        text: t('dashboard.unit.items', { value: n(f.reviews.due + f.reviews.overdue) }),
        detail: t('dashboard.reviewDetail', { due: n(f.reviews.due), overdue: n(f.reviews.overdue) }),
        alert: f.reviews.overdue > 0,
      },
    ];
  return (
    <ul className="dashboard__kpis">
      {cards.map((card) => (
        <li
          key={card.id}
          className={`kpi${card.alert ? ' kpi--alert' : ''}`}
          data-testid={`kpi-${card.id}`}
          data-value={card.value}
        >
          <span className="kpi__label">{card.label}</span>
          <span className="kpi__value">{card.text}</span>
          <span className="kpi__detail">{card.detail}</span>
        </li>
      ))}
    </ul>
  );
}

type ChartStatus = (typeof CHART_STATUSES)[number];

const TABLE_COLUMNS: {
  key:
    | 'plots'
    | 'area'
    | 'available'
    | 'inefficient'
    | 'revitalized'
    | 'parcels'
    | 'reserved'
    | 'projects'
    | 'investment'
    | 'reviews';
  value: (f: DashboardFigures) => number;
  digits?: number;
}[] = [
  { key: 'plots', value: (f) => f.plots.count },
  { key: 'area', value: (f) => f.plots.areaMu },
  { key: 'available', value: (f) => f.byStatus.available.areaMu },
  { key: 'inefficient', value: (f) => f.inefficient.areaMu },
  { key: 'revitalized', value: (f) => f.revitalized.areaMu },
  { key: 'parcels', value: (f) => f.parcels.count },
  { key: 'reserved', value: (f) => f.reservations.areaMu },
  { key: 'projects', value: (f) => f.projects.count },
  { key: 'investment', value: (f) => f.projects.investmentYi, digits: 1 },
  { key: 'reviews', value: (f) => f.reviews.due + f.reviews.overdue },
];

function FigureTable(props: {
  id: string;
  title: string;
  nameHeading: string;
  rows: Group[];
  csvUrl: string;
  onPick: (key: string) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <section className="dashboard-table" aria-labelledby={`dashboard-table-${props.id}`}>
      <div className="dashboard__section-head">
        <h3 id={`dashboard-table-${props.id}`}>{props.title}</h3>
        <a className="button" href={props.csvUrl} download>
          {t('dashboard.exportCsv')}
        </a>
      </div>
      <div className="dashboard-table__scroll">
        <table data-testid={`dashboard-table-${props.id}`}>
          <thead>
            <tr>
              <th scope="col">{props.nameHeading}</th>
              {TABLE_COLUMNS.map((column) => (
                <th key={column.key} scope="col" className="number">
                  {t(`dashboard.col.${column.key}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">
                  {row.key === 'null' ? (
                    row.name
                  ) : (
                    <button type="button" className="table-link" onClick={() => props.onPick(row.key)}>
                      {row.name}
                    </button>
                  )}
                </th>
                {TABLE_COLUMNS.map((column) => (
                  <td key={column.key} className="number" data-column={column.key}>
                    {formatNumber(i18n.language, column.value(row.figures), column.digits ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Reviews({ data, csvUrl }: { data: Dashboard; csvUrl: string }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const zoneName = new Map(data.byZone.map((z) => [z.zoneId, english ? z.nameEn : z.name]));
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="dashboard-table" aria-labelledby="dashboard-reviews">
      <div className="dashboard__section-head">
        <h3 id="dashboard-reviews">{t('dashboard.reviews.title')}</h3>
        <a className="button" href={csvUrl} download>
          {t('dashboard.exportCsv')}
        </a>
      </div>
      {data.reviews.length === 0 ? (
        <p className="muted">{t('dashboard.reviews.none')}</p>
      ) : (
        <div className="dashboard-table__scroll">
          <table data-testid="dashboard-reviews">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.reviews.project')}</th>
                <th scope="col">{t('dashboard.zone')}</th>
                <th scope="col" className="number">
                  {t('dashboard.col.investment')}
                </th>
                <th scope="col">{t('dashboard.reviews.deadline')}</th>
                <th scope="col">{t('dashboard.reviews.state')}</th>
              </tr>
            </thead>
            <tbody>
              {data.reviews.map((review) => (
                <tr key={review.projectId} className={review.review === 'overdue' ? 'is-overdue' : undefined}>
                  <th scope="row">
                    <span className="mono">{review.code}</span> {review.name}
                  </th>
                  <td>{review.zoneId === null ? '—' : (zoneName.get(review.zoneId) ?? '—')}</td>
                  <td className="number">{formatNumber(i18n.language, review.investmentYi, 1)}</td>
                  <td>{when.format(new Date(review.reviewDueAt))}</td>
                  <td>{t(`project.review.${review.review}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
