// Contiguous parcels as each viewer may see them. The database derives them (migration 009);
// this module only reads, and asks for a rebuild.
import { seesAllInternal, type Viewer } from '../auth/policy.ts';
import { binder } from '../db/bind.ts';
import { type Pool, type PoolClient, withTransaction } from '../db/pool.ts';
import type { ParcelFeature, ParcelListQuery, ParcelScope } from './schemas.ts';

/**
 * Which parcels a viewer sees. Planners and admins: planning parcels (or supply ones on request).
 * The public and investors: supply parcels only, because a planning parcel's outline would tell
 * which occupied plots are inefficient. A zone manager: planning parcels lying wholly in their
 * zones, supply parcels elsewhere — the same rule the parcel tiles follow.
 */
export function parcelVisibility(
  viewer: Viewer,
  requested: ParcelScope | undefined,
  bind: (v: unknown) => string,
): string {
  if (seesAllInternal(viewer)) return `t.scope = ${bind(requested ?? 'planning')}`;
  const zones = viewer.role === 'zone_manager' ? [...viewer.zoneIds] : [];
  if (zones.length === 0 || requested === 'supply') return `t.scope = 'supply'`;
  const own = `(cardinality(t.zone_ids) > 0 AND t.zone_ids <@ ${bind(zones)}::int[])`;
  return `((t.scope = 'planning' AND ${own}) OR (t.scope = 'supply' AND NOT ${own}))`;
}

const FEATURE_COLUMNS = `
  t.id, t.scope, t.area_mu, t.available_area_mu, t.plot_count, t.zone_ids, t.district_codes,
  t.core_share, t.transitional_share, t.derived_at,
  CASE WHEN t.scope = 'planning' THEN t.occupant_count END AS occupant_count,
  ARRAY(SELECT pp.plot_id::int FROM parcel_plots pp WHERE pp.parcel_id = t.id ORDER BY pp.plot_id) AS plot_ids,
  (SELECT bool_and(p.is_sample) FROM parcel_plots pp JOIN plots p ON p.id = pp.plot_id WHERE pp.parcel_id = t.id) AS is_sample,
  ST_AsGeoJSON(t.geom, 7) AS geometry`;

interface ParcelRow {
  id: number;
  scope: ParcelScope;
  area_mu: number;
  available_area_mu: number;
  plot_count: number;
  zone_ids: number[];
  district_codes: string[];
  core_share: number;
  transitional_share: number;
  derived_at: Date;
  occupant_count: number | null;
  plot_ids: number[];
  is_sample: boolean | null;
  geometry: string;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

function toFeature(row: ParcelRow): ParcelFeature {
  return {
    type: 'Feature',
    id: row.id,
    geometry: JSON.parse(row.geometry),
    properties: {
      id: row.id,
      scope: row.scope,
      areaMu: round(row.area_mu, 2),
      availableAreaMu: round(row.available_area_mu, 2),
      plotCount: row.plot_count,
      plotIds: row.plot_ids,
      zoneIds: row.zone_ids,
      districtCodes: row.district_codes,
      coreShare: round(row.core_share, 4),
      transitionalShare: round(row.transitional_share, 4),
      occupantCount: row.occupant_count,
      isSample: row.is_sample ?? false,
      derivedAt: row.derived_at.toISOString(),
    },
  };
}

export async function listParcels(
  pool: Pool,
  viewer: Viewer,
  query: ParcelListQuery,
): Promise<{ features: ParcelFeature[]; matched: number }> {
  const params: unknown[] = [];
  const bind = binder(params);
  const where = [parcelVisibility(viewer, query.scope, bind)];
  if (query.zoneId !== undefined) where.push(`${bind(query.zoneId)}::int = ANY (t.zone_ids)`);
  if (query.districtCode !== undefined)
    where.push(`${bind(query.districtCode)}::text = ANY (t.district_codes)`);
  if (query.minAreaMu !== undefined) where.push(`t.area_mu >= ${bind(query.minAreaMu)}`);
  if (query.maxAreaMu !== undefined) where.push(`t.area_mu <= ${bind(query.maxAreaMu)}`);
  const filter = where.join(' AND ');
  const counted = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM parcels t WHERE ${filter}`,
    [...params],
  );
  const { rows } = await pool.query<ParcelRow>(
    `SELECT ${FEATURE_COLUMNS}
       FROM parcels t
      WHERE ${filter}
      ORDER BY t.area_mu DESC, t.id
      LIMIT ${bind(query.limit ?? 200)} OFFSET ${bind(query.offset ?? 0)}`,
    params,
  );
  return { features: rows.map(toFeature), matched: counted.rows[0]?.n ?? 0 };
}

/**
 * One parcel by id: any the viewer sees in lists, and any supply parcel (a link to available land
 * works for everyone, a zone manager's own zones included).
 */
export async function getParcel(pool: Pool, viewer: Viewer, id: number): Promise<ParcelFeature | null> {
  const params: unknown[] = [];
  const bind = binder(params);
  const { rows } = await pool.query<ParcelRow>(
    `SELECT ${FEATURE_COLUMNS} FROM parcels t
      WHERE t.id = ${bind(id)} AND (${parcelVisibility(viewer, undefined, bind)} OR t.scope = 'supply')`,
    params,
  );
  return rows[0] ? toFeature(rows[0]) : null;
}

/** Derives every parcel of the city again, in the caller's transaction. */
export async function rebuildParcels(client: PoolClient): Promise<{ planning: number; supply: number }> {
  await client.query('INSERT INTO parcel_refresh_queue (full_rebuild) VALUES (true)');
  await client.query('SELECT parcels_refresh()');
  const { rows } = await client.query<{ planning: number; supply: number }>(
    `SELECT count(*) FILTER (WHERE scope = 'planning')::int AS planning,
            count(*) FILTER (WHERE scope = 'supply')::int AS supply
       FROM parcels`,
  );
  return rows[0] ?? { planning: 0, supply: 0 };
}

/** Works through changes written outside this server's transactions (psql, other tools). */
export async function refreshQueuedParcels(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ queued: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM parcel_refresh_queue) AS queued',
  );
  if (!rows[0]?.queued) return 0;
  return withTransaction(pool, async (client) => {
    const done = await client.query<{ n: number }>('SELECT parcels_refresh() AS n');
    return done.rows[0]?.n ?? 0;
  });
}
