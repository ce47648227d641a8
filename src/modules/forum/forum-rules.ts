import type { SessionUser } from '../../common/auth/access.js';
import type { VoteValue } from './entities/forum-vote.entity.js';

// Pure rules of the forum, kept free of Nest and the database so they can be unit-tested and so
// the service, the views and the API all ask the same questions.

export const THREADS_PER_PAGE = 20;
export const POSTS_PER_PAGE = 30;

type Viewer = Pick<SessionUser, 'id' | 'role'> | null;

export function isStaff(viewer: Viewer): boolean {
  return viewer !== null && (viewer.role === 'officer' || viewer.role === 'admin');
}

/** Authors may edit their own words until a thread is locked; staff may always (e.g. to redact). */
export function canEdit(viewer: Viewer, content: { authorId: number }, thread: { locked: boolean }): boolean {
  if (isStaff(viewer)) return true;
  return viewer !== null && viewer.id === content.authorId && !thread.locked;
}

export function canDeletePost(viewer: Viewer, post: { authorId: number }): boolean {
  return isStaff(viewer) || (viewer !== null && viewer.id === post.authorId);
}

/**
 * Staff may remove any thread. Its author may remove it only while nobody else has replied, so one
 * person cannot take other people's answers down with their question.
 */
export function canDeleteThread(viewer: Viewer, thread: { authorId: number }, othersReplied: boolean): boolean {
  if (isStaff(viewer)) return true;
  return viewer !== null && viewer.id === thread.authorId && !othersReplied;
}

export function canAccept(viewer: Viewer, thread: { authorId: number }): boolean {
  return isStaff(viewer) || (viewer !== null && viewer.id === thread.authorId);
}

export function canVote(viewer: Viewer, content: { authorId: number }): boolean {
  return viewer !== null && viewer.id !== content.authorId;
}

export function canReply(viewer: Viewer, thread: { locked: boolean }): boolean {
  return viewer !== null && !thread.locked;
}

/**
 * Voting is a toggle: the same vote again withdraws it, the opposite vote replaces it. Returns the
 * vote to store (0 = none) and how much the target's score changes.
 */
export function toggleVote(current: VoteValue | 0, requested: VoteValue): { value: VoteValue | 0; delta: number } {
  const value: VoteValue | 0 = current === requested ? 0 : requested;
  return { value, delta: value - current };
}

/** Clamps a requested page into 1..pages (pages is at least 1, so an empty list still has page 1). */
export function paging(requested: unknown, total: number, perPage: number): { page: number; pages: number; offset: number } {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const asked = Number.parseInt(String(requested ?? '1'), 10);
  const page = Math.min(pages, Math.max(1, Number.isFinite(asked) ? asked : 1));
  return { page, pages, offset: (page - 1) * perPage };
}

/** The page a reply sits on, given the thread's reply ids in display order. */
export function pageOfPost(orderedIds: readonly number[], postId: number): number {
  const index = orderedIds.indexOf(postId);
  return index < 0 ? 1 : Math.floor(index / POSTS_PER_PAGE) + 1;
}
