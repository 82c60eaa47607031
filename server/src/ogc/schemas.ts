// Request and response schemas of /ogc (OGC API – Features Part 1: Core, 1.0).
import { type Static, type TSchema, Type } from 'typebox';
import type { OgcCollection } from './collections.ts';

/** Items per page by default, and at most: the OpenAPI document says so, and GDAL pages by it. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

export const Link = Type.Object({
  href: Type.String(),
  rel: Type.String(),
  type: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
});
export type Link = Static<typeof Link>;

const Format = Type.Optional(
  Type.Union([Type.Literal('json'), Type.Literal('html')], {
    description: 'json or html; without it the Accept header decides (JSON unless text/html is preferred)',
  }),
);

export const FormatQuery = Type.Object({ f: Format }, { additionalProperties: false });
export type FormatQuery = Static<typeof FormatQuery>;

export const LandingPage = Type.Object({
  title: Type.String(),
  description: Type.String(),
  links: Type.Array(Link),
});
export type LandingPage = Static<typeof LandingPage>;

export const Conformance = Type.Object({ conformsTo: Type.Array(Type.String()) });
export type Conformance = Static<typeof Conformance>;

export const Collection = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  itemType: Type.Literal('feature'),
  crs: Type.Array(Type.String()),
  extent: Type.Optional(
    Type.Object({
      spatial: Type.Object({
        bbox: Type.Array(Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()])),
        crs: Type.String(),
      }),
    }),
  ),
  links: Type.Array(Link),
});
export type Collection = Static<typeof Collection>;

export const Collections = Type.Object({ links: Type.Array(Link), collections: Type.Array(Collection) });
export type Collections = Static<typeof Collections>;

/** A free-form JSON document (the OpenAPI description), passed through as it is. */
export const OpenApiDocument = Type.Object(
  { openapi: Type.String(), info: Type.Object({ title: Type.String(), version: Type.String() }) },
  { additionalProperties: true },
);

export const Html = Type.String({ description: 'a plain HTML page' });

/** The properties of a collection's features: every one optional, as `properties` may choose some. */
export function propertiesSchema(collection: OgcCollection, internal: boolean) {
  const entries = Object.entries({
    ...collection.properties,
    ...(internal ? collection.internalProperties : {}),
  }).map(([name, schema]) => [name, Type.Optional(schema)] as const);
  return Type.Object(Object.fromEntries(entries) as Record<string, TSchema>);
}

const Geometry = Type.Object({
  type: Type.String(),
  coordinates: Type.Array(Type.Unknown()),
});

export function featureIdSchema(collection: OgcCollection) {
  return collection.featureId === 'integer'
    ? Type.Integer({ minimum: 1 })
    : Type.String({ pattern: '^[0-9]{6}$', description: '6-digit district code' });
}

export function Feature(collection: OgcCollection) {
  return Type.Object({
    type: Type.Literal('Feature'),
    id: featureIdSchema(collection),
    geometry: Geometry,
    properties: propertiesSchema(collection, true),
    links: Type.Optional(Type.Array(Link)),
  });
}

export function FeatureCollection(collection: OgcCollection) {
  return Type.Object({
    type: Type.Literal('FeatureCollection'),
    numberMatched: Type.Integer(),
    numberReturned: Type.Integer(),
    timeStamp: Type.String({ format: 'date-time' }),
    links: Type.Array(Link),
    features: Type.Array(Feature(collection)),
  });
}

/** The query of a collection's items: paging, bbox, the properties to return, and its filters. */
export function ItemsQuery(collection: OgcCollection) {
  const filters = Object.fromEntries(
    Object.entries(collection.filters).map(([name, filter]) => [
      name,
      Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: filter.description })),
    ]),
  );
  const names = [...Object.keys(collection.properties), ...Object.keys(collection.internalProperties)];
  return Type.Object(
    {
      f: Format,
      limit: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: MAX_LIMIT,
          default: DEFAULT_LIMIT,
          description: `features per page (at most ${MAX_LIMIT}); follow the next link for more`,
        }),
      ),
      offset: Type.Optional(
        Type.Integer({ minimum: 0, maximum: 100_000_000, default: 0, description: 'features to skip' }),
      ),
      bbox: Type.Optional(
        Type.String({
          description:
            'minLon,minLat,maxLon,maxLat in CRS84 (WGS 84 longitude, latitude): features intersecting it',
        }),
      ),
      datetime: Type.Optional(
        Type.String({
          maxLength: 100,
          description:
            'accepted as the standard asks; these collections carry no time, so every feature matches',
        }),
      ),
      properties: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 2000,
          description: `the properties to return, separated by commas: ${names.join(', ')}`,
        }),
      ),
      ...filters,
    },
    { additionalProperties: false },
  );
}

/** The parsed query, whatever the collection (the schema above already checked each value's type). */
export interface ItemsQueryValues {
  f?: 'json' | 'html';
  limit?: number;
  offset?: number;
  bbox?: string;
  datetime?: string;
  properties?: string;
  [filter: string]: string | number | undefined;
}

export function FeatureParams(collection: OgcCollection) {
  return Type.Object({ featureId: featureIdSchema(collection) }, { additionalProperties: false });
}
