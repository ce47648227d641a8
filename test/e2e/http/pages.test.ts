import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFor } from '../../support/http.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

describe('site-wide pages and headers (sqlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('answers unknown pages with a friendly 404 page, and unknown API paths with JSON', async () => {
    const agent = agentFor(t.app);
    const page = await agent.get('/no/such/page').set('Accept', 'text/html');
    expect(page.status).toBe(404);
    expect(page.text).toContain('<h1>Page not found</h1>');
    expect(page.text).toContain('href="/search"');
    const api = await agent.get('/api/nothing-here');
    expect(api.status).toBe(404);
    expect(api.body).toMatchObject({ statusCode: 404, error: 'Page not found' });
  });

  it('sends security headers and serves the stylesheet and vendored scripts locally', async () => {
    const agent = agentFor(t.app);
    const home = await agent.get('/');
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");
    expect(home.headers['x-content-type-options']).toBe('nosniff');
    expect(home.headers['x-powered-by']).toBeUndefined();
    expect(home.headers['set-cookie']).toBeUndefined(); // reading never creates a session
    expect((await agent.get('/css/app.css')).status).toBe(200);
    expect((await agent.get('/js/app.js')).status).toBe(200);
  });

  it('marks session cookies httpOnly and sameSite', async () => {
    const login = await agentFor(t.app).get('/login');
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
  });
});

describe('profile settings (sqlite)', () => {
  it('lets a member opt in to expression analysis, unless the deployment switched it off', async () => {
    const { createUser, FACTORY_PASSWORD } = await import('../../factories/users.js');
    const { signIn, postForm } = await import('../../support/http.js');
    const { User } = await import('../../../src/modules/accounts/entities/user.entity.js');
    for (const [setting, expected] of [['true', true], ['false', false]] as const) {
      const t = await startTestApp('sqlite', { EXPRESSION_ANALYSIS: setting });
      try {
        const user = await createUser(t.dataSource, 'student');
        const agent = agentFor(t.app);
        await signIn(agent, user.email, FACTORY_PASSWORD);
        const page = await agent.get('/me');
        expect(page.text.includes('Analyse my facial expressions')).toBe(expected);
        const saved = await postForm(agent, '/me', '/me', { displayName: user.displayName, branch: user.branch, passoutYear: '2026', expressionAnalysis: 'on' });
        expect(saved.status).toBe(303);
        expect((await t.dataSource.getRepository(User).findOneByOrFail({ id: user.id })).expressionAnalysis).toBe(expected);
      } finally {
        await t.close();
      }
    }
  });
});
