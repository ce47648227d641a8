import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PocketsphinxTranscriber, ScoringPool } from '../../../src/ml/index.js';
import { encodeWav } from '../../../src/ml/speech/audio.js';
import { User } from '../../../src/modules/accounts/entities/user.entity.js';
import { PracticeAnswer } from '../../../src/modules/practice/entities/practice-answer.entity.js';
import { RateLimit } from '../../../src/common/rate-limit/entities/rate-limit.entity.js';
import { UPLOAD_MAX_BYTES } from '../../../src/modules/practice/dto/practice.dto.js';
import { RECORDING_UPLOAD_LIMIT } from '../../../src/modules/practice/practice.module.js';
import { PracticeSession } from '../../../src/modules/practice/entities/practice-session.entity.js';
import { Question } from '../../../src/modules/questions/entities/question.entity.js';
import { MAX_SCORING_ATTEMPTS, PracticeScorer, recordingsDir } from '../../../src/modules/practice/practice-scorer.js';
import { REVIEW_BELOW } from '../../../src/modules/practice/session-feedback.js';
import { QuestionBankService } from '../../../src/modules/questions/question-bank.service.js';
import { ScoringService } from '../../../src/modules/scoring/scoring.service.js';
import { createCompany, createExperience } from '../../factories/content.js';
import { createUser, FACTORY_PASSWORD } from '../../factories/users.js';
import { DIALECTS } from '../../support/databases.js';
import { agentFor, postForm, signIn, type Agent } from '../../support/http.js';
import { csrfFrom, startTestApp, type TestApp } from '../../support/test-app.js';

const require = createRequire(import.meta.url);
// The e2e project's global set-up builds dist/, whose compiled scoring worker the pool runs.
const WORKER = pathToFileURL(join(process.cwd(), 'dist/src/ml/scoring/scoring.worker.js'));

const GOOD_ANSWER =
  'A deadlock happens when two processes each hold a lock and wait for the lock the other one holds, so neither can continue. ' +
  'To prevent it, I always acquire locks in the same global order, and I use timeouts so a process can release its locks and retry.';
// "there is many" is a project grammar rule; "like" after a comma is a filler. It names the subject
// and then says nothing about it.
const WEAK_ANSWER = 'Normalization is, like, a topic every interviewer asks about. There is many rules and it make everything clean and fast <script>alert(1)</script>.';

// Real recorded speech (LibriVox, shipped by Debian's pocketsphinx-testdata) and what it says.
const CLIP = '/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav';
const CLIP_TEXT = 'and mister john dashwood had then leisure to consider how much there might be prudently in his power to do for them';
const SPEECH = PocketsphinxTranscriber.isAvailable() && existsSync(CLIP);
/** The LibriVox clip when installed, else a second of silence (where recognition is not the point). */
const clipOrSilence = (): Buffer => (existsSync(CLIP) ? readFileSync(CLIP) : Buffer.from(encodeWav(new Float32Array(16000), 16000)));

/** What the room's script sends: the audio and any camera frames, multipart, with the CSRF token in a header. */
function sendTake(agent: Agent, url: string, token: string | null, audio: Buffer, type: string, frames: Buffer[] = []) {
  let req = agent.post(url).set('Accept', 'application/json');
  if (token) req = req.set('X-CSRF-Token', token);
  req = req.attach('recording', audio, { filename: 'answer', contentType: type });
  for (const [i, frame] of frames.entries()) req = req.attach('frames', frame, { filename: `frame-${i}.jpg`, contentType: 'image/jpeg' });
  return req;
}

/** 640×480 webcam-like JPEGs of one face from a face-api demo photo, moving a little from frame to frame. */
function faceFrames(n: number): Buffer[] {
  const photo = jpeg.decode(readFileSync(join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo/sample1.jpg')), { useTArray: true });
  const frames: Buffer[] = [];
  for (let f = 0; f < n; f++) {
    // Around the second face (x 811–1075, y 445–695 in the 1920×1280 photo), clear of the others.
    const x0 = 660 + 2 * f;
    const y0 = 300 + f;
    const rgba = Buffer.alloc(640 * 480 * 4);
    for (let y = 0; y < 480; y++) rgba.set(photo.data.subarray(((y0 + y) * photo.width + x0) * 4, ((y0 + y) * photo.width + x0 + 640) * 4), y * 640 * 4);
    frames.push(Buffer.from(jpeg.encode({ data: rgba, width: 640, height: 480 }, 85).data));
  }
  return frames;
}

async function answerCurrent(agent: Agent, sessionUrl: string, text: string) {
  const room = await agent.get(sessionUrl);
  const action = /<form method="post" action="([^"]+\/answers\/\d+)"/.exec(room.text)?.[1];
  if (!action) throw new Error(`no answer form on ${sessionUrl} (status ${room.status})`);
  return agent.post(action).type('form').send({ _csrf: csrfFrom(room.text), answer: text });
}

describe.each(DIALECTS)('practice sessions in text mode (%s)', (dialect) => {
  let t: TestApp;
  let student: Agent;
  let other: Agent;
  let owner: User;
  let sessionUrl: string;
  let sessionId: number;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    await t.app.get(ScoringService).usePool(new ScoringPool({ size: 1, workerUrl: WORKER }));
    owner = await createUser(t.dataSource, 'student');
    const stranger = await createUser(t.dataSource, 'student');
    student = agentFor(t.app);
    other = agentFor(t.app);
    await signIn(student, owner.email, FACTORY_PASSWORD);
    await signIn(other, stranger.email, FACTORY_PASSWORD);
  });
  afterAll(async () => t?.close());

  it('needs a signed-in member', async () => {
    const res = await agentFor(t.app).get('/practice/new');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fpractice%2Fnew');
  });

  it('starts with an empty state, and explains when no question matches (keeping the choices)', async () => {
    const index = await student.get('/practice');
    expect(index.status).toBe(200);
    expect(index.text).toContain('No practice sessions yet');

    const res = await postForm(student, '/practice/new', '/practice', { company: '', topic: 'os', count: '3' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('No shared experience has questions on Operating systems yet.');
    expect(res.text).toMatch(/<option value="os" selected>/);
    expect(res.text).toContain('value="3"');

    const bad = await postForm(student, '/practice/new', '/practice', { count: '50', mode: 'audio', thinking: '7' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Choose between 1 and 10 questions.');
    expect(bad.text).toContain('Choose a thinking time from the list.');
    expect(bad.text).toMatch(/<input type="radio" name="mode" value="audio" checked>/);

    const form = await student.get('/practice/new');
    expect(form.text).toContain('<label for="thinking">Thinking time before each spoken answer</label>');
    expect(form.text).toContain('<option value="30" selected>30 seconds</option>');
  });

  it('creates a session from the harvested bank, mixing topics, most asked first', async () => {
    const acme = await createCompany(t.dataSource, 'active', { name: 'Acme Systems', slug: 'acme-systems' });
    const questions = ['What is a deadlock and how do you prevent it?', 'Explain normalization in DBMS.', 'Reverse a linked list.'];
    await createExperience(t.dataSource, 'published', { company: acme, rounds: [{ kind: 'technical', questions, notes: 'They asked how to prevent a deadlock. Very friendly panel.' }] });
    await createExperience(t.dataSource, 'published', { company: acme, rounds: [{ kind: 'technical', questions: questions.slice(0, 1) }] });
    await t.dataSource.transaction((m) => t.app.get(QuestionBankService).harvestAll(m));

    const res = await postForm(student, '/practice/new', '/practice', { company: 'acme-systems', topic: '', count: '2' });
    expect(res.status).toBe(303);
    sessionUrl = res.headers.location!;
    expect(sessionUrl).toMatch(/^\/practice\/\d+$/);
    sessionId = Number(sessionUrl.split('/').pop());

    const answers = await t.dataSource.getRepository(PracticeAnswer).find({ where: { sessionId }, order: { position: 'ASC' } });
    // The most asked question comes first; the second is from another topic.
    expect(answers.map((a) => a.questionText)).toEqual(['What is a deadlock and how do you prevent it?', expect.not.stringMatching(/deadlock/)]);

    const room = await student.get(sessionUrl);
    expect(room.status).toBe(200);
    expect(room.text).toContain('What is a deadlock and how do you prevent it?');
    expect(room.text).toContain('<label for="practice-progress">Question 1 of 2</label>');
    expect(room.text).toContain('<label for="answer">Your answer</label>');
  });

  it('draws questions for a role and a difficulty, and says so when none match (keeping the choices)', async () => {
    const globex = await createCompany(t.dataSource, 'active', { name: 'Globex Analytics', slug: 'globex-analytics' });
    const experiences = [
      await createExperience(t.dataSource, 'published', { company: globex, role: 'Data Analyst', difficulty: 2, rounds: [{ kind: 'technical', questions: ['What is a LEFT JOIN?'] }] }),
      await createExperience(t.dataSource, 'published', { company: globex, role: 'Backend Developer', difficulty: 5, rounds: [{ kind: 'technical', questions: ['Design a rate limiter.'] }] }),
      await createExperience(t.dataSource, 'published', { company: globex, role: 'Backend Developer', difficulty: 2, rounds: [{ kind: 'hr', questions: ['Why do you want to join us?'] }] }),
    ];
    // Only these: rebuilding the whole bank would renumber the questions other tests' sessions use.
    for (const e of experiences) await t.dataSource.transaction((m) => t.app.get(QuestionBankService).harvestExperience(m, e.id));

    const form = await student.get('/practice/new');
    expect(form.text).toContain('<option value="Backend Developer">');
    const created = await postForm(student, '/practice/new', '/practice', { company: 'globex-analytics', role: 'backend', difficulty: 'harder', count: '3' });
    expect(created.status).toBe(303);
    const id = Number(created.headers.location!.split('/').pop());
    const answers = await t.dataSource.getRepository(PracticeAnswer).find({ where: { sessionId: id } });
    expect(answers.map((a) => a.questionText)).toEqual(['Design a rate limiter.']);
    expect((await student.get(created.headers.location!)).text).toContain('Globex Analytics · backend');

    const none = await postForm(student, '/practice/new', '/practice', { company: 'globex-analytics', role: 'analyst', difficulty: 'harder', count: '3' });
    expect(none.status).toBe(422);
    expect(none.text).toContain('No shared experience has questions of harder difficulty from Globex Analytics for “analyst” roles yet. Try another choice.');
    expect(none.text).toContain('value="analyst"');
    expect(none.text).toMatch(/<option value="harder" selected>/);

    const bad = await postForm(student, '/practice/new', '/practice', { role: 'x', difficulty: 'impossible', count: '3' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Type at least 2 characters of the role, or leave it empty for any role.');
    expect(bad.text).toContain('Choose a difficulty from the list.');
    await t.dataSource.getRepository(PracticeSession).delete({ id });
  });

  it("starts a one-question session from a question's page", async () => {
    const question = await t.dataSource.getRepository(Question).findOneByOrFail({ text: 'Explain normalization in DBMS.' });
    const anonymous = await agentFor(t.app).get(`/questions/${question.id}`);
    expect(anonymous.text).toContain(`<a href="/login?next=/questions/${question.id}">Sign in</a> to answer it`);
    const page = await student.get(`/questions/${question.id}`);
    expect(page.text).toContain('<h2 id="practise-h">Practise this question</h2>');
    const res = await postForm(student, `/questions/${question.id}`, '/practice', { question: String(question.id), mode: 'text' });
    expect(res.status).toBe(303);
    const id = Number(res.headers.location!.split('/').pop());
    const answers = await t.dataSource.getRepository(PracticeAnswer).find({ where: { sessionId: id } });
    expect(answers.map((a) => [a.position, a.questionId, a.questionText])).toEqual([[1, question.id, 'Explain normalization in DBMS.']]);
    // The question page has no thinking-time choice: the default applies.
    expect((await t.dataSource.getRepository(PracticeSession).findOneByOrFail({ id })).thinkingSeconds).toBe(30);
    const missing = await postForm(student, `/questions/${question.id}`, '/practice', { question: '999999', mode: 'text' });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('We could not find that question.');
    await t.dataSource.getRepository(PracticeSession).delete({ id });
  });

  it("checks spelling in the member's chosen English (Indian English by default)", async () => {
    const sentence = 'We chose the colour scheme together, and I organised the testing of the catalogue service with my team before the release.';
    const question = await t.dataSource.getRepository(Question).findOneByOrFail({ text: 'Explain normalization in DBMS.' });
    const member = await createUser(t.dataSource, 'student', { displayName: 'Dia Lect' });
    const agent = agentFor(t.app);
    await signIn(agent, member.email, FACTORY_PASSWORD);
    const spellingOf = async () => {
      const created = await postForm(agent, `/questions/${question.id}`, '/practice', { question: String(question.id), mode: 'text' });
      await answerCurrent(agent, created.headers.location!, sentence);
      await t.app.get(PracticeScorer).idle();
      const answer = await t.dataSource.getRepository(PracticeAnswer).findOneByOrFail({ sessionId: Number(created.headers.location!.split('/').pop()) });
      return (JSON.parse(answer.result!).grammarIssues as Array<{ start: number; end: number; rule: string }>).filter((i) => i.rule === 'SpellCheck').map((i) => sentence.slice(i.start, i.end));
    };
    expect((await agent.get('/me')).text).toContain('<option value="indian" selected>Indian English</option>');
    expect(await spellingOf()).toEqual([]);

    const profile = { displayName: 'Dia Lect', branch: 'Computer Science', passoutYear: '2026' };
    const bad = await postForm(agent, '/me', '/me', { ...profile, englishDialect: 'klingon' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Choose an English from the list.');
    expect((await postForm(agent, '/me', '/me', { ...profile, englishDialect: 'american' })).status).toBe(303);
    expect((await agent.get('/me')).text).toContain('<option value="american" selected>American English</option>');
    expect(await spellingOf()).toEqual(['colour', 'organised', 'catalogue']);
  });

  it('keeps a rejected answer and says why; refuses a form without its CSRF token', async () => {
    const res = await answerCurrent(student, sessionUrl, 'Too short');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Write your answer in 20 to 5000 characters');
    expect(res.text).toContain('>Too short</textarea>');
    expect(res.text).toContain('aria-invalid="true"');

    const forged = await student.post(`${sessionUrl}/answers/1`).type('form').send({ answer: GOOD_ANSWER });
    expect(forged.status).toBe(403);
    expect(await t.dataSource.getRepository(PracticeAnswer).countBy({ sessionId, state: 'open' })).toBe(2);
  });

  it("is private: another member gets 404 for every page and action of someone else's session", async () => {
    for (const path of [sessionUrl, `${sessionUrl}/report`, `${sessionUrl}/status`]) {
      expect((await other.get(path)).status, path).toBe(404);
    }
    const page = await other.get('/practice/new');
    const post = await other.post(`${sessionUrl}/answers/1`).type('form').send({ _csrf: csrfFrom(page.text), answer: GOOD_ANSWER });
    expect(post.status).toBe(404);
    expect((await other.get('/practice')).text).not.toContain(sessionUrl);
    expect(await t.dataSource.getRepository(PracticeAnswer).countBy({ sessionId, state: 'open' })).toBe(2);
  });

  it('scores submitted answers on the worker pool and explains every score in the report', async () => {
    const first = await answerCurrent(student, sessionUrl, GOOD_ANSWER);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(sessionUrl);
    const second = await answerCurrent(student, sessionUrl, WEAK_ANSWER);
    expect(second.status).toBe(303);
    expect(second.headers.location).toBe(`${sessionUrl}/report`);
    // Answered questions cannot be answered again.
    expect((await student.get(sessionUrl)).headers.location).toBe(`${sessionUrl}/report`);

    await t.app.get(PracticeScorer).idle();
    const answers = await t.dataSource.getRepository(PracticeAnswer).find({ where: { sessionId }, order: { position: 'ASC' } });
    expect(answers.map((a) => a.state)).toEqual(['scored', 'scored']);
    expect(answers.map((a) => a.attempts)).toEqual([1, 1]);
    const [good, weak] = answers.map((a) => a.overallScore!);
    expect(good).toBeGreaterThan(weak!);
    // Component scores are copied into columns for officers' aggregate statistics; a typed answer has no delivery score.
    const components = JSON.parse(answers[0]!.result!).components;
    expect(answers[0]).toMatchObject({ contentScore: Math.round(components.content.score), languageScore: Math.round(components.language.score), deliveryScore: null, presenceScore: null });
    const session = await t.dataSource.getRepository(PracticeSession).findOneByOrFail({ id: sessionId });
    expect(session.overallScore).toBe(Math.round((good! + weak!) / 2));
    expect(session.completedAt).toBeInstanceOf(Date);

    const report = await student.get(`${sessionUrl}/report`);
    expect(report.status).toBe(200);
    expect(report.text).toContain(`<strong>${session.overallScore}</strong> / 100`);
    expect(report.text).toContain(`<strong>${good}</strong> / 100`);
    expect(report.text).toContain('There <mark class="mark-grammar">is<span class="visually-hidden"> (Use &quot;are&quot; with a plural noun after &quot;there&quot;.)</span></mark> many');
    expect(report.text).toContain('<mark class="mark-filler">like<span class="visually-hidden"> (filler word “like”)</span></mark>');
    // Key points come from the round notes: what interviewers asked for, not the mood.
    expect(report.text).toContain('<h3>What interviewers asked for</h3>');
    expect(report.text).toContain('<li class="covered"><span class="badge ok">covered</span> They asked how to prevent a deadlock.</li>');
    expect(report.text).not.toContain('Very friendly panel');
    // The round's note about deadlocks is not held against the answer on normalization.
    expect(report.text.match(/They asked how to prevent a deadlock\./g)).toHaveLength(1);
    // Delivery and presence need a recording: said, not scored as zero.
    expect(report.text).toContain('Not enough evidence for delivery: there is no recording of this answer.');
    expect(report.text).not.toContain('<th scope="row">Pace</th>');
    expect(report.text).toContain('<th scope="row">Grammar and spelling errors</th>');
    // The question's topic from the bank names the subject whose vocabulary the answer is measured in.
    expect(report.text).toContain('<th scope="row">Subject terms that are Operating systems</th>');
    expect(report.text).not.toContain('<script>alert(1)</script>');
    expect(report.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // No polling once everything is scored.
    expect(report.text).not.toContain('practice-report.js');
    // The session summary: advice from the measurements, and the weak answer's topic to review.
    const weakContent = JSON.parse(answers[1]!.result!).components.content.score as number;
    expect(weakContent).toBeLessThan(REVIEW_BELOW);
    expect(report.text).toContain('<h3 id="improve-h">What to work on</h3>');
    expect(report.text).toContain('<li>1 of 2 answers scored below 60 for content; they left out terms of the question such as');
    // "lock" is the deadlock question's subject, not a verbal tic.
    expect(report.text).not.toContain('You repeated “lock”');
    expect(report.text).toContain('<h3 id="topics-h">Topics to review</h3>');
    expect(report.text).toContain('<a href="/questions?topic=dbms">Databases &amp; SQL</a> <span class="hint">(1 answer below 60 for content)');

    const status = await student.get(`${sessionUrl}/status`);
    expect(status.body).toEqual({ transcribing: 0, scoring: 0, scored: 2 });
    const index = await student.get('/practice');
    expect(index.text).toContain(`<strong>${session.overallScore}</strong> / 100`);
    // Progress by component: the mean of the two answers' language scores, and no delivery score for typed answers.
    const language = answers.map((a) => JSON.parse(a.result!).components.language.score as number);
    const row = index.text.slice(index.text.indexOf(`<strong>${session.overallScore}</strong> / 100`));
    expect(row).toMatch(new RegExp(`^<strong>\\d+</strong> / 100</span></td>\\s*<td data-label="Content">\\d+</td><td data-label="Delivery"><span class="hint" title="not enough evidence">—</span></td><td data-label="Language">${Math.round((language[0]! + language[1]!) / 2)}</td>`));
    expect(index.text).toContain(`href="${sessionUrl}/report"`);
  });

  it('resumes answers left queued by a crash at start-up, and marks an answer failed after repeated crashes (retryable)', async () => {
    const repo = t.dataSource.getRepository(PracticeAnswer);
    const crashed = await t.dataSource.getRepository(PracticeSession).save({ userId: owner.id, companyId: null, topic: null, overallScore: null, completedAt: new Date() });
    await repo.insert([
      { sessionId: crashed.id, position: 1, questionId: null, questionText: 'What is a deadlock?', state: 'queued', answerText: GOOD_ANSWER, attempts: 1, answeredAt: new Date() },
      { sessionId: crashed.id, position: 2, questionId: null, questionText: 'What is paging?', state: 'queued', answerText: GOOD_ANSWER, attempts: MAX_SCORING_ATTEMPTS, answeredAt: new Date() },
    ]);
    const scorer = t.app.get(PracticeScorer);
    await scorer.onApplicationBootstrap();
    await scorer.idle();
    const [resumed, gaveUp] = await repo.find({ where: { sessionId: crashed.id }, order: { position: 'ASC' } });
    expect(resumed).toMatchObject({ state: 'scored', attempts: 2 });
    expect(gaveUp).toMatchObject({ state: 'failed', error: `Scoring stopped after ${MAX_SCORING_ATTEMPTS} attempts.` });

    const report = await student.get(`/practice/${crashed.id}/report`);
    expect(report.text).toContain('Scoring failed: Scoring stopped after 3 attempts.');
    const retry = await student.post(`/practice/${crashed.id}/retry`).type('form').send({ _csrf: csrfFrom(report.text) });
    expect(retry.status).toBe(303);
    await scorer.idle();
    expect(await repo.findOneByOrFail({ id: gaveUp!.id })).toMatchObject({ state: 'scored', attempts: 1, error: null });
    expect((await t.dataSource.getRepository(PracticeSession).findOneByOrFail({ id: crashed.id })).overallScore).not.toBeNull();
  });

  it('tells the member plainly when the server cannot score an answer, after retrying', async () => {
    const scoring = t.app.get(ScoringService);
    const broken = new ScoringPool({ size: 1, workerUrl: WORKER });
    await broken.close(); // every call now fails as "interrupted, can be retried"
    await scoring.usePool(broken);
    try {
      const session = await t.dataSource.getRepository(PracticeSession).save({ userId: owner.id, companyId: null, topic: null, overallScore: null, completedAt: new Date() });
      await t.dataSource.getRepository(PracticeAnswer).insert({ sessionId: session.id, position: 1, questionId: null, questionText: 'What is paging?', state: 'queued', answerText: GOOD_ANSWER, answeredAt: new Date() });
      await t.app.get(PracticeScorer).onApplicationBootstrap();
      await t.app.get(PracticeScorer).idle();
      const failed = await t.dataSource.getRepository(PracticeAnswer).findOneByOrFail({ sessionId: session.id });
      expect(failed).toMatchObject({ state: 'failed', attempts: MAX_SCORING_ATTEMPTS, error: `Scoring failed on the server after ${MAX_SCORING_ATTEMPTS} attempt(s). Please try again later.` });
      await t.dataSource.getRepository(PracticeSession).delete({ id: session.id });
    } finally {
      await scoring.usePool(new ScoringPool({ size: 1, workerUrl: WORKER }));
    }
  });

  it('adapts the next question to the latest scored answer: harder after a high score, easier after a low one', async () => {
    const gamma = await createCompany(t.dataSource, 'active', { name: 'Gamma Tech', slug: 'gamma-tech' });
    await createExperience(t.dataSource, 'published', { company: gamma, difficulty: 1, rounds: [{ kind: 'technical', questions: ['What is an array?'] }] });
    await createExperience(t.dataSource, 'published', { company: gamma, difficulty: 3, rounds: [{ kind: 'technical', questions: ['Explain process scheduling.', 'What is a hash map?'] }] });
    await createExperience(t.dataSource, 'published', { company: gamma, difficulty: 5, rounds: [{ kind: 'technical', questions: ['Design a distributed cache.'] }] });
    await t.dataSource.transaction((m) => t.app.get(QuestionBankService).harvestAll(m));
    const questions = t.dataSource.getRepository(Question);
    const byText = async (text: string) => questions.findOneByOrFail({ companyId: gamma.id, text });
    const answers = t.dataSource.getRepository(PracticeAnswer);

    for (const [score, expected] of [
      [90, 'Design a distributed cache.'],
      [30, 'What is an array?'],
    ] as const) {
      const created = await postForm(student, '/practice/new', '/practice', { company: 'gamma-tech', count: '3', mode: 'text' });
      const id = Number(created.headers.location!.split('/').pop());
      // A known start: question 1 (difficulty 3) already scored, question 3 also of difficulty 3.
      const first = await byText('Explain process scheduling.');
      const third = await byText('What is a hash map?');
      await answers.update({ sessionId: id, position: 1 }, { questionId: first.id, questionText: first.text, state: 'scored', overallScore: score, answerText: GOOD_ANSWER });
      await answers.update({ sessionId: id, position: 3 }, { questionId: third.id, questionText: third.text });
      await answers.update({ sessionId: id, position: 2 }, { questionId: null, questionText: 'Any question' });

      expect((await answerCurrent(student, created.headers.location!, GOOD_ANSWER)).status).toBe(303);
      expect((await answers.findOneByOrFail({ sessionId: id, position: 3 })).questionText).toBe(expected);
      await t.app.get(PracticeScorer).idle();
    }
  });

  it('compares two of the member’s scored sessions, and only their own', async () => {
    const sessions = await t.dataSource.getRepository(PracticeSession).find({ where: { userId: owner.id }, order: { id: 'ASC' } });
    const [first, second] = sessions.map((s) => s.id);
    const form = await student.get('/practice/compare');
    expect(form.status).toBe(200);
    expect(form.text).toMatch(new RegExp(`<option value="${first}" selected>`));
    const page = await student.get(`/practice/compare?a=${first}&b=${second}`);
    expect(page.status).toBe(200);
    const overall = sessions.map((s) => s.overallScore!);
    const change = overall[1]! - overall[0]!;
    expect(page.text).toMatch(new RegExp(`<th scope="row">Overall</th>\\s*<td>${overall[0]}</td>\\s*<td>${overall[1]}</td>\\s*<td>(<span class="badge[^"]*">\\+?${change}</span>)</td>`));
    expect(page.text).toContain('<th scope="row">Content</th>');
    expect((await other.get(`/practice/compare?a=${first}&b=${second}`)).status).toBe(404);
  });

  it('shares a report through a secret link its owner can switch off; the shared page is read-only and private data stays out', async () => {
    const report = await student.get(`${sessionUrl}/report`);
    expect(report.text).toContain('<h2 id="share-h">Share this report</h2>');
    expect(report.text).not.toContain('/shared/practice/');
    // Only the owner shares, and only with the form's CSRF token.
    expect((await other.post(`${sessionUrl}/share`).type('form').send({ _csrf: csrfFrom((await other.get('/practice/new')).text) })).status).toBe(404);
    expect((await student.post(`${sessionUrl}/share`).type('form').send({})).status).toBe(403);
    const made = await student.post(`${sessionUrl}/share`).type('form').send({ _csrf: csrfFrom(report.text) });
    expect(made.status).toBe(303);
    expect(made.headers.location).toBe(`${sessionUrl}/report#share-h`);
    const owned = await student.get(`${sessionUrl}/report`);
    const link = /id="share-link" type="text" readonly value="([^"]+)"/.exec(owned.text)?.[1];
    expect(link).toMatch(new RegExp(`^${t.config.baseUrl}/shared/practice/[A-Za-z0-9_-]{43}$`));
    const path = new URL(link!).pathname;

    const visitor = agentFor(t.app);
    const shared = await visitor.get(path);
    expect(shared.status).toBe(200);
    expect(shared.headers['cache-control']).toBe('private, no-store');
    expect(shared.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(shared.headers['referrer-policy']).toBe('no-referrer');
    expect(shared.text).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(shared.text).toContain(`Shared by ${owner.displayName}`);
    // The same answers, scores and summary as the owner sees.
    const scores = (html: string) => [...html.matchAll(/<p class="score-line">\s*<strong>(\d+)<\/strong>/g)].map((m) => m[1]);
    expect(scores(shared.text)).toHaveLength(2);
    expect(scores(shared.text)).toEqual(scores(owned.text));
    expect(shared.text).toContain('Normalization is');
    expect(shared.text).toContain('<h3 id="improve-h">What to work on</h3>');
    // Read-only, and nothing of the owner's account beyond the display name.
    expect(shared.text).not.toContain('<form method="post"');
    expect(shared.text).not.toContain(sessionUrl); // not even the session's number
    expect(shared.text).not.toContain('Share this report');
    for (const secret of [owner.email, owner.rollNumber!]) expect(shared.text).not.toContain(secret);
    expect((await other.get(path)).status).toBe(200);

    // Saving the choice again keeps the link; switching it off makes it 404, and sharing again makes a new one.
    await student.post(`${sessionUrl}/share`).type('form').send({ _csrf: csrfFrom(owned.text) });
    expect((await student.get(`${sessionUrl}/report`)).text).toContain(`value="${link}"`);
    expect((await other.post(`${sessionUrl}/share/stop`).type('form').send({ _csrf: csrfFrom((await other.get('/practice/new')).text) })).status).toBe(404);
    const stopped = await student.post(`${sessionUrl}/share/stop`).type('form').send({ _csrf: csrfFrom(owned.text) });
    expect(stopped.status).toBe(303);
    const gone = await visitor.get(path);
    expect(gone.status).toBe(404);
    expect(gone.text).toContain('Page not found');
    await student.post(`${sessionUrl}/share`).type('form').send({ _csrf: csrfFrom(owned.text) });
    const again = /id="share-link" type="text" readonly value="([^"]+)"/.exec((await student.get(`${sessionUrl}/report`)).text)?.[1];
    expect(again).toBeDefined();
    expect(again).not.toBe(link);
    // A 32-byte token's last character encodes 4 bits, so it is never "_" (it was "A" one time in 16,
    // when a test that changed it to "A" tried the real token); swapping a letter's case must not
    // open it either (MySQL compares case-insensitively by default).
    const token = new URL(again!).pathname.split('/').pop()!;
    const swapped = token.replace(/[a-z]/, (c) => c.toUpperCase()) === token ? token.replace(/[A-Z]/, (c) => c.toLowerCase()) : token.replace(/[a-z]/, (c) => c.toUpperCase());
    for (const bad of ['x', 'A'.repeat(43), `${token.slice(0, 42)}_`, swapped, "' OR 1=1 --"]) {
      expect((await visitor.get(`/shared/practice/${encodeURIComponent(bad)}`)).status, bad).toBe(404);
    }
    await student.post(`${sessionUrl}/share/stop`).type('form').send({ _csrf: csrfFrom(owned.text) });
  });

  it('offers scored sessions older than the first history page for comparison', async () => {
    const member = await createUser(t.dataSource, 'student');
    const agent = agentFor(t.app);
    await signIn(agent, member.email, FACTORY_PASSWORD);
    const repo = t.dataSource.getRepository(PracticeSession);
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));
    const scored = await repo.save([70, 75].map((overallScore, i) => repo.create({ userId: member.id, companyId: null, topic: null, overallScore, createdAt: day(i), completedAt: day(i) })));
    // 25 newer sessions never finished: more than a history page.
    await repo.save(Array.from({ length: 25 }, (_, i) => repo.create({ userId: member.id, companyId: null, topic: null, overallScore: null, createdAt: day(10 + i), completedAt: null })));
    const form = await agent.get('/practice/compare');
    expect(form.text).toMatch(new RegExp(`<option value="${scored[0]!.id}" selected>`));
    expect(form.text).toMatch(new RegExp(`<option value="${scored[1]!.id}" selected>`));
    expect(form.text).not.toContain('You need two scored sessions to compare.');
  });

  describe.skipIf(!SPEECH)('recorded answers (pocketsphinx, real speech)', () => {
    let audioUrl: string;
    let uploadUrl: string;
    let token: string;

    it('shows a recorder, with typing as the fallback', async () => {
      const res = await postForm(student, '/practice/new', '/practice', { company: 'acme-systems', count: '1', mode: 'audio', thinking: '15' });
      expect(res.status).toBe(303);
      audioUrl = res.headers.location!;
      const room = await student.get(audioUrl);
      uploadUrl = `${audioUrl}/answers/1/recording`;
      token = csrfFrom(room.text);
      expect(room.text).toContain(`data-upload-url="${uploadUrl}"`);
      expect(room.text).toContain('data-thinking-seconds="15"');
      expect(room.text).toContain('You have 15 seconds to think; then recording starts by itself, or start earlier.');
      expect(room.text).toContain('<summary>Type this answer instead</summary>');
      expect(room.text).toContain('/js/practice-room.js');
    });

    it('refuses uploads without the CSRF token, of other types, empty, or to someone else', async () => {
      const wav = readFileSync(CLIP);
      expect((await sendTake(student, uploadUrl, null, wav, 'audio/wav')).status).toBe(403);
      const text = await sendTake(student, uploadUrl, token, Buffer.from('hello'), 'text/plain');
      expect(text.status).toBe(415);
      expect(text.body.message).toMatch(/^Recordings must be audio/);
      expect((await sendTake(student, uploadUrl, token, Buffer.alloc(0), 'audio/wav')).status).toBe(400);
      // Refused by its declared size, before any of it is read.
      const huge = await student.post(uploadUrl).set('X-CSRF-Token', token).set('Accept', 'application/json').set('Content-Type', 'multipart/form-data; boundary=x').set('Content-Length', String(UPLOAD_MAX_BYTES + 1)).send('');
      expect(huge.status).toBe(413);
      // A member who already sent the hour's allowance of recordings is asked to wait.
      const limits = t.dataSource.getRepository(RateLimit);
      await limits.save({ key: `${RECORDING_UPLOAD_LIMIT.name}:user:${owner.id}`, windowStart: new Date(), hits: RECORDING_UPLOAD_LIMIT.limit });
      const limited = await sendTake(student, uploadUrl, token, wav, 'audio/wav');
      expect(limited.status).toBe(429);
      expect(limited.body.message).toMatch(/^You have sent many recordings in the last hour/);
      await limits.delete({ key: `${RECORDING_UPLOAD_LIMIT.name}:user:${owner.id}` });
      const strangerToken = csrfFrom((await other.get('/practice/new')).text);
      expect((await sendTake(other, uploadUrl, strangerToken, wav, 'audio/wav')).status).toBe(404);
      expect(existsSync(recordingsDir(t.config)) ? readdirSync(recordingsDir(t.config)) : []).toEqual([]);
    });

    it('transcribes an uploaded recording and asks the member to check the transcript', async () => {
      // Camera analysis is off for this member, so frames sent along are dropped unread.
      const res = await sendTake(student, uploadUrl, token, readFileSync(CLIP), 'audio/wav', faceFrames(2));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ ok: true, next: audioUrl });
      const transcribing = await student.get(audioUrl);
      expect(transcribing.text).toMatch(/We are writing down what you said|Check what we heard/);

      await t.app.get(PracticeScorer).idle();
      const answer = await t.dataSource.getRepository(PracticeAnswer).findOneByOrFail({ sessionId: Number(audioUrl.split('/').pop()), position: 1 });
      expect(answer).toMatchObject({ state: 'review', transcriptSource: 'pocketsphinx' });
      // Recognition is imperfect on this clip, but it is real recognition: most words come back.
      const heard = new Set(answer.answerText!.split(' '));
      expect(CLIP_TEXT.split(' ').filter((w) => heard.has(w)).length).toBeGreaterThanOrEqual(12);

      expect(readdirSync(join(recordingsDir(t.config), dirname(answer.recordingFile!), 'frames'))).toEqual([]);
      const room = await student.get(audioUrl);
      expect(room.text).toContain('Check what we heard');
      expect(room.text).toContain(`<audio controls preload="none" src="${uploadUrl}"`);
      expect(room.text).toContain(`>${answer.answerText}</textarea>`);
      // Recording again follows the first attempt: no second thinking time.
      expect(room.text).toContain('<h2 class="recorder-title">Record again</h2>');
      expect(room.text).toContain('data-thinking-seconds="0"');
      // The stored file name is never shown.
      expect(room.text).not.toContain(answer.recordingFile!);

      const own = await student.get(uploadUrl).buffer(true);
      expect(own.status).toBe(200);
      expect(own.headers['cache-control']).toBe('private, no-store');
      expect(Buffer.compare(own.body as Buffer, readFileSync(CLIP))).toBe(0);
      expect((await other.get(uploadUrl)).status).toBe(404);
      expect((await agentFor(t.app).get(uploadUrl)).status).toBe(303);
    });

    it('takes a new recording (webm, as browsers send) in place of the one under review', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ii-webm-'));
      execFileSync('ffmpeg', ['-loglevel', 'error', '-i', CLIP, '-c:a', 'libopus', '-b:a', '32k', join(dir, 'take2.webm')]);
      const before = readdirSync(recordingsDir(t.config));
      const res = await sendTake(student, uploadUrl, token, readFileSync(join(dir, 'take2.webm')), 'audio/webm;codecs=opus');
      expect(res.status).toBe(201);
      await t.app.get(PracticeScorer).idle();
      // The first take's folder is gone; the new one has its audio under a random name.
      const after = readdirSync(recordingsDir(t.config));
      expect(after).toHaveLength(1);
      expect(after[0]).toMatch(/^[0-9a-f]{24}$/);
      expect(after).not.toEqual(before);
      expect(readdirSync(join(recordingsDir(t.config), after[0]!))).toEqual(['audio.webm', 'frames']);
      const answer = await t.dataSource.getRepository(PracticeAnswer).findOneByOrFail({ sessionId: Number(audioUrl.split('/').pop()), position: 1 });
      expect(answer.state).toBe('review');
      expect(answer.answerText!.length).toBeGreaterThan(20);
    });

    it('scores the corrected transcript with the recording: delivery is measured', async () => {
      const room = await student.get(audioUrl);
      // The member adds an "um" the recogniser left out.
      const checked = CLIP_TEXT.replace('leisure to', 'leisure um to');
      const res = await student.post(`${audioUrl}/answers/1`).type('form').send({ _csrf: csrfFrom(room.text), answer: checked });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`${audioUrl}/report`);
      await t.app.get(PracticeScorer).idle();
      const answer = await t.dataSource.getRepository(PracticeAnswer).findOneByOrFail({ sessionId: Number(audioUrl.split('/').pop()), position: 1 });
      expect(answer.state).toBe('scored');
      const result = JSON.parse(answer.result!);
      expect(result.components.delivery.evidence).toBe('ok');
      expect(result.transcript).toMatchObject({ text: checked, source: 'pocketsphinx', corrected: true });
      // The recogniser's word times are kept; the added "um" is placed between "leisure" and "to".
      const words = JSON.parse(answer.transcriptWords!) as Array<[string, number, number]>;
      expect(words.length).toBeGreaterThanOrEqual(12);
      expect(words.every(([, start, end], i) => end >= start && (i === 0 || start >= words[i - 1]![1]))).toBe(true);
      const seek = /<mark class="mark-filler" data-seek-ms="(\d+)">um</.exec((await student.get(`${audioUrl}/report`)).text);
      expect(seek).not.toBeNull();
      const leisure = words.find(([w]) => w === 'leisure');
      const after = words.find(([w], i) => w === 'to' && i > words.indexOf(leisure!));
      expect(leisure).toBeDefined();
      expect(Number(seek![1])).toBeGreaterThanOrEqual(leisure![2]);
      expect(Number(seek![1])).toBeLessThanOrEqual(after![1]);
      expect(result.metrics.audio.durationMs).toBeGreaterThan(5000);
      const report = await student.get(`${audioUrl}/report`);
      expect(report.text).toContain('<th scope="row">Pace</th>');
      expect(report.text).toContain(`<audio controls preload="none" src="${uploadUrl}"`);
      expect(report.text).not.toContain(answer.recordingFile!);
    });

    it('plays the recordings through a share link only when the owner includes them', async () => {
      const report = await student.get(`${audioUrl}/report`);
      expect(report.text).toContain('<label for="share-recordings">Let people with the link listen to the recordings</label>');
      await student.post(`${audioUrl}/share`).type('form').send({ _csrf: csrfFrom(report.text) });
      const link = /id="share-link" type="text" readonly value="([^"]+)"/.exec((await student.get(`${audioUrl}/report`)).text)?.[1];
      const path = new URL(link!).pathname;
      const visitor = agentFor(t.app);
      expect((await visitor.get(path)).text).not.toContain('<audio');
      expect((await visitor.get(`${path}/answers/1/recording`)).status).toBe(404);

      await student.post(`${audioUrl}/share`).type('form').send({ _csrf: csrfFrom(report.text), recordings: 'on' });
      const page = await visitor.get(path);
      expect(page.text).toContain(`<audio controls preload="none" src="${path}/answers/1/recording"`);
      expect(page.text).not.toContain(uploadUrl);
      const audio = await visitor.get(`${path}/answers/1/recording`);
      expect(audio.status).toBe(200);
      const own = await student.get(`${audioUrl}/answers/1/recording`);
      expect(audio.headers['content-type']).toBe(own.headers['content-type']);
      expect(Buffer.compare(audio.body as Buffer, own.body as Buffer)).toBe(0);
      expect(audio.headers['cache-control']).toBe('private, no-store');
      expect((await visitor.get(`${path}/answers/2/recording`)).status).toBe(404);
      const owned = await student.get(`${audioUrl}/report`);
      expect(owned.text).toContain(`value="${link}"`);
      expect(owned.text).toMatch(/<input type="checkbox" id="share-recordings" name="recordings" checked>/);

      await student.post(`${audioUrl}/share/stop`).type('form').send({ _csrf: csrfFrom(owned.text) });
      expect((await visitor.get(`${path}/answers/1/recording`)).status).toBe(404);
    });

    it('with camera analysis on, scores presence from the frames sent with the recording', async () => {
      await t.dataSource.getRepository(User).update({ id: owner.id }, { expressionAnalysis: true });
      const res = await postForm(student, '/practice/new', '/practice', { company: 'acme-systems', count: '1', mode: 'audio' });
      const url = res.headers.location!;
      const room = await student.get(url);
      expect(room.text).toContain('data-camera');
      expect(room.text).toContain('Your camera is on for this answer');
      const take = await sendTake(student, `${url}/answers/1/recording`, csrfFrom(room.text), readFileSync(CLIP), 'audio/wav', faceFrames(14));
      expect(take.status).toBe(201);
      await t.app.get(PracticeScorer).idle();
      const review = await student.get(url);
      await student.post(`${url}/answers/1`).type('form').send({ _csrf: csrfFrom(review.text), answer: CLIP_TEXT });
      await t.app.get(PracticeScorer).idle();
      const answer = await t.dataSource.getRepository(PracticeAnswer).findOneByOrFail({ sessionId: Number(url.split('/').pop()), position: 1 });
      const result = JSON.parse(answer.result!);
      expect(result.presence).toMatchObject({ frames: 14, oneFaceRatio: 1, enoughEvidence: true });
      expect(result.components.presence.evidence).toBe('ok');
      const report = await student.get(`${url}/report`);
      expect(report.text).toMatch(/Visual presence <span class="hint">\(\d+(\.\d+)? % of overall\)/);
      expect(report.text).toContain('<h3>On camera</h3>');
      expect(report.text.match(/<span class="tl-[a-z]+" title="/g)).toHaveLength(14);
      expect(report.text).toContain('These describe what was visible, not how you felt.');
      // Frames are never served back, and their names appear nowhere.
      expect(report.text).not.toContain('.jpg');

      // Deleting the session deletes its recordings and frames too; someone else cannot delete it.
      const takeDir = join(recordingsDir(t.config), dirname(answer.recordingFile!));
      expect(readdirSync(join(takeDir, 'frames'))).toHaveLength(14);
      const strangerToken = csrfFrom((await other.get('/practice/new')).text);
      expect((await other.post(`${url}/delete`).type('form').send({ _csrf: strangerToken })).status).toBe(404);
      const deleted = await student.post(`${url}/delete`).type('form').send({ _csrf: csrfFrom(report.text) });
      expect(deleted.status).toBe(303);
      expect(deleted.headers.location).toBe('/practice');
      expect(existsSync(takeDir)).toBe(false);
      expect((await student.get(url)).status).toBe(404);
      expect(await t.dataSource.getRepository(PracticeAnswer).countBy({ sessionId: Number(url.split('/').pop()) })).toBe(0);
    });
  });
});

describe('practice with camera analysis switched off for the deployment (EXPRESSION_ANALYSIS=false)', () => {
  let t: TestApp;
  afterAll(async () => t?.close());

  it('never offers the camera and drops frames sent anyway, even for members who opted in', async () => {
    t = await startTestApp('sqlite', { EXPRESSION_ANALYSIS: 'false' });
    const member = await createUser(t.dataSource, 'student', { expressionAnalysis: true });
    const agent = agentFor(t.app);
    await signIn(agent, member.email, FACTORY_PASSWORD);
    const acme = await createCompany(t.dataSource, 'active', { name: 'Acme Systems', slug: 'acme-systems' });
    await createExperience(t.dataSource, 'published', { company: acme, rounds: [{ kind: 'hr', questions: ['Tell me about yourself.'] }] });
    await t.dataSource.transaction((m) => t.app.get(QuestionBankService).harvestAll(m));

    const created = await postForm(agent, '/practice/new', '/practice', { count: '1', mode: 'audio' });
    const room = await agent.get(created.headers.location!);
    expect(room.text).toContain('data-recorder');
    expect(room.text).not.toContain('data-camera');
    expect(room.text).not.toContain('camera analysis');
    const res = await sendTake(agent, `${created.headers.location}/answers/1/recording`, csrfFrom(room.text), clipOrSilence(), 'audio/wav', faceFrames(3));
    expect(res.status).toBe(201);
    const [take] = readdirSync(recordingsDir(t.config));
    expect(readdirSync(join(recordingsDir(t.config), take!, 'frames'))).toEqual([]);
    await t.app.get(PracticeScorer).idle();
  });
});
