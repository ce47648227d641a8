import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../../accounts/entities/user.entity.js';
import { Company } from '../../companies/entities/company.entity.js';
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

  // Joins for reading only: the schema has no foreign keys on these columns, so none are declared.
  @ManyToOne(() => Company, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'company_id' })
  company?: Relation<Company> | null;

  @Column({ name: 'author_id', type: 'integer' })
  authorId: number;

  @ManyToOne(() => User, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'author_id' })
  author?: Relation<User> | null;

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

  /** Sum of the votes on the opening post, kept in step with forum_votes inside the voting transaction. */
  @Column({ type: 'integer', default: 0 })
  score: number;

  @Column({ name: 'edited_at', type: 'datetime', nullable: true })
  editedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
