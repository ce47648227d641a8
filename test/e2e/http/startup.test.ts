import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../../src/database/seed.js';
import { signIn } from '../../support/http.js';

const MAIN = join(import.meta.dirname, '../../../dist/src/main.js');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface HealthReport {
  status: string;
  components: Record<string, { ok: boolean; [detail: string]: unknown }>;
}

/** What a scoring worker tries first: tfjs-node when it is installed, else WASM. */
const firstChoice = (() => {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return 'tensorflow';
  } catch {
    return 'wasm';
  }
})();

function run(env: Record<string, string>): { child: ChildProcess; output: () => string; exit: Promise<number | string | null> } {
  let output = '';
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', DOTENV_CONFIG_QUIET: 'true', ...env } });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exit = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return { child, output: () => output, exit };
}

describe('the compiled server (as `npm start` runs it)', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const tempVar = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ii-start-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['mysql://root@127.0.0.1:1/nowhere', 'DATABASE_URL: cannot open the database'],
    ['mysql://localhost', 'DATABASE_URL: the URL names no database'],
    ['ftp://example', 'DATABASE_URL: expected a mysql: or mariadb: URL'],
  ])('stops with one line naming DATABASE_URL when it is %s', async (url, message) => {
    const { exit, output } = run({ VAR_DIR: tempVar(), DATABASE_URL: url, PORT: '0' });
    expect(await exit).toBe(1);
    const lines = output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Configuration error — ${message}`);
  });

  it('starts on an empty VAR_DIR, loads the demo data, prints the demo accounts and serves the home page', async () => {
    const port = await freePort();
    const server = run({ VAR_DIR: tempVar(), PORT: String(port), ML_WORKERS: '2' });
    children.push(server.child);
    await expect.poll(() => server.output(), { timeout: 60_000, interval: 200 }).toContain('Interview Insights is running at');
    expect(server.output()).toMatch(/student\s+student@demo\.test \/ \S+/);
    expect(server.output()).toMatch(/officer\s+officer@demo\.test/);
    expect(server.output()).toMatch(/admin\s+admin@demo\.test/);

    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('Demo data');
    expect(html).toMatch(/<strong>(\d{2,})<\/strong> experiences/);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const report = (await health.json()) as HealthReport;
    expect(Object.keys(report.components).sort()).toEqual(['database', 'mail', 'ml', 'search']);
    expect(report.components.database!.ok).toBe(true);
    // The built app runs the embedded search engine on its worker thread, filled from the demo data.
    expect(report.components.search).toMatchObject({ ok: true, detail: expect.stringContaining('on its own thread') });
    const search = (await (await fetch(`http://127.0.0.1:${port}/api/search?q=linkd+list`)).json()) as {
      total: number;
      hits: { titleHtml: string }[];
    };
    expect(search.total).toBeGreaterThan(0);

    // ML_PRELOAD (default on): the workers load the models after start-up while requests are served.
    const ml = async () => ((await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as HealthReport).components.ml!;
    await expect.poll(async () => (await ml()).models, { timeout: 120_000, interval: 500 }).toBe('ready');
    expect(await ml()).toMatchObject({
      ok: true,
      backend: firstChoice,
      firstChoice,
      loaded: ['face-api', 'harper'],
      workers: 2,
      loadMs: expect.any(Number),
    });
    expect(server.output()).toMatch(/Scoring models loaded in [\d.]+ s on 2 worker threads: face-api, harper/);

    // The demo's typed practice answers wait in the queue and the pool scores them for real after
    // start: the demo student sees a scored history whose latest session beats the first (a weak
    // answer with grammar slips against two complete technical ones), and officers see figures.
    const [student, officer] = ['student', 'officer'].map((role) => DEMO_ACCOUNTS.find((a) => a.role === role)!);
    const asStudent = request.agent(`http://127.0.0.1:${port}`);
    await signIn(asStudent, student.email, student.password);
    const scores = async () => [...(await asStudent.get('/practice')).text.matchAll(/<strong>(\d+)<\/strong> \/ 100/g)].map((m) => Number(m[1]));
    await expect.poll(async () => (await scores()).length, { timeout: 60_000, interval: 500 }).toBe(3);
    const [latest, , first] = await scores();
    expect(latest).toBeGreaterThan(first!);
    const asOfficer = request.agent(`http://127.0.0.1:${port}`);
    await signIn(asOfficer, officer.email, officer.password);
    // The other students' answers may still be in the pool when the demo student's three are done.
    const insights = async () => (await asOfficer.get('/insights')).text;
    await expect.poll(insights, { timeout: 60_000, interval: 500 }).toContain('<li><strong>6</strong> students practised</li>');
    expect(await insights()).not.toContain('have practised so far');
    expect(await insights()).toMatch(/<a href="\/questions\?topic=dsa">[^<]+<\/a><\/th><td data-label="Students">6<\/td>/);

    server.child.kill('SIGTERM');
    expect([0, 'SIGTERM']).toContain(await server.exit);
  });

  it('prints nothing on a clean start under LOG_LEVEL=warn, the workers included', async () => {
    const port = await freePort();
    const server = run({ VAR_DIR: tempVar(), PORT: String(port), LOG_LEVEL: 'warn', ML_WORKERS: '1' });
    children.push(server.child);
    const ml = async () => {
      try {
        return ((await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as HealthReport).components.ml!.models;
      } catch {
        return 'not listening';
      }
    };
    // Migrations, the demo data, the start-up line and each worker's backend would each print a line.
    await expect.poll(ml, { timeout: 120_000, interval: 500 }).toBe('ready');
    expect(server.output()).toBe('');
    server.child.kill('SIGTERM');
    await server.exit;
  });

  it('with ML_PRELOAD=false claims no backend until a session has loaded one', async () => {
    const port = await freePort();
    const server = run({ VAR_DIR: tempVar(), PORT: String(port), ML_PRELOAD: 'false', SEED_DEMO: 'false' });
    children.push(server.child);
    await expect.poll(() => server.output(), { timeout: 60_000, interval: 200 }).toContain('Interview Insights is running at');
    const report = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as HealthReport;
    expect(report.components.ml).toMatchObject({ ok: true, models: 'not loaded', backend: 'not loaded', firstChoice, loaded: [], workers: 0 });
    server.child.kill('SIGTERM');
    await server.exit;
  });

  it.skipIf(firstChoice === 'tensorflow')(
    'reports models that fail to load on /healthz and keeps serving (ML_TF_BACKEND=tensorflow without tfjs-node)',
    async () => {
      const port = await freePort();
      const server = run({ VAR_DIR: tempVar(), PORT: String(port), ML_TF_BACKEND: 'tensorflow', ML_WORKERS: '1', SEED_DEMO: 'false' });
      children.push(server.child);
      await expect.poll(() => server.output(), { timeout: 60_000, interval: 200 }).toContain('Loading the scoring models failed');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200); // degraded, not down: only the database takes the instance out of rotation
      const report = (await health.json()) as HealthReport;
      expect(report.status).toBe('degraded');
      expect(report.components.ml).toMatchObject({ ok: false, models: 'failed', error: expect.stringContaining('ML_TF_BACKEND=tensorflow') });
      expect((await fetch(`http://127.0.0.1:${port}/experiences`)).status).toBe(200);
      server.child.kill('SIGTERM');
      await server.exit;
    },
  );
});
