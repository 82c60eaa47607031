// /api/compliance: industrial share per control line and per district against the configured
// minimums, the plots breaking the rules (paged, or downloaded as CSV/XLSX).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse, errorResponses } from '../http/schemas.ts';
import { breachesCsv, breachesXlsx, breachName } from './export.ts';
import { complianceSummary, countBreaches, listBreaches } from './queries.ts';
import {
  ComplianceExportQuery,
  CompliancePlotList,
  CompliancePlotsQuery,
  ComplianceSummary,
  ComplianceSummaryQuery,
} from './schemas.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Rows one export may hold; beyond it, a district or zone narrows the list. */
export const EXPORT_MAX_ROWS = 200_000;

const responses = { ...errorResponses, 404: ErrorResponse };

const complianceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/compliance/summary',
    {
      config: { policy: 'zone_manager' },
      schema: {
        tags: ['compliance'],
        summary:
          "Industrial share of each control line in force and of each district's lines, and the share of each district's industrial land inside the lines, against the configured minimums",
        querystring: ComplianceSummaryQuery,
        response: { 200: ComplianceSummary, ...responses },
      },
    },
    async (request) =>
      complianceSummary(app.db.pool, request.query.districtCode ?? null, app.db.kind === 'postgres'),
  );

  app.get(
    '/api/compliance/plots',
    {
      config: { policy: 'zone_manager' },
      schema: {
        tags: ['compliance'],
        summary:
          "Plots breaking a control-line rule (industrial outside the lines, non-industrial inside core lines), by area; a zone manager's own zones only",
        querystring: CompliancePlotsQuery,
        response: { 200: CompliancePlotList, ...responses },
      },
    },
    async (request) => {
      const { sort = '-areaMu', limit = 50, offset = 0, ...filter } = request.query;
      const { total, areaMu } = await countBreaches(app.db.pool, request.viewer, filter);
      const items = await listBreaches(app.db.pool, request.viewer, filter, { sort, limit, offset });
      return { total, totalAreaMu: areaMu, limit, offset, items };
    },
  );

  app.get(
    '/api/compliance/export',
    {
      config: { policy: 'zone_manager' },
      schema: {
        tags: ['compliance'],
        summary: 'The plots breaking control-line rules as CSV (UTF-8 with BOM) or XLSX, largest first',
        querystring: ComplianceExportQuery,
        response: {
          200: {
            content: {
              'text/csv': { schema: Type.String() },
              [XLSX_TYPE]: { schema: Type.Unsafe<Buffer>(Type.String({ format: 'binary' })) },
            },
          },
          ...responses,
        },
      },
    },
    async (request, reply) => {
      const { format, lang = 'zh-CN', ...filter } = request.query;
      const { total } = await countBreaches(app.db.pool, request.viewer, filter);
      if (total > EXPORT_MAX_ROWS) {
        throw app.httpErrors.badRequest(
          `${total} plots match, more than one export holds (${EXPORT_MAX_ROWS}); choose a district or a zone`,
        );
      }
      const plots = await listBreaches(app.db.pool, request.viewer, filter, {
        sort: '-areaMu',
        limit: null,
        offset: 0,
      });
      const base = [
        'land-atlas-compliance',
        filter.kind,
        filter.districtCode,
        filter.zoneId === undefined ? undefined : `zone-${filter.zoneId}`,
        plots.some((plot) => plot.isSample) ? 'sample' : undefined,
        new Date().toISOString().slice(0, 10),
      ]
        .filter((part) => part !== undefined)
        .join('-');
      reply.header('cache-control', 'no-store');
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${base}.csv"`)
          .send(breachesCsv(plots, lang));
      }
      const sheet = filter.kind ? breachName(filter.kind, lang) : lang === 'en' ? 'Breaches' : '违规地块';
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${base}.xlsx"`)
        .send(await breachesXlsx(plots, lang, sheet));
    },
  );
};

export default complianceRoutes;
