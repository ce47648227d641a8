import { DELIVERY, inQuestion, PRESENCE, STRUCTURE_PARTS } from '../../ml/index.js';
import { isTopic, topicLabel } from '../questions/topics.js';
import type { StoredResult } from './practice-scorer.js';

/**
 * A session's "what went well / what to work on / topics to review", from its scored answers'
 * measurements (DESIGN §4.4). Each line names the measurement it comes from and uses the scoring
 * thresholds (src/ml/scoring/components.ts), so the advice and the scores never disagree.
 */
export interface SessionFeedback {
  strengths: string[];
  improvements: string[];
  /** Topics of the questions whose content scored below REVIEW_BELOW, most affected first. */
  topics: Array<{ slug: string; label: string; answers: number }>;
}

export type FeedbackResult = Pick<StoredResult, 'components' | 'metrics' | 'grammarIssues' | 'presence'>;

/** A content score below this sends the question's topic to "topics to review". */
export const REVIEW_BELOW = 60;
/** Grammar or spelling errors per 100 words: at most this is a strength, above IMPROVE_GRAMMAR_ABOVE advice. */
const GOOD_GRAMMAR_PER_100 = 1;
const IMPROVE_GRAMMAR_ABOVE = 2;
/** Key points covered on average: a strength from this share. */
const GOOD_KEY_POINTS = 0.7;

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const pct = (x: number) => Math.round(x * 100);
const quote = (s: string) => `“${s}”`;
/** The advice on the structures answers are checked for (their parts are named by STRUCTURE_PARTS). */
const STRUCTURES = {
  star: {
    answers: '“tell me about a time” answers',
    complete: 'Your “tell me about a time” answers told the situation, what you did and how it turned out.',
    order: 'Situation, task, action, result is an easy order to follow.',
  },
  introduction: {
    answers: 'introductions',
    complete: 'Your introduction said what you study, what you have done, what you are good at and what you want next.',
    order: 'Studies, experience, strengths, then what you want next is an easy order to follow.',
  },
  motivation: {
    answers: 'answers on why you want the job',
    complete: 'Your answers on why you want the job showed you know the company and the role, backed your fit with evidence, and said what you would bring and how you want to grow.',
    order: 'Something specific about them, what you have done that fits, what you would bring, then how you want to grow is an easy order to follow.',
  },
} as const;

export function sessionFeedback(answers: ReadonlyArray<{ result: FeedbackResult; topic: string | null; question: string }>): SessionFeedback | null {
  if (answers.length === 0) return null;
  const strengths: string[] = [];
  const improvements: string[] = [];
  const results = answers.map((a) => a.result);

  // Delivery: only answers with a recording have a pace.
  const spoken = results.filter((r) => r.components.delivery.evidence === 'ok' && r.metrics.fluency.wordsPerMinute !== null);
  if (spoken.length > 0) {
    const wpm = Math.round(mean(spoken.map((r) => r.metrics.fluency.wordsPerMinute!)));
    const { lo, hi } = DELIVERY.wpm;
    if (wpm > hi) improvements.push(`You spoke fast: ${wpm} words a minute on average. Aim for ${lo}–${hi}; a short pause between points gives the interviewer time to follow.`);
    else if (wpm < lo) improvements.push(`You spoke slowly: ${wpm} words a minute on average. Aim for ${lo}–${hi}; practising each answer aloud once makes it flow.`);
    else strengths.push(`A comfortable pace: ${wpm} words a minute on average (target ${lo}–${hi}).`);

    const fillersPerMinute = mean(spoken.map((r) => r.metrics.fluency.fillersPerMinute ?? 0));
    if (fillersPerMinute > DELIVERY.fillersPerMinute.full) {
      const counts = new Map<string, number>();
      for (const r of spoken) for (const f of r.metrics.fluency.fillerCounts) counts.set(f.filler, (counts.get(f.filler) ?? 0) + f.count);
      const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([f]) => quote(f));
      improvements.push(`${fillersPerMinute.toFixed(1)} filler words a minute${top.length ? `, most often ${top.join(' and ')}` : ''}. A silent pause sounds more confident.`);
    } else {
      strengths.push(`Few filler words: ${fillersPerMinute.toFixed(1)} a minute.`);
    }

    const pauses = spoken.reduce((s, r) => s + (r.metrics.audio?.longPauseCount ?? 0), 0);
    if (pauses >= spoken.length) improvements.push(`${pauses} pauses longer than 2 seconds in ${spoken.length === 1 ? 'your answer' : `${spoken.length} answers`}. Outline the answer in your thinking time: first, then, finally.`);

    const monotone = spoken.filter((r) => r.metrics.audio?.pitch.monotone === true).length;
    if (monotone > 0 && monotone >= spoken.length / 2) improvements.push(`Your voice stayed on nearly one pitch in ${spoken.length === 1 ? 'your answer' : `${monotone} of ${spoken.length} answers`}. Raise it on the points you want remembered.`);

    const reactions = spoken.map((r) => r.metrics.reactionTimeMs).filter((ms): ms is number => ms !== null);
    if (reactions.length > 0 && mean(reactions) / 1000 > DELIVERY.reactionSeconds.full)
      improvements.push(`You took ${(mean(reactions) / 1000).toFixed(1)} s on average to start speaking once recording began. Open with one sentence that restates the question.`);
  }

  // Language: errors per 100 words over all the words of the session.
  const judged = results.filter((r) => r.components.language.evidence === 'ok');
  if (judged.length > 0) {
    const words = judged.reduce((s, r) => s + r.metrics.wordCount, 0);
    const errors = judged.flatMap((r) => r.grammarIssues.filter((g) => g.severity === 'error'));
    const per100 = words > 0 ? (errors.length / words) * 100 : 0;
    if (per100 <= GOOD_GRAMMAR_PER_100) strengths.push(`Accurate English: ${per100.toFixed(1)} grammar or spelling issues per 100 words.`);
    else if (per100 > IMPROVE_GRAMMAR_ABOVE) {
      const byRule = new Map<string, { count: number; message: string }>();
      for (const g of errors) byRule.set(g.rule, { count: (byRule.get(g.rule)?.count ?? 0) + 1, message: g.message });
      const top = [...byRule.values()].sort((a, b) => b.count - a.count)[0]!;
      improvements.push(`${per100.toFixed(1)} grammar or spelling issues per 100 words. The most frequent: ${top.message.replace(/\.$/, '')} (${top.count}×). The issues are marked in each answer below.`);
    }
    const overused = new Map<string, number>();
    for (const a of answers) {
      if (a.result.components.language.evidence !== 'ok') continue;
      for (const o of a.result.metrics.vocabulary.overused) if (!inQuestion(o.word, a.question)) overused.set(o.word, (overused.get(o.word) ?? 0) + o.count);
    }
    const repeated = [...overused].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([w]) => quote(w));
    if (repeated.length > 0) improvements.push(`You repeated ${repeated.join(', ')} often. Vary the wording, or name the specific thing instead.`);
  }

  // Content: how close to the question, the key points the experiences' round notes say
  // interviewers asked for, and STAR structure.
  const content = results.filter((r) => r.components.content.evidence === 'ok' && r.components.content.score !== null);
  const offTopic = content.filter((r) => r.components.content.score! < REVIEW_BELOW);
  if (offTopic.length > 0) {
    const terms = [...new Set(offTopic.flatMap((r) => r.metrics.relevance.missingKeywords))].slice(0, 3).map(quote);
    improvements.push(
      `${content.length === 1 ? 'Your answer' : `${offTopic.length} of ${content.length} answers`} scored below ${REVIEW_BELOW} for content${terms.length ? `; ${content.length === 1 ? 'it' : 'they'} left out terms of the question such as ${terms.join(', ')}` : ''}. Answer the question in its own words first, then give an example.`,
    );
  }
  const withKeyPoints = results.filter((r) => r.components.content.evidence === 'ok' && r.metrics.relevance.keyPointCoverage !== null);
  if (withKeyPoints.length > 0) {
    const coverage = mean(withKeyPoints.map((r) => r.metrics.relevance.keyPointCoverage!));
    const missed = [...new Set(withKeyPoints.flatMap((r) => r.metrics.relevance.missingKeyPoints))];
    if (coverage >= GOOD_KEY_POINTS) strengths.push(`Your answers covered ${pct(coverage)}% of the points interviewers asked for.`);
    else if (missed.length > 0) improvements.push(`Interviewers asked for points your answers missed, such as ${quote(missed[0]!)}. Each answer below lists them.`);
  }
  for (const kind of ['star', 'introduction', 'motivation'] as const) {
    const wording = STRUCTURES[kind];
    const structured = results.filter((r) => r.components.content.evidence === 'ok' && r.metrics[kind]);
    if (structured.length === 0) continue;
    const missing = new Map<string, number>();
    for (const r of structured) for (const part of r.metrics[kind]!.missing) missing.set(part, (missing.get(part) ?? 0) + 1);
    if (missing.size === 0) strengths.push(wording.complete);
    else {
      const parts = [...missing].sort((a, b) => b[1] - a[1]).map(([part]) => STRUCTURE_PARTS[kind][part] ?? part);
      improvements.push(`In ${wording.answers}, say ${parts.join(' and ')} (missing in ${structured.length === 1 ? 'your answer' : `${Math.max(...missing.values())} of ${structured.length}`}). ${wording.order}`);
    }
  }

  // Presence: what the camera showed, never what the member felt.
  const seen = results.filter((r) => r.components.presence.evidence === 'ok' && r.presence);
  if (seen.length > 0) {
    const eyeContact = mean(seen.map((r) => r.presence!.eyeContactRatio));
    if (eyeContact >= PRESENCE.eyeContactRatio.full) strengths.push(`You faced the camera in ${pct(eyeContact)}% of frames.`);
    else if (eyeContact < (PRESENCE.eyeContactRatio.zero + PRESENCE.eyeContactRatio.full) / 2)
      improvements.push(`You faced the camera in ${pct(eyeContact)}% of frames. Look at the lens while you speak, as you would look at an interviewer.`);
  }

  const weak = new Map<string, number>();
  for (const a of answers) {
    const content = a.result.components.content;
    if (a.topic && isTopic(a.topic) && content.evidence === 'ok' && content.score !== null && content.score < REVIEW_BELOW) weak.set(a.topic, (weak.get(a.topic) ?? 0) + 1);
  }
  const topics = [...weak].sort((a, b) => b[1] - a[1]).map(([slug, n]) => ({ slug, label: topicLabel(slug), answers: n }));
  return { strengths, improvements, topics };
}
