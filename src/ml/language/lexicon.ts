import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { wordTable } from './text.js';

/**
 * Part-of-speech look-ups from the English lexicon that ships with `natural` (≈ 92k words, Penn
 * tags). The project grammar rules use it instead of a tagger: a closed question such as "can this
 * word only be a past form?" is more reliable from the lexicon than from a Brill tagger's guess.
 *
 * The JSON is read here rather than through natural's Lexicon class, which also loads the Dutch
 * lexicon and keeps an array per word: this Map shares the ≈ 1,000 distinct tag lists among the
 * words and holds ≈ 10 MB less of the language worker's heap.
 */
const LEXICON_FILE = createRequire(import.meta.url).resolve('natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json');

let lexicon: Map<string, readonly string[]> | null = null;

function table(): Map<string, readonly string[]> {
  if (lexicon) return lexicon;
  const raw = JSON.parse(readFileSync(LEXICON_FILE, 'utf8')) as Record<string, unknown>;
  const shared = new Map<string, readonly string[]>();
  lexicon = new Map();
  for (const [word, tags] of Object.entries(raw)) {
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) continue;
    const key = tags.join(' ');
    let list = shared.get(key);
    if (!list) shared.set(key, (list = Object.freeze([...(tags as string[])])));
    lexicon.set(word, list);
  }
  return lexicon;
}

/** Penn tags the lexicon lists for a word (lower-case tried as a fallback), [] when unknown. */
export function tagsOf(word: string): readonly string[] {
  const t = table();
  return t.get(word) ?? t.get(word.toLowerCase()) ?? [];
}

export function hasTag(word: string, ...tags: string[]): boolean {
  const have = tagsOf(word);
  return tags.some((t) => have.includes(t));
}

/** True when every tag the lexicon lists for the word is one of `allowed` (false for unknown words). */
export function onlyTags(word: string, allowed: string[]): boolean {
  const have = tagsOf(word);
  return have.length > 0 && have.every((t) => allowed.includes(t));
}

export function isKnownWord(word: string): boolean {
  return tagsOf(word).length > 0;
}

const IRREGULAR_BASE = wordTable({
  went: 'go', gone: 'go', goes: 'go', came: 'come', saw: 'see', seen: 'see', did: 'do', done: 'do',
  does: 'do', took: 'take', taken: 'take', gave: 'give', given: 'give', made: 'make', wrote: 'write',
  written: 'write', got: 'get', gotten: 'get', ate: 'eat', eaten: 'eat', told: 'tell', said: 'say',
  thought: 'think', bought: 'buy', brought: 'bring', taught: 'teach', felt: 'feel', found: 'find',
  left: 'leave', knew: 'know', known: 'know', began: 'begin', begun: 'begin', ran: 'run', spoke: 'speak',
  spoken: 'speak', chose: 'choose', chosen: 'choose', drove: 'drive', driven: 'drive',
  understood: 'understand', built: 'build', sent: 'send', spent: 'spend', kept: 'keep', met: 'meet',
  paid: 'pay', lost: 'lose', held: 'hold', led: 'lead', heard: 'hear', became: 'become', had: 'have',
  has: 'have', was: 'be', were: 'be', been: 'be', is: 'be', stood: 'stand', sold: 'sell', slept: 'sleep',
  won: 'win', wore: 'wear', worn: 'wear', grew: 'grow', grown: 'grow', drew: 'draw', drawn: 'draw',
  fell: 'fall', fallen: 'fall', forgot: 'forget', forgotten: 'forget', broke: 'break', broken: 'break',
  caught: 'catch', fought: 'fight', sought: 'seek', meant: 'mean', dealt: 'deal', learnt: 'learn',
  flew: 'fly', flown: 'fly', threw: 'throw', thrown: 'throw', rode: 'ride', ridden: 'ride', rose: 'rise',
  risen: 'rise', sang: 'sing', sung: 'sing', swam: 'swim', felled: 'fell', woke: 'wake', woken: 'wake',
});

/**
 * Base (infinitive) form of an inflected verb: "handled" → "handle", "stopped" → "stop",
 * "tried" → "try", "went" → "go", "goes" → "go". Returns null when no base form is found.
 */
export function baseForm(word: string): string | null {
  const w = word.toLowerCase();
  const irregular = IRREGULAR_BASE[w];
  if (irregular) return irregular;
  const isBase = (c: string) => c.length > 1 && hasTag(c, 'VB', 'VBP');
  const candidates: string[] = [];
  if (w.endsWith('ied')) candidates.push(w.slice(0, -3) + 'y');
  if (w.endsWith('ies')) candidates.push(w.slice(0, -3) + 'y');
  if (w.endsWith('ed')) {
    const stem = w.slice(0, -2);
    candidates.push(w.slice(0, -1), stem);
    if (stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2]) candidates.push(stem.slice(0, -1));
  }
  if (w.endsWith('es')) candidates.push(w.slice(0, -2));
  if (w.endsWith('s') && !w.endsWith('ss')) candidates.push(w.slice(0, -1));
  return candidates.find(isBase) ?? null;
}
