import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeWav } from './audio.js';
import { discoverSttItems, wordErrorRate } from './eval-stt.js';
import {
  createTranscriber,
  findExecutable,
  isPcm16kMonoWav,
  parsePocketsphinxTimes,
  PocketsphinxTranscriber,
  SherpaOnnxTranscriber,
  sherpaModelConfig,
  sherpaWords,
  TextTranscriber,
  TranscriberUnavailableError,
} from './transcriber.js';

describe('TextTranscriber', () => {
  it('passes typed text through with full confidence and no timings', async () => {
    const t = await new TextTranscriber('  I built a cache.  ').transcribe();
    expect(t).toEqual({ text: 'I built a cache.', words: [], confidence: 1, source: 'typed', lowConfidence: false });
  });
  it('marks a browser transcript low-confidence from the recogniser confidence', async () => {
    expect((await createTranscriber('browser', { text: 'hello', confidence: 0.4 }).transcribe(Buffer.alloc(0))).lowConfidence).toBe(true);
    expect((await createTranscriber('browser', { text: 'hello', confidence: 0.9 }).transcribe(Buffer.alloc(0))).lowConfidence).toBe(false);
    expect((await createTranscriber('browser', { text: 'hello' }).transcribe(Buffer.alloc(0))).confidence).toBeNull();
  });
});

describe('parsePocketsphinxTimes', () => {
  it('parses -time yes output, dropping markers and alternate-pronunciation suffixes', () => {
    const out = [
      'he was not an illness those young man',
      '<s> 0.000 0.060 0.999500',
      '<sil> 0.070 0.200 0.694306',
      'he 0.210 0.320 0.998701',
      'was(2) 0.330 0.540 0.999800',
      '[SPEECH] 0.980 1.100 0.535598',
      'an(2) 1.110 1.290 0.472940',
      '</s> 2.800 2.970 1.000000',
    ].join('\n');
    expect(parsePocketsphinxTimes(out)).toEqual([
      { word: 'he', startMs: 210, endMs: 320, confidence: 0.998701 },
      { word: 'was', startMs: 330, endMs: 540, confidence: 0.9998 },
      { word: 'an', startMs: 1110, endMs: 1290, confidence: 0.47294 },
    ]);
  });
});

describe('isPcm16kMonoWav', () => {
  it('recognises the format pocketsphinx needs', () => {
    expect(isPcm16kMonoWav(encodeWav(new Float32Array(1600), 16000))).toBe(true);
    expect(isPcm16kMonoWav(encodeWav(new Float32Array(4410), 44100))).toBe(false);
    expect(isPcm16kMonoWav(Buffer.from('not a wav file at all, just some text to fill 44 bytes'))).toBe(false);
  });
});

describe('SherpaOnnxTranscriber', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sherpa-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('needs a model directory', () => {
    expect(() => createTranscriber('sherpa-onnx')).toThrow(TranscriberUnavailableError);
    expect(() => sherpaModelConfig(join(dir, 'missing'))).toThrow(/model directory not found/);
  });

  it('recognises model layouts', () => {
    for (const f of ['encoder-epoch-99-avg-1.onnx', 'encoder-epoch-99-avg-1.int8.onnx', 'decoder-epoch-99-avg-1.onnx', 'joiner-epoch-99-avg-1.onnx', 'tokens.txt']) writeFileSync(join(dir, f), '');
    expect(sherpaModelConfig(dir)).toEqual({
      transducer: { encoder: join(dir, 'encoder-epoch-99-avg-1.int8.onnx'), decoder: join(dir, 'decoder-epoch-99-avg-1.onnx'), joiner: join(dir, 'joiner-epoch-99-avg-1.onnx') },
      tokens: join(dir, 'tokens.txt'),
    });
  });

  it('fails with a clear error when sherpa-onnx-node is not installed', async () => {
    const t = new SherpaOnnxTranscriber({ modelDir: dir });
    await expect(t.transcribe(Buffer.from(encodeWav(new Float32Array(1600), 16000)))).rejects.toThrow(/sherpa-onnx-node is not installed/);
  });

  it('groups BPE tokens into timed words', () => {
    expect(sherpaWords(['▁HE', '▁WAS', '▁N', 'OT'], [0.2, 0.4, 0.6, 0.7], 1200)).toEqual([
      { word: 'he', startMs: 200, endMs: 400 },
      { word: 'was', startMs: 400, endMs: 600 },
      { word: 'not', startMs: 600, endMs: 1200 },
    ]);
  });
});

// ---- real speech: pocketsphinx on the LibriVox clips from Debian's pocketsphinx-testdata ----
const TESTDATA = '/usr/share/pocketsphinx/test/data';
const LIBRIVOX = join(TESTDATA, 'librivox');
const havePs = findExecutable('pocketsphinx_continuous') !== null;
const haveData = existsSync(join(LIBRIVOX, 'transcription'));
const skipReason = !havePs ? ' (skipped: pocketsphinx_continuous not installed)' : !haveData ? ' (skipped: pocketsphinx-testdata not installed)' : '';
/**
 * Measured here over the 5 LibriVox clips (71 words): 36.6% WER with the 'accurate' preset, 42.3%
 * with the default 'fast' preset. The bounds leave about 8 points of margin.
 */
const WER_BOUND = { accurate: 0.45, fast: 0.5 } as const;

describe.skipIf(!havePs || !haveData)(`pocketsphinx on LibriVox speech${skipReason}`, () => {
  it.each(['accurate', 'fast'] as const)('%s: transcribes real read speech below the measured WER bound, with monotone word timings', async (preset) => {
    const items = discoverSttItems(LIBRIVOX);
    expect(items).toHaveLength(5);
    const ps = new PocketsphinxTranscriber({ preset });
    let errors = 0;
    let words = 0;
    for (const item of items) {
      const t = await ps.transcribe(item.audio);
      expect(t.source).toBe('pocketsphinx');
      expect(t.words.length).toBeGreaterThan(3);
      expect(t.confidence).toBeGreaterThan(0);
      for (let i = 0; i < t.words.length; i++) {
        const w = t.words[i]!;
        expect(w.endMs).toBeGreaterThanOrEqual(w.startMs);
        if (i > 0) expect(w.startMs).toBeGreaterThanOrEqual(t.words[i - 1]!.endMs);
      }
      const n = item.reference.split(/\s+/).filter(Boolean).length;
      errors += wordErrorRate(item.reference, t.text) * n;
      words += n;
    }
    expect(errors / words).toBeLessThan(WER_BOUND[preset]);
  }, 120_000);

  it('converts other formats (44.1 kHz stereo WAV bytes) before recognition', async () => {
    const sox = findExecutable('sox');
    if (!sox) return;
    const dir = mkdtempSync(join(tmpdir(), 'ps-conv-'));
    try {
      const src = join(LIBRIVOX, 'sense_and_sensibility_01_austen_64kb-0880.wav');
      const converted = join(dir, 'stereo.wav');
      execFileSync(sox, [src, '-r', '44100', '-c', '2', converted]);
      const bytes = readFileSync(converted);
      expect(isPcm16kMonoWav(bytes)).toBe(false);
      const t = await new PocketsphinxTranscriber().transcribe(bytes);
      expect(wordErrorRate('he was not an ill disposed young man', t.text)).toBeLessThan(0.5);
      const last = t.words[t.words.length - 1]!;
      expect(last.endMs).toBeLessThanOrEqual(3000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
