/**
 * Tokenising and term normalisation shared by the embedded index and the highlighter, so a word
 * is highlighted exactly when it could have matched.
 *
 * A word is a run of letters, digits and combining marks, optionally ending in "+" or "#" so that
 * "C++" and "C#" stay searchable. Everything else separates words, including symbols such as
 * "<", ">" and "=", which otherwise glue markup or code to the words next to them.
 */
const WORD = /[\p{L}\p{N}\p{M}]+[+#]*/gu;
// Only Latin combining accents: stripping every \p{M} would break Indic scripts, whose vowel
// signs are marks too.
const LATIN_ACCENTS = /[\u0300-\u036f]/g;
const NON_ASCII = /[\u0080-\uffff]/; // any UTF-16 unit outside ASCII, surrogates included

/** Lower-cases and folds Latin accents ("Résumé" → "resume"), with a fast path for ASCII. */
export function normalizeText(text: string): string {
  const lower = text.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFD').replace(LATIN_ACCENTS, '').normalize('NFC') : lower;
}

/** Normalised words of `text`, in order, duplicates kept (term frequency matters). */
export function tokenize(text: string): string[] {
  return normalizeText(text).match(WORD) ?? [];
}

export interface WordSpan {
  start: number; // offsets into the original (not normalised) text
  end: number;
  term: string; // normalised form, comparable with index terms
}

/** Words with their positions in the original text, for highlighting and snippets. */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  // ASCII text keeps its offsets when lower-cased, so it is normalised once rather than per word
  // (this runs over the body of every search hit).
  const ascii = !NON_ASCII.test(text);
  const source = ascii ? text.toLowerCase() : text;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(source); m !== null; m = WORD.exec(source)) {
    spans.push({ start: m.index, end: m.index + m[0].length, term: ascii ? m[0] : normalizeText(m[0]) });
  }
  return spans;
}
