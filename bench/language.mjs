// Grammar-check benchmark (DESIGN.md §5): harper.js + project rules on a 150-word answer.
// Target: ≤ 20 ms per answer after warm-up.
//
//   npm run bench -- language            (builds first; or: node bench/language.mjs after npm run build)
//   ML_BENCH_DIST=/other/build node bench/language.mjs   (a different compiled tree; must contain src/ml)
//
// Answers (~150 words) are generated from interview-answer templates with random fillers (some
// with typical learner errors, and an occasional typo), so that harper's per-sentence cache does
// not flatter the figures. Prints set-up time, then p50/p95/mean per answer for: the app's check
// (written), spoken mode (lower case, no punctuation, as a transcript), plain harper.js, the
// project rules alone, and the app's check on real learner text (JFLEG dev paragraphs, from
// ../shared/data or JFLEG_SRC, when present).
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { jflegSentences, jflegSource, makeTypist, seededRandom } from './learner-text.mjs';

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

// harper caches lint results per sentence, so answers built from a small pool of fixed sentences
// would measure the cache. Every sentence here is generated from a template with random slot
// fillers (≈ 10^5 combinations per template), so nearly all sentences are new to harper.
const PICK = {
  role: ['backend developer', 'data analyst', 'software engineer', 'summer intern', 'team lead', 'QA engineer', 'support engineer', 'mobile developer', 'site reliability engineer', 'product analyst'],
  company: ['a fintech startup', 'a large bank', 'an e-commerce company', 'a logistics firm', 'a hospital chain', 'an insurance company', 'a travel portal', 'a telecom operator', 'a gaming studio', 'an ed-tech platform'],
  tech: ['Java', 'Python', 'React', 'Kafka', 'Postgres', 'Docker', 'Kubernetes', 'Spring Boot', 'Node.js', 'AWS', 'Redis', 'Django', 'Go', 'Terraform', 'Airflow'],
  thing: ['the payment service', 'the search page', 'the login flow', 'the reporting job', 'the mobile app', 'the billing system', 'the recommendation engine', 'the data pipeline', 'the admin dashboard', 'the notification service', 'the checkout page', 'the inventory system'],
  verbed: ['rewrote', 'profiled', 'refactored', 'tested', 'monitored', 'migrated', 'documented', 'optimised', 'simplified', 'debugged', 'redesigned', 'split up'],
  verb: ['rewrite', 'profile', 'refactor', 'test', 'monitor', 'migrate', 'document', 'optimise', 'simplify', 'debug', 'redesign', 'speed up'],
  person: ['my manager', 'a senior engineer', 'the product owner', 'our tech lead', 'a customer', 'the support team', 'the database administrator', 'a new colleague', 'the QA team', 'our designer'],
  time: ['One week', 'Last year', 'During my internship', 'In my final year', 'Two months ago', 'Before a major release', 'Last quarter', 'In my first month', 'During the festival sale', 'Early in the project'],
  skill: ['communication', 'time management', 'prioritisation', 'stakeholder management', 'code review', 'testing', 'estimation', 'mentoring', 'planning', 'writing documentation'],
  num: ['two', 'three', 'four', 'five', 'six', 'ten', 'twelve', 'fifteen', 'twenty', 'thirty'],
  pct: ['ten', 'fifteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy'],
};
const TEMPLATES = [
  'In my role as a {role} at {company}, I was responsible for {thing}.',
  '{time}, we noticed that {thing} was {num} times slower than usual.',
  'I {verbed} {thing} using {tech} and {tech}.',
  'Our clients was unhappy because {thing} failed {num} times in a week.',
  'There is many reasons why {thing} can become slow after a release.',
  'I worked with {person} to {verb} {thing} before the deadline.',
  'As a result, the error rate of {thing} dropped by {pct} percent.',
  'Me and {person} was discussing the design of {thing} for {num} days.',
  'I learned how to handled {skill} when {person} was on leave.',
  'I have {num} years experience in {tech}, and I am also comfortable with {tech}.',
  'One of my friend suggested that we {verb} {thing} first.',
  '{person} did not agree with me at first, but the numbers convinced them.',
  'We measured the latency of {thing} before and after the change, and it dropped by {pct} percent.',
  'I think {skill} is the most important skill for a {role}.',
  'If I could do it again, I would {verb} {thing} earlier and ask {person} for feedback sooner.',
  '{time}, {person} asked me to {verb} {thing} in {tech}.',
  'The biggest challenge was that {thing} had no tests, so I wrote {num} of them first.',
  'After that, {person} explained me the business goals of {thing}.',
  'We reduced the cloud bill by {pct} percent by moving {thing} to {tech}.',
  'I enjoy working with {person} because we both care about {skill}.',
];
const rand = seededRandom(42);
const pick = (list) => list[Math.floor(rand() * list.length)];
const OPENERS = ['', '', '', 'Honestly, ', 'In fact, ', 'At that time, ', 'Later, ', 'Then ', 'So ', 'Also, ', 'Luckily, ', 'Looking back, '];
const CLOSERS = ['', '', '', ' at that time', ' with {person}', ' in {tech}', ' for {company}', ' within {num} weeks', ' as a {role}'];
function sentence() {
  const body = pick(TEMPLATES);
  const closer = pick(CLOSERS);
  const t = (pick(OPENERS) + body.charAt(0).toLowerCase() + body.slice(1).replace(/\.$/, closer + '.')).replace(/\{(\w+)\}/g, (_, k) => pick(PICK[k]));
  return t.charAt(0).toUpperCase() + t.slice(1);
}
// Typed answers get a typo now and then (about one per 60 words), each one new to harper.
const typo = makeTypist(rand);
function answer() {
  const parts = [];
  let words = 0;
  while (words < 145) {
    const s = sentence().split(' ').map((w) => (rand() < 1 / 60 ? typo(w) : w)).join(' ');
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
// (busy) machine the CPU figure is closer to what a dedicated core would give.
// Each variant gets its own answers, so one cannot warm harper's sentence cache for another. The
// variants run in alternating blocks of 20 answers: load changes on a shared machine hit them all
// alike, while harper switches rule profile (≈ 2 ms) only once per block, as a worker scoring one
// kind of answer after another would.
async function measureAll(variants, inputsFor, block = 20) {
  const wall = variants.map(() => []);
  const cpu = variants.map(() => []);
  const sets = variants.map(() => inputsFor());
  for (let start = 0; start < sets[0].length; start += block) {
    for (let v = 0; v < variants.length; v++) {
      for (let i = start; i < Math.min(start + block, sets[v].length); i++) {
        const x = variants[v].prepare(sets[v][i]);
        const c = process.cpuUsage();
        const t = performance.now();
        await variants[v].run(x);
        wall[v].push(performance.now() - t);
        const d = process.cpuUsage(c);
        cpu[v].push((d.user + d.system) / 1000);
      }
    }
  }
  return variants.map((v, k) => [v.name, { wall: stats(wall[k]), cpu: stats(cpu[k]) }]);
}

const t0 = performance.now();
await warmUpGrammar({ spelling: true });
const setupMs = performance.now() - t0;
const warmInputs = Array.from({ length: 30 }, answer);
for (const t of warmInputs) await checkGrammar(t); // warm-up beyond the loader's own
const makeInputs = () => Array.from({ length: RUNS }, answer);
const inputs = makeInputs();
const words = inputs.reduce((s, t) => s + t.split(/\s+/).length, 0) / inputs.length;
const sentences = inputs.flatMap((t) => t.split(/(?<=\.) /));
const unique = new Set(sentences).size / sentences.length;

// The app's variants first, then plain harper as the reference: a worker switches only between the
// written and spoken profiles, never to all of harper's rules, and harper's caches are kept per
// rule configuration, so interleaving the reference would measure switches no worker makes.
const rows = [
  ...(await measureAll(
    [
      { name: 'checkGrammar (written, Indian English)', prepare: (t) => t, run: (t) => checkGrammar(t) },
      { name: 'checkGrammar (spoken transcript)', prepare: spokenForm, run: (t) => checkGrammar(t, { spoken: true }) },
      { name: 'project rules alone', prepare: (t) => t, run: (t) => runProjectRules(t) },
    ],
    makeInputs,
  )),
  ...(await measureAll(
    [
      { name: 'plain harper.js (written)', prepare: (t) => t, run: (t) => checkGrammarPlainHarper(t) },
      { name: 'plain harper.js (spoken, one long sentence)', prepare: spokenForm, run: (t) => checkGrammarPlainHarper(t) },
    ],
    makeInputs,
  )),
];
// Real learner text: JFLEG dev's sentences (../shared/data, when present) joined into paragraphs of
// ≈ 150 words, each checked once. They have far more misspellings than the generated answers, and
// harper computes suggestions for every misspelt word.
const jfleg = await jflegSentences(root, distRoot);
if (jfleg) {
  const paragraphs = [];
  let current = [];
  for (const sentence of jfleg) {
    current.push(sentence);
    if (current.join(' ').split(/\s+/).length >= 145) {
      paragraphs.push(current.join(' '));
      current = [];
    }
  }
  for (const t of Array.from({ length: 20 }, answer)) await checkGrammar(t); // back on the written profile
  const [[, learner]] = await measureAll([{ name: 'learner', prepare: (t) => t, run: (t) => checkGrammar(t) }], () => paragraphs, paragraphs.length);
  const w = paragraphs.reduce((n, t) => n + t.split(/\s+/).length, 0) / paragraphs.length;
  rows.push([`checkGrammar, ${paragraphs.length} JFLEG paragraphs (${w.toFixed(0)} w)`, learner]);
} else {
  console.log(`(${jflegSource(root)} not found: no figures on real learner text)`);
}
const issues = (await Promise.all(inputs.slice(0, 50).map((t) => checkGrammar(t)))).reduce((s, x) => s + x.length, 0) / 50;

console.log(`grammar check, ${RUNS} generated answers of ${words.toFixed(0)} words on average (${issues.toFixed(1)} issues each; ${(unique * 100).toFixed(0)}% of sentences unique)`);
console.log(`harper.js set-up (load WebAssembly, dictionary, warm-up): ${(setupMs / 1000).toFixed(2)} s; RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
console.log('what                                      | wall p50   p95    mean   max  | cpu p50   p95    mean');
const f = (x) => x.toFixed(2).padStart(6);
for (const [name, { wall, cpu }] of rows) {
  console.log(`${name.padEnd(42)}| ${f(wall.p50)} ${f(wall.p95)} ${f(wall.mean)} ${f(wall.max)} | ${f(cpu.p50)} ${f(cpu.p95)} ${f(cpu.mean)}`);
}
for (const [name, { wall, cpu }] of rows.slice(0, 2)) {
  console.log(`target ≤ 20 ms per 150-word answer, ${name}: wall p95 ${wall.p95.toFixed(1)} ms (${wall.p95 <= 20 ? 'met' : 'NOT met'}), cpu p95 ${cpu.p95.toFixed(1)} ms (${cpu.p95 <= 20 ? 'met' : 'NOT met'})`);
}
