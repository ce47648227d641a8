import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { In, type DataSource } from 'typeorm';
import { Setting } from '../../../src/common/settings/setting.entity.js';
import { seedDemo } from '../../../src/database/seed.js';
import { Experience } from '../../../src/modules/experiences/entities/experience.entity.js';
import { PracticeAnswer } from '../../../src/modules/practice/entities/practice-answer.entity.js';
import { Question } from '../../../src/modules/questions/entities/question.entity.js';
import { harvestAfterSeed, QuestionHarvester, retagIfTopicRulesChanged } from '../../../src/modules/questions/question-harvester.js';
import { QuestionSource } from '../../../src/modules/questions/entities/question-source.entity.js';
import { TOPIC_RULES_FINGERPRINT } from '../../../src/modules/questions/topics.js';
import { DIALECTS, openMigratedDatabase, quietLogger, type TestDatabase } from '../../support/databases.js';

const quiet = quietLogger('retag-test');

describe.each(DIALECTS)('re-filing the bank when the topic rules change, on %s', (dialect) => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    ({ db, dataSource } = await openMigratedDatabase(dialect));
    await seedDemo(dataSource, quiet, harvestAfterSeed);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('does nothing when the bank was built with the current rules (the seed records them)', async () => {
    expect(await dataSource.getRepository(Setting).findOneByOrFail({ key: 'topic_rules' })).toMatchObject({ value: TOPIC_RULES_FINGERPRINT });
    expect(await retagIfTopicRulesChanged(dataSource)).toBe(0);
  });

  it('re-tags every question after an upgrade, keeping question ids and the practice answers linked to them', async () => {
    const questions = dataSource.getRepository(Question);
    const before = await questions.find({ select: { id: true, topic: true }, order: { id: 'ASC' } });
    const linked = await dataSource.getRepository(PracticeAnswer).find({ select: { id: true, questionId: true }, order: { id: 'ASC' } });
    expect(linked.filter((a) => a.questionId !== null).length).toBeGreaterThan(0);
    // What a bank filed by older rules looks like: other topics, and another fingerprint.
    const dsa = before.filter((q) => q.topic === 'dsa').map((q) => q.id);
    await questions.update(dsa, { topic: 'other' });
    await dataSource.createQueryBuilder().update(Experience).set({ topics: 'other' }).execute();
    await dataSource.getRepository(Setting).save({ key: 'topic_rules', value: 'older-rules' });

    const published = await dataSource.getRepository(Experience).countBy({ status: 'published' });
    expect(await retagIfTopicRulesChanged(dataSource)).toBe(published);

    expect(await questions.find({ select: { id: true, topic: true }, order: { id: 'ASC' } })).toEqual(before);
    expect(await dataSource.getRepository(PracticeAnswer).find({ select: { id: true, questionId: true }, order: { id: 'ASC' } })).toEqual(linked);
    expect(await dataSource.getRepository(Experience).countBy({ topics: 'other' })).toBeLessThan(published);
    expect(await dataSource.getRepository(Setting).findOneByOrFail({ key: 'topic_rules' })).toMatchObject({ value: TOPIC_RULES_FINGERPRINT });
    expect(await retagIfTopicRulesChanged(dataSource)).toBe(0);
  });

  it('rebuilding drops what an experience no longer published left in the bank, and nothing else', async () => {
    const sources = dataSource.getRepository(QuestionSource);
    const [victim] = await dataSource.getRepository(Experience).find({ where: { status: 'published' }, order: { id: 'ASC' }, take: 1 });
    const its = await sources.find({ where: { experienceId: victim!.id }, select: { questionId: true } });
    expect(its.length).toBeGreaterThan(0);
    const shared = await sources.find({ where: { questionId: In(its.map((s) => s.questionId)) }, select: { questionId: true, experienceId: true } });
    const onlyIts = its.map((s) => s.questionId).filter((id) => shared.every((s) => s.questionId !== id || s.experienceId === victim!.id));
    const before = (await dataSource.getRepository(Question).find({ select: { id: true } })).map((q) => q.id);
    // Taken down without going through the bank (as an old version or a manual fix might).
    await dataSource.createQueryBuilder().update(Experience).set({ status: 'rejected' }).where({ id: victim!.id }).execute();

    const result = await dataSource.transaction((m) => new QuestionHarvester(m).rebuild());
    expect(await sources.countBy({ experienceId: victim!.id })).toBe(0);
    expect(result.removedQuestionIds.sort()).toEqual([...onlyIts].sort());
    const after = (await dataSource.getRepository(Question).find({ select: { id: true } })).map((q) => q.id);
    expect(after.sort()).toEqual(before.filter((id) => !onlyIts.includes(id)).sort());
  });
});
