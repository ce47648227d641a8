import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { SearchDocument } from '../search/search-engine.js';
import { SearchIndexer, type SearchSource } from '../search/search-indexer.service.js';
import { ForumEvents } from './forum-events.js';
import { ForumService, type ForumSearchDoc } from './forum.service.js';

function threadDocument(t: ForumSearchDoc): SearchDocument {
  return {
    id: `thread:${t.id}`,
    type: 'thread',
    title: t.title,
    body: t.bodyText,
    ...(t.companySlug ? { company: t.companySlug } : {}),
    topics: [t.categorySlug],
    url: t.url,
    createdAt: t.createdAt.getTime(),
  };
}

/** Forum threads in the search index: the opening post and the accepted answer, nothing about authors. */
@Injectable()
export class ForumSearchSource implements SearchSource, OnModuleInit {
  readonly type = 'thread' as const;

  constructor(
    private readonly forum: ForumService,
    private readonly indexer: SearchIndexer,
  ) {}

  onModuleInit(): void {
    this.indexer.register(this);
  }

  async *all(): AsyncIterable<SearchDocument[]> {
    yield (await this.forum.forSearch()).map(threadDocument);
  }

  async byIds(ids: number[]): Promise<SearchDocument[]> {
    return (await this.forum.forSearch(ids)).map(threadDocument);
  }
}

/** Keeps the index in step with the forum after each committed change. */
@Injectable()
export class ForumSearchEvents extends ForumEvents {
  constructor(private readonly indexer: SearchIndexer) {
    super();
  }

  override async onThreadChanged(threadId: number): Promise<void> {
    await this.indexer.sync('thread', [threadId]);
  }

  override async onThreadRemoved(threadId: number): Promise<void> {
    await this.indexer.sync('thread', [threadId]);
  }
}
