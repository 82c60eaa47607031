// A planner imports survey data in a real Chromium: upload → preview (problems explained, on the
// map) → change a mapping → commit or discard, on a desktop in Chinese and on a phone in English.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Pool } from '../../server/src/db/pool.ts';
import { sessionAppFor } from '../support/app.ts';
import { poolFor, requireUnderCi } from '../support/backends.ts';
import {
  ARTIFACTS,
  browserAvailable,
  CHROMIUM,
  CLIENT_DIR,
  type Language,
  launchChromium,
  newPageIn,
  signInThroughPage,
} from '../support/browser.ts';
import { folderFiles, gdalAvailable, IMPORT_FIXTURES, run, zip } from '../support/imports.ts';

requireUnderCi(`Chromium at ${CHROMIUM} and a built client in client/dist`, browserAvailable);
requireUnderCi('GDAL (ogr2ogr) to write the GBK Shapefile', gdalAvailable);

describe.runIf(browserAvailable)('importing plots in Chromium', () => {
  const backend = inject('backends')[0]!;
  const password = inject('demoPassword');
  let pool: Pool;
  let app: FastifyInstance;
  let browser: Browser;
  let origin: string;
  let scratch: string;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    scratch = await mkdtemp(path.join(tmpdir(), 'land-atlas-import-ui-'));
    pool = poolFor(backend);
    app = await sessionAppFor(backend, pool, { clientDir: CLIENT_DIR, signInsPerMinute: 1000 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await pool?.query("DELETE FROM plots WHERE code LIKE 'IMP-%'");
    await pool?.query('SELECT parcels_refresh()');
    await browser?.close();
    await app?.close();
    await pool?.end();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  /** Script errors each page raised: none may happen (a crash leaves a blank page). */
  const pageErrors = new Map<Page, string[]>();

  /** Signs a planner in and opens the workbench's import tab. */
  async function importTab(language: Language, viewport?: { width: number; height: number }): Promise<Page> {
    const page = await newPageIn(browser, language, viewport);
    const errors: string[] = [];
    pageErrors.set(page, errors);
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(origin);
    await signInThroughPage(page, 'planner', password, language);
    await page.locator('.map[data-ready="true"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('work-toggle').click();
    await page.getByRole('tab', { name: language === 'en' ? 'Imports' : '数据导入' }).click();
    await page.getByTestId('imports').waitFor();
    return page;
  }

  const count = (page: Page, name: string) =>
    page.locator(`[data-testid="import-counts"] [data-count="${name}"]`).getAttribute('data-value');

  /** What the import overlay on the map holds: each feature's action (outlines) or `place`, sorted. */
  const overlay = (page: Page) =>
    page.evaluate(async () => {
      const source = window.__landAtlasMap!.getSource<GeoJSONSource>('import-preview');
      const data = (await source!.getData()) as FeatureCollection;
      return data.features
        .map((feature) => String(feature.properties?.action ?? 'place'))
        .sort()
        .join(',');
    });

  /** The map's camera has settled (after a fly-to). */
  const settled = (page: Page) => page.waitForFunction(() => !window.__landAtlasMap!.isMoving());

  it('lets a planner read the report, fix the mapping, skip the bad rows and commit, then find the new plot', async () => {
    const page = await importTab('zh-CN');
    await page
      .locator('input[type="file"]')
      .setInputFiles(path.join(IMPORT_FIXTURES, 'survey-problems.geojson'));
    const preview = page.locator('[data-testid="import-preview"][data-status="preview"]');
    await preview.waitFor({ timeout: 60_000 });
    expect(await count(page, 'rows')).toBe('8');
    expect(await count(page, 'insert')).toBe('1');
    expect(await count(page, 'skip')).toBe('7');
    // The new, updated and skipped outlines are drawn over the map.
    await page.getByRole('button', { name: '在地图上显示', exact: true }).click();
    await settled(page);
    // Row 8 is new; the outlines of rows 2–6 are drawn as skipped; rows 1 and 7 have none to draw.
    await expect.poll(() => overlay(page)).toBe('insert,skip,skip,skip,skip,skip');

    // The bow tie: its PostGIS reason in Chinese, with the place, which the map then shows.
    const kind = preview.locator('.imports__problems > li[data-kind="invalid_geometry"]');
    await kind.locator('button.imports__problem').click();
    const row = kind.locator('.imports__row[data-row="1"]');
    await row.waitFor({ timeout: 30_000 });
    const explained = row.locator('li[data-kind="invalid_geometry"]');
    await expect(explained.textContent()).resolves.toMatch(
      /图形无效：边界自相交（源坐标 119\.001 33\.5107 处）。请在 GIS 软件中修复/,
    );
    await explained.getByRole('button', { name: '在地图上显示此处' }).click();
    await settled(page);
    const centre = await page.evaluate(() => window.__landAtlasMap!.getCenter().toArray());
    expect(centre[0]).toBeCloseTo(119.001, 2);
    expect(centre[1]).toBeCloseTo(33.5107, 2);
    await expect
      .poll(() =>
        page.evaluate(
          () => window.__landAtlasMap!.queryRenderedFeatures({ layers: ['import-preview-point'] }).length,
        ),
      )
      .toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'import-problem-place-desktop-zh.png') });

    // Not importing the status field leaves the reserved-status row free to be written.
    await preview.locator('select[name="mapping.status"]').selectOption('');
    await expect.poll(() => count(page, 'insert'), { timeout: 60_000 }).toBe('2');
    expect(await count(page, 'skip')).toBe('6');

    // Committing needs the rows with errors skipped first, then a confirmation.
    const commit = preview.getByRole('button', { name: '导入 2 个地块' });
    expect(await commit.isDisabled()).toBe(true);
    await preview.getByLabel('跳过 6 个有错误的行').check();
    await commit.click();
    await preview.getByRole('button', { name: '确认导入' }).click();
    const done = page.getByTestId('import-done');
    await done.waitFor({ timeout: 60_000 });
    await expect(done.textContent()).resolves.toContain('导入完成：新增 2 个地块，更新 0 个，跳过 6 行。');
    await expect.poll(() => overlay(page)).toBe('');
    const { rows } = await pool.query<{ id: number; code: string; status: string }>(
      "SELECT id, code, status FROM plots WHERE code IN ('IMP-OK-0008', 'IMP-BAD-0006') ORDER BY code",
    );
    expect(rows.map((plot) => [plot.code, plot.status])).toEqual([
      ['IMP-BAD-0006', 'in_use'],
      ['IMP-OK-0008', 'in_use'],
    ]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'import-committed-desktop-zh.png') });

    // The new plot is on the map and found by the search box.
    const added = rows[1]!;
    await page.getByTestId('work-toggle').click();
    const search = page.getByRole('combobox', { name: '搜索地块、企业、园区或区县' });
    await search.fill(added.code);
    await page
      .locator('.search-box')
      .getByRole('option', { name: /IMP-OK-0008/ })
      .waitFor({ timeout: 10_000 });
    await search.press('Enter');
    await page.locator(`.plot-panel[data-plot-id="${added.id}"]`).waitFor({ timeout: 30_000 });
    await settled(page);
    await expect
      .poll(
        () =>
          page.evaluate(
            (id) =>
              window.__landAtlasMap!.queryRenderedFeatures({
                layers: ['plot-fill'],
                filter: ['==', ['id'], id],
              }).length,
            added.id,
          ),
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'import-found-desktop-zh.png') });
    expect(pageErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it.runIf(gdalAvailable)(
    'shows a GBK Shapefile’s CRS and encoding as the files declare them on a phone, and discards it',
    async () => {
      const folder = path.join(scratch, 'shapefile');
      await mkdir(folder);
      await run('ogr2ogr', [
        '-f',
        'ESRI Shapefile',
        '-t_srs',
        'EPSG:4528',
        '-lco',
        'ENCODING=CP936',
        path.join(folder, 'survey.shp'),
        path.join(IMPORT_FIXTURES, 'survey-plots.geojson'),
      ]);
      const archive = path.join(scratch, 'survey-gbk.zip');
      await writeFile(archive, await zip(await folderFiles(folder)));

      const page = await importTab('en', { width: 390, height: 844 });
      await page.locator('input[type="file"]').setInputFiles(archive);
      const preview = page.locator('[data-testid="import-preview"][data-status="preview"]');
      await preview.waitFor({ timeout: 60_000 });
      await expect(preview.locator('select[name="srid"]').inputValue()).resolves.toBe('4528');
      await expect(preview.locator('[data-crs-source]').textContent()).resolves.toBe('from the .prj file');
      await expect(preview.locator('select[name="srid"] option:checked').textContent()).resolves.toContain(
        'CGCS2000 3-degree zone 40',
      );
      await expect(preview.locator('select[name="encoding"]').inputValue()).resolves.toBe('gbk');
      await expect(preview.locator('[data-encoding-source]').textContent()).resolves.toBe(
        'from the .cpg file (CP936)',
      );
      const samples = (await preview.getByTestId('import-samples').textContent()) ?? '';
      expect(samples).toContain('示例企业甲（示例数据）');
      expect(samples).not.toContain('\uFFFD');
      expect(await count(page, 'insert')).toBe('8');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await preview.locator('select[name="srid"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, 'import-gbk-shapefile-phone-en.png') });

      await preview.getByRole('button', { name: 'Discard this import' }).click();
      const done = page.getByTestId('import-done');
      await done.waitFor({ timeout: 30_000 });
      await expect(done.textContent()).resolves.toContain('Discarded: nothing was written.');
      const { rows } = await pool.query<{ status: string; plots: number }>(
        `SELECT i.status, (SELECT count(*)::int FROM plots WHERE code LIKE 'IMP-QJP-%') AS plots
           FROM imports i WHERE i.filename = 'survey-gbk.zip' ORDER BY i.id DESC LIMIT 1`,
      );
      expect(rows[0]).toEqual({ status: 'discarded', plots: 0 });
      await page.screenshot({ path: path.join(ARTIFACTS, 'import-discarded-phone-en.png') });
      // Back to the list, which shows the discarded import; closing the workbench leaves the map whole.
      await page.getByRole('button', { name: 'Back to the list' }).click();
      const listed = page
        .locator('[data-testid="imports"] .work-item', { hasText: 'survey-gbk.zip' })
        .first();
      await expect(listed.getAttribute('data-status')).resolves.toBe('discarded');
      await page.getByTestId('work-toggle').click();
      await page.locator('.map[data-ready="true"]').waitFor();
      expect(pageErrors.get(page)).toEqual([]);
      await page.context().close();
    },
  );
});
