// The admin screen's API: users, roles, zones, password resets and the audit log; and plans (一地一策).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { User } from '../../server/src/admin/schemas.ts';
import type { Pool } from '../../server/src/db/pool.ts';
import type { PlotDetail } from '../../server/src/plots/schemas.ts';
import { type SignedIn, sessionAppFor, signIn } from '../support/app.ts';
import { poolFor } from '../support/backends.ts';

describe.each(inject('backends'))('administration on $name', (backend) => {
  const password = inject('demoPassword');
  let pool: Pool;
  let app: FastifyInstance;
  let admin: SignedIn;
  const as = (session: SignedIn) => ({ cookie: session.cookie, 'x-csrf-token': session.csrfToken });

  beforeAll(async () => {
    pool = poolFor(backend);
    app = await sessionAppFor(backend, pool, { signInsPerMinute: 1000 });
    admin = await signIn(app, 'admin', password);
  });
  afterAll(async () => {
    await pool.query(
      "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE username LIKE 'test_%')",
    );
    await pool.query(
      "DELETE FROM user_zones WHERE user_id IN (SELECT id FROM users WHERE username LIKE 'test_%')",
    );
    await pool.query(
      "UPDATE audit_events SET actor_id = NULL WHERE actor_id IN (SELECT id FROM users WHERE username LIKE 'test_%')",
    );
    await pool.query("DELETE FROM users WHERE username LIKE 'test_%'");
    await app.close();
    await pool.end();
  });

  it('adds a zone manager, who then sees only that zone, and a reset password ends their sessions', async () => {
    const zones = (await pool.query<{ id: number }>('SELECT id FROM zones ORDER BY id LIMIT 2')).rows;
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: as(admin),
      payload: {
        username: `test_zm_${backend.name}`,
        displayName: 'Sample Zone Manager',
        role: 'zone_manager',
        zoneIds: [zones[1]!.id],
        password: 'a-long-enough-password',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json<User>();
    expect(user).toMatchObject({ role: 'zone_manager', zoneIds: [zones[1]!.id], isActive: true });

    const session = await signIn(app, user.username, 'a-long-enough-password');
    const me = (await app.inject({ url: '/api/auth/me', headers: as(session) })).json();
    expect(me.user.zoneIds).toEqual([zones[1]!.id]);

    // Moving them to another zone ends the session: what it may see has changed.
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: as(admin),
      payload: { zoneIds: [zones[0]!.id] },
    });
    expect(moved.json().zoneIds).toEqual([zones[0]!.id]);
    expect((await app.inject({ url: '/api/auth/me', headers: as(session) })).json().user).toBeNull();

    const again = await signIn(app, user.username, 'a-long-enough-password');
    const reset = await app.inject({
      method: 'POST',
      url: `/api/users/${user.id}/password`,
      headers: as(admin),
      payload: { password: 'another-long-password' },
    });
    expect(reset.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/me', headers: as(again) })).json().user).toBeNull();
    await expect(signIn(app, user.username, 'a-long-enough-password')).rejects.toThrow(/401/);
    expect((await signIn(app, user.username, 'another-long-password')).cookie).toMatch(/la_session=/);

    // Deactivated: cannot sign in.
    await app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: as(admin),
      payload: { isActive: false },
    });
    await expect(signIn(app, user.username, 'another-long-password')).rejects.toThrow(/401/);
  });

  it('refuses zones for roles without them, short passwords, taken names, and locking oneself out', async () => {
    const base = { displayName: 'Sample', role: 'planner', zoneIds: [], password: 'a-long-enough-password' };
    const zoned = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: as(admin),
      payload: { ...base, username: 'test_p1', zoneIds: [1] },
    });
    expect(zoned.statusCode).toBe(400);
    const short = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: as(admin),
      payload: { ...base, username: 'test_p2', password: 'short' },
    });
    expect(short.statusCode).toBe(400);
    const taken = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: as(admin),
      payload: { ...base, username: 'planner' },
    });
    expect(taken.statusCode).toBe(409);
    const self = (await app.inject({ url: '/api/auth/me', headers: as(admin) })).json().user.id;
    const demote = await app.inject({
      method: 'PATCH',
      url: `/api/users/${self}`,
      headers: as(admin),
      payload: { role: 'investor' },
    });
    expect(demote.statusCode).toBe(409);
  });

  it('keeps a plan per plot for its zone’s managers, on record in the audit log', async () => {
    const zm = await signIn(app, 'zone_manager', password);
    const zoneIds: number[] = (await app.inject({ url: '/api/auth/me', headers: as(zm) })).json().user
      .zoneIds;
    const { rows } = await pool.query<{ id: number }>(
      `SELECT p.id FROM plots p WHERE p.zone_id = $1 AND p.status = 'idle'
         AND NOT EXISTS (SELECT 1 FROM revitalization_plans r WHERE r.plot_id = p.id) ORDER BY p.id LIMIT 1`,
      [zoneIds[0]],
    );
    const plotId = rows[0]!.id;
    const plan = {
      measure: 'take_back',
      responsibleUnit: 'Sample Zone Land Office',
      targetDate: '2027-06-30',
      progress: 'notice served',
      progressPct: 20,
    };
    try {
      const saved = await app.inject({
        method: 'PUT',
        url: `/api/plots/${plotId}/plan`,
        headers: as(zm),
        payload: plan,
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const planner = await signIn(app, 'planner', password);
      const detail = (
        await app.inject({ url: `/api/plots/${plotId}`, headers: as(planner) })
      ).json<PlotDetail>();
      expect(detail.revitalization).toEqual(plan);

      const other = (await pool.query('SELECT id FROM plots WHERE zone_id <> $1 LIMIT 1', [zoneIds[0]]))
        .rows[0].id;
      const refused = await app.inject({
        method: 'PUT',
        url: `/api/plots/${other}/plan`,
        headers: as(zm),
        payload: plan,
      });
      expect(refused.statusCode).toBe(403);

      const log = await app.inject({
        url: `/api/audit?entityType=plot&entityId=${plotId}&action=plan.`,
        headers: as(admin),
      });
      expect(log.json()).toMatchObject({
        total: 1,
        items: [{ actor: 'zone_manager', action: 'plan.created', after: plan }],
      });
      const byActor = (
        await app.inject({ url: '/api/audit?actor=admin&limit=5', headers: as(admin) })
      ).json();
      expect(byActor.items.every((e: { actor: string }) => e.actor === 'admin')).toBe(true);
      expect((await app.inject({ url: '/api/audit', headers: as(planner) })).statusCode).toBe(403);
    } finally {
      await pool.query('DELETE FROM revitalization_plans WHERE plot_id = $1', [plotId]);
    }
  });
});
