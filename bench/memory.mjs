// Memory of a process with the scoring pool loaded (DESIGN.md §5: server with models loaded ≤ 600 MB
// RSS). Worker threads live in the process, so RSS and VmHWM in /proc/self/status cover them all.
//
//   node bench/memory.mjs [--workers 2] [--language-workers 1] [--runs 5] [--young-mb 8] [--no-server] [--typed 7000]
//   (after npx tsc -p tsconfig.build.json)
//
// One run's figures move by ±40 MB from run to run (mostly the harper step: how much of the
// WebAssembly tier-up's compiler memory glibc keeps varies with thread timing), so compare changes
// with --runs N: N fresh processes, each step's median and range. --young-mb overrides the pool's
// default young-generation cap of the workers (DEFAULT_SCORING_RESOURCE_LIMITS).
//
// Steps, RSS after each: this script alone (main thread with the ML entry imported) → the real HTTP
// server started in this process (src/server.ts on SQLite with the demo data; --no-server skips it)
// → the language worker with harper.js (+ `natural`) → face-api in every worker →
// after scoring a full 5-answer session (bench/session-inputs.mjs: 5 × 60 s of speech, 5 × 120
// frames) → idle. Needs pocketsphinx-testdata, sox and ffmpeg for the scoring step (skipped without them).
// Two peaks are reported: while loading (harper's compile and spelling structures are transient,
// ≈ 60–100 MB above what stays), and from then on — the server with the models loaded, serving and
// scoring. The kernel's peak counter is reset in between (/proc/self/clear_refs).
// --typed N first scores N typed answers (≈ 150 words of JFLEG learner sentences, each with new typos),
// as a server does over weeks: harper's WebAssembly memory grows while its caches fill, ≈ 15 MB over
// the first ≈ 6,500 answers, and stays there (≈ 1 minute per 1,000 answers).
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { jflegSentences, jflegSource, makeTypist, seededRandom } from './learner-text.mjs';
import { makeSessionAnswers, readAnswer } from './session-inputs.mjs';
import v8 from 'node:v8';

const root = new URL('..', import.meta.url).pathname;
const distRoot = process.env.ML_BENCH_DIST ?? join(root, 'dist');
if (!existsSync(join(distRoot, 'src/ml/scoring/scoring.worker.js'))) {
  console.error(
    `${join(distRoot, 'src/ml/scoring/scoring.worker.js')} not found: run \`npx tsc -p tsconfig.build.json\` first (or set ML_BENCH_DIST).`,
  );
  process.exit(1);
}
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : dflt;
};
const WORKERS = arg('workers', 2);
const LANGUAGE_WORKERS = arg('language-workers', 1);
const RUNS = arg('runs', 1);
const SERVER = !process.argv.includes('--no-server');
const YOUNG_MB = arg('young-mb', undefined);
const TYPED = arg('typed', 0);

if (RUNS > 1) {
  // RSS is not given back when a pool closes, so each run needs a process of its own.
  const args = process.argv.slice(1).filter((a, i, all) => a !== '--runs' && all[i - 1] !== '--runs');
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    const child = spawnSync(process.execPath, [...process.execArgv, ...args], {
      env: { ...process.env, BENCH_MEMORY_JSON: '1' },
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    const line = child.stdout.split('\n').find((l) => l.startsWith('{"rows"'));
    if (child.status !== 0 || !line) {
      process.stderr.write(child.stdout + child.stderr);
      process.exit(child.status || 1);
    }
    const run = JSON.parse(line);
    runs.push(run);
    console.log(
      `run ${r + 1}/${RUNS}: ${run.rows.map(([, rss]) => rss.toFixed(0)).join(' → ')} MB; peak ${run.loadPeak.toFixed(0)} MB loading, ${run.hwm.toFixed(0)} MB since`,
    );
  }
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s[s.length >> 1];
    return `${m.toFixed(0).padStart(4)} MB  (${s[0].toFixed(0)}–${s[s.length - 1].toFixed(0)})`;
  };
  console.log(`\nmedian (range) of ${RUNS} runs, RSS after each step and its increase:`);
  for (let k = 0; k < runs[0].rows.length; k++) {
    const label = runs[0].rows[k][0];
    console.log(`${label.padEnd(62)} ${stats(runs.map((r) => r.rows[k][1]))}   +${stats(runs.map((r) => r.rows[k][2])).trim()}`);
  }
  console.log(`${'peak while loading (VmHWM)'.padEnd(62)} ${stats(runs.map((r) => r.loadPeak))}`);
  console.log(`${'peak since loading: serving and scoring (VmHWM)'.padEnd(62)} ${stats(runs.map((r) => r.hwm))}`);
  process.exit(0);
}

const { ScoringPool } = await import(pathToFileURL(join(distRoot, 'src/ml/index.js')).href);

function mem() {
  const s = readFileSync('/proc/self/status', 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)[1]);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}
let last = mem().rss;
const rows = [];
function step(label) {
  globalThis.gc?.();
  const m = mem();
  rows.push([label, m.rss, m.rss - last]);
  console.log(`${label.padEnd(62)} RSS ${m.rss.toFixed(0).padStart(4)} MB  (${m.rss - last >= 0 ? '+' : ''}${(m.rss - last).toFixed(0)})`);
  last = m.rss;
}

console.log(`scoring pool: ${WORKERS} workers, ${LANGUAGE_WORKERS} with harper.js${YOUNG_MB ? `, young generation ${YOUNG_MB} MB` : ''}`);
step('main thread, ML entry imported (no models)');
let server = null;
let serverVarDir = null;
if (SERVER) {
  // The real HTTP app in this process, as `npm start` runs it on its embedded defaults (SQLite,
  // demo data, embedded search on its thread), so the figure below is the server's, not the pool's.
  serverVarDir = mkdtempSync(join(tmpdir(), 'bench-memory-server-'));
  const { loadConfig } = await import(pathToFileURL(join(distRoot, 'src/config/app-config.js')).href);
  const { startServer } = await import(pathToFileURL(join(distRoot, 'src/server.js')).href);
  // ML_PRELOAD off, so each loading step below is measured. The demo's typed practice answers are
  // queued, and the server scores them on its own pool at start: the pool measured below is that
  // pool (a second one in this process would count twice), replaced by one built here only for
  // --language-workers and --young-mb, which the server's configuration does not set.
  const env = {
    ...process.env,
    VAR_DIR: serverVarDir,
    PORT: '0',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    ML_PRELOAD: 'false',
    ML_WORKERS: String(WORKERS),
  };
  delete env.DATABASE_URL;
  delete env.MEILI_HOST;
  server = await startServer(loadConfig(env));
  const url = (await server.getUrl()).replace('[::1]', '127.0.0.1');
  // A few pages, so that views are compiled and caches filled as on a server in use.
  for (const path of ['/', '/experiences', '/companies', '/search?q=java+interview', '/questions', '/forum'])
    await (await fetch(url + path)).arrayBuffer();
  step('+ HTTP server (SQLite, demo data, search thread), after a few requests');
}
const custom = LANGUAGE_WORKERS !== 1 || YOUNG_MB !== undefined;
const ownPool = () =>
  new ScoringPool({
    size: WORKERS,
    languageWorkers: LANGUAGE_WORKERS,
    ...(YOUNG_MB ? { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } } : {}),
  });
let pool;
let practiceIdle = null;
if (server) {
  const { ScoringService } = await import(pathToFileURL(join(distRoot, 'src/modules/scoring/scoring.service.js')).href);
  const { PracticeScorer } = await import(pathToFileURL(join(distRoot, 'src/modules/practice/practice-scorer.js')).href);
  const scoring = server.get(ScoringService);
  // The answers being scored on the replaced pool are retried on the new one.
  if (custom) await scoring.usePool(ownPool());
  pool = scoring.pool;
  practiceIdle = () => server.get(PracticeScorer).idle();
} else {
  pool = ownPool();
}
await pool.warmUp({ vision: false });
step(`+ ${LANGUAGE_WORKERS} language worker(s): harper.js warmed + natural`);
await pool.warmUp();
step(`+ face-api in all ${WORKERS} workers`);
if (practiceIdle) {
  await practiceIdle();
  step("+ the demo's typed practice answers scored (as at a first start)");
}
const loadPeak = mem().hwm;
writeFileSync('/proc/self/clear_refs', '5'); // reset VmHWM: the peak below is the loaded server's

if (TYPED > 0) {
  const sentences = await jflegSentences(root, distRoot);
  if (!sentences) {
    console.error(`--typed needs JFLEG dev sentences (${jflegSource(root)}, or set JFLEG_SRC)`);
    process.exit(1);
  }
  const { TextTranscriber } = await import(pathToFileURL(join(distRoot, 'src/ml/speech/transcriber.js')).href);
  const rand = seededRandom(11);
  // A typo in one word of 30, and each sentence numbered, so that harper meets new text.
  const typo = makeTypist(rand);
  let n = 0;
  const typedAnswer = () =>
    Array.from({ length: 7 }, () => sentences[Math.floor(rand() * sentences.length)])
      .map((s) => `${s.split(' ').map((w) => (rand() < 1 / 30 ? typo(w) : w)).join(' ')} (${++n})`)
      .join(' ');
  for (let i = 0; i < TYPED; i++) {
    const transcript = await new TextTranscriber(typedAnswer(), 'typed').transcribe();
    await pool.scoreAnswer({ question: 'Tell me about a project you are proud of.', keyPoints: [], transcript, transcriptCorrected: false });
  }
  step(`+ ${TYPED} typed answers scored (harper's caches filled)`);
}

// A full session, scored as the server's PracticeScorer does: one answer per worker at a time, each
// read from its files when its turn comes (5 answers × (60 s of speech, 120 frames)).
const sessionDir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
const made = await makeSessionAnswers(distRoot, sessionDir);
if (made.answers) {
  const queue = made.answers.map((a, i) => ({ answer: { ...a, wav: undefined, frames: undefined }, i }));
  made.answers = null; // only the answers being scored stay in memory
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await pool.scoreAnswer(readAnswer(next.answer, sessionDir, next.i));
  };
  await Promise.all(Array.from({ length: WORKERS }, lane));
  step('after scoring a 5-answer session (5 × 60 s, 5 × 120 frames)');
} else {
  console.log(`(${made.missing}: scoring step skipped)`);
}
rmSync(sessionDir, { recursive: true, force: true });
await sleep(2000);
step('idle 2 s later');
const health = pool.describe();
console.log(`/healthz view: backend ${health.backend}, ${health.workers} workers, loaded ${health.loaded.join(' + ')}`);
await breakdown().catch((err) => console.log(`\n(no breakdown: ${err.message}; a build older than the 'memory' task?)`));
const { hwm, rss } = mem();
console.log(
  SERVER
    ? `\nidle RSS of the server with the pool loaded: ${rss.toFixed(0)} MB; peak since loading (VmHWM) ${hwm.toFixed(0)} MB — target ≤ 600 MB (${hwm <= 600 ? 'met' : 'NOT met'}); peak while loading ${loadPeak.toFixed(0)} MB.`
    : `\nidle RSS with the pool loaded: ${rss.toFixed(0)} MB; peak since loading (VmHWM) ${hwm.toFixed(0)} MB, while loading ${loadPeak.toFixed(0)} MB (no HTTP server: --no-server).`,
);

/**
 * Where the idle RSS is, as far as each thread's V8 knows: its heap, and its external memory
 * (WebAssembly memories and ArrayBuffers). What is left is native: compiled WebAssembly and
 * JavaScript code, compiler and allocator memory that glibc keeps for reuse, thread stacks.
 */
async function breakdown() {
  // All at once, so that every worker of a lane takes one (a task goes to a free worker).
  const lanes = [
    ...Array.from({ length: pool.languagePool.size }, () => 'language'),
    ...Array.from({ length: pool.visionPool?.size ?? 0 }, () => 'vision'),
  ];
  const answers = await Promise.all(lanes.map((lane) => pool.runTask({ kind: 'memory' }, lane)));
  const byThread = new Map(answers.map((a) => [a.status.threadId, a]));
  const h = v8.getHeapStatistics();
  const MB = 1024 * 1024;
  const rollup = readFileSync('/proc/self/smaps_rollup', 'utf8');
  const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(rollup)[1]) / 1024;
  const threads = [
    { name: 'main thread', heap: h.total_physical_size / MB, external: h.external_memory / MB, tfjsWasm: null },
    ...[...byThread.values()].map((a) => ({
      name: `worker ${a.status.threadId} (${a.status.loaded.join(' + ') || 'nothing loaded'})`,
      ...a.value,
    })),
  ];
  const row = (name, mb, note = '') => console.log(`  ${name.padEnd(44)} ${mb.toFixed(0).padStart(4)} MB${note ? `  ${note}` : ''}`);
  console.log('\nidle RSS by owner (V8 heap and external memory per thread; the rest is native):');
  let accounted = 0;
  for (const t of threads) {
    row(`${t.name}: V8 heap`, t.heap);
    const tfjs = t.tfjsWasm === null ? '' : `TensorFlow.js WASM heap ${t.tfjsWasm.toFixed(0)} MB`;
    const harper = t.name.includes('harper') ? 'harper.js WASM memory' : '';
    row(`${t.name}: external`, t.external, [tfjs, harper, 'ArrayBuffers (as V8 counts them)'].filter(Boolean).join(' + '));
    accounted += t.heap + t.external;
  }
  const files = kb('Rss') - kb('Anonymous');
  row('mapped files (node, libraries)', files);
  row('native rest', kb('Rss') - files - accounted, 'compiled code, compiler/allocator memory kept by glibc, stacks');
}
await pool.close();
await server?.close();
if (serverVarDir) rmSync(serverVarDir, { recursive: true, force: true });
await sleep(500);
step(server ? 'pool and server closed' : 'pool closed (workers terminated)');
if (process.env.BENCH_MEMORY_JSON) console.log(JSON.stringify({ rows: rows.slice(0, -1), hwm, loadPeak }));
