import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import {
  createTranscriber,
  PocketsphinxTranscriber,
  ScoringError,
  TextTranscriber,
  type ScoredAnswer,
  type Transcriber,
  type TranscriptSource,
} from '../../ml/index.js';
import { User } from '../accounts/entities/user.entity.js';
import { Question } from '../questions/entities/question.entity.js';
import { QuestionBankService } from '../questions/question-bank.service.js';
import { subjectShare, tagTopic, topicLabel } from '../questions/topics.js';
import { ScoringService } from '../scoring/scoring.service.js';
import { keyPointsFromNotes } from './key-points.js';
import { PracticeAnswer } from './entities/practice-answer.entity.js';
import { PracticeSession } from './entities/practice-session.entity.js';
import type { TimedWord } from './word-times.js';

/** A worker crash or time-out is retried this many times in all (restarts included) before the answer is marked failed. */
export const MAX_SCORING_ATTEMPTS = 3;

/** What is kept of a scored answer: everything the report shows, without worker timings. */
export type StoredResult = Omit<ScoredAnswer, 'timingsMs'>;

/** Where recordings are kept: inside VAR_DIR, never under public/. */
export const recordingsDir = (config: AppConfig) => join(config.varDir, 'recordings');

/**
 * Works through practice answers, one at a time, in submission order: transcribes recordings
 * (`transcribing` → `review`, where the member checks the transcript) and scores answers on the
 * scoring pool (`queued` → `scored` or `failed`).
 *
 * The queue lives in the database: an answer keeps its state until the step's result is written,
 * so answers that were waiting or in progress when the server stopped are picked up again at the next start.
 * Each attempt is counted before it starts (a crash still counts), so an answer that crashes the
 * worker every time ends as `failed` instead of looping. Scoring is idempotent: the same answer
 * gives the same result, and a result is written only while the answer is still `queued`.
 */
@Injectable()
export class PracticeScorer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Practice');
  private readonly pending: number[] = [];
  private readonly active = new Set<number>();
  private readonly waiters: Array<() => void> = [];
  private stopped = false;
  private transcriber: Transcriber | null | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly scoring: ScoringService,
    private readonly bank: QuestionBankService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const waiting = await this.dataSource
      .getRepository(PracticeAnswer)
      .find({ where: { state: In(['transcribing', 'queued']) }, select: { id: true }, order: { id: 'ASC' } });
    if (waiting.length === 0) return;
    this.logger.log(`Scoring ${waiting.length} practice answer(s) that were waiting when the server started`);
    for (const { id } of waiting) this.enqueue(id);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  /** Schedules an answer (already `transcribing` or `queued` in the database). */
  enqueue(answerId: number): void {
    if (this.stopped || this.pending.includes(answerId) || this.active.has(answerId)) return;
    this.pending.push(answerId);
    this.pump();
  }

  /** Resolves when everything queued so far is done (for tests and graceful shutdown). */
  idle(): Promise<void> {
    if (this.active.size === 0 && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** One answer per scoring worker at a time: enough to keep the pool busy without queueing inside it. */
  private pump(): void {
    while (!this.stopped && this.pending.length > 0 && this.active.size < this.config.mlWorkers) {
      const id = this.pending.shift()!;
      this.active.add(id);
      this.runOne(id)
        .catch((error: unknown) => {
          // A database error must not stop the queue; the answer keeps its state for the next start.
          this.logger.error(`Practice answer ${id}: ${(error as Error).message}`);
        })
        .finally(() => {
          this.active.delete(id);
          this.pump();
          if (this.active.size === 0 && (this.pending.length === 0 || this.stopped)) this.waiters.splice(0).forEach((resolve) => resolve());
        });
    }
  }

  /** The server's speech recogniser: sherpa-onnx with SPEECH_MODEL_DIR, else pocketsphinx when installed, else none. */
  private speechRecogniser(): Transcriber | null {
    if (this.transcriber === undefined) {
      if (this.config.speechModelDir) this.transcriber = createTranscriber('sherpa-onnx', { sherpaModelDir: this.config.speechModelDir });
      else this.transcriber = PocketsphinxTranscriber.isAvailable() ? createTranscriber('pocketsphinx') : null;
    }
    return this.transcriber;
  }

  private async runOne(id: number): Promise<void> {
    const answer = await this.dataSource.getRepository(PracticeAnswer).findOne({ where: { id }, relations: { session: true } });
    if (answer?.state === 'transcribing') await this.transcribe(answer);
    else if (answer?.state === 'queued' && answer.session) await this.score(answer as PracticeAnswer & { session: PracticeSession });
  }

  /**
   * Recording → transcript for the member to check. Recognition failures do not lose the answer:
   * the member gets an empty transcript to type what they said, with the reason.
   */
  private async transcribe(answer: PracticeAnswer): Promise<void> {
    const recogniser = this.speechRecogniser();
    let change: Partial<PracticeAnswer>;
    if (!recogniser || !answer.recordingFile) {
      change = { answerText: '', transcriptWords: null, transcriptSource: null, lowConfidence: true, error: 'Speech recognition is not available on this server: please type what you said.' };
    } else {
      try {
        const transcript = await recogniser.transcribe(join(recordingsDir(this.config), answer.recordingFile));
        const words: TimedWord[] = transcript.words.map((w) => [w.word, Math.round(w.startMs), Math.round(w.endMs)]);
        change = { answerText: transcript.text, transcriptWords: JSON.stringify(words), transcriptSource: transcript.source, lowConfidence: transcript.lowConfidence, error: null };
      } catch (error) {
        this.logger.warn(`Transcribing practice answer ${answer.id} failed: ${(error as Error).message}`);
        change = { answerText: '', transcriptWords: null, transcriptSource: null, lowConfidence: true, error: 'We could not transcribe this recording: please type what you said.' };
      }
    }
    await this.dataSource.getRepository(PracticeAnswer).update({ id: answer.id, state: 'transcribing' }, { ...change, state: 'review' });
  }

  private async score(answer: PracticeAnswer & { session: PracticeSession }): Promise<void> {
    const { id } = answer;
    const answers = this.dataSource.getRepository(PracticeAnswer);
    if (answer.attempts >= MAX_SCORING_ATTEMPTS) {
      await this.finish(answer, { state: 'failed', error: `Scoring stopped after ${answer.attempts} attempts.` });
      return;
    }
    // Counted before the work, and only if nobody else has claimed this attempt (another instance).
    const claimed = await answers.update({ id, state: 'queued', attempts: answer.attempts }, { attempts: answer.attempts + 1 });
    if (claimed.affected === 0) return;

    const user = await this.dataSource.getRepository(User).findOne({ where: { id: answer.session.userId }, select: { id: true, expressionAnalysis: true, englishDialect: true } });
    const others = await answers.find({ where: { sessionId: answer.sessionId }, select: { id: true, questionText: true } });
    const recording = answer.recordingFile ? await readFile(join(recordingsDir(this.config), answer.recordingFile)).catch(() => null) : undefined;
    if (recording === null) {
      // The message is for the member: it must not name server paths.
      await this.finish(answer, { state: 'failed', error: 'The recording of this answer is missing on the server.' });
      return;
    }
    // Frames exist only for members who opted in; the deployment switch is checked again here.
    const cameraOn = this.config.expressionAnalysis && Boolean(user?.expressionAnalysis);
    const frames = recording && cameraOn ? await this.frames(answer.recordingFile!) : [];
    const text = answer.answerText ?? '';
    // The bank's topic (an officer may have corrected it); a question typed by the member is tagged here.
    const banked = answer.questionId === null ? null : await this.dataSource.getRepository(Question).findOne({ where: { id: answer.questionId }, select: { id: true, topic: true } });
    const topic = banked?.topic ?? tagTopic(answer.questionText);
    let scored: ScoredAnswer;
    try {
      const recorded = recording !== undefined;
      scored = await this.scoring.pool.scoreAnswer({
        question: answer.questionText,
        // What the rounds' notes say interviewers asked for (read now: the bank may have grown since the session started).
        keyPoints: answer.questionId === null ? [] : keyPointsFromNotes(await this.bank.roundNotes(answer.questionId), answer.questionText),
        transcript: recorded
          ? { text, words: [], confidence: null, source: (answer.transcriptSource ?? 'typed') as TranscriptSource, lowConfidence: answer.lowConfidence }
          : await new TextTranscriber(text, 'typed').transcribe(),
        // The member checked (and could correct) every transcript before submitting it.
        transcriptCorrected: true,
        ...(recorded && { wav: recording }),
        expressionAnalysis: cameraOn,
        dialect: user?.englishDialect ?? 'indian',
        ...(frames.length && { frames }),
        // The session's other questions give the TF-IDF weights something to contrast with.
        corpus: others.filter((o) => o.id !== id).map((o) => o.questionText),
        subject: { label: topicLabel(topic), share: subjectShare(text, topic) },
      });
    } catch (error) {
      const retryable = error instanceof ScoringError && error.retryable;
      const message = (error as Error).message.slice(0, 400);
      if (retryable && answer.attempts + 1 < MAX_SCORING_ATTEMPTS) {
        this.logger.warn(`Practice answer ${id}: ${message}; trying again`);
        this.pending.push(id);
      } else {
        // Worker failures are the server's business (logged in full); the member gets a plain
        // sentence. An input error (an unreadable recording) is about their answer, so it is shown.
        this.logger.error(`Practice answer ${id} failed: ${message}`);
        const shown = retryable || !(error instanceof ScoringError) ? `Scoring failed on the server after ${answer.attempts + 1} attempt(s). Please try again later.` : message;
        await this.finish(answer, { state: 'failed', error: shown });
      }
      return;
    }
    const { timingsMs, ...result } = scored;
    const rounded = (c: { score: number | null; evidence: string }) => (c.evidence === 'ok' && c.score !== null ? Math.round(c.score) : null);
    await this.finish(answer, {
      state: 'scored',
      result: JSON.stringify(result satisfies StoredResult),
      overallScore: result.overall.score === null ? null : Math.round(result.overall.score),
      contentScore: rounded(result.components.content),
      deliveryScore: rounded(result.components.delivery),
      languageScore: rounded(result.components.language),
      presenceScore: rounded(result.components.presence),
      error: null,
    });
    this.logger.debug(`Practice answer ${id} scored in ${Math.round(timingsMs.wall)} ms`);
  }

  /** The take's camera frames in capture order (none when the folder is missing). */
  private async frames(recordingFile: string): Promise<Buffer[]> {
    const dir = join(recordingsDir(this.config), dirname(recordingFile), 'frames');
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.jpg')).sort();
    return Promise.all(names.map((n) => readFile(join(dir, n))));
  }

  private async finish(answer: PracticeAnswer, change: Partial<PracticeAnswer>): Promise<void> {
    const answers = this.dataSource.getRepository(PracticeAnswer);
    const done = await answers.update({ id: answer.id, state: 'queued' }, change);
    if (done.affected === 0) return;
    // Read after the write is committed, not inside one transaction: when two answers of a session
    // finish together, whichever reads last sees both and writes the session's score.
    const all = await answers.find({ where: { sessionId: answer.sessionId }, select: { state: true, overallScore: true } });
    if (all.some((a) => a.state !== 'scored' && a.state !== 'failed')) return;
    const scores = all.filter((a) => a.state === 'scored' && a.overallScore !== null).map((a) => a.overallScore!);
    const overall = scores.length ? Math.round(scores.reduce((sum, v) => sum + v, 0) / scores.length) : null;
    await this.dataSource.getRepository(PracticeSession).update({ id: answer.sessionId }, { overallScore: overall });
  }

  /** Puts failed answers of a session back in the queue, with a fresh allowance of attempts. */
  async retryFailed(sessionId: number): Promise<number> {
    const answers = this.dataSource.getRepository(PracticeAnswer);
    const failed = await answers.find({ where: { sessionId, state: 'failed' }, select: { id: true } });
    if (failed.length === 0) return 0;
    await answers.update({ id: In(failed.map((a) => a.id)), state: 'failed' }, { state: 'queued', attempts: 0, error: null });
    for (const { id } of failed) this.enqueue(id);
    return failed.length;
  }
}
