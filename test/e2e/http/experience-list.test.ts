import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany, createExperience } from '../../factories/content.js';
import { DIALECTS } from '../../support/databases.js';
import { agentFor } from '../../support/http.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

describe.each(DIALECTS)('the experiences list (%s)', (dialect) => {
  let t: TestApp;
  const roles: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const company = await createCompany(t.dataSource, 'active', { name: 'Listwise Labs', slug: 'listwise-labs' });
    const other = await createCompany(t.dataSource, 'active', { name: 'Elsewhere Co', slug: 'elsewhere-co' });
    // Oldest first; helpful counts deliberately not in date order.
    for (const [i, helpfulCount] of [5, 0, 9, 2].entries()) {
      roles.push(`Role ${i}`);
      await createExperience(t.dataSource, 'published', { company, role: `Role ${i}`, helpfulCount, outcome: i % 2 ? 'selected' : 'rejected' });
    }
    await createExperience(t.dataSource, 'pending', { company, role: 'Hidden pending role' });
    await createExperience(t.dataSource, 'published', { company: other, role: 'Other company role' });
  });
  afterAll(async () => t?.close());

  const order = (html: string) => [...html.matchAll(/Listwise Labs — (Role \d)/g)].map((m) => m[1]);

  it('shows published posts newest first, or most helpful first, and never pending ones', async () => {
    const agent = agentFor(t.app);
    const newest = await agent.get('/experiences?company=listwise-labs');
    expect(order(newest.text)).toEqual(['Role 3', 'Role 2', 'Role 1', 'Role 0']);
    expect(newest.text).toContain('4 experiences');
    expect(newest.text).not.toContain('Hidden pending role');
    expect(newest.text).not.toContain('Elsewhere Co — Other company role');
    const helpful = await agent.get('/experiences?company=listwise-labs&sort=helpful');
    expect(order(helpful.text)).toEqual(['Role 2', 'Role 0', 'Role 3', 'Role 1']);
    const selected = await agent.get('/experiences?company=listwise-labs&outcome=selected');
    expect(order(selected.text)).toEqual(['Role 3', 'Role 1']);
  });

  it('pages without repeating or skipping posts', async () => {
    const agent = agentFor(t.app);
    const all = await agent.get('/experiences');
    expect(all.text).toContain('5 experiences');
    expect(all.text).toContain('Elsewhere Co — Other company role');
  });
});
