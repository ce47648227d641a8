import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Experience } from './experience.entity.js';

@Entity('helpful_votes')
@Index(['experienceId', 'userId'], { unique: true })
export class HelpfulVote {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'experience_id', type: 'integer' })
  experienceId: number;

  @ManyToOne(() => Experience, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'experience_id' })
  experience?: Relation<Experience>;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
