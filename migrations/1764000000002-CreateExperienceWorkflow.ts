import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { fk, id, int, text, timestamp, updatedTimestamp, varchar } from './support/columns.js';

export class CreateExperienceWorkflow1764000000002 implements MigrationInterface {
  name = 'CreateExperienceWorkflow1764000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('experiences', [
      new TableColumn(varchar('linkedin_url', 255, { isNullable: true })),
      new TableColumn(varchar('roll_number', 40, { isNullable: true })),
      new TableColumn(varchar('import_key', 64, { isNullable: true })),
    ]);
    await queryRunner.createIndex('experiences', new TableIndex({ columnNames: ['import_key'], isUnique: true }));
    // The experiences list and the home page read the newest published posts first.
    await queryRunner.createIndex('experiences', new TableIndex({ columnNames: ['status', 'published_at'] }));
    await queryRunner.createTable(
      new Table({
        name: 'experience_drafts',
        columns: [id(), int('user_id'), int('experience_id', { isNullable: true }), text('data'), updatedTimestamp(queryRunner, 'updated_at')],
        indices: [{ columnNames: ['user_id', 'experience_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'helpful_votes',
        columns: [id(), int('experience_id'), int('user_id'), timestamp(queryRunner, 'created_at')],
        indices: [{ columnNames: ['experience_id', 'user_id'], isUnique: true }],
        foreignKeys: [fk('experience_id', 'experiences')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'flags',
        columns: [
          id(),
          varchar('kind', 16, { default: "'flag'" }),
          int('reporter_id', { isNullable: true }),
          varchar('contact_name', 120, { isNullable: true }),
          varchar('contact_email', 254, { isNullable: true }),
          varchar('target_type', 16),
          int('target_id'),
          varchar('reason', 1000),
          varchar('status', 16, { default: "'open'" }),
          int('resolved_by_id', { isNullable: true }),
          varchar('resolution_note', 500, { isNullable: true }),
          timestamp(queryRunner, 'created_at'),
        ],
        indices: [{ columnNames: ['status', 'created_at'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_logs',
        columns: [
          id(),
          int('actor_id', { isNullable: true }),
          varchar('action', 60),
          varchar('target_type', 16),
          int('target_id'),
          varchar('detail', 1000, { isNullable: true }),
          timestamp(queryRunner, 'created_at'),
        ],
        indices: [{ columnNames: ['created_at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_logs', 'flags', 'helpful_votes', 'experience_drafts']) await queryRunner.dropTable(table);
    const table = await queryRunner.getTable('experiences');
    for (const index of table?.indices.filter((i) => i.columnNames.includes('import_key') || i.columnNames.includes('published_at')) ?? []) {
      await queryRunner.dropIndex('experiences', index);
    }
    await queryRunner.dropColumn('experiences', 'import_key');
    await queryRunner.dropColumn('experiences', 'roll_number');
    await queryRunner.dropColumn('experiences', 'linkedin_url');
  }
}
