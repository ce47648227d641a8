import { Module } from '@nestjs/common';
import { ExperiencesModule } from '../experiences/experiences.module.js';
import { AuditService } from './audit.service.js';
import { ModerationController } from './moderation.controller.js';
import { ModerationService } from './moderation.service.js';

@Module({
  imports: [ExperiencesModule],
  controllers: [ModerationController],
  providers: [ModerationService, AuditService],
  exports: [AuditService],
})
export class ModerationModule {}
