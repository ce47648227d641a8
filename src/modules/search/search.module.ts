import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { SEARCH_ENGINE } from './search-engine.js';
import { createSearchEngine } from './search-engine.factory.js';
import { SearchController } from './search.controller.js';
import { SearchIndexer } from './search-indexer.service.js';

/** Global so every feature can register its SearchSource and sync after writes. */
@Global()
@Module({
  controllers: [SearchController],
  providers: [
    {
      provide: SEARCH_ENGINE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        createSearchEngine({
          meiliHost: config.meiliHost ?? undefined,
          meiliApiKey: config.meiliApiKey ?? undefined,
          indexPrefix: 'ii_',
          thread: config.searchThread,
        }),
    },
    SearchIndexer,
  ],
  exports: [SearchIndexer, SEARCH_ENGINE],
})
export class SearchModule {}
