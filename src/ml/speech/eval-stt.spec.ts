import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { discoverSttItems, normalizeForWer, run, wordEditCounts, wordErrorRate } from './eval-stt.js';
import { findExecutable } from './transcriber.js';

describe('wordErrorRate', () => {
  it('is 0 for identical text after case and punctuation normalisation', () => {
    expect(wordErrorRate('Hello, World!', 'hello world')).toBe(0);
    expect(wordErrorRate("<s> I don't know </s>", "i don't know")).toBe(0);
  });
  it('counts substitutions, deletions and insertions over reference words', () => {
    expect(wordErrorRate('the cat sat on the mat', 'the cat sit on mat')).toBeCloseTo(2 / 6);
    expect(wordErrorRate('a b c', 'a x b c d')).toBeCloseTo(2 / 3);
    expect(wordErrorRate('a b c', '')).toBe(1);
    expect(wordErrorRate('a', 'b c d')).toBe(3); // can exceed 1
    expect(wordErrorRate('', '')).toBe(0);
    expect(wordErrorRate('', 'a b')).toBe(2);
  });
  it('reports the kinds of errors', () => {
    expect(wordEditCounts(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'])).toEqual({ distance: 2, substitutions: 1, deletions: 0, insertions: 1 });
    expect(wordEditCounts(['a', 'b', 'c'], ['a', 'c'])).toEqual({ distance: 1, substitutions: 0, deletions: 1, insertions: 0 });
  });
  it('normalises typographic apostrophes and hyphens', () => {
    expect(normalizeForWer('Cold-hearted, isn’t it?')).toEqual(['cold', 'hearted', "isn't", 'it']);
  });
});

describe('discoverSttItems', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stt-items-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('finds same-named .txt, LibriSpeech *.trans.txt and Sphinx transcription files', () => {
    writeFileSync(join(dir, 'a.wav'), '');
    writeFileSync(join(dir, 'a.txt'), 'Hello there.\n');
    mkdirSync(join(dir, '84', '121'), { recursive: true });
    writeFileSync(join(dir, '84', '121', '84-121-0000.flac'), '');
    writeFileSync(join(dir, '84', '121', '84-121.trans.txt'), '84-121-0000 GO DO YOU HEAR\n');
    mkdirSync(join(dir, 'sphinx'));
    writeFileSync(join(dir, 'sphinx', 'x1.wav'), '');
    writeFileSync(join(dir, 'sphinx', 'transcription'), '<s> ten of clubs </s> (x1)\n');
    writeFileSync(join(dir, 'orphan.wav'), '');
    const items = discoverSttItems(dir).map((i) => [i.audio.slice(dir.length + 1), i.reference]);
    expect(items).toEqual([
      ['84/121/84-121-0000.flac', 'GO DO YOU HEAR'],
      ['a.wav', 'Hello there.'],
      ['sphinx/x1.wav', 'ten of clubs'],
    ]);
  });
});

const DATA = '/usr/share/pocketsphinx/test/data';
const canRun = !!findExecutable('pocketsphinx_continuous') && !!findExecutable('sox') && existsSync(join(DATA, 'goforward.raw'));
describe.skipIf(!canRun)(`eval:stt run()${canRun ? '' : ' (skipped: needs pocketsphinx_continuous, sox and pocketsphinx-testdata)'}`, () => {
  it('reads .flac and .raw with .txt references and prints per-file and overall WER and RTF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stt-run-'));
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
    try {
      execFileSync(findExecutable('sox')!, [join(DATA, 'librivox/sense_and_sensibility_01_austen_64kb-0880.wav'), join(dir, 'clip.flac')]);
      writeFileSync(join(dir, 'clip.txt'), 'He was not an ill-disposed young man.');
      copyFileSync(join(DATA, 'goforward.raw'), join(dir, 'goforward.raw'));
      writeFileSync(join(dir, 'goforward.txt'), 'go forward ten meters');
      await run([dir]);
    } finally {
      log.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
    const out = lines.join('\n');
    expect(out).toMatch(/clip\.flac\s+3\.0\s+8\s+[\d.]+%/);
    expect(out).toMatch(/goforward\.raw\s+2\.8\s+4\s+0\.0%/); // "go forward ten meters" is recognised exactly
    expect(out).toMatch(/overall: WER [\d.]+% over 12 words, RTF [\d.]+/);
  }, 60_000);
});
