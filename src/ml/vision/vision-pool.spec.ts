// The vision worker must run as JavaScript (Node 20 cannot load .ts in a worker). Rather than
// depending on a possibly stale `dist/` from `npm run build`, this test compiles just the
// worker's import graph (vision.worker.ts → analyze-frame, backend, pool-worker, …) with the
// project's compiler options into node_modules/.cache/interview-insights-ml/, then starts real
// workers on it. If this fails with a TypeScript emit error, run `npx tsc --noEmit -p tsconfig.json`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { compileWorker as compileWorkerFor } from '../testing/compile-worker.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFrames } from './analyze-frame.js';
import { decodeImage } from './decode-image.js';
import { packFrames, VisionPool } from './vision-pool.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const DEMO = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');

const compileWorker = (): URL => compileWorkerFor(join(here, 'vision.worker.ts'), 'interview-insights-ml');

function cropJpeg(file: string, x: number, y: number, w: number, h: number): Buffer {
  const img = decodeImage(readFileSync(join(DEMO, file)));
  const rgba = Buffer.alloc(w * h * 4, 255);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const s = ((y + r) * img.width + (x + c)) * 3;
      const d = (r * w + c) * 4;
      rgba[d] = img.data[s]!;
      rgba[d + 1] = img.data[s + 1]!;
      rgba[d + 2] = img.data[s + 2]!;
    }
  }
  return jpeg.encode({ data: rgba, width: w, height: h }, 90).data;
}

let pool: VisionPool;
let smiling: Buffer;
let neutral: Buffer;
let wall: Buffer;

beforeAll(() => {
  pool = new VisionPool({ workerUrl: compileWorker(), size: 2, taskTimeoutMs: 60_000 });
  smiling = cropJpeg('sample3.jpg', 945, 159, 440, 440);
  neutral = cropJpeg('sample5.jpg', 650, 0, 410, 450);
  wall = cropJpeg('sample1.jpg', 0, 0, 400, 300);
});
afterAll(async () => {
  await pool?.close();
});

describe('packFrames', () => {
  it('copies frames into one buffer of views', () => {
    const a = Buffer.from([1, 2, 3]);
    const b = new Uint8Array([4, 5]);
    const { views, buffer } = packFrames([a, b]);
    expect(buffer.byteLength).toBe(5);
    expect(views.map((v) => Array.from(v))).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(views.every((v) => v.buffer === buffer)).toBe(true);
  });
});

describe('VisionPool (compiled vision.worker.js)', () => {
  it('loads a backend in the worker', async () => {
    const info = await pool.pool.run<{ backend: { name: string } }>({ kind: 'info' });
    expect(['wasm', 'tensorflow']).toContain(info.backend.name);
  });

  it('gives the same results as in-process analysis, and leaves the caller\u2019s buffers intact', async () => {
    const frames = [smiling, wall, neutral];
    const viaPool = await pool.analyzeFrames(frames);
    expect(viaPool).toEqual(await analyzeFrames(frames));
    expect(viaPool.map((f) => f.faces)).toEqual([1, 0, 1]);
    expect(smiling.byteLength).toBeGreaterThan(1000); // not detached by the transfer
    const single = await pool.analyzeFrame(smiling);
    expect(single.landmarks).toHaveLength(68);
  });

  it('spreads a recording over the workers and keeps frame order', async () => {
    const frames = [smiling, smiling, smiling, wall, wall, wall, neutral, neutral];
    const out = await pool.analyzeRecording(frames, { chunkSize: 3, fullDetectEvery: 5 });
    expect(out.map((f) => f.faces)).toEqual([1, 1, 1, 0, 0, 0, 1, 1]);
    expect(out[0]!.expressions!.happy).toBeGreaterThan(out[7]!.expressions!.happy);
  });

  it('turns a bad frame into an error for that task only', async () => {
    await expect(pool.analyzeFrame(Buffer.from('not a jpeg'))).rejects.toThrow(/JPEG or PNG/);
    expect((await pool.analyzeFrame(smiling)).faces).toBe(1);
  });
});
