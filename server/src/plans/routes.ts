// /api/plots/:id/plan: a plot's revitalization plan (一地一策), kept by its zone's managers and planners.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { recordAudit } from '../audit/record.ts';
import { seesAllInternal } from '../auth/policy.ts';
import { withTransaction } from '../db/pool.ts';
import { ErrorResponse, errorResponses } from '../http/schemas.ts';
import { PlotParams, RevitalizationPlan } from '../plots/schemas.ts';
import { PlanBody } from './schemas.ts';

const planRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/api/plots/:id/plan',
    {
      config: { policy: 'zone_manager' },
      schema: {
        tags: ['plots'],
        summary: "Set a plot's revitalization plan (its zone's managers and planners)",
        params: PlotParams,
        body: PlanBody,
        response: { 200: RevitalizationPlan, ...errorResponses, 404: ErrorResponse },
      },
    },
    async (request) => {
      const viewer = request.viewer;
      const body = request.body;
      return withTransaction(
        app.db.pool,
        async (client) => {
          const { rows } = await client.query<{
            code: string;
            zone_id: number | null;
            before: PlanBody | null;
          }>(
            `SELECT p.code, p.zone_id,
                    (SELECT json_build_object('measure', r.measure, 'responsibleUnit', r.responsible_unit,
                              'targetDate', to_char(r.target_date, 'YYYY-MM-DD'), 'progress', r.progress,
                              'progressPct', r.progress_pct)
                     FROM revitalization_plans r WHERE r.plot_id = p.id) AS before
             FROM plots p WHERE p.id = $1 FOR UPDATE`,
            [request.params.id],
          );
          const plot = rows[0];
          if (!plot) throw app.httpErrors.notFound(`plot ${request.params.id} does not exist`);
          if (!seesAllInternal(viewer) && (plot.zone_id === null || !viewer.zoneIds.includes(plot.zone_id))) {
            throw app.httpErrors.forbidden(`plot ${plot.code} lies outside your zones`);
          }
          await client.query(
            `INSERT INTO revitalization_plans (plot_id, measure, responsible_unit, target_date, progress, progress_pct,
                                               updated_by, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, now())
             ON CONFLICT (plot_id) DO UPDATE SET measure = $2, responsible_unit = $3, target_date = $4,
               progress = $5, progress_pct = $6, updated_by = $7, updated_at = now()`,
            [
              request.params.id,
              body.measure,
              body.responsibleUnit.trim(),
              body.targetDate,
              body.progress.trim(),
              body.progressPct,
              viewer.userId,
            ],
          );
          await recordAudit(client, {
            actorId: viewer.userId,
            action: plot.before ? 'plan.updated' : 'plan.created',
            entityType: 'plot',
            entityId: request.params.id,
            before: plot.before,
            after: body,
          });
          return { ...body, responsibleUnit: body.responsibleUnit.trim(), progress: body.progress.trim() };
        },
        viewer.userId,
      );
    },
  );
};

export default planRoutes;
