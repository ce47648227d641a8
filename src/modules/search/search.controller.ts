import { Controller, Get, Inject, Query, Render } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TtlCache } from '../../common/cache/ttl-cache.js';
import { Company } from '../companies/entities/company.entity.js';
import { ROUND_KINDS } from '../experiences/entities/round.entity.js';
import { SearchIndexer } from './search-indexer.service.js';
import { SEARCH_ENGINE, type SearchEngine, type SearchFilters, type SearchResult } from './search-engine.js';

const TYPES = ['experience', 'question', 'thread', 'company'] as const;
const TYPE_LABELS: Record<string, string> = { experience: 'Experiences', question: 'Questions', thread: 'Forum threads', company: 'Companies' };
const FACET_LABELS: Record<string, string> = { type: 'Type', company: 'Company', role: 'Role', year: 'Year', outcome: 'Outcome', roundKinds: 'Round kind', topics: 'Topic' };
const FACET_PARAM: Record<string, keyof SearchParams> = { type: 'type', company: 'company', role: 'role', year: 'year', outcome: 'outcome', roundKinds: 'roundKind', topics: 'topic' };

type SearchParams = { q?: string; type?: string; company?: string; role?: string; year?: string; outcome?: string; roundKind?: string; topic?: string; page?: string };

function filtersFrom(params: SearchParams): SearchFilters {
  const str = (v: unknown, max = 120) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);
  const year = Number.parseInt(String(params.year ?? ''), 10);
  const type = TYPES.find((t) => t === params.type);
  const roundKind = ROUND_KINDS.find((k) => k === params.roundKind);
  return {
    ...(type ? { type } : {}),
    ...(str(params.company) ? { company: str(params.company) } : {}),
    ...(str(params.role) ? { role: str(params.role) } : {}),
    ...(Number.isFinite(year) && year > 1900 && year < 3000 ? { year } : {}),
    ...(str(params.outcome, 20) ? { outcome: str(params.outcome, 20) } : {}),
    ...(roundKind ? { roundKind } : {}),
    ...(str(params.topic, 40) ? { topic: str(params.topic, 40) } : {}),
  };
}

function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  return search.toString();
}

@Controller()
export class SearchController {
  /**
   * Popular queries repeat; their results are kept briefly. The key includes the indexer's
   * generation, so a change to the index made here is visible at once.
   */
  private readonly results = new TtlCache<SearchResult>(30_000, 1000);

  constructor(
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
    private readonly indexer: SearchIndexer,
    private readonly dataSource: DataSource,
  ) {}

  /** Facets carry company slugs; people read names. Names rarely change, so they are cached. */
  private readonly names = new TtlCache<Map<string, string>>(60_000);

  private companyNames(): Promise<Map<string, string>> {
    return this.names.get('all', async () => {
      const rows = await this.dataSource.getRepository(Company).find({ select: { slug: true, name: true } });
      return new Map(rows.map((r) => [r.slug, r.name]));
    });
  }

  private async run(params: SearchParams): Promise<{ q: string; filters: SearchFilters; page: number; result: SearchResult }> {
    const q = typeof params.q === 'string' ? params.q.trim().slice(0, 200) : '';
    const page = Math.min(500, Math.max(1, Number.parseInt(params.page ?? '1', 10) || 1));
    const filters = filtersFrom(params);
    const query = { q, filters, page, perPage: 20 };
    const result = await this.results.get(`${this.indexer.generation}:${JSON.stringify(query)}`, () => this.engine.search(query));
    return { q, filters, page, result };
  }

  @Get('search')
  @Render('search/index')
  async page(@Query() params: SearchParams) {
    const { q, filters, page, result } = await this.run(params);
    const current: Record<string, string | number | undefined> = { q, ...filters, roundKind: filters.roundKind, page: undefined };
    const pages = Math.max(1, Math.ceil(result.total / result.perPage));
    const names = await this.companyNames();
    const facets = Object.entries(result.facets)
      .filter(([, values]) => values && Object.keys(values).length > 0)
      .map(([name, values]) => {
        const param = FACET_PARAM[name]!;
        return {
          name,
          label: FACET_LABELS[name] ?? name,
          values: Object.entries(values!)
            .sort((a, b) => b[1] - a[1])
            .slice(0, 12)
            .map(([value, count]) => {
              const active = String(current[param] ?? '') === value;
              return {
                value,
                label: name === 'type' ? (TYPE_LABELS[value] ?? value) : name === 'company' ? (names.get(value) ?? value) : value,
                count,
                active,
                href: `/search?${queryString({ ...current, [param]: active ? undefined : value })}`,
              };
            }),
        };
      });
    return {
      title: q ? `Search: ${q}` : 'Search',
      q,
      filters,
      hits: result.hits.map((h) => ({ ...h, typeLabel: TYPE_LABELS[h.doc.type] ?? h.doc.type })),
      total: result.total,
      tookMs: Math.round(result.tookMs * 10) / 10,
      facets,
      page,
      pages,
      prev: page > 1 ? `/search?${queryString({ ...current, page: page - 1 })}` : null,
      next: page < pages ? `/search?${queryString({ ...current, page: page + 1 })}` : null,
      hasFilters: Object.keys(filters).length > 0,
      clearHref: `/search?${queryString({ q })}`,
    };
  }

  @Get('api/search')
  async api(@Query() params: SearchParams) {
    const { q, filters, result } = await this.run(params);
    return {
      query: q,
      filters,
      total: result.total,
      page: result.page,
      perPage: result.perPage,
      tookMs: result.tookMs,
      facets: result.facets,
      hits: result.hits.map((h) => ({ ...h.doc, titleHtml: h.titleHtml, snippetHtml: h.snippetHtml })),
    };
  }
}
