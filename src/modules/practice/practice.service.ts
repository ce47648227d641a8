import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HttpException, HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { User } from '../accounts/entities/user.entity.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { SessionUser } from '../../common/auth/access.js';
import { Question } from '../questions/entities/question.entity.js';
import { QuestionBankService, type QuestionListItem } from '../questions/question-bank.service.js';
import { isTopic, topicLabel } from '../questions/topics.js';
import { DIFFICULTY_LEVELS, RECORDING_TYPES, type NewPracticeForm } from './dto/practice.dto.js';
import { PracticeAnswer, type AnswerState } from './entities/practice-answer.entity.js';
import { PracticeSession } from './entities/practice-session.entity.js';
import { PracticeScorer, recordingsDir } from './practice-scorer.js';
import { componentAverages, storedResult, type SessionComponentAverage } from './practice-report.js';
import { sessionFeedback, type SessionFeedback } from './session-feedback.js';

/** A refused practice action, shown next to `field` on the form. */
export class PracticeError extends HttpException {
  constructor(
    message: string,
    readonly field: string = 'form',
    status: number = HttpStatus.UNPROCESSABLE_ENTITY,
  ) {
    super(message, status);
  }
}

export const SESSIONS_PER_PAGE = 20;
/**
 * Adaptive difficulty (DESIGN §4): after an answer scoring at least HARDER_FROM, the next question
 * is a harder one (higher average difficulty in the experiences it came from); below EASIER_BELOW,
 * an easier one; in between it stays as drawn.
 */
export const HARDER_FROM = 70;
export const EASIER_BELOW = 45;
/** How far down the most-asked list the replacement for the next question is looked for. */
const ADAPT_POOL = 100;
/** How deep into the most-asked list questions are drawn from, so sessions vary but stay on common questions. */
const CANDIDATES_PER_QUESTION = 6;
/** Sessions offered in the comparison's lists; older ones can still be compared by URL. */
export const COMPARE_CHOICES = 100;

export const practiceUrl = (id: number) => `/practice/${id}`;
export const sharedReportPath = (token: string) => `/shared/practice/${token}`;
const SHARE_TOKEN_BYTES = 32;
/** What a share token looks like (32 bytes in base64url): anything else is refused before a query. */
const SHARE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** States in which the member still has something to do for an answer (the room shows the first such answer). */
export const UNFINISHED: readonly AnswerState[] = ['open', 'transcribing', 'review'];
export const isUnfinished = (a: Pick<PracticeAnswer, 'state'>) => UNFINISHED.includes(a.state);

export interface SessionSummary {
  id: number;
  url: string;
  reportUrl: string;
  createdAt: Date;
  scope: string;
  questions: number;
  answered: number;
  overallScore: number | null;
  components: SessionComponentAverage[];
  status: string;
}

/**
 * Chooses `count` questions from `candidates` (most asked first): one topic at a time in turn, so a
 * session covers several topics before it repeats one, with the rotation starting at `offset`.
 */
export function pickQuestions<T extends Pick<QuestionListItem, 'topic'>>(candidates: readonly T[], count: number, offset = 0): T[] {
  const byTopic = new Map<string, T[]>();
  for (const c of candidates) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c]);
  const queues = [...byTopic.values()];
  const picked: T[] = [];
  for (let turn = 0; picked.length < count && queues.some((q) => q.length); turn++) {
    const queue = queues[(turn + offset) % queues.length]!;
    const next = queue.shift();
    if (next) picked.push(next);
  }
  return picked;
}

@Injectable()
export class PracticeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bank: QuestionBankService,
    private readonly scorer: PracticeScorer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async formOptions() {
    const options = await this.bank.filterOptions();
    return { companies: options.companies, topics: options.topics, roles: options.roles };
  }

  /** Creates a session with its questions drawn from the bank; throws PracticeError when none match. */
  async create(user: SessionUser, form: NewPracticeForm): Promise<PracticeSession> {
    if (form.question !== null) return this.createForQuestion(user, form.question, form);
    const company = form.company ? await this.bank.activeCompany(form.company) : null;
    if (form.company && !company) throw new PracticeError('Choose a company from the list, or any company.', 'company');
    const topic = form.topic && isTopic(form.topic) ? form.topic : undefined;
    const { min, max } = DIFFICULTY_LEVELS[form.difficulty];
    const { items } = await this.bank.list({
      ...(company && { companySlug: company.slug }),
      ...(topic && { topic }),
      ...(form.role && { role: form.role }),
      difficulty: { min, max },
      page: 1,
      perPage: form.count * CANDIDATES_PER_QUESTION,
    });
    if (items.length === 0) {
      const level = form.difficulty === 'any' ? '' : ` of ${form.difficulty} difficulty`;
      throw new PracticeError(
        `No shared experience has questions${level}${company ? ` from ${company.name}` : ''}${form.role ? ` for “${form.role}” roles` : ''}${topic ? ` on ${topicLabel(topic)}` : ''} yet. Try another choice.`,
      );
    }
    // Sessions of the same member start their topic rotation in different places.
    const previous = await this.dataSource.getRepository(PracticeSession).count({ where: { userId: user.id } });
    const questions = pickQuestions(items, form.count, previous);
    return this.dataSource.transaction(async (tx) => {
      const session = await tx.getRepository(PracticeSession).save(
        tx.getRepository(PracticeSession).create({ userId: user.id, companyId: company?.id ?? null, role: form.role, topic: topic ?? null, mode: form.mode, thinkingSeconds: form.thinking, overallScore: null, completedAt: null }),
      );
      await tx.getRepository(PracticeAnswer).insert(
        questions.map((q, i) => ({ sessionId: session.id, position: i + 1, questionId: q.id, questionText: q.text, state: 'open' as const })),
      );
      return session;
    });
  }

  /** A one-question session on a question of the bank, started from the question's page. */
  private async createForQuestion(user: SessionUser, questionId: number, form: NewPracticeForm): Promise<PracticeSession> {
    const question = await this.bank.get(questionId);
    const company = question && (await this.bank.activeCompany(question.companySlug));
    if (!question || !company) throw new PracticeError('We could not find that question.');
    return this.dataSource.transaction(async (tx) => {
      const session = await tx.getRepository(PracticeSession).save(
        tx.getRepository(PracticeSession).create({ userId: user.id, companyId: company.id, role: null, topic: question.topic, mode: form.mode, thinkingSeconds: form.thinking, overallScore: null, completedAt: null }),
      );
      await tx.getRepository(PracticeAnswer).insert({ sessionId: session.id, position: 1, questionId: question.id, questionText: question.text, state: 'open' });
      return session;
    });
  }

  /** The member's own session with its answers in order; anyone else gets 404 (not 403), so ids reveal nothing. */
  async session(user: SessionUser, id: number): Promise<PracticeSession & { answers: PracticeAnswer[] }> {
    const session = await this.dataSource.getRepository(PracticeSession).findOne({ where: { id, userId: user.id }, relations: { company: true } });
    if (!session) throw new NotFoundException('We could not find that practice session.');
    return this.withAnswers(session);
  }

  private async withAnswers<S extends PracticeSession>(session: S): Promise<S & { answers: PracticeAnswer[] }> {
    const answers = await this.dataSource.getRepository(PracticeAnswer).find({ where: { sessionId: session.id }, order: { position: 'ASC' } });
    return Object.assign(session, { answers });
  }

  /**
   * Shares the member's report through a secret link, or changes whether the link plays the
   * recordings; an existing link keeps working. Returns the link.
   */
  async share(user: SessionUser, id: number, recordings: boolean): Promise<string> {
    const session = await this.session(user, id);
    const token = session.shareToken ?? randomBytes(SHARE_TOKEN_BYTES).toString('base64url');
    await this.dataSource.getRepository(PracticeSession).update({ id: session.id, userId: user.id }, { shareToken: token, shareRecordings: recordings });
    return this.shareUrl(token);
  }

  /** Switches the report's link off: it answers 404 from now on, and a later share makes a new one. */
  async stopSharing(user: SessionUser, id: number): Promise<void> {
    const session = await this.session(user, id);
    await this.dataSource.getRepository(PracticeSession).update({ id: session.id, userId: user.id }, { shareToken: null, shareRecordings: false });
  }

  shareUrl(token: string): string {
    return `${this.config.baseUrl}${sharedReportPath(token)}`;
  }

  /** The session behind a share link, with its owner's display name; 404 for any other token. */
  async sharedSession(token: string): Promise<PracticeSession & { answers: PracticeAnswer[]; ownerName: string }> {
    const session = SHARE_TOKEN.test(token)
      ? await this.dataSource.getRepository(PracticeSession).findOne({ where: { shareToken: token }, relations: { company: true } })
      : null;
    // MySQL's default collation compares case-insensitively: only the exact token opens the report.
    if (!session || session.shareToken !== token) throw new NotFoundException('This link does not open a practice report: it may have been switched off.');
    // Only the display name: the e-mail, roll number and the rest of the account stay private.
    const owner = await this.dataSource.getRepository(User).findOneOrFail({ where: { id: session.userId }, select: { id: true, displayName: true } });
    return Object.assign(await this.withAnswers(session), { ownerName: owner.displayName });
  }

  /** A recording behind a share link that includes the recordings, or 404. */
  async sharedRecordingPath(token: string, position: number): Promise<string> {
    const session = await this.sharedSession(token);
    if (!session.shareRecordings) throw new NotFoundException('There is no recording of this answer.');
    return this.recordingFile(session, position);
  }

  /**
   * Submits an answer for scoring: typed text for an open question, or the checked (and possibly
   * corrected) transcript of a recorded one.
   */
  async answer(user: SessionUser, id: number, position: number, text: string): Promise<{ done: boolean }> {
    const session = await this.session(user, id);
    const answer = session.answers.find((a) => a.position === position);
    if (!answer) throw new NotFoundException('We could not find that question.');
    if (answer.state !== 'open' && answer.state !== 'review') throw new PracticeError('You have already answered this question.', 'form', HttpStatus.CONFLICT);
    const saved = await this.dataSource
      .getRepository(PracticeAnswer)
      .update({ id: answer.id, state: answer.state }, { answerText: text, answeredAt: new Date(), state: 'queued', error: null });
    if (saved.affected === 0) throw new PracticeError('You have already answered this question.', 'form', HttpStatus.CONFLICT);
    const done = session.answers.every((a) => a.id === answer.id || !isUnfinished(a));
    if (done) await this.dataSource.getRepository(PracticeSession).update({ id }, { completedAt: new Date() });
    else await this.adaptNextQuestion(session, answer.id);
    this.scorer.enqueue(answer.id);
    return { done };
  }

  /**
   * Swaps the next open question for a harder or easier one, going by the member's latest scored
   * answer in this session (answers are scored in the background, so that is usually the one
   * before the answer just submitted). Nothing changes when no scored answer or no suitable question exists.
   */
  private async adaptNextQuestion(session: PracticeSession & { answers: PracticeAnswer[] }, submittedId: number): Promise<void> {
    const next = session.answers.find((a) => a.state === 'open' && a.id !== submittedId);
    const latest = session.answers.filter((a) => a.state === 'scored' && a.overallScore !== null && a.questionId !== null).at(-1);
    if (!next || !latest) return;
    const direction = latest.overallScore! >= HARDER_FROM ? 1 : latest.overallScore! < EASIER_BELOW ? -1 : 0;
    if (direction === 0) return;
    const { items } = await this.bank.list({
      ...(session.company && { companySlug: session.company.slug }),
      ...(session.role && { role: session.role }),
      ...(session.topic && isTopic(session.topic) && { topic: session.topic }),
      page: 1,
      perPage: ADAPT_POOL,
    });
    const reference = items.find((q) => q.id === latest.questionId)?.difficulty;
    if (reference === undefined) return;
    const used = new Set(session.answers.map((a) => a.questionId));
    const replacement = items.find((q) => !used.has(q.id) && (direction > 0 ? q.difficulty > reference : q.difficulty < reference));
    if (!replacement) return;
    await this.dataSource.getRepository(PracticeAnswer).update({ id: next.id, state: 'open' }, { questionId: replacement.id, questionText: replacement.text });
  }

  /**
   * Strengths, things to work on and topics to review over a finished session's scored answers
   * (null while answers are still open or being scored, or when none was scored).
   */
  async feedback(session: PracticeSession & { answers: PracticeAnswer[] }): Promise<SessionFeedback | null> {
    if (session.answers.some((a) => isUnfinished(a) || a.state === 'queued')) return null;
    const scored = session.answers.filter((a) => a.state === 'scored' && a.result);
    const ids = scored.map((a) => a.questionId).filter((qid): qid is number => qid !== null);
    const questions = ids.length ? await this.dataSource.getRepository(Question).find({ where: { id: In(ids) }, select: { id: true, topic: true } }) : [];
    const topicOf = new Map(questions.map((q) => [q.id, q.topic]));
    return sessionFeedback(
      scored.map((a) => ({ result: storedResult(a)!, topic: a.questionId === null ? null : (topicOf.get(a.questionId) ?? null), question: a.questionText })),
    );
  }

  /** Whether this deployment analyses the camera at all (EXPRESSION_ANALYSIS). */
  get cameraAvailable(): boolean {
    return this.config.expressionAnalysis;
  }

  /** Whether the camera is analysed for this member: their opt-in, unless the deployment switched it off. */
  async cameraAnalysis(user: SessionUser): Promise<boolean> {
    if (!this.config.expressionAnalysis) return false;
    const row = await this.dataSource.getRepository(User).findOne({ where: { id: user.id }, select: { id: true, expressionAnalysis: true } });
    return Boolean(row?.expressionAnalysis);
  }

  /**
   * Stores a recorded answer — the audio and, when the member opted in to camera analysis, its
   * JPEG frames (otherwise they are dropped unread) — replacing an earlier take that is still under
   * review, and queues its transcription. Each take is a folder `<random>/` with `audio.<ext>` and `frames/`.
   */
  async saveRecording(user: SessionUser, id: number, position: number, audio: { bytes: Buffer; type: string }, frames: readonly Buffer[]): Promise<void> {
    const session = await this.session(user, id);
    const answer = session.answers.find((a) => a.position === position);
    if (!answer) throw new NotFoundException('We could not find that question.');
    if (answer.state !== 'open' && answer.state !== 'review') throw new PracticeError('This question already has an answer.', 'form', HttpStatus.CONFLICT);
    const kept = (await this.cameraAnalysis(user)) ? frames : [];
    if (kept.some((f) => f[0] !== 0xff || f[1] !== 0xd8)) throw new PracticeError('Camera frames must be JPEG images.', 'form', HttpStatus.BAD_REQUEST);
    const dir = recordingsDir(this.config);
    // Unguessable, and no user data in the name.
    const take = randomBytes(12).toString('hex');
    const file = `${take}/audio.${RECORDING_TYPES[audio.type]}`;
    await mkdir(join(dir, take, 'frames'), { recursive: true });
    await writeFile(join(dir, file), audio.bytes);
    await Promise.all(kept.map((frame, i) => writeFile(join(dir, take, 'frames', `${String(i + 1).padStart(6, '0')}.jpg`), frame)));
    const saved = await this.dataSource
      .getRepository(PracticeAnswer)
      .update({ id: answer.id, state: answer.state }, { recordingFile: file, state: 'transcribing', answerText: null, error: null });
    if (saved.affected === 0) {
      await rm(join(dir, take), { recursive: true, force: true });
      throw new PracticeError('This question already has an answer.', 'form', HttpStatus.CONFLICT);
    }
    if (answer.recordingFile) await rm(join(dir, dirname(answer.recordingFile)), { recursive: true, force: true });
    this.scorer.enqueue(answer.id);
  }

  /** The file of the member's own recording, or 404. */
  async recordingPath(user: SessionUser, id: number, position: number): Promise<string> {
    return this.recordingFile(await this.session(user, id), position);
  }

  private recordingFile(session: { answers: PracticeAnswer[] }, position: number): string {
    const answer = session.answers.find((a) => a.position === position);
    if (!answer?.recordingFile) throw new NotFoundException('There is no recording of this answer.');
    return join(recordingsDir(this.config), answer.recordingFile);
  }

  /** Deletes the member's session with its answers and every recording and frame of it. */
  async delete(user: SessionUser, id: number): Promise<void> {
    const session = await this.session(user, id);
    await this.dataSource.getRepository(PracticeSession).delete({ id: session.id, userId: user.id });
    const dir = recordingsDir(this.config);
    await Promise.all(
      session.answers.filter((a) => a.recordingFile).map((a) => rm(join(dir, dirname(a.recordingFile!)), { recursive: true, force: true })),
    );
  }

  retryFailed(sessionId: number): Promise<number> {
    return this.scorer.retryFailed(sessionId);
  }

  /** The member's scored sessions, newest first, to choose from when comparing (at most COMPARE_CHOICES). */
  async scoredSessions(user: SessionUser): Promise<Array<{ id: number; createdAt: Date; scope: string; overallScore: number | null }>> {
    const sessions = await this.dataSource.getRepository(PracticeSession).find({
      where: { userId: user.id, overallScore: Not(IsNull()) },
      relations: { company: true },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: COMPARE_CHOICES,
    });
    return sessions.map((s) => ({ id: s.id, createdAt: s.createdAt, scope: scopeLabel(s), overallScore: s.overallScore }));
  }

  async list(user: SessionUser, page: number): Promise<{ items: SessionSummary[]; total: number; page: number; pages: number }> {
    const [sessions, total] = await this.dataSource.getRepository(PracticeSession).findAndCount({
      where: { userId: user.id },
      relations: { company: true },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * SESSIONS_PER_PAGE,
      take: SESSIONS_PER_PAGE,
    });
    // One query for the page's answers: counts and each session's per-component means (progress by component).
    const answers = sessions.length
      ? await this.dataSource.getRepository(PracticeAnswer).find({ where: { sessionId: In(sessions.map((s) => s.id)) }, select: { sessionId: true, state: true, result: true } })
      : [];
    const bySession = new Map<number, PracticeAnswer[]>();
    for (const a of answers) bySession.set(a.sessionId, [...(bySession.get(a.sessionId) ?? []), a]);
    return {
      items: sessions.map((s) => {
        const own = bySession.get(s.id) ?? [];
        const answered = own.filter((a) => !isUnfinished(a)).length;
        return {
          id: s.id,
          url: practiceUrl(s.id),
          reportUrl: `${practiceUrl(s.id)}/report`,
          createdAt: s.createdAt,
          scope: scopeLabel(s),
          questions: own.length,
          answered,
          overallScore: s.overallScore,
          components: componentAverages(own),
          status: answered < own.length ? 'In progress' : own.some((a) => a.state === 'queued') ? 'Being scored' : 'Scored',
        };
      }),
      total,
      page,
      pages: Math.max(1, Math.ceil(total / SESSIONS_PER_PAGE)),
    };
  }
}

export function scopeLabel(session: Pick<PracticeSession, 'company' | 'topic' | 'role'>): string {
  const parts = [session.company?.name ?? 'Any company', session.role, session.topic && isTopic(session.topic) ? topicLabel(session.topic) : null];
  return parts.filter(Boolean).join(' · ');
}
