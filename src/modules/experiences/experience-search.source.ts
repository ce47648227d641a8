import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, In, MoreThan } from 'typeorm';
import { markdownToText } from '../../common/markdown/markdown.js';
import type { SearchDocument } from '../search/search-engine.js';
import { SearchIndexer, type SearchSource } from '../search/search-indexer.service.js';
import { Experience } from './entities/experience.entity.js';
import { Round } from './entities/round.entity.js';

const BATCH = 1000;

/**
 * Published experiences as search documents. The author is deliberately absent — not even for named
 * posts — so an anonymous author can never be found through the index; roll numbers likewise.
 */
export function experienceDocument(e: Experience, rounds: Round[]): SearchDocument {
  const ordered = [...rounds].sort((a, b) => a.position - b.position);
  const roundText = ordered.map((r) => [r.title, r.questionsText, r.notes ? markdownToText(r.notes) : ''].join(' ')).join(' ');
  return {
    id: `experience:${e.id}`,
    type: 'experience',
    title: `${e.company!.name} — ${e.role}`,
    body: [markdownToText(e.body), roundText, e.tips ? markdownToText(e.tips) : ''].join(' ').replace(/\s+/g, ' ').trim(),
    company: e.company!.slug,
    companyName: e.company!.name,
    role: e.role,
    year: e.interviewYear,
    outcome: e.outcome,
    roundKinds: [...new Set(ordered.map((r) => r.kind))],
    topics: e.topics ? e.topics.split(',').filter(Boolean) : [],
    url: `/experiences/${e.id}`,
    createdAt: (e.publishedAt ?? e.createdAt).getTime(),
    helpful: e.helpfulCount,
  };
}

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
      // Keyset pagination keeps a 100k-row rebuild linear.
      const rows = await this.dataSource.getRepository(Experience).find({
        where: { status: 'published', id: MoreThan(lastId) },
        relations: { company: true },
        order: { id: 'ASC' },
        take: BATCH,
      });
      if (rows.length === 0) return;
      yield await this.documents(rows);
      lastId = rows[rows.length - 1]!.id;
    }
  }

  async byIds(ids: number[]): Promise<SearchDocument[]> {
    const rows = await this.dataSource.getRepository(Experience).find({ where: { id: In(ids), status: 'published' }, relations: { company: true } });
    return this.documents(rows);
  }

  private async documents(rows: Experience[]): Promise<SearchDocument[]> {
    if (rows.length === 0) return [];
    const rounds = await this.dataSource.getRepository(Round).find({ where: { experienceId: In(rows.map((r) => r.id)) } });
    const byExperience = new Map<number, Round[]>();
    for (const round of rounds) byExperience.set(round.experienceId, [...(byExperience.get(round.experienceId) ?? []), round]);
    return rows.map((e) => experienceDocument(e, byExperience.get(e.id) ?? []));
  }
}
