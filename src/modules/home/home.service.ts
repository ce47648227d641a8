import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TtlCache } from '../../common/cache/ttl-cache.js';
import { Company } from '../companies/entities/company.entity.js';
import { Experience } from '../experiences/entities/experience.entity.js';
import { ForumThread } from '../forum/entities/forum-thread.entity.js';

export interface HomeView {
  counts: { companies: number; experiences: number; threads: number };
  recent: Array<{ id: number; company: string; companySlug: string; role: string; outcome: string; year: number; author: string; difficulty: number }>;
  topCompanies: Array<{ name: string; slug: string; industry: string | null; experiences: number }>;
}

@Injectable()
export class HomeService {
  /** The same for every visitor (anonymous bylines are resolved here), so it can be shared briefly. */
  private readonly cache = new TtlCache<HomeView>(15_000);

  constructor(private readonly dataSource: DataSource) {}

  view(): Promise<HomeView> {
    return this.cache.get('home', () => this.load());
  }

  private async load(): Promise<HomeView> {
    const [companies, experiences, threads, recent, top] = await Promise.all([
      this.dataSource.getRepository(Company).countBy({ status: 'active' }),
      this.dataSource.getRepository(Experience).countBy({ status: 'published' }),
      this.dataSource.getRepository(ForumThread).count(),
      this.dataSource
        .getRepository(Experience)
        .createQueryBuilder('e')
        .innerJoin('e.company', 'c')
        .innerJoin('e.author', 'u')
        .select(['e.id', 'e.role', 'e.outcome', 'e.interviewYear', 'e.anonymous', 'e.difficulty', 'c.name', 'c.slug', 'u.displayName'])
        .where('e.status = :status', { status: 'published' })
        .orderBy('e.publishedAt', 'DESC')
        .addOrderBy('e.id', 'DESC')
        .limit(6)
        .getMany(),
      this.dataSource
        .getRepository(Company)
        .createQueryBuilder('c')
        .innerJoin(Experience, 'e', 'e.company_id = c.id AND e.status = :status', { status: 'published' })
        .select(['c.name AS name', 'c.slug AS slug', 'c.industry AS industry', 'COUNT(e.id) AS experiences'])
        .groupBy('c.id')
        .addGroupBy('c.name')
        .addGroupBy('c.slug')
        .addGroupBy('c.industry')
        .orderBy('experiences', 'DESC')
        .addOrderBy('c.name', 'ASC')
        .limit(8)
        .getRawMany<{ name: string; slug: string; industry: string | null; experiences: string | number }>(),
    ]);
    return {
      counts: { companies, experiences, threads },
      recent: recent.map((e) => ({
        id: e.id,
        company: e.company!.name,
        companySlug: e.company!.slug,
        role: e.role,
        outcome: e.outcome,
        year: e.interviewYear,
        difficulty: e.difficulty,
        // Anonymous posts never carry their author's name into a page.
        author: e.anonymous ? 'Anonymous' : e.author!.displayName,
      })),
      topCompanies: top.map((c) => ({ ...c, experiences: Number(c.experiences) })),
    };
  }
}
