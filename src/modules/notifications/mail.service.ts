import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { join } from 'node:path';
import { DataSource, IsNull, LessThanOrEqual, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { OutboxEmail } from './entities/outbox-email.entity.js';
import { FileTransport, SmtpTransport, type MailTransport } from './mail-transport.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

const MAX_BACKOFF_MS = 60 * 60_000;
const LOCK_MS = 2 * 60_000;

/** Back-off after n failed attempts: 30 s, 1 min, 2 min, … capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Mail goes through the outbox table: `queue` writes a row (inside the caller's transaction when one
 * is given) and the worker delivers it, retrying with back-off, so an SMTP outage loses nothing.
 */
@Injectable()
export class MailService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  readonly transport: MailTransport;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.transport = config.smtpUrl ? new SmtpTransport(config.smtpUrl) : new FileTransport(join(config.varDir, 'mail'));
  }

  onModuleInit(): void {
    if (this.config.env === 'test') return; // tests call deliverDue() themselves
    this.timer = setInterval(() => void this.deliverDue(), 2000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async queue(message: MailMessage, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.getRepository(OutboxEmail).insert({
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html ?? null,
      attempts: 0,
      nextAttemptAt: new Date(),
    });
    // Deliver soon without waiting for the next tick; failures are retried by the worker.
    if (this.config.env !== 'test') setImmediate(() => void this.deliverDue());
  }

  /** Sends every message that is due; returns how many were sent. Safe to run on several instances. */
  deliverDue(): Promise<number> {
    this.running ??= this.deliverBatch().finally(() => (this.running = undefined));
    return this.running;
  }

  async pending(): Promise<{ count: number; oldest: Date | null }> {
    const repo = this.dataSource.getRepository(OutboxEmail);
    const [oldest, count] = await repo.findAndCount({ where: { sentAt: IsNull() }, order: { createdAt: 'ASC' }, take: 1 });
    return { count, oldest: oldest[0]?.createdAt ?? null };
  }

  private async deliverBatch(): Promise<number> {
    const repo = this.dataSource.getRepository(OutboxEmail);
    const now = new Date();
    const due = await repo.find({
      where: { sentAt: IsNull(), nextAttemptAt: LessThanOrEqual(now) },
      order: { nextAttemptAt: 'ASC' },
      take: 20,
    });
    let sent = 0;
    for (const mail of due) {
      if (!(await this.claim(mail, now))) continue;
      try {
        const where = await this.transport.send({ ...mail, from: this.config.mailFrom });
        await repo.update(mail.id, { sentAt: new Date(), lockedUntil: null, lastError: null, attempts: mail.attempts + 1 });
        this.logger.log(`Sent "${mail.subject}" to ${mail.to} → ${where}`);
        sent++;
      } catch (error) {
        const attempts = mail.attempts + 1;
        const reason = error instanceof Error ? error.message : String(error);
        await repo.update(mail.id, {
          attempts,
          lockedUntil: null,
          lastError: reason.slice(0, 500),
          nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)),
        });
        this.logger.warn(`Could not send "${mail.subject}" to ${mail.to} (attempt ${attempts}): ${reason}; will retry`);
      }
    }
    return sent;
  }

  /** A conditional update, so two instances never send the same message at once. */
  private async claim(mail: OutboxEmail, now: Date): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(OutboxEmail)
      .set({ lockedUntil: new Date(now.getTime() + LOCK_MS) })
      .where('id = :id AND sent_at IS NULL AND (locked_until IS NULL OR locked_until < :now)', { id: mail.id, now })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
