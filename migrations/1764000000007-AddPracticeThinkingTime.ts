import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { int, varchar } from './support/columns.js';

/**
 * Spoken practice sessions give a thinking time before each recording (sessions from before had
 * none), and a session can be drawn from the interviews for one role.
 */
export class AddPracticeThinkingTime1764000000007 implements MigrationInterface {
  name = 'AddPracticeThinkingTime1764000000007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('practice_sessions', [new TableColumn(int('thinking_seconds', { default: 0 })), new TableColumn(varchar('role', 120, { isNullable: true }))]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('practice_sessions', ['thinking_seconds', 'role']);
  }
}
