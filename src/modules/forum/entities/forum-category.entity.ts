import { Column, Index, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('forum_categories')
export class ForumCategory {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 60 })
  slug: string;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'varchar', length: 300 })
  description: string;

  @Column({ type: 'integer', default: 0 })
  position: number;
}
