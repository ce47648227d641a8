import { describe, expect, it } from 'vitest';
import { bestMatch, cleanQuestion, comparable, contentTokens, isNearDuplicate, normalizeQuestion, searchTerms, splitQuestions } from './question-text.js';

describe('splitQuestions', () => {
  it('gives one question per line, without list markers, blank lines or headings', () => {
    const box = [
      '1. Reverse a linked list.',
      '2) Detect a cycle in it',
      '',
      '  - What is a deadlock?  ',
      '* Explain   paging.',
      '• Why Kestrel?',
      'Q1: Tell me about yourself',
      'Q: What is 5S?',
      'Question 4 - What is a VLAN?',
      '(a) Merge k sorted lists',
      'DBMS:',
      'ok',
      '---',
      '12',
    ].join('\r\n');
    expect(splitQuestions(box)).toEqual([
      'Reverse a linked list.',
      'Detect a cycle in it',
      'What is a deadlock?',
      'Explain paging.',
      'Why Kestrel?',
      'Tell me about yourself',
      'What is 5S?',
      'What is a VLAN?',
      'Merge k sorted lists',
    ]);
  });

  it('keeps numbers that are part of the question', () => {
    expect(splitQuestions('1.5 million users hit the API at once: how do you scale it?')).toEqual([
      '1.5 million users hit the API at once: how do you scale it?',
    ]);
    expect(splitQuestions('3. 2-stroke vs 4-stroke engines')).toEqual(['2-stroke vs 4-stroke engines']);
  });

  it('capitalises the first letter and cuts very long pastes', () => {
    expect(cleanQuestion('- explain ACID')).toBe('Explain ACID');
    expect(cleanQuestion('x'.repeat(800))).toHaveLength(500);
  });

  it('returns nothing for an empty box', () => {
    expect(splitQuestions('')).toEqual([]);
    expect(splitQuestions('\n\n  \n')).toEqual([]);
  });
});

describe('normalizeQuestion', () => {
  it('lowercases, strips punctuation and collapses whitespace', () => {
    expect(normalizeQuestion('  What is the difference between   TCP and UDP?! ')).toBe('what is the difference between tcp and udp');
    expect(normalizeQuestion("What's a 2-stroke engine?")).toBe('whats a 2 stroke engine');
  });

  it('keeps C++ and C# apart from C', () => {
    expect(normalizeQuestion('Difference between C and C++?')).toBe('difference between c and c++');
    expect(normalizeQuestion('Is C# compiled?')).toBe('is c# compiled');
  });

  it('drops the way people report a question', () => {
    expect(normalizeQuestion('They asked me to reverse a linked list.')).toBe('reverse a linked list');
    expect(normalizeQuestion('Asked to reverse a linked list')).toBe('reverse a linked list');
    expect(normalizeQuestion('Then the interviewer asked me about deadlocks')).toBe('deadlocks');
    expect(normalizeQuestion('I was asked to design a URL shortener')).toBe('design a url shortener');
    expect(normalizeQuestion('Q: What is a deadlock?')).toBe('what is a deadlock');
    expect(normalizeQuestion('q2 what is a deadlock')).toBe('what is a deadlock');
  });

  it('never reduces a question to nothing', () => {
    expect(normalizeQuestion('Asked')).toBe('asked');
  });
});

describe('contentTokens', () => {
  it('keeps words that are also names of object properties ("constructor", "toString")', () => {
    expect(contentTokens(normalizeQuestion('What does a constructor do?'))).toContain('constructor');
    expect(isNearDuplicate('What is a constructor?', 'What is a destructor?')).toBe(false);
  });
  it('keeps meaning-bearing stems and drops grammar, framing and complexity targets', () => {
    expect(contentTokens(normalizeQuestion('How do you reverse a singly linked list iteratively?'))).toEqual(['revers', 'link', 'list']);
    expect(contentTokens(normalizeQuestion('Design an LRU cache with O(1) get and put.'))).toEqual(['lru', 'cach', 'put']);
    // SQL keywords are content, not stop words.
    expect(contentTokens(normalizeQuestion('Difference between WHERE and HAVING'))).toEqual(['differ', 'between', 'where', 'have']);
  });
});

/**
 * The labelled table the matcher is tuned on: same question in other words (merge) versus a
 * different question in similar words (keep apart). Most pairs are taken from seeds/experiences.json.
 * If a change to the rules breaks a row, decide which label is right before touching the threshold.
 */
const MERGE: Array<[string, string]> = [
  ['Reverse a linked list.', 'How do you reverse a singly linked list?'],
  ['Reverse a linked list.', 'reverse a linked list iteratively'],
  ['How do you reverse a singly linked list?', 'Reverse a linked list iteratively.'],
  ['They asked me to reverse a linked list', 'Reverse a linked list.'],
  ['What is the difference between a process and a thread?', 'Explain the difference between process and thread.'],
  ['What is the difference between TCP and UDP?', 'Explain the difference between TCP and UDP.'],
  ['What is the difference between TCP and UDP?', 'What is the difference between TCP and UDP? Give examples of applications using each.'],
  ['What is the difference between INNER JOIN and LEFT JOIN?', 'What is the difference between an inner join and a left join?'],
  ['Write a query to find the second highest salary from an Employee table.', 'How will you find the second highest salary in a table?'],
  ['Write a query to find the second highest salary from an Employee table.', 'Write a query to get the second highest salary from the employees table.'],
  ['What is the difference between WHERE and HAVING?', 'Explain the difference between WHERE and HAVING clauses.'],
  ['Find the kth largest element in an array.', 'Find the kth largest number in an array.'],
  ['Find the kth largest element in an array.', 'How would you find the kth largest element in an unsorted array?'],
  ['What is the difference between a 2-stroke and a 4-stroke engine?', 'How is a 2-stroke engine different from a 4-stroke engine?'],
  ['Explain setup time and hold time.', 'Explain setup and hold time with a diagram.'],
  ['What is setup time and what is hold time?', 'Explain setup and hold time.'],
  ['Design a URL shortener.', 'How would you design a URL shortening service?'],
  ['What happens when you type a URL in the browser?', 'What happens when you type a URL in the browser and press enter?'],
  ['What are the four pillars of OOP?', 'Explain the pillars of OOPs.'],
  ['Tell me about yourself.', 'Q: Tell me something about yourself'],
  ['Tell me about yourself.', 'Introduce yourself'],
  ['Implement an LRU cache.', 'Design an LRU cache with O(1) get and put.'],
  ['Implement an LRU cache.', 'Design and implement an LRU cache with O(1) operations.'],
  ['Find the longest substring without repeating characters.', 'What is the longest substring without repeating characters in a given string?'],
  ['Explain normalisation in DBMS.', 'Explain normalization in DBMS with an example.'],
  ['What is the differnce between a mutex and a semaphore?', 'Difference between mutex and semaphore'],
  ['Reverse a linkd list', 'Reverse a linked list'],
  ['What is the difference between OPC and PPC cement?', 'What is the difference between OPC and PPC?'],
  ['Design the database schema for a clinic appointment booking system.', 'Design the database schema for a clinic appointment booking app.'],
  ['What is a deadlock?', 'what is deadlock'],
];

const APART: Array<[string, string]> = [
  ['Reverse a linked list', 'Detect a cycle in a linked list'],
  ['Explain normalization in DBMS', 'Explain indexing in DBMS'],
  ['Reverse a linked list.', 'Now reverse the linked list in groups of k nodes.'],
  ['Reverse a linked list.', 'Can you write the reversal recursively?'],
  ['Reverse a linked list.', 'How would you write test cases for your linked list reversal?'],
  ['Find the kth largest element in an array.', 'Find the kth smallest element in an array.'],
  ['Find the kth largest element in an array.', 'Return the k largest elements from an array.'],
  ['Find the kth largest element in an array.', 'Find the majority element in an array.'],
  ['What is the difference between WHERE and HAVING?', 'What is the difference between GROUP BY and HAVING?'],
  ['What is the difference between a process and a thread?', 'What is the difference between a mutex and a semaphore?'],
  ['What is a primary key?', 'What is the difference between a primary key and a foreign key?'],
  ['Tell me about yourself.', 'Tell me about your final-year project.'],
  ['Write a program to check whether a string is a palindrome.', 'Write a program to check if a number is a palindrome.'],
  ['What is the difference between TCP and UDP?', 'What is the difference between HTTP and HTTPS?'],
  ['Explain the OSI model.', 'Explain the TCP/IP model.'],
  ['Count the number of islands in a 2D grid of 0s and 1s.', 'Count the number of connected components in an undirected graph.'],
  ['A clock shows 3:15. What is the angle between the hour and minute hands?', 'A clock shows 9:40. What is the angle between the hour and minute hands?'],
  ['Merge k sorted linked lists.', 'Merge two sorted linked lists.'],
  ['Given an array of integers, find two numbers that add up to a target.', 'Given an array of integers, find three numbers that add up to a target.'],
  ['Find the median of a stream of integers.', 'Find the mean of a stream of integers.'],
  ['Explain paging.', 'Explain segmentation.'],
  ['What is a VLAN and why is it used?', 'What is a VPN and why is it used?'],
  ['What is DNS?', 'What is DHCP?'],
  ['Why do you want to join Kestrel?', 'Why do you want to join Bluefin?'],
  ['What is normalization? Explain 1NF, 2NF and 3NF.', 'What is 2NF? How is it different from 3NF?'],
  ['Detect a cycle in a linked list', 'Find the start of the cycle in a linked list'],
  ['What is the difference between a 2-stroke and a 4-stroke engine?', 'Explain the four strokes of a 4-stroke engine.'],
  ['Why is a transformer rated in kVA and not in kW?', 'What is the efficiency of a transformer?'],
  ['Why?', 'Why not?'],
];

describe('isNearDuplicate on the labelled table', () => {
  it('has at least 30 labelled pairs of each kind between them', () => {
    expect(MERGE.length + APART.length).toBeGreaterThanOrEqual(30);
    expect(MERGE.length).toBeGreaterThanOrEqual(15);
    expect(APART.length).toBeGreaterThanOrEqual(15);
  });

  it.each(MERGE)('merges "%s" with "%s"', (a, b) => {
    expect(isNearDuplicate(a, b)).toBe(true);
    expect(isNearDuplicate(b, a)).toBe(true);
  });

  it.each(APART)('keeps "%s" apart from "%s"', (a, b) => {
    expect(isNearDuplicate(a, b)).toBe(false);
    expect(isNearDuplicate(b, a)).toBe(false);
  });
});

describe('bestMatch', () => {
  it('picks the closest near-duplicate and ignores the rest', () => {
    const candidates = ['Detect a cycle in a linked list', 'Reverse a linked list', 'How do you reverse a singly linked list?'].map((text) => ({ text, ...comparable(text) }));
    expect(bestMatch(comparable('reverse a linked list.'), candidates)?.text).toBe('Reverse a linked list');
    expect(bestMatch(comparable('Merge two sorted arrays'), candidates)).toBeNull();
  });
});

describe('searchTerms', () => {
  it('reduces a query to prefixes of its content words', () => {
    expect(searchTerms('Reversing linked lists?')).toEqual(['revers', 'link', 'list']);
    expect(searchTerms('happy')).toEqual(['happ']);
    expect(searchTerms('what is')).toEqual(['what', 'is']);
    expect(searchTerms('C++ vs C#')).toEqual(['c++', 'vs', 'c#']);
    expect(searchTerms('')).toEqual([]);
  });
});
