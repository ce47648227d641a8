// Session scoring benchmark (DESIGN.md §5): score a 5-answer practice session, 5 × 60 s of audio.
// Target: ≤ 20 s on 2 cores (together with vision, which is benchmarked in bench/vision.mjs and is
// passed to scoring as already-computed presence metrics, as the app does).
//
//   npm run bench -- session [--no-stt]     (builds first; or: node bench/session.mjs after npm run build)
//   ML_BENCH_DIST=/other/build node bench/session.mjs
//
// The five 60 s recordings are real read speech: the LibriVox and "cards" clips of Debian's
// pocketsphinx-testdata concatenated with sox in a different order per answer (the clips add up to
// about 34 s, so each answer repeats some). Their reference transcripts stand in for the browser's
// live transcript. Because the clips repeat, so do their sentences, and harper's per-sentence cache
// makes the grammar step cheaper than for real answers; bench/language.mjs measures that step on
// unique answers (≈ 16 ms CPU for a 150-word spoken answer here), well inside this budget. Prints:
//   1. scoring (audio analysis + grammar + vocabulary + relevance + STAR + component scores) for the
//      session, cold (harper.js loading inside the measurement) and warm (models loaded, as in the
//      long-running worker);
//   2. unless --no-stt: server-side speech recognition with pocketsphinx for answers uploaded
//      without a transcript, two recognisers at a time (2 cores), with its WER on these recordings.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const distRoot = process.env.ML_BENCH_DIST ?? join(root, 'dist');
const mod = (p) => import(pathToFileURL(join(distRoot, p)).href);
if (!existsSync(join(distRoot, 'src/ml/scoring/score-answer.js'))) {
  console.error(`${join(distRoot, 'src/ml/scoring/score-answer.js')} not found: run \`npm run build\` first (or set ML_BENCH_DIST).`);
  process.exit(1);
}
const DATA = '/usr/share/pocketsphinx/test/data';
if (!existsSync(join(DATA, 'librivox/transcription'))) {
  console.error('pocketsphinx-testdata is not installed (Debian: apt-get install pocketsphinx-testdata).');
  process.exit(1);
}
const { scoreAnswer } = await mod('src/ml/scoring/score-answer.js');
const { discoverSttItems, wordErrorRate } = await mod('src/ml/speech/eval-stt.js');
const { findExecutable } = await mod('src/ml/speech/transcriber.js');
const SKIP_STT = process.argv.includes('--no-stt');

const sox = findExecutable('sox');
if (!sox) {
  console.error('sox is not installed (needed to build the 60 s recordings).');
  process.exit(1);
}
const clips = [...discoverSttItems(join(DATA, 'librivox')), ...discoverSttItems(join(DATA, 'cards'))];
const soxi = (f) => Number(execFileSync(sox, ['--i', '-D', f]).toString().trim());
const durations = new Map(clips.map((c) => [c.audio, soxi(c.audio)]));

// Five answers: rotate the clip order, append clips until ≥ 60 s, trim to exactly 60 s (the
// transcript keeps only the clips that are fully inside the 60 s).
const dir = mkdtempSync(join(tmpdir(), 'bench-session-'));
const answers = [];
for (let a = 0; a < 5; a++) {
  const order = clips.map((_, i) => clips[(i * 3 + a * 2) % clips.length]);
  const chosen = [];
  let total = 0;
  for (let k = 0; total < 60; k++) {
    const c = order[k % order.length];
    chosen.push(c);
    total += durations.get(c.audio);
  }
  const out = join(dir, `answer${a + 1}.wav`);
  execFileSync(sox, [...chosen.map((c) => c.audio), out, 'trim', '0', '60']);
  let t = 0;
  const words = [];
  for (const c of chosen) {
    t += durations.get(c.audio);
    if (t <= 60) words.push(c.reference.toLowerCase());
  }
  answers.push({ wav: out, transcript: words.join(' ') });
}

const QUESTIONS = [
  ['Tell me about a time you handled a production incident.', ['found the root cause in the logs', 'rolled back the deployment', 'added monitoring or alerts', 'communicated with the team']],
  ['What is the difference between a process and a thread?', ['a process has its own memory address space', 'threads share the memory of their process', 'context switching between threads is cheaper']],
  ['Describe a situation where you disagreed with your manager.', ['listened to the other view', 'used data to support the argument', 'agreed on a decision and committed']],
  ['How would you design a URL shortener?', ['hashing or base62 encoding of an id', 'a key-value store for the mapping', 'caching popular links', 'handling collisions']],
  ['Why do you want to work here?', ['knows the product', 'connects own skills to the role', 'mentions the team or culture']],
];
const presence = { oneFaceRatio: 0.96, eyeContactRatio: 0.72, headMovement: 0.04, enoughEvidence: true, frames: 120 };

async function scoreSession() {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const results = [];
  for (let i = 0; i < answers.length; i++) {
    const [question, keyPoints] = QUESTIONS[i];
    results.push(
      await scoreAnswer({
        question,
        keyPoints,
        transcript: { text: answers[i].transcript, words: [], confidence: 0.9, source: 'browser', lowConfidence: false },
        transcriptCorrected: false,
        wav: readFileSync(answers[i].wav),
        presence,
        shownAtMs: 0,
      }),
    );
  }
  const c = process.cpuUsage(c0);
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6, results };
}

console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
console.log(`5 answers × 60 s of real speech (${answers.map((a) => a.transcript.split(' ').length).join(', ')} words)`);
const cold = await scoreSession();
const warm = await scoreSession();
console.log(`\nscoring (audio + language + content + component scores), one thread:`);
console.log(`  cold (includes loading harper.js): ${cold.seconds.toFixed(2)} s wall, ${cold.cpuSeconds.toFixed(2)} s CPU`);
console.log(`  warm (models loaded):              ${warm.seconds.toFixed(2)} s wall, ${warm.cpuSeconds.toFixed(2)} s CPU`);
for (const [i, r] of warm.results.entries()) {
  const t = r.timingsMs;
  console.log(
    `  answer ${i + 1}: audio ${t.audio.toFixed(0)} ms, language+content ${t.language.toFixed(0)} ms; overall ${r.overall.score}, ` +
      `content ${r.components.content.score}, delivery ${r.components.delivery.score} (${Math.round(r.metrics.fluency.wordsPerMinute)} wpm), ` +
      `language ${r.components.language.score}, presence ${r.components.presence.score}`,
  );
}

if (!SKIP_STT && findExecutable('pocketsphinx_continuous')) {
  const run = (wav, preset) =>
    new Promise((resolve, reject) => {
      const args = ['-infile', wav, '-logfn', '/dev/null'];
      if (preset === 'fast') args.push('-fwdflat', 'no', '-maxhmmpf', '3000', '-pl_window', '5');
      const p = spawn('pocketsphinx_continuous', args);
      let out = '';
      p.stdout.on('data', (d) => (out += d));
      p.on('error', reject);
      p.on('close', () => resolve(out.replace(/\n/g, ' ').trim()));
    });
  for (const preset of ['accurate', 'fast']) {
    const t0 = performance.now();
    const hyps = new Array(answers.length);
    let next = 0;
    const worker = async () => {
      while (next < answers.length) {
        const i = next++;
        hyps[i] = await run(answers[i].wav, preset);
      }
    };
    await Promise.all([worker(), worker()]);
    const seconds = (performance.now() - t0) / 1000;
    const refWords = answers.reduce((s, a) => s + a.transcript.split(' ').length, 0);
    const errors = answers.reduce((s, a, i) => s + wordErrorRate(a.transcript, hyps[i]) * a.transcript.split(' ').length, 0);
    console.log(
      `\nserver-side STT, pocketsphinx (${preset}), 2 at a time: ${seconds.toFixed(2)} s for 300 s of audio (RTF ${(seconds / 300).toFixed(3)} wall on 2 cores), WER ${((errors / refWords) * 100).toFixed(1)}%`,
    );
    console.log(`  session with server-side STT: ${(seconds + warm.seconds).toFixed(2)} s (target ≤ 20 s)`);
  }
}
console.log(`\nsession scoring with browser transcripts: ${warm.seconds.toFixed(2)} s warm, ${cold.seconds.toFixed(2)} s cold (target ≤ 20 s)`);
console.log('(grammar on repeated clip sentences is partly served from harper\'s cache: see bench/language.mjs for unique answers)');
rmSync(dir, { recursive: true, force: true });
