import { afterAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { RateLimitService } from '../../../src/common/rate-limit/rate-limit.service.js';
import { RateLimit } from '../../../src/common/rate-limit/entities/rate-limit.entity.js';
import { openDataSource, runMigrations } from '../../../src/database/data-source.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../support/databases.js';

describe.each(DIALECTS)('rate limits on %s', (dialect) => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let limits: RateLimitService;
  const rule = { name: 'test', limit: 3, windowMs: 60_000 };

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('counts concurrent hits exactly, without deadlocks', async () => {
    db = await createTestDatabase(dialect);
    dataSource = await openDataSource(db.config);
    await runMigrations(dataSource);
    limits = new RateLimitService(dataSource);
    const waits = await Promise.all(Array.from({ length: 10 }, () => limits.hit(rule, 'burst')));
    expect(waits.filter((w) => w === 0)).toHaveLength(3);
    expect(waits.filter((w) => w > 0 && w <= 60)).toHaveLength(7);
    expect((await dataSource.getRepository(RateLimit).findOneByOrFail({ key: 'test:burst' })).hits).toBe(10);
  });

  it('starts a new window once the old one has passed, and resets on demand', async () => {
    await dataSource.getRepository(RateLimit).update({ key: 'test:burst' }, { windowStart: new Date(Date.now() - 61_000) });
    expect(await limits.hit(rule, 'burst')).toBe(0);
    expect((await dataSource.getRepository(RateLimit).findOneByOrFail({ key: 'test:burst' })).hits).toBe(1);
    await limits.reset(rule, 'burst');
    expect(await dataSource.getRepository(RateLimit).countBy({ key: 'test:burst' })).toBe(0);
  });
});
