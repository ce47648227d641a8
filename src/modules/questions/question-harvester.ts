import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { Setting } from '../../common/settings/setting.entity.js';
import type { AfterSeed } from '../../database/seed.js';
import { Company } from '../companies/entities/company.entity.js';
import { Experience } from '../experiences/entities/experience.entity.js';
import { Round } from '../experiences/entities/round.entity.js';
import { QuestionSource } from './entities/question-source.entity.js';
import { Question } from './entities/question.entity.js';
import { summariseSources, type SourceFacts } from './question-stats.js';
import { bestMatch, comparable, contentTokens, NEAR_DUPLICATE_THRESHOLD, splitQuestions, type ComparableQuestion } from './question-text.js';
import { tagTopic, TOPIC_RULES_FINGERPRINT, topicList } from './topics.js';

/** Which questions a harvest changed, so callers can refresh the search index after commit. */
export interface HarvestResult {
  /** Questions created or recomputed, still in the bank. */
  questionIds: number[];
  /** Questions deleted because no source was left. */
  removedQuestionIds: number[];
}

interface BankEntry extends ComparableQuestion {
  id: number;
}

/** Keeps rows per statement well under SQLite's and MySQL's placeholder limits. */
const CHUNK = 400;
const EXPERIENCE_BATCH = 200;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * One company's questions in memory, indexed by stem, so a new line is compared only with the
 * questions that could reach the near-duplicate threshold rather than with the whole bank.
 */
class CompanyBank {
  private readonly byToken = new Map<string, Set<number>>();
  private readonly entries = new Map<number, BankEntry>();
  /** Questions without content words ("Why?") can only match by string similarity. */
  private readonly tokenless = new Set<number>();

  get(id: number): BankEntry | undefined {
    return this.entries.get(id);
  }

  /** Adds a question, or re-indexes it under its new wording. */
  put(entry: BankEntry): void {
    this.remove(entry.id);
    this.entries.set(entry.id, entry);
    if (entry.tokens.length === 0) this.tokenless.add(entry.id);
    for (const token of entry.tokens) {
      const ids = this.byToken.get(token);
      if (ids) ids.add(entry.id);
      else this.byToken.set(token, new Set([entry.id]));
    }
  }

  remove(id: number): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.tokenless.delete(id);
    for (const token of entry.tokens) this.byToken.get(token)?.delete(id);
  }

  /** The best near-duplicate of a wording among this company's questions (other than `except`). */
  match(question: ComparableQuestion, except?: number): BankEntry | null {
    const candidates: BankEntry[] = [];
    if (question.tokens.length === 0) {
      for (const id of this.tokenless) if (id !== except) candidates.push(this.entries.get(id)!);
      return bestMatch(question, candidates);
    }
    // A near-duplicate shares at least threshold × |tokens| stems; one may be a misspelling, so allow one less exact hit.
    const needed = Math.max(1, Math.ceil(NEAR_DUPLICATE_THRESHOLD * question.tokens.length) - 1);
    const hits = new Map<number, number>();
    for (const token of question.tokens) for (const id of this.byToken.get(token) ?? []) hits.set(id, (hits.get(id) ?? 0) + 1);
    for (const [id, count] of hits) if (count >= needed && id !== except) candidates.push(this.entries.get(id)!);
    return bestMatch(question, candidates);
  }
}

/**
 * Turns published experiences' round questions into the bank, inside the caller's transaction.
 * One instance per transaction: it caches each company's bank while it works.
 */
export class QuestionHarvester {
  private readonly banks = new Map<number, CompanyBank>();

  constructor(private readonly manager: EntityManager) {}

  /**
   * Idempotent: drops these experiences' sources, then (for those that are published) splits every
   * round's questions and files each line under a near-duplicate question of the same company, or
   * a new one. Touched questions are recomputed and each experience's topics rewritten.
   */
  async harvest(experienceIds: readonly number[]): Promise<HarvestResult> {
    const touched = await this.detach(experienceIds);
    for (const batch of chunks([...new Set(experienceIds)], EXPERIENCE_BATCH)) {
      for (const id of await this.harvestBatch(batch)) touched.add(id);
    }
    const result = await this.recompute(touched);
    await this.consolidate(result);
    await this.writeExperienceTopics(experienceIds);
    return result;
  }

  /** Takes these experiences out of the bank (unpublished, deleted); questions left without sources go. */
  async remove(experienceIds: readonly number[]): Promise<HarvestResult> {
    return this.recompute(await this.detach(experienceIds));
  }

  /**
   * Files every published experience again, e.g. after the matching or topic rules changed, and
   * drops what experiences no longer published left behind. In place: each line is matched against
   * the questions already in the bank, so a question whose lines still match keeps its id, and the
   * practice answers linked to it stay linked (deleting the bank first would unlink them all).
   */
  async rebuild(): Promise<HarvestResult & { experiences: number }> {
    const published = (await this.manager.getRepository(Experience).find({ select: { id: true }, where: { status: 'published' }, order: { id: 'ASC' } })).map((e) => e.id);
    const filed = await this.manager.getRepository(QuestionSource).createQueryBuilder('s').select('DISTINCT s.experience_id', 'id').getRawMany<{ id: number | string }>();
    const live = new Set(published);
    const stale = await this.remove(filed.map((row) => Number(row.id)).filter((id) => !live.has(id)));
    const result = await this.harvest(published);
    const kept = new Set(result.questionIds);
    const removed = new Set([...stale.removedQuestionIds, ...result.removedQuestionIds]);
    return { questionIds: result.questionIds, removedQuestionIds: [...removed].filter((id) => !kept.has(id)), experiences: published.length };
  }

  /**
   * Deletes the sources of these experiences, plus any source whose round or experience has
   * vanished meanwhile (rounds replaced on edit, a deletion that bypassed the bank); returns the
   * questions that need recomputing.
   */
  private async detach(experienceIds: readonly number[]): Promise<Set<number>> {
    const repo = this.manager.getRepository(QuestionSource);
    const touched = new Set<number>();
    const orphans = await repo.find({ select: { id: true, questionId: true }, where: [{ experienceId: IsNull() }, { roundId: IsNull() }] });
    for (const batch of chunks([...new Set(experienceIds)])) {
      orphans.push(...(await repo.find({ select: { id: true, questionId: true }, where: { experienceId: In(batch) } })));
    }
    for (const source of orphans) touched.add(source.questionId);
    for (const batch of chunks(orphans.map((s) => s.id))) await repo.delete({ id: In(batch) });
    return touched;
  }

  private async harvestBatch(experienceIds: number[]): Promise<Set<number>> {
    const touched = new Set<number>();
    const experiences = await this.manager.getRepository(Experience).find({
      select: { id: true, companyId: true, role: true, interviewYear: true, difficulty: true, status: true },
      where: { id: In(experienceIds), status: 'published' },
      order: { id: 'ASC' },
    });
    if (experiences.length === 0) return touched;
    await this.lockCompanies(experiences.map((e) => e.companyId));
    const rounds = await this.manager.getRepository(Round).find({
      select: { id: true, experienceId: true, position: true, kind: true, questionsText: true },
      where: { experienceId: In(experiences.map((e) => e.id)) },
      order: { experienceId: 'ASC', position: 'ASC' },
    });
    const sources: Array<Omit<QuestionSource, 'id'>> = [];
    for (const experience of experiences) {
      const bank = await this.bankFor(experience.companyId);
      for (const round of rounds.filter((r) => r.experienceId === experience.id)) {
        for (const [lineNo, line] of splitQuestions(round.questionsText).entries()) {
          const wording = comparable(line);
          const questionId = bank.match(wording)?.id ?? (await this.createQuestion(bank, experience, round, line, wording));
          touched.add(questionId);
          sources.push({
            questionId,
            experienceId: experience.id,
            roundId: round.id,
            companyId: experience.companyId,
            year: experience.interviewYear,
            lineNo,
            originalText: line,
          });
        }
      }
    }
    for (const batch of chunks(sources, 100)) await this.manager.getRepository(QuestionSource).insert(batch);
    return touched;
  }

  /**
   * On MySQL two transactions harvesting the same company at once could both create the same new
   * question; locking the company rows (in id order, so never a deadlock) makes them take turns.
   * SQLite already runs one write transaction at a time.
   */
  private async lockCompanies(companyIds: number[]): Promise<void> {
    if (this.manager.connection.driver.options.type === 'better-sqlite3') return;
    const ids = [...new Set(companyIds)].sort((a, b) => a - b);
    await this.manager.getRepository(Company).createQueryBuilder('c').select('c.id').where({ id: In(ids) }).orderBy('c.id').setLock('pessimistic_write').getMany();
  }

  private async bankFor(companyId: number): Promise<CompanyBank> {
    let bank = this.banks.get(companyId);
    if (!bank) {
      bank = new CompanyBank();
      const rows = await this.manager.getRepository(Question).find({ select: { id: true, normalizedText: true }, where: { companyId } });
      for (const row of rows) bank.put({ id: row.id, ...comparable(row.normalizedText) });
      this.banks.set(companyId, bank);
    }
    return bank;
  }

  /** A first version of the question from this line; `recompute` fills in the real figures. */
  private async createQuestion(bank: CompanyBank, experience: Experience, round: Round, line: string, wording: ComparableQuestion): Promise<number> {
    const inserted = await this.manager.getRepository(Question).insert({
      text: line,
      normalizedText: wording.normalized,
      companyId: experience.companyId,
      role: experience.role,
      roundKind: round.kind,
      topic: tagTopic(line, round.kind),
      difficulty: experience.difficulty,
      timesAsked: 0,
      firstYear: experience.interviewYear,
      lastYear: experience.interviewYear,
    });
    const id = Number((inserted.identifiers[0] as { id: number }).id);
    bank.put({ id, ...wording });
    return id;
  }

  /** Recomputes each question from its remaining sources, deleting those with none. */
  private async recompute(questionIds: Set<number>): Promise<HarvestResult> {
    const result: HarvestResult = { questionIds: [], removedQuestionIds: [] };
    const ids = [...questionIds].sort((a, b) => a - b);
    for (const batch of chunks(ids)) {
      const rows = await this.manager
        .getRepository(QuestionSource)
        .createQueryBuilder('s')
        .innerJoin(Round, 'r', 'r.id = s.round_id')
        .innerJoin(Experience, 'e', 'e.id = s.experience_id')
        .select('s.question_id', 'questionId')
        .addSelect('s.company_id', 'companyId')
        .addSelect('s.experience_id', 'experienceId')
        .addSelect('s.year', 'year')
        .addSelect('s.original_text', 'originalText')
        .addSelect('r.kind', 'roundKind')
        .addSelect('e.role', 'role')
        .addSelect('e.difficulty', 'difficulty')
        .where({ questionId: In(batch) })
        .orderBy('s.id')
        .getRawMany<Record<keyof SourceFacts | 'questionId' | 'companyId', string | number>>();
      const facts = new Map<number, SourceFacts[]>();
      const companyOf = new Map<number, number>();
      for (const row of rows) {
        companyOf.set(Number(row.questionId), Number(row.companyId));
        const list = facts.get(Number(row.questionId)) ?? [];
        list.push({
          experienceId: Number(row.experienceId),
          year: Number(row.year),
          originalText: String(row.originalText),
          roundKind: String(row.roundKind),
          role: String(row.role),
          difficulty: Number(row.difficulty),
        });
        facts.set(Number(row.questionId), list);
      }
      const gone: number[] = [];
      for (const id of batch) {
        const figures = summariseSources(facts.get(id) ?? []);
        if (figures === null) {
          gone.push(id);
          continue;
        }
        await this.manager.getRepository(Question).update(id, figures);
        // Later lines are compared with the new representative wording.
        this.banks.get(companyOf.get(id)!)?.put({ id, normalized: figures.normalizedText, tokens: contentTokens(figures.normalizedText) });
        result.questionIds.push(id);
      }
      if (gone.length) await this.manager.getRepository(Question).delete({ id: In(gone) });
      for (const bank of this.banks.values()) for (const id of gone) bank.remove(id);
      result.removedQuestionIds.push(...gone);
    }
    return result;
  }

  /**
   * Lines join the closest question as they arrive, so arrival order can leave two questions whose
   * representative wordings are near-duplicates of each other (A ≈ B, B ≈ C, A ≉ C). Once the
   * figures are recomputed, such pairs are merged — the more asked question absorbing the other —
   * so the bank converges on the same clusters whatever order experiences came in.
   */
  private async consolidate(result: HarvestResult): Promise<void> {
    const rows: Array<Pick<Question, 'id' | 'companyId' | 'timesAsked'>> = [];
    for (const batch of chunks(result.questionIds)) {
      rows.push(...(await this.manager.getRepository(Question).find({ select: { id: true, companyId: true, timesAsked: true }, where: { id: In(batch) } })));
    }
    rows.sort((a, b) => b.timesAsked - a.timesAsked || a.id - b.id);
    const removed = new Set<number>();
    const grown = new Set<number>();
    for (const row of rows) {
      if (removed.has(row.id)) continue;
      const bank = await this.bankFor(row.companyId);
      const entry = bank.get(row.id);
      const twin = entry && bank.match(entry, row.id);
      if (!twin) continue;
      const other = await this.manager.getRepository(Question).findOne({ select: { id: true, timesAsked: true }, where: { id: twin.id } });
      if (!other) continue;
      const otherWins = other.timesAsked > row.timesAsked || (other.timesAsked === row.timesAsked && other.id < row.id);
      const [keep, drop] = otherWins ? [other.id, row.id] : [row.id, other.id];
      await this.manager.getRepository(QuestionSource).update({ questionId: drop }, { questionId: keep });
      await this.recompute(new Set([keep, drop]));
      removed.add(drop);
      grown.add(keep);
    }
    if (removed.size === 0) return;
    result.questionIds = [...new Set([...result.questionIds, ...grown])].filter((id) => !removed.has(id));
    result.removedQuestionIds.push(...removed);
  }

  /** experiences.topics: the topics of the questions harvested from each experience. */
  private async writeExperienceTopics(experienceIds: readonly number[]): Promise<void> {
    for (const batch of chunks([...new Set(experienceIds)])) {
      const rows = await this.manager
        .getRepository(QuestionSource)
        .createQueryBuilder('s')
        .innerJoin(Question, 'q', 'q.id = s.question_id')
        .select('s.experience_id', 'experienceId')
        .addSelect('q.topic', 'topic')
        .where({ experienceId: In(batch) })
        .getRawMany<{ experienceId: number | string; topic: string }>();
      const topics = new Map<number, string[]>(batch.map((id) => [id, []]));
      for (const row of rows) topics.get(Number(row.experienceId))?.push(row.topic);
      const published = await this.manager.getRepository(Experience).find({ select: { id: true, topics: true }, where: { id: In(batch), status: 'published' } });
      for (const experience of published) {
        const list = topicList(topics.get(experience.id) ?? []);
        if (list === experience.topics) continue;
        // Derived data: keep updated_at as it was, so "last edited" still means an edit by a person.
        await this.manager
          .createQueryBuilder()
          .update(Experience)
          .set({ topics: list, updatedAt: () => 'updated_at' })
          .where({ id: experience.id })
          .execute();
      }
    }
  }
}

const TOPIC_RULES_KEY = 'topic_rules';

/** Seeding hook (see `seedDemo`): files the demo experiences into the bank in the seed transaction. */
export const harvestAfterSeed: AfterSeed = async (manager, experienceIds) => {
  await new QuestionHarvester(manager).harvest(experienceIds);
  await manager.getRepository(Setting).save({ key: TOPIC_RULES_KEY, value: TOPIC_RULES_FINGERPRINT });
};

/**
 * After an upgrade that changed the topic rules, files every published experience again so the
 * bank's topics (filters, statistics, practice reports) follow the new rules (`rebuild`, in place:
 * question ids and the practice answers linked to them stay).
 * Returns how many experiences were re-filed: 0 when the rules are the ones the bank was built with.
 */
export async function retagIfTopicRulesChanged(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const stored = await manager.getRepository(Setting).findOne({ where: { key: TOPIC_RULES_KEY } });
    if (stored?.value === TOPIC_RULES_FINGERPRINT) return 0;
    const { experiences } = await new QuestionHarvester(manager).rebuild();
    await manager.getRepository(Setting).save({ key: TOPIC_RULES_KEY, value: TOPIC_RULES_FINGERPRINT });
    return experiences;
  });
}
