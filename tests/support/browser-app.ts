// The app as it runs, signed in by cookies and serving the built client, with a Chromium to drive it.
import { mkdir } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import type { AppOptions } from '../../server/src/app.ts';
import type { Pool } from '../../server/src/db/pool.ts';
import { sessionAppFor } from './app.ts';
import { type Backend, poolFor } from './backends.ts';
import { ARTIFACTS, CLIENT_DIR, launchChromium } from './browser.ts';

export interface BrowserApp {
  pool: Pool;
  app: FastifyInstance;
  browser: Browser;
  /** http://127.0.0.1:PORT */
  origin: string;
  close(): Promise<void>;
}

export async function serveForBrowser(
  backend: Backend,
  limits: Partial<Pick<AppOptions, 'inquiriesPerHour'>> = {},
): Promise<BrowserApp> {
  await mkdir(ARTIFACTS, { recursive: true });
  const pool = poolFor(backend);
  const app = await sessionAppFor(backend, pool, {
    clientDir: CLIENT_DIR,
    signInsPerMinute: 1000,
    ...limits,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const browser = await launchChromium();
  return {
    pool,
    app,
    browser,
    origin,
    async close() {
      await browser.close();
      await app.close();
      await pool.end();
    },
  };
}
