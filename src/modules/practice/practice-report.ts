import { escapeHtml } from '../../common/markdown/markdown.js';
import { OVERALL_WEIGHTS, type ComponentName, type ExpressionGroup, type Measurement, type PresenceMetrics } from '../../ml/index.js';
import type { AnswerState } from './entities/practice-answer.entity.js';
import type { StoredResult } from './practice-scorer.js';
import { timesAt, type TimedWord } from './word-times.js';

const COMPONENT_LABELS: Record<ComponentName, string> = {
  content: 'Content',
  delivery: 'Delivery',
  language: 'Language',
  presence: 'Visual presence',
};

const STATE_LABELS: Record<AnswerState, string> = {
  open: 'Not answered',
  transcribing: 'Transcribing…',
  review: 'Transcript to check',
  queued: 'Being scored…',
  scored: 'Scored',
  failed: 'Scoring failed',
};

export interface ComponentView {
  name: ComponentName;
  label: string;
  weight: number;
  score: number | null;
  /** "Good" / "Fair" / "Needs work", for the badge next to the number. */
  band: string;
  bandClass: string;
  explanation: string;
  measurements: Array<{ label: string; value: string; target: string }>;
}

/** Observable behaviour only: what the camera showed, never what the member felt. */
const EXPRESSION_LABELS: Record<ExpressionGroup, string> = {
  neutral: 'neutral expression',
  smiling: 'smiling',
  surprised: 'surprised look',
  negative: 'frowning or tense',
};

export interface CameraView {
  frames: number;
  /** One cell per frame, in order, for the timeline strip. */
  timeline: Array<{ cls: string; title: string }>;
  /** "smiling in 18% of frames with your face", largest first. */
  shares: Array<{ label: string; pct: number }>;
  nods: number;
}

export interface AnswerReportView {
  position: number;
  question: string;
  state: AnswerState;
  stateLabel: string;
  error: string | null;
  overall: number | null;
  overallBand: string;
  overallBandClass: string;
  overallExplanation: string;
  /** The answer as escaped HTML with grammar issues and fillers in <mark>s; only markup built here. */
  answerHtml: string;
  components: ComponentView[];
  grammarIssues: Array<{ excerpt: string; message: string; suggestions: string; hint: boolean }>;
  fillers: Array<{ filler: string; count: number }>;
  wordCount: number;
  missingKeywords: string[];
  /** Points the experiences' round notes say interviewers asked for, and whether the answer covered each. */
  keyPoints: Array<{ text: string; covered: boolean }>;
  camera: CameraView | null;
}

export function cameraView(p: PresenceMetrics | null | undefined): CameraView | null {
  if (!p || p.frames === 0) return null;
  return {
    frames: p.frames,
    timeline: p.timeline.map((f) => {
      const seconds = (f.tMs / 1000).toFixed(1);
      if (!f.face || !f.dominant) return { cls: 'tl-none', title: `${seconds} s: no single face in view` };
      return { cls: `tl-${f.dominant}`, title: `${seconds} s: ${EXPRESSION_LABELS[f.dominant]}${f.eyeContact ? ', facing the camera' : ''}` };
    }),
    shares: (Object.keys(EXPRESSION_LABELS) as ExpressionGroup[])
      .map((g) => ({ label: EXPRESSION_LABELS[g], pct: Math.round(p.expressionShares[g] * 100) }))
      .filter((x) => x.pct > 0)
      .sort((a, b) => b.pct - a.pct),
    nods: p.nods,
  };
}

function scoreBand(score: number | null): { band: string; bandClass: string } {
  if (score === null) return { band: 'Not enough evidence', bandClass: '' };
  if (score >= 75) return { band: 'Good', bandClass: 'ok' };
  if (score >= 50) return { band: 'Fair', bandClass: 'warn' };
  return { band: 'Needs work', bandClass: 'bad' };
}

function formatValue(m: Measurement & { value: NonNullable<Measurement['value']> }): string {
  if (typeof m.value === 'boolean') return m.value ? 'yes' : 'no';
  const value = typeof m.value === 'number' ? (Number.isInteger(m.value) ? String(m.value) : m.value.toFixed(2)) : m.value;
  if (!m.unit) return value;
  // "100%" as the targets write it; other units after a space that does not break ("0.5 per 100 words").
  return m.unit.startsWith('%') ? `${value}${m.unit}` : `${value}\u00a0${m.unit}`;
}

interface Mark {
  start: number;
  end: number;
  kind: 'grammar' | 'hint' | 'filler';
  note: string;
  /** Where in the recording it was said (ms): the report's script plays it from there. */
  seekMs?: number | null;
}

/**
 * Escapes `text` and wraps the marked spans (grammar issues, fillers) in <mark>. Overlapping marks
 * keep the first by position; each mark carries a visually hidden note so screen readers hear why.
 */
export function highlight(text: string, marks: readonly Mark[]): string {
  const sorted = [...marks].filter((m) => m.start >= 0 && m.end <= text.length && m.end > m.start).sort((a, b) => a.start - b.start || b.end - a.end);
  let html = '';
  let at = 0;
  for (const m of sorted) {
    if (m.start < at) continue;
    html += escapeHtml(text.slice(at, m.start));
    const seek = typeof m.seekMs === 'number' ? ` data-seek-ms="${Math.max(0, Math.round(m.seekMs))}"` : '';
    html += `<mark class="mark-${m.kind}"${seek}>${escapeHtml(text.slice(m.start, m.end))}<span class="visually-hidden"> (${escapeHtml(m.note)})</span></mark>`;
    at = m.end;
  }
  return html + escapeHtml(text.slice(at));
}

const parsedResults = new WeakMap<object, { text: string; value: StoredResult }>();

/** An answer's stored result, parsed once per loaded answer: a report reads it per answer and again for its summary. */
export function storedResult(answer: { result: string | null }): StoredResult | null {
  if (!answer.result) return null;
  const cached = parsedResults.get(answer);
  if (cached?.text === answer.result) return cached.value;
  const value = JSON.parse(answer.result) as StoredResult;
  parsedResults.set(answer, { text: answer.result, value });
  return value;
}

export function answerReport(answer: {
  position: number;
  questionText: string;
  state: AnswerState;
  answerText: string | null;
  error: string | null;
  result: string | null;
  /** The recogniser's timed words (JSON), for playing fillers from the recording. */
  transcriptWords?: string | null;
}): AnswerReportView {
  const stored = storedResult(answer);
  const text = stored?.transcript.text ?? answer.answerText ?? '';
  const overall = stored?.overall.score ?? null;
  const fillers = stored?.fillers ?? [];
  const fillerTimes = answer.transcriptWords ? timesAt(text, JSON.parse(answer.transcriptWords) as TimedWord[], fillers.map((f) => f.start)) : [];
  const marks: Mark[] = stored
    ? [
        ...stored.grammarIssues.map((g) => ({ start: g.start, end: g.end, kind: g.severity === 'hint' ? ('hint' as const) : ('grammar' as const), note: g.message })),
        ...fillers.map((f, i) => ({ start: f.start, end: f.end, kind: 'filler' as const, note: `filler word “${f.filler}”`, seekMs: fillerTimes[i] ?? null })),
      ]
    : [];
  const overallBand = scoreBand(overall);
  const fillerCounts = new Map<string, number>();
  for (const f of stored?.fillers ?? []) fillerCounts.set(f.filler, (fillerCounts.get(f.filler) ?? 0) + 1);
  return {
    position: answer.position,
    question: answer.questionText,
    state: answer.state,
    stateLabel: STATE_LABELS[answer.state],
    error: answer.error,
    overall: overall === null ? null : Math.round(overall),
    overallBand: overallBand.band,
    overallBandClass: overallBand.bandClass,
    overallExplanation: stored?.overall.explanation ?? '',
    answerHtml: highlight(text, marks),
    components: stored
      ? (Object.keys(OVERALL_WEIGHTS) as ComponentName[]).map((name) => {
          const c = stored.components[name];
          const score = c.score === null ? null : Math.round(c.score);
          return {
            name,
            label: COMPONENT_LABELS[name],
            weight: stored.overall.weights[name] ?? 0,
            score,
            ...scoreBand(c.evidence === 'ok' ? score : null),
            explanation: c.explanation,
            // What could not be measured (no recording in text mode) is left out rather than shown as "—".
            measurements: c.measurements.filter((m): m is Measurement & { value: NonNullable<Measurement['value']> } => m.value !== null).map((m) => ({ label: m.label, value: formatValue(m), target: m.target ?? '' })),
          };
        })
      : [],
    grammarIssues: (stored?.grammarIssues ?? []).map((g) => ({
      excerpt: text.slice(g.start, g.end),
      message: g.message,
      suggestions: g.suggestions.slice(0, 3).join(', '),
      hint: g.severity === 'hint',
    })),
    fillers: [...fillerCounts].map(([filler, count]) => ({ filler, count })).sort((a, b) => b.count - a.count),
    wordCount: stored?.metrics.wordCount ?? 0,
    missingKeywords: stored?.metrics.relevance.missingKeywords.slice(0, 8) ?? [],
    keyPoints: stored
      ? [
          ...stored.metrics.relevance.coveredKeyPoints.map((text) => ({ text, covered: true })),
          ...stored.metrics.relevance.missingKeyPoints.map((text) => ({ text, covered: false })),
        ]
      : [],
    camera: cameraView(stored?.presence),
  };
}

export interface SessionComponentAverage {
  name: ComponentName;
  label: string;
  /** Mean over the scored answers that had enough evidence for this component; null when none had. */
  score: number | null;
  answers: number;
}

/** Per-component means over a session's scored answers, for comparing sessions. */
export function componentAverages(answers: ReadonlyArray<{ state: AnswerState; result: string | null }>): SessionComponentAverage[] {
  const results = answers.filter((a) => a.state === 'scored').flatMap((a) => storedResult(a) ?? []);
  return (Object.keys(OVERALL_WEIGHTS) as ComponentName[]).map((name) => {
    const scores = results.map((r) => r.components[name]).filter((c) => c.evidence === 'ok' && c.score !== null).map((c) => c.score!);
    return { name, label: COMPONENT_LABELS[name], score: scores.length ? Math.round(scores.reduce((s, v) => s + v, 0) / scores.length) : null, answers: scores.length };
  });
}
