import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Experience } from './experience.entity.js';

export const ROUND_KINDS = ['online-test', 'technical', 'hr', 'managerial', 'group-discussion', 'other'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

const ROUND_KIND_LABELS: Record<RoundKind, string> = {
  'online-test': 'Online test',
  technical: 'Technical',
  hr: 'HR',
  managerial: 'Managerial',
  'group-discussion': 'Group discussion',
  other: 'Other',
};

/** A round kind as people write it ("online-test" → "Online test"). */
export function roundKindLabel(kind: string): string {
  return ROUND_KIND_LABELS[kind as RoundKind] ?? kind;
}

@Entity('rounds')
export class Round {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ name: 'experience_id', type: 'integer' })
  experienceId: number;

  @ManyToOne(() => Experience, (experience) => experience.rounds, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'experience_id' })
  experience?: Relation<Experience>;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 20 })
  kind: RoundKind;

  @Column({ type: 'varchar', length: 160 })
  title: string;

  @Column({ name: 'duration_minutes', type: 'integer', nullable: true })
  durationMinutes: number | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** The questions asked, one per line, as the author wrote them. */
  @Column({ name: 'questions_text', type: 'text' })
  questionsText: string;
}
