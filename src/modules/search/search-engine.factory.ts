import { EmbeddedSearchEngine } from './embedded-search.engine.js';
import { MeiliSearchEngine } from './meili-search.engine.js';
import type { SearchEngine } from './search-engine.js';

export interface SearchEngineOptions {
  meiliHost?: string;
  meiliApiKey?: string;
  indexPrefix?: string;
}

/** Meilisearch when a host is configured (MEILI_HOST), otherwise the zero-setup embedded engine. */
export function createSearchEngine(opts: SearchEngineOptions): SearchEngine {
  const host = opts.meiliHost?.trim();
  if (host) return new MeiliSearchEngine({ host, apiKey: opts.meiliApiKey || undefined, indexPrefix: opts.indexPrefix });
  return new EmbeddedSearchEngine();
}
