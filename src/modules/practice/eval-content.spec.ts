import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentMetrics, parseContentLine, scoreExamples, type ContentExample, type ScoredExample } from './eval-content.js';

const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/content/answers.jsonl', import.meta.url));

describe('parseContentLine', () => {
  it('reads question, answer, grade and an optional topic (tagged from the question when absent)', () => {
    expect(parseContentLine('{"question": "What is a deadlock?", "answer": " Two processes wait. ", "grade": "weak", "topic": "os"}')).toEqual({
      question: 'What is a deadlock?',
      answer: 'Two processes wait.',
      grade: 'weak',
      topic: 'os',
    });
    expect(parseContentLine('{"question": "Explain the TCP three-way handshake.", "answer": "SYN, SYN-ACK, ACK.", "grade": "good"}')).toMatchObject({ topic: 'networks' });
  });
  it('says why a line is unusable', () => {
    expect(parseContentLine('{')).toEqual({ error: expect.stringMatching(/^invalid JSON/) });
    expect(parseContentLine('{"answer": "x", "grade": "good"}')).toEqual({ error: '"question" is missing or empty' });
    expect(parseContentLine('{"question": "q", "answer": "", "grade": "good"}')).toEqual({ error: '"answer" is missing or empty' });
    expect(parseContentLine('{"question": "q", "answer": "a", "grade": "great"}')).toEqual({ error: '"grade" must be one of: good, weak, off' });
    expect(parseContentLine('{"question": "q", "answer": "a", "grade": "off", "topic": "maths"}')).toEqual({ error: 'unknown topic "maths"' });
  });
});

describe('contentMetrics', () => {
  const row = (question: string, grade: ScoredExample['grade'], score: number | null): ScoredExample => ({ question, answer: 'a', grade, topic: 'dsa', score, wordsOnly: 0 });
  it('counts right-ordered pairs per question (ties half, unscored as 0) and pass rates per grade', () => {
    const m = contentMetrics(
      [row('q1', 'good', 80), row('q1', 'weak', 60), row('q1', 'off', 10), row('q2', 'good', 40), row('q2', 'weak', 40), row('q2', 'off', null)],
      'score',
    );
    expect(m.ordering.pairs).toBe(6);
    expect(m.ordering.byPair).toEqual({ 'good>weak': 0.75, 'good>off': 1, 'weak>off': 1 });
    expect(m.ordering.all).toBeCloseTo(5.5 / 6);
    expect(m.byGrade.good).toEqual({ n: 2, mean: 60, passRate: 0.5 });
    expect(m.byGrade.off).toEqual({ n: 2, mean: 5, passRate: 0 });
  });
});

describe('content score on the graded answer set', () => {
  const examples = readFileSync(FIXTURE, 'utf8')
    .trim()
    .split('\n')
    .map((line) => parseContentLine(line) as ContentExample);
  const scored = scoreExamples(examples);
  const practice = contentMetrics(scored, 'score');
  const wordsOnly = contentMetrics(scored, 'wordsOnly');

  it('reads all 108 answers', () => {
    expect(examples.every((e) => !('error' in e))).toBe(true);
    expect(examples).toHaveLength(108);
  });
  // Floors a little under the measured figures (ordering 0.699, good>off 0.931, good passing 50%,
  // off passing 3%): a change that makes them worse fails here. Weak answers that restate the
  // question still outscore good ones that do not (good>weak 0.18): word statistics cannot tell a
  // thin or wrong answer from a right one.
  it('orders graded answers and keeps answers to another question below the review line', () => {
    expect(practice.ordering.all).toBeGreaterThanOrEqual(0.68);
    expect(practice.ordering.byPair['good>off']).toBeGreaterThanOrEqual(0.9);
    expect(practice.byGrade.good.passRate).toBeGreaterThanOrEqual(0.47);
    expect(practice.byGrade.off.passRate).toBeLessThanOrEqual(0.06);
  });
  it("credits the question's subject vocabulary: better than the question's words alone", () => {
    expect(practice.ordering.all).toBeGreaterThan(wordsOnly.ordering.all);
    expect(practice.byGrade.good.passRate).toBeGreaterThan(wordsOnly.byGrade.good.passRate);
  });
});
