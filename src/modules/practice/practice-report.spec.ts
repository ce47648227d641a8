import { describe, expect, it } from 'vitest';
import { answerReport, cameraView, highlight, storedResult } from './practice-report.js';
import { pickQuestions } from './practice.service.js';

describe('highlight', () => {
  it('escapes everything and wraps marked spans with a note for screen readers', () => {
    const html = highlight('a <b> um c', [{ start: 6, end: 8, kind: 'filler', note: 'filler "um"' }]);
    expect(html).toBe('a &lt;b&gt; <mark class="mark-filler">um<span class="visually-hidden"> (filler &quot;um&quot;)</span></mark> c');
  });

  it('gives a filler said in the recording its time, for the report to play it from', () => {
    const html = highlight('so um yes', [{ start: 3, end: 5, kind: 'filler', note: 'filler', seekMs: 1234.4 }]);
    expect(html).toBe('so <mark class="mark-filler" data-seek-ms="1234">um<span class="visually-hidden"> (filler)</span></mark> yes');
  });

  it('keeps the first of overlapping marks and ignores spans outside the text', () => {
    const html = highlight('one two three', [
      { start: 4, end: 13, kind: 'grammar', note: 'x' },
      { start: 8, end: 13, kind: 'filler', note: 'y' },
      { start: 10, end: 99, kind: 'hint', note: 'z' },
    ]);
    expect(html).toBe('one <mark class="mark-grammar">two three<span class="visually-hidden"> (x)</span></mark>');
  });
});

describe('answerReport', () => {
  it('shows an unscored answer with its state and no scores', () => {
    const view = answerReport({ position: 2, questionText: 'Q?', state: 'queued', answerText: 'My <answer>', error: null, result: null });
    expect(view).toMatchObject({ position: 2, stateLabel: 'Being scored…', overall: null, overallBand: 'Not enough evidence', components: [] });
    expect(view.answerHtml).toBe('My &lt;answer&gt;');
  });

  it('writes measured values with their units as the targets are written, and leaves out what was not measured', () => {
    const component = (measurements: object[]) => ({ score: 80, evidence: 'ok', explanation: 'ok', measurements });
    const result = {
      overall: { score: 80, explanation: '', weights: { content: 100 } },
      transcript: { text: 'An answer.' },
      fillers: [],
      grammarIssues: [],
      metrics: { wordCount: 2, relevance: { missingKeywords: [], coveredKeyPoints: [], missingKeyPoints: [] } },
      components: {
        content: component([
          { label: 'Keywords covered', value: 100, unit: '%', target: '≥ 60%' },
          { label: 'Relevance', value: 0.354, target: '≥ 0.3' },
        ]),
        delivery: component([{ label: 'Pace', value: null, unit: 'wpm' }]),
        language: component([{ label: 'Grammar and spelling errors', value: 0.5, unit: 'per 100 words', target: '≤ 0.5' }]),
        presence: component([{ label: 'One face in view', value: 98, unit: '% of frames', target: '≥ 90%' }]),
      },
    };
    const view = answerReport({ position: 1, questionText: 'Q?', state: 'scored', answerText: null, error: null, result: JSON.stringify(result) });
    const values = Object.fromEntries(view.components.flatMap((c) => c.measurements.map((m) => [m.label, m.value])));
    expect(values).toEqual({
      'Keywords covered': '100%',
      Relevance: '0.35',
      'Grammar and spelling errors': '0.50\u00a0per 100 words',
      'One face in view': '98% of frames',
    });
  });
});

describe('pickQuestions', () => {
  const q = (id: number, topic: string) => ({ id, topic });
  it('takes topics in turn, most asked first within each', () => {
    const candidates = [q(1, 'dsa'), q(2, 'dsa'), q(3, 'os'), q(4, 'dsa'), q(5, 'hr')];
    expect(pickQuestions(candidates, 4).map((c) => c.id)).toEqual([1, 3, 5, 2]);
    expect(pickQuestions(candidates, 2, 1).map((c) => c.id)).toEqual([3, 5]);
  });

  it('returns what there is when asked for more', () => {
    expect(pickQuestions([q(1, 'dsa'), q(2, 'os')], 5).map((c) => c.id)).toEqual([1, 2]);
    expect(pickQuestions([], 3)).toEqual([]);
  });
});

describe('cameraView', () => {
  it('turns presence metrics into a frame timeline and observable shares, largest first', () => {
    const view = cameraView({
      frames: 3,
      oneFaceRatio: 2 / 3,
      noFaceRatio: 1 / 3,
      multiFaceRatio: 0,
      eyeContactRatio: 0.5,
      headMovement: 0.02,
      nods: 1,
      expressionShares: { neutral: 0.5, smiling: 0.5, surprised: 0, negative: 0 },
      timeline: [
        { tMs: 0, face: true, dominant: 'smiling', eyeContact: true },
        { tMs: 500, face: false, dominant: null, eyeContact: false },
        { tMs: 1000, face: true, dominant: 'neutral', eyeContact: false },
      ],
      enoughEvidence: true,
    });
    expect(view).toEqual({
      frames: 3,
      timeline: [
        { cls: 'tl-smiling', title: '0.0 s: smiling, facing the camera' },
        { cls: 'tl-none', title: '0.5 s: no single face in view' },
        { cls: 'tl-neutral', title: '1.0 s: neutral expression' },
      ],
      shares: [
        { label: 'neutral expression', pct: 50 },
        { label: 'smiling', pct: 50 },
      ],
      nods: 1,
    });
    expect(cameraView(null)).toBeNull();
  });
});

describe('storedResult', () => {
  it('parses an answer’s result once, and again when the result changes', () => {
    const answer = { result: JSON.stringify({ overall: { score: 70 } }) };
    const first = storedResult(answer);
    expect(first?.overall.score).toBe(70);
    expect(storedResult(answer)).toBe(first);
    answer.result = JSON.stringify({ overall: { score: 40 } });
    expect(storedResult(answer)?.overall.score).toBe(40);
    expect(storedResult({ result: null })).toBeNull();
  });
});
