// SQL of the investor view. Public columns only, and the same for every viewer: available plots,
// supply parcels (never planning ones) and zone profiles. Values are bound; sort columns come from
// an allow-list.
import { binder } from '../db/bind.ts';
import type { Pool } from '../db/pool.ts';
import { SERVICING_ITEMS } from '../plots/schemas.ts';
import type { SiteFilter, SiteSort } from './filters.ts';
import type { ParcelSite, PlotSite, ZoneProfile } from './schemas.ts';

/** Nearby parcels: within this geodesic distance of the plot or parcel, the nearest few. */
export const NEARBY_KM = 20;
export const NEARBY_MAX = 5;

type BBox = [number, number, number, number];

/**
 * The settings the investor view reads, as one row `cfg`: the least area of a contiguous parcel
 * (a raised minimum hides smaller parcels at once, before their rebuild) and the share of a plot
 * inside a line for it to count as inside, clamped exactly as compliance clamps it (migration 011).
 */
const SETTINGS = `
  (SELECT coalesce((SELECT CASE WHEN jsonb_typeof(value -> 'minAreaMu') = 'number'
                                THEN (value ->> 'minAreaMu')::float8 END
                      FROM settings WHERE key = 'parcels.contiguity'), 500) AS min_area,
          LEAST(1, GREATEST(0.000001, control_line_rule(
            (SELECT value FROM settings WHERE key = 'control_lines.rules'), 'mostlyInsideShare', 0.5))) AS mostly
  ) cfg`;

/** A contiguous parcel of available land the public may see, as `t`. */
const SUPPLY_PARCEL = `t.scope = 'supply' AND t.area_mu >= cfg.min_area`;

/** Columns of a plot card (`PlotSite` without `kind`). Guide prices only for available land. */
const PLOT_SITE = `
  p.id, p.code, p.zone_id AS "zoneId", z.name AS "zoneName", z.name_en AS "zoneNameEn",
  p.district_code AS "districtCode", d.name AS "districtName", d.name_en AS "districtNameEn",
  round(p.area_mu::numeric, 2)::float8 AS "areaMu", p.land_use_code AS "landUseCode",
  l.name_zh AS "landUseName", l.name_en AS "landUseNameEn", p.servicing,
  CASE WHEN p.status = 'available' THEN p.guide_price::float8 END AS "guidePrice",
  CASE WHEN p.core_share >= cfg.mostly THEN 'core'
       WHEN p.line_share >= cfg.mostly THEN 'transitional' END AS "controlLine",
  sp.id AS "parcelId", p.is_sample AS "isSample"`;

/** The names, settings and supply parcel of plot `p`, joined after it. */
const PLOT_JOINS = `
  JOIN districts d ON d.code = p.district_code
  JOIN land_use_classes l ON l.code = p.land_use_code
  LEFT JOIN zones z ON z.id = p.zone_id
  CROSS JOIN ${SETTINGS}
  LEFT JOIN LATERAL (
    SELECT t.id, t.area_mu, t.plot_count
      FROM parcel_plots pp JOIN parcels t ON t.id = pp.parcel_id
     WHERE pp.plot_id = p.id AND pp.scope = 'supply' AND ${SUPPLY_PARCEL}) sp ON true`;

const PLOT_FROM = `FROM plots p ${PLOT_JOINS}`;

/**
 * The nearest supply parcels to geometry `g` (geodesic distance, 0 when touching), other than
 * `own`, as a JSON array. The box (20 km in degrees, widened for latitude) lets the index narrow
 * the search before distances are measured on the spheroid.
 */
function nearbyParcels(g: string, own: string, bind: (value: unknown) => string): string {
  const metres = bind(NEARBY_KM * 1000);
  const degrees = `(${metres}::float8 / 110000.0 * 1.1)`;
  return `(SELECT coalesce(json_agg(json_build_object('id', n.id, 'areaMu', n.area_mu, 'plotCount', n.plot_count,
                                                     'distanceKm', round((n.metres / 1000)::numeric, 2))
                                   ORDER BY n.metres, n.id), '[]')
             FROM (SELECT t.id, round(t.area_mu::numeric, 2) AS area_mu, t.plot_count,
                          ST_Distance(t.geom::geography, ${g}::geography) AS metres
                     FROM parcels t
                    WHERE ${SUPPLY_PARCEL} AND t.id IS DISTINCT FROM ${own}
                      AND t.geom && ST_Expand(${g},
                            ${degrees} / cos(radians(LEAST(89, GREATEST(abs(ST_YMin(${g})), abs(ST_YMax(${g})))))),
                            ${degrees})
                      AND ST_DWithin(t.geom::geography, ${g}::geography, ${metres}::float8)
                    ORDER BY metres, t.id
                    LIMIT ${bind(NEARBY_MAX)}) n)`;
}

/** Bounds to 6 decimals (about 0.1 m), like the outlines: more would be noise from the arithmetic. */
const BBOX = (g: string) =>
  `json_build_array(${['ST_XMin', 'ST_YMin', 'ST_XMax', 'ST_YMax'].map((f) => `round(${f}(${g})::numeric, 6)`).join(', ')})`;

/**
 * The leading industries of the zones `where` selects (all zones without it), most zones first, and
 * among equals the one zones list earlier, then by name: as written, or (`english`) their English
 * names from industry_names (migration 016), the name as written where none is kept. Both orders
 * are the same, so the two arrays pair up.
 */
function industriesOf(where: string | null, english: boolean): string {
  const label = english ? 'coalesce(min(n.name_en), i.industry)' : 'i.industry';
  const join = english ? 'LEFT JOIN industry_names n ON n.name = i.industry' : '';
  return `ARRAY(SELECT ${label} FROM zones z CROSS JOIN unnest(z.industries) WITH ORDINALITY i(industry, pos) ${join}
                 ${where ? `WHERE ${where}` : ''}
                 GROUP BY i.industry ORDER BY count(*) DESC, min(i.pos), i.industry)`;
}

// ---- Zones -----------------------------------------------------------------------------------

export interface ZoneProfileRow extends ZoneProfile {
  bbox?: BBox;
  geometry?: string;
}

/**
 * Zone profiles (all zones, or those listed), zones with the most available land first. Available
 * plots and area come from the plot tallies (migration 012), so no plot is read.
 */
export async function zoneProfiles(
  pool: Pool,
  ids: readonly number[] | null,
  withGeometry = false,
): Promise<ZoneProfileRow[]> {
  const geometry = withGeometry ? `, ${BBOX('z.geom')} AS bbox, ST_AsGeoJSON(z.geom, 6) AS geometry` : '';
  const { rows } = await pool.query<ZoneProfileRow>(
    `SELECT z.id, z.code, z.name, z.name_en AS "nameEn", z.level, z.district_code AS "districtCode",
            d.name AS "districtName", d.name_en AS "districtNameEn", z.industries,
            ARRAY(SELECT coalesce(n.name_en, i.industry)
                    FROM unnest(z.industries) WITH ORDINALITY i(industry, pos)
                    LEFT JOIN industry_names n ON n.name = i.industry
                   ORDER BY i.pos) AS "industriesEn",
            round(z.area_mu::numeric, 1)::float8 AS "areaMu",
            json_build_object('department', z.contact ->> 'department', 'departmentEn', z.contact ->> 'departmentEn',
                              'phone', z.contact ->> 'phone', 'email', z.contact ->> 'email') AS contact,
            coalesce(a.plots, 0)::int AS "availablePlots", coalesce(a.area_mu, 0)::float8 AS "availableAreaMu",
            (SELECT count(*)::int FROM parcels t WHERE ${SUPPLY_PARCEL} AND z.id = ANY (t.zone_ids)) AS parcels,
            z.is_sample AS "isSample"${geometry}
       FROM zones z
       JOIN districts d ON d.code = z.district_code
       CROSS JOIN ${SETTINGS}
       LEFT JOIN (SELECT zone_id, sum(plot_count) AS plots, round(sum(area_mu), 1) AS area_mu
                    FROM plot_tallies WHERE status = 'available' GROUP BY zone_id) a ON a.zone_id = z.id
      WHERE $1::int[] IS NULL OR z.id = ANY ($1::int[])
      ORDER BY coalesce(a.area_mu, 0) DESC, z.id`,
    [ids],
  );
  return rows;
}

// ---- Summary ---------------------------------------------------------------------------------

export interface SummaryRow {
  availablePlots: number;
  availableAreaMu: number;
  reservedPlots: number;
  parcels: number;
  parcelsAreaMu: number;
  minParcelAreaMu: number;
  industries: string[];
  industriesEn: string[];
  isSample: boolean;
}

/** The landing figures: plot counts from the tallies, supply parcels, every zone's industries. */
export async function summaryFigures(pool: Pool): Promise<SummaryRow> {
  const { rows } = await pool.query<SummaryRow>(
    `WITH tally AS (
       SELECT coalesce(sum(plot_count) FILTER (WHERE status = 'available'), 0)::int AS available_plots,
              round(coalesce(sum(area_mu) FILTER (WHERE status = 'available'), 0), 1)::float8 AS available_area_mu,
              coalesce(sum(plot_count) FILTER (WHERE status = 'reserved'), 0)::int AS reserved_plots,
              coalesce(sum(sample_count), 0) > 0 AS sample_plots
         FROM plot_tallies)
     SELECT tally.available_plots AS "availablePlots", tally.available_area_mu AS "availableAreaMu",
            tally.reserved_plots AS "reservedPlots",
            count(t.id)::int AS parcels, round(coalesce(sum(t.area_mu), 0)::numeric, 1)::float8 AS "parcelsAreaMu",
            cfg.min_area AS "minParcelAreaMu",
            ${industriesOf(null, false)} AS industries, ${industriesOf(null, true)} AS "industriesEn",
            tally.sample_plots
              OR coalesce((SELECT value ->> 'isSample' FROM settings WHERE key = 'city') = 'true', false)
              OR EXISTS (SELECT 1 FROM zones WHERE is_sample) AS "isSample"
       FROM tally CROSS JOIN ${SETTINGS}
       LEFT JOIN parcels t ON ${SUPPLY_PARCEL}
      GROUP BY tally.available_plots, tally.available_area_mu, tally.reserved_plots, tally.sample_plots, cfg.min_area`,
  );
  return rows[0]!;
}

// ---- Plots -----------------------------------------------------------------------------------

export type PlotSiteRow = Omit<PlotSite, 'kind'> & { matched: number; geometry?: string };

const PLOT_ORDER: Record<SiteSort['key'], string> = { area: 'p.area_mu', price: 'p.guide_price' };

function plotConditions(filter: SiteFilter, bind: (value: unknown) => string): string[] {
  const where: string[] = [];
  if (filter.zoneId !== null) where.push(`p.zone_id = ${bind(filter.zoneId)}`);
  if (filter.districtCode !== null) where.push(`p.district_code = ${bind(filter.districtCode)}`);
  if (filter.minAreaMu !== null) where.push(`p.area_mu >= ${bind(filter.minAreaMu)}`);
  if (filter.maxAreaMu !== null) where.push(`p.area_mu <= ${bind(filter.maxAreaMu)}`);
  if (filter.industry !== null) where.push(`${bind(filter.industry)}::text = ANY (z.industries)`);
  if (filter.servicing !== null) where.push(`p.servicing @> ${bind(filter.servicing)}::text[]`);
  return where;
}

/**
 * Available plots matching the filter, a page of them with `matched` (the count of all) on each
 * row. The page is chosen from ids and sort keys alone, so only its rows are joined and outlined.
 */
export async function listPlotSites(
  pool: Pool,
  filter: SiteFilter,
  sort: SiteSort,
  page: { limit: number; offset: number },
  withGeometry: boolean,
): Promise<PlotSiteRow[]> {
  const params: unknown[] = [];
  const bind = binder(params);
  const where = ["p.status = 'available'", ...plotConditions(filter, bind)];
  const order = `${PLOT_ORDER[sort.key]} ${sort.descending ? 'DESC' : 'ASC'} NULLS LAST, p.id`;
  const { rows } = await pool.query<PlotSiteRow>(
    `WITH page AS (
       SELECT p.id, row_number() OVER (ORDER BY ${order}) AS position, count(*) OVER () AS matched
         FROM plots p LEFT JOIN zones z ON z.id = p.zone_id
        WHERE ${where.join(' AND ')}
        ORDER BY position
        LIMIT ${bind(page.limit)} OFFSET ${bind(page.offset)})
     SELECT ${PLOT_SITE}, page.matched::int AS matched
            ${withGeometry ? ', ST_AsGeoJSON(p.geom, 6) AS geometry' : ''}
       FROM page JOIN plots p ON p.id = page.id ${PLOT_JOINS}
      ORDER BY page.position`,
    params,
  );
  return rows;
}

/** How many available plots match (for a page past the end, which has no row to carry the count). */
export async function countPlotSites(pool: Pool, filter: SiteFilter): Promise<number> {
  const params: unknown[] = [];
  const where = ["p.status = 'available'", ...plotConditions(filter, binder(params))];
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM plots p LEFT JOIN zones z ON z.id = p.zone_id WHERE ${where.join(' AND ')}`,
    params,
  );
  return rows[0]?.n ?? 0;
}

/** The member plots of a supply parcel as cards, largest first. */
export async function parcelMembers(pool: Pool, parcelId: number): Promise<PlotSiteRow[]> {
  const { rows } = await pool.query<PlotSiteRow>(
    `SELECT ${PLOT_SITE}, 0 AS matched
     ${PLOT_FROM}
     WHERE p.id IN (SELECT plot_id FROM parcel_plots WHERE parcel_id = $1 AND scope = 'supply')
     ORDER BY p.area_mu DESC, p.id`,
    [parcelId],
  );
  return rows;
}

export type PlotPageRow = Omit<PlotSiteRow, 'matched' | 'geometry'> & {
  status: 'available' | 'reserved' | 'occupied';
  areaM2: number;
  centroid: string;
  bbox: BBox;
  geometry: string;
  parcel: { id: number; areaMu: number; plotCount: number } | null;
  nearbyParcels: { id: number; areaMu: number; plotCount: number; distanceKm: number }[];
};

/**
 * Any plot, with the public status only: a shared link keeps working once the plot is let. Its
 * supply parcel and the nearest others come in the same query.
 */
export async function findPlotPage(pool: Pool, id: number): Promise<PlotPageRow | null> {
  const params: unknown[] = [];
  const bind = binder(params);
  const { rows } = await pool.query<PlotPageRow>(
    `SELECT ${PLOT_SITE}, plot_public_status(p.status) AS status,
            round((p.area_mu * 10000.0 / 15.0)::numeric, 1)::float8 AS "areaM2",
            ST_AsGeoJSON(ST_Centroid(p.geom), 6) AS centroid, ${BBOX('p.geom')} AS bbox,
            ST_AsGeoJSON(p.geom, 6) AS geometry,
            CASE WHEN sp.id IS NOT NULL
                 THEN json_build_object('id', sp.id, 'areaMu', round(sp.area_mu::numeric, 2), 'plotCount', sp.plot_count)
                 END AS parcel,
            ${nearbyParcels('p.geom', 'sp.id', bind)} AS "nearbyParcels"
     ${PLOT_FROM}
     WHERE p.id = ${bind(id)}`,
    params,
  );
  return rows[0] ?? null;
}

// ---- Parcels ---------------------------------------------------------------------------------

export type ParcelSiteRow = Omit<ParcelSite, 'kind'> & { matched: number; geometry?: string };

const PARCEL_ORDER: Record<SiteSort['key'], string> = { area: 't.area_mu', price: 'm.price_min' };

/**
 * Supply parcels as cards: their zones' names and industries, the servicing every member has, the
 * range of the members' guide prices. `$1`…`$n` are the servicing items, in their order.
 */
const PARCEL_SITE = `
  t.id, round(t.area_mu::numeric, 2)::float8 AS "areaMu", t.plot_count AS "plotCount", t.zone_ids AS "zoneIds",
  ARRAY(SELECT z.name FROM zones z WHERE z.id = ANY (t.zone_ids) ORDER BY z.id) AS "zoneNames",
  ARRAY(SELECT z.name_en FROM zones z WHERE z.id = ANY (t.zone_ids) ORDER BY z.id) AS "zoneNamesEn",
  t.district_codes AS "districtCodes",
  ${industriesOf('z.id = ANY (t.zone_ids)', false)} AS industries,
  ${industriesOf('z.id = ANY (t.zone_ids)', true)} AS "industriesEn",
  m.servicing, m.price_min AS "guidePriceMin", m.price_max AS "guidePriceMax",
  round(t.core_share::numeric, 4)::float8 AS "coreShare",
  round(t.transitional_share::numeric, 4)::float8 AS "transitionalShare",
  coalesce(m.is_sample, false) AS "isSample"`;

/** Each servicing item the members all have, in one pass over the members. */
const COMMON_SERVICING = `array_remove(ARRAY[${SERVICING_ITEMS.map(
  (_, i) => `CASE WHEN bool_and(p.servicing @> ARRAY[$${i + 1}::text]) THEN $${i + 1}::text END`,
).join(', ')}], NULL)`;

const PARCEL_FROM = `
  FROM parcels t
  CROSS JOIN ${SETTINGS}
  CROSS JOIN LATERAL (
    SELECT ${COMMON_SERVICING} AS servicing,
           min(p.guide_price) FILTER (WHERE p.status = 'available')::float8 AS price_min,
           max(p.guide_price) FILTER (WHERE p.status = 'available')::float8 AS price_max,
           bool_and(p.is_sample) AS is_sample
      FROM parcel_plots pp JOIN plots p ON p.id = pp.plot_id
     WHERE pp.parcel_id = t.id AND pp.scope = 'supply') m`;

function parcelConditions(filter: SiteFilter, bind: (value: unknown) => string): string[] {
  const where = [SUPPLY_PARCEL];
  if (filter.zoneId !== null) where.push(`${bind(filter.zoneId)}::int = ANY (t.zone_ids)`);
  if (filter.districtCode !== null) where.push(`${bind(filter.districtCode)}::text = ANY (t.district_codes)`);
  if (filter.minAreaMu !== null) where.push(`t.area_mu >= ${bind(filter.minAreaMu)}`);
  if (filter.maxAreaMu !== null) where.push(`t.area_mu <= ${bind(filter.maxAreaMu)}`);
  if (filter.industry !== null) {
    where.push(
      `EXISTS (SELECT 1 FROM zones z WHERE z.id = ANY (t.zone_ids) AND ${bind(filter.industry)}::text = ANY (z.industries))`,
    );
  }
  if (filter.servicing !== null) where.push(`m.servicing @> ${bind(filter.servicing)}::text[]`);
  return where;
}

/** Supply parcels matching the filter, a page of them with `matched` on each row. */
export async function listParcelSites(
  pool: Pool,
  filter: SiteFilter,
  sort: SiteSort,
  page: { limit: number; offset: number },
): Promise<ParcelSiteRow[]> {
  const params: unknown[] = [...SERVICING_ITEMS];
  const bind = binder(params);
  const where = parcelConditions(filter, bind);
  const direction = sort.descending ? 'DESC' : 'ASC';
  const { rows } = await pool.query<ParcelSiteRow>(
    `SELECT ${PARCEL_SITE}, count(*) OVER ()::int AS matched, ST_AsGeoJSON(t.geom, 6) AS geometry
     ${PARCEL_FROM}
     WHERE ${where.join(' AND ')}
     ORDER BY ${PARCEL_ORDER[sort.key]} ${direction} NULLS LAST, t.id
     LIMIT ${bind(page.limit)} OFFSET ${bind(page.offset)}`,
    params,
  );
  return rows;
}

export async function countParcelSites(pool: Pool, filter: SiteFilter): Promise<number> {
  const params: unknown[] = [...SERVICING_ITEMS];
  const where = parcelConditions(filter, binder(params));
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n ${PARCEL_FROM} WHERE ${where.join(' AND ')}`,
    params,
  );
  return rows[0]?.n ?? 0;
}

export type ParcelPageRow = Omit<ParcelSiteRow, 'matched' | 'geometry'> & {
  centroid: string;
  bbox: BBox;
  geometry: string;
  nearbyParcels: PlotPageRow['nearbyParcels'];
};

/** A supply parcel by id; a planning parcel's id finds nothing (its outline would tell too much). */
export async function findParcelPage(pool: Pool, id: number): Promise<ParcelPageRow | null> {
  const params: unknown[] = [...SERVICING_ITEMS];
  const bind = binder(params);
  const { rows } = await pool.query<ParcelPageRow>(
    `SELECT ${PARCEL_SITE}, ST_AsGeoJSON(ST_Centroid(t.geom), 6) AS centroid, ${BBOX('t.geom')} AS bbox,
            ST_AsGeoJSON(t.geom, 6) AS geometry, ${nearbyParcels('t.geom', 't.id', bind)} AS "nearbyParcels"
     ${PARCEL_FROM}
     WHERE ${SUPPLY_PARCEL} AND t.id = ${bind(id)}`,
    params,
  );
  return rows[0] ?? null;
}

/** A zone's supply parcels, largest first. */
export async function zoneParcels(
  pool: Pool,
  zoneId: number,
): Promise<{ id: number; areaMu: number; plotCount: number }[]> {
  const { rows } = await pool.query<{ id: number; areaMu: number; plotCount: number }>(
    `SELECT t.id, round(t.area_mu::numeric, 2)::float8 AS "areaMu", t.plot_count AS "plotCount"
       FROM parcels t CROSS JOIN ${SETTINGS}
      WHERE ${SUPPLY_PARCEL} AND $1::int = ANY (t.zone_ids)
      ORDER BY t.area_mu DESC, t.id`,
    [zoneId],
  );
  return rows;
}
