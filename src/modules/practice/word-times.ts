/**
 * Where in the recording a stretch of the checked transcript was said, so the report can play a
 * filler word from the recording. The recogniser gave times for its own words; the member may have
 * corrected the text since (often adding the "um"s recognisers leave out). The checked text's words
 * are aligned to the recognised ones (longest common subsequence, case-insensitive); a word without
 * a partner gets a time interpolated between its aligned neighbours.
 */

/** A recognised word and its times in ms, as stored with the answer. */
export type TimedWord = [word: string, startMs: number, endMs: number];

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const norm = (w: string) => w.toLowerCase().replace(/’/g, "'");

/**
 * For each char offset in `offsets`, the time (ms) in the recording where the checked-text word
 * starting there was said; null where no word starts at that offset or nothing could be aligned.
 */
export function timesAt(text: string, recognised: readonly TimedWord[], offsets: readonly number[]): Array<number | null> {
  const tokens = [...text.matchAll(WORD_RE)].map((m) => ({ word: norm(m[0]), start: m.index }));
  if (tokens.length === 0 || recognised.length === 0) return offsets.map(() => null);
  const words = recognised.map(([w]) => norm(w));
  // LCS table over tokens × recognised words (a 3-minute answer: ≈ 500 × 500).
  const n = tokens.length;
  const m = words.length;
  const table = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      table[i]![j] = tokens[i]!.word === words[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  const partner = new Array<number | null>(n).fill(null);
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (tokens[i]!.word === words[j]) partner[i++] = j++;
    else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  if (partner.every((p) => p === null)) return offsets.map(() => null);

  const timeOf = (i: number): number => {
    if (partner[i] !== null) return recognised[partner[i]!]![1];
    let before = i - 1;
    while (before >= 0 && partner[before] === null) before--;
    let after = i + 1;
    while (after < n && partner[after] === null) after++;
    const from = before >= 0 ? recognised[partner[before]!]![2] : recognised[partner[after]!]![1];
    const to = after < n ? recognised[partner[after]!]![1] : recognised[partner[before]!]![2];
    // Evenly spaced between the neighbours' times, by position among the unaligned words.
    return Math.round(from + ((to - from) * (i - before)) / (after - before));
  };
  const index = new Map(tokens.map((t, i) => [t.start, i]));
  return offsets.map((o) => (index.has(o) ? timeOf(index.get(o)!) : null));
}
