import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentMetrics, parseContentLine, scoreExamples, type ContentExample, type ScoredExample } from './eval-content.js';

const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/content/answers.jsonl', import.meta.url));
/** "Why this job" questions, written by someone who had not seen the scoring, after the motivation cues were: held out. */
const MOTIVATION_FIXTURE = fileURLToPath(new URL('../../../test/fixtures/content/motivation.jsonl', import.meta.url));
const readExamples = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => parseContentLine(line) as ContentExample);

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
  const examples = readExamples(FIXTURE);
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

describe('content score on held-out "why this job" answers', () => {
  const examples = readExamples(MOTIVATION_FIXTURE);
  const practice = contentMetrics(scoreExamples(examples), 'score');

  it('reads all 36 answers to 12 questions, every one judged on the parts of a motivation answer', () => {
    expect(examples.every((e) => !('error' in e))).toBe(true);
    expect(examples).toHaveLength(36);
  });
  // Measured when the cues were added: good>weak 0.917, good>off 0.875, good passing 42%, weak and
  // off none (before: good>weak 0, good mean 13 and weak mean 98, as generic answers echo the
  // question and the company's name). Answers to another question that cite projects and numbers
  // still score above generic ones (weak>off 0.375).
  it('ranks specific answers above generic ones and answers to other questions', () => {
    expect(practice.ordering.byPair['good>weak']).toBeGreaterThanOrEqual(0.85);
    expect(practice.ordering.byPair['good>off']).toBeGreaterThanOrEqual(0.8);
    expect(practice.byGrade.good.passRate).toBeGreaterThanOrEqual(0.33);
    expect(practice.byGrade.weak.passRate).toBe(0);
    expect(practice.byGrade.off.passRate).toBeLessThanOrEqual(0.09);
  });
});
