// /api/exports: the plots a viewer filters, as GeoJSON, CSV, a zipped Shapefile or XLSX, role-aware.
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse, errorResponses } from '../http/schemas.ts';
import { parsePlotFilter, parsePlotSort } from '../plots/filters.ts';
import { countPlots } from '../plots/queries.ts';
import { exportColumns } from './columns.ts';
import { csvChunks } from './csv.ts';
import { geojsonChunks } from './geojson.ts';
import { exportPages, planExport } from './queries.ts';
import {
  EXPORT_CRS,
  type ExportCrs,
  type ExportFormat,
  PlotExportQuery,
  SHAPEFILE_MAX_PLOTS,
  XLSX_MAX_PLOTS,
} from './schemas.ts';
import { shapefileZip } from './shapefile.ts';
import { xlsxStream } from './xlsx.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  geojson: 'application/geo+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  shp: 'application/zip',
  xlsx: XLSX_TYPE,
};

const EXTENSIONS: Record<ExportFormat, string> = { geojson: 'geojson', csv: 'csv', shp: 'zip', xlsx: 'xlsx' };

/** plots-YYYY-MM-DD[-sample].ext */
export function exportFilename(format: ExportFormat, isSample: boolean, today: Date = new Date()): string {
  return `plots-${today.toISOString().slice(0, 10)}${isSample ? '-sample' : ''}.${EXTENSIONS[format]}`;
}

/** An attachment with the ASCII name, and the same as RFC 5987 filename* for clients that prefer it. */
function attachment(filename: string): string {
  return `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** A file, streamed or built in memory (the serializer never touches it). */
const Download = (description: string) => ({
  schema: Type.Unsafe<Readable | Buffer>(Type.String({ format: 'binary', description })),
});

export interface ExportRouteOptions {
  /** Plots one Shapefile may hold (default SHAPEFILE_MAX_PLOTS). */
  maxShapefilePlots?: number;
}

const exportRoutes: FastifyPluginAsyncTypebox<ExportRouteOptions> = async (app, options) => {
  const maxShapefilePlots = options.maxShapefilePlots ?? SHAPEFILE_MAX_PLOTS;
  app.get(
    '/api/exports/plots',
    {
      // A HEAD request would run the whole export only to drop it.
      exposeHeadRoute: false,
      config: { policy: 'public' },
      schema: {
        tags: ['exports'],
        summary:
          'The plots matching the list filters, in the list order, as GeoJSON, CSV, a zipped Shapefile or XLSX; role-aware like /api/plots',
        querystring: PlotExportQuery,
        response: {
          200: {
            content: {
              'application/geo+json': Download('RFC 7946 FeatureCollection (WGS 84)'),
              'text/csv': Download('UTF-8 with BOM, CRLF; WKT and centroid columns'),
              'application/zip': Download('plots.shp/.shx/.dbf/.prj/.cpg and plots-fields.csv'),
              [XLSX_TYPE]: Download('one sheet'),
            },
          },
          ...errorResponses,
          413: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const { format, lang = 'zh-CN', crs: requestedCrs = 4326, ...listQuery } = request.query;
      const crs = EXPORT_CRS.find((code) => code === requestedCrs);
      if (crs === undefined) {
        throw app.httpErrors.badRequest(
          `crs: EPSG:${requestedCrs} is not offered; use one of ${EXPORT_CRS.join(', ')}`,
        );
      }
      if (format === 'geojson' && crs !== 4326) {
        throw app.httpErrors.badRequest(
          `crs: GeoJSON is always WGS 84 longitude/latitude (RFC 7946); leave crs out, or export csv or shp in EPSG:${crs}`,
        );
      }
      if (format === 'xlsx' && crs !== 4326) {
        throw app.httpErrors.badRequest(
          `crs: an Excel export gives each plot's centroid in degrees and no geometry; export csv or shp in EPSG:${crs}`,
        );
      }
      const filter = parsePlotFilter(listQuery);
      const sort = parsePlotSort(listQuery.sort);
      if (format === 'shp' || format === 'xlsx') {
        const total = await countPlots(app.db.pool, request.viewer, filter);
        const most = format === 'shp' ? maxShapefilePlots : XLSX_MAX_PLOTS;
        if (total > most) {
          throw app.httpErrors.payloadTooLarge(
            `${total.toLocaleString('en')} plots match; narrow the filters (at most ${most.toLocaleString('en')} per ${format === 'shp' ? 'Shapefile' : 'Excel'} export${format === 'xlsx' ? ', the rows an Excel sheet holds' : ''})`,
          );
        }
      }
      const plan = await planExport(app.db.pool, request.viewer, filter, sort);
      const columns = exportColumns(plan.internal);
      const pages = exportPages(app.db.pool, request.viewer, filter, plan, format, crs as ExportCrs);
      reply
        .type(CONTENT_TYPES[format])
        .header('cache-control', 'no-store')
        .header('content-disposition', attachment(exportFilename(format, plan.isSample)));
      switch (format) {
        case 'geojson':
          return reply.send(
            Readable.from(geojsonChunks(pages, plan.ids.length, lang), { objectMode: false }),
          );
        case 'csv':
          return reply.send(Readable.from(csvChunks(pages, columns, lang), { objectMode: false }));
        case 'shp':
          return reply.send(await shapefileZip(pages, columns, lang, crs));
        case 'xlsx':
          return reply.send(xlsxStream(pages, columns, lang, plan.isSample));
      }
    },
  );
};

export default exportRoutes;
