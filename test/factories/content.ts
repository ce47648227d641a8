/**
 * Builders for companies, experiences and their rounds, by named variant (see users.ts for people).
 * Every builder fills in believable defaults and takes overrides, so a test states only what it is about:
 *
 *   const company = await createCompany(ds);                               // active
 *   const e = await createExperience(ds, 'anonymous', { company, rounds: ['online-test', 'hr'] });
 *   await anonymousExperience(ds, { company, author });                    // the same, by name
 */
import type { DataSource } from 'typeorm';
import type { User } from '../../src/modules/accounts/entities/user.entity.js';
import { Company } from '../../src/modules/companies/entities/company.entity.js';
import { Faq, type FaqStatus } from '../../src/modules/companies/entities/faq.entity.js';
import { Experience } from '../../src/modules/experiences/entities/experience.entity.js';
import { Round, type RoundKind } from '../../src/modules/experiences/entities/round.entity.js';
import { createUser } from './users.js';

let sequence = 0;
const next = () => (sequence += 1);

// ---------------------------------------------------------------------------------------------
// Companies

export type CompanyVariant = 'active' | 'pending';

export async function createCompany(dataSource: DataSource, variant: CompanyVariant = 'active', overrides: Partial<Company> = {}): Promise<Company> {
  const n = next();
  const name = overrides.name ?? `Company ${n}`;
  return dataSource.getRepository(Company).save(
    dataSource.getRepository(Company).create({
      name,
      slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
      industry: 'Product software',
      website: `https://company-${n}.example`,
      description: `${name} builds software. A factory-made company for tests.`,
      status: variant,
      createdById: null,
      ...overrides,
    }),
  );
}

export const pendingCompany = (dataSource: DataSource, overrides: Partial<Company> = {}) => createCompany(dataSource, 'pending', overrides);

// ---------------------------------------------------------------------------------------------
// Experiences with rounds

/**
 * - published: visible to everyone (the default)
 * - anonymous: published, author hidden from other students
 * - pending / draft / rejected: not published, so never counted or listed publicly
 */
export type ExperienceVariant = 'published' | 'anonymous' | 'pending' | 'draft' | 'rejected';

export interface RoundSpec {
  kind: RoundKind;
  title?: string;
  durationMinutes?: number | null;
  notes?: string | null;
  questions?: string[];
}

export interface ExperienceOptions extends Partial<Omit<Experience, 'rounds' | 'author' | 'company'>> {
  /** Defaults to a new student. */
  author?: User;
  /** Defaults to a new active company. */
  company?: Company;
  /** Round kinds or full specs, in interview order. Defaults to online test → technical → HR. */
  rounds?: Array<RoundKind | RoundSpec>;
}

const ROUND_TITLES: Record<RoundKind, string> = {
  'online-test': 'Online assessment',
  technical: 'Technical interview',
  hr: 'HR interview',
  managerial: 'Managerial round',
  'group-discussion': 'Group discussion',
  other: 'Other round',
};

const DEFAULT_QUESTIONS: Record<RoundKind, string> = {
  'online-test': 'Find the length of the longest subarray with sum K.',
  technical: 'Reverse a linked list in place.',
  hr: 'Tell me about yourself.',
  managerial: 'Describe a time you disagreed with a teammate.',
  'group-discussion': 'Is remote work here to stay?',
  other: 'Any questions for us?',
};

export async function createExperience(dataSource: DataSource, variant: ExperienceVariant = 'published', options: ExperienceOptions = {}): Promise<Experience & { rounds: Round[] }> {
  const n = next();
  const { author: givenAuthor, company: givenCompany, rounds: roundSpecs, ...overrides } = options;
  const author = givenAuthor ?? (await createUser(dataSource, 'student'));
  const company = givenCompany ?? (await createCompany(dataSource));
  const published = variant === 'published' || variant === 'anonymous';
  // Later-built experiences are newer, so "newest first" follows creation order in tests.
  const at = new Date(Date.UTC(2025, 0, 1) + n * 60_000);
  const experience = await dataSource.getRepository(Experience).save(
    dataSource.getRepository(Experience).create({
      authorId: author.id,
      companyId: company.id,
      role: 'Software Engineer',
      roleDescription: null,
      interviewYear: 2025,
      passoutYear: author.passoutYear,
      branch: author.branch,
      anonymous: variant === 'anonymous',
      source: 'on-campus',
      outcome: 'selected',
      difficulty: 3,
      offerDetails: null,
      body: `The drive had three rounds. I prepared for about a month using past experiences (experience ${n}).`,
      tips: 'Revise linked lists and practise explaining your projects.',
      status: published ? 'published' : variant,
      rejectionReason: variant === 'rejected' ? 'Please add the questions you were asked.' : null,
      helpfulCount: 0,
      topics: '',
      publishedAt: published ? at : null,
      createdAt: at,
      ...overrides,
    }),
  );
  const specs = (roundSpecs ?? ['online-test', 'technical', 'hr']).map((r): RoundSpec => (typeof r === 'string' ? { kind: r } : r));
  const rounds = await dataSource.getRepository(Round).save(
    specs.map((spec, position) =>
      dataSource.getRepository(Round).create({
        experienceId: experience.id,
        position,
        kind: spec.kind,
        title: spec.title ?? ROUND_TITLES[spec.kind],
        durationMinutes: spec.durationMinutes ?? 45,
        notes: spec.notes ?? null,
        questionsText: (spec.questions ?? [DEFAULT_QUESTIONS[spec.kind]]).join('\n'),
      }),
    ),
  );
  return Object.assign(experience, { rounds });
}

export const anonymousExperience = (dataSource: DataSource, options: ExperienceOptions = {}) => createExperience(dataSource, 'anonymous', options);
export const pendingExperience = (dataSource: DataSource, options: ExperienceOptions = {}) => createExperience(dataSource, 'pending', options);
export const draftExperience = (dataSource: DataSource, options: ExperienceOptions = {}) => createExperience(dataSource, 'draft', options);

// ---------------------------------------------------------------------------------------------
// FAQs

/** 'open' (a proposal), 'answered' (in the archive) or 'hidden' (curated out). */
export async function createFaq(
  dataSource: DataSource,
  status: FaqStatus,
  options: { company: Company; author?: User; answeredBy?: User } & Partial<Omit<Faq, 'company'>>,
): Promise<Faq> {
  const n = next();
  const { company, author, answeredBy, ...overrides } = options;
  return dataSource.getRepository(Faq).save(
    dataSource.getRepository(Faq).create({
      companyId: company.id,
      question: `What is the eligibility for ${company.name}, question ${n}?`,
      answer: status === 'open' ? null : `A CGPA of 7.0 and no active backlogs (answer ${n}).`,
      authorId: author?.id ?? null,
      answeredById: status === 'open' ? null : (answeredBy?.id ?? null),
      status,
      ...overrides,
    }),
  );
}
