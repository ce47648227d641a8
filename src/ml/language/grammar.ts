import { setFlagsFromString } from 'node:v8';
import type { Lint, LocalLinter } from 'harper.js';
import { runProjectRules } from './grammar-rules.js';
import { tagsOf } from './lexicon.js';
import { countWords, tokenize, type WordToken } from './text.js';

/**
 * Grammar and spelling check: harper.js (in-process WebAssembly, no network) with the chosen English
 * dialect, filtered for interview answers, plus the project rules in `grammar-rules.ts` for errors
 * harper misses. Spoken mode drops capitalisation and punctuation complaints, since speech
 * transcripts have neither.
 */
export type EnglishDialect = 'indian' | 'american' | 'british' | 'australian' | 'canadian';

export interface GrammarIssue {
  /** UTF-16 offsets into the checked text, end exclusive. */
  start: number;
  end: number;
  message: string;
  suggestions: string[];
  /** harper rule name (e.g. "DidPast") or project rule id (e.g. "there-be-agreement"). */
  rule: string;
  source: 'harper' | 'project';
  /** harper's lint kind ("Spelling", "Agreement", ...) or "Grammar" for project rules. */
  kind: string;
  /**
   * 'error' counts against the grammar score; 'hint' is style advice (long sentences, wordiness,
   * "Oxford comma") shown in the report but not scored.
   */
  severity: 'error' | 'hint';
}

export interface GrammarOptions {
  dialect?: EnglishDialect;
  /** Text is a speech transcript: ignore capitalisation, punctuation and formatting. */
  spoken?: boolean;
  /** Add the project rules (default true). */
  projectRules?: boolean;
  /** Apply the project's filtering of harper lints (default true). With false, harper's output is unchanged. */
  filterHarper?: boolean;
}

const DIALECT_INDEX: Record<EnglishDialect, 'American' | 'British' | 'Australian' | 'Canadian' | 'Indian'> = {
  american: 'American',
  british: 'British',
  australian: 'Australian',
  canadian: 'Canadian',
  indian: 'Indian',
};

/** Technical words common in interview answers that harper's dictionary lacks. */
export const TECH_WORDS = [
  'kubernetes', 'postgres', 'postgresql', 'redis', 'nodejs', 'jira', 'devops', 'mongodb', 'typescript', 'javascript',
  'frontend', 'backend', 'microservice', 'microservices', 'api', 'apis', 'sql', 'nosql', 'json', 'yaml', 'docker',
  'kafka', 'graphql', 'webpack', 'github', 'gitlab', 'jenkins', 'terraform', 'ansible', 'aws', 'gcp', 'azure', 'scrum',
  'kanban', 'django', 'flask', 'springboot', 'hibernate', 'nextjs', 'mysql', 'sqlite', 'rabbitmq', 'elasticsearch',
  'grpc', 'oauth', 'jwt', 'saas', 'paas', 'iaas', 'ci', 'cd', 'cicd', 'linux', 'unix', 'nginx', 'pytorch', 'tensorflow',
  'numpy', 'pandas', 'sklearn', 'scikit', 'keras', 'hadoop', 'spark', 'hive', 'bigquery', 'snowflake', 'tableau', 'powerbi',
  'figma', 'jupyter', 'vscode', 'intellij', 'eclipse', 'maven', 'gradle', 'npm', 'yarn', 'golang', 'kotlin', 'swift',
  'dotnet', 'csharp', 'cpp', 'leetcode', 'hackerrank', 'codechef', 'codeforces', 'dsa', 'oops', 'dbms', 'os', 'cn',
  'sde', 'swe', 'ui', 'ux', 'qa', 'sprint', 'sprints', 'stakeholder', 'stakeholders', 'onboarding', 'refactor',
  'refactored', 'refactoring', 'deploy', 'deployed', 'deployment', 'config', 'configs', 'repo', 'repos', 'localhost',
  'async', 'middleware', 'runtime', 'serverless', 'lambda', 'dynamodb', 'firebase', 'supabase', 'vercel', 'heroku',
  'tcs', 'infosys', 'wipro', 'cognizant', 'accenture', 'flipkart', 'zomato', 'swiggy', 'paytm', 'lakh', 'lakhs', 'crore',
  'crores', 'btech', 'mtech', 'bca', 'mca', 'iit', 'nit', 'cgpa', 'sgpa', 'internship', 'internships', 'hackathon',
  'hackathons', 'upskill', 'upskilling', 'dataset', 'datasets', 'chatbot', 'llm', 'llms', 'nlp', 'ml', 'ai',
  'retransmit', 'retransmits', 'retransmitted', 'retransmission', 'retransmissions', 'connectionless', 'datagram', 'datagrams',
];

export type HarperProfile = 'full' | 'written' | 'spoken';

export interface HarperHandle {
  harper: typeof import('harper.js');
  linter: LocalLinter;
  dialect: EnglishDialect;
  profile: HarperProfile;
  configs: Record<HarperProfile, Record<string, boolean>>;
  /** Serialises setDialect + lint so concurrent calls with different dialects do not interleave. */
  queue: Promise<unknown>;
}

let harperPromise: Promise<HarperHandle> | null = null;

async function loadHarper(): Promise<HarperHandle> {
  // V8 compiles a WebAssembly module on as many threads as it may; for harper's 10 MB module each
  // thread's compiler memory adds up, and glibc keeps most of it after it is freed. One compile
  // thread: load peak 444 → 385 MB (harper alone), lint time unchanged (11.7 ms with one, 12.7 ms without);
  // the flag is process-wide, and only matters while a module compiles.
  setFlagsFromString('--wasm-num-compilation-tasks=1');
  const harper = await import('harper.js');
  // The slim build: the full one loads both modules, for ~37 MB more and no different lints here.
  const { slimBinary: binary } = await import('harper.js/slimBinary');
  const linter = new harper.LocalLinter({ binary, dialect: harper.Dialect.Indian });
  await linter.setup();
  await linter.importWords(TECH_WORDS);
  // Pay one-off costs here rather than in a user's first answer: the first lints after set-up run
  // several times slower (WebAssembly tiering), and the first misspelling's suggestions cost
  // ≈ 0.3 s. The costliest one-off (the first long misspelt word, ≈ 3.6 s) is left to
  // warmUpGrammar({ spelling }).
  const warm = [
    'There is many reason why our clients was happy, and I have went to the the office to handled it.',
    // Short misspellings only: any long one ("thisisaverylongword") builds the structures below.
    'They recieve alot of moneys, what is more it was hapening here.',
    'In 2019 I joined Acme Corp. as an intern; my manager, Mr. Rao, said: "Ship it by Friday" (we did).',
    "He don't know nothing about it, isn't it? We discussed about the 3rd version, e.g. v2.1, it's 50% faster.",
  ];
  for (let i = 0; i < 12; i++) await linter.organizedLints(`${warm[i % warm.length]} ${i}`, { language: 'plaintext' });
  const full = (await linter.getDefaultLintConfig()) as Record<string, boolean>;
  const structured = await linter.getStructuredLintConfig();
  const kept = new Set([...ruleNamesOfGroups(structured, LEARNER_GROUPS), ...RULES_THAT_FIRE_ON_LEARNER_TEXT, ...LEARNER_GRAMMAR_RULES]);
  for (const rule of [...NOT_ABOUT_THE_CANDIDATE, ...HOUSE_STYLE]) kept.delete(rule);
  const profile = (offGroups: readonly string[]) => {
    const off = new Set(ruleNamesOfGroups(structured, offGroups));
    return Object.fromEntries(Object.entries(full).map(([k, v]) => [k, v && kept.has(k) && !off.has(k)]));
  };
  const configs = { full, written: profile([]), spoken: profile(SPOKEN_OFF_GROUPS) };
  await linter.setLintConfig(configs.full);
  return { harper, linter, dialect: 'indian', profile: 'full', configs, queue: Promise.resolve() };
}

/**
 * Which harper rules run. The check has a budget (≤ 20 ms per 150-word answer on 2 cores, DESIGN
 * §5), and harper spends ≈ 10 ms of it parsing the answer, whatever the rules. Each rule then costs
 * time on every answer, whether or not it fires (measured here with the parse cached, per rule:
 * ≈ 15–60 µs; harper's 457 rules for written answers took ≈ 13 ms), so rules are chosen by what
 * they catch on learner English:
 * - every rule of the groups where learners' errors cluster (pronouns and possession, articles and
 *   confusable words under "Miscellaneous", punctuation, words written apart: "with out", "how
 *   ever", "some how");
 * - from the other groups (agreement and verb forms, spelling, compounds, capitalisation, style,
 *   idioms), the rules that reported an issue on the 754 JFLEG learner sentences (dev set), and
 *   the agreement and verb-form rules for other learner errors (LEARNER_GRAMMAR_RULES);
 * - word-anchored learner phrases ("discuss about", "do a mistake") are project rules instead
 *   (grammar-rules.ts), where they cost microseconds.
 * The rest (≈ 300 rules: native speakers' typos and eggcorns, brand names, idioms) fired on none
 * of those sentences. Measured against all of harper's rules on JFLEG dev, with the rules chosen
 * on one half and scored on the other, this costs 2–4 % of span recall (README, "Which grammar rules run").
 */
const LEARNER_GROUPS = ['Pronouns and Possession', 'Miscellaneous', 'Punctuation and Spacing', 'Closed Compounds'] as const;
export const RULES_THAT_FIRE_ON_LEARNER_TEXT = [
  // Grammar and Agreement
  'AdjectiveDoubleDegree', 'DoubleModal', 'InflectedVerbAfterTo', 'MassNouns', 'MissingPreposition', 'MissingTo',
  'ModalBeAdjective', 'NeedToNoun', 'NominalWants', 'NounVerbConfusion', 'OneOfTheSingular', 'PluralWrongWordOfPhrase',
  'SimplePastToPastParticiple', 'SingleBe', 'ThatThan', 'TheAnother', 'ThenThan', 'ThereIsAgreement', 'WantBe',
  'WillNonLemma', 'WouldNeverHave', 'WrongNegative',
  // Spelling and Orthography; Compounds and Hyphenation; Closed Compounds
  'SpellCheck', 'OrthographicConsistency', 'RegularIrregulars', 'Hazzle', 'SplitWords', 'CompoundNouns', 'OpenCompounds',
  'MergeWords', 'Furthermore', 'Myself', 'Someone', 'Therefore',
  // Capitalization and Case; Style and Redundancy; Word Choice and Usage; Phrase Corrections
  'SentenceCapitalization', 'CapitalizePersonalPronouns', 'LongSentences', 'DiscourseMarkers', 'RepeatedWords',
  'AvoidAndAlso', 'Excellent', 'CondenseAllThe', 'QuiteQuiet', 'AllowTo', 'Lots', 'OfCourse', 'Nowadays', 'VeryLess',
];

/**
 * Agreement and verb-form rules for learner errors that JFLEG's essays happen not to contain but
 * interview answers do ("asked to us", "don't can", "haven't done no testing", "how install",
 * "is been", "could of", "I have working", "a complain", "if there a bug", "helped me fixed").
 * They need harper's parts of speech, so they cannot be word patterns in grammar-rules.ts.
 */
export const LEARNER_GRAMMAR_RULES = [
  'AskNoPreposition', 'DontCan', 'HaveNegNoAny', 'DoubleNegative', 'HowTo', 'IsBeenAuxSequence', 'ModalOf',
  'ProgressiveNeedsBe', 'IfWouldve', 'ComplainAsNoun', 'ThereMissingIsClause', 'QuantifierNeedsOf', 'HelpedPast',
  'DoIAdjective', 'NotBeAfterNot', 'SomeWithoutArticle', 'ThreatenVerb',
];

/**
 * Groups switched off for speech transcripts: the recogniser chose the spelling, and transcripts
 * have no capitalisation, punctuation or paragraphs.
 */
export const SPOKEN_OFF_GROUPS = [
  'Closed Compounds',
  'Capitalization and Case',
  'Punctuation and Spacing',
  'Compounds and Hyphenation',
  'Spelling and Orthography',
  'Style and Redundancy',
] as const;

/**
 * Rules of the groups kept whole above that say nothing about an interview candidate's English:
 * hyphens in place and brand names, letter conventions, typography, words outside an interview's
 * register. None fired on the JFLEG learner sentences.
 */
const NOT_ABOUT_THE_CANDIDATE = [
  'Backplane', 'Chalkboard', 'Deadlift', 'Henceforth', 'Insofar', 'Notwithstanding', 'Overclocking', 'Thereupon',
  'Underclock', 'Whereupon',
  'AOkHyphen', 'BluRayHyphen', 'GuineaBissau', 'MercedesBenzHyphen', 'PortAuPrince', 'PortoNovo', 'PostItNoteHyphen',
  'IntroCueCommaBeforeThanks', 'EagleEyed', 'EverPresent', 'FaceFirst', 'FromTheGetGo', 'OffTheCuff', 'OneHanded',
  'RainbowColoredHyphen', 'RapidFire', 'ClickThroughRate', 'Dashes', 'FirstPersonModifierHyphen',
  'IncludingButNotLimitedToPunctuation', 'PasswordProtectedHyphen',
];

/**
 * Choices of house style rather than errors: Indian and British usage, like most style guides
 * outside the US, leaves out the serial comma ("physical, data link and network layers").
 */
const HOUSE_STYLE = ['OxfordComma'];

type StructuredConfig = Awaited<ReturnType<LocalLinter['getStructuredLintConfig']>>;
function ruleNamesOfGroups(config: StructuredConfig, labels: readonly string[], inside = false): string[] {
  const out: string[] = [];
  for (const setting of config.settings) {
    if ('Group' in setting) {
      const hit = inside || labels.includes(setting.Group.label);
      out.push(...ruleNamesOfGroups(setting.Group.child, labels, hit));
    } else if (inside && 'Bool' in setting) {
      out.push(setting.Bool.name);
    } else if (inside && 'OneOfMany' in setting) {
      out.push(...setting.OneOfMany.names);
    }
  }
  return out;
}

/** The shared harper linter, created once (≈ 1 s set-up + ≈ 3 s warm-up, ≈ 450 MB RSS). */
export function getHarperLinter(): Promise<HarperHandle> {
  harperPromise ??= loadHarper().catch((err: unknown) => {
    harperPromise = null;
    throw err;
  });
  return harperPromise;
}

let spellingWarm: Promise<void> | null = null;

/**
 * Loads harper (once) and pays its first-use costs. `spelling` also builds what harper builds
 * lazily for its first long misspelt word ("waythismakes"): measured here ≈ 2.4–3.7 s of CPU and
 * ≈ 55 MB. Typed answers with a long typo need it; speech transcripts never do (spelling rules
 * are off for them). So a worker started by a session skips it, and the pool's explicit warm-up
 * (at server start) includes it.
 */
export function warmUpGrammar(opts: { spelling?: boolean } = {}): Promise<void> {
  const loaded = getHarperLinter().then(() => undefined);
  if (!opts.spelling) return loaded;
  spellingWarm ??= loaded
    .then(() => checkGrammar('It was waythismakes here.', { spoken: false }))
    .then(
      () => undefined,
      (err: unknown) => {
        spellingWarm = null;
        throw err;
      },
    );
  return spellingWarm;
}

interface RawLint {
  start: number;
  end: number;
  message: string;
  suggestions: string[];
  rule: string;
  kind: string;
}

/**
 * harper lints as plain objects. `skip` is asked with the rule name and lint kind before the
 * (comparatively costly) message and suggestions are read across the WebAssembly boundary.
 */
async function harperLints(
  text: string,
  dialect: EnglishDialect,
  profile: HarperProfile,
  skip?: (rule: string, kind: string) => boolean,
): Promise<RawLint[]> {
  const h = await getHarperLinter();
  const run = h.queue.then(async () => {
    if (h.dialect !== dialect) {
      // setDialect rebuilds harper's linter: imported words (and possibly the rule configuration)
      // are lost, so both are applied again.
      await h.linter.setDialect(h.harper.Dialect[DIALECT_INDEX[dialect]]);
      await h.linter.importWords(TECH_WORDS);
      await h.linter.setLintConfig(h.configs[profile]);
      h.dialect = dialect;
      h.profile = profile;
    }
    if (h.profile !== profile) {
      await h.linter.setLintConfig(h.configs[profile]);
      h.profile = profile;
    }
    const organized = await h.linter.organizedLints(text, { language: 'plaintext' });
    const out: RawLint[] = [];
    for (const [rule, lints] of Object.entries(organized)) {
      for (const lint of lints as Lint[]) {
        if (skip?.(rule, lint.lint_kind())) {
          lint.free();
          continue;
        }
        const span = lint.span();
        out.push({
          start: span.start,
          end: span.end,
          message: lint.message(),
          suggestions: lint.suggestions().map((s) => s.get_replacement_text()),
          rule,
          kind: lint.lint_kind(),
        });
        lint.free();
      }
    }
    return out;
  });
  h.queue = run.catch(() => undefined);
  return run;
}

const SPOKEN_DROP_KINDS = new Set(['Capitalization', 'Punctuation', 'Formatting', 'Readability']);
/** Kinds that are advice about style, not errors: not counted against an answer. */
const STYLE_KINDS = new Set(['Style', 'Enhancement', 'Readability']);
/** Punctuation rules that are conventions rather than errors. */
const STYLE_RULES = new Set(['OxfordComma', 'LongSentences', 'UseEllipsisCharacter', 'EllipsisLength', 'NumericRangeEnDash']);
const SPOKEN_DROP_RULES = new Set(['SentenceCapitalization', 'Spaces', 'UnclosedQuotes', 'LongSentences', 'CorrectNumberSuffix']);

/**
 * Sequence and frequency adverbs that harper's tagger can read as adjectives after a modal: "I would
 * first explain…" is flagged by ModalBeAdjective as missing "be". The rule's real catches ("they
 * could lost", "he may fell" in JFLEG) have a verb form there instead.
 */
const ADVERBS_AFTER_MODAL = /^\s*(first|then|also|always|never|just|only|really|still|usually|definitely|probably|certainly|actually|rather|better|even|further|now|later|next|initially|finally)\b/i;

/** Identifiers and expressions from code: "os.path.join", "user_id", "__init__", "getUserById()", "std::map". */
const CODE_LIKE = /\w[._]\w|\w\(|::|->|\p{Ll}\p{Lu}|^_|_$/u;

/**
 * The span lies in a run of non-space characters that reads as code. harper takes the dots of
 * "os.path.join" for sentence ends ("path" should be capitalised) and the parts of "__proto__"
 * for words; answers to technical questions are full of such names.
 */
function insideCode(text: string, span: { start: number; end: number }): boolean {
  let a = span.start;
  let b = span.end;
  while (a > 0 && !/\s/.test(text[a - 1]!)) a--;
  while (b < text.length && !/\s/.test(text[b]!)) b++;
  const token = text.slice(a, b).replace(/^["'(“‘`]+/, '').replace(/[.,;:!?)"'”’`]+$/, '');
  return CODE_LIKE.test(token);
}

/** Decide whether a harper lint is kept for an interview answer. */
function keepHarperLint(l: RawLint, text: string, spoken: boolean): boolean {
  if (spoken && (SPOKEN_DROP_KINDS.has(l.kind) || SPOKEN_DROP_RULES.has(l.rule))) return false;
  if (insideCode(text, l)) return false;
  if (l.rule === 'ModalBeAdjective' && ADVERBS_AFTER_MODAL.test(text.slice(l.end))) return false;
  // "every one of them" counts the members one by one: two words, unlike "everyone agreed".
  if ((l.rule === 'Everyone' || l.rule === 'Anyone') && /^\s+of\b/i.test(text.slice(l.end))) return false;
  if (l.rule === 'FillerWords' || /filler word/i.test(l.message)) return false; // fillers are scored under delivery
  if (l.kind === 'Spelling' || l.kind === 'Typo') {
    const word = text.slice(l.start, l.end);
    // Names, companies and acronyms: capitalised words not at a sentence start, ALL-CAPS, words with digits.
    if (/\d/.test(word) || /^\p{Lu}{2,}s?$/u.test(word)) return false;
    if (/^\p{Lu}/u.test(word)) {
      const before = text.slice(0, l.start).trimEnd();
      const sentenceStart = before === '' || /[.!?:"“]$/.test(before);
      if (!sentenceStart) return false;
    }
  }
  return true;
}

/** Clause openers before which an unpunctuated transcript may be cut into pseudo-sentences. */
const CLAUSE_BREAK_WORDS = new Set(['and', 'but', 'so', 'because', 'then', 'after', 'when', 'which', 'while', 'although', 'though', 'where', 'since']);
const SUBJECTS = new Set(['i', 'we', 'they', 'he', 'she']);
/** Words that expect a continuation: never cut right after them. */
const NO_BREAK_AFTER = new Set([
  'and', 'but', 'or', 'so', 'because', 'that', 'when', 'if', 'to', 'of', 'for', 'with', 'at', 'in', 'on', 'from', 'by',
  'about', 'into', 'than', 'as', 'what', 'where', 'how', 'why', 'which', 'who', 'then', 'the', 'a', 'an', 'this', 'these',
  'those', 'my', 'our', 'your', 'his', 'her', 'their', 'its', 'some', 'any', 'very', 'more', 'most', 'not', 'can', 'could',
  'will', 'would', 'should', 'must', 'may', 'might', 'do', 'did', 'does', 'is', 'are', 'was', 'were', 'am', 'be', 'been',
  'being', 'have', 'has', 'had', 'i', 'we', 'they', 'he', 'she', 'it', 'you', 'me', 'him', 'them', 'us', 'there',
]);
export const SPOKEN_MIN_CHUNK_WORDS = 6;
export const SPOKEN_MAX_CHUNK_WORDS = 12;
/** Past this length a piece is also cut between a noun and a following non-noun ("…the query | me and…"). */
export const SPOKEN_HARD_MAX_WORDS = 16;
const NO_BREAK_BEFORE = new Set(['of', 'to', 'in', 'on', 'at', 'for', 'with', 'from', 'by', 'about', 'as', 'than', 'that', 'is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'not', "n't"]);

/**
 * Speech transcripts have no punctuation, so a 150-word answer reaches harper as one sentence, and
 * harper's time grows steeply with sentence length (measured here: ≈ 40 ms CPU for one 150-word
 * sentence, 14 ms with ~25-word pieces, ≈ 4 ms with ~12-word pieces). Insert a period before clause
 * openers ("and", "so", "because", …) once a stretch has ≥ 6 words, before a subject pronoun /
 * "there" / "my" / "our" after 12 words, and after a noun not followed by another noun after 16; lints are mapped back to the original offsets and any touching an inserted period
 * are dropped. The project rules always see the original text.
 */
export function segmentSpokenText(
  text: string,
  tokens: WordToken[] = tokenize(text),
): { text: string; inserted: number[]; toOriginal: (pos: number) => number } {
  const cuts: number[] = []; // original offsets of the word ends after which "." is inserted
  let run = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (i === 0 || t.punctBefore !== '' || t.sentenceInitial) {
      run = 1;
      continue;
    }
    const prev = tokens[i - 1]!;
    const breakHere =
      !NO_BREAK_AFTER.has(prev.lower) &&
      ((run >= SPOKEN_MIN_CHUNK_WORDS && CLAUSE_BREAK_WORDS.has(t.lower)) ||
        (run >= SPOKEN_MAX_CHUNK_WORDS && (SUBJECTS.has(t.lower) || t.lower === 'there' || t.lower === 'my' || t.lower === 'our')) ||
        (run >= SPOKEN_HARD_MAX_WORDS && !NO_BREAK_BEFORE.has(t.lower) && /^NN/.test(tagsOf(prev.lower)[0] ?? '') && !/^(?:NN|POS)/.test(tagsOf(t.lower)[0] ?? 'NN')));
    if (breakHere) {
      cuts.push(prev.end);
      run = 1;
    } else {
      run++;
    }
  }
  let out = '';
  let last = 0;
  const inserted: number[] = [];
  for (const c of cuts) {
    out += text.slice(last, c);
    inserted.push(out.length);
    out += '.';
    last = c;
  }
  out += text.slice(last);
  const toOriginal = (pos: number) => {
    let shift = 0;
    for (const p of inserted) if (p < pos) shift++;
    return pos - shift;
  };
  return { text: out, inserted, toOriginal };
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Grammar and spelling issues, sorted by position. Project issues replace an overlapping harper
 * spelling/typo lint (e.g. harper suggests "in formations" for "informations"), and are dropped
 * when harper already reports a grammar issue on the same words.
 */
export async function checkGrammar(text: string, opts: GrammarOptions = {}): Promise<GrammarIssue[]> {
  const dialect = opts.dialect ?? 'indian';
  const spoken = opts.spoken ?? false;
  const filter = opts.filterHarper ?? true;
  if (!text.trim()) return [];
  const tokens = tokenize(text);
  let raw: RawLint[];
  if (spoken && filter) {
    const seg = segmentSpokenText(text, tokens);
    // Transcripts write "i": capitalising it (same length, offsets unchanged) spares harper ~170
    // capitalisation lints per answer that spoken mode would drop anyway, and measurably time.
    const harperInput = seg.text.replace(/\bi(?=$|[\s'’])/g, 'I');
    const dropped = (rule: string, kind: string) => SPOKEN_DROP_KINDS.has(kind) || SPOKEN_DROP_RULES.has(rule);
    raw = (await harperLints(harperInput, dialect, 'spoken', dropped))
      .filter((l) => !seg.inserted.some((p) => p >= l.start && p < l.end))
      .map((l) => ({ ...l, start: seg.toOriginal(l.start), end: seg.toOriginal(l.end) }));
  } else {
    raw = await harperLints(text, dialect, filter ? 'written' : 'full');
  }
  let harperIssues: GrammarIssue[] = raw
    .filter((l) => !filter || keepHarperLint(l, text, spoken))
    .map((l) => ({
      start: l.start,
      end: l.end,
      message: l.message,
      suggestions: l.suggestions,
      rule: l.rule,
      source: 'harper' as const,
      kind: l.kind,
      severity: STYLE_KINDS.has(l.kind) || STYLE_RULES.has(l.rule) ? ('hint' as const) : ('error' as const),
    }));
  if (opts.projectRules === false) return harperIssues.sort((a, b) => a.start - b.start || a.end - b.end);

  const project: GrammarIssue[] = [];
  for (const r of runProjectRules(text, tokens)) {
    const clash = harperIssues.filter((h) => overlaps(h, r));
    if (clash.some((h) => h.kind !== 'Spelling' && h.kind !== 'Typo')) continue;
    if (project.some((p) => overlaps(p, r))) continue;
    harperIssues = harperIssues.filter((h) => !clash.includes(h));
    project.push({ ...r, source: 'project', kind: 'Grammar', severity: r.severity ?? 'error' });
  }
  return [...harperIssues, ...project].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Unfiltered harper.js lints (the baseline the project rules are compared with). */
export function checkGrammarPlainHarper(text: string, dialect: EnglishDialect = 'indian'): Promise<GrammarIssue[]> {
  return checkGrammar(text, { dialect, projectRules: false, filterHarper: false });
}

/** Tolerated issues per 100 words before the score drops, and the rate at which it reaches 0. */
export const GRAMMAR_TOLERANCE_PER_100_WORDS = 0.5;
export const GRAMMAR_ZERO_AT_PER_100_WORDS = 10;

/**
 * Grammar score 0–100 from errors per 100 words (hints are not counted): 100 up to 0.5 errors per
 * 100 words, falling linearly to 0 at 10 per 100 words. Null when there are no words.
 */
export function grammarScore(
  issues: ReadonlyArray<Pick<GrammarIssue, 'severity'>> | number,
  wordCount: number,
): { score: number | null; issuesPer100Words: number | null } {
  if (wordCount <= 0) return { score: null, issuesPer100Words: null };
  const n = typeof issues === 'number' ? issues : issues.filter((i) => i.severity === 'error').length;
  const per100 = (n / wordCount) * 100;
  const span = GRAMMAR_ZERO_AT_PER_100_WORDS - GRAMMAR_TOLERANCE_PER_100_WORDS;
  const score = Math.max(0, Math.min(100, 100 * (1 - (per100 - GRAMMAR_TOLERANCE_PER_100_WORDS) / span)));
  return { score: Math.round(score), issuesPer100Words: Math.round(per100 * 100) / 100 };
}

export { countWords };
