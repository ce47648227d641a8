import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccessGuard } from './common/auth/access.js';
import { HttpExceptionFilter } from './common/http/http-exception.filter.js';
import { RateLimitService } from './common/rate-limit/rate-limit.service.js';
import { SettingsService } from './common/settings/settings.service.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';

/** Config, the database connection opened by the caller, and cross-cutting providers. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: () => Promise.resolve(dataSource),
        }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        RateLimitService,
        SettingsService,
      ],
      exports: [APP_CONFIG, RateLimitService, SettingsService],
    };
  }
}
