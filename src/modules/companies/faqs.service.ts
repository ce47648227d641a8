import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { SessionUser } from '../../common/auth/access.js';
import { renderMarkdown } from '../../common/markdown/markdown.js';
import type { RateLimitRule } from '../../common/rate-limit/rate-limit.service.js';
import { User } from '../accounts/entities/user.entity.js';
import { AuditLog } from '../moderation/entities/audit-log.entity.js';
import { Faq, type FaqStatus } from './entities/faq.entity.js';

/** Per student: enough for a real list of questions, too few for a flood. */
export const FAQ_PROPOSE_LIMIT: RateLimitRule = { name: 'faq-propose', limit: 10, windowMs: 60 * 60_000 };

export function isStaff(viewer: SessionUser | null): boolean {
  return viewer !== null && (viewer.role === 'officer' || viewer.role === 'admin');
}

/** One FAQ as a page shows it; names appear only in the staff view. */
export interface FaqView {
  id: number;
  question: string;
  /** The answer's Markdown (staff edit it), and its sanitised HTML for `{{{ }}}`. */
  answer: string | null;
  answerHtml: string | null;
  status: FaqStatus;
  mine: boolean;
  askedBy: string | null;
  answeredBy: string | null;
  createdAt: Date;
}

export interface FaqArchive {
  answered: FaqView[];
  /** The viewer's own proposals still waiting (students; staff see them in `open`). */
  mine: FaqView[];
  /** Staff only: proposals to answer, oldest first. */
  open: FaqView[];
  /** Staff only: curated out of the archive. */
  hidden: FaqView[];
}

/** The FAQ archive of a company: students propose, officers and admins answer and curate. */
@Injectable()
export class FaqsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Answered FAQs for everyone; the rest only to staff, and a student's own open proposals to them. */
  async archive(companyId: number, viewer: SessionUser | null): Promise<FaqArchive> {
    const staff = isStaff(viewer);
    const repo = this.dataSource.getRepository(Faq);
    const faqs = staff
      ? await repo.find({ where: { companyId }, order: { id: 'ASC' } })
      : await repo.find({
          where: [{ companyId, status: 'answered' }, ...(viewer ? [{ companyId, status: 'open' as const, authorId: viewer.id }] : [])],
          order: { id: 'ASC' },
        });
    const names = staff ? await this.names(faqs.flatMap((f) => [f.authorId, f.answeredById])) : new Map<number, string>();
    const view = (f: Faq): FaqView => ({
      id: f.id,
      question: f.question,
      answer: staff ? f.answer : null,
      answerHtml: f.answer ? renderMarkdown(f.answer) : null,
      status: f.status,
      mine: viewer !== null && f.authorId === viewer.id,
      askedBy: staff && f.authorId !== null ? (names.get(f.authorId) ?? 'a deleted account') : null,
      answeredBy: staff && f.answeredById !== null ? (names.get(f.answeredById) ?? 'a deleted account') : null,
      createdAt: f.createdAt,
    });
    return {
      answered: faqs.filter((f) => f.status === 'answered').map(view),
      mine: staff ? [] : faqs.filter((f) => f.status === 'open').map(view),
      open: staff ? faqs.filter((f) => f.status === 'open').map(view) : [],
      hidden: staff ? faqs.filter((f) => f.status === 'hidden').map(view) : [],
    };
  }

  /** Answered FAQs as plain text pairs, for the public JSON API. */
  async answered(companyId: number): Promise<Array<{ question: string; answer: string }>> {
    const faqs = await this.dataSource.getRepository(Faq).find({ where: { companyId, status: 'answered' }, order: { id: 'ASC' } });
    return faqs.map((f) => ({ question: f.question, answer: f.answer ?? '' }));
  }

  /** A FAQ of this company, whatever its status; staff routes only. */
  async find(companyId: number, faqId: number): Promise<Faq> {
    const faq = await this.dataSource.getRepository(Faq).findOneBy({ id: faqId, companyId });
    if (!faq) throw new NotFoundException('That question is not in this company’s FAQ.');
    return faq;
  }

  /** Creates an open proposal; sending the same question twice (a double click) keeps one. */
  async propose(companyId: number, authorId: number, question: string): Promise<{ faq: Faq; duplicate: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(Faq);
      const same = await repo.findOneBy({ companyId, authorId, question, status: 'open' });
      if (same) return { faq: same, duplicate: true };
      const faq = await repo.save(repo.create({ companyId, authorId, question, answer: null, answeredById: null, status: 'open' }));
      return { faq, duplicate: false };
    });
  }

  /** Answers (or re-answers) a FAQ and publishes it; optionally tidies the question's wording. */
  async answer(companyId: number, faqId: number, officer: SessionUser, input: { answer: string; question?: string }): Promise<Faq> {
    return this.dataSource.transaction(async (manager) => {
      const faq = await manager.getRepository(Faq).findOneBy({ id: faqId, companyId });
      if (!faq) throw new NotFoundException('That question is not in this company’s FAQ.');
      const changes = { answer: input.answer, answeredById: officer.id, status: 'answered' as const, ...(input.question ? { question: input.question } : {}) };
      await manager.getRepository(Faq).update(faq.id, changes);
      await manager.getRepository(AuditLog).save({
        actorId: officer.id,
        action: faq.status === 'answered' ? 'faq.edit-answer' : 'faq.answer',
        targetType: 'faq',
        targetId: faq.id,
        detail: input.question && input.question !== faq.question ? `question reworded from: ${faq.question}`.slice(0, 1000) : null,
      });
      return Object.assign(faq, changes);
    });
  }

  /** Hides a FAQ from the archive, or shows it again (answered if it has an answer, else open). */
  async setHidden(companyId: number, faqId: number, officer: SessionUser, hidden: boolean): Promise<Faq> {
    return this.dataSource.transaction(async (manager) => {
      const faq = await manager.getRepository(Faq).findOneBy({ id: faqId, companyId });
      if (!faq) throw new NotFoundException('That question is not in this company’s FAQ.');
      const status: FaqStatus = hidden ? 'hidden' : faq.answer ? 'answered' : 'open';
      if (status !== faq.status) {
        await manager.getRepository(Faq).update(faq.id, { status });
        await manager.getRepository(AuditLog).save({ actorId: officer.id, action: hidden ? 'faq.hide' : 'faq.show', targetType: 'faq', targetId: faq.id, detail: null });
      }
      return Object.assign(faq, { status });
    });
  }

  private async names(ids: Array<number | null>): Promise<Map<number, string>> {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    if (wanted.length === 0) return new Map();
    const users = await this.dataSource.getRepository(User).find({ where: { id: In(wanted) }, select: { id: true, displayName: true } });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}
