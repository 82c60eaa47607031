// Starts the embedded database (and a fresh PostGIS database when configured), migrated and seeded.
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../../server/src/db/embedded.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { createPool } from '../../server/src/db/pool.ts';
import { seedSampleCity } from '../../server/src/seed/sample-city.ts';
import { type Backend, DEMO_PASSWORD, postgisUrl, requireUnderCi, SEED_PLOTS } from './backends.ts';
import { createScratchDatabase, dropScratchDatabase } from './scratch-database.ts';

let embedded: EmbeddedDatabase | null = null;
let scratch: { adminUrl: string; name: string } | null = null;

async function prepare(backend: Backend): Promise<void> {
  const started = Date.now();
  const pool = createPool({
    connectionString: backend.url,
    max: 1,
    statementTimeoutMs: null,
    onError: () => {},
  });
  try {
    await migrate(pool);
    await seedSampleCity(pool, {
      plots: SEED_PLOTS,
      demoPassword: DEMO_PASSWORD,
      method: backend.name === 'embedded' ? 'json-batches' : 'copy',
    });
  } finally {
    await pool.end();
  }
  console.log(
    `[setup] ${backend.name}: migrated and seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

export async function setup(project: TestProject): Promise<void> {
  const backends: Backend[] = [];
  embedded = await startEmbeddedDatabase(null);
  backends.push({ name: 'embedded', url: embedded.url });
  const serverUrl = postgisUrl();
  requireUnderCi('PostGIS (set TEST_DATABASE_URL or DATABASE_URL)', serverUrl !== null);
  if (serverUrl) {
    const name = `land_atlas_test_${randomBytes(4).toString('hex')}`;
    scratch = { adminUrl: serverUrl, name };
    backends.push({ name: 'postgis', url: await createScratchDatabase(serverUrl, name) });
  }
  // One after the other: starting the embedded database blocks this process for tens of seconds
  // on a busy machine, long enough for a PostgreSQL connection opened meanwhile to time out.
  for (const backend of backends) await prepare(backend);
  project.provide('backends', backends);
  project.provide('demoPassword', DEMO_PASSWORD);
}

export async function teardown(): Promise<void> {
  if (scratch) await dropScratchDatabase(scratch.adminUrl, scratch.name);
  await embedded?.close();
}
