import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotFoundException } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import type { SessionUser } from '../../../src/common/auth/access.js';
import { SEEDS_DIR } from '../../../src/config/paths.js';
import { openDataSource, runMigrations } from '../../../src/database/data-source.js';
import { seedDemo } from '../../../src/database/seed.js';
import type { User } from '../../../src/modules/accounts/entities/user.entity.js';
import { CompaniesRepository } from '../../../src/modules/companies/companies.repository.js';
import { CompaniesService } from '../../../src/modules/companies/companies.service.js';
import { parseExperienceFilters } from '../../../src/modules/companies/dto/experience-filters.js';
import { Company } from '../../../src/modules/companies/entities/company.entity.js';
import { Faq } from '../../../src/modules/companies/entities/faq.entity.js';
import { FaqsService } from '../../../src/modules/companies/faqs.service.js';
import { deriveProcess, describeProcess } from '../../../src/modules/companies/process.js';
import { AuditLog } from '../../../src/modules/moderation/entities/audit-log.entity.js';
import { anonymousExperience, createCompany, createExperience, createFaq, pendingCompany } from '../../factories/content.js';
import { createUser } from '../../factories/users.js';
import { createTestDatabase, DIALECTS, quietLogger, type TestDatabase } from '../../support/databases.js';

const quiet = quietLogger('companies-test');

const session = (user: User): SessionUser => ({ id: user.id, email: user.email, displayName: user.displayName, role: user.role, emailVerified: true });
const filters = (query: Record<string, string> = {}) => parseExperienceFilters(query);

async function freshDatabase(dialect: 'sqlite' | 'mysql'): Promise<{ db: TestDatabase; dataSource: DataSource }> {
  const db = await createTestDatabase(dialect);
  const dataSource = await openDataSource(db.config);
  await runMigrations(dataSource);
  return { db, dataSource };
}

describe.each(DIALECTS)('companies service on %s', (dialect) => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let companies: CompaniesService;
  let faqs: FaqsService;

  beforeAll(async () => {
    ({ db, dataSource } = await freshDatabase(dialect));
    companies = new CompaniesService(dataSource, new CompaniesRepository(dataSource));
    faqs = new FaqsService(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('lists active companies only, counting only published experiences', async () => {
    const acme = await createCompany(dataSource, 'active', { name: 'Acme Widgets', industry: 'Manufacturing' });
    const hidden = await pendingCompany(dataSource, { name: 'Acme Pending' });
    await createExperience(dataSource, 'published', { company: acme, outcome: 'selected' });
    await anonymousExperience(dataSource, { company: acme, outcome: 'rejected' });
    await createExperience(dataSource, 'pending', { company: acme, outcome: 'selected' });
    await createExperience(dataSource, 'draft', { company: acme });
    await createExperience(dataSource, 'rejected', { company: acme });
    await createExperience(dataSource, 'published', { company: hidden });

    const list = await companies.list({ q: 'acme' });
    expect(list.items.map((c) => c.name)).toEqual(['Acme Widgets']);
    expect(list.items[0]).toMatchObject({ slug: 'acme-widgets', experiences: 2, selected: 1, selectionRate: 0.5, industry: 'Manufacturing' });
    expect(list.total).toBe(1);
    expect(list.industries).toContain('Manufacturing');
  });

  it('searches names and industries case-insensitively, filters by industry, treats % and _ literally, and pages', async () => {
    await createCompany(dataSource, 'active', { name: 'Zephyr Robotics', industry: 'Robotics' });
    await createCompany(dataSource, 'active', { name: 'zephyr foods', industry: 'Food' });
    expect((await companies.list({ q: 'ZEPHYR' })).items.map((c) => c.name).sort()).toEqual(['Zephyr Robotics', 'zephyr foods']);
    expect((await companies.list({ q: 'robotics' })).items.map((c) => c.name)).toEqual(['Zephyr Robotics']);
    expect((await companies.list({ q: 'zephyr', industry: 'Food' })).items.map((c) => c.name)).toEqual(['zephyr foods']);
    expect((await companies.list({ q: '%' })).total).toBe(0);
    expect((await companies.list({ q: 'zeph_r' })).total).toBe(0);

    for (let i = 0; i < 25; i++) await createCompany(dataSource, 'active', { name: `Paging Co ${String(i).padStart(2, '0')}`, industry: 'Paging' });
    const first = await companies.list({ industry: 'Paging' });
    const second = await companies.list({ industry: 'Paging', page: 2 });
    expect([first.total, first.pages, first.items.length, second.items.length]).toEqual([25, 2, 24, 1]);
    expect(new Set([...first.items, ...second.items].map((c) => c.slug)).size).toBe(25);
    // Past the end: the last page rather than an empty one.
    expect((await companies.list({ industry: 'Paging', page: 9 })).page).toBe(2);
  });

  it('finds companies by name regardless of case and spacing, and creates pending ones with unique slugs', async () => {
    const student = await createUser(dataSource, 'student');
    const existing = await createCompany(dataSource, 'active', { name: 'Kestrel Systems', slug: 'kestrel-systems' });
    for (const typed of ['kestrel systems', '  KESTREL   Systems ', 'KestrelSystems']) {
      expect((await companies.findOrCreateByName(dataSource.manager, typed, student.id)).id).toBe(existing.id);
    }

    const created = await dataSource.transaction((manager) => companies.findOrCreateByName(manager, '  Kestrel   Systems!  ', student.id));
    expect(created.id).not.toBe(existing.id);
    expect(created).toMatchObject({ name: 'Kestrel Systems!', slug: 'kestrel-systems-2', status: 'pending', createdById: student.id });
    const third = await companies.findOrCreateByName(dataSource.manager, 'Kestrel-Systems', null);
    expect(third.slug).toBe('kestrel-systems-3');
    // The second student typing the new name gets the same pending company.
    expect((await companies.findOrCreateByName(dataSource.manager, 'kestrel systems!', null)).id).toBe(created.id);

    // Pending companies stay out of listings and pages until a moderator activates them.
    expect((await companies.list({ q: 'kestrel' })).items.map((c) => c.slug)).toEqual(['kestrel-systems']);
    await expect(companies.getBySlug('kestrel-systems-2')).rejects.toBeInstanceOf(NotFoundException);
    expect((await companies.listPending()).map((c) => c.id)).toContain(created.id);
    await dataSource.transaction((manager) => companies.activate(manager, created.id));
    expect((await companies.getBySlug('kestrel-systems-2')).id).toBe(created.id);
    expect((await companies.list({ q: 'kestrel' })).total).toBe(2);
    expect((await companies.listPending()).map((c) => c.id)).not.toContain(created.id);

    await expect(companies.findOrCreateByName(dataSource.manager, ' x ', null)).rejects.toThrow('Company name must be 2 to 120 characters.');
    await expect(companies.getBySlug('no-such-company')).rejects.toBeInstanceOf(NotFoundException);
  });

  it('filters, sorts and pages a company’s published experiences, with facets for the selects', async () => {
    const company = await createCompany(dataSource, 'active', { name: 'Filter Test Co' });
    const batch24 = await createUser(dataSource, 'student', { passoutYear: 2024 });
    const batch25 = await createUser(dataSource, 'student', { passoutYear: 2025 });
    const a = await createExperience(dataSource, 'published', { company, author: batch24, role: 'SDE', interviewYear: 2023, outcome: 'selected', helpfulCount: 1, rounds: ['online-test', 'technical'] });
    const b = await createExperience(dataSource, 'published', { company, author: batch25, role: 'SDE', interviewYear: 2024, outcome: 'rejected', helpfulCount: 9, rounds: ['technical', 'hr'] });
    const c = await anonymousExperience(dataSource, { company, author: batch25, role: 'Analyst', interviewYear: 2024, outcome: 'selected', helpfulCount: 5, rounds: ['group-discussion', 'hr'] });
    await createExperience(dataSource, 'pending', { company, author: batch24, role: 'Hidden Role', interviewYear: 2022, rounds: ['managerial'] });

    const ids = async (query: Record<string, string> = {}) => (await companies.experiences(company.id, filters(query), null)).items.map((card) => card.id);
    expect(await ids()).toEqual([c.id, b.id, a.id]);
    expect(await ids({ sort: 'helpful' })).toEqual([b.id, c.id, a.id]);
    expect(await ids({ year: '2024' })).toEqual([c.id, b.id]);
    expect(await ids({ role: 'SDE' })).toEqual([b.id, a.id]);
    expect(await ids({ outcome: 'selected' })).toEqual([c.id, a.id]);
    expect(await ids({ roundKind: 'hr' })).toEqual([c.id, b.id]);
    expect(await ids({ roundKind: 'managerial' })).toEqual([]);
    expect(await ids({ passoutYear: '2024' })).toEqual([a.id]);
    expect(await ids({ passoutYear: '2025', outcome: 'selected', roundKind: 'group-discussion' })).toEqual([c.id]);
    // Nonsense values are ignored rather than failing the page.
    expect(await ids({ year: 'soon', outcome: 'hired', roundKind: 'coffee', sort: 'random' })).toEqual([c.id, b.id, a.id]);

    const result = await companies.experiences(company.id, filters(), null);
    expect(result).toMatchObject({ total: 3, page: 1, pages: 1 });
    expect(result.facets).toEqual({
      years: [2024, 2023],
      roles: [
        { value: 'SDE', count: 2 },
        { value: 'Analyst', count: 1 },
      ],
      passoutYears: [
        { value: 2025, count: 2 },
        { value: 2024, count: 1 },
      ],
      roundKinds: expect.arrayContaining(['online-test', 'technical', 'hr', 'group-discussion']) as unknown,
    });
    expect(result.facets.roundKinds).not.toContain('managerial');
    // Batch counts follow the other filters (but not the batch filter itself).
    expect((await companies.experiences(company.id, filters({ outcome: 'rejected', passoutYear: '2024' }), null)).batches).toEqual([{ value: 2025, count: 1 }]);
    // Cards come with rounds in order, and anonymity applied for an outside viewer.
    const anonymousCard = result.items.find((card) => card.id === c.id)!;
    expect(anonymousCard).toMatchObject({ author: 'Anonymous', roundKinds: ['group-discussion', 'hr'], company: 'Filter Test Co', companySlug: company.slug });
    const officer = session(await createUser(dataSource, 'officer'));
    const staffCard = (await companies.experiences(company.id, filters(), officer)).items.find((card) => card.id === c.id)!;
    expect(staffCard.author).toBe(`${batch25.displayName} (posted anonymously)`);

    for (let i = 0; i < 9; i++) await createExperience(dataSource, 'published', { company, author: batch24, rounds: [] });
    const page2 = await companies.experiences(company.id, filters({ page: '2' }), null);
    expect([page2.total, page2.pages, page2.items.length]).toEqual([12, 2, 2]);
    expect(page2.items.map((card) => card.id)).toEqual([b.id, a.id]);

    expect(await companies.summary(company.id)).toEqual({ experiences: 12, selected: 11, selectionRate: 11 / 12, averageDifficulty: 3, firstYear: 2023, lastYear: 2025 });
    const process = await companies.typicalProcess(company.id);
    // The nine experiences without rounds say nothing about the process.
    expect(process.total).toBe(3);
  });

  it('keeps open and hidden FAQs from students other than the proposer, and lets officers answer and curate', async () => {
    const company = await createCompany(dataSource);
    const asker = await createUser(dataSource, 'student', { displayName: 'Asha Asker' });
    const other = await createUser(dataSource, 'student');
    const officer = await createUser(dataSource, 'officer', { displayName: 'Olga Officer' });
    const answered = await createFaq(dataSource, 'answered', { company, author: other, answeredBy: officer, answer: 'Yes, **twice** a year.' });
    const hidden = await createFaq(dataSource, 'hidden', { company, author: other });
    const { faq: proposal, duplicate } = await faqs.propose(company.id, asker.id, 'Is there a bond for freshers at this company?');
    expect(duplicate).toBe(false);
    expect(proposal.status).toBe('open');
    expect((await faqs.propose(company.id, asker.id, 'Is there a bond for freshers at this company?')).duplicate).toBe(true);

    const forAsker = await faqs.archive(company.id, session(asker));
    expect(forAsker.answered.map((f) => f.id)).toEqual([answered.id]);
    expect(forAsker.answered[0]!.answerHtml).toContain('<strong>twice</strong>');
    expect(forAsker.answered[0]!.askedBy).toBeNull();
    expect(forAsker.mine.map((f) => f.id)).toEqual([proposal.id]);
    expect([forAsker.open, forAsker.hidden]).toEqual([[], []]);
    const forOther = await faqs.archive(company.id, session(other));
    expect([forOther.mine, forOther.open, forOther.hidden]).toEqual([[], [], []]);
    const forVisitor = await faqs.archive(company.id, null);
    expect(forVisitor.answered).toHaveLength(1);
    expect(forVisitor.mine).toEqual([]);

    const forStaff = await faqs.archive(company.id, session(officer));
    expect(forStaff.open.map((f) => f.id)).toEqual([proposal.id]);
    expect(forStaff.open[0]!.askedBy).toBe('Asha Asker');
    expect(forStaff.hidden.map((f) => f.id)).toEqual([hidden.id]);
    expect(forStaff.answered[0]!.answeredBy).toBe('Olga Officer');

    await faqs.answer(company.id, proposal.id, session(officer), { answer: 'No bond.', question: 'Is there a service bond for freshers?' });
    const stored = await dataSource.getRepository(Faq).findOneByOrFail({ id: proposal.id });
    expect(stored).toMatchObject({ status: 'answered', answer: 'No bond.', answeredById: officer.id, question: 'Is there a service bond for freshers?', authorId: asker.id });
    expect(await dataSource.getRepository(AuditLog).findOneBy({ action: 'faq.answer', targetId: proposal.id })).toMatchObject({ actorId: officer.id, targetType: 'faq' });
    expect((await faqs.archive(company.id, session(other))).answered.map((f) => f.id)).toEqual([answered.id, proposal.id]);

    await faqs.setHidden(company.id, proposal.id, session(officer), true);
    expect((await faqs.archive(company.id, session(other))).answered.map((f) => f.id)).toEqual([answered.id]);
    await faqs.setHidden(company.id, proposal.id, session(officer), false);
    expect((await dataSource.getRepository(Faq).findOneByOrFail({ id: proposal.id })).status).toBe('answered');
    // An unanswered question shown again goes back to the queue, not into the archive.
    await faqs.setHidden(company.id, hidden.id, session(officer), false);
    expect((await dataSource.getRepository(Faq).findOneByOrFail({ id: hidden.id })).status).toBe('answered');
    const unanswered = await createFaq(dataSource, 'hidden', { company, answer: null });
    expect((await faqs.setHidden(company.id, unanswered.id, session(officer), false)).status).toBe('open');

    // A FAQ is only reachable through its own company.
    const elsewhere = await createCompany(dataSource);
    await expect(faqs.answer(elsewhere.id, proposal.id, session(officer), { answer: 'x' })).rejects.toBeInstanceOf(NotFoundException);
    await expect(faqs.setHidden(elsewhere.id, proposal.id, session(officer), true)).rejects.toBeInstanceOf(NotFoundException);
  });
});

describe.each(DIALECTS)('typical process on the seeded demo (%s)', (dialect) => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    ({ db, dataSource } = await freshDatabase(dialect));
    await seedDemo(dataSource, quiet);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('derives, for every demo company, the process the seed files describe', async () => {
    const companies = new CompaniesService(dataSource, new CompaniesRepository(dataSource));
    const seeds = JSON.parse(readFileSync(join(SEEDS_DIR, 'experiences.json'), 'utf8')) as Array<{ company: string; rounds: Array<{ kind: string }> }>;
    const slugs = [...new Set(seeds.map((e) => e.company))];
    expect(slugs.length).toBeGreaterThan(5);
    for (const slug of slugs) {
      const company = await companies.getBySlug(slug);
      const expected = deriveProcess(seeds.filter((e) => e.company === slug).map((e) => e.rounds.map((r) => r.kind)));
      expect(await companies.typicalProcess(company.id), slug).toEqual(expected);
    }
    const kestrel = await companies.getBySlug('kestrel-systems');
    expect(describeProcess(await companies.typicalProcess(kestrel.id))).toBe('80% of 5 experiences: Online test → Technical → Technical → HR');

    const list = await companies.list({});
    expect(list.total).toBe(await dataSource.getRepository(Company).countBy({ status: 'active' }));
    expect(list.items.reduce((sum, c) => sum + c.experiences, 0)).toBe(seeds.length);
  });
});
