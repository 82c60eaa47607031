// /api/parcels: contiguous parcels (集中连片) as GeoJSON; planners can ask for a full rebuild.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { recordAudit } from '../audit/record.ts';
import { withTransaction } from '../db/pool.ts';
import { runPeriodically } from '../http/periodic.ts';
import { ErrorResponse, errorResponses } from '../http/schemas.ts';
import { getParcel, listParcels, rebuildParcels, refreshQueuedParcels } from './queries.ts';
import { ParcelCollection, ParcelFeature, ParcelListQuery, ParcelParams, ParcelRebuild } from './schemas.ts';

export interface ParcelOptions {
  /** Milliseconds between looks at the refresh queue for changes made outside this server (0: none). */
  refreshSweepMs: number;
}

const parcelRoutes: FastifyPluginAsyncTypebox<ParcelOptions> = async (app, options) => {
  app.get(
    '/api/parcels',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['parcels'],
        summary: 'Contiguous parcels of 500+ mu, largest first, as GeoJSON with members and area',
        querystring: ParcelListQuery,
        response: { 200: ParcelCollection, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { features, matched } = await listParcels(app.db.pool, request.viewer, request.query);
      reply.type('application/geo+json; charset=utf-8');
      return {
        type: 'FeatureCollection' as const,
        numberMatched: matched,
        numberReturned: features.length,
        features,
      };
    },
  );

  app.get(
    '/api/parcels/:id',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['parcels'],
        summary: 'One contiguous parcel',
        params: ParcelParams,
        response: { 200: ParcelFeature, ...errorResponses, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const parcel = await getParcel(app.db.pool, request.viewer, request.params.id);
      if (!parcel) throw app.httpErrors.notFound(`parcel ${request.params.id} does not exist`);
      reply.type('application/geo+json; charset=utf-8');
      return parcel;
    },
  );

  app.post(
    '/api/analysis/parcels',
    {
      config: { policy: 'planner' },
      schema: {
        tags: ['parcels'],
        summary: 'Derive every contiguous parcel again (after changing the contiguity settings, say)',
        response: { 200: ParcelRebuild, ...errorResponses },
      },
    },
    async (request) => {
      const started = performance.now();
      return withTransaction(
        app.db.pool,
        async (client) => {
          const counts = await rebuildParcels(client);
          const durationMs = Math.round(performance.now() - started);
          await recordAudit(client, {
            actorId: request.viewer.userId,
            action: 'parcels.rebuilt',
            entityType: 'parcels',
            entityId: 'all',
            before: null,
            after: { ...counts, durationMs },
          });
          return { ...counts, durationMs };
        },
        request.viewer.userId,
      );
    },
  );

  // Plots changed outside this server's transactions (psql, another tool) are queued by the
  // database; look at the queue on start and then every few seconds.
  runPeriodically(app, options.refreshSweepMs, 'refreshing contiguous parcels', async () => {
    const done = await refreshQueuedParcels(app.db.pool);
    if (done > 0) app.log.info({ changes: done }, 'contiguous parcels refreshed');
  });
};

export default parcelRoutes;
