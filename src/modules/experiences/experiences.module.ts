import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module.js';
import { QuestionsModule } from '../questions/questions.module.js';
import { ExperienceImportService } from './experience-import.service.js';
import { ExperienceSearchSource } from './experience-search.source.js';
import { ExperiencesController } from './experiences.controller.js';
import { ExperiencesService } from './experiences.service.js';

@Module({
  imports: [CompaniesModule, QuestionsModule],
  controllers: [ExperiencesController],
  providers: [ExperiencesService, ExperienceSearchSource, ExperienceImportService],
  exports: [ExperiencesService, ExperienceImportService],
})
export class ExperiencesModule {}
