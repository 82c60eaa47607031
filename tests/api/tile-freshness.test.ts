// An edit shows on the map: the next plot tile a planner fetches carries it, however the write was made.
import { VectorTile } from '@mapbox/vector-tile';
import type { FastifyInstance } from 'fastify';
import { PbfReader } from 'pbf';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LISTENER_APPLICATION_NAME } from '../../server/src/db/data-version.ts';
import { onCommit, type Pool, withTransaction } from '../../server/src/db/pool.ts';
import { appFor, PLANNER } from '../support/app.ts';
import { type Backend, poolFor } from '../support/backends.ts';
import { tileAt } from '../support/tiles.ts';

const RENAME = 'UPDATE plots SET enterprise_name = $2 WHERE id = $1';

/** Polls `probe` until `done` holds or `ms` pass; returns the last value for the test to assert on. */
async function until<T>(probe: () => Promise<T> | T, done: (value: T) => boolean, ms = 2_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await probe();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await probe();
  }
  return value;
}

interface Fixture {
  pool: Pool;
  app: FastifyInstance;
  /** A plot with an occupant; planners see the occupant's name in the plot tiles. */
  plot: { id: number; name: string; url: string };
  /** Writes as someone other than this server would: another connection on PostGIS. */
  write: (text: string, values: unknown[]) => Promise<pg.QueryResult>;
  /** What the planner's map shows for the plot, and the tile's ETag. */
  occupantOnMap: () => Promise<{ etag: string; name: unknown }>;
  listening: () => boolean;
}

/** A planner's app on the backend, registered with the enclosing describe's hooks. */
function plannerMap(backend: Backend): Fixture {
  const f = {} as Fixture;
  let writer: pg.Client | null = null;
  beforeAll(async () => {
    f.pool = poolFor(backend);
    f.app = await appFor(backend, f.pool, PLANNER);
    const row = (
      await f.pool.query<{ id: number; name: string; lon: number; lat: number }>(
        `SELECT id, enterprise_name AS name, ST_X(ST_Centroid(geom)) AS lon, ST_Y(ST_Centroid(geom)) AS lat
         FROM plots WHERE enterprise_name IS NOT NULL ORDER BY id LIMIT 1`,
      )
    ).rows[0]!;
    f.plot = {
      id: row.id,
      name: row.name,
      url: `/tiles/plots/${tileAt(row.lon, row.lat, 16).join('/')}.mvt`,
    };
    if (backend.name === 'postgis') {
      // Another session, as another server or a database administrator would write.
      writer = new pg.Client({ connectionString: backend.url, application_name: 'land-atlas-test-writer' });
      await writer.connect();
      f.write = (text, values) => writer!.query(text, values);
    } else {
      // PGlite is one session: the pool's connection, outside withTransaction, is "elsewhere".
      f.write = (text, values) => f.pool.query(text, values);
    }
    f.listening = () => f.app.db.version.listening;
    f.occupantOnMap = async () => {
      const response = await f.app.inject(f.plot.url);
      expect(response.statusCode).toBe(200);
      const layer = new VectorTile(new PbfReader(response.rawPayload)).layers.plots!;
      for (let i = 0; i < layer.length; i += 1) {
        const feature = layer.feature(i);
        if (Number(feature.id) === f.plot.id) {
          return { etag: String(response.headers.etag), name: feature.properties.enterpriseName };
        }
      }
      throw new Error(`plot ${f.plot.id} is not in ${f.plot.url}`);
    };
  });
  afterAll(async () => {
    // Leave the sample city as it was, even if a test stopped half-way.
    await f.pool.query(RENAME, [f.plot.id, f.plot.name]);
    await writer?.end();
    await f.app.close();
    await f.pool.end();
  });
  return f;
}

describe.each(inject('backends'))('tile freshness on $name', (backend: Backend) => {
  const f = plannerMap(backend);

  it('shows a write made through the server’s own transactions on the very next tile', async () => {
    if (backend.name === 'postgis') expect(await until(f.listening, Boolean)).toBe(true);
    const before = await f.occupantOnMap();
    expect(before.name).toBe(f.plot.name);
    await withTransaction(f.pool, (client) => client.query(RENAME, [f.plot.id, '新租户有限公司']));
    try {
      const after = await f.occupantOnMap();
      expect(after.name).toBe('新租户有限公司');
      expect(after.etag).not.toBe(before.etag);
    } finally {
      await withTransaction(f.pool, (client) => client.query(RENAME, [f.plot.id, f.plot.name]));
    }
    expect((await f.occupantOnMap()).name).toBe(f.plot.name);
  });

  // Regression: a tile rendered between a write and its commit shows the old data, and was
  // cached under the version the write had already taken, so it stayed after the commit.
  // Needs a second connection while the first is in its transaction: PostGIS only (PGlite has one).
  if (backend.name === 'postgis')
    it('does not keep a tile rendered while a write was still uncommitted', async () => {
      expect(await until(f.listening, Boolean)).toBe(true);
      let during: { etag: string; name: unknown } | null = null;
      await withTransaction(f.pool, async (client) => {
        await client.query(RENAME, [f.plot.id, '提交中的公司']);
        // Another connection renders (and caches) the tile before this transaction commits.
        during = await f.occupantOnMap();
      });
      try {
        expect(during!.name).toBe(f.plot.name);
        const after = await f.occupantOnMap();
        expect(after.name).toBe('提交中的公司');
        expect(after.etag).not.toBe(during!.etag);
      } finally {
        await withTransaction(f.pool, (client) => client.query(RENAME, [f.plot.id, f.plot.name]));
      }
    });

  it('shows a write made elsewhere: on the next tile embedded, within moments on PostGIS (notified)', async () => {
    // PostGIS: well inside the 10 s after which a cached version is read again anyway.
    const wait = backend.name === 'postgis' ? 2_000 : 0;
    if (backend.name === 'postgis') expect(await until(f.listening, Boolean)).toBe(true);
    const before = await f.occupantOnMap();
    await f.write(RENAME, [f.plot.id, '另一家公司']);
    try {
      const after = await until(f.occupantOnMap, (shown) => shown.name === '另一家公司', wait);
      expect(after.name).toBe('另一家公司');
      expect(after.etag).not.toBe(before.etag);
      // Still listening: on PostGIS the change came by notification, not by falling back to reads.
      expect(f.listening()).toBe(backend.name === 'postgis');
    } finally {
      await f.write(RENAME, [f.plot.id, f.plot.name]);
    }
    expect((await until(f.occupantOnMap, (shown) => shown.name === f.plot.name, wait)).name).toBe(
      f.plot.name,
    );
  });

  it('tells commit listeners after a transaction commits, and not after one rolls back', async () => {
    let commits = 0;
    const stop = onCommit(f.pool, () => {
      commits += 1;
    });
    try {
      await withTransaction(f.pool, (client) => client.query('SELECT 1'));
      expect(commits).toBe(1);
      await expect(
        withTransaction(f.pool, async (client) => {
          await client.query('SELECT 1');
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(commits).toBe(1);
    } finally {
      stop();
    }
    await withTransaction(f.pool, (client) => client.query('SELECT 1'));
    expect(commits).toBe(1);
  });
});

const postgis = inject('backends').find((backend) => backend.name === 'postgis');

describe.runIf(postgis)('the data version listener on PostGIS', () => {
  const f = plannerMap(postgis!);

  it('keeps serving fresh tiles when its connection is cut, and listens again', async () => {
    expect(await until(f.listening, Boolean)).toBe(true);
    await f.occupantOnMap();
    const cut = await f.write(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
      [LISTENER_APPLICATION_NAME],
    );
    expect(cut.rowCount).toBe(1);
    expect(await until(f.listening, (on) => !on)).toBe(false);
    try {
      // No notification can arrive now; the version is read per request instead.
      await f.write(RENAME, [f.plot.id, '断线期间的公司']);
      expect((await f.occupantOnMap()).name).toBe('断线期间的公司');

      // The listener reconnects on its own (first retry after about a second)…
      expect(await until(f.listening, Boolean, 10_000)).toBe(true);
      const sessions = await f.write(
        "SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database() AND query ILIKE 'LISTEN%'",
        [LISTENER_APPLICATION_NAME],
      );
      expect(sessions.rowCount).toBe(1);
      // …and notifications work again.
      await f.occupantOnMap();
      await f.write(RENAME, [f.plot.id, '重连之后的公司']);
      expect((await until(f.occupantOnMap, (shown) => shown.name === '重连之后的公司')).name).toBe(
        '重连之后的公司',
      );
    } finally {
      await f.write(RENAME, [f.plot.id, f.plot.name]);
    }
  });
});
