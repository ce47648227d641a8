import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PocketsphinxTranscriber, ScoringPool } from '../../../src/ml/index.js';
import { PracticeAnswer } from '../../../src/modules/practice/entities/practice-answer.entity.js';
import { QuestionBankService } from '../../../src/modules/questions/question-bank.service.js';
import { ScoringService } from '../../../src/modules/scoring/scoring.service.js';
import { createCompany, createExperience } from '../../factories/content.js';
import { createUser, FACTORY_PASSWORD } from '../../factories/users.js';
import { browserSkipReason, launchBrowser, listen } from '../../support/browser.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

// Chromium's fake microphone plays this real LibriVox clip (pocketsphinx-testdata) in a loop.
const CLIP = '/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav';
const CLIP_TEXT = 'and mister john dashwood had then leisure to consider how much there might be prudently in his power to do for them';
const skip = browserSkipReason ?? (PocketsphinxTranscriber.isAvailable() && existsSync(CLIP) ? null : 'pocketsphinx or its test data is not installed — recorded-answer browser test skipped');

describe.skipIf(skip)(skip ?? 'a recorded practice answer in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    await t.app.get(ScoringService).usePool(new ScoringPool({ size: 1, workerUrl: pathToFileURL(join(process.cwd(), 'dist/src/ml/scoring/scoring.worker.js')) }));
    base = await listen(t);
    browser = await launchBrowser(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${CLIP}`]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Signs in through the form and starts a one-question spoken session from the set-up page. */
  async function startSpokenSession(page: Page, email: string, thinking = '30 seconds'): Promise<void> {
    await page.goto(`${base}/login?next=/practice/new`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(FACTORY_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/practice/new`);
    await page.getByLabel('Number of questions').fill('1');
    await page.getByLabel('Speak my answers').check();
    await page.getByLabel('Thinking time before each spoken answer').selectOption({ label: thinking });
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.waitForURL(/\/practice\/\d+$/);
  }

  it('records the microphone, uploads, shows the transcript to correct, and reports delivery', async () => {
    // Opted in to camera analysis: Chromium's fake camera (a moving test pattern, no face) is on too.
    const student = await createUser(t.dataSource, 'student', { expressionAnalysis: true });
    const acme = await createCompany(t.dataSource, 'active', { name: 'Acme Systems', slug: 'acme-systems' });
    await createExperience(t.dataSource, 'published', { company: acme, rounds: [{ kind: 'hr', questions: ['Tell me about yourself.'] }] });
    await t.dataSource.transaction((m) => t.app.get(QuestionBankService).harvestAll(m));

    const page = await browser.newPage();
    await startSpokenSession(page, student.email);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Tell me about yourself.');

    // Thinking time runs first; "Start now" skips the rest of it.
    await expect.poll(() => page.locator('[data-thinking-clock]').innerText()).toMatch(/^0:(30|29|28)$/);
    await page.getByRole('button', { name: 'Start now' }).click();
    await expect.poll(() => page.locator('[data-status]').innerText()).toContain('Recording.');
    expect(await page.locator('[data-thinking]').isVisible()).toBe(false);
    expect(await page.getByLabel('Your camera preview').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /^Start/ }).isVisible()).toBe(false);
    await page.waitForTimeout(7500); // the clip is ≈ 7 s
    await page.getByRole('button', { name: 'Stop and send' }).click();

    // Upload → transcription in the background → the page moves on by itself to the review.
    await page.getByRole('heading', { name: 'Check what we heard' }).waitFor({ timeout: 60_000 });
    // Not recording any more: no stale preview or stop button.
    expect(await page.getByLabel('Your camera preview').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Stop and send' }).isVisible()).toBe(false);
    const transcript = page.getByLabel('Transcript');
    const heard = new Set((await transcript.inputValue()).split(/\s+/));
    expect(CLIP_TEXT.split(' ').filter((w) => heard.has(w)).length).toBeGreaterThanOrEqual(8);
    const answer = await t.dataSource.getRepository(PracticeAnswer).findOneByOrFail({ position: 1 });
    expect(answer.recordingFile).toMatch(/\.(webm|ogg|m4a)$/);

    await transcript.fill(CLIP_TEXT.replace('leisure to', 'leisure um to'));
    await page.getByRole('button', { name: 'Submit and see the report' }).click();
    await page.locator('.score-big').waitFor({ timeout: 60_000 });
    const report = await page.locator('.report-answer').innerText();
    expect(report).toContain('Pace');
    // ≈ 2 frames a second reached the scorer; a test pattern shows no face, and the report says so rather than scoring it.
    const scored = JSON.parse((await t.dataSource.getRepository(PracticeAnswer).findOneByOrFail({ position: 1 })).result!);
    expect(scored.presence.frames).toBeGreaterThanOrEqual(10);
    expect(scored.presence.oneFaceRatio).toBe(0);
    expect(report).toContain('Not enough evidence for presence');
    // A filler word plays the recording from just before it was said (by mouse or keyboard).
    const um = page.locator('mark.mark-filler[data-seek-ms]');
    const at = Number(await um.getAttribute('data-seek-ms')) / 1000;
    expect(await um.getAttribute('role')).toBe('button');
    await um.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.report-answer audio').evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThanOrEqual(Math.max(0, at - 0.5));
    // The report prints (or saves as PDF) through the browser's dialog.
    await page.evaluate(() => (window.print = () => void (document.body.dataset.printed = 'yes')));
    await page.getByRole('button', { name: 'Print or save as PDF' }).click();
    expect(await page.evaluate(() => document.body.dataset.printed)).toBe('yes');

    // Shared with its recording: the member copies the link, and a visitor (signed out) plays the answer.
    await page.getByLabel('Let people with the link listen to the recordings').check();
    await page.getByRole('button', { name: 'Create a link' }).click();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect.poll(() => page.locator('[data-copy-status]').innerText()).toBe('Copied.');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(await page.getByLabel('Link to this report').inputValue());
    const visitor = await browser.newContext();
    const shared = await visitor.newPage();
    await shared.goto(base + new URL(link).pathname);
    expect(await shared.locator('.lede').innerText()).toContain(`Shared by ${student.displayName}`);
    const duration = await shared.locator('.report-answer audio').evaluate(
      (audio: HTMLAudioElement) =>
        new Promise<number>((resolve, reject) => {
          audio.addEventListener('loadedmetadata', () => resolve(audio.duration));
          audio.addEventListener('error', () => reject(new Error('the recording did not load')));
          audio.preload = 'metadata';
          audio.load();
        }),
    );
    expect(duration).toBeGreaterThan(0);
    await visitor.close();
    await page.close();
  });

  it('starts recording by itself when the thinking time is over, unless the member chose to type', async () => {
    const student = await createUser(t.dataSource, 'student');
    const context = await browser.newContext();
    await context.clock.install();
    const page = await context.newPage();
    await startSpokenSession(page, student.email, '15 seconds');
    const room = page.url();
    await expect.poll(() => page.locator('[data-thinking-clock]').innerText()).toMatch(/^0:1[45]$/);
    expect(await page.locator('[data-status]').innerText()).toContain('Thinking time: 15 seconds.');
    await context.clock.fastForward(16_000);
    await expect.poll(() => page.locator('[data-status]').innerText()).toContain('Recording.');
    expect(await page.getByRole('button', { name: 'Stop and send' }).isVisible()).toBe(true);
    await page.close(); // nothing sent: the answer stays open

    const again = await context.newPage();
    await again.goto(room);
    await expect.poll(() => again.locator('[data-thinking-clock]').innerText()).toMatch(/^0:1[45]$/);
    await again.getByText('Type this answer instead').click();
    await expect.poll(() => again.locator('[data-status]').innerText()).toContain('Thinking time stopped');
    await context.clock.fastForward(30_000);
    expect(await again.locator('[data-status]').innerText()).not.toContain('Recording.');
    expect(await again.getByRole('button', { name: 'Start recording' }).isVisible()).toBe(true);
    await context.close();
  });

  it('keeps a recording that could not be sent, and sends it when the room is opened again', async () => {
    const student = await createUser(t.dataSource, 'student');
    const context = await browser.newContext();
    const page = await context.newPage();
    await startSpokenSession(page, student.email, 'None: I start recording myself');
    const room = page.url();
    expect(await page.locator('[data-thinking]').count()).toBe(0);

    await page.getByRole('button', { name: 'Start recording' }).click();
    await expect.poll(() => page.locator('[data-status]').innerText()).toContain('Recording.');
    await page.waitForTimeout(3000);
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Stop and send' }).click();
    await expect.poll(() => page.locator('[data-status]').innerText(), { timeout: 15_000 }).toContain('Sending failed (no connection)');
    await page.close(); // the member gives up and closes the tab

    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(room);
    await again.getByRole('heading', { name: 'Check what we heard' }).waitFor({ timeout: 60_000 });
    const sessionId = Number(new URL(room).pathname.split('/').pop());
    expect((await t.dataSource.getRepository(PracticeAnswer).findOneByOrFail({ sessionId, position: 1 })).recordingFile).toMatch(/\/audio\.(webm|ogg|m4a)$/);
    await context.close();
  });
});
