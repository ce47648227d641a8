import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const FLAG_TARGETS = ['experience', 'thread', 'post', 'faq'] as const;
export type FlagTarget = (typeof FLAG_TARGETS)[number];
export type FlagStatus = 'open' | 'resolved' | 'dismissed';
export type FlagKind = 'flag' | 'takedown';

/** A member's report, or a takedown request from anyone named in a post (then reporter is null). */
@Entity('flags')
@Index(['status', 'createdAt'])
export class Flag {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 16, default: 'flag' })
  kind: FlagKind;

  @Column({ name: 'reporter_id', type: 'integer', nullable: true })
  reporterId: number | null;

  @Column({ name: 'contact_name', type: 'varchar', length: 120, nullable: true })
  contactName: string | null;

  @Column({ name: 'contact_email', type: 'varchar', length: 254, nullable: true })
  contactEmail: string | null;

  @Column({ name: 'target_type', type: 'varchar', length: 16 })
  targetType: FlagTarget;

  @Column({ name: 'target_id', type: 'integer' })
  targetId: number;

  @Column({ type: 'varchar', length: 1000 })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: FlagStatus;

  @Column({ name: 'resolved_by_id', type: 'integer', nullable: true })
  resolvedById: number | null;

  @Column({ name: 'resolution_note', type: 'varchar', length: 500, nullable: true })
  resolutionNote: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
