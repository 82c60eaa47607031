import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MIGRATIONS_DIR, migrate, pendingMigrations, readMigrations } from '../../server/src/db/migrate.ts';
import { createPool, type Pool } from '../../server/src/db/pool.ts';
import { poolFor, postgisUrl } from '../support/backends.ts';
import { createScratchDatabase, dropScratchDatabase } from '../support/scratch-database.ts';

const SQUARE = (x: number, y: number, d = 0.001) =>
  `SRID=4326;MULTIPOLYGON(((${x} ${y},${x + d} ${y},${x + d} ${y + d},${x} ${y + d},${x} ${y})))`;

describe.each(inject('backends'))('migrations and constraints on $name', (backend) => {
  let pool: Pool;
  beforeAll(() => {
    pool = poolFor(backend);
  });
  afterAll(() => pool.end());

  it('applied every migration once, in order, and a second run does nothing', async () => {
    const files = (await readMigrations()).map((m) => m.name);
    const { rows } = await pool.query<{ name: string }>(
      'SELECT name FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.name)).toEqual(files);
    expect(await migrate(pool)).toEqual([]);
    expect(await pendingMigrations(pool)).toEqual([]);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'migrations-'));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      const first = path.join(dir, '001_extensions_and_reference.sql');
      await writeFile(first, `${await readFile(first, 'utf8')}\n-- edited\n`);
      await expect(migrate(pool, dir)).rejects.toThrow(/changed after it was applied/);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('rolls back a failing migration completely', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'migrations-'));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      await writeFile(
        path.join(dir, '999_broken.sql'),
        'CREATE TABLE half_done (id int);\nSELECT no_such_function();',
      );
      await expect(migrate(pool, dir)).rejects.toThrow(/999_broken.sql failed/);
      const { rows } = await pool.query("SELECT to_regclass('half_done') IS NULL AS absent");
      expect(rows[0].absent).toBe(true);
      expect(await pendingMigrations(pool, dir)).toEqual(['999_broken.sql']);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  // Each constraint test runs in a transaction that is rolled back, so the sample city stays intact.
  // The connection is then discarded, as the app does after an error (see withTransaction).
  async function inRollback(work: (q: Pool['query']) => Promise<void>): Promise<void> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await work(client.query.bind(client) as Pool['query']);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
    }
  }

  async function sqlState(work: (q: Pool['query']) => Promise<unknown>): Promise<string | null> {
    let state: string | null = null;
    await inRollback(async (q) => {
      try {
        await work(q);
      } catch (error) {
        state = (error as { code?: string }).code ?? 'unknown';
      }
    });
    return state;
  }

  const insertPlot = (q: Pool['query'], code: string, wkt: string, extra = '') =>
    q(
      `INSERT INTO plots (code, zone_id, district_code, geom, land_use_code ${extra ? ', status' : ''})
       SELECT $1, z.id, z.district_code, ST_GeomFromEWKT($2), '1001' ${extra ? `, '${extra}'` : ''}
       FROM zones z ORDER BY z.id LIMIT 1 RETURNING id, area_mu`,
      [code, wkt],
    );

  it('computes a plot’s area in mu from its geometry', async () => {
    await inRollback(async (q) => {
      const { rows } = await insertPlot(q, 'TEST-AREA', SQUARE(119, 33.5, 0.01));
      // 0.01° × 0.01° at 33.5°N ≈ 1,109 m × 928 m ≈ 1.03 km² ≈ 1,543 mu.
      expect(rows[0].area_mu).toBeGreaterThan(1500);
      expect(rows[0].area_mu).toBeLessThan(1600);
    });
  });

  it('refuses an invalid (self-intersecting) geometry', async () => {
    const bowtie = 'SRID=4326;MULTIPOLYGON(((119 33,119.01 33.01,119.01 33,119 33.01,119 33)))';
    expect(await sqlState((q) => insertPlot(q, 'TEST-BOWTIE', bowtie))).toBe('23514');
  });

  it('refuses a geometry in another SRID or of another type', async () => {
    expect(
      await sqlState((q) => insertPlot(q, 'TEST-SRID', SQUARE(119, 33).replace('SRID=4326', 'SRID=3857'))),
    ).toBe('22023');
    expect(await sqlState((q) => insertPlot(q, 'TEST-POINT', 'SRID=4326;POINT(119 33)'))).toBe('22023');
  });

  it('refuses a status or land-use code outside its list', async () => {
    expect(await sqlState((q) => insertPlot(q, 'TEST-STATUS', SQUARE(119, 33), 'abandoned'))).toBe('23514');
    expect(
      await sqlState((q) =>
        q(
          `INSERT INTO plots (code, district_code, geom, land_use_code)
           VALUES ('TEST-LANDUSE', '320812', ST_GeomFromEWKT($1), '9999')`,
          [SQUARE(119, 33)],
        ),
      ),
    ).toBe('23503');
  });

  it('records who changed a plot’s status, before and after', async () => {
    await inRollback(async (q) => {
      const plot = (await insertPlot(q, 'TEST-AUDIT', SQUARE(119.2, 33.2))).rows[0];
      const user = (await q("SELECT id FROM users WHERE username = 'planner'")).rows[0];
      await q("SELECT set_config('land_atlas.actor_id', $1, true)", [String(user.id)]);
      await q("UPDATE plots SET status = 'idle', inefficiency_type = 'idle' WHERE id = $1", [plot.id]);
      const { rows } = await q(
        "SELECT actor_id, before, after FROM audit_events WHERE entity_type = 'plot' AND entity_id = $1",
        [String(plot.id)],
      );
      expect(rows).toEqual([
        {
          actor_id: user.id,
          before: { status: 'in_use', inefficiencyType: null },
          after: { status: 'idle', inefficiencyType: 'idle' },
        },
      ]);
    });
  });

  it('refuses two active reservations of one plot in overlapping periods, allows it once released', async () => {
    const period = { first: '[2026-01-01,2026-07-01)', overlapping: '[2026-06-01,2026-12-01)' };
    const reserve = async (q: Pool['query'], plotId: number, projectId: number, range: string) => {
      const r = (
        await q('INSERT INTO reservations (project_id, period) VALUES ($1, $2) RETURNING id', [
          projectId,
          range,
        ])
      ).rows[0];
      await q(
        "INSERT INTO reservation_plots (reservation_id, plot_id, prior_status) VALUES ($1, $2, 'available')",
        [r.id, plotId],
      );
      return r.id as number;
    };
    const setUp = async (q: Pool['query']) => {
      const plot = (await insertPlot(q, 'TEST-RESERVE', SQUARE(119.3, 33.3), 'available')).rows[0];
      const [a, b] = (await q('SELECT id FROM projects ORDER BY id LIMIT 2')).rows;
      const first = await reserve(q, plot.id, a.id, period.first);
      return { plotId: plot.id as number, first, other: b.id as number };
    };
    let refusal: { code?: string; constraint?: string } = {};
    await inRollback(async (q) => {
      const { plotId, other } = await setUp(q);
      await reserve(q, plotId, other, period.overlapping).catch((error) => {
        refusal = error;
      });
    });
    expect(refusal).toMatchObject({ code: '23P01', constraint: 'reservation_plots_no_overlap' });
    await inRollback(async (q) => {
      const { plotId, first, other } = await setUp(q);
      // A later, non-overlapping period is fine while the first is active…
      await reserve(q, plotId, other, '[2026-07-01,2026-12-01)');
      // …and once the first is released, its period is free again.
      await q("UPDATE reservations SET status = 'released', closed_at = now() WHERE id = $1", [first]);
      await reserve(q, plotId, other, '[2026-02-01,2026-03-01)');
    });
  });
});

describe('migrations on a fresh PostGIS database', () => {
  const url = postgisUrl();
  it.runIf(url)('two servers starting together migrate once', async () => {
    const name = `land_atlas_migrate_${process.pid}`;
    const dbUrl = await createScratchDatabase(url!, name);
    const pools = [0, 1].map(() =>
      createPool({ connectionString: dbUrl, max: 2, statementTimeoutMs: null, onError: () => undefined }),
    );
    try {
      const results = await Promise.all(pools.map((p) => migrate(p)));
      const files = (await readMigrations()).map((m) => m.name);
      expect(results.map((r) => r.length).sort()).toEqual([0, files.length]);
      const { rows } = await pools[0]!.query('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows[0].n).toBe(files.length);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await dropScratchDatabase(url!, name);
    }
  });
});
