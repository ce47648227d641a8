import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small key/value facts about this deployment's data, e.g. whether the demo data was loaded. */
@Entity('settings')
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'text' })
  value: string;
}
