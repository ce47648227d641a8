// Grammar-check benchmark (DESIGN.md §5): harper.js + project rules on a 150-word answer.
// Target: ≤ 20 ms per answer after warm-up.
//
//   npm run bench -- language            (builds first; or: node bench/language.mjs after npm run build)
//   ML_BENCH_DIST=/other/build node bench/language.mjs   (a different compiled tree; must contain src/ml)
//
// Answers are assembled from a pool of interview-answer sentences (some with typical learner
// errors), about 150 words each and all different, so no caching can help. Prints set-up time,
// then p50/p95/mean per answer for: the app's check (written), spoken mode (lower case, no
// punctuation, as a transcript), plain harper.js, and the project rules alone.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const distRoot = process.env.ML_BENCH_DIST ?? join(root, 'dist');
const grammarModule = join(distRoot, 'src/ml/language/grammar.js');
if (!existsSync(grammarModule)) {
  console.error(`${grammarModule} not found: run \`npm run build\` first (or set ML_BENCH_DIST).`);
  process.exit(1);
}
const { checkGrammar, checkGrammarPlainHarper, warmUpGrammar } = await import(pathToFileURL(grammarModule).href);
const { runProjectRules } = await import(pathToFileURL(join(distRoot, 'src/ml/language/grammar-rules.js')).href);

const RUNS = Number(process.env.RUNS ?? 200);
const SENTENCES = [
  'In my previous role at a mid-sized software company, I was responsible for maintaining the payment service.',
  'One week we noticed that the error rate had doubled after a routine deployment.',
  'Our clients was getting frustrated because refunds were delayed.',
  'I started by looking at the logs and the dashboards.',
  'There is many reasons why a migration can slow down the most common query.',
  'I worked with the database administrator to roll back the index.',
  'Then we wrote a better migration that was tested against a copy of production data.',
  'I also added an alert so that the team would know within five minutes if the error rate went above one percent.',
  'After the fix, the error rate went back to normal and the refunds were processed the same day.',
  'The experience taught me to always test migrations on realistic data.',
  'Me and my manager was discussing about the root cause for two days.',
  'I learned how to handled pressure and how to communicate early with the support team.',
  'I have three years experience in Java and Spring Boot, and I am knowing Python also.',
  'My team was building a recommendation engine for an e-commerce website.',
  'We used Kafka to stream click events and Redis to cache the results.',
  'One of my friend suggested that we should try a simpler model first.',
  'He don\'t agree with the design at first, but the data convinced him.',
  'We measured the latency before and after the change, and it dropped by forty percent.',
  'I think the most important thing is to listen to the customer before proposing a solution.',
  'In college I led a team of four students in a hackathon, and we won the second prize.',
  'The biggest challenge was that every members had different expectations.',
  'So I set up a short meeting every morning to agree on the priorities for the day.',
  'If I could do it again, I would write the tests earlier and ask for feedback sooner.',
  'I did not went to the office that week because the whole team was working remotely.',
  'The project was delivered on time and the client renewed the contract for another year.',
  'I am a quick learner and I enjoy working with people from different backgrounds.',
  'Our product manager explained me the business goals, which helped me make better decisions.',
  'We reduced the cloud bill by moving the batch jobs to cheaper instances at night.',
  'Less people used the old feature, so we removed it and simplified the code.',
  'This is more better than the previous approach because it is easier to maintain.',
];

// Small deterministic PRNG so runs are comparable.
let seed = 42;
const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
function answer() {
  const parts = [];
  let words = 0;
  while (words < 145) {
    const s = SENTENCES[Math.floor(rand() * SENTENCES.length)];
    parts.push(s);
    words += s.split(/\s+/).length;
  }
  return parts.join(' ');
}
const spokenForm = (t) => t.toLowerCase().replace(/[.,!?;:]/g, '');

function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.round((p / 100) * (s.length - 1)))];
  return { p50: q(50), p95: q(95), mean: s.reduce((a, b) => a + b, 0) / s.length, max: s[s.length - 1] };
}
// Wall-clock and CPU time per call: the check runs synchronously on this thread, so on a shared
// (busy) machine the CPU figure is what a dedicated core would give.
async function measure(fn, inputs) {
  const wall = [];
  const cpu = [];
  for (const x of inputs) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn(x);
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { wall: stats(wall), cpu: stats(cpu) };
}

const t0 = performance.now();
await warmUpGrammar();
const setupMs = performance.now() - t0;
const inputs = Array.from({ length: RUNS }, answer);
const words = inputs.reduce((s, t) => s + t.split(/\s+/).length, 0) / inputs.length;
for (const t of inputs.slice(0, 30)) await checkGrammar(t); // warm-up beyond the loader's own

const rows = [
  ['checkGrammar (written, Indian English)', await measure((t) => checkGrammar(t), inputs)],
  ['checkGrammar (spoken transcript)', await measure((t) => checkGrammar(t, { spoken: true }), inputs.map(spokenForm))],
  ['plain harper.js', await measure((t) => checkGrammarPlainHarper(t), inputs)],
  ['project rules alone', await measure((t) => runProjectRules(t), inputs)],
];
const issues = (await Promise.all(inputs.slice(0, 50).map((t) => checkGrammar(t)))).reduce((s, x) => s + x.length, 0) / 50;

console.log(`grammar check, ${RUNS} answers of ${words.toFixed(0)} words on average (${issues.toFixed(1)} issues each)`);
console.log(`harper.js set-up (load WebAssembly, dictionary, warm-up): ${(setupMs / 1000).toFixed(2)} s; RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
console.log('what                                      | wall p50   p95    mean   max  | cpu p50   p95    mean');
const f = (x) => x.toFixed(2).padStart(6);
for (const [name, { wall, cpu }] of rows) {
  console.log(`${name.padEnd(42)}| ${f(wall.p50)} ${f(wall.p95)} ${f(wall.mean)} ${f(wall.max)} | ${f(cpu.p50)} ${f(cpu.p95)} ${f(cpu.mean)}`);
}
for (const k of [0, 1]) {
  const [name, { wall, cpu }] = rows[k];
  console.log(`target ≤ 20 ms per 150-word answer, ${name}: wall p95 ${wall.p95.toFixed(1)} ms (${wall.p95 <= 20 ? 'met' : 'NOT met'}), cpu p95 ${cpu.p95.toFixed(1)} ms (${cpu.p95 <= 20 ? 'met' : 'NOT met'})`);
}
