import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readWav } from './audio.js';
import { createTranscriber, findExecutable, toPcm16kWavFile, type Transcriber } from './transcriber.js';

/**
 * `npm run cli -- eval:stt <dir> [--transcriber pocketsphinx,pocketsphinx-accurate,sherpa-onnx] [--sherpa-model <dir>] [--limit N]`
 *
 * Finds audio files (.wav, .flac, .raw = 16 kHz mono s16le) under <dir> with reference transcripts
 * in any of: a same-named `.txt`; LibriSpeech `*.trans.txt` ("<id> <text>" lines); CMU Sphinx
 * `transcription` / `*.transcription` files ("<s> text </s> (id)" lines). Prints per-file and
 * overall word error rate (case and punctuation normalised) and real-time factor per transcriber.
 */

/** Lower case, no punctuation (inner apostrophes kept), no sentence markers; split into words. */
export function normalizeForWer(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/<\/?s>|<sil>|\[[a-z_]+\]/g, ' ')
    .replace(/[’‘]/g, "'")
    .replace(/[^a-z0-9']+/g, ' ')
    .replace(/(^|\s)'+|'+(?=\s|$)/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/** Word-level Levenshtein distance with its substitution/deletion/insertion counts. */
export function wordEditCounts(ref: readonly string[], hyp: readonly string[]): { distance: number; substitutions: number; deletions: number; insertions: number } {
  const n = ref.length;
  const m = hyp.length;
  type Cell = { d: number; s: number; del: number; ins: number };
  let prev: Cell[] = Array.from({ length: m + 1 }, (_, j) => ({ d: j, s: 0, del: 0, ins: j }));
  for (let i = 1; i <= n; i++) {
    const cur: Cell[] = [{ d: i, s: 0, del: i, ins: 0 }];
    for (let j = 1; j <= m; j++) {
      const same = ref[i - 1] === hyp[j - 1];
      const diag = prev[j - 1]!;
      const up = prev[j]!;
      const left = cur[j - 1]!;
      const best = [
        { d: diag.d + (same ? 0 : 1), s: diag.s + (same ? 0 : 1), del: diag.del, ins: diag.ins },
        { d: up.d + 1, s: up.s, del: up.del + 1, ins: up.ins },
        { d: left.d + 1, s: left.s, del: left.del, ins: left.ins + 1 },
      ].reduce((a, b) => (b.d < a.d ? b : a));
      cur.push(best);
    }
    prev = cur;
  }
  const last = prev[m]!;
  return { distance: last.d, substitutions: last.s, deletions: last.del, insertions: last.ins };
}

/**
 * Word error rate of a hypothesis against a reference, after normalisation:
 * (substitutions + deletions + insertions) / reference words. An empty reference gives 0 for an
 * empty hypothesis, else 1 per inserted word.
 */
export function wordErrorRate(ref: string, hyp: string): number {
  const r = normalizeForWer(ref);
  const h = normalizeForWer(hyp);
  if (r.length === 0) return h.length;
  return wordEditCounts(r, h).distance / r.length;
}

export interface SttItem {
  audio: string;
  reference: string;
}

const AUDIO_EXT = new Set(['.wav', '.flac', '.raw']);

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

/** Audio files under `dir` that have a reference transcript, in any of the supported layouts. */
export function discoverSttItems(dir: string): SttItem[] {
  const files = walk(dir);
  const refs = new Map<string, string>(); // audio path without extension → reference
  for (const f of files) {
    const name = basename(f);
    if (name.endsWith('.trans.txt')) {
      for (const line of readFileSync(f, 'utf8').split('\n')) {
        const m = /^(\S+)\s+(.*)$/.exec(line.trim());
        if (m) refs.set(join(dirname(f), m[1]!), m[2]!);
      }
    } else if (name === 'transcription' || name.endsWith('.transcription')) {
      for (const line of readFileSync(f, 'utf8').split('\n')) {
        const m = /^(.*)\(([^()]+)\)\s*$/.exec(line.trim());
        if (m) refs.set(join(dirname(f), m[2]!.trim()), m[1]!.replace(/<\/?s>/g, ' ').trim());
      }
    }
  }
  const items: SttItem[] = [];
  for (const f of files.sort()) {
    const ext = extname(f).toLowerCase();
    if (!AUDIO_EXT.has(ext)) continue;
    const stem = f.slice(0, -ext.length);
    const txt = `${stem}.txt`;
    const reference = existsSync(txt) ? readFileSync(txt, 'utf8').trim() : refs.get(stem);
    if (reference !== undefined) items.push({ audio: f, reference });
  }
  return items;
}

export interface SttFileResult {
  audio: string;
  durationS: number;
  referenceWords: number;
  errors: number;
  wer: number;
  seconds: number;
  rtf: number;
  hypothesis: string;
}

export interface SttReport {
  transcriber: string;
  files: SttFileResult[];
  /** Corpus WER: all errors / all reference words. */
  wer: number;
  /** Total processing seconds / total audio seconds. */
  rtf: number;
  audioSeconds: number;
}

async function audioSeconds(path: string): Promise<number> {
  const file = await toPcm16kWavFile(path);
  try {
    const { samples, sampleRate } = readWav(file.path);
    return samples.length / sampleRate;
  } finally {
    await file.cleanup();
  }
}

export async function evaluateTranscriber(transcriber: Transcriber, items: SttItem[]): Promise<SttReport> {
  const files: SttFileResult[] = [];
  for (const item of items) {
    const durationS = await audioSeconds(item.audio);
    const t0 = performance.now();
    const t = await transcriber.transcribe(item.audio);
    const seconds = (performance.now() - t0) / 1000;
    const ref = normalizeForWer(item.reference);
    const errors = ref.length ? wordEditCounts(ref, normalizeForWer(t.text)).distance : normalizeForWer(t.text).length;
    files.push({ audio: item.audio, durationS, referenceWords: ref.length, errors, wer: ref.length ? errors / ref.length : errors, seconds, rtf: seconds / durationS, hypothesis: t.text });
  }
  const words = files.reduce((s, f) => s + f.referenceWords, 0);
  const audio = files.reduce((s, f) => s + f.durationS, 0);
  return {
    transcriber: transcriber.name,
    files,
    wer: words ? files.reduce((s, f) => s + f.errors, 0) / words : 0,
    rtf: audio ? files.reduce((s, f) => s + f.seconds, 0) / audio : 0,
    audioSeconds: audio,
  };
}

export async function run(args: string[]): Promise<void> {
  let dir: string | undefined;
  let kinds = ['pocketsphinx'];
  let sherpaModelDir: string | undefined;
  let limit = Infinity;
  let verbose = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--transcriber') kinds = args[++i]!.split(',');
    else if (a === '--sherpa-model') sherpaModelDir = args[++i];
    else if (a === '--limit') limit = Number(args[++i]);
    else if (a === '--verbose' || a === '-v') verbose = true;
    else dir = a;
  }
  if (!dir) throw new Error('usage: eval:stt <dir> [--transcriber pocketsphinx,pocketsphinx-accurate,sherpa-onnx] [--sherpa-model <dir>] [--limit N] [--verbose]');
  const items = discoverSttItems(dir).slice(0, limit);
  if (items.length === 0) throw new Error(`no audio files with reference transcripts found under ${dir}`);
  if (kinds.some((k) => k.startsWith('pocketsphinx')) && !findExecutable('pocketsphinx_continuous')) {
    throw new Error('pocketsphinx_continuous is not installed (Debian: apt-get install pocketsphinx pocketsphinx-en-us)');
  }
  console.log(`eval:stt  ${dir}  (${items.length} files)`);
  for (const kind of kinds) {
    const transcriber =
      kind === 'pocketsphinx' || kind === 'pocketsphinx-fast'
        ? createTranscriber('pocketsphinx', { pocketsphinx: { preset: 'fast' } })
        : kind === 'pocketsphinx-accurate'
          ? createTranscriber('pocketsphinx', { pocketsphinx: { preset: 'accurate' } })
          : createTranscriber(kind as 'sherpa-onnx', { sherpaModelDir });
    const report = await evaluateTranscriber(transcriber, items);
    console.log(`\n${kind === 'pocketsphinx' ? 'pocketsphinx (fast preset)' : kind}`);
    console.log('file                                              secs   words  WER     RTF');
    for (const f of report.files) {
      console.log(`${basename(f.audio).padEnd(48)} ${f.durationS.toFixed(1).padStart(6)} ${String(f.referenceWords).padStart(6)}  ${(f.wer * 100).toFixed(1).padStart(5)}%  ${f.rtf.toFixed(3)}`);
      if (verbose) console.log(`    hyp: ${f.hypothesis}`);
    }
    console.log(`overall: WER ${(report.wer * 100).toFixed(1)}% over ${report.files.reduce((s, f) => s + f.referenceWords, 0)} words, RTF ${report.rtf.toFixed(3)} over ${report.audioSeconds.toFixed(1)} s of audio`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
