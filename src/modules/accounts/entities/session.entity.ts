import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Server-side sessions live in the database so several app instances can share them. */
@Entity('sessions')
export class SessionRecord {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  id: string;

  @Index()
  @Column({ name: 'user_id', type: 'integer', nullable: true })
  userId: number | null;

  @Column({ type: 'text' })
  data: string;

  @Index()
  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt: Date;
}
