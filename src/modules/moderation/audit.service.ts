import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { User } from '../accounts/entities/user.entity.js';
import { AuditLog } from './entities/audit-log.entity.js';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  targetType: string;
  targetId: number;
  detail?: string | null;
}

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Pass the transaction's manager so the entry commits or rolls back with the action itself. */
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await manager.getRepository(AuditLog).insert({ ...entry, detail: entry.detail?.slice(0, 1000) ?? null });
  }

  async page(page: number, perPage = 50) {
    const [rows, total] = await this.dataSource.getRepository(AuditLog).findAndCount({ order: { createdAt: 'DESC', id: 'DESC' }, skip: (page - 1) * perPage, take: perPage });
    const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is number => id !== null))];
    const actors = actorIds.length ? await this.dataSource.getRepository(User).find({ where: actorIds.map((id) => ({ id })), select: { id: true, displayName: true } }) : [];
    const names = new Map(actors.map((a) => [a.id, a.displayName]));
    return {
      entries: rows.map((r) => ({ ...r, actor: r.actorId ? (names.get(r.actorId) ?? `user ${r.actorId}`) : 'system' })),
      total,
      pages: Math.max(1, Math.ceil(total / perPage)),
    };
  }
}
