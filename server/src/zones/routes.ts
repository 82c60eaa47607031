// /api/zones: development zones (开发园区) with level, district and leading industries.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fastJson from 'fast-json-stringify';
import { Type } from 'typebox';
import { featureCollectionText, sendGeoJson } from '../http/geojson.ts';
import { errorResponses, FeatureCollection } from '../http/schemas.ts';
import { Zone } from './schemas.ts';

const Query = Type.Object(
  {
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('geojson')])),
    districtCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
  },
  { additionalProperties: false },
);
const stringifyZone = fastJson(Zone);

const zoneRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/zones',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['zones'],
        summary: 'Development zones; format=geojson adds boundaries',
        querystring: Query,
        response: {
          200: {
            content: {
              'application/json': { schema: Type.Object({ items: Type.Array(Zone) }) },
              'application/geo+json': { schema: FeatureCollection(Zone, Type.Integer()) },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const geojson = request.query.format === 'geojson';
      const { rows } = await app.db.pool.query<Zone & { geometry: string | null }>(
        `SELECT id, code, name, name_en AS "nameEn", level, district_code AS "districtCode", industries,
                ARRAY(SELECT coalesce(n.name_en, i.industry)
                        FROM unnest(z.industries) WITH ORDINALITY i(industry, pos)
                        LEFT JOIN industry_names n ON n.name = i.industry
                       ORDER BY i.pos) AS "industriesEn",
                round(area_mu::numeric, 0) AS "areaMu", is_sample AS "isSample", contact,
                CASE WHEN $1 THEN ST_AsGeoJSON(geom, 6) END AS geometry
         FROM zones z WHERE ($2::text IS NULL OR district_code = $2) ORDER BY level, id`,
        [geojson, request.query.districtCode ?? null],
      );
      if (!geojson) return { items: rows.map(({ geometry: _, ...zone }) => zone) };
      const text = featureCollectionText(
        rows.map(({ geometry, ...zone }) => ({
          id: zone.id,
          geometry: geometry!,
          properties: stringifyZone(zone),
        })),
      );
      return sendGeoJson(reply, text);
    },
  );
};

export default zoneRoutes;
