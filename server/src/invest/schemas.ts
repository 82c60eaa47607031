// Request and response schemas of the investor view (/api/invest): public data only, by
// construction — every response lists its fields, and the serializer drops anything else.
import { type Static, Type } from 'typebox';
import { BBox, MultiPolygonGeometry, Nullable } from '../http/schemas.ts';
import { SERVICING_ITEMS } from '../plots/schemas.ts';

const ZoneLevel = Type.Union([Type.Literal('national'), Type.Literal('provincial'), Type.Literal('other')]);
/** Where a plot lies against the industrial control lines in force (mostly inside, as compliance counts it). */
const ControlLine = Nullable(
  Type.Union([Type.Literal('core'), Type.Literal('transitional')], {
    description: 'core (保障线) or transitional (过渡线) when the plot lies mostly inside one; null outside',
  }),
);
const Servicing = Type.Array(Type.Enum(SERVICING_ITEMS), {
  description: '七通一平: the utilities connected',
});
const LonLat = Type.Tuple([Type.Number(), Type.Number()]);

/** A zone as investors meet it: profile and the office to contact (never a person's own number). */
export const ZoneProfile = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  level: ZoneLevel,
  districtCode: Type.String(),
  districtName: Type.String(),
  districtNameEn: Type.String(),
  industries: Type.Array(Type.String(), { description: '主导产业 leading industries' }),
  industriesEn: Type.Array(Type.String(), { description: 'their English names, in the same order' }),
  areaMu: Type.Number(),
  contact: Type.Object({
    department: Nullable(Type.String()),
    departmentEn: Nullable(Type.String({ description: 'the office in English' })),
    phone: Nullable(Type.String({ description: 'the investment office' })),
    email: Nullable(Type.String()),
  }),
  availablePlots: Type.Integer(),
  availableAreaMu: Type.Number(),
  /** Contiguous parcels of available land (500+ mu) touching the zone. */
  parcels: Type.Integer(),
  isSample: Type.Boolean(),
});
export type ZoneProfile = Static<typeof ZoneProfile>;

// ---- GET /api/invest/summary ---------------------------------------------------------------------

export const InvestSummary = Type.Object({
  isSample: Type.Boolean(),
  availablePlots: Type.Integer(),
  availableAreaMu: Type.Number(),
  /** Plots held for a project: shown as unavailable, never with the project. */
  reservedPlots: Type.Integer(),
  parcels: Type.Integer({ description: 'contiguous parcels of available land of at least minParcelAreaMu' }),
  parcelsAreaMu: Type.Number(),
  minParcelAreaMu: Type.Number(),
  /** Every zone's leading industries, most common first (the filter's choices). */
  industries: Type.Array(Type.String()),
  /** Their English names, in the same order. */
  industriesEn: Type.Array(Type.String()),
  /** Zones with available land first, largest available area first. */
  zones: Type.Array(ZoneProfile),
});
export type InvestSummary = Static<typeof InvestSummary>;

// ---- GET /api/invest/sites -----------------------------------------------------------------------

export const SITE_KINDS = ['plots', 'parcels'] as const;
export const SITE_SORTS = ['-area', 'area', 'price', '-price'] as const;
export const SITES_MAX = 2000;

export const SitesQuery = Type.Object(
  {
    kind: Type.Optional(Type.Enum(SITE_KINDS, { default: 'plots' })),
    zoneId: Type.Optional(Type.Integer({ minimum: 1 })),
    districtCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
    minAreaMu: Type.Optional(Type.Number({ minimum: 0 })),
    maxAreaMu: Type.Optional(Type.Number({ minimum: 0 })),
    industry: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: "one of the zones' leading industries" }),
    ),
    servicing: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: `comma-separated items every site must have: ${SERVICING_ITEMS.join(', ')}`,
      }),
    ),
    sort: Type.Optional(
      Type.Enum(SITE_SORTS, {
        default: '-area',
        description: 'area or guide price, - for descending (parcels: by their lowest guide price)',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SITES_MAX, default: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
export type SitesQuery = Static<typeof SitesQuery>;

/** An available plot as a card and on the map. */
export const PlotSite = Type.Object({
  kind: Type.Literal('plot'),
  id: Type.Integer(),
  code: Type.String(),
  zoneId: Nullable(Type.Integer()),
  zoneName: Nullable(Type.String()),
  zoneNameEn: Nullable(Type.String()),
  districtCode: Type.String(),
  districtName: Type.String(),
  districtNameEn: Type.String(),
  areaMu: Type.Number(),
  landUseCode: Type.String(),
  landUseName: Type.String(),
  landUseNameEn: Type.String(),
  servicing: Servicing,
  guidePrice: Nullable(Type.Number({ description: '万元/亩' })),
  controlLine: ControlLine,
  /** The contiguous parcel of available land it belongs to, if any. */
  parcelId: Nullable(Type.Integer()),
  isSample: Type.Boolean(),
});
export type PlotSite = Static<typeof PlotSite>;

/** A contiguous parcel of available land as a card and on the map. */
export const ParcelSite = Type.Object({
  kind: Type.Literal('parcel'),
  id: Type.Integer(),
  areaMu: Type.Number(),
  plotCount: Type.Integer(),
  zoneIds: Type.Array(Type.Integer()),
  zoneNames: Type.Array(Type.String()),
  zoneNamesEn: Type.Array(Type.String()),
  districtCodes: Type.Array(Type.String()),
  industries: Type.Array(Type.String(), { description: 'leading industries of its zones' }),
  industriesEn: Type.Array(Type.String(), { description: 'their English names, in the same order' }),
  servicing: Type.Array(Type.Enum(SERVICING_ITEMS), { description: 'items every member plot has' }),
  guidePriceMin: Nullable(Type.Number()),
  guidePriceMax: Nullable(Type.Number()),
  coreShare: Type.Number(),
  transitionalShare: Type.Number(),
  isSample: Type.Boolean(),
});
export type ParcelSite = Static<typeof ParcelSite>;

export const SiteCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  numberMatched: Type.Integer(),
  numberReturned: Type.Integer(),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.Integer(),
      properties: Type.Union([PlotSite, ParcelSite]),
      geometry: MultiPolygonGeometry,
    }),
  ),
});
export type SiteCollection = Static<typeof SiteCollection>;

// ---- Pages: GET /api/invest/plots/:id, /parcels/:id, /zones/:id ----------------------------------

export const InvestParams = Type.Object(
  { id: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

const NearbyParcel = Type.Object({
  id: Type.Integer(),
  areaMu: Type.Number(),
  plotCount: Type.Integer(),
  distanceKm: Type.Number(),
});

/** A plot's page: any plot by link; one not available says so (reserved: held for a project, never which). */
export const PlotPage = Type.Object({
  plot: Type.Object({
    ...Type.Omit(PlotSite, ['kind']).properties,
    status: Type.Union([Type.Literal('available'), Type.Literal('reserved'), Type.Literal('occupied')]),
    areaM2: Type.Number(),
    centroid: LonLat,
    bbox: BBox,
    geometry: MultiPolygonGeometry,
  }),
  zone: Nullable(ZoneProfile),
  parcel: Nullable(Type.Object({ id: Type.Integer(), areaMu: Type.Number(), plotCount: Type.Integer() })),
  nearbyParcels: Type.Array(NearbyParcel, {
    description: 'the nearest contiguous parcels of available land',
  }),
  isSample: Type.Boolean(),
});
export type PlotPage = Static<typeof PlotPage>;

export const ParcelPage = Type.Object({
  parcel: Type.Object({
    ...Type.Omit(ParcelSite, ['kind']).properties,
    centroid: LonLat,
    bbox: BBox,
    geometry: MultiPolygonGeometry,
    members: Type.Array(Type.Omit(PlotSite, ['kind'])),
  }),
  zones: Type.Array(ZoneProfile),
  nearbyParcels: Type.Array(NearbyParcel),
  isSample: Type.Boolean(),
});
export type ParcelPage = Static<typeof ParcelPage>;

export const ZonePage = Type.Object({
  zone: Type.Object({ ...ZoneProfile.properties, bbox: BBox, geometry: MultiPolygonGeometry }),
  /** Its contiguous parcels of available land, largest first. */
  parcels: Type.Array(Type.Object({ id: Type.Integer(), areaMu: Type.Number(), plotCount: Type.Integer() })),
  /** Its available plots, largest first (at most 50). */
  plots: Type.Array(Type.Omit(PlotSite, ['kind'])),
  isSample: Type.Boolean(),
});
export type ZonePage = Static<typeof ZonePage>;
