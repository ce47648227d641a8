import { describe, expect, it } from 'vitest';
import { representativeWording, summariseSources, type SourceFacts } from './question-stats.js';

const source = (overrides: Partial<SourceFacts>): SourceFacts => ({
  experienceId: 1,
  year: 2024,
  originalText: 'Reverse a linked list.',
  roundKind: 'technical',
  role: 'SDE Intern',
  difficulty: 3,
  ...overrides,
});

describe('summariseSources', () => {
  it('counts experiences, spans years, averages difficulty per experience and takes the common role and round', () => {
    const figures = summariseSources([
      source({ experienceId: 1, year: 2023, difficulty: 2, role: 'SDE Intern' }),
      // Asked twice in one interview: counted once, and its difficulty once.
      source({ experienceId: 1, year: 2023, difficulty: 2, role: 'SDE Intern', roundKind: 'online-test', originalText: 'Reverse a linked list iteratively' }),
      source({ experienceId: 2, year: 2025, difficulty: 5, role: 'sde intern ', originalText: 'How do you reverse a singly linked list?' }),
      source({ experienceId: 3, year: 2024, difficulty: 4, role: 'Backend Engineer', originalText: 'Reverse a linked list.' }),
    ]);
    expect(figures).toEqual({
      text: 'Reverse a linked list.',
      normalizedText: 'reverse a linked list',
      role: 'SDE Intern',
      roundKind: 'technical',
      topic: 'dsa',
      difficulty: 3.7,
      timesAsked: 3,
      firstYear: 2023,
      lastYear: 2025,
    });
  });

  it('tags the topic in the light of the round', () => {
    expect(summariseSources([source({ originalText: 'Why Kestrel?', roundKind: 'hr' })])?.topic).toBe('hr');
  });

  it('has nothing to say about a question without sources', () => {
    expect(summariseSources([])).toBeNull();
  });
});

describe('representativeWording', () => {
  it('prefers the most used wording, keeping its commonest spelling', () => {
    expect(representativeWording(['What is a deadlock?', 'what is deadlock', 'What is a deadlock?', 'What is a Deadlock'])).toEqual({
      text: 'What is a deadlock?',
      normalized: 'what is a deadlock',
    });
  });

  it('among equally used wordings, picks the one closest to the others, then the shortest', () => {
    const pick = representativeWording([
      'What are setup time and hold time? Draw the timing diagram.',
      'Explain setup and hold time with a diagram.',
      'Explain setup and hold time.',
    ]);
    expect(pick.text).toBe('Explain setup and hold time with a diagram.');
    expect(representativeWording(['How do you reverse a singly linked list?', 'Reverse a linked list.']).text).toBe('Reverse a linked list.');
  });
});
