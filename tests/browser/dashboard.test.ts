// The dashboard (统计) in a real Chromium: opened from the top bar, its figures those of the API,
// its place in the URL, and ECharts fetched only when it opens, never by the map's first load.
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Dashboard } from '../../server/src/dashboard/schemas.ts';
import type { Pool } from '../../server/src/db/pool.ts';
import { sessionAppFor } from '../support/app.ts';
import { poolFor, requireUnderCi } from '../support/backends.ts';
import {
  ARTIFACTS,
  browserAvailable,
  CHROMIUM,
  CLIENT_DIR,
  launchChromium,
  newPageIn,
  signInThroughPage,
} from '../support/browser.ts';

requireUnderCi(`Chromium at ${CHROMIUM} and a built client in client/dist`, browserAvailable);

/** The built chunks only the dashboard needs (named by the client's build). */
const DASHBOARD_CHUNK = /\/assets\/(echarts|dashboard-screen)-[\w-]+\.js$/;

describe.runIf(browserAvailable)('the dashboard in Chromium', () => {
  const backend = inject('backends')[0]!;
  const password = inject('demoPassword');
  let pool: Pool;
  let app: FastifyInstance;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    pool = poolFor(backend);
    app = await sessionAppFor(backend, pool, { clientDir: CLIENT_DIR, signInsPerMinute: 1000 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await pool?.end();
  });

  /** A page recording every URL it requests, in a language, optionally signed in through the dialog. */
  async function open(options: {
    path?: string;
    user?: string;
    language?: 'zh-CN' | 'en';
    viewport?: { width: number; height: number };
  }) {
    const language = options.language ?? 'zh-CN';
    const page = await newPageIn(browser, language, options.viewport);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${origin}${options.path ?? '/'}`);
    if (options.user) await signInThroughPage(page, options.user, password, language);
    return { page, requests };
  }

  /** The API's answer for this page's session (the browser's own cookie). */
  async function apiDashboard(page: Page, query = ''): Promise<Dashboard> {
    const response = await page.request.get(`${origin}/api/dashboard${query}`);
    expect(response.status()).toBe(200);
    return (await response.json()) as Dashboard;
  }

  const kpi = (page: Page, id: string) =>
    page.getByTestId(`kpi-${id}`).getAttribute('data-value').then(Number);

  it('keeps the dashboard and ECharts out of the map’s first load', async () => {
    // The chunks exist (so their absence below means something).
    const assets = await readdir(path.join(CLIENT_DIR, 'assets'));
    expect(assets.filter((name) => DASHBOARD_CHUNK.test(`/assets/${name}`)).length).toBeGreaterThanOrEqual(2);

    const { page, requests } = await open({ user: 'planner' });
    await page.locator('.map[data-ready="true"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('dashboard-toggle').waitFor();
    expect(requests.filter((url) => DASHBOARD_CHUNK.test(url))).toEqual([]);

    await page.getByTestId('dashboard-toggle').click();
    await page.getByTestId('kpi-plots').waitFor({ timeout: 60_000 });
    expect(requests.filter((url) => /\/assets\/echarts-/.test(url)).length).toBeGreaterThan(0);
    await page.context().close();

    // A visitor following a dashboard link sees the map, and fetches none of it.
    const visitor = await open({ path: '/?view=dashboard' });
    await visitor.page.locator('.map[data-ready="true"]').waitFor({ timeout: 120_000 });
    expect(await visitor.page.getByTestId('dashboard').count()).toBe(0);
    expect(visitor.requests.filter((url) => DASHBOARD_CHUNK.test(url))).toEqual([]);
    await visitor.page.context().close();
  });

  it('opens for a planner from the top bar with the API’s figures, filters by district, and reopens from its link', async () => {
    const { page } = await open({ user: 'planner' });
    await page.getByTestId('dashboard-toggle').click();
    await page.getByTestId('kpi-plots').waitFor({ timeout: 60_000 });
    const city = await apiDashboard(page);
    expect(await kpi(page, 'plots')).toBe(city.totals.plots.count);
    expect(await kpi(page, 'inefficient')).toBe(city.totals.inefficient.areaMu);
    expect(await kpi(page, 'revitalized')).toBe(city.totals.revitalized.areaMu);
    expect(await page.getByTestId('dashboard-sample-badge').textContent()).toBe('示例数据');
    expect(await page.locator('[data-testid="dashboard-table-districts"] tbody tr').count()).toBe(
      city.byDistrict.length,
    );
    await page.locator('.dashboard-chart__canvas canvas').first().waitFor();
    expect(new URL(page.url()).searchParams.get('view')).toBe('dashboard');
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-desktop-zh.png') });

    // One district: the figures follow, and the URL says which.
    const district = city.byDistrict[2]!;
    await page.locator('select[name="district"]').selectOption(district.districtCode);
    await expect.poll(() => kpi(page, 'plots'), { timeout: 30_000 }).toBe(district.figures.plots.count);
    expect(new URL(page.url()).searchParams.get('district')).toBe(district.districtCode);
    const scoped = await apiDashboard(page, `?districtCode=${district.districtCode}`);
    expect(await kpi(page, 'parcels')).toBe(scoped.totals.parcels.count);

    // The link reopens the same view.
    await page.reload();
    await page.getByTestId('kpi-plots').waitFor({ timeout: 60_000 });
    expect(await kpi(page, 'plots')).toBe(district.figures.plots.count);
    expect(await page.locator('select[name="district"]').inputValue()).toBe(district.districtCode);

    // Closing it goes back to the map.
    await page.getByRole('button', { name: '关闭统计' }).click();
    expect(await page.getByTestId('dashboard').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('view')).toBeNull();
    await page.context().close();
  });

  it('shows a zone manager their zone’s figures on a phone, in English', async () => {
    const { page } = await open({
      user: 'zone_manager',
      language: 'en',
      viewport: { width: 390, height: 844 },
      path: '/?view=dashboard',
    });
    await page.getByTestId('kpi-plots').waitFor({ timeout: 60_000 });
    const own = await apiDashboard(page);
    expect(own.scope.zoneIds).toHaveLength(1);
    expect(await kpi(page, 'plots')).toBe(own.totals.plots.count);
    expect(await page.locator('[data-testid="dashboard-table-zones"] tbody tr').count()).toBe(1);
    expect(await page.getByTestId('dashboard-sample-badge').textContent()).toBe('Sample data');
    // Nothing runs off the side of a phone: not the top bar, not the dashboard.
    const overflow = await page.evaluate(() =>
      ['.top-bar', '.dashboard__header', '.dashboard__body'].map((selector) => {
        const element = document.querySelector(selector)!;
        return element.scrollWidth - element.clientWidth;
      }),
    );
    expect(overflow).toEqual([0, 0, 0]);
    await page.locator('.dashboard-chart__canvas canvas').first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-phone-en.png') });
    await page.context().close();
  });
});
