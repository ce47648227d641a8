import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { markdownToText } from '../../common/markdown/markdown.js';
import type { SearchDocument } from '../search/search-engine.js';
import { SearchIndexer, type SearchSource } from '../search/search-indexer.service.js';

const BATCH = 2000;

interface ExperienceRow {
  id: number;
  role: string;
  interviewYear: number;
  outcome: string;
  body: string;
  tips: string | null;
  topics: string;
  helpfulCount: number;
  publishedAt: string | Date | null;
  createdAt: string | Date;
  companySlug: string;
  companyName: string;
}

interface RoundRow {
  experienceId: number;
  position: number;
  kind: string;
  title: string;
  notes: string | null;
  questionsText: string;
}

/** SQLite hands back UTC text without a zone; MySQL a Date (the connection runs in UTC). */
function epochMs(value: string | Date | null): number {
  if (value === null) return 0;
  return value instanceof Date ? value.getTime() : Date.parse(`${value.replace(' ', 'T')}Z`);
}

/**
 * Published experiences as search documents. The author is deliberately absent — not even for named
 * posts — so an anonymous author can never be found through the index; roll numbers likewise.
 */
export function experienceDocument(e: ExperienceRow, rounds: RoundRow[]): SearchDocument {
  const ordered = [...rounds].sort((a, b) => a.position - b.position);
  const roundText = ordered.map((r) => `${r.title} ${r.questionsText} ${r.notes ? markdownToText(r.notes) : ''}`).join(' ');
  return {
    id: `experience:${e.id}`,
    type: 'experience',
    title: `${e.companyName} — ${e.role}`,
    body: `${markdownToText(e.body)} ${roundText} ${e.tips ? markdownToText(e.tips) : ''}`.replace(/\s+/g, ' ').trim(),
    company: e.companySlug,
    companyName: e.companyName,
    role: e.role,
    year: Number(e.interviewYear),
    outcome: e.outcome,
    roundKinds: [...new Set(ordered.map((r) => r.kind))],
    topics: e.topics ? e.topics.split(',').filter(Boolean) : [],
    url: `/experiences/${e.id}`,
    createdAt: epochMs(e.publishedAt) || epochMs(e.createdAt),
    helpful: Number(e.helpfulCount),
  };
}

/** Reads plain rows, not entities: hydrating 100k entities made a full rebuild take ~20 s. */
@Injectable()
export class ExperienceSearchSource implements SearchSource, OnModuleInit {
  readonly type = 'experience' as const;

  constructor(
    private readonly dataSource: DataSource,
    private readonly indexer: SearchIndexer,
  ) {}

  onModuleInit(): void {
    this.indexer.register(this);
  }

  async *all(): AsyncIterable<SearchDocument[]> {
    let lastId = 0;
    for (;;) {
      // Keyset pagination keeps the rebuild linear in the number of posts.
      const rows = await this.rows('e.id > :lastId', { lastId }, BATCH);
      if (rows.length === 0) return;
      yield await this.documents(rows);
      lastId = rows[rows.length - 1]!.id;
    }
  }

  async byIds(ids: number[]): Promise<SearchDocument[]> {
    return this.documents(await this.rows('e.id IN (:...ids)', { ids }, ids.length));
  }

  private rows(condition: string, params: Record<string, unknown>, limit: number): Promise<ExperienceRow[]> {
    return this.dataSource
      .createQueryBuilder()
      .select([
        'e.id AS id',
        'e.role AS role',
        'e.interview_year AS "interviewYear"',
        'e.outcome AS outcome',
        'e.body AS body',
        'e.tips AS tips',
        'e.topics AS topics',
        'e.helpful_count AS "helpfulCount"',
        'e.published_at AS "publishedAt"',
        'e.created_at AS "createdAt"',
        'c.slug AS "companySlug"',
        'c.name AS "companyName"',
      ])
      .from('experiences', 'e')
      .innerJoin('companies', 'c', 'c.id = e.company_id')
      .where(`e.status = 'published' AND ${condition}`, params)
      .orderBy('e.id', 'ASC')
      .limit(limit)
      .getRawMany<ExperienceRow>();
  }

  private async documents(rows: ExperienceRow[]): Promise<SearchDocument[]> {
    if (rows.length === 0) return [];
    const rounds = await this.dataSource
      .createQueryBuilder()
      .select(['r.experience_id AS "experienceId"', 'r.position AS position', 'r.kind AS kind', 'r.title AS title', 'r.notes AS notes', 'r.questions_text AS "questionsText"'])
      .from('rounds', 'r')
      .where('r.experience_id >= :first AND r.experience_id <= :last', { first: rows[0]!.id, last: rows[rows.length - 1]!.id })
      .getRawMany<RoundRow>();
    const byExperience = new Map<number, RoundRow[]>();
    for (const round of rounds) {
      const id = Number(round.experienceId);
      const list = byExperience.get(id);
      if (list) list.push(round);
      else byExperience.set(id, [round]);
    }
    return rows.map((e) => experienceDocument(e, byExperience.get(Number(e.id)) ?? []));
  }
}
