import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type FindOptionsWhere, type SelectQueryBuilder } from 'typeorm';
import { Company } from '../companies/entities/company.entity.js';
import { ForumCategory } from './entities/forum-category.entity.js';
import { ForumPost } from './entities/forum-post.entity.js';
import { ForumThread } from './entities/forum-thread.entity.js';
import { ForumVote, type VoteTarget, type VoteValue } from './entities/forum-vote.entity.js';

export interface CategoryStats {
  category: ForumCategory;
  threads: number;
  replies: number;
  latest: ForumThread | null;
}

export interface ThreadFilter {
  categoryId?: number;
  companyId?: number;
}

/**
 * Every forum query lives here. Authors are joined with only their id, display name and role
 * selected, so e-mail addresses and roll numbers are never even loaded into a forum entity.
 */
@Injectable()
export class ForumRepository {
  constructor(readonly dataSource: DataSource) {}

  get sqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  /**
   * Runs `work` in a transaction. On MySQL it reads committed data and callers lock the rows they
   * change (`lock()`), so concurrent writers queue on the row instead of racing; SQLite already runs
   * one transaction at a time (src/database/sqlite-serial.ts) and has no row locks.
   */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.sqlite ? this.dataSource.transaction(work) : this.dataSource.transaction('READ COMMITTED', work);
  }

  lock(): { mode: 'pessimistic_write' } | undefined {
    return this.sqlite ? undefined : { mode: 'pessimistic_write' };
  }

  // ---- categories and companies ----

  listCategories(): Promise<ForumCategory[]> {
    return this.dataSource.getRepository(ForumCategory).find({ order: { position: 'ASC', name: 'ASC' } });
  }

  findCategory(slug: string): Promise<ForumCategory | null> {
    return this.dataSource.getRepository(ForumCategory).findOneBy({ slug });
  }

  async categoryStats(): Promise<CategoryStats[]> {
    const categories = await this.listCategories();
    const counts = await this.dataSource
      .getRepository(ForumThread)
      .createQueryBuilder('t')
      .select('t.categoryId', 'categoryId')
      .addSelect('COUNT(t.id)', 'threads')
      .addSelect('COALESCE(SUM(t.replyCount), 0)', 'replies')
      .groupBy('t.categoryId')
      .getRawMany<{ categoryId: number | string; threads: number | string; replies: number | string }>();
    const byCategory = new Map(counts.map((c) => [Number(c.categoryId), c]));
    // One small query per category: there are a handful of categories, and each uses the
    // (category_id, last_post_at) index.
    return Promise.all(
      categories.map(async (category) => {
        const count = byCategory.get(category.id);
        const latest = count
          ? await this.threadQuery()
              .where('t.categoryId = :id', { id: category.id })
              .orderBy('t.lastPostAt', 'DESC')
              .addOrderBy('t.id', 'DESC')
              .limit(1)
              .getOne()
          : null;
        return { category, threads: Number(count?.threads ?? 0), replies: Number(count?.replies ?? 0), latest };
      }),
    );
  }

  activeCompanies(): Promise<Array<Pick<Company, 'id' | 'slug' | 'name'>>> {
    return this.dataSource.getRepository(Company).find({ select: { id: true, slug: true, name: true }, where: { status: 'active' }, order: { name: 'ASC' } });
  }

  findActiveCompany(slug: string): Promise<Company | null> {
    return this.dataSource.getRepository(Company).findOneBy({ slug, status: 'active' });
  }

  findCompany(slug: string): Promise<Company | null> {
    return this.dataSource.getRepository(Company).findOneBy({ slug });
  }

  // ---- threads ----

  /** Threads with category, company and a safe author projection joined. */
  private threadQuery(manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<ForumThread> {
    return manager
      .getRepository(ForumThread)
      .createQueryBuilder('t')
      .innerJoin('t.category', 'c')
      .addSelect(['c.id', 'c.slug', 'c.name'])
      .leftJoin('t.company', 'co')
      .addSelect(['co.id', 'co.slug', 'co.name'])
      .leftJoin('t.author', 'u')
      .addSelect(['u.id', 'u.displayName', 'u.role']);
  }

  private filtered(qb: SelectQueryBuilder<ForumThread>, filter: ThreadFilter): SelectQueryBuilder<ForumThread> {
    if (filter.categoryId !== undefined) qb.andWhere('t.categoryId = :categoryId', { categoryId: filter.categoryId });
    if (filter.companyId !== undefined) qb.andWhere('t.companyId = :companyId', { companyId: filter.companyId });
    return qb;
  }

  countThreads(filter: ThreadFilter): Promise<number> {
    return this.filtered(this.dataSource.getRepository(ForumThread).createQueryBuilder('t'), filter).getCount();
  }

  /** Pinned threads first, then the most recently active. */
  listThreads(filter: ThreadFilter & { offset: number; limit: number }): Promise<ForumThread[]> {
    return this.filtered(this.threadQuery(), filter)
      .orderBy('t.pinned', 'DESC')
      .addOrderBy('t.lastPostAt', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .offset(filter.offset)
      .limit(filter.limit)
      .getMany();
  }

  findThread(id: number): Promise<ForumThread | null> {
    return this.threadQuery().where('t.id = :id', { id }).getOne();
  }

  /** The bare row, locked for the rest of the transaction on MySQL. */
  lockThread(tx: EntityManager, id: number): Promise<ForumThread | null> {
    return tx.getRepository(ForumThread).findOne({ where: { id }, lock: this.lock() });
  }

  lockPost(tx: EntityManager, id: number): Promise<ForumPost | null> {
    return tx.getRepository(ForumPost).findOne({ where: { id }, lock: this.lock() });
  }

  threadsForSearch(ids?: number[]): Promise<ForumThread[]> {
    const qb = this.threadQuery().orderBy('t.id', 'ASC');
    if (ids) qb.where('t.id IN (:...ids)', { ids });
    return qb.getMany();
  }

  // ---- posts ----

  /** Reply ids in display order (oldest first); ids only, so it stays cheap for long threads. */
  async orderedPostIds(threadId: number, manager: EntityManager = this.dataSource.manager): Promise<number[]> {
    const rows = await manager.getRepository(ForumPost).find({ select: { id: true }, where: { threadId }, order: { id: 'ASC' } });
    return rows.map((r) => r.id);
  }

  /** Posts with a safe author projection, in id order. */
  async postsByIds(ids: number[]): Promise<ForumPost[]> {
    if (ids.length === 0) return [];
    return this.dataSource
      .getRepository(ForumPost)
      .createQueryBuilder('p')
      .leftJoin('p.author', 'u')
      .addSelect(['u.id', 'u.displayName', 'u.role'])
      .where('p.id IN (:...ids)', { ids })
      .orderBy('p.id', 'ASC')
      .getMany();
  }

  async findPost(id: number): Promise<ForumPost | null> {
    return (await this.postsByIds([id]))[0] ?? null;
  }

  othersReplied(thread: Pick<ForumThread, 'id' | 'authorId'>, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager
      .getRepository(ForumPost)
      .createQueryBuilder('p')
      .where('p.threadId = :id AND p.authorId <> :author', { id: thread.id, author: thread.authorId })
      .getExists();
  }

  /** When the last reply goes, activity falls back to the latest remaining reply or the thread's start. */
  async refreshActivity(tx: EntityManager, thread: Pick<ForumThread, 'id' | 'createdAt'>): Promise<void> {
    const latest = await tx.getRepository(ForumPost).findOne({ select: { id: true, createdAt: true }, where: { threadId: thread.id }, order: { id: 'DESC' } });
    const replies = await tx.getRepository(ForumPost).countBy({ threadId: thread.id });
    await tx.getRepository(ForumThread).update({ id: thread.id }, { replyCount: replies, lastPostAt: latest?.createdAt ?? thread.createdAt });
  }

  // ---- votes ----

  async viewerVotes(userId: number, threadId: number, postIds: number[]): Promise<Map<string, VoteValue>> {
    const where: Array<FindOptionsWhere<ForumVote>> = [{ userId, targetType: 'thread', targetId: threadId }];
    if (postIds.length > 0) where.push({ userId, targetType: 'post', targetId: In(postIds) });
    const votes = await this.dataSource.getRepository(ForumVote).find({ where });
    return new Map(votes.map((v) => [`${v.targetType}:${v.targetId}`, Number(v.value) as VoteValue]));
  }

  findVote(tx: EntityManager, userId: number, targetType: VoteTarget, targetId: number): Promise<ForumVote | null> {
    return tx.getRepository(ForumVote).findOneBy({ userId, targetType, targetId });
  }

  /** `score = score + delta` in one statement, so concurrent voters never overwrite each other. */
  async addToScore(tx: EntityManager, targetType: VoteTarget, targetId: number, delta: number): Promise<number> {
    const entity = targetType === 'thread' ? ForumThread : ForumPost;
    await tx.getRepository<ForumThread | ForumPost>(entity).increment({ id: targetId }, 'score', delta);
    const row = await tx.getRepository<ForumThread | ForumPost>(entity).findOne({ select: { id: true, score: true }, where: { id: targetId } });
    return Number(row?.score ?? 0);
  }

  async deleteVotes(tx: EntityManager, targetType: VoteTarget, targetIds: number[]): Promise<void> {
    if (targetIds.length > 0) await tx.getRepository(ForumVote).delete({ targetType, targetId: In(targetIds) });
  }
}
