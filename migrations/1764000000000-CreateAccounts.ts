import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, datetime, id, int, text, timestamp, updatedTimestamp, varchar } from './support/columns.js';

export class CreateAccounts1764000000000 implements MigrationInterface {
  name = 'CreateAccounts1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          id(),
          varchar('email', 254),
          varchar('password_hash', 255),
          varchar('display_name', 80),
          varchar('role', 16, { default: "'student'" }),
          varchar('branch', 80),
          int('passout_year'),
          varchar('roll_number', 40, { isNullable: true }),
          varchar('linkedin_url', 255, { isNullable: true }),
          datetime('email_verified_at', { isNullable: true }),
          bool('expression_analysis', false),
          timestamp(queryRunner, 'created_at'),
          updatedTimestamp(queryRunner, 'updated_at'),
        ],
        indices: [{ columnNames: ['email'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'auth_tokens',
        columns: [
          id(),
          int('user_id'),
          varchar('kind', 20),
          varchar('token_hash', 64),
          datetime('expires_at'),
          datetime('used_at', { isNullable: true }),
          timestamp(queryRunner, 'created_at'),
        ],
        indices: [{ columnNames: ['user_id'] }, { columnNames: ['token_hash'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          varchar('id', 128, { isPrimary: true }),
          int('user_id', { isNullable: true }),
          text('data'),
          datetime('expires_at'),
        ],
        indices: [{ columnNames: ['user_id'] }, { columnNames: ['expires_at'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'rate_limits',
        columns: [varchar('key', 191, { isPrimary: true }), datetime('window_start'), int('hits')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'outbox_emails',
        columns: [
          id(),
          varchar('to_address', 254),
          varchar('subject', 200),
          text('text_body'),
          text('html_body', { isNullable: true }),
          int('attempts', { default: 0 }),
          datetime('next_attempt_at'),
          datetime('locked_until', { isNullable: true }),
          datetime('sent_at', { isNullable: true }),
          varchar('last_error', 500, { isNullable: true }),
          timestamp(queryRunner, 'created_at'),
        ],
        indices: [{ columnNames: ['sent_at', 'next_attempt_at'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({ name: 'settings', columns: [varchar('key', 64, { isPrimary: true }), text('value')] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['settings', 'outbox_emails', 'rate_limits', 'sessions', 'auth_tokens', 'users']) {
      await queryRunner.dropTable(table);
    }
  }
}
