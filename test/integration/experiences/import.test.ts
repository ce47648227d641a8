import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Experience } from '../../../src/modules/experiences/entities/experience.entity.js';
import { ExperienceImportService } from '../../../src/modules/experiences/experience-import.service.js';
import { Company } from '../../../src/modules/companies/entities/company.entity.js';
import { QuestionSource } from '../../../src/modules/questions/entities/question-source.entity.js';
import { createUser } from '../../factories/users.js';
import { DIALECTS } from '../../support/databases.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

const good = (overrides: Record<string, unknown> = {}) => ({
  authorEmail: 'importer@college.test',
  company: 'Orbital Freight',
  role: 'Graduate Engineer Trainee',
  interviewYear: 2024,
  source: 'off-campus',
  outcome: 'rejected',
  difficulty: 2,
  body: 'A written aptitude test followed by a technical interview about thermodynamics and a short HR chat.',
  rounds: [
    { kind: 'online-test', title: 'Aptitude', questions: ['A train crosses a pole in 10 seconds; find its speed'] },
    { kind: 'technical', title: 'Technical', durationMinutes: 30, questions: ['State the second law of thermodynamics'] },
  ],
  ...overrides,
});

describe.each(DIALECTS)('import:experiences (%s)', (dialect) => {
  let t: TestApp;
  let file: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    await createUser(t.dataSource, 'student', { email: 'importer@college.test' });
    file = join(mkdtempSync(join(tmpdir(), 'ii-import-')), 'experiences.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify(good({ externalId: 'sheet-1' })),
        '{ this is not json',
        JSON.stringify(good({ difficulty: 7, externalId: 'sheet-3' })),
        JSON.stringify(good({ authorEmail: 'nobody@college.test' })),
        '',
        JSON.stringify(good({ role: 'Design Engineer', body: 'Second experience with a different body: CAD modelling questions and a plant visit discussion.' })),
      ].join('\n'),
    );
  });
  afterAll(async () => t?.close());

  it('imports the good rows, lists the bad ones with reasons, and adds nothing on a second run', async () => {
    const importer = t.app.get(ExperienceImportService);
    const first = await importer.importFile(file);
    expect(first.imported).toBe(2);
    expect(first.skipped).toBe(0);
    expect(first.bad.map((b) => b.line)).toEqual([2, 3, 4]);
    expect(first.bad[0]!.reason).toContain('not valid JSON');
    expect(first.bad[1]!.reason).toContain('difficulty: Rate the difficulty');
    expect(first.bad[2]!.reason).toContain('no account with e-mail nobody@college.test');

    const company = await t.dataSource.getRepository(Company).findOneByOrFail({ name: 'Orbital Freight' });
    expect(company.status).toBe('active');
    const rows = await t.dataSource.getRepository(Experience).findBy({ companyId: company.id });
    expect(rows.map((r) => r.status)).toEqual(['published', 'published']);
    expect(await t.dataSource.getRepository(QuestionSource).countBy({ companyId: company.id })).toBe(4);

    const second = await importer.importFile(file);
    expect(second.imported).toBe(0);
    expect(second.skipped).toBe(2);
    expect(await t.dataSource.getRepository(Experience).countBy({ companyId: company.id })).toBe(2);
  });
});
