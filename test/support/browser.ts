import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { startTestApp, type TestApp } from './test-app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests drive Debian's Chromium (never a downloaded browser). On a machine without it they
 * are skipped with this reason; in CI (CI=1) a missing browser is an error instead.
 */
export const browserSkipReason = existsSync(CHROMIUM) || process.env.CI ? null : `Chromium not found at ${CHROMIUM} (apt-get install chromium) — browser tests skipped`;

export async function launchBrowser(extraArgs: string[] = [], options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', ...extraArgs],
    ...options,
  });
}

/** Serves the test app on a loopback port and returns its base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export interface BrowserApp {
  t: TestApp;
  browser: Browser;
  base: string;
  close(): Promise<void>;
}

/** The real app on a fresh SQLite database, served on loopback, with a Chromium to drive it. */
export async function startBrowserApp(): Promise<BrowserApp> {
  const t = await startTestApp('sqlite');
  const base = await listen(t);
  const browser = await launchBrowser();
  return {
    t,
    browser,
    base,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}
