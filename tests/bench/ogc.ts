// OGC API – Features items pages against the plot API's GeoJSON pages of the same size, on each database.
import { buildApp } from '../../server/src/app.ts';
import type { Pool } from '../../server/src/db/pool.ts';
import { seedSampleCity } from '../../server/src/seed/sample-city.ts';
import { PLANNER } from '../support/app.ts';
import { percentile, withDatabases } from './support.ts';

export interface OgcBenchOptions {
  /** Where to print the Markdown lines. */
  report: (line: string) => void;
  /** A PostgreSQL server to benchmark on as well (a scratch database is made and dropped). */
  serverUrl: string | null;
  /** Requests per kind, page size and viewer (default 200). */
  requests?: number;
  plots?: number;
}

async function timeGet(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return performance.now() - started;
}

/**
 * Baseline and OGC requests take turns in blocks over the same pages (offsets spread over the
 * table), after one unmeasured pass, so a slow spell of a shared machine falls on both alike.
 */
async function compare(
  origin: string,
  plots: number,
  limit: number,
  requests: number,
): Promise<{ api: number[]; ogc: number[] }> {
  const pages = Math.max(1, Math.floor(plots / limit));
  const offsets = Array.from({ length: requests }, (_, i) => ((i * 37) % pages) * limit);
  const urls = {
    api: (offset: number) => `${origin}/api/plots?format=geojson&limit=${limit}&offset=${offset}`,
    ogc: (offset: number) => `${origin}/ogc/collections/plots/items?limit=${limit}&offset=${offset}`,
  };
  for (const offset of offsets.slice(0, 10)) {
    await timeGet(urls.api(offset));
    await timeGet(urls.ogc(offset));
  }
  const times = { api: [] as number[], ogc: [] as number[] };
  const block = Math.ceil(requests / 4);
  for (let start = 0; start < requests; start += block) {
    for (const kind of ['api', 'ogc'] as const) {
      for (const offset of offsets.slice(start, start + block))
        times[kind].push(await timeGet(urls[kind](offset)));
    }
  }
  return times;
}

async function measure(
  name: string,
  pool: Pool,
  kind: 'embedded' | 'postgres',
  options: Required<Pick<OgcBenchOptions, 'report' | 'requests' | 'plots'>>,
): Promise<void> {
  for (const [who, viewer] of [
    ['public', null],
    ['planner', PLANNER],
  ] as const) {
    const app = await buildApp({
      pool,
      databaseKind: kind,
      clientDir: null,
      resolveViewer: async () => viewer,
      reservationSweepMs: 0,
      parcelSweepMs: 0,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    try {
      for (const limit of [100, 1000]) {
        const { api, ogc } = await compare(origin, options.plots, limit, options.requests);
        const [apiP50, ogcP50] = [percentile(api, 0.5), percentile(ogc, 0.5)];
        const [apiP95, ogcP95] = [percentile(api, 0.95), percentile(ogc, 0.95)];
        options.report(
          `| ${name} | ${who} | ${limit} | ${apiP50.toFixed(1)} / ${apiP95.toFixed(1)} ms | ${ogcP50.toFixed(1)} / ${ogcP95.toFixed(1)} ms | ${(ogcP50 / apiP50).toFixed(2)} / ${(ogcP95 / apiP95).toFixed(2)} |`,
        );
      }
    } finally {
      await app.close();
    }
  }
}

/** Items pages of /ogc against /api/plots?format=geojson with the same limit and offsets, p50 and p95. */
export async function ogcBench(options: OgcBenchOptions): Promise<void> {
  const settings = {
    report: options.report,
    requests: options.requests ?? 200,
    plots: options.plots ?? 10_000,
  };
  options.report(
    `### OGC API – Features: \`/ogc/collections/plots/items\` against \`/api/plots?format=geojson\` (${settings.plots.toLocaleString('en')} plots, ${settings.requests} sequential requests per row and kind)`,
  );
  options.report(
    '| database | viewer | limit | API p50 / p95 (baseline) | OGC p50 / p95 | × API p50 / p95 |',
  );
  options.report('|---|---|---|---|---|---|');
  await withDatabases(options.serverUrl, [settings.plots], async (database, plots) => {
    await seedSampleCity(database.pool, { plots, demoPassword: 'bench-password', method: database.method });
    await database.pool.query('ANALYZE');
    await measure(database.name, database.pool, database.kind, settings);
  });
  if (!options.serverUrl) options.report('_PostGIS skipped: set TEST_DATABASE_URL or DATABASE_URL._');
}

// `npx tsx tests/bench/ogc.ts` runs it on its own.
if (process.argv[1]?.endsWith('/tests/bench/ogc.ts')) {
  await ogcBench({
    report: (line) => console.log(line),
    serverUrl: process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || null,
  });
}
