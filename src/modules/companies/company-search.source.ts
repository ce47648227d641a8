import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { SearchDocument } from '../search/search-engine.js';
import { SearchIndexer, type SearchSource } from '../search/search-indexer.service.js';
import { Faq } from './entities/faq.entity.js';
import { Company } from './entities/company.entity.js';

/** Active companies, searchable by name, industry, description and their answered FAQs. */
@Injectable()
export class CompanySearchSource implements SearchSource, OnModuleInit {
  readonly type = 'company' as const;

  constructor(
    private readonly dataSource: DataSource,
    private readonly indexer: SearchIndexer,
  ) {}

  onModuleInit(): void {
    this.indexer.register(this);
  }

  async *all(): AsyncIterable<SearchDocument[]> {
    const companies = await this.dataSource.getRepository(Company).find({ where: { status: 'active' } });
    yield await this.documents(companies);
  }

  async byIds(ids: number[]): Promise<SearchDocument[]> {
    return this.documents(await this.dataSource.getRepository(Company).find({ where: { id: In(ids), status: 'active' } }));
  }

  private async documents(companies: Company[]): Promise<SearchDocument[]> {
    if (companies.length === 0) return [];
    const faqs = await this.dataSource.getRepository(Faq).find({ where: { companyId: In(companies.map((c) => c.id)), status: 'answered' } });
    return companies.map((c) => ({
      id: `company:${c.id}`,
      type: 'company',
      title: c.name,
      body: [c.industry ?? '', c.description ?? '', ...faqs.filter((f) => f.companyId === c.id).map((f) => f.question)].join(' '),
      company: c.slug,
      companyName: c.name,
      url: `/companies/${c.slug}`,
      createdAt: c.createdAt.getTime(),
    }));
  }
}
