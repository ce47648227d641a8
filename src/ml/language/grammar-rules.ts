import { baseForm, hasTag, tagsOf } from './lexicon.js';
import { BE_FORMS, DETERMINERS, MODALS, tokenize, wordTable, type WordToken } from './text.js';

/**
 * Project grammar rules for errors harper.js misses (measured: "there is many reasons", "me and him
 * was", "how to handled", "our clients was", "one of my friend", "informations", "can able to",
 * "less people", ...). Each rule is a small pattern over word tokens, with closed word lists and the
 * `natural` lexicon's part-of-speech tags to stay precise. Rules favour precision: a false alarm in a
 * practice report costs more trust than a missed error.
 */
export interface RuleIssue {
  start: number;
  end: number;
  message: string;
  suggestions: string[];
  rule: string;
  /** 'hint' for usage that is understood but unidiomatic in international English. Default 'error'. */
  severity?: 'error' | 'hint';
}

export interface GrammarRule {
  id: string;
  description: string;
  /** Example sentences the rule must flag / must not flag (used by the tests). */
  examples: { bad: string[]; good: string[] };
  check(tokens: WordToken[], text: string): RuleIssue[];
}

// ---------- word-class helpers ----------

function simpleTags(word: string): string[] {
  return tagsOf(word).filter((t) => !t.includes('|'));
}
const EXTRA_PLURALS = new Set(['people', 'children', 'men', 'women', 'feet', 'teeth', 'mice']);
/** A noun that can only be plural ("clients", "reasons"), per the lexicon. */
export function isPluralNoun(word: string): boolean {
  const w = word.toLowerCase();
  if (EXTRA_PLURALS.has(w)) return true;
  const tags = simpleTags(w);
  return tags.includes('NNS') && !tags.includes('NN') && !tags.includes('NNP') && !tags.includes('JJ') && !tags.includes('RB');
}
/** A noun that can only be singular ("friend", "problem", "time"), per the lexicon. */
export function isSingularNoun(word: string): boolean {
  const tags = simpleTags(word.toLowerCase());
  return tags[0] === 'NN' && !tags.includes('NNS') && !tags.some((t) => t === 'IN' || t === 'DT' || t === 'PRP' || t === 'CD');
}
/** The lexicon's first (most frequent) tag is a noun tag. */
function isNounLike(word: string): boolean {
  return /^NN/.test(simpleTags(word.toLowerCase())[0] ?? '');
}
/** The lexicon's first (most frequent) tag is an adjective tag ("best", "new", "big"). */
function isAdjectiveOnly(word: string): boolean {
  return /^JJ/.test(simpleTags(word.toLowerCase())[0] ?? '');
}

const UNCOUNTABLE = new Set([
  'information', 'advice', 'feedback', 'equipment', 'software', 'hardware', 'furniture', 'luggage',
  'baggage', 'knowledge', 'homework', 'money', 'research', 'evidence', 'progress', 'traffic',
  'machinery', 'scenery', 'jewellery', 'jewelry', 'stuff', 'work', 'water', 'music', 'news', 'staff',
  'time', 'experience', 'help', 'data', 'code',
]);

const IRREGULAR_PLURAL = wordTable({ man: 'men', woman: 'women', child: 'children', person: 'people', foot: 'feet' });
const IRREGULAR_SINGULAR = wordTable({ people: 'person', children: 'child', men: 'man', women: 'woman', feet: 'foot' });

export function pluralOf(noun: string): string {
  const w = noun;
  if (/[^aeiou]y$/i.test(w)) return w.slice(0, -1) + 'ies';
  if (/(s|x|z|ch|sh)$/i.test(w)) return w + 'es';
  if (/(?:^|[^f])fe$/i.test(w) && !/safe$/i.test(w)) return w.slice(0, -2) + 'ves';
  return IRREGULAR_PLURAL[w.toLowerCase()] ?? w + 's';
}

export function singularOf(noun: string): string {
  const w = noun.toLowerCase();
  const irregular = IRREGULAR_SINGULAR[w];
  if (irregular) return irregular;
  const candidates = [w.endsWith('ies') ? w.slice(0, -3) + 'y' : '', w.endsWith('es') ? w.slice(0, -2) : '', w.slice(0, -1)];
  return candidates.find((c) => c && hasTag(c, 'NN')) ?? w.slice(0, -1);
}

/** Keep the capitalisation of the original's first letter. */
function matchCase(original: string, replacement: string): string {
  if (!replacement) return replacement;
  return /^\p{Lu}/u.test(original) ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement;
}

function issue(
  rule: string,
  first: WordToken,
  last: WordToken,
  message: string,
  suggestions: string[],
  text: string,
): RuleIssue {
  const original = text.slice(first.start, last.end);
  return { rule, start: first.start, end: last.end, message, suggestions: [...new Set(suggestions.map((s) => matchCase(original, s)))] };
}

/** Tokens i and j are adjacent words of one clause (no sentence break or strong punctuation between). */
function joined(tokens: WordToken[], i: number): boolean {
  const a = tokens[i];
  const b = tokens[i + 1];
  return !!a && !!b && a.sentence === b.sentence && !/[.!?;:,()"]/.test(a.punctAfter);
}

const CLAUSE_OPENERS = new Set(['and', 'but', 'so', 'because', 'when', 'that', 'then', 'if', 'while', 'since', 'although', 'though', 'after', 'before', 'once', 'where', 'as']);
function clauseStart(tokens: WordToken[], i: number): boolean {
  const t = tokens[i]!;
  if (t.sentenceInitial || /[,;:(]/.test(t.punctBefore)) return true;
  const prev = tokens[i - 1];
  return !!prev && CLAUSE_OPENERS.has(prev.lower);
}

// ---------- rules ----------

const SINGULAR_TO_PLURAL_VERB = wordTable({
  is: 'are', was: 'were', has: 'have', does: 'do', "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't",
});
const PLURAL_TO_SINGULAR_VERB = wordTable({
  are: 'is', were: 'was', have: 'has', do: 'does', "aren't": "isn't", "weren't": "wasn't", "haven't": "hasn't", "don't": "doesn't",
});
const PLURAL_QUANTIFIERS = new Set(['many', 'several', 'few', 'numerous', 'various', 'both', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'multiple', 'lots']);

const thereAgreement: GrammarRule = {
  id: 'there-be-agreement',
  description: '"there is/was" before a plural, "there are/were" before "a/an/one" + singular noun.',
  examples: {
    bad: ['There is many reasons for this.', 'There was several issues in the code.', "There's two ways to do it.", 'There are a problem with the build.', 'There is reasons for it.'],
    good: ['There is a lot of work.', 'There are a lot of reasons.', 'There are a few issues.', 'There is one reason.', 'There were a number of bugs.', 'There is much work.', 'There is news.'],
  },
  check(tokens, text) {
    const out: RuleIssue[] = [];
    for (let i = 0; i < tokens.length - 1; i++) {
      const t = tokens[i]!;
      let verbIdx = -1;
      let verb = '';
      if (t.lower === 'there' && joined(tokens, i) && ['is', 'was', 'are', 'were'].includes(tokens[i + 1]!.lower)) {
        verbIdx = i + 1;
        verb = tokens[i + 1]!.lower;
      } else if (t.lower === "there's") {
        verbIdx = i;
        verb = 'is';
      }
      if (verbIdx < 0 || !joined(tokens, verbIdx)) continue;
      const next = tokens[verbIdx + 1]!;
      const after = tokens[verbIdx + 2];
      if (verb === 'is' || verb === 'was') {
        const pluralNext =
          (PLURAL_QUANTIFIERS.has(next.lower) && next.lower !== 'lots') ||
          (/^\d+$/.test(next.text) && Number(next.text) > 1 && !!after && isPluralNoun(after.lower)) ||
          (isPluralNoun(next.lower) && !(after && joined(tokens, verbIdx + 1) && isNounLike(after.lower) && !isPluralNoun(after.lower)));
        if (pluralNext) {
          const v = tokens[verbIdx]!;
          const fix = verb === 'is' ? 'are' : 'were';
          const sugg = v.lower === "there's" ? ["there are"] : [fix];
          out.push(issue(this.id, v, v, `Use "${fix}" with a plural noun after "there".`, sugg, text));
        }
      } else if ((next.lower === 'a' || next.lower === 'an' || next.lower === 'one') && after && joined(tokens, verbIdx + 1)) {
        const quantity = ['lot', 'few', 'couple', 'number', 'variety', 'bunch', 'total', 'range', 'host', 'series', 'set', 'pair', 'majority', 'dozen', 'hundred', 'thousand', 'million', 'great', 'good', 'lakh', 'crore', 'handful', 'list', 'lot', 'group', 'plethora', 'multitude', 'whole', 'large', 'small', 'huge', 'few', 'ton', 'tonne', 'heap', 'mix', 'mixture', 'combination', 'collection', 'array'];
        if (!quantity.includes(after.lower) && (isSingularNoun(after.lower) || (isAdjectiveOnly(after.lower) && tokens[verbIdx + 3] && isSingularNoun(tokens[verbIdx + 3]!.lower)))) {
          if (next.lower === 'one' && after.lower === 'of') continue;
          const v = tokens[verbIdx]!;
          const fix = verb === 'are' ? 'is' : 'was';
          out.push(issue(this.id, v, v, `Use "${fix}" with a singular noun after "there".`, [fix], text));
        }
      }
    }
    return out;
  },
};

const NOMINATIVE = wordTable({ me: 'I', him: 'he', her: 'she', us: 'we', them: 'they' });
const compoundSubjectCase: GrammarRule = {
  id: 'compound-subject-pronoun',
  description: 'Object pronouns in a compound subject ("me and him was") → "he and I were".',
  examples: {
    bad: ['Me and him was working on the project.', 'Me and my friend went to the market.', 'My manager and me decided to rewrite it.', 'Him and me were late.'],
    good: ['He and I were working on it.', 'They invited me and him to the meeting.', 'She gave it to my friend and me yesterday.', 'Between you and me, it failed.'],
  },
  check(tokens, text) {
    const out: RuleIssue[] = [];
    for (let i = 0; i < tokens.length - 2; i++) {
      const a = tokens[i]!;
      if (!joined(tokens, i) || tokens[i + 1]!.lower !== 'and') continue;
      // First conjunct: an object pronoun, or a short noun phrase ending before "and me".
      if (NOMINATIVE[a.lower] && a.lower !== 'her' && clauseStart(tokens, i)) {
        // "me and X <verb>": X is one token (pronoun/name) or determiner + noun.
        let j = i + 2;
        if (!joined(tokens, i + 1)) continue;
        if (DETERMINERS.has(tokens[j]!.lower) && joined(tokens, j)) j++;
        const x = tokens[j];
        const verb = tokens[j + 1];
        if (!x || !verb || !joined(tokens, j) || !isFiniteVerb(verb.lower)) continue;
        const second = NOMINATIVE[x.lower] ?? text.slice(tokens[i + 2]!.start, x.end);
        const firstNom = NOMINATIVE[a.lower]!;
        const fixed = firstNom === 'I' ? `${second} and I` : `${firstNom} and ${x.lower === 'me' ? 'I' : second}`;
        out.push(issue(this.id, a, x, 'Use subject pronouns in a subject ("he and I", not "me and him").', [fixed], text));
        pushCompoundAgreement(out, tokens, j + 1, text);
        i = j;
      } else if (i + 2 < tokens.length && tokens[i + 2]!.lower === 'me' && joined(tokens, i + 1) && joined(tokens, i + 2)) {
        // "<X> and me <verb>" where X starts the clause ("My manager and me decided")
        const verb = tokens[i + 3];
        if (!verb || !isFiniteVerb(verb.lower)) continue;
        // X must be the whole clause-initial noun phrase: a name/pronoun, or determiner + noun before "and".
        let k = i;
        if (!clauseStart(tokens, k) && k > 0 && DETERMINERS.has(tokens[k - 1]!.lower) && clauseStart(tokens, k - 1)) k = k - 1;
        if (!clauseStart(tokens, k)) continue;
        const me = tokens[i + 2]!;
        out.push(issue(this.id, me, me, 'Use "I" in a subject ("my manager and I").', ['I'], text));
        pushCompoundAgreement(out, tokens, i + 3, text);
      }
    }
    return out;
  },
};
function isFiniteVerb(w: string): boolean {
  if (['was', 'were', 'is', 'are', 'have', 'has', 'had', 'did', 'do', 'went', 'will', 'would', 'could', 'should', 'can', 'decided', 'used', 'worked'].includes(w)) return true;
  const tags = simpleTags(w);
  return tags.includes('VBD') && !tags.includes('NN') && !tags.includes('JJ');
}
function pushCompoundAgreement(out: RuleIssue[], tokens: WordToken[], verbIdx: number, text: string): void {
  const v = tokens[verbIdx];
  if (!v) return;
  const fix = SINGULAR_TO_PLURAL_VERB[v.lower];
  if (fix) out.push(issue('compound-subject-agreement', v, v, `A subject joined by "and" is plural: use "${fix}".`, [fix], text));
}

const INFINITIVE_TRIGGERS = new Set([
  'how', 'what', 'where', 'when', 'want', 'wanted', 'wants', 'need', 'needed', 'needs', 'able', 'tried', 'try',
  'trying', 'decided', 'decide', 'going', 'have', 'has', 'had', 'started', 'start', 'learn', 'learned', 'learnt',
  'like', 'love', 'would', 'plan', 'planned', 'planning', 'hope', 'hoped', 'wish', 'used', 'asked', 'told', 'forced',
  'allowed', 'managed', 'chose', 'agreed', 'failed', 'began', 'order', 'unable',
]);
const toInfinitive: GrammarRule = {
  id: 'to-infinitive-base',
  description: '"to" + past or -s form of a verb ("how to handled", "want to goes") → base form.',
  examples: {
    bad: ['I learned how to handled the issue.', 'I want to goes home.', 'We decided to completed the migration.', 'I had to worked late.'],
    good: ['I learned how to handle the issue.', 'We moved to completed projects only.', 'Compared to expected results, it was fine.', 'It belongs to the team.'],
  },
  check(tokens, text) {
    const out: RuleIssue[] = [];
    for (let i = 0; i < tokens.length - 1; i++) {
      if (tokens[i]!.lower !== 'to' || !joined(tokens, i)) continue;
      const w = tokens[i + 1]!;
      if (/^\p{Lu}/u.test(w.text)) continue;
      const tags = simpleTags(w.lower);
      const prev = tokens[i - 1];
      const trigger = !!prev && INFINITIVE_TRIGGERS.has(prev.lower) && joined(tokens, i - 1);
      const pastOnly = tags.length > 0 && tags.every((t) => t === 'VBD' || t === 'VBN');
      const pastLoose = trigger && (tags.includes('VBD') || tags.includes('VBN')) && !tags.includes('VB') && !tags.includes('VBP') && !tags.includes('NN') && /ed$|^(went|came|did|took|gave|made|wrote|got|told|said|saw|knew|began|ran|spoke|chose|drove|built|sent|spent|kept|met|paid|lost|held|led|heard|became)$/.test(w.lower);
      const sOnly = tags.length > 0 && tags.every((t) => t === 'VBZ');
      if (!pastOnly && !pastLoose && !sOnly) continue;
      if (w.lower === 'been' || w.lower === 'born') continue;
      const base = baseForm(w.lower);
      if (!base) continue;
      out.push(issue(this.id, w, w, `After "to", use the base form of the verb: "to ${base}".`, [base], text));
    }
    return out;
  },
};

const DO_FORMS = new Set(['do', 'does', 'did', "don't", "doesn't", "didn't"]);
const modalBase: GrammarRule = {
  id: 'modal-base-form',
  description: 'Modal or "do" + past/-s form ("can handled", "does not goes") → base form; "can able to".',
  examples: {
    bad: ['He does not goes there.', 'I can handled it.', 'She will goes tomorrow.', "It doesn't works.", 'I can able to do it.', 'We could not able to finish.'],
    good: ['He does not go there.', 'I can handle it.', 'I will be able to do it.', 'The will was read.', 'I did it yesterday.', 'It does work.'],
  },
  check(tokens, text) {
    const out: RuleIssue[] = [];
    for (let i = 0; i < tokens.length - 1; i++) {
      const m = tokens[i]!;
      const isModal = MODALS.has(m.lower);
      const isDo = DO_FORMS.has(m.lower);
      if (!isModal && !isDo) continue;
      const prev = tokens[i - 1];
      if (prev && joined(tokens, i - 1) && (DETERMINERS.has(prev.lower) || prev.lower === 'to')) continue; // "the will", "to do"
      let j = i + 1;
      if (!joined(tokens, i)) continue;
      if (tokens[j]!.lower === 'not' && joined(tokens, j)) j++;
      const w = tokens[j];
      if (!w) continue;
      if (isModal && w.lower === 'able' && tokens[j + 1]?.lower === 'to') {
        const neg = j > i + 1;
        const sugg = m.lower.startsWith('can') ? (neg ? ['cannot', 'am not able'] : ['can', 'am able']) : m.lower.startsWith('could') ? (neg ? ['could not', 'was not able'] : ['could', 'was able']) : [`${m.lower} be able`];
        out.push(issue(this.id, m, w, `Use either "${m.lower}" or "be able to", not both.`, sugg, text));
        continue;
      }
      const tags = simpleTags(w.lower);
      const pastOnly = tags.length > 0 && tags.every((t) => t === 'VBD' || t === 'VBN') && !['been', 'had', 'done'].includes(w.lower);
      const negated = j > i + 1 || m.lower.endsWith("n't");
      // After a negated "do", a plural noun is implausible, so "-s" forms that are also nouns count ("doesn't works").
      const sOnly = tags.length > 0 && tags.every((t) => t === 'VBZ' || (negated && isDo && t === 'NNS')) && tags.includes('VBZ') && w.lower !== 'is' && w.lower !== 'has';
      if (!pastOnly && !sOnly) continue;
      const base = baseForm(w.lower);
      if (!base) continue;
      out.push(issue(this.id, w, w, `After "${m.lower}", use the base form of the verb: "${base}".`, [base], text));
    }
    return out;
  },
};

const PLURAL_DETS = new Set(['the', 'our', 'my', 'your', 'their', 'his', 'her', 'these', 'those', 'many', 'some', 'all', 'both', 'most', 'several', 'few', 'two', 'three', 'four', 'five', 'other', 'such', 'its']);
const SINGULAR_DETS = new Set(['a', 'an', 'this', 'that', 'each', 'every', 'my', 'his', 'her', 'the', 'our', 'your', 'their', 'its']);
const COLLECTIVE = new Set(['youth', 'crowd', 'population', 'generation', 'community', 'society', 'army', 'school', 'college', 'university', 'club', 'party', 'union', 'nation', 'world', 'country', 'industry', 'market', 'office', 'team', 'staff', 'family', 'government', 'company', 'management', 'audience', 'committee', 'police', 'crew', 'group', 'class', 'public', 'board', 'band', 'couple', 'majority', 'department', 'organisation', 'organization', 'firm', 'panel', 'jury', 'council', 'faculty', 'media', 'data', 'number', 'rest', 'lot', 'kind', 'sort', 'type', 'none', 'percent', 'half', 'batch', 'series']);
/** Heads that do not pluralise after "one of"/"many" in the usual way. */
const NOT_COUNT_HEADS = new Set(['rest', 'lot', 'kind', 'sort', 'type', 'percent', 'half', 'majority', 'number', 'data', 'media', 'series', 'none', 'part', 'whole', 'same', 'most', 'best', 'least', 'first', 'last']);

const subjectVerbAgreement: GrammarRule = {
  id: 'noun-verb-agreement',
  description: 'Determiner + plural noun + singular verb ("our clients was") and the reverse ("my friend are").',
  examples: {
    bad: ['Our clients was happy.', 'The clients is waiting.', 'My parents was worried.', 'These changes has helped.', 'My friend are coming.', 'The server were down.'],
    good: ['One of my friends is here.', 'The quality of the products is high.', 'The team are happy.', 'The client and the server are ready.', "Our clients' feedback was good.", 'The data is clean.', 'The news is good.'],
  },
  check(tokens, text) {
    const out: RuleIssue[] = [];
    for (let i = 0; i < tokens.length - 2; i++) {
      const d = tokens[i]!;
      const n = tokens[i + 1]!;
      const v = tokens[i + 2]!;
      if (!joined(tokens, i) || !joined(tokens, i + 1)) continue;
      const before = tokens[i - 1];
      // The noun must head the subject: not the object of a preposition ("companies around the world have").
      if (before && joined(tokens, i - 1) && (['of', 'and', 'or', 'nor', 'than', 'whose', 'which', 'as', 'all', 'both', 'like'].includes(before.lower) || /^(?:IN|TO)$/.test(simpleTags(before.lower)[0] ?? ''))) continue;
      if (/^\p{Lu}/u.test(n.text) && !n.sentenceInitial) continue; // names ("the United States is")
      if (PLURAL_DETS.has(d.lower) && SINGULAR_TO_PLURAL_VERB[v.lower] && isPluralNoun(n.lower)) {
        const fix = SINGULAR_TO_PLURAL_VERB[v.lower]!;
        out.push(issue(this.id, v, v, `"${n.text}" is plural: use "${fix}".`, [fix], text));
      } else if (SINGULAR_DETS.has(d.lower) && PLURAL_TO_SINGULAR_VERB[v.lower] && isSingularNoun(n.lower) && !COLLECTIVE.has(n.lower) && !UNCOUNTABLE.has(n.lower)) {
        // Skip questions and inversions: "What the client are ..." is rare, but "Where are ..." never matches
        // because the verb follows the noun here. Skip "have" + past participle after a relative ("the job I have done").
        const fix = PLURAL_TO_SINGULAR_VERB[v.lower]!;
        out.push(issue(this.id, v, v, `"${n.text}" is singular: use "${fix}".`, [fix], text));
      }
    }
    // Clause-initial bare plural noun + singular "be"/"have": "Clients was happy."
    for (let i = 0; i < tokens.length - 1; i++) {
      const n = tokens[i]!;
      const v = tokens[i + 1]!;
      if (!n.sentenceInitial || !joined(tokens, i)) continue;
      if (['was', 'is', 'has'].includes(v.lower) && isPluralNoun(n.lower) && !['means', 'news', 'series'].includes(n.lower)) {
        const fix = SINGULAR_TO_PLURAL_VERB[v.lower]!;
        out.push(issue(this.id, v, v, `"${n.text}" is plural: use "${fix}".`, [fix], text));
      }
    }
    return out;
  },
};

const INDEFINITE_SINGULAR = new Set(['everyone', 'everybody', 'someone', 'somebody', 'anyone', 'anybody', 'nobody', 'everything', 'something', 'nothing', 'anything']);
const indefinitePronounAgreement: GrammarRule = {
  id: 'indefinite-pronoun-agreement',
  description: '"everyone/someone/nobody ..." take a singular verb; "each of the X" / "one of the X" too.',
  examples: {
    bad: ['Everyone have a laptop.', 'Nobody were there.', 'Each of the students have a book.', 'One of my friends are a doctor.'],
    good: ['Everyone has a laptop.', 'Let everyone have a say.', 'One of the students who are here.', 'Did anyone have a problem?', 'I made everyone have lunch.'],
  },
  check(tokens, text) {
    const out: RuleIssue[] = [];
    for (let i = 0; i < tokens.length - 1; i++) {
      const t = tokens[i]!;
      let verbIdx = -1;
      let subject = '';
      if (INDEFINITE_SINGULAR.has(t.lower) && clauseStart(tokens, i) && joined(tokens, i)) {
        verbIdx = i + 1;
        subject = t.text;
      } else if ((t.lower === 'each' || t.lower === 'one' || t.lower === 'neither' || t.lower === 'either') && clauseStart(tokens, i) && tokens[i + 1]?.lower === 'of' && joined(tokens, i)) {
        // each of DET plural-noun VERB
        let j = i + 2;
        if (tokens[j] && DETERMINERS.has(tokens[j]!.lower)) j++;
        const n = tokens[j];
        if (!n || !isPluralNoun(n.lower) && !['them', 'us', 'you'].includes(n.lower)) continue;
        if (!joined(tokens, j)) continue;
        verbIdx = j + 1;
        subject = text.slice(t.start, n.end);
      }
      const v = verbIdx >= 0 ? tokens[verbIdx] : undefined;
      if (!v) continue;
      const fix = PLURAL_TO_SINGULAR_VERB[v.lower];
      if (!fix) continue;
      out.push(issue(this.id, v, v, `"${subject}" takes a singular verb: use "${fix}".`, [fix], text));
    }
    return out;
  },
};

const UNCOUNTABLE_PLURALS = wordTable({
  informations: 'information', advices: 'advice', feedbacks: 'feedback', equipments: 'equipment',
  softwares: 'software', hardwares: 'hardware', furnitures: 'furniture', luggages: 'luggage',
  baggages: 'baggage', knowledges: 'knowledge', homeworks: 'homework', stuffs: 'stuff', evidences: 'evidence',
  machineries: 'machinery', sceneries: 'scenery', jewelleries: 'jewellery', researches: 'research',
  vocabularys: 'vocabulary', progresses: 'progress', accomodations: 'accommodation', accommodations: 'accommodation',
  trafics: 'traffic', traffics: 'traffic',
});
const uncountablePlural: GrammarRule = {
  id: 'uncountable-plural',
  description: 'Plural of an uncountable noun ("informations", "advices", "softwares").',
  examples: {
    bad: ['I need some informations.', 'He gave me many advices.', 'We installed the softwares.', 'Thanks for the feedbacks.'],
    good: ['I need some information.', 'He advises me.', 'She researches it.'],
  },
  check(tokens, text) {
    const out: RuleIssue[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const fix = UNCOUNTABLE_PLURALS[t.lower];
      if (!fix) continue;
      // "researches"/"progresses" are also verbs: flag them only after a determiner or quantifier.
      if (['researches', 'progresses', 'evidences'].includes(t.lower)) {
        const prev = tokens[i - 1];
        if (!prev || !(DETERMINERS.has(prev.lower) || PLURAL_QUANTIFIERS.has(prev.lower))) continue;
      }
      out.push(issue(this.id, t, t, `"${fix}" is uncountable and has no plural.`, [fix], text));
    }
    return out;
  },
};

const oneOfPlural: GrammarRule = {
  id: 'one-of-plural',
  description: '"one of my friend" → "one of my friends".',
  examples: {
    bad: ['One of my friend is a doctor.', 'It is one of the best company in India.', 'Each of the student got a prize.'],
    good: ['One of my friends is a doctor.', 'One of the team members left.', 'One of the information systems failed.', 'One of them left.'],
  },
  check(tokens, text) {
    const out: RuleIssue[] = [];
    for (let i = 0; i < tokens.length - 3; i++) {
      const t = tokens[i]!;
      if (!['one', 'each', 'some', 'many', 'few', 'none', 'most', 'several', 'any', 'either', 'neither'].includes(t.lower) || tokens[i + 1]!.lower !== 'of' || !joined(tokens, i) || !joined(tokens, i + 1)) continue;
      const d = tokens[i + 2]!;
      if (!['the', 'my', 'our', 'your', 'his', 'her', 'their', 'these', 'those', 'its'].includes(d.lower)) continue;
      let j = i + 3;
      while (tokens[j] && joined(tokens, j - 1) && isAdjectiveOnly(tokens[j]!.lower)) j++;
      const n = tokens[j];
      if (!n || !joined(tokens, j - 1)) continue;
      const next = tokens[j + 1];
      if (next && joined(tokens, j) && (isNounLike(next.lower) && !hasTag(next.lower, 'VBZ', 'VBD', 'MD', 'IN', 'CC', 'WDT', 'WP', 'DT', 'PRP', 'RB', 'VBP', 'TO'))) continue; // compound noun
      if (/^\p{Lu}/u.test(n.text)) continue;
      if (!isSingularNoun(n.lower) || UNCOUNTABLE.has(n.lower) || NOT_COUNT_HEADS.has(n.lower)) continue;
      out.push(issue(this.id, n, n, `After "${t.lower} of ${d.lower}", use a plural noun: "${pluralOf(n.text)}".`, [pluralOf(n.lower)], text));
    }
    return out;
  },
};

const quantifierNumber: GrammarRule = {
  id: 'quantifier-noun-number',
  description: 'Singular noun after "many/several/two..." and plural after "a/each/every/this"; "less" + plural.',
  examples: {
    bad: ['There are too much people here.', 'Most student is not lazy.', 'Almost people know it.', 'Every people thinks so.', 'I worked there for many year.', 'We have two problem.', 'I read a books.', 'Every days we meet.', 'This things are hard.', 'Less people came.', 'These kind of bugs are rare.'],
    good: ['There is too much work.', 'Most students are not lazy.', 'It is the most important thing.', 'Most people know it.', 'Almost everyone knows it.', 'This shows that it works.', 'I worked there for many years.', 'We signed a two year contract.', 'I read a book.', 'This means a lot.', 'Less time was spent.', 'The servers that users love.', 'It costs less than that.', 'A sales manager called.'],
  },
  check(tokens, text) {
    const out: RuleIssue[] = [];
    for (let i = 0; i < tokens.length - 1; i++) {
      const q = tokens[i]!;
      const n = tokens[i + 1]!;
      if (!joined(tokens, i) || /^\p{Lu}/u.test(n.text)) continue;
      const next = tokens[i + 2];
      const nounFollows = !!next && joined(tokens, i + 1) && isNounLike(next.lower) && !hasTag(next.lower, 'VBZ', 'VBD', 'VBP', 'MD', 'IN', 'CC', 'WDT', 'WP', 'DT', 'PRP', 'RB', 'TO');
      const prev = tokens[i - 1];
      if (['many', 'several', 'various', 'numerous', 'both', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'multiple'].includes(q.lower)) {
        if (prev && joined(tokens, i - 1) && ['a', 'an', 'the', 'how', 'so', 'too', 'as'].includes(prev.lower) && !['many', 'several'].includes(q.lower)) continue; // "a two year contract"
        if (prev && joined(tokens, i - 1) && ['a', 'an'].includes(prev.lower)) continue;
        if (nounFollows || !isSingularNoun(n.lower) || NOT_COUNT_HEADS.has(n.lower)) continue;
        if (['percent', 'dozen', 'hundred', 'thousand', 'million', 'lakh', 'crore', 'per', 'time'].includes(n.lower) && q.lower !== 'many') continue;
        if (UNCOUNTABLE.has(n.lower)) {
          if (q.lower === 'many') out.push(issue(this.id, q, n, `"${n.text}" is uncountable: use "much ${n.lower}" or "a lot of ${n.lower}".`, [`much ${n.lower}`, `a lot of ${n.lower}`], text));
          continue;
        }
        out.push(issue(this.id, n, n, `Use a plural noun after "${q.lower}": "${pluralOf(n.text)}".`, [pluralOf(n.lower)], text));
      } else if (['a', 'an', 'each', 'every', 'this', 'another'].includes(q.lower)) {
        if ((q.lower === 'every' || q.lower === 'each') && n.lower === 'people' && !nounFollows) {
          out.push(issue(this.id, q, n, `"${q.lower}" takes a singular noun: "${q.lower} person" or "everyone".`, [`${q.lower} person`, 'everyone'], text));
          continue;
        }
        if (!isPluralNoun(n.lower) || nounFollows) continue;
        if (['lot', 'lots', 'few', 'couple', 'means', 'series', 'news', 'species', 'sales', 'sports', 'people', 'thanks', 'odds', 'headquarters', 'physics', 'mathematics', 'economics', 'politics', 'ethics', 'electronics', 'analytics', 'logistics', 'statistics', 'graphics', 'robotics'].includes(n.lower)) continue;
        if (q.lower === 'this') {
          if (hasTag(n.lower, 'VBZ')) continue; // "This shows", "This casts doubt"
          out.push(issue(this.id, q, q, `"${n.text}" is plural: use "these".`, ['these'], text));
        } else {
          const sing = singularOf(n.lower);
          out.push(issue(this.id, n, n, `After "${q.lower}", use a singular noun: "${sing}".`, [sing], text));
        }
      } else if (q.lower === 'these' || q.lower === 'those') {
        if (['kind', 'sort', 'type'].includes(n.lower) && next?.lower === 'of') {
          out.push(issue(this.id, q, n, `Use "this ${n.lower} of" or "${q.lower} ${n.lower}s of".`, [`this ${n.lower}`, `${q.lower} ${n.lower}s`], text));
        }
      } else if (q.lower === 'most' && !(prev && joined(tokens, i - 1) && ['the', 'a', 'at', 'is', 'was', 'are', 'were', 'be', 'been', 'what', 'which', 'whom', 'who', 'get', 'make', 'made', 'makes', 'one', 'things'].includes(prev.lower))) {
        if (nounFollows || !isSingularNoun(n.lower) || UNCOUNTABLE.has(n.lower) || NOT_COUNT_HEADS.has(n.lower)) continue;
        out.push(issue(this.id, n, n, `Use a plural noun after "most": "most ${pluralOf(n.lower)}".`, [pluralOf(n.lower)], text));
      } else if (q.lower === 'much' && isPluralNoun(n.lower) && !hasTag(n.lower, 'VBZ') && !nounFollows) {
        out.push(issue(this.id, q, q, `Use "many" with a plural noun ("many ${n.lower}").`, ['many'], text));
      } else if (q.lower === 'almost' && (n.lower === 'people' || (isPluralNoun(n.lower) && !hasTag(n.lower, 'VBZ')))) {
        out.push(issue(this.id, q, q, `"almost" modifies a quantity: use "most ${n.lower}" or "almost all ${n.lower}".`, ['most', 'almost all'], text));
      } else if (q.lower === 'less' && isPluralNoun(n.lower) && !nounFollows && !['means', 'sales', 'thanks'].includes(n.lower)) {
        out.push(issue(this.id, q, q, `Use "fewer" with a plural noun ("fewer ${n.lower}").`, ['fewer'], text));
      }
    }
    return out;
  },
};

const STATIVE_SIMPLE = wordTable<[string, string, string]>({
  // -ing: [base, 3rd person, past]
  knowing: ['know', 'knows', 'knew'],
  understanding: ['understand', 'understands', 'understood'],
  believing: ['believe', 'believes', 'believed'],
  belonging: ['belong', 'belongs', 'belonged'],
  owning: ['own', 'owns', 'owned'],
  possessing: ['possess', 'possesses', 'possessed'],
  consisting: ['consist', 'consists', 'consisted'],
  containing: ['contain', 'contains', 'contained'],
  preferring: ['prefer', 'prefers', 'preferred'],
  having: ['have', 'has', 'had'],
});
const HAVING_POSSESSION = /^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an|good|strong|basic|some|no|experience|knowledge|doubts?|idea|car|laptop|degree|skills?|expertise|exposure)$/;
const stativeProgressive: GrammarRule = {
  id: 'stative-progressive',
  description: 'State verbs in the progressive ("I am knowing", "I am having two years of experience").',
  examples: {
    bad: ['I am knowing the answer.', 'I am having two years of experience.', 'He is having a car.', 'We are understanding the problem now.'],
    good: ['I know the answer.', 'I am having lunch.', 'We are having a meeting.', 'I was having a bad day.'],
  },
  check(tokens, text) {
    const out: RuleIssue[] = [];
    for (let i = 0; i < tokens.length - 1; i++) {
      const be = tokens[i]!;
      if (!['am', 'is', 'are', 'was', 'were', "i'm", "he's", "she's", "we're", "they're", "you're"].includes(be.lower) || !joined(tokens, i)) continue;
      const ing = tokens[i + 1]!;
      const forms = STATIVE_SIMPLE[ing.lower];
      if (!forms) continue;
      if (ing.lower === 'having') {
        const obj = tokens[i + 2];
        const obj2 = tokens[i + 3];
        if (!obj || !HAVING_POSSESSION.test(obj.lower)) continue;
        if (['a', 'an', 'good', 'some', 'no'].includes(obj.lower) && !(obj2 && /^(?:car|laptop|degree|doubt|idea|experience|knowledge|house|bike|phone|good|strong|basic)$/.test(obj2.lower))) continue;
      }
      const past = be.lower === 'was' || be.lower === 'were';
      const third = be.lower === 'is' || be.lower === "he's" || be.lower === "she's";
      const verb = past ? forms[2] : third ? forms[1] : forms[0];
      const subjectPart = be.lower.includes("'") ? be.text.split("'")[0]! + ' ' : '';
      out.push(issue(this.id, be, ing, `"${forms[0]}" describes a state and is not normally used with "-ing": use "${subjectPart}${verb}".`, [`${subjectPart}${verb}`], text));
    }
    return out;
  },
};

interface Phrase {
  id: string;
  re: RegExp;
  /** "$1"… are the lower-cased groups of the match. */
  message: string;
  /** Replacements for the whole match: templates with "$1"…, or a function of the match. */
  suggestions: string[] | ((m: RegExpExecArray) => string[]);
  severity?: 'hint';
}

const TEXT_SPEAK = wordTable({ u: 'you', ur: 'your', pls: 'please', plz: 'please', coz: 'because', cuz: 'because', bcoz: 'because', bcz: 'because', becoz: 'because', thx: 'thanks' });
const MAKE = wordTable({ do: 'make', does: 'makes', did: 'made', doing: 'making', done: 'made' });
const RAISE = wordTable({ rise: 'raise', rises: 'raises', rose: 'raised', risen: 'raised' });
const POSSESSIVE_PRONOUN = wordTable({ me: 'mine', him: 'his', us: 'ours', them: 'theirs' });
const PARTICIPLE_ADJECTIVE = wordTable({ worry: 'worried', shock: 'shocked' });
const lower = (m: RegExpExecArray, k: number) => (m[k] ?? '').toLowerCase();

/**
 * Fixed non-standard phrases common in Indian English interview answers. The second half are
 * learner usage errors that harper.js also has rules for ("aware about", "do a mistake", "discuss
 * about", …): harper runs each of its rules over every word of an answer (≈ 50 µs per rule per
 * answer, measured), which for these word-anchored phrases costs ≈ 3 ms per answer; one regular
 * expression each costs a few microseconds.
 */
const PHRASES: Phrase[] = [
  { id: 'text-speak', re: /(?<![\w.'’-])(u|ur|pls|plz|coz|cuz|bcoz|bcz|becoz|thx)(?![\w.'’-])/g, message: 'Write the word out in full ("$1" is text-message shorthand).', suggestions: (m) => [TEXT_SPEAK[lower(m, 1)]!] },
  { id: 'the-most-of', re: /(?<!\b(?:make|makes|made|making|get|got|gets)\s)\bthe most of (?=(?:the|my|our|their|his|her|these|those|them|us|people|students|[a-z]+s)\b)/gi, message: '"Most of …" takes no "the" before "most".', suggestions: ['most of '] },
  { id: 'according-to-me', re: /\baccording to me\b/gi, message: 'In international English, say "in my opinion" or "I think".', suggestions: ['in my opinion'], severity: 'hint' },
  { id: 'redundant-back', re: /\b(revert|return|reply)(?:s|ed|ing)? back\b/gi, message: '"back" is already part of the meaning.', suggestions: ['$1'] },
  { id: 'cope-up', re: /\bcop(e|es|ed|ing) up with\b/gi, message: 'The phrase is "cope with".', suggestions: ['cop$1 with'] },
  { id: 'explain-me', re: /\bexplain(s|ed|ing)? (me|him|her|us|them)\b(?! to\b)/gi, message: '"explain" needs "to" before the person: "explain to me".', suggestions: ['explain$1 to $2'] },
  { id: 'mention-about', re: /\bmention(s|ed|ing)? about\b/gi, message: '"mention" takes a direct object: drop "about".', suggestions: ['mention$1'] },
  { id: 'be-agree', re: /\b(am|is|are|was|were) (agree|disagree)\b/gi, message: '"agree" is a verb: "I agree", not "I am agree".', suggestions: ['$2'] },
  { id: 'interesting-in', re: /\b(am|is|are|was|were|'m|'re) interesting in\b/gi, message: 'For a person\'s interest, use "interested in".', suggestions: ['$1 interested in'] },
  { id: 'said-me', re: /\bsaid (me|him|her|us|them)\b/gi, message: '"say" does not take a person as object: use "told $1" or "said to $1".', suggestions: ['told $1', 'said to $1'] },
  { id: 'years-experience', re: /\b(years|months) experience\b/gi, message: 'Use "$1 of experience" (or "$1\' experience").', suggestions: ['$1 of experience', "$1' experience"] },
  { id: 'myself-intro', re: /(?:^|(?<=[.!?]\s+))[Mm]yself(?= (?:is )?\p{Lu})/gmu, message: 'To introduce yourself, say "I am …" or "My name is …".', suggestions: ['I am', 'My name is'] },
  { id: 'today-morning', re: /\btoday (morning|afternoon|evening)\b/gi, message: 'Use "this $1".', suggestions: ['this $1'] },
  { id: 'today-night', re: /\btoday night\b/gi, message: 'Use "tonight".', suggestions: ['tonight'] },
  { id: 'yesterday-night', re: /\byesterday night\b/gi, message: 'Use "last night".', suggestions: ['last night'] },
  { id: 'passed-out', re: /\bpass(?:ed)? out (?=from\b|of\b|in (?:19|20)\d\d\b)(?!.{0,30}\b(?:heat|exhaustion)\b)/gi, message: 'In international English "passed out" means fainted: use "graduated".', suggestions: ['graduated '] },
  { id: 'besides-of', re: /\bbesides of\b/gi, message: '"besides" is used without "of".', suggestions: ['besides'] },
  { id: 'since-long', re: /\bsince long(?: time)?\b/gi, message: 'Use "for a long time".', suggestions: ['for a long time'] },
  // Learner usage errors (harper.js has rules for these; see the comment above).
  { id: 'aware-of', re: /\baware about\b/gi, message: '"aware" takes "of".', suggestions: ['aware of'] },
  { id: 'make-mistake', re: /\b(do|does|did|doing|done)((?: (?:a|an|the|many|some|any|few|several|no|same|silly|small|big|careless|minor|major|serious|lots|lot|of)){0,3}) (mistakes?)\b/gi, message: 'One makes a mistake; one does not "do" it.', suggestions: (m) => [`${MAKE[lower(m, 1)]}${lower(m, 2)} ${lower(m, 3)}`] },
  { id: 'discuss-about', re: /\bdiscuss(es|ed|ing)? about\b/gi, message: '"discuss" takes a direct object: drop "about".', suggestions: ['discuss$1'] },
  { id: 'interested-in', re: /\binterested (on|about)\b/gi, message: '"interested" takes "in".', suggestions: ['interested in'] },
  { id: 'supposed-to', re: /\b(am|is|are|was|were|'m|'re|'s|not) suppose to\b/gi, message: 'The phrase is "supposed to".', suggestions: ['$1 supposed to'] },
  { id: 'passionate-about', re: /\bpassionate (of|on)\b/gi, message: '"passionate" takes "about".', suggestions: ['passionate about'] },
  { id: 'inspired-by', re: /\binspired from\b/gi, message: 'One is inspired "by" something.', suggestions: ['inspired by'] },
  { id: 'in-detail', re: /\bin details\b(?=\s*(?:[.,;:!?)]|$|and\b|about\b|with\b))/gim, message: 'The phrase is "in detail".', suggestions: ['in detail'] },
  { id: 'responsibility-for', re: /\b(take|takes|took|taken|taking|assume|assumes|assumed|assuming|claim|claims|claimed|claiming)((?: full| complete| the| sole)?) responsibility of\b/gi, message: 'One takes responsibility "for" something.', suggestions: ['$1$2 responsibility for'] },
  { id: 'raise-question', re: /\b(rise|rises|rose|risen) ((?:the|a|an|this|that) (?:questions?|issues?|concerns?))\b/gi, message: '"rise" takes no object: one raises a question.', suggestions: (m) => [`${RAISE[lower(m, 1)]} ${lower(m, 2)}`] },
  { id: 'how-looks-like', re: /\bhow (it|this|that|he|she|they|things|everything) (looks|look|looked) like\b/gi, message: 'Use "how $1 $2" or "what $1 $2 like", not both.', suggestions: ['how $1 $2', 'what $1 $2 like'] },
  { id: 'unless-if', re: /\bunless if\b/gi, message: '"unless" already means "if not".', suggestions: ['unless'] },
  { id: 'except-for', re: /\bexcept of\b/gi, message: 'The phrase is "except for".', suggestions: ['except for'] },
  { id: 'friend-of-mine', re: /\b(friends?|colleagues?|classmates?|cousins?|relatives?) of (me|him|us|them)\b/gi, message: 'Use a possessive pronoun: "a friend of mine".', suggestions: (m) => [`${lower(m, 1)} of ${POSSESSIVE_PRONOUN[lower(m, 2)]}`] },
  { id: 'similar-to', re: /\bsimilar like\b/gi, message: '"similar" takes "to".', suggestions: ['similar to'] },
  { id: 'comprise-of', re: /\b(?<!(?:is|are|was|were|be|been|being) )compris(e|es|ed|ing) of\b/gi, message: '"comprise" takes a direct object (or say "consist of").', suggestions: ['compris$1'] },
  { id: 'make-sense', re: /\b(make|makes|made|making) senses\b/gi, message: 'The phrase is "make sense".', suggestions: ['$1 sense'] },
  { id: 'paid', re: /\b(over|under|pre|re)?payed\b/gi, message: 'The past of "pay" is "paid".', suggestions: ['$1paid'] },
  { id: 'whole-entire', re: /\bwhole entire\b/gi, message: '"whole" and "entire" mean the same: use one.', suggestions: ['whole', 'entire'] },
  { id: 'quite-a-few', re: /\bquite many\b/gi, message: 'The idiom is "quite a few".', suggestions: ['quite a few'] },
  { id: 'look-forward-to', re: /\blook(s|ed|ing)? forward for\b/gi, message: 'The phrase is "look forward to".', suggestions: ['look$1 forward to'] },
  { id: 'take-control-of', re: /\b(take|takes|took|taken|taking) control over\b/gi, message: 'The phrase is "take control of".', suggestions: ['$1 control of'] },
  { id: 'take-pride-in', re: /\b(take|takes|took|taken|taking) pride of\b/gi, message: 'The phrase is "take pride in".', suggestions: ['$1 pride in'] },
  { id: 'difference-between', re: /\bthe differen(?:t|ts) between\b/gi, message: 'The noun is "difference".', suggestions: ['the difference between'] },
  { id: 'well-known', re: /\bvery known\b/gi, message: 'Use "well known" (or "very well known").', suggestions: ['well known', 'very well known'] },
  { id: 'win-prize', re: /\b(win|wins|won|winning)((?: (?:a|the|first|second|third|1st|2nd|3rd)){0,2}) (?:price|prise)\b(?![\s-]*(?:war|wars|battle|negotiation|match|point|cut|cuts)\b)/gi, message: 'An award is a "prize".', suggestions: ['$1$2 prize'] },
  { id: 'wish-could', re: /\bwish (I|we|you|he|she|they) can\b/gi, message: 'After "wish", use "could".', suggestions: (m) => [`wish ${m[1] === 'I' ? 'I' : lower(m, 1)} could`] },
  { id: 'await-for', re: /\bawait(s|ed|ing)? for\b/gi, message: 'Use "await" or "wait for", not both.', suggestions: ['await$1', 'wait$1 for'] },
  { id: 'commitment-to', re: /\bcommitment towards?\b/gi, message: 'The phrase is "commitment to".', suggestions: ['commitment to'] },
  { id: 'invest-in', re: /\b(invest|implement)(s|ed|ing)? into\b/gi, message: '"$1" takes "in".', suggestions: ['$1$2 in'] },
  { id: 'used-to', re: /\b(get|gets|got|getting|gotten|am|is|are|was|were|be|been|'m|'re) (?:used of|use to)\b/gi, message: 'The phrase is "$1 used to".', suggestions: ['$1 used to'] },
  { id: 'impressed-by', re: /\bimpressed of\b/gi, message: 'One is impressed "by" or "with" something.', suggestions: ['impressed by', 'impressed with'] },
  { id: 'in-need-of', re: /\bin need for\b/gi, message: 'The phrase is "in need of".', suggestions: ['in need of'] },
  { id: 'jealous-of', re: /\bjealous (?:on|from)\b/gi, message: '"jealous" takes "of".', suggestions: ['jealous of'] },
  { id: 'fascinated-by', re: /\bfascinated (?:of|from)\b/gi, message: 'One is fascinated "by" something.', suggestions: ['fascinated by'] },
  { id: 'a-hard-time', re: /\b(have|has|had|having) hard time\b/gi, message: 'The phrase is "have a hard time".', suggestions: ['$1 a hard time'] },
  { id: 'no-longer', re: /\bnot longer\b(?! than\b)/gi, message: 'Use "no longer" for something that has stopped.', suggestions: ['no longer'] },
  { id: 'not-only', re: /\bno only\b/gi, message: 'The phrase is "not only".', suggestions: ['not only'] },
  { id: 'be-worried', re: /\b(am|is|are|was|were|be|been|being|'m|'re) (worry|shock)\b(?!-)/gi, message: 'After "$1", use the adjective "$2ed".', suggestions: (m) => [`${lower(m, 1)} ${PARTICIPLE_ADJECTIVE[lower(m, 2)]}`] },
  { id: 'combine', re: /\bcombinat(e|es|ed|ing)\b/gi, message: 'The verb is "combine".', suggestions: ['combin$1'] },
  { id: 'more-better', re: /\bmore (better|worse)\b/gi, message: '"$1" is already a comparative: drop "more".', suggestions: ['$1'] },
  { id: 'worse-than', re: /\bworst than\b/gi, message: 'The comparative is "worse than".', suggestions: ['worse than'] },
  { id: 'get-rid-of', re: /\b(get|gets|got|getting|gotten) rid off\b/gi, message: 'The phrase is "get rid of".', suggestions: ['$1 rid of'] },
  { id: 'level-of-detail', re: /\blevels? of details\b/gi, message: '"detail" here is uncountable: "level of detail".', suggestions: (m) => [m[0].replace(/details$/i, 'detail')] },
  { id: 'reason-for', re: /\breasons? of (?=\w+ing\b)/gi, message: 'One has a reason "for" doing something.', suggestions: (m) => [m[0].replace(/of $/i, 'for ')] },
  { id: 'take-care-of', re: /\b(take|takes|took|taken|taking) care about\b/gi, message: 'The phrase is "take care of".', suggestions: ['$1 care of'] },
  { id: 'curious-about', re: /\bcurious (?:of|on)\b/gi, message: '"curious" takes "about".', suggestions: ['curious about'] },
  { id: 'aspire-to', re: /\baspir(e|es|ed|ing) for\b/gi, message: '"aspire" takes "to".', suggestions: ['aspir$1 to'] },
  { id: 'instead-of', re: /\bin stead of\b/gi, message: '"instead" is one word.', suggestions: ['instead of'] },
  { id: 'in-any-way', re: /\bin anyway\b/gi, message: 'Write "in any way" (two words).', suggestions: ['in any way'] },
  { id: 'same-as', re: /\bthe same then\b(?= (?:before|what|earlier|last|yesterday|previously)\b)/gi, message: 'Comparisons with "the same" take "as".', suggestions: ['the same as'] },
  { id: 'look-at', re: /\b(take|takes|took|taken|taking|have|has|had|having) a (?:quick |closer |close )?look to\b(?! (?:see|check|find|make|understand|confirm|verify|ensure|figure|decide|learn|know|fix)\b)/gi, message: 'One takes a look "at" something.', suggestions: (m) => [m[0].replace(/to$/i, 'at')] },
  { id: 'as-follows', re: /\bas follow(?=\s*[:.]|\s*$)/gim, message: 'The fixed phrase is "as follows".', suggestions: ['as follows'] },
  { id: 'thanks-a-lot', re: /\bthanks lot\b/gi, message: 'The phrase is "thanks a lot".', suggestions: ['thanks a lot'] },
  { id: 'rely-on', re: /\b(will|would|can|could|should|must|to|i|we|you|they|always|often|usually) relay on\b/gi, message: '"relay" passes something on; to depend on is to "rely on".', suggestions: ['$1 rely on'] },
  { id: 'code-in', re: /\b(write|writes|wrote|written|writing|code|coded|coding|program|programmed|programming|develop|developed|developing) (?:(?:the |my |our |this |it |code |programs? |apps? |scripts? |solutions? )+)?on (?=(?:Java|Python|C\+\+|C#|C|Go|Rust|Kotlin|Swift|JavaScript|TypeScript|Ruby|PHP|Scala|R)\b)/g, message: 'One writes code "in" a language.', suggestions: (m) => [m[0].replace(/on $/, 'in ')] },
  { id: 'each-and-every-one', re: /\beach and everyone\b/gi, message: 'The phrase is "each and every one".', suggestions: ['each and every one'] },
  { id: 'like-as-if', re: /\blike as if\b/gi, message: 'Use "as if" (or "like"), not both.', suggestions: ['as if', 'like'] },
  { id: 'know-of', re: /\b(know|knew|known|think|thought) off\b(?! the top\b)/gi, message: 'The preposition is "of".', suggestions: ['$1 of'] },
  { id: 'most-optimal', re: /\bmost optimal\b/gi, message: '"optimal" already means "best".', suggestions: ['optimal'], severity: 'hint' },
];

const phraseRules: GrammarRule = {
  id: 'phrases',
  description: 'Fixed non-standard phrases common in Indian English interview answers ("revert back", "cope up with", "explain me", "I am agree", "years experience", "Myself Rahul", "today morning", "passed out from", "discuss about", "do a mistake").',
  examples: {
    bad: ['I know u dont like it.', 'Send me ur resume pls.', 'The most of people agree.', 'According to me, it works.', 'Please revert back to me.', 'I can cope up with pressure.', 'Explain me the process.', 'I am agree with you.', 'I am interesting in this job.', 'He said me to come.', 'I have two years experience.', 'Myself Rahul from Delhi.', 'I will do it today morning.', 'I passed out from IIT in 2019.', 'I mentioned about it.'],
    good: ['Make the most of it.', 'The U.S. market is large.', 'Most of the people agree.', 'Please reply to me.', 'I can cope with pressure.', 'Explain to me the process.', 'I agree with you.', 'I am interested in this job.', 'He told me to come.', 'I have two years of experience.', 'I did it myself.', 'This morning I did it.', 'Yesterday morning I fixed it.', 'He passed out from the heat.', 'We had a discussion about it.', 'I was interested at first.', 'I have control over the budget.', 'It took not longer than a day.', 'The team is comprised of five people.', 'A friend of her brother helped.', 'I look forward to working with you.', 'We made a few mistakes.', 'The price rose this year.', 'I wish I could.', 'Let me have a look to see if it works.', 'The release is worry-free.', 'I am interested in details of the design.', 'We did the same then moved on.', 'We won the price war.', 'I know off the top of my head.', 'The relay on the board failed.', 'We planned a follow-up.', 'I wrote it on the go.'],
  },
  check(_tokens, text) {
    const out: RuleIssue[] = [];
    for (const p of PHRASES) {
      p.re.lastIndex = 0;
      for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
        const matched = m[0].replace(/\s+$/, '');
        const match = m;
        const suggestions =
          typeof p.suggestions === 'function'
            ? p.suggestions(match).map((s) => matchCase(matched, s.trim()))
            : p.suggestions.map((s) => matchCase(matched, s.replace(/\$(\d)/g, (_, k: string) => lower(match, Number(k))).trim()));
        const message = p.message.replace(/\$(\d)/g, (_, k: string) => lower(match, Number(k)));
        out.push({ rule: p.id, start: m.index, end: m.index + matched.length, message, suggestions, ...(p.severity ? { severity: p.severity } : {}) });
      }
    }
    return out;
  },
};

const toldThat: GrammarRule = {
  id: 'told-that',
  description: '"told that" without a person ("He told that he will come") → "said that".',
  examples: {
    bad: ['He told that he will come.', 'My manager told that we should hurry.'],
    good: ['He told me that he will come.', 'I was told that it is fine.', 'We were told that the build failed.'],
  },
  check(tokens, text) {
    const out: RuleIssue[] = [];
    for (let i = 1; i < tokens.length - 1; i++) {
      const t = tokens[i]!;
      if (t.lower !== 'told' || tokens[i + 1]!.lower !== 'that' || !joined(tokens, i)) continue;
      const prev = tokens[i - 1]!;
      if (BE_FORMS.has(prev.lower) || ['being', 'get', 'got', 'been', 'having', 'had', 'has', 'have', 'not', 'just', 'also'].includes(prev.lower)) continue; // passive
      out.push(issue(this.id, t, t, '"tell" needs a person ("told me that"); otherwise use "said that".', ['said', 'told me'], text));
    }
    return out;
  },
};

const beBareVerb: GrammarRule = {
  id: 'be-bare-verb',
  description: '"be" + bare verb ("would be decrease", "is depend") → participle, or drop "be".',
  examples: {
    bad: ['The number of cars would be reduce.', 'It is depend on the team.', 'You must be relax.', 'The code was develop by me.'],
    good: ['All you have to do is follow the steps.', 'It depends on the team.', 'The plan was to improve it.', 'It is a decrease in cost.', 'What I did was help them.'],
  },
  check(tokens, text) {
    const out: RuleIssue[] = [];
    for (let i = 0; i < tokens.length - 1; i++) {
      const be = tokens[i]!;
      if (!BE_FORMS.has(be.lower) || be.lower.startsWith("'") || !joined(tokens, i)) continue;
      const w = tokens[i + 1]!;
      const tags = simpleTags(w.lower);
      if (tags.length === 0 || !tags.every((t) => t === 'VB' || t === 'VBP') || /^\p{Lu}/u.test(w.text)) continue;
      // Pseudo-clefts take a bare infinitive: "All you have to do is follow", "What I did was help".
      const window = tokens.slice(Math.max(0, i - 5), i).map((t) => t.lower);
      if (window.some((x) => DO_FORMS.has(x) || x === 'done' || x === 'doing') || ['what', 'all'].includes(window[0] ?? '')) continue;
      const participle = [w.lower + 'ed', w.lower + 'd', w.lower.replace(/y$/, 'ied')].find((c) => c !== w.lower && hasTag(c, 'VBN'));
      const suggestions = [...(participle ? [`${be.lower} ${participle}`] : []), w.lower];
      out.push(issue(this.id, be, w, `"${be.lower}" cannot be followed by the bare verb "${w.lower}": use the participle or drop "${be.lower}".`, suggestions, text));
    }
    return out;
  },
};

const soAdjectiveNoun: GrammarRule = {
  id: 'so-adjective-noun',
  description: '"was so unstable trip" → "such an unstable trip" ("so" + adjective + noun needs "such (a)").',
  examples: {
    bad: ['That was so unstable trip.', 'It is so good idea.', 'They are so nice people.'],
    good: ['That trip was so unstable.', 'It was so good that we stayed.', 'It is such a good idea.', 'It was so much work.'],
  },
  check(tokens, text) {
    const out: RuleIssue[] = [];
    for (let i = 1; i < tokens.length - 2; i++) {
      const so = tokens[i]!;
      if (so.lower !== 'so' || !BE_FORMS.has(tokens[i - 1]!.lower) || !joined(tokens, i - 1) || !joined(tokens, i) || !joined(tokens, i + 1)) continue;
      const adj = tokens[i + 1]!;
      const n = tokens[i + 2]!;
      if (!isAdjectiveOnly(adj.lower) || ['much', 'many', 'few', 'little', 'far', 'long'].includes(adj.lower)) continue;
      const plural = isPluralNoun(n.lower);
      if (!plural && !isSingularNoun(n.lower)) continue;
      if (tokens[i + 3]?.lower === 'that' && !plural) continue;
      const article = plural || UNCOUNTABLE.has(n.lower) ? '' : /^[aeiou]/i.test(adj.lower) ? 'an ' : 'a ';
      out.push(issue(this.id, so, adj, `Before an adjective + noun, use "such ${article}" rather than "so".`, [`such ${article}${adj.lower}`], text));
    }
    return out;
  },
};

/** "-ing" form of a base verb, checked against the lexicon ("make" → "making", "run" → "running"). */
export function gerundOf(base: string): string {
  const b = base.toLowerCase();
  if (b === 'be' || b === 'see' || b === 'flee' || b === 'agree') return b + 'ing';
  if (b.endsWith('ie')) return b.slice(0, -2) + 'ying';
  const candidates = [b + 'ing', b.endsWith('e') ? b.slice(0, -1) + 'ing' : '', /[^aeiou][aeiou][bdgklmnprt]$/.test(b) ? b + b.slice(-1) + 'ing' : ''].filter(Boolean);
  return candidates.find((c) => hasTag(c, 'VBG')) ?? (b.endsWith('e') && !b.endsWith('ee') ? b.slice(0, -1) + 'ing' : b + 'ing');
}

const GERUND_VERBS = /^(?:enjoy|avoid|finish|mind|keep|kept|quit|miss|deny|admit|risk|practi[cs]e|postpone|delay|imagine|appreciate|dislike|resent|recall)(?:s|es|ed|ing)?$/;
const gerundAfter: GrammarRule = {
  id: 'gerund-after',
  description: 'Verbs such as "enjoy", "avoid", "finish" and "look forward to" take an -ing form, not "to" + verb.',
  examples: {
    bad: ['I enjoy to work in teams.', 'We avoided to change the schema.', 'I look forward to meet you.', 'I am looking forward to hear from you.'],
    good: ['I enjoy working in teams.', 'I look forward to meeting you.', 'I miss to the office.', 'We kept to the plan.', 'I look forward to the interview.'],
  },
  check(tokens, text) {
    const out: RuleIssue[] = [];
    for (let i = 0; i < tokens.length - 2; i++) {
      const v = tokens[i]!;
      let toIdx = -1;
      if (GERUND_VERBS.test(v.lower) && tokens[i + 1]!.lower === 'to' && joined(tokens, i)) toIdx = i + 1;
      else if (v.lower === 'forward' && i > 0 && /^look(?:s|ed|ing)?$/.test(tokens[i - 1]!.lower) && tokens[i + 1]!.lower === 'to' && joined(tokens, i)) toIdx = i + 1;
      if (toIdx < 0 || !joined(tokens, toIdx)) continue;
      const w = tokens[toIdx + 1]!;
      const tags = simpleTags(w.lower);
      // "to" cannot be a preposition after "enjoy"/"avoid"…, so any verb form counts; after "keep" and
      // "miss" ("kept to the plan") the word must be mainly a verb.
      const strict = /^(?:keep|keeps|kept|keeping|miss|misses|missed|missing)$/.test(v.lower);
      if (!(tags.includes('VB') || tags.includes('VBP')) || (strict && tags[0] !== 'VB') || DETERMINERS.has(w.lower)) continue;
      const ing = gerundOf(w.lower);
      out.push(issue(this.id, tokens[toIdx]!, w, `"${v.lower === 'forward' ? 'look forward to' : v.lower}" is followed by an -ing form: "${v.lower === 'forward' ? 'to ' : ''}${ing}".`, [v.lower === 'forward' ? `to ${ing}` : ing], text));
    }
    return out;
  },
};

const causativeTo: GrammarRule = {
  id: 'causative-to',
  description: '"let/make + person + to + verb" → no "to" ("made me feel", "let us know").',
  examples: {
    bad: ['It made me to feel proud.', 'Please let us to know.', 'My manager makes us to write tests.'],
    good: ['It made me feel proud.', 'He made it to the final.', 'She was made to wait.', 'Let me explain.'],
  },
  check(tokens, text) {
    const out: RuleIssue[] = [];
    for (let i = 0; i < tokens.length - 3; i++) {
      const v = tokens[i]!;
      if (!/^(?:let|lets|make|makes|made|making)$/.test(v.lower)) continue;
      const obj = tokens[i + 1]!;
      const to = tokens[i + 2]!;
      const w = tokens[i + 3]!;
      if (!['me', 'him', 'her', 'us', 'them', 'you', 'everyone', 'people'].includes(obj.lower) || to.lower !== 'to') continue;
      if (!joined(tokens, i) || !joined(tokens, i + 1) || !joined(tokens, i + 2)) continue;
      if (simpleTags(w.lower)[0] !== 'VB') continue;
      out.push(issue(this.id, to, to, `After "${v.lower} ${obj.lower}", use the verb without "to".`, [''], text));
    }
    return out;
  },
};

const pluralSubjectVerb: GrammarRule = {
  id: 'plural-subject-verb',
  description: 'Plural subject + "-s" verb ("people thinks", "many students wants").',
  examples: {
    bad: ['Many people thinks so.', 'Students wants more practice.', 'Most young people likes music.'],
    good: ['The results show it.', 'Many people think so.', 'The quality of the products makes it popular.', 'The people who thinks so are wrong.', 'Customer needs are important.'],
  },
  check(tokens, text) {
    const out: RuleIssue[] = [];
    for (let i = 0; i < tokens.length - 1; i++) {
      const n = tokens[i]!;
      const v = tokens[i + 1]!;
      if (!isPluralNoun(n.lower) || !joined(tokens, i) || simpleTags(v.lower)[0] !== 'VBZ' || /ss$/.test(v.lower)) continue;
      if (/^\p{Lu}/u.test(n.text) && !n.sentenceInitial) continue;
      // The noun must start its clause, possibly after a determiner/quantifier and adjectives.
      let k = i - 1;
      while (k >= 0 && joined(tokens, k) && isAdjectiveOnly(tokens[k]!.lower) && !PLURAL_DETS.has(tokens[k]!.lower)) k--;
      const startsClause = k < 0 || !joined(tokens, k) ? clauseStart(tokens, k + 1) : PLURAL_DETS.has(tokens[k]!.lower) && (k === 0 || !joined(tokens, k - 1) || clauseStart(tokens, k));
      if (!startsClause) continue;
      const next = tokens[i + 2];
      if (next && joined(tokens, i + 1) && (BE_FORMS.has(next.lower) || MODALS.has(next.lower))) continue; // "students needs are" (missing apostrophe)
      const base = baseForm(v.lower);
      if (!base) continue;
      out.push(issue(this.id, v, v, `"${n.text}" is plural: use "${base}".`, [base], text));
    }
    return out;
  },
};

export const PROJECT_RULES: GrammarRule[] = [
  gerundAfter,
  causativeTo,
  pluralSubjectVerb,
  beBareVerb,
  soAdjectiveNoun,
  thereAgreement,
  compoundSubjectCase,
  toInfinitive,
  modalBase,
  subjectVerbAgreement,
  indefinitePronounAgreement,
  uncountablePlural,
  oneOfPlural,
  quantifierNumber,
  stativeProgressive,
  phraseRules,
  toldThat,
];

/** Runs every project rule; results sorted by position. */
export function runProjectRules(text: string, tokens: WordToken[] = tokenize(text)): RuleIssue[] {
  const out: RuleIssue[] = [];
  for (const rule of PROJECT_RULES) out.push(...rule.check(tokens, text));
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
