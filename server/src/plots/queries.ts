// SQL of the plot routes. Values are bound parameters; sort columns come from an allow-list.
import type { Viewer } from '../auth/policy.ts';
import { seesAllInternal } from '../auth/policy.ts';
import { binder } from '../db/bind.ts';
import type { Pool } from '../db/pool.ts';
import type { PlotFilter, PlotSort } from './filters.ts';
import type { PlotRow } from './rows.ts';

export type { PlotRow } from './rows.ts';

const SORT_COLUMNS: Record<PlotSort['key'], string> = {
  id: 'p.id',
  code: 'p.code',
  areaMu: 'p.area_mu',
  status: 'status',
  zone: 'z.name',
  district: 'd.name',
};

/** Columns every viewer may read; `internal` says whether this viewer may read the rest. */
export const PLOT_SELECT = `
  p.id, p.code, p.zone_id, z.name AS zone_name, z.name_en AS zone_name_en,
  p.district_code, d.name AS district_name, d.name_en AS district_name_en,
  round(p.area_mu::numeric, 2) AS area_mu, p.land_use_code, l.name_zh AS land_use_name,
  l.name_en AS land_use_name_en, p.is_sample,
  v.internal,
  CASE WHEN v.internal THEN p.status ELSE plot_public_status(p.status) END AS status,
  CASE WHEN v.internal THEN p.enterprise_name END AS enterprise_name,
  CASE WHEN v.internal THEN p.inefficiency_type END AS inefficiency_type,
  CASE WHEN v.internal THEN p.grade END AS grade`;

/** The plot table with its names, and `v.internal`: whether this viewer ($1 all, $2 zone ids) reads its internals. */
export const PLOT_FROM = `
  FROM plots p
  JOIN districts d ON d.code = p.district_code
  JOIN land_use_classes l ON l.code = p.land_use_code
  LEFT JOIN zones z ON z.id = p.zone_id
  CROSS JOIN LATERAL (SELECT ($1::boolean OR p.zone_id = ANY ($2::int[])) AS internal) v`;

/** The WHERE clause of a filter, its values appended to `params` (which start with `plotViewerParams`). */
export function plotWhere(filter: PlotFilter, params: unknown[]): string {
  const clauses: string[] = [];
  const bind = binder(params);
  if (filter.statuses) {
    clauses.push(
      `(CASE WHEN v.internal THEN p.status ELSE plot_public_status(p.status) END) = ANY (${bind(filter.statuses)}::text[])`,
    );
  }
  // Internal attributes filter only the plots whose internal data the viewer may see, so a
  // filter can never reveal what the viewer could not read.
  if (filter.inefficiencyTypes) {
    clauses.push(`(v.internal AND p.inefficiency_type = ANY (${bind(filter.inefficiencyTypes)}::text[]))`);
  }
  if (filter.grades) clauses.push(`(v.internal AND p.grade = ANY (${bind(filter.grades)}::text[]))`);
  if (filter.compliance) {
    clauses.push(`coalesce(p.line_compliance, 'compliant') = ANY (${bind(filter.compliance)}::text[])`);
  }
  if (filter.zoneIds) clauses.push(`p.zone_id = ANY (${bind(filter.zoneIds)}::int[])`);
  if (filter.districtCodes) clauses.push(`p.district_code = ANY (${bind(filter.districtCodes)}::text[])`);
  // A class includes its subclasses: 1001 (工业用地) matches 100101–100103.
  if (filter.landUseCodes) {
    clauses.push(
      `EXISTS (SELECT 1 FROM unnest(${bind(filter.landUseCodes)}::text[]) c WHERE p.land_use_code LIKE c || '%')`,
    );
  }
  if (filter.minAreaMu !== null) clauses.push(`p.area_mu >= ${bind(filter.minAreaMu)}`);
  if (filter.maxAreaMu !== null) clauses.push(`p.area_mu <= ${bind(filter.maxAreaMu)}`);
  if (filter.bbox) {
    const envelope = `ST_MakeEnvelope(${bind(filter.bbox[0])}, ${bind(filter.bbox[1])}, ${bind(filter.bbox[2])}, ${bind(filter.bbox[3])}, 4326)`;
    clauses.push(`p.geom && ${envelope} AND ST_Intersects(p.geom, ${envelope})`);
  }
  if (filter.polygon) {
    const drawn = `ST_SetSRID(ST_GeomFromGeoJSON(${bind(filter.polygon)}), 4326)`;
    clauses.push(`p.geom && ${drawn} AND ST_Intersects(p.geom, ${drawn})`);
  }
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
}

/** $1 and $2 of every plot query: whether the viewer reads all internals, and the zones whose internals it reads. */
export function plotViewerParams(viewer: Viewer): unknown[] {
  return [seesAllInternal(viewer), viewer.role === 'zone_manager' ? viewer.zoneIds : []];
}

export async function countPlots(pool: Pool, viewer: Viewer, filter: PlotFilter): Promise<number> {
  const params = plotViewerParams(viewer);
  const sql = `SELECT count(*)::int AS total ${PLOT_FROM} ${plotWhere(filter, params)}`;
  const { rows } = await pool.query<{ total: number }>(sql, params);
  return rows[0]?.total ?? 0;
}

/** Counts and areas by the status this viewer sees (the legend's figures). */
export async function plotStatsByStatus(
  pool: Pool,
  viewer: Viewer,
  filter: PlotFilter,
): Promise<{ status: string; count: number; area_mu: number }[]> {
  const params = plotViewerParams(viewer);
  const { rows } = await pool.query<{ status: string; count: number; area_mu: number }>(
    `SELECT CASE WHEN v.internal THEN p.status ELSE plot_public_status(p.status) END AS status,
            count(*)::int AS count, round(sum(p.area_mu)::numeric, 1)::float8 AS area_mu
     ${PLOT_FROM} ${plotWhere(filter, params)} GROUP BY 1 ORDER BY 1`,
    params,
  );
  return rows;
}

/**
 * Counts and areas of the plots breaking each control-line rule (public: from land use and
 * geometry). Only breaches are counted, from their partial index; the rest are compliant.
 */
export async function plotStatsByBreach(pool: Pool, viewer: Viewer, filter: PlotFilter): Promise<TallyRow[]> {
  const params = plotViewerParams(viewer);
  const conditions = plotWhere(filter, params);
  const { rows } = await pool.query<TallyRow>(
    `SELECT p.line_compliance AS key, count(*)::int AS count, round(sum(p.area_mu)::numeric, 1)::float8 AS area_mu
     ${PLOT_FROM} ${conditions} ${conditions ? 'AND' : 'WHERE'} p.line_compliance IS NOT NULL
     GROUP BY 1 ORDER BY 1`,
    params,
  );
  return rows;
}

/** Counts and areas by grade and by inefficiency type, over the plots whose internals the viewer may read. */
export async function plotStatsInternal(
  pool: Pool,
  viewer: Viewer,
  filter: PlotFilter,
): Promise<{ grades: TallyRow[]; inefficiencyTypes: TallyRow[] }> {
  if (!seesAllInternal(viewer) && (viewer.role !== 'zone_manager' || viewer.zoneIds.length === 0)) {
    return { grades: [], inefficiencyTypes: [] };
  }
  const params = plotViewerParams(viewer);
  const conditions = plotWhere(filter, params);
  const { rows } = await pool.query<{ grade: string | null; inefficiency_type: string | null } & TallyRow>(
    `SELECT CASE WHEN GROUPING(p.grade) = 0 THEN p.grade END AS grade,
            CASE WHEN GROUPING(p.inefficiency_type) = 0 THEN p.inefficiency_type END AS inefficiency_type,
            count(*)::int AS count, round(sum(p.area_mu)::numeric, 1)::float8 AS area_mu
     ${PLOT_FROM} ${conditions} ${conditions ? 'AND' : 'WHERE'} v.internal
     GROUP BY GROUPING SETS ((p.grade), (p.inefficiency_type))
     ORDER BY 1, 2`,
    params,
  );
  return {
    grades: rows.filter((row) => row.grade !== null).map((row) => ({ ...row, key: row.grade! })),
    inefficiencyTypes: rows
      .filter((row) => row.inefficiency_type !== null)
      .map((row) => ({ ...row, key: row.inefficiency_type! })),
  };
}

export interface TallyRow {
  key: string;
  count: number;
  area_mu: number;
}

/** A drawn polygon's validity as PostGIS judges it: null when valid, else the reason and location. */
export async function polygonProblem(pool: Pool, geojson: string): Promise<string | null> {
  const { rows } = await pool.query<{ reason: string }>(
    'SELECT ST_IsValidReason(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)) AS reason',
    [geojson],
  );
  const reason = rows[0]?.reason ?? 'unreadable polygon';
  return reason === 'Valid Geometry' ? null : reason;
}

export async function listPlots(
  pool: Pool,
  viewer: Viewer,
  filter: PlotFilter,
  sort: PlotSort,
  page: { limit: number; offset: number },
  withGeometry: boolean,
): Promise<(PlotRow & { geometry?: string })[]> {
  const params = plotViewerParams(viewer);
  const conditions = plotWhere(filter, params);
  const order = `${SORT_COLUMNS[sort.key]} ${sort.descending ? 'DESC' : 'ASC'} NULLS LAST, p.id`;
  params.push(page.limit, page.offset);
  const geometry = withGeometry ? ', ST_AsGeoJSON(p.geom, 6) AS geometry' : '';
  const sql = `SELECT ${PLOT_SELECT}${geometry} ${PLOT_FROM} ${conditions}
    ORDER BY ${order} LIMIT $${params.length - 1} OFFSET $${params.length}`;
  const { rows } = await pool.query<PlotRow & { geometry?: string }>(sql, params);
  return rows;
}

export interface PlotDetailRow extends PlotRow {
  area_m2: number;
  centroid: string;
  bbox: [number, number, number, number];
  geometry: string;
  servicing: string[];
  guide_price: number | null;
  contracted_start_date: string | null;
  production_start_date: string | null;
  /** The latest per-mu evaluation of this plot (migration 010); null for the public. */
  grading: {
    score: number | null;
    rank: number | null;
    rankTotal: number | null;
    gradedAt: string;
    benchmarks: { taxPerMu: number | null; salesPerMu: number | null; green: number | null };
  } | null;
  green_index: number | null;
  investment_intensity: number | null;
  tax_per_mu: number | null;
  sales_per_mu: number | null;
  plot_ratio: number | null;
  value_added_rate: number | null;
  rd_share: number | null;
  energy_per_value_added: number | null;
  notes: string | null;
  plan: {
    measure: string;
    responsibleUnit: string;
    targetDate: string | null;
    progress: string;
    progressPct: number;
  } | null;
}

export async function findPlot(pool: Pool, viewer: Viewer, id: number): Promise<PlotDetailRow | null> {
  const params = [...plotViewerParams(viewer), id];
  const { rows } = await pool.query<PlotDetailRow>(
    `SELECT ${PLOT_SELECT},
       round((p.area_mu * 10000.0 / 15.0)::numeric, 1) AS area_m2,
       ST_AsGeoJSON(ST_Centroid(p.geom), 6) AS centroid,
       json_build_array(ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)) AS bbox,
       ST_AsGeoJSON(p.geom, 6) AS geometry,
       p.servicing,
       CASE WHEN p.status = 'available' THEN p.guide_price END AS guide_price,
       to_char(p.contracted_start_date, 'YYYY-MM-DD') AS contracted_start_date,
       to_char(p.production_start_date, 'YYYY-MM-DD') AS production_start_date,
       (SELECT json_build_object('score', g.score, 'rank', g.rank, 'rankTotal', g.rank_total,
                                 'gradedAt', to_json(b.graded_at) #>> '{}',
                                 'benchmarks', json_build_object('taxPerMu', b.tax_per_mu,
                                                                 'salesPerMu', b.sales_per_mu, 'green', b.green))
          FROM plot_grades g JOIN grading_benchmarks b ON b.district_code = p.district_code
         WHERE g.plot_id = p.id AND v.internal) AS grading,
       round(green_index(p.tax_per_mu, p.sales_per_mu, p.value_added_rate, p.energy_per_value_added)::numeric, 4)
         AS green_index,
       p.investment_intensity, p.tax_per_mu, p.sales_per_mu, p.plot_ratio,
       p.value_added_rate, p.rd_share, p.energy_per_value_added, p.notes,
       (SELECT json_build_object('measure', r.measure, 'responsibleUnit', r.responsible_unit,
                                 'targetDate', to_char(r.target_date, 'YYYY-MM-DD'),
                                 'progress', r.progress, 'progressPct', r.progress_pct)
          FROM revitalization_plans r WHERE r.plot_id = p.id) AS plan
     ${PLOT_FROM}
     WHERE p.id = $3`,
    params,
  );
  return rows[0] ?? null;
}

export interface TimelineRow {
  at: string;
  action: 'plot.recorded' | 'plot.status_changed' | 'flag.created' | 'flag.approved' | 'flag.rejected';
  actor: string | null;
  before: { status?: string | null; inefficiencyType?: string | null } | null;
  after: { status?: string | null; inefficiencyType?: string | null } | null;
  note: string | null;
}

/**
 * A plot's status history, newest first, ending with when it was recorded. `internal` false means
 * the viewer may not read this plot's internals (the history names internal statuses).
 */
export async function plotTimeline(
  pool: Pool,
  viewer: Viewer,
  id: number,
): Promise<{ internal: boolean; items: TimelineRow[] } | null> {
  const params = [...plotViewerParams(viewer), id];
  const { rows } = await pool.query<{ internal: boolean; items: TimelineRow[] }>(
    `WITH changes AS (
       SELECT a.id, a.at, a.actor_id, a.before, a.after
       FROM audit_events a
       WHERE a.entity_type = 'plot' AND a.entity_id = ($3::bigint)::text AND a.action = 'plot.status_changed'
     )
     SELECT v.internal,
            CASE WHEN v.internal THEN (
              SELECT json_agg(json_build_object('at', to_json(e.at) #>> '{}', 'action', e.action,
                                                'actor', e.actor, 'before', e.before, 'after', e.after,
                                                'note', e.note)
                              ORDER BY e.at DESC, e.seq DESC)
              FROM (
                SELECT c.at, c.id AS seq, 'plot.status_changed' AS action, u.username AS actor,
                       c.before, c.after, NULL::text AS note
                FROM changes c LEFT JOIN users u ON u.id = c.actor_id
                UNION ALL
                -- Flags: raised (with what they propose and why), then approved or rejected.
                SELECT f.created_at, -f.id, 'flag.created', cu.username, NULL,
                       jsonb_build_object('status', f.proposed_status, 'inefficiencyType', f.proposed_inefficiency_type),
                       f.reason
                FROM flags f JOIN users cu ON cu.id = f.created_by WHERE f.plot_id = p.id
                UNION ALL
                SELECT f.reviewed_at, -f.id, 'flag.' || f.status, ru.username, NULL,
                       jsonb_build_object('status', f.proposed_status, 'inefficiencyType', f.proposed_inefficiency_type),
                       f.review_note
                FROM flags f LEFT JOIN users ru ON ru.id = f.reviewed_by
                WHERE f.plot_id = p.id AND f.status <> 'pending'
                UNION ALL
                -- Recorded with the status it had before its first change (or has now).
                SELECT p.created_at, 0, 'plot.recorded', NULL, NULL,
                       coalesce((SELECT c.before FROM changes c ORDER BY c.at, c.id LIMIT 1),
                                jsonb_build_object('status', p.status, 'inefficiencyType', p.inefficiency_type)),
                       NULL
              ) e
            ) END AS items
     FROM plots p
     CROSS JOIN LATERAL (SELECT ($1::boolean OR p.zone_id = ANY ($2::int[])) AS internal) v
     WHERE p.id = $3::bigint`,
    params,
  );
  const row = rows[0];
  if (!row) return null;
  return {
    internal: row.internal,
    items: (row.items ?? []).map(({ at, action, actor, before, after, note }) => ({
      at,
      action,
      actor,
      before,
      after,
      note,
    })),
  };
}
