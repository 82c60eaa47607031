// Benchmark of /api/exports/plots: each format for the whole sample city, against GET /api/plots?format=geojson
// (limit 10000) in the same run, on the embedded database (10k plots) and on PostGIS (10k and 100k).
// Run alone with `npx tsx tests/bench/exports.ts [--sizes 10000,100000]`, or from run.ts via benchExports.
import { get } from 'node:http';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp } from '../../server/src/app.ts';
import type { Pool } from '../../server/src/db/pool.ts';
import { seedSampleCity } from '../../server/src/seed/sample-city.ts';
import { PLANNER } from '../support/app.ts';
import { median, withDatabases } from './support.ts';

const FORMATS = ['geojson', 'csv', 'shp', 'xlsx'] as const;

export interface ExportBenchOptions {
  report: (line: string) => void;
  /** A PostgreSQL server with PostGIS for scratch databases; null measures the embedded database only. */
  serverUrl: string | null;
  /** City sizes seeded on PostGIS (default 10,000 and 100,000). */
  sizes?: number[];
  /** Timed downloads per figure (default 3; 1 above 50,000 plots). */
  repeats?: number;
}

interface Measure {
  ms: number;
  bytes: number;
  /** Peak growth of heap + external + array buffers over the idle process, sampled every 20 ms. */
  peakMb: number;
}

/** One download over HTTP as a browser makes it (compressed where the server compresses). */
async function timedDownload(url: string): Promise<Measure> {
  const memory = () => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.external + usage.arrayBuffers;
  };
  const idle = memory();
  let peak = idle;
  const sampler = setInterval(() => {
    peak = Math.max(peak, memory());
  }, 20);
  const started = performance.now();
  try {
    // node:http rather than fetch: the bytes counted are the bytes on the wire, compressed or not.
    const bytes = await new Promise<number>((resolve, reject) => {
      get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
        let count = 0;
        response.on('data', (chunk: Buffer) => {
          count += chunk.length;
        });
        response.on('end', () =>
          response.statusCode === 200
            ? resolve(count)
            : reject(new Error(`${url}: HTTP ${response.statusCode}`)),
        );
        response.on('error', reject);
      }).on('error', reject);
    });
    return { ms: performance.now() - started, bytes, peakMb: (peak - idle) / 1e6 };
  } finally {
    clearInterval(sampler);
  }
}

async function measureCity(
  label: string,
  pool: Pool,
  kind: 'embedded' | 'postgres',
  plots: number,
  options: ExportBenchOptions,
): Promise<void> {
  const app = await buildApp({
    pool,
    databaseKind: kind,
    clientDir: null,
    resolveViewer: async () => PLANNER,
    reservationSweepMs: 0,
    parcelSweepMs: 0,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const repeats = options.repeats ?? (plots > 50_000 ? 1 : 3);
  const runs = async (path: string) => {
    await timedDownload(`${origin}${path}`); // warm-up
    const measured: Measure[] = [];
    for (let i = 0; i < repeats; i += 1) {
      (globalThis as { gc?: () => void }).gc?.();
      measured.push(await timedDownload(`${origin}${path}`));
    }
    return {
      ms: median(measured.map((m) => m.ms)),
      bytes: measured[0]!.bytes,
      peakMb: Math.max(...measured.map((m) => m.peakMb)),
    };
  };
  try {
    const baseline = await runs('/api/plots?format=geojson&limit=10000');
    const row = (name: string, m: Measure) =>
      options.report(
        `| ${label} | ${plots.toLocaleString('en')} | ${name} | ${(m.ms / 1000).toFixed(2)} s | ${(m.bytes / 1e6).toFixed(1)} MB | ${m.peakMb.toFixed(0)} MB | ${(m.ms / baseline.ms).toFixed(1)} |`,
      );
    row('`/api/plots?format=geojson&limit=10000` (baseline)', baseline);
    for (const format of FORMATS) row(format, await runs(`/api/exports/plots?format=${format}`));
    row('shp, crs=4528', await runs('/api/exports/plots?format=shp&crs=4528'));
  } finally {
    await app.close();
  }
}

export async function benchExports(options: ExportBenchOptions): Promise<void> {
  const { report } = options;
  report('### Exports (`GET /api/exports/plots`, a planner, the whole city, median of 3 after a warm-up)');
  report(
    'Downloaded over HTTP on 127.0.0.1 with `accept-encoding: br, gzip`; bytes are as sent (GeoJSON and CSV compressed on the fly, zip and XLSX already compressed). Peak memory: growth of heap + external buffers of the server process during the download (garbage collection is lazy, so this overstates what is held).',
  );
  report('| database | plots | request | time | bytes sent | peak memory | × baseline |');
  report('|---|---|---|---|---|---|---|');
  await withDatabases(options.serverUrl, options.sizes ?? [10_000, 100_000], async (database, plots) => {
    await seedSampleCity(database.pool, { plots, demoPassword: 'bench-password', method: database.method });
    await database.pool.query('ANALYZE');
    await measureCity(database.name, database.pool, database.kind, plots, options);
  });
  if (!options.serverUrl) report('_PostGIS skipped: set TEST_DATABASE_URL or DATABASE_URL._');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,100000' } } });
  await benchExports({
    report: (line) => console.log(line),
    serverUrl: process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || null,
    sizes: values.sizes.split(',').map(Number),
  });
}
