// Benchmark of the investor view on a slow phone connection: what its pages transfer and how soon they
// paint, against the map app (/) loaded the same way in the same run.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.ts';
import { seedSampleCity } from '../../server/src/seed/sample-city.ts';
import { launchChromium } from '../support/browser.ts';
import { measurePageLoad, type PageLoad, SLOW_3G } from '../support/page-load.ts';
import { median, withEmbedded } from './support.ts';

export interface InvestPageBenchOptions {
  report: (line: string) => void;
  /** A built client (client/dist). */
  clientDir: string;
  /** Measured loads of each page (medians reported); the first round is a warm-up. */
  runs?: number;
}

const PHONE = { width: 390, height: 844 };

export async function benchInvestPage(options: InvestPageBenchOptions): Promise<void> {
  const { report } = options;
  const runs = options.runs ?? 3;
  await withEmbedded(async (pool) => {
    await seedSampleCity(pool, { plots: 10_000, demoPassword: 'bench-password', method: 'json-batches' });
    const app: FastifyInstance = await buildApp({
      pool,
      databaseKind: 'embedded',
      clientDir: options.clientDir,
      reservationSweepMs: 0,
      parcelSweepMs: 0,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const { rows } = await pool.query<{ id: number }>(
      `SELECT id FROM plots WHERE status = 'available' ORDER BY area_mu DESC LIMIT 1`,
    );
    const pages = [
      { name: 'map app `/` (baseline)', url: '/', ready: '.map[data-ready="true"]' },
      { name: 'investor landing `/invest`', url: '/invest', ready: '[data-testid="zone-card"]' },
      { name: 'find land `/invest/sites` (cards)', url: '/invest/sites', ready: '[data-testid="site-card"]' },
      {
        name: 'a plot’s page `/invest/plots/:id`: its facts',
        url: `/invest/plots/${rows[0]!.id}`,
        ready: '[data-testid="plot-page"]',
      },
      {
        name: 'the same page: its map drawn',
        url: `/invest/plots/${rows[0]!.id}`,
        ready: '.invest-map[data-ready="true"]',
      },
    ];
    const browser = await launchChromium();
    const loads = new Map<string, PageLoad[]>(pages.map((page) => [page.name, []]));
    try {
      // Taking turns, so a slow spell of the machine falls on each page alike.
      for (let round = 0; round <= runs; round += 1) {
        for (const page of pages) {
          const load = await measurePageLoad(browser, `${origin}${page.url}`, page.ready, {
            viewport: PHONE,
            throttle: SLOW_3G,
          });
          if (round > 0) loads.get(page.name)!.push(load);
        }
      }
    } finally {
      await browser.close();
      await app.close();
    }
    const summary = (name: string) => {
      const measured = loads.get(name)!;
      return {
        bytes: median(measured.map((load) => load.bytes)),
        paint: median(measured.map((load) => load.firstContentMs ?? Number.NaN)),
        ready: median(measured.map((load) => load.readyMs)),
      };
    };
    const baseline = summary(pages[0]!.name);
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
    const ms = (value: number) => `${Math.round(value).toLocaleString('en')} ms`;
    report(
      `### Investor view on a slow phone connection (390×844, ${(SLOW_3G.downloadThroughput / 131072).toFixed(1)} Mbit/s down, ${SLOW_3G.latency} ms latency, cache disabled; embedded database, 10,000 plots), median of ${runs}`,
    );
    report(
      '| page | transferred | × map app | first contentful paint | × map app | ready (its content shown) |',
    );
    report('|---|---|---|---|---|---|');
    for (const page of pages) {
      const figures = summary(page.name);
      report(
        `| ${page.name} | ${kb(figures.bytes)} | ${(figures.bytes / baseline.bytes).toFixed(2)} | ${ms(figures.paint)} | ${(figures.paint / baseline.paint).toFixed(2)} | ${ms(figures.ready)} |`,
      );
    }
    report(
      'Transferred: compressed bytes the page received (CDP `Network.loadingFinished`), until its content was shown and the network idle. The map app’s vector tiles are fetched by its web worker, which this count does not see, so the baseline is if anything low.',
    );
  });
}
