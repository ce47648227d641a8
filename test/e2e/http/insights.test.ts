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
    expect(page.text).toMatch(/<a href="\/companies\/acme-systems">Acme Systems<\/a><\/th>\s*<td>1<\/td>\s*<td>1<\/td>\s*<td>100%<\/td>/);
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
    expect(page.text).toContain(`<a href="/questions?topic=${questions[0]!.topic}">${first.replace('&', '&amp;')}</a></th><td>5</td><td>5</td><td>50</td><td>64</td>`);
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
