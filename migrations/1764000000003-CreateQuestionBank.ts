import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';
import { fk, id, int, text, timestamp, updatedTimestamp, varchar } from './support/columns.js';

const decimal = (name: string, precision: number, scale: number): TableColumnOptions => ({ name, type: 'decimal', precision, scale });

export class CreateQuestionBank1764000000003 implements MigrationInterface {
  name = 'CreateQuestionBank1764000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'questions',
        columns: [
          id(),
          text('text'),
          text('normalized_text'),
          int('company_id'),
          varchar('role', 120),
          varchar('round_kind', 20),
          varchar('topic', 32),
          decimal('difficulty', 3, 1),
          int('times_asked', { default: 0 }),
          int('first_year'),
          int('last_year'),
          timestamp(queryRunner, 'created_at'),
          updatedTimestamp(queryRunner, 'updated_at'),
        ],
        indices: [
          { columnNames: ['company_id', 'times_asked'] },
          { columnNames: ['times_asked', 'last_year'] },
          { columnNames: ['topic'] },
        ],
        foreignKeys: [fk('company_id', 'companies')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'question_sources',
        columns: [
          id(),
          int('question_id'),
          int('experience_id', { isNullable: true }),
          int('round_id', { isNullable: true }),
          int('company_id'),
          int('year'),
          int('line_no'),
          text('original_text'),
        ],
        indices: [
          { columnNames: ['question_id'] },
          { columnNames: ['experience_id'] },
          { columnNames: ['round_id', 'line_no'], isUnique: true },
        ],
        // SET NULL keeps a source whose round or experience vanished, so its question is recomputed (see QuestionSource).
        foreignKeys: [fk('question_id', 'questions'), fk('experience_id', 'experiences', 'SET NULL'), fk('round_id', 'rounds', 'SET NULL')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('question_sources');
    await queryRunner.dropTable('questions');
  }
}
