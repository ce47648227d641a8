import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Fixed-window counters kept in the database so limits hold across app instances. */
@Entity('rate_limits')
export class RateLimit {
  @PrimaryColumn({ type: 'varchar', length: 191 })
  key: string;

  @Column({ name: 'window_start', type: 'datetime' })
  windowStart: Date;

  @Column({ type: 'integer' })
  hits: number;
}
