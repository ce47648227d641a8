// Embedded search engine benchmark: indexes N generated experiences (default 100k) and times a
// realistic mix of queries. Target (DESIGN.md §5): p95 ≤ 30 ms at 100k on the 2-core machine.
//
//   npm run build && node --expose-gc bench/search-engine.mjs [docs] [queries]
//
// Imports the compiled modules from dist/; set SEARCH_DIST to another build directory of
// src/modules/search if the full build is not available.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const distDir = resolve(process.env.SEARCH_DIST ?? new URL('../dist/src/modules/search', import.meta.url).pathname);
const load = (file) => import(pathToFileURL(resolve(distDir, file)).href);
const { EmbeddedSearchEngine } = await load('embedded-search.engine.js');
const { generateExperienceDocs } = await load('bench-data.js');

const DOCS = Number(process.argv[2] ?? 100_000);
const QUERIES = Number(process.argv[3] ?? 500);
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const gc = () => globalThis.gc?.();

// mulberry32, so every run asks the same questions.
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (items) => items[Math.floor(random() * items.length)];

const QUERY_KINDS = {
  rare: [
    'bloom filter',
    'raft consensus',
    'belady anomaly',
    'thrashing',
    'fenwick tree',
    'rabin karp',
    'arp',
    'skip list',
    'kmp',
    'sticky sessions',
    'floyd warshall',
    'write ahead log',
  ],
  common: ['interviewer', 'asked', 'round', 'question', 'the', 'arrays', 'complexity', 'experience', 'interview', 'approach'],
  phrase: [
    'linked list',
    'binary tree',
    'system design',
    'dynamic programming',
    'tell me about yourself',
    'hash map',
    'sql joins',
    'process thread',
    'time complexity',
    'merge sort',
    'rate limiter',
    'virtual memory',
  ],
  typo: [
    'algoritm',
    'linkd list',
    'recusion',
    'dynamc programing',
    'polymorphsm',
    'normalisation',
    'deadlok',
    'binry tree',
    'intervewer',
    'inheritence',
    'kubernets',
    'complexty',
  ],
  prefix: ['recur', 'polymor', 'norm', 'dyn', 'sys', 'inter', 'tr', 'dead', 'enc', 'sema', 'conc', 'sub'],
};
const COMPANIES = ['google', 'amazon', 'microsoft', 'flipkart', 'tcs', 'goldman-sachs', 'razorpay', 'cred', 'nvidia', 'wipro'];
const TOPICS = ['arrays', 'dbms', 'operating-systems', 'system-design', 'trees', 'behavioural', 'graphs'];
const randomFilters = () => {
  const filters = {};
  const r = random();
  if (r < 0.25) filters.company = pick(COMPANIES);
  else if (r < 0.35) filters.year = 2019 + Math.floor(random() * 8);
  else if (r < 0.45) filters.topic = pick(TOPICS);
  else if (r < 0.5) Object.assign(filters, { company: pick(COMPANIES), outcome: pick(['selected', 'rejected']) });
  else if (r < 0.55) Object.assign(filters, { roundKind: pick(['hr', 'technical', 'online-test']), year: 2024 });
  return filters;
};
const makeQuery = () => {
  const kind = pick(Object.keys(QUERY_KINDS));
  return {
    kind,
    query: {
      q: pick(QUERY_KINDS[kind]),
      filters: random() < 0.45 ? randomFilters() : undefined,
      sort: random() < 0.1 ? 'newest' : 'relevance',
      page: random() < 0.15 ? 2 : 1,
    },
  };
};

gc();
const before = process.memoryUsage();
let started = performance.now();
const docs = generateExperienceDocs(DOCS);
const generateMs = performance.now() - started;
gc();
const withDocs = process.memoryUsage();

const engine = new EmbeddedSearchEngine();
await engine.init();
started = performance.now();
await engine.upsert(docs);
const indexMs = performance.now() - started;
gc();
const after = process.memoryUsage();
console.log(
  `${DOCS} docs generated in ${(generateMs / 1000).toFixed(1)} s, indexed in ${(indexMs / 1000).toFixed(1)} s (${(await engine.health()).detail})`,
);
console.log(
  `heap: documents ${mb(withDocs.heapUsed - before.heapUsed)}, index ${mb(after.heapUsed - withDocs.heapUsed)} (+ ${mb(after.arrayBuffers - withDocs.arrayBuffers)} typed arrays); RSS ${mb(after.rss)}`,
);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const summary = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `n=${String(sorted.length).padStart(3)}  p50 ${percentile(sorted, 50).toFixed(2)}  p95 ${percentile(sorted, 95).toFixed(2)}  p99 ${percentile(sorted, 99).toFixed(2)}  max ${sorted.at(-1).toFixed(2)} ms`;
};

for (let i = 0; i < 50; i++) await engine.search(makeQuery().query); // warm-up (JIT)
const all = [];
const byKind = {};
const filtered = [];
let totalHits = 0;
const slowest = [];
for (let i = 0; i < QUERIES; i++) {
  const { kind, query } = makeQuery();
  const t0 = performance.now();
  const result = await engine.search(query);
  const ms = performance.now() - t0;
  totalHits += result.total;
  all.push(ms);
  slowest.push({ ms, query, total: result.total });
  (byKind[kind] ??= []).push(ms);
  if (query.filters && Object.keys(query.filters).length > 0) filtered.push(ms);
}
console.log(
  `\n${QUERIES} queries (mean ${Math.round(totalHits / QUERIES)} matching docs/query), wall-clock per engine.search() incl. facets, snippets:`,
);
console.log(`  all          ${summary(all)}`);
for (const [kind, times] of Object.entries(byKind)) console.log(`  ${kind.padEnd(12)} ${summary(times)}`);
console.log(`  with filters ${summary(filtered)}`);
console.log('\nslowest queries:');
for (const { ms, query, total } of slowest.sort((a, b) => b.ms - a.ms).slice(0, 5)) {
  console.log(`  ${ms.toFixed(1).padStart(6)} ms  ${total} hits  ${JSON.stringify(query)}`);
}
