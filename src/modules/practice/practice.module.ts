import { HttpException, HttpStatus, Injectable, Module, RequestMethod, type MiddlewareConsumer, type NestMiddleware, type NestModule } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { SessionUser } from '../../common/auth/access.js';
import { RateLimitService, type RateLimitRule } from '../../common/rate-limit/rate-limit.service.js';
import { QuestionsModule } from '../questions/questions.module.js';
import { UPLOAD_MAX_BYTES } from './dto/practice.dto.js';
import { PracticeController, SharedReportController } from './practice.controller.js';
import { PracticeScorer } from './practice-scorer.js';
import { PracticeService } from './practice.service.js';

/** Recordings per member per hour: a 10-question session with every answer re-recorded twice is 30. */
export const RECORDING_UPLOAD_LIMIT: RateLimitRule = { name: 'practice-upload', limit: 120, windowMs: 60 * 60_000 };

/**
 * Runs before multer reads anything: refuses an upload by its declared size, and members who send
 * far more recordings than practice needs (each one costs disk and a transcription).
 */
@Injectable()
export class RecordingUploadGuard implements NestMiddleware {
  constructor(private readonly limiter: RateLimitService) {}

  async use(req: Request, _res: Response, next: NextFunction): Promise<void> {
    const declared = Number(req.get('content-length'));
    if (!req.get('content-length') || !Number.isFinite(declared)) return next(new HttpException('Send the recording with its length (Content-Length).', HttpStatus.LENGTH_REQUIRED));
    if (declared > UPLOAD_MAX_BYTES) return next(new HttpException(`The recording is too large (at most ${UPLOAD_MAX_BYTES / 1024 / 1024} MB). Please record a shorter answer.`, HttpStatus.PAYLOAD_TOO_LARGE));
    const user = req.user as SessionUser | undefined;
    // Signed-out requests go on to the route's guard, which answers them.
    const wait = user ? await this.limiter.hit(RECORDING_UPLOAD_LIMIT, `user:${user.id}`) : 0;
    if (wait > 0) return next(new HttpException(`You have sent many recordings in the last hour. Please try again in ${Math.ceil(wait / 60)} minutes.`, HttpStatus.TOO_MANY_REQUESTS));
    next();
  }
}

/** Mock interviews on harvested questions (typed or recorded answers), scored on the scoring pool (ScoringModule, global). */
@Module({
  imports: [QuestionsModule],
  controllers: [PracticeController, SharedReportController],
  providers: [PracticeService, PracticeScorer],
})
export class PracticeModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RecordingUploadGuard).forRoutes({ path: 'practice/:id/answers/:position/recording', method: RequestMethod.POST });
  }
}
