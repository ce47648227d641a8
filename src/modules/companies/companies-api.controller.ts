import { Controller, Get, Param, Query } from '@nestjs/common';
import { CompaniesService, type CompanyCard, type Paged } from './companies.service.js';
import type { CompanySummary } from './company-stats.js';
import { companyProfile } from './company-view.js';
import { parsePage } from './dto/experience-filters.js';
import { FaqsService } from './faqs.service.js';
import type { ProcessStep } from './process.js';

type ApiCompany = Omit<CompanyCard, 'teaser'>;

export interface CompanyDetail {
  name: string;
  slug: string;
  industry: string | null;
  website: string | null;
  description: string | null;
  counts: CompanySummary;
  typicalProcess: { total: number; common: { sequence: string[]; count: number; share: number } | null; usual: string[]; positions: ProcessStep[] };
  faqs: Array<{ question: string; answer: string }>;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim().slice(0, 100) : '');

/** Read-only public data about companies: no user appears here, not even as an id. */
@Controller('api/companies')
export class CompaniesApiController {
  constructor(
    private readonly companies: CompaniesService,
    private readonly faqs: FaqsService,
  ) {}

  @Get()
  async list(@Query() query: Record<string, unknown>): Promise<Paged<ApiCompany> & { industries: string[] }> {
    const list = await this.companies.list({ q: text(query.q), industry: text(query.industry), page: parsePage(query.page) });
    return { ...list, items: list.items.map(({ teaser: _teaser, ...company }) => company) };
  }

  /** The statistics page's figures (branches merged as there); no chart geometry. */
  @Get(':slug/stats')
  async stats(@Param('slug') slug: string) {
    const company = await this.companies.getBySlug(slug);
    const { chart: _chart, summary, ...figures } = await this.companies.stats(company);
    return {
      name: company.name,
      slug: company.slug,
      counts: summary,
      ...figures,
      outcomes: figures.outcomes.map(({ pct: _pct, ...o }) => o),
      topics: figures.topics.map(({ pct: _pct, ...t }) => t),
      cloud: figures.cloud.map(({ word, weight }) => ({ word, weight })),
    };
  }

  @Get(':slug')
  async detail(@Param('slug') slug: string): Promise<CompanyDetail> {
    const company = await this.companies.getBySlug(slug);
    const [counts, process, faqs] = await Promise.all([this.companies.summary(company.id), this.companies.typicalProcess(company.id), this.faqs.answered(company.id)]);
    const { websiteHost: _host, ...profile } = companyProfile(company);
    return {
      ...profile,
      counts,
      typicalProcess: { total: process.total, common: process.common, usual: process.usual, positions: process.positions },
      faqs,
    };
  }
}
