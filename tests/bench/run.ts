// `npm run bench`: start-up, seeding and /api/plots latency, each as a ratio to a baseline of the same run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateSampleCity } from '../../geodata/src/index.ts';
import { buildApp } from '../../server/src/app.ts';
import { PUBLIC_VIEWER } from '../../server/src/auth/policy.ts';
import { startEmbeddedDatabase } from '../../server/src/db/embedded.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { createPool, type Pool } from '../../server/src/db/pool.ts';
import { parsePlotFilter, parsePlotSort } from '../../server/src/plots/filters.ts';
import { countPlots, listPlots } from '../../server/src/plots/queries.ts';
import { seedSampleCity } from '../../server/src/seed/sample-city.ts';
import { createScratchDatabase, dropScratchDatabase } from '../support/scratch-database.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    'million-plots': { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '200' },
  },
});
const sections = new Set((values.only ?? 'startup,seed,api').split(','));
const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || null;
const root = path.resolve(import.meta.dirname, '../..');
const lines: string[] = [];
const report = (line: string) => {
  lines.push(line);
  console.log(line);
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

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

async function withScratch<T>(work: (pool: Pool) => Promise<T>): Promise<T> {
  const name = `land_atlas_bench_${randomBytes(3).toString('hex')}`;
  const url = await createScratchDatabase(serverUrl!, name);
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
    await dropScratchDatabase(serverUrl!, name);
  }
}

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

report(`Run ${new Date().toISOString()} on ${process.platform} ${process.arch}, Node ${process.version}`);
if (sections.has('startup')) await startup();
if (sections.has('seed')) await seed();
if (sections.has('api')) await api();
