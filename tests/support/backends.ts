// The databases the API tests run against: always the embedded one, and PostGIS when configured.
import type { Pool } from '../../server/src/db/pool.ts';
import { createPool } from '../../server/src/db/pool.ts';

export interface Backend {
  name: 'embedded' | 'postgis';
  url: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    backends: Backend[];
    demoPassword: string;
  }
}

export const DEMO_PASSWORD = 'sample-password-for-tests';
export const SEED_PLOTS = 10_000;

/** A PostGIS server URL from the environment, or null when the suite runs embedded only. */
export function postgisUrl(): string | null {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || null;
}

export function poolFor(backend: Backend): Pool {
  return createPool({
    connectionString: backend.url,
    max: backend.name === 'embedded' ? 1 : 8,
    statementTimeoutMs: backend.name === 'embedded' ? null : 60_000,
    onError: () => undefined,
  });
}

/** Under CI a skipped group is a failure: call where a group would otherwise skip. */
export function requireUnderCi(what: string, available: boolean): void {
  if (!available && process.env.CI === 'true') {
    throw new Error(`${what} is not available, and under CI=true nothing may skip`);
  }
}
