import { OUTCOMES, type Outcome } from '../experiences/entities/experience.entity.js';
import { subjectWords } from '../questions/question-text.js';
import { topicLabel } from '../questions/topics.js';

/**
 * A company's statistics page from its published experiences and harvested questions: pure
 * functions from the aggregates the repository returns to what the page shows.
 */

/**
 * Branches with fewer experiences than this are shown together as "Other branches": a branch with
 * one or two posts would tell readers how those students (anonymous ones included) did.
 */
export const BRANCH_MIN_GROUP = 5;
/** Words in the cloud, most frequent first. */
export const CLOUD_WORDS = 40;
/** Questions the cloud is drawn from, most asked first: enough to settle its 40 words, few enough to stay cheap. */
export const CLOUD_QUESTIONS = 500;
/** Font-size steps of the cloud (classes cloud-1 … cloud-6). */
const CLOUD_STEPS = 6;

export const OUTCOME_LABELS: Record<Outcome, string> = { selected: 'Selected', rejected: 'Not selected', pending: 'Result pending', withdrew: 'Withdrew' };

/** Published experiences of one interview year, outcome and branch (the repository's outcomeGroups). */
export interface OutcomeGroup {
  year: number;
  outcome: string;
  branch: string;
  count: number;
  difficultySum: number;
}

export interface CompanySummary {
  experiences: number;
  selected: number;
  selectionRate: number;
  /** One decimal, or null without experiences. */
  averageDifficulty: number | null;
  firstYear: number | null;
  lastYear: number | null;
}

/** The headline figures of a company page. */
export function summaryOf(groups: readonly OutcomeGroup[]): CompanySummary {
  let experiences = 0;
  let selected = 0;
  let difficulty = 0;
  for (const g of groups) {
    experiences += g.count;
    difficulty += g.difficultySum;
    if (g.outcome === 'selected') selected += g.count;
  }
  const years = groups.map((g) => g.year);
  return {
    experiences,
    selected,
    selectionRate: experiences ? selected / experiences : 0,
    averageDifficulty: experiences ? Math.round((difficulty / experiences) * 10) / 10 : null,
    firstYear: years.length ? Math.min(...years) : null,
    lastYear: years.length ? Math.max(...years) : null,
  };
}

/** Experiences and selections per branch, in no particular order (branchTable sorts and merges). */
export function byBranch(groups: readonly OutcomeGroup[]): Array<{ branch: string; attended: number; selected: number }> {
  const rows = new Map<string, { branch: string; attended: number; selected: number }>();
  for (const g of groups) {
    const row = rows.get(g.branch) ?? { branch: g.branch, attended: 0, selected: 0 };
    row.attended += g.count;
    if (g.outcome === 'selected') row.selected += g.count;
    rows.set(g.branch, row);
  }
  return [...rows.values()];
}

export interface YearRow {
  year: number;
  attended: number;
  selected: number;
  rate: number;
}

/** Experiences and selections per interview year, oldest first. */
export function yearTrend(rows: ReadonlyArray<{ year: number; outcome: string; count: number }>): YearRow[] {
  const byYear = new Map<number, YearRow>();
  for (const r of rows) {
    const row = byYear.get(r.year) ?? { year: r.year, attended: 0, selected: 0, rate: 0 };
    row.attended += r.count;
    if (r.outcome === 'selected') row.selected += r.count;
    byYear.set(r.year, row);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year).map((r) => ({ ...r, rate: r.attended ? r.selected / r.attended : 0 }));
}

/** Each outcome's count and share, in the form's order, leaving out outcomes nobody reported. */
export function outcomeShares(rows: ReadonlyArray<{ outcome: string; count: number }>): Array<{ outcome: Outcome; label: string; count: number; share: number; pct: number }> {
  const total = rows.reduce((s, r) => s + r.count, 0);
  return OUTCOMES.map((outcome) => {
    const count = rows.filter((r) => r.outcome === outcome).reduce((s, r) => s + r.count, 0);
    const share = total ? count / total : 0;
    return { outcome, label: OUTCOME_LABELS[outcome], count, share, pct: Math.round(share * 100) };
  }).filter((o) => o.count > 0);
}

export interface BranchRow {
  branch: string;
  attended: number;
  selected: number;
  rate: number;
  /** For the "Other branches" row: how many branches it stands for. */
  merged?: number;
}

/** Branches by experiences, most first; those below BRANCH_MIN_GROUP merged into one last row. */
export function branchTable(rows: ReadonlyArray<{ branch: string; attended: number; selected: number }>, minGroup = BRANCH_MIN_GROUP): BranchRow[] {
  const withRate = (r: { branch: string; attended: number; selected: number }) => ({ ...r, rate: r.attended ? r.selected / r.attended : 0 });
  const shown = rows.filter((r) => r.attended >= minGroup).sort((a, b) => b.attended - a.attended || a.branch.localeCompare(b.branch)).map(withRate);
  const small = rows.filter((r) => r.attended < minGroup);
  if (small.length === 0) return shown;
  const other = { branch: 'Other branches', attended: 0, selected: 0 };
  for (const r of small) {
    other.attended += r.attended;
    other.selected += r.selected;
  }
  // Even merged, a handful of posts says too much about each.
  if (other.attended < minGroup) return shown;
  return [...shown, { ...withRate(other), merged: small.length }];
}

/** Topics of the company's questions, most asked first. */
export function topicRows(rows: ReadonlyArray<{ topic: string; questions: number; asked: number }>): Array<{ slug: string; label: string; questions: number; asked: number; share: number; pct: number }> {
  const total = rows.reduce((s, r) => s + r.asked, 0);
  return [...rows]
    .sort((a, b) => b.asked - a.asked || a.topic.localeCompare(b.topic))
    .map((r) => {
      const share = total ? r.asked / total : 0;
      return { slug: r.topic, label: topicLabel(r.topic), questions: r.questions, asked: r.asked, share, pct: Math.round(share * 100) };
    });
}

export interface CloudWord {
  word: string;
  /** Times asked, summed over the questions containing the word. */
  weight: number;
  /** 1 (smallest) … CLOUD_STEPS, on a square-root scale so a few very common words do not flatten the rest. */
  size: number;
}

/** Words common to questions on any subject, which would crowd a cloud without saying what was asked. */
const CLOUD_IGNORE = new Set(
  `add another best between case cases check day days difference different double first five four good just like make many
  more most much need new one ones real same second three thing things time times two type types want way ways whether
  work year years`.split(/\s+/),
);

/**
 * The words the company's questions are about, weighted by how often each question was asked, in
 * alphabetical order (as word clouds are read) with a size step each. Words of the company's own
 * name are left out.
 */
export function wordCloud(questions: ReadonlyArray<{ normalizedText: string; timesAsked: number }>, companyName = '', max = CLOUD_WORDS): CloudWord[] {
  const own = new Set(companyName.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  const weights = new Map<string, number>();
  for (const q of questions) {
    for (const word of new Set(subjectWords(q.normalizedText))) {
      if (CLOUD_IGNORE.has(word) || own.has(word)) continue;
      weights.set(word, (weights.get(word) ?? 0) + Math.max(1, q.timesAsked));
    }
  }
  const top = [...weights.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, max);
  if (top.length === 0) return [];
  const hi = Math.sqrt(top[0]![1]);
  const lo = Math.sqrt(top[top.length - 1]![1]);
  return top
    .map(([word, weight]) => ({ word, weight, size: hi === lo ? CLOUD_STEPS / 2 : 1 + Math.round(((Math.sqrt(weight) - lo) / (hi - lo)) * (CLOUD_STEPS - 1)) }))
    .sort((a, b) => a.word.localeCompare(b.word));
}

/** Bar chart geometry for the yearly trend: bars 28 wide on a 40 pitch, heights scaled to the busiest year (100 px). */
export function yearChart(years: readonly YearRow[]) {
  if (years.length < 2) return null;
  const peak = Math.max(...years.map((y) => y.attended));
  const h = (n: number) => Math.round((n / peak) * 100);
  return {
    width: years.length * 40 + 8,
    bars: years.map((y, i) => ({
      ...y,
      x: 8 + i * 40,
      labelX: 22 + i * 40,
      attendedY: 110 - h(y.attended),
      attendedH: h(y.attended),
      selectedY: 110 - h(y.selected),
      selectedH: h(y.selected),
    })),
  };
}
