// /healthz (the process answers) and /readyz (the database answers and is fully migrated).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { pendingMigrations } from '../db/migrate.ts';

const Health = Type.Object({ status: Type.String(), detail: Type.Optional(Type.String()) });

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    { config: { policy: 'public' }, schema: { tags: ['health'], response: { 200: Health } } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    { config: { policy: 'public' }, schema: { tags: ['health'], response: { 200: Health, 503: Health } } },
    async (_request, reply) => {
      try {
        const pending = await pendingMigrations(app.db.pool);
        if (pending.length > 0) {
          return reply.code(503).send({ status: 'migrating', detail: `pending: ${pending.join(', ')}` });
        }
        return { status: 'ready' };
      } catch (error) {
        app.log.warn({ err: error }, 'readiness check failed');
        return reply.code(503).send({ status: 'unavailable', detail: 'database unreachable' });
      }
    },
  );
};

export default healthRoutes;
