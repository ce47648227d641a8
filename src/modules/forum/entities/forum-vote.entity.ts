import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../../accounts/entities/user.entity.js';

export const VOTE_TARGETS = ['thread', 'post'] as const;
export type VoteTarget = (typeof VOTE_TARGETS)[number];
export type VoteValue = 1 | -1;

/** One person's up or down vote on a thread's opening post or on a reply; the unique index keeps it to one each. */
@Entity('forum_votes')
@Index(['userId', 'targetType', 'targetId'], { unique: true })
@Index(['targetType', 'targetId'])
export class ForumVote {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ name: 'target_type', type: 'varchar', length: 8 })
  targetType: VoteTarget;

  @Column({ name: 'target_id', type: 'integer' })
  targetId: number;

  @Column({ type: 'integer' })
  value: VoteValue;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
