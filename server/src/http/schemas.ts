// Schemas shared by routes: errors, GeoJSON geometry, list filters. The client imports the types.
import { type Static, type TSchema, Type } from 'typebox';

/** A value or null (JSON null, not a missing property). */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String(),
    code: Type.Optional(Type.String()),
  },
  { $id: 'ErrorResponse' },
);

export const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
export const MultiPolygonGeometry = Type.Object({
  type: Type.Literal('MultiPolygon'),
  coordinates: Type.Array(Type.Array(Type.Array(Position))),
});

export const BBox = Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]);

export function FeatureCollection<P extends TSchema>(properties: P, id: TSchema) {
  return Type.Object({
    type: Type.Literal('FeatureCollection'),
    numberMatched: Type.Optional(Type.Integer()),
    numberReturned: Type.Optional(Type.Integer()),
    features: Type.Array(
      Type.Object({ type: Type.Literal('Feature'), id, properties, geometry: MultiPolygonGeometry }),
    ),
  });
}

export const FormatQuery = Type.Union([Type.Literal('json'), Type.Literal('geojson')]);

export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
};

export type ErrorBody = Static<typeof ErrorResponse>;
