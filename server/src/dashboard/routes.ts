// /api/dashboard: KPIs and series by district and zone (统计), and their export as CSV or XLSX.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Viewer } from '../auth/policy.ts';
import { seesAllInternal } from '../auth/policy.ts';
import { RequestError } from '../http/errors.ts';
import { ErrorResponse, errorResponses } from '../http/schemas.ts';
import { assembleDashboard } from './assemble.ts';
import { dashboardTables, toCsv, toXlsx } from './export.ts';
import {
  checkScopeNames,
  type DashboardScope,
  dashboardFigures,
  dueReviews,
  readReference,
} from './queries.ts';
import { Dashboard, DashboardExportQuery, DashboardQuery } from './schemas.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const responses = { ...errorResponses, 404: ErrorResponse };

/**
 * The scope a viewer asked for, held to what the viewer may see: a zone manager's figures cover
 * only their own zones, whatever the request says.
 */
function scopeFor(viewer: Viewer, districtCode: string | null, zoneId: number | null) {
  let zoneIds: number[] | null = zoneId === null ? null : [zoneId];
  let forcedZones: number[] | null = null;
  if (!seesAllInternal(viewer)) {
    forcedZones = [...viewer.zoneIds].sort((a, b) => a - b);
    if (zoneId !== null && !forcedZones.includes(zoneId)) {
      throw new RequestError(403, `zone ${zoneId} is not one of your zones; choose one of your own zones`);
    }
    zoneIds = zoneId === null ? forcedZones : [zoneId];
  }
  const scope: DashboardScope = { districtCode, zoneIds };
  return { scope, forcedZones };
}

async function buildDashboard(
  app: FastifyInstance,
  viewer: Viewer,
  query: { districtCode?: string | undefined; zoneId?: number | undefined },
): Promise<Dashboard> {
  const districtCode = query.districtCode ?? null;
  const zoneId = query.zoneId ?? null;
  const reference = await readReference(app.db.pool);
  checkScopeNames(reference, districtCode, zoneId);
  const { scope, forcedZones } = scopeFor(viewer, districtCode, zoneId);
  const rows = await dashboardFigures(app.db.pool, scope, reference.settings, app.db.kind === 'postgres');
  const reviews = await dueReviews(app.db.pool, scope);
  return assembleDashboard({
    rows,
    reviews,
    reference,
    scope,
    requested: { districtCode, zoneId },
    forcedZones,
  });
}

const dashboardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/dashboard',
    {
      config: { policy: 'zone_manager' },
      schema: {
        tags: ['dashboard'],
        summary:
          "Dashboard figures for the city, a district or a zone, with tables by district and by zone; a zone manager's cover only their zones",
        querystring: DashboardQuery,
        response: { 200: Dashboard, ...responses },
      },
    },
    async (request) => buildDashboard(app, request.viewer, request.query),
  );

  app.get(
    '/api/dashboard/export',
    {
      config: { policy: 'zone_manager' },
      schema: {
        tags: ['dashboard'],
        summary:
          'Every dashboard figure as CSV (UTF-8 with BOM; one table, or all under their titles) or XLSX (a sheet per table)',
        querystring: DashboardExportQuery,
        response: {
          200: {
            content: {
              'text/csv': { schema: Type.String() },
              [XLSX_TYPE]: { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) },
            },
          },
          ...responses,
        },
      },
    },
    async (request, reply) => {
      const { format, table, lang } = request.query;
      const dashboard = await buildDashboard(app, request.viewer, request.query);
      const tables = dashboardTables(dashboard, lang ?? 'zh-CN').filter(
        (t) => table === undefined || t.name === table,
      );
      const day = dashboard.generatedAt.slice(0, 10);
      const scope = [
        dashboard.scope.districtCode,
        dashboard.scope.zoneId === null ? null : `zone-${dashboard.scope.zoneId}`,
      ]
        .filter((part) => part !== null)
        .join('-');
      const base = ['land-atlas-dashboard', scope, table, dashboard.isSample ? 'sample' : null, day]
        .filter((part) => part)
        .join('-');
      reply.header('cache-control', 'no-store');
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${base}.csv"`)
          .send(toCsv(tables));
      }
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${base}.xlsx"`)
        .send(await toXlsx(tables, dashboard.isSample));
    },
  );
};

export default dashboardRoutes;
