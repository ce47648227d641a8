import { Controller, Get, Query } from '@nestjs/common';
import { ForumService, type ThreadRow } from './forum.service.js';
import { THREADS_PER_PAGE } from './forum-rules.js';

export interface ThreadListJson {
  page: number;
  pages: number;
  perPage: number;
  total: number;
  threads: Array<Omit<ThreadRow, 'author' | 'createdAt' | 'lastPostAt'> & { author: { name: string; staff: boolean }; createdAt: string; lastPostAt: string }>;
}

/** Read-only JSON. Rows are built from the same bylines as the pages: display names only. */
@Controller('api/forum')
export class ForumApiController {
  constructor(private readonly forum: ForumService) {}

  @Get('threads')
  async threads(@Query('category') category?: string, @Query('company') company?: string, @Query('page') page?: string): Promise<ThreadListJson> {
    const list = await this.forum.threads({ category: category || undefined, company: company || undefined, page });
    return {
      page: list.page,
      pages: list.pages,
      perPage: THREADS_PER_PAGE,
      total: list.total,
      threads: list.threads.map((t) => ({
        ...t,
        author: { name: t.author.name, staff: t.author.staff },
        createdAt: new Date(t.createdAt).toISOString(),
        lastPostAt: new Date(t.lastPostAt).toISOString(),
      })),
    };
  }
}
