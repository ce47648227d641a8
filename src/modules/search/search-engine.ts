/**
 * The search port. Two adapters implement it: an in-process engine (the zero-setup default,
 * rebuilt from the database at start) and Meilisearch (for several app instances / large data).
 * Both run the same contract suite (`search-engine.contract.ts`), so callers never need to know
 * which one is behind `SEARCH_ENGINE`.
 */
export type SearchDocType = 'experience' | 'question' | 'thread' | 'company';

export interface SearchDocument {
  id: string; // `${type}:${entityId}`, unique across types
  type: SearchDocType;
  title: string;
  body: string; // plain text (Markdown already stripped by the caller)
  company?: string; // company slug (filterable)
  companyName?: string;
  role?: string;
  year?: number;
  outcome?: string;
  roundKinds?: string[];
  topics?: string[];
  url: string;
  createdAt: number; // epoch ms
  helpful?: number;
}

export interface SearchFilters {
  type?: SearchDocType;
  company?: string;
  role?: string;
  year?: number;
  outcome?: string;
  roundKind?: string;
  topic?: string;
}

export interface SearchQuery {
  q: string;
  filters?: SearchFilters;
  page?: number;
  perPage?: number;
  sort?: 'relevance' | 'newest';
}

/** HTML-escaped text with matched terms wrapped in <mark>…</mark>; nothing else unescaped. */
export interface SearchHit {
  doc: SearchDocument;
  titleHtml: string;
  snippetHtml: string;
}

export type FacetName = 'type' | 'company' | 'role' | 'year' | 'outcome' | 'roundKinds' | 'topics';

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  page: number;
  perPage: number;
  facets: Partial<Record<FacetName, Record<string, number>>>;
  tookMs: number;
}

export interface SearchEngine {
  readonly name: 'embedded' | 'meilisearch';
  init(): Promise<void>; // create index / settings; idempotent
  upsert(docs: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  clear(): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  health(): Promise<{ ok: boolean; detail: string }>;
  close?(): Promise<void>;
  /** Engines that can lose their whole index (an in-memory one whose thread died) call this so it is rebuilt. */
  onIndexLost?(listener: () => void): void;
}

export const SEARCH_ENGINE = Symbol('SEARCH_ENGINE');

export const FACET_NAMES: readonly FacetName[] = ['type', 'company', 'role', 'year', 'outcome', 'roundKinds', 'topics'];

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 50;

/** Clamps user-supplied paging so both adapters agree on the edge cases (0, negative, NaN, huge). */
export function normalizePaging(query: Pick<SearchQuery, 'page' | 'perPage'>): { page: number; perPage: number } {
  const page = Number.isFinite(query.page) ? Math.max(1, Math.floor(query.page as number)) : 1;
  const rawPerPage = Number.isFinite(query.perPage) ? Math.floor(query.perPage as number) : DEFAULT_PER_PAGE;
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, rawPerPage));
  return { page, perPage };
}
