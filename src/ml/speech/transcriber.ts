import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { findExecutable } from '../executables.js';

export { findExecutable };

/**
 * Speech-to-text port and adapters. The app prefers the browser's own live transcript (edited by
 * the user); a server-side recogniser is the fallback for answers uploaded without one.
 * - TextTranscriber: typed or browser text passes through (no word timings).
 * - PocketsphinxTranscriber: Debian's `pocketsphinx_continuous` (CMU Sphinx 0.8, en-us model),
 *   word timings and posteriors from `-time yes`. About 25–35% WER on read speech.
 * - SherpaOnnxTranscriber: `sherpa-onnx-node` with a model directory supplied by the deployment
 *   (neither the package nor models ship with the project).
 */

export interface TranscriptWord {
  word: string;
  startMs: number;
  endMs: number;
  confidence?: number;
}

export type TranscriptSource = 'typed' | 'browser' | 'pocketsphinx' | 'sherpa-onnx';

export interface Transcript {
  text: string;
  words: TranscriptWord[];
  /** Mean word confidence 0–1 where the source gives one, else null. */
  confidence: number | null;
  source: TranscriptSource;
  /** The recogniser was unsure: ask the user to correct the transcript before scoring language. */
  lowConfidence: boolean;
}

export interface Transcriber {
  readonly name: string;
  /** `wav`: WAV bytes (any format ffmpeg/sox can read is converted) or a path to an audio file. */
  transcribe(wav: Buffer | string): Promise<Transcript>;
}

/** Mean word confidence under which a recognised transcript is marked low-confidence. */
export const LOW_CONFIDENCE_THRESHOLD = 0.6;

export class TranscriberUnavailableError extends Error {
  override readonly name = 'TranscriberUnavailableError';
}

// ---------------- typed / browser text ----------------

export class TextTranscriber implements Transcriber {
  readonly name: string;
  constructor(
    private readonly text: string,
    private readonly source: 'typed' | 'browser' = 'typed',
    /** Browser recognisers report a confidence per result; pass their mean if known. */
    private readonly confidence: number | null = null,
  ) {
    this.name = source;
  }

  transcribe(): Promise<Transcript> {
    const confidence = this.source === 'typed' ? 1 : this.confidence;
    return Promise.resolve({
      text: this.text.trim(),
      words: [],
      confidence,
      source: this.source,
      lowConfidence: confidence !== null && confidence < LOW_CONFIDENCE_THRESHOLD,
    });
  }
}

// ---------------- helpers ----------------

interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

function runProcess(cmd: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code });
    });
  });
}

/** True for a RIFF/WAVE PCM file that is 16 kHz, mono, 16-bit. */
export function isPcm16kMonoWav(bytes: Uint8Array): boolean {
  if (bytes.length < 44) return false;
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE') return false;
  // Find the fmt chunk (usually at 12, but not always).
  let off = 12;
  while (off + 8 <= b.length) {
    const id = b.toString('ascii', off, off + 4);
    const size = b.readUInt32LE(off + 4);
    if (id === 'fmt ') {
      const format = b.readUInt16LE(off + 8);
      const channels = b.readUInt16LE(off + 10);
      const rate = b.readUInt32LE(off + 12);
      const bits = b.readUInt16LE(off + 22);
      return (format === 1 || format === 0xfffe) && channels === 1 && rate === 16000 && bits === 16;
    }
    off += 8 + size + (size % 2);
  }
  return false;
}

/**
 * Makes a 16 kHz mono 16-bit WAV file from the input (bytes or path; .raw/.pcm files are taken as
 * 16 kHz mono s16le). Returns its path and a cleanup function.
 */
export async function toPcm16kWavFile(input: Buffer | string, timeoutMs = 60_000): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ii-stt-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const isPath = typeof input === 'string';
    const ext = isPath ? extname(input).toLowerCase() : '';
    const head = isPath ? await readFile(input) : input;
    if (ext !== '.raw' && ext !== '.pcm' && isPcm16kMonoWav(head)) {
      if (isPath) return { path: input, cleanup };
      const p = join(dir, 'in.wav');
      await writeFile(p, input);
      return { path: p, cleanup };
    }
    const src = isPath ? input : join(dir, 'in.bin');
    if (!isPath) await writeFile(src, input);
    const out = join(dir, 'audio.wav');
    if (ext === '.raw' || ext === '.pcm') {
      const sox = findExecutable('sox');
      if (sox) {
        await mustRun(sox, ['-t', 'raw', '-r', '16000', '-e', 'signed', '-b', '16', '-c', '1', src, out], timeoutMs);
      } else {
        const ffmpeg = requireTool('ffmpeg');
        await mustRun(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 's16le', '-ar', '16000', '-ac', '1', '-i', src, out], timeoutMs);
      }
      return { path: out, cleanup };
    }
    const ffmpeg = findExecutable('ffmpeg');
    if (ffmpeg) {
      await mustRun(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', '-i', src, '-ac', '1', '-ar', '16000', '-sample_fmt', 's16', '-f', 'wav', out], timeoutMs);
    } else {
      const sox = requireTool('sox');
      await mustRun(sox, [src, '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed', out], timeoutMs);
    }
    return { path: out, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

function requireTool(name: string): string {
  const p = findExecutable(name);
  if (!p) throw new TranscriberUnavailableError(`${name} is not installed (needed to convert audio to 16 kHz mono WAV)`);
  return p;
}

async function mustRun(cmd: string, args: string[], timeoutMs: number): Promise<RunResult> {
  const r = await runProcess(cmd, args, timeoutMs);
  if (r.code !== 0) throw new Error(`${cmd} exited with ${r.code}: ${r.stderr.trim().slice(0, 500)}`);
  return r;
}

function summarise(words: TranscriptWord[], source: TranscriptSource, threshold: number): Transcript {
  const withConf = words.filter((w) => typeof w.confidence === 'number');
  const confidence = withConf.length ? withConf.reduce((s, w) => s + w.confidence!, 0) / withConf.length : null;
  return {
    text: words.map((w) => w.word).join(' '),
    words,
    confidence: confidence === null ? null : Math.round(confidence * 1000) / 1000,
    source,
    lowConfidence: words.length === 0 || (confidence !== null && confidence < threshold),
  };
}

// ---------------- pocketsphinx ----------------

export interface PocketsphinxOptions {
  /** Executable name or path (default `pocketsphinx_continuous`). */
  binary?: string;
  /** Acoustic model, language model and dictionary; defaults are the Debian en-us model. */
  hmm?: string;
  lm?: string;
  dict?: string;
  /**
   * 'fast' (default: no second flat-lexicon pass, narrower search) or 'accurate' (decoder
   * defaults). Measured here on 5 × 60 s of LibriVox speech (773 words), two decoders at a time:
   * fast 20 s at 32.7% WER, accurate 45 s at 33.5%; on the five short clips alone (71 words) fast
   * is 3 words worse (42% vs 37%).
   */
  preset?: 'accurate' | 'fast';
  extraArgs?: string[];
  lowConfidenceThreshold?: number;
  timeoutMs?: number;
}

const FAST_ARGS = ['-fwdflat', 'no', '-maxhmmpf', '3000', '-pl_window', '5'];

/** Parses `pocketsphinx_continuous -time yes` output into words with timings and posteriors. */
export function parsePocketsphinxTimes(stdout: string): TranscriptWord[] {
  const words: TranscriptWord[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(line.trim());
    if (!m) continue;
    const token = m[1]!;
    if (/^<.*>$|^\[.*\]$|^\+\+.*\+\+$/.test(token)) continue; // <s>, </s>, <sil>, [NOISE], ++UH++
    words.push({
      word: token.replace(/\(\d+\)$/, ''), // alternate pronunciations: "was(2)"
      startMs: Math.round(Number(m[2]) * 1000),
      endMs: Math.round(Number(m[3]) * 1000),
      confidence: Number(m[4]),
    });
  }
  return words;
}

export class PocketsphinxTranscriber implements Transcriber {
  readonly name = 'pocketsphinx';
  constructor(private readonly opts: PocketsphinxOptions = {}) {}

  static isAvailable(binary = 'pocketsphinx_continuous'): boolean {
    return findExecutable(binary) !== null;
  }

  async transcribe(wav: Buffer | string): Promise<Transcript> {
    const binary = findExecutable(this.opts.binary ?? 'pocketsphinx_continuous');
    if (!binary) {
      throw new TranscriberUnavailableError('pocketsphinx_continuous is not installed (Debian: apt-get install pocketsphinx pocketsphinx-en-us)');
    }
    const timeoutMs = this.opts.timeoutMs ?? 300_000;
    const file = await toPcm16kWavFile(wav, timeoutMs);
    try {
      const args = ['-infile', file.path, '-logfn', '/dev/null', '-time', 'yes'];
      if (this.opts.hmm) args.push('-hmm', this.opts.hmm);
      if (this.opts.lm) args.push('-lm', this.opts.lm);
      if (this.opts.dict) args.push('-dict', this.opts.dict);
      if ((this.opts.preset ?? 'fast') === 'fast') args.push(...FAST_ARGS);
      args.push(...(this.opts.extraArgs ?? []));
      const r = await runProcess(binary, args, timeoutMs);
      if (r.code !== 0) throw new Error(`pocketsphinx_continuous exited with ${r.code}: ${r.stderr.trim().slice(0, 500)}`);
      return summarise(parsePocketsphinxTimes(r.stdout), 'pocketsphinx', this.opts.lowConfidenceThreshold ?? LOW_CONFIDENCE_THRESHOLD);
    } finally {
      await file.cleanup();
    }
  }
}

// ---------------- sherpa-onnx ----------------

export interface SherpaOnnxOptions {
  /** Directory of a sherpa-onnx offline model (transducer, whisper, paraformer or NeMo CTC). */
  modelDir: string;
  numThreads?: number;
  lowConfidenceThreshold?: number;
}

/** Minimal shape of the parts of `sherpa-onnx-node` used here (its documented offline API). */
interface SherpaModule {
  OfflineRecognizer: new (config: unknown) => {
    createStream(): { acceptWaveform(w: { sampleRate: number; samples: Float32Array }): void };
    decode(stream: unknown): void;
    getResult(stream: unknown): { text: string; tokens?: string[]; timestamps?: number[] };
  };
  readWave(path: string): { sampleRate: number; samples: Float32Array };
}

/** Builds the sherpa-onnx `modelConfig` from the files found in a model directory. */
export function sherpaModelConfig(modelDir: string): Record<string, unknown> {
  if (!existsSync(modelDir)) throw new TranscriberUnavailableError(`sherpa-onnx model directory not found: ${modelDir}`);
  const files = readdirSync(modelDir);
  const pick = (re: RegExp) => {
    const hits = files.filter((f) => re.test(f)).sort((a, b) => Number(b.includes('int8')) - Number(a.includes('int8')));
    return hits[0] ? join(modelDir, hits[0]) : undefined;
  };
  const tokens = pick(/tokens\.txt$/);
  if (!tokens) throw new TranscriberUnavailableError(`no tokens.txt in sherpa-onnx model directory ${modelDir}`);
  const encoder = pick(/encoder.*\.onnx$/);
  const decoder = pick(/decoder.*\.onnx$/);
  const joiner = pick(/joiner.*\.onnx$/);
  if (encoder && decoder && joiner) return { transducer: { encoder, decoder, joiner }, tokens };
  if (encoder && decoder) return { whisper: { encoder, decoder }, tokens };
  const model = pick(/^model.*\.onnx$/);
  if (model && /paraformer/i.test(modelDir)) return { paraformer: { model }, tokens };
  if (model) return { nemoCtc: { model }, tokens };
  throw new TranscriberUnavailableError(`unrecognised sherpa-onnx model layout in ${modelDir} (${files.join(', ')})`);
}

/** Groups BPE tokens ("▁hel", "lo") with start times (s) into words with timings. */
export function sherpaWords(tokens: string[], timestamps: number[], durationMs: number): TranscriptWord[] {
  const words: TranscriptWord[] = [];
  tokens.forEach((tok, i) => {
    const startMs = Math.round((timestamps[i] ?? 0) * 1000);
    const newWord = /^[▁\s]/.test(tok) || words.length === 0;
    const piece = tok.replace(/^[▁\s]+/, '');
    if (newWord) {
      if (!piece) return;
      words.push({ word: piece.toLowerCase(), startMs, endMs: startMs });
    } else {
      words[words.length - 1]!.word += piece.toLowerCase();
    }
  });
  words.forEach((w, i) => {
    w.endMs = i + 1 < words.length ? words[i + 1]!.startMs : Math.max(w.startMs, Math.round(durationMs));
  });
  return words;
}

export class SherpaOnnxTranscriber implements Transcriber {
  readonly name = 'sherpa-onnx';
  private recognizer: Promise<{ mod: SherpaModule; rec: InstanceType<SherpaModule['OfflineRecognizer']> }> | null = null;
  constructor(private readonly opts: SherpaOnnxOptions) {}

  private load() {
    this.recognizer ??= (async () => {
      const modelConfig = sherpaModelConfig(this.opts.modelDir);
      let mod: SherpaModule;
      try {
        const pkg = 'sherpa-onnx-node';
        const imported = (await import(pkg)) as { default?: SherpaModule } & SherpaModule;
        mod = imported.default ?? imported;
      } catch (err) {
        throw new TranscriberUnavailableError(
          `sherpa-onnx-node is not installed (npm install sherpa-onnx-node): ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      const rec = new mod.OfflineRecognizer({
        featConfig: { sampleRate: 16000, featureDim: 80 },
        modelConfig: { ...modelConfig, numThreads: this.opts.numThreads ?? 1, provider: 'cpu', debug: 0 },
      });
      return { mod, rec };
    })().catch((err: unknown) => {
      this.recognizer = null;
      throw err;
    });
    return this.recognizer;
  }

  async transcribe(wav: Buffer | string): Promise<Transcript> {
    const { mod, rec } = await this.load();
    const file = await toPcm16kWavFile(wav);
    try {
      const wave = mod.readWave(file.path);
      const stream = rec.createStream();
      stream.acceptWaveform({ sampleRate: wave.sampleRate, samples: wave.samples });
      rec.decode(stream);
      const result = rec.getResult(stream);
      const durationMs = (wave.samples.length / wave.sampleRate) * 1000;
      const words =
        result.tokens && result.timestamps && result.tokens.length === result.timestamps.length
          ? sherpaWords(result.tokens, result.timestamps, durationMs)
          : result.text.trim().split(/\s+/).filter(Boolean).map((w) => ({ word: w.toLowerCase(), startMs: 0, endMs: 0 }));
      // sherpa-onnx gives no word confidence: the transcript is not marked low-confidence on that basis.
      const t = summarise(words, 'sherpa-onnx', this.opts.lowConfidenceThreshold ?? LOW_CONFIDENCE_THRESHOLD);
      return { ...t, text: result.text.trim().toLowerCase() || t.text };
    } finally {
      await file.cleanup();
    }
  }
}

// ---------------- factory ----------------

export type TranscriberKind = 'typed' | 'browser' | 'pocketsphinx' | 'sherpa-onnx';

export interface CreateTranscriberOptions {
  /** For 'typed' / 'browser': the text. */
  text?: string;
  /** For 'browser': the recogniser's mean confidence, if reported. */
  confidence?: number | null;
  pocketsphinx?: PocketsphinxOptions;
  /** For 'sherpa-onnx': required. */
  sherpaModelDir?: string;
  numThreads?: number;
}

export function createTranscriber(kind: TranscriberKind, opts: CreateTranscriberOptions = {}): Transcriber {
  switch (kind) {
    case 'typed':
    case 'browser':
      return new TextTranscriber(opts.text ?? '', kind, opts.confidence ?? null);
    case 'pocketsphinx':
      return new PocketsphinxTranscriber(opts.pocketsphinx);
    case 'sherpa-onnx':
      if (!opts.sherpaModelDir) throw new TranscriberUnavailableError('sherpa-onnx needs a model directory (sherpaModelDir)');
      return new SherpaOnnxTranscriber({ modelDir: opts.sherpaModelDir, numThreads: opts.numThreads });
  }
}
