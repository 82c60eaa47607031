// The system Chromium (never a downloaded one) as the browser tests and the benchmark drive it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CLIENT_DIR = path.resolve(import.meta.dirname, '../../client/dist');
export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');

/** Chromium is installed and the client has been built (npm test builds it first). */
export const browserAvailable = existsSync(CHROMIUM) && existsSync(path.join(CLIENT_DIR, 'index.html'));

/** Headless, with software WebGL (SwiftShader) so the map renders without a GPU, and quiet. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export type Language = 'zh-CN' | 'en';

/** A page in a fresh context (empty cache, no session) whose interface speaks `language`. */
export async function newPageIn(
  browser: Browser,
  language: Language,
  viewport: { width: number; height: number } = { width: 1440, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: language });
  await context.addInitScript((lng) => window.localStorage.setItem('land-atlas.language', lng), language);
  return context.newPage();
}

/** Signs in through the top bar's dialog, as a person would; the page reloads as the new viewer. */
export async function signInThroughPage(
  page: Page,
  username: string,
  password: string,
  language: Language,
): Promise<void> {
  await page.getByRole('button', { name: language === 'en' ? 'Sign in' : '登录', exact: true }).click();
  await page.locator('dialog input[name="username"]').fill(username);
  await page.locator('dialog input[name="password"]').fill(password);
  await Promise.all([page.waitForEvent('load'), page.locator('dialog button[type="submit"]').click()]);
}
