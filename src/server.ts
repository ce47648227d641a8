import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { appLogger, createApp } from './app.js';
import { loadConfig, type AppConfig } from './config/app-config.js';
import { openDataSource, runMigrations } from './database/data-source.js';
import { DEMO_ACCOUNTS, seedDemoIfEmpty } from './database/seed.js';
import { harvestAfterSeed, retagIfTopicRulesChanged } from './modules/questions/question-harvester.js';
import { SearchIndexer } from './modules/search/search-indexer.service.js';
import { ScoringService } from './modules/scoring/scoring.service.js';

/**
 * Opens the database, applies migrations, loads the demo data into an empty database when
 * configured, starts listening, then loads the scoring models in the background (ML_PRELOAD): what
 * `npm start` runs (main.ts), and what bench/memory.mjs starts in its own process to measure the
 * server with the scoring models loaded.
 */
export async function startServer(config: AppConfig = loadConfig()): Promise<NestExpressApplication> {
  // Before the app exists, Nest's static logger would print every level: migrations and the demo
  // accounts are logged from here.
  Logger.overrideLogger(appLogger(config));
  const logger = new Logger('Start');
  const dataSource = await openDataSource(config.database);
  const applied = await runMigrations(dataSource);
  if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`);
  if (config.seedDemo && (await seedDemoIfEmpty(dataSource, logger, harvestAfterSeed))) {
    logger.log('Loaded the demo data. Demo accounts:');
    for (const account of DEMO_ACCOUNTS) logger.log(`  ${account.role.padEnd(8)} ${account.email} / ${account.password}`);
  }
  const refiled = await retagIfTopicRulesChanged(dataSource);
  if (refiled) logger.log(`The question topic rules changed: re-filed the questions of ${refiled} experiences`);
  const app = await createApp(config, dataSource);
  // The embedded index is built from the database at start anyway; Meilisearch keeps the old topics.
  if (refiled && config.meiliHost) void app.get(SearchIndexer).reindexAll().catch((error: Error) => logger.error(`Reindexing after the topic change failed: ${error.message}`));
  await app.listen(config.port, config.host);
  const where =
    config.database.type === 'sqlite' ? `SQLite ${config.database.file}` : `MySQL ${config.database.host}/${config.database.database}`;
  logger.log(
    `Interview Insights is running at ${config.baseUrl} (database: ${where}; mail: ${config.smtpUrl ? 'SMTP' : `files in ${config.varDir}/mail`}; search: ${config.meiliHost ? 'Meilisearch' : 'embedded'})`,
  );
  // The workers load the models; this thread keeps serving requests meanwhile.
  if (config.mlPreload) void app.get(ScoringService).preload();
  return app;
}
