import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import TfIdf from 'natural/lib/natural/tfidf/tfidf.js';
import { sentenceSpans } from './text.js';
import { STOP_WORDS } from './vocabulary.js';

/**
 * Content relevance of an answer: TF-IDF cosine similarity to the question and the key points that
 * harvested interview experiences associate with it (Porter-stemmed, stop words removed), keyword
 * coverage, and which key points the answer does not touch. Also STAR-structure cues for
 * behavioural questions.
 */

/** Words of interview questions that say nothing about the topic. */
const QUESTION_WORDS = new Set([
  'tell', 'describe', 'explain', 'give', 'example', 'time', 'talk', 'share', 'walk', 'discuss', 'answer', 'question',
  'would', 'could', 'please', 'briefly', 'experience', 'situation', 'difference', 'different', 'between', 'use',
  'used', 'using', 'work', 'handle', 'approach', 'happen', 'happened', 'occasion', 'instance',
]);

/** Stemmed content tokens. */
export function contentStems(text: string, extraStop: ReadonlySet<string> = new Set()): string[] {
  const words = text.toLowerCase().replace(/’/g, "'").match(/[a-z0-9]+(?:['+#.-][a-z0-9]+)*[+#]*/g) ?? [];
  return words
    .filter((w) => !STOP_WORDS.has(w) && !extraStop.has(w) && (w.length > 1 || /\d/.test(w)))
    .map((w) => PorterStemmer.stem(w));
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [, v] of a) na += v * v;
  for (const [k, v] of b) {
    nb += v * v;
    const av = a.get(k);
    if (av) dot += av * v;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export interface RelevanceOptions {
  /**
   * Other documents (e.g. other questions' key points) for more meaningful IDF weights. Without
   * them IDF is computed over the question, the key points and the answer's sentences.
   */
  corpus?: string[];
  /** A key point counts as covered when this share of its content words appears in the answer. */
  keyPointThreshold?: number;
}

export interface RelevanceResult {
  /** TF-IDF cosine between the answer and question + key points (0–1). */
  tfidfCosine: number;
  /** Share of the distinct content words of question + key points that the answer uses (0–1). */
  keywordCoverage: number;
  /** Share of key points covered (null when there are none). */
  keyPointCoverage: number | null;
  coveredKeyPoints: string[];
  missingKeyPoints: string[];
  /** Content keywords of question + key points the answer does not use (surface forms). */
  missingKeywords: string[];
}

export const KEY_POINT_COVERED_SHARE = 0.5;

export function scoreRelevance(answer: string, question: string, keyPoints: string[], opts: RelevanceOptions = {}): RelevanceResult {
  const threshold = opts.keyPointThreshold ?? KEY_POINT_COVERED_SHARE;
  const answerStems = contentStems(answer);
  const answerSet = new Set(answerStems);
  const reference = [question, ...keyPoints].join('. ');
  const referenceStems = contentStems(reference, QUESTION_WORDS);

  const tfidf = new TfIdf();
  const docs = [
    ...(opts.corpus ?? []).map((d) => contentStems(d)),
    contentStems(question, QUESTION_WORDS),
    ...keyPoints.map((k) => contentStems(k)),
    ...sentenceSpans(answer).map((s) => contentStems(answer.slice(s.start, s.end))),
  ].filter((d) => d.length > 0);
  for (const d of docs) tfidf.addDocument(d);
  const vector = (stems: string[]) => {
    const tf = new Map<string, number>();
    for (const s of stems) tf.set(s, (tf.get(s) ?? 0) + 1);
    const v = new Map<string, number>();
    for (const [term, count] of tf) v.set(term, count * tfidf.idf(term));
    return v;
  };
  const tfidfCosine = docs.length ? cosine(vector(answerStems), vector(referenceStems)) : 0;

  // Keyword coverage, reported with surface forms for the report.
  const surface = new Map<string, string>();
  for (const w of reference.toLowerCase().match(/[a-z0-9]+(?:['+#.-][a-z0-9]+)*[+#]*/g) ?? []) {
    if (STOP_WORDS.has(w) || QUESTION_WORDS.has(w) || w.length < 2) continue;
    const stem = PorterStemmer.stem(w);
    if (!surface.has(stem)) surface.set(stem, w);
  }
  const keywords = [...new Set(referenceStems)];
  const present = keywords.filter((k) => answerSet.has(k));
  const keywordCoverage = keywords.length ? present.length / keywords.length : 0;
  const missingKeywords = keywords.filter((k) => !answerSet.has(k)).map((k) => surface.get(k) ?? k);

  const coveredKeyPoints: string[] = [];
  const missingKeyPoints: string[] = [];
  for (const kp of keyPoints) {
    const stems = [...new Set(contentStems(kp))];
    const hit = stems.filter((s) => answerSet.has(s)).length;
    if (stems.length > 0 && hit / stems.length >= threshold) coveredKeyPoints.push(kp);
    else missingKeyPoints.push(kp);
  }
  return {
    tfidfCosine: Math.round(tfidfCosine * 1000) / 1000,
    keywordCoverage: Math.round(keywordCoverage * 1000) / 1000,
    keyPointCoverage: keyPoints.length ? coveredKeyPoints.length / keyPoints.length : null,
    coveredKeyPoints,
    missingKeyPoints,
    missingKeywords,
  };
}

// ---------------- STAR ----------------

export type StarPart = 'situation' | 'task' | 'action' | 'result';
export interface StarResult {
  situation: boolean;
  task: boolean;
  action: boolean;
  result: boolean;
  /** Parts present, in S-T-A-R order. */
  present: StarPart[];
  missing: StarPart[];
  /** The phrases that triggered each part (for the report). */
  cues: Record<StarPart, string[]>;
}

const ACTION_VERBS =
  'decided|started|implemented|built|created|wrote|organi[sz]ed|led|talked|spoke|designed|set up|reached out|analy[sz]ed|proposed|introduced|scheduled|fixed|investigated|called|arranged|coordinated|developed|refactored|automated|prioriti[sz]ed|delegated|debugged|tested|migrated|rewrote|added|removed|changed|suggested|convinced|explained|asked|contacted|escalated|documented|planned|split|broke down|took (?:the )?(?:initiative|ownership|charge)|went through|looked (?:at|into)|dug into|worked (?:with|on|out)|sat down|stayed|trained|mentored|negotiated|presented|raised|resolved|volunteered|focused|approached|handled';
const STAR_CUES: Record<StarPart, RegExp[]> = {
  situation: [
    /\b(?:when|while) (?:i|we) (?:was|were|worked|joined|interned)\b/gi,
    /\b(?:at|in|during) my (?:previous|last|first|current|final[- ]year)? ?(?:job|role|company|internship|project|team|semester|college|university|position)\b/gi,
    /\b(?:there was a time|once,? |one time|last year|a few (?:months|years) ago|back in (?:19|20)\d\d|in (?:19|20)\d\d)\b/gi,
    /\b(?:the situation|the context|the background|the problem was|we were facing|we faced|our team was|the team was|the project was|the client was)\b/gi,
    /\bduring (?:my|our|the) \w+/gi,
  ],
  task: [
    /\bmy (?:task|responsibility|role|goal|job|aim|objective|assignment) (?:was|is)\b/gi,
    /\bi was (?:responsible|asked|tasked|assigned|supposed|expected|given|in charge)\b/gi,
    /\b(?:i|we) (?:needed|had|wanted) to\b/gi,
    /\bthe (?:goal|objective|target|task|challenge|deadline|requirement) (?:was|is)\b/gi,
    /\b(?:i|we) (?:must|should) (?:make sure|ensure|deliver|finish)\b/gi,
  ],
  action: [new RegExp(`\\b(?:i|we) (?:first |then |quickly |immediately |personally |also )?(?:${ACTION_VERBS})\\b`, 'gi'), /\b(?:first(?:ly)?|then|next|after that),? (?:i|we)\b/gi],
  result: [
    /\b(?:as a result|in the end|eventually|finally|the result|the outcome|consequently|because of this|thanks to (?:this|that))\b/gi,
    /\b(?:we|i|it|this|that|which) (?:successfully |finally |eventually )?(?:achieved|reduced|increased|improved|delivered|saved|shipped|launched|cut|won|completed|met|exceeded|resolved|helped|led to|resulted in|went live)\b/gi,
    /\b\d+(?:\.\d+)? ?(?:%|percent|per cent|x faster|times faster)\b/gi,
    /\b(?:i|we) (?:learned|learnt|realised|realized)\b/gi,
    /\b(?:lesson|feedback (?:was|from)|appreciated|recogni[sz]ed|promoted|award(?:ed)?)\b/gi,
  ],
};

export function detectStar(answer: string): StarResult {
  const cues = { situation: [], task: [], action: [], result: [] } as Record<StarPart, string[]>;
  for (const part of Object.keys(STAR_CUES) as StarPart[]) {
    for (const re of STAR_CUES[part]) {
      re.lastIndex = 0;
      for (const m of answer.matchAll(re)) {
        const phrase = m[0].trim().toLowerCase();
        if (!cues[part].includes(phrase)) cues[part].push(phrase);
      }
    }
  }
  const order: StarPart[] = ['situation', 'task', 'action', 'result'];
  const present = order.filter((p) => cues[p].length > 0);
  return {
    situation: cues.situation.length > 0,
    task: cues.task.length > 0,
    action: cues.action.length > 0,
    result: cues.result.length > 0,
    present,
    missing: order.filter((p) => cues[p].length === 0),
    cues,
  };
}

const BEHAVIOURAL_RE =
  /\b(?:tell (?:me|us) about (?:a|an|the|one) (?:time|situation|occasion|instance|project|challenge|conflict|mistake|failure)|describe (?:a|an) (?:time|situation|occasion|instance|experience|challenge|conflict|project)|give (?:me |us )?(?:a|an) (?:example|instance)|have you ever|how did you (?:handle|deal|manage|resolve|approach|cope|overcome|respond)|talk about a time|share (?:a|an) (?:time|example|experience|instance|situation)|walk (?:me|us) through (?:a|an) (?:time|situation)|a time (?:when|you)|when you (?:had|were|failed|led|disagreed|made|faced|worked)|(?:biggest|greatest|toughest|hardest) (?:challenge|mistake|failure|achievement|accomplishment)|proudest|disagree(?:d|ment)? with (?:your|a) (?:manager|colleague|teammate|team|boss|lead))/i;

/** True for behavioural ("tell me about a time ...") questions, where STAR structure is expected. */
export function isBehavioural(question: string): boolean {
  return BEHAVIOURAL_RE.test(question);
}
