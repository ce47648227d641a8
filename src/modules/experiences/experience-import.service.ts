import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { validateForm } from '../../common/forms/validate-form.js';
import { User } from '../accounts/entities/user.entity.js';
import { CompaniesService } from '../companies/companies.service.js';
import { ExperienceForm } from './dto/experience-form.dto.js';
import { Experience } from './entities/experience.entity.js';
import { ExperiencesService } from './experiences.service.js';

/**
 * One JSON object per line:
 * { "externalId"?, "authorEmail", "company", "role", "roleDescription"?, "interviewYear", "passoutYear"?, "branch"?,
 *   "anonymous"?, "source", "outcome", "difficulty", "offerDetails"?, "body", "tips"?, "publishedAt"?,
 *   "rounds": [{ "kind", "title", "durationMinutes"?, "notes"?, "questions": ["…", …] }] }
 * The author must be an existing account (so anonymity and moderation work as for any post).
 */
export interface ImportReport {
  imported: number;
  skipped: number;
  bad: Array<{ line: number; reason: string }>;
}

type Row = Record<string, unknown>;

function importKey(row: Row): string {
  if (typeof row.externalId === 'string' && row.externalId.trim()) return `ext:${row.externalId.trim()}`.slice(0, 64);
  const basis = JSON.stringify([row.authorEmail, row.company, row.role, row.interviewYear, row.body]);
  return `sha:${createHash('sha256').update(basis).digest('hex').slice(0, 60)}`;
}

function toFormBody(row: Row, author: User): Row {
  const rounds = Array.isArray(row.rounds) ? (row.rounds as Row[]) : [];
  return {
    companyName: row.company,
    role: row.role,
    roleDescription: row.roleDescription ?? '',
    interviewYear: row.interviewYear,
    passoutYear: row.passoutYear ?? author.passoutYear,
    branch: row.branch ?? author.branch,
    anonymous: row.anonymous === true,
    linkedinUrl: '',
    rollNumber: '',
    source: row.source,
    outcome: row.outcome,
    difficulty: row.difficulty,
    offerDetails: row.offerDetails ?? '',
    body: row.body,
    tips: row.tips ?? '',
    rounds: rounds.map((r) => ({
      kind: r.kind,
      title: r.title,
      durationMinutes: r.durationMinutes ?? '',
      notes: r.notes ?? '',
      questions: Array.isArray(r.questions) ? r.questions.join('\n') : (r.questions ?? ''),
    })),
  };
}

@Injectable()
export class ExperienceImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly companies: CompaniesService,
    private readonly experiences: ExperiencesService,
  ) {}

  /** Imports the good rows (published), reports the bad ones, and skips rows imported before. */
  async importFile(path: string): Promise<ImportReport> {
    const report: ImportReport = { imported: 0, skipped: 0, bad: [] };
    const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
    let lineNumber = 0;
    for await (const line of lines) {
      lineNumber++;
      if (!line.trim()) continue;
      const outcome = await this.importLine(line);
      if (outcome === 'imported') report.imported++;
      else if (outcome === 'skipped') report.skipped++;
      else report.bad.push({ line: lineNumber, reason: outcome.error });
    }
    return report;
  }

  private async importLine(line: string): Promise<'imported' | 'skipped' | { error: string }> {
    let row: Row;
    try {
      row = JSON.parse(line) as Row;
      if (!row || typeof row !== 'object' || Array.isArray(row)) return { error: 'not a JSON object' };
    } catch (error) {
      return { error: `not valid JSON (${(error as Error).message})` };
    }
    const key = importKey(row);
    if (await this.dataSource.getRepository(Experience).existsBy({ importKey: key })) return 'skipped';
    const email = typeof row.authorEmail === 'string' ? row.authorEmail.trim().toLowerCase() : '';
    const author = email ? await this.dataSource.getRepository(User).findOneBy({ email }) : null;
    if (!author) return { error: email ? `no account with e-mail ${email}` : 'authorEmail is missing' };
    const form = await validateForm(ExperienceForm, toFormBody(row, author));
    if (!form.ok) return { error: Object.entries(form.errors).map(([field, message]) => `${field}: ${message}`).join('; ') };
    const publishedAt = typeof row.publishedAt === 'string' && !Number.isNaN(Date.parse(row.publishedAt)) ? new Date(row.publishedAt) : undefined;
    await this.dataSource.transaction(async (manager) => {
      const company = await this.companies.findOrCreateByName(manager, form.value.companyName, author.id);
      if (company.status !== 'active') await this.companies.activate(manager, company.id);
      await this.experiences.insert(manager, { authorId: author.id, companyId: company.id, status: 'published', form: form.value, importKey: key, publishedAt });
    });
    return 'imported';
  }
}
