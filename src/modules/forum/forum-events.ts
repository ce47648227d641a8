import { Injectable } from '@nestjs/common';

/**
 * Called by ForumService after a thread's searchable content changed (created, edited, replied to,
 * answer accepted, post deleted) or after a thread was removed — always after the change committed.
 *
 * It does nothing on purpose: the forum must not depend on the search feature, so the search
 * indexer supplies its own implementation (a subclass bound to this token in ForumModule) and pulls
 * fresh documents with `ForumService.forSearch([threadId])`. A failing hook is logged by the caller
 * and never undoes or fails the user's action.
 */
@Injectable()
export class ForumEvents {
  async onThreadChanged(_threadId: number): Promise<void> {}

  async onThreadRemoved(_threadId: number): Promise<void> {}
}
