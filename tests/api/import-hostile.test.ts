// Files that could hurt the server are refused with a clear message and leave nothing behind; an
// import interrupted halfway (a failure, a lost connection, a killed server) leaves the data as it was.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Pool } from '../../server/src/db/pool.ts';
import { appFor, PLANNER } from '../support/app.ts';
import { poolFor } from '../support/backends.ts';
import { IMPORT_FIXTURES, preview, upload, zip } from '../support/imports.ts';

const LIMIT = 1024 * 1024;

/** A zip whose entry names are rewritten after yazl wrote them (yazl itself refuses such names). */
async function zipWithName(name: string): Promise<Buffer> {
  const placeholder = 'x'.repeat(name.length);
  const archive = await zip({ [placeholder]: 'hello' });
  const from = Buffer.from(placeholder);
  const to = Buffer.from(name);
  let at = archive.indexOf(from);
  while (at >= 0) {
    to.copy(archive, at);
    at = archive.indexOf(from, at + 1);
  }
  return archive;
}

/** A .shp of one polygon record whose header claims `points` vertices (with a matching .dbf). */
function shpClaiming(points: number, coordinate = 1): { shp: Buffer; dbf: Buffer } {
  const content = 44 + 4 + 16 * 4;
  const shp = Buffer.alloc(100 + 8 + content);
  shp.writeInt32BE(9994, 0);
  shp.writeInt32BE(shp.length / 2, 24);
  shp.writeInt32LE(1000, 28);
  shp.writeInt32LE(5, 32);
  shp.writeInt32BE(1, 100);
  shp.writeInt32BE(content / 2, 104);
  shp.writeInt32LE(5, 108);
  shp.writeInt32LE(1, 108 + 36);
  shp.writeInt32LE(points, 108 + 40);
  const ring = [
    [0, 0],
    [0, coordinate],
    [1, 1],
    [0, 0],
  ];
  ring.forEach(([x, y], i) => {
    shp.writeDoubleLE(x!, 108 + 48 + 16 * i);
    shp.writeDoubleLE(y!, 108 + 56 + 16 * i);
  });
  // dBase III: one C field CODE of 10 characters, one record.
  const dbf = Buffer.alloc(32 + 32 + 1 + 11 + 1, 0x20);
  dbf.fill(0, 0, 65);
  dbf.writeUInt8(3, 0);
  dbf.writeUInt32LE(1, 4);
  dbf.writeUInt16LE(65, 8);
  dbf.writeUInt16LE(11, 10);
  dbf.write('CODE', 32, 'latin1');
  dbf.writeUInt8(0x43, 43);
  dbf.writeUInt8(10, 48);
  dbf.writeUInt8(0x0d, 64);
  dbf.write(' HOSTILE001', 65, 'latin1');
  dbf.writeUInt8(0x1a, dbf.length - 1);
  return { shp, dbf };
}

/** The state a refused or interrupted import must leave untouched. */
async function plotsSnapshot(pool: Pool) {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM plots)::int AS plots,
            (SELECT md5(string_agg(code || status || coalesce(enterprise_name, '') || ST_AsEWKB(geom)::text, ',' ORDER BY id)) FROM plots) AS digest,
            (SELECT count(*) FROM imports)::int AS imports,
            (SELECT count(*) FROM import_rows)::int AS rows,
            (SELECT count(*) FROM parcels)::int AS parcels`,
  );
  return rows[0];
}

describe.each(inject('backends'))('hostile and interrupted imports on $name', (backend) => {
  let pool: Pool;
  let planner: FastifyInstance;
  let small: FastifyInstance;

  beforeAll(async () => {
    pool = poolFor(backend);
    planner = await appFor(backend, pool, PLANNER);
    small = await (async () => {
      const { buildApp } = await import('../../server/src/app.ts');
      const app = await buildApp({
        pool,
        databaseKind: backend.name === 'embedded' ? 'embedded' : 'postgres',
        clientDir: null,
        resolveViewer: async () => PLANNER,
        reservationSweepMs: 0,
        parcelSweepMs: 0,
        importMaxBytes: LIMIT,
      });
      await app.ready();
      return app;
    })();
  });
  afterAll(async () => {
    await Promise.all([planner.close(), small.close()]);
    await pool.end();
  });

  const snapshot = () => plotsSnapshot(pool);

  async function expectRefused(
    app: FastifyInstance,
    name: string,
    content: Buffer,
    status: number,
    message: RegExp,
  ) {
    const before = await snapshot();
    const response = await upload(app, name, content);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  }

  it('refuses an upload over the limit, naming the limit', async () => {
    await expectRefused(
      small,
      'big.geojson',
      Buffer.alloc(LIMIT + 10, 0x20),
      413,
      /larger than the upload limit of 1 MB/,
    );
  });

  it('refuses a zip bomb, whether its sizes are declared or lie', async () => {
    const bomb = await zip({ 'survey.shp': Buffer.alloc(12 * LIMIT), 'survey.dbf': 'x' });
    expect(bomb.length).toBeLessThan(LIMIT / 10);
    await expectRefused(small, 'bomb.zip', bomb, 413, /inflates to more than 10 MB/);
    // The same entry declaring 1,000 bytes in both headers.
    const liar = Buffer.from(bomb);
    for (let at = liar.indexOf('PK\x03\x04'); at >= 0; at = liar.indexOf('PK\x03\x04', at + 4)) {
      if (liar.readUInt32LE(at + 22) === 12 * LIMIT) liar.writeUInt32LE(1000, at + 22);
    }
    for (let at = liar.indexOf('PK\x01\x02'); at >= 0; at = liar.indexOf('PK\x01\x02', at + 4)) {
      if (liar.readUInt32LE(at + 24) === 12 * LIMIT) liar.writeUInt32LE(1000, at + 24);
    }
    await expectRefused(small, 'liar.zip', liar, 400, /inflates to more than it declares/);
  });

  it('refuses a zip of too many entries, and one holding another archive', async () => {
    const many = await zip(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`part-${i}.txt`, 'x'])));
    await expectRefused(planner, 'many.zip', many, 400, /lists 100 entries; at most 64/);
    const nested = await zip({ 'inner.zip': await zip({ 'survey.shp': 'x' }) });
    await expectRefused(planner, 'nested.zip', nested, 400, /nested archives are refused/);
  });

  it('refuses entry names that climb out of the folder or are absolute, writing nothing anywhere', async () => {
    const escaped = path.resolve(tmpdir(), '..', 'land-atlas-escape.shp');
    await expectRefused(
      planner,
      'climb.zip',
      await zipWithName('../land-atlas-escape.shp'),
      400,
      /"\.\.\/land-atlas-escape\.shp"/,
    );
    await expectRefused(
      planner,
      'absolute.zip',
      await zipWithName('/tmp/land-atlas-abs.shp'),
      400,
      /absolute or climb out/,
    );
    expect(existsSync(escaped)).toBe(false);
    expect(existsSync('/tmp/land-atlas-abs.shp')).toBe(false);
  });

  it('refuses outlines of absurd vertex counts before reading them', async () => {
    const claim = shpClaiming(10_000_000);
    await expectRefused(
      planner,
      'claim.zip',
      await zip({ 'a.shp': claim.shp, 'a.dbf': claim.dbf }),
      400,
      /row 1 claims 10,000,000 vertices/,
    );
    const ring = Array.from({ length: 150_001 }, (_, i) => [119 + (i % 2) * 1e-6, 33.5 + i * 1e-9]);
    ring.push(ring[0]!);
    const huge = {
      type: 'Feature',
      properties: { code: 'HUGE-0001' },
      geometry: { type: 'Polygon', coordinates: [ring] },
    };
    await expectRefused(
      planner,
      'huge.geojson',
      Buffer.from(JSON.stringify(huge)),
      400,
      /row 1 has more than 100,000 vertices/,
    );
  });

  it('refuses coordinates that are not finite numbers', async () => {
    const infinite = `{"type":"Feature","properties":{"code":"INF-0001"},"geometry":{"type":"Polygon","coordinates":[[[119,33.5],[1e999,33.5],[119.001,33.501],[119,33.5]]]}}`;
    await expectRefused(
      planner,
      'infinite.geojson',
      Buffer.from(infinite),
      400,
      /row 1 has a coordinate that is not a finite number \(Infinity, 33\.5\)/,
    );
    const nan = shpClaiming(4, Number.NaN);
    await expectRefused(
      planner,
      'nan.zip',
      await zip({ 'a.shp': nan.shp, 'a.dbf': nan.dbf }),
      400,
      /not a finite number \(0, NaN\)/,
    );
  });

  it('leaves the plots exactly as they were when a commit fails halfway', async () => {
    const detail = await preview(
      planner,
      'survey.geojson',
      await readFile(path.join(IMPORT_FIXTURES, 'survey-plots.geojson')),
    );
    const before = await snapshot();
    // The last step of a commit fails after the plots were written (a stand-in for any failure).
    await pool.query(`CREATE FUNCTION fail_import() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$`);
    await pool.query(`CREATE TRIGGER fail_import BEFORE INSERT ON import_field_memory
                        FOR EACH ROW EXECUTE FUNCTION fail_import()`);
    try {
      const failed = await planner.inject({
        method: 'POST',
        url: `/api/imports/${detail.id}/commit`,
        payload: {},
      });
      expect(failed.statusCode).toBe(500);
    } finally {
      await pool.query('DROP TRIGGER fail_import ON import_field_memory');
      await pool.query('DROP FUNCTION fail_import()');
    }
    expect(await snapshot()).toEqual(before);
    expect((await planner.inject(`/api/imports/${detail.id}`)).json().status).toBe('preview');
    await planner.inject({ method: 'POST', url: `/api/imports/${detail.id}/discard` });
  });
});

// A killed server process needs a database in another process: PostGIS (under CI always there).
const postgis = inject('backends').find((backend) => backend.name === 'postgis');

describe.runIf(postgis)('an import interrupted by a lost connection or a killed server on postgis', () => {
  const backend = postgis!;
  let pool: Pool;
  let planner: FastifyInstance;

  beforeAll(async () => {
    pool = poolFor(backend);
    planner = await appFor(backend, pool, PLANNER);
  });
  afterAll(async () => {
    await planner.close();
    await pool.end();
  });

  const snapshot = () => plotsSnapshot(pool);

  it('leaves the plots exactly as they were when the connection is lost or the server is killed mid-commit', async () => {
    const detail = await preview(
      planner,
      'survey.geojson',
      await readFile(path.join(IMPORT_FIXTURES, 'survey-plots.geojson')),
    );
    const before = await snapshot();
    const blocker = new pg.Client({ connectionString: backend.url });
    await blocker.connect();
    /** Holds the table the commit writes last, so the commit waits there with the plots written. */
    const hold = async () => {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE import_field_memory IN ACCESS EXCLUSIVE MODE');
    };
    const waitingCommit = async () => {
      for (let i = 0; i < 200; i++) {
        const { rows } = await pool.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
               AND query LIKE '%import_field_memory%'`,
        );
        if (rows[0]) return rows[0].pid;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the commit never reached the held table');
    };
    try {
      // The connection is lost while the commit waits: PostgreSQL rolls it back.
      await hold();
      const pending = planner.inject({
        method: 'POST',
        url: `/api/imports/${detail.id}/commit`,
        payload: {},
      });
      await pool.query('SELECT pg_terminate_backend($1)', [await waitingCommit()]);
      expect((await pending).statusCode).toBe(500);
      await blocker.query('ROLLBACK');
      expect(await snapshot()).toEqual(before);

      // The server process is killed while the commit waits.
      await hold();
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(import.meta.dirname, '../support/commit-child.ts'),
          backend.url,
          String(detail.id),
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const pid = await waitingCommit();
      child.kill('SIGKILL');
      await exited;
      await blocker.query('ROLLBACK');
      for (let i = 0; i < 200; i++) {
        const { rows } = await pool.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
        if (rows.length === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await snapshot()).toEqual(before);
    } finally {
      await blocker.end();
    }
    // Nothing was lost either: the preview is still there, and commits now.
    const committed = await planner.inject({
      method: 'POST',
      url: `/api/imports/${detail.id}/commit`,
      payload: {},
    });
    expect(committed.statusCode, committed.body).toBe(200);
    await pool.query("DELETE FROM plots WHERE code LIKE 'IMP-%'");
    await pool.query('SELECT parcels_refresh()');
  });
});
