// `npm run bench`: start-up, seeding, /api/plots latency, vector tiles, analysis, imports/exports/OGC API and first render in a browser, each as a ratio to a baseline of the same run.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { generateSampleCity } from '../../geodata/src/index.ts';
import { buildApp } from '../../server/src/app.ts';
import { PUBLIC_VIEWER } from '../../server/src/auth/policy.ts';
import { startEmbeddedDatabase } from '../../server/src/db/embedded.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { createPool, type Pool, withTransaction } from '../../server/src/db/pool.ts';
import { parsePlotFilter, parsePlotSort } from '../../server/src/plots/filters.ts';
import { countPlots, listPlots } from '../../server/src/plots/queries.ts';
import { seedSampleCity } from '../../server/src/seed/sample-city.ts';
import { TILE_LAYERS } from '../../server/src/tiles/layers.ts';
import { mvtSql } from '../../server/src/tiles/sql.ts';
import { PLANNER } from '../support/app.ts';
import { CHROMIUM, launchChromium } from '../support/browser.ts';
import { createScratchDatabase, dropScratchDatabase } from '../support/scratch-database.ts';
import { tileAt } from '../support/tiles.ts';
import { benchExports } from './exports.ts';
import { benchImportScreen } from './import-ui.ts';
import { benchImports } from './imports.ts';
import { benchInvest } from './invest.ts';
import { benchInvestPage } from './invest-ui.ts';
import { ogcBench } from './ogc.ts';
import { median, percentile, seconds, withScratch as withScratchDatabase } from './support.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    'million-plots': { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '200' },
    'tile-plots': { type: 'string', default: '100000' },
    'tile-requests': { type: 'string', default: '800' },
    'browser-loads': { type: 'string', default: '5' },
    'analysis-sizes': { type: 'string', default: '10000,100000,1000000' },
    'interop-sizes': { type: 'string', default: '10000,100000' },
    'invest-sizes': { type: 'string', default: '10000,100000' },
  },
});
const sections = new Set(
  (values.only ?? 'startup,seed,api,tiles,analysis,interop,invest,browser,invest-page').split(','),
);
const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || null;
const root = path.resolve(import.meta.dirname, '../..');
const lines: string[] = [];
const report = (line: string) => {
  lines.push(line);
  console.log(line);
};

/** Milliseconds from spawning the server until it prints its URL (it is then serving). */
function timeStart(dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: '',
        DATA_DIR: dataDir,
        PORT: '0',
        LOG_LEVEL: 'warn',
        DEMO_PASSWORD: 'bench-password',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('is running at')) {
        const elapsed = performance.now() - started;
        child.once('exit', () => resolve(elapsed));
        child.kill('SIGTERM');
      }
    });
    child.once('exit', (code) => {
      if (!out.includes('is running at')) reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

function timeBareProcess(): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', 'process.exit(0)'], { cwd: root });
    child.once('exit', (code) =>
      code === 0 ? resolve(performance.now() - started) : reject(new Error('bare')),
    );
  });
}

async function startup(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'land-atlas-bench-'));
  try {
    const bare = median([await timeBareProcess(), await timeBareProcess(), await timeBareProcess()]);
    const fresh = await timeStart(dir);
    const second = median([await timeStart(dir), await timeStart(dir), await timeStart(dir)]);
    report('### Start-up, embedded database (`npm start` until it prints its URL)');
    report('| run | time | × bare Node+tsx process |');
    report('|---|---|---|');
    report(`| bare \`node --import tsx\` (baseline) | ${seconds(bare)} | 1.0 |`);
    report(
      `| fresh data folder (creates, migrates, seeds 10k plots) | ${seconds(fresh)} | ${(fresh / bare).toFixed(1)} |`,
    );
    report(`| second start (median of 3) | ${seconds(second)} | ${(second / bare).toFixed(1)} |`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Generation alone: the floor under any seed. */
function timeGeneration(plots: number): number {
  const started = performance.now();
  const city = generateSampleCity({ plots });
  let bytes = 0;
  for (const plot of city.plots()) bytes += JSON.stringify(plot.geom).length;
  if (bytes === 0) throw new Error('nothing generated');
  return performance.now() - started;
}

/** A migrated scratch database on the PostGIS server (the sections that use it check one is set). */
const withScratch = <T>(work: (pool: Pool) => Promise<T>): Promise<T> =>
  withScratchDatabase(serverUrl!, work);

async function seed(): Promise<void> {
  if (!serverUrl) {
    report('_Seed on PostGIS skipped: set TEST_DATABASE_URL or DATABASE_URL._');
    return;
  }
  report('### Seeding on PostGIS (`seedSampleCity`, COPY into staging, then one INSERT … SELECT)');
  report('| plots | generation alone (baseline) | seed | × generation |');
  report('|---|---|---|---|');
  for (const plots of [10_000, Number(values['million-plots'])]) {
    const generation = timeGeneration(plots);
    const result = await withScratch((pool) =>
      seedSampleCity(pool, {
        plots,
        demoPassword: 'bench-password',
        method: 'copy',
        onProgress: (n) => n % 100_000 === 0 && console.error(`  ${n} plots`),
      }),
    );
    report(
      `| ${result.plots.toLocaleString('en')} | ${seconds(generation)} | ${seconds(result.milliseconds)} | ${(result.milliseconds / generation).toFixed(1)} |`,
    );
  }
}

async function apiLatency(name: string, pool: Pool, kind: 'embedded' | 'postgres'): Promise<void> {
  const requests = Number(values.requests);
  const zone = (
    await pool.query<{ id: number; n: number }>(
      "SELECT z.id, count(*)::int AS n FROM zones z JOIN plots p ON p.zone_id = z.id WHERE z.code = 'HA-ETDZ' GROUP BY z.id",
    )
  ).rows[0]!;
  const query = { zoneId: String(zone.id), limit: 1000 };
  const filter = parsePlotFilter(query);
  const sort = parsePlotSort(undefined);
  // Baseline: the route's own SQL, run directly through the same pool.
  const sqlTimes: number[] = [];
  for (let i = 0; i < requests; i += 1) {
    const started = performance.now();
    await countPlots(pool, PUBLIC_VIEWER, filter);
    await listPlots(pool, PUBLIC_VIEWER, filter, sort, { limit: 1000, offset: 0 }, false);
    sqlTimes.push(performance.now() - started);
  }
  const app = await buildApp({ pool, databaseKind: kind, clientDir: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  const httpTimes: number[] = [];
  for (let i = 0; i < requests; i += 1) {
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${address.port}/api/plots?zoneId=${zone.id}&limit=1000`);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    httpTimes.push(performance.now() - started);
  }
  await app.close();
  const sql = median(sqlTimes);
  const http = median(httpTimes);
  report(
    `| ${name} | ${zone.n.toLocaleString('en')} | ${sql.toFixed(1)} ms | ${http.toFixed(1)} ms | ${(http / sql).toFixed(2)} |`,
  );
}

async function api(): Promise<void> {
  report(`### \`GET /api/plots?zoneId=<经开区>&limit=1000\`, p50 of ${values.requests} sequential requests`);
  report('| database | plots in zone | SQL alone (baseline) | HTTP | × SQL |');
  report('|---|---|---|---|---|');
  const embedded = await startEmbeddedDatabase(null);
  const pool = createPool({
    connectionString: embedded.url,
    max: 1,
    statementTimeoutMs: null,
    onError: () => {},
  });
  try {
    await migrate(pool);
    await seedSampleCity(pool, { plots: 10_000, demoPassword: 'bench-password', method: 'json-batches' });
    await apiLatency('embedded (PGlite)', pool, 'embedded');
  } finally {
    await pool.end();
    await embedded.close();
  }
  if (serverUrl) {
    await withScratch(async (pg) => {
      await seedSampleCity(pg, { plots: 10_000, demoPassword: 'bench-password', method: 'copy' });
      await apiLatency('PostGIS', pg, 'postgres');
    });
  }
}

// ---- Vector tiles -------------------------------------------------------------------------------

/** About 100 light (z16) and 100 heavy (z13–14) tiles from the densest places, in a fixed order. */
async function denseTiles(pool: Pool): Promise<{ light: number[][]; heavy: number[][] }> {
  const { rows } = await pool.query<{ lon: number; lat: number }>(
    `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (
       SELECT ST_Centroid(geom) AS c, row_number() OVER (ORDER BY id) AS n FROM plots) p
     WHERE n % greatest(1, (SELECT count(*) FROM plots) / 2000) = 0`,
  );
  const pick = (zooms: number[]) => {
    const seen = new Map<string, number[]>();
    rows.forEach((row, i) => {
      const tile = tileAt(row.lon, row.lat, zooms[i % zooms.length]!);
      seen.set(tile.join('/'), tile);
    });
    return [...seen.values()].slice(0, 100);
  };
  return { light: pick([16]), heavy: pick([13, 14]) };
}

interface LoadResult {
  perSecond: number;
  p50: number;
}

interface Samples {
  times: number[];
  elapsed: number;
}

/** Runs `requests` calls of `work` over the list, from `offset`, with `concurrency` workers in flight. */
async function run<T>(
  list: T[],
  requests: number,
  concurrency: number,
  work: (item: T) => Promise<void>,
  offset = 0,
): Promise<Samples> {
  let next = 0;
  const times: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const item = list[(offset + next) % list.length]!;
        next += 1;
        const t = performance.now();
        await work(item);
        times.push(performance.now() - t);
      }
    }),
  );
  return { times, elapsed: performance.now() - started };
}

function summarize(samples: Samples[]): LoadResult {
  const times = samples.flatMap((s) => s.times);
  const elapsed = samples.reduce((sum, s) => sum + s.elapsed, 0);
  return { perSecond: (times.length / elapsed) * 1000, p50: median(times) };
}

async function load<T>(list: T[], requests: number, concurrency: number, work: (item: T) => Promise<void>) {
  return summarize([await run(list, requests, concurrency, work)]);
}

/**
 * Runs each kind of work for `requests` calls, taking turns in blocks, so a slow spell of a shared
 * machine falls on every kind alike rather than on whichever ran then. Each kind sees the same items,
 * after one unmeasured pass over them (connections opened, statements prepared, code optimized).
 */
async function interleaved<T, K extends string>(
  list: T[],
  requests: number,
  concurrency: number,
  kinds: Record<K, (item: T) => Promise<void>>,
  blocks = 4,
): Promise<Record<K, LoadResult>> {
  const samples = Object.fromEntries(Object.keys(kinds).map((kind) => [kind, [] as Samples[]])) as Record<
    K,
    Samples[]
  >;
  const perBlock = Math.ceil(requests / blocks);
  for (const kind of Object.keys(kinds) as K[]) await run(list, list.length, concurrency, kinds[kind]);
  for (let block = 0; block < blocks; block += 1) {
    for (const kind of Object.keys(kinds) as K[]) {
      samples[kind].push(await run(list, perBlock, concurrency, kinds[kind], block * perBlock));
    }
  }
  return Object.fromEntries(
    Object.entries<Samples[]>(samples).map(([kind, s]) => [kind, summarize(s)]),
  ) as Record<K, LoadResult>;
}

function startServer(
  databaseUrl: string,
  cacheMb: number,
): Promise<{ origin: string; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: '0',
        LOG_LEVEL: 'warn',
        SEED_ON_START: 'false',
        POOL_SIZE: '32',
        TILE_CACHE_MB: String(cacheMb),
        CLIENT_DIR: 'no-client-for-benchmarks',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/[^/\s]+)/.exec(out);
      if (match) {
        resolve({
          origin: match[1]!,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      if (!/running at/.test(out)) reject(new Error(`server exited with ${code}`));
    });
  });
}

async function tiles(): Promise<void> {
  if (!serverUrl) {
    report('_Tiles skipped: set TEST_DATABASE_URL or DATABASE_URL._');
    return;
  }
  const plots = Number(values['tile-plots']);
  const name = `land_atlas_bench_${randomBytes(3).toString('hex')}`;
  const url = await createScratchDatabase(serverUrl, name);
  const pool = createPool({
    connectionString: url,
    max: 32,
    statementTimeoutMs: null,
    onError: () => undefined,
  });
  try {
    await migrate(pool);
    await seedSampleCity(pool, { plots, demoPassword: 'bench-password', method: 'copy' });
    const lists = await denseTiles(pool);
    const layer = TILE_LAYERS.plots!;
    const text = mvtSql(layer, 'public');
    const { Agent, request } = await import('node:http');
    report(
      `### Vector tiles, \`plots\` layer, public viewer, ${plots.toLocaleString('en')} plots on PostGIS`,
    );
    report(
      `${lists.light.length} light tiles (z16) and ${lists.heavy.length} heavy tiles (z13–14) around plot centroids; each figure: ${values['tile-requests']} requests after a warm-up pass, floor, server and no-op taking turns in 4 blocks.`,
    );
    report(
      '| tiles | concurrency | database floor (tiles/s) | server uncached (tiles/s) | × floor | uncached p50 | HTTP no-op p50 | cached p50 | cached tiles/s |',
    );
    report('|---|---|---|---|---|---|---|---|---|');
    const uncached = await startServer(url, 0);
    const cached = await startServer(url, 256);
    const bytes: Record<string, { identity: number; gzip: number; n: number }> = {};
    try {
      for (const [kind, list] of Object.entries(lists)) {
        for (const concurrency of [1, 8, 32]) {
          const requests = Number(values['tile-requests']);
          const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
          const fetchPath = (origin: string, path: string) =>
            new Promise<Buffer>((resolve, reject) => {
              request(`${origin}${path}`, { agent }, (response) => {
                const chunks: Buffer[] = [];
                response.on('data', (c: Buffer) => chunks.push(c));
                response.on('end', () => resolve(Buffer.concat(chunks)));
              })
                .on('error', reject)
                .end();
            });
          const get = (origin: string, tile: number[]) =>
            fetchPath(origin, `/tiles/plots/${tile.join('/')}.mvt`);
          const bodies: Buffer[] = [];
          const measured = await interleaved(list, requests, concurrency, {
            floor: async (tile) => {
              const [z] = tile as [number];
              const tolerance = 40_075_016.685578488 / 2 ** z / 4096 / 4;
              await pool.query({ name: 'bench-tile', text, values: [...tile, tolerance] });
            },
            server: async (tile) => {
              const body = await get(uncached.origin, tile);
              // Sizes are worked out after the timing, not inside it (the warm-up pass is enough).
              if (concurrency === 1 && bodies.length < list.length) bodies.push(body);
            },
            // The HTTP round trip alone (/healthz: no database, no tile): what any server adds.
            http: async () => void (await fetchPath(uncached.origin, '/healthz')),
          });
          const { floor, server, http } = measured;
          for (const body of bodies.splice(0)) {
            const entry = bytes[kind] ?? { identity: 0, gzip: 0, n: 0 };
            bytes[kind] = entry;
            entry.identity += body.length;
            entry.gzip += gzipSync(body).length;
            entry.n += 1;
          }
          await load(list, list.length, concurrency, async (tile) => void (await get(cached.origin, tile)));
          const hit = await load(
            list,
            requests,
            concurrency,
            async (tile) => void (await get(cached.origin, tile)),
          );
          agent.destroy();
          report(
            `| ${kind} | ${concurrency} | ${floor.perSecond.toFixed(0)} | ${server.perSecond.toFixed(0)} | ${(server.perSecond / floor.perSecond).toFixed(2)} | ${server.p50.toFixed(1)} ms | ${http.p50.toFixed(2)} ms | ${hit.p50.toFixed(2)} ms | ${hit.perSecond.toFixed(0)} |`,
          );
        }
      }
    } finally {
      await uncached.stop();
      await cached.stop();
    }
    report('| tiles | mean bytes per tile, identity | gzip |');
    report('|---|---|---|');
    for (const [kind, b] of Object.entries(bytes)) {
      report(
        `| ${kind} | ${Math.round(b.identity / b.n).toLocaleString('en')} | ${Math.round(b.gzip / b.n).toLocaleString('en')} |`,
      );
    }
  } finally {
    await pool.end();
    await dropScratchDatabase(serverUrl, name);
  }
}

// ---- First render in a browser ------------------------------------------------------------------

/** Builds the client as it is now into a folder of its own (client/dist is left alone). */
async function buildClient(outDir: string): Promise<void> {
  await promisify(execFile)(
    'npm',
    ['run', 'build', '--workspace', 'client', '--', '--outDir', outDir, '--emptyOutDir'],
    { cwd: root },
  );
}

/**
 * One cold load (a new browser context: empty cache) of `url`: milliseconds from navigation start
 * to the first animation frame in which the map has rendered features of `layer`. (The map's
 * 'load' event is no baseline: it waits for the visible sources' tiles, plots included.)
 */
async function firstRender(browser: Browser, url: string, layer: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  try {
    // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
    await context.addInitScript(`{
      const marks = {};
      window.__benchMarks = marks;
      const watched = ${JSON.stringify(layer)};
      const frame = () => {
        const map = window.__landAtlasMap;
        if (map?.getLayer(watched) && map.queryRenderedFeatures({ layers: [watched] }).length > 0) {
          marks.drawn = performance.now();
          return;
        }
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    }`);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(
      () => (window as unknown as { __benchMarks: { drawn?: number } }).__benchMarks.drawn !== undefined,
      undefined,
      { timeout: 120_000, polling: 100 },
    );
    return await page.evaluate(
      () => (window as unknown as { __benchMarks: { drawn: number } }).__benchMarks.drawn,
    );
  } finally {
    await context.close();
  }
}

async function browserRuns(name: string, pool: Pool, kind: 'embedded' | 'postgres', clientDir: string) {
  const loads = Number(values['browser-loads']);
  // Every load renders its plot tiles (the first visitor after an edit); a second server keeps its
  // tile cache, warmed by one load first, as most visitors find it.
  const apps: FastifyInstance[] = [];
  const origins: string[] = [];
  for (const tileCacheBytes of [0, 64 * 1024 * 1024]) {
    const app = await buildApp({ pool, databaseKind: kind, clientDir, tileCacheBytes });
    await app.listen({ port: 0, host: '127.0.0.1' });
    apps.push(app);
    origins.push(`http://127.0.0.1:${(app.server.address() as { port: number }).port}`);
  }
  const [coldOrigin, warmOrigin] = origins as [string, string];
  const browser = await launchChromium();
  try {
    // Warms the browser itself (not measured), and the second server's tile cache.
    await firstRender(browser, `${coldOrigin}/`, 'plot-fill');
    await firstRender(browser, `${warmOrigin}/`, 'plot-fill');
    const baseline: number[] = [];
    const cold: number[] = [];
    const warm: number[] = [];
    // Taking turns, so a slow spell of the machine falls on each kind alike.
    for (let i = 0; i < loads; i += 1) {
      baseline.push(await firstRender(browser, `${coldOrigin}/?layers=districts,zones`, 'district-fill'));
      cold.push(await firstRender(browser, `${coldOrigin}/`, 'plot-fill'));
      warm.push(await firstRender(browser, `${warmOrigin}/`, 'plot-fill'));
    }
    const base = median(baseline);
    const ms = (value: number) => `${Math.round(value).toLocaleString('en')} ms`;
    report(
      `| ${name} | ${ms(base)} | ${ms(median(cold))} | ${(median(cold) / base).toFixed(2)} | ${ms(median(warm))} | ${(median(warm) / base).toFixed(2)} |`,
    );
  } finally {
    await browser.close();
    for (const app of apps) await app.close();
  }
}

async function browserFirstRender(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    report(`_Browser first render skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)._`);
    return;
  }
  const clientDir = await mkdtemp(path.join(tmpdir(), 'land-atlas-bench-client-'));
  try {
    await buildClient(clientDir);
    report(
      `### First render in Chromium (1920×1080, software GL), city view, median of ${values['browser-loads']} cold loads`,
    );
    report(
      'Each load is a new browser context (empty cache), timed in the page from navigation start. Baseline: the same page with plots hidden (`?layers=districts,zones`) until its district fills are drawn.',
    );
    report(
      '| database (10,000 plots) | plots hidden: districts drawn (baseline) | plots drawn, tiles rendered per load | × baseline | plots drawn, server tile cache warm | × baseline |',
    );
    report('|---|---|---|---|---|---|');
    const embedded = await startEmbeddedDatabase(null);
    const pool = createPool({
      connectionString: embedded.url,
      max: 1,
      statementTimeoutMs: null,
      onError: () => {},
    });
    try {
      await migrate(pool);
      await seedSampleCity(pool, { plots: 10_000, demoPassword: 'bench-password', method: 'json-batches' });
      await browserRuns('embedded (PGlite)', pool, 'embedded', clientDir);
    } finally {
      await pool.end();
      await embedded.close();
    }
    if (serverUrl) {
      await withScratch(async (pg) => {
        await seedSampleCity(pg, { plots: 10_000, demoPassword: 'bench-password', method: 'copy' });
        await browserRuns('PostGIS', pg, 'postgres', clientDir);
      });
    }
    await benchImportScreen({ report, clientDir });
  } finally {
    await rm(clientDir, { recursive: true, force: true });
  }
}

/** The investor view's pages on a slow phone connection, against the map app loaded the same way. */
async function investPages(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    report(`_Investor pages skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)._`);
    return;
  }
  const clientDir = await mkdtemp(path.join(tmpdir(), 'land-atlas-bench-client-'));
  try {
    await buildClient(clientDir);
    await benchInvestPage({ report, clientDir });
  } finally {
    await rm(clientDir, { recursive: true, force: true });
  }
}

report(`Run ${new Date().toISOString()} on ${process.platform} ${process.arch}, Node ${process.version}`);
// ---- Analysis: contiguous parcels, site finder, dashboard -----------------------------------------

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function serve(pool: Pool): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp({
    pool,
    databaseKind: 'postgres',
    clientDir: null,
    resolveViewer: async () => PLANNER,
    reservationSweepMs: 0,
    parcelSweepMs: 0,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
}

async function analysisAt(plots: number, pool: Pool): Promise<void> {
  await seedSampleCity(pool, { plots, demoPassword: 'bench-password', method: 'copy' });
  await pool.query('ANALYZE');
  const { rows: cfg } = await pool.query<{
    gap: number;
    statuses: string[];
    srid: number;
    candidates: number;
  }>(
    `SELECT (value ->> 'gapMetres')::float8 AS gap,
            ARRAY(SELECT jsonb_array_elements_text(value -> 'statuses')) AS statuses, metric_srid() AS srid,
            (SELECT count(*)::int FROM plots WHERE status = ANY (ARRAY(SELECT jsonb_array_elements_text(value -> 'statuses')))) AS candidates
       FROM settings WHERE key = 'parcels.contiguity'`,
  );
  const { gap, statuses, srid, candidates } = cfg[0]!;
  // Baseline: clustering the candidate plots alone, the irreducible core of a derivation.
  const clustering: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    clustering.push(
      await timed(() =>
        pool.query(
          `SELECT count(DISTINCT c) FROM (SELECT ST_ClusterDBSCAN(ST_Transform(geom, $1::int), $2::float8, 1) OVER () AS c
             FROM plots WHERE status = ANY ($3)) s`,
          [srid, gap, statuses],
        ),
      ),
    );
    full.push(
      await timed(() =>
        withTransaction(pool, async (client) => {
          await client.query('INSERT INTO parcel_refresh_queue (full_rebuild) VALUES (true)');
          await client.query('SELECT parcels_refresh()');
        }),
      ),
    );
  }
  // One status change: a member of a planning parcel is let, in one transaction with the re-derivation.
  const { rows: members } = await pool.query<{ id: number; status: string }>(
    `SELECT p.id, p.status FROM parcel_plots pp JOIN plots p ON p.id = pp.plot_id
      WHERE pp.scope = 'planning' ORDER BY hashint8(p.id) LIMIT 20`,
  );
  const change: number[] = [];
  const update: number[] = [];
  for (const member of members) {
    change.push(
      await timed(() =>
        withTransaction(pool, (client) =>
          client.query("UPDATE plots SET status = 'in_use' WHERE id = $1", [member.id]),
        ),
      ),
    );
    await withTransaction(pool, (client) =>
      client.query('UPDATE plots SET status = $2 WHERE id = $1', [member.id, member.status]),
    );
    // The same write on a plot outside every parcel: what any status change costs anyway.
    update.push(
      await timed(() =>
        withTransaction(pool, (client) =>
          client.query('UPDATE plots SET notes = notes WHERE id = $1', [member.id]),
        ),
      ),
    );
  }
  const base = median(clustering);
  const parcels = (
    await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM parcels WHERE scope = 'planning'")
  ).rows[0]!.n;
  report(
    `| ${plots.toLocaleString('en')} | ${candidates.toLocaleString('en')} | ${parcels.toLocaleString('en')} | ${seconds(base)} | ${seconds(median(full))} | ${(median(full) / base).toFixed(2)} | ${median(update).toFixed(0)} ms | ${median(change).toFixed(0)} ms | ${(median(change) / base).toFixed(3)} |`,
  );
  if (plots === 100_000) siteFinderRows.push(...(await siteFinder(pool)));
  if (plots >= 1_000_000) dashboardRows.push(await dashboard(pool, plots));
}

const siteFinderRows: string[] = [];
const dashboardRows: string[] = [];

async function siteFinder(pool: Pool): Promise<string[]> {
  const { app, url } = await serve(pool);
  const out: string[] = [];
  try {
    for (const body of [{ demandMu: 600 }, { demandMu: 600, insideControlLine: 'core' }, { demandMu: 150 }]) {
      // Baseline: reading the plots the search looks at, without searching (the parcels listing route).
      const baseline: number[] = [];
      const times: number[] = [];
      for (let i = 0; i < 25; i += 1) {
        baseline.push(
          await timed(async () => {
            const response = await fetch(`${url}/api/parcels?limit=1000`);
            await response.arrayBuffer();
          }),
        );
        times.push(
          await timed(async () => {
            const response = await fetch(`${url}/api/site-search`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(body),
            });
            if (!response.ok) throw new Error(`site search: HTTP ${response.status}`);
            await response.arrayBuffer();
          }),
        );
      }
      out.push(
        `| \`${JSON.stringify(body)}\` | ${median(baseline).toFixed(0)} ms | ${median(times).toFixed(0)} ms | ${percentile(times, 0.95).toFixed(0)} ms | ${(median(times) / median(baseline)).toFixed(2)} |`,
      );
    }
  } finally {
    await app.close();
  }
  return out;
}

async function dashboard(pool: Pool, plots: number): Promise<string> {
  const { app, url } = await serve(pool);
  try {
    const scan: number[] = [];
    const times: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      scan.push(
        await timed(() => pool.query('SELECT status, count(*), sum(area_mu) FROM plots GROUP BY status')),
      );
      times.push(
        await timed(async () => {
          const response = await fetch(`${url}/api/dashboard`);
          if (!response.ok) throw new Error(`dashboard: HTTP ${response.status}`);
          await response.arrayBuffer();
        }),
      );
    }
    return `| ${plots.toLocaleString('en')} | ${median(scan).toFixed(0)} ms | ${median(times).toFixed(0)} ms | ${percentile(times, 0.95).toFixed(0)} ms | ${(median(times) / median(scan)).toFixed(3)} |`;
  } finally {
    await app.close();
  }
}

async function analysis(): Promise<void> {
  if (!serverUrl) {
    report('_Analysis benchmarks skipped: set TEST_DATABASE_URL or DATABASE_URL._');
    return;
  }
  report('### Contiguous parcels on PostGIS (both scopes: planning and supply)');
  report(
    '| plots | candidate plots | planning parcels | clustering alone (baseline) | full derivation | × baseline | a write, no parcel change | one status change + re-derive (p50 of 20) | × baseline |',
  );
  report('|---|---|---|---|---|---|---|---|---|');
  for (const plots of values['analysis-sizes']!.split(',').map(Number)) {
    await withScratch((pool) => analysisAt(plots, pool));
  }
  if (siteFinderRows.length > 0) {
    report('### Site finder at 100,000 plots, HTTP, planner, 25 requests each');
    report('| request | `GET /api/parcels` (baseline) | p50 | p95 | p50 × baseline |');
    report('|---|---|---|---|---|');
    for (const row of siteFinderRows) report(row);
  }
  if (dashboardRows.length > 0) {
    report('### Dashboard summary (`GET /api/dashboard`, planner, whole city), 10 requests');
    report('| plots | one GROUP BY over all plots (baseline) | p50 | p95 | p50 × baseline |');
    report('|---|---|---|---|---|');
    for (const row of dashboardRows) report(row);
  }
}

if (sections.has('startup')) await startup();
if (sections.has('seed')) await seed();
if (sections.has('api')) await api();
if (sections.has('tiles')) await tiles();
if (sections.has('analysis')) await analysis();
if (sections.has('interop')) {
  // Imports, exports and the OGC API: the embedded database at the first size, PostGIS at each.
  const sizes = values['interop-sizes']!.split(',').map(Number);
  await benchImports({ report, serverUrl, sizes });
  await benchExports({ report, serverUrl, sizes });
  await ogcBench({ report, serverUrl, plots: sizes[0] });
}
if (sections.has('invest')) {
  await benchInvest({ report, serverUrl, sizes: values['invest-sizes']!.split(',').map(Number) });
}
if (sections.has('browser')) await browserFirstRender();
if (sections.has('invest-page')) await investPages();
