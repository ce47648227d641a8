import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SessionUser } from '../../common/auth/access.js';
import { markdownToText, renderMarkdown } from '../../common/markdown/markdown.js';
import { AuditService } from '../moderation/audit.service.js';
import type { PostForm, ThreadForm, VoteForm } from './dto/forum.dto.js';
import { ForumCategory } from './entities/forum-category.entity.js';
import { ForumPost } from './entities/forum-post.entity.js';
import { ForumThread } from './entities/forum-thread.entity.js';
import { ForumVote, type VoteTarget, type VoteValue } from './entities/forum-vote.entity.js';
import { ForumError } from './forum.errors.js';
import { ForumEvents } from './forum-events.js';
import { ForumRepository } from './forum.repository.js';
import {
  canAccept,
  canDeletePost,
  canDeleteThread,
  canEdit,
  canReply,
  canVote,
  isStaff,
  pageOfPost,
  paging,
  POSTS_PER_PAGE,
  THREADS_PER_PAGE,
  toggleVote,
} from './forum-rules.js';
import { byline, quotePrefill, renderPostBody, type Byline } from './forum-view.js';

type Viewer = SessionUser | null;

export interface NamedLink {
  slug: string;
  name: string;
}

/** What the search indexer stores for a thread: plain text only, no author identity at all. */
export interface ForumSearchDoc {
  id: number;
  title: string;
  /** The opening post and the accepted answer as plain text. */
  bodyText: string;
  categorySlug: string;
  companySlug: string | null;
  createdAt: Date;
  url: string;
}

export interface CategoryCard extends NamedLink {
  description: string;
  url: string;
  threads: number;
  posts: number;
  latest: { title: string; url: string; author: Byline; at: Date } | null;
}

export interface ThreadRow {
  id: number;
  title: string;
  url: string;
  author: Byline;
  category: NamedLink;
  company: NamedLink | null;
  pinned: boolean;
  locked: boolean;
  answered: boolean;
  replies: number;
  score: number;
  createdAt: Date;
  lastPostAt: Date;
}

export interface ThreadList {
  category: (NamedLink & { description: string }) | null;
  company: NamedLink | null;
  threads: ThreadRow[];
  page: number;
  pages: number;
  total: number;
}

interface Votable {
  score: number;
  myVote: VoteValue | 0;
  canVote: boolean;
}

export interface PostView extends Votable {
  id: number;
  anchor: string;
  url: string;
  bodyHtml: string;
  author: Byline;
  createdAt: Date;
  editedAt: Date | null;
  isAccepted: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canAccept: boolean;
  canQuote: boolean;
}

export interface ThreadPage {
  thread: Votable & {
    id: number;
    title: string;
    url: string;
    bodyHtml: string;
    author: Byline;
    category: NamedLink;
    company: NamedLink | null;
    pinned: boolean;
    locked: boolean;
    replies: number;
    createdAt: Date;
    editedAt: Date | null;
  };
  can: { edit: boolean; delete: boolean; accept: boolean; moderate: boolean; reply: boolean };
  accepted: PostView | null;
  posts: PostView[];
  page: number;
  pages: number;
  /** Set when the page was opened from a "Quote" link: what the reply box starts with. */
  quote: { postId: number; authorName: string; prefill: string } | null;
}

export interface VoteResult {
  score: number;
  value: VoteValue | 0;
  url: string;
}

export const threadUrl = (id: number) => `/forum/t/${id}`;
export const categoryUrl = (slug: string) => `/forum/${slug}`;
const postHref = (threadId: number, postId: number, page: number) => `${threadUrl(threadId)}${page > 1 ? `?page=${page}` : ''}#post-${postId}`;

const notFound = (what: string) => new ForumError('not-found', `That ${what} does not exist or was removed.`);
const named = (entity: { slug: string; name: string } | null | undefined): NamedLink | null => (entity ? { slug: entity.slug, name: entity.name } : null);

/**
 * The forum's rules. Each write is: load, check permission, change inside one transaction, audit
 * staff actions on other people's content, and tell ForumEvents once the change has committed.
 */
@Injectable()
export class ForumService {
  private readonly logger = new Logger('Forum');

  constructor(
    private readonly repo: ForumRepository,
    private readonly events: ForumEvents,
    private readonly auditLog: AuditService,
  ) {}

  // ---------------------------------------------------------------- reading

  async categories(): Promise<CategoryCard[]> {
    const stats = await this.repo.categoryStats();
    return stats.map(({ category, threads, replies, latest }) => ({
      slug: category.slug,
      name: category.name,
      description: category.description,
      url: categoryUrl(category.slug),
      threads,
      posts: threads + replies,
      latest: latest ? { title: latest.title, url: threadUrl(latest.id), author: byline(latest.author), at: latest.lastPostAt } : null,
    }));
  }

  async categoryOptions(): Promise<NamedLink[]> {
    return (await this.repo.listCategories()).map((c) => ({ slug: c.slug, name: c.name }));
  }

  async companyOptions(): Promise<NamedLink[]> {
    return (await this.repo.activeCompanies()).map((c) => ({ slug: c.slug, name: c.name }));
  }

  /**
   * Threads of one category (or of all, for the API), optionally of one company. An unknown
   * category is a 404; an unknown company filter simply matches nothing.
   */
  async threads(filter: { category?: string; company?: string; page?: unknown }): Promise<ThreadList> {
    const category = filter.category ? await this.repo.findCategory(filter.category) : null;
    if (filter.category && !category) throw notFound('category');
    const about = category && { slug: category.slug, name: category.name, description: category.description };
    const company = filter.company ? await this.repo.findCompany(filter.company) : null;
    if (filter.company && !company) return { category: about, company: null, threads: [], page: 1, pages: 1, total: 0 };
    const query = { categoryId: category?.id, companyId: company?.id };
    const total = await this.repo.countThreads(query);
    const { page, pages, offset } = paging(filter.page, total, THREADS_PER_PAGE);
    const rows = await this.repo.listThreads({ ...query, offset, limit: THREADS_PER_PAGE });
    return {
      category: about,
      company: named(company),
      threads: rows.map((t) => this.toRow(t)),
      page,
      pages,
      total,
    };
  }

  private toRow(t: ForumThread): ThreadRow {
    return {
      id: t.id,
      title: t.title,
      url: threadUrl(t.id),
      author: byline(t.author),
      category: named(t.category)!,
      company: named(t.company),
      pinned: Boolean(t.pinned),
      locked: Boolean(t.locked),
      answered: t.acceptedPostId !== null,
      replies: t.replyCount,
      score: t.score,
      createdAt: t.createdAt,
      lastPostAt: t.lastPostAt,
    };
  }

  async threadPage(viewer: Viewer, id: number, requestedPage?: unknown, quoteId?: unknown): Promise<ThreadPage> {
    const thread = await this.repo.findThread(id);
    if (!thread) throw notFound('thread');
    const allIds = await this.repo.orderedPostIds(thread.id);
    const acceptedId = thread.acceptedPostId !== null && allIds.includes(thread.acceptedPostId) ? thread.acceptedPostId : null;
    // The accepted answer is shown once, right under the opening post, and left out of the
    // chronological list so every post has exactly one anchor.
    const listIds = allIds.filter((postId) => postId !== acceptedId);
    const { page, pages, offset } = paging(requestedPage, listIds.length, POSTS_PER_PAGE);
    const pageIds = listIds.slice(offset, offset + POSTS_PER_PAGE);
    const shownIds = page === 1 && acceptedId !== null ? [acceptedId, ...pageIds] : pageIds;

    const shown = await this.repo.postsByIds(shownIds);
    const byId = new Map(shown.map((p) => [p.id, p]));
    const quoteRequested = Number.parseInt(String(quoteId ?? ''), 10);
    const wanted = new Set(shown.map((p) => p.quotedPostId).filter((q): q is number => q !== null));
    if (allIds.includes(quoteRequested)) wanted.add(quoteRequested);
    for (const post of await this.repo.postsByIds([...wanted].filter((q) => !byId.has(q) && allIds.includes(q)))) byId.set(post.id, post);

    const votes = viewer ? await this.repo.viewerVotes(viewer.id, thread.id, shownIds) : new Map<string, VoteValue>();
    const locate = (postId: number) => (postId === acceptedId ? 1 : pageOfPost(listIds, postId));
    const href = (postId: number) => (shownIds.includes(postId) ? `#post-${postId}` : postHref(thread.id, postId, locate(postId)));

    const toView = (post: ForumPost): PostView => {
      const quoted = post.quotedPostId !== null ? byId.get(post.quotedPostId) : undefined;
      return {
        id: post.id,
        anchor: `post-${post.id}`,
        url: postHref(thread.id, post.id, locate(post.id)),
        bodyHtml: renderPostBody(post.body, quoted ? { postId: quoted.id, authorName: byline(quoted.author).name, href: href(quoted.id), body: quoted.body } : null),
        author: byline(post.author),
        createdAt: post.createdAt,
        editedAt: post.editedAt,
        score: post.score,
        myVote: votes.get(`post:${post.id}`) ?? 0,
        canVote: canVote(viewer, post),
        isAccepted: post.id === acceptedId,
        canEdit: canEdit(viewer, post, thread),
        canDelete: canDeletePost(viewer, post),
        canAccept: canAccept(viewer, thread),
        canQuote: canReply(viewer, thread),
      };
    };

    const quotedForReply = byId.get(quoteRequested);
    // Only matters when the viewer is the (non-staff) author, so the query is skipped for everyone else.
    const othersReplied = viewer?.id === thread.authorId && !isStaff(viewer) ? await this.repo.othersReplied(thread) : false;
    return {
      thread: {
        id: thread.id,
        title: thread.title,
        url: threadUrl(thread.id),
        bodyHtml: renderMarkdown(thread.body),
        author: byline(thread.author),
        category: named(thread.category)!,
        company: named(thread.company),
        pinned: Boolean(thread.pinned),
        locked: Boolean(thread.locked),
        replies: thread.replyCount,
        createdAt: thread.createdAt,
        editedAt: thread.editedAt,
        score: thread.score,
        myVote: votes.get(`thread:${thread.id}`) ?? 0,
        canVote: canVote(viewer, thread),
      },
      can: {
        edit: canEdit(viewer, thread, thread),
        delete: canDeleteThread(viewer, thread, othersReplied),
        accept: canAccept(viewer, thread),
        moderate: isStaff(viewer),
        reply: canReply(viewer, thread),
      },
      accepted: page === 1 && acceptedId !== null && byId.has(acceptedId) ? toView(byId.get(acceptedId)!) : null,
      posts: pageIds.map((postId) => byId.get(postId)).filter((p): p is ForumPost => p !== undefined).map(toView),
      page,
      pages,
      quote: quotedForReply ? { postId: quotedForReply.id, authorName: byline(quotedForReply.author).name, prefill: quotePrefill(quotedForReply.body) } : null,
    };
  }

  /** Where a reply is shown: its page and anchor (the accepted answer sits on page 1). */
  async postUrl(threadId: number, postId: number): Promise<string> {
    const thread = await this.repo.dataSource.getRepository(ForumThread).findOneBy({ id: threadId });
    const ids = (await this.repo.orderedPostIds(threadId)).filter((id) => id !== thread?.acceptedPostId);
    return postHref(threadId, postId, postId === thread?.acceptedPostId ? 1 : pageOfPost(ids, postId));
  }

  async permalink(postId: number): Promise<string> {
    const post = await this.repo.findPost(postId);
    if (!post) throw notFound('reply');
    return this.postUrl(post.threadId, post.id);
  }

  /** The current values of a thread for its edit form; refuses people who may not edit it. */
  async threadForEdit(viewer: Viewer, id: number): Promise<{ thread: ForumThread; values: Record<string, unknown> }> {
    const thread = await this.repo.findThread(id);
    if (!thread) throw notFound('thread');
    this.assertCanEdit(viewer, thread, thread);
    return { thread, values: { title: thread.title, body: thread.body, category: thread.category?.slug ?? '', company: thread.company?.slug ?? '' } };
  }

  async postForEdit(viewer: Viewer, id: number): Promise<{ post: ForumPost; thread: ForumThread }> {
    const post = await this.repo.findPost(id);
    if (!post) throw notFound('reply');
    const thread = (await this.repo.findThread(post.threadId))!;
    this.assertCanEdit(viewer, post, thread);
    return { post, thread };
  }

  /** Plain-text documents for the search index (all threads, or just `threadIds`; removed ones are absent). */
  async forSearch(threadIds?: number[]): Promise<ForumSearchDoc[]> {
    if (threadIds && threadIds.length === 0) return [];
    const threads = await this.repo.threadsForSearch(threadIds);
    const accepted = await this.repo.postsByIds(threads.map((t) => t.acceptedPostId).filter((id): id is number => id !== null));
    const answers = new Map(accepted.map((p) => [p.id, p]));
    return threads.map((t) => {
      const answer = t.acceptedPostId !== null ? answers.get(t.acceptedPostId) : undefined;
      return {
        id: t.id,
        title: t.title,
        bodyText: [markdownToText(t.body), answer && answer.threadId === t.id ? markdownToText(answer.body) : ''].filter(Boolean).join('\n\n'),
        categorySlug: t.category!.slug,
        companySlug: t.company?.slug ?? null,
        createdAt: t.createdAt,
        url: threadUrl(t.id),
      };
    });
  }

  // ---------------------------------------------------------------- writing

  async createThread(viewer: SessionUser, form: ThreadForm): Promise<{ id: number; url: string }> {
    const { categoryId, companyId } = await this.resolvePlace(form);
    const now = new Date();
    const saved = await this.repo.dataSource.getRepository(ForumThread).save({
      categoryId,
      companyId,
      authorId: viewer.id,
      title: form.title,
      body: form.body,
      pinned: false,
      locked: false,
      acceptedPostId: null,
      replyCount: 0,
      lastPostAt: now,
      score: 0,
      editedAt: null,
      createdAt: now,
    });
    await this.changed(saved.id);
    return { id: saved.id, url: threadUrl(saved.id) };
  }

  async editThread(viewer: SessionUser, id: number, form: ThreadForm): Promise<{ url: string }> {
    const { categoryId, companyId } = await this.resolvePlace(form);
    await this.repo.transaction(async (tx) => {
      const thread = await this.repo.lockThread(tx, id);
      if (!thread) throw notFound('thread');
      this.assertCanEdit(viewer, thread, thread);
      await tx.getRepository(ForumThread).update({ id }, { title: form.title, body: form.body, categoryId, companyId, editedAt: new Date() });
      await this.auditIfStaffOnOthers(tx, viewer, thread.authorId, 'forum.thread.edit', 'thread', id);
    });
    await this.changed(id);
    return { url: threadUrl(id) };
  }

  async deleteThread(viewer: SessionUser, id: number): Promise<{ categoryUrl: string }> {
    const slug = await this.repo.transaction(async (tx) => {
      const thread = await this.repo.lockThread(tx, id);
      if (!thread) throw notFound('thread');
      if (!canDeleteThread(viewer, thread, await this.repo.othersReplied(thread, tx))) {
        throw new ForumError(
          'forbidden',
          viewer.id === thread.authorId
            ? 'Others have replied to this thread, so it can no longer be deleted. Ask a placement officer if it must go.'
            : 'Only the author or a placement officer can delete this thread.',
        );
      }
      const postIds = await this.repo.orderedPostIds(id, tx);
      await this.repo.deleteVotes(tx, 'post', postIds);
      await this.repo.deleteVotes(tx, 'thread', [id]);
      await tx.getRepository(ForumPost).delete({ threadId: id });
      await tx.getRepository(ForumThread).delete({ id });
      await this.auditIfStaffOnOthers(tx, viewer, thread.authorId, 'forum.thread.delete', 'thread', id, thread.title);
      return (await tx.getRepository(ForumCategory).findOneBy({ id: thread.categoryId }))?.slug ?? '';
    });
    await this.notify(() => this.events.onThreadRemoved(id), id);
    return { categoryUrl: slug ? categoryUrl(slug) : '/forum' };
  }

  async reply(viewer: SessionUser, threadId: number, form: PostForm): Promise<{ id: number; url: string }> {
    const id = await this.repo.transaction(async (tx) => {
      const thread = await this.repo.lockThread(tx, threadId);
      if (!thread) throw notFound('thread');
      if (thread.locked) throw new ForumError('locked', 'This thread is locked, so it no longer takes replies.', 'body');
      if (form.quotedPostId !== null) {
        const quoted = await tx.getRepository(ForumPost).findOneBy({ id: form.quotedPostId });
        if (!quoted || quoted.threadId !== threadId) throw new ForumError('invalid', 'You can only quote a reply from this thread.', 'quotedPostId');
      }
      const now = new Date();
      const post = await tx.getRepository(ForumPost).save({
        threadId,
        authorId: viewer.id,
        body: form.body,
        quotedPostId: form.quotedPostId,
        score: 0,
        editedAt: null,
        createdAt: now,
      });
      // One statement, so replies arriving together never lose a count.
      await tx
        .getRepository(ForumThread)
        .createQueryBuilder()
        .update()
        .set({ replyCount: () => 'reply_count + 1', lastPostAt: now })
        .where('id = :threadId', { threadId })
        .execute();
      return post.id;
    });
    await this.changed(threadId);
    return { id, url: await this.postUrl(threadId, id) };
  }

  async editPost(viewer: SessionUser, postId: number, body: string): Promise<{ url: string }> {
    const threadId = await this.repo.transaction(async (tx) => {
      const post = await this.repo.lockPost(tx, postId);
      if (!post) throw notFound('reply');
      const thread = (await tx.getRepository(ForumThread).findOneBy({ id: post.threadId }))!;
      this.assertCanEdit(viewer, post, thread);
      await tx.getRepository(ForumPost).update({ id: postId }, { body, editedAt: new Date() });
      await this.auditIfStaffOnOthers(tx, viewer, post.authorId, 'forum.post.edit', 'post', postId);
      return post.threadId;
    });
    await this.changed(threadId);
    return { url: await this.postUrl(threadId, postId) };
  }

  async deletePost(viewer: SessionUser, postId: number): Promise<{ url: string }> {
    const threadId = await this.repo.transaction(async (tx) => {
      const post = await this.repo.lockPost(tx, postId);
      if (!post) throw notFound('reply');
      if (!canDeletePost(viewer, post)) throw new ForumError('forbidden', 'Only the author or a placement officer can delete this reply.');
      const thread = (await this.repo.lockThread(tx, post.threadId))!;
      await this.repo.deleteVotes(tx, 'post', [postId]);
      // Replies that quoted it keep their words but lose the link to a post that is gone.
      await tx.getRepository(ForumPost).update({ quotedPostId: postId }, { quotedPostId: null });
      if (thread.acceptedPostId === postId) await tx.getRepository(ForumThread).update({ id: thread.id }, { acceptedPostId: null });
      await tx.getRepository(ForumPost).delete({ id: postId });
      await this.repo.refreshActivity(tx, thread);
      await this.auditIfStaffOnOthers(tx, viewer, post.authorId, 'forum.post.delete', 'post', postId, post.body.slice(0, 500));
      return thread.id;
    });
    await this.changed(threadId);
    return { url: threadUrl(threadId) };
  }

  /** Marks `postId` as the answer (or, with null, clears it). Only a reply of this very thread qualifies. */
  async accept(viewer: SessionUser, threadId: number, postId: number | null): Promise<{ url: string }> {
    await this.repo.transaction(async (tx) => {
      const thread = await this.repo.lockThread(tx, threadId);
      if (!thread) throw notFound('thread');
      if (!canAccept(viewer, thread)) throw new ForumError('forbidden', 'Only the person who asked, or a placement officer, can choose the accepted answer.');
      if (postId !== null) {
        const post = await tx.getRepository(ForumPost).findOneBy({ id: postId });
        if (!post || post.threadId !== threadId) throw new ForumError('not-found', 'That reply is not part of this thread.');
      }
      await tx.getRepository(ForumThread).update({ id: threadId }, { acceptedPostId: postId });
      await this.auditIfStaffOnOthers(tx, viewer, thread.authorId, postId === null ? 'forum.unaccept' : 'forum.accept', 'thread', threadId, postId === null ? null : `post ${postId}`);
    });
    await this.changed(threadId);
    return { url: postId === null ? threadUrl(threadId) : postHref(threadId, postId, 1) };
  }

  /** Pin or lock (staff only): pinned threads stay on top of their category; locked ones take no replies. */
  async moderate(viewer: SessionUser, threadId: number, change: { pinned?: boolean; locked?: boolean }): Promise<{ url: string }> {
    if (!isStaff(viewer)) throw new ForumError('forbidden', 'Only placement officers can pin or lock threads.');
    await this.repo.transaction(async (tx) => {
      const thread = await this.repo.lockThread(tx, threadId);
      if (!thread) throw notFound('thread');
      await tx.getRepository(ForumThread).update({ id: threadId }, change);
      const action = change.pinned !== undefined ? (change.pinned ? 'forum.pin' : 'forum.unpin') : change.locked ? 'forum.lock' : 'forum.unlock';
      await this.audit(tx, viewer, action, 'thread', threadId, thread.title);
    });
    return { url: threadUrl(threadId) };
  }

  /**
   * Casts, switches or withdraws a vote and moves the target's score by the same amount in one
   * transaction. The target row is locked first on MySQL, so one person's double click cannot
   * count twice, and the score itself changes with `score = score + delta`.
   */
  async vote(viewer: SessionUser, form: VoteForm): Promise<VoteResult> {
    const result = await this.repo.transaction(async (tx) => {
      const target = await this.lockTarget(tx, form.targetType, form.targetId);
      if (!target) throw notFound(form.targetType === 'thread' ? 'thread' : 'reply');
      if (!canVote(viewer, target)) throw new ForumError('forbidden', 'You cannot vote on your own post.');
      const existing = await this.repo.findVote(tx, viewer.id, form.targetType, form.targetId);
      const { value, delta } = toggleVote(existing ? (Number(existing.value) as VoteValue) : 0, form.value);
      const votes = tx.getRepository(ForumVote);
      if (existing && value === 0) await votes.delete({ id: existing.id });
      else if (existing) await votes.update({ id: existing.id }, { value: value as VoteValue });
      else await votes.insert({ userId: viewer.id, targetType: form.targetType, targetId: form.targetId, value: value as VoteValue });
      const score = delta === 0 ? Number(target.score) : await this.repo.addToScore(tx, form.targetType, form.targetId, delta);
      return { score, value, threadId: target.threadId };
    });
    const url = form.targetType === 'thread' ? `${threadUrl(result.threadId)}#thread` : await this.postUrl(result.threadId, form.targetId);
    return { score: result.score, value: result.value, url };
  }

  // ---------------------------------------------------------------- helpers

  private async lockTarget(tx: EntityManager, type: VoteTarget, id: number): Promise<{ authorId: number; score: number; threadId: number } | null> {
    if (type === 'thread') {
      const thread = await this.repo.lockThread(tx, id);
      return thread && { authorId: thread.authorId, score: thread.score, threadId: thread.id };
    }
    const post = await this.repo.lockPost(tx, id);
    return post && { authorId: post.authorId, score: post.score, threadId: post.threadId };
  }

  private async resolvePlace(form: ThreadForm): Promise<{ categoryId: number; companyId: number | null }> {
    const category = await this.repo.findCategory(form.category);
    if (!category) throw new ForumError('invalid', 'Choose one of the categories.', 'category');
    if (!form.company) return { categoryId: category.id, companyId: null };
    const company = await this.repo.findActiveCompany(form.company);
    if (!company) throw new ForumError('invalid', 'Choose a company from the list, or leave it empty.', 'company');
    return { categoryId: category.id, companyId: company.id };
  }

  private assertCanEdit(viewer: Viewer, content: { authorId: number }, thread: { locked: boolean }): void {
    if (canEdit(viewer, content, thread)) return;
    if (viewer?.id === content.authorId) throw new ForumError('locked', 'This thread is locked, so its posts can no longer be edited.');
    throw new ForumError('forbidden', 'Only the author or a placement officer can edit this.');
  }

  private async auditIfStaffOnOthers(tx: EntityManager, viewer: SessionUser, authorId: number, action: string, targetType: 'thread' | 'post', targetId: number, detail: string | null = null): Promise<void> {
    if (viewer.id !== authorId && isStaff(viewer)) await this.audit(tx, viewer, action, targetType, targetId, detail);
  }

  private async audit(tx: EntityManager, viewer: SessionUser, action: string, targetType: 'thread' | 'post', targetId: number, detail: string | null): Promise<void> {
    await this.auditLog.record(tx, { actorId: viewer.id, action, targetType, targetId, detail });
  }

  private changed(threadId: number): Promise<void> {
    return this.notify(() => this.events.onThreadChanged(threadId), threadId);
  }

  /** The user's change has committed; a failing listener (e.g. search down) is logged, not thrown. */
  private async notify(hook: () => Promise<void>, threadId: number): Promise<void> {
    try {
      await hook();
    } catch (error) {
      this.logger.warn(`forum event for thread ${threadId} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
