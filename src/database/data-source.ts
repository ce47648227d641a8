import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ConfigError, type DatabaseConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations.js';
import { serializeSqliteWrites } from './sqlite-serial.js';

/** The one place that knows per-dialect connection settings. */
export function dataSourceOptions(db: DatabaseConfig, flavour: 'mysql' | 'mariadb' = 'mysql'): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false } as const;
  if (db.type === 'sqlite') {
    if (db.file !== ':memory:') mkdirSync(dirname(db.file), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.file,
      // WAL lets readers proceed during a write; a busy timeout rides out brief write contention.
      prepareDatabase: (sqlite: { pragma(source: string): unknown }) => {
        sqlite.pragma('journal_mode = WAL');
        sqlite.pragma('busy_timeout = 5000');
        sqlite.pragma('foreign_keys = ON');
      },
    };
  }
  return {
    ...common,
    type: flavour,
    url: db.url,
    charset: 'utf8mb4_unicode_ci',
    // Dates are stored in UTC whatever the server's zone is.
    timezone: 'Z',
    extra: { connectionLimit: 10 },
  };
}

/**
 * TypeORM reads MariaDB's schema differently from MySQL's (e.g. nullable defaults), so it must be
 * told which one it talks to; the server says so in its version string.
 */
async function detectFlavour(url: string): Promise<'mysql' | 'mariadb'> {
  const { createConnection } = await import('mysql2/promise');
  const connection = await createConnection({ uri: url, connectTimeout: 5000 });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const version = String((rows as Array<{ version: string }>)[0]?.version ?? '');
    return /mariadb/i.test(version) ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

/** Connects, turning driver errors into a message that names DATABASE_URL. */
export async function openDataSource(db: DatabaseConfig): Promise<DataSource> {
  try {
    const flavour = db.type === 'mysql' ? await detectFlavour(db.url) : 'mysql';
    const dataSource = await new DataSource(dataSourceOptions(db, flavour)).initialize();
    if (db.type === 'sqlite') serializeSqliteWrites(dataSource);
    return dataSource;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const where = db.type === 'sqlite' ? `SQLite file ${db.file}` : `MySQL at ${db.host}:${db.port}/${db.database}`;
    throw new ConfigError('DATABASE_URL', `cannot open the database (${where}): ${reason}`);
  }
}

export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}
