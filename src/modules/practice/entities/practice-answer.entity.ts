import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Question } from '../../questions/entities/question.entity.js';
import { PracticeSession } from './practice-session.entity.js';

/**
 * - `open`: not answered yet;
 * - `transcribing`: a recording arrived and is being transcribed (resumed after a restart);
 * - `review`: the transcript waits for the member to check and correct it;
 * - `queued`: answered, waiting for (or in) scoring — what a restarted server picks up again;
 * - `scored`: `result` holds the report;
 * - `failed`: scoring failed `MAX_SCORING_ATTEMPTS` times; `error` says why, the member can retry.
 */
export const ANSWER_STATES = ['open', 'transcribing', 'review', 'queued', 'scored', 'failed'] as const;
export type AnswerState = (typeof ANSWER_STATES)[number];

/** One question of a practice session, with the member's answer and its scores. */
@Entity('practice_answers')
@Index(['sessionId', 'position'], { unique: true })
@Index(['state'])
@Index(['state', 'answeredAt'])
export class PracticeAnswer {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'session_id', type: 'integer' })
  sessionId: number;

  @ManyToOne(() => PracticeSession, (s) => s.answers, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<PracticeSession>;

  /** 1-based order in the session. */
  @Column({ type: 'integer' })
  position: number;

  /** The bank question it came from; the wording is copied so a re-harvest cannot change a past session. */
  @Column({ name: 'question_id', type: 'integer', nullable: true })
  questionId: number | null;

  @ManyToOne(() => Question, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'question_id' })
  question?: Relation<Question> | null;

  @Column({ name: 'question_text', type: 'text' })
  questionText: string;

  @Column({ type: 'varchar', length: 12, default: 'open' })
  state: AnswerState;

  /** The recording's file name under VAR_DIR/recordings (private: served only to the session's owner). */
  @Column({ name: 'recording_file', type: 'varchar', length: 80, nullable: true })
  recordingFile: string | null;

  /** Who produced `answerText` before the member's check: 'typed', or the speech recogniser's name. */
  @Column({ name: 'transcript_source', type: 'varchar', length: 16, nullable: true })
  transcriptSource: string | null;

  /** The recogniser was unsure of its transcript (shown in the review and the report). */
  @Column({ name: 'low_confidence', type: 'boolean', default: false })
  lowConfidence: boolean;

  /** The recogniser's words with their times, JSON `[word, startMs, endMs][]` (see word-times.ts); null for typed answers. */
  @Column({ name: 'transcript_words', type: 'text', nullable: true })
  transcriptWords: string | null;

  /** What the member typed (text mode) or the transcript, as corrected by the member. */
  @Column({ name: 'answer_text', type: 'text', nullable: true })
  answerText: string | null;

  @Column({ name: 'answered_at', type: 'datetime', nullable: true })
  answeredAt: Date | null;

  /** Scoring attempts so far (a crash mid-scoring counts; the job resumes on restart). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** The scored report as JSON (see PracticeScorer); null until scored. */
  @Column({ type: 'text', nullable: true })
  result: string | null;

  @Column({ name: 'overall_score', type: 'integer', nullable: true })
  overallScore: number | null;

  /**
   * The components' scores, copied out of `result` when it is written (null: not scored, or not
   * enough evidence), for aggregate statistics in SQL.
   */
  @Column({ name: 'content_score', type: 'integer', nullable: true })
  contentScore: number | null;

  @Column({ name: 'delivery_score', type: 'integer', nullable: true })
  deliveryScore: number | null;

  @Column({ name: 'language_score', type: 'integer', nullable: true })
  languageScore: number | null;

  @Column({ name: 'presence_score', type: 'integer', nullable: true })
  presenceScore: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;
}
