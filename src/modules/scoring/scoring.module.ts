import { Global, Module } from '@nestjs/common';
import { ScoringService } from './scoring.service.js';

/** Global: the health check reads the pool's state, and practice sessions score through it. */
@Global()
@Module({ providers: [ScoringService], exports: [ScoringService] })
export class ScoringModule {}
