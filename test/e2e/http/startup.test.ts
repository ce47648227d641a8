import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, '../../../dist/src/main.js');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

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
    const server = run({ VAR_DIR: tempVar(), PORT: String(port) });
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
    const report = (await health.json()) as { components: Record<string, { ok: boolean; detail?: string }> };
    expect(Object.keys(report.components).sort()).toEqual(['database', 'mail', 'ml', 'search']);
    expect(report.components.database!.ok).toBe(true);
    // No scoring worker has run yet: nothing is claimed as loaded, only what a worker will try first.
    const tfjsNode = (() => {
      try {
        return Boolean(createRequire(import.meta.url).resolve('@tensorflow/tfjs-node'));
      } catch {
        return false;
      }
    })();
    expect(report.components.ml).toMatchObject({ backend: 'not loaded', firstChoice: tfjsNode ? 'tensorflow' : 'wasm', loaded: [] });
    // The built app runs the embedded search engine on its worker thread, filled from the demo data.
    expect(report.components.search).toMatchObject({ ok: true, detail: expect.stringContaining('on its own thread') });
    const search = (await (await fetch(`http://127.0.0.1:${port}/api/search?q=linkd+list`)).json()) as {
      total: number;
      hits: { titleHtml: string }[];
    };
    expect(search.total).toBeGreaterThan(0);

    server.child.kill('SIGTERM');
    expect([0, 'SIGTERM']).toContain(await server.exit);
  });
});
