// Load benchmark for the experiences list and search at scale (DESIGN.md §5, issue 3):
//  1. fills a fresh database with N generated experiences (default 100k) — SQLite, or MySQL/MariaDB
//     when BENCH_MYSQL_URL is set (e.g. mysql://root@127.0.0.1:3306; a throw-away database is made);
//  2. times the embedded search engine against a plain `LIKE '%word%'` query over the same rows;
//  3. starts the real server (dist/src/main.js) and loads GET /experiences and GET /search with
//     autocannon, 50 connections. Targets: ≥ 800 req/s, p99 ≤ 100 ms, no errors;
//  4. times the busiest company's statistics page (its question bank filled with 2,000 generated
//     questions). Target: p95 ≤ 50 ms at 10k experiences.
//
//   npm run bench -- http [docs]        (npm run bench builds first)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const root = new URL('..', import.meta.url).pathname;
const dist = (p) => import(join(root, 'dist/src', p));
const { openDataSource, runMigrations } = await dist('database/data-source.js');
const { parseDatabaseUrl } = await dist('config/app-config.js');
const { generateExperienceDocs } = await dist('modules/search/bench-data.js');
const { EmbeddedSearchEngine } = await dist('modules/search/embedded-search.engine.js');

const DOCS = Number(process.argv[2] ?? 100_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const varDir = mkdtempSync(join(tmpdir(), 'ii-bench-'));
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const ms = (v) => `${v.toFixed(2)} ms`;

let databaseUrl = `sqlite:${join(varDir, 'bench.sqlite')}`;
let dropDatabase = async () => {};
if (process.env.BENCH_MYSQL_URL) {
  const { createConnection } = await import('mysql2/promise');
  const server = new URL(process.env.BENCH_MYSQL_URL);
  const name = `ii_bench_${Date.now().toString(36)}`;
  const admin = await createConnection({ host: server.hostname, port: Number(server.port || 3306), user: server.username || 'root', password: server.password });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  server.pathname = `/${name}`;
  databaseUrl = server.toString();
  dropDatabase = async () => {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  };
}
const dialect = databaseUrl.startsWith('sqlite:') ? 'SQLite' : 'MySQL/MariaDB';
console.log(`\n# ${DOCS.toLocaleString()} experiences on ${dialect}`);

// 1. Fill the database with plain multi-row INSERTs (the ORM would take minutes at this size).
const dataSource = await openDataSource(parseDatabaseUrl(databaseUrl, varDir));
await runMigrations(dataSource);
const docs = generateExperienceDocs(DOCS);
let started = performance.now();
await dataSource.query(`INSERT INTO users (email, password_hash, display_name, role, branch, passout_year, email_verified_at) VALUES ('bench@bench.test', 'x', 'Bench Author', 'student', 'Computer Science', 2026, '2026-01-01 00:00:00')`);
const companies = new Map();
for (const doc of docs) if (!companies.has(doc.company)) companies.set(doc.company, doc.companyName);
let companyId = 0;
const companyIds = new Map();
for (const [slug, name] of companies) {
  await dataSource.query(`INSERT INTO companies (name, slug, status) VALUES (?, ?, 'active')`, [name, slug]);
  companyIds.set(slug, ++companyId);
}
const iso = (t) => new Date(t).toISOString().slice(0, 19).replace('T', ' ');
const BRANCHES = ['Computer Science', 'Information Technology', 'Electronics', 'Electrical', 'Mechanical', 'Civil', 'Chemical'];
const BATCH = 500;
for (let i = 0; i < docs.length; i += BATCH) {
  const batch = docs.slice(i, i + BATCH);
  await dataSource.transaction(async (manager) => {
    const values = [];
    const params = [];
    for (const doc of batch) {
      values.push(`(1, ?, ?, ?, 2026, ?, 0, 'on-campus', ?, 3, ?, 'published', ?, ?, ?, ?)`);
      params.push(companyIds.get(doc.company), doc.role, doc.year, BRANCHES[doc.body.length % BRANCHES.length], doc.outcome, doc.body, (doc.topics ?? []).join(','), iso(doc.createdAt), iso(doc.createdAt), iso(doc.createdAt));
    }
    await manager.query(
      `INSERT INTO experiences (author_id, company_id, role, interview_year, passout_year, branch, anonymous, source, outcome, difficulty, body, status, topics, published_at, created_at, updated_at) VALUES ${values.join(',')}`,
      params,
    );
    const firstId = i + 1;
    const rounds = [];
    const roundParams = [];
    batch.forEach((doc, j) => {
      doc.roundKinds.forEach((kind, position) => {
        rounds.push('(?, ?, ?, ?, ?)');
        roundParams.push(firstId + j, position, kind, `Round ${position + 1}`, doc.title);
      });
    });
    await manager.query(`INSERT INTO rounds (experience_id, position, kind, title, questions_text) VALUES ${rounds.join(',')}`, roundParams);
  });
}
// The busiest company gets a question bank (the statistics page reads it): generated questions on
// every topic, asked 1–20 times each.
const [topSlug, topCount] = [...docs.reduce((m, d) => m.set(d.company, (m.get(d.company) ?? 0) + 1), new Map())].sort((a, b) => b[1] - a[1])[0];
const { normalizeQuestion } = await dist('modules/questions/question-text.js');
const { TOPIC_SLUGS } = await dist('modules/questions/topics.js');
const TERMS = ['deadlock', 'normalization', 'linked list', 'binary search', 'hash map', 'thread pool', 'virtual memory', 'load balancer', 'index', 'trie', 'heap', 'recursion', 'polymorphism', 'tcp handshake', 'cache eviction', 'sharding', 'rest api', 'garbage collection', 'semaphore', 'dynamic programming'];
const STEMS = ['Explain {a} with an example.', 'What is the difference between {a} and {b}?', 'How would you implement {a} using {b}?', 'When would you choose {a} over {b}?', 'Design a system around {a}.'];
const QUESTIONS = 2000;
let seed = 7;
const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
const pickOf = (list) => list[Math.floor(rnd() * list.length)];
for (let i = 0; i < QUESTIONS; i += BATCH) {
  const rows = [];
  const params = [];
  for (let j = i; j < Math.min(QUESTIONS, i + BATCH); j++) {
    const text = `${pickOf(STEMS).replace('{a}', pickOf(TERMS)).replace('{b}', pickOf(TERMS))} (${j})`;
    rows.push("(?, ?, ?, 'Software Engineer', 'technical', ?, 3.0, ?, 2022, 2026)");
    params.push(text, normalizeQuestion(text), companyIds.get(topSlug), pickOf(TOPIC_SLUGS), 1 + Math.floor(rnd() * 20));
  }
  await dataSource.query(`INSERT INTO questions (text, normalized_text, company_id, role, round_kind, topic, difficulty, times_asked, first_year, last_year) VALUES ${rows.join(',')}`, params);
}
console.log(`filled in ${((performance.now() - started) / 1000).toFixed(1)} s`);

// 2. Embedded engine vs LIKE, on the same words.
const words = ['bloom filter', 'deadlock', 'normalization', 'linked list', 'dijkstra', 'polymorphism', 'fenwick tree', 'system design', 'tcp', 'recursion', 'paging', 'sql joins', 'trie', 'heap', 'binary search'];
const engine = new EmbeddedSearchEngine();
await engine.init();
started = performance.now();
await engine.upsert(docs);
console.log(`embedded index built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const engineTimes = [];
const likeTimes = [];
for (let i = 0; i < 300; i++) {
  const q = words[i % words.length];
  let t = performance.now();
  await engine.search({ q, page: 1, perPage: 20 });
  engineTimes.push(performance.now() - t);
  if (i < 60) {
    // What a simple site does for the same page: the first 20 matches and the total for paging.
    t = performance.now();
    const where = `status = 'published' AND (body LIKE ? OR role LIKE ?)`;
    await dataSource.query(`SELECT id FROM experiences WHERE ${where} ORDER BY published_at DESC LIMIT 20`, [`%${q}%`, `%${q}%`]);
    await dataSource.query(`SELECT COUNT(*) AS n FROM experiences WHERE ${where}`, [`%${q}%`, `%${q}%`]);
    likeTimes.push(performance.now() - t);
  }
}
const e95 = percentile(engineTimes, 95);
const l95 = percentile(likeTimes, 95);
console.log(`search, embedded engine: p50 ${ms(percentile(engineTimes, 50))}  p95 ${ms(e95)}   (target p95 ≤ 30 ms)`);
console.log(`search, LIKE '%word%':   p50 ${ms(percentile(likeTimes, 50))}  p95 ${ms(l95)}   → engine is ${(l95 / e95).toFixed(0)}× faster at p95 (target ≥ 50×)`);
await engine.close?.();
await dataSource.destroy();

// 3. The real server under load.
const port = 3900 + Math.floor(Math.random() * 90);
const server = spawn(process.execPath, [...process.execArgv, join(root, 'dist/src/main.js')], {
  env: { ...process.env, NODE_ENV: 'production', PORT: String(port), VAR_DIR: varDir, DATABASE_URL: databaseUrl, SEED_DEMO: 'false', LOG_LEVEL: 'warn', DOTENV_CONFIG_QUIET: 'true' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverOutput = '';
server.stdout.on('data', (d) => (serverOutput += d));
server.stderr.on('data', (d) => (serverOutput += d));
const base = `http://127.0.0.1:${port}`;
const deadline = Date.now() + 180_000;
for (;;) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    /* not up yet */
  }
  if (Date.now() > deadline || server.exitCode !== null) throw new Error(`server did not start:\n${serverOutput}`);
  await new Promise((r) => setTimeout(r, 250));
}
const serverStarted = (Date.now() - deadline + 180_000) / 1000;
console.log(`server up (index rebuilt from the database) in ${serverStarted.toFixed(1)} s; RSS reported below`);
// The scoring models load in the background after start-up (ML_PRELOAD), on both cores for a few
// seconds; the figures below are for a server at rest, so wait for that to finish.
for (;;) {
  const health = await (await fetch(`${base}/healthz`)).json();
  if (health.components.ml?.models !== 'loading') break;
  await new Promise((r) => setTimeout(r, 250));
}

async function load(title, requests) {
  const result = await autocannon({ url: base, connections: 50, duration: DURATION, requests });
  const errors = result.errors + result.timeouts + result.non2xx;
  console.log(`${title.padEnd(34)} ${result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  errors ${errors}`);
}
// Warm the JIT first (standard for load tests) with pages and searches of the same shapes (typos,
// prefixes, filters) on words the measured runs do not use, so the search results cache starts
// cold for every measured query.
const warmWords = ['kafka', 'graphql', 'mutex', 'hashing', 'semaphore', 'segment tree', 'load balancer'];
const typo = (w) => (w.length > 5 ? w.slice(0, 2) + w.slice(3) : w);
const shapes = (list) => list.flatMap((w) => [w, typo(w), w.slice(0, Math.max(3, w.length - 3))]);
const filters = ['', '&company=google', '&company=amazon', '&year=2024', '&outcome=selected', '&company=tcs&year=2023'];
const searchPaths = (list) => shapes(list).flatMap((q) => filters.map((f) => `/search?q=${encodeURIComponent(q)}${f}`));
await autocannon({
  url: base,
  connections: 10,
  duration: 3,
  requests: searchPaths(warmWords)
    .map((path) => ({ method: 'GET', path }))
    .concat([{ method: 'GET', path: '/experiences?page=9' }, { method: 'GET', path: '/experiences?company=meta' }]),
});
await load('GET /experiences (pages 1–5)', [1, 2, 3, 4, 5].map((p) => ({ method: 'GET', path: `/experiences?page=${p}` })));
await load('GET /experiences?company=…', [{ method: 'GET', path: '/experiences?company=google&outcome=selected' }]);
// 270 distinct searches: words, typos, prefixes, and each of those with a company or year filter.
const searches = searchPaths(words);
await load(`GET /search (${searches.length} distinct)`, searches.map((path) => ({ method: 'GET', path })));
// 4. The busiest company's statistics page, one request at a time (target p95 ≤ 50 ms at 10k experiences).
const statsTimes = [];
for (let i = 0; i < 230; i++) {
  const t = performance.now();
  const res = await fetch(`${base}/companies/${topSlug}/stats`);
  await res.text();
  if (!res.ok) throw new Error(`/companies/${topSlug}/stats answered ${res.status}`);
  if (i >= 30) statsTimes.push(performance.now() - t); // the first 30 warm the JIT
}
console.log(`GET /companies/${topSlug}/stats (${topCount.toLocaleString()} experiences, ${QUESTIONS} questions): p50 ${ms(percentile(statsTimes, 50))}  p95 ${ms(percentile(statsTimes, 95))}   (target p95 ≤ 50 ms)`);
await load(`GET /companies/…/stats`, [{ method: 'GET', path: `/companies/${topSlug}/stats` }]);
try {
  const { readFileSync } = await import('node:fs');
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const vmRss = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  const vmHwm = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  console.log(`server memory: RSS ${(Number(vmRss) / 1024).toFixed(0)} MB, peak ${(Number(vmHwm) / 1024).toFixed(0)} MB`);
} catch {
  /* not Linux */
}
server.kill('SIGTERM');
await new Promise((r) => server.on('exit', r));
if (process.env.BENCH_KEEP) console.log(`kept: VAR_DIR=${varDir} DATABASE_URL=${databaseUrl}`);
else {
  await dropDatabase();
  rmSync(varDir, { recursive: true, force: true });
}
