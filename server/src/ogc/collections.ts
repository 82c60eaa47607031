// The collections /ogc serves: an allow-list of layers, the properties each viewer gets, and the properties one may filter by.
import { type TSchema, Type } from 'typebox';
import { seesAllInternal, type Viewer } from '../auth/policy.ts';
import { COMPLIANCE_CLASSES } from '../compliance/schemas.ts';
import { Nullable } from '../http/schemas.ts';
import { parcelVisibility } from '../parcels/queries.ts';
import { PARCEL_SCOPES } from '../parcels/schemas.ts';
import { GRADES, INEFFICIENCY_TYPES, VISIBLE_STATUSES } from '../plots/schemas.ts';

export const COLLECTION_IDS = ['plots', 'parcels', 'control-lines', 'zones', 'districts'] as const;
export type CollectionId = (typeof COLLECTION_IDS)[number];

/**
 * A property items can be filtered by (OGC API – Features Part 1, /req/core/fc-filters): the query
 * parameter takes one value or several separated by commas, any of which matches.
 */
export interface PropertyFilter {
  description: string;
  /** The values allowed (an enumeration)… */
  values?: readonly string[];
  /** …or a pattern each value must match. */
  pattern?: RegExp;
  /** Filters on internal data only ever match rows whose internals the viewer may read. */
  internal?: boolean;
}

/** Where a table-backed collection's rows come from; SQL fixed in code, the table aliased `t`. */
export interface TableSource {
  from: string;
  /** The feature id (integer, or text for districts). */
  id: string;
  /** Stable order, so paging with offset neither skips nor repeats. */
  order: string;
  /** Property → SQL, for every viewer. */
  columns: Record<string, string>;
  /** Property → SQL, only for viewers who read internal data somewhere (null on rows they may not read). */
  internalColumns: Record<string, string>;
  /** Filter name → the compared column and its type (`[]`: an array column, matching on overlap). */
  filterColumns: Record<string, { column: string; type: 'text' | 'int' | 'text[]' | 'int[]' }>;
  /** The rows this viewer sees in lists, given the parsed filters; null: every row. */
  visible: ((viewer: Viewer, filters: ParsedFilters, bind: Bind) => string) | null;
  /** The rows this viewer may open by id; defaults to `visible` without filters. */
  visibleById?: (viewer: Viewer, bind: Bind) => string;
  /** Whether a row is sample data (aggregated with bool_or for the collection's note). */
  sample: string;
}

export type Bind = (value: unknown) => string;
export type ParsedFilters = Record<string, string[]>;

export interface OgcCollection {
  id: CollectionId;
  /** Chinese first, English alongside. */
  title: string;
  description: string;
  /** One feature in an error message: "plot 12 does not exist". */
  noun: string;
  /** What a feature id is: an integer id, or a 6-digit district code. */
  featureId: 'integer' | 'district-code';
  /** Property → schema, for every viewer, in the order they are written. */
  properties: Record<string, TSchema>;
  /** Property → schema, for viewers who read internal data somewhere. */
  internalProperties: Record<string, TSchema>;
  filters: Record<string, PropertyFilter>;
  /** null for plots, which go through the plot queries (server/src/plots/queries.ts). */
  table: TableSource | null;
}

const ZONE_ID = /^[1-9][0-9]{0,8}$/;
const DISTRICT_CODE = /^[0-9]{6}$/;
const CODE = /^[A-Za-z0-9_-]{1,40}$/;
const area = (digits: number) => `round(t.area_mu::numeric, ${digits})::float8`;

const list = (what: string, values?: readonly string[]) =>
  values
    ? `${what}: ${values.join(', ')}; several separated by commas`
    : `${what}; several separated by commas`;

/** Whether this viewer reads internal data anywhere: planners and admins, and zone managers with zones. */
export function readsInternals(viewer: Viewer): boolean {
  return seesAllInternal(viewer) || (viewer.role === 'zone_manager' && viewer.zoneIds.length > 0);
}

const plots: OgcCollection = {
  id: 'plots',
  noun: 'plot',
  title: '地块 Plots',
  description:
    '工业用地地块：编号、状态、面积（亩）、园区、区县、用地分类、控制线符合情况。公众看到的状态为 available / reserved / occupied。 ' +
    'Industrial plots: code, status, area in mu, zone, district, land use, control-line compliance. The public sees the status as available, reserved or occupied.',
  featureId: 'integer',
  properties: {
    code: Type.String({ description: '地块编号 plot code' }),
    status: Type.Enum(VISIBLE_STATUSES),
    areaMu: Type.Number({ description: 'geodesic area in mu (1 mu = 10000/15 m²)' }),
    zoneId: Nullable(Type.Integer()),
    zoneName: Nullable(Type.String()),
    zoneNameEn: Nullable(Type.String()),
    districtCode: Type.String(),
    districtName: Type.String(),
    districtNameEn: Type.String(),
    landUseCode: Type.String({ description: '国土空间用途分类 land-use code' }),
    landUseName: Type.String(),
    landUseNameEn: Type.String(),
    compliance: Type.Enum(COMPLIANCE_CLASSES, { description: 'against the industrial control lines' }),
    isSample: Type.Boolean(),
  },
  internalProperties: {
    enterpriseName: Nullable(Type.String()),
    inefficiencyType: Nullable(Type.String()),
    grade: Nullable(Type.String()),
  },
  filters: {
    status: { description: list('status', VISIBLE_STATUSES), values: VISIBLE_STATUSES },
    zoneId: { description: list('zone id'), pattern: ZONE_ID },
    districtCode: { description: list('6-digit district code'), pattern: DISTRICT_CODE },
    landUseCode: {
      description: list('land-use code; a class includes its subclasses (1001 matches 100101–100103)'),
      pattern: /^[0-9]{4}([0-9]{2})?$/,
    },
    code: { description: list('plot code'), pattern: CODE },
    compliance: {
      description: list('control-line compliance', COMPLIANCE_CLASSES),
      values: COMPLIANCE_CLASSES,
    },
    grade: {
      description: `${list('per-mu grade', GRADES)} (internal: matches only plots whose internal data you may read)`,
      values: GRADES,
      internal: true,
    },
    inefficiencyType: {
      description: `${list('inefficiency type', INEFFICIENCY_TYPES)} (internal: matches only plots whose internal data you may read)`,
      values: INEFFICIENCY_TYPES,
      internal: true,
    },
  },
  table: null,
};

const parcels: OgcCollection = {
  id: 'parcels',
  noun: 'parcel',
  title: '集中连片地块 Contiguous parcels',
  description:
    '500 亩以上的集中连片地块。公众看到由可供应地块组成的 supply 地块；规划人员看到 planning 地块。 ' +
    'Contiguous parcels of 500+ mu. The public sees supply parcels (groups of available plots); planners see planning parcels (groups of candidate plots), zone managers those inside their zones.',
  featureId: 'integer',
  properties: {
    scope: Type.Enum(PARCEL_SCOPES),
    areaMu: Type.Number(),
    availableAreaMu: Type.Number(),
    plotCount: Type.Integer(),
    plotIds: Type.Array(Type.Integer()),
    zoneIds: Type.Array(Type.Integer()),
    districtCodes: Type.Array(Type.String()),
    coreShare: Type.Number({ description: 'share inside core control lines' }),
    transitionalShare: Type.Number({ description: 'share inside transitional control lines' }),
    isSample: Type.Boolean(),
    derivedAt: Type.String({ format: 'date-time' }),
  },
  internalProperties: {
    occupantCount: Nullable(Type.Integer({ description: 'occupant enterprises still on a planning parcel' })),
  },
  filters: {
    scope: { description: list('parcel scope', PARCEL_SCOPES), values: PARCEL_SCOPES },
    zoneId: { description: list('zone id (parcels touching the zone)'), pattern: ZONE_ID },
    districtCode: { description: list('6-digit district code'), pattern: DISTRICT_CODE },
  },
  table: {
    from: 'parcels t',
    id: 't.id',
    order: 't.id',
    columns: {
      scope: 't.scope',
      areaMu: area(2),
      availableAreaMu: 'round(t.available_area_mu::numeric, 2)::float8',
      plotCount: 't.plot_count',
      plotIds:
        'ARRAY(SELECT pp.plot_id::int FROM parcel_plots pp WHERE pp.parcel_id = t.id ORDER BY pp.plot_id)',
      zoneIds: 't.zone_ids',
      districtCodes: 't.district_codes',
      coreShare: 'round(t.core_share::numeric, 4)::float8',
      transitionalShare: 'round(t.transitional_share::numeric, 4)::float8',
      isSample:
        'coalesce((SELECT bool_and(p.is_sample) FROM parcel_plots pp JOIN plots p ON p.id = pp.plot_id WHERE pp.parcel_id = t.id), false)',
      derivedAt: `to_json(t.derived_at) #>> '{}'`,
    },
    // Planning parcels reach only viewers allowed them (see `visible`), so the scope decides.
    internalColumns: { occupantCount: "CASE WHEN t.scope = 'planning' THEN t.occupant_count END" },
    filterColumns: {
      zoneId: { column: 't.zone_ids', type: 'int[]' },
      districtCode: { column: 't.district_codes', type: 'text[]' },
    },
    // The rule of /api/parcels and the parcel tiles; a scope asked for narrows it, never widens it.
    visible: (viewer, filters, bind) => {
      const scopes = filters.scope as ('planning' | 'supply')[] | undefined;
      if (!scopes) return parcelVisibility(viewer, undefined, bind);
      return `(${scopes
        .map((scope) => `(${parcelVisibility(viewer, scope, bind)} AND t.scope = ${bind(scope)})`)
        .join(' OR ')})`;
    },
    // As GET /api/parcels/:id: any parcel the viewer sees in lists, and any supply parcel.
    visibleById: (viewer, bind) => `(${parcelVisibility(viewer, undefined, bind)} OR t.scope = 'supply')`,
    sample:
      'EXISTS (SELECT 1 FROM parcel_plots pp JOIN plots p ON p.id = pp.plot_id WHERE pp.parcel_id = t.id AND p.is_sample)',
  },
};

const controlLines: OgcCollection = {
  id: 'control-lines',
  noun: 'control line',
  title: '工业用地控制线 Industrial control lines',
  description:
    '工业用地控制线（保障线 core / 过渡线 transitional），含各版本；inForce 表示现行版本。 ' +
    'Industrial control lines, core and transitional, every version; inForce marks the version in force.',
  featureId: 'integer',
  properties: {
    code: Type.String(),
    name: Type.String(),
    level: Type.Union([Type.Literal('core'), Type.Literal('transitional')]),
    version: Type.String(),
    effectiveDate: Type.String({ format: 'date' }),
    inForce: Type.Boolean(),
    districtCode: Nullable(Type.String()),
    areaMu: Type.Number(),
    isSample: Type.Boolean(),
  },
  internalProperties: {},
  filters: {
    level: { description: list('level', ['core', 'transitional']), values: ['core', 'transitional'] },
    districtCode: { description: list('6-digit district code'), pattern: DISTRICT_CODE },
    code: { description: list('control line code'), pattern: CODE },
  },
  table: {
    from: 'control_lines t',
    id: 't.id',
    order: 't.id',
    columns: {
      code: 't.code',
      name: 't.name',
      level: 't.level',
      version: 't.version',
      effectiveDate: "to_char(t.effective_date, 'YYYY-MM-DD')",
      inForce: 'EXISTS (SELECT 1 FROM control_lines_current c WHERE c.id = t.id)',
      districtCode: 't.district_code',
      areaMu: area(2),
      isSample: 't.is_sample',
    },
    internalColumns: {},
    filterColumns: {
      level: { column: 't.level', type: 'text' },
      districtCode: { column: 't.district_code', type: 'text' },
      code: { column: 't.code', type: 'text' },
    },
    visible: null,
    sample: 't.is_sample',
  },
};

const zones: OgcCollection = {
  id: 'zones',
  noun: 'zone',
  title: '开发园区 Development zones',
  description:
    '开发园区边界、级别、所在区县、主导产业与招商部门。 Development zones: boundary, level, district, leading industries and the investment office.',
  featureId: 'integer',
  properties: {
    code: Type.String(),
    name: Type.String(),
    nameEn: Type.String(),
    level: Type.Union([Type.Literal('national'), Type.Literal('provincial'), Type.Literal('other')]),
    districtCode: Type.String(),
    industries: Type.Array(Type.String(), { description: '主导产业 leading industries' }),
    areaMu: Type.Number(),
    // The office only: a contact's phone and e-mail may be a person's, and a layer is copied wholesale.
    contactDepartment: Nullable(Type.String({ description: '招商部门 investment office' })),
    isSample: Type.Boolean(),
  },
  internalProperties: {},
  filters: {
    level: {
      description: list('level', ['national', 'provincial', 'other']),
      values: ['national', 'provincial', 'other'],
    },
    districtCode: { description: list('6-digit district code'), pattern: DISTRICT_CODE },
    code: { description: list('zone code'), pattern: CODE },
  },
  table: {
    from: 'zones t',
    id: 't.id',
    order: 't.id',
    columns: {
      code: 't.code',
      name: 't.name',
      nameEn: 't.name_en',
      level: 't.level',
      districtCode: 't.district_code',
      industries: 't.industries',
      areaMu: area(0),
      contactDepartment: "t.contact ->> 'department'",
      isSample: 't.is_sample',
    },
    internalColumns: {},
    filterColumns: {
      level: { column: 't.level', type: 'text' },
      districtCode: { column: 't.district_code', type: 'text' },
      code: { column: 't.code', type: 'text' },
    },
    visible: null,
    sample: 't.is_sample',
  },
};

const districts: OgcCollection = {
  id: 'districts',
  noun: 'district',
  title: '区县 Districts',
  description:
    '县级行政区（区县），以 6 位行政区划代码为要素编号。 County-level districts; the feature id is the 6-digit code.',
  featureId: 'district-code',
  properties: {
    code: Type.String(),
    name: Type.String(),
    nameEn: Type.String(),
    areaMu: Type.Number(),
    isSample: Type.Boolean(),
  },
  internalProperties: {},
  filters: { code: { description: list('6-digit district code'), pattern: DISTRICT_CODE } },
  table: {
    from: 'districts t',
    id: 't.code',
    order: 't.code',
    columns: {
      code: 't.code',
      name: 't.name',
      nameEn: 't.name_en',
      areaMu: area(0),
      isSample: 't.is_sample',
    },
    internalColumns: {},
    filterColumns: { code: { column: 't.code', type: 'text' } },
    visible: null,
    sample: 't.is_sample',
  },
};

export const COLLECTIONS: readonly OgcCollection[] = [plots, parcels, controlLines, zones, districts];

/** The properties this viewer may receive from a collection, in order. */
export function propertyNames(collection: OgcCollection, viewer: Viewer): string[] {
  const names = Object.keys(collection.properties);
  return readsInternals(viewer) ? [...names, ...Object.keys(collection.internalProperties)] : names;
}
