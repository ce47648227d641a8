import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, varchar } from './support/columns.js';

/**
 * A member can share a practice report through a secret link (for a mentor or a placement officer),
 * with or without its recordings, and switch the link off again.
 */
export class SharePracticeReports1764000000008 implements MigrationInterface {
  name = 'SharePracticeReports1764000000008';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('practice_sessions', [
      new TableColumn(varchar('share_token', 43, { isNullable: true })),
      new TableColumn(bool('share_recordings', false)),
    ]);
    await queryRunner.createIndex('practice_sessions', new TableIndex({ columnNames: ['share_token'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const sessions = await queryRunner.getTable('practice_sessions');
    const index = sessions?.indices.find((i) => i.columnNames.join() === 'share_token');
    if (index) await queryRunner.dropIndex('practice_sessions', index);
    await queryRunner.dropColumns('practice_sessions', ['share_token', 'share_recordings']);
  }
}
