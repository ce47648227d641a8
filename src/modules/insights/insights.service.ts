import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Company } from '../companies/entities/company.entity.js';
import { Experience } from '../experiences/entities/experience.entity.js';

export interface CompanyStatsRow {
  name: string;
  slug: string;
  attended: number;
  selected: number;
  selectionRate: number;
  averageDifficulty: number;
  firstYear: number;
  lastYear: number;
}

@Injectable()
export class InsightsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Per-company outcome figures over published experiences, most-attended first. */
  async companyTable(): Promise<CompanyStatsRow[]> {
    const rows = await this.dataSource
      .getRepository(Experience)
      .createQueryBuilder('e')
      .innerJoin(Company, 'c', 'c.id = e.company_id')
      .select('c.name', 'name')
      .addSelect('c.slug', 'slug')
      .addSelect('COUNT(*)', 'attended')
      .addSelect("SUM(CASE WHEN e.outcome = 'selected' THEN 1 ELSE 0 END)", 'selected')
      .addSelect('AVG(e.difficulty)', 'difficulty')
      .addSelect('MIN(e.interview_year)', 'firstYear')
      .addSelect('MAX(e.interview_year)', 'lastYear')
      .where('e.status = :status', { status: 'published' })
      .groupBy('c.id')
      .addGroupBy('c.name')
      .addGroupBy('c.slug')
      .orderBy('attended', 'DESC')
      .addOrderBy('c.name', 'ASC')
      .getRawMany<Record<string, string | number>>();
    return rows.map((r) => {
      const attended = Number(r.attended);
      const selected = Number(r.selected);
      return {
        name: String(r.name),
        slug: String(r.slug),
        attended,
        selected,
        selectionRate: attended ? selected / attended : 0,
        averageDifficulty: Math.round(Number(r.difficulty) * 10) / 10,
        firstYear: Number(r.firstYear),
        lastYear: Number(r.lastYear),
      };
    });
  }
}
