import { defineConfig } from 'vitest/config';

// natural calls dotenv.config() on import; keep it quiet. Set here because static imports run first.
process.env.DOTENV_CONFIG_QUIET = 'true';

const env = { DOTENV_CONFIG_QUIET: 'true', NODE_ENV: 'test' };

export default defineConfig({
  test: {
    env,
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.spec.ts'] } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/build-once.ts'],
          testTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
