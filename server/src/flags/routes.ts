// /api/flags: zone managers flag plots in their zones; planners review the queue.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { withTransaction } from '../db/pool.ts';
import { ErrorResponse, errorResponses } from '../http/schemas.ts';
import { createFlag, listFlags, reviewFlag } from './queries.ts';
import { CreateFlagBody, Flag, FlagList, FlagListQuery, FlagParams, ReviewFlagBody } from './schemas.ts';

const responses = { ...errorResponses, 404: ErrorResponse, 409: ErrorResponse };

const flagRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const one = async (id: number, viewer: Parameters<typeof listFlags>[1]) => {
    const [flag] = await listFlags(app.db.pool, viewer, { id });
    if (!flag) throw app.httpErrors.notFound(`flag ${id} does not exist`);
    return flag;
  };

  app.get(
    '/api/flags',
    {
      config: { policy: 'zone_manager' },
      schema: {
        tags: ['flags'],
        summary: "Flags (pending first); a zone manager sees their zones' flags",
        querystring: FlagListQuery,
        response: { 200: FlagList, ...errorResponses },
      },
    },
    async (request) => ({ items: await listFlags(app.db.pool, request.viewer, request.query) }),
  );

  app.post(
    '/api/flags',
    {
      config: { policy: 'zone_manager' },
      schema: {
        tags: ['flags'],
        summary: 'Flag a plot in one of your zones: a proposed status or inefficiency type, with the reason',
        body: CreateFlagBody,
        response: { 201: Flag, ...responses },
      },
    },
    async (request, reply) => {
      const id = await withTransaction(
        app.db.pool,
        (client) => createFlag(client, request.viewer, request.body),
        request.viewer.userId,
      );
      return reply.code(201).send(await one(id, request.viewer));
    },
  );

  app.post(
    '/api/flags/:id/review',
    {
      config: { policy: 'planner' },
      schema: {
        tags: ['flags'],
        summary: 'Approve (the plot changes) or reject (with a note) a pending flag',
        params: FlagParams,
        body: ReviewFlagBody,
        response: { 200: Flag, ...responses },
      },
    },
    async (request) => {
      await withTransaction(
        app.db.pool,
        (client) =>
          reviewFlag(client, request.viewer, request.params.id, request.body.decision, request.body.note),
        request.viewer.userId,
      );
      return one(request.params.id, request.viewer);
    },
  );
};

export default flagRoutes;
