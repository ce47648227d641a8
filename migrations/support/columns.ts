import type { QueryRunner, TableColumnOptions, TableForeignKeyOptions } from 'typeorm';

// Column shapes shared by the migrations. They mirror what TypeORM derives from the entities on each
// dialect, so the schema-drift test stays empty on SQLite and MySQL alike.

export const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});

export function timestamp(queryRunner: QueryRunner, name: string): TableColumnOptions {
  const mysql = queryRunner.connection.driver.options.type !== 'better-sqlite3';
  return mysql
    ? { name, type: 'datetime', precision: 6, default: 'CURRENT_TIMESTAMP(6)' }
    : { name, type: 'datetime', default: "datetime('now')" };
}

export function updatedTimestamp(queryRunner: QueryRunner, name: string): TableColumnOptions {
  const mysql = queryRunner.connection.driver.options.type !== 'better-sqlite3';
  return mysql
    ? { name, type: 'datetime', precision: 6, default: 'CURRENT_TIMESTAMP(6)', onUpdate: 'CURRENT_TIMESTAMP(6)' }
    : { name, type: 'datetime', default: "datetime('now')" };
}

export const varchar = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  ...extra,
});

export const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'integer',
  ...extra,
});

export const text = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'text',
  ...extra,
});

export const bool = (name: string, fallback: boolean): TableColumnOptions => ({
  name,
  type: 'boolean',
  default: fallback ? 1 : 0,
});

export const datetime = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'datetime',
  ...extra,
});

export const fk = (
  column: string,
  table: string,
  onDelete: 'CASCADE' | 'RESTRICT' | 'SET NULL' = 'CASCADE',
): TableForeignKeyOptions => ({
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete,
  onUpdate: 'NO ACTION',
});
