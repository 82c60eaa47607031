// Signing in and out, sessions shared through the database, CSRF, and sign-in rate limits.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Pool } from '../../server/src/db/pool.ts';
import { sessionAppFor, signIn } from '../support/app.ts';
import { poolFor } from '../support/backends.ts';

describe.each(inject('backends'))('sign-in and sessions on $name', (backend) => {
  const password = inject('demoPassword');
  let pool: Pool;
  let app: FastifyInstance;
  let other: FastifyInstance;

  beforeAll(async () => {
    pool = poolFor(backend);
    app = await sessionAppFor(backend, pool);
    // A second server on the same database: sessions live in PostgreSQL, not in one process.
    other = await sessionAppFor(backend, pool);
  });
  afterAll(async () => {
    await app.close();
    await other.close();
    await pool.end();
  });

  it('signs a planner in with an HttpOnly, SameSite session cookie, and tells who is signed in', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'planner', password },
    });
    expect(response.statusCode, response.body).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'la_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy(); // Secure only in production
    expect(response.json()).toMatchObject({ user: { username: 'planner', role: 'planner', zoneIds: [] } });
    // The database keeps only a hash of the token.
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM sessions WHERE token_hash = $1', [
      cookie.value,
    ]);
    expect(rows[0].n).toBe(0);

    const me = await other.inject({ url: '/api/auth/me', headers: { cookie: `la_session=${cookie.value}` } });
    expect(me.json()).toMatchObject({ user: { username: 'planner' }, csrfToken: response.json().csrfToken });
    // The planner now reads internal data: real statuses.
    const stats = await other.inject({
      url: '/api/plots/stats',
      headers: { cookie: `la_session=${cookie.value}` },
    });
    expect(stats.json().byStatus.map((s: { status: string }) => s.status)).toContain('in_use');
  });

  it('scopes a zone manager to their zones', async () => {
    const session = await signIn(app, 'zone_manager', password);
    const me = (await app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } })).json();
    const { rows } = await pool.query<{ id: number }>("SELECT id FROM zones WHERE code = 'HA-ETDZ'");
    expect(me.user).toMatchObject({ role: 'zone_manager', zoneIds: [rows[0]!.id] });
  });

  it('answers the public with no user and no token', async () => {
    const me = await app.inject({ url: '/api/auth/me' });
    expect(me.json()).toEqual({ user: null, csrfToken: null });
    const forged = await app.inject({ url: '/api/auth/me', headers: { cookie: 'la_session=forged-token' } });
    expect(forged.json()).toEqual({ user: null, csrfToken: null });
  });

  it('refuses a wrong password or an unknown user with the same answer', async () => {
    for (const payload of [
      { username: 'admin', password: 'wrong-password' },
      { username: 'nobody-here', password },
    ]) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(response.statusCode).toBe(401);
      expect(response.json().message).toBe('wrong username or password');
      expect(response.cookies).toHaveLength(0);
    }
  });

  it('refuses unknown fields and a sign-in posted from another site', async () => {
    const extra = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'planner', password, remember: true },
    });
    expect(extra.statusCode).toBe(400);
    const crossSite = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example', host: 'land-atlas.local' },
      payload: { username: 'planner', password },
    });
    expect(crossSite.statusCode).toBe(403);
  });

  it('requires the CSRF token on state changes made with a session', async () => {
    const session = await signIn(app, 'investor', password);
    const without = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: session.cookie },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().message).toMatch(/x-csrf-token/);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: session.cookie, 'x-csrf-token': `${session.csrfToken}x` },
    });
    expect(wrong.statusCode).toBe(403);
    // Still signed in after both refusals.
    expect(
      (await app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } })).json().user,
    ).not.toBeNull();
  });

  it('ends the session on sign-out, for every server', async () => {
    const session = await signIn(app, 'admin', password);
    // Both servers have seen (and cached) the session.
    expect(
      (await other.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } })).json().user,
    ).not.toBeNull();
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'la_session')?.value).toBe('');
    expect(
      (await app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } })).json().user,
    ).toBeNull();
    const { rows } = await pool.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.login'",
    );
    expect(rows[0].n).toBeGreaterThan(0);
    // Another server stops honouring it within its few-second cache.
    await new Promise((resolve) => setTimeout(resolve, 5_100));
    expect(
      (await other.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } })).json().user,
    ).toBeNull();
  });

  it('locks an account after repeated failures, across servers, without locking others', async () => {
    // A throwaway account, so other tests' sign-ins are unaffected.
    const username = `lock_${backend.name}`;
    const { rows } = await pool.query<{ password_hash: string }>(
      "SELECT password_hash FROM users WHERE username = 'investor'",
    );
    await pool.query(
      `INSERT INTO users (username, display_name, role, password_hash, is_sample)
       VALUES ($1, 'Lockout test', 'investor', $2, true)`,
      [username, rows[0]!.password_hash],
    );
    try {
      for (let i = 0; i < 5; i++) {
        const server = i % 2 === 0 ? app : other;
        const response = await server.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username, password: `wrong-${i}` },
        });
        expect(response.statusCode).toBe(401);
      }
      const locked = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
      });
      expect(locked.statusCode).toBe(429);
      expect(locked.json().message).toMatch(/too many failed sign-ins for this account/);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect((await signIn(other, 'investor', password)).cookie).toMatch(/^la_session=/);
    } finally {
      await pool.query("DELETE FROM audit_events WHERE entity_type = 'user' AND entity_id = $1", [username]);
      await pool.query('DELETE FROM users WHERE username = $1', [username]);
    }
  });

  it('limits sign-in attempts per address', async () => {
    const limited = await sessionAppFor(backend, pool, { signInsPerMinute: 3 });
    try {
      const attempt = (ip: string) =>
        limited.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: ip,
          payload: { username: 'investor', password },
        });
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await attempt('192.0.2.10')).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const refused = await attempt('192.0.2.10');
      expect(refused.json().message).toMatch(/too many sign-in attempts from this address/);
      expect((await attempt('192.0.2.11')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
