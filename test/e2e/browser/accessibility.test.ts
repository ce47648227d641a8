import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Logger } from '@nestjs/common';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, seedDemo } from '../../../src/database/seed.js';
import { ScoringPool } from '../../../src/ml/index.js';
import { Company } from '../../../src/modules/companies/entities/company.entity.js';
import { Experience } from '../../../src/modules/experiences/entities/experience.entity.js';
import { ForumThread } from '../../../src/modules/forum/entities/forum-thread.entity.js';
import { Question } from '../../../src/modules/questions/entities/question.entity.js';
import { QuestionBankService } from '../../../src/modules/questions/question-bank.service.js';
import { ScoringService } from '../../../src/modules/scoring/scoring.service.js';
import { SearchIndexer } from '../../../src/modules/search/search-indexer.service.js';
import { browserSkipReason, startBrowserApp, type BrowserApp } from '../../support/browser.js';

// axe-core (the engine behind most accessibility checkers) on the pages people use, with the
// demo data in place: WCAG 2.x A and AA rules, colour contrast included. It finds what machines
// can (names, labels, contrast, landmarks, ARIA misuse); keyboard use is exercised by the other
// browser tests.
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

describe.skipIf(browserSkipReason)(browserSkipReason ?? 'accessibility of the main pages (axe-core, WCAG 2 A/AA)', () => {
  let app: BrowserApp;
  let base: string;
  // The site's Content-Security-Policy forbids the injected checker; only the checker is exempt.
  const contexts: BrowserContext[] = [];
  const paths: Record<string, string> = {};

  beforeAll(async () => {
    app = await startBrowserApp();
    base = app.base;
    await seedDemo(app.t.dataSource, new Logger('a11y-test'));
    await app.t.dataSource.transaction((m) => app.t.app.get(QuestionBankService).harvestAll(m));
    const experience = await app.t.dataSource.getRepository(Experience).findOneOrFail({ where: { status: 'published' }, order: { id: 'ASC' } });
    const company = await app.t.dataSource.getRepository(Company).findOneOrFail({ where: { status: 'active' }, order: { id: 'ASC' } });
    const question = await app.t.dataSource.getRepository(Question).findOneOrFail({ where: {}, order: { timesAsked: 'DESC', id: 'ASC' } });
    const thread = await app.t.dataSource.getRepository(ForumThread).findOneOrFail({ where: {}, order: { id: 'ASC' } });
    Object.assign(paths, { experience: `/experiences/${experience.id}`, company: `/companies/${company.slug}`, question: `/questions/${question.id}`, thread: `/forum/t/${thread.id}` });
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await app?.close();
  });

  const PHONE = { viewport: { width: 360, height: 800 }, isMobile: true, hasTouch: true };

  async function signedIn(role: 'student' | 'officer' | 'admin' | null, device: object = { viewport: { width: 1100, height: 900 } }): Promise<Page> {
    const context = await app.browser.newContext({ bypassCSP: true, ...device });
    contexts.push(context);
    const page = await context.newPage();
    if (role) {
      const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
      await page.goto(`${base}/login`);
      await page.getByLabel('E-mail').fill(account.email);
      await page.getByLabel('Password').fill(account.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.pathname !== '/login');
    }
    return page;
  }

  async function audit(page: Page, path: string): Promise<string[]> {
    await page.goto(base + path);
    return check(page, path);
  }

  /** axe over the page as it is now (`label` names it in the findings). */
  async function check(page: Page, label: string): Promise<string[]> {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return result.violations;
    });
    return violations.map((v) => `${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} [${n.failureSummary}]`).slice(0, 5).join(', ')}`);
  }

  it('finds no violations on public pages', async () => {
    const page = await signedIn(null);
    const found: string[] = [];
    for (const path of ['/', '/experiences', paths.experience!, '/companies', paths.company!, `${paths.company!}/stats`, '/questions', paths.question!, '/search?q=java', '/forum', paths.thread!, '/login', '/register', '/api/docs'])
      found.push(...(await audit(page, path)));
    expect(found).toEqual([]);
  });

  it("finds no violations on a student's pages, practice included", async () => {
    const page = await signedIn('student');
    const found: string[] = [];
    for (const path of ['/me', '/experiences/new', '/forum/new', '/practice', '/practice/new', '/practice/compare']) found.push(...(await audit(page, path)));
    await page.goto(`${base}/practice/new`);
    await page.getByLabel('Speak my answers').check();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.waitForURL(/\/practice\/\d+$/);
    found.push(...(await audit(page, new URL(page.url()).pathname)));

    // A scored report: marks in the answer, measurement tables, the session summary.
    await app.t.app.get(ScoringService).usePool(new ScoringPool({ size: 1, workerUrl: pathToFileURL(join(process.cwd(), 'dist/src/ml/scoring/scoring.worker.js')) }));
    await page.goto(`${base}/practice/new`);
    await page.getByLabel('Number of questions').fill('1');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.waitForURL(/\/practice\/\d+$/);
    await page.getByLabel('Your answer').fill('Basically there is many ways to do it, like, I would first explain the idea and then I has shown an example with the the data.');
    await page.getByRole('button', { name: /^Submit/ }).click();
    await page.locator('.score-big, .report-summary p:has-text("not enough evidence")').first().waitFor({ timeout: 60_000 });
    found.push(...(await audit(page, new URL(page.url()).pathname)));
    // Shared through a link: the owner's report with its link, and the read-only page a visitor sees.
    await page.getByRole('button', { name: 'Create a link' }).click();
    const link = await page.getByLabel('Link to this report').inputValue();
    found.push(...(await audit(page, new URL(page.url()).pathname)));
    found.push(...(await audit(await signedIn(null), new URL(link).pathname)));
    expect(found).toEqual([]);
  });

  it('fits a phone screen without sideways scrolling, and passes with the menu open', async () => {
    const found: string[] = [];
    const fits = async (page: Page, path: string) => {
      found.push(...(await audit(page, path)));
      // clientWidth, not innerWidth: a phone browser zooms out to fit a wide page, and innerWidth grows with it.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) found.push(`${path}: the page is ${overflow}px wider than the screen`);
      // Nor inside a table that scrolls sideways: a session's "Report" link in the last column was off-screen.
      const offscreen = await page.evaluate(() => Array.from(document.querySelectorAll('td')).filter((td) => td.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length);
      if (offscreen > 0) found.push(`${path}: ${offscreen} table cells lie beyond the right edge of the screen`);
    };
    const student = await signedIn('student', PHONE);
    for (const path of ['/me', '/experiences/new', '/practice', '/practice/new']) await fits(student, path);
    const officer = await signedIn('officer', PHONE);
    for (const path of ['/insights', '/moderation']) await fits(officer, path);
    const admin = await signedIn('admin', PHONE);
    for (const path of ['/admin/users', '/moderation/audit']) await fits(admin, path);
    const page = await signedIn(null, PHONE);
    for (const path of ['/', '/experiences', paths.experience!, paths.company!, `${paths.company!}/stats`, '/questions', '/search?q=java', paths.thread!, '/login']) {
      await fits(page, path);
      const menu = page.getByRole('button', { name: 'Menu' });
      const navLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Companies' });
      expect(await navLink.isVisible(), path).toBe(false);
      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      expect(await navLink.isVisible(), path).toBe(true);
      const search = await page.getByRole('navigation', { name: 'Main' }).getByRole('searchbox').boundingBox();
      expect(search!.width, `${path}: the menu's search box spans the screen`).toBeGreaterThan(300);
      found.push(...(await check(page, `${path} (menu open)`)));
    }
    expect(found).toEqual([]);
  });

  it('shows search results on a phone before the filters, with a link down to them', async () => {
    await app.t.app.get(SearchIndexer).reindexAll(); // the demo data was seeded after start-up
    const page = await signedIn(null, PHONE);
    await page.goto(`${base}/search?q=java`);
    const firstHit = await page.locator('.search-hit').first().boundingBox();
    const filters = page.getByRole('complementary', { name: 'Filters' });
    expect(firstHit!.y + firstHit!.height).toBeLessThan((await filters.boundingBox())!.y);
    expect(firstHit!.y).toBeLessThan(800); // on the first screen
    await page.getByRole('link', { name: 'Filter these results' }).click();
    await page.waitForURL(/#filters$/);
    expect(await filters.getByRole('link', { name: 'Kestrel Systems' }).isVisible()).toBe(true);
    // On a wide screen the filters stand to the left of the results, and the link is not needed.
    const wide = await signedIn(null);
    await wide.goto(`${base}/search?q=java`);
    expect((await wide.getByRole('complementary', { name: 'Filters' }).boundingBox())!.x).toBeLessThan((await wide.locator('.search-hit').first().boundingBox())!.x);
    expect(await wide.getByRole('link', { name: 'Filter these results' }).isVisible()).toBe(false);
  });

  it("keeps a student's header on one line on a laptop screen, search box included", async () => {
    const page = await signedIn('student');
    await page.goto(`${base}/experiences`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    const top = async (name: string | RegExp, role: 'link' | 'button' | 'searchbox') => (await nav.getByRole(role, { name }).boundingBox())!.y;
    const brand = await top('Interview Insights', 'link');
    for (const [name, role] of [['Search experiences and questions', 'searchbox'], ['Practice', 'link'], ['Sign out', 'button']] as const)
      expect(Math.abs((await top(name, role)) - brand), name).toBeLessThan(12);
  });

  it("finds no violations on an officer's pages", async () => {
    const page = await signedIn('officer');
    const found: string[] = [];
    for (const path of ['/insights', '/moderation']) found.push(...(await audit(page, path)));
    expect(found).toEqual([]);
  });
});
