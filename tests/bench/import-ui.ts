// Benchmark of the import screen in Chromium with a preview at the map's limit (5,000 outlines): what
// the screen adds to the API's own time (upload → preview shown, a mapping change → counts shown),
// and what drawing the preview costs the map (a frame of the same view with and without it).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { buildApp } from '../../server/src/app.ts';
import type { Pool } from '../../server/src/db/pool.ts';
import { IMPORT_PREVIEW_FEATURES } from '../../server/src/imports/schemas.ts';
import { seedSampleCity } from '../../server/src/seed/sample-city.ts';
import { launchChromium, newPageIn, signInThroughPage } from '../support/browser.ts';
import { median, percentile, withEmbedded } from './support.ts';

export interface ImportScreenBenchOptions {
  report: (line: string) => void;
  /** A built client (the page the planner uses). */
  clientDir: string;
  /** Measured runs of each step (medians reported). */
  runs?: number;
}

const PASSWORD = 'bench-password';

/** A re-survey of existing plots under Chinese field names: every row an update, none in error. */
async function surveyFile(pool: Pool, plots: number): Promise<Buffer> {
  const { rows } = await pool.query<{
    code: string;
    land_use_code: string;
    status: string;
    geometry: string;
  }>(
    `SELECT code, land_use_code, status, ST_AsGeoJSON(geom, 7) AS geometry FROM plots
      WHERE status <> 'reserved' ORDER BY id LIMIT $1`,
    [plots],
  );
  const features = rows.map((row) => ({
    type: 'Feature',
    properties: { 地块编号: row.code, 用地代码: row.land_use_code, 状态: row.status },
    geometry: JSON.parse(row.geometry),
  }));
  return Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
}

// Page scripts are strings: tsx would wrap a function's inner names in a helper the page lacks.
const API_UPLOAD = `(async (text) => {
  const me = await (await fetch('/api/auth/me')).json();
  const form = new FormData();
  form.append('file', new Blob([text]), 'survey.geojson');
  const started = performance.now();
  const response = await fetch('/api/imports', { method: 'POST', body: form, headers: { 'x-csrf-token': me.csrfToken } });
  const detail = await response.json();
  const elapsed = performance.now() - started;
  await fetch('/api/imports/' + detail.id + '/discard', { method: 'POST', headers: { 'x-csrf-token': me.csrfToken } });
  return elapsed;
})`;

const API_PATCH = `(async ([id, mapping]) => {
  const me = await (await fetch('/api/auth/me')).json();
  const started = performance.now();
  await fetch('/api/imports/' + id, {
    method: 'PATCH',
    body: JSON.stringify({ mapping }),
    headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
  });
  return performance.now() - started;
})`;

/** Frames `bbox` at once (no animation) and times until the map has settled, with the preview shown or hidden. */
const FRAME = `(async ([bbox, shown, away]) => {
  const map = window.__landAtlasMap;
  // Settled: a frame drawn after the change, every tile of every source loaded, the camera still.
  const settled = () => new Promise((resolve, reject) => {
    const deadline = performance.now() + 60000;
    const check = () => {
      if (map.loaded() && map.areTilesLoaded() && !map.isMoving()) resolve();
      else if (performance.now() > deadline) reject(new Error('the map did not settle within 60 s'));
      else requestAnimationFrame(check);
    };
    map.once('render', () => requestAnimationFrame(check));
    map.triggerRepaint();
  });
  for (const id of ['import-preview-fill', 'import-preview-skip', 'import-preview-line']) {
    map.setLayoutProperty(id, 'visibility', shown ? 'visible' : 'none');
  }
  map.jumpTo({ center: away, zoom: 8 });
  await settled();
  const started = performance.now();
  map.fitBounds([[bbox[0], bbox[1]], [bbox[2], bbox[3]]], { duration: 0, padding: 40 });
  await settled();
  return performance.now() - started;
})`;

async function timedInPage(page: Page, script: string, argument: unknown): Promise<number> {
  return page.evaluate(`(${script})(${JSON.stringify(argument)})`) as Promise<number>;
}

async function measure(pool: Pool, options: ImportScreenBenchOptions): Promise<void> {
  const { report } = options;
  const runs = options.runs ?? 3;
  await seedSampleCity(pool, { plots: 10_000, demoPassword: PASSWORD, method: 'json-batches' });
  const file = await surveyFile(pool, IMPORT_PREVIEW_FEATURES);
  const text = file.toString('utf8');
  const app: FastifyInstance = await buildApp({
    pool,
    databaseKind: 'embedded',
    clientDir: options.clientDir,
    signInsPerMinute: 1000,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const browser = await launchChromium();
  try {
    const page = await newPageIn(browser, 'en', { width: 1440, height: 900 });
    await page.goto(origin);
    await signInThroughPage(page, 'planner', PASSWORD, 'en');
    await page.locator('.map[data-ready="true"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('work-toggle').click();
    await page.getByRole('tab', { name: 'Imports' }).click();
    const folder = await mkdtemp(path.join(tmpdir(), 'land-atlas-bench-import-ui-'));
    const survey = path.join(folder, 'survey.geojson');
    await writeFile(survey, file);
    const api: number[] = [];
    const screen: number[] = [];
    let id = 0;
    try {
      // Taking turns, so a slow spell of the machine falls on each alike; the first pair warms up.
      for (let i = 0; i <= runs; i += 1) {
        const direct = await timedInPage(page, API_UPLOAD, text);
        const started = performance.now();
        await page.locator('input[type="file"]').setInputFiles(survey);
        await page
          .locator('[data-testid="import-preview"][data-status="preview"] [data-count="update"]')
          .waitFor({ timeout: 600_000 });
        const shown = performance.now() - started;
        id = Number(await page.locator('[data-testid="import-preview"]').getAttribute('data-import-id'));
        if (i > 0) {
          api.push(direct);
          screen.push(shown);
        }
        if (i < runs) {
          await page.getByRole('button', { name: 'Discard this import' }).click();
          await page.getByTestId('import-done').waitFor();
          await page.getByRole('button', { name: 'Back to the list' }).click();
        }
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    const ms = (value: number) => `${Math.round(value).toLocaleString('en')} ms`;
    report(
      `### Import screen in Chromium (1440×900, software GL, embedded database): a ${IMPORT_PREVIEW_FEATURES.toLocaleString('en')}-plot GeoJSON re-survey, median of ${runs}`,
    );
    report('| step | the API alone, from the page (baseline) | on the screen | × baseline |');
    report('|---|---|---|---|');
    report(
      `| upload → preview shown | ${ms(median(api))} | ${ms(median(screen))} | ${(median(screen) / median(api)).toFixed(2)} |`,
    );

    // A mapping change: the status field out, then in again, each shown when the counts come back.
    const patchApi: number[] = [];
    const patchScreen: number[] = [];
    for (let i = 0; i <= runs; i += 1) {
      const out = i % 2 === 0;
      const mapping = out
        ? { code: '地块编号', landUseCode: '用地代码' }
        : { code: '地块编号', landUseCode: '用地代码', status: '状态' };
      const direct = await timedInPage(page, API_PATCH, [id, mapping]);
      const started = performance.now();
      await page.locator('select[name="mapping.status"]').selectOption(out ? '' : '状态');
      await page.locator('[data-testid="import-preview"][aria-busy="true"]').waitFor({ timeout: 60_000 });
      await page.locator('[data-testid="import-preview"][aria-busy="false"]').waitFor({ timeout: 600_000 });
      const shown = performance.now() - started;
      if (i > 0) {
        patchApi.push(direct);
        patchScreen.push(shown);
      }
    }
    report(
      `| a mapping changed → new counts shown | ${ms(median(patchApi))} | ${ms(median(patchScreen))} | ${(median(patchScreen) / median(patchApi)).toFixed(2)} |`,
    );

    // The same view drawn with the preview's outlines hidden (baseline) and shown.
    await page.getByRole('button', { name: 'Show on map', exact: true }).click();
    await page.waitForFunction('window.__landAtlasMap.getSource("import-preview") !== undefined');
    const extent = await page.evaluate(
      `fetch('/api/imports/${id}').then((r) => r.json()).then((d) => d.report.extent)`,
    );
    // Each frame starts from the same view elsewhere, so the map has to draw the extent anew.
    const away = [(extent as number[])[0]!, (extent as number[])[1]!];
    const hidden: number[] = [];
    const drawn: number[] = [];
    for (let i = 0; i <= runs; i += 1) {
      const without = await timedInPage(page, FRAME, [extent, false, away]);
      const withPreview = await timedInPage(page, FRAME, [extent, true, away]);
      if (i > 0) {
        hidden.push(without);
        drawn.push(withPreview);
      }
    }
    report(
      `| the data's extent framed until the map has settled (p95 with the preview: ${ms(percentile(drawn, 0.95))}) | ${ms(median(hidden))} (preview hidden) | ${ms(median(drawn))} | ${(median(drawn) / median(hidden)).toFixed(2)} |`,
    );
    await page.context().close();
  } finally {
    await browser.close();
    await app.close();
  }
}

/** The import screen's figures, on the embedded database (the API's own are in imports.ts). */
export async function benchImportScreen(options: ImportScreenBenchOptions): Promise<void> {
  await withEmbedded((pool) => measure(pool, options));
}
