import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, datetime, fk, id, int, text, timestamp, varchar } from './support/columns.js';

/** Practice sessions (mock interviews) and their answers with scoring state and results. */
export class CreatePractice1764000000006 implements MigrationInterface {
  name = 'CreatePractice1764000000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'practice_sessions',
        columns: [
          id(),
          int('user_id'),
          int('company_id', { isNullable: true }),
          varchar('mode', 8, { default: "'text'" }),
          varchar('topic', 32, { isNullable: true }),
          int('overall_score', { isNullable: true }),
          timestamp(queryRunner, 'created_at'),
          datetime('completed_at', { isNullable: true }),
        ],
        indices: [{ columnNames: ['user_id', 'created_at'] }],
        foreignKeys: [fk('user_id', 'users'), fk('company_id', 'companies', 'SET NULL')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'practice_answers',
        columns: [
          id(),
          int('session_id'),
          int('position'),
          int('question_id', { isNullable: true }),
          text('question_text'),
          varchar('state', 12, { default: "'open'" }),
          varchar('recording_file', 80, { isNullable: true }),
          varchar('transcript_source', 16, { isNullable: true }),
          bool('low_confidence', false),
          text('answer_text', { isNullable: true }),
          datetime('answered_at', { isNullable: true }),
          int('attempts', { default: 0 }),
          text('result', { isNullable: true }),
          int('overall_score', { isNullable: true }),
          varchar('error', 500, { isNullable: true }),
        ],
        indices: [{ columnNames: ['session_id', 'position'], isUnique: true }, { columnNames: ['state'] }],
        foreignKeys: [fk('session_id', 'practice_sessions'), fk('question_id', 'questions', 'SET NULL')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('practice_answers');
    await queryRunner.dropTable('practice_sessions');
  }
}
