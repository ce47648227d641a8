// Memory of a process with the scoring pool loaded (DESIGN.md §5: server with models loaded ≤ 600 MB
// RSS). Worker threads live in the process, so RSS and VmHWM in /proc/self/status cover them all.
//
//   node bench/memory.mjs [--workers 2] [--language-workers 1]     (after npx tsc -p tsconfig.build.json)
//
// Steps, RSS after each: this script alone (main thread with the ML entry imported, as the HTTP
// process would) → the language worker with harper.js (+ `natural`) → face-api in every worker →
// after scoring one answer (20 frames + a 15 s clip: tensors and WASM heaps at working size) →
// idle. Needs pocketsphinx-testdata and ffmpeg for the scoring step (skipped without them).
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';

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

const { ScoringPool, describeScoringBackend } = await import(pathToFileURL(join(distRoot, 'src/ml/index.js')).href);
const { findExecutable } = await import(pathToFileURL(join(distRoot, 'src/ml/speech/transcriber.js')).href);

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

console.log(`scoring pool: ${WORKERS} workers, ${LANGUAGE_WORKERS} with harper.js`);
step('main thread, ML entry imported (no models)');
const pool = new ScoringPool({ size: WORKERS, languageWorkers: LANGUAGE_WORKERS });
await pool.warmUp({ vision: false });
step(`+ ${LANGUAGE_WORKERS} language worker(s): harper.js warmed + natural`);
await pool.warmUp();
step(`+ face-api in all ${WORKERS} workers`);

const DATA = '/usr/share/pocketsphinx/test/data/librivox';
const ffmpeg = findExecutable('ffmpeg');
if (existsSync(join(DATA, 'transcription')) && ffmpeg) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
  const require = createRequire(join(root, 'package.json'));
  const DEMO = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');
  mkdirSync(join(dir, 'f'));
  execFileSync(ffmpeg, [
    '-hide_banner', '-loglevel', 'error', '-loop', '1', '-i', join(DEMO, 'sample3.jpg'),
    '-vf', "drawbox=x=467:y=279:w=408:h=420:color=gray:t=fill,drawbox=x=1379:y=254:w=419:h=415:color=gray:t=fill,scale=1152:810,crop=640:480:x='379+16*sin(n/7)':y='10+6*sin(n/5)'",
    '-frames:v', '20', '-q:v', '4', join(dir, 'f/%03d.jpg'),
  ]); // prettier-ignore
  const frames = readdirSync(join(dir, 'f'))
    .sort()
    .map((f) => readFileSync(join(dir, 'f', f)));
  const text = 'and mister john dashwood had then leisure to consider how much there might be prudently in his power to do for them';
  const answer = {
    question: 'Tell me about a time you had to decide how much to help your family.',
    keyPoints: ['considered what was in his power'],
    transcript: { text, words: [], confidence: 0.9, source: 'browser', lowConfidence: false },
    transcriptCorrected: false,
    wav: readFileSync(join(DATA, 'sense_and_sensibility_01_austen_64kb-0870.wav')),
    frames,
    expressionAnalysis: true,
  };
  await pool.scoreSession([answer, { ...answer, frames: [...frames].reverse() }, answer]);
  step('after scoring 3 short answers (working-size heaps)');
  rmSync(dir, { recursive: true, force: true });
} else {
  console.log('(pocketsphinx-testdata or ffmpeg missing: scoring step skipped)');
}
await sleep(2000);
step('idle 2 s later');
const health = describeScoringBackend(pool);
console.log(`/healthz view: backend ${health.backend}, ${health.workers} workers, loaded ${health.loaded.join(' + ')}`);
const { hwm, rss } = mem();
console.log(
  `\nidle RSS with the pool loaded: ${rss.toFixed(0)} MB; peak (VmHWM) ${hwm.toFixed(0)} MB — target ≤ 600 MB for the server (add the HTTP process's own baseline to the pool's share).`,
);
await pool.close();
await sleep(500);
step('pool closed (workers terminated)');
