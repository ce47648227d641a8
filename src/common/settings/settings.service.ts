import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Setting } from './setting.entity.js';

@Injectable()
export class SettingsService {
  constructor(private readonly dataSource: DataSource) {}

  async get(key: string): Promise<string | null> {
    const row = await this.dataSource.getRepository(Setting).findOneBy({ key });
    return row?.value ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    await this.dataSource.getRepository(Setting).save({ key, value });
  }
}
