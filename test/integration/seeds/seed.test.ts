import { afterAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { openDataSource, runMigrations } from '../../../src/database/data-source.js';
import { DEMO_ACCOUNTS, seedDemo, seedDemoIfEmpty } from '../../../src/database/seed.js';
import { AccountsService } from '../../../src/modules/accounts/accounts.service.js';
import { User } from '../../../src/modules/accounts/entities/user.entity.js';
import { Company } from '../../../src/modules/companies/entities/company.entity.js';
import { Faq } from '../../../src/modules/companies/entities/faq.entity.js';
import { Experience } from '../../../src/modules/experiences/entities/experience.entity.js';
import { Round } from '../../../src/modules/experiences/entities/round.entity.js';
import { ForumPost } from '../../../src/modules/forum/entities/forum-post.entity.js';
import { ForumThread } from '../../../src/modules/forum/entities/forum-thread.entity.js';
import { PracticeAnswer } from '../../../src/modules/practice/entities/practice-answer.entity.js';
import { PracticeSession } from '../../../src/modules/practice/entities/practice-session.entity.js';
import { createTestDatabase, DIALECTS, quietLogger, type TestDatabase } from '../../support/databases.js';

const quiet = quietLogger('seed-test');

describe.each(DIALECTS)('demo seed on %s', (dialect) => {
  let db: TestDatabase;
  let dataSource: DataSource;

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('loads a believable demo once, and a second run adds nothing', async () => {
    db = await createTestDatabase(dialect);
    dataSource = await openDataSource(db.config);
    await runMigrations(dataSource);
    expect(await seedDemoIfEmpty(dataSource, quiet)).toBe(true);

    const count = async () => ({
      users: await dataSource.getRepository(User).count(),
      companies: await dataSource.getRepository(Company).count(),
      experiences: await dataSource.getRepository(Experience).countBy({ status: 'published' }),
      rounds: await dataSource.getRepository(Round).count(),
      faqs: await dataSource.getRepository(Faq).count(),
      threads: await dataSource.getRepository(ForumThread).count(),
      posts: await dataSource.getRepository(ForumPost).count(),
      practiceSessions: await dataSource.getRepository(PracticeSession).count(),
      practiceAnswers: await dataSource.getRepository(PracticeAnswer).count(),
    });
    const first = await count();
    expect(first.companies).toBeGreaterThanOrEqual(12);
    expect(first.experiences).toBeGreaterThanOrEqual(60);
    expect(first.rounds).toBeGreaterThanOrEqual(first.experiences * 2);
    expect(first.faqs).toBeGreaterThan(0);
    expect(first.threads).toBeGreaterThan(0);
    expect(first.posts).toBeGreaterThan(first.threads);
    const roles = await dataSource.getRepository(User).find({ select: { role: true } });
    expect(new Set(roles.map((r) => r.role))).toEqual(new Set(['student', 'officer', 'admin']));
    // Typed practice answers wait for the scoring pool; enough students for the officers' practice figures.
    const sessions = await dataSource.getRepository(PracticeSession).find({ relations: { user: true }, order: { createdAt: 'ASC' } });
    expect(new Set(sessions.map((s) => s.userId)).size).toBeGreaterThanOrEqual(5);
    expect(sessions.filter((s) => s.user!.email === DEMO_ACCOUNTS[0]!.email).length).toBeGreaterThanOrEqual(3);
    expect(sessions.every((s) => s.createdAt.getTime() < Date.now() && s.completedAt! > s.createdAt)).toBe(true);
    const answers = await dataSource.getRepository(PracticeAnswer).find();
    expect(answers.length).toBe(first.practiceAnswers);
    expect(answers.every((a) => a.state === 'queued' && (a.answerText ?? '').split(' ').length >= 30)).toBe(true);

    expect(await seedDemo(dataSource, quiet)).toBe(false);
    expect(await seedDemoIfEmpty(dataSource, quiet)).toBe(false);
    expect(await count()).toEqual(first);
  });

  it('gives every demo account the password the README prints', async () => {
    const accounts = new AccountsService(dataSource, { queue: async () => undefined } as never, {} as never);
    expect(DEMO_ACCOUNTS.map((a) => a.role)).toEqual(['student', 'officer', 'admin']);
    for (const demo of DEMO_ACCOUNTS) {
      const user = await accounts.authenticate(demo.email, demo.password);
      expect(user?.role).toBe(demo.role);
    }
  });
});
