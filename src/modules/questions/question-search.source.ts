import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { SearchDocument } from '../search/search-engine.js';
import { SearchIndexer, type SearchSource } from '../search/search-indexer.service.js';
import { QuestionBankService, type QuestionSearchRecord } from './question-bank.service.js';

/** A bank question as a search document: every wording is searchable, nothing about any author is included. */
export function questionDocument(q: QuestionSearchRecord): SearchDocument {
  return {
    id: `question:${q.id}`,
    type: 'question',
    title: q.text,
    body: [q.summary, ...q.wordings.filter((w) => w !== q.text)].join(' · '),
    company: q.companySlug,
    companyName: q.companyName,
    role: q.role,
    year: q.lastYear,
    roundKinds: [q.roundKind],
    topics: [q.topic],
    url: q.url,
    createdAt: q.updatedAt.getTime(),
  };
}

@Injectable()
export class QuestionSearchSource implements SearchSource, OnModuleInit {
  readonly type = 'question' as const;

  constructor(
    private readonly bank: QuestionBankService,
    private readonly indexer: SearchIndexer,
  ) {}

  onModuleInit(): void {
    this.indexer.register(this);
  }

  async *all(): AsyncIterable<SearchDocument[]> {
    for await (const batch of this.bank.forSearchInBatches()) yield batch.map(questionDocument);
  }

  async byIds(ids: number[]): Promise<SearchDocument[]> {
    return (await this.bank.forSearch(ids)).map(questionDocument);
  }
}
