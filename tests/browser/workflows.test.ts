// Flag → review → reserve, as the three roles do it in a real Chromium, signed in through the page.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
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
  launchChromium,
  newPageIn,
  signInThroughPage,
} from '../support/browser.ts';

requireUnderCi(`Chromium at ${CHROMIUM} and a built client in client/dist`, browserAvailable);

describe.runIf(browserAvailable)('workflows in Chromium', () => {
  const backend = inject('backends')[0]!;
  const password = inject('demoPassword');
  let pool: Pool;
  let app: FastifyInstance;
  let browser: Browser;
  let origin: string;
  let plot: { id: number; code: string; status: string; inefficiency_type: string | null };

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    pool = poolFor(backend);
    app = await sessionAppFor(backend, pool, { clientDir: CLIENT_DIR, signInsPerMinute: 1000 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
    const { rows } = await pool.query(
      `SELECT p.id, p.code, p.status, p.inefficiency_type FROM plots p JOIN zones z ON z.id = p.zone_id
       WHERE z.code = 'HA-ETDZ' AND p.status = 'in_use'
         AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.plot_id = p.id)
       ORDER BY p.area_mu DESC LIMIT 1`,
    );
    plot = rows[0];
  });
  afterAll(async () => {
    await pool.query(
      `UPDATE reservations SET status = 'released', closed_at = now()
       WHERE status = 'active' AND id IN (SELECT reservation_id FROM reservation_plots WHERE plot_id = $1)`,
      [plot.id],
    );
    await pool.query('UPDATE plots SET status = $2, inefficiency_type = $3 WHERE id = $1', [
      plot.id,
      plot.status,
      plot.inefficiency_type,
    ]);
    await pool.query('DELETE FROM flags WHERE plot_id = $1', [plot.id]);
    await browser?.close();
    await app?.close();
    await pool?.end();
  });

  /** Opens the map at a plot and signs in through the top bar's dialog. */
  async function signedIn(
    username: string,
    language: 'zh-CN' | 'en' = 'zh-CN',
    viewport = { width: 1440, height: 900 },
  ): Promise<Page> {
    const page = await newPageIn(browser, language, viewport);
    await page.goto(`${origin}/?plot=${plot.id}`);
    await signInThroughPage(page, username, password, language);
    await page.locator(`.plot-panel[data-plot-id="${plot.id}"]`).waitFor({ timeout: 60_000 });
    return page;
  }

  it('takes a plot from a zone manager’s flag, through a planner’s review, to a reservation the public sees', async () => {
    // 1. The zone manager flags the plot as idle.
    const manager = await signedIn('zone_manager');
    const panel = manager.locator('.plot-panel');
    await panel.getByRole('button', { name: '标记地块' }).click();
    await panel.locator('select[name="proposedStatus"]').selectOption('idle');
    await panel.locator('select[name="proposedInefficiencyType"]').selectOption('idle');
    await panel.locator('textarea[name="reason"]').fill('样例：厂房空置两年，无生产活动');
    await panel.getByRole('button', { name: '提交标记' }).click();
    await panel.locator('.timeline__item[data-action="flag.created"]').waitFor({ timeout: 30_000 });
    await manager.getByTestId('work-toggle').click();
    const mine = manager.locator('[data-testid="workbench"] .work-item', { hasText: plot.code });
    await expect(mine.locator('.state').textContent()).resolves.toBe('待审核');
    await manager.screenshot({ path: path.join(ARTIFACTS, 'workflow-1-flag-zone-manager-zh.png') });
    await manager.context().close();

    // 2. A planner finds it in the review queue and approves it; the plot becomes idle.
    const planner = await signedIn('planner', 'en');
    await planner.getByTestId('work-toggle').click();
    const queued = planner.locator('[data-testid="workbench"] .work-item', { hasText: plot.code });
    await queued.waitFor({ timeout: 30_000 });
    await queued.getByRole('textbox').fill('confirmed on site');
    await queued.getByRole('button', { name: 'Approve' }).click();
    await queued.waitFor({ state: 'detached', timeout: 30_000 });
    const status = planner.locator('.plot-panel .status-chip[data-status]');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 30_000 }).toBe('idle');
    // The map recolours the plot too: its tiles are fetched again after the approval.
    const onMap = () =>
      planner.evaluate(
        (id) =>
          window
            .__landAtlasMap!.queryRenderedFeatures({ layers: ['plot-fill'], filter: ['==', ['id'], id] })
            .map((f) => f.properties.status)[0] ?? null,
        plot.id,
      );
    await expect.poll(onMap, { timeout: 30_000 }).toBe('idle');
    await planner.screenshot({ path: path.join(ARTIFACTS, 'workflow-2-review-planner-en.png') });

    // 3. The planner reserves it for a project.
    await planner.getByTestId('work-toggle').click();
    const plotPanel = planner.locator('.plot-panel');
    await plotPanel.getByRole('button', { name: 'Reserve for a project' }).click();
    await plotPanel.getByRole('button', { name: 'Reserve', exact: true }).click();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 30_000 }).toBe('reserved');
    await plotPanel.getByTestId('held-by').waitFor({ timeout: 30_000 });
    const project = (await plotPanel.getByTestId('held-by').textContent())!;
    expect(project).toMatch(/Reserved for \S+/);
    await planner.screenshot({ path: path.join(ARTIFACTS, 'workflow-3-reserve-planner-en.png') });
    await planner.context().close();

    // 4. The public sees it reserved, with no project and no history.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const visitor = await context.newPage();
    const bodies: string[] = [];
    visitor.on('response', async (response) => {
      if (response.url().includes('/api/')) bodies.push(await response.text().catch(() => ''));
    });
    await visitor.goto(`${origin}/?plot=${plot.id}`);
    const publicPanel = visitor.locator(`.plot-panel[data-plot-id="${plot.id}"]`);
    await publicPanel.waitFor({ timeout: 60_000 });
    await expect(publicPanel.locator('.status-chip[data-status]').getAttribute('data-status')).resolves.toBe(
      'reserved',
    );
    const text = (await publicPanel.textContent())!;
    expect(text).not.toContain('状态记录');
    expect(text).not.toContain('标记地块');
    for (const body of bodies) expect(body).not.toContain('样例：厂房空置');
    await visitor.screenshot({ path: path.join(ARTIFACTS, 'workflow-4-public-phone-zh.png') });
    await context.close();
  });

  it('sends a visitor’s inquiry about an available plot to the zone manager’s inbox', async () => {
    const { rows } = await pool.query(
      `SELECT p.id, p.code FROM plots p JOIN zones z ON z.id = p.zone_id
       WHERE z.code = 'HA-ETDZ' AND p.status = 'available' ORDER BY p.area_mu DESC LIMIT 1`,
    );
    const target = rows[0] as { id: number; code: string };
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en' });
    await context.addInitScript(() => window.localStorage.setItem('land-atlas.language', 'en'));
    const visitor = await context.newPage();
    await visitor.goto(`${origin}/?plot=${target.id}`);
    const panel = visitor.locator(`.plot-panel[data-plot-id="${target.id}"]`);
    await panel.waitFor({ timeout: 60_000 });
    await panel.getByRole('button', { name: 'Ask about this plot' }).click();
    await panel.getByLabel('Contact name').fill('Sample Visitor');
    await panel.getByLabel('Company').fill('Sample Test Co. (browser)');
    await panel.getByLabel('Mobile or landline').fill('13900000000');
    await panel.getByLabel('Land needed (mu)').fill('80');
    await panel.getByRole('button', { name: 'Send inquiry' }).click();
    const sent = panel.getByTestId('inquiry-sent');
    await sent.waitFor({ timeout: 30_000 });
    const reference = /INQ-\d{6}/.exec((await sent.textContent())!)![0];
    await visitor.screenshot({ path: path.join(ARTIFACTS, 'inquiry-sent-phone-en.png') });
    await context.close();

    try {
      // On a phone: the workbench is a bottom sheet.
      const manager = await signedIn('zone_manager', 'zh-CN', { width: 390, height: 844 });
      await manager.locator('.plot-panel button[aria-label="关闭"]').click();
      await manager.getByTestId('work-toggle').click();
      await manager.getByRole('tab', { name: '咨询收件箱' }).click();
      const item = manager.locator(`[data-inquiry="${reference}"]`);
      await item.waitFor({ timeout: 30_000 });
      await expect(item.textContent()).resolves.toContain('Sample Test Co. (browser)');
      await expect(item.textContent()).resolves.toContain(target.code);
      const overflow = await manager.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await manager.screenshot({ path: path.join(ARTIFACTS, 'inquiry-inbox-zone-manager-phone-zh.png') });
      await manager.context().close();
    } finally {
      await pool.query("DELETE FROM inquiries WHERE company = 'Sample Test Co. (browser)'");
    }
  });

  it('lets a planner reserve the plots a drawn area selects, in one reservation', async () => {
    const planner = await signedIn('planner', 'en');
    await planner.locator('.plot-panel button[aria-label="Close"]').click();
    await planner.locator('.map[data-ready="true"]').waitFor({ timeout: 120_000 });
    // Frame the neighbourhood of the city's largest available plot, then draw a box round the middle.
    const { rows } = await pool.query(
      `SELECT ST_X(ST_Centroid(geom)) AS lon, ST_Y(ST_Centroid(geom)) AS lat FROM plots
       WHERE status = 'available' ORDER BY area_mu DESC LIMIT 1`,
    );
    await planner.evaluate(
      ([lng, lat]) =>
        new Promise((resolve) => {
          const map = window.__landAtlasMap!;
          map.jumpTo({ center: [lng!, lat!], zoom: 14.5 });
          map.once('idle', resolve);
        }),
      [rows[0].lon as number, rows[0].lat as number],
    );
    await planner.getByRole('button', { name: 'Select plots' }).click();
    const box = (await planner.locator('.map canvas').boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    for (const [x, y] of [
      [cx - 200, cy - 120],
      [cx + 200, cy - 120],
      [cx + 200, cy + 120],
    ]) {
      await planner.mouse.click(x!, y!);
      await planner.waitForTimeout(250);
    }
    await planner.mouse.dblclick(cx - 200, cy + 120);
    const reserve = planner.getByRole('button', { name: /Reserve the reservable plots \(\d+\)/ });
    await reserve.waitFor({ timeout: 30_000 });
    const count = Number(/(\d+)/.exec((await reserve.textContent())!)![1]);
    expect(count).toBeGreaterThan(1);
    const before = (await pool.query('SELECT coalesce(max(id), 0)::int AS id FROM reservations')).rows[0].id;
    await reserve.click();
    await planner.locator('.selection-panel').getByRole('button', { name: 'Reserve', exact: true }).click();
    await expect
      .poll(
        async () =>
          (await pool.query('SELECT count(*)::int AS n FROM reservations WHERE id > $1', [before])).rows[0].n,
        {
          timeout: 30_000,
        },
      )
      .toBe(1);
    const made = (await pool.query('SELECT id FROM reservations WHERE id > $1', [before])).rows[0].id;
    try {
      const held = await pool.query(
        'SELECT count(*)::int AS n FROM reservation_plots WHERE reservation_id = $1',
        [made],
      );
      expect(held.rows[0].n).toBe(count);
      await planner.screenshot({ path: path.join(ARTIFACTS, 'reserve-selection-planner-en.png') });
    } finally {
      await pool.query(
        `UPDATE plots p SET status = rp.prior_status FROM reservation_plots rp
         WHERE rp.reservation_id = $1 AND p.id = rp.plot_id`,
        [made],
      );
      await pool.query("UPDATE reservations SET status = 'released', closed_at = now() WHERE id = $1", [
        made,
      ]);
      await planner.context().close();
    }
  });
});
