import { Module } from '@nestjs/common';
import { CompaniesApiController } from './companies-api.controller.js';
import { CompaniesController } from './companies.controller.js';
import { CompaniesRepository } from './companies.repository.js';
import { CompaniesService } from './companies.service.js';
import { CompanySearchSource } from './company-search.source.js';
import { FaqsController } from './faqs.controller.js';
import { FaqsService } from './faqs.service.js';

@Module({
  controllers: [CompaniesController, FaqsController, CompaniesApiController],
  providers: [CompaniesRepository, CompaniesService, FaqsService, CompanySearchSource],
  exports: [CompaniesService, FaqsService],
})
export class CompaniesModule {}
