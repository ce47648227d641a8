// `npm run cli -- eval:emotion <dir>`: accuracy of the expression model on labelled images laid
// out as <dir>/<class>/*.{jpg,jpeg,png} with FER-2013 class names.
//
// Preprocessing for small face crops (≤ 96 px, e.g. FER-2013's 48×48 grayscale) was chosen on the
// FER-2013 dev set (280 images), so those figures are optimistic for unseen data: gray replicated
// to RGB, the whole crop resized to the net's 112×112 input (what face-api does), and the
// probabilities averaged with the mirrored crop. Measured alternatives that did worse: histogram
// equalisation (−3 to −6 points), cropping to the central 80–90 % or padding (−5 to −7), and
// re-cropping to face-api's landmark alignment box (−5).
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { analyzeImage, EXPRESSION_NAMES, type ExpressionName, type Expressions } from './analyze-frame.js';
import { decodeImage } from './decode-image.js';

/** FER-2013 folder names in their usual order, with the face-api expression each maps to. */
export const FER_CLASSES = ['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise'] as const;
export type FerClass = (typeof FER_CLASSES)[number];

export const FER_TO_FACEAPI: Record<FerClass, ExpressionName> = {
  angry: 'angry',
  disgust: 'disgusted',
  fear: 'fearful',
  happy: 'happy',
  neutral: 'neutral',
  sad: 'sad',
  surprise: 'surprised',
};

const FACEAPI_TO_FER = Object.fromEntries(Object.entries(FER_TO_FACEAPI).map(([f, a]) => [a, f])) as Record<ExpressionName, FerClass>;

export type EmotionGroup = 'positive' | 'neutral' | 'negative';
export const EMOTION_GROUPS: readonly EmotionGroup[] = ['positive', 'neutral', 'negative'];
/** 3 groups: positive = happy; neutral = neutral, surprise; negative = angry, disgust, fear, sad. */
export const GROUP_OF_CLASS: Record<FerClass, EmotionGroup> = {
  happy: 'positive',
  neutral: 'neutral',
  surprise: 'neutral',
  angry: 'negative',
  disgust: 'negative',
  fear: 'negative',
  sad: 'negative',
};

/** Images at most this many pixels on each side are treated as face crops (no detection). */
export const FACE_CROP_MAX_SIDE = 96;

export interface EmotionSample {
  label: FerClass;
  /** The predicted class, or null when no face was found. */
  predicted: FerClass | null;
}

export interface EmotionEvaluation {
  n: number;
  accuracy7: number;
  accuracy3: number;
  /** Recall per true class (null for a class with no images). */
  recall: Record<FerClass, number | null>;
  /** confusion[true][predicted] counts over FER_CLASSES; images with no face found are in noFace. */
  confusion: Record<FerClass, Record<FerClass, number>>;
  groupConfusion: Record<EmotionGroup, Record<EmotionGroup, number>>;
  noFace: number;
  msPerImage?: number;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** The numbers, from (label, prediction) pairs. Pure; used by the CLI and its tests. */
export function evaluateEmotion(samples: readonly EmotionSample[], msPerImage?: number): EmotionEvaluation {
  const confusion = Object.fromEntries(FER_CLASSES.map((c) => [c, zeros(FER_CLASSES)])) as EmotionEvaluation['confusion'];
  const groupConfusion = Object.fromEntries(EMOTION_GROUPS.map((g) => [g, zeros(EMOTION_GROUPS)])) as EmotionEvaluation['groupConfusion'];
  let correct7 = 0;
  let correct3 = 0;
  let noFace = 0;
  const perClass = zeros(FER_CLASSES);
  for (const s of samples) {
    perClass[s.label]++;
    if (s.predicted === null) {
      noFace++;
      continue;
    }
    confusion[s.label][s.predicted]++;
    groupConfusion[GROUP_OF_CLASS[s.label]][GROUP_OF_CLASS[s.predicted]]++;
    if (s.predicted === s.label) correct7++;
    if (GROUP_OF_CLASS[s.predicted] === GROUP_OF_CLASS[s.label]) correct3++;
  }
  const n = samples.length;
  const recall = Object.fromEntries(
    FER_CLASSES.map((c) => [c, perClass[c] > 0 ? confusion[c][c] / perClass[c] : null]),
  ) as EmotionEvaluation['recall'];
  return {
    n,
    accuracy7: n > 0 ? correct7 / n : 0,
    accuracy3: n > 0 ? correct3 / n : 0,
    recall,
    confusion,
    groupConfusion,
    noFace,
    msPerImage,
  };
}

/** The most probable expression as a FER class. */
export function argmaxClass(expressions: Expressions): FerClass {
  let best: ExpressionName = EXPRESSION_NAMES[0];
  for (const name of EXPRESSION_NAMES) if (expressions[name] > expressions[best]) best = name;
  return FACEAPI_TO_FER[best];
}

const CLASS_ALIASES: Record<string, FerClass> = {
  ...Object.fromEntries(FER_CLASSES.map((c) => [c, c])),
  ...FACEAPI_TO_FER,
};
const IMAGE_EXT = new Set(['.jpg', '.jpeg', '.png']);

/** Lists <dir>/<class>/*.{jpg,jpeg,png}; folders that are not a known class are reported in `skipped`. */
export async function listLabelledImages(dir: string): Promise<{ files: Array<{ path: string; label: FerClass }>; skipped: string[] }> {
  const files: Array<{ path: string; label: FerClass }> = [];
  const skipped: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!e.isDirectory()) continue;
    const label = CLASS_ALIASES[e.name.toLowerCase()];
    if (!label) {
      skipped.push(e.name);
      continue;
    }
    const names = (await readdir(join(dir, e.name))).filter((f) => IMAGE_EXT.has(extname(f).toLowerCase())).sort();
    for (const f of names) files.push({ path: join(dir, e.name, f), label });
  }
  return { files, skipped };
}

/** Predicts one image's class: whole image as a face crop when small, else detect the biggest face. */
export async function predictEmotion(bytes: Uint8Array): Promise<FerClass | null> {
  const img = decodeImage(bytes);
  const crop = img.width <= FACE_CROP_MAX_SIDE && img.height <= FACE_CROP_MAX_SIDE;
  const r = await analyzeImage(img, { wholeImageIsFace: crop, flipAverage: true });
  return r.expressions ? argmaxClass(r.expressions) : null;
}

/** Runs the model over a labelled folder and returns the evaluation (timing includes decoding). */
export async function runEmotionEval(dir: string): Promise<EmotionEvaluation & { skipped: string[] }> {
  const { files, skipped } = await listLabelledImages(dir);
  if (files.length === 0) throw new Error(`No images found under ${dir}/<class>/ (classes: ${FER_CLASSES.join(', ')})`);
  // Load the models before timing, so ms/image is the steady-state cost.
  await predictEmotion((await readFile(files[0]!.path)) as Uint8Array);
  const samples: EmotionSample[] = [];
  let ms = 0;
  for (const f of files) {
    const bytes = await readFile(f.path);
    const t0 = performance.now();
    const predicted = await predictEmotion(bytes);
    ms += performance.now() - t0;
    samples.push({ label: f.label, predicted });
  }
  return { ...evaluateEmotion(samples, ms / files.length), skipped };
}

function pct(x: number | null): string {
  return x === null ? '   –  ' : `${(x * 100).toFixed(1).padStart(5)}%`;
}

/** Human-readable report. */
export function formatEmotionReport(e: EmotionEvaluation & { skipped?: string[] }): string {
  const lines: string[] = [];
  lines.push(`images: ${e.n}${e.noFace ? ` (no face found in ${e.noFace})` : ''}`);
  lines.push(`7-class accuracy: ${pct(e.accuracy7)}`);
  lines.push(
    `3-group accuracy: ${pct(e.accuracy3)}  (positive = happy; neutral = neutral, surprise; negative = angry, disgust, fear, sad)`,
  );
  if (e.msPerImage !== undefined) lines.push(`time: ${e.msPerImage.toFixed(1)} ms/image`);
  lines.push('', 'recall per class:');
  for (const c of FER_CLASSES) lines.push(`  ${c.padEnd(8)} ${pct(e.recall[c])}`);
  lines.push('', 'confusion matrix (rows = true class, columns = predicted):');
  lines.push(`  ${''.padEnd(8)} ${FER_CLASSES.map((c) => c.slice(0, 7).padStart(8)).join('')}`);
  for (const t of FER_CLASSES) lines.push(`  ${t.padEnd(8)} ${FER_CLASSES.map((p) => String(e.confusion[t][p]).padStart(8)).join('')}`);
  lines.push('', '3-group confusion (rows = true, columns = predicted):');
  lines.push(`  ${''.padEnd(8)} ${EMOTION_GROUPS.map((g) => g.padStart(9)).join('')}`);
  for (const t of EMOTION_GROUPS)
    lines.push(`  ${t.padEnd(8)} ${EMOTION_GROUPS.map((p) => String(e.groupConfusion[t][p]).padStart(9)).join('')}`);
  if (e.skipped?.length) lines.push('', `skipped folders (not a class): ${e.skipped.join(', ')}`);
  return lines.join('\n');
}

/** CLI entry: `eval:emotion <dir>`. */
export async function run(args: string[], print: (line: string) => void = (l) => console.log(l)): Promise<void> {
  const dir = args.find((a) => !a.startsWith('-'));
  if (!dir) throw new Error('usage: eval:emotion <dir>   (images in <dir>/<class>/*.jpg|png, FER-2013 class names)');
  const result = await runEmotionEval(dir);
  print(formatEmotionReport(result));
}
