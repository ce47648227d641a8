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
