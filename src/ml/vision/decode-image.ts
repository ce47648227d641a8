// Image decoding for the vision pipeline: JPEG with jpeg-js (pure JS), PNG with a small decoder on
// node:zlib (no PNG package is installed, and the formats we need are simple). Output is always
// packed 8-bit RGB, the layout the face-api nets take.
//
// A recording's frames are decoded in batches by ffmpeg when it is installed (decodeFrames): one
// process per run of same-sized JPEGs. jpeg-js costs ≈ 15–20 ms of a worker's CPU per 640×480
// frame, about as much as the face nets themselves; ffmpeg's native decoder takes ≈ 2 ms in its
// own process. jpeg-js stays the fallback, frame by frame, whenever ffmpeg is missing or a batch
// does not come back whole (a corrupt frame), so one bad frame never costs the others.
import { inflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { findExecutable, pipeThrough } from '../executables.js';

export interface RgbImage {
  width: number;
  height: number;
  /** width × height × 3 bytes, row-major RGB. */
  data: Uint8Array;
}

/** Refuse absurd images (a 640×480 webcam frame is 0.3 MP). */
const MAX_MEGAPIXELS = 40;

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
}

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** Decodes a JPEG or PNG into RGB. Throws a clear error for other formats. */
export function decodeImage(bytes: Buffer | Uint8Array): RgbImage {
  if (isJpeg(bytes)) {
    const img = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: false, // 3 channels; grayscale JPEGs are replicated to RGB by jpeg-js
      maxResolutionInMP: MAX_MEGAPIXELS,
      maxMemoryUsageInMB: 1024,
    });
    return { width: img.width, height: img.height, data: img.data as Uint8Array };
  }
  if (isPng(bytes)) return decodePng(bytes);
  throw new Error('Unsupported image format: expected JPEG or PNG');
}

/** Size and colour components from a JPEG's frame header (SOFn), without decoding; null if not found. */
export function jpegLayout(bytes: Uint8Array): { width: number; height: number; components: number } | null {
  if (!isJpeg(bytes)) return null;
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return null;
    const marker = bytes[pos + 1]!;
    if (marker === 0xff) {
      pos++; // fill byte
      continue;
    }
    // Markers without a length: TEM, RSTn.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2;
      continue;
    }
    const len = (bytes[pos + 2]! << 8) | bytes[pos + 3]!;
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (pos + 9 >= bytes.length) return null;
      const height = (bytes[pos + 5]! << 8) | bytes[pos + 6]!;
      const width = (bytes[pos + 7]! << 8) | bytes[pos + 8]!;
      const components = bytes[pos + 9]!;
      return width > 0 && height > 0 ? { width, height, components } : null;
    }
    if (marker === 0xda) return null; // scan data before any frame header
    pos += 2 + len;
  }
  return null;
}

export type FrameDecoder = 'auto' | 'ffmpeg' | 'jpeg-js';

/** Runs shorter than this are decoded with jpeg-js: starting ffmpeg costs about one frame's decode. */
const MIN_FFMPEG_RUN = 3;
/** An ffmpeg that prints nothing for this long is killed and its run decoded with jpeg-js. */
const FFMPEG_IDLE_TIMEOUT_MS = 10_000;

/**
 * Reusable memory for ffmpeg's output. A 20-frame batch of 640×480 frames is ≈ 18 MB; a fresh buffer
 * per batch lives while its frames are analysed (≈ 1 s), long enough to be promoted out of V8's young
 * generation, and then waits for a full collection: measured +19 MB of ArrayBuffers per batch. With
 * an arena a scoring worker keeps one batch-sized buffer. Frames decoded into it are valid until
 * `release()`; runs of one call take consecutive parts.
 */
export class FrameArena {
  private buffer = Buffer.alloc(0);
  private used = 0;
  private claimed = false;

  /** The arena, or null while another call is using it. */
  claim(): this | null {
    if (this.claimed) return null;
    this.claimed = true;
    return this;
  }

  release(): void {
    this.claimed = false;
    this.used = 0;
  }

  take(bytes: number): Buffer {
    if (this.used + bytes > this.buffer.length) {
      // Frames already taken keep the old buffer alive until they are done with; sized for the
      // whole call so far, the next call of the same shape fits in one buffer.
      this.buffer = Buffer.allocUnsafe(Math.max(this.used + bytes, this.buffer.length));
      this.used = 0;
    }
    this.used += bytes;
    return this.buffer.subarray(this.used - bytes, this.used);
  }
}

/**
 * Decodes a recording's frames in order; a frame that cannot be decoded gives null. With
 * `decoder` 'auto' (the default) runs of same-sized JPEGs go through ffmpeg when it is on PATH;
 * 'ffmpeg' insists on it (throws when it is missing); 'jpeg-js' never starts a process. ffmpeg's
 * output goes into `arena` when one is given (the frames are then views into it).
 */
export async function decodeFrames(
  frames: ReadonlyArray<Uint8Array>,
  decoder: FrameDecoder = 'auto',
  arena?: FrameArena,
): Promise<Array<RgbImage | null>> {
  const ffmpeg = decoder === 'jpeg-js' ? null : findExecutable('ffmpeg');
  if (decoder === 'ffmpeg' && !ffmpeg) throw new Error('decodeFrames: ffmpeg is not on PATH (Debian: apt-get install ffmpeg)');
  const out: Array<RgbImage | null> = new Array<RgbImage | null>(frames.length).fill(null);
  let i = 0;
  while (i < frames.length) {
    const layout = ffmpeg ? jpegLayout(frames[i]!) : null;
    let end = i + 1;
    if (layout) {
      while (end < frames.length) {
        const next = jpegLayout(frames[end]!);
        if (!next || next.width !== layout.width || next.height !== layout.height) break;
        end++;
      }
    }
    const run = frames.slice(i, end);
    const batch = ffmpeg && layout && run.length >= MIN_FFMPEG_RUN ? await ffmpegRun(ffmpeg, run, layout, arena) : null;
    for (let k = 0; k < run.length; k++) out[i + k] = batch ? batch[k]! : decodeOrNull(run[k]!);
    i = end;
  }
  return out;
}

function decodeOrNull(bytes: Uint8Array): RgbImage | null {
  try {
    return decodeImage(bytes);
  } catch {
    return null;
  }
}

/** One ffmpeg process for a run of same-sized JPEGs; null when the run did not come back whole. */
async function ffmpegRun(
  ffmpeg: string,
  run: Uint8Array[],
  size: { width: number; height: number },
  arena: FrameArena | undefined,
): Promise<RgbImage[] | null> {
  const frameBytes = size.width * size.height * 3;
  if (size.width * size.height > MAX_MEGAPIXELS * 1e6) return null;
  const input = Buffer.concat(run);
  // -threads 1: the scoring workers already keep every core busy. -fps_mode passthrough: exactly
  // one output frame per input frame, so a dropped frame shows up as a short output.
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-threads',
    '1',
    '-f',
    'jpeg_pipe',
    '-i',
    'pipe:0',
    '-fps_mode',
    'passthrough',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    'pipe:1',
  ];
  let raw: Buffer;
  try {
    const output = arena ? arena.take(frameBytes * run.length) : Buffer.allocUnsafe(frameBytes * run.length);
    raw = await pipeThrough(ffmpeg, args, input, { output, idleTimeoutMs: FFMPEG_IDLE_TIMEOUT_MS });
  } catch {
    return null;
  }
  if (raw.length !== frameBytes * run.length) return null;
  return run.map((_, k) => ({
    width: size.width,
    height: size.height,
    data: new Uint8Array(raw.buffer, raw.byteOffset + k * frameBytes, frameBytes),
  }));
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/**
 * Non-interlaced PNG, bit depth 8 (or 16, reduced to 8), colour types gray, RGB, palette,
 * gray+alpha and RGBA (alpha is dropped: frames and face crops are opaque).
 */
export function decodePng(bytes: Uint8Array): RgbImage {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isPng(buf)) throw new Error('Not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  let bitDepth = 0;
  let colorType = 0;
  let interlace = 0;
  let palette: Uint8Array | undefined;
  const idat: Buffer[] = [];
  while (pos + 8 <= buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      bitDepth = body[8]!;
      colorType = body[9]!;
      interlace = body[12]!;
    } else if (type === 'PLTE') {
      palette = new Uint8Array(body);
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      break;
    }
    pos += 12 + len;
  }
  if (width === 0 || height === 0) throw new Error('PNG without IHDR');
  if (width * height > MAX_MEGAPIXELS * 1e6) throw new Error('PNG too large');
  if (interlace !== 0) throw new Error('Interlaced PNG is not supported');
  const channelsByType: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
  const channels = channelsByType[colorType];
  if (channels === undefined) throw new Error(`PNG colour type ${colorType} is not supported`);
  if (bitDepth !== 8 && !(bitDepth === 16 && colorType !== 3)) {
    throw new Error(`PNG bit depth ${bitDepth} is not supported (8 or 16 only)`);
  }
  if (colorType === 3 && !palette) throw new Error('Palette PNG without PLTE');

  const bytesPerPixel = (channels * bitDepth) / 8;
  const stride = width * bytesPerPixel;
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length < height * (stride + 1)) throw new Error('Truncated PNG data');

  // Undo the per-row filters in place into `pixels`.
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    const prev = dst - stride;
    for (let x = 0; x < stride; x++) {
      const cur = raw[src + x]!;
      const a = x >= bytesPerPixel ? pixels[dst + x - bytesPerPixel]! : 0;
      const b = y > 0 ? pixels[prev + x]! : 0;
      const c = x >= bytesPerPixel && y > 0 ? pixels[prev + x - bytesPerPixel]! : 0;
      let v: number;
      switch (filter) {
        case 0:
          v = cur;
          break;
        case 1:
          v = cur + a;
          break;
        case 2:
          v = cur + b;
          break;
        case 3:
          v = cur + ((a + b) >> 1);
          break;
        case 4:
          v = cur + paeth(a, b, c);
          break;
        default:
          throw new Error(`Bad PNG filter ${filter}`);
      }
      pixels[dst + x] = v & 0xff;
    }
  }

  const out = new Uint8Array(width * height * 3);
  const sampleStep = bitDepth / 8; // 16-bit samples: keep the high byte
  for (let i = 0; i < width * height; i++) {
    const p = i * bytesPerPixel;
    const sample = (k: number): number => pixels[p + k * sampleStep]!;
    let r: number, g: number, b: number;
    if (colorType === 3) {
      const idx = pixels[p]! * 3;
      r = palette![idx] ?? 0;
      g = palette![idx + 1] ?? 0;
      b = palette![idx + 2] ?? 0;
    } else if (colorType === 0 || colorType === 4) {
      r = g = b = sample(0);
    } else {
      r = sample(0);
      g = sample(1);
      b = sample(2);
    }
    out[i * 3] = r;
    out[i * 3 + 1] = g;
    out[i * 3 + 2] = b;
  }
  return { width, height, data: out };
}
