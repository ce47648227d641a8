import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRACTICE_MIN_GROUP } from '../../../src/modules/insights/insights.service.js';
import { PracticeAnswer } from '../../../src/modules/practice/entities/practice-answer.entity.js';
import { PracticeSession } from '../../../src/modules/practice/entities/practice-session.entity.js';
import { Question } from '../../../src/modules/questions/entities/question.entity.js';
import { QuestionBankService } from '../../../src/modules/questions/question-bank.service.js';
import { topicLabel } from '../../../src/modules/questions/topics.js';
import { createCompany, createExperience } from '../../factories/content.js';
import { createUser, FACTORY_PASSWORD } from '../../factories/users.js';
import { DIALECTS } from '../../support/databases.js';
import { agentFor, signIn, type Agent } from '../../support/http.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

describe.each(DIALECTS)("officers' practice statistics (%s)", (dialect) => {
  let t: TestApp;
  let officer: Agent;
  let questions: Question[];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const acme = await createCompany(t.dataSource, 'active', { name: 'Acme Systems', slug: 'acme-systems' });
    await createExperience(t.dataSource, 'published', {
      company: acme,
      rounds: [{ kind: 'technical', questions: ['What is a deadlock and how do you prevent it?', 'Explain normalization in DBMS.'] }],
    });
    await t.dataSource.transaction((m) => t.app.get(QuestionBankService).harvestAll(m));
    questions = await t.dataSource.getRepository(Question).find({ order: { id: 'ASC' } });
    expect(new Set(questions.map((q) => q.topic)).size).toBe(2);
    const user = await createUser(t.dataSource, 'officer');
    officer = agentFor(t.app);
    await signIn(officer, user.email, FACTORY_PASSWORD);
  });
  afterAll(async () => t?.close());

  /** One member's session with scored answers (component scores as the scorer writes them). */
  async function practised(answers: Array<{ question: Question; content: number; language: number; delivery?: number; overall: number }>) {
    const member = await createUser(t.dataSource, 'student');
    const session = await t.dataSource.getRepository(PracticeSession).save({ userId: member.id, companyId: null, topic: null, overallScore: null, completedAt: new Date() });
    await t.dataSource.getRepository(PracticeAnswer).insert(
      answers.map((a, i) => ({
        sessionId: session.id,
        position: i + 1,
        questionId: a.question.id,
        questionText: a.question.text,
        state: 'scored' as const,
        answerText: 'An answer.',
        answeredAt: new Date(),
        result: '{}',
        recordingFile: a.delivery === undefined ? null : `${'0'.repeat(24)}/audio.webm`,
        overallScore: a.overall,
        contentScore: a.content,
        languageScore: a.language,
        deliveryScore: a.delivery ?? null,
        presenceScore: null,
      })),
    );
  }

  it('says so while nobody has practised', async () => {
    const page = await officer.get('/insights');
    expect(page.status).toBe(200);
    // The company table: one published experience at Acme, selected (the "Selected" column once rendered empty).
    expect(page.text).toMatch(/<a href="\/companies\/acme-systems\/stats">Acme Systems<\/a><\/th>\s*<td data-label="Students attended">1<\/td>\s*<td data-label="Selected">1<\/td>\s*<td data-label="Selection rate">100%<\/td>/);
    expect(page.text).toContain('<h2 id="practice-h">Practice</h2>');
    expect(page.text).toContain('No student has practised yet.');
  });

  it(`shows nothing about fewer than ${PRACTICE_MIN_GROUP} students, whose figures would point at them`, async () => {
    for (let i = 0; i < PRACTICE_MIN_GROUP - 1; i++) await practised([{ question: questions[0]!, content: 40, language: 80, overall: 60 }]);
    const page = await officer.get('/insights');
    expect(page.text).toContain(`Fewer than ${PRACTICE_MIN_GROUP} students have practised so far.`);
    expect(page.text).not.toContain('Average score by part');
  });

  it('averages each part over all students, and lists only topics enough students practised, weakest first', async () => {
    // The group reaches the threshold on the first question's topic only; the second topic has one student.
    await practised([
      { question: questions[0]!, content: 90, language: 60, delivery: 70, overall: 80 },
      { question: questions[1]!, content: 20, language: 50, delivery: 30, overall: 30 },
    ]);
    const page = await officer.get('/insights');
    expect(page.text).toContain('<li><strong>5</strong> students practised</li>');
    expect(page.text).toContain('<li><strong>6</strong> answers scored</li>');
    expect(page.text).toContain('<li><strong>2</strong> of them spoken</li>');
    // Content: (4 × 40 + 90 + 20) / 6 = 45; delivery only where there was a recording: (70 + 30) / 2.
    expect(page.text).toContain('<tr><th scope="row">Content</th><td>45 / 100</td><td>6</td></tr>');
    expect(page.text).toContain('<tr><th scope="row">Delivery</th><td>50 / 100</td><td>2</td></tr>');
    expect(page.text).toContain('<tr><th scope="row">Visual presence</th><td>—</td><td>0</td></tr>');
    const first = topicLabel(questions[0]!.topic);
    // 4 × 40 + 90 over 5 answers = 50 content; overall (4 × 60 + 80) / 5 = 64.
    expect(page.text).toContain(`<a href="/questions?topic=${questions[0]!.topic}">${first.replace('&', '&amp;')}</a></th><td data-label="Students">5</td><td data-label="Answers">5</td><td data-label="Content">50</td><td data-label="Overall">64</td>`);
    expect(page.text).not.toContain(`/questions?topic=${questions[1]!.topic}"`);
    expect(page.text).toContain('1 more topic practised by fewer than 5 students.');
  });

  it('is for officers and admins only', async () => {
    const student = agentFor(t.app);
    const member = await createUser(t.dataSource, 'student');
    await signIn(student, member.email, FACTORY_PASSWORD);
    expect((await student.get('/insights')).status).toBe(403);
  });
});

describe.each(DIALECTS)("officers' CSV exports (%s)", (dialect) => {
  let t: TestApp;
  let officer: Agent;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const ds = t.dataSource;
    const acme = await createCompany(ds, 'active', { name: 'Acme, Inc.', slug: 'acme-inc' });
    // A company name typed by a student that a spreadsheet would run as a formula.
    const sly = await createCompany(ds, 'active', { name: '=HYPERLINK("http://evil.example","Sly")', slug: 'sly' });
    for (const [year, outcome, branch] of [[2024, 'selected', 'Civil'], [2025, 'rejected', 'Computer Science'], [2025, 'selected', 'Computer Science']] as const) {
      await createExperience(ds, 'published', { company: acme, interviewYear: year, outcome, author: await createUser(ds, 'student', { branch }) });
    }
    for (let i = 0; i < 5; i++) await createExperience(ds, 'published', { company: sly, interviewYear: 2026, outcome: i < 2 ? 'selected' : 'rejected', author: await createUser(ds, 'student', { branch: 'Electronics' }) });
    await createExperience(ds, 'pending', { company: acme, interviewYear: 2023 });
    const user = await createUser(ds, 'officer');
    officer = agentFor(t.app);
    await signIn(officer, user.email, FACTORY_PASSWORD);
  });
  afterAll(async () => t?.close());

  const lines = (body: string) => body.replace(/^\ufeff/, '').trimEnd().split('\r\n');

  it('exports the company table, with formula-like names defused', async () => {
    const page = await officer.get('/insights');
    expect(page.text).toContain('<a href="/insights/export.csv?by=year" download>by company and year</a>');
    const res = await officer.get('/insights/export.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="interview-insights-companies-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.text.startsWith('\ufeff')).toBe(true);
    expect(lines(res.text)).toEqual([
      'Company,Students attended,Selected,Selection rate (%),Average difficulty (1-5),First year,Last year,Page',
      `"'=HYPERLINK(""http://evil.example"",""Sly"")",5,2,40,3,2026,2026,/companies/sly/stats`,
      '"Acme, Inc.",3,2,66.7,3,2024,2025,/companies/acme-inc/stats',
    ]);
  });

  it('exports per year and per branch, merging branches as the company pages do', async () => {
    expect(lines((await officer.get('/insights/export.csv?by=year')).text)).toEqual([
      'Company,Interview year,Students attended,Selected,Selection rate (%)',
      `"'=HYPERLINK(""http://evil.example"",""Sly"")",2026,5,2,40`,
      '"Acme, Inc.",2024,1,1,100',
      '"Acme, Inc.",2025,2,1,50',
    ]);
    // Acme's branches have 1 and 2 experiences: too few to show, even together.
    expect(lines((await officer.get('/insights/export.csv?by=branch')).text)).toEqual([
      'Company,Branch,Students attended,Selected,Selection rate (%)',
      `"'=HYPERLINK(""http://evil.example"",""Sly"")",Electronics,5,2,40`,
    ]);
  });

  it('is for officers and admins only', async () => {
    const student = agentFor(t.app);
    const member = await createUser(t.dataSource, 'student');
    await signIn(student, member.email, FACTORY_PASSWORD);
    expect((await student.get('/insights/export.csv')).status).toBe(403);
    const visitor = await agentFor(t.app).get('/insights/export.csv?by=year');
    expect(visitor.status).toBe(303);
  });
});
