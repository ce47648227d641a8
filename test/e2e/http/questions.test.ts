import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../../src/modules/accounts/entities/user.entity.js';
import type { Company } from '../../../src/modules/companies/entities/company.entity.js';
import { Question } from '../../../src/modules/questions/entities/question.entity.js';
import { QuestionBankService } from '../../../src/modules/questions/question-bank.service.js';
import { anonymousExperience, createCompany, createExperience, pendingCompany } from '../../factories/content.js';
import { createUser, FACTORY_PASSWORD } from '../../factories/users.js';
import { DIALECTS } from '../../support/databases.js';
import { agentFor, signIn } from '../../support/http.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

/** Distinct one-word subjects, so none of these questions is a near-duplicate of another. */
const SUBJECTS = `paging semaphores mutexes deadlocks thrashing kernels interrupts caches pipelines registers compilers linkers loaders
  assemblers debuggers profilers sockets routers switches firewalls proxies gateways tunnels certificates cookies sessions tokens
  hashing salting sharding replication`.split(/\s+/);

async function harvestAll(t: TestApp): Promise<void> {
  const bank = t.app.get(QuestionBankService);
  await t.dataSource.transaction((m) => bank.harvestAll(m));
}

describe.each(DIALECTS)('question bank pages over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let acme: Company;
  let beta: Company;
  let secretAuthor: User;
  let reverseId: number;
  let anonymousId: number;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('shows an empty state before anything is harvested', async () => {
    const page = await agentFor(t.app).get('/questions');
    expect(page.status).toBe(200);
    expect(page.text).toContain('No questions yet.');
    expect(page.text).toContain('<label for="qb-topic">Topic</label>');
  });

  it('lists harvested questions, most asked first, with the summary line and topic badge', async () => {
    const ds = t.dataSource;
    acme = await createCompany(ds, 'active', { name: 'Acme Systems', slug: 'acme-systems' });
    beta = await createCompany(ds, 'active', { name: 'Beta Labs', slug: 'beta-labs' });
    const hidden = await pendingCompany(ds, { name: 'Hidden Startup', slug: 'hidden-startup' });
    secretAuthor = await createUser(ds, 'student', { displayName: 'Zara Secretauthor', email: 'zara.secret@college.test' });
    await createExperience(ds, 'published', { company: acme, role: 'SDE Intern', interviewYear: 2023, rounds: [{ kind: 'technical', questions: ['1. Reverse a linked list.', '2. Explain normalization in DBMS'] }, { kind: 'hr', questions: ['Tell me about yourself'] }] });
    await createExperience(ds, 'published', { company: acme, role: 'SDE Intern', interviewYear: 2025, rounds: [{ kind: 'technical', questions: ['How do you reverse a singly linked list?'] }] });
    anonymousId = (await anonymousExperience(ds, { company: acme, author: secretAuthor, role: 'Backend Engineer', interviewYear: 2024, rounds: [{ kind: 'technical', questions: ['reverse a linked list iteratively'] }] })).id;
    await createExperience(ds, 'published', { company: beta, role: 'Analyst', interviewYear: 2024, rounds: [{ kind: 'technical', questions: SUBJECTS.map((s) => `What are ${s}?`) }] });
    await createExperience(ds, 'published', { company: hidden, rounds: [{ kind: 'technical', questions: ['What is a hidden question?'] }] });
    await harvestAll(t);
    reverseId = (await ds.getRepository(Question).findOneByOrFail({ companyId: acme.id, normalizedText: 'reverse a linked list' })).id;

    const page = await agentFor(t.app).get('/questions');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<a href="/questions/${reverseId}">Reverse a linked list.</a>`);
    expect(page.text).toContain('Asked 3 times at Acme Systems, 2023–2025, in technical rounds');
    expect(page.text).toContain('Data structures &amp; algorithms');
    // Most asked first; among questions asked once, the most recently asked first.
    const rows = [...page.text.matchAll(/<h2 class="question-text"><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(rows[0]).toBe('Reverse a linked list.');
    expect(rows.slice(1, 3)).toContain('What are paging?');
    expect(rows).toHaveLength(30);
    expect(page.text).toContain(`${3 + SUBJECTS.length} questions`);
    expect(page.text).toContain('Page 1 of 2');
    expect(page.text).not.toContain('hidden question');
    expect(page.text).not.toContain('Secretauthor');

    const second = await agentFor(t.app).get('/questions?page=2');
    expect(second.status).toBe(200);
    expect(second.text).toContain('rel="prev" href="/questions?page=1"');
  });

  it('filters by company, topic, round, role and words, keeping the chosen values in the form', async () => {
    const agent = agentFor(t.app);
    const byTopic = await agent.get('/questions?topic=dbms');
    expect(byTopic.text).toContain('Explain normalization in DBMS');
    expect(byTopic.text).not.toContain('Reverse a linked list.');
    expect(byTopic.text).toContain('<option value="dbms" selected>');

    const byCompany = await agent.get('/questions?company=acme-systems');
    expect(byCompany.text).toContain('3 questions match these filters');
    expect(byCompany.text).not.toContain('What are paging?');

    const byRound = await agent.get('/questions?round=hr');
    expect(byRound.text).toContain('Tell me about yourself');
    expect(byRound.text).not.toContain('Reverse a linked list.');

    const byWords = await agent.get('/questions?q=reversing+lists');
    expect(byWords.text).toContain('1 question matches these filters');
    expect(byWords.text).toContain('value="reversing lists"');

    const byRole = await agent.get('/questions?role=backend');
    expect(byRole.text).toContain('Reverse a linked list.');
    expect(byRole.text).not.toContain('Explain normalization in DBMS');

    const none = await agent.get('/questions?q=quantum+teleportation');
    expect(none.text).toContain('No questions match these filters');
    expect(none.text).toContain('href="/questions">clear the filters</a>');

    // Unknown values are ignored rather than failing the page.
    const odd = await agent.get('/questions?topic=cooking&round=lunch&page=-4');
    expect(odd.status).toBe(200);
    expect(odd.text).toContain('Page 1 of 2');
  });

  it('shows a question with the experiences it came from, never naming an anonymous author', async () => {
    const page = await agentFor(t.app).get(`/questions/${reverseId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Reverse a linked list.</h1>');
    expect(page.text).toContain(`href="/experiences/${anonymousId}"`);
    // The interview year of each source, not today's year.
    expect(page.text).toContain('— Backend Engineer, 2024</a>');
    expect(page.text).toContain('Reverse a linked list iteratively');
    expect(page.text).not.toContain('Secretauthor');

    expect((await agentFor(t.app).get('/questions/987654')).status).toBe(404);
    expect((await agentFor(t.app).get('/questions/not-a-number')).status).toBe(404);
    const hiddenQuestion = await t.dataSource.getRepository(Question).findOneByOrFail({ normalizedText: 'what is a hidden question' });
    expect((await agentFor(t.app).get(`/questions/${hiddenQuestion.id}`)).status).toBe(404);
  });

  it('lists one company’s questions under its name, and 404s for unknown or pending companies', async () => {
    const agent = agentFor(t.app);
    const page = await agent.get('/companies/acme-systems/questions');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Questions asked at Acme Systems</h1>');
    expect(page.text).toContain('Reverse a linked list.');
    expect(page.text).not.toContain('What are paging?');
    expect(page.text).not.toContain('id="qb-company"');

    const filtered = await agent.get('/companies/acme-systems/questions?topic=hr');
    expect(filtered.text).toContain('Tell me about yourself');
    expect(filtered.text).not.toContain('Reverse a linked list.');

    expect((await agent.get('/companies/no-such-company/questions')).status).toBe(404);
    expect((await agent.get('/companies/hidden-startup/questions')).status).toBe(404);
  });

  it('serves the same list as JSON with paging and no private data', async () => {
    const agent = agentFor(t.app);
    const res = await agent.get('/api/questions?company=acme-systems&perPage=2');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.body).toMatchObject({ total: 3, page: 1, perPage: 2, pages: 2 });
    expect(res.body.items).toHaveLength(2);
    expect(Object.keys(res.body.items[0]).sort()).toEqual(
      ['companyName', 'companySlug', 'companyUrl', 'difficulty', 'firstYear', 'id', 'lastYear', 'role', 'roundKind', 'roundKindLabel', 'summary', 'text', 'timesAsked', 'topic', 'topicLabel', 'url', 'years'].sort(),
    );
    expect(res.body.items[0]).toMatchObject({ id: reverseId, timesAsked: 3, firstYear: 2023, lastYear: 2025, topic: 'dsa' });

    const detail = await agent.get(`/api/questions/${reverseId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.sources).toHaveLength(3);
    for (const body of [res.text, detail.text]) {
      expect(body).not.toMatch(/author|Secretauthor|zara\.secret|rollNumber|email/i);
    }
    const missing = await agent.get('/api/questions/987654');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ statusCode: 404 });
  });
});

describe('question bank when PUBLIC_READ=false', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('sqlite', { PUBLIC_READ: 'false' });
  });
  afterAll(async () => t?.close());

  it('asks visitors to sign in and lets any signed-in member read', async () => {
    const visitor = agentFor(t.app);
    for (const path of ['/questions', '/questions/1', '/companies/acme/questions']) {
      const res = await visitor.get(path);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
    expect((await visitor.get('/api/questions')).status).toBe(401);

    const student = await createUser(t.dataSource, 'student');
    const agent = agentFor(t.app);
    await signIn(agent, student.email, FACTORY_PASSWORD);
    expect((await agent.get('/questions')).status).toBe(200);
    expect((await agent.get('/api/questions')).status).toBe(200);
  });
});
