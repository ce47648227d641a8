import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In, IsNull, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { TtlCache } from '../../common/cache/ttl-cache.js';
import type { SessionUser } from '../../common/auth/access.js';
import { User } from '../accounts/entities/user.entity.js';
import { CompaniesService } from '../companies/companies.service.js';
import { Company } from '../companies/entities/company.entity.js';
import { QuestionBankService } from '../questions/question-bank.service.js';
import type { HarvestResult } from '../questions/question-harvester.js';
import { SearchIndexer } from '../search/search-indexer.service.js';
import type { ExperienceForm } from './dto/experience-form.dto.js';
import { ExperienceDraft } from './entities/experience-draft.entity.js';
import { Experience, type ExperienceStatus } from './entities/experience.entity.js';
import { HelpfulVote } from './entities/helpful-vote.entity.js';
import { Round } from './entities/round.entity.js';
import type { ExperienceValues } from './experience-form.js';
import { cardBase, forViewer, type CardBase, type ExperienceCard } from './experience-view.js';
import { EmailNotVerified, ExperienceNotFound } from './experiences.errors.js';

export interface ExperienceFilters {
  company?: string;
  role?: string;
  year?: number;
  outcome?: string;
  roundKind?: string;
  passoutYear?: number;
  sort?: 'newest' | 'helpful';
  page: number;
  perPage?: number;
}

type FilterOptions = { companies: Array<{ slug: string; name: string }>; roles: string[]; years: number[]; passoutYears: number[] };

const touchedQuestions = (harvest: HarvestResult) => [...harvest.questionIds, ...harvest.removedQuestionIds];

const isStaff = (user: SessionUser | null) => user !== null && (user.role === 'officer' || user.role === 'admin');

@Injectable()
export class ExperiencesService {
  private readonly logger = new Logger('Experiences');
  /** List totals and filter options are aggregates over every published post: cached briefly. */
  private readonly totals = new TtlCache<number>(10_000);
  private readonly pages = new TtlCache<CardBase[]>(5_000);
  private readonly options = new TtlCache<FilterOptions>(60_000);

  constructor(
    private readonly dataSource: DataSource,
    private readonly companies: CompaniesService,
    private readonly questions: QuestionBankService,
    private readonly search: SearchIndexer,
  ) {}

  /** Loads an experience with company, author and rounds, if this viewer may see it. */
  async getVisible(id: number, viewer: SessionUser | null): Promise<Experience> {
    const experience = await this.dataSource.getRepository(Experience).findOne({
      where: { id },
      relations: { company: true, author: true, rounds: true },
    });
    if (!experience) throw new ExperienceNotFound();
    const own = viewer?.id === experience.authorId;
    if (experience.status !== 'published' && !own && !isStaff(viewer)) throw new ExperienceNotFound();
    experience.rounds?.sort((a, b) => a.position - b.position);
    return experience;
  }

  async getEditable(id: number, viewer: SessionUser): Promise<Experience> {
    const experience = await this.getVisible(id, viewer);
    if (experience.authorId !== viewer.id && !isStaff(viewer)) throw new ExperienceNotFound();
    return experience;
  }

  async list(filters: ExperienceFilters, viewer: SessionUser | null): Promise<{ items: ExperienceCard[]; total: number; page: number; pages: number }> {
    const perPage = filters.perPage ?? 20;
    const where = (qb: SelectQueryBuilder<Experience>) => {
      qb.where('e.status = :status', { status: 'published' });
      if (filters.company) qb.andWhere('e.company_id = (SELECT c2.id FROM companies c2 WHERE c2.slug = :company)', { company: filters.company });
      if (filters.role) qb.andWhere('e.role = :role', { role: filters.role });
      if (filters.year) qb.andWhere('e.interview_year = :year', { year: filters.year });
      if (filters.passoutYear) qb.andWhere('e.passout_year = :passoutYear', { passoutYear: filters.passoutYear });
      if (filters.outcome) qb.andWhere('e.outcome = :outcome', { outcome: filters.outcome });
      if (filters.roundKind) qb.andWhere('EXISTS (SELECT 1 FROM rounds r WHERE r.experience_id = e.id AND r.kind = :kind)', { kind: filters.roundKind });
      return qb;
    };
    const repo = this.dataSource.getRepository(Experience);
    // Deferred join: pick the page's ids from the index alone, then load those rows with their
    // company and author. Sorting whole rows (with their Markdown bodies) made MariaDB filesort
    // 100k posts for every page.
    const ids = where(repo.createQueryBuilder('e').select('e.id', 'id'));
    if (filters.sort === 'helpful') ids.orderBy('e.helpful_count', 'DESC').addOrderBy('e.published_at', 'DESC');
    else ids.orderBy('e.published_at', 'DESC');
    ids.addOrderBy('e.id', 'DESC')
      .offset((filters.page - 1) * perPage)
      .limit(perPage);
    const countKey = JSON.stringify({ ...filters, page: 0, sort: '' });
    // Pages are cached without the viewer; bylines are resolved per viewer below.
    const page = await this.pages.get(JSON.stringify(filters), async () => {
      const order = (await ids.getRawMany<{ id: number }>()).map((r) => Number(r.id));
      if (order.length === 0) return [];
      const rows = await repo.find({ where: { id: In(order) }, relations: { company: true, author: true } });
      const rounds = await this.dataSource.getRepository(Round).find({ where: { experienceId: In(order) }, order: { position: 'ASC' } });
      for (const row of rows) row.rounds = rounds.filter((r) => r.experienceId === row.id);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return order.map((id) => byId.get(id)).filter((row): row is Experience => row !== undefined).map(cardBase);
    });
    const total = await this.totals.get(countKey, () => where(repo.createQueryBuilder('e')).getCount());
    return { items: page.map((base) => forViewer(viewer, base)), total, page: filters.page, pages: Math.max(1, Math.ceil(total / perPage)) };
  }

  /** Distinct values for the list's filter selects. */
  filterOptions(): Promise<FilterOptions> {
    return this.options.get('all', () => this.loadFilterOptions());
  }

  private async loadFilterOptions(): Promise<FilterOptions> {
    const repo = this.dataSource.getRepository(Experience);
    const published = { status: 'published' as const };
    const [companies, roles, years, passoutYears] = await Promise.all([
      this.dataSource
        .getRepository(Company)
        .createQueryBuilder('c')
        .select(['c.slug AS slug', 'c.name AS name'])
        .where('c.status = :active', { active: 'active' })
        .andWhere('EXISTS (SELECT 1 FROM experiences e WHERE e.company_id = c.id AND e.status = :status)', published)
        .orderBy('c.name')
        .getRawMany<{ slug: string; name: string }>(),
      repo.createQueryBuilder('e').select('DISTINCT e.role', 'v').where('e.status = :status', published).orderBy('v').getRawMany<{ v: string }>(),
      repo.createQueryBuilder('e').select('DISTINCT e.interview_year', 'v').where('e.status = :status', published).orderBy('v', 'DESC').getRawMany<{ v: number }>(),
      repo.createQueryBuilder('e').select('DISTINCT e.passout_year', 'v').where('e.status = :status', published).orderBy('v', 'DESC').getRawMany<{ v: number }>(),
    ]);
    return { companies, roles: roles.map((r) => r.v), years: years.map((r) => Number(r.v)), passoutYears: passoutYears.map((r) => Number(r.v)) };
  }

  /** Authors whose earlier post was approved, and staff, publish directly; everyone else goes to review. */
  private async initialStatus(manager: EntityManager, user: SessionUser, company: Company): Promise<ExperienceStatus> {
    if (company.status !== 'active') return 'pending';
    if (isStaff(user)) return 'published';
    const trusted = await manager.getRepository(Experience).existsBy({ authorId: user.id, status: 'published' });
    return trusted ? 'published' : 'pending';
  }

  async create(user: SessionUser, form: ExperienceForm): Promise<Experience> {
    if (!user.emailVerified) throw new EmailNotVerified();
    const { experience, questionIds } = await this.dataSource.transaction(async (manager) => {
      const company = await this.companies.findOrCreateByName(manager, form.companyName, user.id);
      const status = await this.initialStatus(manager, user, company);
      const saved = await this.insert(manager, { authorId: user.id, companyId: company.id, status, form });
      await manager.getRepository(ExperienceDraft).delete({ userId: user.id, experienceId: IsNull() });
      return saved;
    });
    await this.reindex(experience.id, questionIds, [experience.companyId]);
    this.logger.log(`Experience ${experience.id} by user ${user.id} created as ${experience.status}`);
    return experience;
  }

  /** Writes a validated experience with its rounds; a published one joins the question bank at once. */
  async insert(
    manager: EntityManager,
    input: { authorId: number; companyId: number; status: ExperienceStatus; form: ExperienceForm; importKey?: string | null; publishedAt?: Date },
  ): Promise<{ experience: Experience; questionIds: number[] }> {
    const saved = await manager.getRepository(Experience).save(
      manager.getRepository(Experience).create({
        ...this.fields(input.form),
        authorId: input.authorId,
        companyId: input.companyId,
        status: input.status,
        helpfulCount: 0,
        topics: '',
        rejectionReason: null,
        importKey: input.importKey ?? null,
        publishedAt: input.status === 'published' ? (input.publishedAt ?? new Date()) : null,
      }),
    );
    await this.saveRounds(manager, saved.id, input.form);
    const harvest = input.status === 'published' ? await this.questions.harvestExperience(manager, saved.id) : null;
    return { experience: saved, questionIds: harvest ? touchedQuestions(harvest) : [] };
  }

  /** Edits keep a published post published (and re-harvest and re-index it); a rejected one goes back to review. */
  async update(user: SessionUser, id: number, form: ExperienceForm): Promise<Experience> {
    const existing = await this.getEditable(id, user);
    const previousCompanyId = existing.companyId;
    const { experience, questionIds } = await this.dataSource.transaction(async (manager) => {
      const company = await this.companies.findOrCreateByName(manager, form.companyName, user.id);
      let status = existing.status;
      if (status === 'rejected' || (status === 'published' && company.status !== 'active')) status = 'pending';
      await manager.getRepository(Experience).update(id, {
        ...this.fields(form),
        companyId: company.id,
        status,
        rejectionReason: status === 'pending' ? null : existing.rejectionReason,
      });
      await manager.getRepository(Round).delete({ experienceId: id });
      await this.saveRounds(manager, id, form);
      const harvest = status === 'published' ? await this.questions.harvestExperience(manager, id) : await this.questions.removeExperience(manager, id);
      await manager.getRepository(ExperienceDraft).delete({ userId: user.id, experienceId: id });
      return { experience: await manager.getRepository(Experience).findOneByOrFail({ id }), questionIds: touchedQuestions(harvest) };
    });
    await this.reindex(id, questionIds, [experience.companyId, previousCompanyId]);
    return experience;
  }

  async remove(user: SessionUser, id: number): Promise<void> {
    const existing = await this.getEditable(id, user);
    const questionIds = await this.dataSource.transaction(async (manager) => {
      const harvest = await this.questions.removeExperience(manager, id);
      await manager.getRepository(Experience).delete(id);
      return touchedQuestions(harvest);
    });
    await this.reindex(id, questionIds, [existing.companyId]);
  }

  /** Moderation decisions; the caller records the audit entry in the same transaction. */
  async setStatus(manager: EntityManager, id: number, status: 'published' | 'rejected', reason: string | null): Promise<{ experience: Experience; questionIds: number[] }> {
    const experience = await manager.getRepository(Experience).findOneByOrFail({ id });
    if (status === 'published') {
      const company = await manager.getRepository(Company).findOneByOrFail({ id: experience.companyId });
      if (company.status !== 'active') await this.companies.activate(manager, company.id);
    }
    await manager.getRepository(Experience).update(id, {
      status,
      rejectionReason: status === 'rejected' ? reason : null,
      publishedAt: status === 'published' ? (experience.publishedAt ?? new Date()) : experience.publishedAt,
    });
    const harvest = status === 'published' ? await this.questions.harvestExperience(manager, id) : await this.questions.removeExperience(manager, id);
    return { experience: { ...experience, status }, questionIds: touchedQuestions(harvest) };
  }

  /** Re-syncs the search index after a commit: the experience, the questions it touched and its company. */
  async reindex(id: number, questionIds: number[], companyIds: number[]): Promise<void> {
    this.totals.clear();
    this.pages.clear();
    this.options.clear();
    await this.search.sync('experience', [id]);
    await this.search.sync('question', questionIds);
    await this.search.sync('company', [...new Set(companyIds)]);
  }

  async toggleHelpful(user: SessionUser, id: number): Promise<{ helpful: boolean; count: number }> {
    const experience = await this.getVisible(id, user);
    if (experience.status !== 'published') throw new ExperienceNotFound();
    return this.dataSource.transaction(async (manager) => {
      const votes = manager.getRepository(HelpfulVote);
      const existing = await votes.findOneBy({ experienceId: id, userId: user.id });
      if (existing) await votes.delete(existing.id);
      else await votes.insert({ experienceId: id, userId: user.id });
      // Recount instead of incrementing, so concurrent toggles can never drift.
      const count = await votes.countBy({ experienceId: id });
      await manager.getRepository(Experience).update(id, { helpfulCount: count });
      return { helpful: !existing, count };
    });
  }

  async hasVoted(userId: number, id: number): Promise<boolean> {
    return this.dataSource.getRepository(HelpfulVote).existsBy({ experienceId: id, userId });
  }

  async loadDraft(userId: number, experienceId: number | null): Promise<{ values: ExperienceValues; savedAt: Date } | null> {
    const draft = await this.dataSource
      .getRepository(ExperienceDraft)
      .findOne({ where: { userId, experienceId: experienceId ?? IsNull() }, order: { updatedAt: 'DESC' } });
    if (!draft) return null;
    try {
      return { values: JSON.parse(draft.data) as ExperienceValues, savedAt: draft.updatedAt };
    } catch {
      return null;
    }
  }

  async saveDraft(userId: number, experienceId: number | null, values: ExperienceValues): Promise<Date> {
    const repo = this.dataSource.getRepository(ExperienceDraft);
    const existing = await repo.findOneBy({ userId, experienceId: experienceId ?? IsNull() });
    const saved = await repo.save({ ...(existing ? { id: existing.id } : {}), userId, experienceId, data: JSON.stringify(values) });
    return saved.updatedAt ?? new Date();
  }

  async discardDraft(userId: number, experienceId: number | null): Promise<void> {
    await this.dataSource.getRepository(ExperienceDraft).delete({ userId, experienceId: experienceId ?? IsNull() });
  }

  /** Profile values to pre-fill a new form. */
  async profileDefaults(userId: number): Promise<Pick<ExperienceValues, 'branch' | 'passoutYear' | 'rollNumber' | 'linkedinUrl'>> {
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: userId });
    return { branch: user.branch, passoutYear: String(user.passoutYear), rollNumber: user.rollNumber ?? '', linkedinUrl: user.linkedinUrl ?? '' };
  }

  companyNames(): Promise<string[]> {
    return this.dataSource
      .getRepository(Company)
      .find({ where: { status: 'active' }, order: { name: 'ASC' }, select: { name: true } })
      .then((rows) => rows.map((r) => r.name));
  }

  private fields(form: ExperienceForm) {
    return {
      role: form.role,
      roleDescription: form.roleDescription,
      interviewYear: form.interviewYear,
      passoutYear: form.passoutYear,
      branch: form.branch,
      anonymous: form.anonymous,
      linkedinUrl: form.anonymous ? null : form.linkedinUrl,
      rollNumber: form.rollNumber,
      source: form.source,
      outcome: form.outcome,
      difficulty: form.difficulty,
      offerDetails: form.offerDetails,
      body: form.body,
      tips: form.tips,
    };
  }

  private async saveRounds(manager: EntityManager, experienceId: number, form: ExperienceForm): Promise<void> {
    await manager.getRepository(Round).insert(
      form.rounds.map((round, position) => ({
        experienceId,
        position,
        kind: round.kind,
        title: round.title,
        durationMinutes: round.durationMinutes,
        notes: round.notes,
        questionsText: round.questions,
      })),
    );
  }
}
