// SQL of the plot exports: the list's rows, visibility and filter (plots/queries.ts) plus the public
// extras and geometry in the chosen CRS, read page by page in the order the viewer sorted by.
import type { Viewer } from '../auth/policy.ts';
import { binder } from '../db/bind.ts';
import type { Pool } from '../db/pool.ts';
import type { PlotFilter, PlotSort } from '../plots/filters.ts';
import { PLOT_FROM, PLOT_SELECT, plotViewerParams, plotWhere } from '../plots/queries.ts';
import type { ExportRow } from './columns.ts';
import type { ExportCrs, ExportFormat } from './schemas.ts';

/** Plots read per query: small enough to keep a stream's memory flat, large enough to keep queries few. */
export const EXPORT_PAGE_SIZE = 2000;

/** Sort keys over the list's own columns (the outer query reads PLOT_SELECT's output, not its inputs). */
const SORT_COLUMNS: Record<PlotSort['key'], string> = {
  id: 's.id',
  code: 's.code',
  areaMu: 's.area_exact',
  status: 's.status',
  zone: 's.zone_name',
  district: 's.district_name',
};

export interface ExportPlan {
  /** Matching plot ids in the export's order. */
  ids: number[];
  isSample: boolean;
  /** Whether the viewer reads the internals of at least one of them. */
  internal: boolean;
}

/**
 * The matching plots' ids in sort order, sorted once by the database: pages are then read by
 * position, which works for every sort key, indexed or not, at 8 bytes per plot.
 */
export async function planExport(
  pool: Pool,
  viewer: Viewer,
  filter: PlotFilter,
  sort: PlotSort,
): Promise<ExportPlan> {
  const params = plotViewerParams(viewer);
  const conditions = plotWhere(filter, params);
  const order = `${SORT_COLUMNS[sort.key]} ${sort.descending ? 'DESC' : 'ASC'} NULLS LAST, s.id`;
  const { rows } = await pool.query<{ ids: string | null; is_sample: boolean; internal: boolean }>(
    `SELECT string_agg(s.id::text, ',' ORDER BY ${order}) AS ids,
            coalesce(bool_or(s.is_sample), false) AS is_sample,
            coalesce(bool_or(s.internal), false) AS internal
     FROM (SELECT ${PLOT_SELECT}, p.area_mu AS area_exact ${PLOT_FROM} ${conditions}) s`,
    params,
  );
  const row = rows[0];
  return {
    ids: row?.ids ? row.ids.split(',').map(Number) : [],
    isSample: row?.is_sample ?? false,
    internal: row?.internal ?? false,
  };
}

/** Decimals of written coordinates: 7 in degrees (about 1 cm), 3 in metres. */
export function coordinateDecimals(crs: ExportCrs): number {
  return crs === 4326 || crs === 4490 ? 7 : 3;
}

function geometryColumns(format: ExportFormat, crs: ExportCrs, bind: (value: unknown) => string): string {
  const centroid = `round(ST_X(ST_Centroid(p.geom))::numeric, 7) AS lon,
                    round(ST_Y(ST_Centroid(p.geom))::numeric, 7) AS lat`;
  switch (format) {
    case 'geojson':
      // RFC 7946: outer rings counter-clockwise.
      return 'ST_AsGeoJSON(ST_ForcePolygonCCW(p.geom), 7) AS geometry';
    case 'shp':
      // The Shapefile specification: outer rings clockwise, holes counter-clockwise.
      return `ST_AsGeoJSON(ST_ForcePolygonCW(ST_Transform(p.geom, ${bind(crs)}::int)), ${bind(coordinateDecimals(crs))}::int) AS geometry`;
    case 'csv':
      return `ST_AsText(ST_Transform(p.geom, ${bind(crs)}::int), ${bind(coordinateDecimals(crs))}::int) AS wkt, ${centroid}`;
    case 'xlsx':
      return centroid;
  }
}

/** One page: the plots of `ids` that still match, in the order of `ids`. */
export async function exportPage(
  pool: Pool,
  viewer: Viewer,
  filter: PlotFilter,
  ids: readonly number[],
  format: ExportFormat,
  crs: ExportCrs,
): Promise<ExportRow[]> {
  const params = plotViewerParams(viewer);
  const conditions = plotWhere(filter, params);
  const bind = binder(params);
  // "= ANY" lets the planner fetch the page through the primary key; a join to unnest(ids) WITH
  // ORDINALITY scanned the whole table per page at 100,000 plots. The page's order is restored below.
  const page = `p.id = ANY (${bind(ids)}::bigint[])`;
  const geometry = geometryColumns(format, crs, bind);
  const { rows } = await pool.query<ExportRow>(
    `SELECT ${PLOT_SELECT},
            round((p.area_mu * 10000.0 / 15.0)::numeric, 1) AS area_m2,
            p.servicing,
            CASE WHEN p.status = 'available' THEN p.guide_price END AS guide_price,
            ${geometry}
     ${PLOT_FROM}
     ${conditions ? `${conditions} AND ${page}` : `WHERE ${page}`}`,
    params,
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The export's rows, a page at a time. */
export async function* exportPages(
  pool: Pool,
  viewer: Viewer,
  filter: PlotFilter,
  plan: ExportPlan,
  format: ExportFormat,
  crs: ExportCrs,
): AsyncGenerator<ExportRow[]> {
  for (let start = 0; start < plan.ids.length; start += EXPORT_PAGE_SIZE) {
    yield await exportPage(
      pool,
      viewer,
      filter,
      plan.ids.slice(start, start + EXPORT_PAGE_SIZE),
      format,
      crs,
    );
  }
}
