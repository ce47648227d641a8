/**
 * The SearchEngine contract on a real Meilisearch server. Runs only when MEILI_HOST is set, e.g.
 *   docker run --rm -p 7700:7700 -e MEILI_MASTER_KEY=dev getmeili/meilisearch:v1.13
 *   MEILI_HOST=http://127.0.0.1:7700 MEILI_API_KEY=dev npx vitest run test/integration/search
 * Each run uses its own index prefix and deletes its indexes afterwards, so it is safe against a
 * shared server.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, it } from 'vitest';
import { MeiliSearchEngine } from '../../../src/modules/search/meili-search.engine.js';
import { runSearchEngineContract } from '../../../src/modules/search/search-engine.contract.js';

const host = process.env.MEILI_HOST;

if (!host) {
  describe('Meilisearch search engine', () => {
    it.skip('MEILI_HOST not set — Meilisearch contract suite skipped', () => {});
  });
} else {
  const indexPrefix = `ii_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}_`;
  const engines: MeiliSearchEngine[] = [];

  runSearchEngineContract('meilisearch', async () => {
    const engine = new MeiliSearchEngine({ host, apiKey: process.env.MEILI_API_KEY, indexPrefix });
    engines.push(engine);
    return engine;
  });

  afterAll(async () => {
    for (const engine of engines) await engine.dropIndex();
  });
}
