/**
 * Small text utilities shared by the language and speech modules: word tokens with character
 * offsets into the original string, sentence boundaries, and a few closed word classes.
 */

export interface WordToken {
  /** The word as written (original case). */
  text: string;
  /** Lower-cased, with typographic apostrophes normalised to '. */
  lower: string;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
  /** Index of the sentence the token belongs to (see `sentenceSpans`). */
  sentence: number;
  /** True when this is the first word of its sentence. */
  sentenceInitial: boolean;
  /** Punctuation (if any) between the previous word and this one, trimmed; '' when none. */
  punctBefore: string;
  /** Punctuation (if any) between this word and the next one, trimmed; '' when none. */
  punctAfter: string;
}

// Letters/digits, joined by inner apostrophes or hyphens: "don't", "cold-hearted", "2019", "i.e" is two.
const WORD_RE = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const SENTENCE_END_RE = /[.!?]+["')\]]*\s+|[.!?]+["')\]]*$|\n\s*\n/g;

/** Sentence spans [start, end) in UTF-16 offsets. Text without end punctuation is one sentence. */
export function sentenceSpans(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let start = 0;
  SENTENCE_END_RE.lastIndex = 0;
  for (let m = SENTENCE_END_RE.exec(text); m; m = SENTENCE_END_RE.exec(text)) {
    const end = m.index + m[0].length;
    // Do not split after common abbreviations ("e.g. ", "Mr. ") or single initials ("J. Smith").
    const before = text.slice(start, m.index);
    if (/(?:^|\s)(?:e\.g|i\.e|etc|mr|mrs|ms|dr|vs|approx|[A-Za-z])$/i.test(before) && m[0].startsWith('.') && end < text.length) {
      continue;
    }
    if (text.slice(start, end).trim()) spans.push({ start, end });
    start = end;
  }
  if (text.slice(start).trim()) spans.push({ start, end: text.length });
  return spans;
}

/** Word tokens with offsets, sentence index and the punctuation around each word. */
export function tokenize(text: string): WordToken[] {
  const sentences = sentenceSpans(text);
  const tokens: WordToken[] = [];
  let s = 0;
  let lastSentence = -1;
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(text); m; m = WORD_RE.exec(text)) {
    const start = m.index;
    while (s < sentences.length - 1 && start >= sentences[s]!.end) s++;
    const prev = tokens[tokens.length - 1];
    const punctBefore = prev ? text.slice(prev.end, start).trim() : text.slice(0, start).trim();
    if (prev) prev.punctAfter = punctBefore;
    tokens.push({
      text: m[0],
      lower: m[0].toLowerCase().replace(/’/g, "'"),
      start,
      end: start + m[0].length,
      sentence: s,
      sentenceInitial: s !== lastSentence,
      punctBefore,
      punctAfter: '',
    });
    lastSentence = s;
  }
  const last = tokens[tokens.length - 1];
  if (last) last.punctAfter = text.slice(last.end).trim();
  return tokens;
}

export function countWords(text: string): number {
  WORD_RE.lastIndex = 0;
  return text.match(WORD_RE)?.length ?? 0;
}

/**
 * A lookup table keyed by words. It has no prototype, so a word such as "constructor" or "toString"
 * is not found as an entry (`{}['constructor']` is the Object function).
 */
export function wordTable<V>(entries: Record<string, V>): Readonly<Record<string, V>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, V>, entries));
}

export const SUBJECT_PRONOUNS = new Set(['i', 'you', 'we', 'they', 'he', 'she', 'it']);
export const OBJECT_PRONOUNS = new Set(['me', 'him', 'her', 'us', 'them']);
export const BE_FORMS = new Set(['am', 'is', 'are', 'was', 'were', 'be', 'been', 'being', "'s", "'re", "'m"]);
export const MODALS = new Set([
  'can', 'could', 'will', 'would', 'shall', 'should', 'may', 'might', 'must',
  "can't", 'cannot', "couldn't", "won't", "wouldn't", "shouldn't", "mustn't",
]);
export const DETERMINERS = new Set([
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'my', 'your', 'his', 'her', 'its', 'our', 'their',
  'some', 'any', 'no', 'every', 'each', 'which', 'what', 'whatever', 'another', 'other', 'one', 'same',
  'different', 'all', 'many', 'several', 'such',
]);
export const NUMBER_WORDS = new Set([
  'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'fifteen', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'thousand', 'million',
]);
