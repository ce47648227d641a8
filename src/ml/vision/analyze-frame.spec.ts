// Runs the real face-api models (WASM backend) on photos shipped in @vladmandic/face-api/demo.
// Crops were chosen by looking at the photos: sample3's middle woman smiles broadly; sample5's
// woman at the top of the stairs has a closed-mouth, near-neutral face; the top-left corners of
// sample1 and sample3 show only walls and windows.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import jpeg from 'jpeg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { getBackendInfo, initTfBackend, loadFaceApi, tfOf } from '../backend.js';
import { alignedBox, analyzeFrame, analyzeFrames, headPose } from './analyze-frame.js';
import { decodeImage } from './decode-image.js';

const require = createRequire(import.meta.url);
const DEMO = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');

function cropJpeg(file: string, x: number, y: number, w: number, h: number): Buffer {
  const img = decodeImage(readFileSync(join(DEMO, file)));
  const rgba = Buffer.alloc(w * h * 4);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const s = ((y + r) * img.width + (x + c)) * 3;
      const d = (r * w + c) * 4;
      rgba[d] = img.data[s]!;
      rgba[d + 1] = img.data[s + 1]!;
      rgba[d + 2] = img.data[s + 2]!;
      rgba[d + 3] = 255;
    }
  }
  return jpeg.encode({ data: rgba, width: w, height: h }, 90).data;
}

let smiling: Buffer;
let neutral: Buffer;
let wall: Buffer;

beforeAll(async () => {
  await loadFaceApi({ log: () => {} });
  smiling = cropJpeg('sample3.jpg', 945, 159, 440, 440);
  neutral = cropJpeg('sample5.jpg', 650, 0, 410, 450);
  wall = cropJpeg('sample1.jpg', 0, 0, 400, 300);
});

describe('backend', () => {
  it('uses tfjs-node when installed, else WASM with SIMD, and caches the choice', async () => {
    const info = await initTfBackend();
    expect(['tensorflow', 'wasm']).toContain(info.name);
    if (info.name === 'wasm') expect(info.simd).toBe(true);
    expect(await initTfBackend()).toEqual(info);
    expect(getBackendInfo()).toEqual(info);
  });

  it('keeps tf.concat exact with the faster WASM kernel, for short and long runs', async () => {
    const tf = tfOf(await loadFaceApi());
    if (getBackendInfo()?.name === 'wasm') {
      expect((tf.getKernel('Concat', 'wasm') as { patchedBy?: string }).patchedBy).toBe('interview-insights');
    }
    const a = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const b = tf.tensor4d([5, 6, 7, 8], [1, 2, 2, 1]);
    const c = tf.tensor4d([9, 10, 11, 12, 13, 14, 15, 16], [1, 2, 2, 2]);
    const channels = tf.concat([a, b, c], 3);
    expect(channels.shape).toEqual([1, 2, 2, 4]);
    expect(Array.from(channels.dataSync())).toEqual([1, 5, 9, 10, 2, 6, 11, 12, 3, 7, 13, 14, 4, 8, 15, 16]);
    const rows = tf.concat([a, b], 1);
    expect(Array.from(rows.dataSync())).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const long = tf.concat([tf.range(0, 40).reshape([2, 20]), tf.range(40, 80).reshape([2, 20])], 1);
    expect(Array.from(long.dataSync()).slice(18, 22)).toEqual([18, 19, 40, 41]);
    const ints = tf.concat([tf.tensor2d([1, 2], [2, 1], 'int32'), tf.tensor2d([3, 4], [2, 1], 'int32')], 1);
    expect(Array.from(ints.dataSync())).toEqual([1, 3, 2, 4]);
    tf.dispose([a, b, c, channels, rows, long, ints]);
  });
});

describe('analyzeFrame', () => {
  it('finds a face with 68 landmarks inside its box', async () => {
    const r = await analyzeFrame(smiling);
    expect(r.faces).toBeGreaterThanOrEqual(1);
    const box = r.box!;
    expect(box.width).toBeGreaterThan(150); // the face is about 300 px wide in this crop
    expect(r.landmarks).toHaveLength(68);
    for (const [x, y] of r.landmarks!) {
      expect(x).toBeGreaterThanOrEqual(box.x);
      expect(x).toBeLessThanOrEqual(box.x + box.width);
      expect(y).toBeGreaterThanOrEqual(box.y);
      expect(y).toBeLessThanOrEqual(box.y + box.height);
    }
    const sum = Object.values(r.expressions!).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 3);
    expect(Math.abs(r.yaw!)).toBeLessThan(0.5);
    expect(r.pitch!).toBeGreaterThan(0.1);
    expect(r.pitch!).toBeLessThan(0.7);
  });

  it('scores a smiling face as happier than a neutral one', async () => {
    const s = await analyzeFrame(smiling);
    const n = await analyzeFrame(neutral);
    expect(n.faces).toBeGreaterThanOrEqual(1);
    expect(s.expressions!.happy).toBeGreaterThan(0.9);
    expect(s.expressions!.happy).toBeGreaterThan(n.expressions!.happy + 0.3);
    expect(n.expressions!.neutral).toBeGreaterThan(n.expressions!.sad);
  });

  it('reports no face on a picture of a wall', async () => {
    expect(await analyzeFrame(wall)).toEqual({ faces: 0 });
  });

  it('counts several faces in a group photo and describes the biggest', async () => {
    const r = await analyzeFrame(readFileSync(join(DEMO, 'sample5.jpg')), { inputSize: 416 });
    expect(r.faces).toBeGreaterThanOrEqual(3);
    expect(r.landmarks).toHaveLength(68);
  });

  it('runs the expression net on the whole image for face crops', async () => {
    const r = await analyzeFrame(cropJpeg('sample3.jpg', 1030, 260, 260, 260), { wholeImageIsFace: true });
    expect(r.faces).toBe(1);
    expect(r.landmarks).toBeUndefined();
    expect(r.expressions!.happy).toBeGreaterThan(0.5);
  });

  it('rejects data that is not an image', async () => {
    await expect(analyzeFrame(Buffer.from('not an image'))).rejects.toThrow(/JPEG or PNG/);
  });

  it('disposes every tensor it creates', async () => {
    const tf = tfOf(await loadFaceApi());
    await analyzeFrame(smiling); // warm-up: first runs may allocate kernels' constants
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      await analyzeFrame(smiling);
      await analyzeFrame(wall);
      await analyzeFrame(smiling, { wholeImageIsFace: true });
    }
    await analyzeFrames([smiling, smiling, wall, smiling, Buffer.from('corrupt')], { fullDetectEvery: 3 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('analyzeFrames', () => {
  it('matches per-frame analysis when detecting on every frame, and keeps going past a corrupt frame', async () => {
    const seq = await analyzeFrames([smiling, Buffer.from('corrupt'), neutral]);
    expect(seq[0]).toEqual(await analyzeFrame(smiling));
    expect(seq[1]).toEqual({ faces: 0 });
    expect(seq[2]).toEqual(await analyzeFrame(neutral));
  });

  it('gives each frame its own pixels when frame sizes change within a recording', async () => {
    // Sizes grow, shrink and grow again, so the per-worker pixel buffer is both reallocated and reused.
    const frames = [wall, smiling, neutral, smiling];
    const seq = await analyzeFrames(frames, { decoder: 'jpeg-js' });
    for (const [i, frame] of frames.entries()) expect(seq[i]).toEqual(await analyzeFrame(frame));
  });

  it('follows the face with the region detector between full passes', async () => {
    const seq = await analyzeFrames([smiling, smiling, smiling, wall, smiling], { fullDetectEvery: 10 });
    expect(seq.map((f) => f.faces)).toEqual([1, 1, 1, 0, 1]);
    const full = seq[0]!.box!;
    const roi = seq[1]!.box!;
    // Same face: the boxes' centres agree within a tenth of the face size.
    expect(Math.abs(full.x + full.width / 2 - (roi.x + roi.width / 2))).toBeLessThan(full.width / 10);
    expect(seq[1]!.expressions!.happy).toBeGreaterThan(0.9);
  });
});

describe('head pose and alignment helpers', () => {
  // Minimal 68-point face: only the points the formulas use matter.
  function face(noseX: number, noseY: number): Array<[number, number]> {
    const pts: Array<[number, number]> = Array.from({ length: 68 }, () => [50, 50]);
    pts[36] = [30, 40];
    pts[45] = [70, 40];
    pts[30] = [noseX, noseY];
    pts[8] = [50, 90];
    return pts;
  }

  it('computes yaw and pitch as scale-free ratios', () => {
    expect(headPose(face(50, 60))).toEqual({ yaw: 0, pitch: 0.4 });
    expect(headPose(face(60, 60)).yaw).toBeCloseTo(0.25);
    // Scaling the face does not change the pose.
    const big = face(60, 65).map(([x, y]) => [x * 3, y * 3] as [number, number]);
    expect(headPose(big)).toEqual(headPose(face(60, 65)));
  });

  it('pads the landmark bounding box by 20% like face-api', () => {
    const pts: Array<[number, number]> = [
      [10, 20],
      [110, 70],
    ];
    expect(alignedBox(pts)).toEqual({ x: 0, y: 15, width: 120, height: 60 });
  });
});
