import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { AppModule } from './app.module.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { openDataSource, runMigrations } from './database/data-source.js';
import { DEMO_ACCOUNTS, seedDemo } from './database/seed.js';
import { harvestAfterSeed, QuestionHarvester } from './modules/questions/question-harvester.js';

type Command = { summary: string; run: (args: string[]) => Promise<void> };

const logger = new Logger('CLI');

async function withDatabase<T>(work: (dataSource: Awaited<ReturnType<typeof openDataSource>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const dataSource = await openDataSource(config.database);
  try {
    await runMigrations(dataSource);
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** The full application context (without HTTP), for commands that use feature services. */
async function withApp<T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const dataSource = await openDataSource(config.database);
  await runMigrations(dataSource);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, dataSource), { logger: ['error', 'warn'] });
  try {
    return await work(app);
  } finally {
    await app.close();
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

/** ML evaluations load their models only when asked for. */
const mlCommand = (summary: string, load: () => Promise<{ run: (args: string[]) => Promise<void> }>): Command => ({
  summary,
  run: async (args) => (await load()).run(args),
});

const COMMANDS: Record<string, Command> = {
  migrate: {
    summary: 'apply pending database migrations',
    run: async () => {
      const config = loadConfig();
      const dataSource = await openDataSource(config.database);
      const applied = await runMigrations(dataSource);
      await dataSource.destroy();
      logger.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    },
  },
  seed: {
    summary: 'load the demo data (idempotent)',
    run: () =>
      withDatabase(async (dataSource) => {
        if (await seedDemo(dataSource, logger, harvestAfterSeed)) {
          for (const a of DEMO_ACCOUNTS) logger.log(`  ${a.role.padEnd(8)} ${a.email} / ${a.password}`);
        }
      }),
  },
  'import:experiences': {
    summary: '<file.jsonl>  import experiences (published); bad rows are listed, re-runs add nothing',
    run: async ([file]) => {
      if (!file) throw new Error('Usage: npm run cli -- import:experiences <file.jsonl>');
      const { ExperienceImportService } = await import('./modules/experiences/experience-import.service.js');
      const report = await withApp((app) => app.get(ExperienceImportService).importFile(file));
      console.log(`Imported ${report.imported}, already present ${report.skipped}, rejected ${report.bad.length}.`);
      for (const bad of report.bad) console.log(`  line ${bad.line}: ${bad.reason}`);
      if (report.bad.length) process.exitCode = 3;
    },
  },
  'questions:reharvest': {
    summary: 'file every published experience into the question bank again, in place (after changing the matching or topic rules)',
    run: () =>
      withDatabase(async (dataSource) => {
        const result = await dataSource.transaction((manager) => new QuestionHarvester(manager).rebuild());
        logger.log(`Harvested ${result.experiences} published experiences into ${result.questionIds.length} questions.`);
        logger.log('Run search:reindex when using Meilisearch, so search shows the new bank.');
      }),
  },
  'search:reindex': {
    summary: 'rebuild the search index from the database (Meilisearch; the embedded index rebuilds at every start)',
    run: async () => {
      const { SearchIndexer } = await import('./modules/search/search-indexer.service.js');
      // Building the context already rebuilds an embedded index; Meilisearch needs the explicit call.
      const count = await withApp(async (app) => {
        const indexer = app.get(SearchIndexer);
        return indexer.engine.name === 'embedded' ? null : indexer.reindexAll();
      });
      console.log(count === null ? 'The embedded index is rebuilt by the server at start; nothing to do.' : `Indexed ${count} documents.`);
    },
  },
  'eval:emotion': mlCommand('<dir>  expression accuracy on <dir>/<class>/*.jpg|png', () => import('./ml/vision/eval-emotion.js')),
  'eval:grammar': mlCommand('<src> <ref>…  grammar error detection P/R/F0.5', () => import('./ml/language/eval-grammar.js')),
  'eval:stt': mlCommand('<dir>  speech-to-text WER and real-time factor', () => import('./ml/speech/eval-stt.js')),
  'eval:topics': mlCommand(
    '<file.jsonl>  question topic tagger accuracy and per-topic F1',
    () => import('./modules/questions/eval-topics.js'),
  ),
  'eval:content': mlCommand(
    '<file.jsonl>  content scores against graded answers (good / weak / off)',
    () => import('./modules/practice/eval-content.js'),
  ),
};

function usage(): void {
  console.log('Usage: npm run cli -- <command> [args]\n\nCommands:');
  for (const [name, command] of Object.entries(COMMANDS)) console.log(`  ${name.padEnd(22)} ${command.summary}`);
}

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  // Own keys only: "constructor" or "toString" is an unknown command, not Object's method.
  const command = name && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    usage();
    process.exitCode = name ? 2 : 0;
    return;
  }
  await command.run(args);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error — ${error.message}` : error);
  process.exit(1);
});
