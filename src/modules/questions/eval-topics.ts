import { readFile } from 'node:fs/promises';
import { ROUND_KINDS, type RoundKind } from '../experiences/entities/round.entity.js';
import { isTopic, tagTopic, topicLabel, TOPIC_SLUGS, type TopicSlug } from './topics.js';

/**
 * `npm run cli -- eval:topics <file.jsonl> [--json]`
 *
 * Input: one JSON object per line, `{"text": "...", "topic": "<slug>", "round": "<round kind>"}`
 * (`round` optional); blank lines are skipped. Each question is tagged with tagTopic(text, round)
 * and compared with its hand-given topic.
 *
 * Definitions (printed with the results):
 * - accuracy: correct / examples.
 * - per topic t: precision = correct t / predicted t, recall = correct t / gold t, F1 = 2PR / (P + R),
 *   support = gold t. Only topics seen in gold or predictions are listed.
 * - macro-F1: the unweighted mean F1 over topics present in gold, so a topic the tagger invents
 *   (predicted but never gold) lowers precision elsewhere but is not averaged in on its own.
 * - Any x / 0 is taken as 0: a topic never predicted has precision 0, an empty file accuracy 0.
 *   This keeps every figure a number (JSON has no NaN) and never flatters the tagger.
 */

// ---------------- pure helpers (unit-tested) ----------------

export interface TopicExample {
  text: string;
  topic: TopicSlug;
  round?: RoundKind;
}

export interface BadLine {
  /** 1-based, counting blank lines, so it matches an editor's line numbers. */
  line: number;
  reason: string;
}

const isRoundKind = (value: unknown): value is RoundKind => ROUND_KINDS.some((kind) => kind === value);

/** One line's example, or why it cannot be used. */
export function parseExampleLine(line: string): TopicExample | { error: string } {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch (error) {
    return { error: `invalid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return { error: 'expected a JSON object with "text" and "topic"' };
  const { text, topic, round } = row as Record<string, unknown>;
  if (typeof text !== 'string' || !text.trim()) return { error: '"text" is missing or empty' };
  if (!isTopic(topic)) {
    const got = topic === undefined ? '"topic" is missing' : `unknown topic ${JSON.stringify(topic)}`;
    return { error: `${got}; expected one of: ${TOPIC_SLUGS.join(', ')}` };
  }
  if (round === undefined || round === null) return { text: text.trim(), topic };
  if (!isRoundKind(round)) return { error: `unknown round ${JSON.stringify(round)}; expected one of: ${ROUND_KINDS.join(', ')}` };
  return { text: text.trim(), topic, round };
}

/** Parses JSONL text: the usable examples, and each unusable line with its number and reason. */
export function parseExamples(jsonl: string): { examples: TopicExample[]; bad: BadLine[] } {
  const examples: TopicExample[] = [];
  const bad: BadLine[] = [];
  // A BOM from Windows editors would make the first line invalid JSON.
  jsonl
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (!line.trim()) return;
      const parsed = parseExampleLine(line);
      if ('error' in parsed) bad.push({ line: index + 1, reason: parsed.error });
      else examples.push(parsed);
    });
  return { examples, bad };
}

export interface LabelPair {
  gold: TopicSlug;
  predicted: TopicSlug;
}

export interface TopicScore {
  topic: TopicSlug;
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Gold examples of the topic. */
  support: number;
  /** Examples the tagger gave the topic. */
  predicted: number;
}

export interface Confusion {
  gold: TopicSlug;
  predicted: TopicSlug;
  count: number;
}

export interface TopicMetrics {
  examples: number;
  correct: number;
  accuracy: number;
  macroF1: number;
  /** Topics present in gold or predictions, most gold examples first. */
  perTopic: TopicScore[];
  /** Misclassifications by (gold, predicted), most frequent first; at most `maxConfusions`. */
  confusions: Confusion[];
}

/** x / y, with x / 0 = 0 (see the definitions at the top of this file). */
export const ratio = (x: number, y: number): number => (y === 0 ? 0 : x / y);

export function f1Score(precision: number, recall: number): number {
  return ratio(2 * precision * recall, precision + recall);
}

const order = (topic: TopicSlug): number => TOPIC_SLUGS.indexOf(topic);

function increment<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Accuracy, per-topic scores, macro-F1 and the top confusions from (gold, predicted) pairs. */
export function topicMetrics(pairs: readonly LabelPair[], maxConfusions = 10): TopicMetrics {
  const gold = new Map<TopicSlug, number>();
  const predicted = new Map<TopicSlug, number>();
  const hits = new Map<TopicSlug, number>();
  // Keyed "gold→predicted": a Map needs a primitive key to group pairs.
  const misses = new Map<string, Confusion>();
  for (const pair of pairs) {
    increment(gold, pair.gold);
    increment(predicted, pair.predicted);
    if (pair.gold === pair.predicted) {
      increment(hits, pair.gold);
      continue;
    }
    const key = `${pair.gold}→${pair.predicted}`;
    const entry = misses.get(key) ?? { gold: pair.gold, predicted: pair.predicted, count: 0 };
    entry.count++;
    misses.set(key, entry);
  }
  const seen = TOPIC_SLUGS.filter((topic) => gold.has(topic) || predicted.has(topic));
  const perTopic = seen
    .map((topic): TopicScore => {
      const correct = hits.get(topic) ?? 0;
      const support = gold.get(topic) ?? 0;
      const predictedCount = predicted.get(topic) ?? 0;
      const precision = ratio(correct, predictedCount);
      const recall = ratio(correct, support);
      return { topic, label: topicLabel(topic), precision, recall, f1: f1Score(precision, recall), support, predicted: predictedCount };
    })
    // Ties keep the TOPICS order, so the listing is stable from run to run.
    .sort((a, b) => b.support - a.support || order(a.topic) - order(b.topic));
  const goldTopics = perTopic.filter((score) => score.support > 0);
  const correct = [...hits.values()].reduce((sum, n) => sum + n, 0);
  const confusions = [...misses.values()]
    .sort((a, b) => b.count - a.count || order(a.gold) - order(b.gold) || order(a.predicted) - order(b.predicted))
    .slice(0, maxConfusions);
  return {
    examples: pairs.length,
    correct,
    accuracy: ratio(correct, pairs.length),
    macroF1: ratio(
      goldTopics.reduce((sum, score) => sum + score.f1, 0),
      goldTopics.length,
    ),
    perTopic,
    confusions,
  };
}

export interface TopicEvalReport extends TopicMetrics {
  file: string;
  /** Mean tagTopic time per question, in milliseconds. */
  msPerQuestion: number;
  badLines: BadLine[];
}

/** Tags every example and times the tagger alone (not parsing or scoring). */
export function tagExamples(examples: readonly TopicExample[]): { pairs: LabelPair[]; msPerQuestion: number } {
  const t0 = performance.now();
  const pairs = examples.map((example) => ({ gold: example.topic, predicted: tagTopic(example.text, example.round) }));
  return { pairs, msPerQuestion: ratio(performance.now() - t0, examples.length) };
}

// ---------------- CLI ----------------

const fmt = (x: number): string => x.toFixed(3);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The human-readable report, definitions included so the figures can be read on their own. */
export function formatTopicReport(report: TopicEvalReport): string {
  const lines: string[] = [];
  lines.push(
    `eval:topics  ${report.file}  (${plural(report.examples, 'example')}${report.badLines.length ? `, ${plural(report.badLines.length, 'bad line')} skipped` : ''})`,
  );
  lines.push(
    'accuracy = correct / examples. Per topic: P = correct / predicted as it, R = correct / gold of it, F1 = 2PR / (P + R), support = gold count.',
  );
  lines.push('macro-F1 = mean F1 over the topics present in gold. Any x / 0 is taken as 0.');
  lines.push('');
  lines.push(`accuracy   ${fmt(report.accuracy)}  (${report.correct} / ${report.examples})`);
  lines.push(`macro-F1   ${fmt(report.macroF1)}  (over ${report.perTopic.filter((s) => s.support > 0).length} topics)`);
  lines.push(`time       ${report.msPerQuestion.toFixed(3)} ms/question`);
  lines.push('');
  lines.push(
    `${'topic'.padEnd(18)} ${'P'.padStart(5)} ${'R'.padStart(5)} ${'F1'.padStart(5)} ${'support'.padStart(7)} ${'predicted'.padStart(9)}  label`,
  );
  for (const s of report.perTopic) {
    lines.push(
      `${s.topic.padEnd(18)} ${fmt(s.precision)} ${fmt(s.recall)} ${fmt(s.f1)} ${String(s.support).padStart(7)} ${String(s.predicted).padStart(9)}  ${s.label}`,
    );
  }
  lines.push('');
  if (report.confusions.length === 0) lines.push('no confusions');
  else {
    lines.push(`top ${report.confusions.length} confusions (gold → predicted):`);
    for (const c of report.confusions) lines.push(`  ${String(c.count).padStart(4)}  ${c.gold} → ${c.predicted}`);
  }
  return lines.join('\n');
}

const USAGE = 'usage: eval:topics <file.jsonl> [--json]   (one {"text", "topic", "round"?} object per line)';

/** CLI entry. Bad lines are listed and set exit code 3, but the good ones are still evaluated. */
export async function run(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const file = args.find((arg) => !arg.startsWith('--'));
  if (!file) throw new Error(USAGE);
  const { examples, bad } = parseExamples(await readFile(file, 'utf8'));
  if (bad.length) process.exitCode = 3;
  if (examples.length === 0) throw new Error(`${file}: no usable examples (${bad.length} bad lines). ${USAGE}`);
  const { pairs, msPerQuestion } = tagExamples(examples);
  const report: TopicEvalReport = { file, ...topicMetrics(pairs), msPerQuestion, badLines: bad };
  if (json) {
    // stdout stays one parseable object; people still see the bad lines on stderr.
    for (const b of bad) console.error(`line ${b.line}: ${b.reason}`);
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  if (bad.length) {
    console.log(`Skipped ${plural(bad.length, 'bad line')}:`);
    for (const b of bad) console.log(`  line ${b.line}: ${b.reason}`);
    console.log('');
  }
  console.log(formatTopicReport(report));
}
