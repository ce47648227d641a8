import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { openDataSource, runMigrations } from './database/data-source.js';
import { DEMO_ACCOUNTS, seedDemoIfEmpty } from './database/seed.js';
import { harvestAfterSeed } from './modules/questions/question-harvester.js';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Start');
  const config = loadConfig();
  const dataSource = await openDataSource(config.database);
  const applied = await runMigrations(dataSource);
  if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`);
  if (config.seedDemo && (await seedDemoIfEmpty(dataSource, logger, harvestAfterSeed))) {
    logger.log('Loaded the demo data. Demo accounts:');
    for (const account of DEMO_ACCOUNTS) logger.log(`  ${account.role.padEnd(8)} ${account.email} / ${account.password}`);
  }
  const app = await createApp(config, dataSource);
  await app.listen(config.port, config.host);
  const where = config.database.type === 'sqlite' ? `SQLite ${config.database.file}` : `MySQL ${config.database.host}/${config.database.database}`;
  logger.log(`Interview Insights is running at ${config.baseUrl} (database: ${where}; mail: ${config.smtpUrl ? 'SMTP' : `files in ${config.varDir}/mail`}; search: ${config.meiliHost ? 'Meilisearch' : 'embedded'})`);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    // One clear line naming the variable, no stack trace.
    console.error(`Configuration error — ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
