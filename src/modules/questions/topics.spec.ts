import { describe, expect, it } from 'vitest';
import { isTopic, subjectShare, tagTopic, topicLabel, topicList, TOPIC_SLUGS, TOPICS } from './topics.js';

/** Questions from seeds/experiences.json (and a few common ones) with the topic a student would file them under. */
const LABELLED: Array<[question: string, roundKind: string, topic: string]> = [
  ['Reverse a linked list.', 'technical', 'dsa'],
  ['Count the number of islands in a 2D grid of 0s and 1s.', 'technical', 'dsa'],
  ['Find the number of subarrays whose sum is divisible by K.', 'online-test', 'dsa'],
  ['Write a program to print the Fibonacci series.', 'online-test', 'dsa'],
  ['Can you do it in average O(n) time?', 'technical', 'dsa'],
  ['Explain normalization in DBMS with an example.', 'technical', 'dbms'],
  ['Write a query to find the second highest salary from an Employee table.', 'online-test', 'dbms'],
  ['What is the difference between WHERE and HAVING?', 'technical', 'dbms'],
  ['Why shouldn’t we add an index on every column?', 'technical', 'dbms'],
  ['What is the difference between a process and a thread?', 'technical', 'os'],
  ['What is a deadlock and what are the four necessary conditions for it?', 'technical', 'os'],
  ['What is the difference between TCP and UDP?', 'technical', 'networks'],
  ['How many usable hosts are there in a /27 subnet?', 'technical', 'networks'],
  ['What happens when you type a URL in the browser?', 'technical', 'networks'],
  ['What are the four pillars of OOP?', 'technical', 'oop'],
  ['When would you use an abstract class instead of an interface?', 'technical', 'oop'],
  ['Design a URL shortener.', 'technical', 'system-design'],
  ['How would your canteen app handle 500 orders arriving at the same second?', 'technical', 'system-design'],
  ['What is the difference between REST and GraphQL?', 'technical', 'web'],
  ['How do you handle missing values in a pandas DataFrame?', 'technical', 'ml-data'],
  ['What does a p-value of 0.03 mean?', 'online-test', 'ml-data'],
  ['What is the difference between C and C++?', 'technical', 'language-specific'],
  ['How does HashMap work internally in Java? What happens on collisions?', 'technical', 'language-specific'],
  ['A train 240 m long passes a pole in 12 seconds. How long will it take to pass a platform 360 m long?', 'online-test', 'aptitude'],
  ['In how many ways can 5 people sit around a round table?', 'online-test', 'aptitude'],
  ['If 20% of a number is 60, what is 35% of the number?', 'online-test', 'aptitude'],
  ['Estimate the number of cups of tea sold at a busy railway station in a day.', 'technical', 'aptitude'],
  ['Tell me about a time you disagreed with a teammate. How did you resolve it?', 'hr', 'behavioural'],
  ['A doctor reports a critical bug at 10 pm. What do you do?', 'managerial', 'behavioural'],
  ['Tell me about yourself.', 'hr', 'hr'],
  ['Why Kestrel?', 'hr', 'hr'],
  ['Why analytics and not software development?', 'hr', 'hr'],
  ['Are you willing to relocate to Pune and work in shifts?', 'hr', 'hr'],
  ['Tell me about your final-year project.', 'hr', 'project'],
  ['Why did you choose MongoDB for your event-management project?', 'technical', 'project'],
  ['Explain setup and hold time.', 'technical', 'core-electronics'],
  ['Which logic family has the lowest static power consumption?', 'online-test', 'core-electronics'],
  ['Design a divide-by-3 clock divider with 50% duty cycle.', 'technical', 'core-electronics'],
  ['What is the difference between a 2-stroke and a 4-stroke engine?', 'technical', 'core-mechanical'],
  ['What is the difference between annealing and normalizing?', 'technical', 'core-mechanical'],
  ['Explain the working of a buck converter.', 'technical', 'core-electrical'],
  ['What is the synchronous speed of a 4-pole motor on a 50 Hz supply?', 'online-test', 'core-electrical'],
  ['Why do we cure concrete and for how long?', 'technical', 'core-civil'],
  ['What is the difference between OPC and PPC cement?', 'technical', 'core-civil'],
  ['What is NPSH and what causes cavitation in a centrifugal pump?', 'technical', 'core-chemical'],
  ['What is the difference between distillation and absorption?', 'technical', 'core-chemical'],
  ['Is work from home here to stay?', 'group-discussion', 'other'],
  ['Why?', 'technical', 'other'],
];

describe('tagTopic', () => {
  it.each(LABELLED)('files "%s" (%s round) under %s', (question, roundKind, topic) => {
    expect(tagTopic(question, roundKind)).toBe(topic);
  });

  it('falls back to HR for an HR-round question with no keyword, and to other elsewhere', () => {
    expect(tagTopic('Any questions for us?', 'hr')).toBe('hr');
    expect(tagTopic('Any questions for us?', 'technical')).toBe('other');
    expect(tagTopic('Any questions for us?')).toBe('other');
  });

  it('does not call a topic on a lone weak hint', () => {
    expect(tagTopic('In a class of 60, 40 like tea and 30 like coffee. If 15 like both, how many like neither?')).toBe('aptitude');
    expect(tagTopic('Find the sum')).toBe('other');
  });

  it('always answers with a known topic', () => {
    for (const [question, roundKind] of LABELLED) expect(TOPIC_SLUGS).toContain(tagTopic(question, roundKind));
  });
});

describe('topic list and labels', () => {
  it('has a label for every topic, and other as the fallback label', () => {
    expect(TOPICS).toHaveLength(19);
    expect(topicLabel('dbms')).toBe('Databases & SQL');
    expect(topicLabel('nonsense')).toBe('Other');
    expect(isTopic('core-civil')).toBe(true);
    expect(isTopic('cooking')).toBe(false);
  });

  it('orders an experience’s topics by frequency with other last, within the column width', () => {
    expect(topicList(['os', 'dsa', 'other', 'dsa', 'other', 'other', 'hr'])).toBe('dsa,os,hr,other');
    expect(topicList([])).toBe('');
    expect(topicList(['dsa', 'dbms', 'os'], 8)).toBe('dsa,dbms');
  });
});

describe('subjectShare', () => {
  it("measures how much of an answer's subject vocabulary is the question's subject", () => {
    const linkedList =
      'I keep three pointers: previous, current and next. In a loop I point current.next back to previous and move both forward; when current is null, previous is the new head. O(n) time, O(1) space, or a recursive version that uses O(n) stack.';
    const dns = 'The browser asks the DNS resolver for the IP address, which asks the root, TLD and authoritative servers; then it opens a TCP connection on port 443.';
    expect(subjectShare(linkedList, 'dsa')).toBeGreaterThanOrEqual(0.5);
    // "root" is also a tree word: the share is a proportion, not a verdict.
    expect(subjectShare(dns, 'dsa')).toBeLessThan(0.2);
    expect(subjectShare(dns, 'networks')).toBeGreaterThan(0.8);
  });
  it('says nothing without subject vocabulary, or for questions about the candidate', () => {
    expect(subjectShare('I would stay calm, listen to both sides and agree on next steps.', 'dsa')).toBeNull();
    expect(subjectShare('I used a hash map and sorted the array.', 'hr')).toBeNull();
    expect(subjectShare('I used a hash map and sorted the array.', 'aptitude')).toBeNull();
    expect(subjectShare('I used a hash map and sorted the array.', 'no-such-topic')).toBeNull();
  });
});
