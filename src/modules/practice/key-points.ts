import { sentenceSpans } from '../../ml/language/text.js';

/**
 * Sentences of round notes that say what the interviewers asked for or expected ("asked for time and
 * space complexity", "wanted a working solution", "follow-up on edge cases"). Other sentences describe
 * the format or the mood ("very friendly", "on Zoom") and would only penalise an answer for not
 * mentioning them, so they are left out.
 */
const EXPECTATION_CUE =
  /\b(asked|ask(?:ing)?|expect(?:ed|s|ing)?|want(?:ed|s)?|look(?:ed|ing) for|focus(?:ed|sed)? on|emphasi[sz]ed|follow[- ]?ups?|probed|explain|discuss(?:ed)?|complexity|optimi[sz]|edge cases?|dry[- ]run|trade-?offs?|examples?|justify|why)\b/i;

/** Words that say nothing about the subject, for matching a note to a question. */
const FUNCTION_WORDS = new Set(
  'a an and are as at be by did do does for from had has have how i if in is it its me my of on or so that the their them then there they this to was we were what when which who why will with would you your asked ask wanted expected about also'.split(' '),
);
/** Crude stems (first five letters) are enough to match "deadlock" with "deadlocks". */
const subjectWords = (text: string) => new Set((text.toLowerCase().match(/[a-z][a-z0-9+#]+/g) ?? []).filter((w) => w.length > 2 && !FUNCTION_WORDS.has(w)).map((w) => w.slice(0, 5)));

/** At most this many points per question, newest experiences first. */
export const MAX_KEY_POINTS = 5;

/**
 * Key points for `question` from the notes of the rounds it was asked in: expectation sentences about
 * this question's subject. A note covers a whole round, so a sentence about another of its questions
 * ("they asked how to prevent a deadlock", for a question on normalisation) is left out, and so are
 * expectations about the round's format ("two problems, full working code expected"): word coverage
 * cannot tell whether an answer met them, and counting them would mark good answers down.
 */
export function keyPointsFromNotes(notes: readonly string[], question: string): string[] {
  const subject = subjectWords(question);
  const points = new Map<string, string>();
  for (const note of notes) {
    for (const { start, end } of sentenceSpans(note)) {
      const sentence = note.slice(start, end).trim().replace(/\s+/g, ' ');
      if (sentence.length < 12 || !EXPECTATION_CUE.test(sentence)) continue;
      if (![...subjectWords(sentence)].some((w) => subject.has(w))) continue;
      const key = sentence.toLowerCase().replace(/[.!?]+$/, '');
      if (!points.has(key)) points.set(key, sentence);
      if (points.size === MAX_KEY_POINTS) return [...points.values()];
    }
  }
  return [...points.values()];
}
