// The tile layers: an allow-list of names, each with its table, zooms and the columns each viewer gets.

export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;

export interface TileLayer {
  name: string;
  description: string;
  minzoom: number;
  maxzoom: number;
  /** Most features one tile carries; larger ones first, so a capped tile keeps what shows. */
  featureLimit: number;
  /** FROM clause with the table aliased `t`; fixed text, never built from a request. */
  from: string;
  /** Integer feature id (numeric, for feature-state highlighting). */
  id: string;
  order: string;
  /** Property name → SQL expression, for every viewer. `v.internal` is false for the public. */
  columns: Record<string, string>;
  /** Property name → SQL expression, only for viewers with internal access somewhere. */
  internalColumns: Record<string, string>;
  /** SQL deciding per row whether this viewer may read its internals ($5: all, $6: zone ids). */
  internal: string | null;
  /** SQL deciding per row whether the row is in this viewer's tile at all (may use `v.internal`). */
  where?: string;
}

const plotStatus = 'CASE WHEN v.internal THEN t.status ELSE plot_public_status(t.status) END';

export const TILE_LAYERS: Record<string, TileLayer> = {
  plots: {
    name: 'plots',
    description: 'Industrial plots (地块), themed by status',
    // From a city-wide view on a phone (about z7); at scale the feature cap keeps the largest.
    minzoom: 6,
    maxzoom: 16,
    featureLimit: 20_000,
    from: 'plots t',
    id: 't.id',
    order: 't.area_mu DESC, t.id',
    columns: {
      code: 't.code',
      status: plotStatus,
      areaMu: 'round(t.area_mu::numeric, 1)::float8',
      zoneId: 't.zone_id',
      districtCode: 't.district_code',
      landUseCode: 't.land_use_code',
      isSample: 't.is_sample',
      // From public land use and geometry (migration 011): 'industrial_outside', 'nonindustrial_in_core' or 'compliant'.
      compliance: "coalesce(t.line_compliance, 'compliant')",
    },
    internalColumns: {
      enterpriseName: 'CASE WHEN v.internal THEN t.enterprise_name END',
      inefficiencyType: 'CASE WHEN v.internal THEN t.inefficiency_type END',
      grade: 'CASE WHEN v.internal THEN t.grade END',
    },
    internal: '($5::boolean OR t.zone_id = ANY ($6::int[]))',
  },
  parcels: {
    name: 'parcels',
    description:
      'Contiguous parcels of 500+ mu (集中连片地块): planning parcels inside the zones a viewer may see internally, parcels of available land elsewhere',
    minzoom: 6,
    maxzoom: 16,
    featureLimit: 5_000,
    from: 'parcels t',
    id: 't.id',
    order: 't.area_mu DESC, t.id',
    columns: {
      areaMu: 'round(t.area_mu::numeric, 1)::float8',
      availableAreaMu: 'round(t.available_area_mu::numeric, 1)::float8',
      plotCount: 't.plot_count',
      scope: 't.scope',
    },
    internalColumns: {
      occupantCount: 'CASE WHEN v.internal THEN t.occupant_count END',
    },
    // The same rule as GET /api/parcels: a planning parcel only where all its zones are the viewer's.
    internal: '($5::boolean OR (cardinality(t.zone_ids) > 0 AND t.zone_ids <@ $6::int[]))',
    where: "t.scope = CASE WHEN v.internal THEN 'planning' ELSE 'supply' END",
  },
  'control-lines': {
    name: 'control-lines',
    description: 'Industrial control lines (工业用地控制线), core and transitional',
    minzoom: 6,
    maxzoom: 16,
    featureLimit: 5_000,
    from: 'control_lines t',
    id: 't.id',
    order: 't.id',
    columns: {
      code: 't.code',
      name: 't.name',
      level: 't.level',
      version: 't.version',
      isSample: 't.is_sample',
    },
    internalColumns: {},
    internal: null,
  },
  zones: {
    name: 'zones',
    description: 'Development zones (开发园区)',
    minzoom: 4,
    maxzoom: 16,
    featureLimit: 5_000,
    from: 'zones t',
    id: 't.id',
    order: 't.id',
    columns: {
      code: 't.code',
      name: 't.name',
      nameEn: 't.name_en',
      level: 't.level',
      isSample: 't.is_sample',
    },
    internalColumns: {},
    internal: null,
  },
  districts: {
    name: 'districts',
    description: 'County-level districts (区县)',
    minzoom: 4,
    maxzoom: 16,
    featureLimit: 1_000,
    from: 'districts t',
    id: 't.code::int',
    order: 't.code',
    columns: { code: 't.code', name: 't.name', nameEn: 't.name_en', isSample: 't.is_sample' },
    internalColumns: {},
    internal: null,
  },
};

export function findLayer(name: string): TileLayer | null {
  return Object.hasOwn(TILE_LAYERS, name) ? (TILE_LAYERS[name] ?? null) : null;
}
