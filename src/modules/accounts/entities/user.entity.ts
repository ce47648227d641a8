import { Column, Index, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { EnglishDialect } from '../../../ml/index.js';

export const ROLES = ['student', 'officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ name: 'display_name', type: 'varchar', length: 80 })
  displayName: string;

  @Column({ type: 'varchar', length: 16, default: 'student' })
  role: Role;

  @Column({ type: 'varchar', length: 80 })
  branch: string;

  @Column({ name: 'passout_year', type: 'integer' })
  passoutYear: number;

  /** Private: shown only to the user and to officers and admins. */
  @Column({ name: 'roll_number', type: 'varchar', length: 40, nullable: true })
  rollNumber: string | null;

  @Column({ name: 'linkedin_url', type: 'varchar', length: 255, nullable: true })
  linkedinUrl: string | null;

  @Column({ name: 'email_verified_at', type: 'datetime', nullable: true })
  emailVerifiedAt: Date | null;

  @Column({ name: 'expression_analysis', type: 'boolean', default: false })
  expressionAnalysis: boolean;

  /** The English whose spelling the grammar check of practice answers follows (ENGLISH_DIALECTS). */
  @Column({ name: 'english_dialect', type: 'varchar', length: 16, default: 'indian' })
  englishDialect: EnglishDialect;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
