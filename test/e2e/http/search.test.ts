import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/database/seed.js';
import { User } from '../../../src/modules/accounts/entities/user.entity.js';
import { Experience } from '../../../src/modules/experiences/entities/experience.entity.js';
import { harvestAfterSeed } from '../../../src/modules/questions/question-harvester.js';
import { SearchIndexer } from '../../../src/modules/search/search-indexer.service.js';
import { createUser, FACTORY_PASSWORD } from '../../factories/users.js';
import { DIALECTS, quietLogger } from '../../support/databases.js';
import { agentFor, postForm, signIn } from '../../support/http.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

const quiet = quietLogger('test');

describe.each(DIALECTS)('search over the demo data (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    await seedDemo(t.dataSource, quiet, harvestAfterSeed);
    await t.app.get(SearchIndexer).reindexAll();
  });
  afterAll(async () => t?.close());

  it('finds every kind of document, with facets, highlights and the time taken', async () => {
    const agent = agentFor(t.app);
    const api = await agent.get('/api/search?q=linked+list');
    expect(api.status).toBe(200);
    expect(api.body.total).toBeGreaterThan(3);
    expect(Object.keys(api.body.facets.type)).toEqual(expect.arrayContaining(['experience', 'question']));
    expect(api.body.hits[0].titleHtml + api.body.hits[0].snippetHtml).toContain('<mark>');
    for (const type of ['experience', 'question', 'thread', 'company']) {
      const res = await agent.get(`/api/search?q=&type=${type}`);
      expect(res.body.total, type).toBeGreaterThan(0);
      expect(res.body.hits.every((h: { type: string }) => h.type === type)).toBe(true);
    }
    const page = await agent.get('/search?q=linked+list');
    expect(page.text).toMatch(/\d+ results? for “linked list” · [\d.]+ ms/);
    expect(page.text).toContain('aria-label="Filters"');
  });

  it('narrows by a facet and pages through results without overlap', async () => {
    const agent = agentFor(t.app);
    const all = await agent.get('/api/search?q=&type=experience');
    const company = Object.keys(all.body.facets.company)[0]!;
    const filtered = await agent.get(`/api/search?q=&type=experience&company=${company}`);
    expect(filtered.body.total).toBe(all.body.facets.company[company]);
    const first = await agent.get('/api/search?q=&page=1');
    const second = await agent.get('/api/search?q=&page=2');
    const ids = (r: typeof first) => (r.body.hits as Array<{ id: string }>).map((h) => h.id);
    expect(ids(first)).toHaveLength(20);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
  });

  it('never exposes the authors of anonymous posts through search', async () => {
    const anonymous = await t.dataSource.getRepository(Experience).find({ where: { anonymous: true, status: 'published' } });
    expect(anonymous.length).toBeGreaterThan(0);
    const authors = await t.dataSource.getRepository(User).find({ where: anonymous.map((e) => ({ id: e.authorId })) });
    const agent = agentFor(t.app);
    for (const author of authors) {
      for (const term of [author.displayName, author.email, author.rollNumber].filter((v): v is string => Boolean(v))) {
        const res = await agent.get(`/api/search?q=${encodeURIComponent(term)}`);
        expect(JSON.stringify(res.body.hits)).not.toContain(term);
      }
    }
  });

  it('indexes a new forum thread as soon as it is posted', async () => {
    const member = await createUser(t.dataSource, 'student');
    const agent = agentFor(t.app);
    await signIn(agent, member.email, FACTORY_PASSWORD);
    const created = await postForm(agent, '/forum/new?category=general', '/forum', {
      category: 'general',
      title: 'How do people prepare for quaternion rotation questions?',
      body: 'Our graphics elective had quaternion questions; any tips on explaining gimbal lock clearly?',
    });
    expect(created.status).toBe(303);
    const res = await agent.get('/api/search?q=quaternion&type=thread');
    expect(res.body.total).toBe(1);
  });
});
