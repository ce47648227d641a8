import { Module } from '@nestjs/common';
import { AuditService } from '../moderation/audit.service.js';
import { ForumApiController } from './forum-api.controller.js';
import { ForumController } from './forum.controller.js';
import { ForumEvents } from './forum-events.js';
import { ForumSearchEvents, ForumSearchSource } from './forum-search.source.js';
import { ForumRepository } from './forum.repository.js';
import { ForumService } from './forum.service.js';

@Module({
  controllers: [ForumApiController, ForumController],
  // AuditService is provided here rather than by importing ModerationModule, so moderation can later
  // depend on the forum (to act on flagged posts) without a module cycle; it only needs the DataSource.
  providers: [ForumRepository, ForumService, { provide: ForumEvents, useClass: ForumSearchEvents }, ForumSearchSource, AuditService],
  exports: [ForumService, ForumEvents],
})
export class ForumModule {}
