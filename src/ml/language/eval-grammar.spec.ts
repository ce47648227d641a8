import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { alignEdits, charSpanToTokens, detokenize, editTokens, evaluateGrammarFiles, fBeta, scoreDetection } from './eval-grammar.js';

const toks = (s: string) => s.split(' ');

describe('alignEdits', () => {
  it('finds substitutions, deletions and insertions as source token ranges', () => {
    expect(alignEdits(toks('he go to school'), toks('he goes to school'))).toEqual([{ start: 1, end: 2 }]);
    expect(alignEdits(toks('I went to the the shop'), toks('I went to the shop'))).toEqual([{ start: 3, end: 4 }]);
    expect(alignEdits(toks('I went to shop'), toks('I went to the shop'))).toEqual([{ start: 3, end: 3 }]);
    expect(alignEdits(toks('a b c'), toks('a b c'))).toEqual([]);
    // adjacent changes merge into one edit
    expect(alignEdits(toks('there is many reason'), toks('there are many reasons'))).toEqual([{ start: 1, end: 2 }, { start: 3, end: 4 }]);
    expect(alignEdits(toks('x y z'), toks('p q z'))).toEqual([{ start: 0, end: 2 }]);
  });
  it('an insertion touches the tokens on both sides', () => {
    expect(editTokens({ start: 3, end: 3 }, 5)).toEqual([2, 3]);
    expect(editTokens({ start: 0, end: 0 }, 5)).toEqual([0]);
    expect(editTokens({ start: 5, end: 5 }, 5)).toEqual([4]);
    expect(editTokens({ start: 1, end: 3 }, 5)).toEqual([1, 2]);
  });
});

describe('detokenize / charSpanToTokens', () => {
  it('joins tokenised text and keeps token spans', () => {
    const { text, spans } = detokenize(toks('I do n\'t know , he said ( really ) .'));
    expect(text).toBe("I don't know, he said (really).");
    expect(spans.map(([a, b]) => text.slice(a, b))).toEqual(['I', 'do', "n't", 'know', ',', 'he', 'said', '(', 'really', ')', '.']);
  });
  it('maps character spans to token ranges', () => {
    const { spans } = detokenize(toks('he go to school'));
    expect(charSpanToTokens({ start: 3, end: 5 }, spans)).toEqual([1, 2]);
    expect(charSpanToTokens({ start: 0, end: 5 }, spans)).toEqual([0, 2]);
    expect(charSpanToTokens({ start: 5, end: 5 }, spans)).toEqual([2, 3]); // zero-width: next token
  });
});

describe('scoreDetection', () => {
  const src = toks('he go to school');
  const ref = toks('he goes to school');
  it('scores a correct flag, a false alarm and a miss', () => {
    const s = scoreDetection([
      { source: src, references: [ref], flagged: [[1, 2]] }, // hit
      { source: toks('it is fine'), references: [toks('it is fine')], flagged: [[0, 1]] }, // false alarm on a correct sentence
      { source: src, references: [ref], flagged: [] }, // miss
    ]);
    expect(s.erroneousSentences).toBe(2);
    expect(s.flaggedSentences).toBe(2);
    expect(s.sentence).toMatchObject({ precision: 0.5, recall: 0.5, tp: 1 });
    expect(s.spans).toBe(2);
    expect(s.span.correctSpans).toBe(1);
    expect(s.span.precision).toBe(0.5);
    expect(s.span.recall).toBe(0.5); // 1 of 2 edits of the single reference hit
    expect(s.span.f05).toBeCloseTo(0.5);
  });
  it('a sentence equal to one reference is not erroneous; spans may still hit another reference\'s edit', () => {
    const s = scoreDetection([{ source: toks('a b c'), references: [toks('a b c'), toks('a x c')], flagged: [[1, 2]] }]);
    expect(s.erroneousSentences).toBe(0);
    expect(s.span.precision).toBe(1);
    expect(s.span.recall).toBe(1); // only ref 1 has edits, and it is hit
  });
  it('F0.5 weighs precision twice as much as recall', () => {
    expect(fBeta(1, 0.5)).toBeCloseTo(0.8333, 4);
    expect(fBeta(0.5, 1)).toBeCloseTo(0.5556, 4);
    expect(fBeta(0, 0)).toBe(0);
  });
});

const JFLEG = process.env.JFLEG_DIR ?? join(fileURLToPath(new URL('.', import.meta.url)), '../../../../shared/data/jfleg-dev');
const haveJfleg = existsSync(join(JFLEG, 'dev.src'));

describe.skipIf(!haveJfleg)(`JFLEG dev${haveJfleg ? '' : ` (skipped: no data at ${JFLEG}; set JFLEG_DIR)`}`, () => {
  it('span precision ≥ 0.6, and the project checker is no worse than plain harper', async () => {
    const refs = [0, 1, 2, 3].map((k) => join(JFLEG, `dev.ref${k}`));
    const report = await evaluateGrammarFiles(join(JFLEG, 'dev.src'), refs, { dialect: 'american' });
    const { plain, project, projectErrors } = report;
    expect(report.sentences).toBe(754);
    expect(project.scores.span.precision).toBeGreaterThanOrEqual(0.6);
    expect(projectErrors.scores.span.precision).toBeGreaterThanOrEqual(0.6);
    expect(project.scores.span.recall).toBeGreaterThanOrEqual(plain.scores.span.recall);
    expect(project.scores.span.f05).toBeGreaterThanOrEqual(plain.scores.span.f05);
    expect(project.scores.sentence.f05).toBeGreaterThanOrEqual(plain.scores.sentence.f05);
    // Every project rule that fires on JFLEG is right more often than not.
    for (const [rule, e] of project.byRule) if (rule.startsWith('project:') && e.spans >= 3) expect(e.correct / e.spans, rule).toBeGreaterThan(0.5);
  }, 120_000);
});
