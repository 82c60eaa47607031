// Every write leaves exactly one audit event naming who did what (plus the plot history rows the
// database adds when a plot's status changes); and a reservation can take a whole parcel.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Pool } from '../../server/src/db/pool.ts';
import { type SignedIn, sessionAppFor, signIn } from '../support/app.ts';
import { poolFor } from '../support/backends.ts';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe.each(inject('backends'))('the audit trail on $name', (backend) => {
  const password = inject('demoPassword');
  let pool: Pool;
  let app: FastifyInstance;
  const as: Record<string, SignedIn> = {};
  let last = 0;

  beforeAll(async () => {
    pool = poolFor(backend);
    app = await sessionAppFor(backend, pool, { signInsPerMinute: 1000, inquiriesPerHour: 1000 });
    for (const name of ['zone_manager', 'planner', 'admin']) as[name] = await signIn(app, name, password);
    last = (await pool.query('SELECT coalesce(max(id), 0)::int AS id FROM audit_events')).rows[0].id;
  });
  afterAll(async () => {
    await app.close();
    await pool.end();
  });

  /** The events written since the last call, without the plot history rows. */
  async function newEvents() {
    const { rows } = await pool.query<{
      id: number;
      action: string;
      actor: string | null;
      entity_id: string;
    }>(
      `SELECT a.id, a.action, u.username AS actor, a.entity_id FROM audit_events a
       LEFT JOIN users u ON u.id = a.actor_id WHERE a.id > $1 ORDER BY a.id`,
      [last],
    );
    if (rows.length > 0) last = rows.at(-1)!.id;
    return rows.filter((row) => row.action !== 'plot.status_changed');
  }

  async function write(who: string | null, method: string, url: string, payload?: object) {
    const session = who ? as[who]! : null;
    const response = await app.inject({
      method: method as 'POST',
      url,
      headers: session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {},
      ...(payload ? { payload } : {}),
    });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.statusCode === 204 ? null : response.json();
  }

  it('records each write once, with its actor', async () => {
    const zoneIds: number[] = (
      await app.inject({ url: '/api/auth/me', headers: { cookie: as.zone_manager!.cookie } })
    ).json().user.zoneIds;
    const plot = (
      await pool.query(
        `SELECT id FROM plots WHERE zone_id = $1 AND status = 'in_use'
           AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.plot_id = plots.id) ORDER BY id DESC LIMIT 1`,
        [zoneIds[0]],
      )
    ).rows[0].id as number;
    const project = (await pool.query('SELECT id FROM projects ORDER BY id DESC LIMIT 1')).rows[0]
      .id as number;
    await newEvents();

    const steps: [string | null, string, string, object | undefined, string][] = [];
    const run = async (
      who: string | null,
      method: string,
      url: string,
      payload: object | undefined,
      action: string,
    ) => {
      steps.push([who, method, url, payload, action]);
      const body = await write(who, method, url, payload);
      expect((await newEvents()).map((e) => [e.action, e.actor])).toEqual([[action, who]]);
      return body;
    };

    const flag = await run(
      'zone_manager',
      'POST',
      '/api/flags',
      { plotId: plot, proposedStatus: 'idle', reason: 'test: audit' },
      'flag.created',
    );
    await run('planner', 'POST', `/api/flags/${flag.id}/review`, { decision: 'approve' }, 'flag.approved');
    const reservation = await run(
      'planner',
      'POST',
      '/api/reservations',
      { projectId: project, plotIds: [plot], until: inDays(9) },
      'reservation.created',
    );
    await run(
      'planner',
      'POST',
      `/api/reservations/${reservation.id}/extend`,
      { until: inDays(19) },
      'reservation.extended',
    );
    await run(
      'planner',
      'POST',
      `/api/reservations/${reservation.id}/release`,
      undefined,
      'reservation.released',
    );
    await run(
      'zone_manager',
      'PUT',
      `/api/plots/${plot}/plan`,
      {
        measure: 'take_back',
        responsibleUnit: 'Sample unit',
        targetDate: null,
        progress: '',
        progressPct: 0,
      },
      'plan.created',
    );
    const inquiry = await run(
      null,
      'POST',
      '/api/inquiries',
      {
        targetType: 'plot',
        plotId: plot,
        contactName: 'Sample',
        company: 'Sample Test Co. audit',
        email: 'sample@example.com',
      },
      'inquiry.created',
    );
    const inbox = (
      await app.inject({ url: '/api/inquiries', headers: { cookie: as.zone_manager!.cookie } })
    ).json();
    const mine = inbox.items.find((i: { reference: string }) => i.reference === inquiry.reference);
    await run(
      'zone_manager',
      'POST',
      `/api/inquiries/${mine.id}/status`,
      { status: 'closed' },
      'inquiry.status_changed',
    );
    const created = await run(
      'planner',
      'POST',
      '/api/projects',
      {
        code: 'TEST-AUDIT-1',
        name: 'Sample',
        investor: 'Sample Co.',
        industry: 'logistics',
        investmentYi: 12,
        landDemandMu: null,
        stage: 'signed',
        zoneId: null,
        signedAt: new Date().toISOString(),
      },
      'project.created',
    );
    await run('planner', 'PATCH', `/api/projects/${created.id}`, { stage: 'started' }, 'project.updated');
    await run(
      'planner',
      'POST',
      `/api/projects/${created.id}/city-review`,
      undefined,
      'project.city_reviewed',
    );
    const user = await run(
      'admin',
      'POST',
      '/api/users',
      {
        username: 'test_audit_user',
        displayName: 'Sample',
        role: 'investor',
        zoneIds: [],
        password: 'a-long-enough-password',
      },
      'user.created',
    );
    await run('admin', 'PATCH', `/api/users/${user.id}`, { displayName: 'Sample Renamed' }, 'user.updated');
    await run(
      'admin',
      'POST',
      `/api/users/${user.id}/password`,
      { password: 'another-long-password' },
      'user.password_reset',
    );
    const session = await signIn(app, 'test_audit_user', 'another-long-password');
    expect((await newEvents()).map((e) => [e.action, e.actor])).toEqual([['auth.login', 'test_audit_user']]);
    as.test_audit_user = session;
    await run('test_audit_user', 'POST', '/api/auth/logout', undefined, 'auth.logout');
    expect(steps.length).toBeGreaterThan(14);

    // Clean up what this test made (the audit rows stay: they are the record).
    await pool.query("UPDATE plots SET status = 'in_use', inefficiency_type = NULL WHERE id = $1", [plot]);
    await pool.query('DELETE FROM revitalization_plans WHERE plot_id = $1', [plot]);
    await pool.query("DELETE FROM flags WHERE reason = 'test: audit'");
    await pool.query("DELETE FROM inquiries WHERE company = 'Sample Test Co. audit'");
    await pool.query("DELETE FROM projects WHERE code = 'TEST-AUDIT-1'");
    await pool.query('UPDATE audit_events SET actor_id = NULL WHERE actor_id = $1', [user.id]);
    await pool.query('DELETE FROM sessions WHERE user_id = $1', [user.id]);
    await pool.query('DELETE FROM users WHERE id = $1', [user.id]);
  });

  it('reserves a whole contiguous parcel in one step; the parcel then leaves the map', async () => {
    // The smallest parcel of available land, as derived from the sample city.
    const parcel = (
      await pool.query<{ id: number; ids: number[] }>(
        `SELECT g.id, array_agg(pp.plot_id::int ORDER BY pp.plot_id) AS ids
           FROM parcels g JOIN parcel_plots pp ON pp.parcel_id = g.id
          WHERE g.scope = 'supply' GROUP BY g.id ORDER BY min(g.plot_count), g.id LIMIT 1`,
      )
    ).rows[0]!;
    const project = (await pool.query('SELECT id, code FROM projects ORDER BY id LIMIT 1')).rows;
    const made: number[] = [];
    try {
      const whole = await write('planner', 'POST', '/api/reservations', {
        projectId: project[0].id,
        parcelId: parcel.id,
        until: inDays(30),
      });
      made.push(whole.id);
      expect(whole.plots.map((p: { id: number }) => p.id).sort()).toEqual([...parcel.ids].sort());
      // Reserved plots are no candidates: the parcel was derived away in the same transaction,
      // and asking for it again is refused as unknown, not half-reserved.
      const headers = { cookie: as.planner!.cookie, 'x-csrf-token': as.planner!.csrfToken };
      expect((await app.inject({ url: `/api/parcels/${parcel.id}`, headers })).statusCode).toBe(404);
      const again = await app.inject({
        method: 'POST',
        url: '/api/reservations',
        headers,
        payload: { projectId: project[0].id, parcelId: parcel.id, until: inDays(30) },
      });
      expect(again.statusCode).toBe(404);
    } finally {
      for (const id of made) await write('planner', 'POST', `/api/reservations/${id}/release`);
    }
  });
});
