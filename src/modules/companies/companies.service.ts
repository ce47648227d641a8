import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionUser } from '../../common/auth/access.js';
import { toCard, type ExperienceCard } from '../experiences/experience-view.js';
import { CompaniesRepository, type CountedValue } from './companies.repository.js';
import { CompanyError } from './companies.errors.js';
import { branchTable, byBranch, CLOUD_QUESTIONS, outcomeShares, summaryOf, topicRows, wordCloud, yearChart, yearTrend, type CompanySummary } from './company-stats.js';
import { safeWebsite } from './company-view.js';
import type { ExperienceFilters } from './dto/experience-filters.js';
import { Company } from './entities/company.entity.js';
import { deriveProcess, type DerivedProcess } from './process.js';
import { companyNameKey, NAME_MAX, normalizeCompanyName, slugify, uniqueSlug } from './slug.js';

export const COMPANIES_PER_PAGE = 24;
export const EXPERIENCES_PER_PAGE = 10;

/** What the directory and the JSON API show of a company: public fields and counts only. */
export interface CompanyCard {
  name: string;
  slug: string;
  industry: string | null;
  website: string | null;
  description: string | null;
  /** The description cut to a card-sized teaser. */
  teaser: string;
  experiences: number;
  selected: number;
  /** selected / experiences (0..1); 0 when there are no experiences. */
  selectionRate: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pages: number;
}

export interface CompanyList extends Paged<CompanyCard> {
  /** Every industry among active companies, for the filter select. */
  industries: string[];
}

export interface ExperienceFacets {
  years: number[];
  roles: CountedValue<string>[];
  passoutYears: CountedValue<number>[];
  roundKinds: string[];
}

export interface CompanyExperiences extends Paged<ExperienceCard> {
  facets: ExperienceFacets;
  /** Per year of passout, the experiences matching every filter but the batch itself. */
  batches: CountedValue<number>[];
}

export function teaser(text: string | null, max = 160): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : max).replace(/[,.;:]$/, '')}…`;
}

function pagesOf(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { driverError?: { code?: unknown }; code?: unknown })?.driverError?.code ?? (error as { code?: unknown })?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Companies and what the company pages derive from their published experiences. Other features
 * call `findOrCreateByName` (the experience form) and `activate` / `listPending` (moderation).
 */
@Injectable()
export class CompaniesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: CompaniesRepository,
  ) {}

  async list(options: { q?: string; industry?: string; page?: number }): Promise<CompanyList> {
    const q = options.q?.trim().slice(0, 100) || undefined;
    const industry = options.industry?.trim() || undefined;
    let page = Math.max(1, options.page ?? 1);
    let { rows, total } = await this.repo.activePage({ q, industry }, (page - 1) * COMPANIES_PER_PAGE, COMPANIES_PER_PAGE);
    const pages = pagesOf(total, COMPANIES_PER_PAGE);
    // A page past the end (an old link after companies were merged) shows the last page instead of nothing.
    if (rows.length === 0 && page > pages) {
      page = pages;
      ({ rows, total } = await this.repo.activePage({ q, industry }, (page - 1) * COMPANIES_PER_PAGE, COMPANIES_PER_PAGE));
    }
    return {
      items: rows.map((r) => ({
        name: r.name,
        slug: r.slug,
        industry: r.industry,
        website: safeWebsite(r.website)?.url ?? null,
        description: r.description,
        teaser: teaser(r.description),
        experiences: r.experiences,
        selected: r.selected,
        selectionRate: r.experiences ? r.selected / r.experiences : 0,
      })),
      total,
      page,
      pages,
      industries: await this.repo.activeIndustries(),
    };
  }

  /** An active company; pending (unapproved) and unknown slugs are both "not found". */
  async getBySlug(slug: string): Promise<Company> {
    const company = await this.dataSource.getRepository(Company).findOneBy({ slug: String(slug).toLowerCase(), status: 'active' });
    if (!company) throw new NotFoundException('There is no company at this address. It may have been renamed.');
    return company;
  }

  /**
   * The company a typed name refers to, matched regardless of case and spacing (pending ones too, so
   * two students naming the same new company share one record). An unknown name becomes a 'pending'
   * company with a unique slug, hidden from listings until a moderator calls `activate`.
   * Runs in the caller's transaction so the company and the experience are saved together.
   */
  async findOrCreateByName(manager: EntityManager, name: string, creatorId: number | null): Promise<Company> {
    const clean = normalizeCompanyName(name);
    if (clean.length < 2 || clean.length > NAME_MAX) throw new CompanyError(`Company name must be 2 to ${NAME_MAX} characters.`);
    const key = companyNameKey(clean);
    const existing = await this.repo.findByNameKey(manager, key);
    if (existing) return existing;

    const base = slugify(clean);
    // Another request may create the same name or take the same slug between our read and insert;
    // the unique indexes catch it, and a retry either finds that company or picks the next slug.
    for (let attempt = 0; attempt < 3; attempt++) {
      const slug = uniqueSlug(base, await this.repo.slugsLike(manager, base));
      try {
        return await manager.getRepository(Company).save(
          manager.getRepository(Company).create({ name: clean, slug, industry: null, website: null, description: null, status: 'pending', createdById: creatorId }),
        );
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const raced = await this.repo.findByNameKey(manager, key);
        if (raced) return raced;
      }
    }
    throw new CompanyError('We could not save that company name just now. Please try again.');
  }

  /** Makes a pending company public (moderation). Idempotent. */
  async activate(manager: EntityManager, companyId: number): Promise<Company> {
    const company = await manager.getRepository(Company).findOneBy({ id: companyId });
    if (!company) throw new NotFoundException('That company no longer exists.');
    if (company.status !== 'active') {
      company.status = 'active';
      await manager.getRepository(Company).update(company.id, { status: 'active' });
    }
    return company;
  }

  /** Companies waiting for a moderator, oldest first. */
  async listPending(): Promise<Company[]> {
    return this.dataSource.getRepository(Company).find({ where: { status: 'pending' }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async summary(companyId: number): Promise<CompanySummary> {
    return summaryOf(await this.repo.outcomeGroups(companyId));
  }

  /** Everything the company's statistics page shows, from published experiences and the question bank. */
  async stats(company: Pick<Company, 'id' | 'name'>) {
    const [groups, topics, questions] = await Promise.all([
      this.repo.outcomeGroups(company.id),
      this.repo.topicCounts(company.id),
      this.repo.mostAskedQuestions(company.id, CLOUD_QUESTIONS),
    ]);
    const trend = yearTrend(groups);
    return {
      summary: summaryOf(groups),
      years: trend,
      chart: yearChart(trend),
      outcomes: outcomeShares(groups),
      branches: branchTable(byBranch(groups)),
      topics: topicRows(topics),
      cloud: wordCloud(questions, company.name),
      questions: topics.reduce((s, t) => s + t.questions, 0),
    };
  }

  async typicalProcess(companyId: number): Promise<DerivedProcess> {
    return deriveProcess(await this.repo.roundSequences(companyId));
  }

  /** Published experiences of a company as cards for this viewer (anonymity decided by `toCard`). */
  async experiences(companyId: number, filters: ExperienceFilters, viewer: SessionUser | null): Promise<CompanyExperiences> {
    let page = filters.page;
    let result = await this.repo.experiencePage(companyId, filters, (page - 1) * EXPERIENCES_PER_PAGE, EXPERIENCES_PER_PAGE);
    const pages = pagesOf(result.total, EXPERIENCES_PER_PAGE);
    if (result.experiences.length === 0 && page > pages) {
      page = pages;
      result = await this.repo.experiencePage(companyId, filters, (page - 1) * EXPERIENCES_PER_PAGE, EXPERIENCES_PER_PAGE);
    }
    const { passoutYear: _batch, sort: _sort, page: _page, ...others } = filters;
    const [facets, batches] = await Promise.all([this.repo.facets(companyId), this.repo.passoutCounts(companyId, others)]);
    return { items: result.experiences.map((e) => toCard(viewer, e)), total: result.total, page, pages, facets, batches };
  }
}
