import { Column, Index, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type CompanyStatus = 'pending' | 'active';

@Entity('companies')
export class Company {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 140 })
  slug: string;

  @Column({ type: 'varchar', length: 80, nullable: true })
  industry: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  website: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: CompanyStatus;

  /** Who first typed this name on the experience form; moderators see it when approving. */
  @Column({ name: 'created_by_id', type: 'integer', nullable: true })
  createdById: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
