// The system Chromium (never a downloaded one) as the browser tests and the benchmark drive it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';

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
