import { describe, expect, it } from 'vitest';
import { keyPointsFromNotes, MAX_KEY_POINTS } from './key-points.js';

describe('keyPointsFromNotes', () => {
  it('keeps what interviewers asked for or expected, not the format or the mood', () => {
    expect(
      keyPointsFromNotes(
        [
          'Shared code editor, had to write working code and dry run it. Interviewer asked for time and space complexity for each.',
          'Very friendly, more like a conversation.',
          'Mostly theory. They wanted real examples from my project.',
        ],
        'Reverse a linked list.',
      ),
    ).toEqual(['Shared code editor, had to write working code and dry run it.', 'Interviewer asked for time and space complexity for each.', 'They wanted real examples from my project.']);
  });

  it("leaves out a note about another question of the same round, keeps one about this question's subject", () => {
    const notes = ['They asked how to prevent a deadlock. They expected the normal forms up to BCNF.'];
    expect(keyPointsFromNotes(notes, 'What is a deadlock?')).toEqual(['They asked how to prevent a deadlock.']);
    expect(keyPointsFromNotes(notes, 'Explain normalization with normal forms.')).toEqual(['They expected the normal forms up to BCNF.']);
  });

  it('drops repeats across experiences and stops at the cap', () => {
    const note = 'They asked about the complexity.';
    expect(keyPointsFromNotes([note, note.toUpperCase()], 'Sort an array')).toEqual([note]);
    const many = Array.from({ length: 9 }, (_, i) => `They asked about example number ${i}.`).join(' ');
    expect(keyPointsFromNotes([many], 'Anything')).toHaveLength(MAX_KEY_POINTS);
    expect(keyPointsFromNotes([], 'Anything')).toEqual([]);
  });
});
