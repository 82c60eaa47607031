// Builds the real app on a backend's database for app.inject tests.
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../../server/src/app.ts';
import type { Viewer } from '../../server/src/auth/policy.ts';
import type { Pool } from '../../server/src/db/pool.ts';
import type { Backend } from './backends.ts';

/**
 * `viewer` stands in for a signed-in user at the app's resolveViewer seam, so role-aware
 * behaviour can be tested before sign-in exists; omitted, every request is the public.
 */
export async function appFor(
  backend: Backend,
  pool: Pool,
  viewer: Viewer | null = null,
  clientDir: string | null = null,
): Promise<FastifyInstance> {
  const app = await buildApp({
    pool,
    databaseKind: backend.name === 'embedded' ? 'embedded' : 'postgres',
    clientDir,
    resolveViewer: async () => viewer,
    reservationSweepMs: 0,
    parcelSweepMs: 0,
  });
  await app.ready();
  return app;
}

export const PLANNER: Viewer = { userId: 2, username: 'planner', role: 'planner', zoneIds: [] };

/** The demo zone manager as a viewer, with the one zone (淮安经济技术开发区, HA-ETDZ) they manage. */
export async function demoZoneManager(pool: Pool): Promise<{ viewer: Viewer; zoneId: number }> {
  const { rows } = await pool.query<{ id: number; user_id: number }>(
    "SELECT id, (SELECT id FROM users WHERE username = 'zone_manager') AS user_id FROM zones WHERE code = 'HA-ETDZ'",
  );
  const zoneId = rows[0]!.id;
  return {
    zoneId,
    viewer: { userId: rows[0]!.user_id, username: 'zone_manager', role: 'zone_manager', zoneIds: [zoneId] },
  };
}

/** The app as it runs: viewers come from session cookies set by signing in. */
export async function sessionAppFor(
  backend: Backend,
  pool: Pool,
  limits: Partial<Pick<AppOptions, 'signInsPerMinute' | 'inquiriesPerHour' | 'clientDir'>> = {},
): Promise<FastifyInstance> {
  const app = await buildApp({
    pool,
    databaseKind: backend.name === 'embedded' ? 'embedded' : 'postgres',
    clientDir: null,
    reservationSweepMs: 0,
    parcelSweepMs: 0,
    ...limits,
  });
  await app.ready();
  return app;
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
}

/** Signs in through the API and returns what a browser would then send. */
export async function signIn(app: FastifyInstance, username: string, password: string): Promise<SignedIn> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in as ${username}: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'la_session');
  if (!cookie) throw new Error('sign-in set no session cookie');
  return { cookie: `la_session=${cookie.value}`, csrfToken: response.json().csrfToken };
}
