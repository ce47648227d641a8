import session from 'express-session';
import { LessThan, type DataSource } from 'typeorm';
import { SessionRecord } from './entities/session.entity.js';

const DAY = 24 * 60 * 60 * 1000;

/** express-session store on the app's database, so sessions survive restarts and span instances. */
export class DatabaseSessionStore extends session.Store {
  private lastPrune = 0;

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  private get repo() {
    return this.dataSource.getRepository(SessionRecord);
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    this.repo
      .findOneBy({ id: sid })
      .then((row) => {
        if (!row || row.expiresAt.getTime() <= Date.now()) return callback(null, null);
        callback(null, JSON.parse(row.data) as session.SessionData);
      })
      .catch((error: unknown) => callback(error));
  }

  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    const userId = (data as { passport?: { user?: number } }).passport?.user ?? null;
    this.repo
      .save({ id: sid, data: JSON.stringify(data), userId, expiresAt: this.expiry(data) })
      .then(() => this.maybePrune())
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  override touch(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    this.repo
      .update({ id: sid }, { expiresAt: this.expiry(data) })
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.repo
      .delete({ id: sid })
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  /** Signs a user out everywhere, e.g. after a password reset. */
  async destroyForUser(userId: number): Promise<void> {
    await this.repo.delete({ userId });
  }

  private expiry(data: session.SessionData): Date {
    const expires = data.cookie?.expires;
    return expires ? new Date(expires) : new Date(Date.now() + DAY);
  }

  private async maybePrune(): Promise<void> {
    if (Date.now() - this.lastPrune < 60 * 60 * 1000) return;
    this.lastPrune = Date.now();
    await this.repo.delete({ expiresAt: LessThan(new Date()) });
  }
}
