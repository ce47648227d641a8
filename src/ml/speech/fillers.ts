import { hasTag, tagsOf } from '../language/lexicon.js';
import { BE_FORMS, DETERMINERS, MODALS, SUBJECT_PRONOUNS, tokenize, type WordToken } from '../language/text.js';

/**
 * Filler words and phrases in an answer, with character offsets into the original text.
 *
 * Hesitation sounds ("um", "uh", "er", "erm", "hmm") and the discourse markers "basically",
 * "actually", "literally" always count. The ambiguous ones count only in filler position:
 * - "like" is a filler when it is set off by commas, or follows a form of "be"/a conjunction and is
 *   not followed by an object ("it was like really hard"), or approximates a number ("like five
 *   people"); it is a verb after a subject/modal/"to"/"do" ("I like Java", "would like to") and a
 *   preposition after perception verbs or between nouns ("looks like a tree", "languages like Python").
 * - "so" only as the first word of a sentence (or after other fillers), not "so far"/"so that".
 * - "you know" / "I mean" not when they have an object ("if you know Python", "I mean it").
 * - "sort of" / "kind of" not after a determiner ("this kind of problem").
 * Transcripts without punctuation lose the comma cues, so the rules fall back to word context.
 */
export interface FillerHit {
  /** The filler in canonical lower case ("um", "you know", "like"). */
  filler: string;
  start: number;
  end: number;
}

const HESITATION_RE = /^(?:u+m+|u+h+|e+r+m*|e+h+m*|h+m+|mm+|a+h+m*)$/;
const HESITATION_CANONICAL: Array<[RegExp, string]> = [
  [/^u+m+$/, 'um'],
  [/^u+h+$/, 'uh'],
  [/^e+r+m+$/, 'erm'],
  [/^e+r+$/, 'er'],
  [/^h+m+$|^mm+$/, 'hmm'],
  [/^e+h+m*$/, 'uh'],
  [/^a+h+m*$/, 'uh'],
];
// "er" is a real token in some contexts only when hyphen-joined ("er-"), which the tokenizer keeps
// apart; as a standalone word it is a hesitation. "ah" is treated as "uh".
const ALWAYS = new Set(['basically', 'actually', 'literally']);

const VERB_LIKE_PRECEDERS = new Set([
  ...SUBJECT_PRONOUNS, ...MODALS, 'to', 'do', 'does', 'did', "don't", "doesn't", "didn't", 'really', 'also',
  'still', 'always', 'never', 'who', 'people', "i'd", "we'd", "you'd", "they'd", "he'd", "she'd", 'not',
  'usually', 'generally', 'definitely', 'particularly', 'especially', 'genuinely', 'truly',
]);
const PREPOSITION_LIKE_PRECEDERS = new Set([
  'look', 'looks', 'looked', 'looking', 'seem', 'seems', 'seemed', 'sound', 'sounds', 'sounded', 'feel',
  'feels', 'felt', 'feeling', 'smell', 'smells', 'taste', 'tastes', 'act', 'acts', 'acted', 'acting',
  'something', 'anything', 'nothing', 'more', 'less', 'much', 'just', 'exactly', 'stuff', 'things',
  'behave', 'behaves', 'behaved', 'treat', 'treated', 'dress', 'dressed', 'work', 'worked', 'think',
  'thinking', 'unlike', 'nothing', 'somewhat', 'very', 'quite', 'most', 'exactly', 'tools', 'companies',
]);
const OBJECT_STARTERS = new Set([
  ...DETERMINERS, 'me', 'him', 'her', 'us', 'them', 'it', 'you', 'someone', 'somebody', 'something',
  'anything', 'everything', 'nothing', 'everyone', 'anyone', 'how', 'when', 'what', 'who', 'where',
  'mine', 'yours', 'ours', 'theirs', 'doing', 'working', 'having', 'being', 'using', 'i', 'we', 'they',
  'he', 'she',
]);
const CONJUNCTIONS = new Set(['and', 'but', 'or', 'so', 'because', 'then', 'yeah', 'well', 'oh', 'okay', 'ok']);
const NUMBER_RE = /^(?:\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|a)$/;

function hasComma(p: string): boolean {
  return /[,;:—–-]/.test(p);
}
function endsSentence(p: string): boolean {
  return /[.!?]/.test(p);
}

function isLikeFiller(tokens: WordToken[], i: number): boolean {
  const t = tokens[i]!;
  const prev = i > 0 && !t.sentenceInitial ? tokens[i - 1] : undefined;
  const next = tokens[i + 1] && !endsSentence(t.punctAfter) ? tokens[i + 1] : undefined;
  const commaBefore = !prev || hasComma(t.punctBefore);
  const commaAfter = !next || hasComma(t.punctAfter);

  // "Like, I don't know" / "it was, like, really hard" / "we just, like, shipped it"
  if (commaAfter && (commaBefore || (prev && (BE_FORMS.has(prev.lower) || CONJUNCTIONS.has(prev.lower))))) return true;
  if (prev && !hasComma(t.punctBefore)) {
    if (VERB_LIKE_PRECEDERS.has(prev.lower)) return false; // I like Java; would like to; to like
    if (PREPOSITION_LIKE_PRECEDERS.has(prev.lower)) return false; // looks like a tree; something like that
  }
  if (next && NUMBER_RE.test(next.lower) && (next.lower !== 'a' || tokens[i + 2]?.lower === 'few' || tokens[i + 2]?.lower === 'couple')) {
    return true; // approximator: "like five people", "like a couple of weeks"
  }
  if (next && !commaAfter && OBJECT_STARTERS.has(next.lower)) {
    // A clause or object follows. After "be" it is a comparison ("it was like a nightmare");
    // sentence-initially it may be a preposition ("Like my father, I ..."). Not a filler either way,
    // except "be like" + subject pronoun, the quotative ("I was like I can't do this").
    if (prev && BE_FORMS.has(prev.lower) && ['i', 'we', 'they', 'he', 'she', 'you', 'oh', 'what', 'why'].includes(next.lower)) return true;
    return false;
  }
  if (next && !commaAfter && /^\p{Lu}/u.test(next.text) && !next.sentenceInitial) return false; // like Python
  if (prev && (BE_FORMS.has(prev.lower) || CONJUNCTIONS.has(prev.lower))) {
    // "it was like really hard", "and like we shipped it": an adverb/adjective/verb follows.
    return true;
  }
  if (!prev && next) {
    // Sentence-initial "Like" without a comma: a filler unless an object follows (handled above).
    return !hasTag(next.lower, 'NN', 'NNS', 'NNP');
  }
  // Before a past-tense verb "like" can be neither a verb nor a preposition: "we basically like rewrote it".
  if (next && !commaAfter && /^VBD/.test(tagsOf(next.lower)[0] ?? '')) return true;
  if (prev && next && (hasTag(prev.lower, 'NN', 'NNS') && hasTag(next.lower, 'NN', 'NNS', 'NNP', 'JJ'))) return false;
  if (prev && next && hasTag(prev.lower, 'RB') && hasTag(next.lower, 'RB', 'JJ')) return true; // "just like really"
  return false;
}

function isSoFiller(tokens: WordToken[], i: number): boolean {
  const t = tokens[i]!;
  // First word of a sentence, or preceded only by fillers/hesitations in that sentence.
  let j = i - 1;
  while (j >= 0 && tokens[j]!.sentence === t.sentence && (HESITATION_RE.test(tokens[j]!.lower) || ['well', 'okay', 'ok', 'yeah', 'right', 'basically', 'actually'].includes(tokens[j]!.lower))) j--;
  if (j >= 0 && tokens[j]!.sentence === t.sentence) return false;
  const next = tokens[i + 1];
  if (!next || endsSentence(t.punctAfter)) return true; // "So." / "So?"
  if (hasComma(t.punctAfter)) return true;
  return !['far', 'that', 'much', 'many', 'long', 'often', 'few', 'little', 'as', 'called', 'too'].includes(next.lower);
}

function isYouKnowFiller(tokens: WordToken[], i: number): boolean {
  const t = tokens[i]!;
  const prev = i > 0 && !t.sentenceInitial ? tokens[i - 1] : undefined;
  const know = tokens[i + 1]!;
  const next = tokens[i + 2] && !endsSentence(know.punctAfter) ? tokens[i + 2] : undefined;
  if (prev && !hasComma(t.punctBefore) && ['do', 'did', "don't", "didn't", 'if', 'as', 'what', 'how', 'that', 'whether', 'because', 'when', 'unless', 'since', 'will', 'would', 'should', 'must', 'may', 'might', 'could', 'can', 'let', 'whatever', 'all', 'everything'].includes(prev.lower)) {
    return false;
  }
  if (hasComma(know.punctAfter) || !next) return true;
  if (hasComma(t.punctBefore) && !next) return true;
  // An object or complement follows: "you know the answer", "you know how it works".
  if (OBJECT_STARTERS.has(next.lower) || ['about', 'that', 'why', 'which', 'whether', 'if', 'more', 'better', 'nothing', 'enough', 'this', 'python', 'java'].includes(next.lower)) return false;
  if (hasTag(next.lower, 'NN', 'NNS', 'NNP') && !hasTag(next.lower, 'RB', 'JJ', 'VB', 'VBD', 'VBZ', 'VBP', 'MD', 'PRP')) return false;
  return true;
}

function isIMeanFiller(tokens: WordToken[], i: number): boolean {
  const t = tokens[i]!;
  const prev = i > 0 && !t.sentenceInitial ? tokens[i - 1] : undefined;
  const mean = tokens[i + 1]!;
  const next = tokens[i + 2] && !endsSentence(mean.punctAfter) ? tokens[i + 2] : undefined;
  if (prev && !hasComma(t.punctBefore) && ['what', 'which', 'that', 'if', 'because', 'do', "don't", 'did', 'when', 'as'].includes(prev.lower)) return false;
  if (next && !hasComma(mean.punctAfter) && ['to', 'it', 'that', 'what', 'by', 'this', 'business', 'well', 'no', 'you', 'him', 'her', 'them'].includes(next.lower)) return false;
  return true;
}

function isHedgeFiller(tokens: WordToken[], i: number): boolean {
  const t = tokens[i]!;
  const prev = i > 0 && !t.sentenceInitial ? tokens[i - 1] : undefined;
  if (prev && (DETERMINERS.has(prev.lower) || ['of', 'kinds', 'sorts', 'what', 'new', 'right', 'wrong', 'good', 'bad', 'special'].includes(prev.lower))) return false;
  if (prev && hasTag(prev.lower, 'JJ') && !hasTag(prev.lower, 'RB', 'VB', 'VBD', 'VBZ', 'VBP')) return false; // "a new kind of"
  return true;
}

export function findFillers(text: string): FillerHit[] {
  const tokens = tokenize(text);
  const hits: FillerHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const w = t.lower;
    const next = tokens[i + 1];
    const joinedWithNext = next && next.sentence === t.sentence && !/[.!?,;:]/.test(t.punctAfter);
    if (HESITATION_RE.test(w)) {
      const canonical = HESITATION_CANONICAL.find(([re]) => re.test(w))?.[1] ?? w;
      hits.push({ filler: canonical, start: t.start, end: t.end });
    } else if (ALWAYS.has(w)) {
      hits.push({ filler: w, start: t.start, end: t.end });
    } else if (w === 'like') {
      if (isLikeFiller(tokens, i)) hits.push({ filler: 'like', start: t.start, end: t.end });
    } else if (w === 'so') {
      if (isSoFiller(tokens, i)) hits.push({ filler: 'so', start: t.start, end: t.end });
    } else if (w === 'you' && next?.lower === 'know' && joinedWithNext) {
      if (isYouKnowFiller(tokens, i)) {
        hits.push({ filler: 'you know', start: t.start, end: next.end });
        i++;
      }
    } else if (w === 'i' && next?.lower === 'mean' && joinedWithNext) {
      if (isIMeanFiller(tokens, i)) {
        hits.push({ filler: 'i mean', start: t.start, end: next.end });
        i++;
      }
    } else if ((w === 'sort' || w === 'kind') && next?.lower === 'of' && joinedWithNext) {
      if (isHedgeFiller(tokens, i)) {
        hits.push({ filler: `${w} of`, start: t.start, end: next.end });
        i++;
      }
    }
  }
  return hits;
}

/** Counts per canonical filler, most frequent first. */
export function fillerCounts(hits: FillerHit[]): Array<{ filler: string; count: number }> {
  const counts = new Map<string, number>();
  for (const h of hits) counts.set(h.filler, (counts.get(h.filler) ?? 0) + 1);
  return [...counts].map(([filler, count]) => ({ filler, count })).sort((a, b) => b.count - a.count || a.filler.localeCompare(b.filler));
}
