import { readFile } from 'node:fs/promises';
import { assessContent } from '../../ml/scoring/score-answer.js';
import { REVIEW_BELOW } from './session-feedback.js';
import { isTopic, subjectShare, tagTopic, topicLabel, type TopicSlug } from '../questions/topics.js';

/**
 * `npm run cli -- eval:content <file.jsonl> [--json]`
 *
 * Input: one JSON object per line, `{"question", "answer", "grade": "good" | "weak" | "off", "topic"?}`
 * (the topic is tagged from the question when absent). Each answer gets the content score practice
 * mode gives a typed answer (no key points), and the scores are compared with the grades:
 * - ordering: for every question, each pair of its answers with different grades counts as right
 *   when the better-graded answer scores higher (a tie counts half);
 * - pass rates: the share of each grade scoring at least REVIEW_BELOW (the session report's
 *   "scored below 60 for content" line).
 * Both are printed for the score as practice mode computes it and, as an ablation, for the
 * question's words alone (without the subject-vocabulary share).
 */

export const GRADES = ['good', 'weak', 'off'] as const;
export type Grade = (typeof GRADES)[number];

export interface ContentExample {
  question: string;
  answer: string;
  grade: Grade;
  topic: TopicSlug;
}

/** One line's example, or why it cannot be used. */
export function parseContentLine(line: string): ContentExample | { error: string } {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch (error) {
    return { error: `invalid JSON (${(error as Error).message})` };
  }
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return { error: 'expected a JSON object with "question", "answer" and "grade"' };
  const { question, answer, grade, topic } = row as Record<string, unknown>;
  if (typeof question !== 'string' || !question.trim()) return { error: '"question" is missing or empty' };
  if (typeof answer !== 'string' || !answer.trim()) return { error: '"answer" is missing or empty' };
  if (!GRADES.includes(grade as Grade)) return { error: `"grade" must be one of: ${GRADES.join(', ')}` };
  if (topic !== undefined && !isTopic(topic)) return { error: `unknown topic ${JSON.stringify(topic)}` };
  return { question: question.trim(), answer: answer.trim(), grade: grade as Grade, topic: (topic as TopicSlug | undefined) ?? tagTopic(question) };
}

export interface ScoredExample extends ContentExample {
  /** Content score as practice mode gives it. */
  score: number | null;
  /** Content score from the question's words alone (no subject vocabulary). */
  wordsOnly: number | null;
}

export function scoreExamples(examples: readonly ContentExample[]): ScoredExample[] {
  return examples.map((e) => {
    const subject = { label: topicLabel(e.topic), share: subjectShare(e.answer, e.topic) };
    const base = { question: e.question, keyPoints: [] };
    return { ...e, score: assessContent(e.answer, { ...base, subject }).content.score, wordsOnly: assessContent(e.answer, base).content.score };
  });
}

export interface ContentMetrics {
  examples: number;
  /** Right-ordered share of differently graded answer pairs to the same question, overall and by pair. */
  ordering: { all: number; pairs: number; byPair: Record<string, number> };
  /** Per grade: mean score and the share scoring at least REVIEW_BELOW. */
  byGrade: Record<Grade, { n: number; mean: number; passRate: number }>;
}

const rank = (g: Grade) => GRADES.indexOf(g);

/** Metrics of one score column ('score' or 'wordsOnly'); unscored answers count as 0. */
export function contentMetrics(scored: readonly ScoredExample[], column: 'score' | 'wordsOnly'): ContentMetrics {
  const value = (e: ScoredExample) => e[column] ?? 0;
  const byQuestion = new Map<string, ScoredExample[]>();
  for (const e of scored) byQuestion.set(e.question, [...(byQuestion.get(e.question) ?? []), e]);
  const tally = new Map<string, { right: number; n: number }>();
  for (const answers of byQuestion.values()) {
    for (const better of answers) {
      for (const worse of answers) {
        if (rank(better.grade) >= rank(worse.grade)) continue;
        const key = `${better.grade}>${worse.grade}`;
        const t = tally.get(key) ?? { right: 0, n: 0 };
        t.right += value(better) > value(worse) ? 1 : value(better) === value(worse) ? 0.5 : 0;
        t.n++;
        tally.set(key, t);
      }
    }
  }
  const totals = [...tally.values()].reduce((a, t) => ({ right: a.right + t.right, n: a.n + t.n }), { right: 0, n: 0 });
  const byGrade = Object.fromEntries(
    GRADES.map((g) => {
      const xs = scored.filter((e) => e.grade === g).map(value);
      return [g, { n: xs.length, mean: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0, passRate: xs.length ? xs.filter((x) => x >= REVIEW_BELOW).length / xs.length : 0 }];
    }),
  ) as ContentMetrics['byGrade'];
  return {
    examples: scored.length,
    ordering: { all: totals.n ? totals.right / totals.n : 0, pairs: totals.n, byPair: Object.fromEntries([...tally].map(([k, t]) => [k, t.right / t.n])) },
    byGrade,
  };
}

const fmt = (x: number) => x.toFixed(3);

export function formatContentReport(file: string, withSubject: ContentMetrics, wordsOnly: ContentMetrics): string {
  const lines = [
    `eval:content  ${file}  (${withSubject.examples} answers, ${withSubject.ordering.pairs} graded pairs)`,
    `ordering = share of same-question answer pairs where the better-graded answer scores higher (ties count half); pass = share scoring ≥ ${REVIEW_BELOW}.`,
    '',
    `${''.padEnd(24)} ${'practice'.padStart(9)} ${'words only'.padStart(11)}`,
    `${'ordering, all pairs'.padEnd(24)} ${fmt(withSubject.ordering.all).padStart(9)} ${fmt(wordsOnly.ordering.all).padStart(11)}`,
  ];
  for (const pair of Object.keys(withSubject.ordering.byPair)) {
    lines.push(`${`  ${pair}`.padEnd(24)} ${fmt(withSubject.ordering.byPair[pair]!).padStart(9)} ${fmt(wordsOnly.ordering.byPair[pair] ?? 0).padStart(11)}`);
  }
  for (const g of GRADES) {
    const a = withSubject.byGrade[g];
    const b = wordsOnly.byGrade[g];
    lines.push(`${`${g} (n=${a.n}): mean`.padEnd(24)} ${a.mean.toFixed(1).padStart(9)} ${b.mean.toFixed(1).padStart(11)}`);
    lines.push(`${`${g}: pass`.padEnd(24)} ${fmt(a.passRate).padStart(9)} ${fmt(b.passRate).padStart(11)}`);
  }
  return lines.join('\n');
}

const USAGE = 'usage: eval:content <file.jsonl> [--json]   (one {"question", "answer", "grade", "topic"?} object per line)';

export async function run(args: string[]): Promise<void> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) throw new Error(USAGE);
  const examples: ContentExample[] = [];
  for (const [i, line] of (await readFile(file, 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    const parsed = parseContentLine(line);
    if ('error' in parsed) throw new Error(`${file}:${i + 1}: ${parsed.error}`);
    examples.push(parsed);
  }
  if (examples.length === 0) throw new Error(`${file}: no answers. ${USAGE}`);
  const scored = scoreExamples(examples);
  const withSubject = contentMetrics(scored, 'score');
  const wordsOnly = contentMetrics(scored, 'wordsOnly');
  if (args.includes('--json')) console.log(JSON.stringify({ file, practice: withSubject, wordsOnly }, null, 2));
  else console.log(formatContentReport(file, withSubject, wordsOnly));
}
