// Benchmark of /api/invest (the investor pages' API): p50/p95 of each route against the public stats
// and parcel list measured in the same run, on the embedded database (10k plots) and PostGIS (10k
// and 100k). Run alone with `npx tsx tests/bench/invest.ts [--sizes 10000,100000]`, or from run.ts.
import { Agent, get } from 'node:http';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp } from '../../server/src/app.ts';
import type { Pool } from '../../server/src/db/pool.ts';
import { seedSampleCity } from '../../server/src/seed/sample-city.ts';
import { percentile, withDatabases } from './support.ts';

export interface InvestBenchOptions {
  /** Where to print the Markdown lines. */
  report: (line: string) => void;
  /** A PostgreSQL server with PostGIS for scratch databases; null measures the embedded database only. */
  serverUrl: string | null;
  /** City sizes seeded on PostGIS (default 10,000 and 100,000); the embedded database takes the first. */
  sizes?: number[];
  /** Timed rounds, each requesting every URL once (default 60). */
  rounds?: number;
}

interface Timed {
  ms: number;
  bytes: number;
  status: number;
  etag: string | undefined;
}

/** One request as a phone's browser makes it (compressed, kept alive); bytes are as sent. */
function timedGet(agent: Agent, url: string, headers: Record<string, string> = {}): Promise<Timed> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    get(url, { agent, headers: { 'accept-encoding': 'br, gzip', ...headers } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status !== 200 && status !== 304) reject(new Error(`${url}: HTTP ${status}`));
        else resolve({ ms: performance.now() - started, bytes, status, etag: response.headers.etag });
      });
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** What a visitor opens: the landing page, the lists, one page of each kind. */
async function investUrls(pool: Pool): Promise<[string, string][]> {
  const { rows } = await pool.query<{ plot: number; parcel: number; zone: number; industry: string }>(
    `SELECT (SELECT p.id FROM plots p JOIN parcel_plots pp ON pp.plot_id = p.id AND pp.scope = 'supply'
              WHERE p.status = 'available' ORDER BY p.id LIMIT 1) AS plot,
            (SELECT id FROM parcels WHERE scope = 'supply' ORDER BY plot_count DESC, id LIMIT 1) AS parcel,
            (SELECT zone_id FROM plots WHERE status = 'available' AND zone_id IS NOT NULL
              GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1) AS zone,
            (SELECT i FROM zones, unnest(industries) i GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1) AS industry`,
  );
  const { plot, parcel, zone, industry } = rows[0]!;
  return [
    ['summary', '/api/invest/summary'],
    ['sites: plots (500, by area)', '/api/invest/sites'],
    ['sites: plots (50, by area)', '/api/invest/sites?limit=50'],
    [
      'sites: plots (50, industry + servicing, by price)',
      `/api/invest/sites?limit=50&industry=${encodeURIComponent(industry)}&servicing=road,power,gas&sort=price`,
    ],
    ['sites: parcels', '/api/invest/sites?kind=parcels'],
    ['plot page', `/api/invest/plots/${plot}`],
    ['parcel page (most members)', `/api/invest/parcels/${parcel}`],
    ['zone page (most available plots)', `/api/invest/zones/${zone}`],
  ];
}

async function measureCity(
  label: string,
  pool: Pool,
  kind: 'embedded' | 'postgres',
  plots: number,
  options: InvestBenchOptions,
): Promise<void> {
  const app = await buildApp({
    pool,
    databaseKind: kind,
    clientDir: null,
    resolveViewer: async () => null,
    reservationSweepMs: 0,
    parcelSweepMs: 0,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const rounds = options.rounds ?? 60;
  try {
    const baselines: [string, string][] = [
      ['`/api/plots/stats?status=available` (baseline)', '/api/plots/stats?status=available'],
      ['`/api/parcels` (public: supply)', '/api/parcels'],
    ];
    const urls = [...baselines, ...(await investUrls(pool))];
    // A repeat visit: the landing figures revalidated with the tag of the first visit.
    const etag = (await timedGet(agent, `${origin}/api/invest/summary`)).etag!;
    const revalidate = () => timedGet(agent, `${origin}/api/invest/summary`, { 'if-none-match': etag });
    const times = new Map<string, Timed[]>([...urls.map(([name]) => [name, []] as [string, Timed[]])]);
    const repeat: Timed[] = [];
    // Unmeasured rounds first; then every URL once per round, so a slow spell falls on all alike.
    for (let round = -3; round < rounds; round += 1) {
      for (const [name, path] of urls) {
        const timed = await timedGet(agent, `${origin}${path}`);
        if (round >= 0) times.get(name)!.push(timed);
      }
      const again = await revalidate();
      if (again.status !== 304) throw new Error(`revalidation answered ${again.status}, not 304`);
      if (round >= 0) repeat.push(again);
    }
    const baseline = percentile(
      times.get(baselines[0]![0])!.map((t) => t.ms),
      0.5,
    );
    const row = (name: string, measured: Timed[]) => {
      const ms = measured.map((t) => t.ms);
      const [p50, p95] = [percentile(ms, 0.5), percentile(ms, 0.95)];
      options.report(
        `| ${label} | ${plots.toLocaleString('en')} | ${name} | ${p50.toFixed(1)} / ${p95.toFixed(1)} ms | ${(p50 / baseline).toFixed(2)} | ${(measured[0]!.bytes / 1024).toFixed(1)} KB |`,
      );
    };
    for (const [name] of urls) row(name, times.get(name)!);
    row('summary again with `If-None-Match` (304)', repeat);
  } finally {
    agent.destroy();
    await app.close();
  }
}

/** Each /api/invest route, p50 and p95 over sequential requests, as a ratio to the public stats. */
export async function benchInvest(options: InvestBenchOptions): Promise<void> {
  const { report } = options;
  report(
    `### Investor view API (\`/api/invest\`, the public, ${options.rounds ?? 60} sequential requests per route, interleaved)`,
  );
  report(
    'Over HTTP on 127.0.0.1 with `accept-encoding: br, gzip` and a kept-alive connection; size as sent. × baseline: p50 over the p50 of `/api/plots/stats?status=available` in the same run.',
  );
  report('| database | plots | request | p50 / p95 | × baseline p50 | size |');
  report('|---|---|---|---|---|---|');
  await withDatabases(options.serverUrl, options.sizes ?? [10_000, 100_000], async (database, plots) => {
    await seedSampleCity(database.pool, { plots, demoPassword: 'bench-password', method: database.method });
    await database.pool.query('ANALYZE');
    await measureCity(database.name, database.pool, database.kind, plots, options);
  });
  if (!options.serverUrl) report('_PostGIS skipped: set TEST_DATABASE_URL or DATABASE_URL._');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000,100000' },
      rounds: { type: 'string', default: '60' },
    },
  });
  await benchInvest({
    report: (line) => console.log(line),
    serverUrl: process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || null,
    sizes: values.sizes.split(',').map(Number),
    rounds: Number(values.rounds),
  });
}
