import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../../src/modules/accounts/entities/user.entity.js';
import type { Company } from '../../../src/modules/companies/entities/company.entity.js';
import { Faq } from '../../../src/modules/companies/entities/faq.entity.js';
import { anonymousExperience, createCompany, createExperience, createFaq, pendingCompany, pendingExperience } from '../../factories/content.js';
import { createUser, FACTORY_PASSWORD, type UserVariant } from '../../factories/users.js';
import { QuestionBankService } from '../../../src/modules/questions/question-bank.service.js';
import { DIALECTS } from '../../support/databases.js';
import { agentFor, postForm, signIn, type Agent } from '../../support/http.js';
import { csrfFrom, startTestApp, type TestApp } from '../../support/test-app.js';

describe.each(DIALECTS)('company pages and FAQ archive over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let kestrel: Company;
  let bluefin: Company;
  let secretAuthor: User;

  async function signedIn(variant: UserVariant, overrides: Partial<User> = {}): Promise<{ agent: Agent; user: User }> {
    const user = await createUser(t.dataSource, variant, overrides);
    const agent = agentFor(t.app);
    await signIn(agent, user.email, FACTORY_PASSWORD);
    return { agent, user };
  }

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const ds = t.dataSource;
    kestrel = await createCompany(ds, 'active', {
      name: 'Kestrel Systems',
      slug: 'kestrel-systems',
      industry: 'Product software',
      website: 'https://kestrel-systems.example',
      description: 'Kestrel builds workflow and scheduling software.',
    });
    bluefin = await createCompany(ds, 'active', { name: 'Bluefin Analytics', slug: 'bluefin-analytics', industry: 'Analytics' });
    await pendingCompany(ds, { name: 'Shadowy Startup', slug: 'shadowy-startup' });
    // A website that is not a web address must never become a link.
    await createCompany(ds, 'active', { name: 'Odd Website Co', slug: 'odd-website-co', website: 'javascript:alert(1)', industry: 'Analytics' });

    const batch2025 = await createUser(ds, 'student', { passoutYear: 2025 });
    const batch2026 = await createUser(ds, 'student', { passoutYear: 2026 });
    secretAuthor = await createUser(ds, 'student', { displayName: 'Zara Secretauthor', passoutYear: 2026 });
    const standard = ['online-test', 'technical', 'technical', 'hr'] as const;
    await createExperience(ds, 'published', { company: kestrel, author: batch2025, role: 'SDE Intern', interviewYear: 2024, outcome: 'selected', rounds: [...standard] });
    await createExperience(ds, 'published', { company: kestrel, author: batch2026, role: 'Backend Engineer', interviewYear: 2025, outcome: 'rejected', rounds: [...standard] });
    await anonymousExperience(ds, { company: kestrel, author: secretAuthor, role: 'Platform Engineer', interviewYear: 2025, outcome: 'selected', rounds: ['online-test', 'technical', 'hr'] });
    await pendingExperience(ds, { company: kestrel, author: batch2026, role: 'Unreviewed Role' });
    await createExperience(ds, 'published', { company: bluefin, author: batch2025, role: 'Data Analyst', rounds: ['group-discussion', 'hr'] });
  });
  afterAll(async () => t?.close());

  it('lists active companies with published-experience counts, searches, filters by industry and shows an empty state', async () => {
    const agent = agentFor(t.app);
    const page = await agent.get('/companies');
    expect(page.status).toBe(200);
    expect(page.text).toContain('href="/companies/kestrel-systems"');
    expect(page.text).toContain('href="/companies/bluefin-analytics"');
    expect(page.text).not.toContain('Shadowy Startup');
    // 3 published of Kestrel's 4; 2 of them selected.
    expect(page.text).toMatch(/<strong>3<\/strong> experiences[\s\S]*?<strong>2<\/strong> selected \(67%\)/);
    expect(page.text).toContain('<option value="Analytics" >Analytics</option>');

    const search = await agent.get('/companies?q=KESTREL');
    expect(search.text).toContain('Kestrel Systems');
    expect(search.text).not.toContain('Bluefin Analytics');

    const industry = await agent.get('/companies?industry=Analytics');
    expect(industry.text).toContain('Bluefin Analytics');
    expect(industry.text).not.toContain('href="/companies/kestrel-systems"');
    expect(industry.text).toContain('<option value="Analytics" selected>');

    const none = await agent.get('/companies?q=nothing-like-this');
    expect(none.status).toBe(200);
    expect(none.text).toContain('No company matches your search');
  });

  it('shows a company page with overview, typical process, experiences and FAQ, and 404s for pending or unknown ones', async () => {
    const page = await agentFor(t.app).get('/companies/kestrel-systems');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Kestrel Systems</h1>');
    expect(page.text).toContain('<a href="https://kestrel-systems.example/" rel="nofollow noopener">kestrel-systems.example</a>');
    expect(page.text).toContain('href="/companies/kestrel-systems/questions"');
    expect(page.text).toContain('Questions asked at Kestrel Systems');
    expect(page.text).toMatch(/<dt>Experiences shared<\/dt><dd>3<\/dd>/);
    expect(page.text).toContain('Typical recruitment process');
    expect(page.text).toContain('67% of 3 experiences');
    expect(page.text).toMatch(/<ol class="process-steps">\s*<li>Online test<\/li><li>Technical<\/li><li>Technical<\/li><li>HR<\/li>\s*<\/ol>/);
    // Only two of the three experiences had a fourth round.
    expect(page.text).toContain('Round 4 <span class="meta">— in 2 of 3 experiences (67%)</span>');
    expect(page.text).toContain('style="width: 100%"');
    expect(page.text).toContain('SDE Intern');
    expect(page.text).not.toContain('Unreviewed Role');
    expect(page.text).toContain('Batch of 2026');
    expect(page.text).toContain('Sign in</a> to ask the placement officers');

    const upper = await agentFor(t.app).get('/companies/Kestrel-Systems?outcome=selected');
    expect([upper.status, upper.headers.location]).toEqual([301, '/companies/kestrel-systems?outcome=selected']);
    expect((await agentFor(t.app).get('/companies/shadowy-startup')).status).toBe(404);
    expect((await agentFor(t.app).get('/companies/no-such-company')).status).toBe(404);
    const odd = await agentFor(t.app).get('/companies/odd-website-co');
    expect(odd.status).toBe(200);
    expect(odd.text).not.toContain('javascript:');
    expect(odd.text).toContain('Nobody has shared an experience with Odd Website Co yet');
    expect(odd.text).toContain('no typical process to show');
  });

  it('shows company statistics: outcomes, years, branches (small ones merged), topics asked and a word cloud', async () => {
    const ds = t.dataSource;
    const heron = await createCompany(ds, 'active', { name: 'Heron Labs', slug: 'heron-labs' });
    const rounds = [{ kind: 'technical' as const, questions: ['Explain the difference between a process and a thread.', 'Reverse a linked list in place.'] }];
    const post = async (branch: string, interviewYear: number, outcome: 'selected' | 'rejected' | 'pending', anonymous = false) =>
      createExperience(ds, anonymous ? 'anonymous' : 'published', { company: heron, author: await createUser(ds, 'student', { branch }), interviewYear, outcome, rounds });
    for (const [year, outcome] of [[2024, 'rejected'], [2024, 'rejected'], [2025, 'selected'], [2025, 'selected'], [2025, 'selected'], [2025, 'rejected']] as const) await post('Computer Science', year, outcome);
    await post('Mechanical', 2025, 'selected', true);
    await post('Mechanical', 2026, 'pending');
    for (const outcome of ['selected', 'rejected', 'rejected'] as const) await post('Civil', 2026, outcome);
    await ds.transaction((m) => t.app.get(QuestionBankService).harvestAll(m));

    const page = await agentFor(t.app).get('/companies/heron-labs/stats');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Heron Labs: statistics</h1>');
    expect(page.text).toMatch(/<dt>Experiences shared<\/dt><dd>11<\/dd>/);
    const labels = ['Experiences', 'Selected', 'Selection rate'];
    const row = (head: string, ...cells: Array<string | number>) => `<tr><th scope="row">${head}</th>${cells.map((c, i) => `<td data-label="${labels[i]}">${c}</td>`).join('')}</tr>`;
    expect(page.text).toContain(row('2024', 2, 0, '0%'));
    expect(page.text).toContain(row('2025', 5, 4, '80%'));
    expect(page.text).toContain(row('2026', 4, 1, '25%'));
    expect(page.text).toContain('<desc id="years-desc">Experiences shared per interview year, with how many were selected: 2024: 2, 0 selected; 2025: 5, 4 selected; 2026: 4, 1 selected.</desc>');
    expect(page.text).toMatch(/Selected<\/span> <svg[^>]*>.*?<\/svg> <span class="share-value">5 \(45%\)/);
    expect(page.text).toMatch(/Result pending<\/span> <svg[^>]*>.*?<\/svg> <span class="share-value">1 \(9%\)/);
    // Mechanical (2, one of them anonymous) and Civil (3) are each too few to show on their own.
    expect(page.text).toContain(row('Computer Science', 6, 3, '50%'));
    expect(page.text).toContain(row('Other branches <span class="hint">(2)</span>', 5, 2, '40%'));
    expect(page.text).not.toContain('Mechanical');
    expect(page.text).toContain('href="/companies/heron-labs/questions?topic=os">Operating systems</a>');
    expect(page.text).toContain('href="/companies/heron-labs/questions?topic=dsa">Data structures &amp; algorithms</a>');
    for (const word of ['thread', 'process', 'linked', 'reverse']) expect(page.text).toContain(`<a href="/companies/heron-labs/questions?q=${word}">${word}</a>`);
    for (const word of ['explain', 'heron', 'difference']) expect(page.text).not.toContain(`questions?q=${word}"`);
    expect((await agentFor(t.app).get('/companies/heron-labs')).text).toContain('<a href="/companies/heron-labs/stats">Statistics</a>');

    const upper = await agentFor(t.app).get('/companies/Heron-Labs/stats');
    expect([upper.status, upper.headers.location]).toEqual([301, '/companies/heron-labs/stats']);
    expect((await agentFor(t.app).get('/companies/shadowy-startup/stats')).status).toBe(404);
    const empty = await agentFor(t.app).get('/companies/odd-website-co/stats');
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('so there is nothing to count');
  });

  it('narrows the experience list with the GET filters and the year-of-passout selector', async () => {
    const agent = agentFor(t.app);
    const roles = (html: string) => ['SDE Intern', 'Backend Engineer', 'Platform Engineer'].filter((role) => html.includes(`— ${role}</a>`));
    expect(roles((await agent.get('/companies/kestrel-systems')).text)).toEqual(['SDE Intern', 'Backend Engineer', 'Platform Engineer']);
    expect(roles((await agent.get('/companies/kestrel-systems?outcome=selected')).text)).toEqual(['SDE Intern', 'Platform Engineer']);
    expect(roles((await agent.get('/companies/kestrel-systems?year=2025')).text)).toEqual(['Backend Engineer', 'Platform Engineer']);
    expect(roles((await agent.get('/companies/kestrel-systems?role=SDE+Intern')).text)).toEqual(['SDE Intern']);
    expect(roles((await agent.get('/companies/kestrel-systems?passoutYear=2025')).text)).toEqual(['SDE Intern']);
    const both = await agent.get('/companies/kestrel-systems?passoutYear=2026&outcome=selected');
    expect(roles(both.text)).toEqual(['Platform Engineer']);
    expect(both.text).toContain('<option value="2026" selected>Batch of 2026</option>');
    // Batch links keep the other filters, and count what each batch has under them.
    const html = both.text.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
    expect(html).toContain('<a href="/companies/kestrel-systems?outcome=selected&passoutYear=2026#experiences" aria-current="true">Batch of 2026 <span class="badge">1</span>');
    expect(html).toContain('<a href="/companies/kestrel-systems?outcome=selected&passoutYear=2025#experiences" >Batch of 2025 <span class="badge">1</span>');
    expect(html).toContain('<a href="/companies/kestrel-systems?outcome=selected#experiences" >All batches <span class="badge">2</span>');

    const rounds = await agent.get('/companies/kestrel-systems?roundKind=group-discussion');
    expect(roles(rounds.text)).toEqual([]);
    expect(rounds.text).toContain('No experience matches these filters');
    // Nonsense filter values are ignored, not an error page.
    const junk = await agent.get('/companies/kestrel-systems?year=soon&outcome=hired&sort=random&page=-3');
    expect(junk.status).toBe(200);
    expect(roles(junk.text)).toHaveLength(3);
  });

  it('shows "Anonymous" to other students and visitors, and the author’s name to officers', async () => {
    const reader = await signedIn('student');
    for (const agent of [reader.agent, agentFor(t.app)]) {
      const page = await agent.get('/companies/kestrel-systems');
      expect(page.text).toMatch(/Platform Engineer<\/a>[\s\S]*?by Anonymous/);
      expect(page.text).not.toContain('Zara');
      expect(page.text).not.toContain('Secretauthor');
      expect(page.text).not.toContain(secretAuthor.email);
    }
    const officer = await signedIn('officer');
    expect((await officer.agent.get('/companies/kestrel-systems')).text).toContain('Zara Secretauthor (posted anonymously)');
    const author = agentFor(t.app);
    await signIn(author, secretAuthor.email, FACTORY_PASSWORD);
    expect((await author.get('/companies/kestrel-systems')).text).toContain('Zara Secretauthor (posted anonymously)');
  });

  it('lets a signed-in student propose a question that only they and the officers see until it is answered', async () => {
    const asker = await signedIn('student', { displayName: 'Asha Asker' });
    const question = 'Does Kestrel allow students with one backlog to apply?';
    const sent = await postForm(asker.agent, '/companies/kestrel-systems', '/companies/kestrel-systems/faq', { question });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe('/companies/kestrel-systems#faq');
    const own = await asker.agent.get('/companies/kestrel-systems');
    expect(own.text).toContain('Your question was sent to the placement officers');
    expect(own.text).toContain(`${question} <span class="badge warn">awaiting an answer</span>`);

    const other = await signedIn('student');
    expect((await other.agent.get('/companies/kestrel-systems')).text).not.toContain(question);
    expect((await agentFor(t.app).get('/companies/kestrel-systems')).text).not.toContain(question);
    expect(JSON.stringify((await agentFor(t.app).get('/api/companies/kestrel-systems')).body)).not.toContain(question);

    const officer = await signedIn('officer');
    const staffView = await officer.agent.get('/companies/kestrel-systems');
    expect(staffView.text).toContain(question);
    expect(staffView.text).toContain('Asked by Asha Asker');
  });

  it('returns a rejected proposal with the typed text kept and the error next to the field', async () => {
    const { agent } = await signedIn('student');
    const res = await postForm(agent, '/companies/kestrel-systems', '/companies/kestrel-systems/faq', { question: 'CGPA <b>?' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Please write your question in 10 to 300 characters.');
    expect(res.text).toContain('id="faq-question-error"');
    expect(res.text).toContain('aria-invalid="true"');
    expect(res.text).toContain('CGPA &lt;b&gt;?</textarea>');
    const tooLong = await postForm(agent, '/companies/kestrel-systems', '/companies/kestrel-systems/faq', { question: 'x'.repeat(301) });
    expect(tooLong.status).toBe(422);
    expect(await t.dataSource.getRepository(Faq).countBy({ question: 'x'.repeat(301) })).toBe(0);

    const form = await agent.get('/companies/kestrel-systems/faq/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Ask about Kestrel Systems');
  });

  it('checks roles and CSRF on every FAQ route', async () => {
    const faq = await createFaq(t.dataSource, 'open', { company: kestrel, question: 'When does Kestrel usually visit campus?' });
    const routes: Array<{ path: string; fields: Record<string, string> }> = [
      { path: `/companies/kestrel-systems/faq/${faq.id}/answer`, fields: { answer: 'In **August**.' } },
      { path: `/companies/kestrel-systems/faq/${faq.id}/hide`, fields: {} },
      { path: `/companies/kestrel-systems/faq/${faq.id}/show`, fields: {} },
    ];

    // Visitors: a session with a valid token (from the sign-in form) but no account.
    const visitor = agentFor(t.app);
    const token = csrfFrom((await visitor.get('/login')).text);
    expect((await visitor.post('/companies/kestrel-systems/faq').type('form').send({ _csrf: token, question: 'A question from nobody at all?' })).status).toBe(401);
    for (const route of routes) expect((await visitor.post(route.path).type('form').send({ _csrf: token, ...route.fields })).status).toBe(401);
    expect((await visitor.get('/companies/kestrel-systems/faq/new')).headers.location).toBe('/login?next=%2Fcompanies%2Fkestrel-systems%2Ffaq%2Fnew');

    // Students: may propose, may not answer or curate.
    const student = await signedIn('student');
    for (const route of routes) expect((await postForm(student.agent, '/companies/kestrel-systems', route.path, route.fields)).status).toBe(403);
    expect((await student.agent.get(`/companies/kestrel-systems/faq/${faq.id}/answer`)).status).toBe(403);
    expect(await t.dataSource.getRepository(Faq).findOneByOrFail({ id: faq.id })).toMatchObject({ status: 'open', answer: null });

    // Without a token, nobody gets through — not even an officer.
    const officer = await signedIn('officer');
    await officer.agent.get('/companies/kestrel-systems');
    expect((await officer.agent.post(routes[0]!.path).type('form').send(routes[0]!.fields)).status).toBe(403);
    expect((await officer.agent.post(routes[0]!.path).type('form').send({ _csrf: 'forged', ...routes[0]!.fields })).status).toBe(403);
    expect((await student.agent.post('/companies/kestrel-systems/faq').type('form').send({ question: 'Is there a token on this form?' })).status).toBe(403);

    // Officers and admins: answer (Markdown, sanitised), hide, show.
    const answered = await postForm(officer.agent, '/companies/kestrel-systems', routes[0]!.path, { answer: 'In **August**. <script>alert(1)</script>' });
    expect(answered.status).toBe(303);
    expect(await t.dataSource.getRepository(Faq).findOneByOrFail({ id: faq.id })).toMatchObject({ status: 'answered', answeredById: officer.user.id });
    const studentView = await student.agent.get('/companies/kestrel-systems');
    expect(studentView.text).toContain('When does Kestrel usually visit campus?');
    expect(studentView.text).toContain('In <strong>August</strong>.');
    expect(studentView.text).not.toContain('<script>alert(1)</script>');

    const admin = await signedIn('admin');
    expect((await postForm(admin.agent, '/companies/kestrel-systems', routes[1]!.path, {})).status).toBe(303);
    expect((await student.agent.get('/companies/kestrel-systems')).text).not.toContain('When does Kestrel usually visit campus?');
    expect((await officer.agent.get('/companies/kestrel-systems')).text).toMatch(/Hidden questions[\s\S]*When does Kestrel usually visit campus\?/);
    expect((await postForm(officer.agent, '/companies/kestrel-systems', routes[2]!.path, {})).status).toBe(303);
    expect((await student.agent.get('/companies/kestrel-systems')).text).toContain('When does Kestrel usually visit campus?');

    // A FAQ is only reachable under its own company.
    expect((await postForm(officer.agent, '/companies/kestrel-systems', `/companies/bluefin-analytics/faq/${faq.id}/hide`, {})).status).toBe(404);
  });

  it('keeps an officer’s rejected answer on its own page with the text and the error', async () => {
    const faq = await createFaq(t.dataSource, 'open', { company: kestrel, question: 'Is the Kestrel online test proctored?' });
    const officer = await signedIn('officer');
    const form = await officer.agent.get(`/companies/kestrel-systems/faq/${faq.id}/answer`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Is the Kestrel online test proctored?</textarea>');
    const res = await postForm(officer.agent, `/companies/kestrel-systems/faq/${faq.id}/answer`, `/companies/kestrel-systems/faq/${faq.id}/answer`, {
      question: 'Short?',
      answer: 'Yes, webcam proctoring is used.',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Please write your question in 10 to 300 characters.');
    expect(res.text).toContain('Yes, webcam proctoring is used.</textarea>');
    expect(res.text).toContain('Short?</textarea>');
    const empty = await postForm(officer.agent, `/companies/kestrel-systems/faq/${faq.id}/answer`, `/companies/kestrel-systems/faq/${faq.id}/answer`, { answer: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('id="answer-error"');
    expect((await t.dataSource.getRepository(Faq).findOneByOrFail({ id: faq.id })).status).toBe('open');
  });

  it('serves public company data as JSON without any user data', async () => {
    const agent = agentFor(t.app);
    const list = await agent.get('/api/companies?q=kestrel');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ name: 'Kestrel Systems', slug: 'kestrel-systems', industry: 'Product software', experiences: 3, selected: 2 }),
    ]);
    expect((await agent.get('/api/companies')).body.items.map((c: { slug: string }) => c.slug)).not.toContain('shadowy-startup');

    const detail = await agent.get('/api/companies/kestrel-systems');
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      name: 'Kestrel Systems',
      website: 'https://kestrel-systems.example/',
      counts: { experiences: 3, selected: 2 },
      typicalProcess: { total: 3, common: { sequence: ['online-test', 'technical', 'technical', 'hr'], count: 2 } },
    });
    const json = JSON.stringify(detail.body);
    for (const secret of ['Zara', secretAuthor.email, 'authorId', 'createdById', 'answeredById', '@college.test']) expect(json).not.toContain(secret);
    expect((await agent.get('/api/companies/shadowy-startup')).status).toBe(404);
    expect((await agent.get('/api/companies/shadowy-startup')).body).toMatchObject({ statusCode: 404 });

    // The statistics as JSON: the same figures as the page, small branches merged there too.
    const stats = await agent.get('/api/companies/kestrel-systems/stats');
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      name: 'Kestrel Systems',
      counts: { experiences: 3, selected: 2 },
      years: [
        { year: 2024, attended: 1, selected: 1, rate: 1 },
        { year: 2025, attended: 2, selected: 1, rate: 0.5 },
      ],
      outcomes: [
        { outcome: 'selected', count: 2 },
        { outcome: 'rejected', count: 1 },
      ],
      branches: [],
    });
    expect(stats.body).not.toHaveProperty('chart');
    for (const secret of ['Zara', secretAuthor.email, 'authorId', '@college.test']) expect(JSON.stringify(stats.body)).not.toContain(secret);
    expect((await agent.get('/api/companies/shadowy-startup/stats')).status).toBe(404);
  });
});
