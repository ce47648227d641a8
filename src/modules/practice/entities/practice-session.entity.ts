import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../../accounts/entities/user.entity.js';
import { Company } from '../../companies/entities/company.entity.js';
import { PracticeAnswer } from './practice-answer.entity.js';

export const PRACTICE_MODES = ['text', 'audio'] as const;
export type PracticeMode = (typeof PRACTICE_MODES)[number];
/** Thinking time before each spoken answer that a member can choose, in seconds. */
export const THINKING_SECONDS = [0, 15, 30, 60] as const;
export const DEFAULT_THINKING_SECONDS = 30;

/** One mock interview of one member: its questions are fixed when it is created. Private to its owner. */
@Entity('practice_sessions')
@Index(['userId', 'createdAt'])
export class PracticeSession {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  /** The company the questions were drawn from; null for "any company". */
  @Column({ name: 'company_id', type: 'integer', nullable: true })
  companyId: number | null;

  @ManyToOne(() => Company, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'company_id' })
  company?: Relation<Company> | null;

  /** 'text': typed answers; 'audio': recorded answers, transcribed on the server and checked by the member. */
  @Column({ type: 'varchar', length: 8, default: 'text' })
  mode: PracticeMode;

  /** Seconds shown to think before each recording starts by itself (spoken sessions; 0: none). */
  @Column({ name: 'thinking_seconds', type: 'integer', default: 0 })
  thinkingSeconds: number;

  /** Role the questions' interviews were for (a part of it, as typed: "SDE"), or null for any role. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  role: string | null;

  /** Topic slug the questions were drawn from, or null for every topic. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  topic: string | null;

  /** Mean of the scored answers' overall scores, once every answer is scored (null: not yet, or no evidence). */
  @Column({ name: 'overall_score', type: 'integer', nullable: true })
  overallScore: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  /** Set when the last answer was submitted. */
  @Column({ name: 'completed_at', type: 'datetime', nullable: true })
  completedAt: Date | null;

  /**
   * Secret of the report's share link (256 random bits, base64url), or null when it is not shared.
   * Kept as it is rather than hashed: it only opens this report, whose content lives in the same
   * database, and the owner must be able to copy the link again.
   */
  @Index({ unique: true })
  @Column({ name: 'share_token', type: 'varchar', length: 43, nullable: true })
  shareToken: string | null;

  /** Whether the share link also plays the answers' recordings. */
  @Column({ name: 'share_recordings', type: 'boolean', default: false })
  shareRecordings: boolean;

  @OneToMany(() => PracticeAnswer, (a) => a.session)
  answers?: Array<Relation<PracticeAnswer>>;
}
