import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import express from 'express';
import { QuestionsModule } from '../questions/questions.module.js';
import { RECORDING_MAX_BYTES } from './dto/practice.dto.js';
import { PracticeController } from './practice.controller.js';
import { PracticeScorer } from './practice-scorer.js';
import { PracticeService } from './practice.service.js';

/** Mock interviews on harvested questions (typed or recorded answers), scored on the scoring pool (ScoringModule, global). */
@Module({
  imports: [QuestionsModule],
  controllers: [PracticeController],
  providers: [PracticeService, PracticeScorer],
})
export class PracticeModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Recordings arrive as the raw request body; the controller checks the Content-Type.
    consumer
      .apply(express.raw({ type: () => true, limit: RECORDING_MAX_BYTES }))
      .forRoutes({ path: 'practice/:id/answers/:position/recording', method: RequestMethod.POST });
  }
}
