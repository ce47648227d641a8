import { describe, expect, it } from 'vitest';
import { PROJECT_RULES, pluralOf, runProjectRules, singularOf } from './grammar-rules.js';
import { tokenize } from './text.js';

describe.each(PROJECT_RULES.map((r) => [r.id, r] as const))('project rule %s', (_id, rule) => {
  it.each(rule.examples.bad)('flags: %s', (sentence) => {
    const issues = rule.check(tokenize(sentence), sentence);
    expect(issues.length).toBeGreaterThan(0);
    for (const i of issues) {
      expect(i.end).toBeGreaterThan(i.start);
      expect(i.message).not.toBe('');
    }
  });
  it.each(rule.examples.good)('accepts: %s', (sentence) => {
    expect(rule.check(tokenize(sentence), sentence)).toEqual([]);
  });
});

describe('project rule suggestions', () => {
  const fix = (text: string) => {
    let out = text;
    for (const i of runProjectRules(text).reverse()) out = out.slice(0, i.start) + (i.suggestions[0] ?? '') + out.slice(i.end);
    return out;
  };
  it.each([
    ['There is many reasons for this.', 'There are many reasons for this.'],
    ['There are a problem with the build.', 'There is a problem with the build.'],
    ['Me and him was working on the project.', 'He and I were working on the project.'],
    ['My manager and me decided to rewrite it.', 'My manager and I decided to rewrite it.'],
    ['I learned how to handled the issue.', 'I learned how to handle the issue.'],
    ['We decided to stopped the release.', 'We decided to stop the release.'],
    ['Our clients was happy.', 'Our clients were happy.'],
    ['He does not goes there.', 'He does not go there.'],
    ['One of my friend is a doctor.', 'One of my friends is a doctor.'],
    ['I need some informations.', 'I need some information.'],
    ['Everyone have a laptop.', 'Everyone has a laptop.'],
    ['I am knowing the answer.', 'I know the answer.'],
    ['I have two years experience.', 'I have two years of experience.'],
    ['Please revert back to me.', 'Please revert to me.'],
    ['Less people came.', 'Fewer people came.'],
    ['I worked there for many year.', 'I worked there for many years.'],
  ])('%s → %s', (bad, good) => {
    expect(fix(bad)).toBe(good);
  });
});

describe('noun number helpers', () => {
  it('pluralises and singularises regular and irregular nouns', () => {
    expect(['friend', 'company', 'process', 'man', 'knife'].map(pluralOf)).toEqual(['friends', 'companies', 'processes', 'men', 'knives']);
    expect(['friends', 'companies', 'processes', 'people'].map(singularOf)).toEqual(['friend', 'company', 'process', 'person']);
  });
});
