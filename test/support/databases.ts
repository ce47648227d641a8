/**
 * Database-backed suites run once per dialect: SQLite always, MySQL/MariaDB when TEST_MYSQL_URL is set
 * (e.g. mysql://root@127.0.0.1:3306). Each suite gets its own throw-away database, so files run in
 * parallel. If TEST_MYSQL_URL is set and the server cannot be reached, the suite fails: it never
 * silently skips.
 */
import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../src/config/app-config.js';
import { openDataSource, runMigrations } from '../../src/database/data-source.js';

export interface TestDatabase {
  dialect: 'sqlite' | 'mysql';
  config: DatabaseConfig;
  url: string | undefined;
  drop(): Promise<void>;
}

export const DIALECTS: Array<'sqlite' | 'mysql'> = process.env.TEST_MYSQL_URL ? ['sqlite', 'mysql'] : ['sqlite'];

export async function createTestDatabase(dialect: 'sqlite' | 'mysql'): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    return { dialect, config: { type: 'sqlite', file: ':memory:' }, url: 'sqlite::memory:', drop: async () => {} };
  }
  const server = new URL(process.env.TEST_MYSQL_URL!);
  const name = `ii_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = await createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username || 'root'),
    password: decodeURIComponent(server.password),
  });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return {
    dialect,
    url: url.toString(),
    config: { type: 'mysql', url: url.toString(), host: url.hostname, port: Number(url.port || 3306), database: name },
    drop: async () => {
      const conn = await createConnection({
        host: server.hostname,
        port: Number(server.port || 3306),
        user: decodeURIComponent(server.username || 'root'),
        password: decodeURIComponent(server.password),
      });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}

/** A fresh database of the dialect with every migration applied; destroy the source, then drop the database. */
export async function openMigratedDatabase(dialect: 'sqlite' | 'mysql'): Promise<{ db: TestDatabase; dataSource: DataSource }> {
  const db = await createTestDatabase(dialect);
  const dataSource = await openDataSource(db.config);
  await runMigrations(dataSource);
  return { db, dataSource };
}

/** A logger for code under test that logs progress (seeding): warnings and errors still show. */
export function quietLogger(name: string): Logger {
  const logger = new Logger(name);
  logger.log = () => undefined;
  return logger;
}
