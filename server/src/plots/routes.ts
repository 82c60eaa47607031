// /api/plots: filtered, paged, role-aware lists (JSON or GeoJSON) and single plots.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fastJson from 'fast-json-stringify';
import { featureCollectionText, sendGeoJson } from '../http/geojson.ts';
import { errorResponses, FeatureCollection } from '../http/schemas.ts';
import { parsePlotFilter, parsePlotSort } from './filters.ts';
import {
  countPlots,
  findPlot,
  listPlots,
  type PlotRow,
  plotStatsByBreach,
  plotStatsByStatus,
  plotStatsInternal,
  plotTimeline,
  polygonProblem,
} from './queries.ts';
import {
  PLOT_SELECTION_MAX_ITEMS,
  PlotDetail,
  PlotList,
  PlotListQuery,
  PlotParams,
  PlotSelection,
  PlotSelectionBody,
  PlotStats,
  PlotStatsQuery,
  PlotSummary,
  PlotTimeline,
} from './schemas.ts';

// Built from the row, then serialized by the schema: two guards against leaking an attribute.
function summary(row: PlotRow): PlotSummary {
  const plot: PlotSummary = {
    id: row.id,
    code: row.code,
    zoneId: row.zone_id,
    zoneName: row.zone_name,
    zoneNameEn: row.zone_name_en,
    districtCode: row.district_code,
    districtName: row.district_name,
    districtNameEn: row.district_name_en,
    areaMu: row.area_mu,
    landUseCode: row.land_use_code,
    landUseName: row.land_use_name,
    landUseNameEn: row.land_use_name_en,
    status: row.status as PlotSummary['status'],
    isSample: row.is_sample,
  };
  if (row.internal) {
    plot.enterpriseName = row.enterprise_name;
    plot.inefficiencyType = row.inefficiency_type;
    plot.grade = row.grade;
  }
  return plot;
}

const stringifySummary = fastJson(PlotSummary);

function statusTotals(rows: { status: string; count: number; area_mu: number }[]) {
  return {
    total: rows.reduce((sum, row) => sum + row.count, 0),
    totalAreaMu: Math.round(rows.reduce((sum, row) => sum + row.area_mu, 0) * 10) / 10,
    byStatus: rows.map((row) => ({
      status: row.status as PlotStats['byStatus'][number]['status'],
      count: row.count,
      areaMu: row.area_mu,
    })),
  };
}

const plotRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/plots',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['plots'],
        summary: 'Plots matching filters, paged; format=geojson answers a FeatureCollection',
        querystring: PlotListQuery,
        response: {
          200: {
            content: {
              'application/json': { schema: PlotList },
              'application/geo+json': { schema: FeatureCollection(PlotSummary, PlotSummary.properties.id) },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const filter = parsePlotFilter(request.query);
      const sort = parsePlotSort(request.query.sort);
      const limit = request.query.limit ?? 100;
      const offset = request.query.offset ?? 0;
      const geojson = request.query.format === 'geojson';
      if (!geojson && limit > 1000) {
        throw app.httpErrors.badRequest('limit: at most 1000 for JSON lists (10000 with format=geojson)');
      }
      const total = await countPlots(app.db.pool, request.viewer, filter);
      const rows = await listPlots(app.db.pool, request.viewer, filter, sort, { limit, offset }, geojson);
      if (geojson) {
        const text = featureCollectionText(
          rows.map((row) => ({
            id: row.id,
            geometry: row.geometry!,
            properties: stringifySummary(summary(row)),
          })),
          { numberMatched: total, numberReturned: rows.length },
        );
        return sendGeoJson(reply, text);
      }
      return { total, limit, offset, items: rows.map(summary) };
    },
  );

  app.get(
    '/api/plots/stats',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['plots'],
        summary: 'Plot counts and areas by the status this viewer sees, with the list filters',
        querystring: PlotStatsQuery,
        response: { 200: PlotStats, ...errorResponses },
      },
    },
    async (request) => {
      const filter = parsePlotFilter(request.query);
      const rows = await plotStatsByStatus(app.db.pool, request.viewer, filter);
      const internal = await plotStatsInternal(app.db.pool, request.viewer, filter);
      const breaches = await plotStatsByBreach(app.db.pool, request.viewer, filter);
      const totals = statusTotals(rows);
      return {
        ...totals,
        byGrade: internal.grades.map((row) => ({
          grade: row.key as PlotStats['byGrade'][number]['grade'],
          count: row.count,
          areaMu: row.area_mu,
        })),
        byInefficiencyType: internal.inefficiencyTypes.map((row) => ({
          inefficiencyType: row.key as PlotStats['byInefficiencyType'][number]['inefficiencyType'],
          count: row.count,
          areaMu: row.area_mu,
        })),
        byCompliance: [
          ...breaches.map((row) => ({
            compliance: row.key as PlotStats['byCompliance'][number]['compliance'],
            count: row.count,
            areaMu: row.area_mu,
          })),
          {
            compliance: 'compliant' as const,
            count: totals.total - breaches.reduce((sum, row) => sum + row.count, 0),
            areaMu:
              Math.round((totals.totalAreaMu - breaches.reduce((sum, row) => sum + row.area_mu, 0)) * 10) /
              10,
          },
        ],
      };
    },
  );

  app.post(
    '/api/plots/selection',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['plots'],
        summary: 'Plots intersecting a drawn polygon, with the list filters: totals and the largest plots',
        querystring: PlotStatsQuery,
        body: PlotSelectionBody,
        response: { 200: PlotSelection, ...errorResponses },
      },
    },
    async (request) => {
      const { polygon } = request.body;
      request.body.polygon.coordinates.forEach((ring, index) => {
        const [first, last] = [ring[0]!, ring[ring.length - 1]!];
        if (first[0] !== last[0] || first[1] !== last[1]) {
          throw app.httpErrors.badRequest(
            `polygon ring ${index} is not closed: it starts at ${first.join(' ')} and ends at ${last.join(' ')}`,
          );
        }
      });
      const geojson = JSON.stringify(polygon);
      const problem = await polygonProblem(app.db.pool, geojson);
      if (problem) throw app.httpErrors.badRequest(`polygon is not valid: ${problem}`);
      const filter = { ...parsePlotFilter(request.query), polygon: geojson };
      const rows = await plotStatsByStatus(app.db.pool, request.viewer, filter);
      const items = await listPlots(
        app.db.pool,
        request.viewer,
        filter,
        { key: 'areaMu', descending: true },
        { limit: PLOT_SELECTION_MAX_ITEMS, offset: 0 },
        false,
      );
      return { ...statusTotals(rows), items: items.map(summary) };
    },
  );

  app.get(
    '/api/plots/:id/history',
    {
      config: { policy: 'zone_manager' },
      schema: {
        tags: ['plots'],
        summary: "A plot's status history (internal: planners, admins and the plot's zone managers)",
        params: PlotParams,
        response: { 200: PlotTimeline, 404: errorResponses[400], ...errorResponses },
      },
    },
    async (request) => {
      const timeline = await plotTimeline(app.db.pool, request.viewer, request.params.id);
      if (!timeline) throw app.httpErrors.notFound(`plot ${request.params.id} does not exist`);
      if (!timeline.internal) {
        throw app.httpErrors.forbidden(`plot ${request.params.id} lies outside your zones`);
      }
      return { plotId: request.params.id, items: timeline.items };
    },
  );

  app.get(
    '/api/plots/:id',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['plots'],
        summary: 'One plot with the attributes this viewer may see',
        params: PlotParams,
        response: { 200: PlotDetail, 404: errorResponses[400], ...errorResponses },
      },
    },
    async (request) => {
      const row = await findPlot(app.db.pool, request.viewer, request.params.id);
      if (!row) throw app.httpErrors.notFound(`plot ${request.params.id} does not exist`);
      const centroid = JSON.parse(row.centroid) as { coordinates: [number, number] };
      const detail: PlotDetail = {
        ...summary(row),
        areaM2: row.area_m2,
        centroid: centroid.coordinates,
        bbox: row.bbox,
        servicing: row.servicing,
        guidePrice: row.guide_price,
        geometry: JSON.parse(row.geometry) as PlotDetail['geometry'],
      };
      if (row.internal) {
        detail.contractedStartDate = row.contracted_start_date;
        detail.productionStartDate = row.production_start_date;
        detail.gradeScore = row.grading?.score ?? null;
        detail.gradeRank = row.grading?.rank ?? null;
        detail.gradeRankTotal = row.grading?.rankTotal ?? null;
        detail.gradedAt = row.grading?.gradedAt ?? null;
        detail.gradeBenchmarks = row.grading?.benchmarks ?? null;
        detail.indicators = {
          investmentIntensity: row.investment_intensity,
          taxPerMu: row.tax_per_mu,
          salesPerMu: row.sales_per_mu,
          plotRatio: row.plot_ratio,
          valueAddedRate: row.value_added_rate,
          rdShare: row.rd_share,
          energyPerValueAdded: row.energy_per_value_added,
          greenIndex: row.green_index,
        };
        detail.revitalization = row.plan;
        detail.notes = row.notes;
      }
      return detail;
    },
  );
};

export default plotRoutes;
