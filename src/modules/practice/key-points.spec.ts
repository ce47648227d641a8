import { describe, expect, it } from 'vitest';
import { keyPointsFromNotes, MAX_KEY_POINTS } from './key-points.js';

describe('keyPointsFromNotes', () => {
  it("keeps what interviewers asked for about this question's subject, not the format or the mood", () => {
    expect(
      keyPointsFromNotes(
        [
          'Shared code editor, had to write working code and dry run it. Interviewer asked for an iterative linked list reversal too.',
          'Very friendly, more like a conversation about linked lists.',
          'Two problems, full working code expected.',
        ],
        'Reverse a linked list.',
      ),
    ).toEqual(['Interviewer asked for an iterative linked list reversal too.']);
  });

  it('leaves out a note about another question of the same round', () => {
    const notes = ['They asked how to prevent a deadlock. They expected the normal forms up to BCNF.'];
    expect(keyPointsFromNotes(notes, 'What is a deadlock?')).toEqual(['They asked how to prevent a deadlock.']);
    expect(keyPointsFromNotes(notes, 'Explain normalization with normal forms.')).toEqual(['They expected the normal forms up to BCNF.']);
  });

  it('drops repeats across experiences and stops at the cap', () => {
    const note = 'They asked about sorting stability.';
    expect(keyPointsFromNotes([note, note.toUpperCase()], 'Sort an array, is your sorting stable?')).toEqual([note]);
    const many = Array.from({ length: 9 }, (_, i) => `They asked about sorting case ${i}.`).join(' ');
    expect(keyPointsFromNotes([many], 'Sorting')).toHaveLength(MAX_KEY_POINTS);
    expect(keyPointsFromNotes([], 'Anything')).toEqual([]);
  });
});
