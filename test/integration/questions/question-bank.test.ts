import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { seedDemo } from '../../../src/database/seed.js';
import type { Company } from '../../../src/modules/companies/entities/company.entity.js';
import { Experience } from '../../../src/modules/experiences/entities/experience.entity.js';
import { Round } from '../../../src/modules/experiences/entities/round.entity.js';
import { QuestionSource } from '../../../src/modules/questions/entities/question-source.entity.js';
import { Question } from '../../../src/modules/questions/entities/question.entity.js';
import { QuestionBankService } from '../../../src/modules/questions/question-bank.service.js';
import { harvestAfterSeed } from '../../../src/modules/questions/question-harvester.js';
import { QuestionsRepository } from '../../../src/modules/questions/questions.repository.js';
import { createCompany, createExperience, type RoundSpec } from '../../factories/content.js';
import { DIALECTS, openMigratedDatabase, quietLogger, type TestDatabase } from '../../support/databases.js';

const quiet = quietLogger('question-bank-test');

describe.each(DIALECTS)('question bank on %s', (dialect) => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let bank: QuestionBankService;
  let acme: Company;
  let beta: Company;
  const ids: Record<'e1' | 'e2' | 'e3' | 'e4', number> = { e1: 0, e2: 0, e3: 0, e4: 0 };

  const harvest = (id: number) => dataSource.transaction((m) => bank.harvestExperience(m, id));
  const questionsOf = (company: Company) => dataSource.getRepository(Question).find({ where: { companyId: company.id }, order: { id: 'ASC' } });
  const find = async (company: Company, text: string) => (await questionsOf(company)).find((q) => q.text === text);
  const snapshot = async () => ({
    questions: await dataSource.getRepository(Question).find({ order: { id: 'ASC' }, select: { id: true, text: true, normalizedText: true, companyId: true, role: true, roundKind: true, topic: true, difficulty: true, timesAsked: true, firstYear: true, lastYear: true } }),
    sources: await dataSource.getRepository(QuestionSource).find({ order: { roundId: 'ASC', lineNo: 'ASC' }, select: { questionId: true, experienceId: true, roundId: true, lineNo: true, year: true, originalText: true } }),
    topics: await dataSource.getRepository(Experience).find({ order: { id: 'ASC' }, select: { id: true, topics: true, updatedAt: true } }),
  });

  beforeAll(async () => {
    ({ db, dataSource } = await openMigratedDatabase(dialect));
    bank = new QuestionBankService(new QuestionsRepository(dataSource));
    acme = await createCompany(dataSource, 'active', { name: 'Acme Systems' });
    beta = await createCompany(dataSource, 'active', { name: 'Beta Labs' });
    const experience = async (company: Company, interviewYear: number, difficulty: number, role: string, rounds: RoundSpec[]) =>
      (await createExperience(dataSource, 'published', { company, interviewYear, difficulty, role, rounds })).id;
    ids.e1 = await experience(acme, 2023, 2, 'SDE Intern', [
      { kind: 'technical', questions: ['1. Reverse a linked list.', '2. Explain normalization in DBMS'] },
      { kind: 'hr', questions: ['Tell me about yourself'] },
    ]);
    ids.e2 = await experience(acme, 2025, 4, 'SDE Intern', [{ kind: 'technical', questions: ['- How do you reverse a singly linked list?', '- Explain indexing in DBMS'] }]);
    ids.e3 = await experience(acme, 2024, 3, 'Software Engineer', [{ kind: 'technical', questions: ['reverse a linked list iteratively', 'Detect a cycle in a linked list'] }]);
    ids.e4 = await experience(beta, 2024, 5, 'Analyst', [{ kind: 'technical', questions: ['Reverse a linked list'] }]);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('merges near-duplicates asked at one company, keeps different questions and companies apart', async () => {
    for (const id of Object.values(ids)) await harvest(id);

    const reverse = await find(acme, 'Reverse a linked list.');
    expect(reverse).toMatchObject({ timesAsked: 3, firstYear: 2023, lastYear: 2025, roundKind: 'technical', role: 'SDE Intern', topic: 'dsa', difficulty: 3 });
    expect(reverse!.normalizedText).toBe('reverse a linked list');
    expect(await dataSource.getRepository(QuestionSource).countBy({ questionId: reverse!.id })).toBe(3);

    const acmeTexts = (await questionsOf(acme)).map((q) => q.text).sort();
    expect(acmeTexts).toEqual(['Detect a cycle in a linked list', 'Explain indexing in DBMS', 'Explain normalization in DBMS', 'Reverse a linked list.', 'Tell me about yourself']);
    expect(await find(acme, 'Explain normalization in DBMS')).toMatchObject({ timesAsked: 1, topic: 'dbms', firstYear: 2023, lastYear: 2023 });
    expect(await find(acme, 'Tell me about yourself')).toMatchObject({ topic: 'hr', roundKind: 'hr' });

    // Same wording at another company is another company's question.
    expect(await questionsOf(beta)).toEqual([expect.objectContaining({ text: 'Reverse a linked list', timesAsked: 1, difficulty: 5, role: 'Analyst' })]);

    const e1 = await dataSource.getRepository(Experience).findOneByOrFail({ id: ids.e1 });
    expect(e1.topics).toBe('dsa,dbms,hr');
  });

  it('lists by times asked with filters, and shows where a question came from', async () => {
    const page = await bank.list({ companySlug: acme.slug, page: 1, perPage: 30 });
    expect(page.total).toBe(5);
    expect(page.items[0]).toMatchObject({ text: 'Reverse a linked list.', timesAsked: 3, summary: 'Asked 3 times at Acme Systems, 2023–2025, in technical rounds', topicLabel: 'Data structures & algorithms' });

    expect((await bank.list({ topic: 'dbms', page: 1, perPage: 30 })).items.map((i) => i.text).sort()).toEqual(['Explain indexing in DBMS', 'Explain normalization in DBMS']);
    expect((await bank.list({ roundKind: 'hr', page: 1, perPage: 30 })).items.map((i) => i.text)).toEqual(['Tell me about yourself']);
    expect((await bank.list({ q: 'reversing linked lists', page: 1, perPage: 30 })).items.map((i) => i.companySlug)).toEqual([acme.slug, beta.slug]);
    // Role matches any experience the question came from, not only the most common role.
    expect((await bank.list({ role: 'software engineer', page: 1, perPage: 30 })).items.map((i) => i.text).sort()).toEqual(['Detect a cycle in a linked list', 'Reverse a linked list.']);
    expect((await bank.list({ companySlug: acme.slug, page: 2, perPage: 2 })).items).toHaveLength(2);

    const reverse = (await find(acme, 'Reverse a linked list.'))!;
    const detail = await bank.get(reverse.id);
    expect(detail?.sources.map((s) => [s.url, s.year])).toEqual([
      [`/experiences/${ids.e2}`, 2025],
      [`/experiences/${ids.e3}`, 2024],
      [`/experiences/${ids.e1}`, 2023],
    ]);
    expect(detail?.otherWordings.sort()).toEqual(['How do you reverse a singly linked list?', 'Reverse a linked list iteratively']);
    expect(JSON.stringify(detail)).not.toMatch(/author|displayName|email|rollNumber/i);

    const [record] = await bank.forSearch([reverse.id]);
    expect(record).toMatchObject({ id: reverse.id, companySlug: acme.slug, topic: 'dsa', timesAsked: 3, url: `/questions/${reverse.id}` });
    expect(record!.wordings).toHaveLength(3);
    expect(Object.keys(record!).join(' ')).not.toMatch(/author/i);
    expect(await bank.idsForCompany(beta.id)).toHaveLength(1);
  });

  it('re-harvesting the same experience changes nothing', async () => {
    const before = await snapshot();
    await harvest(ids.e1);
    await harvest(ids.e1);
    expect(await snapshot()).toEqual(before);
  });

  it('follows an edit that replaces the rounds: counts, years and orphaned questions', async () => {
    // What the experience workflow does on edit: rounds deleted and re-inserted, then a harvest.
    await dataSource.transaction(async (m) => {
      await m.getRepository(Round).delete({ experienceId: ids.e2 });
      await m.getRepository(Round).insert({ experienceId: ids.e2, position: 0, kind: 'technical', title: 'Technical', durationMinutes: 30, notes: null, questionsText: 'What is a deadlock?' });
      await bank.harvestExperience(m, ids.e2);
    });
    expect(await find(acme, 'Reverse a linked list.')).toMatchObject({ timesAsked: 2, firstYear: 2023, lastYear: 2024, difficulty: 2.5 });
    expect(await find(acme, 'Explain indexing in DBMS')).toBeUndefined();
    expect(await find(acme, 'What is a deadlock?')).toMatchObject({ timesAsked: 1, topic: 'os', lastYear: 2025 });
  });

  it('removes an experience that stops being published, and deletes questions left without sources', async () => {
    await dataSource.transaction(async (m) => {
      await m.getRepository(Experience).update(ids.e3, { status: 'pending' });
      await bank.removeExperience(m, ids.e3);
    });
    expect(await find(acme, 'Detect a cycle in a linked list')).toBeUndefined();
    expect(await find(acme, 'Reverse a linked list.')).toMatchObject({ timesAsked: 1, firstYear: 2023, lastYear: 2023 });

    // Harvesting a non-published experience is a no-op rather than a leak into the bank.
    await harvest(ids.e3);
    expect(await find(acme, 'Detect a cycle in a linked list')).toBeUndefined();
    expect(await dataSource.getRepository(QuestionSource).countBy({ experienceId: ids.e3 })).toBe(0);
  });

  it('repairs counts after an experience was deleted behind the bank’s back', async () => {
    await dataSource.getRepository(Experience).delete(ids.e1);
    await harvest(ids.e4);
    expect(await find(acme, 'Tell me about yourself')).toBeUndefined();
    expect(await find(acme, 'Reverse a linked list.')).toBeUndefined();
    expect(await dataSource.getRepository(QuestionSource).count({ where: [{ experienceId: ids.e1 }] })).toBe(0);
    expect((await bank.list({ page: 1, perPage: 30 })).items.every((i) => i.timesAsked > 0)).toBe(true);
  });

  it('ends with the same clusters whatever order the wordings arrived in', async () => {
    const vlsi = await createCompany(dataSource, 'active', { name: 'Gamma Silicon' });
    // B is not close enough to A, so it starts its own question; C is close to both and brings them together.
    for (const wording of ['What are setup time and hold time? Draw the timing diagram.', 'Explain setup time and hold time.', 'Explain setup and hold time with a diagram.']) {
      await harvest((await createExperience(dataSource, 'published', { company: vlsi, rounds: [{ kind: 'technical', questions: [wording] }] })).id);
    }
    expect((await questionsOf(vlsi)).map((q) => q.timesAsked)).toEqual([3]);
  });

  it('hides questions of a company that is not active', async () => {
    const hidden = await createCompany(dataSource, 'pending');
    const id = (await createExperience(dataSource, 'published', { company: hidden, rounds: [{ kind: 'technical', questions: ['What is a semaphore?'] }] })).id;
    await harvest(id);
    expect(await dataSource.getRepository(Question).countBy({ companyId: hidden.id })).toBe(1);
    expect((await bank.list({ q: 'semaphore', page: 1, perPage: 30 })).total).toBe(0);
    expect(await bank.activeCompany(hidden.slug)).toBeNull();
  });

  describe('on the seeded demo', () => {
    let demoDb: TestDatabase;
    let demo: DataSource;

    afterAll(async () => {
      await demo?.destroy();
      await demoDb?.drop();
    });

    it('harvests the demo into a bank with repeated questions, and a full rebuild gives the same bank', async () => {
      ({ db: demoDb, dataSource: demo } = await openMigratedDatabase(dialect));
      expect(await seedDemo(demo, quiet, harvestAfterSeed)).toBe(true);

      const questions = await demo.getRepository(Question).find();
      expect(questions.length).toBeGreaterThan(100);
      expect(Math.max(...questions.map((q) => q.timesAsked))).toBeGreaterThanOrEqual(3);
      expect(questions.every((q) => q.timesAsked >= 1 && q.firstYear <= q.lastYear)).toBe(true);
      const withoutTopics = await demo.getRepository(Experience).countBy({ status: 'published', topics: '' });
      expect(withoutTopics).toBe(0);

      const demoBank = new QuestionBankService(new QuestionsRepository(demo));
      const result = await demo.transaction((m) => demoBank.harvestAll(m));
      expect(result.experiences).toBeGreaterThanOrEqual(60);
      const rebuilt = await demo.getRepository(Question).find();
      expect(rebuilt.map((q) => [q.companyId, q.text, q.timesAsked]).sort()).toEqual(questions.map((q) => [q.companyId, q.text, q.timesAsked]).sort());
      // In place: the same questions keep their ids, so practice answers stay linked to them.
      expect(rebuilt.map((q) => [q.id, q.text]).sort()).toEqual(questions.map((q) => [q.id, q.text]).sort());
      expect(result.removedQuestionIds).toEqual([]);

      const top = (await demoBank.list({ page: 1, perPage: 30 })).items[0]!;
      expect(top.timesAsked).toBeGreaterThanOrEqual(3);
      expect(top.summary).toMatch(/^Asked \d+ times at /);
    });
  });
});
