import { afterAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { openDataSource, runMigrations } from '../../../src/database/data-source.js';
import { MIGRATIONS } from '../../../src/database/migrations.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../support/databases.js';

describe.each(DIALECTS)('schema on %s', (dialect) => {
  let db: TestDatabase;
  let dataSource: DataSource;

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('runs every migration on an empty database', async () => {
    db = await createTestDatabase(dialect);
    dataSource = await openDataSource(db.config);
    const applied = await runMigrations(dataSource);
    expect(applied).toHaveLength(MIGRATIONS.length);
  });

  // If this fails, an entity changed without a migration (or the other way round): the queries
  // printed are what a new migration must do.
  it('leaves a schema that matches the entities', async () => {
    const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
    expect(upQueries.map((q) => q.query)).toEqual([]);
  });

  it('can roll every migration back', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration();
    const tables = await dataSource.createQueryRunner().getTables(['users', 'experiences']);
    expect(tables).toHaveLength(0);
    expect(await runMigrations(dataSource)).toHaveLength(MIGRATIONS.length);
  });
});
