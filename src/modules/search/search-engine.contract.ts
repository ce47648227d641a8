/**
 * Behaviour every SearchEngine adapter must share, run against each of them:
 * `embedded-search.engine.spec.ts` (always) and `test/integration/search/meilisearch.test.ts`
 * (when MEILI_HOST is set). The suite clears the engine before every test, so point it at an
 * index that holds nothing you need.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SearchDocType, SearchDocument, SearchEngine, SearchFilters, SearchQuery, SearchResult } from './search-engine.js';

const BASE_TIME = Date.UTC(2025, 0, 1);

/** A valid document for engine tests: an experience unless `fields.type` says otherwise. */
export function testDocument(entityId: number, fields: Partial<SearchDocument> = {}): SearchDocument {
  const type: SearchDocType = fields.type ?? 'experience';
  return {
    id: `${type}:${entityId}`,
    type,
    title: 'Interview experience',
    body: 'A plain story about the process.',
    url: `/${type}s/${entityId}`,
    createdAt: BASE_TIME + entityId * 60_000,
    ...fields,
  };
}

const ids = (result: SearchResult): string[] => result.hits.map((hit) => hit.doc.id);
const sortedIds = (result: SearchResult): string[] => ids(result).sort();

export function runSearchEngineContract(name: string, make: () => Promise<SearchEngine>): void {
  describe(`SearchEngine contract: ${name}`, () => {
    let engine: SearchEngine;
    const search = (q: string, rest: Omit<SearchQuery, 'q'> = {}) => engine.search({ q, ...rest });

    beforeAll(async () => {
      engine = await make();
      await engine.init();
    });
    afterAll(async () => {
      await engine?.close?.();
    });
    beforeEach(async () => {
      await engine.clear();
    });

    it('reports itself healthy and tolerates a second init()', async () => {
      await engine.init();
      const health = await engine.health();
      expect(health.ok).toBe(true);
      expect(typeof health.detail).toBe('string');
    });

    it('finds a document by a word of its body', async () => {
      await engine.upsert([
        testDocument(1, { body: 'We talked about deadlock detection and avoidance.' }),
        testDocument(2, { body: 'Questions about arrays and strings.' }),
      ]);
      const result = await search('deadlock');
      expect(ids(result)).toEqual(['experience:1']);
      expect(result.total).toBe(1);
      expect(result.hits[0].doc).toMatchObject({ title: 'Interview experience', url: '/experiences/1' });
      expect(result.tookMs).toBeGreaterThanOrEqual(0);
    });

    it('tolerates typos in longer words, but not in short ones', async () => {
      await engine.upsert([
        testDocument(1, { body: 'Explain the algorithm you used for sorting.' }),
        testDocument(2, { body: 'Reverse a linked list in place.' }),
        testDocument(3, { body: 'Normal forms in databases, and udp versus tcp.' }),
      ]);
      expect(ids(await search('algoritm'))).toEqual(['experience:1']);
      expect(ids(await search('linkd list'))).toEqual(['experience:2']);
      const typo = await search('algoritm');
      expect(typo.hits[0].snippetHtml).toMatch(/<mark>algori/i);
      // three-letter words allow no typo
      expect((await search('ucp')).total).toBe(0);
    });

    it('matches the last word as a prefix', async () => {
      await engine.upsert([testDocument(1, { body: 'The recursion tree was deep.' }), testDocument(2, { body: 'Arrays only.' })]);
      const result = await search('recurs');
      expect(ids(result)).toEqual(['experience:1']);
      expect(result.hits[0].snippetHtml).toMatch(/<mark>recurs/i);
    });

    it('ranks a title match above a body-only match', async () => {
      await engine.upsert([
        testDocument(1, { title: 'Semaphores everywhere', body: 'They asked about locks and then about scheduling.' }),
        // newer, so recency cannot be what puts the title match first
        testDocument(2, { title: 'Backend interview at Initech', body: 'They asked about semaphores and then about scheduling.' }),
      ]);
      const result = await search('semaphores');
      expect(ids(result)).toEqual(['experience:1', 'experience:2']);
      expect(result.hits[0].titleHtml).toBe('<mark>Semaphores</mark> everywhere');
    });

    describe('filters and facets', () => {
      const fixture = (): SearchDocument[] => [
        testDocument(1, {
          company: 'acme',
          companyName: 'Acme',
          role: 'sde',
          year: 2023,
          outcome: 'selected',
          roundKinds: ['technical', 'hr'],
          topics: ['graphs', 'dbms'],
          body: 'filterword one',
        }),
        testDocument(2, {
          company: 'globex',
          companyName: 'Globex',
          role: 'sde',
          year: 2024,
          outcome: 'rejected',
          roundKinds: ['online-test'],
          topics: ['graphs'],
          body: 'filterword two',
        }),
        testDocument(3, {
          type: 'question',
          company: 'acme',
          companyName: 'Acme',
          role: 'analyst',
          year: 2024,
          roundKinds: ['hr'],
          topics: ['behavioural'],
          body: 'filterword three',
        }),
        testDocument(4, { type: 'thread', body: 'filterword four' }),
      ];
      const cases: Array<[string, SearchFilters, string[]]> = [
        ['type', { type: 'question' }, ['question:3']],
        ['company', { company: 'acme' }, ['experience:1', 'question:3']],
        ['role', { role: 'sde' }, ['experience:1', 'experience:2']],
        ['year', { year: 2024 }, ['experience:2', 'question:3']],
        ['outcome', { outcome: 'rejected' }, ['experience:2']],
        ['roundKind (any element)', { roundKind: 'hr' }, ['experience:1', 'question:3']],
        ['topic (any element)', { topic: 'graphs' }, ['experience:1', 'experience:2']],
        ['several fields at once', { company: 'acme', roundKind: 'hr', year: 2024 }, ['question:3']],
        ['a value nobody has', { company: 'initech' }, []],
      ];

      for (const [label, filters, expected] of cases) {
        it(`filters by ${label}`, async () => {
          await engine.upsert(fixture());
          expect(sortedIds(await search('', { filters }))).toEqual(expected);
          const withQuery = await search('filterword', { filters });
          expect(sortedIds(withQuery)).toEqual(expected);
          expect(withQuery.total).toBe(expected.length);
        });
      }

      it('counts facets over the filtered result set of the query', async () => {
        await engine.upsert([...fixture(), testDocument(5, { company: 'acme', topics: ['graphs'], body: 'unrelated words' })]);
        const result = await search('filterword', { filters: { topic: 'graphs' } });
        expect(result.total).toBe(2);
        expect(result.facets).toMatchObject({
          type: { experience: 2 },
          company: { acme: 1, globex: 1 },
          role: { sde: 2 },
          year: { '2023': 1, '2024': 1 },
          outcome: { selected: 1, rejected: 1 },
          roundKinds: { technical: 1, hr: 1, 'online-test': 1 },
          topics: { graphs: 2, dbms: 1 },
        });
        for (const counts of Object.values(result.facets)) expect(Object.keys(counts).length).toBeLessThanOrEqual(3);

        const all = await search('');
        expect(all.facets.company).toEqual({ acme: 3, globex: 1 });
        expect(all.facets.type).toEqual({ experience: 3, question: 1, thread: 1 });
      });

      it('treats quotes and operators in filter values as plain text', async () => {
        await engine.upsert(fixture());
        const hostile: SearchFilters[] = [
          { company: 'acme" OR company = "globex' },
          { company: "acme' OR 1=1 --" },
          { company: 'acme\\' },
          { company: 'acme\\" OR type = "experience' },
          { role: '"' },
          { topic: 'graphs") OR (topic = "dbms' },
          { type: 'experience" OR type = "question' as SearchDocType },
          { year: Number.NaN },
        ];
        for (const filters of hostile) {
          const result = await search('', { filters });
          expect(result.total, JSON.stringify(filters)).toBe(0);
          expect(result.hits).toEqual([]);
        }
      });
    });

    it('paginates: total, page contents, no overlap, perPage bounds', async () => {
      await engine.upsert(Array.from({ length: 25 }, (_, i) => testDocument(i + 1, { body: `pagination sample number ${i + 1}` })));
      const pages = await Promise.all([1, 2, 3].map((page) => search('pagination', { page, perPage: 10 })));
      expect(pages.map((p) => p.hits.length)).toEqual([10, 10, 5]);
      expect(pages.map((p) => [p.total, p.page, p.perPage])).toEqual([
        [25, 1, 10],
        [25, 2, 10],
        [25, 3, 10],
      ]);
      const seen = pages.flatMap(ids);
      expect(new Set(seen).size).toBe(25);

      const newest = await search('pagination', { page: 2, perPage: 10, sort: 'newest' });
      expect(ids(newest)).toEqual(Array.from({ length: 10 }, (_, i) => `experience:${15 - i}`));

      expect((await search('pagination', { perPage: 500 })).perPage).toBe(50);
      const defaults = await search('pagination', { page: 0 });
      expect([defaults.page, defaults.perPage, defaults.hits.length]).toEqual([1, 20, 20]);
      expect((await search('pagination', { page: 4, perPage: 10 })).hits).toEqual([]);
    });

    it('returns every document, newest first, for an empty query', async () => {
      await engine.upsert([
        testDocument(1, { createdAt: BASE_TIME + 1_000 }),
        testDocument(2, { createdAt: BASE_TIME + 3_000 }),
        testDocument(3, { createdAt: BASE_TIME + 2_000 }),
      ]);
      const result = await search('');
      expect(ids(result)).toEqual(['experience:2', 'experience:3', 'experience:1']);
      expect(result.total).toBe(3);
      expect(result.hits[0].snippetHtml).toBe('A plain story about the process.');
      expect(ids(await search('   '))).toEqual(['experience:2', 'experience:3', 'experience:1']);
    });

    it('makes removed documents unsearchable', async () => {
      await engine.upsert([testDocument(1, { body: 'zeppelin ride' }), testDocument(2, { body: 'another zeppelin' })]);
      await engine.remove(['experience:1', 'experience:404']);
      expect(ids(await search('zeppelin'))).toEqual(['experience:2']);
      expect((await search('')).total).toBe(1);
    });

    it('replaces a document upserted again under the same id', async () => {
      await engine.upsert([testDocument(1, { body: 'kubernetes cluster', company: 'acme' })]);
      await engine.upsert([testDocument(1, { body: 'terraform modules', company: 'globex' })]);
      expect((await search('kubernetes')).total).toBe(0);
      expect(ids(await search('terraform'))).toEqual(['experience:1']);
      const all = await search('');
      expect(all.total).toBe(1);
      expect(all.facets.company).toEqual({ globex: 1 });
    });

    it('clear() empties the index and leaves it usable', async () => {
      await engine.upsert([testDocument(1), testDocument(2)]);
      await engine.clear();
      expect((await search('')).total).toBe(0);
      await engine.upsert([testDocument(3, { body: 'fresh start' })]);
      expect(ids(await search('fresh'))).toEqual(['experience:3']);
    });

    it('escapes HTML in titles and snippets while marking matches', async () => {
      await engine.upsert([
        testDocument(1, {
          title: '<script>alert("x")</script> Deadlock & <b>locks</b>',
          body: `Explain deadlock <img src=x onerror=alert(1)> & "starvation" in 'detail'.`,
        }),
      ]);
      const [hit] = (await search('deadlock')).hits;
      expect(hit.titleHtml).toContain('<mark>Deadlock</mark>');
      expect(hit.titleHtml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(hit.snippetHtml).toContain('<mark>deadlock</mark>');
      expect(hit.snippetHtml).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;starvation&quot; in &#39;detail&#39;');
      for (const html of [hit.titleHtml, hit.snippetHtml]) {
        expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"']/);
      }
      expect(hit.doc.title).toBe('<script>alert("x")</script> Deadlock & <b>locks</b>');
    });
  });
}
