// Request and response schemas of the contiguous-parcel routes; the client imports these as types.
import { type Static, Type } from 'typebox';
import { MultiPolygonGeometry, Nullable } from '../http/schemas.ts';

export const PARCEL_SCOPES = ['planning', 'supply'] as const;
export type ParcelScope = (typeof PARCEL_SCOPES)[number];
const Scope = (description?: string) =>
  Type.Union([Type.Literal('planning'), Type.Literal('supply')], description ? { description } : {});

export const ParcelListQuery = Type.Object(
  {
    scope: Type.Optional(
      Scope(
        'planning: groups of candidate plots (internal); supply: groups of available plots. Default: planning for viewers who may see it, else supply',
      ),
    ),
    zoneId: Type.Optional(Type.Integer({ minimum: 1 })),
    districtCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
    minAreaMu: Type.Optional(Type.Number({ minimum: 0 })),
    maxAreaMu: Type.Optional(Type.Number({ minimum: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type ParcelListQuery = Static<typeof ParcelListQuery>;

export const ParcelParams = Type.Object(
  { id: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const ParcelProperties = Type.Object({
  id: Type.Integer(),
  scope: Scope(),
  areaMu: Type.Number({ description: 'Sum of the member plots (mu), geodesic' }),
  availableAreaMu: Type.Number({ description: 'Of which already available (净地)' }),
  plotCount: Type.Integer(),
  plotIds: Type.Array(Type.Integer()),
  zoneIds: Type.Array(Type.Integer()),
  districtCodes: Type.Array(Type.String()),
  coreShare: Type.Number({ description: 'Share of the area inside core control lines' }),
  transitionalShare: Type.Number({ description: 'Share inside transitional control lines' }),
  occupantCount: Nullable(Type.Integer({ description: 'Occupant enterprises still on it (internal)' })),
  isSample: Type.Boolean(),
  derivedAt: Type.String({ format: 'date-time' }),
});
export type ParcelProperties = Static<typeof ParcelProperties>;

export const ParcelFeature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.Integer(),
  geometry: MultiPolygonGeometry,
  properties: ParcelProperties,
});
export type ParcelFeature = Static<typeof ParcelFeature>;

export const ParcelCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  numberMatched: Type.Integer(),
  numberReturned: Type.Integer(),
  features: Type.Array(ParcelFeature),
});
export type ParcelCollection = Static<typeof ParcelCollection>;

export const ParcelRebuild = Type.Object({
  planning: Type.Integer({ description: 'Planning parcels after the rebuild' }),
  supply: Type.Integer({ description: 'Supply parcels after the rebuild' }),
  durationMs: Type.Integer(),
});
export type ParcelRebuild = Static<typeof ParcelRebuild>;
