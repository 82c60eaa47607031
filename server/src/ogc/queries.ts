// SQL of /ogc: a collection's features as this viewer may see them, one feature, and a collection's extent.
import type { Viewer } from '../auth/policy.ts';
import { binder } from '../db/bind.ts';
import type { Pool } from '../db/pool.ts';
import { parsePlotFilter } from '../plots/filters.ts';
import { PLOT_FROM, PLOT_SELECT, type PlotRow, plotViewerParams, plotWhere } from '../plots/queries.ts';
import type { OgcCollection, ParsedFilters, TableSource } from './collections.ts';

export type BBox = [number, number, number, number];

export interface ItemsRequest {
  filters: ParsedFilters;
  bbox: BBox | null;
  /** The properties to return, already checked against what this viewer may receive. */
  properties: readonly string[];
  limit: number;
  offset: number;
}

export interface OgcFeature {
  id: number | string;
  /** GeoJSON geometry text written by PostGIS. */
  geometry: string;
  properties: Record<string, unknown>;
}

/** Decimal places of coordinates: 7 is about a centimetre, finer than any survey this data comes from. */
const PRECISION = 7;

function pick(all: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of names) picked[name] = all[name];
  return picked;
}

// ---- Plots: through the plot queries, so every viewer sees exactly what /api/plots shows it. ----

interface PlotItemRow extends PlotRow {
  compliance: string;
  geometry: string;
}

const PLOT_COLUMNS = `${PLOT_SELECT},
  coalesce(p.line_compliance, 'compliant') AS compliance, ST_AsGeoJSON(p.geom, ${PRECISION}) AS geometry`;

function plotConditions(filters: ParsedFilters, bbox: BBox | null, params: unknown[]): string {
  const joined = (name: string) => filters[name]?.join(',');
  const filter = parsePlotFilter({
    status: joined('status'),
    zoneId: joined('zoneId'),
    districtCode: joined('districtCode'),
    landUseCode: joined('landUseCode'),
    compliance: joined('compliance'),
    grade: joined('grade'),
    inefficiencyType: joined('inefficiencyType'),
  });
  const where = plotWhere({ ...filter, bbox }, params);
  const codes = filters.code;
  if (!codes) return where;
  const clause = `p.code = ANY (${binder(params)(codes)}::text[])`;
  return where ? `${where} AND ${clause}` : `WHERE ${clause}`;
}

/** PLOT_SELECT already nulls the internal columns of plots the viewer may not read. */
function plotFeature(row: PlotItemRow, names: readonly string[]): OgcFeature {
  const all: Record<string, unknown> = {
    code: row.code,
    status: row.status,
    areaMu: row.area_mu,
    zoneId: row.zone_id,
    zoneName: row.zone_name,
    zoneNameEn: row.zone_name_en,
    districtCode: row.district_code,
    districtName: row.district_name,
    districtNameEn: row.district_name_en,
    landUseCode: row.land_use_code,
    landUseName: row.land_use_name,
    landUseNameEn: row.land_use_name_en,
    compliance: row.compliance,
    isSample: row.is_sample,
    enterpriseName: row.enterprise_name,
    inefficiencyType: row.inefficiency_type,
    grade: row.grade,
  };
  return { id: row.id, geometry: row.geometry, properties: pick(all, names) };
}

async function plotItems(
  pool: Pool,
  viewer: Viewer,
  request: ItemsRequest,
): Promise<{ rows: OgcFeature[]; count: () => Promise<number> }> {
  const params = plotViewerParams(viewer);
  const where = plotConditions(request.filters, request.bbox, params);
  const countParams = [...params];
  params.push(request.limit, request.offset);
  const { rows } = await pool.query<PlotItemRow>(
    `SELECT ${PLOT_COLUMNS} ${PLOT_FROM} ${where}
     ORDER BY p.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return {
    rows: rows.map((row) => plotFeature(row, request.properties)),
    count: async () => {
      const counted = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n ${PLOT_FROM} ${where}`,
        countParams,
      );
      return counted.rows[0]?.n ?? 0;
    },
  };
}

// ---- The other layers: one table each, columns from the allow-list in collections.ts. ----

function columnOf(table: TableSource, name: string): string {
  const sql = table.columns[name] ?? table.internalColumns[name];
  if (sql === undefined) throw new Error(`no column for property ${name}`);
  return sql;
}

function tableSelect(table: TableSource, names: readonly string[]): string {
  const columns = names.map((name) => `${columnOf(table, name)} AS "${name}"`);
  return [`${table.id} AS "~id"`, `ST_AsGeoJSON(t.geom, ${PRECISION}) AS "~geometry"`, ...columns].join(', ');
}

function tableConditions(
  table: TableSource,
  viewer: Viewer,
  filters: ParsedFilters,
  bbox: BBox | null,
  params: unknown[],
): string {
  const bind = binder(params);
  const clauses: string[] = [];
  if (table.visible) clauses.push(table.visible(viewer, filters, bind));
  for (const [name, values] of Object.entries(filters)) {
    const filter = table.filterColumns[name];
    if (!filter) continue; // consumed by `visible` (the parcel scope)
    const { column, type } = filter;
    const bound = type.startsWith('int') ? bind(values.map(Number)) : bind(values);
    const cast = type.startsWith('int') ? 'int[]' : 'text[]';
    clauses.push(
      type.endsWith('[]') ? `${column} && ${bound}::${cast}` : `${column} = ANY (${bound}::${cast})`,
    );
  }
  if (bbox) {
    const envelope = `ST_MakeEnvelope(${bind(bbox[0])}, ${bind(bbox[1])}, ${bind(bbox[2])}, ${bind(bbox[3])}, 4326)`;
    clauses.push(`t.geom && ${envelope} AND ST_Intersects(t.geom, ${envelope})`);
  }
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
}

type TableRow = Record<string, unknown> & { '~id': number | string; '~geometry': string };

function tableFeature(row: TableRow, names: readonly string[]): OgcFeature {
  return { id: row['~id'], geometry: row['~geometry'], properties: pick(row, names) };
}

async function tableItems(
  pool: Pool,
  viewer: Viewer,
  table: TableSource,
  request: ItemsRequest,
): Promise<{ rows: OgcFeature[]; count: () => Promise<number> }> {
  const params: unknown[] = [];
  const where = tableConditions(table, viewer, request.filters, request.bbox, params);
  const countParams = [...params];
  params.push(request.limit, request.offset);
  const { rows } = await pool.query<TableRow>(
    `SELECT ${tableSelect(table, request.properties)} FROM ${table.from} ${where}
     ORDER BY ${table.order} LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return {
    rows: rows.map((row) => tableFeature(row, request.properties)),
    count: async () => {
      const counted = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table.from} ${where}`,
        countParams,
      );
      return counted.rows[0]?.n ?? 0;
    },
  };
}

/**
 * One page of a collection's features in a stable order (by id), and how many match in all. The
 * count is skipped where the page itself tells it: a short page that is not past the end.
 */
export async function findItems(
  pool: Pool,
  viewer: Viewer,
  collection: OgcCollection,
  request: ItemsRequest,
): Promise<{ matched: number; features: OgcFeature[] }> {
  const page = collection.table
    ? await tableItems(pool, viewer, collection.table, request)
    : await plotItems(pool, viewer, request);
  const returned = page.rows.length;
  const matched =
    returned < request.limit && (returned > 0 || request.offset === 0)
      ? request.offset + returned
      : await page.count();
  return { matched, features: page.rows };
}

/** One feature by id, or null when there is none this viewer may see. */
export async function findFeature(
  pool: Pool,
  viewer: Viewer,
  collection: OgcCollection,
  id: number | string,
  names: readonly string[],
): Promise<OgcFeature | null> {
  const table = collection.table;
  if (!table) {
    const params = [...plotViewerParams(viewer), id];
    const { rows } = await pool.query<PlotItemRow>(
      `SELECT ${PLOT_COLUMNS} ${PLOT_FROM} WHERE p.id = $3`,
      params,
    );
    return rows[0] ? plotFeature(rows[0], names) : null;
  }
  const params: unknown[] = [];
  const bind = binder(params);
  const clauses = [`${table.id} = ${bind(id)}`];
  if (table.visibleById) clauses.push(table.visibleById(viewer, bind));
  else if (table.visible) clauses.push(table.visible(viewer, {}, bind));
  const { rows } = await pool.query<TableRow>(
    `SELECT ${tableSelect(table, names)} FROM ${table.from} WHERE ${clauses.join(' AND ')}`,
    params,
  );
  return rows[0] ? tableFeature(rows[0], names) : null;
}

export interface Extent {
  /** [minLon, minLat, maxLon, maxLat] of what the viewer sees; null when it sees nothing. */
  bbox: BBox | null;
  /** Whether the collection holds sample data. */
  sample: boolean;
}

/** Widens to 7 decimals outward, so the rounded box still holds every feature. */
function outward(bbox: BBox): BBox {
  const scale = 10 ** PRECISION;
  return [
    Math.floor(bbox[0] * scale) / scale,
    Math.floor(bbox[1] * scale) / scale,
    Math.ceil(bbox[2] * scale) / scale,
    Math.ceil(bbox[3] * scale) / scale,
  ];
}

export async function collectionExtent(
  pool: Pool,
  viewer: Viewer,
  collection: OgcCollection,
): Promise<Extent> {
  const table = collection.table;
  const params: unknown[] = [];
  const where = table?.visible ? `WHERE ${table.visible(viewer, {}, binder(params))}` : '';
  const inner = table
    ? `SELECT ST_Extent(t.geom)::geometry AS e, bool_or(${table.sample}) AS sample FROM ${table.from} ${where}`
    : 'SELECT ST_Extent(p.geom)::geometry AS e, bool_or(p.is_sample) AS sample FROM plots p';
  const { rows } = await pool.query<{ bbox: BBox | null; sample: boolean | null }>(
    `SELECT CASE WHEN e IS NULL THEN NULL
            ELSE json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)) END AS bbox,
            sample
     FROM (${inner}) x`,
    params,
  );
  const row = rows[0];
  return { bbox: row?.bbox ? outward(row.bbox) : null, sample: row?.sample ?? false };
}
