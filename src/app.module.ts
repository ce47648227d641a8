import { Module, type DynamicModule } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './config/app-config.js';
import { CoreModule } from './core.module.js';
import { AccountsModule } from './modules/accounts/accounts.module.js';
import { CompaniesModule } from './modules/companies/companies.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { HomeModule } from './modules/home/home.module.js';
import { InsightsModule } from './modules/insights/insights.module.js';
import { ApiDocsModule } from './modules/api-docs/api-docs.module.js';
import { ModerationModule } from './modules/moderation/moderation.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { ExperiencesModule } from './modules/experiences/experiences.module.js';
import { ForumModule } from './modules/forum/forum.module.js';
import { PracticeModule } from './modules/practice/practice.module.js';
import { QuestionsModule } from './modules/questions/questions.module.js';
import { ScoringModule } from './modules/scoring/scoring.module.js';
import { SearchModule } from './modules/search/search.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, dataSource),
        SearchModule,
        ScoringModule,
        NotificationsModule,
        ExperiencesModule,
        QuestionsModule,
        PracticeModule,
        ForumModule,
        ModerationModule,
        AccountsModule,
        CompaniesModule,
        HomeModule,
        HealthModule,
        InsightsModule,
        ApiDocsModule,
      ],
    };
  }
}
