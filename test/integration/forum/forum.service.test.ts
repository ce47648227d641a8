import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import type { SessionUser } from '../../../src/common/auth/access.js';
import { openDataSource, runMigrations } from '../../../src/database/data-source.js';
import type { User } from '../../../src/modules/accounts/entities/user.entity.js';
import { ForumPost } from '../../../src/modules/forum/entities/forum-post.entity.js';
import { ForumThread } from '../../../src/modules/forum/entities/forum-thread.entity.js';
import { ForumVote } from '../../../src/modules/forum/entities/forum-vote.entity.js';
import { ForumError } from '../../../src/modules/forum/forum.errors.js';
import { ForumEvents } from '../../../src/modules/forum/forum-events.js';
import { ForumRepository } from '../../../src/modules/forum/forum.repository.js';
import { ForumService } from '../../../src/modules/forum/forum.service.js';
import { POSTS_PER_PAGE } from '../../../src/modules/forum/forum-rules.js';
import { AuditService } from '../../../src/modules/moderation/audit.service.js';
import { AuditLog } from '../../../src/modules/moderation/entities/audit-log.entity.js';
import { createCompany } from '../../factories/content.js';
import { createCategory, createPost, createThread } from '../../factories/forum.js';
import { createUser } from '../../factories/users.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../support/databases.js';

/** Records what the search indexer would be told. */
class RecordingEvents extends ForumEvents {
  readonly calls: string[] = [];
  override async onThreadChanged(threadId: number) {
    this.calls.push(`changed:${threadId}`);
  }
  override async onThreadRemoved(threadId: number) {
    this.calls.push(`removed:${threadId}`);
  }
}

const session = (user: User): SessionUser => ({ id: user.id, email: user.email, displayName: user.displayName, role: user.role, emailVerified: true });

async function refusal(promise: Promise<unknown>): Promise<ForumError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ForumError) return error;
    throw error;
  }
  throw new Error('expected a ForumError');
}

describe.each(DIALECTS)('forum service on %s', (dialect) => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let forum: ForumService;
  let events: RecordingEvents;
  let author: SessionUser;
  let student: SessionUser;
  let officer: SessionUser;
  let category: { id: number; slug: string };

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    dataSource = await openDataSource(db.config);
    await runMigrations(dataSource);
    events = new RecordingEvents();
    forum = new ForumService(new ForumRepository(dataSource), events, new AuditService(dataSource));
    author = session(await createUser(dataSource, 'student'));
    student = session(await createUser(dataSource, 'student'));
    officer = session(await createUser(dataSource, 'officer'));
    category = await createCategory(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const threadForm = (overrides: Record<string, unknown> = {}) => ({
    title: 'Online test pattern for the analyst role',
    body: 'What sections were in the online test, and how long was each one?',
    category: category.slug,
    company: null,
    ...overrides,
  });

  it('creates threads in a category, with an optional active company, and lists pinned first then by activity', async () => {
    const company = await createCompany(dataSource, 'active');
    const pending = await createCompany(dataSource, 'pending');
    const listCategory = await createCategory(dataSource);
    const first = await forum.createThread(author, threadForm({ category: listCategory.slug, company: company.slug }));
    const second = await forum.createThread(author, threadForm({ category: listCategory.slug, title: 'Second thread, about resumes' }));
    const pinned = await createThread(dataSource, officer, listCategory, 'pinned', { lastPostAt: new Date(Date.UTC(2020, 0, 1)) });
    expect(events.calls).toContain(`changed:${first.id}`);

    const list = await forum.threads({ category: listCategory.slug });
    expect(list.threads.map((t) => t.id)).toEqual([pinned.id, second.id, first.id]);
    expect(list.threads[0]!.pinned).toBe(true);
    expect(list.threads[2]!.company).toEqual({ slug: company.slug, name: company.name });

    const filtered = await forum.threads({ category: listCategory.slug, company: company.slug });
    expect(filtered.threads.map((t) => t.id)).toEqual([first.id]);
    expect((await forum.threads({ category: listCategory.slug, company: 'no-such-company' })).threads).toEqual([]);

    const unknownCategory = await refusal(forum.createThread(author, threadForm({ category: 'nope' })));
    expect([unknownCategory.code, unknownCategory.field]).toEqual(['invalid', 'category']);
    const pendingCompany = await refusal(forum.createThread(author, threadForm({ company: pending.slug })));
    expect([pendingCompany.code, pendingCompany.field]).toEqual(['invalid', 'company']);
    expect((await refusal(forum.threads({ category: 'nope' }))).code).toBe('not-found');

    const cards = await forum.categories();
    const card = cards.find((c) => c.slug === listCategory.slug)!;
    expect(card.threads).toBe(3);
    expect(card.latest?.title).toBe('Second thread, about resumes');
  });

  it('replies, quotes only within the same thread, and renders the quote with its author and anchor', async () => {
    const { id } = await forum.createThread(author, threadForm());
    const other = await forum.createThread(author, threadForm({ title: 'Another thread entirely' }));
    const first = await forum.reply(student, id, { body: 'Three sections: **aptitude**, coding and English.', quotedPostId: null });
    const elsewhere = await forum.reply(student, other.id, { body: 'A reply in another thread.', quotedPostId: null });

    const quoted = await forum.reply(author, id, { body: '> Three sections\n\nThanks, how long was coding?', quotedPostId: first.id });
    expect(quoted.url).toBe(`/forum/t/${id}#post-${quoted.id}`);
    const across = await refusal(forum.reply(author, id, { body: 'Quoting another thread', quotedPostId: elsewhere.id }));
    expect([across.code, across.field]).toEqual(['invalid', 'quotedPostId']);

    const thread = await dataSource.getRepository(ForumThread).findOneByOrFail({ id });
    expect(thread.replyCount).toBe(2);

    const page = await forum.threadPage(author, id, 1, first.id);
    const quotedView = page.posts.find((p) => p.id === quoted.id)!;
    expect(quotedView.bodyHtml).toContain(`<a href="#post-${first.id}">${student.displayName} wrote</a>`);
    expect(page.quote).toEqual({ postId: first.id, authorName: student.displayName, prefill: '> Three sections: aptitude, coding and English.\n\n' });
    expect(JSON.stringify(page)).not.toContain('@college.test');
  });

  it('accepts an answer (asker or staff, only a reply of that thread) and shows it first, marked', async () => {
    const { id } = await forum.createThread(author, threadForm());
    const early = await forum.reply(student, id, { body: 'An early reply.', quotedPostId: null });
    const best = await forum.reply(officer, id, { body: 'The **best** answer.', quotedPostId: null });
    const elsewhere = await forum.createThread(author, threadForm());
    const foreign = await forum.reply(student, elsewhere.id, { body: 'Not in this thread.', quotedPostId: null });

    expect((await refusal(forum.accept(student, id, best.id))).code).toBe('forbidden');
    expect((await refusal(forum.accept(author, id, foreign.id))).code).toBe('not-found');
    await forum.accept(author, id, best.id);

    const page = await forum.threadPage(null, id, 1);
    expect(page.accepted?.id).toBe(best.id);
    expect(page.accepted?.isAccepted).toBe(true);
    expect(page.posts.map((p) => p.id)).toEqual([early.id]);

    const [doc] = await forum.forSearch([id]);
    expect(doc).toMatchObject({ id, categorySlug: category.slug, companySlug: null, url: `/forum/t/${id}` });
    expect(doc!.bodyText).toContain('The best answer.');
    expect(doc!.bodyText).toContain('What sections were in the online test');

    await forum.accept(officer, id, null);
    expect((await forum.threadPage(null, id, 1)).accepted).toBeNull();
    const audit = await dataSource.getRepository(AuditLog).findBy({ actorId: officer.id, targetId: id, action: 'forum.unaccept' });
    expect(audit).toHaveLength(1);
  });

  it('refuses replies to a locked thread, and lets only staff edit inside it', async () => {
    const { id } = await forum.createThread(author, threadForm());
    const post = await forum.reply(student, id, { body: 'Before the lock.', quotedPostId: null });
    await forum.moderate(officer, id, { locked: true });

    const refused = await refusal(forum.reply(student, id, { body: 'After the lock.', quotedPostId: null }));
    expect(refused.code).toBe('locked');
    expect(refused.message).toBe('This thread is locked, so it no longer takes replies.');
    expect((await refusal(forum.editPost(student, post.id, 'Changed after the lock.'))).code).toBe('locked');
    await forum.editPost(officer, post.id, 'Redacted by the placement office.');
    expect((await refusal(forum.moderate(author, id, { locked: false }))).code).toBe('forbidden');

    await forum.moderate(officer, id, { locked: false });
    await forum.reply(student, id, { body: 'After the unlock.', quotedPostId: null });
    expect((await dataSource.getRepository(ForumThread).findOneByOrFail({ id })).replyCount).toBe(2);
    const actions = (await dataSource.getRepository(AuditLog).findBy({ targetId: id, targetType: 'thread' })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['forum.lock', 'forum.unlock']));
  });

  it('toggles votes, refuses votes on one’s own content, and keeps the score equal to the votes', async () => {
    const { id } = await forum.createThread(author, threadForm());
    const post = await forum.reply(student, id, { body: 'Vote on me.', quotedPostId: null });

    expect(await forum.vote(author, { targetType: 'post', targetId: post.id, value: 1 })).toMatchObject({ score: 1, value: 1 });
    expect(await forum.vote(author, { targetType: 'post', targetId: post.id, value: 1 })).toMatchObject({ score: 0, value: 0 });
    expect(await forum.vote(author, { targetType: 'post', targetId: post.id, value: -1 })).toMatchObject({ score: -1, value: -1 });
    const switched = await forum.vote(author, { targetType: 'post', targetId: post.id, value: 1 });
    expect(switched).toMatchObject({ score: 1, value: 1, url: `/forum/t/${id}#post-${post.id}` });
    expect(await forum.vote(student, { targetType: 'thread', targetId: id, value: 1 })).toMatchObject({ score: 1, url: `/forum/t/${id}#thread` });

    expect((await refusal(forum.vote(student, { targetType: 'post', targetId: post.id, value: 1 }))).code).toBe('forbidden');
    expect((await refusal(forum.vote(author, { targetType: 'thread', targetId: id, value: 1 }))).code).toBe('forbidden');
    expect((await refusal(forum.vote(author, { targetType: 'post', targetId: 999_999, value: 1 }))).code).toBe('not-found');

    const page = await forum.threadPage(author, id, 1);
    expect(page.posts[0]).toMatchObject({ score: 1, myVote: 1, canVote: true });
    expect(page.thread).toMatchObject({ score: 1, myVote: 0, canVote: false });
  });

  it('keeps scores exact under concurrent votes from many people (and double clicks)', async () => {
    const owner = session(await createUser(dataSource, 'student'));
    const { id } = await forum.createThread(owner, threadForm());
    const post = await forum.reply(owner, id, { body: 'Popular reply.', quotedPostId: null });
    const voters = await Promise.all(Array.from({ length: 12 }, async () => session(await createUser(dataSource, 'student'))));
    const target = { targetType: 'post' as const, targetId: post.id };

    await Promise.all(voters.map((v) => forum.vote(v, { ...target, value: 1 })));
    expect((await dataSource.getRepository(ForumPost).findOneByOrFail({ id: post.id })).score).toBe(12);

    // Six switch to a downvote, three withdraw, and one person double-clicks.
    await Promise.all([
      ...voters.slice(0, 6).map((v) => forum.vote(v, { ...target, value: -1 })),
      ...voters.slice(6, 9).map((v) => forum.vote(v, { ...target, value: 1 })),
      forum.vote(voters[9]!, { ...target, value: -1 }),
      forum.vote(voters[9]!, { ...target, value: -1 }),
      // Thread votes at the same time must not disturb the reply's score.
      ...voters.slice(0, 4).map((v) => forum.vote(v, { targetType: 'thread', targetId: id, value: 1 })),
    ]);

    const votes = await dataSource.getRepository(ForumVote).findBy({ targetType: 'post', targetId: post.id });
    const sum = votes.reduce((total, v) => total + Number(v.value), 0);
    const score = (await dataSource.getRepository(ForumPost).findOneByOrFail({ id: post.id })).score;
    expect(score).toBe(sum);
    // 12 − 6×2 (switches) − 3 (withdrawals) − 1: voter 9's two −1 requests run one after the other,
    // switching +1 to −1 and then withdrawing it, so voter 9 ends with no vote at all.
    expect(score).toBe(-4);
    expect(votes.filter((v) => v.userId === voters[9]!.id)).toHaveLength(0);
    expect((await dataSource.getRepository(ForumThread).findOneByOrFail({ id })).score).toBe(4);
  });

  it('deletes a reply cleanly: accepted mark, quotes, votes and counters follow', async () => {
    const { id } = await forum.createThread(author, threadForm());
    const doomed = await forum.reply(student, id, { body: 'Soon gone.', quotedPostId: null });
    const quoting = await forum.reply(officer, id, { body: '> Soon gone.\n\nAgreed.', quotedPostId: doomed.id });
    await forum.accept(author, id, doomed.id);
    await forum.vote(author, { targetType: 'post', targetId: doomed.id, value: 1 });

    expect((await refusal(forum.deletePost(author, doomed.id))).code).toBe('forbidden');
    await forum.deletePost(student, doomed.id);

    const thread = await dataSource.getRepository(ForumThread).findOneByOrFail({ id });
    expect(thread.replyCount).toBe(1);
    expect(thread.acceptedPostId).toBeNull();
    expect((await dataSource.getRepository(ForumPost).findOneByOrFail({ id: quoting.id })).quotedPostId).toBeNull();
    expect(await dataSource.getRepository(ForumVote).countBy({ targetType: 'post', targetId: doomed.id })).toBe(0);

    await forum.deletePost(officer, quoting.id);
    const emptied = await dataSource.getRepository(ForumThread).findOneByOrFail({ id });
    expect(emptied.replyCount).toBe(0);
    expect(new Date(emptied.lastPostAt).getTime()).toBeCloseTo(new Date(emptied.createdAt).getTime(), -4);
  });

  it('lets an author delete a thread only until others reply; staff always, and tells the indexer', async () => {
    const lonely = await forum.createThread(author, threadForm());
    await forum.reply(author, lonely.id, { body: 'Adding a detail myself.', quotedPostId: null });
    await forum.deleteThread(author, lonely.id);
    expect(await dataSource.getRepository(ForumThread).countBy({ id: lonely.id })).toBe(0);
    expect(events.calls).toContain(`removed:${lonely.id}`);

    const answered = await forum.createThread(author, threadForm());
    const reply = await forum.reply(student, answered.id, { body: 'An answer from someone else.', quotedPostId: null });
    await forum.vote(author, { targetType: 'post', targetId: reply.id, value: 1 });
    const refused = await refusal(forum.deleteThread(author, answered.id));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toContain('Others have replied');
    expect((await refusal(forum.deleteThread(student, answered.id))).code).toBe('forbidden');

    await forum.deleteThread(officer, answered.id);
    expect(await dataSource.getRepository(ForumPost).countBy({ threadId: answered.id })).toBe(0);
    expect(await dataSource.getRepository(ForumVote).countBy({ targetId: reply.id, targetType: 'post' })).toBe(0);
    expect(await forum.forSearch([answered.id])).toEqual([]);
  });

  it('pages long threads by 30 and links every reply to its page', async () => {
    const { id } = await forum.createThread(author, threadForm());
    const posts = [];
    for (let i = 0; i < POSTS_PER_PAGE + 5; i++) posts.push(await createPost(dataSource, { id }, i % 2 ? student : officer, { body: `Reply ${i}` }));

    const second = await forum.threadPage(null, id, 2);
    expect(second.page).toBe(2);
    expect(second.pages).toBe(2);
    expect(second.posts.map((p) => p.id)).toEqual(posts.slice(POSTS_PER_PAGE).map((p) => p.id));
    expect(second.posts[0]!.url).toBe(`/forum/t/${id}?page=2#post-${posts[POSTS_PER_PAGE]!.id}`);
    expect(await forum.permalink(posts[0]!.id)).toBe(`/forum/t/${id}#post-${posts[0]!.id}`);

    // A reply on page 2 quoting one on page 1 links across pages.
    const quoting = await forum.reply(student, id, { body: 'Back to the first point.', quotedPostId: posts[0]!.id });
    const last = await forum.threadPage(null, id, 99);
    expect(last.posts.at(-1)!.id).toBe(quoting.id);
    expect(last.posts.at(-1)!.bodyHtml).toContain(`href="/forum/t/${id}#post-${posts[0]!.id}"`);
  });

  it('keeps thread edits to the author and staff, and audits staff edits', async () => {
    const { id } = await forum.createThread(author, threadForm());
    expect((await refusal(forum.editThread(student, id, threadForm({ title: 'Hijacked title here' })))).code).toBe('forbidden');
    await forum.editThread(author, id, threadForm({ title: 'Online test pattern (updated)' }));
    await forum.editThread(officer, id, threadForm({ title: 'Online test pattern (tidied by staff)' }));
    const thread = await dataSource.getRepository(ForumThread).findOneByOrFail({ id });
    expect(thread.title).toBe('Online test pattern (tidied by staff)');
    expect(thread.editedAt).not.toBeNull();
    expect(await dataSource.getRepository(AuditLog).countBy({ action: 'forum.thread.edit', targetId: id })).toBe(1);
  });
});
