import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { Setting } from '../common/settings/setting.entity.js';
import { SEEDS_DIR } from '../config/paths.js';
import { User, type Role } from '../modules/accounts/entities/user.entity.js';
import { hashPassword } from '../modules/accounts/password.js';
import { Company } from '../modules/companies/entities/company.entity.js';
import { Faq } from '../modules/companies/entities/faq.entity.js';
import { Experience, type ApplicationSource, type Outcome } from '../modules/experiences/entities/experience.entity.js';
import { Round, type RoundKind } from '../modules/experiences/entities/round.entity.js';
import { ForumCategory } from '../modules/forum/entities/forum-category.entity.js';
import { ForumPost } from '../modules/forum/entities/forum-post.entity.js';
import { ForumThread } from '../modules/forum/entities/forum-thread.entity.js';
import { PracticeAnswer } from '../modules/practice/entities/practice-answer.entity.js';
import { PracticeSession } from '../modules/practice/entities/practice-session.entity.js';
import { QuestionSource } from '../modules/questions/entities/question-source.entity.js';

interface SeedUser { email: string; password: string; displayName: string; role: Role; branch: string; passoutYear: number; rollNumber: string | null }
interface SeedCompany { name: string; slug: string; industry: string; website: string; description: string }
interface SeedRound { kind: RoundKind; title: string; durationMinutes: number; notes: string; questions: string[] }
interface SeedExperience {
  author: string; company: string; role: string; roleDescription: string | null; interviewYear: number; anonymous: boolean;
  source: ApplicationSource; outcome: Outcome; difficulty: number; offerDetails: string | null; body: string; tips: string; rounds: SeedRound[];
}
interface SeedFaq { company: string; question: string; answer: string; author: string }
interface SeedForum {
  categories: Array<{ slug: string; name: string; description: string }>;
  threads: Array<{ category: string; company: string | null; title: string; body: string; author: string; pinned: boolean; posts: Array<{ author: string; body: string }> }>;
}
/** A typed mock interview; its answers are queued, so the server's scoring pool scores them for real at start. */
interface SeedPractice { student: string; daysAgo: number; company: string; answers: Array<{ question: string; answer: string }> }

const SEEDED_KEY = 'demo_seeded_at';

function read<T>(file: string): T {
  return JSON.parse(readFileSync(join(SEEDS_DIR, file), 'utf8')) as T;
}

/** The first demo account of each role, printed at start-up and in the README. */
export const DEMO_ACCOUNTS: Array<Pick<SeedUser, 'email' | 'password' | 'role'>> = (() => {
  try {
    const users = read<SeedUser[]>('users.json');
    return (['student', 'officer', 'admin'] as const)
      .map((role) => users.find((u) => u.role === role))
      .filter((u): u is SeedUser => Boolean(u))
      .map(({ email, password, role }) => ({ email, password, role }));
  } catch {
    return [];
  }
})();

/** A deterministic date inside the interview year, so the demo looks the same on every machine. */
function dateIn(year: number, index: number): Date {
  const dayOfYear = (index * 53) % 330;
  return new Date(Date.UTC(Math.min(year, new Date().getUTCFullYear()), 0, 1 + dayOfYear, 9 + (index % 8)));
}

export type AfterSeed = (manager: EntityManager, experienceIds: number[]) => Promise<void>;

/**
 * Loads the demo data from seeds/*.json in one transaction. Idempotent: a second run does nothing.
 * `afterSeed` lets features that derive data (the question bank, the search index) process it.
 */
export async function seedDemo(dataSource: DataSource, logger: LoggerService, afterSeed?: AfterSeed): Promise<boolean> {
  if (await dataSource.getRepository(Setting).existsBy({ key: SEEDED_KEY })) {
    logger.log('Demo data is already loaded; nothing to do.');
    return false;
  }
  const users = read<SeedUser[]>('users.json');
  const companies = read<SeedCompany[]>('companies.json');
  const experiences = read<SeedExperience[]>('experiences.json');
  const faqs = read<SeedFaq[]>('faqs.json');
  const forum = read<SeedForum>('forum.json');
  const practice = read<SeedPractice[]>('practice.json');
  const hashes = new Map<string, string>();
  for (const user of users) hashes.set(user.email, await hashPassword(user.password));

  await dataSource.transaction(async (manager) => {
    const userIds = new Map<string, number>();
    for (const user of users) {
      const existing = await manager.getRepository(User).findOneBy({ email: user.email });
      const saved =
        existing ??
        (await manager.getRepository(User).save({
          email: user.email,
          passwordHash: hashes.get(user.email)!,
          displayName: user.displayName,
          role: user.role,
          branch: user.branch,
          passoutYear: user.passoutYear,
          rollNumber: user.rollNumber,
          linkedinUrl: null,
          emailVerifiedAt: new Date(),
        }));
      userIds.set(user.email, saved.id);
    }
    const userOf = (email: string): number => {
      const id = userIds.get(email);
      if (id === undefined) throw new Error(`seeds: unknown author ${email}`);
      return id;
    };
    const usersByEmail = new Map(users.map((u) => [u.email, u]));

    const companyIds = new Map<string, number>();
    for (const company of companies) {
      const existing = await manager.getRepository(Company).findOneBy({ slug: company.slug });
      const saved = existing ?? (await manager.getRepository(Company).save({ ...company, status: 'active' as const }));
      companyIds.set(company.slug, saved.id);
    }
    const companyOf = (slug: string): number => {
      const id = companyIds.get(slug);
      if (id === undefined) throw new Error(`seeds: unknown company ${slug}`);
      return id;
    };

    const experienceIds: number[] = [];
    for (const [index, e] of experiences.entries()) {
      const author = usersByEmail.get(e.author);
      const at = dateIn(e.interviewYear, index);
      const saved = await manager.getRepository(Experience).save({
        authorId: userOf(e.author),
        companyId: companyOf(e.company),
        role: e.role,
        roleDescription: e.roleDescription,
        interviewYear: e.interviewYear,
        passoutYear: author?.passoutYear ?? e.interviewYear,
        branch: author?.branch ?? 'Computer Science',
        anonymous: e.anonymous,
        source: e.source,
        outcome: e.outcome,
        difficulty: e.difficulty,
        offerDetails: e.offerDetails,
        body: e.body,
        tips: e.tips,
        status: 'published' as const,
        helpfulCount: (index * 7) % 23,
        topics: '',
        publishedAt: at,
        createdAt: at,
      });
      experienceIds.push(saved.id);
      await manager.getRepository(Round).save(
        e.rounds.map((r, position) => ({
          experienceId: saved.id,
          position,
          kind: r.kind,
          title: r.title,
          durationMinutes: r.durationMinutes,
          notes: r.notes,
          questionsText: r.questions.join('\n'),
        })),
      );
    }

    const officer = users.find((u) => u.role === 'officer');
    for (const faq of faqs) {
      await manager.getRepository(Faq).save({
        companyId: companyOf(faq.company),
        question: faq.question,
        answer: faq.answer,
        authorId: userOf(faq.author),
        answeredById: officer ? userOf(officer.email) : null,
        status: 'answered' as const,
      });
    }

    const categoryIds = new Map<string, number>();
    for (const [position, category] of forum.categories.entries()) {
      const saved = await manager.getRepository(ForumCategory).save({ ...category, position });
      categoryIds.set(category.slug, saved.id);
    }
    for (const [index, thread] of forum.threads.entries()) {
      const started = new Date(Date.UTC(2025, 0, 1) + index * 5 * 86_400_000);
      const saved = await manager.getRepository(ForumThread).save({
        categoryId: categoryIds.get(thread.category)!,
        companyId: thread.company ? companyOf(thread.company) : null,
        authorId: userOf(thread.author),
        title: thread.title,
        body: thread.body,
        pinned: thread.pinned,
        locked: false,
        acceptedPostId: null,
        replyCount: thread.posts.length,
        lastPostAt: new Date(started.getTime() + thread.posts.length * 3_600_000),
        createdAt: started,
      });
      for (const [i, post] of thread.posts.entries()) {
        await manager.getRepository(ForumPost).save({
          threadId: saved.id,
          authorId: userOf(post.author),
          body: post.body,
          quotedPostId: null,
          createdAt: new Date(started.getTime() + (i + 1) * 3_600_000),
        });
      }
    }

    await afterSeed?.(manager, experienceIds);

    for (const p of practice) {
      const companyId = companyOf(p.company);
      const started = new Date(Date.now() - p.daysAgo * 86_400_000);
      const session = await manager.getRepository(PracticeSession).save({
        userId: userOf(p.student),
        companyId,
        mode: 'text' as const,
        thinkingSeconds: 0,
        role: null,
        topic: null,
        overallScore: null,
        createdAt: started,
        completedAt: new Date(started.getTime() + p.answers.length * 5 * 60_000),
      });
      for (const [i, a] of p.answers.entries()) {
        if (!experiences.some((e) => e.company === p.company && e.rounds.some((r) => r.questions.includes(a.question)))) {
          throw new Error(`seeds: practice question not asked at ${p.company}: ${a.question}`);
        }
        // The bank's question, when the bank was harvested (afterSeed), so reports can name its topic.
        const source = await manager.getRepository(QuestionSource).findOne({ select: { questionId: true }, where: { companyId, originalText: a.question } });
        await manager.getRepository(PracticeAnswer).insert({
          sessionId: session.id,
          position: i + 1,
          questionId: source?.questionId ?? null,
          questionText: a.question,
          answerText: a.answer,
          answeredAt: new Date(started.getTime() + (i + 1) * 5 * 60_000),
          state: 'queued',
        });
      }
    }

    await manager.getRepository(Setting).save({ key: SEEDED_KEY, value: new Date().toISOString() });
  });
  logger.log(`Loaded demo data: ${companies.length} companies, ${experiences.length} experiences, ${forum.threads.length} forum threads, ${faqs.length} FAQs, ${practice.length} practice sessions (scored in the background), ${users.length} accounts.`);
  return true;
}

/** First start of an empty database loads the demo, so a new user sees a working site. */
export async function seedDemoIfEmpty(dataSource: DataSource, logger: LoggerService, afterSeed?: AfterSeed): Promise<boolean> {
  if ((await dataSource.getRepository(User).count()) > 0) return false;
  return seedDemo(dataSource, logger, afterSeed);
}
