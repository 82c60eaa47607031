// Request and response schemas of the dashboard (统计); the client imports these as types.
import { type Static, type TSchema, Type } from 'typebox';
import { Nullable } from '../http/schemas.ts';
import { INEFFICIENCY_TYPES, PLOT_STATUSES } from '../plots/schemas.ts';
import { PROJECT_STAGES } from '../projects/schemas.ts';

/** Statuses of land still to be revitalized: the inefficient stock (低效存量). */
export const INEFFICIENT_STATUSES = ['low_efficiency', 'idle', 'revitalizing'] as const;
/** Inefficiency types, plus the inefficient plots no type was recorded for. */
export const DASHBOARD_INEFFICIENCY_TYPES = [...INEFFICIENCY_TYPES, 'unclassified'] as const;
/** The tables of an export: one CSV section or one spreadsheet sheet each. */
export const DASHBOARD_TABLES = [
  'about',
  'summary',
  'districts',
  'zones',
  'status',
  'inefficiency',
  'revitalization',
  'stages',
  'reviews',
] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

const ScopeFields = {
  districtCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: '6-digit district code' })),
  zoneId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
};

export const DashboardQuery = Type.Object(ScopeFields, { additionalProperties: false });
export type DashboardQuery = Static<typeof DashboardQuery>;

export const DashboardExportQuery = Type.Object(
  {
    format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
    ...ScopeFields,
    table: Type.Optional(
      Type.Enum(DASHBOARD_TABLES, { description: 'one table only; by default every table' }),
    ),
    lang: Type.Optional(
      Type.Union([Type.Literal('zh-CN'), Type.Literal('en')], { default: 'zh-CN', description: 'headings' }),
    ),
  },
  { additionalProperties: false },
);
export type DashboardExportQuery = Static<typeof DashboardExportQuery>;

const Tally = Type.Object({
  count: Type.Integer(),
  areaMu: Type.Number({ description: 'mu, rounded to 0.01' }),
});
export type Tally = Static<typeof Tally>;

const keyed = <K extends string, S extends TSchema>(keys: readonly K[], schema: S) =>
  Type.Object(Object.fromEntries(keys.map((key) => [key, schema])) as Record<K, S>);

const StageTally = Type.Object({ count: Type.Integer(), investmentYi: Type.Number({ description: '亿元' }) });

/** Every figure the dashboard shows for one scope: the whole view, one district or one zone. */
export const DashboardFigures = Type.Object({
  plots: Tally,
  byStatus: keyed(PLOT_STATUSES, Tally),
  inefficient: Type.Object(
    { count: Type.Integer(), areaMu: Type.Number() },
    { description: `plots whose status is ${INEFFICIENT_STATUSES.join(', ')}` },
  ),
  byInefficiencyType: keyed(DASHBOARD_INEFFICIENCY_TYPES, Tally),
  revitalized: Type.Object(
    { count: Type.Integer(), areaMu: Type.Number() },
    { description: 'status changes counted as revitalization within the charted months' },
  ),
  parcels: Type.Object(
    { count: Type.Integer(), areaMu: Type.Number() },
    {
      description:
        'contiguous parcels (planning scope); one spanning several districts or zones counts in each',
    },
  ),
  reservations: Type.Object({
    count: Type.Integer({ description: 'active reservations' }),
    plotCount: Type.Integer(),
    areaMu: Type.Number(),
    expiringSoon: Type.Integer({ description: 'active reservations ending within the configured days' }),
  }),
  projects: Type.Object({
    count: Type.Integer(),
    investmentYi: Type.Number({ description: '亿元' }),
    byStage: keyed(PROJECT_STAGES, StageTally),
  }),
  reviews: Type.Object({
    due: Type.Integer({ description: 'city reviews (72 h) not yet held, deadline ahead' }),
    overdue: Type.Integer({ description: 'city reviews past their deadline' }),
  }),
});
export type DashboardFigures = Static<typeof DashboardFigures>;

export const DashboardDistrict = Type.Object({
  districtCode: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  figures: DashboardFigures,
});
export type DashboardDistrict = Static<typeof DashboardDistrict>;

export const DashboardZone = Type.Object({
  zoneId: Nullable(Type.Integer({ description: 'null: plots outside any zone' })),
  code: Nullable(Type.String()),
  name: Nullable(Type.String()),
  nameEn: Nullable(Type.String()),
  districtCode: Nullable(Type.String()),
  figures: DashboardFigures,
});
export type DashboardZone = Static<typeof DashboardZone>;

export const RevitalizationMonth = Type.Object({
  month: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$' }),
  count: Type.Integer(),
  areaMu: Type.Number(),
  byDistrict: Type.Array(
    Type.Object({ districtCode: Type.String(), count: Type.Integer(), areaMu: Type.Number() }),
  ),
  byZone: Type.Array(
    Type.Object({ zoneId: Nullable(Type.Integer()), count: Type.Integer(), areaMu: Type.Number() }),
  ),
});
export type RevitalizationMonth = Static<typeof RevitalizationMonth>;

export const DueReview = Type.Object({
  projectId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  zoneId: Nullable(Type.Integer()),
  investmentYi: Type.Number(),
  signedAt: Type.String({ format: 'date-time' }),
  reviewDueAt: Type.String({ format: 'date-time' }),
  review: Type.Union([Type.Literal('due'), Type.Literal('overdue')]),
});
export type DueReview = Static<typeof DueReview>;

export const Dashboard = Type.Object({
  scope: Type.Object({
    districtCode: Nullable(Type.String()),
    zoneId: Nullable(Type.Integer()),
    /** Zones a zone manager is held to; null for roles that see the whole city. */
    zoneIds: Nullable(Type.Array(Type.Integer())),
  }),
  isSample: Type.Boolean(),
  generatedAt: Type.String({ format: 'date-time' }),
  definitions: Type.Object({
    inefficientStatuses: Type.Array(Type.String()),
    revitalizedFrom: Type.Array(Type.String()),
    revitalizedTo: Type.Array(Type.String()),
    months: Type.Integer(),
    timeZone: Type.String(),
    expiringWithinDays: Type.Integer(),
  }),
  totals: DashboardFigures,
  byDistrict: Type.Array(DashboardDistrict),
  byZone: Type.Array(DashboardZone),
  revitalization: Type.Array(RevitalizationMonth, { description: 'oldest month first, every month charted' }),
  reviews: Type.Array(DueReview, { description: 'city reviews due or overdue, soonest deadline first' }),
});
export type Dashboard = Static<typeof Dashboard>;
