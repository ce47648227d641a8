import { Module } from '@nestjs/common';
import { QuestionBankService } from './question-bank.service.js';
import { QuestionSearchSource } from './question-search.source.js';
import { QuestionsApiController, QuestionsController } from './questions.controller.js';
import { QuestionsRepository } from './questions.repository.js';

export { harvestAfterSeed } from './question-harvester.js';

/** The harvested question bank: pages, JSON, search documents, and the harvest API for experiences. */
@Module({
  controllers: [QuestionsController, QuestionsApiController],
  providers: [QuestionsRepository, QuestionBankService, QuestionSearchSource],
  exports: [QuestionBankService],
})
export class QuestionsModule {}
