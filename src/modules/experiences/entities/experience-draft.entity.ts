import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The raw form as last typed, so nothing is lost to a reload, a crash or a rejected submission. */
@Entity('experience_drafts')
@Index(['userId', 'experienceId'])
export class ExperienceDraft {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  /** Null for a new experience; set when the draft holds unsaved edits of an existing one. */
  @Column({ name: 'experience_id', type: 'integer', nullable: true })
  experienceId: number | null;

  @Column({ type: 'text' })
  data: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
