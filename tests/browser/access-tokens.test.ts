import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { requireUnderCi } from '../support/backends.ts';
import { ARTIFACTS, browserAvailable, CHROMIUM, newPageIn, signInThroughPage } from '../support/browser.ts';
import { type BrowserApp, serveForBrowser } from '../support/browser-app.ts';

requireUnderCi(`Chromium at ${CHROMIUM} and a built client in client/dist`, browserAvailable);

describe.runIf(browserAvailable)('access tokens in the workbench, in Chromium', () => {
  const backend = inject('backends')[0]!;
  const password = inject('demoPassword');
  let served: BrowserApp;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    served = await serveForBrowser(backend);
    ({ browser, origin } = served);
  });
  afterAll(async () => served?.close());

  /** What QGIS or ogr2ogr would get with this token. */
  const readWith = (token: string) =>
    fetch(`${origin}/ogc/collections/plots/items?limit=100&f=json`, {
      headers: { authorization: `Bearer ${token}` },
    });

  it('makes a token shown once with how to use it, reads as the planner with it, and revokes it', async () => {
    const page = await newPageIn(browser, 'en', { width: 1440, height: 900 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/`);
    await signInThroughPage(page, 'planner', password, 'en');
    await page.getByTestId('work-toggle').click();
    await page.locator('[data-testid="workbench"] [data-tab="tokens"]').click();
    const panel = page.getByTestId('access-tokens');
    await panel.getByLabel('What it is for').fill('QGIS on the office PC (browser test)');
    await panel.getByLabel('Valid for').selectOption('30');
    await panel.getByRole('button', { name: 'Make token' }).click();

    const made = page.getByTestId('made-token');
    await made.waitFor();
    const token = await page.getByTestId('token-secret').inputValue();
    expect(token).toMatch(/^la_[A-Za-z0-9_-]{43}$/);
    expect(await made.textContent()).toContain('shown this once');
    expect(await made.textContent()).toContain(`${origin}/ogc`);
    expect(await made.locator('pre').textContent()).toContain(
      `GDAL_HTTP_HEADERS "Authorization: Bearer ${token}"`,
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'access-token-made-desktop-en.png') });

    // A desktop client reads the planner's view with it: internal attributes included.
    const answer = await readWith(token);
    expect(answer.status).toBe(200);
    const { features } = (await answer.json()) as { features: { properties: object }[] };
    expect(features.some((feature) => 'enterpriseName' in feature.properties)).toBe(true);

    // Once saved, the secret is gone from the page; the list keeps the name and dates only.
    await made.getByRole('button', { name: 'I have saved it' }).click();
    await made.waitFor({ state: 'detached' });
    const row = panel.locator('.work-item', { hasText: 'QGIS on the office PC (browser test)' });
    await row.waitFor();
    expect(await panel.textContent()).not.toContain(token);
    expect(await row.textContent()).toMatch(/valid until/);

    // Revoked in the workbench, the client is refused at once.
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.waitFor({ state: 'detached' });
    const refused = await readWith(token);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { message: string }).message).toMatch(/revoked/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('fits the token panel on a phone, in Chinese', async () => {
    const page = await newPageIn(browser, 'zh-CN', { width: 390, height: 844 });
    await page.goto(`${origin}/`);
    await signInThroughPage(page, 'zone_manager', password, 'zh-CN');
    await page.getByTestId('work-toggle').click();
    await page.locator('[data-testid="workbench"] [data-tab="tokens"]').click();
    const panel = page.getByTestId('access-tokens');
    await panel.getByLabel('用途').fill('手机测试（示例）');
    await panel.getByRole('button', { name: '生成令牌' }).click();
    await page.getByTestId('made-token').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const secret = (await page.getByTestId('token-secret').boundingBox())!;
    expect(secret.x + secret.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(ARTIFACTS, 'access-token-made-phone-zh.png') });
    await page.getByTestId('made-token').getByRole('button', { name: '我已保存' }).click();
    const row = panel.locator('.work-item', { hasText: '手机测试（示例）' });
    await row.getByRole('button', { name: '撤销' }).click();
    await row.getByRole('button', { name: '撤销' }).click();
    await row.waitFor({ state: 'detached' });
    await page.context().close();
  });
});
