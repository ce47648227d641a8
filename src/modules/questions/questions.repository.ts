import { Injectable } from '@nestjs/common';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { Company } from '../companies/entities/company.entity.js';
import { Experience } from '../experiences/entities/experience.entity.js';
import { Round } from '../experiences/entities/round.entity.js';
import type { QuestionFilters } from './dto/question-filters.js';
import { QuestionSource } from './entities/question-source.entity.js';
import { Question } from './entities/question.entity.js';
import { searchTerms } from './question-text.js';

/** A bank row joined with its company, as the read side sees it. */
export interface QuestionRow {
  id: number;
  text: string;
  companyName: string;
  companySlug: string;
  role: string;
  roundKind: string;
  topic: string;
  difficulty: number;
  timesAsked: number;
  firstYear: number;
  lastYear: number;
  updatedAt: Date;
}

/** One harvested line of a published experience. No author data is ever selected. */
export interface SourceRow {
  experienceId: number;
  year: number;
  role: string;
  roundTitle: string;
  roundKind: string;
  roundPosition: number;
  wording: string;
  /** The author's notes on the round the question was asked in (what the interviewers asked for, the format). */
  roundNotes: string | null;
}

const ROW_COLUMNS: Array<[string, keyof QuestionRow]> = [
  ['q.id', 'id'],
  ['q.text', 'text'],
  ['c.name', 'companyName'],
  ['c.slug', 'companySlug'],
  ['q.role', 'role'],
  ['q.round_kind', 'roundKind'],
  ['q.topic', 'topic'],
  ['q.difficulty', 'difficulty'],
  ['q.times_asked', 'timesAsked'],
  ['q.first_year', 'firstYear'],
  ['q.last_year', 'lastYear'],
  ['q.updated_at', 'updatedAt'],
];

/** Drivers differ in what they return for integers, decimals and dates; the pages want one shape. */
function toRow(raw: Record<string, unknown>): QuestionRow {
  return {
    id: Number(raw.id),
    text: String(raw.text),
    companyName: String(raw.companyName),
    companySlug: String(raw.companySlug),
    role: String(raw.role),
    roundKind: String(raw.roundKind),
    topic: String(raw.topic),
    difficulty: Number(raw.difficulty),
    timesAsked: Number(raw.timesAsked),
    firstYear: Number(raw.firstYear),
    lastYear: Number(raw.lastYear),
    updatedAt: raw.updatedAt instanceof Date ? raw.updatedAt : new Date(`${String(raw.updatedAt).replace(' ', 'T')}Z`),
  };
}

/** Read queries of the bank: only questions of active companies that were asked at least once. */
@Injectable()
export class QuestionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private visible(): SelectQueryBuilder<Question> {
    const qb = this.dataSource
      .getRepository(Question)
      .createQueryBuilder('q')
      .innerJoin(Company, 'c', 'c.id = q.company_id')
      .where('c.status = :active', { active: 'active' })
      .andWhere('q.times_asked > 0')
      .select([]);
    for (const [column, alias] of ROW_COLUMNS) qb.addSelect(column, alias);
    return qb;
  }

  private filtered(filters: Omit<QuestionFilters, 'page' | 'perPage'>): SelectQueryBuilder<Question> {
    const qb = this.visible();
    if (filters.companySlug) qb.andWhere('c.slug = :slug', { slug: filters.companySlug });
    if (filters.topic) qb.andWhere('q.topic = :topic', { topic: filters.topic });
    if (filters.roundKind) qb.andWhere('q.round_kind = :roundKind', { roundKind: filters.roundKind });
    if (filters.role) {
      // Any experience it came from, not only the most common role: "asked in SDE interviews".
      qb.andWhere(
        'EXISTS (SELECT 1 FROM question_sources rs INNER JOIN experiences re ON re.id = rs.experience_id WHERE rs.question_id = q.id AND LOWER(re.role) LIKE :role)',
        // LIKE wildcards are removed from the input rather than escaped: SQLite and MySQL escape differently.
        { role: `%${filters.role.toLowerCase().replace(/[%_\\]/g, '')}%` },
      );
    }
    if (filters.difficulty?.min !== undefined) qb.andWhere('q.difficulty >= :difficultyMin', { difficultyMin: filters.difficulty.min });
    if (filters.difficulty?.max !== undefined) qb.andWhere('q.difficulty <= :difficultyMax', { difficultyMax: filters.difficulty.max });
    for (const [index, term] of searchTerms(filters.q ?? '').entries()) {
      qb.andWhere(`q.normalized_text LIKE :term${index}`, { [`term${index}`]: `%${term}%` });
    }
    return qb;
  }

  /** Most asked first, then most recently asked. */
  async list(filters: QuestionFilters): Promise<{ rows: QuestionRow[]; total: number }> {
    const qb = this.filtered(filters);
    const [raw, total] = await Promise.all([
      qb
        .clone()
        .orderBy('q.times_asked', 'DESC')
        .addOrderBy('q.last_year', 'DESC')
        .addOrderBy('q.id', 'ASC')
        .offset((filters.page - 1) * filters.perPage)
        .limit(filters.perPage)
        .getRawMany<Record<string, unknown>>(),
      qb.clone().getCount(),
    ]);
    return { rows: raw.map(toRow), total };
  }

  async findVisible(id: number): Promise<QuestionRow | null> {
    const raw = await this.visible().andWhere('q.id = :id', { id }).getRawOne<Record<string, unknown>>();
    return raw ? toRow(raw) : null;
  }

  async rowsByIds(ids: readonly number[]): Promise<QuestionRow[]> {
    if (ids.length === 0) return [];
    const raw = await this.visible().andWhere({ id: In([...ids]) }).orderBy('q.id').getRawMany<Record<string, unknown>>();
    return raw.map(toRow);
  }

  /** Keyset pagination, so a full index rebuild stays linear however big the bank gets. */
  async rowsAfter(lastId: number, limit: number): Promise<QuestionRow[]> {
    const raw = await this.visible().andWhere('q.id > :lastId', { lastId }).orderBy('q.id').limit(limit).getRawMany<Record<string, unknown>>();
    return raw.map(toRow);
  }

  /** The lines a question was harvested from, newest interview first; published experiences only. */
  async sources(questionIds: readonly number[]): Promise<Map<number, SourceRow[]>> {
    const bySource = new Map<number, SourceRow[]>(questionIds.map((id) => [id, []]));
    if (questionIds.length === 0) return bySource;
    const raw = await this.dataSource
      .getRepository(QuestionSource)
      .createQueryBuilder('s')
      .innerJoin(Experience, 'e', 'e.id = s.experience_id')
      .innerJoin(Round, 'r', 'r.id = s.round_id')
      .select('s.question_id', 'questionId')
      .addSelect('s.experience_id', 'experienceId')
      .addSelect('s.year', 'year')
      .addSelect('s.original_text', 'wording')
      .addSelect('e.role', 'role')
      .addSelect('r.title', 'roundTitle')
      .addSelect('r.kind', 'roundKind')
      .addSelect('r.position', 'roundPosition')
      .addSelect('r.notes', 'roundNotes')
      .where({ questionId: In([...questionIds]) })
      .andWhere('e.status = :published', { published: 'published' })
      .orderBy('s.year', 'DESC')
      .addOrderBy('s.experience_id', 'DESC')
      .addOrderBy('r.position', 'ASC')
      .addOrderBy('s.line_no', 'ASC')
      .getRawMany<Record<string, unknown>>();
    for (const row of raw) {
      bySource.get(Number(row.questionId))?.push({
        experienceId: Number(row.experienceId),
        year: Number(row.year),
        role: String(row.role),
        roundTitle: String(row.roundTitle),
        roundKind: String(row.roundKind),
        roundPosition: Number(row.roundPosition),
        wording: String(row.wording),
        roundNotes: typeof row.roundNotes === 'string' && row.roundNotes.trim() ? row.roundNotes : null,
      });
    }
    return bySource;
  }

  async idsForCompany(companyId: number): Promise<number[]> {
    const rows = await this.dataSource.getRepository(Question).find({ select: { id: true }, where: { companyId }, order: { id: 'ASC' } });
    return rows.map((r) => r.id);
  }

  async activeCompany(slug: string): Promise<{ id: number; name: string; slug: string } | null> {
    return this.dataSource.getRepository(Company).findOne({ select: { id: true, name: true, slug: true }, where: { slug, status: 'active' } });
  }

  /** Companies that have at least one question, for the company filter. */
  async companiesWithQuestions(): Promise<Array<{ name: string; slug: string }>> {
    return this.dataSource
      .getRepository(Company)
      .createQueryBuilder('c')
      .select('c.name', 'name')
      .addSelect('c.slug', 'slug')
      .where('c.status = :active', { active: 'active' })
      .andWhere('EXISTS (SELECT 1 FROM questions q WHERE q.company_id = c.id AND q.times_asked > 0)')
      .orderBy('c.name', 'ASC')
      .getRawMany<{ name: string; slug: string }>();
  }

  /** The most common roles among published experiences (of one company), as suggestions for the role filter. */
  async commonRoles(companySlug?: string, limit = 40): Promise<string[]> {
    const qb = this.dataSource
      .getRepository(Experience)
      .createQueryBuilder('e')
      .select('e.role', 'role')
      .addSelect('COUNT(*)', 'n')
      .where('e.status = :published', { published: 'published' })
      .groupBy('e.role')
      .orderBy('n', 'DESC')
      .addOrderBy('e.role', 'ASC')
      .limit(limit);
    if (companySlug) qb.innerJoin(Company, 'c', 'c.id = e.company_id').andWhere('c.slug = :slug', { slug: companySlug });
    const rows = await qb.getRawMany<{ role: string }>();
    return rows.map((r) => r.role);
  }
}
