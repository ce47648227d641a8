import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { User } from '../../accounts/entities/user.entity.js';
import { Company } from '../../companies/entities/company.entity.js';
import { Round } from './round.entity.js';

export const APPLICATION_SOURCES = ['on-campus', 'off-campus', 'referral'] as const;
export const OUTCOMES = ['selected', 'rejected', 'pending', 'withdrew'] as const;
export const EXPERIENCE_STATUSES = ['draft', 'pending', 'published', 'rejected'] as const;
export type ApplicationSource = (typeof APPLICATION_SOURCES)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type ExperienceStatus = (typeof EXPERIENCE_STATUSES)[number];

@Entity('experiences')
@Index(['status', 'createdAt'])
@Index(['status', 'publishedAt'])
// Covers a company's counts by year, outcome and branch (migration 9), and lookups by company and status.
@Index(['companyId', 'status', 'interviewYear', 'outcome', 'branch', 'difficulty'])
export class Experience {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ name: 'author_id', type: 'integer' })
  authorId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<User>;

  @Column({ name: 'company_id', type: 'integer' })
  companyId: number;

  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id' })
  company?: Relation<Company>;

  @Column({ type: 'varchar', length: 120 })
  role: string;

  @Column({ name: 'role_description', type: 'text', nullable: true })
  roleDescription: string | null;

  @Column({ name: 'interview_year', type: 'integer' })
  interviewYear: number;

  /** Copied from the author at posting time, so later profile edits do not rewrite history. */
  @Column({ name: 'passout_year', type: 'integer' })
  passoutYear: number;

  @Column({ type: 'varchar', length: 80 })
  branch: string;

  @Column({ type: 'boolean', default: false })
  anonymous: boolean;

  @Column({ type: 'varchar', length: 16 })
  source: ApplicationSource;

  @Column({ type: 'varchar', length: 16 })
  outcome: Outcome;

  @Column({ type: 'integer' })
  difficulty: number;

  /** Shown on the post only when it is not anonymous. */
  @Column({ name: 'linkedin_url', type: 'varchar', length: 255, nullable: true })
  linkedinUrl: string | null;

  /** Private: visible to the author and to officers and admins only. */
  @Column({ name: 'roll_number', type: 'varchar', length: 40, nullable: true })
  rollNumber: string | null;

  @Column({ name: 'offer_details', type: 'varchar', length: 300, nullable: true })
  offerDetails: string | null;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', nullable: true })
  tips: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: ExperienceStatus;

  @Column({ name: 'rejection_reason', type: 'varchar', length: 500, nullable: true })
  rejectionReason: string | null;

  @Column({ name: 'helpful_count', type: 'integer', default: 0 })
  helpfulCount: number;

  /** Comma-separated topic slugs derived from the questions. */
  @Column({ type: 'varchar', length: 500, default: '' })
  topics: string;

  /** Set by the bulk importer (an external id or a content hash), so a second import adds nothing. */
  @Index({ unique: true })
  @Column({ name: 'import_key', type: 'varchar', length: 64, nullable: true })
  importKey: string | null;

  @OneToMany(() => Round, (round) => round.experience)
  rounds?: Relation<Round[]>;

  @Column({ name: 'published_at', type: 'datetime', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
