import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, datetime, fk, id, int, text, timestamp, updatedTimestamp, varchar } from './support/columns.js';

export class CreateContent1764000000001 implements MigrationInterface {
  name = 'CreateContent1764000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'companies',
        columns: [
          id(),
          varchar('name', 120),
          varchar('slug', 140),
          varchar('industry', 80, { isNullable: true }),
          varchar('website', 255, { isNullable: true }),
          text('description', { isNullable: true }),
          varchar('status', 16, { default: "'active'" }),
          timestamp(queryRunner, 'created_at'),
        ],
        indices: [
          { columnNames: ['name'], isUnique: true },
          { columnNames: ['slug'], isUnique: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'faqs',
        columns: [
          id(),
          int('company_id'),
          varchar('question', 300),
          text('answer', { isNullable: true }),
          int('author_id', { isNullable: true }),
          int('answered_by_id', { isNullable: true }),
          varchar('status', 16, { default: "'open'" }),
          timestamp(queryRunner, 'created_at'),
        ],
        indices: [{ columnNames: ['company_id'] }],
        foreignKeys: [fk('company_id', 'companies')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'experiences',
        columns: [
          id(),
          int('author_id'),
          int('company_id'),
          varchar('role', 120),
          text('role_description', { isNullable: true }),
          int('interview_year'),
          int('passout_year'),
          varchar('branch', 80),
          bool('anonymous', false),
          varchar('source', 16),
          varchar('outcome', 16),
          int('difficulty'),
          varchar('offer_details', 300, { isNullable: true }),
          text('body'),
          text('tips', { isNullable: true }),
          varchar('status', 16, { default: "'pending'" }),
          varchar('rejection_reason', 500, { isNullable: true }),
          int('helpful_count', { default: 0 }),
          varchar('topics', 500, { default: "''" }),
          datetime('published_at', { isNullable: true }),
          timestamp(queryRunner, 'created_at'),
          updatedTimestamp(queryRunner, 'updated_at'),
        ],
        indices: [
          { columnNames: ['author_id'] },
          { columnNames: ['status', 'created_at'] },
          { columnNames: ['company_id', 'status'] },
        ],
        foreignKeys: [fk('author_id', 'users'), fk('company_id', 'companies', 'RESTRICT')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'rounds',
        columns: [
          id(),
          int('experience_id'),
          int('position'),
          varchar('kind', 20),
          varchar('title', 160),
          int('duration_minutes', { isNullable: true }),
          text('notes', { isNullable: true }),
          text('questions_text'),
        ],
        indices: [{ columnNames: ['experience_id'] }],
        foreignKeys: [fk('experience_id', 'experiences')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'forum_categories',
        columns: [
          id(),
          varchar('slug', 60),
          varchar('name', 80),
          varchar('description', 300),
          int('position', { default: 0 }),
        ],
        indices: [{ columnNames: ['slug'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'forum_threads',
        columns: [
          id(),
          int('category_id'),
          int('company_id', { isNullable: true }),
          int('author_id'),
          varchar('title', 200),
          text('body'),
          bool('pinned', false),
          bool('locked', false),
          int('accepted_post_id', { isNullable: true }),
          int('reply_count', { default: 0 }),
          datetime('last_post_at'),
          timestamp(queryRunner, 'created_at'),
        ],
        indices: [{ columnNames: ['category_id', 'last_post_at'] }, { columnNames: ['company_id'] }],
        foreignKeys: [fk('category_id', 'forum_categories')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'forum_posts',
        columns: [
          id(),
          int('thread_id'),
          int('author_id'),
          text('body'),
          int('quoted_post_id', { isNullable: true }),
          timestamp(queryRunner, 'created_at'),
        ],
        indices: [{ columnNames: ['thread_id'] }],
        foreignKeys: [fk('thread_id', 'forum_threads')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['forum_posts', 'forum_threads', 'forum_categories', 'rounds', 'experiences', 'faqs', 'companies']) {
      await queryRunner.dropTable(table);
    }
  }
}
