// SQL of the dashboard: every figure in one set-based query over stored plot tallies, status
// changes, parcels, reservations and projects, grouped for the whole scope, each district and each zone.
import type { Pool } from '../db/pool.ts';
import { RequestError } from '../http/errors.ts';
import { INEFFICIENT_STATUSES } from './schemas.ts';

/** What the figures cover: a district, some zones (null: every zone and land outside zones). */
export interface DashboardScope {
  districtCode: string | null;
  zoneIds: number[] | null;
}

export interface DashboardSettings {
  revitalizedFrom: string[];
  revitalizedTo: string[];
  months: number;
  timeZone: string;
  expiringWithinDays: number;
}

const DEFAULT_SETTINGS: DashboardSettings = {
  revitalizedFrom: ['low_efficiency', 'idle', 'revitalizing'],
  revitalizedTo: ['available', 'supplied', 'in_use'],
  months: 24,
  timeZone: 'Asia/Shanghai',
  expiringWithinDays: 30,
};

export interface Reference {
  settings: DashboardSettings;
  /** The current month in the configured time zone, YYYY-MM. */
  currentMonth: string;
  citySample: boolean;
  districts: { code: string; name: string; nameEn: string }[];
  zones: { id: number; code: string; name: string; nameEn: string; districtCode: string }[];
}

/** Settings, the current month and the names of districts and zones, in one round trip. */
export async function readReference(pool: Pool): Promise<Reference> {
  const { rows } = await pool.query<{
    revitalization: Partial<DashboardSettings> | null;
    reservations: { expiringWithinDays?: number } | null;
    city: { isSample?: boolean } | null;
    districts: Reference['districts'] | null;
    zones: Reference['zones'] | null;
  }>(
    `SELECT (SELECT value FROM settings WHERE key = 'dashboard.revitalization') AS revitalization,
            (SELECT value FROM settings WHERE key = 'dashboard.reservations') AS reservations,
            (SELECT value FROM settings WHERE key = 'city') AS city,
            (SELECT json_agg(json_build_object('code', code, 'name', name, 'nameEn', name_en) ORDER BY code)
               FROM districts) AS districts,
            (SELECT json_agg(json_build_object('id', id, 'code', code, 'name', name, 'nameEn', name_en,
                                               'districtCode', district_code) ORDER BY district_code, code)
               FROM zones) AS zones`,
  );
  const row = rows[0]!;
  const revitalization = row.revitalization ?? {};
  const settings: DashboardSettings = {
    revitalizedFrom: revitalization.revitalizedFrom ?? DEFAULT_SETTINGS.revitalizedFrom,
    revitalizedTo: revitalization.revitalizedTo ?? DEFAULT_SETTINGS.revitalizedTo,
    months: Math.min(120, Math.max(1, Math.trunc(revitalization.months ?? DEFAULT_SETTINGS.months))),
    timeZone: revitalization.timeZone ?? DEFAULT_SETTINGS.timeZone,
    expiringWithinDays: row.reservations?.expiringWithinDays ?? DEFAULT_SETTINGS.expiringWithinDays,
  };
  // The database knows the time zone names; a wrong one in the settings says so here.
  const month = await pool
    .query<{ month: string }>("SELECT to_char(now() AT TIME ZONE $1, 'YYYY-MM') AS month", [
      settings.timeZone,
    ])
    .catch(() => {
      throw new Error(`setting dashboard.revitalization: unknown timeZone "${settings.timeZone}"`);
    });
  return {
    settings,
    currentMonth: month.rows[0]!.month,
    citySample: row.city?.isSample === true,
    districts: row.districts ?? [],
    zones: row.zones ?? [],
  };
}

export type Level = 'total' | 'district' | 'zone';

export interface FigureRow {
  level: Level;
  district_code: string | null;
  zone_id: number | null;
  measure: string;
  n: number;
  amount: number;
}

// Which grouping a row belongs to: the whole scope, one district or one zone (a null zone is
// land outside every zone, not "all zones").
const LEVEL = (district: string, zone: string) =>
  `CASE WHEN GROUPING(${district}) = 0 THEN 'district' WHEN GROUPING(${zone}) = 0 THEN 'zone' ELSE 'total' END`;

const inScope = (alias: string) =>
  `($1::text IS NULL OR ${alias}.district_code = $1) AND ($2::int[] IS NULL OR ${alias}.zone_id = ANY ($2::int[]))`;

/**
 * Every figure as (level, district, zone, measure, count, amount) rows. Measures: plots, sample,
 * status.<s>, inefficient, type.<t>, revitalized, month.<YYYY-MM>, parcels, reservations,
 * reservations.plots, reservations.expiring, projects, stage.<s>, review.due, review.overdue.
 * Amounts are mu (investment in 亿元 for projects and stages), rounded once, here.
 */
const FIGURES_SQL = `
WITH window_start AS (
  SELECT (date_trunc('month', now() AT TIME ZONE $7) - make_interval(months => $6 - 1)) AT TIME ZONE $7 AS at
),
plot_figures AS (
  SELECT ${LEVEL('t.district_code', 't.zone_id')} AS level, t.district_code, t.zone_id, m.measure,
         sum(m.n) AS n, round(sum(m.amount), 2) AS amount
    FROM plot_tallies t
   CROSS JOIN LATERAL (VALUES
           ('plots', t.plot_count, t.area_mu),
           ('sample', t.sample_count, 0),
           ('status.' || t.status, t.plot_count, t.area_mu),
           (CASE WHEN t.status = ANY ($3::text[]) THEN 'inefficient' END, t.plot_count, t.area_mu),
           (CASE WHEN t.status = ANY ($3::text[]) THEN 'type.' || coalesce(t.inefficiency_type, 'unclassified') END,
            t.plot_count, t.area_mu)) AS m (measure, n, amount)
   WHERE m.measure IS NOT NULL AND t.plot_count <> 0 AND ${inScope('t')}
   GROUP BY GROUPING SETS ((m.measure), (t.district_code, m.measure), (t.zone_id, m.measure))
),
-- Status changes out of inefficiency into use, from the plots' audited history. A plot counts in
-- the district and zone it lies in now.
changes AS (
  SELECT p.district_code, p.zone_id, p.area_mu::numeric AS area,
         to_char(e.at AT TIME ZONE $7, 'YYYY-MM') AS month
    FROM audit_events e
    JOIN plots p ON p.id = CASE WHEN e.entity_id ~ '^[0-9]{1,18}$' THEN e.entity_id::bigint END
   WHERE e.action = 'plot.status_changed' AND e.entity_type = 'plot'
     AND e.at >= (SELECT at FROM window_start)
     AND e.before ->> 'status' = ANY ($4::text[]) AND e.after ->> 'status' = ANY ($5::text[])
     AND ${inScope('p')}
),
change_figures AS (
  SELECT ${LEVEL('c.district_code', 'c.zone_id')} AS level, c.district_code, c.zone_id, m.measure,
         count(*) AS n, round(sum(c.area), 2) AS amount
    FROM changes c
   CROSS JOIN LATERAL (VALUES ('revitalized'), ('month.' || c.month)) AS m (measure)
   GROUP BY GROUPING SETS ((m.measure), (c.district_code, m.measure), (c.zone_id, m.measure))
),
-- Contiguous parcels of the planning scope; one spanning several districts or zones counts in each.
parcels_in_scope AS (
  SELECT pa.area_mu::numeric AS area, pa.district_codes, pa.zone_ids
    FROM parcels pa
   WHERE pa.scope = 'planning'
     AND ($1::text IS NULL OR $1 = ANY (pa.district_codes))
     AND ($2::int[] IS NULL OR pa.zone_ids && $2::int[])
),
parcel_figures AS (
  SELECT 'total' AS level, NULL::text AS district_code, NULL::int AS zone_id, 'parcels' AS measure,
         count(*) AS n, round(coalesce(sum(area), 0), 2) AS amount
    FROM parcels_in_scope HAVING count(*) > 0
  UNION ALL
  SELECT 'district', d.code, NULL, 'parcels', count(*), round(sum(s.area), 2)
    FROM parcels_in_scope s CROSS JOIN LATERAL unnest(s.district_codes) AS d (code)
   WHERE $1::text IS NULL OR d.code = $1
   GROUP BY d.code
  UNION ALL
  SELECT 'zone', NULL, z.id, 'parcels', count(*), round(sum(s.area), 2)
    FROM parcels_in_scope s CROSS JOIN LATERAL unnest(s.zone_ids) AS z (id)
    JOIN zones zz ON zz.id = z.id
   WHERE ($1::text IS NULL OR zz.district_code = $1) AND ($2::int[] IS NULL OR z.id = ANY ($2::int[]))
   GROUP BY z.id
),
held AS (
  SELECT r.id, upper(r.period) AS ends, p.district_code, p.zone_id, p.area_mu::numeric AS area
    FROM reservations r
    JOIN reservation_plots rp ON rp.reservation_id = r.id
    JOIN plots p ON p.id = rp.plot_id
   WHERE r.status = 'active' AND ${inScope('p')}
),
held_groups AS (
  SELECT ${LEVEL('h.district_code', 'h.zone_id')} AS level, h.district_code, h.zone_id,
         count(DISTINCT h.id) AS reservations, count(*) AS plots, round(sum(h.area), 2) AS area,
         count(DISTINCT h.id) FILTER (WHERE h.ends < now() + make_interval(days => $8)) AS expiring
    FROM held h
   GROUP BY GROUPING SETS ((), (h.district_code), (h.zone_id))
  HAVING count(*) > 0
),
reservation_figures AS (
  SELECT g.level, g.district_code, g.zone_id, m.measure, m.n, m.amount
    FROM held_groups g
   CROSS JOIN LATERAL (VALUES ('reservations', g.reservations, 0::numeric),
                              ('reservations.plots', g.plots, g.area),
                              ('reservations.expiring', g.expiring, 0::numeric)) AS m (measure, n, amount)
),
-- Projects count in their zone's district; a project with no zone only in the whole city's figures
-- (and under "outside zones").
projects_in_scope AS (
  SELECT z.district_code, pr.zone_id, pr.stage, pr.investment_yi AS investment,
         CASE WHEN pr.review_due_at IS NULL OR pr.city_reviewed_at IS NOT NULL THEN NULL
              WHEN pr.review_due_at < now() THEN 'overdue' ELSE 'due' END AS review
    FROM projects pr
    LEFT JOIN zones z ON z.id = pr.zone_id
   WHERE ($1::text IS NULL OR z.district_code = $1) AND ($2::int[] IS NULL OR pr.zone_id = ANY ($2::int[]))
),
project_figures AS (
  SELECT ${LEVEL('s.district_code', 's.zone_id')} AS level, s.district_code, s.zone_id, m.measure,
         count(*) AS n, round(sum(m.amount), 2) AS amount
    FROM projects_in_scope s
   CROSS JOIN LATERAL (VALUES ('projects', s.investment), ('stage.' || s.stage, s.investment),
                              ('review.' || s.review, 0)) AS m (measure, amount)
   WHERE m.measure IS NOT NULL
   GROUP BY GROUPING SETS ((m.measure), (s.district_code, m.measure), (s.zone_id, m.measure))
)
SELECT level, district_code, zone_id, measure, n::int AS n, amount::float8 AS amount FROM (
  SELECT * FROM plot_figures
  UNION ALL SELECT * FROM change_figures
  UNION ALL SELECT * FROM parcel_figures
  UNION ALL SELECT * FROM reservation_figures
  UNION ALL SELECT * FROM project_figures
) f
-- A district-level row with no district is a project outside every zone: it is in the totals.
WHERE NOT (level = 'district' AND district_code IS NULL)`;

/**
 * `prepared`: a named statement, parsed and planned once per connection (on PostgreSQL; planning
 * this query takes longer than running it). Not on PGlite, whose connections share one session.
 */
export async function dashboardFigures(
  pool: Pool,
  scope: DashboardScope,
  settings: DashboardSettings,
  prepared: boolean,
): Promise<FigureRow[]> {
  const { rows } = await pool.query<FigureRow>({
    ...(prepared ? { name: 'dashboard-figures' } : {}),
    text: FIGURES_SQL,
    values: [
      scope.districtCode,
      scope.zoneIds,
      INEFFICIENT_STATUSES,
      settings.revitalizedFrom,
      settings.revitalizedTo,
      settings.months,
      settings.timeZone,
      settings.expiringWithinDays,
    ],
  });
  return rows;
}

export interface ReviewRow {
  projectId: number;
  code: string;
  name: string;
  zoneId: number | null;
  investmentYi: number;
  signedAt: string;
  reviewDueAt: string;
  review: 'due' | 'overdue';
}

/** City reviews (72 h) not yet held, in scope, soonest deadline first. */
export async function dueReviews(pool: Pool, scope: DashboardScope): Promise<ReviewRow[]> {
  const { rows } = await pool.query<ReviewRow>(
    `SELECT pr.id AS "projectId", pr.code, pr.name, pr.zone_id AS "zoneId", pr.investment_yi::float8 AS "investmentYi",
            to_json(pr.signed_at) #>> '{}' AS "signedAt", to_json(pr.review_due_at) #>> '{}' AS "reviewDueAt",
            CASE WHEN pr.review_due_at < now() THEN 'overdue' ELSE 'due' END AS review
       FROM projects pr
       LEFT JOIN zones z ON z.id = pr.zone_id
      WHERE pr.review_due_at IS NOT NULL AND pr.city_reviewed_at IS NULL
        AND ($1::text IS NULL OR z.district_code = $1) AND ($2::int[] IS NULL OR pr.zone_id = ANY ($2::int[]))
      ORDER BY pr.review_due_at, pr.id
      LIMIT 500`,
    [scope.districtCode, scope.zoneIds],
  );
  return rows;
}

/** Refuses a district or zone the database does not know. */
export function checkScopeNames(reference: Reference, districtCode: string | null, zoneId: number | null) {
  if (districtCode !== null && !reference.districts.some((d) => d.code === districtCode)) {
    throw new RequestError(404, `district ${districtCode} does not exist; pick one from the list`);
  }
  if (zoneId !== null && !reference.zones.some((z) => z.id === zoneId)) {
    throw new RequestError(404, `zone ${zoneId} does not exist; pick one from the list`);
  }
}
