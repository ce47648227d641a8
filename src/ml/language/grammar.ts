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
];

export interface HarperHandle {
  harper: typeof import('harper.js');
  linter: LocalLinter;
  dialect: EnglishDialect;
  /** Serialises setDialect + lint so concurrent calls with different dialects do not interleave. */
  queue: Promise<unknown>;
}

let harperPromise: Promise<HarperHandle> | null = null;

async function loadHarper(): Promise<HarperHandle> {
  const harper = await import('harper.js');
  const { binary } = await import('harper.js/binary');
  const linter = new harper.LocalLinter({ binary, dialect: harper.Dialect.Indian });
  await linter.setup();
  await linter.importWords(TECH_WORDS);
  // The first lints after set-up run several times slower (WebAssembly tiering); pay that here.
  const warm = 'There is many reason why our clients was happy, and I have went to the the office to handled it.';
  for (let i = 0; i < 12; i++) await linter.organizedLints(`${warm} ${i}`, { language: 'plaintext' });
  return { harper, linter, dialect: 'indian', queue: Promise.resolve() };
}

/** The shared harper linter, created once (≈ 1 s and ≈ 450 MB RSS the first time). */
export function getHarperLinter(): Promise<HarperHandle> {
  harperPromise ??= loadHarper().catch((err: unknown) => {
    harperPromise = null;
    throw err;
  });
  return harperPromise;
}

/** Start loading harper in the background (e.g. at worker start-up). */
export function warmUpGrammar(): Promise<void> {
  return getHarperLinter().then(() => undefined);
}

interface RawLint {
  start: number;
  end: number;
  message: string;
  suggestions: string[];
  rule: string;
  kind: string;
  problem: string;
}

async function harperLints(text: string, dialect: EnglishDialect): Promise<RawLint[]> {
  const h = await getHarperLinter();
  const run = h.queue.then(async () => {
    if (h.dialect !== dialect) {
      // setDialect rebuilds harper's dictionary and drops imported words: import them again.
      await h.linter.setDialect(h.harper.Dialect[DIALECT_INDEX[dialect]]);
      await h.linter.importWords(TECH_WORDS);
      h.dialect = dialect;
    }
    const organized = await h.linter.organizedLints(text, { language: 'plaintext' });
    const out: RawLint[] = [];
    for (const [rule, lints] of Object.entries(organized)) {
      for (const lint of lints as Lint[]) {
        const span = lint.span();
        out.push({
          start: span.start,
          end: span.end,
          message: lint.message(),
          suggestions: lint.suggestions().map((s) => s.get_replacement_text()),
          rule,
          kind: lint.lint_kind(),
          problem: lint.get_problem_text(),
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

/** Decide whether a harper lint is kept for an interview answer. */
function keepHarperLint(l: RawLint, text: string, spoken: boolean): boolean {
  if (spoken && (SPOKEN_DROP_KINDS.has(l.kind) || SPOKEN_DROP_RULES.has(l.rule))) return false;
  if (l.rule === 'FillerWords' || /filler word/i.test(l.message)) return false; // fillers are scored under delivery
  if (l.kind === 'Spelling' || l.kind === 'Typo') {
    const word = text.slice(l.start, l.end);
    // Names, companies and acronyms: capitalised words not at a sentence start, ALL-CAPS, words with digits.
    if (/\d/.test(word) || (/^\p{Lu}{2,}s?$/u.test(word))) return false;
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
    raw = (await harperLints(seg.text, dialect))
      .filter((l) => !seg.inserted.some((p) => p >= l.start && p < l.end))
      .map((l) => ({ ...l, start: seg.toOriginal(l.start), end: seg.toOriginal(l.end) }));
  } else {
    raw = await harperLints(text, dialect);
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
