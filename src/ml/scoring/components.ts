/**
 * Component scores 0–100 from measured metrics, with the thresholds published as constants. Each
 * component returns the measurements behind it and one sentence of explanation; with too little
 * evidence it returns `score: null, evidence: 'insufficient'` instead of guessing.
 *
 * Sub-scores are piecewise linear between a "zero" and a "full marks" threshold and are combined
 * with fixed weights, renormalised over the sub-scores that could be measured.
 */

export interface Measurement {
  label: string;
  value: number | string | boolean | null;
  unit?: string;
  /** Target range or bound, human-readable ("120–160", "≤ 2"). */
  target?: string;
}

export interface ComponentScore {
  score: number | null;
  evidence: 'ok' | 'insufficient';
  explanation: string;
  measurements: Measurement[];
}

export const NOT_ENOUGH_EVIDENCE = 'Not enough evidence';

/** 0 at `zeroAt`, 100 at `fullAt` (either direction), clamped. */
export function ramp(x: number, zeroAt: number, fullAt: number): number {
  const t = (x - zeroAt) / (fullAt - zeroAt);
  return Math.max(0, Math.min(100, t * 100));
}

/** 100 inside [lo, hi], falling linearly to 0 at `zeroBelow` / `zeroAbove`. */
export function band(x: number, zeroBelow: number, lo: number, hi: number, zeroAbove: number): number {
  if (x < lo) return ramp(x, zeroBelow, lo);
  if (x > hi) return ramp(x, zeroAbove, hi);
  return 100;
}

interface Part {
  key: string;
  score: number | null;
  weight: number;
  /** Sentence fragment describing this part when it is the weakest / strongest. */
  weak: string;
  strong: string;
}

function combine(parts: Part[]): { score: number | null; weakest: Part | null; strongest: Part | null } {
  const usable = parts.filter((p) => p.score !== null && p.weight > 0);
  const w = usable.reduce((s, p) => s + p.weight, 0);
  if (!usable.length || w === 0) return { score: null, weakest: null, strongest: null };
  const score = Math.round(usable.reduce((s, p) => s + p.score! * p.weight, 0) / w);
  const sorted = [...usable].sort((a, b) => a.score! - b.score! || b.weight - a.weight);
  return { score, weakest: sorted[0]!, strongest: sorted[sorted.length - 1]! };
}

function explain(component: string, c: ReturnType<typeof combine>): string {
  if (c.score === null || !c.weakest || !c.strongest) return `${NOT_ENOUGH_EVIDENCE} to score ${component}.`;
  if (c.weakest.score! >= 80) return `${cap(component)} is strong: ${c.strongest.strong}.`;
  if (c.strongest.score! < 60) return `${cap(component)} needs work: ${c.weakest.weak}.`;
  // One measured part, good enough: say what is missing without calling it poor.
  if (c.strongest === c.weakest) return `${cap(component)} is on track, but ${c.weakest.weak}.`;
  return `${cap(c.strongest.strong)}, but ${c.weakest.weak}.`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function insufficient(component: string, reason: string, measurements: Measurement[]): ComponentScore {
  return { score: null, evidence: 'insufficient', explanation: `${NOT_ENOUGH_EVIDENCE} for ${component}: ${reason}.`, measurements };
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;
const pct = (x: number) => Math.round(x * 100);

// ---------------- content ----------------

export const CONTENT = {
  /** Fewer words than this cannot be judged. */
  minWords: 20,
  /** TF-IDF cosine to question + key points. */
  cosineZero: 0.05,
  cosineFull: 0.3,
  /** Share of the answer's subject vocabulary that is the question's subject. */
  subjectZero: 0.1,
  subjectFull: 0.5,
  /**
   * The most relevance credit the subject's vocabulary alone earns: it shows the answer is in the
   * right area, not that it answers this question (on graded answers, full credit let a third of
   * answers to another question of the same subject pass; see eval:content).
   */
  subjectCredit: 0.5,
  /** Share of question/key-point keywords used. */
  keywordZero: 0,
  keywordFull: 0.6,
  /** Key points covered: score = share × 100. Structure parts (STAR, introduction, motivation): share × 100. */
  weights: { relevance: 30, keywords: 20, keyPoints: 30, structure: 20 },
} as const;

/** The structure an answer to this kind of question is expected to have, and the parts found. */
export interface AnswerStructure {
  kind: 'star' | 'introduction' | 'motivation';
  present: readonly string[];
  parts: readonly string[];
}

/** How reports name each part of the structures answers are checked for. */
export const STRUCTURE_PARTS: Record<AnswerStructure['kind'], Record<string, string>> = {
  star: { situation: 'the situation', task: 'your task', action: 'what you did', result: 'the result' },
  introduction: { background: 'what you study', experience: 'what you have built or done', strengths: 'what you are good at', goals: 'what you want next' },
  motivation: { company: 'what you know of the company and the role', evidence: 'evidence of what you can do', contribution: 'what you would bring', goals: 'how you want to grow' },
};

const STRUCTURE_WORDING = {
  star: { label: 'STAR parts present', subject: 'the story', strong: 'the story has a clear situation-task-action-result structure' },
  introduction: { label: 'Introduction parts present', subject: 'the introduction', strong: 'the introduction says what you study, have done, are good at and want next' },
  motivation: { label: 'Motivation parts present', subject: 'the answer', strong: 'the answer shows what you know of the company and role, backs your fit with evidence, and says what you would bring and how you want to grow' },
} as const;

/** "a", "a and b", "a, b and c". */
function listOf(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export interface ContentInput {
  wordCount: number;
  /** False when the transcript is a low-confidence recognition the user did not correct. */
  transcriptUsable: boolean;
  tfidfCosine: number;
  /**
   * Share of the answer's subject vocabulary that belongs to the question's subject (null when the
   * question has no technical subject or the answer too few subject words to say).
   */
  subjectShare?: number | null;
  /** The question's subject, as the report names it. */
  subjectLabel?: string;
  keywordCoverage: number;
  /** Null when the question has no key points. */
  keyPointCoverage: number | null;
  missingKeyPoints?: string[];
  /** Null when the question expects no particular structure. */
  structure: AnswerStructure | null;
}

export function scoreContent(input: ContentInput): ComponentScore {
  // A self-introduction's or a "why this job" question names no subject to stay on: its parts are what count.
  const hasSubject = input.structure?.kind !== 'introduction' && input.structure?.kind !== 'motivation';
  const subject = input.subjectShare ?? null;
  const measurements: Measurement[] = [{ label: 'Words', value: input.wordCount, target: `≥ ${CONTENT.minWords}` }];
  if (hasSubject) {
    measurements.push({ label: 'Relevance to the question (TF-IDF cosine)', value: r2(input.tfidfCosine), target: `≥ ${CONTENT.cosineFull}` });
    if (subject !== null) measurements.push({ label: `Subject terms that are ${input.subjectLabel ?? "the question's subject"}`, value: pct(subject), unit: '%', target: `≥ ${pct(CONTENT.subjectFull)}%` });
    measurements.push({ label: 'Keywords covered', value: pct(input.keywordCoverage), unit: '%', target: `≥ ${pct(CONTENT.keywordFull)}%` });
  }
  if (input.keyPointCoverage !== null) measurements.push({ label: 'Key points covered', value: pct(input.keyPointCoverage), unit: '%', target: '100%' });
  const structure = input.structure;
  if (structure) measurements.push({ label: STRUCTURE_WORDING[structure.kind].label, value: structure.present.length ? structure.present.join(', ') : 'none', target: structure.parts.join(', ') });
  if (!input.transcriptUsable) return insufficient('content', 'the transcript is low-confidence and was not corrected', measurements);
  if (input.wordCount < CONTENT.minWords) return insufficient('content', `the answer has fewer than ${CONTENT.minWords} words`, measurements);
  const missing = input.missingKeyPoints?.length ? `, such as "${input.missingKeyPoints[0]}"` : '';
  // Staying on the question shows as its words (cosine) and, in part, as its subject's vocabulary: a
  // good answer to "Reverse a linked list." talks of pointers and O(n) without quoting the question.
  const bySubject = subject === null ? 0 : CONTENT.subjectCredit * ramp(subject, CONTENT.subjectZero, CONTENT.subjectFull);
  const relevance = hasSubject ? Math.max(ramp(input.tfidfCosine, CONTENT.cosineZero, CONTENT.cosineFull), bySubject) : null;
  const c = combine([
    {
      key: 'relevance',
      score: relevance,
      weight: CONTENT.weights.relevance,
      weak: relevance !== null && relevance > 0 && relevance === bySubject ? 'it ranges beyond what the question asks' : 'the answer drifts from the question',
      strong: 'the answer stays on the question',
    },
    { key: 'keywords', score: hasSubject ? ramp(input.keywordCoverage, CONTENT.keywordZero, CONTENT.keywordFull) : null, weight: CONTENT.weights.keywords, weak: 'it uses few of the expected terms', strong: 'it uses the expected terms' },
    { key: 'keyPoints', score: input.keyPointCoverage === null ? null : input.keyPointCoverage * 100, weight: CONTENT.weights.keyPoints, weak: `it misses key points others were asked about${missing}`, strong: 'it covers the key points others were asked about' },
    {
      key: 'structure',
      score: structure ? (structure.present.length / structure.parts.length) * 100 : null,
      weight: CONTENT.weights.structure,
      weak: structure ? `${STRUCTURE_WORDING[structure.kind].subject} leaves out ${listOf(structure.parts.filter((p) => !structure.present.includes(p)).map((p) => STRUCTURE_PARTS[structure.kind][p] ?? p))}` : '',
      strong: structure ? STRUCTURE_WORDING[structure.kind].strong : '',
    },
  ]);
  return { score: c.score, evidence: 'ok', explanation: explain('content', c), measurements };
}

// ---------------- delivery ----------------

export const DELIVERY = {
  minWords: 20,
  /** Words per minute: full marks 120–160, zero at 80 and 200. */
  wpm: { zeroBelow: 80, lo: 120, hi: 160, zeroAbove: 200 },
  /** Fillers per minute: full marks ≤ 2, zero at 12. */
  fillersPerMinute: { full: 2, zero: 12 },
  /** Long pauses (> 2 s) per minute of speaking: full marks at 0, zero at 3. */
  longPausesPerMinute: { full: 0, zero: 3 },
  /** Reaction time (question shown → speech onset), seconds: full marks ≤ 3, zero at 10. */
  reactionSeconds: { full: 3, zero: 10 },
  /** Loudness (RMS dBFS over voiced frames): full marks −30 to −12, zero at −42 and −3. */
  rmsDbfs: { zeroBelow: -42, lo: -30, hi: -12, zeroAbove: -3 },
  /** Pitch variation (semitones): full marks ≥ 2.5, zero at 1.0 (monotone below 1.5). */
  pitchSemitones: { zero: 1.0, full: 2.5 },
  weights: { pace: 25, fillers: 25, pauses: 15, reaction: 10, volume: 10, pitch: 15 },
} as const;

export interface DeliveryInput {
  /** No recording (typed answer) → insufficient. */
  hasAudio: boolean;
  nearSilent: boolean;
  wordCount: number;
  transcriptUsable: boolean;
  wordsPerMinute: number | null;
  fillersPerMinute: number | null;
  longPauseCount: number;
  speakingTimeMs: number | null;
  reactionTimeMs: number | null;
  rmsDbfs: number | null;
  pitchVariationSemitones: number | null;
  monotone?: boolean | null;
}

export function scoreDelivery(input: DeliveryInput): ComponentScore {
  const minutes = input.speakingTimeMs ? input.speakingTimeMs / 60_000 : null;
  const pausesPerMin = minutes ? input.longPauseCount / minutes : null;
  const measurements: Measurement[] = [
    { label: 'Pace', value: input.wordsPerMinute === null ? null : Math.round(input.wordsPerMinute), unit: 'words/min', target: `${DELIVERY.wpm.lo}–${DELIVERY.wpm.hi}` },
    { label: 'Filler words', value: input.fillersPerMinute === null ? null : r1(input.fillersPerMinute), unit: 'per min', target: `≤ ${DELIVERY.fillersPerMinute.full}` },
    // Without a recording nothing was measured: no pauses is not the same as zero pauses.
    { label: 'Long pauses (> 2 s)', value: input.hasAudio ? input.longPauseCount : null, target: '0' },
    { label: 'Reaction time', value: input.reactionTimeMs === null ? null : r1(input.reactionTimeMs / 1000), unit: 's', target: `≤ ${DELIVERY.reactionSeconds.full}` },
    { label: 'Volume', value: input.rmsDbfs === null ? null : r1(input.rmsDbfs), unit: 'dBFS', target: `${DELIVERY.rmsDbfs.lo} to ${DELIVERY.rmsDbfs.hi}` },
    { label: 'Pitch variation', value: input.pitchVariationSemitones === null ? null : r1(input.pitchVariationSemitones), unit: 'semitones', target: `≥ ${DELIVERY.pitchSemitones.full}` },
  ];
  if (!input.hasAudio) return insufficient('delivery', 'there is no recording of this answer', measurements);
  if (input.nearSilent) return insufficient('delivery', 'the recording is nearly silent', measurements);
  if (!input.transcriptUsable) return insufficient('delivery', 'the transcript is low-confidence and was not corrected', measurements);
  if (input.wordCount < DELIVERY.minWords || input.wordsPerMinute === null) return insufficient('delivery', `fewer than ${DELIVERY.minWords} words were spoken`, measurements);
  const wpm = input.wordsPerMinute;
  const c = combine([
    {
      key: 'pace',
      score: band(wpm, DELIVERY.wpm.zeroBelow, DELIVERY.wpm.lo, DELIVERY.wpm.hi, DELIVERY.wpm.zeroAbove),
      weight: DELIVERY.weights.pace,
      weak: `the pace of ${Math.round(wpm)} words/min is ${wpm < DELIVERY.wpm.lo ? 'slow' : 'fast'} (target ${DELIVERY.wpm.lo}–${DELIVERY.wpm.hi})`,
      strong: `a pace of ${Math.round(wpm)} words/min is in the ${DELIVERY.wpm.lo}–${DELIVERY.wpm.hi} target`,
    },
    {
      key: 'fillers',
      score: input.fillersPerMinute === null ? null : ramp(input.fillersPerMinute, DELIVERY.fillersPerMinute.zero, DELIVERY.fillersPerMinute.full),
      weight: DELIVERY.weights.fillers,
      weak: `${r1(input.fillersPerMinute ?? 0)} filler words per minute is above the ${DELIVERY.fillersPerMinute.full}/min target`,
      strong: 'filler words are rare',
    },
    {
      key: 'pauses',
      score: pausesPerMin === null ? null : ramp(pausesPerMin, DELIVERY.longPausesPerMinute.zero, DELIVERY.longPausesPerMinute.full),
      weight: DELIVERY.weights.pauses,
      weak: `there ${input.longPauseCount === 1 ? 'was 1 long pause' : `were ${input.longPauseCount} long pauses`} over 2 s`,
      strong: 'there are no long pauses',
    },
    {
      key: 'reaction',
      score: input.reactionTimeMs === null ? null : ramp(input.reactionTimeMs / 1000, DELIVERY.reactionSeconds.zero, DELIVERY.reactionSeconds.full),
      weight: DELIVERY.weights.reaction,
      weak: `speech started ${r1((input.reactionTimeMs ?? 0) / 1000)} s after the question`,
      strong: 'the answer starts promptly',
    },
    {
      key: 'volume',
      score: input.rmsDbfs === null ? null : band(input.rmsDbfs, DELIVERY.rmsDbfs.zeroBelow, DELIVERY.rmsDbfs.lo, DELIVERY.rmsDbfs.hi, DELIVERY.rmsDbfs.zeroAbove),
      weight: DELIVERY.weights.volume,
      weak: `the volume (${r1(input.rmsDbfs ?? 0)} dBFS) is ${(input.rmsDbfs ?? 0) < DELIVERY.rmsDbfs.lo ? 'low' : 'very high'}`,
      strong: 'the volume is clear',
    },
    {
      key: 'pitch',
      score: input.pitchVariationSemitones === null ? null : ramp(input.pitchVariationSemitones, DELIVERY.pitchSemitones.zero, DELIVERY.pitchSemitones.full),
      weight: DELIVERY.weights.pitch,
      weak: `the pitch varies little (${r1(input.pitchVariationSemitones ?? 0)} semitones), which can sound monotone`,
      strong: 'the voice has lively pitch variation',
    },
  ]);
  return { score: c.score, evidence: 'ok', explanation: explain('delivery', c), measurements };
}

// ---------------- language ----------------

export const LANGUAGE = {
  minWords: 20,
  /** Grammar: score from `grammarScore` (100 up to 0.5 errors/100 words, 0 at 10). */
  /** Vocabulary variety (MATTR, 50-word window): zero at 0.55, full marks at 0.72. */
  mattr: { zero: 0.55, full: 0.72 },
  /** Each overused content word costs this many vocabulary points, up to 3 words. */
  overusedPenalty: 10,
  overusedMaxWords: 3,
  weights: { grammar: 70, vocabulary: 30 },
} as const;

export interface LanguageInput {
  wordCount: number;
  transcriptUsable: boolean;
  /** From `grammarScore` (0–100) and errors per 100 words. */
  grammarScore: number | null;
  errorsPer100Words: number | null;
  mattr: number | null;
  overusedWords: string[];
}

export function scoreLanguage(input: LanguageInput): ComponentScore {
  const measurements: Measurement[] = [
    { label: 'Grammar and spelling errors', value: input.errorsPer100Words, unit: 'per 100 words', target: '≤ 0.5' },
    { label: 'Vocabulary variety (MATTR)', value: input.mattr === null ? null : r2(input.mattr), target: `≥ ${LANGUAGE.mattr.full}` },
    { label: 'Overused words', value: input.overusedWords.length ? input.overusedWords.join(', ') : 'none', target: 'none' },
  ];
  if (!input.transcriptUsable) return insufficient('language', 'the transcript is low-confidence and was not corrected', measurements);
  if (input.wordCount < LANGUAGE.minWords) return insufficient('language', `the answer has fewer than ${LANGUAGE.minWords} words`, measurements);
  const vocab =
    input.mattr === null
      ? null
      : Math.max(0, ramp(input.mattr, LANGUAGE.mattr.zero, LANGUAGE.mattr.full) - LANGUAGE.overusedPenalty * Math.min(LANGUAGE.overusedMaxWords, input.overusedWords.length));
  const c = combine([
    {
      key: 'grammar',
      score: input.grammarScore,
      weight: LANGUAGE.weights.grammar,
      weak: `there are ${input.errorsPer100Words ?? 0} grammar or spelling errors per 100 words`,
      strong: 'grammar and spelling are accurate',
    },
    {
      key: 'vocabulary',
      score: vocab,
      weight: LANGUAGE.weights.vocabulary,
      weak: input.overusedWords.length ? `words such as "${input.overusedWords[0]}" are repeated often` : 'the vocabulary is repetitive',
      strong: 'the vocabulary is varied',
    },
  ]);
  return { score: c.score, evidence: 'ok', explanation: explain('language', c), measurements };
}

// ---------------- presence ----------------

/** Structural subset of the vision module's `PresenceMetrics`. */
export interface PresenceLike {
  oneFaceRatio: number;
  eyeContactRatio: number;
  /** Mean |Δyaw| + |Δpitch| between consecutive frames (normalised landmark units). */
  headMovement: number;
  enoughEvidence: boolean;
  frames: number;
}

export const PRESENCE = {
  /** Fewer frames than this (5 s at 2 frames/s) cannot be judged. */
  minFrames: 10,
  /** Face visible (exactly one face): insufficient below 0.5, full marks at 0.9. */
  oneFaceRatio: { zero: 0.5, full: 0.9 },
  /** Looking at the camera: zero at 0.3, full marks at 0.7. */
  eyeContactRatio: { zero: 0.3, full: 0.7 },
  /** Head movement per frame: full marks ≤ 0.06 (still face jitters 0.01–0.02), zero at 0.2 (restless). */
  headMovement: { full: 0.06, zero: 0.2 },
  weights: { face: 25, eyeContact: 50, headMovement: 25 },
} as const;

export function scorePresence(p: PresenceLike | null | undefined): ComponentScore {
  if (!p) return insufficient('presence', 'camera analysis was not enabled for this answer', []);
  const measurements: Measurement[] = [
    { label: 'Face visible', value: pct(p.oneFaceRatio), unit: '% of frames', target: `≥ ${pct(PRESENCE.oneFaceRatio.full)}%` },
    { label: 'Facing the camera', value: pct(p.eyeContactRatio), unit: '% of frames', target: `≥ ${pct(PRESENCE.eyeContactRatio.full)}%` },
    { label: 'Head movement', value: r2(p.headMovement), unit: 'per frame', target: `≤ ${PRESENCE.headMovement.full}` },
    { label: 'Frames analysed', value: p.frames },
  ];
  if (p.frames < PRESENCE.minFrames) return insufficient('presence', `only ${p.frames} camera frames were analysed`, measurements);
  if (!p.enoughEvidence || p.oneFaceRatio < PRESENCE.oneFaceRatio.zero) return insufficient('presence', 'a single face was visible in under half of the frames', measurements);
  const c = combine([
    { key: 'face', score: ramp(p.oneFaceRatio, PRESENCE.oneFaceRatio.zero, PRESENCE.oneFaceRatio.full), weight: PRESENCE.weights.face, weak: `the face was out of view in ${100 - pct(p.oneFaceRatio)}% of frames`, strong: 'the face stays in view' },
    { key: 'eyeContact', score: ramp(p.eyeContactRatio, PRESENCE.eyeContactRatio.zero, PRESENCE.eyeContactRatio.full), weight: PRESENCE.weights.eyeContact, weak: `the head faced the camera in only ${pct(p.eyeContactRatio)}% of frames`, strong: `the head faces the camera in ${pct(p.eyeContactRatio)}% of frames` },
    { key: 'headMovement', score: ramp(p.headMovement, PRESENCE.headMovement.zero, PRESENCE.headMovement.full), weight: PRESENCE.weights.headMovement, weak: 'the head moves a lot between frames', strong: 'the head is steady' },
  ]);
  return { score: c.score, evidence: 'ok', explanation: explain('presence', c), measurements };
}

// ---------------- overall ----------------

export const OVERALL_WEIGHTS = { content: 35, delivery: 25, language: 20, presence: 20 } as const;
export type ComponentName = keyof typeof OVERALL_WEIGHTS;

export interface OverallScore {
  score: number | null;
  /** Weights actually used (renormalised to sum to 100 over components with enough evidence). */
  weights: Partial<Record<ComponentName, number>>;
  explanation: string;
}

export function overallScore(components: Partial<Record<ComponentName, ComponentScore | null | undefined>>): OverallScore {
  const used = (Object.keys(OVERALL_WEIGHTS) as ComponentName[]).filter((k) => {
    const c = components[k];
    return c && c.evidence === 'ok' && c.score !== null;
  });
  if (!used.length) return { score: null, weights: {}, explanation: `${NOT_ENOUGH_EVIDENCE} for an overall score.` };
  const total = used.reduce((s, k) => s + OVERALL_WEIGHTS[k], 0);
  const weights: Partial<Record<ComponentName, number>> = {};
  let score = 0;
  for (const k of used) {
    weights[k] = Math.round((OVERALL_WEIGHTS[k] / total) * 1000) / 10;
    score += (components[k]!.score! * OVERALL_WEIGHTS[k]) / total;
  }
  const left = (Object.keys(OVERALL_WEIGHTS) as ComponentName[]).filter((k) => !used.includes(k));
  const explanation = left.length
    ? `Weighted over ${used.join(', ')}; ${left.join(', ')} had ${NOT_ENOUGH_EVIDENCE.toLowerCase()} and ${left.length === 1 ? 'was' : 'were'} left out.`
    : 'Weighted content 35, delivery 25, language 20, presence 20.';
  return { score: Math.round(score), weights, explanation };
}
