// Reservations (预留): a project holds plots until a date. Plot rows are locked in id order, so
// concurrent requests for one plot queue up and all but the first find it held; the database's
// exclusion constraint on reservation_plots refuses an overlap even if that check were bypassed.

import { recordAudit } from '../audit/record.ts';
import type { Viewer } from '../auth/policy.ts';
import { seesAllInternal } from '../auth/policy.ts';
import { binder } from '../db/bind.ts';
import { type Pool, type PoolClient, withTransaction } from '../db/pool.ts';
import { RequestError } from '../http/errors.ts';
import { RESERVABLE_STATUSES, type Reservation } from './schemas.ts';

/** The end of a calendar day in China (reservations are agreed in dates, not instants). */
const END_OF_DAY = "((($1::date + 1)::timestamp) AT TIME ZONE 'Asia/Shanghai')";

interface Holder {
  plot_code: string;
  project_code: string;
  project_name: string;
  until: string;
}

async function holders(client: PoolClient, plotIds: number[]): Promise<Holder[]> {
  const { rows } = await client.query<Holder>(
    `SELECT p.code AS plot_code, pr.code AS project_code, pr.name AS project_name,
            to_char(upper(r.period) AT TIME ZONE 'Asia/Shanghai' - interval '1 second', 'YYYY-MM-DD') AS until
     FROM reservation_plots rp
     JOIN reservations r ON r.id = rp.reservation_id
     JOIN projects pr ON pr.id = r.project_id
     JOIN plots p ON p.id = rp.plot_id
     WHERE rp.plot_id = ANY ($1::bigint[]) AND rp.is_active
     ORDER BY p.code`,
    [plotIds],
  );
  return rows;
}

function heldMessage(held: Holder[]): string {
  const first = held[0]!;
  const more = held.length > 1 ? ` (and ${held.length - 1} more plot${held.length > 2 ? 's' : ''})` : '';
  return `plot ${first.plot_code} is already reserved for project ${first.project_code} ${first.project_name} until ${first.until}${more}`;
}

export interface NewReservation {
  projectId: number;
  plotIds?: number[] | undefined;
  parcelId?: number | undefined;
  until: string;
  note?: string | undefined;
}

/** Creates a reservation inside the caller's transaction; returns its id. */
export async function createReservation(
  client: PoolClient,
  input: NewReservation,
  actorId: number | null,
): Promise<number> {
  if ((input.plotIds === undefined) === (input.parcelId === undefined)) {
    throw new RequestError(400, 'name either plotIds or parcelId, not both and not neither');
  }
  let plotIds = input.plotIds ?? [];
  if (input.parcelId !== undefined) {
    const { rows } = await client.query<{ plot_id: number }>(
      'SELECT plot_id FROM parcel_plots WHERE parcel_id = $1 ORDER BY plot_id',
      [input.parcelId],
    );
    if (rows.length === 0) throw new RequestError(404, `parcel ${input.parcelId} does not exist`);
    plotIds = rows.map((row) => row.plot_id);
  }
  const project = await client.query<{ id: number }>('SELECT id FROM projects WHERE id = $1', [
    input.projectId,
  ]);
  if (project.rows.length === 0) throw new RequestError(404, `project ${input.projectId} does not exist`);
  const future = await client.query<{ ok: boolean }>(
    `SELECT ${END_OF_DAY} > now() + interval '1 hour' AS ok`,
    [input.until],
  );
  if (!future.rows[0]?.ok) throw new RequestError(400, `until: ${input.until} is not in the future`);

  // Lock the plots (in id order, so two requests never wait on each other crosswise).
  const { rows: plots } = await client.query<{ id: number; code: string; status: string }>(
    'SELECT id, code, status FROM plots WHERE id = ANY ($1::bigint[]) ORDER BY id FOR UPDATE',
    [plotIds],
  );
  const found = new Set(plots.map((plot) => plot.id));
  const missing = plotIds.filter((id) => !found.has(id));
  if (missing.length > 0) throw new RequestError(404, `plots do not exist: ${missing.join(', ')}`);
  const held = plots.filter((plot) => plot.status === 'reserved');
  if (held.length > 0) {
    const holding = await holders(
      client,
      held.map((plot) => plot.id),
    );
    throw new RequestError(
      409,
      holding.length > 0 ? heldMessage(holding) : `plot ${held[0]!.code} is already reserved`,
    );
  }
  const unavailable = plots.find((plot) => !(RESERVABLE_STATUSES as readonly string[]).includes(plot.status));
  if (unavailable) {
    throw new RequestError(
      409,
      `plot ${unavailable.code} is ${unavailable.status.replace('_', ' ')}: only ${RESERVABLE_STATUSES.join(', ')} land can be reserved`,
    );
  }

  try {
    await client.query('SAVEPOINT reserve');
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO reservations (project_id, period, note, created_by)
       VALUES ($2, tstzrange(now(), ${END_OF_DAY}), $3, $4) RETURNING id`,
      [input.until, input.projectId, input.note ?? '', actorId],
    );
    const reservationId = rows[0]!.id;
    await client.query(
      `INSERT INTO reservation_plots (reservation_id, plot_id, prior_status)
       SELECT $1, p.id, p.status FROM plots p WHERE p.id = ANY ($2::bigint[])`,
      [reservationId, plotIds],
    );
    await client.query("UPDATE plots SET status = 'reserved' WHERE id = ANY ($1::bigint[])", [plotIds]);
    await audit(client, actorId, 'reservation.created', reservationId, null, {
      projectId: input.projectId,
      plotIds,
      until: input.until,
    });
    await client.query('RELEASE SAVEPOINT reserve');
    return reservationId;
  } catch (error) {
    // The exclusion constraint: another transaction holds one of these plots for an overlapping time.
    if ((error as { code?: string }).code === '23P01') {
      await client.query('ROLLBACK TO SAVEPOINT reserve');
      const holding = await holders(client, plotIds);
      throw new RequestError(409, holding.length > 0 ? heldMessage(holding) : 'a plot is already reserved');
    }
    throw error;
  }
}

const audit = (
  client: PoolClient,
  actorId: number | null,
  action: string,
  reservationId: number,
  before: unknown,
  after: unknown,
) =>
  recordAudit(client, { actorId, action, entityType: 'reservation', entityId: reservationId, before, after });

interface ActiveRow {
  id: number;
  status: string;
  until: string;
}

async function lockReservation(client: PoolClient, id: number): Promise<ActiveRow> {
  const { rows } = await client.query<ActiveRow>(
    `SELECT id, status, to_char(upper(period) AT TIME ZONE 'Asia/Shanghai' - interval '1 second', 'YYYY-MM-DD') AS until
     FROM reservations WHERE id = $1 FOR UPDATE`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new RequestError(404, `reservation ${id} does not exist`);
  if (row.status !== 'active') throw new RequestError(409, `reservation ${id} is ${row.status}, not active`);
  return row;
}

export async function extendReservation(
  client: PoolClient,
  id: number,
  until: string,
  actorId: number | null,
): Promise<void> {
  const current = await lockReservation(client, id);
  if (until <= current.until) {
    throw new RequestError(400, `until: ${until} is not later than the current end, ${current.until}`);
  }
  await client.query(
    `UPDATE reservations SET period = tstzrange(lower(period), ${END_OF_DAY}) WHERE id = $2`,
    [until, id],
  );
  await audit(client, actorId, 'reservation.extended', id, { until: current.until }, { until });
}

/** Ends an active reservation: released or expired plots get their earlier status back; converted ones are supplied. */
export async function closeReservation(
  client: PoolClient,
  id: number,
  outcome: 'released' | 'converted' | 'expired',
  actorId: number | null,
): Promise<void> {
  await lockReservation(client, id);
  await client.query('UPDATE reservations SET status = $2, closed_at = now() WHERE id = $1', [id, outcome]);
  // Only plots still shown as reserved change: an edit made since (e.g. by an import) wins.
  await client.query(
    `UPDATE plots p SET status = CASE WHEN $2 = 'converted' THEN 'supplied' ELSE rp.prior_status END
     FROM reservation_plots rp
     WHERE rp.reservation_id = $1 AND p.id = rp.plot_id AND p.status = 'reserved'`,
    [id, outcome],
  );
  const action = {
    released: 'reservation.released',
    converted: 'reservation.converted',
    expired: 'reservation.expired',
  }[outcome];
  await audit(client, actorId, action, id, { status: 'active' }, { status: outcome });
}

/**
 * Expires every active reservation whose end has passed, as the system (no actor). Safe to run
 * from several servers at once: each reservation is taken by one of them.
 */
export async function expireReservations(pool: Pool): Promise<number[]> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: number }>(
      `SELECT id FROM reservations WHERE status = 'active' AND upper(period) <= now()
       ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 500`,
    );
    for (const { id } of rows) await closeReservation(client, id, 'expired', null);
    return rows.map((row) => row.id);
  });
}

interface ReservationRow {
  id: number;
  status: Reservation['status'];
  project: Reservation['project'];
  plots: Reservation['plots'];
  area_mu: number;
  from_at: string;
  until_at: string;
  note: string;
  created_by: string | null;
  created_at: string;
  closed_at: string | null;
}

export async function listReservations(
  pool: Pool,
  viewer: Viewer,
  filter: {
    status?: string | undefined;
    projectId?: number | undefined;
    plotId?: number | undefined;
    id?: number;
  },
): Promise<Reservation[]> {
  const params: unknown[] = [seesAllInternal(viewer), viewer.zoneIds];
  const clauses = [
    // Zone managers see reservations touching their zones.
    `($1::boolean OR EXISTS (SELECT 1 FROM reservation_plots x JOIN plots xp ON xp.id = x.plot_id
                             WHERE x.reservation_id = r.id AND xp.zone_id = ANY ($2::int[])))`,
  ];
  const bind = binder(params);
  if (filter.id !== undefined) clauses.push(`r.id = ${bind(filter.id)}`);
  if (filter.status !== undefined) clauses.push(`r.status = ${bind(filter.status)}`);
  if (filter.projectId !== undefined) clauses.push(`r.project_id = ${bind(filter.projectId)}`);
  if (filter.plotId !== undefined) {
    clauses.push(
      `EXISTS (SELECT 1 FROM reservation_plots y WHERE y.reservation_id = r.id AND y.plot_id = ${bind(filter.plotId)})`,
    );
  }
  const { rows } = await pool.query<ReservationRow>(
    `SELECT r.id, r.status,
            json_build_object('id', pr.id, 'code', pr.code, 'name', pr.name) AS project,
            rp.plots, rp.area_mu,
            to_json(lower(r.period)) #>> '{}' AS from_at, to_json(upper(r.period)) #>> '{}' AS until_at,
            r.note, u.username AS created_by, to_json(r.created_at) #>> '{}' AS created_at,
            to_json(r.closed_at) #>> '{}' AS closed_at
     FROM reservations r
     JOIN projects pr ON pr.id = r.project_id
     LEFT JOIN users u ON u.id = r.created_by
     CROSS JOIN LATERAL (
       SELECT json_agg(json_build_object('id', p.id, 'code', p.code, 'areaMu', round(p.area_mu::numeric, 1))
                       ORDER BY p.code) AS plots,
              round(sum(p.area_mu)::numeric, 1)::float8 AS area_mu
       FROM reservation_plots x JOIN plots p ON p.id = x.plot_id WHERE x.reservation_id = r.id
     ) rp
     WHERE ${clauses.join(' AND ')}
     ORDER BY r.created_at DESC, r.id DESC
     LIMIT 500`,
    params,
  );
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    project: row.project,
    plots: row.plots,
    areaMu: row.area_mu,
    from: row.from_at,
    until: row.until_at,
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at,
    closedAt: row.closed_at,
  }));
}
