import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { f1Score, parseExampleLine, parseExamples, ratio, run, tagExamples, topicMetrics, type LabelPair, type TopicEvalReport } from './eval-topics.js';
import { TOPIC_SLUGS } from './topics.js';

const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/topics/questions.jsonl', import.meta.url));

describe('parseExampleLine / parseExamples', () => {
  it('reads text, topic and an optional round', () => {
    expect(parseExampleLine('{"text": "  What is a semaphore? ", "topic": "os"}')).toEqual({ text: 'What is a semaphore?', topic: 'os' });
    expect(parseExampleLine('{"text": "Why us?", "topic": "hr", "round": "hr", "note": "extra keys are ignored"}')).toEqual({
      text: 'Why us?',
      topic: 'hr',
      round: 'hr',
    });
    expect(parseExampleLine('{"text": "Why us?", "topic": "hr", "round": null}')).toEqual({ text: 'Why us?', topic: 'hr' });
  });

  it('says why a line is unusable', () => {
    expect(parseExampleLine('{"text": "x", "topic": ')).toEqual({ error: expect.stringMatching(/^invalid JSON \(/) });
    expect(parseExampleLine('["x", "os"]')).toEqual({ error: 'expected a JSON object with "text" and "topic"' });
    expect(parseExampleLine('{"topic": "os"}')).toEqual({ error: '"text" is missing or empty' });
    expect(parseExampleLine('{"text": "   ", "topic": "os"}')).toEqual({ error: '"text" is missing or empty' });
    expect(parseExampleLine('{"text": "x"}')).toEqual({ error: `"topic" is missing; expected one of: ${TOPIC_SLUGS.join(', ')}` });
    expect(parseExampleLine('{"text": "x", "topic": "algorithms"}')).toEqual({
      error: `unknown topic "algorithms"; expected one of: ${TOPIC_SLUGS.join(', ')}`,
    });
    expect(parseExampleLine('{"text": "x", "topic": "os", "round": "coding"}')).toEqual({
      error: 'unknown round "coding"; expected one of: online-test, technical, hr, managerial, group-discussion, other',
    });
  });

  it('skips blank lines but keeps editor line numbers for bad ones', () => {
    const jsonl = [
      '\uFEFF{"text": "Explain paging.", "topic": "os"}',
      '',
      '{"text": "Explain paging.", "topic": "paging"}',
      '   ',
      'not json',
      '{"text": "", "topic": "os"}',
      '{"text": "Tell me about yourself.", "topic": "hr", "round": "hr"}',
      '',
    ].join('\r\n');
    const { examples, bad } = parseExamples(jsonl);
    expect(examples).toEqual([
      { text: 'Explain paging.', topic: 'os' },
      { text: 'Tell me about yourself.', topic: 'hr', round: 'hr' },
    ]);
    expect(bad.map((b) => b.line)).toEqual([3, 5, 6]);
    expect(bad[0]!.reason).toMatch(/^unknown topic "paging"/);
    expect(bad[1]!.reason).toMatch(/^invalid JSON/);
    expect(bad[2]!.reason).toBe('"text" is missing or empty');
  });
});

describe('topicMetrics', () => {
  // Gold dsa ×3, os ×2, hr ×1. Hits: dsa 2 of 3 predicted, os 1 of 2, hr never predicted, other predicted once wrongly.
  const pairs: LabelPair[] = [
    { gold: 'dsa', predicted: 'dsa' },
    { gold: 'dsa', predicted: 'dsa' },
    { gold: 'dsa', predicted: 'os' },
    { gold: 'os', predicted: 'os' },
    { gold: 'os', predicted: 'dsa' },
    { gold: 'hr', predicted: 'other' },
  ];

  it('computes accuracy, per-topic P/R/F1/support and macro-F1 by hand', () => {
    const m = topicMetrics(pairs);
    expect(m.examples).toBe(6);
    expect(m.correct).toBe(3);
    expect(m.accuracy).toBe(0.5);
    const byTopic = Object.fromEntries(m.perTopic.map((s) => [s.topic, s]));
    expect(byTopic.dsa).toMatchObject({ support: 3, predicted: 3, label: 'Data structures & algorithms' });
    expect(byTopic.dsa!.precision).toBeCloseTo(2 / 3, 12);
    expect(byTopic.dsa!.recall).toBeCloseTo(2 / 3, 12);
    expect(byTopic.dsa!.f1).toBeCloseTo(2 / 3, 12);
    expect(byTopic.os).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2, predicted: 2 });
    // Never predicted: precision 1 / 0 → 0, so F1 0.
    expect(byTopic.hr).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 1, predicted: 0 });
    // Predicted but never gold: listed (it costs precision) but recall 0 / 0 → 0.
    expect(byTopic.other).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 1 });
    // Macro-F1 averages the gold topics only: (2/3 + 1/2 + 0) / 3 = 7/18.
    expect(m.macroF1).toBeCloseTo(7 / 18, 12);
  });

  it('lists only topics that occur, most gold examples first', () => {
    expect(topicMetrics(pairs).perTopic.map((s) => s.topic)).toEqual(['dsa', 'os', 'hr', 'other']);
  });

  it('orders confusions by count, then by topic order, and keeps the top N', () => {
    const many: LabelPair[] = [
      { gold: 'dbms', predicted: 'dsa' },
      { gold: 'hr', predicted: 'behavioural' },
      { gold: 'dbms', predicted: 'dsa' },
      { gold: 'hr', predicted: 'behavioural' },
      { gold: 'hr', predicted: 'behavioural' },
      { gold: 'web', predicted: 'networks' },
      { gold: 'dsa', predicted: 'aptitude' },
      { gold: 'dsa', predicted: 'dsa' },
    ];
    expect(topicMetrics(many).confusions).toEqual([
      { gold: 'hr', predicted: 'behavioural', count: 3 },
      { gold: 'dbms', predicted: 'dsa', count: 2 },
      { gold: 'dsa', predicted: 'aptitude', count: 1 },
      { gold: 'web', predicted: 'networks', count: 1 },
    ]);
    expect(topicMetrics(many, 2).confusions.map((c) => c.count)).toEqual([3, 2]);
    expect(topicMetrics(pairs).confusions).toEqual([
      { gold: 'dsa', predicted: 'os', count: 1 },
      { gold: 'os', predicted: 'dsa', count: 1 },
      { gold: 'hr', predicted: 'other', count: 1 },
    ]);
  });

  it('takes every x / 0 as 0', () => {
    expect(ratio(3, 0)).toBe(0);
    expect(f1Score(0, 0)).toBe(0);
    expect(topicMetrics([])).toEqual({ examples: 0, correct: 0, accuracy: 0, macroF1: 0, perTopic: [], confusions: [] });
    const perfect = topicMetrics([{ gold: 'os', predicted: 'os' }]);
    expect(perfect).toMatchObject({ accuracy: 1, macroF1: 1, confusions: [] });
  });
});

describe('run (eval:topics)', () => {
  let logged: string[];
  let savedExitCode: typeof process.exitCode;

  beforeEach(() => {
    logged = [];
    savedExitCode = process.exitCode;
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = savedExitCode;
  });

  const jsonReport = (): TopicEvalReport => {
    expect(logged).toHaveLength(1);
    return JSON.parse(logged[0]!) as TopicEvalReport;
  };

  it('needs a file', async () => {
    await expect(run(['--json'])).rejects.toThrow(/^usage: eval:topics <file\.jsonl>/);
  });

  it('scores the hand-labelled fixture', async () => {
    await run([FIXTURE, '--json']);
    const report = jsonReport();
    const lines = (await readFile(FIXTURE, 'utf8')).split('\n').filter((line) => line.trim());
    expect(report.examples).toBe(lines.length);
    expect(report.badLines).toEqual([]);
    expect(process.exitCode).toBe(savedExitCode);
    expect(Object.keys(report).sort()).toEqual(
      ['accuracy', 'badLines', 'confusions', 'correct', 'examples', 'file', 'macroF1', 'msPerQuestion', 'perTopic'].sort(),
    );
    expect(report.perTopic[0]).toEqual({
      topic: expect.any(String),
      label: expect.any(String),
      precision: expect.any(Number),
      recall: expect.any(Number),
      f1: expect.any(Number),
      support: expect.any(Number),
      predicted: expect.any(Number),
    });
    expect(report.perTopic.reduce((sum, s) => sum + s.support, 0)).toBe(report.examples);
    expect(report.confusions.length).toBeLessThanOrEqual(10);
    // Every topic has gold examples in the fixture (the README promises at least 5 each).
    expect(
      report.perTopic
        .filter((s) => s.support >= 5)
        .map((s) => s.topic)
        .sort(),
    ).toEqual([...TOPIC_SLUGS].sort());
    // Regression guard: 0.748 accuracy / 0.791 macro-F1 when the fixture was written, 0.898 / 0.903
    // after rules were added for the misses on its odd lines; the floors sit a little lower.
    expect(report.accuracy).toBeGreaterThanOrEqual(0.87);
    expect(report.macroF1).toBeGreaterThanOrEqual(0.87);
  });

  it('holds up on the even lines, which no rule was written from', () => {
    const { examples } = parseExamples(readFileSync(FIXTURE, 'utf8'));
    const heldOut = examples.filter((_, i) => i % 2 === 1);
    const metrics = topicMetrics(tagExamples(heldOut).pairs);
    // 0.796 before those rules and 0.823 after: the honest figure for questions the rules never saw.
    expect(heldOut).toHaveLength(113);
    expect(metrics.accuracy).toBeGreaterThanOrEqual(0.8);
  });

  it('lists bad lines, sets exit code 3 and still evaluates the good ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eval-topics-'));
    try {
      const file = join(dir, 'mixed.jsonl');
      const good = ['{"text": "What is a mutex?", "topic": "os"}', '{"text": "Tell me about yourself.", "topic": "hr", "round": "hr"}'];
      await writeFile(file, [good[0], '{"text": "What is a mutex?", "topic": "threads"}', '', '{oops', good[1]].join('\n'));
      await run([file, '--json']);
      expect(process.exitCode).toBe(3);
      const report = jsonReport();
      expect(report.examples).toBe(2);
      expect(report.badLines.map((b) => b.line)).toEqual([2, 4]);

      logged = [];
      await run([file]);
      const text = logged.join('\n');
      expect(text).toMatch(/Skipped 2 bad lines:\n {2}line 2: unknown topic "threads"; expected one of: dsa, /);
      expect(text).toMatch(/\(2 examples, 2 bad lines skipped\)/);
      expect(text).toMatch(/accuracy +\d\.\d{3} {2}\(\d \/ 2\)/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
