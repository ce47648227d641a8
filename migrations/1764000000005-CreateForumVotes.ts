import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { datetime, fk, id, int, timestamp, varchar } from './support/columns.js';

/**
 * Forum votes (one per user and target) and the denormalised scores they add up to, so thread lists
 * can sort and show scores without counting votes. Also records when a post was last edited.
 */
export class CreateForumVotes1764000000005 implements MigrationInterface {
  name = 'CreateForumVotes1764000000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'forum_votes',
        columns: [
          id(),
          int('user_id'),
          varchar('target_type', 8),
          int('target_id'),
          int('value'),
          timestamp(queryRunner, 'created_at'),
        ],
        indices: [
          { columnNames: ['user_id', 'target_type', 'target_id'], isUnique: true },
          { columnNames: ['target_type', 'target_id'] },
        ],
        foreignKeys: [fk('user_id', 'users')],
      }),
    );
    for (const table of ['forum_threads', 'forum_posts']) {
      await queryRunner.addColumns(table, [new TableColumn(int('score', { default: 0 })), new TableColumn(datetime('edited_at', { isNullable: true }))]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['forum_posts', 'forum_threads']) {
      await queryRunner.dropColumns(table, ['edited_at', 'score']);
    }
    await queryRunner.dropTable('forum_votes');
  }
}
