// A small generic worker_threads pool for CPU-bound model work (the WASM backend is single-threaded
// in Node, so parallelism comes from one model copy per worker).
//
// - Workers start lazily, up to `size`, and are kept (models load once per worker) unless
//   `idleTimeoutMs` retires idle ones.
// - One task per worker at a time; further tasks wait in a FIFO queue.
// - A worker that crashes (uncaught error, process.exit, out of memory) or exceeds `taskTimeoutMs`
//   is terminated and replaced; only the task it was running is rejected, with WorkerCrashedError.
// - Workers must be JavaScript: in production the compiled `dist/**.js`. Node 20 cannot strip
//   TypeScript types, so a `.ts` URL is refused with a clear message rather than failing inside
//   the worker. Tests use a plain `.mjs` fixture (pool.spec.ts) or compile the worker first
//   (vision/vision-pool.spec.ts).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits, type TransferListItem } from 'node:worker_threads';
import { isResultMessage, type ResultMessage } from './pool-protocol.js';

export interface WorkerPoolOptions {
  /** The worker module (file: URL or absolute path) — compiled JavaScript that calls serveTasks(). */
  workerUrl: URL | string;
  /** Maximum number of workers; defaults to os.availableParallelism(). */
  size?: number;
  /** Passed to every worker as `workerData`. */
  workerData?: unknown;
  /** Reject a task and replace its worker after this long (default: no limit). */
  taskTimeoutMs?: number;
  /**
   * Stop a worker after it has been idle this long (default: keep workers). Each vision worker
   * holds ≈150 MB with its models, so a server that scores now and then can give that back.
   */
  idleTimeoutMs?: number;
  /** Name shown in errors and thread names. */
  name?: string;
  resourceLimits?: ResourceLimits;
  /** Extra Node flags for the workers. */
  execArgv?: string[];
}

export class WorkerCrashedError extends Error {
  override name = 'WorkerCrashedError';
}

export class PoolClosedError extends Error {
  override name = 'PoolClosedError';
}

interface QueuedTask {
  task: unknown;
  transferList: readonly TransferListItem[];
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

interface Slot {
  worker: Worker;
  current?: QueuedTask & { id: number; timer?: NodeJS.Timeout };
  /** The error reported by the worker before it exited, for the crash message. */
  lastError?: Error;
  completed: number;
  gone: boolean;
  idleTimer?: NodeJS.Timeout;
}

/** After this many workers in a row die before finishing any task, stop respawning and fail the queue. */
const MAX_STARTUP_FAILURES = 3;

export class WorkerPool<TTask = unknown> {
  readonly size: number;
  private readonly url: URL;
  private readonly opts: WorkerPoolOptions;
  private readonly slots: Slot[] = [];
  private readonly queue: QueuedTask[] = [];
  private nextId = 1;
  private closed = false;
  private startupFailures = 0;

  constructor(opts: WorkerPoolOptions) {
    this.opts = opts;
    this.size = Math.max(1, Math.floor(opts.size ?? availableParallelism()));
    this.url = typeof opts.workerUrl === 'string' ? toFileUrl(opts.workerUrl) : opts.workerUrl;
    if (this.url.pathname.endsWith('.ts')) {
      throw new Error(
        `WorkerPool: ${this.url.href} is TypeScript, which Node 20 cannot run in a worker. ` +
          'Point workerUrl at the compiled file (npm run build → dist/src/...js).',
      );
    }
    if (this.url.protocol === 'file:' && !existsSync(fileURLToPath(this.url))) {
      throw new Error(`WorkerPool: worker file not found: ${fileURLToPath(this.url)} (run npm run build?)`);
    }
  }

  /** Tasks waiting for a free worker. */
  get queued(): number {
    return this.queue.length;
  }

  /** Workers currently running a task. */
  get busy(): number {
    return this.slots.filter((s) => s.current).length;
  }

  /** Runs `task` on a free worker; `transferList` buffers are moved to the worker, not copied. */
  run<T>(task: TTask, transferList: readonly TransferListItem[] = []): Promise<T> {
    if (this.closed) return Promise.reject(new PoolClosedError(`${this.label()} is closed`));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ task, transferList, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Rejects queued and running tasks with PoolClosedError and terminates the workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const err = new PoolClosedError(`${this.label()} was closed`);
    for (const q of this.queue.splice(0)) q.reject(err);
    const slots = this.slots.splice(0);
    for (const s of slots) {
      s.gone = true;
      clearTimeout(s.idleTimer);
      if (s.current) {
        clearTimeout(s.current.timer);
        s.current.reject(err);
        s.current = undefined;
      }
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private label(): string {
    return `WorkerPool(${this.opts.name ?? fileURLToPath(this.url).split(/[\\/]/).pop()})`;
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      let slot = this.slots.find((s) => !s.current && !s.gone);
      if (!slot) {
        if (this.slots.length >= this.size) return;
        if (this.startupFailures >= MAX_STARTUP_FAILURES) {
          const err = new WorkerCrashedError(
            `${this.label()}: ${this.startupFailures} workers in a row died before finishing a task; giving up on the queued tasks`,
          );
          this.startupFailures = 0; // a later run() tries again
          for (const q of this.queue.splice(0)) q.reject(err);
          return;
        }
        slot = this.spawn();
      }
      const next = this.queue.shift()!;
      const id = this.nextId++;
      clearTimeout(slot.idleTimer);
      slot.current = { ...next, id };
      if (this.opts.taskTimeoutMs) {
        const s = slot;
        slot.current.timer = setTimeout(() => {
          s.lastError = new Error(`task exceeded ${this.opts.taskTimeoutMs} ms`);
          void s.worker.terminate();
        }, this.opts.taskTimeoutMs);
      }
      try {
        slot.worker.postMessage({ id, task: next.task }, next.transferList);
      } catch (err) {
        // e.g. a task that cannot be cloned: the worker is fine, the task is not.
        clearTimeout(slot.current.timer);
        slot.current = undefined;
        next.reject(err);
      }
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.url, {
      workerData: this.opts.workerData,
      resourceLimits: this.opts.resourceLimits,
      execArgv: this.opts.execArgv,
      name: this.opts.name,
    });
    const slot: Slot = { worker, completed: 0, gone: false };
    this.slots.push(slot);
    worker.on('message', (msg: unknown) => this.onMessage(slot, msg));
    worker.on('error', (err: Error) => {
      slot.lastError = err;
    });
    worker.on('messageerror', (err: Error) => {
      slot.lastError = err;
    });
    worker.on('exit', (code) => this.onExit(slot, code));
    return slot;
  }

  private onMessage(slot: Slot, msg: unknown): void {
    if (!isResultMessage(msg)) return;
    const current = slot.current;
    if (!current || current.id !== msg.id) return;
    clearTimeout(current.timer);
    slot.current = undefined;
    slot.completed++;
    this.startupFailures = 0;
    settle(current, msg);
    this.dispatch();
    if (!slot.current) this.startIdleTimer(slot);
  }

  private startIdleTimer(slot: Slot): void {
    const ms = this.opts.idleTimeoutMs;
    if (ms === undefined || this.closed) return;
    clearTimeout(slot.idleTimer);
    slot.idleTimer = setTimeout(() => {
      if (slot.current || slot.gone) return;
      slot.gone = true;
      const idx = this.slots.indexOf(slot);
      if (idx >= 0) this.slots.splice(idx, 1);
      void slot.worker.terminate();
    }, ms);
    slot.idleTimer.unref(); // an idle pool must not keep the process alive
  }

  /** Workers currently started (busy or idle). */
  get workers(): number {
    return this.slots.length;
  }

  private onExit(slot: Slot, code: number): void {
    if (slot.gone) return; // closed or retired by us
    slot.gone = true;
    clearTimeout(slot.idleTimer);
    const idx = this.slots.indexOf(slot);
    if (idx >= 0) this.slots.splice(idx, 1);
    if (slot.completed === 0) this.startupFailures++;
    const current = slot.current;
    slot.current = undefined;
    if (current) {
      clearTimeout(current.timer);
      const why = slot.lastError ? `: ${slot.lastError.message}` : ` (exit code ${code})`;
      current.reject(
        new WorkerCrashedError(`${this.label()}: the worker running this task stopped${why}; it has been replaced`, {
          cause: slot.lastError,
        }),
      );
    }
    this.dispatch(); // replaces the worker if tasks are waiting
  }
}

function settle(task: QueuedTask, msg: ResultMessage): void {
  if (msg.ok) {
    task.resolve(msg.result);
  } else {
    const err = new Error(msg.error.message);
    err.name = msg.error.name;
    if (msg.error.stack) err.stack = msg.error.stack;
    task.reject(err);
  }
}

function toFileUrl(pathOrUrl: string): URL {
  return pathOrUrl.startsWith('file:') ? new URL(pathOrUrl) : pathToFileURL(pathOrUrl);
}
