import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { checkGrammar, checkGrammarPlainHarper, warmUpGrammar, type EnglishDialect, type GrammarIssue } from './grammar.js';

/**
 * `npm run cli -- eval:grammar <src> <ref>... [--dialect american] [--limit N] [--json]`
 *
 * Input: one tokenised sentence per line (e.g. JFLEG dev.src) and parallel reference corrections
 * (dev.ref0..3). Each sentence is detokenised before checking, as the app would see it.
 *
 * Definitions (printed with the results):
 * - sentence level: a sentence is erroneous iff no reference equals the source; it is flagged iff
 *   the checker reports ≥ 1 issue. Precision, recall and F0.5 over sentences.
 * - span level: each reference is aligned to the source token by token (Levenshtein); every
 *   non-matching run is an edit over a source token range (an insertion covers the tokens on both
 *   sides of the gap). A flagged span is correct when it overlaps a source token touched by an edit
 *   of any reference. Recall is the share of each reference's edits hit by ≥ 1 flagged span,
 *   averaged over the references.
 */

// ---------------- pure helpers (unit-tested) ----------------

export interface Edit {
  /** Source token range [start, end); start === end for an insertion before token `start`. */
  start: number;
  end: number;
}

/** Token-level alignment of a source to a reference: the edits that turn source into reference. */
export function alignEdits(source: readonly string[], reference: readonly string[]): Edit[] {
  const n = source.length;
  const m = reference.length;
  const d: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = 0; i <= n; i++) d[i]![0] = i;
  for (let j = 0; j <= m; j++) d[0]![j] = j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const sub = d[i - 1]![j - 1]! + (source[i - 1] === reference[j - 1] ? 0 : 1);
      d[i]![j] = Math.min(sub, d[i - 1]![j]! + 1, d[i]![j - 1]! + 1);
    }
  }
  // Backtrace, marking source positions that are not matched exactly.
  type Op = { kind: 'eq' | 'sub' | 'del' | 'ins'; i: number };
  const ops: Op[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && source[i - 1] === reference[j - 1] && d[i]![j] === d[i - 1]![j - 1]) {
      ops.push({ kind: 'eq', i: i - 1 });
      i--;
      j--;
    } else if (i > 0 && j > 0 && d[i]![j] === d[i - 1]![j - 1]! + 1) {
      ops.push({ kind: 'sub', i: i - 1 });
      i--;
      j--;
    } else if (i > 0 && d[i]![j] === d[i - 1]![j]! + 1) {
      ops.push({ kind: 'del', i: i - 1 });
      i--;
    } else {
      ops.push({ kind: 'ins', i }); // insertion before source token i
      j--;
    }
  }
  ops.reverse();
  const edits: Edit[] = [];
  let current: Edit | null = null;
  for (const op of ops) {
    if (op.kind === 'eq') {
      if (current) edits.push(current);
      current = null;
      continue;
    }
    const start = op.i;
    const end = op.kind === 'ins' ? op.i : op.i + 1;
    if (current) current.end = Math.max(current.end, end);
    else current = { start, end };
  }
  if (current) edits.push(current);
  return edits;
}

/** Source tokens an edit touches; an insertion touches its neighbours. */
export function editTokens(edit: Edit, tokenCount: number): number[] {
  if (edit.end > edit.start) return Array.from({ length: edit.end - edit.start }, (_, k) => edit.start + k);
  return [edit.start - 1, edit.start].filter((t) => t >= 0 && t < tokenCount);
}

export interface SentenceEval {
  source: string[];
  references: string[][];
  /** Flagged spans as source token ranges [start, end). */
  flagged: Array<[number, number]>;
}

export interface DetectionScores {
  sentences: number;
  erroneousSentences: number;
  flaggedSentences: number;
  sentence: { precision: number; recall: number; f05: number; tp: number };
  spans: number;
  span: { precision: number; recall: number; f05: number; correctSpans: number };
}

export function fBeta(precision: number, recall: number, beta = 0.5): number {
  const b2 = beta * beta;
  return precision + recall === 0 ? 0 : ((1 + b2) * precision * recall) / (b2 * precision + recall);
}

/** Sentence- and span-level detection scores (definitions at the top of this file). */
export function scoreDetection(items: readonly SentenceEval[]): DetectionScores {
  let erroneous = 0;
  let flaggedSentences = 0;
  let tp = 0;
  let spans = 0;
  let correctSpans = 0;
  const refCount = Math.max(0, ...items.map((it) => it.references.length));
  const hitPerRef = new Array<number>(refCount).fill(0);
  const editsPerRef = new Array<number>(refCount).fill(0);
  for (const it of items) {
    const n = it.source.length;
    const isErroneous = !it.references.some((r) => r.length === n && r.every((t, k) => t === it.source[k]));
    const isFlagged = it.flagged.length > 0;
    if (isErroneous) erroneous++;
    if (isFlagged) flaggedSentences++;
    if (isErroneous && isFlagged) tp++;
    const flaggedTokens = it.flagged.map(([a, b]) => {
      const set = new Set<number>();
      for (let k = a; k < Math.max(b, a + 1); k++) if (k >= 0 && k < n) set.add(k);
      return set;
    });
    const touched = new Set<number>();
    it.references.forEach((ref, r) => {
      for (const edit of alignEdits(it.source, ref)) {
        const toks = editTokens(edit, n);
        toks.forEach((t) => touched.add(t));
        editsPerRef[r]!++;
        if (flaggedTokens.some((set) => toks.some((t) => set.has(t)))) hitPerRef[r]!++;
      }
    });
    spans += flaggedTokens.length;
    correctSpans += flaggedTokens.filter((set) => [...set].some((t) => touched.has(t))).length;
  }
  const sp = flaggedSentences ? tp / flaggedSentences : 0;
  const sr = erroneous ? tp / erroneous : 0;
  const pp = spans ? correctSpans / spans : 0;
  const recalls = editsPerRef.map((e, r) => (e ? hitPerRef[r]! / e : 0)).filter((_, r) => editsPerRef[r]! > 0);
  const pr = recalls.length ? recalls.reduce((a, b) => a + b, 0) / recalls.length : 0;
  return {
    sentences: items.length,
    erroneousSentences: erroneous,
    flaggedSentences,
    sentence: { precision: sp, recall: sr, f05: fBeta(sp, sr), tp },
    spans,
    span: { precision: pp, recall: pr, f05: fBeta(pp, pr), correctSpans },
  };
}

/**
 * Joins tokenised text ("do n't", "it ," ...) back into natural text and returns each token's
 * character span in the result.
 */
export function detokenize(tokens: readonly string[]): { text: string; spans: Array<[number, number]> } {
  let text = '';
  const spans: Array<[number, number]> = [];
  let openQuote = false;
  let noSpaceNext = true;
  for (const tok of tokens) {
    let space = !noSpaceNext;
    if (/^(?:[.,!?;:%)\]}]+|'s|'S|n't|N'T|'re|'ve|'ll|'d|'m|\.\.\.)$/.test(tok)) space = false;
    if (tok === '"') {
      if (openQuote) space = false;
    }
    if (space) text += ' ';
    const start = text.length;
    text += tok;
    spans.push([start, text.length]);
    noSpaceNext = /^[([{$#]$/.test(tok) || (tok === '"' && !openQuote);
    if (tok === '"') openQuote = !openQuote;
  }
  return { text, spans };
}

/** Source token range covered by a character span (nearest token for an empty span). */
export function charSpanToTokens(span: { start: number; end: number }, tokenSpans: ReadonlyArray<[number, number]>): [number, number] {
  let first = -1;
  let last = -1;
  tokenSpans.forEach(([a, b], k) => {
    if (a < Math.max(span.end, span.start + 1) && span.start < b) {
      if (first < 0) first = k;
      last = k;
    }
  });
  if (first >= 0) return [first, last + 1];
  // Zero-width or between tokens: the token that starts at/after the position, else the last.
  const k = tokenSpans.findIndex(([a]) => a >= span.start);
  const idx = k >= 0 ? k : tokenSpans.length - 1;
  return [idx, idx + 1];
}

// ---------------- CLI ----------------

export interface SystemResult {
  name: string;
  scores: DetectionScores;
  msPerSentence: number;
  byRule: Map<string, { spans: number; correct: number }>;
}

function fmt(x: number): string {
  return x.toFixed(3);
}

type EvalData = Array<{ source: string[]; references: string[][]; text: string; spans: Array<[number, number]> }>;

/** Scores one system's issues over the data, with per-rule precision for tuning and the report. */
function scoreSystem(name: string, data: EvalData, issuesPerSentence: GrammarIssue[][], msPerSentence: number): SystemResult {
  const items: SentenceEval[] = [];
  const byRule = new Map<string, { spans: number; correct: number }>();
  data.forEach((d, s) => {
    const issues = issuesPerSentence[s]!;
    const flagged = issues.map((i) => charSpanToTokens(i, d.spans));
    items.push({ source: d.source, references: d.references, flagged });
    issues.forEach((iss, k) => {
      const one = scoreDetection([{ source: d.source, references: d.references, flagged: [flagged[k]!] }]);
      const key = `${iss.source}:${iss.rule}`;
      const entry = byRule.get(key) ?? { spans: 0, correct: 0 };
      entry.spans++;
      entry.correct += one.span.correctSpans;
      byRule.set(key, entry);
    });
  });
  return { name, scores: scoreDetection(items), msPerSentence, byRule };
}

/**
 * Runs two checkers over the sentences in blocks of 50, alternating which one sees a block first.
 * harper caches work per sentence, so only the first run over a sentence is timed: each checker's
 * ms/sentence comes from the blocks it saw first.
 */
async function runBoth(
  data: EvalData,
  a: (text: string) => Promise<GrammarIssue[]>,
  b: (text: string) => Promise<GrammarIssue[]>,
): Promise<{ issues: [GrammarIssue[][], GrammarIssue[][]]; ms: [number, number] }> {
  const issues: [GrammarIssue[][], GrammarIssue[][]] = [[], []];
  const time = [0, 0];
  const timed = [0, 0];
  const checks = [a, b];
  const BLOCK = 50;
  for (let start = 0, blockNo = 0; start < data.length; start += BLOCK, blockNo++) {
    const order = blockNo % 2 === 0 ? [0, 1] : [1, 0];
    for (const [pos, sys] of order.entries()) {
      for (let i = start; i < Math.min(start + BLOCK, data.length); i++) {
        const t0 = performance.now();
        issues[sys]![i] = await checks[sys]!(data[i]!.text);
        if (pos === 0) {
          time[sys]! += performance.now() - t0;
          timed[sys]!++;
        }
      }
    }
  }
  return { issues, ms: [time[0]! / Math.max(1, timed[0]!), time[1]! / Math.max(1, timed[1]!)] };
}

export interface GrammarEvalReport {
  sentences: number;
  references: number;
  dialect: EnglishDialect;
  /** harper.js with its default rules, unfiltered. */
  plain: SystemResult;
  /** checkGrammar as the app calls it: all issues (errors and hints). */
  project: SystemResult;
  /** checkGrammar, errors only (what the grammar score counts). */
  projectErrors: SystemResult;
}

/** Reads parallel files and scores plain harper and the project checker on them. */
export async function evaluateGrammarFiles(
  srcPath: string,
  refPaths: string[],
  opts: { dialect?: EnglishDialect; limit?: number } = {},
): Promise<GrammarEvalReport> {
  const dialect = opts.dialect ?? 'american';
  const lines = (p: string) => readFileSync(p, 'utf8').replace(/\n$/, '').split('\n');
  const src = lines(srcPath);
  const refs = refPaths.map(lines);
  for (const [k, r] of refs.entries()) {
    if (r.length !== src.length) throw new Error(`${refPaths[k]} has ${r.length} lines but ${srcPath} has ${src.length}`);
  }
  const n = Math.min(src.length, opts.limit ?? Infinity);
  const data = src.slice(0, n).map((line, i) => {
    const source = line.trim().split(/\s+/).filter(Boolean);
    const { text, spans } = detokenize(source);
    return { source, references: refs.map((r) => r[i]!.trim().split(/\s+/).filter(Boolean)), text, spans };
  });
  await warmUpGrammar();
  const both = await runBoth(
    data,
    (t) => checkGrammarPlainHarper(t, dialect),
    (t) => checkGrammar(t, { dialect }),
  );
  const plain = scoreSystem('harper.js alone', data, both.issues[0], both.ms[0]);
  const project = scoreSystem('project: all issues', data, both.issues[1], both.ms[1]);
  const errorsOnly = both.issues[1].map((list) => list.filter((i) => i.severity === 'error'));
  const projectErrors = scoreSystem('project: errors only (as scored)', data, errorsOnly, both.ms[1]);
  return { sentences: n, references: refs.length, dialect, plain, project, projectErrors };
}

export async function run(args: string[]): Promise<void> {
  const positional: string[] = [];
  let dialect: EnglishDialect = 'american';
  let limit = Infinity;
  let json = false;
  let showRules = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--dialect') dialect = args[++i] as EnglishDialect;
    else if (a === '--limit') limit = Number(args[++i]);
    else if (a === '--json') json = true;
    else if (a === '--rules') showRules = true;
    else positional.push(a);
  }
  const [srcPath, ...refPaths] = positional;
  if (!srcPath || refPaths.length === 0) {
    throw new Error('usage: eval:grammar <src.txt> <ref.txt>... [--dialect indian|american|british|australian|canadian] [--limit N] [--json] [--rules]');
  }
  const report = await evaluateGrammarFiles(srcPath, refPaths, { dialect, limit });
  const results = [report.plain, report.project, report.projectErrors];
  if (json) {
    console.log(JSON.stringify(results.map((r) => ({ name: r.name, ...r.scores, msPerSentence: r.msPerSentence })), null, 2));
    return;
  }
  const s = report.plain.scores;
  console.log(`eval:grammar  ${srcPath}  (${s.sentences} sentences, ${report.references} references, dialect ${dialect})`);
  console.log(`erroneous sentences (no reference equals the source): ${s.erroneousSentences}`);
  console.log('sentence: flagged = at least one issue. span: correct = overlaps a token some reference edits; recall = share of each reference\'s edits hit, averaged.');
  console.log('');
  console.log('system                                       | sentence P   R     F0.5  | span P   R     F0.5  | spans | ms/sentence');
  for (const r of results) {
    const x = r.scores;
    console.log(
      `${r.name.padEnd(44)} | ${fmt(x.sentence.precision)} ${fmt(x.sentence.recall)} ${fmt(x.sentence.f05)} | ${fmt(x.span.precision)} ${fmt(x.span.recall)} ${fmt(x.span.f05)} | ${String(x.spans).padStart(5)} | ${r.msPerSentence.toFixed(2)}`,
    );
  }
  if (showRules) {
    for (const r of results) {
      console.log(`\nper rule (${r.name}): spans, precision`);
      for (const [rule, e] of [...r.byRule].sort((a, b) => b[1].spans - a[1].spans)) {
        console.log(`  ${rule.padEnd(48)} ${String(e.spans).padStart(5)}  ${fmt(e.correct / e.spans)}`);
      }
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
