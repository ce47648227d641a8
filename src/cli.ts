import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config.js';
import { openDataSource, runMigrations } from './database/data-source.js';
import { DEMO_ACCOUNTS, seedDemo } from './database/seed.js';

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
        if (await seedDemo(dataSource, logger)) {
          for (const a of DEMO_ACCOUNTS) logger.log(`  ${a.role.padEnd(8)} ${a.email} / ${a.password}`);
        }
      }),
  },
};

function usage(): void {
  console.log('Usage: npm run cli -- <command> [args]\n\nCommands:');
  for (const [name, command] of Object.entries(COMMANDS)) console.log(`  ${name.padEnd(22)} ${command.summary}`);
}

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
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
