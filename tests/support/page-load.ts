// Loads a page in Chromium as a visitor would on a given connection, counting what crossed the wire
// (CDP's encoded bytes) and when the first content was painted.
import type { Browser } from 'playwright-core';

/** A slow mobile connection: ~1.6 Mbit/s down, 750 kbit/s up, 150 ms round trips. */
export const SLOW_3G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

export interface PageLoad {
  /** Bytes received (compressed, headers included), every request of the page until it was ready. */
  bytes: number;
  /** first-contentful-paint, ms from navigation start; null if the browser did not report one. */
  firstContentMs: number | null;
  /** ms from navigation start until `ready` was on the page. */
  readyMs: number;
  /** Every URL the page asked for. */
  urls: string[];
}

/**
 * Opens `url` in a fresh context with the cache disabled (and throttled when asked), waits for
 * `ready` and a quiet network, and reports what it cost.
 */
export async function measurePageLoad(
  browser: Browser,
  url: string,
  ready: string,
  options: {
    viewport?: { width: number; height: number };
    throttle?: typeof SLOW_3G;
    language?: string;
  } = {},
): Promise<PageLoad> {
  const language = options.language ?? 'zh-CN';
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 390, height: 844 },
    locale: language,
  });
  await context.addInitScript((lng) => window.localStorage.setItem('land-atlas.language', lng), language);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (options.throttle) await cdp.send('Network.emulateNetworkConditions', options.throttle);
    let bytes = 0;
    const urls: string[] = [];
    cdp.on('Network.requestWillBeSent', (event) => urls.push(event.request.url));
    cdp.on('Network.loadingFinished', (event) => {
      bytes += event.encodedDataLength;
    });
    await page.goto(url);
    await page.locator(ready).first().waitFor({ timeout: 120_000 });
    const readyMs = await page.evaluate(() => performance.now());
    await page.waitForLoadState('networkidle');
    const firstContentMs = await page.evaluate(
      () =>
        performance.getEntriesByType('paint').find((entry) => entry.name === 'first-contentful-paint')
          ?.startTime ?? null,
    );
    return { bytes, firstContentMs, readyMs, urls };
  } finally {
    await context.close();
  }
}
