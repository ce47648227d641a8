import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ForumCategory } from './forum-category.entity.js';

@Entity('forum_threads')
@Index(['categoryId', 'lastPostAt'])
export class ForumThread {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'category_id', type: 'integer' })
  categoryId: number;

  @ManyToOne(() => ForumCategory, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'category_id' })
  category?: Relation<ForumCategory>;

  @Index()
  @Column({ name: 'company_id', type: 'integer', nullable: true })
  companyId: number | null;

  @Column({ name: 'author_id', type: 'integer' })
  authorId: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'boolean', default: false })
  pinned: boolean;

  @Column({ type: 'boolean', default: false })
  locked: boolean;

  @Column({ name: 'accepted_post_id', type: 'integer', nullable: true })
  acceptedPostId: number | null;

  @Column({ name: 'reply_count', type: 'integer', default: 0 })
  replyCount: number;

  @Column({ name: 'last_post_at', type: 'datetime' })
  lastPostAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
