import { describe, expect, it } from 'vitest';
import { askedSummary, roundPhrase, yearsLabel } from './question-view.js';

describe('askedSummary', () => {
  it('says how often, where, when and in which rounds', () => {
    expect(askedSummary({ timesAsked: 7, companyName: 'Acme', firstYear: 2023, lastYear: 2025, roundKind: 'technical' })).toBe(
      'Asked 7 times at Acme, 2023–2025, in technical rounds',
    );
    expect(askedSummary({ timesAsked: 2, companyName: 'Acme', firstYear: 2024, lastYear: 2024, roundKind: 'hr' })).toBe('Asked twice at Acme, in 2024, in HR rounds');
    expect(askedSummary({ timesAsked: 1, companyName: 'Acme', firstYear: 2024, lastYear: 2024, roundKind: 'online-test' })).toBe(
      'Asked once at Acme, in 2024, in an online test',
    );
  });

  it('copes with a round kind it does not know', () => {
    expect(roundPhrase('assessment-centre', 3)).toBe('other rounds');
    expect(yearsLabel(2022, 2022)).toBe('2022');
  });
});
