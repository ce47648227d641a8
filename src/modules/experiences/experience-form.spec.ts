import { describe, expect, it } from 'vitest';
import { forValidation, readForm, roundErrors, withRoundBlocks } from './experience-form.js';

describe('experience form values', () => {
  const body = {
    companyName: 'Kestrel Systems',
    anonymous: 'on',
    rounds: [
      { kind: 'technical', title: 'Tech 1', questions: 'Reverse a linked list', durationMinutes: '45' },
      { kind: 'hr', title: '', questions: '', notes: '' },
      { kind: 'hr', title: 'HR', questions: 'Why us?', remove: 'on' },
      { kind: 'hr', title: 'x', questions: 'Tell me about yourself' },
    ],
  };

  it('reads rounds in order, drops removed ones and keeps blank blocks for re-rendering', () => {
    const values = readForm(body);
    expect(values.anonymous).toBe(true);
    expect(values.rounds.map((r) => r.title)).toEqual(['Tech 1', '', 'x']);
    expect((forValidation(values).rounds as unknown[]).length).toBe(2);
  });

  it('maps nested validation errors back to the form block they came from', () => {
    const values = readForm(body);
    const perBlock = roundErrors(values, { 'rounds.1.title': 'too short', companyName: 'x' });
    expect(perBlock).toEqual([{}, {}, { title: 'too short' }]);
  });

  it('pads the form with empty round blocks and honours "add round"', () => {
    expect(withRoundBlocks(readForm({})).rounds).toHaveLength(3);
    expect(withRoundBlocks(readForm(body), 1).rounds).toHaveLength(4);
  });

  it('accepts the rounds as an object map, as some encoders send them', () => {
    expect(readForm({ rounds: { 0: { title: 'a' }, 1: { title: 'b' } } }).rounds.map((r) => r.title)).toEqual(['a', 'b']);
  });
});
