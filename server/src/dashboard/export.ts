// The dashboard as tables (every number it shows), written as CSV (UTF-8 with BOM) or XLSX.
import { addSheet, type Cell, csvText, newWorkbook, workbookBuffer } from '../http/spreadsheet.ts';
import { PLOT_STATUSES } from '../plots/schemas.ts';
import { PROJECT_STAGES } from '../projects/schemas.ts';
import { type ExportLanguage, wordsFor } from './labels.ts';
import {
  DASHBOARD_INEFFICIENCY_TYPES,
  type Dashboard,
  type DashboardFigures,
  type DashboardTable,
} from './schemas.ts';

export interface Table {
  name: DashboardTable;
  title: string;
  headers: string[];
  rows: Cell[][];
}

interface FigureColumn {
  key: string;
  item: string;
  measure: 'count' | 'area' | 'investment';
  unit: 'plots' | 'mu' | 'items' | 'yi';
  get: (figures: DashboardFigures) => number;
}

/** Every number of a scope's figures, in a fixed order: the columns of the district and zone tables. */
function figureColumns(): FigureColumn[] {
  const columns: FigureColumn[] = [];
  const pair = (
    key: string,
    item: string,
    get: (f: DashboardFigures) => { count: number; areaMu: number },
    unit: 'plots' | 'items' = 'plots',
  ) => {
    columns.push({ key: `${key}.count`, item, measure: 'count', unit, get: (f) => get(f).count });
    columns.push({ key: `${key}.areaMu`, item, measure: 'area', unit: 'mu', get: (f) => get(f).areaMu });
  };
  pair('plots', 'fig.plots', (f) => f.plots);
  for (const status of PLOT_STATUSES) pair(`status.${status}`, `status.${status}`, (f) => f.byStatus[status]);
  pair('inefficient', 'fig.inefficient', (f) => f.inefficient);
  for (const type of DASHBOARD_INEFFICIENCY_TYPES) {
    pair(`type.${type}`, `type.${type}`, (f) => f.byInefficiencyType[type]);
  }
  pair('revitalized', 'fig.revitalized', (f) => f.revitalized);
  pair('parcels', 'fig.parcels', (f) => f.parcels, 'items');
  columns.push(
    {
      key: 'reservations.count',
      item: 'fig.reservations',
      measure: 'count',
      unit: 'items',
      get: (f) => f.reservations.count,
    },
    {
      key: 'reservations.plotCount',
      item: 'fig.reservations.plots',
      measure: 'count',
      unit: 'plots',
      get: (f) => f.reservations.plotCount,
    },
    {
      key: 'reservations.areaMu',
      item: 'fig.reservations.plots',
      measure: 'area',
      unit: 'mu',
      get: (f) => f.reservations.areaMu,
    },
    {
      key: 'reservations.expiringSoon',
      item: 'fig.reservations.expiring',
      measure: 'count',
      unit: 'items',
      get: (f) => f.reservations.expiringSoon,
    },
    {
      key: 'projects.count',
      item: 'fig.projects',
      measure: 'count',
      unit: 'items',
      get: (f) => f.projects.count,
    },
    {
      key: 'projects.investmentYi',
      item: 'fig.projects',
      measure: 'investment',
      unit: 'yi',
      get: (f) => f.projects.investmentYi,
    },
  );
  for (const stage of PROJECT_STAGES) {
    columns.push(
      {
        key: `stage.${stage}.count`,
        item: `stage.${stage}`,
        measure: 'count',
        unit: 'items',
        get: (f) => f.projects.byStage[stage].count,
      },
      {
        key: `stage.${stage}.investmentYi`,
        item: `stage.${stage}`,
        measure: 'investment',
        unit: 'yi',
        get: (f) => f.projects.byStage[stage].investmentYi,
      },
    );
  }
  columns.push(
    {
      key: 'reviews.due',
      item: 'fig.reviews.due',
      measure: 'count',
      unit: 'items',
      get: (f) => f.reviews.due,
    },
    {
      key: 'reviews.overdue',
      item: 'fig.reviews.overdue',
      measure: 'count',
      unit: 'items',
      get: (f) => f.reviews.overdue,
    },
  );
  return columns;
}

const FIGURE_COLUMNS = figureColumns();
/** Keys of the figure columns, in order (tests read exports by them). */
export const FIGURE_COLUMN_KEYS = FIGURE_COLUMNS.map((column) => column.key);

export function dashboardTables(dashboard: Dashboard, language: ExportLanguage): Table[] {
  const w = wordsFor(language);
  const en = language === 'en';
  const name = (row: { name: string | null; nameEn: string | null }) => (en ? row.nameEn : row.name);
  const item = (column: FigureColumn) =>
    en
      ? `${w(column.item)}: ${w(`measure.${column.measure}`)}`
      : `${w(column.item)}${w(`measure.${column.measure}`)}`;
  const heading = (column: FigureColumn) =>
    en ? `${item(column)} (${w(`unit.${column.unit}`)})` : `${item(column)}（${w(`unit.${column.unit}`)}）`;
  const figureHeadings = FIGURE_COLUMNS.map(heading);
  const figureCells = (figures: DashboardFigures) => FIGURE_COLUMNS.map((column) => column.get(figures));
  const districtName = new Map(dashboard.byDistrict.map((d) => [d.districtCode, name(d)]));
  const zoneName = new Map(dashboard.byZone.map((z) => [z.zoneId, name(z) ?? w('outsideZones')]));
  const scope = dashboard.scope;
  const scopeText = [
    scope.districtCode === null
      ? null
      : `${w('col.district')} ${districtName.get(scope.districtCode) ?? scope.districtCode}`,
    scope.zoneId === null ? null : `${w('col.zone')} ${zoneName.get(scope.zoneId) ?? scope.zoneId}`,
    scope.zoneIds === null
      ? null
      : `${w('col.zone')} ${scope.zoneIds.map((id) => zoneName.get(id) ?? id).join(', ')}`,
  ].filter((part) => part !== null);
  const definitions = dashboard.definitions;

  const stageCounts = PROJECT_STAGES.map((stage) => dashboard.totals.projects.byStage[stage].count);
  return [
    {
      name: 'about',
      title: en ? 'About' : '说明',
      headers: [w('col.item'), w('col.value')],
      rows: [
        [w('scope'), scopeText.length ? scopeText.join('; ') : w('all')],
        [en ? 'Generated at' : '生成时间', dashboard.generatedAt],
        ...(dashboard.isSample
          ? [
              [
                w('sample'),
                en ? 'yes: generated sample data, not real plots' : '是：自动生成的示例数据，并非真实地块',
              ],
            ]
          : []),
        [
          w('fig.inefficient'),
          definitions.inefficientStatuses.map((s) => w(`status.${s}`)).join(en ? ', ' : '、'),
        ],
        [
          w('fig.revitalized'),
          `${definitions.revitalizedFrom.map((s) => w(`status.${s}`)).join(en ? ', ' : '、')} → ${definitions.revitalizedTo
            .map((s) => w(`status.${s}`))
            .join(
              en ? ', ' : '、',
            )}; ${en ? `last ${definitions.months} months (${definitions.timeZone})` : `近 ${definitions.months} 个月（${definitions.timeZone}）`}`,
        ],
        [
          w('fig.reservations.expiring'),
          en
            ? `ending within ${definitions.expiringWithinDays} days`
            : `${definitions.expiringWithinDays} 天内到期`,
        ],
      ] as Cell[][],
    },
    {
      name: 'summary',
      title: w('table.summary'),
      headers: [w('col.item'), w('col.value'), w('col.unit')],
      rows: FIGURE_COLUMNS.map((column) => [
        item(column),
        column.get(dashboard.totals),
        w(`unit.${column.unit}`),
      ]),
    },
    {
      name: 'districts',
      title: w('table.districts'),
      headers: [w('col.districtCode'), w('col.district'), ...figureHeadings],
      rows: dashboard.byDistrict.map((d) => [d.districtCode, name(d), ...figureCells(d.figures)]),
    },
    {
      name: 'zones',
      title: w('table.zones'),
      headers: [w('col.zoneId'), w('col.zoneCode'), w('col.zone'), w('col.districtCode'), ...figureHeadings],
      rows: dashboard.byZone.map((z) => [
        z.zoneId,
        z.code,
        name(z) ?? w('outsideZones'),
        z.districtCode,
        ...figureCells(z.figures),
      ]),
    },
    {
      name: 'status',
      title: w('table.status'),
      headers: [w('col.code'), w('col.status'), w('col.count'), w('col.areaMu')],
      rows: PLOT_STATUSES.map((status) => {
        const t = dashboard.totals.byStatus[status];
        return [status, w(`status.${status}`), t.count, t.areaMu];
      }),
    },
    {
      name: 'inefficiency',
      title: w('table.inefficiency'),
      headers: [w('col.code'), w('col.inefficiencyType'), w('col.count'), w('col.areaMu')],
      rows: DASHBOARD_INEFFICIENCY_TYPES.map((type) => {
        const t = dashboard.totals.byInefficiencyType[type];
        return [type, w(`type.${type}`), t.count, t.areaMu];
      }),
    },
    {
      name: 'revitalization',
      title: w('table.revitalization'),
      headers: [
        w('col.month'),
        w('col.level'),
        w('col.code'),
        w('col.name'),
        w('col.count'),
        w('col.areaMu'),
      ],
      rows: dashboard.revitalization.flatMap((month) => [
        [month.month, w('level.total'), null, w('all'), month.count, month.areaMu],
        ...month.byDistrict.map((d) => [
          month.month,
          w('level.district'),
          d.districtCode,
          districtName.get(d.districtCode) ?? null,
          d.count,
          d.areaMu,
        ]),
        ...month.byZone.map((z) => [
          month.month,
          w('level.zone'),
          z.zoneId,
          zoneName.get(z.zoneId) ?? null,
          z.count,
          z.areaMu,
        ]),
      ]),
    },
    {
      name: 'stages',
      title: w('table.stages'),
      headers: [w('col.code'), w('col.stage'), w('col.count'), w('col.investmentYi'), w('col.reached')],
      rows: PROJECT_STAGES.map((stage, i) => {
        const t = dashboard.totals.projects.byStage[stage];
        // A funnel: a project producing has also been signed and started.
        const reached = stageCounts.slice(i).reduce((sum, n) => sum + n, 0);
        return [stage, w(`stage.${stage}`), t.count, t.investmentYi, reached];
      }),
    },
    {
      name: 'reviews',
      title: w('table.reviews'),
      headers: [
        w('col.projectCode'),
        w('col.projectName'),
        w('col.zone'),
        w('col.investmentYi'),
        w('col.signedAt'),
        w('col.reviewDueAt'),
        w('col.review'),
      ],
      rows: dashboard.reviews.map((r) => [
        r.code,
        r.name,
        r.zoneId === null ? null : (zoneName.get(r.zoneId) ?? null),
        r.investmentYi,
        r.signedAt,
        r.reviewDueAt,
        w(`review.${r.review}`),
      ]),
    },
  ];
}

const tableRows = (table: Table): Cell[][] => [table.headers, ...table.rows];

/** One table: a header row and its rows. Several: each under its title, a blank line between. */
export function toCsv(tables: Table[]): string {
  return csvText(
    tables.length === 1
      ? tableRows(tables[0]!)
      : tables.flatMap((table, i) => [...(i > 0 ? [[]] : []), [table.title], ...tableRows(table)]),
  );
}

/** One sheet per table, its header row frozen and bold. */
export async function toXlsx(tables: Table[], isSample: boolean): Promise<Buffer> {
  const workbook = newWorkbook(isSample);
  for (const table of tables) {
    const sheet = addSheet(workbook, table.title);
    sheet.addRow(table.headers).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((column, i) => {
      const longest = Math.max(
        ...[table.headers[i], ...table.rows.map((row) => row[i])].map((value) => String(value ?? '').length),
      );
      column.width = Math.min(40, Math.max(8, longest + 2));
    });
  }
  return workbookBuffer(workbook);
}
