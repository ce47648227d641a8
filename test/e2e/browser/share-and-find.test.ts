import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createCompany } from '../../factories/content.js';
import { createUser, FACTORY_PASSWORD } from '../../factories/users.js';
import { browserSkipReason, startBrowserApp, type BrowserApp } from '../../support/browser.js';
import type { TestApp } from '../../support/test-app.js';

// The flow issue 3 is "done" by: share anonymously with two rounds → officer approves → another
// student finds it through a misspelled word, sees facets, opens it without learning the author →
// the question is in the company's bank.
describe.skipIf(browserSkipReason)(browserSkipReason ?? 'share, moderate and find an experience in a real browser', () => {
  let app: BrowserApp;
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ t, browser, base } = app);
    await createCompany(t.dataSource, 'active', { name: 'Kestrel Systems', slug: 'kestrel-systems' });
  });
  afterAll(async () => app?.close());

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(`${base}/login`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(FACTORY_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
  }

  it('goes from an anonymous post to a search hit and the question bank', async () => {
    const author = await createUser(t.dataSource, 'student', { displayName: 'Ishaan Hiddenname' });
    const officer = await createUser(t.dataSource, 'officer');
    const reader = await createUser(t.dataSource, 'student');

    const authorPage = await browser.newPage();
    await signIn(authorPage, author.email);
    await authorPage.goto(`${base}/experiences/new`);
    await authorPage.getByLabel('Post anonymously').check();
    await authorPage.getByLabel('Company').fill('Kestrel Systems');
    await authorPage.getByLabel('Role', { exact: true }).fill('Software Engineer');
    await authorPage.getByLabel('Year of interview').fill('2025');
    await authorPage.getByLabel('How you applied').selectOption('on-campus');
    await authorPage.getByLabel('Outcome').selectOption('selected');
    await authorPage.getByLabel('Difficulty (1 easy – 5 very hard)').selectOption('4');
    await authorPage.getByLabel('How it went').fill('Two rounds in one day. The technical round went deep into graph algorithms and my internship project.');
    // The script turns the fixed blocks into an editable list: remove the third, keep two.
    await authorPage.locator('[data-round]').nth(2).getByRole('button', { name: 'Remove' }).click();
    expect(await authorPage.locator('[data-round]').count()).toBe(2);
    await authorPage.getByLabel('Kind').nth(0).selectOption('online-test');
    await authorPage.getByLabel('Title').nth(0).fill('Online assessment');
    await authorPage.getByLabel('Questions asked (one per line)').nth(0).fill('Count the islands in a grid');
    await authorPage.getByLabel('Kind').nth(1).selectOption('technical');
    await authorPage.getByLabel('Title').nth(1).fill('Technical interview');
    await authorPage.getByLabel('Questions asked (one per line)').nth(1).fill('Explain the Floyd Warshall algorithm\nWhat is a deadlock?');
    // The draft autosaves to the server while typing.
    await expect.poll(() => authorPage.locator('#draft-status').innerText(), { timeout: 10_000 }).toContain('Draft saved');
    await authorPage.getByRole('button', { name: 'Share experience' }).click();
    await authorPage.waitForURL(/\/experiences\/\d+$/);
    expect(await authorPage.locator('main').innerText()).toContain('A moderator will review');
    const experienceUrl = new URL(authorPage.url()).pathname;

    const officerPage = await browser.newPage();
    await signIn(officerPage, officer.email);
    await officerPage.goto(`${base}/moderation`);
    await officerPage.getByRole('button', { name: 'Approve' }).first().click();
    await officerPage.waitForURL(`${base}/moderation`);
    expect(await officerPage.locator('main').innerText()).toContain('Approved');

    const readerPage = await browser.newPage();
    await signIn(readerPage, reader.email);
    await readerPage.goto(`${base}/`);
    await readerPage.getByLabel('Search', { exact: true }).fill('warshal');
    await readerPage.getByLabel('Search', { exact: true }).press('Enter');
    await readerPage.waitForURL(/\/search\?q=warshal/);
    const hits = readerPage.locator('.search-hit');
    expect(await hits.count()).toBeGreaterThanOrEqual(1);
    expect(await readerPage.locator('.search-hit mark').first().innerText()).toMatch(/warshall/i);
    const facets = readerPage.getByRole('complementary', { name: 'Filters' });
    expect(await facets.innerText()).toContain('Kestrel Systems');
    expect(await facets.innerText()).toContain('Experiences');
    await readerPage.locator(`.search-hit a[href="${experienceUrl}"]`).click();
    await readerPage.waitForURL(`${base}${experienceUrl}`);
    expect(await readerPage.locator('.facts').innerText()).toContain('Anonymous');
    expect(await readerPage.content()).not.toContain('Hiddenname');

    await readerPage.goto(`${base}/companies/kestrel-systems/questions`);
    expect(await readerPage.locator('main').innerText()).toContain('Explain the Floyd Warshall algorithm');
    for (const page of [authorPage, officerPage, readerPage]) await page.close();
  });
});
