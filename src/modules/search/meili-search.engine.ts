import { randomBytes } from 'node:crypto';
import { Meilisearch, type Index, type MatchingStrategies, type SearchParams, type Settings, type Task } from 'meilisearch';
import { escapeHtml, markPlaceholdersToHtml } from './html.js';
import {
  FACET_NAMES,
  normalizePaging,
  type SearchDocument,
  type SearchEngine,
  type SearchFilters,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
} from './search-engine.js';
import { tokenize } from './text.js';

/*
 * SearchEngine on a Meilisearch server (MEILI_HOST), for deployments with several app instances.
 *
 * Every write waits for its Meilisearch task, so a resolved upsert/remove is visible to the next
 * search on any instance (the contract tests rely on it, and so do "edit then view" flows).
 */

/**
 * Meilisearch ids allow only [A-Za-z0-9_-], and ours look like "experience:42", so the primary key
 * is the id in unpadded base64url (same alphabet, reversible, injective).
 */
const PRIMARY_KEY = 'pk';
const DOC_FIELDS = [
  'id',
  'type',
  'title',
  'body',
  'company',
  'companyName',
  'role',
  'year',
  'outcome',
  'roundKinds',
  'topics',
  'url',
  'createdAt',
  'helpful',
] as const satisfies readonly (keyof SearchDocument)[];
const FILTER_ATTRIBUTE: Record<keyof SearchFilters, string> = {
  type: 'type',
  company: 'company',
  role: 'role',
  year: 'year',
  outcome: 'outcome',
  roundKind: 'roundKinds',
  topic: 'topics',
};
const SNIPPET_WORDS = 30;
/** Large enough for a full reindex batch on a busy server; the client's default is 5 s. */
const DEFAULT_TASK_TIMEOUT_MS = 120_000;
const UPSERT_BATCH = 10_000;

type MeiliDocument = SearchDocument & { [PRIMARY_KEY]: string };

const SETTINGS: Settings = {
  searchableAttributes: ['title', 'body'], // order matters: a title match ranks above a body match
  filterableAttributes: Object.values(FILTER_ATTRIBUTE),
  sortableAttributes: ['createdAt'],
  // "sort" first only affects requests that pass `sort` (newest first): they then get pure date
  // order, as with the embedded engine. Ties in relevance go to the newer document, as there too.
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', 'createdAt:desc'],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
  // pagination.maxTotalHits stays at Meilisearch's default (1000): totals and pages stop there.
};

export interface MeiliSearchEngineOptions {
  host: string;
  apiKey?: string;
  /** Prepended to the index uid, so several apps or test runs can share one server. */
  indexPrefix?: string;
  taskTimeoutMs?: number;
}

export class MeiliSearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  readonly indexUid: string;
  private readonly client: Meilisearch;
  private readonly index: Index<MeiliDocument>;
  // Random per process: no document can contain them by accident, and escaping leaves them intact.
  private readonly preTag = `ii${randomBytes(8).toString('hex')}pre`;
  private readonly postTag = `ii${randomBytes(8).toString('hex')}post`;

  constructor(options: MeiliSearchEngineOptions) {
    const prefix = options.indexPrefix ?? '';
    if (!/^[A-Za-z0-9_-]*$/.test(prefix)) {
      throw new Error(`Meilisearch index prefix "${prefix}" may only contain letters, digits, "-" and "_"`);
    }
    this.indexUid = `${prefix}search`;
    this.client = new Meilisearch({
      host: options.host,
      apiKey: options.apiKey,
      defaultWaitOptions: { timeout: options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS, interval: 50 },
    });
    this.index = this.client.index<MeiliDocument>(this.indexUid);
  }

  async init(): Promise<void> {
    const created = await this.client.createIndex(this.indexUid, { primaryKey: PRIMARY_KEY }).waitTask();
    if (created.status !== 'succeeded' && created.error?.code !== 'index_already_exists') throw taskError(created);
    ensureSucceeded(await this.index.updateSettings(SETTINGS).waitTask());
  }

  async upsert(docs: SearchDocument[]): Promise<void> {
    if (docs.length === 0) return;
    const payload = docs.map((doc) => {
      if (typeof doc.id !== 'string' || doc.id === '') throw new TypeError('Search document needs a non-empty string id');
      return { ...doc, [PRIMARY_KEY]: encodeId(doc.id) };
    });
    // addDocuments replaces a document with the same primary key entirely (no field merge).
    for (const enqueued of this.index.addDocumentsInBatches(payload, UPSERT_BATCH, { primaryKey: PRIMARY_KEY })) {
      ensureSucceeded(await enqueued.waitTask());
    }
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    ensureSucceeded(await this.index.deleteDocuments(ids.map(encodeId)).waitTask());
  }

  async clear(): Promise<void> {
    ensureSucceeded(await this.index.deleteAllDocuments().waitTask());
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const { page, perPage } = normalizePaging(query);
    const filter = buildFilter(query.filters ?? {});
    const q = query.q.trim();
    if (filter === null) {
      // A filter value no document can have (e.g. a non-numeric year): answer without a round trip.
      return { hits: [], total: 0, page, perPage, facets: emptyFacets(), tookMs: elapsed(started) };
    }

    const params = {
      filter,
      facets: [...FACET_NAMES],
      page,
      hitsPerPage: perPage,
      sort: q === '' || query.sort === 'newest' ? ['createdAt:desc'] : undefined,
      attributesToRetrieve: [...DOC_FIELDS],
      attributesToHighlight: ['title', 'body'],
      attributesToCrop: ['body'],
      cropLength: SNIPPET_WORDS,
      cropMarker: '…',
      highlightPreTag: this.preTag,
      highlightPostTag: this.postTag,
      matchingStrategy: 'all' as MatchingStrategies,
    } satisfies SearchParams;

    let response = await this.index.search<MeiliDocument, typeof params>(q, params);
    // Same fallback as the embedded engine: if no document has every word, drop words from the end.
    if (response.totalHits === 0 && tokenize(q).length > 1) {
      response = await this.index.search<MeiliDocument, typeof params>(q, { ...params, matchingStrategy: 'last' });
    }

    const hits: SearchHit[] = response.hits.map((hit) => {
      const doc = toSearchDocument(hit);
      const formatted = hit._formatted ?? {};
      return {
        doc,
        titleHtml: this.toHtml(formatted.title, doc.title),
        snippetHtml: this.toHtml(formatted.body, doc.body),
      };
    });
    const facets = emptyFacets();
    for (const name of FACET_NAMES) facets[name] = { ...(response.facetDistribution?.[name] ?? {}) };
    return { hits, total: response.totalHits, page, perPage, facets, tookMs: elapsed(started) };
  }

  async health(): Promise<{ ok: boolean; detail: string }> {
    try {
      const { status } = await this.client.health();
      return { ok: status === 'available', detail: `meilisearch ${status}, index ${this.indexUid}` };
    } catch (error) {
      return { ok: false, detail: `meilisearch unreachable: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  /** Deletes the index (tests and teardown); the engine needs init() again afterwards. */
  async dropIndex(): Promise<void> {
    await this.client.deleteIndexIfExists(this.indexUid);
  }

  private toHtml(formatted: unknown, raw: string): string {
    return typeof formatted === 'string' ? markPlaceholdersToHtml(formatted, this.preTag, this.postTag) : escapeHtml(raw);
  }
}

/** `null` when a filter can match nothing; otherwise clauses that Meilisearch ANDs together. */
export function buildFilter(filters: SearchFilters): string[] | null {
  const clauses: string[] = [];
  for (const key of Object.keys(FILTER_ATTRIBUTE) as (keyof SearchFilters)[]) {
    const value = filters[key];
    if (value === undefined || value === null || value === '') continue;
    const attribute = FILTER_ATTRIBUTE[key];
    if (key === 'year') {
      const year = Number(value);
      if (!Number.isSafeInteger(year)) return null;
      clauses.push(`${attribute} = ${year}`);
    } else {
      clauses.push(`${attribute} = ${quoteFilterValue(String(value))}`);
    }
  }
  return clauses;
}

/**
 * A double-quoted filter string literal. Since Meilisearch 1.4 a backslash escapes the next
 * character inside quotes, so escaping backslashes and quotes keeps any user input a literal.
 */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function encodeId(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

function toSearchDocument(hit: Partial<MeiliDocument>): SearchDocument {
  const doc: Partial<Record<keyof SearchDocument, unknown>> = {};
  for (const field of DOC_FIELDS) if (hit[field] !== undefined && hit[field] !== null) doc[field] = hit[field];
  return doc as SearchDocument;
}

function emptyFacets(): SearchResult['facets'] {
  return Object.fromEntries(FACET_NAMES.map((name) => [name, {}]));
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

function taskError(task: Task): Error {
  const reason = task.error ? `${task.error.code}: ${task.error.message}` : task.status;
  return new Error(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${reason}`);
}

function ensureSucceeded(task: Task): void {
  if (task.status !== 'succeeded') throw taskError(task);
}
