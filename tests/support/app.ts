// Builds the real app on a backend's database for app.inject tests.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.ts';
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
  });
  await app.ready();
  return app;
}

export const PLANNER: Viewer = { userId: 2, username: 'planner', role: 'planner', zoneIds: [] };
