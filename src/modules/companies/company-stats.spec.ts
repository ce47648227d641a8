import { describe, expect, it } from 'vitest';
import { normalizeQuestion } from '../questions/question-text.js';
import { BRANCH_MIN_GROUP, branchTable, outcomeShares, topicRows, wordCloud, yearChart, yearTrend } from './company-stats.js';

const years = [
  { year: 2025, outcome: 'selected', count: 3 },
  { year: 2024, outcome: 'rejected', count: 4 },
  { year: 2025, outcome: 'rejected', count: 1 },
  { year: 2024, outcome: 'selected', count: 1 },
  { year: 2026, outcome: 'pending', count: 2 },
];

describe('company statistics', () => {
  it('adds up experiences and selections per year, oldest first', () => {
    expect(yearTrend(years)).toEqual([
      { year: 2024, attended: 5, selected: 1, rate: 0.2 },
      { year: 2025, attended: 4, selected: 3, rate: 0.75 },
      { year: 2026, attended: 2, selected: 0, rate: 0 },
    ]);
  });

  it('gives each reported outcome its share, in the form’s order', () => {
    expect(outcomeShares(years)).toEqual([
      { outcome: 'selected', label: 'Selected', count: 4, share: 4 / 11, pct: 36 },
      { outcome: 'rejected', label: 'Not selected', count: 5, share: 5 / 11, pct: 45 },
      { outcome: 'pending', label: 'Result pending', count: 2, share: 2 / 11, pct: 18 },
    ]);
  });

  it(`merges branches with fewer than ${BRANCH_MIN_GROUP} experiences, and hides them when even together they are fewer`, () => {
    const rows = [
      { branch: 'Mechanical', attended: 2, selected: 1 },
      { branch: 'Computer Science', attended: 12, selected: 3 },
      { branch: 'Civil', attended: 3, selected: 0 },
      { branch: 'Electronics', attended: 5, selected: 5 },
    ];
    expect(branchTable(rows)).toEqual([
      { branch: 'Computer Science', attended: 12, selected: 3, rate: 0.25 },
      { branch: 'Electronics', attended: 5, selected: 5, rate: 1 },
      { branch: 'Other branches', attended: 5, selected: 1, rate: 0.2, merged: 2 },
    ]);
    // One anonymous mechanical engineer is not "Other branches: 1 of 1 selected".
    expect(branchTable([rows[1]!, { branch: 'Mechanical', attended: 1, selected: 1 }])).toEqual([{ branch: 'Computer Science', attended: 12, selected: 3, rate: 0.25 }]);
    expect(branchTable([])).toEqual([]);
  });

  it('orders topics by how often their questions were asked', () => {
    expect(topicRows([{ topic: 'os', questions: 2, asked: 3 }, { topic: 'dsa', questions: 4, asked: 9 }]).map((t) => [t.label, t.pct])).toEqual([
      ['Data structures & algorithms', 75],
      ['Operating systems', 25],
    ]);
  });

  it('draws the word cloud from what questions are about, weighted by times asked, without framing words or the company name', () => {
    const q = (text: string, timesAsked: number) => ({ normalizedText: normalizeQuestion(text), timesAsked });
    const cloud = wordCloud(
      [q('Explain the difference between a process and a thread.', 6), q('Write a program to reverse a linked list.', 3), q('Why Acme Systems? What is a thread pool?', 1)],
      'Acme Systems',
    );
    const words = cloud.map((w) => w.word);
    expect(words).toEqual([...words].sort());
    expect(words).toEqual(expect.arrayContaining(['thread', 'process', 'reverse', 'linked', 'list', 'pool']));
    for (const framing of ['explain', 'difference', 'between', 'write', 'program', 'acme', 'systems', 'what']) expect(words).not.toContain(framing);
    const weight = Object.fromEntries(cloud.map((w) => [w.word, w]));
    expect(weight.thread).toMatchObject({ weight: 7, size: 6 });
    expect(weight.pool).toMatchObject({ weight: 1, size: 1 });
    expect(weight.process!.size).toBeGreaterThan(weight.reverse!.size);
    expect(wordCloud([])).toEqual([]);
  });

  it('charts two or more years, bars scaled to the busiest', () => {
    expect(yearChart(yearTrend(years.slice(0, 1)))).toBeNull();
    const chart = yearChart(yearTrend(years))!;
    expect(chart.width).toBe(3 * 40 + 8);
    expect(chart.bars.map((b) => [b.year, b.attendedH, b.selectedH])).toEqual([
      [2024, 100, 20],
      [2025, 80, 60],
      [2026, 40, 0],
    ]);
    expect(chart.bars[0]).toMatchObject({ attendedY: 10, selectedY: 90 });
  });
});
