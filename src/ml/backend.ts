// TensorFlow.js backend selection and face-api model loading, once per process or worker thread.
//
// Why this shape:
// - `@tensorflow/tfjs-node` is an optional dependency that usually fails to install (it downloads
//   libtensorflow; npm then leaves it out and `npm ci` still succeeds). When it loads we use it
//   (native, fastest); otherwise the WASM backend with SIMD, whose .wasm binaries are read from the
//   package's `dist/` folder on disk so nothing is fetched at run time. An installed tfjs-node that
//   fails to load (missing native library) falls back to WASM with the reason in the log line.
// - face-api's package `main` requires tfjs-node, so on WASM we load its `face-api.node-wasm.js`
//   build, which re-exports `@tensorflow/tfjs` + `@tensorflow/tfjs-backend-wasm`. All tensors must
//   then be built with `faceapi.tf` so they belong to the same engine as the models.
// - The WASM backend has no threads in Node; parallelism comes from worker threads (see pool.ts),
//   each of which calls these functions once.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type * as TfModule from '@tensorflow/tfjs';
import type * as FaceApiModule from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { useFusedTinyFaceDetector } from './vision/fused-face-detector.js';

export type FaceApi = typeof FaceApiModule;
/**
 * The full tfjs API. face-api's declared `tf` namespace lists only the ops it uses, but at run time
 * `faceapi.tf` is the whole `@tensorflow/tfjs` (or tfjs-node) module.
 */
export type Tf = typeof TfModule;

export type BackendName = 'tensorflow' | 'wasm';
export interface BackendInfo {
  name: BackendName;
  simd: boolean;
}

export interface InitTfBackendOptions {
  /** Force a backend; by default tfjs-node when it can be loaded, else WASM. Also `ML_TF_BACKEND=wasm|tensorflow`. */
  prefer?: BackendName;
  /** Where to report the chosen backend; defaults to console.info (unless LOG_LEVEL is warn or error). Pass `() => {}` to silence. */
  log?: (message: string) => void;
}

/** The optional native backend: an optional dependency whose install downloads libtensorflow. */
export const TFJS_NODE_PACKAGE = '@tensorflow/tfjs-node';

/**
 * What the backend choice needs from outside this module. The defaults load the real packages;
 * tests pass stand-ins, because tfjs-node cannot be installed on every machine and its branch
 * would otherwise never run.
 */
export interface TfBackendDeps {
  /** Environment holding ML_TF_BACKEND (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Path of an installed package; throws when the package is not installed. */
  resolve(specifier: string): string;
  /** Loads a module: a real dynamic import by default. tfjs-node loads its native binding here. */
  importModule(specifier: string): Promise<unknown>;
  /** face-api bound to tfjs-node (its package main, which requires tfjs-node). */
  loadNodeFaceApi(): Promise<FaceApi>;
  /** face-api's WASM build with the WASM backend initialised, and whether SIMD is on. */
  loadWasmFaceApi(): Promise<{ faceapi: FaceApi; simd: boolean }>;
}

const require = createRequire(import.meta.url);

/** Folder holding face-api's shipped model weights (nothing is downloaded). */
export const FACE_API_MODEL_DIR = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
const WASM_DIST_DIR = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');

let backendPromise: Promise<{ info: BackendInfo; faceapi: FaceApi }> | undefined;
let backendInfo: BackendInfo | undefined;
let modelsPromise: Promise<FaceApi> | undefined;

/** The tfjs engine face-api runs on; build every tensor with it. */
export function tfOf(faceapi: FaceApi): Tf {
  return faceapi.tf as unknown as Tf;
}

const defaultDeps: TfBackendDeps = {
  resolve: (specifier) => require.resolve(specifier),
  importModule: (specifier) => import(specifier),
  loadNodeFaceApi: () => Promise.resolve(require('@vladmandic/face-api') as FaceApi),
  loadWasmFaceApi,
};

/**
 * Whether tfjs-node can be used: 'missing' when it is not installed (the usual case: npm drops an
 * optional dependency whose install fails), 'failed' when it is installed but does not load (e.g.
 * its native library is missing or was built for another Node.js).
 */
export type TfjsNodeStatus = { status: 'loaded' } | { status: 'missing' } | { status: 'failed'; error: unknown };

export async function probeTfjsNode(deps: Pick<TfBackendDeps, 'resolve' | 'importModule'> = defaultDeps): Promise<TfjsNodeStatus> {
  try {
    deps.resolve(TFJS_NODE_PACKAGE);
  } catch {
    return { status: 'missing' };
  }
  try {
    await deps.importModule(TFJS_NODE_PACKAGE);
    return { status: 'loaded' };
  } catch (error) {
    return { status: 'failed', error };
  }
}

function preferredBackend(
  opts: InitTfBackendOptions,
  env: Record<string, string | undefined>,
  log: (m: string) => void,
): BackendName | undefined {
  if (opts.prefer) return opts.prefer;
  const value = env.ML_TF_BACKEND?.trim();
  if (!value) return undefined;
  if (value === 'wasm' || value === 'tensorflow') return value;
  log(`[ml] ML_TF_BACKEND="${value}" ignored: expected "wasm" or "tensorflow"; choosing the backend automatically`);
  return undefined;
}

/** LOG_LEVEL values under which the backend choice is not printed (it is still on /healthz). */
const QUIET_LOG_LEVELS = new Set(['error', 'warn']);

/**
 * Chooses and initialises the backend (uncached; initTfBackend calls it once per thread): tfjs-node
 * when it loads, else WASM, logging which one and, on WASM, why. A forced "tensorflow" that cannot
 * be used is an error rather than a silent fallback.
 */
export async function selectTfBackend(
  opts: InitTfBackendOptions = {},
  deps: TfBackendDeps = defaultDeps,
): Promise<{ info: BackendInfo; faceapi: FaceApi }> {
  const env = deps.env ?? process.env;
  // Workers have no Nest logger; they follow the server's LOG_LEVEL, which they inherit with the environment.
  const log =
    opts.log ??
    ((m: string) => {
      if (!QUIET_LOG_LEVELS.has(env.LOG_LEVEL ?? '')) console.info(m);
    });
  const prefer = preferredBackend(opts, env, log);

  let why = opts.prefer === 'wasm' ? 'requested by the caller' : 'requested by ML_TF_BACKEND=wasm';
  if (prefer !== 'wasm') {
    const tfjsNode = await probeTfjsNode(deps);
    if (tfjsNode.status === 'loaded') {
      const faceapi = await deps.loadNodeFaceApi();
      await tfOf(faceapi).ready();
      log(`[ml] TensorFlow.js backend: tensorflow (tfjs-node, native) in thread ${threadId}`);
      return { info: { name: 'tensorflow', simd: false }, faceapi };
    }
    why =
      tfjsNode.status === 'missing'
        ? `${TFJS_NODE_PACKAGE} is not installed`
        : `${TFJS_NODE_PACKAGE} is installed but failed to load: ${tfjsNode.error instanceof Error ? tfjsNode.error.message : String(tfjsNode.error)}`;
    if (prefer === 'tensorflow') {
      const source = opts.prefer ? 'by the caller' : 'by ML_TF_BACKEND=tensorflow';
      const cause = tfjsNode.status === 'failed' ? { cause: tfjsNode.error } : undefined;
      throw new Error(`The "tensorflow" TensorFlow.js backend was requested ${source}, but ${why}.`, cause);
    }
  }

  const { faceapi, simd } = await deps.loadWasmFaceApi();
  log(`[ml] TensorFlow.js backend: wasm (SIMD ${simd ? 'on' : 'off'}) in thread ${threadId}: ${why}`);
  return { info: { name: 'wasm', simd }, faceapi };
}

async function loadWasmFaceApi(): Promise<{ faceapi: FaceApi; simd: boolean }> {
  const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApi;
  const tf = tfOf(faceapi) as Tf & { setWasmPaths(prefix: string, usePlatformFetch?: boolean): void };
  try {
    tf.setWasmPaths(WASM_DIST_DIR + '/');
  } catch {
    // tfjs throws once the WASM backend is initialised; it then already has its binaries.
  }
  const ok = await tf.setBackend('wasm');
  if (!ok) throw new Error(`Could not initialise the TensorFlow.js WASM backend from ${WASM_DIST_DIR}`);
  await tf.ready();
  patchWasmConcat(tf);
  return { faceapi, simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) };
}

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: string): TfModule.TensorInfo;
  typedArrayFromHeap(t: TfModule.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/**
 * tfjs-backend-wasm 4.22 implements Concat in JavaScript with one `subarray` + `set` per outer
 * index and input. face-api normalises every net input by concatenating three [1,H,W,1] fills on
 * the channel axis, so a 224×224 detector pass made 150 000 one-element copies (plus the garbage):
 * about a tenth of the frame time. This replaces the kernel with the same computation as a plain
 * loop when the copied runs are short (≤ 16 elements), and defers to the original otherwise.
 */
export function patchWasmConcat(tf: Tf): void {
  const original = tf.getKernel('Concat', 'wasm');
  if (!original || (original as { patchedBy?: string }).patchedBy === 'interview-insights') return;
  const kernelFunc: TfModule.KernelFunc = (args) => {
    const inputs = args.inputs as unknown as TfModule.TensorInfo[];
    const backend = args.backend as unknown as WasmBackendLike;
    const first = inputs[0];
    if (!first || first.dtype === 'string') return original.kernelFunc(args);
    const axis = tf.util.parseAxisParam(args.attrs!.axis as number, first.shape)[0]!;
    const shapes = inputs.map((t) => t.shape);
    tf.backend_util.assertParamsConsistent(shapes, axis);
    const nonEmpty = inputs.filter((t) => tf.util.sizeFromShape(t.shape) > 0);
    const inner = nonEmpty.map((t) => tf.util.sizeFromShape(t.shape.slice(axis)));
    if (nonEmpty.length < 2 || Math.max(...inner) > 16) return original.kernelFunc(args);
    const out = backend.makeOutput(tf.backend_util.computeOutShape(shapes, axis), first.dtype);
    // Views after makeOutput: allocating may grow (and move) the WASM heap.
    const outVals = backend.typedArrayFromHeap(out);
    const inVals = nonEmpty.map((t) => backend.typedArrayFromHeap(t));
    const batch = tf.util.sizeFromShape(nonEmpty[0]!.shape.slice(0, axis));
    let o = 0;
    for (let b = 0; b < batch; b++) {
      for (let i = 0; i < inVals.length; i++) {
        const src = inVals[i]!;
        const n = inner[i]!;
        for (let k = 0, s = b * n; k < n; k++) outVals[o++] = src[s++]!;
      }
    }
    return out;
  };
  tf.unregisterKernel('Concat', 'wasm');
  tf.registerKernel({ ...original, kernelFunc, patchedBy: 'interview-insights' } as TfModule.KernelConfig);
}

/** Chooses and initialises the backend once per process / worker thread (later calls reuse it). */
export async function initTfBackend(opts: InitTfBackendOptions = {}): Promise<BackendInfo> {
  backendPromise ??= selectTfBackend(opts).catch((err: unknown) => {
    backendPromise = undefined; // allow a retry after a failure
    throw err;
  });
  const { info } = await backendPromise;
  backendInfo = info;
  return info;
}

/** The backend chosen by initTfBackend in this thread, or undefined before it ran. */
export function getBackendInfo(): BackendInfo | undefined {
  return backendInfo;
}

/**
 * Loads face-api and its three models (tiny face detector, 68-point landmarks, expressions) from
 * `node_modules/@vladmandic/face-api/model` once per thread, initialising the backend first.
 */
export async function loadFaceApi(opts: InitTfBackendOptions = {}): Promise<FaceApi> {
  modelsPromise ??= (async () => {
    await initTfBackend(opts);
    const { faceapi } = await backendPromise!;
    await Promise.all([
      faceapi.nets.tinyFaceDetector.loadFromDisk(FACE_API_MODEL_DIR),
      faceapi.nets.faceLandmark68Net.loadFromDisk(FACE_API_MODEL_DIR),
      faceapi.nets.faceExpressionNet.loadFromDisk(FACE_API_MODEL_DIR),
    ]);
    useFusedTinyFaceDetector(faceapi, tfOf(faceapi));
    return faceapi;
  })().catch((err: unknown) => {
    modelsPromise = undefined;
    throw err;
  });
  return modelsPromise;
}
