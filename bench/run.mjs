// Runs the benchmarks and prints their figures: `npm run bench [-- <name> [args]]`.
// Names: http (experiences/search at 100k rows), search (embedded engine), vision, language, session,
// memory (the server with the scoring models loaded).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('.', import.meta.url).pathname;
const BENCHES = {
  search: 'search-engine.mjs',
  http: 'http-load.mjs',
  vision: 'vision.mjs',
  language: 'language.mjs',
  session: 'session.mjs',
  memory: 'memory.mjs',
};
// The benchmarks measure the server as `npm start` runs it, so they get the Node flags of its script.
const startScript = JSON.parse(readFileSync(join(dir, '../package.json'), 'utf8')).scripts.start;
const SERVER_NODE_FLAGS = /\bnode\s+((?:--\S+\s+)*)dist\/src\/main\.js/.exec(startScript)?.[1].trim().split(/\s+/).filter(Boolean) ?? [];
const [name, ...args] = process.argv.slice(2);
const selected = name ? [name] : Object.keys(BENCHES);
let failed = false;
for (const bench of selected) {
  const file = BENCHES[bench];
  if (!file) {
    console.error(`Unknown benchmark "${bench}". Choose from: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  if (!existsSync(join(dir, file))) continue;
  console.log(`\n=== ${bench} ===`);
  const result = spawnSync(process.execPath, ['--expose-gc', ...SERVER_NODE_FLAGS, join(dir, file), ...args], { stdio: 'inherit', env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' } });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
