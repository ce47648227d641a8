/**
 * The forum over HTTP: a role × route matrix for every forum POST route, CSRF, sanitised Markdown,
 * and that authors' e-mail addresses and roll numbers never reach a page or JSON.
 * Each matrix case builds its own thread so state-changing routes cannot affect one another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../../src/modules/accounts/entities/user.entity.js';
import type { ForumCategory } from '../../../src/modules/forum/entities/forum-category.entity.js';
import { ForumPost } from '../../../src/modules/forum/entities/forum-post.entity.js';
import { ForumThread } from '../../../src/modules/forum/entities/forum-thread.entity.js';
import { createCompany } from '../../factories/content.js';
import { createCategory, createPost, createThread } from '../../factories/forum.js';
import { createUser, FACTORY_PASSWORD } from '../../factories/users.js';
import { DIALECTS } from '../../support/databases.js';
import { agentFor, postForm, signIn, type Agent } from '../../support/http.js';
import { csrfFrom, startTestApp, type TestApp } from '../../support/test-app.js';

type Role = 'anonymous' | 'student' | 'author' | 'officer' | 'admin';
const ROLES: Role[] = ['anonymous', 'student', 'author', 'officer', 'admin'];

interface Fixture {
  thread: ForumThread;
  /** A reply written by the thread's author ("author" for post routes too). */
  own: ForumPost;
  /** A reply by someone else, to accept or vote on. */
  answer: ForumPost;
}

interface RouteCase {
  name: string;
  path: (f: Fixture) => string;
  fields?: (f: Fixture) => Record<string, string | number>;
  expected: Record<Role, number>;
}

const SIGNED_IN_OK = { anonymous: 401, student: 303, author: 303, officer: 303, admin: 303 };
const OWNER_OR_STAFF = { anonymous: 401, student: 403, author: 303, officer: 303, admin: 303 };
const STAFF_ONLY = { anonymous: 401, student: 403, author: 403, officer: 303, admin: 303 };

describe.each(DIALECTS)('forum over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let category: ForumCategory;
  let users: Record<Exclude<Role, 'anonymous'>, User>;
  let replier: User;
  const agents = new Map<Role, Agent>();

  beforeAll(async () => {
    t = await startTestApp(dialect);
    category = await createCategory(t.dataSource, { slug: 'coding', name: 'Coding & DSA' });
    users = {
      student: await createUser(t.dataSource, 'student'),
      author: await createUser(t.dataSource, 'student', { displayName: 'Meera Author', email: 'meera.private@college.test', rollNumber: 'ROLL-SECRET-77' }),
      officer: await createUser(t.dataSource, 'officer'),
      admin: await createUser(t.dataSource, 'admin'),
    };
    replier = await createUser(t.dataSource, 'student', { displayName: 'Kiran Replier', email: 'kiran.hidden@college.test', rollNumber: 'ROLL-SECRET-88' });
    for (const role of ROLES) {
      const agent = agentFor(t.app);
      if (role === 'anonymous') await agent.get('/forum');
      else await signIn(agent, users[role].email, FACTORY_PASSWORD);
      agents.set(role, agent);
    }
  });
  afterAll(async () => t?.close());

  async function fixture(): Promise<Fixture> {
    const thread = await createThread(t.dataSource, users.author, category);
    const own = await createPost(t.dataSource, thread, users.author, { body: 'A detail from the author.' });
    const answer = await createPost(t.dataSource, thread, replier, { body: 'An answer from someone else.' });
    return { thread, own, answer };
  }

  const cases: RouteCase[] = [
    {
      name: 'POST /forum (start a thread)',
      path: () => '/forum',
      fields: () => ({ title: 'Is the aptitude test negative-marked?', body: 'Does the aptitude round take marks off for wrong answers?', category: 'coding', company: '' }),
      expected: SIGNED_IN_OK,
    },
    { name: 'POST /forum/t/:id/posts (reply)', path: (f) => `/forum/t/${f.thread.id}/posts`, fields: () => ({ body: 'Here is my reply.' }), expected: SIGNED_IN_OK },
    {
      name: 'POST /forum/t/:id/edit',
      path: (f) => `/forum/t/${f.thread.id}/edit`,
      fields: () => ({ title: 'An edited thread title', body: 'The edited body of the thread, long enough.', category: 'coding', company: '' }),
      expected: OWNER_OR_STAFF,
    },
    // The fixture's thread has a reply from someone else, so its author may no longer delete it.
    { name: 'POST /forum/t/:id/delete', path: (f) => `/forum/t/${f.thread.id}/delete`, expected: { ...OWNER_OR_STAFF, author: 403 } },
    { name: 'POST /forum/t/:id/accept/:postId', path: (f) => `/forum/t/${f.thread.id}/accept/${f.answer.id}`, expected: OWNER_OR_STAFF },
    { name: 'POST /forum/t/:id/unaccept', path: (f) => `/forum/t/${f.thread.id}/unaccept`, expected: OWNER_OR_STAFF },
    { name: 'POST /forum/t/:id/pin', path: (f) => `/forum/t/${f.thread.id}/pin`, expected: STAFF_ONLY },
    { name: 'POST /forum/t/:id/unpin', path: (f) => `/forum/t/${f.thread.id}/unpin`, expected: STAFF_ONLY },
    { name: 'POST /forum/t/:id/lock', path: (f) => `/forum/t/${f.thread.id}/lock`, expected: STAFF_ONLY },
    { name: 'POST /forum/t/:id/unlock', path: (f) => `/forum/t/${f.thread.id}/unlock`, expected: STAFF_ONLY },
    { name: 'POST /forum/posts/:id/edit', path: (f) => `/forum/posts/${f.own.id}/edit`, fields: () => ({ body: 'An edited reply.' }), expected: OWNER_OR_STAFF },
    { name: 'POST /forum/posts/:id/delete', path: (f) => `/forum/posts/${f.own.id}/delete`, expected: OWNER_OR_STAFF },
    {
      name: 'POST /forum/vote (on the author’s reply)',
      path: () => '/forum/vote',
      fields: (f) => ({ targetType: 'post', targetId: f.own.id, value: 1 }),
      // Nobody votes on their own words.
      expected: { anonymous: 401, student: 303, author: 403, officer: 303, admin: 303 },
    },
  ];

  describe.each(cases)('$name', (route) => {
    it.each(ROLES)('as %s', async (role) => {
      const f = await fixture();
      // Anonymous visitors see no forms on a thread page; the sign-in page carries their session's token.
      const page = role === 'anonymous' ? '/login' : `/forum/t/${f.thread.id}`;
      const res = await postForm(agents.get(role)!, page, route.path(f), route.fields?.(f) ?? {});
      expect(res.status).toBe(route.expected[role]);
    });
  });

  it('asks anonymous visitors to sign in before starting a thread, and reads pages without an account', async () => {
    const f = await fixture();
    const anonymous = agentFor(t.app);
    const form = await anonymous.get('/forum/new?category=coding');
    expect(form.status).toBe(303);
    expect(form.headers.location).toBe(`/login?next=${encodeURIComponent('/forum/new?category=coding')}`);
    expect((await anonymous.get('/forum')).status).toBe(200);
    expect((await anonymous.get('/forum/coding')).status).toBe(200);
    const page = await anonymous.get(`/forum/t/${f.thread.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Sign in to reply');
    expect((await anonymous.get('/forum/no-such-category')).status).toBe(404);
    expect((await anonymous.get('/forum/t/999999')).status).toBe(404);
    expect((await anonymous.get('/forum/t/abc')).status).toBe(404);
  });

  it('refuses a forum form without a valid CSRF token, and a JSON vote without the header', async () => {
    const f = await fixture();
    const agent = agents.get('student')!;
    const missing = await agent.post(`/forum/t/${f.thread.id}/posts`).type('form').send({ body: 'No token here.' });
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('This form has expired');
    const forged = await agent.post('/forum/vote').set('Accept', 'application/json').type('form').send({ targetType: 'post', targetId: f.answer.id, value: 1 }).set('X-CSRF-Token', 'forged');
    expect(forged.status).toBe(403);
    expect(await t.dataSource.getRepository(ForumPost).countBy({ threadId: f.thread.id })).toBe(2);
  });

  it('creates a thread, re-shows a rejected form with typed values, and lists it in its category', async () => {
    const company = await createCompany(t.dataSource, 'active', { name: 'Kestrel Systems', slug: 'kestrel' });
    const agent = agents.get('student')!;
    const rejected = await postForm(agent, '/forum/new?category=coding', '/forum', { title: 'Short', body: 'Short <b>body</b>', category: 'coding', company: 'kestrel' });
    expect(rejected.status).toBe(422);
    expect(rejected.text).toContain('Give your thread a title of 8 to 200 characters.');
    expect(rejected.text).toContain('Write your question or topic in 20 to 20000 characters.');
    expect(rejected.text).toContain('value="Short"');
    expect(rejected.text).toContain('Short &lt;b&gt;body&lt;/b&gt;</textarea>');
    expect(rejected.text).toMatch(/<option value="kestrel" selected>Kestrel Systems<\/option>/);

    const unknown = await postForm(agent, '/forum/new', '/forum', { title: 'A fine thread title', body: 'A body that is long enough to post.', category: 'nope' });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('Choose one of the categories.');

    const created = await postForm(agent, '/forum/new', '/forum', { title: 'Kestrel coding round: which topics?', body: 'Which topics came up in the Kestrel coding round this year?', category: 'coding', company: 'kestrel' });
    expect(created.status).toBe(303);
    expect(created.headers.location).toMatch(/^\/forum\/t\/\d+$/);
    const list = await agent.get('/forum/coding?company=kestrel');
    expect(list.text).toContain('Kestrel coding round: which topics?');
    expect(list.text).toContain(`<a href="/companies/kestrel">${company.name}</a>`);
    const api = await agent.get('/api/forum/threads?category=coding&company=kestrel');
    expect(api.status).toBe(200);
    expect(api.body.threads).toHaveLength(1);
    expect(api.body.threads[0]).toMatchObject({ title: 'Kestrel coding round: which topics?', company: { slug: 'kestrel', name: 'Kestrel Systems' }, replies: 0, score: 0 });
  });

  it('replies with a quote, refuses quoting another thread, and renders the quote linked to its post', async () => {
    const f = await fixture();
    const other = await fixture();
    const agent = agents.get('student')!;
    const quotePage = await agent.get(`/forum/t/${f.thread.id}?quote=${f.answer.id}`);
    expect(quotePage.text).toContain('&gt; An answer from someone else.');
    expect(quotePage.text).toContain(`name="quotedPostId" value="${f.answer.id}"`);

    const across = await postForm(agent, `/forum/t/${f.thread.id}`, `/forum/t/${f.thread.id}/posts`, { body: 'Quoting elsewhere', quotedPostId: other.answer.id });
    expect(across.status).toBe(422);
    expect(across.text).toContain('You can only quote a reply from this thread.');
    expect(across.text).toContain('Quoting elsewhere</textarea>');

    const res = await postForm(agent, `/forum/t/${f.thread.id}`, `/forum/t/${f.thread.id}/posts`, { body: '> An answer from someone else.\n\nThat helped, thanks!', quotedPostId: f.answer.id });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^/forum/t/${f.thread.id}#post-\\d+$`));
    const page = await agent.get(`/forum/t/${f.thread.id}`);
    expect(page.text).toContain(`<blockquote class="forum-quote"><p class="quote-source"><a href="#post-${f.answer.id}">Kiran Replier wrote</a>:</p>`);
    expect(page.text).toContain(`id="post-${f.answer.id}"`);
  });

  it('shows the accepted answer first and marked, and a locked thread says why it refuses replies', async () => {
    const f = await fixture();
    expect((await postForm(agents.get('author')!, `/forum/t/${f.thread.id}`, `/forum/t/${f.thread.id}/accept/${f.answer.id}`, {})).status).toBe(303);
    const page = await agents.get('anonymous')!.get(`/forum/t/${f.thread.id}`);
    const accepted = page.text.indexOf('Accepted answer</h2>');
    expect(accepted).toBeGreaterThan(0);
    expect(page.text.indexOf(`id="post-${f.answer.id}"`)).toBeGreaterThan(accepted);
    expect(page.text.indexOf(`id="post-${f.answer.id}"`)).toBeLessThan(page.text.indexOf(`id="post-${f.own.id}"`));
    expect(page.text).toContain('✓ Accepted answer');
    expect((await agents.get('anonymous')!.get('/forum/coding')).text).toContain('✓ Answered');

    await postForm(agents.get('officer')!, `/forum/t/${f.thread.id}`, `/forum/t/${f.thread.id}/lock`, {});
    const refused = await postForm(agents.get('student')!, `/forum/t/${f.thread.id}`, `/forum/t/${f.thread.id}/posts`, { body: 'Too late to reply?' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('This thread is locked, so it no longer takes replies.');
    expect(refused.text).toContain('Too late to reply?</textarea>');
  });

  it('answers JSON votes with the new score when asked with the CSRF header', async () => {
    const f = await fixture();
    const agent = agents.get('student')!;
    const token = csrfFrom((await agent.get(`/forum/t/${f.thread.id}`)).text);
    const vote = (value: number) =>
      agent.post('/forum/vote').set('Accept', 'application/json').set('X-CSRF-Token', token).type('form').send({ targetType: 'post', targetId: f.answer.id, value });
    expect((await vote(1)).body).toEqual({ score: 1, value: 1 });
    expect((await vote(1)).body).toEqual({ score: 0, value: 0 });
    expect((await vote(-1)).body).toEqual({ score: -1, value: -1 });
    const own = await agents.get('author')!.post('/forum/vote').set('Accept', 'application/json').set('X-CSRF-Token', csrfFrom((await agents.get('author')!.get('/forum')).text)).type('form').send({ targetType: 'post', targetId: f.own.id, value: 1 });
    expect(own.status).toBe(403);
    expect(own.body.message).toBe('You cannot vote on your own post.');
    const html = await postForm(agent, `/forum/t/${f.thread.id}`, '/forum/vote', { targetType: 'thread', targetId: f.thread.id, value: 1 });
    expect(html.status).toBe(303);
    expect(html.headers.location).toBe(`/forum/t/${f.thread.id}#thread`);
  });

  it('renders a hostile post body sanitised', async () => {
    const f = await fixture();
    const body = '**bold** and [click](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n<script>alert("x")</script>\n\n[ok](https://example.org)';
    expect((await postForm(agents.get('student')!, `/forum/t/${f.thread.id}`, `/forum/t/${f.thread.id}/posts`, { body })).status).toBe(303);
    await t.dataSource.getRepository(ForumThread).update({ id: f.thread.id }, { title: 'Title with <script>alert(2)</script>' });
    const page = await agents.get('anonymous')!.get(`/forum/t/${f.thread.id}`);
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toMatch(/<img[^>]*onerror/i);
    expect(page.text).not.toMatch(/href="javascript:/i);
    expect(page.text).toContain('<strong>bold</strong>');
    expect(page.text).toContain('<a href="https://example.org" rel="nofollow noopener ugc" target="_blank">ok</a>');
    expect(page.text).toContain('Title with &lt;script&gt;');
  });

  it('asks unconfirmed accounts to confirm their e-mail before posting or voting', async () => {
    const f = await fixture();
    const unverified = await createUser(t.dataSource, 'unverified');
    const agent = agentFor(t.app);
    await signIn(agent, unverified.email, FACTORY_PASSWORD);
    const page = await agent.get(`/forum/t/${f.thread.id}`);
    expect(page.text).toContain('Please confirm your e-mail address to reply');
    const reply = await postForm(agent, `/forum/t/${f.thread.id}`, `/forum/t/${f.thread.id}/posts`, { body: 'Posting before confirming.' });
    expect(reply.status).toBe(403);
    expect(reply.text).toContain('Please confirm your e-mail address before posting or voting');
    expect((await postForm(agent, `/forum/t/${f.thread.id}`, '/forum/vote', { targetType: 'post', targetId: f.answer.id, value: 1 })).status).toBe(403);
  });

  it('serves the edit pages to those who may edit, and reply permalinks to everyone', async () => {
    const f = await fixture();
    const author = agents.get('author')!;
    const threadEdit = await author.get(`/forum/t/${f.thread.id}/edit`);
    expect(threadEdit.status).toBe(200);
    expect(threadEdit.text).toContain(`value="${f.thread.title}"`);
    const postEdit = await author.get(`/forum/posts/${f.own.id}/edit`);
    expect(postEdit.status).toBe(200);
    expect(postEdit.text).toContain('A detail from the author.</textarea>');
    expect((await agents.get('student')!.get(`/forum/t/${f.thread.id}/edit`)).status).toBe(403);
    expect((await agents.get('student')!.get(`/forum/posts/${f.own.id}/edit`)).status).toBe(403);
    expect((await agents.get('officer')!.get(`/forum/posts/${f.own.id}/edit`)).status).toBe(200);

    const rejected = await postForm(author, `/forum/posts/${f.own.id}/edit`, `/forum/posts/${f.own.id}/edit`, { body: 'x' });
    expect(rejected.status).toBe(422);
    expect(rejected.text).toContain('Write your reply in 2 to 20000 characters.');
    const saved = await postForm(author, `/forum/posts/${f.own.id}/edit`, `/forum/posts/${f.own.id}/edit`, { body: 'A corrected detail.' });
    expect(saved.headers.location).toBe(`/forum/t/${f.thread.id}#post-${f.own.id}`);
    const html = (await author.get(`/forum/t/${f.thread.id}`)).text;
    const start = html.indexOf(`id="post-${f.own.id}"`);
    const article = html.slice(start, html.indexOf('</article>', start));
    expect(article).toContain('A corrected detail.');
    expect(article).toContain('>edited</span>');

    const permalink = await agents.get('anonymous')!.get(`/forum/posts/${f.answer.id}`);
    expect(permalink.status).toBe(303);
    expect(permalink.headers.location).toBe(`/forum/t/${f.thread.id}#post-${f.answer.id}`);
    expect((await agents.get('anonymous')!.get('/forum/posts/999999')).status).toBe(404);
  });

  it('never shows authors’ e-mail addresses or roll numbers, in pages or JSON, to anyone', async () => {
    const f = await fixture();
    await postForm(agents.get('author')!, `/forum/t/${f.thread.id}`, `/forum/t/${f.thread.id}/accept/${f.answer.id}`, {});
    const secrets = [users.author.email, users.author.rollNumber!, replier.email, replier.rollNumber!];
    for (const role of ROLES) {
      const agent = agents.get(role)!;
      const bodies = [
        (await agent.get('/forum')).text,
        (await agent.get('/forum/coding')).text,
        (await agent.get(`/forum/t/${f.thread.id}`)).text,
        (await agent.get(`/forum/t/${f.thread.id}?quote=${f.answer.id}`)).text,
        JSON.stringify((await agent.get('/api/forum/threads')).body),
        JSON.stringify((await agent.get('/api/forum/threads?category=coding')).body),
      ];
      for (const text of bodies) for (const secret of secrets) expect(text, `${role} saw ${secret}`).not.toContain(secret);
      expect(bodies[2]).toContain('Meera Author');
      expect(bodies[2]).toContain('Kiran Replier');
    }
  });
});
