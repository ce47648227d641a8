import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Test } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { CoreModule } from '../../../src/core.module.js';
import { loadConfig } from '../../../src/config/app-config.js';
import { openDataSource, runMigrations } from '../../../src/database/data-source.js';
import { OutboxEmail } from '../../../src/modules/notifications/entities/outbox-email.entity.js';
import { MailService } from '../../../src/modules/notifications/mail.service.js';
import { NotificationsModule } from '../../../src/modules/notifications/notifications.module.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../support/databases.js';
import { SmtpCapture } from '../../support/smtp-capture.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe.each(DIALECTS)('mail outbox on %s', (dialect) => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let mail: MailService;
  const smtp = new SmtpCapture();
  let smtpUrl: string;

  beforeAll(async () => {
    smtpUrl = await smtp.start();
    // Stop the capture server: the first delivery attempts must fail as in an SMTP outage.
    await smtp.stop();
    db = await createTestDatabase(dialect);
    const config = loadConfig({ NODE_ENV: 'test', VAR_DIR: mkdtempSync(join(tmpdir(), 'ii-outbox-')), DATABASE_URL: db.url!, SMTP_URL: smtpUrl });
    dataSource = await openDataSource(config.database);
    await runMigrations(dataSource);
    const moduleRef = await Test.createTestingModule({ imports: [CoreModule.forRoot(config, dataSource), NotificationsModule] }).compile();
    mail = moduleRef.get(MailService);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('keeps a message through an SMTP outage and delivers it once the server is back', async () => {
    await mail.queue({ to: 'asha@college.test', subject: 'Your report is ready', text: 'Hello Asha' });
    expect(await mail.deliverDue()).toBe(0);
    const repo = dataSource.getRepository(OutboxEmail);
    let row = await repo.findOneByOrFail({ to: 'asha@college.test' });
    expect(row.attempts).toBe(1);
    expect(row.sentAt).toBeNull();
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    // Not due yet: nothing is attempted.
    expect(await mail.deliverDue()).toBe(0);
    expect((await repo.findOneByOrFail({ id: row.id })).attempts).toBe(1);

    // The server comes back on the same port; make the message due again.
    const port = Number(new URL(smtpUrl).port);
    const revived = new SmtpCapture();
    await revived.startOn(port);
    await repo.update(row.id, { nextAttemptAt: new Date(Date.now() - 1000) });
    expect(await mail.deliverDue()).toBe(1);
    row = await repo.findOneByOrFail({ id: row.id });
    expect(row.sentAt).not.toBeNull();
    expect(row.attempts).toBe(2);
    expect(revived.messages).toHaveLength(1);
    expect(revived.messages[0]!.text).toContain('Hello Asha');
    expect((await mail.pending()).count).toBe(0);
    await revived.stop();
  });

  it('never sends the same message twice when two workers race', async () => {
    const capture = new SmtpCapture();
    const url = await capture.start();
    const config = loadConfig({ NODE_ENV: 'test', VAR_DIR: mkdtempSync(join(tmpdir(), 'ii-outbox-')), DATABASE_URL: db.url!, SMTP_URL: url });
    const second = new MailService(dataSource, config);
    const first = new MailService(dataSource, config);
    for (let i = 0; i < 5; i++) await first.queue({ to: `race${i}@college.test`, subject: 'Race', text: `n${i}` });
    const [a, b] = await Promise.all([first.deliverDue(), second.deliverDue()]);
    expect(a + b).toBe(5);
    expect(capture.messages.map((m) => m.to[0]).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `race${i}@college.test`));
    await capture.stop();
  });
});
