import { roundKindLabel } from '../experiences/entities/round.entity.js';
/**
 * The "typical recruitment process" of a company, derived from the ordered round kinds of its
 * published experiences. Pure, so it is unit-tested on small inputs and reusable by statistics code.
 */

export interface KindShare {
  kind: string;
  count: number;
  /** count / the number of experiences that reached this position (0..1). */
  share: number;
}

export interface ProcessStep {
  /** 1-based round number. */
  position: number;
  /** How many experiences had at least this many rounds. */
  reached: number;
  /** reached / total (0..1): how often a process goes this far. */
  reachedShare: number;
  /** Most frequent kind first. */
  kinds: KindShare[];
}

export interface CommonSequence {
  sequence: string[];
  count: number;
  /** count / total (0..1). */
  share: number;
}

export interface DerivedProcess {
  /** Experiences that described at least one round; the denominator of every share. */
  total: number;
  /** The most frequent complete sequence, or null when there is nothing to go on. */
  common: CommonSequence | null;
  /** Per round number, which kinds appear there and how often. */
  positions: ProcessStep[];
  /**
   * The most frequent kind at each position, up to the median number of rounds: a fallback summary
   * when no single complete sequence is shared by several experiences.
   */
  usual: string[];
  medianLength: number;
}

const byCountThenName = (a: { count: number; key: string }, b: { count: number; key: string }) =>
  b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function deriveProcess(sequences: readonly (readonly string[])[]): DerivedProcess {
  // An experience without rounds says nothing about the process, so it does not dilute the shares.
  const described = sequences.filter((s) => s.length > 0);
  const total = described.length;
  if (total === 0) return { total: 0, common: null, positions: [], usual: [], medianLength: 0 };

  const longest = Math.max(...described.map((s) => s.length));
  const positions: ProcessStep[] = [];
  for (let i = 0; i < longest; i++) {
    const counts = new Map<string, number>();
    let reached = 0;
    for (const s of described) {
      if (i >= s.length) continue;
      reached += 1;
      counts.set(s[i]!, (counts.get(s[i]!) ?? 0) + 1);
    }
    const kinds = [...counts.entries()]
      .map(([key, count]) => ({ key, count }))
      .sort(byCountThenName)
      .map(({ key, count }) => ({ kind: key, count, share: count / reached }));
    positions.push({ position: i + 1, reached, reachedShare: reached / total, kinds });
  }

  // How much a sequence agrees, step by step, with everybody else's: breaks ties between equally
  // frequent sequences in favour of the one most representative of the whole set.
  const agreement = (sequence: readonly string[]) =>
    sequence.reduce((sum, kind, i) => sum + (positions[i]!.kinds.find((k) => k.kind === kind)?.count ?? 0), 0);

  const tally = new Map<string, { sequence: readonly string[]; count: number }>();
  for (const s of described) {
    const key = s.join('\u0000');
    const entry = tally.get(key);
    if (entry) entry.count += 1;
    else tally.set(key, { sequence: s, count: 1 });
  }
  const ranked = [...tally.entries()]
    .map(([key, { sequence, count }]) => ({ key, sequence, count, agreement: agreement(sequence) }))
    .sort((a, b) => b.count - a.count || b.agreement - a.agreement || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const top = ranked[0]!;

  const lengths = described.map((s) => s.length).sort((a, b) => a - b);
  const middle = Math.floor(lengths.length / 2);
  // The lower median for an even count: a "usual" process should not invent a round most lack.
  const medianLength = lengths.length % 2 === 1 ? lengths[middle]! : lengths[middle - 1]!;
  const usual = positions.slice(0, medianLength).map((p) => p.kinds[0]!.kind);

  return {
    total,
    common: { sequence: [...top.sequence], count: top.count, share: top.count / total },
    positions,
    usual,
    medianLength,
  };
}

export { roundKindLabel } from '../experiences/entities/round.entity.js';

/** "62% of 13 experiences: Online test → Technical → Technical → HR" */
export function describeProcess(process: DerivedProcess): string | null {
  if (!process.common) return null;
  const percent = Math.round(process.common.share * 100);
  const noun = process.total === 1 ? 'experience' : 'experiences';
  return `${percent}% of ${process.total} ${noun}: ${process.common.sequence.map(roundKindLabel).join(' → ')}`;
}
