import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { SessionUser } from '../../common/auth/access.js';
import { User } from '../accounts/entities/user.entity.js';
import { Experience } from '../experiences/entities/experience.entity.js';
import { toCard } from '../experiences/experience-view.js';
import { ExperiencesService } from '../experiences/experiences.service.js';
import { AuditService } from './audit.service.js';
import { Flag, type FlagTarget } from './entities/flag.entity.js';

const TARGET_URL: Record<FlagTarget, (id: number) => string> = {
  experience: (id) => `/experiences/${id}`,
  thread: (id) => `/forum/t/${id}`,
  post: (id) => `/forum/posts/${id}`,
  faq: (id) => `/faq/${id}`,
};

/** Reads `/experiences/12` or `/forum/t/3` style addresses from a takedown request. */
export function targetFromUrl(url: string): { type: FlagTarget; id: number } | null {
  const path = (() => {
    try {
      return new URL(url, 'http://x').pathname;
    } catch {
      return url;
    }
  })();
  const patterns: Array<[RegExp, FlagTarget]> = [
    [/\/experiences\/(\d+)/, 'experience'],
    [/\/forum\/t\/(\d+)/, 'thread'],
    [/\/forum\/posts\/(\d+)/, 'post'],
  ];
  for (const [pattern, type] of patterns) {
    const match = pattern.exec(path);
    if (match) return { type, id: Number(match[1]) };
  }
  return null;
}

@Injectable()
export class ModerationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly experiences: ExperiencesService,
    private readonly audit: AuditService,
  ) {}

  async queue(viewer: SessionUser) {
    const pending = await this.dataSource.getRepository(Experience).find({
      where: { status: 'pending' },
      relations: { company: true, author: true, rounds: true },
      order: { createdAt: 'ASC' },
      take: 100,
    });
    const flags = await this.dataSource.getRepository(Flag).find({ where: { status: 'open' }, order: { createdAt: 'ASC' }, take: 100 });
    const reporterIds = [...new Set(flags.map((f) => f.reporterId).filter((id): id is number => id !== null))];
    const reporters = reporterIds.length ? await this.dataSource.getRepository(User).find({ where: { id: In(reporterIds) }, select: { id: true, displayName: true } }) : [];
    const names = new Map(reporters.map((r) => [r.id, r.displayName]));
    return {
      pending: pending.map((e) => ({
        ...toCard(viewer, e),
        authorEmail: e.author!.email,
        companyPending: e.company!.status !== 'active',
        createdAt: e.createdAt,
      })),
      flags: flags.map((f) => ({
        id: f.id,
        kind: f.kind,
        targetType: f.targetType,
        targetId: f.targetId,
        url: TARGET_URL[f.targetType](f.targetId),
        reason: f.reason,
        reporter: f.kind === 'takedown' ? `${f.contactName} <${f.contactEmail}>` : (names.get(f.reporterId ?? -1) ?? 'a member'),
        createdAt: f.createdAt,
      })),
    };
  }

  async flag(user: SessionUser, targetType: FlagTarget, targetId: number, reason: string): Promise<void> {
    await this.dataSource.getRepository(Flag).insert({ kind: 'flag', reporterId: user.id, targetType, targetId, reason, status: 'open' });
  }

  async takedown(input: { contactName: string; contactEmail: string; url: string; reason: string }): Promise<boolean> {
    const target = targetFromUrl(input.url);
    if (!target) return false;
    await this.dataSource.getRepository(Flag).insert({
      kind: 'takedown',
      reporterId: null,
      contactName: input.contactName,
      contactEmail: input.contactEmail,
      targetType: target.type,
      targetId: target.id,
      reason: `${input.reason}\n(Page: ${input.url})`,
      status: 'open',
    });
    return true;
  }

  async decide(actor: SessionUser, experienceId: number, decision: 'approve' | 'reject', reason: string | null): Promise<Experience> {
    const updated = await this.dataSource.transaction(async (manager) => {
      const experience = await manager.getRepository(Experience).findOneBy({ id: experienceId });
      if (!experience) throw new NotFoundException('That experience no longer exists.');
      const result = await this.experiences.setStatus(manager, experienceId, decision === 'approve' ? 'published' : 'rejected', reason);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: decision === 'approve' ? 'experience.approve' : 'experience.reject',
        targetType: 'experience',
        targetId: experienceId,
        detail: reason,
      });
      return result;
    });
    await this.experiences.reindex(experienceId, updated.questionIds, [updated.experience.companyId]);
    return updated.experience;
  }

  /** Closes a flag; `remove` also takes a flagged experience down (back to the author as rejected). */
  async closeFlag(actor: SessionUser, flagId: number, outcome: 'dismiss' | 'remove', note: string | null): Promise<void> {
    let reindex: { id: number; companyId: number; questionIds: number[] } | null = null;
    await this.dataSource.transaction(async (manager) => {
      const flag = await manager.getRepository(Flag).findOneBy({ id: flagId });
      if (!flag || flag.status !== 'open') throw new NotFoundException('That report is already closed.');
      if (outcome === 'remove' && flag.targetType === 'experience') {
        const experience = await manager.getRepository(Experience).findOneBy({ id: flag.targetId });
        if (experience) {
          const { questionIds } = await this.experiences.setStatus(manager, experience.id, 'rejected', note ?? 'Removed by a moderator after a report.');
          reindex = { id: experience.id, companyId: experience.companyId, questionIds };
        }
      }
      await manager.getRepository(Flag).update(flagId, { status: outcome === 'remove' ? 'resolved' : 'dismissed', resolvedById: actor.id, resolutionNote: note });
      await this.audit.record(manager, { actorId: actor.id, action: `flag.${outcome}`, targetType: flag.targetType, targetId: flag.targetId, detail: note });
    });
    if (reindex) {
      const { id, companyId, questionIds } = reindex as { id: number; companyId: number; questionIds: number[] };
      await this.experiences.reindex(id, questionIds, [companyId]);
    }
  }
}
