import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, FACTORY_PASSWORD } from '../../factories/users.js';
import { agentFor, signIn, type Agent } from '../../support/http.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

type Who = 'anonymous' | 'student' | 'officer' | 'admin';
const ALL: Who[] = ['anonymous', 'student', 'officer', 'admin'];

// Every guarded page, and who may open it. 303 = sent to sign in; 403 = refused.
const MATRIX: Array<[path: string, allowed: Who[]]> = [
  ['/', ALL],
  ['/experiences', ALL],
  ['/companies', ALL],
  ['/questions', ALL],
  ['/forum', ALL],
  ['/search?q=x', ALL],
  ['/takedown', ALL],
  ['/me', ['student', 'officer', 'admin']],
  ['/experiences/new', ['student', 'officer', 'admin']],
  ['/forum/new', ['student', 'officer', 'admin']],
  ['/practice', ['student', 'officer', 'admin']],
  ['/practice/new', ['student', 'officer', 'admin']],
  ['/practice/compare', ['student', 'officer', 'admin']],
  ['/moderation', ['officer', 'admin']],
  ['/insights', ['officer', 'admin']],
  ['/insights/export.csv', ['officer', 'admin']],
  ['/moderation/audit', ['admin']],
  ['/admin/users', ['admin']],
];

describe('role × route matrix (sqlite)', () => {
  let t: TestApp;
  const agents = {} as Record<Who, Agent>;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    agents.anonymous = agentFor(t.app);
    for (const role of ['student', 'officer', 'admin'] as const) {
      const user = await createUser(t.dataSource, role);
      agents[role] = agentFor(t.app);
      await signIn(agents[role], user.email, FACTORY_PASSWORD);
    }
  });
  afterAll(async () => t?.close());

  for (const [path, allowed] of MATRIX) {
    it(`${path}: ${allowed.join(', ')}`, async () => {
      for (const who of ALL) {
        const res = await agents[who].get(path);
        const expected = allowed.includes(who) ? 200 : who === 'anonymous' ? 303 : 403;
        expect(res.status, `${who} GET ${path}`).toBe(expected);
        if (expected === 303) expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
      }
    });
  }
});
