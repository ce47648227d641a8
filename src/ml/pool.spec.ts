// The pool is tested with tiny plain-JavaScript workers written to a temp folder at run time:
// Node 20 cannot run TypeScript in a worker, and the protocol is small enough to speak by hand
// (see pool-protocol.ts). The vision worker itself is tested in vision/vision-pool.spec.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PoolClosedError, WorkerCrashedError, WorkerPool } from './pool.js';

const dir = mkdtempSync(join(tmpdir(), 'pool-spec-'));

const FIXTURE = `
import { parentPort, threadId } from 'node:worker_threads';
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); // blocks this thread
async function handle(task) {
  switch (task.op) {
    case 'sleep': { const start = performance.timeOrigin + performance.now(); sleep(task.ms);
      return { threadId, start, end: performance.timeOrigin + performance.now(), value: task.value }; }
    case 'fail': throw new Error('task failed on purpose');
    case 'crash': setTimeout(() => { throw new Error('boom in worker'); }); return new Promise(() => {});
    case 'exit': process.exit(task.code);
    case 'hang': return new Promise(() => {});
    case 'bytes': return { threadId, byteLength: task.data.byteLength, first: task.data[0] };
  }
}
parentPort.on('message', async ({ id, task }) => {
  try { parentPort.postMessage({ id, ok: true, result: await handle(task) }); }
  catch (e) { parentPort.postMessage({ id, ok: false, error: { name: e.name, message: e.message, stack: e.stack } }); }
});
`;
const workerFile = join(dir, 'fixture-worker.mjs');
writeFileSync(workerFile, FIXTURE);
const brokenFile = join(dir, 'broken-worker.mjs');
writeFileSync(brokenFile, `throw new Error('cannot start');`);

type Task =
  | { op: 'sleep'; ms: number; value?: number }
  | { op: 'fail' | 'crash' | 'hang' }
  | { op: 'exit'; code: number }
  | { op: 'bytes'; data: Uint8Array };
interface SleepResult {
  threadId: number;
  start: number;
  end: number;
  value?: number;
}

const pools: WorkerPool<Task>[] = [];
function makePool(opts: Partial<ConstructorParameters<typeof WorkerPool>[0]> = {}): WorkerPool<Task> {
  const p = new WorkerPool<Task>({ workerUrl: pathToFileURL(workerFile), size: 2, ...opts });
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('WorkerPool', () => {
  it('runs tasks in parallel on separate threads', async () => {
    const pool = makePool();
    const [a, b] = await Promise.all([pool.run<SleepResult>({ op: 'sleep', ms: 300 }), pool.run<SleepResult>({ op: 'sleep', ms: 300 })]);
    expect(a.threadId).not.toBe(b.threadId);
    // Overlapping intervals: both ran at the same time.
    expect(Math.max(a.start, b.start)).toBeLessThan(Math.min(a.end, b.end));
  });

  it('queues tasks beyond the pool size and returns each result to its caller', async () => {
    const pool = makePool({ size: 2 });
    const runs = [1, 2, 3, 4, 5].map((value) => pool.run<SleepResult>({ op: 'sleep', ms: 30, value }));
    expect(pool.queued).toBe(3);
    const results = await Promise.all(runs);
    expect(results.map((r) => r.value)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(results.map((r) => r.threadId)).size).toBe(2);
  });

  it('rejects a failing task with its error and keeps the worker', async () => {
    const pool = makePool({ size: 1 });
    const first = await pool.run<SleepResult>({ op: 'sleep', ms: 1 });
    await expect(pool.run({ op: 'fail' })).rejects.toThrow('task failed on purpose');
    const after = await pool.run<SleepResult>({ op: 'sleep', ms: 1 });
    expect(after.threadId).toBe(first.threadId);
  });

  it('replaces a crashed worker, rejecting only the task it was running', async () => {
    const pool = makePool({ size: 2 });
    const first = await pool.run<SleepResult>({ op: 'sleep', ms: 1 });
    const other = pool.run<SleepResult>({ op: 'sleep', ms: 200, value: 7 });
    const crash = pool.run({ op: 'crash' });
    await expect(crash).rejects.toBeInstanceOf(WorkerCrashedError);
    await expect(crash).rejects.toThrow(/worker running this task stopped: boom in worker; it has been replaced/);
    expect((await other).value).toBe(7); // the other worker was not disturbed
    const results = await Promise.all([1, 2, 3].map(() => pool.run<SleepResult>({ op: 'sleep', ms: 20 })));
    expect(results).toHaveLength(3);
    expect(results.some((r) => r.threadId !== first.threadId)).toBe(true);
  });

  it('reports a worker that exits mid-task with its exit code', async () => {
    const pool = makePool({ size: 1 });
    await expect(pool.run({ op: 'exit', code: 3 })).rejects.toThrow(/exit code 3/);
    await expect(pool.run<SleepResult>({ op: 'sleep', ms: 1 })).resolves.toMatchObject({ threadId: expect.any(Number) });
  });

  it('stops a task that exceeds the timeout and replaces its worker', async () => {
    const pool = makePool({ size: 1, taskTimeoutMs: 200 });
    await expect(pool.run({ op: 'hang' })).rejects.toThrow(/exceeded 200 ms/);
    await expect(pool.run<SleepResult>({ op: 'sleep', ms: 1 })).resolves.toBeDefined();
  });

  it('moves transferred buffers instead of copying them', async () => {
    const pool = makePool({ size: 1 });
    const data = new Uint8Array(1024).fill(9);
    const r = await pool.run<{ byteLength: number; first: number }>({ op: 'bytes', data }, [data.buffer]);
    expect(r).toMatchObject({ byteLength: 1024, first: 9 });
    expect(data.buffer.byteLength).toBe(0); // detached: it now belongs to the worker
  });

  it('gives up on queued tasks when workers keep dying at start-up', async () => {
    const pool = makePool({ size: 1, workerUrl: pathToFileURL(brokenFile) });
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map(() => pool.run({ op: 'hang' })));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/stopped: cannot start/);
    expect(String((results[4] as PromiseRejectedResult).reason)).toMatch(/3 workers in a row died before finishing a task/);
  });

  it('rejects running and queued tasks on close, and new tasks after it', async () => {
    const pool = makePool({ size: 1 });
    const running = pool.run({ op: 'hang' });
    const queued = pool.run({ op: 'hang' });
    const settled = Promise.allSettled([running, queued]);
    await new Promise((r) => setTimeout(r, 50));
    await pool.close();
    for (const r of await settled) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(PoolClosedError);
    }
    await expect(pool.run({ op: 'hang' })).rejects.toBeInstanceOf(PoolClosedError);
  });

  it('starts workers lazily and stops idle ones after idleTimeoutMs', async () => {
    const pool = makePool({ size: 2, idleTimeoutMs: 100 });
    expect(pool.workers).toBe(0);
    const first = await pool.run<SleepResult>({ op: 'sleep', ms: 1 });
    expect(pool.workers).toBe(1);
    await new Promise((r) => setTimeout(r, 400));
    expect(pool.workers).toBe(0);
    const again = await pool.run<SleepResult>({ op: 'sleep', ms: 1 });
    expect(again.threadId).not.toBe(first.threadId);
  });

  it('refuses TypeScript and missing worker files with a clear message', () => {
    expect(() => new WorkerPool({ workerUrl: new URL('./vision/vision.worker.ts', import.meta.url) })).toThrow(/TypeScript.*compiled/);
    expect(() => new WorkerPool({ workerUrl: join(dir, 'nope.mjs') })).toThrow(/not found/);
  });
});
