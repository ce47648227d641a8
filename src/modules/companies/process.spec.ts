import { describe, expect, it } from 'vitest';
import { deriveProcess, describeProcess, roundKindLabel } from './process.js';

const OT = 'online-test';
const T = 'technical';
const HR = 'hr';
const M = 'managerial';

describe('deriveProcess', () => {
  it('returns an empty process for no input', () => {
    expect(deriveProcess([])).toEqual({ total: 0, common: null, positions: [], usual: [], medianLength: 0 });
    expect(describeProcess(deriveProcess([]))).toBeNull();
  });

  it('ignores experiences that list no rounds', () => {
    const process = deriveProcess([[], [OT, T], []]);
    expect(process.total).toBe(1);
    expect(process.common).toEqual({ sequence: [OT, T], count: 1, share: 1 });
    expect(deriveProcess([[], []]).common).toBeNull();
  });

  it('finds the most common full sequence and its share', () => {
    const process = deriveProcess([
      [OT, T, T, HR],
      [OT, T, T, HR],
      [OT, T, HR],
      [OT, T, T, HR],
      [T, HR],
    ]);
    expect(process.total).toBe(5);
    expect(process.common).toEqual({ sequence: [OT, T, T, HR], count: 3, share: 0.6 });
    expect(describeProcess(process)).toBe('60% of 5 experiences: Online test → Technical → Technical → HR');
  });

  it('gives per-position kind shares relative to the experiences that reached the position', () => {
    const process = deriveProcess([
      [OT, T, HR],
      [OT, T],
      [T, M, HR, HR],
      [OT],
    ]);
    expect(process.positions.map((p) => p.reached)).toEqual([4, 3, 2, 1]);
    expect(process.positions[0]).toEqual({
      position: 1,
      reached: 4,
      reachedShare: 1,
      kinds: [
        { kind: OT, count: 3, share: 0.75 },
        { kind: T, count: 1, share: 0.25 },
      ],
    });
    expect(process.positions[1]!.kinds).toEqual([
      { kind: T, count: 2, share: 2 / 3 },
      { kind: M, count: 1, share: 1 / 3 },
    ]);
    expect(process.positions[3]).toMatchObject({ position: 4, reached: 1, reachedShare: 0.25, kinds: [{ kind: HR, count: 1, share: 1 }] });
    // Lengths 1, 2, 3, 4: the lower median (2) bounds the usual path.
    expect(process.medianLength).toBe(2);
    expect(process.usual).toEqual([OT, T]);
  });

  it('breaks a tie between sequences towards the one that agrees most with the others', () => {
    // [OT, T, HR] and [T, T] both occur twice; OT opens 3 of 5 processes, so the first one wins.
    const process = deriveProcess([
      [T, T],
      [OT, T, HR],
      [T, T],
      [OT, T, HR],
      [OT, M],
    ]);
    expect(process.common).toEqual({ sequence: [OT, T, HR], count: 2, share: 0.4 });
  });

  it('breaks a complete tie alphabetically, so the result never depends on input order', () => {
    const a = deriveProcess([[HR], [T]]);
    const b = deriveProcess([[T], [HR]]);
    expect(a).toEqual(b);
    expect(a.common!.sequence).toEqual([HR]);
    expect(a.positions[0]!.kinds.map((k) => k.kind)).toEqual([HR, T]);
  });

  it('handles a single experience and says "experience" in the singular', () => {
    const process = deriveProcess([[OT, HR]]);
    expect(process.usual).toEqual([OT, HR]);
    expect(describeProcess(process)).toBe('100% of 1 experience: Online test → HR');
  });
});

describe('roundKindLabel', () => {
  it('labels known kinds and passes unknown ones through', () => {
    expect(roundKindLabel('group-discussion')).toBe('Group discussion');
    expect(roundKindLabel('hr')).toBe('HR');
    expect(roundKindLabel('assessment-centre')).toBe('assessment-centre');
  });
});
