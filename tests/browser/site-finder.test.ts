// The site finder in Chromium: a planner asks for 600 mu, sees ranked sites outlined on the map and
// reserves one in one step; the public, on a phone, is offered available land only.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Pool } from '../../server/src/db/pool.ts';
import type { SiteSearchResult } from '../../server/src/site-search/schemas.ts';
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

describe.runIf(browserAvailable)('site finder in Chromium', () => {
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
    await pool.query(
      `UPDATE reservations SET status = 'released', closed_at = now() WHERE status = 'active' AND note = '示例：选址测试'`,
    );
    await pool.query(
      `UPDATE plots p SET status = rp.prior_status FROM reservation_plots rp JOIN reservations r ON r.id = rp.reservation_id
        WHERE r.note = '示例：选址测试' AND rp.plot_id = p.id AND p.status = 'reserved'`,
    );
    await pool.query('SELECT parcels_refresh()');
    await browser?.close();
    await app?.close();
    await pool?.end();
  });

  async function open(language: 'zh-CN' | 'en', viewport: { width: number; height: number }, user?: string) {
    const page = await newPageIn(browser, language, viewport);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/`);
    if (user) await signInThroughPage(page, user, password, language);
    await page.locator('.site-toggle').waitFor();
    return { page, errors };
  }

  async function search(page: Page, demand: string): Promise<SiteSearchResult> {
    await page.locator('.site-toggle').click();
    const panel = page.getByTestId('site-finder');
    await panel.locator('input[name="demandMu"]').fill(demand);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/site-search')),
      panel.locator('button[type="submit"]').click(),
    ]);
    expect(response.status()).toBe(200);
    return (await response.json()) as SiteSearchResult;
  }

  it('ranks sites for a planner, outlines them, and reserves one in one step', async () => {
    const { page, errors } = await open('zh-CN', { width: 1440, height: 900 }, 'planner');
    const result = await search(page, '600');
    expect(result.candidates.length).toBeGreaterThan(0);
    const panel = page.getByTestId('site-finder');
    await expect.poll(() => panel.locator('.site-finder__item').count()).toBe(result.candidates.length);
    // The list shows what the API ranked, in order, with its reasons.
    const first = panel.locator('.site-finder__item').first();
    expect(await first.getAttribute('data-rank')).toBe('1');
    expect(await first.textContent()).toContain('超出需求');
    // Each site is numbered on the map.
    await expect.poll(() => page.locator('.site-marker').count()).toBe(result.candidates.length);
    await first.locator('.site-finder__pick').click();
    await expect.poll(() => page.locator('.site-marker--selected').textContent()).toBe('1');
    await page.screenshot({ path: path.join(ARTIFACTS, 'site-finder-planner-zh.png') });
    // Reserve the best site for a project.
    await first.getByRole('button', { name: '预留此方案' }).click();
    const form = first.locator('form');
    await form.locator('textarea[name="note"], input[name="note"]').fill('示例：选址测试');
    const [reserved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/reservations') && r.request().method() === 'POST'),
      form.locator('button[type="submit"]').click(),
    ]);
    expect(reserved.status()).toBe(201);
    const { rows } = await pool.query<{ status: string }>(
      'SELECT DISTINCT status FROM plots WHERE id = ANY ($1)',
      [result.candidates[0]!.plotIds],
    );
    expect(rows.map((r) => r.status)).toEqual(['reserved']);
    expect(errors).toEqual([]);
  });

  it('offers the public available land only, on a phone, in English', async () => {
    const { page, errors } = await open('en', { width: 390, height: 844 });
    const result = await search(page, '600');
    const ids = result.candidates.flatMap((c) => c.plotIds);
    const { rows } = await pool.query<{ status: string }>(
      'SELECT DISTINCT status FROM plots WHERE id = ANY ($1)',
      [ids],
    );
    for (const row of rows) expect(row.status).toBe('available');
    const panel = page.getByTestId('site-finder');
    expect(await panel.textContent()).toContain('Only land ready to supply is shown');
    await expect
      .poll(() => panel.locator('.site-finder__summary').textContent())
      .toMatch(/sites among|No contiguous land/);
    // No reservation offered to the public.
    expect(await panel.getByRole('button', { name: 'Reserve this site' }).count()).toBe(0);
    // The leading industries to choose from are named in English; the choice is the zones' own name.
    const industries = panel.locator('select[name="industry"] option:not([value=""])');
    expect(await industries.count()).toBeGreaterThan(3);
    for (const label of await industries.allTextContents()) expect(label).not.toMatch(/[\u4e00-\u9fff]/);
    expect(
      await industries.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)),
    ).toContain('新能源汽车及零部件');
    await page.screenshot({ path: path.join(ARTIFACTS, 'site-finder-public-phone-en.png') });
    expect(errors).toEqual([]);
  });
});
