import { readFileSync } from 'node:fs';
import { YIN } from 'pitchfinder';
import wavefile from 'wavefile';

/**
 * Delivery measurements from a recorded answer: voiced/silent segmentation by frame energy
 * against the recording's own noise floor, speech onset (→ reaction time), long pauses, speaking
 * time, loudness (RMS dBFS, unwindowed: a 0.5-amplitude sine reads −9.03 dBFS) and its steadiness,
 * and pitch (YIN) median and variation in semitones.
 */

export const FRAME_MS = 20;
/** Silences shorter than this inside speech are gaps between words, not pauses. */
export const MIN_PAUSE_MS = 250;
/** Voiced runs shorter than this are clicks or breaths. */
export const MIN_SEGMENT_MS = 100;
/** A pause longer than this (strictly) is a "long pause". */
export const LONG_PAUSE_MS = 2000;
/** Voiced = at least this far above the noise floor (10th percentile of frame levels)… */
export const VOICED_ABOVE_FLOOR_DB = 12;
/** …but never more than this below the loud (95th percentile) frames, so a steady tone still counts… */
export const VOICED_BELOW_PEAK_DB = 20;
/** …and never quieter than this absolute level. */
export const VOICED_MIN_DBFS = -60;
/** Audio whose loud frames stay below this level, or with under 300 ms of voice, is near-silent. */
export const NEAR_SILENT_DBFS = -50;
export const NEAR_SILENT_MIN_VOICED_MS = 300;
/** Pitch range accepted from YIN (human voice). */
export const PITCH_MIN_HZ = 60;
export const PITCH_MAX_HZ = 500;
/** Pitch standard deviation below which speech is flagged as monotone (semitones). */
export const MONOTONE_MAX_SEMITONES = 1.5;
/** Pitched frames needed before pitch statistics are reported. */
export const MIN_PITCHED_FRAMES = 20;

export interface DecodedAudio {
  samples: Float32Array;
  sampleRate: number;
}

export interface Segment {
  startMs: number;
  endMs: number;
}

export interface AudioMetrics {
  durationMs: number;
  sampleRate: number;
  /** Start of the first voiced segment (reaction time when recording starts as the question is shown). */
  speechOnsetMs: number | null;
  speakingTimeMs: number;
  voicedSegments: Segment[];
  longPauses: Array<Segment & { durationMs: number }>;
  longPauseCount: number;
  /** RMS level over voiced frames (dBFS, no window). */
  rmsDbfs: number | null;
  /** Standard deviation of voiced frame levels (dB): low = steady volume. */
  loudnessStdDb: number | null;
  noiseFloorDbfs: number;
  voicedThresholdDbfs: number;
  pitch: {
    medianHz: number | null;
    /** Standard deviation of pitch around the median, in semitones. */
    variationSemitones: number | null;
    pitchedFrames: number;
    monotone: boolean | null;
  };
  nearSilent: boolean;
}

/** Decodes a WAV (any PCM/float bit depth, any channel count → mono) into samples in [-1, 1]. */
export function readWav(input: Buffer | Uint8Array | string): DecodedAudio {
  const bytes = typeof input === 'string' ? readFileSync(input) : input;
  const wav = new wavefile.WaveFile();
  // Headers only: with samples, wavefile copies the whole data chunk, which the common case below
  // reads in place.
  wav.fromBuffer(bytes, false);
  const fmt = wav.fmt as { sampleRate: number; numChannels: number; audioFormat: number };
  const bitDepth = wav.bitDepth;
  const data = bitDepth === '16' && fmt.audioFormat === 1 ? riffDataChunk(bytes) : undefined;
  if (data) return { samples: pcm16ToMono(data, fmt.numChannels), sampleRate: fmt.sampleRate };
  wav.fromBuffer(bytes);
  const raw = wav.getSamples(false, Float64Array) as unknown as Float64Array | Float64Array[];
  const channels: Float64Array[] = Array.isArray(raw) ? raw : [raw];
  const n = channels[0]?.length ?? 0;
  let scale = 1;
  let offset = 0;
  if (bitDepth === '8') {
    scale = 1 / 128;
    offset = -128;
  } else if (/^\d+$/.test(bitDepth) && bitDepth !== '32f' && bitDepth !== '64') {
    scale = 1 / 2 ** (Number(bitDepth) - 1);
  }
  const samples = new Float32Array(n);
  for (const ch of channels) for (let i = 0; i < n; i++) samples[i]! += ((ch[i]! + offset) * scale) / channels.length;
  return { samples, sampleRate: fmt.sampleRate };
}

/**
 * The first "data" chunk of a little-endian RIFF/WAVE file, as a view (clipped to the bytes
 * present, as wavefile clips it); undefined for RIFX and RF64 files, which wavefile reads.
 */
function riffDataChunk(bytes: Uint8Array): Uint8Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const id = (at: number) => String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
  if (bytes.byteLength < 12 || id(0) !== 'RIFF' || id(8) !== 'WAVE') return undefined;
  for (let at = 12; at + 8 <= bytes.byteLength;) {
    const size = view.getUint32(at + 4, true);
    if (id(at) === 'data') return bytes.subarray(at + 8, Math.min(bytes.byteLength, at + 8 + size));
    at += 8 + size + (size % 2);
  }
  throw new Error('Could not find the "data" chunk');
}

/**
 * The common case (what browsers and ffmpeg produce) read straight from the data chunk, with the
 * same arithmetic as the general path below: wavefile's getSamples would first unpack every
 * sample into a Float64Array per channel (7.7 MB for a 60 s answer), garbage that a language
 * worker keeps until V8's next full collection.
 */
function pcm16ToMono(bytes: Uint8Array, channels: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Math.floor(bytes.byteLength / 2 / channels);
  const samples = new Float32Array(n);
  const scale = 1 / 2 ** 15;
  for (let c = 0; c < channels; c++)
    for (let i = 0; i < n; i++) samples[i]! += (view.getInt16((i * channels + c) * 2, true) * scale) / channels;
  return samples;
}

/** 16-bit PCM mono WAV bytes from samples in [-1, 1] (for tests and tools). */
export function encodeWav(samples: Float32Array | number[], sampleRate: number): Uint8Array {
  const ints = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) ints[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32767)));
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, sampleRate, '16', ints);
  return wav.toBuffer();
}

function db(meanSquare: number): number {
  return 10 * Math.log10(meanSquare + 1e-12);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.round((p / 100) * (sorted.length - 1))));
  return sorted[idx]!;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function analyzeAudio(samples: Float32Array, sampleRate: number): AudioMetrics {
  const frameLen = Math.max(1, Math.round((sampleRate * FRAME_MS) / 1000));
  const frameCount = Math.floor(samples.length / frameLen);
  const durationMs = (samples.length / sampleRate) * 1000;
  const frameSq = new Float64Array(frameCount);
  const frameDb = new Float64Array(frameCount);
  for (let f = 0; f < frameCount; f++) {
    let sum = 0;
    for (let i = f * frameLen, end = i + frameLen; i < end; i++) sum += samples[i]! * samples[i]!;
    frameSq[f] = sum / frameLen;
    frameDb[f] = db(frameSq[f]!);
  }
  const sortedDb = Array.from(frameDb).sort((a, b) => a - b);
  const noiseFloor = frameCount ? percentile(sortedDb, 10) : -120;
  const loud = frameCount ? percentile(sortedDb, 95) : -120;
  const threshold = Math.max(VOICED_MIN_DBFS, Math.min(noiseFloor + VOICED_ABOVE_FLOOR_DB, loud - VOICED_BELOW_PEAK_DB));

  // Voiced runs of frames → segments; close short gaps, then drop short blips.
  let runs: Array<[number, number]> = [];
  for (let f = 0; f < frameCount; f++) {
    if (frameDb[f]! < threshold) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === f) last[1] = f + 1;
    else runs.push([f, f + 1]);
  }
  const minGap = Math.ceil(MIN_PAUSE_MS / FRAME_MS);
  const merged: Array<[number, number]> = [];
  for (const r of runs) {
    const last = merged[merged.length - 1];
    if (last && r[0] - last[1] < minGap) last[1] = r[1];
    else merged.push([r[0], r[1]]);
  }
  runs = merged.filter(([a, b]) => (b - a) * FRAME_MS >= MIN_SEGMENT_MS);
  const toMs = (frame: number) => (frame * frameLen * 1000) / sampleRate;
  const voicedSegments = runs.map(([a, b]) => ({ startMs: toMs(a), endMs: toMs(b) }));
  const longPauses: AudioMetrics['longPauses'] = [];
  for (let k = 1; k < voicedSegments.length; k++) {
    const startMs = voicedSegments[k - 1]!.endMs;
    const endMs = voicedSegments[k]!.startMs;
    if (endMs - startMs > LONG_PAUSE_MS) longPauses.push({ startMs, endMs, durationMs: endMs - startMs });
  }
  const speakingTimeMs = voicedSegments.reduce((s, x) => s + x.endMs - x.startMs, 0);

  // Loudness over voiced frames (frames inside segments that are above the threshold).
  const voicedFrames: number[] = [];
  for (const [a, b] of runs) for (let f = a; f < b; f++) if (frameDb[f]! >= threshold) voicedFrames.push(f);
  let rmsDbfs: number | null = null;
  let loudnessStdDb: number | null = null;
  if (voicedFrames.length) {
    const meanSq = voicedFrames.reduce((s, f) => s + frameSq[f]!, 0) / voicedFrames.length;
    rmsDbfs = db(meanSq);
    const levels = voicedFrames.map((f) => frameDb[f]!);
    const mean = levels.reduce((s, x) => s + x, 0) / levels.length;
    loudnessStdDb = Math.sqrt(levels.reduce((s, x) => s + (x - mean) ** 2, 0) / levels.length);
  }

  // Pitch: YIN on ~8 kHz audio (voice F0 < 500 Hz; 4× cheaper than at 16 kHz), on a window of
  // 2^k + 1 samples (pitchfinder analyses the largest power of two below the buffer length) centred
  // on every other voiced frame.
  const factor = Math.max(1, Math.floor(sampleRate / 8000));
  const pitchRate = sampleRate / factor;
  const low = factor === 1 ? samples : new Float32Array(Math.floor(samples.length / factor));
  if (factor > 1) {
    for (let i = 0; i < low.length; i++) {
      let sum = 0;
      for (let k = 0; k < factor; k++) sum += samples[i * factor + k]!;
      low[i] = sum / factor;
    }
  }
  let pow = 1;
  while (pow < pitchRate * 0.032) pow *= 2;
  const win = pow + 1;
  const detect = YIN({ sampleRate: pitchRate, threshold: 0.15 });
  const pitches: number[] = [];
  // pitchfinder's YIN seeds its cumulative mean with 1, which makes it scale-dependent: quiet
  // windows read as ~sampleRate/2. Each window is scaled to an RMS of 0.5 first.
  const buf = new Float32Array(win);
  for (let k = 0; k < voicedFrames.length && low.length >= win; k += 2) {
    const centre = Math.round((voicedFrames[k]! * frameLen + (frameLen >> 1)) / factor);
    const start = Math.max(0, Math.min(low.length - win, centre - (win >> 1)));
    let sq = 0;
    for (let i = 0; i < win; i++) sq += low[start + i]! * low[start + i]!;
    const rms = Math.sqrt(sq / win);
    if (rms < 1e-6) continue;
    for (let i = 0; i < win; i++) buf[i] = (low[start + i]! * 0.5) / rms;
    const hz = detect(buf);
    if (hz && hz >= PITCH_MIN_HZ && hz <= PITCH_MAX_HZ) pitches.push(hz);
  }
  let medianHz: number | null = null;
  let variationSemitones: number | null = null;
  if (pitches.length >= MIN_PITCHED_FRAMES) {
    medianHz = median(pitches);
    // Octave errors of the tracker (> 1 octave from the median) are dropped before the spread.
    const st = pitches.map((p) => 12 * Math.log2(p / medianHz!)).filter((x) => Math.abs(x) <= 12);
    const mean = st.reduce((s, x) => s + x, 0) / st.length;
    variationSemitones = Math.sqrt(st.reduce((s, x) => s + (x - mean) ** 2, 0) / st.length);
  }

  const nearSilent = loud < NEAR_SILENT_DBFS || speakingTimeMs < NEAR_SILENT_MIN_VOICED_MS;
  return {
    durationMs,
    sampleRate,
    speechOnsetMs: voicedSegments[0]?.startMs ?? null,
    speakingTimeMs,
    voicedSegments,
    longPauses,
    longPauseCount: longPauses.length,
    rmsDbfs,
    loudnessStdDb,
    noiseFloorDbfs: noiseFloor,
    voicedThresholdDbfs: threshold,
    pitch: {
      medianHz,
      variationSemitones,
      pitchedFrames: pitches.length,
      monotone: variationSemitones === null ? null : variationSemitones < MONOTONE_MAX_SEMITONES,
    },
    nearSilent,
  };
}

/** Reads a WAV (bytes or path) and analyses it. */
export function analyzeWav(input: Buffer | Uint8Array | string): AudioMetrics {
  const { samples, sampleRate } = readWav(input);
  return analyzeAudio(samples, sampleRate);
}
