import { HttpException, HttpStatus, Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { QuestionsModule } from '../questions/questions.module.js';
import { UPLOAD_MAX_BYTES } from './dto/practice.dto.js';
import { PracticeController } from './practice.controller.js';
import { PracticeScorer } from './practice-scorer.js';
import { PracticeService } from './practice.service.js';

/** Refuses an upload by its declared size before multer buffers any of it. */
export function uploadSizeGuard(req: Request, _res: Response, next: NextFunction): void {
  const declared = Number(req.get('content-length'));
  if (!req.get('content-length') || !Number.isFinite(declared)) return next(new HttpException('Send the recording with its length (Content-Length).', HttpStatus.LENGTH_REQUIRED));
  if (declared > UPLOAD_MAX_BYTES) return next(new HttpException(`The recording is too large (at most ${UPLOAD_MAX_BYTES / 1024 / 1024} MB). Please record a shorter answer.`, HttpStatus.PAYLOAD_TOO_LARGE));
  next();
}

/** Mock interviews on harvested questions (typed or recorded answers), scored on the scoring pool (ScoringModule, global). */
@Module({
  imports: [QuestionsModule],
  controllers: [PracticeController],
  providers: [PracticeService, PracticeScorer],
})
export class PracticeModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(uploadSizeGuard).forRoutes({ path: 'practice/:id/answers/:position/recording', method: RequestMethod.POST });
  }
}
