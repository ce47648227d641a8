import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SearchDocument, SearchEngine, SearchQuery, SearchResult } from './search-engine.js';

/**
 * The embedded engine run on a worker thread, behind the same port.
 *
 * Why: measured at 100k experiences, a query nobody has asked yet costs 2–15 ms of CPU (more while
 * the JIT is cold), and under load every request queued behind it waited that long, which put
 * `/search` p99 over its 100 ms target. On its own thread a query only costs the HTTP thread a
 * message each way (~20 hits of plain data), and the index's ~0.5 GB heap no longer lengthens the
 * HTTP thread's garbage collections.
 *
 * The worker holds the only copy of the index. If it dies (out of memory, a bug), calls in flight
 * reject, a fresh worker starts on the next call, and `onIndexLost` listeners (the indexer) rebuild
 * it from the database.
 */
export const DEFAULT_SEARCH_WORKER_URL = new URL('./embedded-search.worker.js', import.meta.url);

type Method = 'init' | 'upsert' | 'remove' | 'clear' | 'search' | 'health';
export type SearchEngineRequest =
  | { id: number; method: 'init' | 'clear' | 'health'; arg?: undefined }
  | { id: number; method: 'upsert'; arg: SearchDocument[] }
  | { id: number; method: 'remove'; arg: string[] }
  | { id: number; method: 'search'; arg: SearchQuery };
export type SearchEngineResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; message: string } };

export class SearchWorkerError extends Error {
  override readonly name = 'SearchWorkerError';
}

/** Whether the compiled worker is there: it is under dist/, not when running the TypeScript sources. */
export function searchWorkerAvailable(url: URL = DEFAULT_SEARCH_WORKER_URL): boolean {
  return url.pathname.endsWith('.js') && existsSync(fileURLToPath(url));
}

export class ThreadedSearchEngine implements SearchEngine {
  readonly name = 'embedded' as const;
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly lostListeners: Array<() => void> = [];
  private closed = false;

  constructor(private readonly workerUrl: URL = DEFAULT_SEARCH_WORKER_URL) {
    if (!searchWorkerAvailable(workerUrl)) {
      throw new SearchWorkerError(`The search worker ${fileURLToPath(workerUrl)} is missing: build the app first (npm run build)`);
    }
  }

  init(): Promise<void> {
    return this.call('init') as Promise<void>;
  }

  upsert(docs: SearchDocument[]): Promise<void> {
    return this.call('upsert', docs) as Promise<void>;
  }

  remove(ids: string[]): Promise<void> {
    return this.call('remove', ids) as Promise<void>;
  }

  clear(): Promise<void> {
    return this.call('clear') as Promise<void>;
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return this.call('search', query) as Promise<SearchResult>;
  }

  async health(): Promise<{ ok: boolean; detail: string }> {
    const { ok, detail } = (await this.call('health')) as { ok: boolean; detail: string };
    return { ok, detail: `${detail}; on its own thread` };
  }

  onIndexLost(listener: () => void): void {
    this.lostListeners.push(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private call(method: Method, arg?: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new SearchWorkerError('The search engine is closed'));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref(); // an awaited call must keep the process alive until its answer arrives
      worker.postMessage({ id, method, arg });
    });
  }

  private start(): Worker {
    const worker = new Worker(this.workerUrl, { name: 'search' });
    worker.on('message', (response: SearchEngineResponse) => {
      const call = this.pending.get(response.id);
      if (!call) return;
      this.pending.delete(response.id);
      // An idle search thread must not keep a finished process (a CLI command, a test) alive.
      if (this.pending.size === 0) worker.unref();
      if (response.ok) call.resolve(response.value);
      else call.reject(Object.assign(new Error(response.error.message), { name: response.error.name }));
    });
    worker.on('error', (error) => this.lost(worker, error.message));
    worker.on('exit', (code) => this.lost(worker, `exit code ${code}`));
    this.worker = worker;
    return worker;
  }

  private lost(worker: Worker, reason: string): void {
    if (this.worker !== worker) return; // already handled, or closed on purpose
    this.worker = undefined;
    const error = new SearchWorkerError(`The search worker stopped (${reason}); the index is being rebuilt`);
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
    for (const listener of this.lostListeners) listener();
  }
}
