/**
 * The Meilisearch adapter against a stub HTTP server: checks the requests the official client
 * sends (settings, task waiting, filters, paging) and how responses become SearchResults.
 * Search quality itself is covered by the shared contract in test/integration/search, which
 * needs a real server (MEILI_HOST).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildFilter, encodeId, MeiliSearchEngine, quoteFilterValue } from './meili-search.engine.js';
import { createSearchEngine } from './search-engine.factory.js';
import { EmbeddedSearchEngine } from './embedded-search.engine.js';

interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

type SearchBody = Record<string, unknown> & { highlightPreTag: string; highlightPostTag: string; matchingStrategy: string };

class StubMeili {
  requests: Recorded[] = [];
  failNextTaskWith: string | undefined;
  searchResponse: (body: SearchBody) => unknown = () => ({ hits: [], totalHits: 0 });
  private server: Server | undefined;
  private taskUid = 0;
  private readonly failed = new Map<number, string>();

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(([status, payload]) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: IncomingMessage): Promise<[number, unknown]> {
    const url = new URL(req.url ?? '/', 'http://stub');
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const body: unknown = raw ? JSON.parse(raw) : undefined;
    const method = req.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/health') return [200, { status: 'available' }];

    this.requests.push({ method, path: url.pathname, query: url.searchParams, body });
    if (url.pathname.endsWith('/search')) return [200, this.searchResponse(body as SearchBody)];
    const task = /^\/tasks\/(\d+)$/.exec(url.pathname);
    if (method === 'GET' && task) {
      const uid = Number(task[1]);
      const code = this.failed.get(uid);
      return [
        200,
        {
          uid,
          batchUid: uid,
          indexUid: 'x',
          type: 'documentAdditionOrUpdate',
          canceledBy: null,
          duration: 'PT0S',
          enqueuedAt: '',
          startedAt: '',
          finishedAt: '',
          status: code ? 'failed' : 'succeeded',
          error: code ? { code, message: `stub ${code}`, type: 'invalid_request', link: '' } : null,
        },
      ];
    }
    const uid = ++this.taskUid;
    if (this.failNextTaskWith) this.failed.set(uid, this.failNextTaskWith);
    this.failNextTaskWith = undefined;
    return [202, { taskUid: uid, indexUid: 'x', status: 'enqueued', type: 'documentAdditionOrUpdate', enqueuedAt: '' }];
  }

  writes(): Array<[string, string]> {
    return this.requests.filter((r) => !r.path.startsWith('/tasks/')).map((r) => [r.method, r.path]);
  }
}

describe('MeiliSearchEngine (stub server)', () => {
  const stub = new StubMeili();
  let host: string;
  let engine: MeiliSearchEngine;

  beforeAll(async () => {
    host = await stub.start();
  });
  afterAll(async () => {
    await stub.stop();
  });
  beforeEach(() => {
    stub.requests = [];
    engine = new MeiliSearchEngine({ host, apiKey: 'key', indexPrefix: 'test_1_' });
  });

  it('creates the index with settings and waits for both tasks', async () => {
    await engine.init();
    expect(stub.writes()).toEqual([
      ['POST', '/indexes'],
      ['PATCH', '/indexes/test_1_search/settings'],
    ]);
    expect(stub.requests[0].body).toEqual({ uid: 'test_1_search', primaryKey: 'pk' });
    expect(stub.requests.filter((r) => r.path.startsWith('/tasks/'))).toHaveLength(2);
    expect(stub.requests.find((r) => r.path.endsWith('/settings'))?.body).toMatchObject({
      searchableAttributes: ['title', 'body'],
      filterableAttributes: ['type', 'company', 'role', 'year', 'outcome', 'roundKinds', 'topics'],
      sortableAttributes: ['createdAt'],
      typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
    });
  });

  it('accepts an index that already exists but fails on other task errors', async () => {
    stub.failNextTaskWith = 'index_already_exists';
    await expect(engine.init()).resolves.toBeUndefined();
    stub.failNextTaskWith = 'index_creation_failed';
    await expect(engine.init()).rejects.toThrow(/index_creation_failed/);
    stub.failNextTaskWith = 'invalid_document_id';
    await expect(
      engine.upsert([{ id: 'experience:1', type: 'experience', title: 't', body: 'b', url: '/', createdAt: 1 }]),
    ).rejects.toThrow(/invalid_document_id/);
  });

  it('upserts with an encoded primary key, removes by it and waits for the tasks', async () => {
    await engine.upsert([{ id: 'experience:1', type: 'experience', title: 't', body: 'b', url: '/e/1', createdAt: 1 }]);
    await engine.remove(['experience:1']);
    await engine.clear();
    expect(stub.writes()).toEqual([
      ['POST', '/indexes/test_1_search/documents'],
      ['POST', '/indexes/test_1_search/documents/delete-batch'],
      ['DELETE', '/indexes/test_1_search/documents'],
    ]);
    expect(stub.requests[0].query.get('primaryKey')).toBe('pk');
    expect(stub.requests[0].body).toEqual([
      { id: 'experience:1', pk: encodeId('experience:1'), type: 'experience', title: 't', body: 'b', url: '/e/1', createdAt: 1 },
    ]);
    expect(stub.requests.find((r) => r.path.endsWith('/delete-batch'))?.body).toEqual([encodeId('experience:1')]);
    expect(stub.requests.filter((r) => r.path.startsWith('/tasks/'))).toHaveLength(3);
  });

  it('sends filters, facets, paging and highlight tags, and escapes what comes back', async () => {
    stub.searchResponse = (body) => {
      const mark = (s: string) => `${body.highlightPreTag}${s}${body.highlightPostTag}`;
      return {
        hits: [
          {
            id: 'experience:7',
            type: 'experience',
            title: '<b>Deadlock</b>',
            body: 'raw',
            url: '/e/7',
            createdAt: 5,
            company: 'acme',
            pk: 'ignored',
            _formatted: { title: `<b>${mark('Deadlock')}</b>`, body: `… about ${mark('dead')}lock & <img> …` },
          },
        ],
        totalHits: 41,
        page: 3,
        hitsPerPage: 20,
        totalPages: 3,
        processingTimeMs: 1,
        query: 'dead',
        facetDistribution: { company: { acme: 41 }, year: { '2024': 40 } },
      };
    };
    const result = await engine.search({ q: ' dead ', filters: { company: 'acme" OR company = "x', year: 2024 }, page: 3 });
    const body = stub.requests[0].body as Record<string, unknown>;
    expect(body).toMatchObject({
      q: 'dead',
      filter: ['company = "acme\\" OR company = \\"x"', 'year = 2024'],
      facets: ['type', 'company', 'role', 'year', 'outcome', 'roundKinds', 'topics'],
      page: 3,
      hitsPerPage: 20,
      attributesToCrop: ['body'],
      cropLength: 30,
      matchingStrategy: 'all',
    });
    expect(body.sort).toBeUndefined();
    expect(result.total).toBe(41);
    expect(result.hits[0].doc).toEqual({
      id: 'experience:7',
      type: 'experience',
      title: '<b>Deadlock</b>',
      body: 'raw',
      url: '/e/7',
      createdAt: 5,
      company: 'acme',
    });
    expect(result.hits[0].titleHtml).toBe('&lt;b&gt;<mark>Deadlock</mark>&lt;/b&gt;');
    expect(result.hits[0].snippetHtml).toBe('… about <mark>dead</mark>lock &amp; &lt;img&gt; …');
    expect(result.facets).toEqual({
      type: {},
      company: { acme: 41 },
      role: {},
      year: { '2024': 40 },
      outcome: {},
      roundKinds: {},
      topics: {},
    });
  });

  it('sorts by date for empty or "newest" queries and falls back to fewer words when nothing matches all', async () => {
    stub.searchResponse = () => ({ hits: [], totalHits: 0, page: 1, hitsPerPage: 20, totalPages: 0 });
    await engine.search({ q: '' });
    await engine.search({ q: 'linked list', sort: 'newest' });
    const bodies = stub.requests.map((r) => r.body as Record<string, unknown>);
    expect(bodies.map((b) => [b.q, b.sort, b.matchingStrategy])).toEqual([
      ['', ['createdAt:desc'], 'all'],
      ['linked list', ['createdAt:desc'], 'all'],
      ['linked list', ['createdAt:desc'], 'last'],
    ]);
  });

  it('answers impossible filters without asking the server', async () => {
    const result = await engine.search({ q: 'x', filters: { year: Number.NaN } });
    expect(result.total).toBe(0);
    expect(stub.requests).toEqual([]);
  });

  it('reports health, and unhealthy when the server is unreachable', async () => {
    expect(await engine.health()).toMatchObject({ ok: true });
    const down = new MeiliSearchEngine({ host: 'http://127.0.0.1:9', indexPrefix: 'x_' });
    expect(await down.health()).toMatchObject({ ok: false });
  });

  it('refuses index prefixes Meilisearch would reject', () => {
    expect(() => new MeiliSearchEngine({ host, indexPrefix: 'bad prefix!' })).toThrow(/index prefix/);
  });
});

describe('Meilisearch filter building', () => {
  it('quotes values so quotes and backslashes stay literal', () => {
    expect(quoteFilterValue('plain')).toBe('"plain"');
    expect(quoteFilterValue('a"b')).toBe('"a\\"b"');
    expect(quoteFilterValue('a\\')).toBe('"a\\\\"');
    expect(quoteFilterValue('a\\" OR x = "y')).toBe('"a\\\\\\" OR x = \\"y"');
  });

  it('maps filters to attributes and skips empty ones', () => {
    expect(buildFilter({ roundKind: 'hr', topic: 'dbms', company: '' })).toEqual(['roundKinds = "hr"', 'topics = "dbms"']);
    expect(buildFilter({})).toEqual([]);
    expect(buildFilter({ year: 1.5 })).toBeNull();
  });

  it('encodes ids into the primary-key alphabet, reversibly', () => {
    const encoded = encodeId('thread:42/é');
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(encoded, 'base64url').toString('utf8')).toBe('thread:42/é');
  });
});

describe('createSearchEngine', () => {
  it('chooses Meilisearch only when a host is configured', () => {
    expect(createSearchEngine({})).toBeInstanceOf(EmbeddedSearchEngine);
    expect(createSearchEngine({ meiliHost: '  ' })).toBeInstanceOf(EmbeddedSearchEngine);
    const meili = createSearchEngine({ meiliHost: 'http://127.0.0.1:7700', meiliApiKey: 'k', indexPrefix: 'app_' });
    expect(meili.name).toBe('meilisearch');
    expect((meili as MeiliSearchEngine).indexUid).toBe('app_search');
  });
});
