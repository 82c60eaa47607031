// Access tokens: a desktop GIS reads what its user may see (and nothing more, and nothing once the
// token is revoked), by `Authorization: Bearer`; GDAL is the client, as QGIS would be.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AccessToken, CreatedToken } from '../../server/src/auth/schemas.ts';
import type { Pool } from '../../server/src/db/pool.ts';
import { type SignedIn, sessionAppFor, signIn } from '../support/app.ts';
import { poolFor, requireUnderCi } from '../support/backends.ts';

const run = promisify(execFile);

let gdalFound = false;
try {
  await run('ogrinfo', ['--version']);
  gdalFound = true;
} catch {
  gdalFound = false;
}
requireUnderCi('GDAL (ogrinfo)', gdalFound);

describe.each(inject('backends'))('access tokens on $name', (backend) => {
  const password = inject('demoPassword');
  let pool: Pool;
  let app: FastifyInstance;
  let admin: SignedIn;
  let planner: SignedIn;
  let origin: string;

  const as = (session: SignedIn, options: InjectOptions): InjectOptions => ({
    ...options,
    headers: { ...options.headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken },
  });
  const bearer = (token: string, url: string, method: 'GET' | 'POST' = 'GET'): InjectOptions => ({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(method === 'POST' ? { payload: {} } : {}),
  });
  async function makeToken(session: SignedIn, name: string, days?: number): Promise<CreatedToken> {
    const response = await app.inject(
      as(session, { method: 'POST', url: '/api/tokens', payload: days ? { name, days } : { name } }),
    );
    expect(response.statusCode, response.body).toBe(201);
    return response.json<CreatedToken>();
  }
  /** A user of its own for tests that lock it out or fill its quota. */
  async function newUser(role: 'planner' | 'investor'): Promise<{ id: number; session: SignedIn }> {
    const username = `test_tok_${role}_${Math.random().toString(36).slice(2, 10)}`;
    const created = await app.inject(
      as(admin, {
        method: 'POST',
        url: '/api/users',
        payload: { username, displayName: 'Token test user (sample)', role, zoneIds: [], password },
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    return { id: created.json<{ id: number }>().id, session: await signIn(app, username, password) };
  }

  beforeAll(async () => {
    pool = poolFor(backend);
    app = await sessionAppFor(backend, pool, { signInsPerMinute: 1000 });
    admin = await signIn(app, 'admin', password);
    planner = await signIn(app, 'planner', password);
    await app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  // The users made here go again (later files count the demo accounts); their tokens go with them.
  afterAll(async () => {
    const mine = "SELECT id FROM users WHERE username LIKE 'test\\_tok\\_%'";
    await pool.query(`DELETE FROM sessions WHERE user_id IN (${mine})`);
    await pool.query(`UPDATE audit_events SET actor_id = NULL WHERE actor_id IN (${mine})`);
    await pool.query(`DELETE FROM users WHERE id IN (${mine})`);
    await pool.query('DELETE FROM access_tokens');
    await app.close();
    await pool.end();
  });

  it('makes a token shown once, lists it without its secret, and records who made it', async () => {
    const made = await makeToken(planner, 'QGIS on the office PC', 30);
    expect(made.token).toMatch(/^la_[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(made.expiresAt) - Date.parse(made.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(30, 3);
    const listed = await app.inject(as(planner, { method: 'GET', url: '/api/tokens' }));
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(made.token);
    const item = listed.json<{ items: AccessToken[] }>().items.find((t) => t.id === made.id);
    expect(item).toEqual({
      id: made.id,
      name: 'QGIS on the office PC',
      createdAt: made.createdAt,
      expiresAt: made.expiresAt,
      lastUsedAt: null,
    });
    const { rows } = await pool.query(
      `SELECT a.action, u.username FROM audit_events a JOIN users u ON u.id = a.actor_id
        WHERE a.entity_type = 'access_token' AND a.entity_id = $1`,
      [String(made.id)],
    );
    expect(rows).toEqual([{ action: 'token.created', username: 'planner' }]);
    // Not stored as given: only its hash is in the database.
    const stored = await pool.query('SELECT 1 FROM access_tokens WHERE token_hash = $1', [made.token]);
    expect(stored.rowCount).toBe(0);
  });

  it('reads with the role of its user: a planner’s token sees internal attributes, as the planner does', async () => {
    const { token } = await makeToken(planner, 'ogr2ogr script');
    const publicPlots = (await app.inject('/api/plots?limit=20&sort=-areaMu')).json<{ items: object[] }>();
    for (const plot of publicPlots.items) expect(plot).not.toHaveProperty('enterpriseName');
    const viaToken = await app.inject(bearer(token, '/api/plots?limit=20&sort=-areaMu'));
    const viaSession = await app.inject(
      as(planner, { method: 'GET', url: '/api/plots?limit=20&sort=-areaMu' }),
    );
    expect(viaToken.statusCode).toBe(200);
    expect(viaToken.body).toBe(viaSession.body);
    expect(viaToken.json<{ items: object[] }>().items.some((plot) => 'enterpriseName' in plot)).toBe(true);
    // The OGC API and the exports too.
    const ogc = await app.inject(bearer(token, '/ogc/collections/plots/items?limit=50&f=json'));
    expect(ogc.statusCode).toBe(200);
    const features = ogc.json<{ features: { properties: object }[] }>().features;
    expect(features.some((f) => 'enterpriseName' in f.properties)).toBe(true);
    const csv = await app.inject(bearer(token, '/api/exports/plots?format=csv&status=low_efficiency'));
    expect(csv.statusCode).toBe(200);
    // Last use is kept, for the list in the workbench.
    const listed = (await app.inject(as(planner, { method: 'GET', url: '/api/tokens' }))).json<{
      items: AccessToken[];
    }>();
    expect(listed.items.find((t) => t.name === 'ogr2ogr script')?.lastUsedAt).not.toBeNull();
  });

  it('only reads: a request that would change something is refused, and says so', async () => {
    const { token } = await makeToken(planner, 'read only');
    for (const url of ['/api/reservations', '/api/tokens', '/api/flags']) {
      const response = await app.inject(bearer(token, url, 'POST'));
      expect(response.statusCode, url).toBe(401);
      expect(response.json<{ message: string }>().message).toMatch(/only read/);
    }
  });

  it('refuses a wrong, revoked or expired token instead of answering as the public', async () => {
    const check = async (token: string, label: string) => {
      const response = await app.inject(bearer(token, '/ogc/collections/plots/items?limit=1'));
      expect(response.statusCode, label).toBe(401);
      expect(response.headers['www-authenticate'], label).toMatch(/^Bearer .*error="invalid_token"/);
      expect(response.json<{ message: string }>().message, label).toMatch(/unknown, expired or revoked/);
    };
    await check('la_not-a-token', 'malformed');
    await check(`la_${'A'.repeat(43)}`, 'unknown');

    const revoked = await makeToken(planner, 'to revoke');
    expect((await app.inject(bearer(revoked.token, '/api/plots?limit=1'))).statusCode).toBe(200);
    const revoke = await app.inject(as(planner, { method: 'DELETE', url: `/api/tokens/${revoked.id}` }));
    expect(revoke.statusCode).toBe(204);
    await check(revoked.token, 'revoked'); // at once, though the last answer was cached
    const listed = (await app.inject(as(planner, { method: 'GET', url: '/api/tokens' }))).json<{
      items: AccessToken[];
    }>();
    expect(listed.items.map((t) => t.id)).not.toContain(revoked.id);

    const expired = await makeToken(planner, 'to expire');
    await pool.query(
      `UPDATE access_tokens SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second'
        WHERE id = $1`,
      [expired.id],
    );
    await check(expired.token, 'expired');
  });

  it('lets each user see and revoke only their own tokens', async () => {
    const mine = await makeToken(planner, 'mine');
    const investor = await signIn(app, 'investor', password);
    const theirs = await app.inject(as(investor, { method: 'DELETE', url: `/api/tokens/${mine.id}` }));
    expect(theirs.statusCode).toBe(404);
    const list = (await app.inject(as(investor, { method: 'GET', url: '/api/tokens' }))).json<{
      items: AccessToken[];
    }>();
    expect(list.items.map((t) => t.id)).not.toContain(mine.id);
    expect((await app.inject(bearer(mine.token, '/api/plots?limit=1'))).statusCode).toBe(200);
    // The public may not make one.
    const anonymous = await app.inject({ method: 'POST', url: '/api/tokens', payload: { name: 'x' } });
    expect(anonymous.statusCode).toBe(401);
  });

  it('stops a locked-out user’s tokens, and those of a user whose password was reset', async () => {
    for (const change of ['locked out', 'password reset'] as const) {
      const user = await newUser('planner');
      const { token } = await makeToken(user.session, `before ${change}`);
      expect((await app.inject(bearer(token, '/api/plots?limit=1'))).statusCode).toBe(200);
      const response =
        change === 'locked out'
          ? await app.inject(
              as(admin, { method: 'PATCH', url: `/api/users/${user.id}`, payload: { isActive: false } }),
            )
          : await app.inject(
              as(admin, {
                method: 'POST',
                url: `/api/users/${user.id}/password`,
                payload: { password: 'another-sample-password' },
              }),
            );
      expect(response.statusCode, response.body).toBe(200);
      expect((await app.inject(bearer(token, '/api/plots?limit=1'))).statusCode, change).toBe(401);
    }
  });

  it('checks what a token is made with, and how many one user may hold', async () => {
    const bad: [unknown, RegExp][] = [
      [{}, /name/],
      [{ name: '   ' }, /name/],
      [{ name: 'x'.repeat(61) }, /name/],
      [{ name: 'ok', days: 0 }, /days/],
      [{ name: 'ok', days: 366 }, /days/],
      [{ name: 'ok', role: 'admin' }, /role/],
    ];
    for (const [payload, message] of bad) {
      const response = await app.inject(
        as(planner, { method: 'POST', url: '/api/tokens', payload: payload as object }),
      );
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json<{ message: string }>().message).toMatch(message);
    }
    const user = await newUser('investor');
    for (let i = 0; i < 20; i++) await makeToken(user.session, `token ${i + 1}`);
    const over = await app.inject(
      as(user.session, { method: 'POST', url: '/api/tokens', payload: { name: 'one more' } }),
    );
    expect(over.statusCode).toBe(409);
    expect(over.json<{ message: string }>().message).toMatch(/revoke one/);
  });

  describe.runIf(gdalFound)('GDAL with a token', () => {
    const ogrinfo = async (args: string[]) =>
      run('ogrinfo', args, {
        timeout: 120_000,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, CPL_DEBUG: 'OFF', NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' },
      });

    it('reads the plots as the planner with GDAL_HTTP_HEADERS, and is refused once the token is revoked', async () => {
      const made = await makeToken(planner, 'GDAL');
      const header = ['--config', 'GDAL_HTTP_HEADERS', `Authorization: Bearer ${made.token}`];
      const source = `OAPIF:${origin}/ogc`;
      const total = (await app.inject(as(planner, { method: 'GET', url: '/api/plots?limit=1' }))).json<{
        total: number;
      }>().total;
      const { stdout } = await ogrinfo([...header, '-ro', '-so', source, 'plots']);
      expect(stdout).toContain(`Feature Count: ${total}`);
      expect(stdout).toMatch(/^enterpriseName: String/m);
      // Without the token GDAL sees the public layer.
      const anonymous = await ogrinfo(['-ro', '-so', source, 'plots']);
      expect(anonymous.stdout).not.toMatch(/enterpriseName/);

      await app.inject(as(planner, { method: 'DELETE', url: `/api/tokens/${made.id}` }));
      await expect(ogrinfo([...header, '-ro', '-so', source, 'plots'])).rejects.toThrow(
        /401|expired or revoked/,
      );
    });
  });
});
