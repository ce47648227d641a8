import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
  type ValueTransformer,
} from 'typeorm';
import { Company } from '../../companies/entities/company.entity.js';

/** MySQL returns DECIMAL as a string; the bank works in numbers. */
const decimalNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/**
 * One question of the harvested bank: every near-duplicate wording asked at one company, with
 * figures recomputed from its sources whenever they change.
 */
@Entity('questions')
@Index(['companyId', 'timesAsked'])
@Index(['timesAsked', 'lastYear'])
export class Question {
  @PrimaryGeneratedColumn()
  id: number;

  /** The representative wording shown to people. */
  @Column({ type: 'text' })
  text: string;

  /** `normalizeQuestion(text)`: what new wordings are compared with and text search runs on. */
  @Column({ name: 'normalized_text', type: 'text' })
  normalizedText: string;

  @Column({ name: 'company_id', type: 'integer' })
  companyId: number;

  @ManyToOne(() => Company, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'company_id' })
  company?: Relation<Company>;

  /** The most common role among the experiences it was asked in. */
  @Column({ type: 'varchar', length: 120 })
  role: string;

  /** The most common kind of round it was asked in. */
  @Column({ name: 'round_kind', type: 'varchar', length: 20 })
  roundKind: string;

  @Index()
  @Column({ type: 'varchar', length: 32 })
  topic: string;

  /** Average difficulty (1–5) of the experiences it was asked in, to one decimal. */
  @Column({ type: 'decimal', precision: 3, scale: 1, transformer: decimalNumber })
  difficulty: number;

  /** In how many experiences it was asked (an interview asking it twice counts once). */
  @Column({ name: 'times_asked', type: 'integer', default: 0 })
  timesAsked: number;

  @Column({ name: 'first_year', type: 'integer' })
  firstYear: number;

  @Column({ name: 'last_year', type: 'integer' })
  lastYear: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
