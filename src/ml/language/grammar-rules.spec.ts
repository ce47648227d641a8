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

describe('learner phrases (harper rules replaced by project phrases)', () => {
  const fixFirst = (text: string) => {
    const issues = runProjectRules(text);
    let out = text;
    for (const i of [...issues].reverse()) out = out.slice(0, i.start) + (i.suggestions[0] ?? '') + out.slice(i.end);
    return { out, rules: issues.map((i) => i.rule) };
  };
  it.each([
    ['aware-of', 'I was not aware about the deadline.', 'I was not aware of the deadline.'],
    ['make-mistake', 'I did a silly mistake in the query.', 'I made a silly mistake in the query.'],
    ['make-mistake', 'Everyone does mistakes.', 'Everyone makes mistakes.'],
    ['discuss-about', 'We discussed about the design.', 'We discussed the design.'],
    ['interested-in', 'I am interested on backend work.', 'I am interested in backend work.'],
    ['supposed-to', "I'm suppose to lead the team.", "I'm supposed to lead the team."],
    ['passionate-about', 'I am passionate of data.', 'I am passionate about data.'],
    ['inspired-by', 'I was inspired from my mentor.', 'I was inspired by my mentor.'],
    ['in-detail', 'Let me explain it in details.', 'Let me explain it in detail.'],
    ['responsibility-for', 'I took full responsibility of the outage.', 'I took full responsibility for the outage.'],
    ['raise-question', 'She rose a question about cost.', 'She raised a question about cost.'],
    ['how-looks-like', 'I showed them how it looks like.', 'I showed them how it looks.'],
    ['unless-if', 'It fails unless if we retry.', 'It fails unless we retry.'],
    ['except-for', 'All passed except of one test.', 'All passed except for one test.'],
    ['friend-of-mine', 'A friend of me referred me.', 'A friend of mine referred me.'],
    ['similar-to', 'It is similar like Kafka.', 'It is similar to Kafka.'],
    ['comprise-of', 'The team comprises of five people.', 'The team comprises five people.'],
    ['make-sense', 'It makes senses now.', 'It makes sense now.'],
    ['paid', 'They payed us late.', 'They paid us late.'],
    ['whole-entire', 'The whole entire team stayed.', 'The whole team stayed.'],
    ['quite-a-few', 'We had quite many bugs.', 'We had quite a few bugs.'],
    ['look-forward-to', 'I look forward for your reply.', 'I look forward to your reply.'],
    ['take-control-of', 'I took control over the release.', 'I took control of the release.'],
    ['take-pride-in', 'I take pride of my code.', 'I take pride in my code.'],
    ['difference-between', 'I know the different between them.', 'I know the difference between them.'],
    ['well-known', 'It is a very known company.', 'It is a well known company.'],
    ['win-prize', 'We won the first price.', 'We won the first prize.'],
    ['wish-could', 'I wish I can go back.', 'I wish I could go back.'],
    ['await-for', 'We awaited for approval.', 'We awaited approval.'],
    ['commitment-to', 'My commitment towards quality helped.', 'My commitment to quality helped.'],
    ['invest-in', 'We invested into testing.', 'We invested in testing.'],
    ['used-to', 'I am use to night shifts.', 'I am used to night shifts.'],
    ['impressed-by', 'I was impressed of the design.', 'I was impressed by the design.'],
    ['in-need-of', 'The code was in need for tests.', 'The code was in need of tests.'],
    ['jealous-of', 'Nobody was jealous on him.', 'Nobody was jealous of him.'],
    ['fascinated-by', 'I am fascinated from compilers.', 'I am fascinated by compilers.'],
    ['a-hard-time', 'I had hard time with it.', 'I had a hard time with it.'],
    ['no-longer', 'The bug is not longer there.', 'The bug is no longer there.'],
    ['not-only', 'It is no only fast but cheap.', 'It is not only fast but cheap.'],
    ['be-worried', 'I was worry about the deadline.', 'I was worried about the deadline.'],
    ['combine', 'We combinated both ideas.', 'We combined both ideas.'],
    ['more-better', 'This is more better.', 'This is better.'],
    ['worse-than', 'It was worst than before.', 'It was worse than before.'],
    ['get-rid-of', 'We got rid off the cache.', 'We got rid of the cache.'],
    ['most-optimal', 'It is the most optimal way.', 'It is the optimal way.'],
    ['yesterday-night', 'I fixed it yesterday night.', 'I fixed it last night.'],
    ['level-of-detail', 'It needs a high level of details.', 'It needs a high level of detail.'],
    ['reason-for', 'The reason of doing this was cost.', 'The reason for doing this was cost.'],
    ['take-care-of', 'I take care about the servers.', 'I take care of the servers.'],
    ['curious-about', 'I am curious of compilers.', 'I am curious about compilers.'],
    ['aspire-to', 'I aspire for a leadership role.', 'I aspire to a leadership role.'],
    ['instead-of', 'I used Python in stead of Java.', 'I used Python instead of Java.'],
    ['in-any-way', 'It is not in anyway related.', 'It is not in any way related.'],
    ['same-as', 'It is the same then before.', 'It is the same as before.'],
    ['look-at', 'Take a look to the logs.', 'Take a look at the logs.'],
    ['as-follows', 'The steps are as follow: build, test.', 'The steps are as follows: build, test.'],
    ['thanks-a-lot', 'Thanks lot for your help.', 'Thanks a lot for your help.'],
    ['rely-on', 'I will relay on my team.', 'I will rely on my team.'],
    ['code-in', 'I wrote the code on Java.', 'I wrote the code in Java.'],
    ['each-and-every-one', 'I thank each and everyone of you.', 'I thank each and every one of you.'],
    ['like-as-if', 'It felt like as if we failed.', 'It felt as if we failed.'],
    ['know-of', 'I did not know off any tool.', 'I did not know of any tool.'],
    ['today-night', 'I will deploy today night.', 'I will deploy tonight.'],
  ])('%s: %s', (rule, bad, good) => {
    const { out, rules } = fixFirst(bad);
    expect(rules).toContain(rule);
    expect(out).toBe(good);
  });
});

describe('project rules on arbitrary text', () => {
  // Words the rules look up in tables, names every object has, and the odd characters answers contain.
  const VOCABULARY = [
    'there', 'is', 'are', 'was', 'were', 'many', 'me', 'and', 'him', 'how', 'to', 'handled', 'one', 'of', 'my', 'friend',
    'informations', 'did', 'a', 'mistake', 'discuss', 'about', 'look', 'forward', 'the', 'same', 'then', 'before', 'in',
    'details', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'prototype', 'I', "I'm", "don't",
    'u', 'ur', 'Myself', 'Rahul', 'passed', 'out', 'from', '2019', 'C++', 'O(n)', 'naïve', 'résumé', '🙂', '—', '…',
    ',', '.', '?', '!', ';', ':', '"', '(', ')', '-', "'", '\n',
  ];
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  it('never throws, and every issue lies inside the text with string suggestions (500 random texts)', () => {
    for (let n = 0; n < 500; n++) {
      const words = Array.from({ length: 1 + Math.floor(rand() * 40) }, () => VOCABULARY[Math.floor(rand() * VOCABULARY.length)]!);
      const text = words.join(rand() < 0.5 ? ' ' : '  ');
      for (const i of runProjectRules(text)) {
        expect(i.start).toBeGreaterThanOrEqual(0);
        expect(i.end).toBeLessThanOrEqual(text.length);
        expect(i.end).toBeGreaterThan(i.start);
        expect(i.message).not.toMatch(/native code|undefined/);
        for (const sug of i.suggestions) expect(typeof sug).toBe('string');
      }
    }
  });
});

describe('noun number helpers', () => {
  it('does not take words such as "constructor" for entries of its word tables', () => {
    expect(runProjectRules('The constructor is called first. A constructor was added, then toString and valueOf.')).toEqual([]);
    expect(pluralOf('constructor')).toBe('constructors');
    expect(singularOf('constructors')).toBe('constructor');
  });
  it('pluralises and singularises regular and irregular nouns', () => {
    expect(['friend', 'company', 'process', 'man', 'knife'].map(pluralOf)).toEqual(['friends', 'companies', 'processes', 'men', 'knives']);
    expect(['friends', 'companies', 'processes', 'people'].map(singularOf)).toEqual(['friend', 'company', 'process', 'person']);
  });
});
