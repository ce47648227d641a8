import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Experience } from '../../experiences/entities/experience.entity.js';
import { Round } from '../../experiences/entities/round.entity.js';
import { Question } from './question.entity.js';

/**
 * One line of one round that was harvested into a question. Unique per (round, line), so a
 * re-harvest can never count a line twice.
 *
 * The experience and round keys are SET NULL rather than CASCADE on purpose: when rounds are
 * replaced on edit, or an experience or its author is deleted by some path that does not call the
 * bank, the orphaned sources stay behind with their question id, so the next harvest knows exactly
 * which questions' counts to recompute instead of leaving them silently wrong.
 */
@Entity('question_sources')
@Index(['roundId', 'lineNo'], { unique: true })
export class QuestionSource {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ name: 'question_id', type: 'integer' })
  questionId: number;

  @ManyToOne(() => Question, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id' })
  question?: Relation<Question>;

  @Index()
  @Column({ name: 'experience_id', type: 'integer', nullable: true })
  experienceId: number | null;

  @ManyToOne(() => Experience, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'experience_id' })
  experience?: Relation<Experience>;

  @Column({ name: 'round_id', type: 'integer', nullable: true })
  roundId: number | null;

  @ManyToOne(() => Round, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'round_id' })
  round?: Relation<Round>;

  @Column({ name: 'company_id', type: 'integer' })
  companyId: number;

  /** The interview year of the experience. */
  @Column({ type: 'integer' })
  year: number;

  /** Position of the line among the round's questions. */
  @Column({ name: 'line_no', type: 'integer' })
  lineNo: number;

  /** The line as the author wrote it (list markers removed). */
  @Column({ name: 'original_text', type: 'text' })
  originalText: string;
}
