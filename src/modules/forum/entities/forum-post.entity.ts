import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../../accounts/entities/user.entity.js';
import { ForumThread } from './forum-thread.entity.js';

@Entity('forum_posts')
export class ForumPost {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ name: 'thread_id', type: 'integer' })
  threadId: number;

  @ManyToOne(() => ForumThread, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id' })
  thread?: Relation<ForumThread>;

  @Column({ name: 'author_id', type: 'integer' })
  authorId: number;

  // For reading only: the schema has no foreign key on author_id, so none is declared.
  @ManyToOne(() => User, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<User> | null;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'quoted_post_id', type: 'integer', nullable: true })
  quotedPostId: number | null;

  /** Sum of the votes on this reply, kept in step with forum_votes inside the voting transaction. */
  @Column({ type: 'integer', default: 0 })
  score: number;

  @Column({ name: 'edited_at', type: 'datetime', nullable: true })
  editedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
