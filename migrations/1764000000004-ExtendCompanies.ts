import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { int } from './support/columns.js';

/** Companies proposed from the experience form remember who proposed them, for moderation. */
export class ExtendCompanies1764000000004 implements MigrationInterface {
  name = 'ExtendCompanies1764000000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('companies', new TableColumn(int('created_by_id', { isNullable: true })));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('companies', 'created_by_id');
  }
}
