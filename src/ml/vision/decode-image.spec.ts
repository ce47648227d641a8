import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { findExecutable } from '../executables.js';
import { decodeFrames, decodeImage, FrameArena, jpegLayout, type RgbImage } from './decode-image.js';

const require = createRequire(import.meta.url);
const DEMO = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');

function chunk(type: string, body: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  // The decoder does not check CRCs, so zeros are fine here.
  return Buffer.concat([len, Buffer.from(type, 'latin1'), body, Buffer.alloc(4)]);
}

/** A PNG whose rows use the given filter types (0–4), encoded here so the expected pixels are known. */
function makePng(width: number, height: number, channels: 1 | 3 | 4, pixels: Uint8Array, filters: number[]): Buffer {
  const colorType = { 1: 0, 3: 2, 4: 6 }[channels];
  const stride = width * channels;
  const raw = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    const f = filters[y % filters.length]!;
    raw[y * (stride + 1)] = f;
    for (let x = 0; x < stride; x++) {
      const cur = pixels[y * stride + x]!;
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const p = a + b - c;
      const pred = [
        0,
        a,
        b,
        (a + b) >> 1,
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c,
      ][f]!;
      raw[y * (stride + 1) + 1 + x] = (cur - pred) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colorType!;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('decodeImage', () => {
  it('decodes RGB PNGs with every row filter exactly', () => {
    const w = 7;
    const h = 10;
    const px = new Uint8Array(w * h * 3).map((_, i) => (i * 37 + ((i / 5) | 0) * 11) & 0xff);
    const img = decodeImage(makePng(w, h, 3, px, [0, 1, 2, 3, 4]));
    expect(img.width).toBe(w);
    expect(img.height).toBe(h);
    expect(Array.from(img.data)).toEqual(Array.from(px));
  });

  it('replicates grayscale to RGB and drops alpha', () => {
    const gray = decodeImage(makePng(2, 1, 1, new Uint8Array([10, 200]), [4]));
    expect(Array.from(gray.data)).toEqual([10, 10, 10, 200, 200, 200]);
    const rgba = decodeImage(makePng(1, 2, 4, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), [2]));
    expect(Array.from(rgba.data)).toEqual([1, 2, 3, 5, 6, 7]);
  });

  it('decodes the palette and RGB PNGs shipped with face-api', () => {
    const mesh = decodeImage(readFileSync(join(DEMO, 'facemesh.png')));
    expect([mesh.width, mesh.height]).toEqual([414, 394]);
    const shot = decodeImage(readFileSync(join(DEMO, 'screenshot-images.png'))); // 8-bit colormap
    expect([shot.width, shot.height]).toEqual([902, 1830]);
    expect(shot.data.length).toBe(902 * 1830 * 3);
    expect(shot.data.some((v) => v !== shot.data[0])).toBe(true);
  });

  it('decodes JPEG to RGB, including grayscale JPEGs', () => {
    const rgba = Buffer.alloc(4 * 4 * 4, 128);
    const j = jpeg.encode({ data: rgba, width: 4, height: 4 }, 95).data;
    const img = decodeImage(j);
    expect([img.width, img.height, img.data.length]).toEqual([4, 4, 48]);
    expect(Math.abs(img.data[0]! - 128)).toBeLessThan(4);
  });

  it('refuses other formats and interlaced PNGs with a clear message', () => {
    expect(() => decodeImage(Buffer.from('GIF89a......'))).toThrow(/JPEG or PNG/);
    const png = makePng(1, 1, 3, new Uint8Array([1, 2, 3]), [0]);
    png[8 + 8 + 12] = 1; // IHDR interlace byte
    expect(() => decodeImage(png)).toThrow(/Interlaced/);
  });
});

/** 640×480 webcam-like frames: crops of a demo photo drifting a few pixels per frame, re-encoded by jpeg-js. */
function webcamFrames(n: number): Uint8Array[] {
  const photo = decodeImage(readFileSync(join(DEMO, 'sample1.jpg')));
  const w = 320;
  const h = 240;
  const frames: Uint8Array[] = [];
  for (let f = 0; f < n; f++) {
    const rgba = Buffer.alloc(w * h * 4);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const src = ((y + 4 * f) * photo.width + x + 8 * f) * 3;
        rgba.set([photo.data[src]!, photo.data[src + 1]!, photo.data[src + 2]!, 255], (y * w + x) * 4);
      }
    frames.push(jpeg.encode({ data: rgba, width: w, height: h }, 85).data);
  }
  return frames;
}

function meanAbsDiff(a: RgbImage, b: RgbImage): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
}

describe('jpegLayout', () => {
  it('reads size and components from the frame header of real JPEGs', () => {
    expect(jpegLayout(readFileSync(join(DEMO, 'sample1.jpg')))).toEqual({
      ...sizeOf(decodeImage(readFileSync(join(DEMO, 'sample1.jpg')))),
      components: 3,
    });
    const gray = jpeg.encode({ data: Buffer.alloc(8 * 6 * 4, 90), width: 8, height: 6 }, 90).data;
    expect(jpegLayout(gray)).toMatchObject({ width: 8, height: 6 });
  });

  it('returns null for PNGs, truncated JPEGs and garbage', () => {
    expect(jpegLayout(makePng(1, 1, 3, new Uint8Array([1, 2, 3]), [0]))).toBeNull();
    expect(jpegLayout(readFileSync(join(DEMO, 'sample1.jpg')).subarray(0, 40))).toBeNull();
    expect(jpegLayout(Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x00]))).toBeNull();
  });
});

function sizeOf(img: RgbImage): { width: number; height: number } {
  return { width: img.width, height: img.height };
}

describe.skipIf(!findExecutable('ffmpeg'))('decodeFrames with ffmpeg', () => {
  const frames = webcamFrames(6);

  it('decodes a run of frames in order, matching jpeg-js to within rounding', async () => {
    const viaFfmpeg = await decodeFrames(frames, 'ffmpeg');
    const viaJs = await decodeFrames(frames, 'jpeg-js');
    expect(viaFfmpeg).toHaveLength(6);
    for (let i = 0; i < frames.length; i++) {
      expect(sizeOf(viaFfmpeg[i]!)).toEqual({ width: 320, height: 240 });
      // Same frame: the two decoders differ only in chroma upsampling and rounding — but they do
      // differ, which shows ffmpeg decoded this run rather than the jpeg-js fallback.
      expect(meanAbsDiff(viaFfmpeg[i]!, viaJs[i]!)).toBeLessThan(3);
      expect(meanAbsDiff(viaFfmpeg[i]!, viaJs[i]!)).toBeGreaterThan(0);
      // Frame order is kept: each frame is closer to its own jpeg-js decode than to its neighbour's.
      if (i > 0) expect(meanAbsDiff(viaFfmpeg[i]!, viaJs[i - 1]!)).toBeGreaterThan(meanAbsDiff(viaFfmpeg[i]!, viaJs[i]!) + 1);
    }
  });

  it('gives null for a corrupt frame and still decodes every other frame', async () => {
    const broken = [...frames];
    broken[2] = Buffer.concat([frames[2]!.subarray(0, 300), Buffer.alloc(200, 0x55)]); // header intact, scan cut short
    broken[4] = Buffer.from('not an image at all');
    const out = await decodeFrames(broken, 'ffmpeg');
    const expected = await decodeFrames(frames, 'jpeg-js');
    expect(out[4]).toBeNull();
    for (const i of [0, 1, 3, 5]) expect(meanAbsDiff(out[i]!, expected[i]!)).toBeLessThan(3);
    // Frame 2 is either null or a concealed decode of the right size, never another frame's pixels.
    if (out[2]) expect(sizeOf(out[2])).toEqual({ width: 320, height: 240 });
  });

  it('splits runs where the frame size changes and decodes PNG frames too', async () => {
    const big = readFileSync(join(DEMO, 'sample2.jpg'));
    const png = makePng(2, 1, 3, new Uint8Array([1, 2, 3, 4, 5, 6]), [0]);
    const out = await decodeFrames([...frames.slice(0, 3), big, png, ...frames.slice(3)], 'ffmpeg');
    expect(out.map((f) => f && f.width)).toEqual([320, 320, 320, decodeImage(big).width, 2, 320, 320, 320]);
    expect(Array.from(out[4]!.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('decodes into a reusable arena: runs of one call do not overlap, the next call reuses the memory', async () => {
    const arena = new FrameArena();
    expect(arena.claim()).toBe(arena);
    expect(arena.claim()).toBeNull(); // a concurrent caller must allocate its own
    const png = makePng(1, 1, 3, new Uint8Array([7, 7, 7]), [0]);
    const input = [...frames.slice(0, 3), png, ...frames.slice(3)]; // two ffmpeg runs
    const expected = await decodeFrames(input, 'ffmpeg');
    const same = (a: RgbImage | null, b: RgbImage | null) => Buffer.compare(Buffer.from(a!.data), Buffer.from(b!.data)) === 0;
    const first = await decodeFrames(input, 'ffmpeg', arena);
    // The second run must not overwrite the first one's frames.
    for (let i = 0; i < input.length; i++) expect(same(first[i]!, expected[i]!)).toBe(true);
    arena.release();
    expect(arena.claim()).toBe(arena);
    const again = await decodeFrames(input, 'ffmpeg', arena);
    const buffers = new Set([0, 1, 2, 4, 5, 6].map((i) => again[i]!.data.buffer));
    // (Compared by identity, not with toBe: a failing toBe would try to diff megabytes.)
    expect(buffers.size).toBe(1);
    expect(buffers.has(first[6]!.data.buffer)).toBe(true);
    for (let i = 0; i < input.length; i++) expect(same(again[i]!, expected[i]!)).toBe(true);
    arena.release();
  });
});

describe('decodeFrames without ffmpeg', () => {
  it("never starts a process with 'jpeg-js' and reports undecodable frames as null", async () => {
    const out = await decodeFrames([Buffer.from('nope'), makePng(1, 1, 3, new Uint8Array([9, 8, 7]), [0])], 'jpeg-js');
    expect(out[0]).toBeNull();
    expect(Array.from(out[1]!.data)).toEqual([9, 8, 7]);
  });

  it("refuses 'ffmpeg' with a clear message when ffmpeg is not on PATH", async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(decodeFrames([Buffer.alloc(0)], 'ffmpeg')).rejects.toThrow(/ffmpeg is not on PATH/);
    } finally {
      process.env.PATH = path;
    }
  });
});
