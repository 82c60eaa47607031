// The map as a visitor sees it, in a real Chromium: plots drawn, Chinese by default, English on request.

import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import turfArea from '@turf/area';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Pool } from '../../server/src/db/pool.ts';
import { appFor, PLANNER } from '../support/app.ts';
import { poolFor, requireUnderCi } from '../support/backends.ts';
import { ARTIFACTS, browserAvailable, CHROMIUM, CLIENT_DIR, launchChromium } from '../support/browser.ts';

requireUnderCi(`Chromium at ${CHROMIUM} and a built client in client/dist`, browserAvailable);

const INTERNAL = ['enterpriseName', 'inefficiencyType', 'indicators', 'gradeScore', '"grade"'];

describe.runIf(browserAvailable)('the map shell in Chromium', () => {
  const backend = inject('backends')[0]!;
  let pool: Pool;
  let app: FastifyInstance;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    pool = poolFor(backend);
    app = await appFor(backend, pool, null, CLIENT_DIR);
    await app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await pool?.end();
  });

  /** Opens the map; records every request and every API body the page received. */
  async function open(viewport: { width: number; height: number }, language?: 'en' | 'zh-CN', path = '/') {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
    if (language) {
      await context.addInitScript((lng) => window.localStorage.setItem('land-atlas.language', lng), language);
    }
    const page = await context.newPage();
    const requests: string[] = [];
    const apiBodies: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('response', async (response) => {
      if (response.url().includes('/api/')) apiBodies.push(await response.text().catch(() => ''));
    });
    await page.goto(`${origin}${path}`);
    await page.locator('.map[data-ready="true"]').waitFor({ timeout: 120_000 });
    return { page, requests, apiBodies };
  }

  /** Waits until the map has drawn what it has (a repaint first, so an idle map answers too). */
  const settled = (page: Page) =>
    page.evaluate(
      () =>
        new Promise((resolve) => {
          const map = window.__landAtlasMap!;
          map.once('idle', resolve);
          map.triggerRepaint();
        }),
    );

  const renderedPlots = (page: Page) =>
    page.evaluate(() => {
      const features = window.__landAtlasMap!.queryRenderedFeatures({ layers: ['plot-fill'] });
      return {
        count: new Set(features.map((f) => f.id)).size,
        statuses: [...new Set(features.map((f) => f.properties.status))],
        keys: [...new Set(features.flatMap((f) => Object.keys(f.properties)))],
      };
    });

  it('draws thousands of plots coloured by status over the districts, in Chinese, with nothing fetched from outside', async () => {
    const { page, requests, apiBodies } = await open({ width: 1920, height: 1080 });
    const plots = await renderedPlots(page);
    expect(plots.count).toBeGreaterThan(2000);
    expect(plots.statuses.sort()).toEqual(['available', 'occupied', 'reserved']);
    // The plot tiles an anonymous visitor receives carry no internal attribute.
    for (const key of ['enterpriseName', 'inefficiencyType', 'grade']) expect(plots.keys).not.toContain(key);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await expect(page.getByTestId('sample-badge').textContent()).resolves.toBe('示例数据');
    const districts = await page.evaluate(() =>
      window.__landAtlasMap!.querySourceFeatures('districts').map((f) => f.properties.code),
    );
    expect(new Set(districts).size).toBe(7);
    // The offline basemap: every request goes to this server.
    expect(
      requests.filter(
        (url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'),
      ),
    ).toEqual([]);
    // An anonymous visitor never receives an internal attribute.
    for (const body of apiBodies) for (const field of INTERNAL) expect(body).not.toContain(field);
    await page.screenshot({ path: path.join(ARTIFACTS, 'map-desktop-zh.png') });
    await page.context().close();
  });

  it('switches to English and remembers it', async () => {
    const { page } = await open({ width: 1920, height: 1080 });
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect(page.getByTestId('sample-badge').textContent()).resolves.toBe('Sample data');
    await page.reload();
    await page.locator('.map[data-ready="true"]').waitFor({ timeout: 120_000 });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.screenshot({ path: path.join(ARTIFACTS, 'map-desktop-en.png') });
    await page.context().close();
  });

  it('opens a plot’s public facts when the plot is clicked, on a phone', async () => {
    const { page } = await open({ width: 390, height: 844 }, 'en');
    // Zoom in on one available plot, then click its middle.
    const target = await page.evaluate(async () => {
      const map = window.__landAtlasMap!;
      const feature = map.queryRenderedFeatures({
        layers: ['plot-fill'],
        filter: ['==', ['get', 'status'], 'available'],
      })[0]!;
      const geometry = feature.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon;
      const ring = (geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0]![0])!;
      const lng = ring.slice(0, -1).reduce((s, c) => s + c[0]!, 0) / (ring.length - 1);
      const lat = ring.slice(0, -1).reduce((s, c) => s + c[1]!, 0) / (ring.length - 1);
      map.jumpTo({ center: [lng, lat], zoom: 16 });
      await new Promise((resolve) => map.once('idle', resolve));
      const point = map.project([lng, lat]);
      const box = map.getContainer().getBoundingClientRect();
      return {
        id: feature.id as number,
        code: feature.properties.code as string,
        x: box.left + point.x,
        y: box.top + point.y,
      };
    });
    await page.mouse.click(target.x, target.y);
    const panel = page.locator(`.plot-panel[data-plot-id="${target.id}"]`);
    await panel.waitFor({ timeout: 30_000 });
    await expect(panel.textContent()).resolves.toContain(target.code);
    await expect(panel.textContent()).resolves.toMatch(/mu/);
    // Available land shows what an investor needs first: servicing and the guide price.
    await expect(panel.textContent()).resolves.toContain('Servicing');
    await expect(panel.textContent()).resolves.toMatch(/Guide price[\d.,]+ ×10,000 yuan\/mu/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'plot-panel-phone-en.png') });
    await page.context().close();
  });

  it('restores exactly the shared view from a link, and keeps the URL current as the map moves', async () => {
    const plotId = (await (await fetch(`${origin}/api/plots?status=available&limit=1&sort=-areaMu`)).json())
      .items[0].id as number;
    const [lon, lat] = (await (await fetch(`${origin}/api/plots/${plotId}`)).json()).centroid as [
      number,
      number,
    ];
    const link = `/?map=15.00/${lat.toFixed(6)}/${lon.toFixed(6)}&layers=zones,plots&plot=${plotId}`;
    const { page } = await open({ width: 1280, height: 800 }, 'zh-CN', link);
    const camera = () =>
      page.evaluate(() => {
        const map = window.__landAtlasMap!;
        return {
          zoom: map.getZoom(),
          lon: map.getCenter().lng,
          lat: map.getCenter().lat,
          districts: map.getLayoutProperty('district-line', 'visibility'),
        };
      });
    const restored = await camera();
    expect(restored.zoom).toBeCloseTo(15, 2);
    expect(restored.lon).toBeCloseTo(lon, 4);
    expect(restored.lat).toBeCloseTo(lat, 4);
    expect(restored.districts).toBe('none');
    await page.locator(`.plot-panel[data-plot-id="${plotId}"]`).waitFor({ timeout: 30_000 });
    // Move the map: the address follows, and a reload comes back to the new place.
    await page.evaluate(
      ([x, y]) => window.__landAtlasMap!.jumpTo({ center: [x!, y!], zoom: 13.5 }),
      [lon + 0.01, lat - 0.005],
    );
    await page.waitForFunction(() => window.location.search.includes('map=13.50/'));
    await page.reload();
    await page.locator('.map[data-ready="true"]').waitFor({ timeout: 120_000 });
    const moved = await camera();
    expect(moved.zoom).toBeCloseTo(13.5, 2);
    expect(moved.lon).toBeCloseTo(lon + 0.01, 4);
    expect(moved.lat).toBeCloseTo(lat - 0.005, 4);
    expect(moved.districts).toBe('none');
    await page.screenshot({ path: path.join(ARTIFACTS, 'permalink-desktop-zh.png') });
    await page.context().close();
  });

  it('finds a zone and a plot from the search box and flies to them', async () => {
    const { page } = await open({ width: 1280, height: 800 }, 'zh-CN');
    const search = page.getByRole('combobox', { name: '搜索地块、企业、园区或区县' });
    await search.fill('经济技术');
    await page
      .locator('.search-box')
      .getByRole('option', { name: /淮安经济技术开发区/ })
      .waitFor({ timeout: 10_000 });
    await search.press('Enter');
    const zone = (await (await fetch(`${origin}/api/search?q=${encodeURIComponent('淮安经济技术')}`)).json())
      .items[0];
    const [minLon, minLat, maxLon, maxLat] = zone.bbox as number[];
    await page.waitForFunction(() => !window.__landAtlasMap!.isMoving());
    await page.waitForFunction(
      ([a, b, c, d]) => {
        const center = window.__landAtlasMap!.getCenter();
        return center.lng > a! && center.lng < c! && center.lat > b! && center.lat < d!;
      },
      [minLon, minLat, maxLon, maxLat],
      { timeout: 10_000 },
    );
    const plot = (await (await fetch(`${origin}/api/plots?zoneId=${zone.id}&limit=1&sort=code`)).json())
      .items[0];
    await search.fill(plot.code);
    await page
      .locator('.search-box')
      .getByRole('option', { name: new RegExp(plot.code) })
      .waitFor({ timeout: 10_000 });
    await search.press('Enter');
    await page.locator(`.plot-panel[data-plot-id="${plot.id}"]`).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('plot')).toBe(String(plot.id));
    await page.screenshot({ path: path.join(ARTIFACTS, 'search-desktop-zh.png') });
    await page.context().close();
  });

  it('filters the map at once by zone and status, with the legend figures and the URL following', async () => {
    const { page } = await open({ width: 1440, height: 900 }, 'zh-CN');
    const zones = (await (await fetch(`${origin}/api/zones`)).json()).items as { id: number; name: string }[];
    const zone = zones.find((z) => z.name === '淮安经济技术开发区')!;
    await page.getByRole('combobox', { name: '园区', exact: true }).selectOption(String(zone.id));
    await page.locator('.status-legend__item[data-status="occupied"] input').uncheck();
    await page.waitForFunction(() => window.location.search.includes('status='));
    const expected = (
      await (await fetch(`${origin}/api/plots?zoneId=${zone.id}&status=available,reserved&limit=1`)).json()
    ).total as number;
    const check = async () => {
      await page.waitForFunction(() => window.__landAtlasMap!.loaded());
      const rendered = await page.evaluate(() => {
        const features = window.__landAtlasMap!.queryRenderedFeatures({ layers: ['plot-fill'] });
        return {
          zones: [...new Set(features.map((f) => f.properties.zoneId))],
          statuses: [...new Set(features.map((f) => f.properties.status))].sort(),
        };
      });
      expect(rendered.zones).toEqual([zone.id]);
      expect(rendered.statuses).toEqual(['available', 'reserved']);
      await expect
        .poll(() => page.locator('.status-legend__total').textContent())
        .toContain(expected.toLocaleString('zh-CN'));
    };
    await check();
    const search = new URL(page.url()).searchParams;
    expect(search.get('zone')).toBe(String(zone.id));
    expect(search.get('status')).toBe('available,reserved');
    await page.screenshot({ path: path.join(ARTIFACTS, 'filter-desktop-zh.png') });
    await page.reload();
    await page.locator('.map[data-ready="true"]').waitFor({ timeout: 120_000 });
    await check();
    // An area range narrows further; clearing the filters empties every control and the URL.
    await page.getByRole('spinbutton', { name: '最小面积（亩）' }).fill('100');
    await page.waitForFunction(() => window.location.search.includes('area=100-'));
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.waitForFunction(() => !/[?&](status|zone|area)=/.test(window.location.search));
    await expect(page.getByRole('spinbutton', { name: '最小面积（亩）' }).inputValue()).resolves.toBe('');
    await expect(page.getByRole('combobox', { name: '园区', exact: true }).inputValue()).resolves.toBe('');
    await page.context().close();
  });

  it('lists the filtered plots in a sortable table; a row flies to its plot; the table exports its plots', async () => {
    const zone = (
      (await (await fetch(`${origin}/api/zones`)).json()).items as { id: number; code: string }[]
    ).find((z) => z.code === 'HA-ETDZ')!;
    const expected = (
      await (await fetch(`${origin}/api/plots?zoneId=${zone.id}&status=available&limit=1`)).json()
    ).total as number;
    const { page } = await open({ width: 1440, height: 900 }, 'zh-CN', `/?zone=${zone.id}&status=available`);
    await page.getByRole('button', { name: '属性表', exact: true }).click();
    const table = page.getByRole('region', { name: '属性表' });
    await expect
      .poll(() => table.locator('.attribute-table__title').textContent())
      .toContain(`${expected.toLocaleString('zh-CN')} 块`);
    // Largest first after one click on the area header.
    await table.getByRole('button', { name: /面积（亩）/ }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('th[aria-sort="descending"]') !== null &&
        document.querySelector('.attribute-table[aria-busy="false"]') !== null,
    );
    const areas = await table.locator('tbody td.number').allTextContents();
    const values = areas.map((text) => Number(text.replaceAll(',', '')));
    expect(values.length).toBe(Math.min(50, expected));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    // A row selects its plot and flies the map to it.
    const firstRow = table.locator('tbody tr').first();
    const plotId = await firstRow.getAttribute('data-plot-id');
    await firstRow.click();
    await page.locator(`.plot-panel[data-plot-id="${plotId}"]`).waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      () => window.__landAtlasMap!.getZoom() > 13 && !window.__landAtlasMap!.isMoving(),
    );
    // Export: the server's CSV holds every filtered plot in the table's order, with WKT.
    await table.locator('summary', { hasText: '导出' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      table.getByRole('link', { name: 'CSV（含 WKT 和中心点）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^plots-\d{4}-\d{2}-\d{2}-sample\.csv$/);
    const rows = parse(await readFile((await download.path())!), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(expected);
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['地块编号', '面积（亩）', 'WKT']));
    expect(new Set(rows.map((row) => row.状态代码))).toEqual(new Set(['available']));
    const exportedAreas = rows.map((row) => Number(row['面积（亩）']));
    expect(exportedAreas).toEqual([...exportedAreas].sort((a, b) => b - a));
    expect(rows[0]!.WKT).toMatch(/^MULTIPOLYGON\(\(\(11[89]\.\d+ 3[34]\.\d+/);
    // Choosing closed the menu; the Shapefile comes zipped.
    await expect(table.getByRole('link', { name: 'Shapefile（zip）' }).isVisible()).resolves.toBe(false);
    await table.locator('summary', { hasText: '导出' }).click();
    const [shapefile] = await Promise.all([
      page.waitForEvent('download'),
      table.getByRole('link', { name: 'Shapefile（zip）' }).click(),
    ]);
    expect(shapefile.suggestedFilename()).toMatch(/^plots-\d{4}-\d{2}-\d{2}-sample\.zip$/);
    const zip = await readFile((await shapefile.path())!);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    expect(zip.includes('plots.dbf')).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'table-desktop-zh.png') });
    await page.context().close();
  });

  it('offers the table’s exports on a phone, in English, and the Excel file holds the plots', async () => {
    const expected = (await (await fetch(`${origin}/api/plots?status=reserved&limit=1`)).json())
      .total as number;
    const { page } = await open({ width: 390, height: 844 }, 'en', '/?status=reserved');
    await page.getByRole('button', { name: 'Table', exact: true }).click();
    const table = page.getByRole('region', { name: 'Attribute table' });
    await expect
      .poll(() => table.locator('.attribute-table__title').textContent())
      .toContain(`${expected} plots`);
    await table.locator('summary', { hasText: 'Export' }).click();
    const excel = table.getByRole('link', { name: 'Excel' });
    await excel.waitFor();
    const box = (await excel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(ARTIFACTS, 'table-export-phone-en.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), excel.click()]);
    expect(download.suggestedFilename()).toMatch(/^plots-\d{4}-\d{2}-\d{2}-sample\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe('Plot code');
    expect(sheet.rowCount).toBe(expected + 1);
    await page.context().close();
  });

  it('measures an area in mu by clicking the map, without picking plots', async () => {
    const { page } = await open({ width: 1440, height: 900 }, 'zh-CN', '/?map=14.00/33.60/119.23');
    await page.getByRole('button', { name: '测面积' }).click();
    const box = (await page.locator('.map').boundingBox())!;
    const pixels = [
      [600, 300],
      [900, 320],
      [820, 600],
    ] as const;
    for (const [x, y] of pixels) await page.mouse.click(box.x + x, box.y + y);
    const corners = await page.evaluate(
      (points) => points.map(([x, y]) => window.__landAtlasMap!.unproject([x!, y!]).toArray()),
      pixels.map((p) => [...p]),
    );
    const expectedMu =
      turfArea({ type: 'Polygon', coordinates: [[...corners, corners[0]!]] } as GeoJSON.Polygon) /
      (10000 / 15);
    const text = (await page.locator('.measure-tool__result').textContent())!;
    const shownMu = Number(/([\d,.]+) 亩/.exec(text)![1]!.replaceAll(',', ''));
    expect(Math.abs(shownMu - expectedMu) / expectedMu).toBeLessThan(0.005);
    expect(await page.locator('.plot-panel').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'measure-desktop-zh.png') });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: '测面积' }).getAttribute('aria-pressed')).resolves.toBe(
      'false',
    );
    await page.context().close();
  });

  it('shows a planner the indicators and the revitalization plan, and the public neither', async () => {
    const planner = await appFor(backend, pool, PLANNER, CLIENT_DIR);
    await planner.listen({ port: 0, host: '127.0.0.1' });
    const plannerOrigin = `http://127.0.0.1:${(planner.server.address() as { port: number }).port}`;
    try {
      const { rows } = await pool.query<{ id: number }>(
        `SELECT p.id FROM plots p JOIN revitalization_plans r ON r.plot_id = p.id
         WHERE p.tax_per_mu IS NOT NULL ORDER BY p.id LIMIT 1`,
      );
      const plotId = rows[0]!.id;
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${plannerOrigin}/?plot=${plotId}`);
      const panel = page.locator(`.plot-panel[data-plot-id="${plotId}"]`);
      await panel.waitFor({ timeout: 60_000 });
      await expect(panel.textContent()).resolves.toContain('亩均效益');
      await expect(panel.textContent()).resolves.toContain('一地一策');
      await expect(panel.textContent()).resolves.toContain('使用企业');
      // Its status history, ending with when it was recorded.
      await panel.locator('.timeline__item[data-action="plot.recorded"]').waitFor({ timeout: 30_000 });
      await expect(panel.locator('.timeline').textContent()).resolves.toMatch(/录入，状态为/);
      await page.locator('.map[data-ready="true"]').waitFor({ timeout: 120_000 });
      const statuses = await page.evaluate(() => [
        ...new Set(
          window
            .__landAtlasMap!.queryRenderedFeatures({ layers: ['plot-fill'] })
            .map((f) => f.properties.status),
        ),
      ]);
      // The planner's tiles carry the real lifecycle, not the public classes.
      expect(statuses).toContain('in_use');
      expect(statuses).not.toContain('occupied');
      await page.screenshot({ path: path.join(ARTIFACTS, 'plot-panel-planner-zh.png') });
      await page.goto(`${origin}/?plot=${plotId}`);
      await panel.waitFor({ timeout: 60_000 });
      const publicText = (await panel.textContent())!;
      for (const internal of ['亩均效益', '一地一策', '使用企业', '亩均评价等级', '状态记录'])
        expect(publicText).not.toContain(internal);
      await context.close();
    } finally {
      await planner.close();
    }
  });

  it('lets a planner colour plots by grade and filter by it from the legend; the public only by status', async () => {
    const planner = await appFor(backend, pool, PLANNER, CLIENT_DIR);
    await planner.listen({ port: 0, host: '127.0.0.1' });
    const plannerOrigin = `http://127.0.0.1:${(planner.server.address() as { port: number }).port}`;
    try {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      await page.goto(`${plannerOrigin}/?theme=grade`);
      await page.locator('.map[data-ready="true"]').waitFor({ timeout: 120_000 });
      const grades = () =>
        page.evaluate(() => [
          ...new Set(
            window
              .__landAtlasMap!.queryRenderedFeatures({ layers: ['plot-fill'] })
              .map((f) => f.properties.grade ?? null),
          ),
        ]);
      expect(await grades()).toEqual(expect.arrayContaining(['A', 'B', 'C', 'D']));
      // The fill colour follows the grade, not the status.
      const fill = await page.evaluate(() =>
        JSON.stringify(window.__landAtlasMap!.getPaintProperty('plot-fill', 'fill-color')),
      );
      expect(fill).toContain('grade');
      await expect(page.locator('[data-theme="grade"] [data-grade="D"]').textContent()).resolves.toMatch(
        /D 类[\s\S]*\d/,
      );
      // Unticking A, B and C leaves only grade D (and the URL says so).
      for (const grade of ['A', 'B', 'C', 'T']) {
        await page.locator(`[data-grade="${grade}"] input`).click();
      }
      await page.waitForFunction(() => new URL(window.location.href).searchParams.get('grade') === 'D');
      await settled(page);
      expect(await grades()).toEqual(['D']);
      await page.screenshot({ path: path.join(ARTIFACTS, 'theme-grade-planner-zh.png') });
      await page.locator('input[name="plot-theme"][value="inefficiency"]').check();
      await page.waitForFunction(
        () => new URL(window.location.href).searchParams.get('theme') === 'inefficiency',
      );
      await page.screenshot({ path: path.join(ARTIFACTS, 'theme-inefficiency-planner-zh.png') });
      await context.close();

      // The public may colour by status or control-line compliance (public data), never by grade;
      // a link asking for the grade theme shows the status theme.
      const { page: publicPage } = await open({ width: 1440, height: 900 }, 'zh-CN', '/?theme=grade');
      await publicPage.locator('input[name="plot-theme"]').first().waitFor();
      expect(
        await publicPage
          .locator('input[name="plot-theme"]')
          .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
      ).toEqual(['status', 'compliance']);
      await publicPage.waitForFunction(() => !new URL(window.location.href).searchParams.has('theme'));
      const publicFill = await publicPage.evaluate(() =>
        JSON.stringify(window.__landAtlasMap!.getPaintProperty('plot-fill', 'fill-color')),
      );
      expect(publicFill).toContain('status');
      await publicPage.context().close();
    } finally {
      await planner.close();
    }
  });

  it('draws control lines, core solid and transitional dashed, under a toggle', async () => {
    const { page } = await open({ width: 1440, height: 900 }, 'en');
    const lines = () =>
      page.evaluate(() => {
        const map = window.__landAtlasMap!;
        const levels = (layer: string) =>
          new Set(map.queryRenderedFeatures({ layers: [layer] }).map((f) => f.properties.level));
        return {
          core: [...levels('control-line-core')],
          transitional: [...levels('control-line-transitional')],
          dashed: map.getPaintProperty('control-line-transitional', 'line-dasharray') !== undefined,
        };
      });
    expect(await lines()).toEqual({ core: ['core'], transitional: ['transitional'], dashed: true });
    await page.locator('input[data-layer="controlLines"]').uncheck();
    await page.waitForFunction(
      () => new URL(window.location.href).searchParams.get('layers')?.includes('lines') === false,
    );
    expect(await lines()).toMatchObject({ core: [], transitional: [] });
    await page.context().close();
  });

  it('selects the plots inside a drawn area, counts them as the API does, and opens one', async () => {
    const { page } = await open({ width: 1440, height: 900 }, 'en');
    // Frame a dense spot: the largest available plot's neighbourhood.
    const plotId = (await (await fetch(`${origin}/api/plots?status=available&limit=1&sort=-areaMu`)).json())
      .items[0].id as number;
    const [lon, lat] = (await (await fetch(`${origin}/api/plots/${plotId}`)).json()).centroid as [
      number,
      number,
    ];
    await page.evaluate(
      ([lng, la]) =>
        new Promise((resolve) => {
          const map = window.__landAtlasMap!;
          map.jumpTo({ center: [lng!, la!], zoom: 14.5 });
          map.once('idle', resolve);
        }),
      [lon, lat],
    );
    await page.getByRole('button', { name: 'Select plots' }).click();
    const box = (await page.locator('.map canvas').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const corners: [number, number][] = [
      [cx - 160, cy - 110],
      [cx + 160, cy - 110],
      [cx + 160, cy + 110],
      [cx - 160, cy + 110],
    ];
    for (const [x, y] of corners.slice(0, 3)) {
      await page.mouse.click(x, y);
      await page.waitForTimeout(250);
    }
    await page.mouse.dblclick(corners[3]![0], corners[3]![1]);
    const summary = page.locator('.selection-panel__summary');
    await summary.waitFor({ timeout: 30_000 });
    const total = Number(await summary.getAttribute('data-total'));
    expect(total).toBeGreaterThan(0);
    // The same area asked of the API directly gives the same count.
    const ring = await page.evaluate((points) => {
      const map = window.__landAtlasMap!;
      const rect = map.getContainer().getBoundingClientRect();
      const lngLats = points.map(([x, y]) => map.unproject([x - rect.left, y - rect.top]).toArray());
      return [...lngLats, lngLats[0]!];
    }, corners);
    const api = await (
      await fetch(`${origin}/api/plots/selection`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ polygon: { type: 'Polygon', coordinates: [ring] } }),
      })
    ).json();
    expect(Math.abs(api.total - total)).toBeLessThanOrEqual(2); // a click lands within a pixel or so
    // The selected plots are outlined on the map.
    await settled(page);
    const outlined = await page.evaluate(
      () =>
        new Set(window.__landAtlasMap!.queryRenderedFeatures({ layers: ['plot-picked'] }).map((f) => f.id))
          .size,
    );
    expect(outlined).toBe(Math.min(total, 1000));
    await page.screenshot({ path: path.join(ARTIFACTS, 'selection-desktop-en.png') });
    // The drawn area is in the URL: a reload (or a shared link) selects the same plots again.
    expect(new URL(page.url()).searchParams.get('draw')).toMatch(/^[\d.,;]+$/);
    await page.reload();
    await summary.waitFor({ timeout: 60_000 });
    expect(Number(await summary.getAttribute('data-total'))).toBe(total);
    // A listed plot opens its panel.
    await page.locator('.selection-panel__item').first().click();
    await page.locator('.plot-panel[data-plot-id]').waitFor({ timeout: 30_000 });
    await page.context().close();
  });

  it('fits a phone screen in Chinese', async () => {
    const { page } = await open({ width: 390, height: 844 }, 'zh-CN');
    expect((await renderedPlots(page)).count).toBeGreaterThan(500);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'map-phone-zh.png') });
    await page.context().close();
  });
});
