// /api/inquiries: the public asks about a plot, parcel or zone; the zone's managers answer.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { recordAudit } from '../audit/record.ts';
import { seesAllInternal } from '../auth/policy.ts';
import { binder } from '../db/bind.ts';
import { withTransaction } from '../db/pool.ts';
import { ErrorResponse, errorResponses } from '../http/schemas.ts';
import {
  CreateInquiryBody,
  Inquiry,
  InquiryList,
  InquiryListQuery,
  InquiryParams,
  InquiryReceipt,
  InquiryStatusBody,
} from './schemas.ts';

export interface InquiryOptions {
  /** Inquiries one address may send per hour (per server instance). */
  perIpPerHour: number;
}

const PHONE = /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/;
const reference = (id: number) => `INQ-${String(id).padStart(6, '0')}`;

interface InquiryRow {
  id: number;
  status: Inquiry['status'];
  target_type: Inquiry['targetType'];
  plot: Inquiry['plot'];
  parcel_id: number | null;
  zone: Inquiry['zone'];
  contact_name: string;
  company: string;
  phone: string | null;
  email: string | null;
  land_demand_mu: number | null;
  industry: string | null;
  message: string;
  created_at: string;
  updated_at: string;
}

const inquiryRoutes: FastifyPluginAsyncTypebox<InquiryOptions> = async (app, options) => {
  async function list(
    viewer: Parameters<typeof seesAllInternal>[0],
    filter: InquiryListQuery & { id?: number },
  ) {
    const params: unknown[] = [seesAllInternal(viewer), viewer.zoneIds];
    const clauses = ['($1::boolean OR i.zone_id = ANY ($2::int[]))'];
    const bind = binder(params);
    if (filter.id !== undefined) clauses.push(`i.id = ${bind(filter.id)}`);
    if (filter.status !== undefined) clauses.push(`i.status = ${bind(filter.status)}`);
    if (filter.zoneId !== undefined) clauses.push(`i.zone_id = ${bind(filter.zoneId)}`);
    const { rows } = await app.db.pool.query<InquiryRow>(
      `SELECT i.id, i.status, i.target_type,
              CASE WHEN p.id IS NOT NULL THEN json_build_object('id', p.id, 'code', p.code) END AS plot,
              i.parcel_id,
              CASE WHEN z.id IS NOT NULL THEN json_build_object('id', z.id, 'name', z.name, 'nameEn', z.name_en) END AS zone,
              i.contact_name, i.company, i.phone, i.email, i.land_demand_mu::float8 AS land_demand_mu,
              i.industry, i.message,
              to_json(i.created_at) #>> '{}' AS created_at, to_json(i.updated_at) #>> '{}' AS updated_at
       FROM inquiries i
       LEFT JOIN plots p ON p.id = i.plot_id
       LEFT JOIN zones z ON z.id = i.zone_id
       WHERE ${clauses.join(' AND ')}
       ORDER BY (i.status = 'new') DESC, i.created_at DESC, i.id DESC
       LIMIT 500`,
      params,
    );
    return rows.map(
      (row): Inquiry => ({
        id: row.id,
        reference: reference(row.id),
        status: row.status,
        targetType: row.target_type,
        plot: row.plot,
        parcelId: row.parcel_id,
        zone: row.zone,
        contactName: row.contact_name,
        company: row.company,
        phone: row.phone,
        email: row.email,
        landDemandMu: row.land_demand_mu,
        industry: row.industry,
        message: row.message,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      }),
    );
  }

  app.post(
    '/api/inquiries',
    {
      config: {
        policy: 'public',
        rateLimit: {
          max: options.perIpPerHour,
          timeWindow: '1 hour',
          errorResponseBuilder: () => ({
            statusCode: 429,
            error: 'Too Many Requests',
            message: 'too many inquiries from this address; please call the zone instead, or try again later',
          }),
        },
      },
      schema: {
        tags: ['inquiries'],
        summary: "Ask about a plot, parcel or zone; it goes to that zone's managers",
        body: CreateInquiryBody,
        response: { 201: InquiryReceipt, ...errorResponses, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      // A filled honeypot is a robot: thank it and keep nothing.
      if (body.website !== undefined && body.website.trim() !== '') {
        request.log.info('inquiry honeypot filled; discarded');
        return reply.code(201).send({ received: true, reference: reference(0) });
      }
      const phone = body.phone?.replace(/[\s()]/g, '') || undefined;
      const email = body.email?.trim() || undefined;
      if (!phone && !email)
        throw app.httpErrors.badRequest('phone or email: give at least one way to reach you');
      if (phone && !PHONE.test(phone)) {
        throw app.httpErrors.badRequest(
          `phone: "${body.phone}" is not an 11-digit mobile or a landline with area code`,
        );
      }
      const targetId = { plot: body.plotId, parcel: body.parcelId, zone: body.zoneId }[body.targetType];
      if (targetId === undefined)
        throw app.httpErrors.badRequest(`${body.targetType}Id: say which ${body.targetType}`);
      // Route it: the zone of the plot, of the parcel's (first) zone, or the zone itself.
      const target = await app.db.pool.query<{ zone_id: number | null }>(
        {
          plot: 'SELECT zone_id FROM plots WHERE id = $1',
          parcel: 'SELECT zone_ids[1] AS zone_id FROM parcels WHERE id = $1',
          zone: 'SELECT id AS zone_id FROM zones WHERE id = $1',
        }[body.targetType],
        [targetId],
      );
      if (target.rows.length === 0)
        throw app.httpErrors.notFound(`${body.targetType} ${targetId} does not exist`);
      const zoneId = target.rows[0]!.zone_id;
      const id = await withTransaction(app.db.pool, async (client) => {
        const { rows } = await client.query<{ id: number }>(
          `INSERT INTO inquiries (target_type, plot_id, parcel_id, zone_id, contact_name, company, phone, email,
                                  land_demand_mu, industry, message)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
          [
            body.targetType,
            body.targetType === 'plot' ? targetId : null,
            body.targetType === 'parcel' ? targetId : null,
            zoneId,
            body.contactName.trim(),
            body.company.trim(),
            phone ?? null,
            email ?? null,
            body.landDemandMu ?? null,
            body.industry?.trim() || null,
            body.message?.trim() ?? '',
          ],
        );
        const inquiryId = rows[0]!.id;
        await recordAudit(client, {
          actorId: request.viewer.userId,
          action: 'inquiry.created',
          entityType: 'inquiry',
          entityId: inquiryId,
          after: { targetType: body.targetType, targetId, zoneId },
        });
        return inquiryId;
      });
      return reply.code(201).send({ received: true, reference: reference(id) });
    },
  );

  app.get(
    '/api/inquiries',
    {
      config: { policy: 'zone_manager' },
      schema: {
        tags: ['inquiries'],
        summary: "The inquiry inbox (new first); a zone manager's zones only",
        querystring: InquiryListQuery,
        response: { 200: InquiryList, ...errorResponses },
      },
    },
    async (request) => ({ items: await list(request.viewer, request.query) }),
  );

  app.post(
    '/api/inquiries/:id/status',
    {
      config: { policy: 'zone_manager' },
      schema: {
        tags: ['inquiries'],
        summary: 'Mark an inquiry contacted or closed (or new again)',
        params: InquiryParams,
        body: InquiryStatusBody,
        response: { 200: Inquiry, ...errorResponses, 404: ErrorResponse },
      },
    },
    async (request) => {
      const [current] = await list(request.viewer, { id: request.params.id });
      if (!current)
        throw app.httpErrors.notFound(`inquiry ${request.params.id} does not exist in your zones`);
      if (current.status !== request.body.status) {
        await withTransaction(
          app.db.pool,
          async (client) => {
            await client.query('UPDATE inquiries SET status = $2, updated_at = now() WHERE id = $1', [
              current.id,
              request.body.status,
            ]);
            await recordAudit(client, {
              actorId: request.viewer.userId,
              action: 'inquiry.status_changed',
              entityType: 'inquiry',
              entityId: current.id,
              before: { status: current.status },
              after: { status: request.body.status },
            });
          },
          request.viewer.userId,
        );
      }
      const [updated] = await list(request.viewer, { id: request.params.id });
      return updated!;
    },
  );
};

export default inquiryRoutes;
