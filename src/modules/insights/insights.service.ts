import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { branchTable } from '../companies/company-stats.js';
import { Company } from '../companies/entities/company.entity.js';
import { Experience } from '../experiences/entities/experience.entity.js';
import { PracticeAnswer } from '../practice/entities/practice-answer.entity.js';
import { PracticeSession } from '../practice/entities/practice-session.entity.js';
import { Question } from '../questions/entities/question.entity.js';
import { isTopic, topicLabel } from '../questions/topics.js';

/**
 * Practice figures are shown only for groups of at least this many students: a mean over one or
 * two members' answers would tell an officer how those members did, and practice is private.
 */
export const PRACTICE_MIN_GROUP = 5;

const COMPONENTS = [
  ['content', 'Content'],
  ['delivery', 'Delivery'],
  ['language', 'Language'],
  ['presence', 'Visual presence'],
] as const;

export interface PracticeStats {
  students: number;
  sessions: number;
  answers: number;
  /** Answers with a recording. */
  spoken: number;
  /** False when fewer than PRACTICE_MIN_GROUP students practised: no figure below is shown. */
  enough: boolean;
  components: Array<{ name: string; label: string; mean: number | null; answers: number }>;
  /** Topics practised by at least PRACTICE_MIN_GROUP students, lowest content score first. */
  topics: Array<{ slug: string; label: string; students: number; answers: number; content: number | null; overall: number | null }>;
  /** Topics left out because fewer students practised them. */
  hiddenTopics: number;
}
export interface CompanyStatsRow {
  name: string;
  slug: string;
  attended: number;
  selected: number;
  selectionRate: number;
  averageDifficulty: number;
  firstYear: number;
  lastYear: number;
}

@Injectable()
export class InsightsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Per-company outcome figures over published experiences, most-attended first. */
  async companyTable(): Promise<CompanyStatsRow[]> {
    const rows = await this.dataSource
      .getRepository(Experience)
      .createQueryBuilder('e')
      .innerJoin(Company, 'c', 'c.id = e.company_id')
      .select('c.name', 'name')
      .addSelect('c.slug', 'slug')
      .addSelect('COUNT(*)', 'attended')
      .addSelect("SUM(CASE WHEN e.outcome = 'selected' THEN 1 ELSE 0 END)", 'selected')
      .addSelect('AVG(e.difficulty)', 'difficulty')
      .addSelect('MIN(e.interview_year)', 'firstYear')
      .addSelect('MAX(e.interview_year)', 'lastYear')
      .where('e.status = :status', { status: 'published' })
      .groupBy('c.id')
      .addGroupBy('c.name')
      .addGroupBy('c.slug')
      .orderBy('attended', 'DESC')
      .addOrderBy('c.name', 'ASC')
      .getRawMany<Record<string, string | number>>();
    return rows.map((r) => {
      const attended = Number(r.attended);
      const selected = Number(r.selected);
      return {
        name: String(r.name),
        slug: String(r.slug),
        attended,
        selected,
        selectionRate: attended ? selected / attended : 0,
        averageDifficulty: Math.round(Number(r.difficulty) * 10) / 10,
        firstYear: Number(r.firstYear),
        lastYear: Number(r.lastYear),
      };
    });
  }

  /**
   * Published experiences per company and interview year ('year') or author's branch ('branch'),
   * for the CSV export. Branches are merged as on the company pages (branchTable), so the export
   * says no more about a small group than the site does.
   */
  async companyBreakdown(by: 'year' | 'branch'): Promise<Array<{ company: string; key: string; attended: number; selected: number }>> {
    const column = by === 'year' ? 'e.interview_year' : 'e.branch';
    const rows = await this.dataSource
      .getRepository(Experience)
      .createQueryBuilder('e')
      .innerJoin(Company, 'c', 'c.id = e.company_id')
      .select('c.name', 'company')
      .addSelect(column, 'key')
      .addSelect('COUNT(*)', 'attended')
      .addSelect("SUM(CASE WHEN e.outcome = 'selected' THEN 1 ELSE 0 END)", 'selected')
      .where('e.status = :status', { status: 'published' })
      .groupBy('c.id')
      .addGroupBy('c.name')
      .addGroupBy(column)
      .orderBy('c.name', 'ASC')
      .addOrderBy(column, 'ASC')
      .getRawMany<Record<string, unknown>>();
    const parsed = rows.map((r) => ({ company: String(r.company), key: String(r.key), attended: Number(r.attended), selected: Number(r.selected) }));
    if (by === 'year') return parsed;
    const companies = [...new Set(parsed.map((r) => r.company))];
    return companies.flatMap((company) =>
      branchTable(parsed.filter((r) => r.company === company).map((r) => ({ branch: r.key, attended: r.attended, selected: r.selected }))).map((b) => ({
        company,
        key: b.branch,
        attended: b.attended,
        selected: b.selected,
      })),
    );
  }

  /** Aggregate figures over every member's scored practice answers, never per member. */
  async practiceStats(): Promise<PracticeStats> {
    const mean = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));
    const scored = () =>
      this.dataSource
        .getRepository(PracticeAnswer)
        .createQueryBuilder('a')
        .innerJoin(PracticeSession, 's', 's.id = a.session_id')
        .where('a.state = :scored', { scored: 'scored' });
    const totals = scored()
      .select('COUNT(DISTINCT s.user_id)', 'students')
      .addSelect('COUNT(DISTINCT s.id)', 'sessions')
      .addSelect('COUNT(*)', 'answers')
      .addSelect('SUM(CASE WHEN a.recording_file IS NOT NULL THEN 1 ELSE 0 END)', 'spoken');
    for (const [name] of COMPONENTS) totals.addSelect(`AVG(a.${name}_score)`, `${name}Mean`).addSelect(`COUNT(a.${name}_score)`, `${name}Answers`);
    const t = (await totals.getRawOne<Record<string, string | number | null>>()) ?? {};
    const students = Number(t.students ?? 0);
    const enough = students >= PRACTICE_MIN_GROUP;
    const byTopic = enough
      ? await scored()
          .innerJoin(Question, 'q', 'q.id = a.question_id')
          .select('q.topic', 'topic')
          .addSelect('COUNT(DISTINCT s.user_id)', 'students')
          .addSelect('COUNT(*)', 'answers')
          .addSelect('AVG(a.content_score)', 'content')
          .addSelect('AVG(a.overall_score)', 'overall')
          .groupBy('q.topic')
          .getRawMany<Record<string, string | number | null>>()
      : [];
    const topics = byTopic
      .filter((r) => isTopic(r.topic) && Number(r.students) >= PRACTICE_MIN_GROUP)
      .map((r) => ({ slug: String(r.topic), label: topicLabel(String(r.topic)), students: Number(r.students), answers: Number(r.answers), content: mean(r.content), overall: mean(r.overall) }))
      .sort((a, b) => (a.content ?? 101) - (b.content ?? 101) || b.answers - a.answers);
    return {
      students,
      sessions: Number(t.sessions ?? 0),
      answers: Number(t.answers ?? 0),
      spoken: Number(t.spoken ?? 0),
      enough,
      components: enough ? COMPONENTS.map(([name, label]) => ({ name, label, mean: mean(t[`${name}Mean`]), answers: Number(t[`${name}Answers`] ?? 0) })) : [],
      topics,
      hiddenTopics: byTopic.length - topics.length,
    };
  }
}
