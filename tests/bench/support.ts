// What the benchmark sections share: fresh databases to measure on (embedded, and scratch databases
// on a PostGIS server), and how figures are summarised and printed.
import { randomBytes } from 'node:crypto';
import { startEmbeddedDatabase } from '../../server/src/db/embedded.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { createPool, type Pool } from '../../server/src/db/pool.ts';
import type { BulkMethod } from '../../server/src/seed/bulk-writer.ts';
import { createScratchDatabase, dropScratchDatabase } from '../support/scratch-database.ts';

export interface BenchDatabase {
  name: 'embedded (PGlite)' | 'PostGIS';
  pool: Pool;
  kind: 'embedded' | 'postgres';
  /** How the seeder writes to it (COPY does not work through the embedded database's socket). */
  method: BulkMethod;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** A migrated, empty scratch database on the PostGIS server at `serverUrl`, dropped afterwards. */
export async function withScratch<T>(serverUrl: string, work: (pool: Pool) => Promise<T>): Promise<T> {
  const name = `land_atlas_bench_${randomBytes(3).toString('hex')}`;
  const url = await createScratchDatabase(serverUrl, name);
  const pool = createPool({
    connectionString: url,
    max: 8,
    statementTimeoutMs: null,
    onError: () => undefined,
  });
  try {
    await migrate(pool);
    return await work(pool);
  } finally {
    await pool.end();
    await dropScratchDatabase(serverUrl, name);
  }
}

/** A migrated, empty embedded database, closed afterwards. */
export async function withEmbedded<T>(work: (pool: Pool) => Promise<T>): Promise<T> {
  const embedded = await startEmbeddedDatabase(null);
  const pool = createPool({
    connectionString: embedded.url,
    max: 1,
    statementTimeoutMs: null,
    onError: () => undefined,
  });
  try {
    await migrate(pool);
    return await work(pool);
  } finally {
    await pool.end();
    await embedded.close();
  }
}

/**
 * Runs `work` on an empty embedded database for the first size, then on an empty PostGIS scratch
 * database for each size (when a server is given).
 */
export async function withDatabases(
  serverUrl: string | null,
  sizes: readonly number[],
  work: (database: BenchDatabase, size: number) => Promise<void>,
): Promise<void> {
  if (process.env.BENCH_SKIP_EMBEDDED !== '1') {
    await withEmbedded((pool) =>
      work({ name: 'embedded (PGlite)', pool, kind: 'embedded', method: 'json-batches' }, sizes[0]!),
    );
  }
  if (!serverUrl) return;
  for (const size of sizes) {
    await withScratch(serverUrl, (pool) =>
      work({ name: 'PostGIS', pool, kind: 'postgres', method: 'copy' }, size),
    );
  }
}
