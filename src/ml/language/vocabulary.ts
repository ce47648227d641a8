import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { words as naturalStopWords } from 'natural/lib/natural/util/stopwords.js';
import { tokenize } from './text.js';

/**
 * Vocabulary variety: moving-average type–token ratio (MATTR, Covington & McFall 2010) over a
 * 50-word window, which unlike plain TTR does not fall just because an answer is longer, and the
 * content words an answer leans on too often.
 */
export const MATTR_WINDOW = 50;
/** A content word is "overused" at ≥ 3 uses and ≥ 3 per 100 words. */
export const OVERUSED_MIN_COUNT = 3;
export const OVERUSED_MIN_PER_100_WORDS = 3;

const EXTRA_STOP_WORDS = [
  'um', 'uh', 'er', 'erm', 'hmm', 'like', 'yeah', 'okay', 'ok', 'so', 'just', 'really', 'very', 'also', 'actually',
  'basically', 'literally', 'know', 'mean', 'think', 'thing', 'things', 'get', 'got', 'going', 'lot', 'would',
  'could', 'can', 'will', 'one', 'well', "i'm", "it's", "don't", "didn't", "that's", 'im', 'dont', 'did', 'do',
  'does', 'done', 'make', 'made', 'much', 'many', 'kind', 'sort', 'way', 'said', 'say', 'us', 'even',
];
export const STOP_WORDS: ReadonlySet<string> = new Set([...naturalStopWords, ...EXTRA_STOP_WORDS]);

export interface VocabularyMetrics {
  wordCount: number;
  uniqueWords: number;
  /** Moving-average type–token ratio (0–1); plain TTR when the answer is shorter than the window. */
  mattr: number | null;
  /** True when the answer is shorter than the MATTR window (the ratio is then less comparable). */
  shortText: boolean;
  overused: Array<{ word: string; count: number; per100Words: number }>;
}

/** MATTR over lower-cased word tokens. */
export function movingAverageTtr(words: readonly string[], window = MATTR_WINDOW): number | null {
  if (words.length === 0) return null;
  if (words.length <= window) return new Set(words).size / words.length;
  const counts = new Map<string, number>();
  for (let i = 0; i < window; i++) counts.set(words[i]!, (counts.get(words[i]!) ?? 0) + 1);
  let sum = counts.size / window;
  for (let i = window; i < words.length; i++) {
    const out = words[i - window]!;
    const c = counts.get(out)! - 1;
    if (c === 0) counts.delete(out);
    else counts.set(out, c);
    counts.set(words[i]!, (counts.get(words[i]!) ?? 0) + 1);
    sum += counts.size / window;
  }
  return sum / (words.length - window + 1);
}

/** Content words used too often, grouped by stem ("work", "worked", "working"), most used first. */
export function overusedWords(text: string, minCount = OVERUSED_MIN_COUNT, minPer100 = OVERUSED_MIN_PER_100_WORDS): VocabularyMetrics['overused'] {
  const words = tokenize(text).map((t) => t.lower);
  const groups = new Map<string, { count: number; forms: Map<string, number> }>();
  for (const w of words) {
    if (STOP_WORDS.has(w) || w.length < 3 || /^\d/.test(w)) continue;
    const stem = PorterStemmer.stem(w);
    const g = groups.get(stem) ?? { count: 0, forms: new Map<string, number>() };
    g.count++;
    g.forms.set(w, (g.forms.get(w) ?? 0) + 1);
    groups.set(stem, g);
  }
  const total = words.length || 1;
  return [...groups.values()]
    .filter((g) => g.count >= minCount && (g.count / total) * 100 >= minPer100)
    .map((g) => ({
      word: [...g.forms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0],
      count: g.count,
      per100Words: Math.round((g.count / total) * 1000) / 10,
    }))
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word));
}

/**
 * Whether `word` is (part of) a word of the question: "layer" in a question about OSI layers, or
 * "lock" in one about deadlocks, is the subject an answer has to repeat, not a verbal tic.
 */
export function inQuestion(word: string, question: string): boolean {
  return question.toLowerCase().includes(word.slice(0, Math.max(4, word.length - 2)));
}

/** Vocabulary measures; words of `question` are never counted as overused. */
export function analyzeVocabulary(text: string, question = ''): VocabularyMetrics {
  const words = tokenize(text).map((t) => t.lower);
  return {
    wordCount: words.length,
    uniqueWords: new Set(words).size,
    mattr: movingAverageTtr(words),
    shortText: words.length < MATTR_WINDOW,
    overused: overusedWords(text).filter((o) => !inQuestion(o.word, question)),
  };
}
