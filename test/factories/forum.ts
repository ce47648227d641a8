import type { DataSource } from 'typeorm';
import { ForumCategory } from '../../src/modules/forum/entities/forum-category.entity.js';
import { ForumPost } from '../../src/modules/forum/entities/forum-post.entity.js';
import { ForumThread } from '../../src/modules/forum/entities/forum-thread.entity.js';

let sequence = 0;

export async function createCategory(dataSource: DataSource, overrides: Partial<ForumCategory> = {}): Promise<ForumCategory> {
  sequence += 1;
  return dataSource.getRepository(ForumCategory).save({
    slug: `category-${sequence}`,
    name: `Category ${sequence}`,
    description: 'A place to talk about interviews.',
    position: sequence,
    ...overrides,
  });
}

/** Variants: 'open', 'pinned', 'locked'. Replies are added with createPost. */
export async function createThread(
  dataSource: DataSource,
  author: { id: number },
  category: { id: number },
  variant: 'open' | 'pinned' | 'locked' = 'open',
  overrides: Partial<ForumThread> = {},
): Promise<ForumThread> {
  sequence += 1;
  const now = new Date(Date.UTC(2025, 5, 1) + sequence * 60_000);
  return dataSource.getRepository(ForumThread).save({
    categoryId: category.id,
    companyId: null,
    authorId: author.id,
    title: `How should I prepare for round ${sequence}?`,
    body: `I have an interview next week and would like some advice on round ${sequence}.`,
    pinned: variant === 'pinned',
    locked: variant === 'locked',
    acceptedPostId: null,
    replyCount: 0,
    lastPostAt: now,
    score: 0,
    editedAt: null,
    createdAt: now,
    ...overrides,
  });
}

/** Adds a reply and keeps the thread's counters in step, as the service would. */
export async function createPost(dataSource: DataSource, thread: { id: number }, author: { id: number }, overrides: Partial<ForumPost> = {}): Promise<ForumPost> {
  sequence += 1;
  const post = await dataSource.getRepository(ForumPost).save({
    threadId: thread.id,
    authorId: author.id,
    body: `Reply number ${sequence}: practise past questions.`,
    quotedPostId: null,
    score: 0,
    editedAt: null,
    ...overrides,
  });
  await dataSource.getRepository(ForumThread).increment({ id: thread.id }, 'replyCount', 1);
  return post;
}
