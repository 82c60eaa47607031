// /api/projects: the planners' project list, with the 72-hour city review of 10亿元+ projects.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { recordAudit } from '../audit/record.ts';
import { binder } from '../db/bind.ts';
import { withTransaction } from '../db/pool.ts';
import { ErrorResponse, errorResponses } from '../http/schemas.ts';
import {
  CreateProjectBody,
  Project,
  ProjectList,
  ProjectListQuery,
  ProjectParams,
  UpdateProjectBody,
} from './schemas.ts';

const COLUMNS: Record<keyof UpdateProjectBody, string> = {
  name: 'name',
  investor: 'investor',
  industry: 'industry',
  investmentYi: 'investment_yi',
  landDemandMu: 'land_demand_mu',
  stage: 'stage',
  zoneId: 'zone_id',
  signedAt: 'signed_at',
};

const responses = { ...errorResponses, 404: ErrorResponse, 409: ErrorResponse };

const projectRoutes: FastifyPluginAsyncTypebox = async (app) => {
  async function list(filter: ProjectListQuery & { id?: number }): Promise<Project[]> {
    const params: unknown[] = [];
    const clauses: string[] = [];
    const bind = binder(params);
    if (filter.id !== undefined) clauses.push(`p.id = ${bind(filter.id)}`);
    if (filter.stage !== undefined) clauses.push(`p.stage = ${bind(filter.stage)}`);
    if (filter.zoneId !== undefined) clauses.push(`p.zone_id = ${bind(filter.zoneId)}`);
    if (filter.review !== undefined) clauses.push(`r.review = ${bind(filter.review)}`);
    const { rows } = await app.db.pool.query<Project>(
      `SELECT p.id, p.code, p.name, p.investor, p.industry, p.investment_yi::float8 AS "investmentYi",
              p.land_demand_mu::float8 AS "landDemandMu", p.stage, p.zone_id AS "zoneId",
              to_json(p.signed_at) #>> '{}' AS "signedAt", z.name AS "zoneName", z.name_en AS "zoneNameEn",
              to_json(p.review_due_at) #>> '{}' AS "reviewDueAt",
              to_json(p.city_reviewed_at) #>> '{}' AS "cityReviewedAt", r.review,
              coalesce((SELECT round(sum(pl.area_mu)::numeric, 1)::float8
                        FROM reservations rs JOIN reservation_plots rp ON rp.reservation_id = rs.id
                        JOIN plots pl ON pl.id = rp.plot_id
                        WHERE rs.project_id = p.id AND rs.status = 'active'), 0) AS "reservedMu",
              p.is_sample AS "isSample"
       FROM projects p
       LEFT JOIN zones z ON z.id = p.zone_id
       CROSS JOIN LATERAL (SELECT CASE
         WHEN p.review_due_at IS NULL THEN 'not_required'
         WHEN p.city_reviewed_at IS NOT NULL THEN 'done'
         WHEN p.review_due_at < now() THEN 'overdue'
         ELSE 'due' END AS review) r
       ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}
       ORDER BY (r.review = 'overdue') DESC, (r.review = 'due') DESC, p.review_due_at, p.signed_at DESC NULLS LAST, p.id
       LIMIT 1000`,
      params,
    );
    return rows;
  }
  async function one(id: number) {
    const [project] = await list({ id });
    if (!project) throw app.httpErrors.notFound(`project ${id} does not exist`);
    return project;
  }
  const checkSigned = (stage: string | undefined, signedAt: string | null | undefined) => {
    if (stage !== undefined && stage !== 'talks' && signedAt === null) {
      throw app.httpErrors.badRequest(
        `signedAt: a project at stage "${stage}" has been signed; give the date`,
      );
    }
  };

  app.get(
    '/api/projects',
    {
      config: { policy: 'planner' },
      schema: {
        tags: ['projects'],
        summary: 'Projects; overdue and due city reviews first',
        querystring: ProjectListQuery,
        response: { 200: ProjectList, ...errorResponses },
      },
    },
    async (request) => ({ items: await list(request.query) }),
  );

  app.get(
    '/api/projects/:id',
    {
      config: { policy: 'planner' },
      schema: {
        tags: ['projects'],
        summary: 'One project',
        params: ProjectParams,
        response: { 200: Project, ...responses },
      },
    },
    async (request) => one(request.params.id),
  );

  app.post(
    '/api/projects',
    {
      config: { policy: 'planner' },
      schema: {
        tags: ['projects'],
        summary: 'Add a project',
        body: CreateProjectBody,
        response: { 201: Project, ...responses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      checkSigned(body.stage, body.signedAt);
      const id = await withTransaction(
        app.db.pool,
        async (client) => {
          const exists = await client.query('SELECT 1 FROM projects WHERE lower(code) = lower($1)', [
            body.code,
          ]);
          if (exists.rows.length > 0)
            throw app.httpErrors.conflict(`a project with code ${body.code} exists`);
          const { rows } = await client.query<{ id: number }>(
            `INSERT INTO projects (code, name, investor, industry, investment_yi, land_demand_mu, stage, zone_id, signed_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
            [
              body.code,
              body.name,
              body.investor,
              body.industry,
              body.investmentYi,
              body.landDemandMu,
              body.stage,
              body.zoneId,
              body.signedAt,
            ],
          );
          const projectId = rows[0]!.id;
          await recordAudit(client, {
            actorId: request.viewer.userId,
            action: 'project.created',
            entityType: 'project',
            entityId: projectId,
            after: body,
          });
          return projectId;
        },
        request.viewer.userId,
      );
      return reply.code(201).send(await one(id));
    },
  );

  app.patch(
    '/api/projects/:id',
    {
      config: { policy: 'planner' },
      schema: {
        tags: ['projects'],
        summary: 'Change a project (stage, investment, land demand, zone, signing date)',
        params: ProjectParams,
        body: UpdateProjectBody,
        response: { 200: Project, ...responses },
      },
    },
    async (request) => {
      const before = await one(request.params.id);
      const changes = Object.entries(request.body) as [keyof UpdateProjectBody, unknown][];
      checkSigned(
        request.body.stage ?? before.stage,
        request.body.signedAt === undefined ? before.signedAt : request.body.signedAt,
      );
      await withTransaction(
        app.db.pool,
        async (client) => {
          const sets = changes.map(([key], i) => `${COLUMNS[key]} = $${i + 2}`);
          await client.query(`UPDATE projects SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [
            before.id,
            ...changes.map(([, value]) => value),
          ]);
          await recordAudit(client, {
            actorId: request.viewer.userId,
            action: 'project.updated',
            entityType: 'project',
            entityId: before.id,
            before: Object.fromEntries(changes.map(([key]) => [key, before[key]])),
            after: request.body,
          });
        },
        request.viewer.userId,
      );
      return one(before.id);
    },
  );

  app.post(
    '/api/projects/:id/city-review',
    {
      config: { policy: 'planner' },
      schema: {
        tags: ['projects'],
        summary: 'Record that the city-level review took place',
        params: ProjectParams,
        response: { 200: Project, ...responses },
      },
    },
    async (request) => {
      const before = await one(request.params.id);
      if (before.review === 'not_required') {
        throw app.httpErrors.conflict(`project ${before.code} needs no city review`);
      }
      if (before.review !== 'done') {
        await withTransaction(
          app.db.pool,
          async (client) => {
            await client.query(
              'UPDATE projects SET city_reviewed_at = now(), updated_at = now() WHERE id = $1',
              [before.id],
            );
            await recordAudit(client, {
              actorId: request.viewer.userId,
              action: 'project.city_reviewed',
              entityType: 'project',
              entityId: before.id,
              before: { review: before.review },
              after: { review: 'done' },
            });
          },
          request.viewer.userId,
        );
      }
      return one(before.id);
    },
  );
};

export default projectRoutes;
