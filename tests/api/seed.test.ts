import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../server/src/db/migrate.ts';
import { createPool } from '../../server/src/db/pool.ts';
import { DatabaseNotEmptyError, seedSampleCity } from '../../server/src/seed/sample-city.ts';
import { postgisUrl } from '../support/backends.ts';
import { createScratchDatabase, dropScratchDatabase } from '../support/scratch-database.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const url = postgisUrl();

async function withScratch(name: string, work: (databaseUrl: string) => Promise<void>) {
  const databaseUrl = await createScratchDatabase(url!, `${name}_${process.pid}`);
  try {
    await work(databaseUrl);
  } finally {
    await dropScratchDatabase(url!, `${name}_${process.pid}`);
  }
}

describe('seeding a PostGIS database', () => {
  it.runIf(url)('seeds once when two servers start together on an empty database', async () => {
    await withScratch('land_atlas_seed_race', async (databaseUrl) => {
      const pools = [0, 1].map(() =>
        createPool({
          connectionString: databaseUrl,
          max: 2,
          statementTimeoutMs: null,
          onError: () => undefined,
        }),
      );
      try {
        await migrate(pools[0]!);
        const results = await Promise.allSettled(
          pools.map((pool) =>
            seedSampleCity(pool, { plots: 300, demoPassword: 'race-password', method: 'copy' }),
          ),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(refused.reason).toBeInstanceOf(DatabaseNotEmptyError);
        const { rows } = await pools[0]!.query(
          'SELECT count(*)::int AS plots, (SELECT count(*)::int FROM users) AS users FROM plots',
        );
        expect(rows[0]).toEqual({ plots: 300, users: 4 });
      } finally {
        await Promise.all(pools.map((pool) => pool.end()));
      }
    });
  });

  it.runIf(url)(
    '`npm run seed` fills a database, refuses to overwrite it, and replaces it with --reset',
    async () => {
      await withScratch('land_atlas_seed_cli', async (databaseUrl) => {
        const env = { ...process.env, DATABASE_URL: databaseUrl, DEMO_PASSWORD: 'cli-password-1' };
        const seed = (...args: string[]) =>
          run('npm', ['run', '--silent', 'seed', '--', ...args], { cwd: root, env }).then(
            (done) => ({ code: 0, out: done.stdout + done.stderr }),
            (failed: { code: number; stdout: string; stderr: string }) => ({
              code: failed.code,
              out: failed.stdout + failed.stderr,
            }),
          );
        const first = await seed('--plots', '400');
        expect(first.code, first.out).toBe(0);
        expect(first.out).toContain('done: 400 plots');
        const again = await seed('--plots', '400');
        expect(again.code).toBe(1);
        expect(again.out).toContain('pass --reset to replace it');
        const reset = await seed('--plots', '250', '--reset');
        expect(reset.code, reset.out).toBe(0);
        const pool = createPool({
          connectionString: databaseUrl,
          max: 1,
          statementTimeoutMs: null,
          onError: () => {},
        });
        try {
          const { rows } = await pool.query('SELECT count(*)::int AS n FROM plots');
          expect(rows[0].n).toBe(250);
        } finally {
          await pool.end();
        }
        const bad = await seed('--plots', 'lots');
        expect(bad.code).toBe(2);
        expect(bad.out).toContain('--plots must be an integer');
      });
    },
  );
});
