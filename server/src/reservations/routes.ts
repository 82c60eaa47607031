// /api/reservations: planners hold plots (or a whole parcel) for a project until a date.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { withTransaction } from '../db/pool.ts';
import { runPeriodically } from '../http/periodic.ts';
import { ErrorResponse, errorResponses } from '../http/schemas.ts';
import {
  closeReservation,
  createReservation,
  expireReservations,
  extendReservation,
  listReservations,
} from './queries.ts';
import {
  CreateReservationBody,
  ExtendReservationBody,
  Reservation,
  ReservationList,
  ReservationListQuery,
  ReservationParams,
} from './schemas.ts';

export interface ReservationOptions {
  /** Milliseconds between sweeps that expire reservations past their end (0: no timer). */
  expirySweepMs: number;
}

const responses = { ...errorResponses, 404: ErrorResponse, 409: ErrorResponse };

const reservationRoutes: FastifyPluginAsyncTypebox<ReservationOptions> = async (app, options) => {
  const one = async (id: number, viewer: Parameters<typeof listReservations>[1]) => {
    const [reservation] = await listReservations(app.db.pool, viewer, { id });
    if (!reservation) throw app.httpErrors.notFound(`reservation ${id} does not exist`);
    return reservation;
  };

  app.get(
    '/api/reservations',
    {
      config: { policy: 'zone_manager' },
      schema: {
        tags: ['reservations'],
        summary: "Reservations, newest first (a zone manager's: those touching their zones)",
        querystring: ReservationListQuery,
        response: { 200: ReservationList, ...errorResponses },
      },
    },
    async (request) => ({ items: await listReservations(app.db.pool, request.viewer, request.query) }),
  );

  app.get(
    '/api/reservations/:id',
    {
      config: { policy: 'zone_manager' },
      schema: {
        tags: ['reservations'],
        summary: 'One reservation',
        params: ReservationParams,
        response: { 200: Reservation, ...responses },
      },
    },
    async (request) => one(request.params.id, request.viewer),
  );

  app.post(
    '/api/reservations',
    {
      config: { policy: 'planner' },
      schema: {
        tags: ['reservations'],
        summary: 'Reserve plots (or a whole parcel) for a project until a date; 409 names the holder',
        body: CreateReservationBody,
        response: { 201: Reservation, ...responses },
      },
    },
    async (request, reply) => {
      const id = await withTransaction(
        app.db.pool,
        (client) => createReservation(client, request.body, request.viewer.userId),
        request.viewer.userId,
      );
      return reply.code(201).send(await one(id, request.viewer));
    },
  );

  app.post(
    '/api/reservations/:id/extend',
    {
      config: { policy: 'planner' },
      schema: {
        tags: ['reservations'],
        summary: 'Hold the plots longer',
        params: ReservationParams,
        body: ExtendReservationBody,
        response: { 200: Reservation, ...responses },
      },
    },
    async (request) => {
      await withTransaction(
        app.db.pool,
        (client) => extendReservation(client, request.params.id, request.body.until, request.viewer.userId),
        request.viewer.userId,
      );
      return one(request.params.id, request.viewer);
    },
  );

  for (const [action, outcome, summary] of [
    ['release', 'released', 'Let the plots go: each gets back the status it had'],
    ['convert', 'converted', 'The project got the land: the plots become supplied'],
  ] as const) {
    app.post(
      `/api/reservations/:id/${action}`,
      {
        config: { policy: 'planner' },
        schema: {
          tags: ['reservations'],
          summary,
          params: ReservationParams,
          response: { 200: Reservation, ...responses },
        },
      },
      async (request) => {
        await withTransaction(
          app.db.pool,
          (client) => closeReservation(client, request.params.id, outcome, request.viewer.userId),
          request.viewer.userId,
        );
        return one(request.params.id, request.viewer);
      },
    );
  }

  // Reservations past their end expire without anyone acting: on start, then on a timer.
  runPeriodically(app, options.expirySweepMs, 'expiring reservations', async () => {
    const expired = await expireReservations(app.db.pool);
    if (expired.length > 0) app.log.info({ reservations: expired }, 'reservations expired');
  });
};

export default reservationRoutes;
