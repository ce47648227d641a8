import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { openDataSource, runMigrations } from '../../src/database/data-source.js';
import { createTestDatabase } from './databases.js';

export interface TestApp {
  app: NestExpressApplication;
  dataSource: DataSource;
  config: AppConfig;
  varDir: string;
  close(): Promise<void>;
}

/** The real HTTP app on a fresh database of the given dialect, with its own VAR_DIR. */
export async function startTestApp(dialect: 'sqlite' | 'mysql', env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase(dialect);
  const varDir = mkdtempSync(join(tmpdir(), 'ii-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    VAR_DIR: varDir,
    DATABASE_URL: db.url,
    SEED_DEMO: 'false',
    BASE_URL: 'http://localhost:3000',
    ...env,
  });
  const dataSource = await openDataSource(config.database);
  await runMigrations(dataSource);
  const app = await createApp(config, dataSource);
  return {
    app,
    dataSource,
    config,
    varDir,
    close: async () => {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      await db.drop();
      rmSync(varDir, { recursive: true, force: true });
    },
  };
}

/** The CSRF token rendered into a page's forms. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token in page');
  return match[1]!;
}
