// Request and response schemas of the plot routes; the client imports these as types.
import { type Static, Type } from 'typebox';
import { COMPLIANCE_CLASSES } from '../compliance/schemas.ts';
import { GradingBenchmarks } from '../grading/schemas.ts';
import { BBox, MultiPolygonGeometry, Nullable } from '../http/schemas.ts';

export const PLOT_STATUSES = [
  'in_use',
  'low_efficiency',
  'idle',
  'revitalizing',
  'available',
  'reserved',
  'supplied',
] as const;
/** The public sees 'occupied' for every plot that is neither available nor reserved. */
export const VISIBLE_STATUSES = [...PLOT_STATUSES, 'occupied'] as const;
export const INEFFICIENCY_TYPES = [
  'idle',
  'low_output',
  'low_intensity',
  'halted',
  'industry_mismatch',
  'noncompliant',
  'grade_d',
] as const;
export const GRADES = ['A', 'B', 'C', 'D', 'T'] as const;
/** 七通一平 and its kin: the named servicing items a plot can have (the list varies by city). */
export const SERVICING_ITEMS = [
  'road',
  'power',
  'water',
  'drainage',
  'sewage',
  'telecom',
  'gas',
  'heat',
  'cable',
  'levelled',
] as const;
export const PLOT_SORT_KEYS = ['id', 'code', 'areaMu', 'status', 'zone', 'district'] as const;

const CommaList = (description: string) => Type.String({ minLength: 1, maxLength: 2000, description });

export const PlotListQuery = Type.Object(
  {
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('geojson')], { default: 'json' })),
    status: Type.Optional(CommaList(`comma-separated: ${VISIBLE_STATUSES.join(', ')}`)),
    inefficiencyType: Type.Optional(CommaList(`comma-separated: ${INEFFICIENCY_TYPES.join(', ')}`)),
    grade: Type.Optional(CommaList(`comma-separated: ${GRADES.join(', ')}`)),
    compliance: Type.Optional(
      CommaList(`comma-separated control-line compliance: ${COMPLIANCE_CLASSES.join(', ')}`),
    ),
    zoneId: Type.Optional(CommaList('comma-separated zone ids')),
    districtCode: Type.Optional(CommaList('comma-separated 6-digit district codes')),
    landUseCode: Type.Optional(
      CommaList('comma-separated land-use codes (国土空间用途分类); a class includes its subclasses'),
    ),
    minAreaMu: Type.Optional(Type.Number({ minimum: 0 })),
    maxAreaMu: Type.Optional(Type.Number({ minimum: 0 })),
    bbox: Type.Optional(Type.String({ description: 'minLon,minLat,maxLon,maxLat (EPSG:4326)' })),
    sort: Type.Optional(
      Type.String({ description: `one of ${PLOT_SORT_KEYS.join(', ')}; prefix with - for descending` }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type PlotListQuery = Static<typeof PlotListQuery>;

export const PlotSummary = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  zoneId: Nullable(Type.Integer()),
  zoneName: Nullable(Type.String()),
  zoneNameEn: Nullable(Type.String()),
  districtCode: Type.String(),
  districtName: Type.String(),
  districtNameEn: Type.String(),
  areaMu: Type.Number({ description: 'geodesic area in mu (1 mu = 10000/15 m²)' }),
  landUseCode: Type.String(),
  landUseName: Type.String(),
  landUseNameEn: Type.String(),
  status: Type.Enum(VISIBLE_STATUSES),
  isSample: Type.Boolean(),
  // Internal: present only for viewers allowed this plot's internal data.
  enterpriseName: Type.Optional(Nullable(Type.String())),
  inefficiencyType: Type.Optional(Nullable(Type.String())),
  grade: Type.Optional(Nullable(Type.String())),
});
export type PlotSummary = Static<typeof PlotSummary>;

export const PlotIndicators = Type.Object({
  investmentIntensity: Nullable(Type.Number()),
  taxPerMu: Nullable(Type.Number()),
  salesPerMu: Nullable(Type.Number()),
  plotRatio: Nullable(Type.Number()),
  valueAddedRate: Nullable(Type.Number()),
  rdShare: Nullable(Type.Number()),
  energyPerValueAdded: Nullable(Type.Number()),
  greenIndex: Nullable(Type.Number({ description: 'tax per tonne of standard coal (万元/吨标煤)' })),
});

export const RevitalizationPlan = Type.Object({
  measure: Type.String(),
  responsibleUnit: Type.String(),
  targetDate: Nullable(Type.String()),
  progress: Type.String(),
  progressPct: Type.Integer(),
});

export const PlotDetail = Type.Object({
  ...PlotSummary.properties,
  areaM2: Type.Number(),
  centroid: Type.Tuple([Type.Number(), Type.Number()]),
  bbox: BBox,
  servicing: Type.Array(Type.String()),
  guidePrice: Nullable(Type.Number({ description: '万元/亩, available land only' })),
  geometry: MultiPolygonGeometry,
  contractedStartDate: Type.Optional(Nullable(Type.String())),
  // The latest per-mu evaluation (亩均效益评价): score, rank among the county's rated plots
  // (1 = best), when, and the county benchmarks it was scored against. Internal only.
  productionStartDate: Type.Optional(Nullable(Type.String({ description: '投产日期' }))),
  gradeScore: Type.Optional(Nullable(Type.Number())),
  gradeRank: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  gradeRankTotal: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  gradedAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  gradeBenchmarks: Type.Optional(Nullable(GradingBenchmarks)),
  indicators: Type.Optional(PlotIndicators),
  revitalization: Type.Optional(Nullable(RevitalizationPlan)),
  notes: Type.Optional(Nullable(Type.String())),
});
export type PlotDetail = Static<typeof PlotDetail>;

export const PlotList = Type.Object({
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  items: Type.Array(PlotSummary),
});
export type PlotList = Static<typeof PlotList>;

export const PlotParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const PlotStatsQuery = Type.Omit(PlotListQuery, ['format', 'sort', 'limit', 'offset'], {
  additionalProperties: false,
});
export type PlotStatsQuery = Static<typeof PlotStatsQuery>;

export const PlotStats = Type.Object({
  total: Type.Integer(),
  totalAreaMu: Type.Number(),
  byStatus: Type.Array(
    Type.Object({ status: Type.Enum(VISIBLE_STATUSES), count: Type.Integer(), areaMu: Type.Number() }),
  ),
  // Internal: counted over the plots whose internal data the viewer may see (empty for the public).
  byGrade: Type.Array(
    Type.Object({ grade: Type.Enum(GRADES), count: Type.Integer(), areaMu: Type.Number() }),
  ),
  byInefficiencyType: Type.Array(
    Type.Object({
      inefficiencyType: Type.Enum(INEFFICIENCY_TYPES),
      count: Type.Integer(),
      areaMu: Type.Number(),
    }),
  ),
  // Public: control-line compliance derives from land use and geometry.
  byCompliance: Type.Array(
    Type.Object({ compliance: Type.Enum(COMPLIANCE_CLASSES), count: Type.Integer(), areaMu: Type.Number() }),
  ),
});
export type PlotStats = Static<typeof PlotStats>;

/** A polygon drawn on the map to select plots (EPSG:4326, lon first; GeoJSON ring rules). */
export const SelectionPolygon = Type.Object(
  {
    type: Type.Literal('Polygon'),
    coordinates: Type.Array(
      Type.Array(
        Type.Tuple([
          Type.Number({ minimum: -180, maximum: 180 }),
          Type.Number({ minimum: -90, maximum: 90 }),
        ]),
        {
          minItems: 4,
          maxItems: 5000,
        },
      ),
      { minItems: 1, maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);
export type SelectionPolygon = Static<typeof SelectionPolygon>;

export const PlotSelectionBody = Type.Object({ polygon: SelectionPolygon }, { additionalProperties: false });
export type PlotSelectionBody = Static<typeof PlotSelectionBody>;

export const PLOT_SELECTION_MAX_ITEMS = 1000;

export const PlotSelection = Type.Object({
  total: Type.Integer(),
  totalAreaMu: Type.Number(),
  byStatus: PlotStats.properties.byStatus,
  items: Type.Array(PlotSummary, { description: `the largest ${PLOT_SELECTION_MAX_ITEMS} plots first` }),
});
export type PlotSelection = Static<typeof PlotSelection>;

export const TIMELINE_ACTIONS = [
  'plot.recorded',
  'plot.status_changed',
  'flag.created',
  'flag.approved',
  'flag.rejected',
] as const;

const StatusState = Type.Object({
  status: Type.Optional(Nullable(Type.String())),
  inefficiencyType: Type.Optional(Nullable(Type.String())),
});

export const PlotTimeline = Type.Object({
  plotId: Type.Integer(),
  items: Type.Array(
    Type.Object({
      at: Type.String({ format: 'date-time' }),
      action: Type.Enum(TIMELINE_ACTIONS),
      actor: Nullable(Type.String({ description: 'username; null for imports and the system' })),
      before: Nullable(StatusState),
      after: Nullable(StatusState),
      note: Nullable(Type.String({ description: "a flag's reason, or its reviewer's note" })),
    }),
    { description: 'newest first' },
  ),
});
export type PlotTimeline = Static<typeof PlotTimeline>;
