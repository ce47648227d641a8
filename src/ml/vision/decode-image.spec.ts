import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode-image.js';

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
