// The fused tiny face detector against face-api's own forward pass, on the photos shipped in
// @vladmandic/face-api/demo: same raw output up to float rounding, same faces, no tensor left behind.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFaceApi, tfOf, type FaceApi, type Tf } from '../backend.js';
import { decodeImage } from './decode-image.js';

const require = createRequire(import.meta.url);
const DEMO = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');
const PHOTOS = ['sample1.jpg', 'sample2.jpg', 'sample3.jpg', 'sample4.jpg', 'sample5.jpg', 'sample6.jpg'];

let faceapi: FaceApi;
let tf: Tf;
type Net = { forwardInput: (...args: unknown[]) => unknown; fusedForward?: boolean };
let net: Net;
let original: Net['forwardInput'];

beforeAll(async () => {
  faceapi = await loadFaceApi({ log: () => {} });
  tf = tfOf(faceapi);
  net = faceapi.nets.tinyFaceDetector as unknown as Net;
  original = Object.getPrototypeOf(net).forwardInput as Net['forwardInput'];
});

function photo(file: string) {
  const img = decodeImage(readFileSync(join(DEMO, file)));
  return tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
}

/** Runs `fn` with face-api's own forward pass in place of the fused one. */
async function withOriginal<T>(fn: () => Promise<T>): Promise<T> {
  const fused = net.forwardInput;
  net.forwardInput = original;
  try {
    return await fn();
  } finally {
    net.forwardInput = fused;
  }
}

describe('fused tiny face detector', () => {
  it('is what loadFaceApi installs', () => {
    expect(net.fusedForward).toBe(true);
    expect(net.forwardInput).not.toBe(original);
  });

  it.each(PHOTOS)('gives face-api’s raw output on %s at input sizes 224 and 416', async (file) => {
    const image = photo(file);
    try {
      for (const size of [224, 416]) {
        const input = await faceapi.toNetInput(image as never);
        const theirs = original.call(net, input, size) as ReturnType<Tf['tensor4d']>;
        const ours = net.forwardInput(input, size) as ReturnType<Tf['tensor4d']>;
        expect(ours.shape).toEqual(theirs.shape);
        const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0]!);
        const scale = tf.tidy(() => tf.max(tf.abs(theirs)).dataSync()[0]!);
        expect(diff).toBeLessThan(1e-4 * Math.max(1, scale));
        tf.dispose([ours, theirs]);
      }
    } finally {
      image.dispose();
    }
  });

  it('finds the same faces as face-api on every demo photo', async () => {
    const options = new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.4 });
    let faces = 0;
    for (const file of PHOTOS) {
      const image = photo(file);
      try {
        const ours = await faceapi.nets.tinyFaceDetector.locateFaces(image as never, options);
        const theirs = await withOriginal(() => faceapi.nets.tinyFaceDetector.locateFaces(image as never, options));
        expect(ours.length, file).toBe(theirs.length);
        for (let i = 0; i < ours.length; i++) {
          expect(ours[i]!.score).toBeCloseTo(theirs[i]!.score, 4);
          for (const k of ['x', 'y', 'width', 'height'] as const) expect(ours[i]!.box[k]).toBeCloseTo(theirs[i]!.box[k], 1);
        }
        faces += ours.length;
      } finally {
        image.dispose();
      }
    }
    expect(faces).toBeGreaterThan(10); // the demo photos are group pictures
  });

  it('leaves no tensor behind', async () => {
    const image = photo('sample3.jpg');
    const options = new faceapi.TinyFaceDetectorOptions({ inputSize: 224, scoreThreshold: 0.4 });
    await faceapi.nets.tinyFaceDetector.locateFaces(image as never, options); // first call may cache kernels' constants
    const before = tf.memory().numTensors;
    await faceapi.nets.tinyFaceDetector.locateFaces(image as never, options);
    expect(tf.memory().numTensors).toBe(before);
    image.dispose();
  });
});
