// /api/districts: the city's county-level units (区县), as a list or GeoJSON.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fastJson from 'fast-json-stringify';
import { Type } from 'typebox';
import { featureCollectionText, sendGeoJson } from '../http/geojson.ts';
import { errorResponses, FeatureCollection } from '../http/schemas.ts';
import { District } from './schemas.ts';

const Query = Type.Object(
  { format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('geojson')])) },
  { additionalProperties: false },
);
const stringifyDistrict = fastJson(District);

const districtRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/districts',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['districts'],
        summary: 'County-level districts; format=geojson adds boundaries',
        querystring: Query,
        response: {
          200: {
            content: {
              'application/json': { schema: Type.Object({ items: Type.Array(District) }) },
              'application/geo+json': { schema: FeatureCollection(District, Type.String()) },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const geojson = request.query.format === 'geojson';
      const { rows } = await app.db.pool.query<District & { geometry: string | null }>(
        `SELECT code, name, name_en AS "nameEn", round(area_mu::numeric, 0) AS "areaMu",
                CASE WHEN $1 THEN ST_AsGeoJSON(geom, 6) END AS geometry
         FROM districts ORDER BY code`,
        [geojson],
      );
      if (!geojson) return { items: rows.map(({ geometry: _, ...district }) => district) };
      const text = featureCollectionText(
        rows.map(({ geometry, ...district }) => ({
          id: district.code,
          geometry: geometry!,
          properties: stringifyDistrict(district),
        })),
      );
      return sendGeoJson(reply, text);
    },
  );
};

export default districtRoutes;
