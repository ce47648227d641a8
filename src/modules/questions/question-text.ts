import DiceCoefficient from 'natural/lib/natural/distance/dice_coefficient.js';
import JaroWinklerDistance from 'natural/lib/natural/distance/jaro-winkler_distance.js';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { wordTable } from '../../ml/language/text.js';

/**
 * Text rules of the question bank: how a round's "questions asked" box becomes question lines, how a
 * line is normalised for storage and search, and when two wordings count as the same question.
 * Pure functions, no database, so they are unit-tested on a labelled table of real pairs.
 */

/** Lines shorter than this (after list markers are stripped) are noise such as "ok" or "DP". */
const MIN_QUESTION_LENGTH = 5;
/** Long enough for any real question; longer pastes are cut so one line cannot bloat the bank. */
export const MAX_QUESTION_LENGTH = 500;

// "1.", "1)", "(2)", "Q1:", "Q.", "Question 3 -", "a)", "-", "*", "•", "–", ">".
const LIST_MARKER =
  /^\s*(?:[-*•·–—>]+\s*|\(?\d{1,3}[.):](?!\d)\s*|\(?[a-h][.)]\s+|q(?:uestion)?\s*\d{0,3}\s*[.:)\-–]\s*|q\d{1,3}\s+)+/iu;

/** Removes list markers and stray whitespace, keeping the author's wording and punctuation. */
export function cleanQuestion(line: string): string {
  const text = line.replace(LIST_MARKER, '').replace(/\s+/g, ' ').trim();
  const cut = text.length > MAX_QUESTION_LENGTH ? `${text.slice(0, MAX_QUESTION_LENGTH - 1).trimEnd()}…` : text;
  return cut.charAt(0).toUpperCase() + cut.slice(1);
}

/** A short line ending in a colon ("Coding round:", "DBMS:") is a heading, not a question. */
const isHeading = (text: string) => text.endsWith(':') && text.split(' ').length <= 4;

/** One question per line of a round's questions box; list markers, blank and tiny lines dropped. */
export function splitQuestions(questionsText: string): string[] {
  return questionsText
    .split(/\r?\n/)
    .map(cleanQuestion)
    .filter((text) => text.length >= MIN_QUESTION_LENGTH && /\p{L}/u.test(text) && !isHeading(text));
}

// How people report a question rather than the question itself: "They asked me to reverse…".
const LEADING_FILLER = [
  /^(?:and |then |next |also |finally |so )+/,
  /^(?:the )?(?:interviewer|panel|they|he|she|i|we)(?: was| were)?(?: then| also)? (?:asked|told|gave)(?: me| us)?(?: to| about| for| that| a question on| a question about)? /,
  /^(?:was |were )?(?:asked|told)(?: me| us)?(?: to| about| for)? /,
  /^(?:q\d*|ques|question) /,
];

/** Lower case, punctuation removed (except the + and # of C++ and C#), filler dropped, spaces collapsed. */
export function normalizeQuestion(text: string): string {
  let normal = cleanQuestion(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}+#\s]+/gu, ' ')
    .replace(/(^|\s)[+#]+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const filler of LEADING_FILLER) {
      const next = normal.replace(filler, '');
      if (next !== normal && next.length > 0) {
        normal = next;
        changed = true;
      }
    }
  }
  return normal;
}

// Grammar words. Kept deliberately small: "where", "having", "not", "without", "between" carry
// meaning in interview questions (WHERE vs HAVING), so natural's long stop list is not used.
const STOP_WORDS = new Set(
  `a an the of to in on at for from by with and or but nor is are was were be been being am do does did done doing
  can could would will should shall may might must i me my we us our you your yours he him his she her they them their
  it its this that these those there here what which who whom whose how why when if then than so such as into onto
  about over any some all each every both either just also too only very has have had let lets please kindly something
  anything whats hows`.split(/\s+/),
);

// Words that frame a question or qualify an approach without changing what is asked:
// "Write a program to find…", "Explain…", "…iteratively", "…in a singly linked list".
const FRAMING_WORDS = new Set(
  `explain describe discuss tell write code program programme query queries function find get compute calculate
  determine return implement design give given using use example examples briefly brief detail details detailed simple
  basic know understand understanding concept introduce now ok okay say iteratively iterative recursively
  recursive efficiently efficient optimally optimal optimised optimized singly quickly properly exactly actually
  approach solve operation operations`.split(/\s+/),
);

// Interchangeable words in interview questions, folded to one spelling before stemming.
const SYNONYMS = wordTable({
  number: 'element', numbers: 'element', integer: 'element', integers: 'element', element: 'element', elements: 'element',
  largest: 'max', biggest: 'max', greatest: 'max', highest: 'max', maximum: 'max', max: 'max',
  smallest: 'min', lowest: 'min', minimum: 'min', min: 'min', least: 'min',
  db: 'database', databases: 'database', rdbms: 'dbms', oops: 'oop', cv: 'resume',
});

const stemCache = new Map<string, string>();
function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = /\d/.test(word) || /[+#]/.test(word) ? word : PorterStemmer.stem(word);
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

// A required complexity ("in O(1) time", "O(n log n)") qualifies the approach like "iteratively" does.
const COMPLEXITY = /\bo (?:n log n|log n|nlogn|logn|n 2|n2|n|1|k|m n|n m)\b/g;

/** The meaning-bearing stems of a normalised question, without duplicates. */
export function contentTokens(normalized: string): string[] {
  const tokens = new Set<string>();
  for (const word of normalized.replace(COMPLEXITY, ' ').split(' ')) {
    if (!word || STOP_WORDS.has(word) || FRAMING_WORDS.has(word)) continue;
    tokens.add(stem(SYNONYMS[word] ?? word));
  }
  return [...tokens];
}

/** The words of a normalised question that say what it is about, as written (for word clouds). */
export function subjectWords(normalized: string): string[] {
  return normalized
    .replace(COMPLEXITY, ' ')
    .split(' ')
    .filter((word) => word.length > 1 && !/^\d+$/.test(word) && !STOP_WORDS.has(word) && !FRAMING_WORDS.has(word));
}

/** Same stem, or a misspelling of it ("lsit"/"list", "semaphor"/"semaphore"): long and very close. */
function sameToken(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 4 || b.length < 4 || Math.abs(a.length - b.length) > 2 || a[0] !== b[0]) return false;
  if (/\d/.test(a) || /\d/.test(b)) return false;
  return JaroWinklerDistance(a, b) >= 0.93;
}

export interface TokenComparison {
  /** Jaccard overlap, near-identical stems counting as shared. */
  overlap: number;
  onlyA: string[];
  onlyB: string[];
}

/** Pairs up equal or near-identical stems (each at most once) and reports what is left on each side. */
export function compareTokens(a: readonly string[], b: readonly string[]): TokenComparison {
  const unmatched = new Set(b);
  const onlyA: string[] = [];
  let shared = 0;
  for (const token of a) {
    if (unmatched.delete(token)) {
      shared += 1;
      continue;
    }
    let paired = false;
    for (const candidate of unmatched) {
      if (sameToken(token, candidate)) {
        unmatched.delete(candidate);
        paired = true;
        break;
      }
    }
    if (paired) shared += 1;
    else onlyA.push(token);
  }
  const union = a.length + b.length - shared;
  return { overlap: union === 0 ? 0 : shared / union, onlyA, onlyB: [...unmatched] };
}

// Counts and ordinals: "merge k sorted lists" and "merge two sorted lists" are different problems.
const QUANTITY = /^(?:\d.*|[kmnx]|kth|nth|on|one|two|three|four|five|six|seven|eight|nine|ten|first|second|third|fourth|fifth|singl|doubl|tripl|twice|half)$/;

/**
 * When one wording only adds words to the other ("reverse a linked list" + "iteratively"), 0.65
 * lets one extra word through for a three-word question and two for a six-word one. When each side
 * has a word the other lacks, a key word was probably swapped ("normalization"/"indexing",
 * "largest"/"smallest", "WHERE"/"GROUP BY"), so the bar is higher, and a swapped number or
 * ordinal never merges.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.65;
export const SUBSTITUTION_THRESHOLD = 0.7;

/** Questions with no content words ("Why?", "What about you?") only match nearly the same string. */
const STRING_ONLY_THRESHOLD = 0.9;

export interface ComparableQuestion {
  normalized: string;
  tokens: readonly string[];
}

export function comparable(text: string): ComparableQuestion {
  const normalized = normalizeQuestion(text);
  return { normalized, tokens: contentTokens(normalized) };
}

/**
 * How alike two wordings are, in [0, 1], and 0 when they are not near-duplicates: the token
 * overlap, or — when one side has no content words — the bigram Dice coefficient of the
 * normalised strings, counted only when they are nearly equal.
 */
export function questionSimilarity(a: ComparableQuestion, b: ComparableQuestion): number {
  if (a.normalized === b.normalized) return 1;
  if (a.tokens.length === 0 || b.tokens.length === 0) {
    const dice = DiceCoefficient(a.normalized, b.normalized);
    return dice >= STRING_ONLY_THRESHOLD ? dice : 0;
  }
  const { overlap, onlyA, onlyB } = compareTokens(a.tokens, b.tokens);
  const substituted = onlyA.length > 0 && onlyB.length > 0;
  if (!substituted) return overlap >= NEAR_DUPLICATE_THRESHOLD ? overlap : 0;
  if (onlyA.some((t) => QUANTITY.test(t)) || onlyB.some((t) => QUANTITY.test(t))) return 0;
  return overlap >= SUBSTITUTION_THRESHOLD ? overlap : 0;
}

export function isNearDuplicate(a: string | ComparableQuestion, b: string | ComparableQuestion): boolean {
  const left = typeof a === 'string' ? comparable(a) : a;
  const right = typeof b === 'string' ? comparable(b) : b;
  return questionSimilarity(left, right) > 0;
}

/**
 * Ranks the candidates a new wording could join: null when none is a near-duplicate, else the
 * best one. Equal overlaps are settled by the Dice coefficient, so the closest wording wins.
 */
export function bestMatch<T extends ComparableQuestion>(question: ComparableQuestion, candidates: Iterable<T>): T | null {
  let best: T | null = null;
  let bestScore = -1;
  for (const candidate of candidates) {
    const similarity = questionSimilarity(question, candidate);
    if (similarity === 0) continue;
    const score = similarity + DiceCoefficient(question.normalized, candidate.normalized) / 1000;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/**
 * What a text filter looks for in normalised questions: the content words of the query cut to
 * their stem, so "reversing lists" finds "reverse a linked list". A stem is not always a prefix of
 * its word ("happy" → "happi"), so the shared prefix is used instead. Grammar words are skipped
 * unless the query has nothing else.
 */
export function searchTerms(query: string, max = 8): string[] {
  const words = normalizeQuestion(query).split(' ').filter(Boolean);
  const content = words.filter((w) => !STOP_WORDS.has(w));
  const terms = new Set<string>();
  for (const word of content.length ? content : words) {
    const stemmed = stem(word);
    let prefix = 0;
    while (prefix < stemmed.length && prefix < word.length && stemmed[prefix] === word[prefix]) prefix += 1;
    terms.add(prefix >= 3 ? word.slice(0, prefix) : word);
  }
  return [...terms].slice(0, max);
}
