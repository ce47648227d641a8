import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailService } from '../../../src/modules/notifications/mail.service.js';
import { createUser, FACTORY_PASSWORD } from '../../factories/users.js';
import { DIALECTS } from '../../support/databases.js';
import { agentFor, postForm, signIn } from '../../support/http.js';
import { decodeQuotedPrintable, SmtpCapture } from '../../support/smtp-capture.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

const signup = {
  email: 'Priya.Nair@College.test',
  password: 'a-long-password-1',
  passwordConfirm: 'a-long-password-1',
  displayName: 'Priya Nair',
  branch: 'Electronics & Communication',
  passoutYear: '2026',
  rollNumber: 'EC22-107',
};

function linkIn(text: string, path: string): string {
  const match = new RegExp(`http://localhost:3000(${path}\\?token=[A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return match[1]!;
}

describe.each(DIALECTS)('accounts over HTTP with SMTP (%s)', (dialect) => {
  let t: TestApp;
  const smtp = new SmtpCapture();

  beforeAll(async () => {
    const url = await smtp.start();
    t = await startTestApp(dialect, { SMTP_URL: url });
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  it('signs up, delivers the verification e-mail over SMTP, verifies, signs in and out, and guards roles', async () => {
    const agent = agentFor(t.app);
    const res = await postForm(agent, '/register', '/register', signup);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/me');

    expect(await t.app.get(MailService).deliverDue()).toBe(1);
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.to).toEqual(['priya.nair@college.test']);
    expect(mail.text).toContain('Subject: Confirm your e-mail');
    const verifyPath = linkIn(mail.text, '/verify-email');

    const me = await agent.get('/me');
    expect(me.text).toContain('e-mail not confirmed');
    expect((await agent.get(verifyPath)).status).toBe(303);
    expect((await agent.get('/me')).text).toContain('e-mail confirmed');
    // Single use: the same link does not work twice.
    expect((await agent.get(verifyPath)).status).toBe(400);

    const logout = await postForm(agent, '/me', '/logout', {});
    expect(logout.status).toBe(303);
    expect((await agent.get('/me')).status).toBe(303);

    await signIn(agent, signup.email, signup.password);
    const profile = await agent.get('/me');
    expect(profile.status).toBe(200);
    expect(profile.text).toContain('EC22-107'); // the owner sees their roll number
    expect((await agent.get('/insights')).status).toBe(403);
    expect((await agent.get('/admin/users')).status).toBe(403);

    const officer = await createUser(t.dataSource, 'officer');
    const officerAgent = agentFor(t.app);
    await signIn(officerAgent, officer.email, FACTORY_PASSWORD);
    const insights = await officerAgent.get('/insights');
    expect(insights.status).toBe(200);
    expect(insights.text).toContain('Placement insights');
  });

  it('refuses a form without a valid CSRF token', async () => {
    const agent = agentFor(t.app);
    await agent.get('/login');
    const missing = await agent.post('/login').type('form').send({ email: 'x@college.test', password: 'whatever-123' });
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('This form has expired');
    const forged = await agent.post('/login').type('form').send({ _csrf: 'forged', email: 'x@college.test', password: 'whatever-123' });
    expect(forged.status).toBe(403);
  });

  it('returns a rejected sign-up with clear messages and the typed values kept (never the password)', async () => {
    const agent = agentFor(t.app);
    const res = await postForm(agent, '/register', '/register', {
      ...signup,
      email: 'not-an-email',
      passwordConfirm: 'different-password',
      passoutYear: 'soon',
      displayName: 'Rahul <b>Verma</b>',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Please enter a valid e-mail address.');
    expect(res.text).toContain('The two passwords do not match.');
    expect(res.text).toContain('Year of passout must be a year');
    expect(res.text).toContain('value="not-an-email"');
    expect(res.text).toContain('value="Rahul &lt;b&gt;Verma&lt;/b&gt;"'); // kept, and escaped
    expect(res.text).toContain('value="EC22-107"');
    expect(res.text).not.toContain(signup.password);
  });

  it('resets a forgotten password with a single-use link, without revealing which addresses exist', async () => {
    const user = await createUser(t.dataSource, 'student');
    const agent = agentFor(t.app);
    const before = smtp.messages.length;
    const unknown = await postForm(agent, '/forgot-password', '/forgot-password', { email: 'nobody@college.test' });
    const known = await postForm(agent, '/forgot-password', '/forgot-password', { email: user.email });
    expect(unknown.status).toBe(200);
    expect(known.status).toBe(200);
    expect(unknown.text.replace('nobody@college.test', 'X')).toBe(known.text.replace(user.email, 'X'));
    await t.app.get(MailService).deliverDue();
    expect(smtp.messages.length).toBe(before + 1);
    const resetPath = linkIn(smtp.messages.at(-1)!.text, '/reset-password');

    const form = await agent.get(resetPath);
    expect(form.status).toBe(200);
    const token = new URL(resetPath, 'http://x').searchParams.get('token')!;
    const done = await postForm(agent, resetPath, '/reset-password', { token, password: 'brand-new-password', passwordConfirm: 'brand-new-password' });
    expect(done.status).toBe(303);
    expect((await agent.get(resetPath)).status).toBe(400);
    await signIn(agentFor(t.app), user.email, 'brand-new-password');
    await expect(signIn(agentFor(t.app), user.email, FACTORY_PASSWORD)).rejects.toThrow('sign-in failed with 401');
  });

  it('rate-limits repeated failed sign-ins', async () => {
    const agent = agentFor(t.app);
    const user = await createUser(t.dataSource, 'student');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await postForm(agent, '/login', '/login', { email: user.email, password: 'wrong-password' })).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('lets an admin change roles, and only an admin', async () => {
    const admin = await createUser(t.dataSource, 'admin');
    const student = await createUser(t.dataSource, 'student');
    const studentAgent = agentFor(t.app);
    await signIn(studentAgent, student.email, FACTORY_PASSWORD);
    const refused = await postForm(studentAgent, '/me', `/admin/users/${student.id}/role`, { role: 'admin' });
    expect(refused.status).toBe(403);

    const adminAgent = agentFor(t.app);
    await signIn(adminAgent, admin.email, FACTORY_PASSWORD);
    const changed = await postForm(adminAgent, '/admin/users', `/admin/users/${student.id}/role`, { role: 'officer' });
    expect(changed.status).toBe(303);
    // The student's existing session picks up the new role on the next request.
    expect((await studentAgent.get('/insights')).status).toBe(200);
  });
});

describe('accounts with the file mail outbox (sqlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('writes the verification e-mail to VAR_DIR/mail as an .eml file', async () => {
    const agent = agentFor(t.app);
    expect((await postForm(agent, '/register', '/register', signup)).status).toBe(303);
    expect(await t.app.get(MailService).deliverDue()).toBe(1);
    const dir = join(t.varDir, 'mail');
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const eml = decodeQuotedPrintable(readFileSync(join(dir, files[0]!), 'utf8'));
    expect(eml).toContain('To: priya.nair@college.test');
    const path = linkIn(eml, '/verify-email');
    expect((await agent.get(path)).status).toBe(303);
  });
});
