import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src/modules/moderation/entities/audit-log.entity.js';
import { Company } from '../../../src/modules/companies/entities/company.entity.js';
import { Experience } from '../../../src/modules/experiences/entities/experience.entity.js';
import { createUser, FACTORY_PASSWORD } from '../../factories/users.js';
import { DIALECTS } from '../../support/databases.js';
import { experienceFormFields } from '../../support/experience-form.js';
import { agentFor, postForm, signIn, type Agent } from '../../support/http.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

describe.each(DIALECTS)('sharing and moderating experiences (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    await t.dataSource.getRepository(Company).save({ name: 'Kestrel Systems', slug: 'kestrel-systems', industry: 'Product software', website: null, description: null, status: 'active' });
  });
  afterAll(async () => t?.close());

  async function signedIn(variant: 'student' | 'officer' | 'admin' | 'unverified', overrides = {}): Promise<{ agent: Agent; id: number; name: string; email: string }> {
    const user = await createUser(t.dataSource, variant, overrides);
    const agent = agentFor(t.app);
    await signIn(agent, user.email, FACTORY_PASSWORD);
    return { agent, id: user.id, name: user.displayName, email: user.email };
  }

  const idFrom = (location: string) => Number(/\/experiences\/(\d+)/.exec(location)![1]);

  it('puts a new author’s anonymous post in review, publishes it on approval, and never reveals the author', async () => {
    const author = await signedIn('student', { displayName: 'Zara Secretauthor', rollNumber: 'SECRET-ROLL-77' });
    const shared = await postForm(author.agent, '/experiences/new', '/experiences', experienceFormFields({ anonymous: 'on', rollNumber: 'SECRET-ROLL-77', branch: 'Naval Architecture', 'rounds[1][questions]': 'Explain the dijkstra shortest path algorithm' }));
    expect(shared.status).toBe(303);
    const id = idFrom(shared.headers.location!);
    expect((await t.dataSource.getRepository(Experience).findOneByOrFail({ id })).status).toBe('pending');

    const own = await author.agent.get(`/experiences/${id}`);
    expect(own.text).toContain('Waiting for a moderator');
    const reader = await signedIn('student');
    expect((await reader.agent.get(`/experiences/${id}`)).status).toBe(404);
    expect((await reader.agent.get('/api/search?q=dijkstra')).body.total).toBe(0);
    expect((await reader.agent.get('/moderation')).status).toBe(403);
    expect((await postForm(reader.agent, '/experiences', `/moderation/experiences/${id}/approve`, {})).status).toBe(403);

    const officer = await signedIn('officer');
    const queue = await officer.agent.get('/moderation');
    expect(queue.text).toContain('Zara Secretauthor (posted anonymously)');
    expect(queue.text).toContain(author.email);
    // A too-short rejection reason comes back with the typed text kept.
    const tooShort = await postForm(officer.agent, '/moderation', `/moderation/experiences/${id}/reject`, { reason: 'no' });
    expect(tooShort.status).toBe(422);
    expect(tooShort.text).toContain('Give the author a reason');
    expect(tooShort.text).toContain('>no</textarea>');
    expect((await postForm(officer.agent, '/moderation', `/moderation/experiences/${id}/approve`, {})).status).toBe(303);
    const audit = await t.dataSource.getRepository(AuditLog).findOneByOrFail({ action: 'experience.approve', targetId: id });
    expect(audit.actorId).toBe(officer.id);

    const page = await reader.agent.get(`/experiences/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Anonymous');
    // The batch year stays (the whole year group shares it); the branch would narrow it down.
    expect(page.text).toMatch(/<dt>Batch<\/dt><dd>\d{4}<\/dd>/);
    expect(own.text).toContain('Naval Architecture');
    for (const secret of ['Zara', 'Secretauthor', author.email, 'SECRET-ROLL-77', 'Naval Architecture']) {
      expect(page.text).not.toContain(secret);
      expect((await reader.agent.get('/experiences')).text).not.toContain(secret);
      expect((await reader.agent.get('/')).text).not.toContain(secret);
      expect(JSON.stringify((await reader.agent.get('/api/search?q=dijkstra')).body)).not.toContain(secret);
    }
    // Staff still see who wrote it, for moderation.
    expect((await officer.agent.get(`/experiences/${id}`)).text).toContain('Zara Secretauthor (posted anonymously)');

    // Typo-tolerant search finds it once published.
    const search = await reader.agent.get('/api/search?q=dijkstr');
    expect(search.body.hits.map((h: { url: string }) => h.url)).toContain(`/experiences/${id}`);

    // An author with an approved post publishes directly next time.
    const second = await postForm(author.agent, '/experiences/new', '/experiences', experienceFormFields());
    expect((await t.dataSource.getRepository(Experience).findOneByOrFail({ id: idFrom(second.headers.location!) })).status).toBe('published');
  });

  it('returns a rejected form with every typed value kept and the error next to its field, and keeps a draft', async () => {
    const author = await signedIn('student');
    const res = await postForm(
      author.agent,
      '/experiences/new',
      '/experiences',
      experienceFormFields({ body: 'Too short', difficulty: '9', 'rounds[1][title]': '', 'rounds[2][kind]': 'hr', 'rounds[2][title]': 'H', 'rounds[2][questions]': 'Why should we hire you?' }),
    );
    expect(res.status).toBe(422);
    expect(res.text).toContain('Describe how the interview went in at least 50 characters');
    expect(res.text).toContain('Rate the difficulty from 1 (easy) to 5 (very hard).');
    expect(res.text).toContain('Round 3: Give the round a short title');
    expect(res.text).toContain('>Too short</textarea>');
    expect(res.text).toContain('Why should we hire you?');
    expect(res.text).toContain('Count inversions in an array');
    // Reloading the form restores the server-side draft.
    const reload = await author.agent.get('/experiences/new');
    expect(reload.text).toContain('Why should we hire you?');
    expect(reload.text).toContain('Draft saved on the server');
  });

  it('adds a round block without JavaScript, and saves drafts on demand', async () => {
    const author = await signedIn('student');
    // A browser without JavaScript sends the empty third block too.
    const added = await postForm(author.agent, '/experiences/new', '/experiences', { ...experienceFormFields(), 'rounds[2][kind]': 'online-test', 'rounds[2][title]': '', action: 'add-round' });
    expect(added.status).toBe(200);
    expect(added.text).toContain('name="rounds[2][title]"');
    expect(added.text).toContain('name="rounds[3][title]"');
    const saved = await postForm(author.agent, '/experiences/new', '/experiences', { companyName: 'Half-typed Co', action: 'save-draft' });
    expect(saved.status).toBe(303);
    expect((await author.agent.get('/experiences/new')).text).toContain('value="Half-typed Co"');
  });

  it('keeps a published post published on edit, re-indexes it, and removes it from search on delete', async () => {
    const author = await signedIn('officer');
    const shared = await postForm(author.agent, '/experiences/new', '/experiences', experienceFormFields({ 'rounds[0][questions]': 'Implement a trie for autocomplete' }));
    const id = idFrom(shared.headers.location!);
    // The experience and the question harvested from it.
    const types = async (q: string) => ((await author.agent.get(`/api/search?q=${q}`)).body.hits as Array<{ type: string }>).map((h) => h.type).sort();
    expect(await types('autocomplete')).toEqual(['experience', 'question']);
    const edited = await postForm(author.agent, `/experiences/${id}/edit`, `/experiences/${id}`, experienceFormFields({ 'rounds[0][questions]': 'Design a bloom filter' }));
    expect(edited.status).toBe(303);
    expect((await t.dataSource.getRepository(Experience).findOneByOrFail({ id })).status).toBe('published');
    expect(await types('autocomplete')).toEqual([]);
    expect(await types('bloom')).toEqual(['experience', 'question']);

    const stranger = await signedIn('student');
    expect((await postForm(stranger.agent, `/experiences/${id}`, `/experiences/${id}/delete`, {})).status).toBe(404);
    expect((await postForm(author.agent, `/experiences/${id}`, `/experiences/${id}/delete`, {})).status).toBe(303);
    expect(await types('bloom')).toEqual([]);
    expect((await author.agent.get(`/experiences/${id}`)).status).toBe(404);
  });

  it('counts one helpful vote per member, toggles it, and refuses the author’s own vote', async () => {
    const author = await signedIn('officer');
    const id = idFrom((await postForm(author.agent, '/experiences/new', '/experiences', experienceFormFields())).headers.location!);
    const a = await signedIn('student');
    const b = await signedIn('student');
    await postForm(a.agent, `/experiences/${id}`, `/experiences/${id}/helpful`, {});
    await postForm(b.agent, `/experiences/${id}`, `/experiences/${id}/helpful`, {});
    await postForm(b.agent, `/experiences/${id}`, `/experiences/${id}/helpful`, {});
    expect((await t.dataSource.getRepository(Experience).findOneByOrFail({ id })).helpfulCount).toBe(1);
    expect((await author.agent.get(`/experiences/${id}`)).text).not.toContain('Mark as helpful');
  });

  it('takes a reported post down through the queue, with an audit trail, and accepts public takedown requests', async () => {
    const author = await signedIn('officer');
    const id = idFrom((await postForm(author.agent, '/experiences/new', '/experiences', experienceFormFields())).headers.location!);
    const reporter = await signedIn('student');
    const short = await postForm(reporter.agent, `/experiences/${id}`, '/flags', { targetType: 'experience', targetId: String(id), reason: 'bad' });
    expect(short.status).toBe(422);
    expect(short.text).toContain('Please say what is wrong, in 10 to 1000 characters.');
    expect(short.text).toContain('>bad</textarea>');
    expect(short.text).toContain(`name="targetId" value="${id}"`);
    await postForm(reporter.agent, `/experiences/${id}`, '/flags', { targetType: 'experience', targetId: String(id), reason: 'This names an interviewer and insults them.' });
    const anonymous = agentFor(t.app);
    const takedown = await postForm(anonymous, '/takedown', '/takedown', { contactName: 'Kestrel HR', contactEmail: 'hr@kestrel.example', url: `http://localhost/experiences/${id}`, reason: 'It discloses our confidential test questions verbatim.' });
    expect(takedown.status).toBe(200);
    expect(takedown.text).toContain('Thank you');

    const admin = await signedIn('admin');
    const queue = await admin.agent.get('/moderation');
    expect(queue.text).toContain('insults them');
    expect(queue.text).toContain('hr@kestrel.example');
    const flagId = Number(/\/moderation\/flags\/(\d+)\/remove/.exec(queue.text)![1]);
    expect((await postForm(admin.agent, '/moderation', `/moderation/flags/${flagId}/remove`, { note: 'Personal attack' })).status).toBe(303);
    expect((await t.dataSource.getRepository(Experience).findOneByOrFail({ id })).status).toBe('rejected');
    expect((await reporter.agent.get(`/experiences/${id}`)).status).toBe(404);
    const log = await admin.agent.get('/moderation/audit');
    expect(log.text).toContain('flag.remove');
    expect((await author.agent.get('/moderation/audit')).status).toBe(403);
    // The author sees why.
    expect((await author.agent.get(`/experiences/${id}`)).text).toContain('Personal attack');
  });

  it('asks an unverified member to confirm their e-mail before sharing', async () => {
    const author = await signedIn('unverified');
    const res = await postForm(author.agent, '/experiences/new', '/experiences', experienceFormFields());
    expect(res.status).toBe(403);
    expect(res.text).toContain('confirm your e-mail');
  });
});

describe('campus privacy settings (sqlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { PUBLIC_READ: 'false', ALLOWED_EMAIL_DOMAINS: 'college.test' });
  });
  afterAll(async () => t?.close());

  it('keeps content for signed-in members, marks pages noindex, and limits sign-up to college addresses', async () => {
    const visitor = agentFor(t.app);
    // Practice reports' share links too: on a closed site they open for members only.
    for (const path of ['/', '/experiences', '/search?q=x', '/api/search?q=x', `/shared/practice/${'A'.repeat(43)}`]) {
      const res = await visitor.get(path);
      expect([303, 401]).toContain(res.status);
    }
    const login = await visitor.get('/login');
    expect(login.status).toBe(200);
    expect(login.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(login.text).toContain('<meta name="robots" content="noindex, nofollow">');
    expect((await visitor.get('/takedown')).status).toBe(200);

    const outsider = await postForm(visitor, '/register', '/register', {
      email: 'someone@gmail.com', password: 'a-long-password-1', passwordConfirm: 'a-long-password-1', displayName: 'Someone', branch: 'Civil', passoutYear: '2026',
    });
    expect(outsider.status).toBe(422);
    expect(outsider.text).toContain('Sign-up is limited to college addresses (@college.test)');
    const member = await createUser(t.dataSource, 'student');
    const agent = agentFor(t.app);
    await signIn(agent, member.email, FACTORY_PASSWORD);
    expect((await agent.get('/experiences')).status).toBe(200);
  });
});
