import { describe, expect, it } from 'vitest';
import { analyzeVocabulary, MATTR_WINDOW, movingAverageTtr, overusedWords } from './vocabulary.js';

describe('movingAverageTtr', () => {
  it('is plain TTR below the window and null for no words', () => {
    expect(movingAverageTtr([])).toBeNull();
    expect(movingAverageTtr(['a', 'b', 'a', 'b'])).toBe(0.5);
  });
  it('averages TTR over every 50-word window', () => {
    const distinct = Array.from({ length: 100 }, (_, i) => `w${i}`);
    expect(movingAverageTtr(distinct)).toBe(1);
    const repetitive = Array.from({ length: 100 }, (_, i) => `w${i % 10}`);
    expect(movingAverageTtr(repetitive)).toBeCloseTo(10 / MATTR_WINDOW, 10);
    // Unlike TTR, MATTR does not fall just because the text is longer.
    const cyc = (n: number) => Array.from({ length: n }, (_, i) => `w${i % 40}`);
    expect(movingAverageTtr(cyc(200))).toBeCloseTo(movingAverageTtr(cyc(400))!, 2);
  });
  it('brute-force check on a small window', () => {
    const words = 'a b c a b d e a f a'.split(' ');
    let sum = 0;
    for (let i = 0; i + 4 <= words.length; i++) sum += new Set(words.slice(i, i + 4)).size / 4;
    expect(movingAverageTtr(words, 4)).toBeCloseTo(sum / (words.length - 3), 12);
  });
});

describe('overusedWords', () => {
  it('groups forms by stem, ignores stop words and fillers', () => {
    const text = 'We optimised the query. The optimisation helped, and optimising more helped again. So basically the the the query was fast.';
    const o = overusedWords(text);
    // "optimised/optimisation/optimising" share a stem (3 uses); "helped" and "query" (2 uses) are below the bar.
    expect(o).toEqual([{ word: 'optimisation', count: 3, per100Words: 15 }]);
    expect(o.some((x) => ['the', 'so', 'basically'].includes(x.word))).toBe(false);
  });
  it('never counts words of the question as overused', () => {
    const answer = 'A router works at the network layer. A switch works at the data link layer. Each layer serves the layer above, and each router routes.';
    expect(analyzeVocabulary(answer).overused.map((o) => o.word)).toContain('layer');
    expect(analyzeVocabulary(answer, 'Explain the OSI model. At which layers do routers and switches work?').overused.map((o) => o.word)).not.toContain('layer');
  });
  it('analyzeVocabulary summarises', () => {
    const v = analyzeVocabulary('I built it. I tested it. I shipped it.');
    expect(v).toMatchObject({ wordCount: 9, uniqueWords: 5, shortText: true });
    expect(v.mattr).toBeCloseTo(5 / 9);
  });
});
