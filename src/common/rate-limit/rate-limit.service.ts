import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RateLimit } from './entities/rate-limit.entity.js';

export interface RateLimitRule {
  name: string;
  limit: number;
  windowMs: number;
}

/** Per account: stops password guessing against one e-mail. */
export const LOGIN_LIMIT: RateLimitRule = { name: 'login', limit: 10, windowMs: 15 * 60_000 };
/** Per network address: looser, since a campus shares few addresses behind NAT. */
export const LOGIN_IP_LIMIT: RateLimitRule = { name: 'login-ip', limit: 100, windowMs: 15 * 60_000 };
export const SIGNUP_LIMIT: RateLimitRule = { name: 'signup', limit: 5, windowMs: 60 * 60_000 };
export const RESET_LIMIT: RateLimitRule = { name: 'reset', limit: 5, windowMs: 60 * 60_000 };

/** Fixed-window limiter stored in the database, so every app instance counts the same attempts. */
@Injectable()
export class RateLimitService {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a hit; returns the seconds to wait when the limit is exceeded, else 0. */
  async hit(rule: RateLimitRule, subject: string): Promise<number> {
    const key = `${rule.name}:${subject}`.slice(0, 191);
    const now = Date.now();
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(RateLimit);
      const row = await repo.findOne({ where: { key }, lock: this.lockMode() });
      if (!row || now - row.windowStart.getTime() >= rule.windowMs) {
        await repo.save({ key, windowStart: new Date(now), hits: 1 });
        return 0;
      }
      row.hits += 1;
      await repo.save(row);
      if (row.hits <= rule.limit) return 0;
      return Math.ceil((row.windowStart.getTime() + rule.windowMs - now) / 1000);
    });
  }

  async reset(rule: RateLimitRule, subject: string): Promise<void> {
    await this.dataSource.getRepository(RateLimit).delete({ key: `${rule.name}:${subject}`.slice(0, 191) });
  }

  private lockMode(): { mode: 'pessimistic_write' } | undefined {
    // SQLite serialises writers already and does not support SELECT ... FOR UPDATE.
    return this.dataSource.options.type === 'better-sqlite3' ? undefined : { mode: 'pessimistic_write' };
  }
}
