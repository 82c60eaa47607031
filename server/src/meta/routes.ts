// /api/meta: what the client needs before it draws anything — the city, its extent, the viewer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { cityExtent } from '../districts/queries.ts';
import { Meta } from './schemas.ts';

const metaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/meta',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['meta'],
        summary: 'City, extent, sample-data label and viewer',
        response: { 200: Meta },
      },
    },
    async (request) => {
      const { rows } = await app.db.pool.query<{
        city: { name?: string; nameEn?: string; isSample?: boolean } | null;
        is_sample: boolean;
        districts: number;
        zones: number;
        plots: number;
        land_uses: Meta['landUses'];
      }>(
        `SELECT (SELECT value FROM settings WHERE key = 'city') AS city,
                EXISTS (SELECT 1 FROM districts WHERE is_sample) OR EXISTS (SELECT 1 FROM plots WHERE is_sample)
                  AS is_sample,
                (SELECT count(*)::int FROM districts) AS districts,
                (SELECT count(*)::int FROM zones) AS zones,
                (SELECT count(*)::int FROM plots) AS plots,
                (SELECT json_agg(json_build_object('code', code, 'name', name_zh, 'nameEn', name_en) ORDER BY code)
                 FROM land_use_classes WHERE code LIKE '10%' OR code LIKE '11%') AS land_uses`,
      );
      const row = rows[0]!;
      return {
        city: { name: row.city?.name ?? '', nameEn: row.city?.nameEn ?? '' },
        bbox: await cityExtent(app.db.pool),
        isSample: row.is_sample || row.city?.isSample === true,
        counts: { districts: row.districts, zones: row.zones, plots: row.plots },
        viewer: { role: request.viewer.role },
        landUses: row.land_uses ?? [],
      };
    },
  );
};

export default metaRoutes;
