// The embedded search engine on its own thread (ThreadedSearchEngine is the other end). The index
// and every query live here, so a slow query or a rebuild never holds up HTTP requests, and the
// index's large heap is collected apart from the request-handling one.
import { parentPort } from 'node:worker_threads';
import { EmbeddedSearchEngine } from './embedded-search.engine.js';
import type { SearchEngineRequest, SearchEngineResponse } from './threaded-search.engine.js';

const port = parentPort;
if (!port) throw new Error('embedded-search.worker.js must run as a worker thread');
const engine = new EmbeddedSearchEngine();

port.on('message', (request: SearchEngineRequest) => {
  void handle(request).then((response) => port.postMessage(response));
});

async function handle({ id, method, arg }: SearchEngineRequest): Promise<SearchEngineResponse> {
  try {
    switch (method) {
      case 'init':
        return { id, ok: true, value: await engine.init() };
      case 'upsert':
        return { id, ok: true, value: await engine.upsert(arg) };
      case 'remove':
        return { id, ok: true, value: await engine.remove(arg) };
      case 'clear':
        return { id, ok: true, value: await engine.clear() };
      case 'search':
        return { id, ok: true, value: await engine.search(arg) };
      case 'health':
        return { id, ok: true, value: await engine.health() };
    }
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return { id, ok: false, error: { name, message } };
  }
}
