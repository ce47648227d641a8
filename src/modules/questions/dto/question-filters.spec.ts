import { describe, expect, it } from 'vitest';
import { filterQuery, parseQuestionFilters } from './question-filters.js';

describe('parseQuestionFilters', () => {
  it('reads known values and trims text', () => {
    expect(parseQuestionFilters({ company: 'Acme-Systems', topic: 'dbms', round: 'hr', role: ' SDE Intern ', q: ' joins ', page: '3' })).toEqual({
      companySlug: 'acme-systems',
      topic: 'dbms',
      roundKind: 'hr',
      role: 'SDE Intern',
      q: 'joins',
      page: 3,
      perPage: 30,
    });
  });

  it('ignores unknown or malformed values instead of failing', () => {
    expect(parseQuestionFilters({ company: '../etc', topic: 'cooking', round: 'lunch', page: '-2', q: ['first', 'second'] })).toEqual({ q: 'first', page: 1, perPage: 30 });
    expect(parseQuestionFilters({ page: '999999' }).page).toBe(1000);
  });

  it('lets the API choose a page size within limits', () => {
    expect(parseQuestionFilters({ perPage: '5' }, { perPage: true }).perPage).toBe(5);
    expect(parseQuestionFilters({ perPage: '5000' }, { perPage: true }).perPage).toBe(100);
    expect(parseQuestionFilters({ perPage: '5' }).perPage).toBe(30);
  });
});

describe('filterQuery', () => {
  it('keeps the filters for pagination links, with the company only where it is a filter', () => {
    const filters = parseQuestionFilters({ company: 'acme', topic: 'dsa', q: 'linked list' });
    expect(filterQuery(filters, { includeCompany: true })).toBe('company=acme&topic=dsa&q=linked+list&');
    expect(filterQuery(filters, { includeCompany: false })).toBe('topic=dsa&q=linked+list&');
    expect(filterQuery(parseQuestionFilters({}), { includeCompany: true })).toBe('');
  });
});
