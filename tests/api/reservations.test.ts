// Reservations: planners hold land for projects; the database refuses a second holder.
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Viewer } from '../../server/src/auth/policy.ts';
import type { Pool } from '../../server/src/db/pool.ts';
import { expireReservations } from '../../server/src/reservations/queries.ts';
import type { Reservation } from '../../server/src/reservations/schemas.ts';
import { appFor, PLANNER } from '../support/app.ts';
import { poolFor } from '../support/backends.ts';

/** A date `days` from today, as the API takes it. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe.each(inject('backends'))('reservations on $name', (backend) => {
  let pool: Pool;
  let planner: FastifyInstance;
  let manager: FastifyInstance;
  let publicApp: FastifyInstance;
  let projects: { id: number; code: string; name: string }[];
  const made: number[] = [];

  beforeAll(async () => {
    pool = poolFor(backend);
    planner = await appFor(backend, pool, PLANNER);
    const zone = await pool.query<{ id: number; user_id: number }>(
      "SELECT id, (SELECT id FROM users WHERE username = 'zone_manager') AS user_id FROM zones WHERE code = 'HA-ETDZ'",
    );
    const managerViewer: Viewer = {
      userId: zone.rows[0]!.user_id,
      username: 'zone_manager',
      role: 'zone_manager',
      zoneIds: [zone.rows[0]!.id],
    };
    manager = await appFor(backend, pool, managerViewer);
    publicApp = await appFor(backend, pool);
    projects = (await pool.query('SELECT id, code, name FROM projects ORDER BY id LIMIT 3')).rows;
  });
  // Whatever a test reserved is released, so plot statuses are as the sample city made them.
  afterEach(async () => {
    while (made.length > 0) {
      const id = made.pop()!;
      await planner.inject({ method: 'POST', url: `/api/reservations/${id}/release` });
    }
  });
  afterAll(async () => {
    await Promise.all([planner.close(), manager.close(), publicApp.close()]);
    await pool.end();
  });

  /** Available plots no reservation has touched, largest first. */
  async function availablePlots(n: number, offset = 0): Promise<{ id: number; code: string }[]> {
    const { rows } = await pool.query(
      `SELECT id, code FROM plots WHERE status = 'available'
         AND NOT EXISTS (SELECT 1 FROM reservation_plots rp WHERE rp.plot_id = plots.id AND rp.is_active)
       ORDER BY id LIMIT $1 OFFSET $2`,
      [n, offset],
    );
    return rows;
  }

  async function reserve(app: FastifyInstance, body: object) {
    const response = await app.inject({ method: 'POST', url: '/api/reservations', payload: body });
    if (response.statusCode === 201) made.push(response.json<Reservation>().id);
    return response;
  }

  it('holds plots for a project until the end of a day, and marks them reserved', async () => {
    const plots = await availablePlots(2);
    const response = await reserve(planner, {
      projectId: projects[0]!.id,
      plotIds: plots.map((p) => p.id),
      until: inDays(30),
      note: 'sample: hold for site visit',
    });
    expect(response.statusCode, response.body).toBe(201);
    const reservation = response.json<Reservation>();
    expect(reservation).toMatchObject({
      status: 'active',
      project: { id: projects[0]!.id, code: projects[0]!.code },
      createdBy: 'planner',
    });
    expect(reservation.plots.map((p) => p.id).sort()).toEqual(plots.map((p) => p.id).sort());
    // Held until the end of that day in China (UTC+8).
    expect(new Date(reservation.until).toISOString()).toBe(
      new Date(`${inDays(31)}T00:00:00+08:00`).toISOString(),
    );
    const { rows } = await pool.query('SELECT DISTINCT status FROM plots WHERE id = ANY ($1)', [
      plots.map((p) => p.id),
    ]);
    expect(rows).toEqual([{ status: 'reserved' }]);
    // The public sees the plots as reserved, without the project.
    const publicPlot = await publicApp.inject(`/api/plots/${plots[0]!.id}`);
    expect(publicPlot.json().status).toBe('reserved');
    expect(publicPlot.body).not.toContain(projects[0]!.code);
  });

  it('answers 409 naming the holding project when a plot is already held', async () => {
    const [plot] = await availablePlots(1);
    expect(
      (await reserve(planner, { projectId: projects[0]!.id, plotIds: [plot!.id], until: inDays(10) }))
        .statusCode,
    ).toBe(201);
    const second = await reserve(planner, {
      projectId: projects[1]!.id,
      plotIds: [plot!.id],
      until: inDays(20),
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toContain(
      `plot ${plot!.code} is already reserved for project ${projects[0]!.code}`,
    );
  });

  it('lets exactly one of 50 simultaneous requests reserve a plot; the rest get 409, none fails', async () => {
    const [plot] = await availablePlots(1, 5);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        reserve(planner, { projectId: projects[i % 3]!.id, plotIds: [plot!.id], until: inDays(15) }),
      ),
    );
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    const { rows } = await pool.query(
      'SELECT count(*)::int AS n FROM reservation_plots WHERE plot_id = $1 AND is_active',
      [plot!.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses overlapping active reservations in the database itself', async () => {
    const [plot] = await availablePlots(1, 7);
    expect(
      (await reserve(planner, { projectId: projects[0]!.id, plotIds: [plot!.id], until: inDays(10) }))
        .statusCode,
    ).toBe(201);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query(
        `INSERT INTO reservations (project_id, period) VALUES ($1, tstzrange(now(), now() + interval '1 day')) RETURNING id`,
        [projects[1]!.id],
      );
      await expect(
        client.query(
          'INSERT INTO reservation_plots (reservation_id, plot_id, prior_status) VALUES ($1, $2, $3)',
          [rows[0].id, plot!.id, 'available'],
        ),
      ).rejects.toMatchObject({ code: '23P01' });
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
    }
  });

  it('extends, then releases: the plots get their earlier status back', async () => {
    const [plot] = await availablePlots(1, 9);
    const created = (
      await reserve(planner, { projectId: projects[0]!.id, plotIds: [plot!.id], until: inDays(5) })
    ).json<Reservation>();
    const earlier = await planner.inject({
      method: 'POST',
      url: `/api/reservations/${created.id}/extend`,
      payload: { until: inDays(3) },
    });
    expect(earlier.statusCode).toBe(400);
    expect(earlier.json().message).toMatch(/not later than the current end/);
    const extended = await planner.inject({
      method: 'POST',
      url: `/api/reservations/${created.id}/extend`,
      payload: { until: inDays(60) },
    });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(new Date(extended.json().until) > new Date(created.until)).toBe(true);
    const released = await planner.inject({ method: 'POST', url: `/api/reservations/${created.id}/release` });
    expect(released.json()).toMatchObject({ status: 'released' });
    made.pop();
    const { rows } = await pool.query('SELECT status FROM plots WHERE id = $1', [plot!.id]);
    expect(rows[0].status).toBe('available');
    const again = await planner.inject({ method: 'POST', url: `/api/reservations/${created.id}/release` });
    expect(again.statusCode).toBe(409);
  });

  it('converts a reservation: the plots are supplied to the project', async () => {
    const [plot] = await availablePlots(1, 11);
    const created = (
      await reserve(planner, { projectId: projects[2]!.id, plotIds: [plot!.id], until: inDays(5) })
    ).json<Reservation>();
    made.pop();
    try {
      const converted = await planner.inject({
        method: 'POST',
        url: `/api/reservations/${created.id}/convert`,
      });
      expect(converted.json()).toMatchObject({ status: 'converted' });
      expect((await pool.query('SELECT status FROM plots WHERE id = $1', [plot!.id])).rows[0].status).toBe(
        'supplied',
      );
    } finally {
      await pool.query("UPDATE plots SET status = 'available' WHERE id = $1", [plot!.id]);
    }
  });

  it('expires a reservation past its end without anyone acting, and records it', async () => {
    const [plot] = await availablePlots(1, 13);
    const created = (
      await reserve(planner, { projectId: projects[0]!.id, plotIds: [plot!.id], until: inDays(2) })
    ).json<Reservation>();
    made.pop();
    await pool.query(
      "UPDATE reservations SET period = tstzrange(now() - interval '3 days', now() - interval '1 minute') WHERE id = $1",
      [created.id],
    );
    expect(await expireReservations(pool)).toContain(created.id);
    expect((await pool.query('SELECT status FROM plots WHERE id = $1', [plot!.id])).rows[0].status).toBe(
      'available',
    );
    const { rows } = await pool.query(
      "SELECT actor_id, after FROM audit_events WHERE entity_type = 'reservation' AND entity_id = $1 AND action = 'reservation.expired'",
      [String(created.id)],
    );
    expect(rows).toEqual([{ actor_id: null, after: { status: 'expired' } }]);
    expect((await planner.inject(`/api/reservations/${created.id}`)).json().status).toBe('expired');
  });

  it('refuses bad requests clearly, and the public and zone managers may not reserve', async () => {
    const [plot] = await availablePlots(1, 15);
    const body = { projectId: projects[0]!.id, plotIds: [plot!.id], until: inDays(5) };
    expect((await reserve(publicApp, body)).statusCode).toBe(401);
    expect((await reserve(manager, body)).statusCode).toBe(403);
    const past = await reserve(planner, { ...body, until: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().message).toMatch(/not in the future/);
    const both = await reserve(planner, { ...body, parcelId: 1 });
    expect(both.statusCode).toBe(400);
    const missing = await reserve(planner, { ...body, plotIds: [999_999_999] });
    expect(missing.statusCode).toBe(404);
    const inUse = (await pool.query("SELECT id, code FROM plots WHERE status = 'in_use' LIMIT 1")).rows[0];
    const busy = await reserve(planner, { ...body, plotIds: [inUse.id] });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().message).toContain(`plot ${inUse.code} is in use`);
    expect((await reserve(planner, { ...body, holdForever: true })).statusCode).toBe(400);
  });
});
