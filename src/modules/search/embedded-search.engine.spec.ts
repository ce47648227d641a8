import { describe, expect, it } from 'vitest';
import { generateExperienceDocs } from './bench-data.js';
import { EmbeddedSearchEngine } from './embedded-search.engine.js';
import { runSearchEngineContract, testDocument } from './search-engine.contract.js';
import type { SearchDocument } from './search-engine.js';

runSearchEngineContract('embedded', async () => new EmbeddedSearchEngine());

const doc = (n: number, body: string, extra: Partial<SearchDocument> = {}): SearchDocument => testDocument(n, { body, ...extra });

describe('EmbeddedSearchEngine', () => {
  it('returns the same results after dead slots are compacted', async () => {
    const engine = new EmbeddedSearchEngine({ compactAfterDead: 1_000_000 }); // compact only when told
    await engine.upsert(
      Array.from({ length: 60 }, (_, i) => doc(i, i % 2 ? 'odd deadlock' : 'even mutex', { company: i % 3 ? 'acme' : 'globex' })),
    );
    await engine.upsert(Array.from({ length: 20 }, (_, i) => doc(i, 'rewritten semaphore', { company: 'initech' })));
    await engine.remove(Array.from({ length: 10 }, (_, i) => `experience:${50 + i}`));

    const queries = ['deadlock', 'mutex', 'semaphore', '', 'odd deadlock'];
    const snapshot = async () =>
      Promise.all(
        queries.map(async (q) => {
          const { hits, total, facets } = await engine.search({ q, perPage: 50 });
          return { ids: hits.map((h) => h.doc.id), total, facets };
        }),
      );
    const before = await snapshot();
    engine.compact();
    expect(await snapshot()).toEqual(before);
    expect(before[2].total).toBe(20);
    expect(before[3].total).toBe(50);
    expect(before[3].facets.company).toEqual({ initech: 20, acme: 20, globex: 10 });

    await engine.upsert([doc(1000, 'after compaction deadlock')]);
    expect((await engine.search({ q: 'compaction' })).hits.map((h) => h.doc.id)).toEqual(['experience:1000']);
  });

  it('compacts on its own once enough documents are dead', async () => {
    const engine = new EmbeddedSearchEngine({ compactAfterDead: 10 });
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
    for (const word of words) await engine.upsert(Array.from({ length: 20 }, (_, i) => doc(i, `${word} text`)));
    expect((await engine.search({ q: 'echo' })).total).toBe(20);
    expect((await engine.search({ q: 'delta' })).total).toBe(0);
    expect((await engine.health()).detail).toContain('20 documents (0 replaced/removed');
  });

  it('when no document has every word, ranks those with the most words', async () => {
    const engine = new EmbeddedSearchEngine();
    await engine.upsert([doc(1, 'deadlock and mutex'), doc(2, 'deadlock only'), doc(3, 'nothing here')]);
    const result = await engine.search({ q: 'deadlock mutex unicorn' });
    expect(result.hits.map((h) => h.doc.id)).toEqual(['experience:1', 'experience:2']);
  });

  it('keeps its own copy of documents', async () => {
    const engine = new EmbeddedSearchEngine();
    const input = doc(1, 'original words', { topics: ['graphs'] });
    await engine.upsert([input]);
    input.body = 'mutated';
    input.topics?.push('dbms');
    const [hit] = (await engine.search({ q: 'original' })).hits;
    expect(hit.doc.body).toBe('original words');
    expect(hit.doc.topics).toEqual(['graphs']);
  });

  it('rejects malformed documents', async () => {
    const engine = new EmbeddedSearchEngine();
    await expect(engine.upsert([{ ...doc(1, 'x'), id: '' }])).rejects.toThrow(/id/);
    await expect(engine.upsert([{ ...doc(1, 'x'), createdAt: Number.NaN }])).rejects.toThrow(/createdAt/);
  });

  it('searches a generated corpus with filters and facets consistent with a brute-force count', async () => {
    const docs = generateExperienceDocs(2_000, 7);
    const engine = new EmbeddedSearchEngine();
    await engine.upsert(docs);
    const result = await engine.search({ q: 'deadlock', filters: { company: 'google' }, perPage: 50 });
    const expected = docs.filter((d) => d.company === 'google' && /\bdeadlock\b/i.test(`${d.title} ${d.body}`));
    expect(result.total).toBe(expected.length);
    expect(result.facets.company).toEqual({ google: expected.length });
    const years: Record<string, number> = {};
    for (const d of expected) years[String(d.year)] = (years[String(d.year)] ?? 0) + 1;
    expect(result.facets.year).toEqual(years);
    for (const hit of result.hits) expect(hit.titleHtml + hit.snippetHtml).toMatch(/<mark>deadlock<\/mark>/i);
  });
});

describe('generateExperienceDocs', () => {
  it('is deterministic and produces plausible documents', () => {
    const a = generateExperienceDocs(50, 3);
    expect(generateExperienceDocs(50, 3)).toEqual(a);
    expect(generateExperienceDocs(50, 4)).not.toEqual(a);
    for (const d of a) {
      const words = d.body.split(' ').length;
      expect(words).toBeGreaterThanOrEqual(80);
      expect(words).toBeLessThanOrEqual(200);
      expect(d.year).toBeGreaterThanOrEqual(2019);
      expect(d.year).toBeLessThanOrEqual(2026);
      expect(d.roundKinds?.length).toBeGreaterThan(0);
      expect(d.topics?.length).toBeGreaterThan(0);
    }
    expect(new Set(a.map((d) => d.id)).size).toBe(50);
  });
});
