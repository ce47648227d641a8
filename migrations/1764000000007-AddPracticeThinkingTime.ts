import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { int } from './support/columns.js';

/** Spoken practice sessions give a thinking time before each recording; sessions from before had none. */
export class AddPracticeThinkingTime1764000000007 implements MigrationInterface {
  name = 'AddPracticeThinkingTime1764000000007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('practice_sessions', new TableColumn(int('thinking_seconds', { default: 0 })));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('practice_sessions', 'thinking_seconds');
  }
}
