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

  /**
   * Records a hit; returns the seconds to wait when the limit is exceeded, else 0. One atomic upsert
   * per hit: a read-then-write inside a transaction deadlocks on MySQL when two hits race for a key
   * that does not exist yet (both take gap locks, then both insert).
   */
  async hit(rule: RateLimitRule, subject: string): Promise<number> {
    const key = `${rule.name}:${subject}`.slice(0, 191);
    const now = new Date();
    const windowOpen = new Date(now.getTime() - rule.windowMs);
    let hits: number;
    if (this.dataSource.options.type === 'better-sqlite3') {
      // TypeORM stores SQLite datetimes as UTC 'YYYY-MM-DD HH:MM:SS.SSS' text, compared as strings.
      const text = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
      const rows = (await this.dataSource.query(
        `INSERT INTO rate_limits ("key", window_start, hits) VALUES (?, ?, 1)
         ON CONFLICT("key") DO UPDATE SET
           hits = CASE WHEN window_start <= ? THEN 1 ELSE hits + 1 END,
           window_start = CASE WHEN window_start <= ? THEN excluded.window_start ELSE window_start END
         RETURNING hits`,
        [key, text(now), text(windowOpen), text(windowOpen)],
      )) as Array<{ hits: number }>;
      hits = Number(rows[0]?.hits ?? 1);
    } else {
      // MySQL evaluates the assignments left to right, so `hits` still sees the old window_start;
      // LAST_INSERT_ID(expr) hands the new count back through the statement's insertId.
      const result = (await this.dataSource.query(
        `INSERT INTO rate_limits (\`key\`, window_start, hits) VALUES (?, ?, 1)
         ON DUPLICATE KEY UPDATE
           hits = LAST_INSERT_ID(IF(window_start <= ?, 1, hits + 1)),
           window_start = IF(window_start <= ?, VALUES(window_start), window_start)`,
        [key, now, windowOpen, windowOpen],
      )) as { affectedRows: number; insertId: number };
      hits = result.affectedRows === 1 ? 1 : Number(result.insertId);
    }
    if (hits <= rule.limit) return 0;
    const row = await this.dataSource.getRepository(RateLimit).findOneBy({ key });
    const windowStart = row?.windowStart.getTime() ?? now.getTime();
    return Math.max(1, Math.ceil((windowStart + rule.windowMs - now.getTime()) / 1000));
  }

  async reset(rule: RateLimitRule, subject: string): Promise<void> {
    await this.dataSource.getRepository(RateLimit).delete({ key: `${rule.name}:${subject}`.slice(0, 191) });
  }
}
