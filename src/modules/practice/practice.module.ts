import { Module } from '@nestjs/common';
import { QuestionsModule } from '../questions/questions.module.js';
import { PracticeController } from './practice.controller.js';
import { PracticeScorer } from './practice-scorer.js';
import { PracticeService } from './practice.service.js';

/** Mock interviews on harvested questions (typed or recorded answers), scored on the scoring pool (ScoringModule, global). */
@Module({
  imports: [QuestionsModule],
  controllers: [PracticeController],
  providers: [PracticeService, PracticeScorer],
})
export class PracticeModule {}
