import { describe, expect, it } from 'vitest';
import { detectStar, isBehavioural, scoreRelevance } from './relevance.js';

const question = 'What is the difference between a process and a thread?';
const keyPoints = [
  'a process has its own memory address space',
  'threads share the memory of their process',
  'context switching between threads is cheaper',
  'threads need synchronisation such as locks or mutexes',
];
const onTopic =
  'A process is a running program with its own address space and resources, while a thread is a unit of execution inside a process. ' +
  'Threads of the same process share its memory, so switching between threads is cheaper than switching processes, ' +
  'but shared memory means you need locks or a mutex to avoid race conditions.';
const partial = 'A process is a program that is running. A thread runs inside a process and threads share memory.';
const offTopic =
  'In my free time I like to play cricket with my friends and I also enjoy cooking. Last summer we travelled to Goa and spent a week on the beach.';

describe('scoreRelevance', () => {
  it('orders on-topic > partial > off-topic by TF-IDF cosine, keyword and key point coverage', () => {
    const a = scoreRelevance(onTopic, question, keyPoints);
    const b = scoreRelevance(partial, question, keyPoints);
    const c = scoreRelevance(offTopic, question, keyPoints);
    expect(a.tfidfCosine).toBeGreaterThan(b.tfidfCosine);
    expect(b.tfidfCosine).toBeGreaterThan(c.tfidfCosine);
    expect(c.tfidfCosine).toBeLessThan(0.05);
    expect(a.keywordCoverage).toBeGreaterThan(b.keywordCoverage);
    expect(b.keywordCoverage).toBeGreaterThan(c.keywordCoverage);
    expect(a.keyPointCoverage!).toBeGreaterThanOrEqual(0.75);
    expect(c.keyPointCoverage).toBe(0);
  });

  it('lists the key points the answer misses', () => {
    const r = scoreRelevance(partial, question, keyPoints);
    expect(r.coveredKeyPoints).toContain('threads share the memory of their process');
    expect(r.missingKeyPoints).toContain('threads need synchronisation such as locks or mutexes');
    expect(r.missingKeyPoints).toContain('context switching between threads is cheaper');
    expect(r.missingKeywords).toContain('locks');
  });

  it('works without key points and with a background corpus', () => {
    const r = scoreRelevance(onTopic, question, [], { corpus: ['How do you reverse a linked list?', 'What is a database index?'] });
    expect(r.keyPointCoverage).toBeNull();
    expect(r.tfidfCosine).toBeGreaterThan(0.2);
    expect(scoreRelevance('', question, keyPoints).tfidfCosine).toBe(0);
  });
});

describe('detectStar', () => {
  it('finds all four parts in a STAR answer', () => {
    const answer =
      'In my last internship our team was behind on a release. My task was to fix the flaky test suite before the deadline. ' +
      'I first looked at the failing tests, then I rewrote the setup code and added retries for the network calls. ' +
      'As a result the suite became stable and we shipped on time; build time dropped by 30%.';
    const s = detectStar(answer);
    expect(s.present).toEqual(['situation', 'task', 'action', 'result']);
    expect(s.missing).toEqual([]);
    expect(s.cues.result).toContain('as a result');
  });
  it('reports missing parts', () => {
    const s = detectStar('I worked with the team and we talked about the problem a lot. I decided to help.');
    expect(s.action).toBe(true);
    expect(s.result).toBe(false);
    expect(s.missing).toContain('result');
    expect(detectStar('Python is a programming language.').present).toEqual([]);
  });
});

describe('isBehavioural', () => {
  it.each([
    'Tell me about a time you disagreed with your manager.',
    'Describe a situation where you had to meet a tight deadline.',
    'Give me an example of a project you led.',
    'Have you ever made a mistake at work?',
    'How did you handle a conflict in your team?',
    'What was your biggest challenge in college?',
  ])('behavioural: %s', (q) => expect(isBehavioural(q)).toBe(true));
  it.each(['What is the difference between a process and a thread?', 'Reverse a linked list.', 'Why do you want to join us?'])(
    'not behavioural: %s',
    (q) => expect(isBehavioural(q)).toBe(false),
  );
});
