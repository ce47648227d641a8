// Worker thread entry for the scoring pool (scoring-pool.ts). One file for every worker; what a
// worker loads depends on the work it is given, each model at most once per worker:
// - 'language' tasks (audio analysis, grammar with harper.js, vocabulary, relevance, component
//   scores) load harper.js (≈ 5 s, ≈ 350–450 MB) and `natural`;
// - 'vision' tasks (face detection + landmarks + expressions on a run of frames) load
//   TensorFlow.js and the face-api models (≈ 1 s, ≈ 130–150 MB).
// The pool sends language tasks only to its language worker(s) (by default one), so harper is
// loaded once per server, and vision tasks to every worker. A worker started for a role begins
// loading that role's models at once (workerData.role), so its first task does not pay alone.
//
// Run from compiled JavaScript (dist/src/ml/scoring/scoring.worker.js); tests compile it first.
import { getHeapStatistics } from 'node:v8';
import { threadId, workerData } from 'node:worker_threads';
import type { BackendInfo } from '../backend.js';
import { serveTasks } from '../pool-worker.js';
import type { AnalyzeFramesOptions, FrameAnalysis } from '../vision/analyze-frame.js';
import type { AnswerScore, ScoreAnswerInput } from './score-answer.js';

export type ScoringWorkerRole = 'language' | 'vision';

export interface ScoringWorkerData {
  role: ScoringWorkerRole;
  /** Honour the test-only 'exit' task (never set in production). */
  testHooks?: boolean;
}

/** What the language task needs: the answer without frames or presence (merged by the pool). */
export type LanguageTaskInput = Omit<ScoreAnswerInput, 'presence' | 'wav'> & { wav?: Uint8Array };

export type ScoringTask =
  | { kind: 'language'; input: LanguageTaskInput }
  | { kind: 'vision'; jpegs: Uint8Array[]; opts?: AnalyzeFramesOptions }
  /** `spelling`: also harper's costly first-long-typo structures (see warmUpGrammar). */
  | { kind: 'warmUp'; harper?: boolean; spelling?: boolean; faceApi?: boolean }
  | { kind: 'status' }
  /** This worker's memory as V8 accounts for it (bench/memory.mjs breakdown). */
  | { kind: 'memory' }
  /** Test only (workerData.testHooks): the worker exits with `code` after `afterMs`, mid-task. */
  | { kind: 'exit'; code?: number; afterMs?: number };

export type LoadedModel = 'harper' | 'face-api';

/** MB. RSS is per process, so a worker can only say what its own isolate holds. */
export interface ScoringWorkerMemory {
  /** V8 heap pages in use (JavaScript objects). */
  heap: number;
  /** Memory V8 knows is held outside its heap: WebAssembly memories (harper's, TensorFlow.js') and ArrayBuffers. */
  external: number;
  /** TensorFlow.js' WebAssembly heap (part of `external`); null before face-api is loaded or on tfjs-node. */
  tfjsWasm: number | null;
}

export interface ScoringWorkerStatus {
  threadId: number;
  role: ScoringWorkerRole;
  /** TensorFlow.js backend once face-api is loaded in this worker, else null. */
  backend: BackendInfo | null;
  loaded: LoadedModel[];
}

/** Every task answers with its value, the worker's status (for /healthz) and the time it took. */
export interface ScoringTaskResult<T = unknown> {
  value: T;
  status: ScoringWorkerStatus;
  ms: number;
}

export type LanguageTaskResult = ScoringTaskResult<AnswerScore>;
export type VisionTaskResult = ScoringTaskResult<FrameAnalysis[]>;

const data = (workerData ?? { role: 'vision' }) as ScoringWorkerData;
const role: ScoringWorkerRole = data.role === 'language' ? 'language' : 'vision';
const loaded = new Set<LoadedModel>();
let backend: BackendInfo | null = null;

type ScoreAnswerModule = typeof import('./score-answer.js');
type AnalyzeFrameModule = typeof import('../vision/analyze-frame.js');

let languagePromise: Promise<ScoreAnswerModule> | undefined;
let visionPromise: Promise<AnalyzeFrameModule> | undefined;

/** harper.js + the scoring code, loaded and warmed once (dynamic imports: a vision worker never loads them). */
function languageModule(): Promise<ScoreAnswerModule> {
  languagePromise ??= (async () => {
    const [scoring, grammar] = await Promise.all([import('./score-answer.js'), import('../language/grammar.js')]);
    await grammar.warmUpGrammar();
    loaded.add('harper');
    return scoring;
  })().catch((err: unknown) => {
    languagePromise = undefined; // the next task tries again
    throw err;
  });
  return languagePromise;
}

/** TensorFlow.js backend + face-api models, loaded once. */
function visionModule(): Promise<AnalyzeFrameModule> {
  visionPromise ??= (async () => {
    const [tf, frames] = await Promise.all([import('../backend.js'), import('../vision/analyze-frame.js')]);
    await tf.loadFaceApi();
    backend = tf.getBackendInfo() ?? null;
    loaded.add('face-api');
    return frames;
  })().catch((err: unknown) => {
    visionPromise = undefined;
    throw err;
  });
  return visionPromise;
}

function status(): ScoringWorkerStatus {
  return { threadId, role, backend, loaded: [...loaded].sort() };
}

// Start loading this role's models now; a failure is reported by the first task that needs them.
(role === 'language' ? languageModule() : visionModule()).catch(() => {});

async function memory(): Promise<ScoringWorkerMemory> {
  const MB = 1024 * 1024;
  const h = getHeapStatistics();
  let tfjsWasm: number | null = null;
  if (visionPromise && loaded.has('face-api')) {
    const { loadFaceApi, tfOf } = await import('../backend.js');
    const backend = tfOf(await loadFaceApi()).backend() as { wasm?: { HEAPU8?: Uint8Array } };
    if (backend.wasm?.HEAPU8) tfjsWasm = backend.wasm.HEAPU8.byteLength / MB;
  }
  return { heap: h.total_physical_size / MB, external: h.external_memory / MB, tfjsWasm };
}

async function handle(task: ScoringTask): Promise<unknown> {
  switch (task.kind) {
    case 'language': {
      const { scoreAnswer } = await languageModule();
      return scoreAnswer({ ...task.input, presence: null });
    }
    case 'vision': {
      const { analyzeFrames } = await visionModule();
      return analyzeFrames(task.jpegs, task.opts);
    }
    case 'warmUp': {
      await Promise.all([task.harper ? languageModule() : undefined, task.faceApi ? visionModule() : undefined]);
      if (task.harper && task.spelling) await (await import('../language/grammar.js')).warmUpGrammar({ spelling: true });
      return null;
    }
    case 'status':
      return null;
    case 'memory':
      return memory();
    case 'exit': {
      if (!data.testHooks) throw new Error('The "exit" task is for tests only (workerData.testHooks)');
      const code = task.code ?? 1;
      setTimeout(() => process.exit(code), task.afterMs ?? 0);
      return new Promise(() => {}); // "busy" until the exit
    }
    default:
      throw new Error(`Unknown scoring task ${(task as { kind?: unknown }).kind as string}`);
  }
}

serveTasks(async (task: ScoringTask): Promise<ScoringTaskResult> => {
  const t0 = performance.now();
  const value = await handle(task);
  return { value, status: status(), ms: performance.now() - t0 };
});
