import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { Experience } from '../experiences/entities/experience.entity.js';
import { Round } from '../experiences/entities/round.entity.js';
import { Question } from '../questions/entities/question.entity.js';
import type { OutcomeGroup } from './company-stats.js';
import type { ExperienceFilters } from './dto/experience-filters.js';
import { Company } from './entities/company.entity.js';

export interface CompanyRow {
  id: number;
  name: string;
  slug: string;
  industry: string | null;
  website: string | null;
  description: string | null;
  experiences: number;
  selected: number;
}

export interface CountedValue<T> {
  value: T;
  count: number;
}

/** "%" and "_" typed into the search box are literal characters, not wildcards. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, '!$&')}%`;
}

const PUBLISHED = "e.status = 'published'";

/** The queries behind the company pages; only published experiences ever count. */
@Injectable()
export class CompaniesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async activePage(search: { q?: string; industry?: string }, offset: number, limit: number): Promise<{ rows: CompanyRow[]; total: number }> {
    const qb = this.dataSource.getRepository(Company).createQueryBuilder('c').where("c.status = 'active'");
    if (search.q) {
      // ESCAPE '!' rather than a backslash: the one escape character both SQLite and MySQL read alike.
      qb.andWhere("(LOWER(c.name) LIKE :q ESCAPE '!' OR LOWER(COALESCE(c.industry, '')) LIKE :q ESCAPE '!')", { q: likePattern(search.q) });
    }
    if (search.industry) qb.andWhere('c.industry = :industry', { industry: search.industry });
    const total = await qb.getCount();
    const raw = await qb
      .select('c.id', 'id')
      .addSelect('c.name', 'name')
      .addSelect('c.slug', 'slug')
      .addSelect('c.industry', 'industry')
      .addSelect('c.website', 'website')
      .addSelect('c.description', 'description')
      // Correlated counts (served by the company_id+status index) avoid grouping by a TEXT column.
      .addSelect((sub) => sub.select('COUNT(*)').from(Experience, 'e').where('e.company_id = c.id').andWhere(PUBLISHED), 'experienceCount')
      .addSelect(
        (sub) => sub.select('COUNT(*)').from(Experience, 'e').where('e.company_id = c.id').andWhere(PUBLISHED).andWhere("e.outcome = 'selected'"),
        'selectedCount',
      )
      .orderBy('experienceCount', 'DESC')
      .addOrderBy('c.name', 'ASC')
      .offset(offset)
      .limit(limit)
      .getRawMany<Record<string, unknown>>();
    return {
      total,
      rows: raw.map((r) => ({
        id: Number(r.id),
        name: String(r.name),
        slug: String(r.slug),
        industry: (r.industry as string | null) ?? null,
        website: (r.website as string | null) ?? null,
        description: (r.description as string | null) ?? null,
        experiences: Number(r.experienceCount ?? 0),
        selected: Number(r.selectedCount ?? 0),
      })),
    };
  }

  async activeIndustries(): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(Company)
      .createQueryBuilder('c')
      .select('DISTINCT c.industry', 'industry')
      .where("c.status = 'active'")
      .andWhere('c.industry IS NOT NULL')
      .andWhere("c.industry <> ''")
      .orderBy('industry', 'ASC')
      .getRawMany<{ industry: string }>();
    return rows.map((r) => r.industry);
  }

  /**
   * The company's published experiences counted per interview year, outcome and author's branch,
   * with their difficulties summed: the summary, the statistics page's years, outcomes and
   * branches all come from these few hundred rows (one read of the covering index, migration 9).
   */
  async outcomeGroups(companyId: number): Promise<OutcomeGroup[]> {
    const rows = await this.dataSource
      .getRepository(Experience)
      .createQueryBuilder('e')
      .select('e.interview_year', 'year')
      .addSelect('e.outcome', 'outcome')
      .addSelect('e.branch', 'branch')
      .addSelect('COUNT(*)', 'count')
      .addSelect('SUM(e.difficulty)', 'difficulty')
      .where('e.company_id = :companyId', { companyId })
      .andWhere(PUBLISHED)
      .groupBy('e.interview_year')
      .addGroupBy('e.outcome')
      .addGroupBy('e.branch')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({ year: Number(r.year), outcome: String(r.outcome), branch: String(r.branch), count: Number(r.count), difficultySum: Number(r.difficulty) }));
  }

  /** The company's harvested questions per topic: how many, and how often they were asked in all. */
  async topicCounts(companyId: number): Promise<Array<{ topic: string; questions: number; asked: number }>> {
    const rows = await this.dataSource
      .getRepository(Question)
      .createQueryBuilder('q')
      .select('q.topic', 'topic')
      .addSelect('COUNT(*)', 'questions')
      .addSelect('SUM(q.times_asked)', 'asked')
      .where('q.company_id = :companyId', { companyId })
      .groupBy('q.topic')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({ topic: String(r.topic), questions: Number(r.questions), asked: Number(r.asked) }));
  }

  /** The company's most asked questions (normalised text and count), for its word cloud. */
  async mostAskedQuestions(companyId: number, limit: number): Promise<Array<{ normalizedText: string; timesAsked: number }>> {
    return this.dataSource.getRepository(Question).find({
      where: { companyId },
      select: { id: true, normalizedText: true, timesAsked: true },
      order: { timesAsked: 'DESC', id: 'ASC' },
      take: limit,
    });
  }

  /** Each published experience's round kinds in interview order. */
  async roundSequences(companyId: number): Promise<string[][]> {
    const rows = await this.dataSource
      .getRepository(Round)
      .createQueryBuilder('r')
      .innerJoin(Experience, 'e', 'e.id = r.experience_id')
      .select('r.experience_id', 'experienceId')
      .addSelect('r.kind', 'kind')
      .where('e.company_id = :companyId', { companyId })
      .andWhere(PUBLISHED)
      .orderBy('r.experience_id', 'ASC')
      .addOrderBy('r.position', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getRawMany<{ experienceId: number | string; kind: string }>();
    const sequences = new Map<number, string[]>();
    for (const row of rows) {
      const id = Number(row.experienceId);
      const sequence = sequences.get(id) ?? [];
      sequence.push(row.kind);
      sequences.set(id, sequence);
    }
    return [...sequences.values()];
  }

  private filtered(companyId: number, filters: Omit<ExperienceFilters, 'sort' | 'page'>): SelectQueryBuilder<Experience> {
    const qb = this.dataSource
      .getRepository(Experience)
      .createQueryBuilder('e')
      .where('e.company_id = :companyId', { companyId })
      .andWhere(PUBLISHED);
    if (filters.year !== undefined) qb.andWhere('e.interview_year = :year', { year: filters.year });
    if (filters.role !== undefined) qb.andWhere('e.role = :role', { role: filters.role });
    if (filters.outcome !== undefined) qb.andWhere('e.outcome = :outcome', { outcome: filters.outcome });
    if (filters.passoutYear !== undefined) qb.andWhere('e.passout_year = :passoutYear', { passoutYear: filters.passoutYear });
    if (filters.roundKind !== undefined) {
      qb.andWhere('EXISTS (SELECT 1 FROM rounds r WHERE r.experience_id = e.id AND r.kind = :roundKind)', { roundKind: filters.roundKind });
    }
    return qb;
  }

  /**
   * One page of matching experiences with company, author and rounds loaded. Ids are paged first and
   * the relations loaded after, so joining the rounds cannot distort LIMIT/OFFSET.
   */
  async experiencePage(companyId: number, filters: ExperienceFilters, offset: number, limit: number): Promise<{ experiences: Experience[]; total: number }> {
    const qb = this.filtered(companyId, filters);
    const total = await qb.getCount();
    qb.select('e.id', 'id');
    if (filters.sort === 'helpful') qb.orderBy('e.helpfulCount', 'DESC').addOrderBy('e.publishedAt', 'DESC');
    else qb.orderBy('e.publishedAt', 'DESC');
    const ids = (await qb.addOrderBy('e.id', 'DESC').offset(offset).limit(limit).getRawMany<{ id: number | string }>()).map((r) => Number(r.id));
    if (ids.length === 0) return { experiences: [], total };
    const loaded = await this.dataSource.getRepository(Experience).find({
      where: { id: In(ids) },
      relations: { company: true, author: true, rounds: true },
    });
    const byId = new Map(loaded.map((e) => [e.id, e]));
    return { experiences: ids.map((id) => byId.get(id)).filter((e): e is Experience => e !== undefined), total };
  }

  /** How many experiences each batch has under the other filters, for the year-of-passout selector. */
  async passoutCounts(companyId: number, filters: Omit<ExperienceFilters, 'sort' | 'page' | 'passoutYear'>): Promise<CountedValue<number>[]> {
    const rows = await this.filtered(companyId, filters)
      .select('e.passout_year', 'passoutYear')
      .addSelect('COUNT(*)', 'total')
      .groupBy('e.passout_year')
      .orderBy('e.passout_year', 'DESC')
      .getRawMany<{ passoutYear: number | string; total: number | string }>();
    return rows.map((r) => ({ value: Number(r.passoutYear), count: Number(r.total) }));
  }

  /** Values present among the company's published experiences, for the filter selects. */
  async facets(companyId: number): Promise<{ years: number[]; roles: CountedValue<string>[]; passoutYears: CountedValue<number>[]; roundKinds: string[] }> {
    const base = () => this.filtered(companyId, {});
    const [years, roles, passoutYears, roundKinds] = await Promise.all([
      base().select('DISTINCT e.interview_year', 'interviewYear').orderBy('interviewYear', 'DESC').getRawMany<{ interviewYear: number | string }>(),
      base()
        .select('e.role', 'role')
        .addSelect('COUNT(*)', 'total')
        .groupBy('e.role')
        .orderBy('total', 'DESC')
        .addOrderBy('e.role', 'ASC')
        .getRawMany<{ role: string; total: number | string }>(),
      this.passoutCounts(companyId, {}),
      base()
        .innerJoin(Round, 'r', 'r.experience_id = e.id')
        .select('DISTINCT r.kind', 'kind')
        .getRawMany<{ kind: string }>(),
    ]);
    return {
      years: years.map((r) => Number(r.interviewYear)),
      roles: roles.map((r) => ({ value: r.role, count: Number(r.total) })),
      passoutYears,
      roundKinds: roundKinds.map((r) => r.kind),
    };
  }

  async findByNameKey(manager: EntityManager, key: string): Promise<Company | null> {
    return manager
      .getRepository(Company)
      .createQueryBuilder('c')
      .where("LOWER(REPLACE(c.name, ' ', '')) = :key", { key })
      .orderBy('c.id', 'ASC')
      .getOne();
  }

  async slugsLike(manager: EntityManager, base: string): Promise<Set<string>> {
    const rows = await manager
      .getRepository(Company)
      .createQueryBuilder('c')
      .select('c.slug', 'slug')
      .where("c.slug = :base OR c.slug LIKE :prefix ESCAPE '!'", { base, prefix: `${base.replace(/[!%_]/g, '!$&')}-%` })
      .getRawMany<{ slug: string }>();
    return new Set(rows.map((r) => r.slug));
  }
}
