import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { int, text, varchar } from './support/columns.js';

/**
 * Practice sessions get a thinking time before each recording (sessions from before had none) and
 * can be drawn from the interviews for one role. Scored answers keep their component scores in
 * columns, so officers' statistics are SQL aggregates rather than a parse of every result, and
 * recorded answers keep the recogniser's word times, so the report can play a word from the recording.
 * Members choose the English whose spelling the grammar check follows (Indian English by default).
 */
export class ExtendPractice1764000000007 implements MigrationInterface {
  name = 'ExtendPractice1764000000007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('practice_sessions', [
      new TableColumn(int('thinking_seconds', { default: 0 })),
      new TableColumn(varchar('role', 120, { isNullable: true })),
    ]);
    await queryRunner.addColumns('practice_answers', [
      ...['content', 'delivery', 'language', 'presence'].map((c) => new TableColumn(int(`${c}_score`, { isNullable: true }))),
      new TableColumn(text('transcript_words', { isNullable: true })),
    ]);
    await queryRunner.createIndex('practice_answers', new TableIndex({ columnNames: ['state', 'answered_at'] }));
    await queryRunner.addColumn('users', new TableColumn(varchar('english_dialect', 16, { default: "'indian'" })));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('users', 'english_dialect');
    const answers = await queryRunner.getTable('practice_answers');
    const index = answers?.indices.find((i) => i.columnNames.join() === 'state,answered_at');
    if (index) await queryRunner.dropIndex('practice_answers', index);
    await queryRunner.dropColumns('practice_answers', ['content_score', 'delivery_score', 'language_score', 'presence_score', 'transcript_words']);
    await queryRunner.dropColumns('practice_sessions', ['thinking_seconds', 'role']);
  }
}
