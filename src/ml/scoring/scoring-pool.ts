// Scores practice answers on worker threads: the HTTP event loop only copies bytes, posts messages
// and merges results. See README.md in this folder for the worker split and its measurements.
//
// Layout (N = `size`, default os.availableParallelism(); L = `languageWorkers`, default 1), two
// WorkerPools running the same scoring.worker.js:
// - `languagePool` (L workers) runs the language task of every answer — WAV analysis, grammar
//   (harper.js), vocabulary, relevance, STAR, component scores — so harper (≈ 350–450 MB with
//   `natural`) is loaded L times, not N times. When a language worker has no language work it
//   takes frame chunks too, loading face-api as well, so a 2-core machine keeps both cores busy.
// - `visionPool` (N − L workers) only analyses frames (face-api, ≈ 130–170 MB each).
// A recording's frames are cut into chunks (default 10) that any free worker takes; presence is
// summarised from the chunks in frame order and merged with the language result on the main
// thread with the pure component functions (components.ts), exactly as scoreAnswer() would.
//
// Idempotent: chunks are analysed independently (each starts with a full-frame detection), so the
// result does not depend on which worker ran what or on what else was running. A worker that
// crashes or times out is replaced by its WorkerPool; the answer then rejects with a ScoringError
// (`retryable: true`) and the caller retries the job.
import { availableParallelism } from 'node:os';
import type { ResourceLimits } from 'node:worker_threads';
import { releaseFreedMemory } from '../native-memory.js';
import { PoolClosedError, WorkerCrashedError, WorkerPool, type WorkerPoolOptions } from '../pool.js';
import type { AnalyzeFramesOptions, FrameAnalysis } from '../vision/analyze-frame.js';
import { summarizePresence, type PresenceMetrics } from '../vision/presence.js';
import { packFrames } from '../vision/vision-pool.js';
import { overallScore, scorePresence } from './components.js';
import type { AnswerScore, ScoreAnswerInput } from './score-answer.js';
import type {
  LanguageTaskInput,
  LanguageTaskResult,
  LoadedModel,
  ScoringTask,
  ScoringTaskResult,
  ScoringWorkerData,
  ScoringWorkerStatus,
  VisionTaskResult,
} from './scoring.worker.js';

/** The compiled worker next to this module (dist/src/ml/scoring/scoring.worker.js); tests pass their own. */
export const DEFAULT_SCORING_WORKER_URL = new URL('./scoring.worker.js', import.meta.url);

/**
 * Vision defaults for scoring a recorded answer (src/ml/vision/README.md): full detection every
 * 10th frame, the face region in between — about a quarter faster than full detection on every
 * frame, with landmarks within ~3 % of the eye distance; a second face is noticed at the next full
 * pass (every 5 s at 2 frames/s). 10-frame chunks: each chunk starts with a full pass, so with
 * fullDetectEvery 10 chunking costs nothing extra. A worker keeps one chunk's decoded frames
 * (FrameArena): 9 MB for 10 frames of 640×480 rather than 18 MB for 20, measured with
 * bench/memory.mjs (median of 3) as peak 685 → 665 MB and idle 643 → 628 MB, with the session no
 * slower (bench/session.mjs best 12.35 s with 20, 11.65 s with 10).
 */
export const DEFAULT_SCORING_VISION_OPTIONS: Readonly<AnalyzeFramesOptions> = Object.freeze({ fullDetectEvery: 10 });
export const DEFAULT_FRAME_CHUNK_SIZE = 10;
/**
 * V8 limits for every scoring worker. The young generation is capped at 8 MB (Node 20's default
 * grows it to 48 MB): each 640×480 frame leaves ≈ 5 MB of pixel buffers (decoded RGB, its float32
 * copy) and the language task a few MB of audio samples, garbage that otherwise piles up between
 * scavenges. Measured with bench/memory.mjs (2 workers, 4 runs each): peak RSS 765 → 715 MB on
 * average, the scoring step +219 → +176 MB; bench/session.mjs no slower. Smaller is not better:
 * at 2–6 MB a vision worker peaked 75–90 MB higher than at 8 MB, because buffers that live through
 * a frame get promoted to the old generation and wait for a full collection.
 */
export const DEFAULT_SCORING_RESOURCE_LIMITS: Readonly<ResourceLimits> = Object.freeze({ maxYoungGenerationSizeMb: 8 });
/**
 * How long the pool must have been idle before the process's freed native memory is given back
 * (native-memory.ts): long enough that the next answer of a session has usually started.
 */
export const IDLE_TRIM_DELAY_MS = 1000;
/**
 * While a session is being scored, the freed memory is also given back at most this often: between
 * a session's tasks glibc otherwise kept ≈ 90 MB of freed memory (mostly in the middle of its
 * heaps, where only malloc_trim reaches), and the process peaked that much higher. One trim takes
 * a few ms on the main thread.
 */
export const BUSY_TRIM_INTERVAL_MS = 1000;
/** Per worker task (a language task includes loading harper on a cold worker, ≈ 5 s). */
export const DEFAULT_SCORING_TASK_TIMEOUT_MS = 120_000;

export interface ScoringPoolOptions extends Partial<Pick<WorkerPoolOptions, 'idleTimeoutMs' | 'execArgv'>> {
  /** V8 limits per worker, merged over DEFAULT_SCORING_RESOURCE_LIMITS. */
  resourceLimits?: ResourceLimits;
  /** Total worker threads (config ML_WORKERS); default os.availableParallelism(). */
  size?: number;
  /**
   * Workers that load harper.js and run language tasks (default 1, at most `size`). Each one costs
   * ≈ 350–450 MB; language work is ≈ 0.1–0.3 s per answer, far less than its frames.
   */
  languageWorkers?: number;
  /** Compiled worker module (default: scoring.worker.js next to this file). */
  workerUrl?: URL | string;
  /** Reject a worker task (and replace its worker) after this long; default 120 s. */
  taskTimeoutMs?: number;
  /** Options for the frame analysis (default DEFAULT_SCORING_VISION_OPTIONS). */
  vision?: AnalyzeFramesOptions;
  /** Frames per vision task (default 10). */
  chunkSize?: number;
  /** Time between frames, for the presence timeline (default 500 ms). */
  frameIntervalMs?: number;
  /** Enable the test-only 'exit' task in the workers. */
  testHooks?: boolean;
}

export interface ScoringAnswerInput {
  question: string;
  keyPoints: string[];
  transcript: ScoreAnswerInput['transcript'];
  transcriptCorrected: boolean;
  /** The recording (WAV, or anything ffmpeg reads). Copied: the caller's bytes stay usable for a retry. */
  wav?: Uint8Array;
  /** JPEG (or PNG) camera frames, one every `frameIntervalMs`. Copied, not detached. */
  frames?: Uint8Array[];
  /** Per user and deployment opt-in. Off → frames are not looked at and presence is null. */
  expressionAnalysis: boolean;
  dialect?: ScoreAnswerInput['dialect'];
  shownAtMs?: number;
  corpus?: string[];
  subject?: ScoreAnswerInput['subject'];
}

export interface ScoringTimings {
  /** From the language worker (AnswerScore.timingsMs). */
  audio: number;
  language: number;
  total: number;
  /** Worker time spent on this answer's frames, summed over chunks (0 without frames). */
  vision: number;
  /** Wall time from scoreAnswer() to the merged result, queueing included. */
  wall: number;
}

export type ScoredAnswer = Omit<AnswerScore, 'timingsMs'> & { presence: PresenceMetrics | null; timingsMs: ScoringTimings };

export class ScoringError extends Error {
  override name = 'ScoringError';
  /** True when the failure was the worker's (crash, time-out, pool restart), not the input's: retry the job. */
  readonly retryable: boolean;
  constructor(message: string, opts: { cause: unknown; retryable: boolean }) {
    super(message, { cause: opts.cause });
    this.retryable = opts.retryable;
  }
}

export interface ScoringBackendDescription {
  /** TensorFlow.js backend of the vision workers; 'not loaded' until a worker has loaded face-api. */
  backend: 'tensorflow' | 'wasm' | 'not loaded';
  /** Worker threads currently started (busy or idle). */
  workers: number;
  /** Models loaded in at least one live worker, e.g. ['face-api', 'harper']. */
  loaded: string[];
}

/** 'language' jobs run only on language workers; 'vision' jobs on any worker. */
export type ScoringLane = 'language' | 'vision';
interface Job {
  lane: ScoringLane;
  /**
   * Builds the task when a worker takes the job: a session's frames are packed (copied) chunk by
   * chunk as they are analysed, not all at once while most chunks wait (≈ 18 MB for 600 frames).
   */
  make(): { task: ScoringTask; transfer: ArrayBuffer[] };
  resolve: (r: ScoringTaskResult) => void;
  reject: (err: unknown) => void;
}

function copyBytes(bytes: Uint8Array): { view: Uint8Array; buffer: ArrayBuffer } {
  const buffer = new ArrayBuffer(bytes.byteLength);
  const view = new Uint8Array(buffer);
  view.set(bytes);
  return { view, buffer };
}

export class ScoringPool {
  readonly size: number;
  readonly languageWorkers: number;
  /** Workers that run language tasks (and vision when idle). */
  readonly languagePool: WorkerPool<ScoringTask>;
  /** Vision-only workers; null when every worker is a language worker. */
  readonly visionPool: WorkerPool<ScoringTask> | null;
  private readonly visionOpts: AnalyzeFramesOptions;
  private readonly chunkSize: number;
  private readonly frameIntervalMs: number | undefined;
  private readonly pending: Job[] = [];
  private readonly statuses = new Map<WorkerPool<ScoringTask>, Map<number, ScoringWorkerStatus>>();
  private closed = false;
  private trimTimer: NodeJS.Timeout | null = null;
  private lastTrim = 0;

  constructor(opts: ScoringPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(opts.size ?? availableParallelism()));
    this.languageWorkers = Math.min(this.size, Math.max(1, Math.floor(opts.languageWorkers ?? 1)));
    const common = {
      workerUrl: opts.workerUrl ?? DEFAULT_SCORING_WORKER_URL,
      taskTimeoutMs: opts.taskTimeoutMs ?? DEFAULT_SCORING_TASK_TIMEOUT_MS,
      idleTimeoutMs: opts.idleTimeoutMs,
      resourceLimits: { ...DEFAULT_SCORING_RESOURCE_LIMITS, ...opts.resourceLimits },
      execArgv: opts.execArgv,
    };
    const data = (role: ScoringWorkerData['role']): ScoringWorkerData => ({ role, testHooks: opts.testHooks ?? false });
    this.languagePool = new WorkerPool<ScoringTask>({
      ...common,
      name: 'scoring-language',
      size: this.languageWorkers,
      workerData: data('language'),
    });
    const visionSize = this.size - this.languageWorkers;
    this.visionPool =
      visionSize > 0
        ? new WorkerPool<ScoringTask>({ ...common, name: 'scoring-vision', size: visionSize, workerData: data('vision') })
        : null;
    this.visionOpts = { ...DEFAULT_SCORING_VISION_OPTIONS, ...opts.vision };
    this.chunkSize = Math.max(1, Math.floor(opts.chunkSize ?? DEFAULT_FRAME_CHUNK_SIZE));
    this.frameIntervalMs = opts.frameIntervalMs;
  }

  /** Worker tasks waiting for a free worker. */
  get queued(): number {
    return this.pending.length;
  }

  /** Worker threads currently started. */
  get workers(): number {
    return this.languagePool.workers + (this.visionPool?.workers ?? 0);
  }

  /**
   * Scores one answer: its frames (when expression analysis is on) in chunks on any free worker,
   * its audio and transcript on a language worker; resolves with the merged AnswerScore and the
   * presence metrics. Rejects with ScoringError.
   */
  async scoreAnswer(input: ScoringAnswerInput): Promise<ScoredAnswer> {
    const t0 = performance.now();
    if (this.closed) throw new ScoringError('The scoring pool is closed', { cause: new PoolClosedError('closed'), retryable: true });
    validate(input);
    const frames = input.expressionAnalysis ? (input.frames ?? []) : [];

    const visionJobs: Array<Promise<VisionTaskResult>> = [];
    for (let i = 0; i < frames.length; i += this.chunkSize) {
      const chunk = frames.slice(i, i + this.chunkSize);
      visionJobs.push(
        this.submit('vision', () => {
          const { views, buffer } = packFrames(chunk);
          return { task: { kind: 'vision', jpegs: views, opts: this.visionOpts }, transfer: [buffer] };
        }) as Promise<VisionTaskResult>,
      );
    }
    const languageJob = this.submit('language', () => {
      const wav = input.wav && input.wav.byteLength > 0 ? copyBytes(input.wav) : undefined;
      const languageInput: LanguageTaskInput = {
        question: input.question,
        keyPoints: input.keyPoints,
        transcript: input.transcript,
        transcriptCorrected: input.transcriptCorrected,
        wav: wav?.view,
        dialect: input.dialect,
        shownAtMs: input.shownAtMs,
        corpus: input.corpus,
        subject: input.subject,
      };
      return { task: { kind: 'language', input: languageInput }, transfer: wav ? [wav.buffer] : [] };
    }) as Promise<LanguageTaskResult>;

    let language: LanguageTaskResult;
    let vision: VisionTaskResult[];
    try {
      [language, vision] = await Promise.all([languageJob, Promise.all(visionJobs)]);
    } catch (err) {
      throw toScoringError(err);
    }
    const analyses: FrameAnalysis[] = vision.flatMap((v) => v.value);
    const presence = frames.length > 0 ? summarizePresence(analyses, { frameIntervalMs: this.frameIntervalMs }) : null;
    const score = language.value;
    const components = { ...score.components, presence: scorePresence(presence) };
    return {
      ...score,
      components,
      overall: overallScore(components),
      presence,
      timingsMs: { ...score.timingsMs, vision: vision.reduce((s, v) => s + v.ms, 0), wall: performance.now() - t0 },
    };
  }

  /** Scores a session's answers concurrently over the workers; results in input order. */
  scoreSession(answers: ReadonlyArray<ScoringAnswerInput>): Promise<ScoredAnswer[]> {
    return Promise.all(answers.map((a) => this.scoreAnswer(a)));
  }

  /**
   * Starts every worker and waits until its models are loaded (language workers: harper, plus
   * face-api unless `vision: false`; vision workers: face-api) and their one-off costs are paid,
   * including harper's first-long-typo structures (≈ 3 s, which a worker started by a session
   * leaves until a typed answer needs them). Optional: workers otherwise start and load on first
   * use. Call at server start to keep the first session from paying ≈ 5–8 s.
   */
  async warmUp(opts: { vision?: boolean } = {}): Promise<void> {
    const vision = opts.vision ?? true;
    const runs: Array<Promise<unknown>> = [];
    // Jobs submitted meanwhile wait in `pending` (the workers are busy warming up); each worker that
    // finishes takes them, as one that finishes a job does.
    const warm = (pool: WorkerPool<ScoringTask>, task: ScoringTask) => runs.push(this.runOn(pool, task).finally(() => this.pump()));
    for (let i = 0; i < this.languagePool.size; i++) warm(this.languagePool, { kind: 'warmUp', harper: true, spelling: true, faceApi: vision });
    if (this.visionPool && vision) for (let i = 0; i < this.visionPool.size; i++) warm(this.visionPool, { kind: 'warmUp', faceApi: true });
    await Promise.all(runs);
    releaseFreedMemory();
  }

  /**
   * Runs one raw task on a worker of the lane (for diagnostics and tests; 'exit' needs
   * `testHooks`). Rejects with the pool's WorkerCrashedError when the worker dies.
   */
  runTask<T = unknown>(
    task: ScoringTask,
    lane: ScoringLane = task.kind === 'vision' ? 'vision' : 'language',
  ): Promise<ScoringTaskResult<T>> {
    return this.submit(lane, () => ({ task, transfer: [] })) as Promise<ScoringTaskResult<T>>;
  }

  /** Synchronous summary of the workers, from what their last results reported. */
  describe(): ScoringBackendDescription {
    let backend: ScoringBackendDescription['backend'] = 'not loaded';
    const loaded = new Set<LoadedModel>();
    for (const [pool, byThread] of this.statuses) {
      if (pool.workers === 0) continue; // retired or crashed: nothing is loaded any more
      for (const s of byThread.values()) {
        s.loaded.forEach((m) => loaded.add(m));
        if (backend === 'not loaded' && s.backend) backend = s.backend.name;
      }
    }
    return { backend, workers: this.workers, loaded: [...loaded].sort() };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.trimTimer) clearTimeout(this.trimTimer);
    const err = new PoolClosedError('The scoring pool was closed');
    for (const job of this.pending.splice(0)) job.reject(err);
    await Promise.all([this.languagePool.close(), this.visionPool?.close()]);
  }

  // ---------------- scheduling ----------------

  private submit(lane: ScoringLane, make: Job['make']): Promise<ScoringTaskResult> {
    if (this.closed) return Promise.reject(new PoolClosedError('The scoring pool is closed'));
    return new Promise((resolve, reject) => {
      this.pending.push({ lane, make, resolve, reject });
      this.pump();
    });
  }

  private static free(pool: WorkerPool<ScoringTask> | null): number {
    return pool ? pool.size - pool.busy - pool.queued : 0;
  }

  /**
   * Language jobs first, on language workers (an answer cannot finish without its language
   * result, and there are few of them); then vision jobs on vision workers, then on idle language
   * workers. Jobs never queue inside a WorkerPool, so a free worker always takes the next job.
   */
  private pump(): void {
    for (let i = 0; i < this.pending.length && ScoringPool.free(this.languagePool) > 0;) {
      if (this.pending[i]!.lane === 'language') this.start(this.languagePool, this.pending.splice(i, 1)[0]!);
      else i++;
    }
    for (let i = 0; i < this.pending.length;) {
      if (this.pending[i]!.lane !== 'vision') {
        i++;
        continue;
      }
      const pool =
        ScoringPool.free(this.visionPool) > 0 ? this.visionPool! : ScoringPool.free(this.languagePool) > 0 ? this.languagePool : null;
      if (!pool) break;
      this.start(pool, this.pending.splice(i, 1)[0]!);
    }
  }

  private start(pool: WorkerPool<ScoringTask>, job: Job): void {
    if (this.trimTimer) clearTimeout(this.trimTimer);
    this.trimTimer = null;
    let made: ReturnType<Job['make']>;
    try {
      made = job.make();
    } catch (err) {
      job.reject(err);
      return;
    }
    void this.runOn(pool, made.task, made.transfer)
      .then(job.resolve, job.reject)
      .finally(() => {
        this.pump();
        this.trimWhenIdle();
        this.trimWhileBusy();
      });
  }

  private trim(): void {
    this.lastTrim = performance.now();
    releaseFreedMemory();
  }

  private trimWhileBusy(): void {
    if (!this.closed && performance.now() - this.lastTrim >= BUSY_TRIM_INTERVAL_MS) this.trim();
  }

  /** Once no task has run for IDLE_TRIM_DELAY_MS, gives the memory the tasks freed back to the OS. */
  private trimWhenIdle(): void {
    const busy = this.pending.length + this.languagePool.busy + (this.visionPool?.busy ?? 0);
    if (busy > 0 || this.closed || this.trimTimer) return;
    this.trimTimer = setTimeout(() => {
      this.trimTimer = null;
      this.trim();
    }, IDLE_TRIM_DELAY_MS);
    this.trimTimer.unref();
  }

  private runOn(pool: WorkerPool<ScoringTask>, task: ScoringTask, transfer: ArrayBuffer[] = []): Promise<ScoringTaskResult> {
    return pool.run<ScoringTaskResult>(task, transfer).then(
      (r) => {
        let byThread = this.statuses.get(pool);
        if (!byThread) this.statuses.set(pool, (byThread = new Map()));
        byThread.set(r.status.threadId, r.status);
        return r;
      },
      (err: unknown) => {
        // The crashed worker's thread id is unknown here; forget the pool's statuses, the
        // surviving workers report theirs again with their next result.
        if (err instanceof WorkerCrashedError) this.statuses.delete(pool);
        throw err;
      },
    );
  }
}

function validate(input: ScoringAnswerInput): void {
  if (typeof input.question !== 'string') throw new TypeError('scoreAnswer: question must be a string');
  if (!input.transcript || typeof input.transcript.text !== 'string') throw new TypeError('scoreAnswer: transcript.text must be a string');
  if (input.wav !== undefined && !(input.wav instanceof Uint8Array)) throw new TypeError('scoreAnswer: wav must be a Uint8Array');
  if (input.frames?.some((f) => !(f instanceof Uint8Array))) throw new TypeError('scoreAnswer: frames must be Uint8Arrays (JPEG bytes)');
}

function toScoringError(err: unknown): ScoringError {
  if (err instanceof ScoringError) return err;
  const retryable = err instanceof WorkerCrashedError || err instanceof PoolClosedError;
  const message = err instanceof Error ? err.message : String(err);
  return new ScoringError(retryable ? `Scoring was interrupted and can be retried: ${message}` : `Scoring failed: ${message}`, {
    cause: err,
    retryable,
  });
}
