import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUser, FACTORY_PASSWORD } from '../../factories/users.js';
import { browserSkipReason, startBrowserApp, type BrowserApp } from '../../support/browser.js';
import type { TestApp } from '../../support/test-app.js';

describe.skipIf(browserSkipReason)(browserSkipReason ?? 'sign-in in a real browser', () => {
  let app: BrowserApp;
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ t, browser, base } = app);
  });
  afterAll(async () => app?.close());

  it('signs in with the keyboard, shows the role-aware navigation, and signs out', async () => {
    const officer = await createUser(t.dataSource, 'officer', { displayName: 'Meera Officer' });
    const page = await browser.newPage();
    await page.goto(`${base}/insights`);
    // A guarded page sends a signed-out visitor to sign in, then back.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');

    const wrong = page.getByLabel('Password');
    await page.getByLabel('E-mail').fill(officer.email);
    await wrong.fill('not the password');
    await wrong.press('Enter');
    await page.waitForSelector('.error-summary');
    expect(await page.locator('.error-summary').innerText()).toContain('do not match an account');
    expect(await page.getByLabel('E-mail').inputValue()).toBe(officer.email); // kept after the error

    await page.getByLabel('Password').fill(FACTORY_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/insights`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Placement insights');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Moderation' }).count()).toBe(1);
    expect(await nav.innerText()).toContain('Meera Officer');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/`);
    expect(await page.locator('.flash').innerText()).toContain('You have signed out.');
    expect(await nav.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
    await page.close();
  });
});
