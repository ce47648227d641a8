import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { compileWorker } from '../../ml/testing/compile-worker.js';
import { runSearchEngineContract, testDocument } from './search-engine.contract.js';
import type { SearchDocument } from './search-engine.js';
import { SearchIndexer } from './search-indexer.service.js';
import { SearchWorkerError, ThreadedSearchEngine } from './threaded-search.engine.js';

const workerUrl = compileWorker(fileURLToPath(new URL('./embedded-search.worker.ts', import.meta.url)), 'search-worker-spec');

runSearchEngineContract('embedded, on a worker thread', async () => new ThreadedSearchEngine(workerUrl));

const doc = (n: number, body: string, extra: Partial<SearchDocument> = {}): SearchDocument => testDocument(n, { body, ...extra });

describe('ThreadedSearchEngine', () => {
  let engine: ThreadedSearchEngine | undefined;
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });

  it('refuses a worker that was not compiled, naming the build step', () => {
    expect(() => new ThreadedSearchEngine(new URL('./embedded-search.worker.ts', import.meta.url))).toThrow(/npm run build/);
  });

  it('passes validation errors back with their message', async () => {
    engine = new ThreadedSearchEngine(workerUrl);
    await expect(engine.upsert([{ ...doc(1, 'x'), id: '' }])).rejects.toThrow(/non-empty string id/);
    await engine.upsert([doc(2, 'still works after a rejected batch')]);
    expect((await engine.search({ q: 'rejected' })).total).toBe(1);
  });

  it('reports a dead worker to its listeners, fails the calls in flight and starts a fresh one', async () => {
    engine = new ThreadedSearchEngine(workerUrl);
    let lost = 0;
    engine.onIndexLost(() => lost++);
    await engine.upsert([doc(1, 'deadlock detection')]);

    const inFlight = engine.search({ q: 'deadlock' });
    // Stands in for a crash (out of memory, a native fault): the thread goes away mid-call.
    await (engine as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(inFlight).rejects.toBeInstanceOf(SearchWorkerError);
    expect(lost).toBe(1);

    // The new thread starts empty; the listener (the indexer, in the app) refills it.
    expect((await engine.search({ q: 'deadlock' })).total).toBe(0);
    await engine.upsert([doc(1, 'deadlock detection')]);
    expect((await engine.search({ q: 'deadlock' })).total).toBe(1);
    expect(lost).toBe(1);
  });

  it('is rebuilt from the sources by the indexer after its thread dies', async () => {
    engine = new ThreadedSearchEngine(workerUrl);
    const indexer = new SearchIndexer(engine);
    const docs = [doc(1, 'deadlock detection'), doc(2, 'bloom filters')];
    indexer.register({
      type: 'experience',
      async *all() {
        yield docs;
      },
      byIds: async () => [],
    });
    await indexer.onApplicationBootstrap();
    expect((await engine.search({ q: 'bloom' })).total).toBe(1);

    await (engine as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect.poll(async () => (await engine!.search({ q: 'bloom' })).total).toBe(1);
  });

  it('does not report a loss when it is closed on purpose, and refuses calls afterwards', async () => {
    engine = new ThreadedSearchEngine(workerUrl);
    let lost = 0;
    engine.onIndexLost(() => lost++);
    await engine.init();
    await engine.close();
    expect(lost).toBe(0);
    await expect(engine.search({ q: 'x' })).rejects.toThrow(/closed/);
  });
});
