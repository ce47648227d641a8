import { EmbeddedSearchEngine } from './embedded-search.engine.js';
import { MeiliSearchEngine } from './meili-search.engine.js';
import type { SearchEngine } from './search-engine.js';
import { searchWorkerAvailable, ThreadedSearchEngine } from './threaded-search.engine.js';

export interface SearchEngineOptions {
  meiliHost?: string;
  meiliApiKey?: string;
  indexPrefix?: string;
  /** Run the embedded engine on its own thread (config SEARCH_THREAD, default on). */
  thread?: boolean;
}

/** Meilisearch when a host is configured (MEILI_HOST), otherwise the zero-setup embedded engine, on a thread when built. */
export function createSearchEngine(opts: SearchEngineOptions): SearchEngine {
  const host = opts.meiliHost?.trim();
  if (host) return new MeiliSearchEngine({ host, apiKey: opts.meiliApiKey || undefined, indexPrefix: opts.indexPrefix });
  // The TypeScript sources (unit and integration tests) have no compiled worker to start; the
  // built app always has one, and its tests and the contract suite cover the threaded engine.
  if ((opts.thread ?? true) && searchWorkerAvailable()) return new ThreadedSearchEngine();
  return new EmbeddedSearchEngine();
}
