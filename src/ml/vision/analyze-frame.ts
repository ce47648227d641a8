// Per-frame face analysis: tiny face detector → 68 landmarks → expressions, for the biggest face.
//
// The face-api nets are called one by one rather than through its composed `detectAllFaces(...)
// .withFaceLandmarks().withFaceExpressions()` chain so that (a) only the biggest face gets
// landmarks and expressions, (b) every intermediate tensor is ours to dispose, (c) each net's input
// is made with one WASM cropAndResize instead of face-api's slice/concat/pad on the full image
// (JavaScript loops in the WASM backend), and (d) a sequence can search only the region around
// the previous face on most frames (see `analyzeFrames`).
import type * as TfModule from '@tensorflow/tfjs';
import { loadFaceApi, tfOf, type FaceApi, type Tf } from '../backend.js';
import { decodeFrames, decodeImage, FrameArena, type FrameDecoder, type RgbImage } from './decode-image.js';

export const EXPRESSION_NAMES = ['neutral', 'happy', 'surprised', 'sad', 'angry', 'fearful', 'disgusted'] as const;
export type ExpressionName = (typeof EXPRESSION_NAMES)[number];
export type Expressions = Record<ExpressionName, number>;

export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FrameAnalysis {
  /** Faces found by the detector (on region-search frames, see fullDetectEvery: the count at the last full pass). */
  faces: number;
  /** The biggest face's box, in pixels of the decoded image. */
  box?: FaceBox;
  /** 68 landmark points [x, y] in image pixels (iBUG 68 order: 30 nose tip, 36/45 outer eye corners, 8 chin). */
  landmarks?: Array<[number, number]>;
  /** Softmax probabilities of the seven expressions for the biggest face. */
  expressions?: Expressions;
  /** (nose tip x − eye-corner midpoint x) / eye distance: ≈0 facing the camera, ±0.2–0.5 turned. */
  yaw?: number;
  /** (nose tip y − eye-corner midpoint y) / (chin y − eye midpoint y): grows when looking down. */
  pitch?: number;
}

export interface AnalyzeFrameOptions {
  /** Tiny face detector input size (multiple of 32). Smaller is faster and misses smaller faces. */
  inputSize?: number;
  /** Detector score threshold. */
  scoreThreshold?: number;
  /**
   * The whole image is already a face crop (e.g. FER-2013 48×48): skip detection and landmarks,
   * run the expression net on the whole image. The detector fails on such tiny crops.
   */
  wholeImageIsFace?: boolean;
  /**
   * Average expression probabilities over the image and its mirror. Default: on for face crops
   * (+2.5 points 7-class accuracy on the FER-2013 dev set), off for camera frames (costs ~8 ms).
   */
  flipAverage?: boolean;
}

/** 224 finds typical webcam faces (≥ ~60 px wide in a 640×480 frame) at about half the cost of 416. */
export const DEFAULT_INPUT_SIZE = 224;
/**
 * Below face-api's 0.5: on 640×480 frames made from the demo photos (bench/vision.mjs), 0.5
 * missed 4 of 63 faces (mostly ~120 px wide ones) and 0.4 missed 1; on 60 face-free frames 0.4
 * gave 0–1 false positives, 0.5 none. A missed face costs more here (it counts against
 * presence) than a rare false one.
 */
export const DEFAULT_SCORE_THRESHOLD = 0.4;
/** face-api's alignment: landmark bounding box padded by 20 % — the crop the expression net expects. */
const ALIGN_PADDING = 0.2;

export interface AnalyzeFramesOptions extends AnalyzeFrameOptions {
  /**
   * Run the detector on the whole frame only every n-th frame (default 1 = every frame). On the
   * frames in between, when the previous frame had a face, the detector runs only on a region
   * around that face (ROI_SCALE × its box) at `roiInputSize`, which costs a third to a half of a
   * full-frame pass; if it finds nothing there the frame falls back to a full-frame pass. A second person
   * entering the picture is therefore noticed at the next full pass, and `faces` on ROI frames is
   * the count from the last full pass.
   */
  fullDetectEvery?: number;
  /** Detector input size for the region around the previous face (default 128). */
  roiInputSize?: number;
  /** How the frames are decoded (decode-image.ts decodeFrames); default 'auto': ffmpeg when installed. */
  decoder?: FrameDecoder;
}

/** The region searched around the previous face, as a multiple of its box (room for head movement between frames 500 ms apart). */
export const ROI_SCALE = 2;
export const DEFAULT_ROI_INPUT_SIZE = 128;
/**
 * Score threshold inside the region: a face was there 500 ms ago, so a weaker detection is far more
 * likely the same face than a false positive, and scores run lower at the small ROI input size.
 */
export const ROI_SCORE_THRESHOLD = 0.3;

type Tensor3D = TfModule.Tensor3D;
type Tensor4D = TfModule.Tensor4D;

interface IntBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

function clipBox(b: FaceBox, imgW: number, imgH: number): IntBox | undefined {
  const x0 = Math.max(0, Math.floor(b.x));
  const y0 = Math.max(0, Math.floor(b.y));
  const x1 = Math.min(imgW, Math.ceil(b.x + b.width));
  const y1 = Math.min(imgH, Math.ceil(b.y + b.height));
  if (x1 - x0 < 2 || y1 - y0 < 2) return undefined;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Yaw and pitch from 68 landmarks, as described in PROBE-NOTES (scale-free ratios). */
export function headPose(landmarks: ReadonlyArray<readonly [number, number]>): { yaw: number; pitch: number } {
  const [lx, ly] = landmarks[36]!;
  const [rx, ry] = landmarks[45]!;
  const [nx, ny] = landmarks[30]!;
  const chinY = landmarks[8]![1];
  const midX = (lx + rx) / 2;
  const midY = (ly + ry) / 2;
  const eyeDist = Math.hypot(rx - lx, ry - ly) || 1;
  const faceHeight = chinY - midY || 1;
  return { yaw: (nx - midX) / eyeDist, pitch: (ny - midY) / faceHeight };
}

/** face-api's `alignMinBbox`: the landmarks' bounding box padded by ALIGN_PADDING. */
export function alignedBox(landmarks: ReadonlyArray<readonly [number, number]>, padding = ALIGN_PADDING): FaceBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of landmarks) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  const w = maxX - minX;
  const h = maxY - minY;
  return { x: minX - (w * padding) / 2, y: minY - (h * padding) / 2, width: w * (1 + padding), height: h * (1 + padding) };
}

function toExpressions(probs: ArrayLike<number> | Record<string, number>): Expressions {
  const src = probs as Record<string, number>;
  const out = {} as Expressions;
  for (const name of EXPRESSION_NAMES) out[name] = src[name] ?? 0;
  return out;
}

/** Shared state for one decoded image: its tensor and the models. */
interface Ctx {
  faceapi: FaceApi;
  tf: Tf;
  /** [1, height, width, 3] float32, 0–255. */
  image: Tensor4D;
  width: number;
  height: number;
}

let scratch = new Float32Array(0);
/** This thread's ffmpeg output memory (see FrameArena); a concurrent analyzeFrames call allocates its own. */
const frameArena = new FrameArena();

function imageTensor(tf: Tf, img: RgbImage): Tensor4D {
  // Float32 built here in one pass: cheaper than letting tfjs convert, and the crops below need float.
  // The WASM backend copies a new tensor's values into its own heap at once, so one scratch array
  // per worker serves every frame (a fresh 3.7 MB array per 640×480 frame was garbage that piled
  // up between collections); other backends may keep the array, so they get a fresh one.
  const n = img.data.length;
  let f: Float32Array;
  if (tf.getBackend() !== 'wasm') f = new Float32Array(n);
  else f = (scratch.length >= n ? scratch : (scratch = new Float32Array(n))).subarray(0, n);
  for (let i = 0; i < n; i++) f[i] = img.data[i]!;
  return tf.tensor4d(f, [1, img.height, img.width, 3], 'float32');
}

/**
 * The net input for the region `box` (integer pixels inside the image): the region resized so its
 * longer side is `size`, then centred on a black `size`×`size` square — what face-api's
 * padToSquare(centred) + resizeBilinear does, but as one cropAndResize (a WASM kernel) plus a
 * small pad, instead of slice3d/concat on the full-size image, which run as JavaScript loops in
 * the WASM backend and were a quarter of the frame time.
 * Returns the tensor and where its square lies in image pixels.
 */
function squareInput(ctx: Ctx, box: IntBox, size: number, center: boolean): { input: Tensor4D; origin: [number, number]; side: number } {
  const { tf, width, height } = ctx;
  const side = Math.max(box.width, box.height);
  const outH = Math.max(1, Math.round((size * box.height) / side));
  const outW = Math.max(1, Math.round((size * box.width) / side));
  const y1 = box.y / Math.max(1, height - 1);
  const x1 = box.x / Math.max(1, width - 1);
  const y2 = (box.y + box.height - 1) / Math.max(1, height - 1);
  const x2 = (box.x + box.width - 1) / Math.max(1, width - 1);
  // face-api appends round(diff / 2) and prepends the rest when centring; the detector pads at the end.
  const padH = size - outH;
  const padW = size - outW;
  const preH = center ? padH - Math.round(padH / 2) : 0;
  const preW = center ? padW - Math.round(padW / 2) : 0;
  const input = tf.tidy(() => {
    const crop = tf.image.cropAndResize(ctx.image, [[y1, x1, y2, x2]], [0], [outH, outW], 'bilinear');
    if (padH === 0 && padW === 0) return crop;
    return tf.pad(crop, [
      [0, 0],
      [preH, padH - preH],
      [preW, padW - preW],
      [0, 0],
    ]);
  });
  const scale = side / size;
  return { input, origin: [box.x - preW * scale, box.y - preH * scale], side };
}

async function predictExpressions(ctx: Ctx, input: Tensor4D | Tensor3D, flipAverage: boolean): Promise<Expressions> {
  const net = ctx.faceapi.nets.faceExpressionNet;
  if (!flipAverage) {
    const r = await net.predictExpressions(input as never);
    return toExpressions(r as unknown as Record<string, number>);
  }
  const { tf } = ctx;
  const [plain, mirrored] = tf.tidy(() => {
    const t3 = input.rank === 4 ? (input as Tensor4D).squeeze<Tensor3D>([0]) : (input as Tensor3D);
    return [t3.clone(), tf.reverse(t3, 1)];
  });
  try {
    const r = (await net.predictExpressions([plain, mirrored] as never)) as unknown as Array<Record<string, number>>;
    const out = {} as Expressions;
    for (const name of EXPRESSION_NAMES) out[name] = ((r[0]![name] ?? 0) + (r[1]![name] ?? 0)) / 2;
    return out;
  } finally {
    tf.dispose([plain, mirrored]);
  }
}

/** The face nets' input size (face-api's FaceFeatureExtractor and landmark net use 112). */
const FACE_NET_INPUT = 112;

/** Landmarks for the face inside `box` (image pixels), plus expressions on the aligned crop. */
async function landmarksAndExpressions(
  ctx: Ctx,
  box: FaceBox,
  flipAverage: boolean,
): Promise<Pick<FrameAnalysis, 'landmarks' | 'expressions' | 'yaw' | 'pitch'> | undefined> {
  const { faceapi, width, height } = ctx;
  const b = clipBox(box, width, height);
  if (!b) return undefined;
  const lmIn = squareInput(ctx, b, FACE_NET_INPUT, true);
  let landmarks: Array<[number, number]>;
  try {
    const lm = (await faceapi.nets.faceLandmark68Net.detectLandmarks(lmIn.input as never)) as unknown as {
      relativePositions: Array<{ x: number; y: number }>;
    };
    const [ox, oy] = lmIn.origin;
    landmarks = lm.relativePositions.map((p) => [round2(ox + p.x * lmIn.side), round2(oy + p.y * lmIn.side)]);
  } finally {
    lmIn.input.dispose();
  }
  const ab = clipBox(alignedBox(landmarks), width, height);
  let expressions: Expressions | undefined;
  if (ab) {
    const exIn = squareInput(ctx, ab, FACE_NET_INPUT, true);
    try {
      expressions = await predictExpressions(ctx, exIn.input, flipAverage);
    } finally {
      exIn.input.dispose();
    }
  }
  const { yaw, pitch } = headPose(landmarks);
  return { landmarks, expressions, yaw, pitch };
}

/** Faces in the whole image, or only inside `roi`, as boxes in image pixels, biggest first. */
async function detectFaces(ctx: Ctx, inputSize: number, scoreThreshold: number, roi?: IntBox): Promise<FaceBox[]> {
  const { faceapi } = ctx;
  const options = new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold });
  const region = roi ?? { x: 0, y: 0, width: ctx.width, height: ctx.height };
  // The detector pads at the end (not centred), like face-api's own preprocessing for it.
  const { input, origin, side } = squareInput(ctx, region, inputSize, false);
  try {
    const dets = await faceapi.nets.tinyFaceDetector.locateFaces(input as never, options);
    return dets
      .map((d) => {
        const r = d.relativeBox;
        return { x: origin[0] + r.x * side, y: origin[1] + r.y * side, width: r.width * side, height: r.height * side };
      })
      .sort((a, b) => b.width * b.height - a.width * a.height);
  } finally {
    input.dispose();
  }
}

function scaledBox(b: FaceBox, scale: number): FaceBox {
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  const side = Math.max(b.width, b.height) * scale; // square: the detector pads to a square anyway
  return { x: cx - side / 2, y: cy - side / 2, width: side, height: side };
}

function roundBox(b: FaceBox): FaceBox {
  return { x: round2(b.x), y: round2(b.y), width: round2(b.width), height: round2(b.height) };
}

/** Analyses an already decoded RGB image (see analyzeFrame). */
export async function analyzeImage(img: RgbImage, opts: AnalyzeFrameOptions = {}): Promise<FrameAnalysis> {
  const faceapi = await loadFaceApi();
  const tf = tfOf(faceapi);
  const image = imageTensor(tf, img);
  const ctx: Ctx = { faceapi, tf, image, width: img.width, height: img.height };
  try {
    if (opts.wholeImageIsFace) {
      const expressions = await predictExpressions(ctx, image, opts.flipAverage ?? true);
      return { faces: 1, box: { x: 0, y: 0, width: img.width, height: img.height }, expressions };
    }
    const boxes = await detectFaces(ctx, opts.inputSize ?? DEFAULT_INPUT_SIZE, opts.scoreThreshold ?? DEFAULT_SCORE_THRESHOLD);
    return await describeBiggest(ctx, boxes, boxes.length, opts);
  } finally {
    image.dispose();
  }
}

async function describeBiggest(ctx: Ctx, boxes: FaceBox[], faces: number, opts: AnalyzeFrameOptions): Promise<FrameAnalysis> {
  if (boxes.length === 0) return { faces: 0 };
  const box = boxes[0]!;
  const rest = await landmarksAndExpressions(ctx, box, opts.flipAverage ?? false);
  return { faces, box: roundBox(box), ...rest };
}

/**
 * Analyses the frames of one recording in order (see AnalyzeFramesOptions for the faster
 * region-of-interest mode). Frames that fail to decode give `{ faces: 0 }` rather than failing
 * the whole sequence, so one corrupt upload does not lose an answer's presence metrics.
 */
export async function analyzeFrames(images: ReadonlyArray<Buffer | Uint8Array>, opts: AnalyzeFramesOptions = {}): Promise<FrameAnalysis[]> {
  if (opts.wholeImageIsFace) {
    const out: FrameAnalysis[] = [];
    for (const img of images) out.push(await analyzeFrame(img, opts));
    return out;
  }
  const faceapi = await loadFaceApi();
  const arena = frameArena.claim() ?? undefined;
  try {
    return await analyzeDecoded(faceapi, await decodeFrames(images, opts.decoder, arena), opts);
  } finally {
    arena?.release();
  }
}

/** analyzeFrames on decoded frames, in order: region tracking between full detections. */
async function analyzeDecoded(faceapi: FaceApi, decoded: Array<RgbImage | null>, opts: AnalyzeFramesOptions): Promise<FrameAnalysis[]> {
  const tf = tfOf(faceapi);
  const fullEvery = Math.max(1, Math.floor(opts.fullDetectEvery ?? 1));
  const inputSize = opts.inputSize ?? DEFAULT_INPUT_SIZE;
  const roiInputSize = opts.roiInputSize ?? DEFAULT_ROI_INPUT_SIZE;
  const threshold = opts.scoreThreshold ?? DEFAULT_SCORE_THRESHOLD;
  const results: FrameAnalysis[] = [];
  let prev: { box: FaceBox; faces: number } | undefined;
  let sinceFull = 0;
  for (let i = 0; i < decoded.length; i++) {
    const img = decoded[i];
    decoded[i] = null; // let each frame's pixels go once it has been analysed
    if (!img) {
      results.push({ faces: 0 });
      prev = undefined;
      continue;
    }
    const image = imageTensor(tf, img);
    const ctx: Ctx = { faceapi, tf, image, width: img.width, height: img.height };
    try {
      let result: FrameAnalysis | undefined;
      if (prev && sinceFull < fullEvery - 1) {
        const roi = clipBox(scaledBox(prev.box, ROI_SCALE), img.width, img.height);
        const boxes = roi ? await detectFaces(ctx, roiInputSize, Math.min(threshold, ROI_SCORE_THRESHOLD), roi) : [];
        if (boxes.length > 0) {
          result = await describeBiggest(ctx, boxes, Math.max(prev.faces, boxes.length), opts);
          sinceFull++;
        }
      }
      if (!result) {
        const boxes = await detectFaces(ctx, inputSize, threshold);
        result = await describeBiggest(ctx, boxes, boxes.length, opts);
        sinceFull = 0;
        prev = boxes[0] ? { box: boxes[0], faces: boxes.length } : undefined;
      } else {
        prev = { box: result.box!, faces: prev!.faces };
      }
      results.push(result);
    } finally {
      image.dispose();
    }
  }
  return results;
}

/**
 * Detects faces in a JPEG or PNG and returns the count plus box, 68 landmarks, expression
 * probabilities and head pose of the biggest face. Loads the backend and models on first use.
 */
export async function analyzeFrame(jpeg: Buffer | Uint8Array, opts: AnalyzeFrameOptions = {}): Promise<FrameAnalysis> {
  return analyzeImage(decodeImage(jpeg), opts);
}
