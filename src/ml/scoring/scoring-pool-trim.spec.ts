// When the scoring pool gives freed native memory back (native-memory.ts): at most once per
// BUSY_TRIM_INTERVAL_MS while tasks keep finishing, and once more after IDLE_TRIM_DELAY_MS of quiet.
// Stand-in workers make the timing exact; the real trim is covered in native-memory.spec.ts.
import { describe, expect, it, vi } from 'vitest';

const trims: number[] = [];
vi.mock('../native-memory.js', () => ({
  canReleaseFreedMemory: () => true,
  releaseFreedMemory: () => {
    trims.push(performance.now());
    return true;
  },
}));

const { BUSY_TRIM_INTERVAL_MS, IDLE_TRIM_DELAY_MS, ScoringPool } = await import('./scoring-pool.js');

const TASK_MS = 150;
// Answers every task after TASK_MS, like a worker analysing a chunk of frames.
const worker = new URL(
  'data:text/javascript,' +
    encodeURIComponent(`
      import { parentPort, threadId } from 'node:worker_threads';
      parentPort.on('message', ({ id, task }) => setTimeout(() => parentPort.postMessage({
        id, ok: true, result: { value: task.kind, status: { threadId, role: 'language', backend: null, loaded: [] }, ms: ${TASK_MS} },
      }), ${TASK_MS}));`),
);

describe('ScoringPool memory trimming', () => {
  it('trims about once a second while busy, and once when it has gone idle', async () => {
    const pool = new ScoringPool({ workerUrl: worker, size: 1 });
    try {
      await pool.runTask({ kind: 'status' }); // the worker is up
      await new Promise((r) => setTimeout(r, IDLE_TRIM_DELAY_MS + 200));
      trims.length = 0;
      const start = performance.now();
      const tasks = 16; // ≈ 2.4 s of back-to-back work on one worker
      await Promise.all(Array.from({ length: tasks }, () => pool.runTask({ kind: 'status' })));
      const busyMs = performance.now() - start;
      const whileBusy = trims.length;
      expect(busyMs).toBeGreaterThan(2 * BUSY_TRIM_INTERVAL_MS);
      expect(whileBusy).toBeGreaterThanOrEqual(Math.floor(busyMs / BUSY_TRIM_INTERVAL_MS));
      expect(whileBusy).toBeLessThanOrEqual(Math.ceil(busyMs / BUSY_TRIM_INTERVAL_MS) + 1);
      for (let i = 1; i < trims.length; i++) expect(trims[i]! - trims[i - 1]!).toBeGreaterThanOrEqual(BUSY_TRIM_INTERVAL_MS - 1);

      await new Promise((r) => setTimeout(r, IDLE_TRIM_DELAY_MS + 300));
      expect(trims.length).toBe(whileBusy + 1);
    } finally {
      await pool.close();
    }
  });
});
