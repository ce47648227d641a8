import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SEARCH_ENGINE, type SearchDocType, type SearchDocument, type SearchEngine } from './search-engine.js';

/**
 * How a feature hands its content to the index. Each feature builds its own documents, because it
 * alone knows what is public: e.g. experiences never put an author into a document.
 */
export interface SearchSource {
  readonly type: SearchDocType;
  /** Every searchable document, in batches, for a full rebuild. */
  all(): AsyncIterable<SearchDocument[]>;
  /** The current documents for these entity ids; ids not returned (deleted, unpublished) leave the index. */
  byIds(ids: number[]): Promise<SearchDocument[]>;
}

@Injectable()
export class SearchIndexer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Search');
  private readonly sources = new Map<SearchDocType, SearchSource>();
  /** Bumped on every change this instance makes to the index, so cached results never outlive it. */
  generation = 0;

  constructor(@Inject(SEARCH_ENGINE) readonly engine: SearchEngine) {
    engine.onIndexLost?.(() => {
      this.logger.error('The search index was lost; rebuilding it from the database');
      this.reindexAll().catch((error: Error) => this.logger.error(`Rebuilding the search index failed: ${error.message}`));
    });
  }

  register(source: SearchSource): void {
    this.sources.set(source.type, source);
  }

  /** The embedded engine lives in memory, so it is rebuilt from the database at every start. */
  async onApplicationBootstrap(): Promise<void> {
    await this.engine.init();
    if (this.engine.name === 'embedded') await this.reindexAll();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.engine.close?.();
  }

  async reindexAll(): Promise<number> {
    const started = performance.now();
    await this.engine.clear();
    this.generation++;
    let count = 0;
    for (const source of this.sources.values()) {
      for await (const batch of source.all()) {
        await this.engine.upsert(batch);
        this.generation++;
        count += batch.length;
      }
    }
    this.logger.log(`Indexed ${count} documents into the ${this.engine.name} engine in ${Math.round(performance.now() - started)} ms`);
    return count;
  }

  /** Brings the index in line with the database for these entities. Call after the write has committed. */
  async sync(type: SearchDocType, ids: number[]): Promise<void> {
    const source = this.sources.get(type);
    if (!source || ids.length === 0) return;
    try {
      const docs = await source.byIds(ids);
      const present = new Set(docs.map((d) => d.id));
      const gone = ids.map((id) => `${type}:${id}`).filter((id) => !present.has(id));
      if (docs.length) await this.engine.upsert(docs);
      if (gone.length) await this.engine.remove(gone);
      this.generation++;
    } catch (error) {
      // The write itself succeeded; a stale index is repaired by the next reindex, so do not fail the request.
      this.logger.error(`Could not update the search index for ${type} ${ids.join(',')}: ${(error as Error).message}`);
    }
  }
}
