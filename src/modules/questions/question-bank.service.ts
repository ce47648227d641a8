import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ROUND_KINDS } from '../experiences/entities/round.entity.js';
import type { QuestionFilters } from './dto/question-filters.js';
import { QuestionHarvester, type HarvestResult } from './question-harvester.js';
import { askedSummary, ROUND_KIND_LABELS, yearsLabel } from './question-view.js';
import { QuestionsRepository, type QuestionRow, type SourceRow } from './questions.repository.js';
import { topicLabel, TOPICS } from './topics.js';

/** A question as lists, pages, JSON and the search index show it. Public data only. */
export interface QuestionListItem {
  id: number;
  text: string;
  url: string;
  companyName: string;
  companySlug: string;
  companyUrl: string;
  role: string;
  roundKind: string;
  roundKindLabel: string;
  topic: string;
  topicLabel: string;
  difficulty: number;
  timesAsked: number;
  firstYear: number;
  lastYear: number;
  years: string;
  /** "Asked 7 times at Acme, 2023–2025, in technical rounds" */
  summary: string;
}

export interface QuestionPage {
  items: QuestionListItem[];
  total: number;
  page: number;
  perPage: number;
  pages: number;
}

/** An experience the question came from, and how it was worded there. Never carries the author. */
export interface QuestionSourceView {
  experienceId: number;
  url: string;
  year: number;
  role: string;
  rounds: Array<{ title: string; kind: string; kindLabel: string; wording: string }>;
}

export interface QuestionDetail extends QuestionListItem {
  sources: QuestionSourceView[];
  /** Other ways it was put, besides `text`. */
  otherWordings: string[];
}

/** What the search indexer needs to build a question document. */
export interface QuestionSearchRecord extends QuestionListItem {
  /** Every distinct wording, so a search for any phrasing finds the question. */
  wordings: string[];
  updatedAt: Date;
}

export interface QuestionFilterOptions {
  companies: Array<{ name: string; slug: string }>;
  topics: Array<{ slug: string; label: string }>;
  roundKinds: Array<{ value: string; label: string }>;
  roles: string[];
}

function toItem(row: QuestionRow): QuestionListItem {
  return {
    id: row.id,
    text: row.text,
    url: `/questions/${row.id}`,
    companyName: row.companyName,
    companySlug: row.companySlug,
    companyUrl: `/companies/${row.companySlug}`,
    role: row.role,
    roundKind: row.roundKind,
    roundKindLabel: ROUND_KIND_LABELS[row.roundKind] ?? row.roundKind,
    topic: row.topic,
    topicLabel: topicLabel(row.topic),
    difficulty: row.difficulty,
    timesAsked: row.timesAsked,
    firstYear: row.firstYear,
    lastYear: row.lastYear,
    years: yearsLabel(row.firstYear, row.lastYear),
    summary: askedSummary(row),
  };
}

function groupByExperience(rows: readonly SourceRow[]): QuestionSourceView[] {
  const byExperience = new Map<number, QuestionSourceView>();
  for (const row of rows) {
    let view = byExperience.get(row.experienceId);
    if (!view) {
      view = { experienceId: row.experienceId, url: `/experiences/${row.experienceId}`, year: row.year, role: row.role, rounds: [] };
      byExperience.set(row.experienceId, view);
    }
    view.rounds.push({ title: row.roundTitle, kind: row.roundKind, kindLabel: ROUND_KIND_LABELS[row.roundKind] ?? row.roundKind, wording: row.wording });
  }
  return [...byExperience.values()];
}

const distinct = (texts: readonly string[]) => [...new Map(texts.map((t) => [t.toLowerCase(), t])).values()];

/**
 * The harvested question bank. Writes run inside the caller's transaction (the experience workflow
 * calls them whenever an experience is published, edited while published, or taken down); reads
 * serve the question pages, the JSON API and the search index.
 */
@Injectable()
export class QuestionBankService {
  constructor(private readonly questions: QuestionsRepository) {}

  /**
   * Files a published experience's round questions into the bank (idempotent: its previous
   * sources are replaced). Call after its rounds are saved. An experience that is not published is
   * taken out instead, so calling this on any status is safe.
   */
  harvestExperience(manager: EntityManager, experienceId: number): Promise<HarvestResult> {
    return new QuestionHarvester(manager).harvest([experienceId]);
  }

  /** Takes an experience out of the bank. Call before deleting it, or when it stops being published. */
  removeExperience(manager: EntityManager, experienceId: number): Promise<HarvestResult> {
    return new QuestionHarvester(manager).remove([experienceId]);
  }

  /** Rebuilds the bank from every published experience (after seeding, or `questions:reharvest`). */
  harvestAll(manager: EntityManager): Promise<HarvestResult & { experiences: number }> {
    return new QuestionHarvester(manager).rebuild();
  }

  async list(filters: QuestionFilters): Promise<QuestionPage> {
    const { rows, total } = await this.questions.list(filters);
    return {
      items: rows.map(toItem),
      total,
      page: filters.page,
      perPage: filters.perPage,
      pages: Math.max(1, Math.ceil(total / filters.perPage)),
    };
  }

  /** A question with the experiences it came from; null when unknown or not public. */
  async get(id: number): Promise<QuestionDetail | null> {
    const row = await this.questions.findVisible(id);
    if (!row) return null;
    const sources = (await this.questions.sources([id])).get(id) ?? [];
    const wordings = distinct(sources.map((s) => s.wording));
    return {
      ...toItem(row),
      sources: groupByExperience(sources),
      otherWordings: wordings.filter((w) => w.toLowerCase() !== row.text.toLowerCase()),
    };
  }

  /** The notes of every published round the question was asked in, newest first (for practice key points). */
  async roundNotes(id: number): Promise<string[]> {
    const sources = (await this.questions.sources([id])).get(id) ?? [];
    return distinct(sources.flatMap((s) => (s.roundNotes ? [s.roundNotes] : [])));
  }

  /** Search records for these questions (all of them when no ids); ids not returned should leave the index. */
  async forSearch(ids?: readonly number[]): Promise<QuestionSearchRecord[]> {
    const rows = ids ? await this.questions.rowsByIds(ids) : await this.allRows();
    return this.searchRecords(rows);
  }

  /** The whole bank in batches, for a full search rebuild without loading it all at once. */
  async *forSearchInBatches(size = 500): AsyncIterable<QuestionSearchRecord[]> {
    for await (const rows of this.rowBatches(size)) yield await this.searchRecords(rows);
  }

  /** Every question id of a company, e.g. to re-sync the search index after one of its experiences changed. */
  idsForCompany(companyId: number): Promise<number[]> {
    return this.questions.idsForCompany(companyId);
  }

  /** The company whose questions `/companies/:slug/questions` shows; null for unknown or pending ones. */
  activeCompany(slug: string): Promise<{ id: number; name: string; slug: string } | null> {
    return this.questions.activeCompany(slug);
  }

  async filterOptions(companySlug?: string): Promise<QuestionFilterOptions> {
    const [companies, roles] = await Promise.all([this.questions.companiesWithQuestions(), this.questions.commonRoles(companySlug)]);
    return {
      companies,
      topics: TOPICS.map((t) => ({ slug: t.slug, label: t.label })),
      roundKinds: ROUND_KINDS.map((value) => ({ value, label: ROUND_KIND_LABELS[value] ?? value })),
      roles,
    };
  }

  private async allRows(): Promise<QuestionRow[]> {
    const rows: QuestionRow[] = [];
    for await (const batch of this.rowBatches()) rows.push(...batch);
    return rows;
  }

  private async *rowBatches(size = 1000): AsyncIterable<QuestionRow[]> {
    for (let lastId = 0; ; ) {
      const rows = await this.questions.rowsAfter(lastId, size);
      if (rows.length === 0) return;
      yield rows;
      lastId = rows[rows.length - 1]!.id;
    }
  }

  private async searchRecords(rows: readonly QuestionRow[]): Promise<QuestionSearchRecord[]> {
    const sources = await this.questions.sources(rows.map((r) => r.id));
    return rows.map((row) => ({
      ...toItem(row),
      wordings: distinct([row.text, ...(sources.get(row.id) ?? []).map((s) => s.wording)]),
      updatedAt: row.updatedAt,
    }));
  }
}
