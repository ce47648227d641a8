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

/**
 * Interview-question themes and the other ways answers say them, rewritten to one word on both
 * sides before matching: a good answer to "What are your strengths and weaknesses?" says "I'm good
 * at…" and "where I fall short…", and one to "What are your salary expectations?" talks of lakhs.
 */
const THEMES: ReadonlyArray<readonly [canonical: string, variants: RegExp]> = [
  ['strength', /\b(?:good at|best at|strong points?|strong suit|excel at)\b/g],
  ['weakness', /\b(?:weak points?|fall short|shortcomings?|areas? (?:of|for|to) improve(?:ment)?|need to improve|struggle with)\b/g],
  ['relocate', /\b(?:relocation|move to|moving to|open to moving|shift to|new city|another city|any city|any location)\b/g],
  ['salary', /\b(?:package|ctc|lpa|lakhs?|compensation|stipend|remuneration)\b/g],
  ['conflict', /\b(?:disagree(?:d|ment|ments)?|argu(?:e|ed|ment|ments)|clash(?:ed|es)?|different opinions?|friction)\b/g],
  ['teammate', /\b(?:team ?members?|colleagues?|classmates?|groupmates?|project partners?|peers?)\b/g],
  ['pressure', /\b(?:tight deadlines?|deadlines?|urgent(?:ly)?|crunch|last[- ]minute|time pressure)\b/g],
  ['fail', /\b(?:failures?|mistakes?|went wrong|setbacks?|did ?n[o']t work)\b/g],
  ['learn', /\b(?:picked up|self-taught|taught myself|figured out)\b/g],
  ['quickly', /\b(?:in (?:a few|two|three|four|five|ten|\d+) (?:days|weeks)|short time|fast)\b/g],
];
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const NUMBER_WORD_RE = new RegExp(`\\b(?:${NUMBER_WORDS.join('|')})\\b`, 'g');

/** Lower-cased text with interview themes and number words in one form each (see THEMES). */
export function canonicalText(text: string): string {
  let out = text.toLowerCase().replace(/’/g, "'");
  for (const [canonical, variants] of THEMES) out = out.replace(variants, canonical);
  return out.replace(NUMBER_WORD_RE, (w) => String(NUMBER_WORDS.indexOf(w)));
}

/** Stemmed content tokens. */
export function contentStems(text: string, extraStop: ReadonlySet<string> = new Set()): string[] {
  const words = canonicalText(text).match(/[a-z0-9]+(?:['+#.-][a-z0-9]+)*[+#]*/g) ?? [];
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
  for (const w of canonicalText(reference).match(/[a-z0-9]+(?:['+#.-][a-z0-9]+)*[+#]*/g) ?? []) {
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

// ---------------- answer structure: STAR, self-introduction, motivation ----------------

/** Which parts of an expected structure an answer has, with the phrases that showed each. */
export interface StructureResult<P extends string> {
  /** Parts present, in the structure's order. */
  present: P[];
  missing: P[];
  /** The phrases that triggered each part (for the report). */
  cues: Record<P, string[]>;
}

function detectParts<P extends string>(answer: string, patterns: Record<P, RegExp[]>): StructureResult<P> {
  const order = Object.keys(patterns) as P[];
  const cues = Object.fromEntries(order.map((part) => [part, [] as string[]])) as Record<P, string[]>;
  for (const part of order) {
    for (const re of patterns[part]) {
      for (const m of answer.matchAll(re)) {
        const phrase = m[0].trim().toLowerCase();
        if (!cues[part].includes(phrase)) cues[part].push(phrase);
      }
    }
  }
  return { present: order.filter((p) => cues[p].length > 0), missing: order.filter((p) => cues[p].length === 0), cues };
}

export type StarPart = 'situation' | 'task' | 'action' | 'result';
export type StarResult = StructureResult<StarPart>;

const ACTION_VERBS =
  'decided|started|implemented|built|created|wrote|organi[sz]ed|led|talked|spoke|designed|set up|reached out|analy[sz]ed|proposed|introduced|scheduled|fixed|investigated|called|arranged|coordinated|developed|refactored|automated|prioriti[sz]ed|delegated|debugged|tested|migrated|rewrote|added|removed|changed|suggested|convinced|explained|asked|contacted|escalated|documented|planned|split|broke down|took (?:the )?(?:initiative|ownership|charge)|went through|looked (?:at|into)|dug into|worked (?:with|on|out)|sat down|stayed|trained|mentored|negotiated|presented|raised|resolved|volunteered|focused|approached|handled';
const STAR_CUES: Record<StarPart, RegExp[]> = {
  situation: [
    /\b(?:when|while) (?:i|we) (?:was|were|worked|joined|interned)\b/gi,
    /\b(?:at|in|during) (?:my|our) (?:[\w-]+ ){0,2}(?:job|role|company|internship|project|team|semester|year|college|university|position|fest|hackathon|club|event|course|lab)\b/gi,
    /\b(?:there was a time|once,? |one time|last year|a few (?:months|years) ago|back in (?:19|20)\d\d|in (?:19|20)\d\d)\b/gi,
    /\b(?:the situation|the context|the background|the problem was|we were facing|we faced|our team was|the team was|the project was|the client was)\b/gi,
    /\bduring (?:my|our|the) \w+/gi,
    /\bin (?:my |our |the )?(?:first|second|third|fourth|final|pre-final)[- ]year\b/gi,
  ],
  task: [
    /\bmy (?:task|responsibility|role|goal|job|aim|objective|assignment) (?:was|is)\b/gi,
    /\bi was (?:responsible|asked|tasked|assigned|supposed|expected|given|in charge)\b/gi,
    /\b(?:i|we) (?:needed|had|wanted) to\b/gi,
    /\bthe (?:goal|objective|target|task|challenge|deadline|requirement) (?:was|is)\b/gi,
    /\b(?:i|we) (?:must|should) (?:make sure|ensure|deliver|finish)\b/gi,
    /\bit was (?:my|our) (?:job|responsibility|task)\b/gi,
    /\b(?:it|the \w+) (?:had|needed) to be\b/gi,
  ],
  action: [
    new RegExp(`\\b(?:i|we) (?:first |then |quickly |immediately |personally |also )?(?:${ACTION_VERBS})\\b`, 'gi'),
    /\b(?:first(?:ly)?|then|next|after that),? (?:i|we)\b/gi,
    // A story's actions are mostly first-person past tense: "I reproduced the bug", "we sat with him".
    /\b(?:i|we) (?:first |then |quickly |immediately |also |finally )?(?!(?:needed|wanted|used|liked|loved|hated|seemed|belonged|owned|tried)\b)(?:[a-z]{3,}ed|sat|took|made|built|ran|met|found|gave|went|began|did|kept|put|told|brought|chose|held|taught|sent|spent|drew|broke|stood|shared)\b/gi,
  ],
  result: [
    /\b(?:as a result|in the end|eventually|finally|the result|the outcome|consequently|because of this|thanks to (?:this|that))\b/gi,
    /\b(?:we|i|it|this|that|which) (?:successfully |finally |eventually )?(?:achieved|reduced|increased|improved|delivered|saved|shipped|launched|cut|won|completed|met|exceeded|resolved|helped|led to|resulted in|went live)\b/gi,
    /\b\d+(?:\.\d+)? ?(?:%|percent|per cent|x faster|times faster)\b/gi,
    /\b(?:i|we) (?:learned|learnt|realised|realized)\b/gi,
    /\b(?:lesson|feedback (?:was|from)|appreciated|recogni[sz]ed|promoted|award(?:ed)?)\b/gi,
    /\b(?:on time|ahead of (?:time|schedule)|went (?:live|out|well)|from (?:zero|\d[\d,.]*%?) to (?:about |around )?\d[\d,.]*)/gi,
    /\bthe (?:client|customer|team|manager|mentor|professor|judges|lead|interviewer)s? (?:saw|said|liked|loved|praised|thanked|accepted|approved|was happy|were happy)\b/gi,
    /\b(?:we|i) (?:got|passed|cleared|secured|finished|submitted|came|placed|ranked) (?:it |the \w+ )?(?:on time|first|second|third|top|selected|in time|before)\b/gi,
    /\b(?:shipped|launched|went live|released)\b/gi,
    /\b\d[\d,]* (?:students|users|people|customers|clients|teams|downloads|installs|visitors|orders)\b/gi,
  ],
};

/** Situation, task, action, result cues of a "tell me about a time" story. */
export function detectStar(answer: string): StarResult {
  return detectParts(answer, STAR_CUES);
}

/**
 * The parts interviewers listen for in a self-introduction: where you study, what you have done,
 * what you are good at, and what you want next. Such a question names no subject an answer could
 * echo, so these parts are what its content is judged on.
 */
export type IntroductionPart = 'background' | 'experience' | 'strengths' | 'goals';
export type IntroductionResult = StructureResult<IntroductionPart>;

const INTRODUCTION_CUES: Record<IntroductionPart, RegExp[]> = {
  background: [
    /\b(?:student|studying|pursuing|graduat(?:e|ed|ing|ion)|(?:first|second|third|fourth|final|pre-final)[- ]year|b\.?\s?tech|m\.?\s?tech|b\.?e\.?(?=\s)|bachelor'?s?|master'?s?|degree|diploma|college|university|institute|cgpa|gpa|branch|engineering|computer science)\b/gi,
  ],
  experience: [
    /\b(?:projects?|internships?|interned|intern|hackathons?|research|open[- ]source|competitions?|freelanc\w*)\b/gi,
    /\b(?:i|we) (?:have |had )?(?:worked (?:on|at|as|with)|built|developed|created|implemented|designed|led|organi[sz]ed|volunteered|published|won)\b/gi,
  ],
  strengths: [
    /\b(?:skills?|strengths?|strong (?:in|at)|good (?:at|in)|proficient|comfortable (?:with|in)|familiar with|knowledge (?:of|in)|expertise|quick learner|hard[- ]?working|team player|problem[- ]solving)\b/gi,
    /\bi (?:know|enjoy|love) (?:coding|programming|solving|building|designing|working)\b/gi,
  ],
  goals: [
    /\b(?:looking (?:forward|for)|i (?:want|would like|wish|hope|aim|plan) to|my (?:goal|aim|dream|plan)|aspir\w+|career|long[- ]term|excited (?:to|about)|this (?:role|position|opportunity)|your (?:company|organi[sz]ation|team)|contribute|to grow)\b/gi,
  ],
};

export function detectIntroduction(answer: string): IntroductionResult {
  return detectParts(answer, INTRODUCTION_CUES);
}

/**
 * The parts interviewers listen for when asked why you want this job ("Why do you want to join
 * Kestrel?", "Why should we hire you?"): that you know what the company and the role are about,
 * evidence of what you can do, what you would bring, and how you want to grow. Such a question
 * names no subject either (its only content word may be the company's name, which a weak answer
 * repeats and a good one often does not), so these parts are what its content is judged on.
 */
export type MotivationPart = 'company' | 'evidence' | 'contribution' | 'goals';
export type MotivationResult = StructureResult<MotivationPart>;

const MOTIVATION_CUES: Record<MotivationPart, RegExp[]> = {
  company: [
    // Something specific about them: "your route-scheduling service", "the bank's rural branches".
    /\b(?:your|the company's|the team's|the firm's|the bank's) (?!company\b|organi[sz]ation\b|firm\b)(?:[\w-]+ ){0,2}(?:products?|platforms?|apps?|customers|clients|users|engineering|blog|mission|values|stack|services?|approach|focus|scale|teams?|tools?|research|open[- ]source|solutions?|projects?|growth|expansion|merchants|network|branches|systems?|models?|data|pipelines?|infrastructure|codebase)\b/gi,
    /\b(?:you (?:build|are building|serve|make|run|process|handle|launched|released|offer|have built|recently)|i (?:read|have read|followed|have followed|saw|noticed|researched|went through|came across|learned that|found that|have been using|use your|used your) (?:your|about|that|the|how|several|some|a))\b/gi,
    /\b(?:this|the) (?:role|position|job|profile) (?:is about|involves|needs|requires|asks for|focuses on|works on|would let|means)\b/gi,
    /\b(?:job description|alumni|seniors who (?:work|worked|are working)|people (?:who work|working) (?:here|there|at))\b/gi,
  ],
  evidence: [
    /\b(?:internships?|interned|hackathons?|open[- ]source contributions?|research paper|competitions?|my (?:[\w-]+ ){0,2}projects?)\b/gi,
    /\b(?:i|we) (?:have |had )?(?:built|developed|created|implemented|designed|led|organi[sz]ed|shipped|deployed|wrote|published|won|automated|reduced|improved|optimi[sz]ed|solved|cleared|worked (?:on|at|as|with))\b/gi,
    /\b\d[\d,.]*\+? ?(?:%|(?:percent|users|students|problems|questions|requests|ms|hours|days|months|stars|members|people|teams?)\b)/gi,
  ],
  contribution: [
    /\bi(?: can| could| will| would|'ll|'d| am able to) (?:also |quickly |immediately )?(?:bring|contribute|add|help|start|take|own|deliver|work on|build|improve|support|hit the ground)\b/gi,
    /\b(?:contribut(?:e|ing|ion)|from day one|make an impact|add value|bring to the (?:team|table|role))\b/gi,
  ],
  goals: [
    /\b(?:grow(?:th)? (?:as|into|in)|learn from|long[- ]term|my (?:goal|aim|dream|plan)|in (?:a few|five|5|two|2|three|3) years|mentor(?:ship|ing|s)?|i(?: want| would like| wish| hope| aim| plan|'d like) to (?:grow|learn|become|build|work|be|get better|deepen|specialise|specialize)|looking for (?:a place|an opportunity|a role|a team|a company))\b/gi,
  ],
};

export function detectMotivation(answer: string): MotivationResult {
  return detectParts(answer, MOTIVATION_CUES);
}

const MOTIVATION_RE =
  /\b(?:why (?:do|would|did) you (?:want|wish|like|choose|pick|prefer)(?: to)? (?:join|work|apply|be|become|choose|pick)|why (?:should|would|must) we (?:hire|choose|select|pick|take|consider) you|why (?:are|were) you (?:interested|applying|keen)|why (?:this|our) (?:company|role|position|organi[sz]ation|team|firm|job|bank|domain|field|profile)|what do you know about (?:us|our (?:company|organi[sz]ation|firm|bank|team|products?|business)|the (?:company|organi[sz]ation|firm|role|position))|what (?:attracts you|interests you|excites you|draws you|appeals to you|motivates you) (?:about|to|in)|why did you (?:choose|apply|pick|select)|what makes you (?:a |the )?(?:good|right|great|suitable|ideal|best|strong) (?:fit|candidate|match|choice))/i;

/** True for "why do you want this job" questions, judged on the parts of a motivation answer. */
export function isMotivation(question: string): boolean {
  return MOTIVATION_RE.test(question);
}

const INTRODUCTION_RE =
  /\b(?:tell (?:me|us) (?:something |a (?:little|bit) )?about yourself|introduce yourself|(?:your|a)(?: brief| short| quick)? (?:self[- ])?introduction|self[- ]introduction|describe yourself|walk (?:me|us) through your (?:resume|cv|background|profile|journey))\b/i;

/** True for "tell me about yourself" questions, judged on the parts of a self-introduction. */
export function isIntroduction(question: string): boolean {
  return INTRODUCTION_RE.test(question);
}

const BEHAVIOURAL_RE =
  /\b(?:tell (?:me|us) about (?:a|an|the|one) (?:time|situation|occasion|instance|project|challenge|conflict|mistake|failure)|describe (?:a|an) (?:time|situation|occasion|instance|experience|challenge|conflict|project)|give (?:me |us )?(?:a|an) (?:example|instance)|have you ever|how did you (?:handle|deal|manage|resolve|approach|cope|overcome|respond)|talk about a time|share (?:a|an) (?:time|example|experience|instance|situation)|walk (?:me|us) through (?:a|an) (?:time|situation)|a time (?:when|you)|when you (?:had|were|failed|led|disagreed|made|faced|worked)|(?:biggest|greatest|toughest|hardest) (?:challenge|mistake|failure|achievement|accomplishment)|proudest|disagree(?:d|ment)? with (?:your|a) (?:manager|colleague|teammate|team|boss|lead))/i;

/** True for behavioural ("tell me about a time ...") questions, where STAR structure is expected. */
export function isBehavioural(question: string): boolean {
  return BEHAVIOURAL_RE.test(question);
}
