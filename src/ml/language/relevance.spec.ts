import { describe, expect, it } from 'vitest';
import { canonicalText, detectIntroduction, detectMotivation, detectStar, isBehavioural, isIntroduction, isMotivation, scoreRelevance } from './relevance.js';

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

describe('canonicalText', () => {
  it('puts interview themes and number words in one form, so answers that say them differently still match', () => {
    expect(canonicalText("I'm good at planning; where I fall short is saying no. In five years…")).toBe("i'm strength planning; where i weakness is saying no. in 5 years…");
    const q = 'What are your strengths and weaknesses?';
    expect(scoreRelevance('One thing I am good at is planning. Where I fall short is delegating work to others.', q, []).keywordCoverage).toBe(1);
    expect(scoreRelevance('I expect around 8 lakh, in line with the market for freshers.', 'What are your salary expectations?', []).keywordCoverage).toBe(1);
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
    expect(s.present).toContain('action');
    expect(s.missing).toContain('result');
    expect(detectStar('Python is a programming language.').present).toEqual([]);
  });
});

describe('detectIntroduction / isIntroduction', () => {
  it('finds studies, experience, strengths and goals in a self-introduction', () => {
    const answer =
      "I'm Neha, a final-year B.Tech student in electronics at VIT. During my internship at a fintech startup I built a dashboard in React. " +
      "I'm comfortable with Python and SQL, and my strength is breaking a problem into small steps. I'm looking for a role where I can grow as a backend engineer.";
    const found = detectIntroduction(answer);
    expect(found.present).toEqual(['background', 'experience', 'strengths', 'goals']);
    expect(found.cues.goals).toContain('looking for');
  });
  it('lists the parts a thin introduction leaves out', () => {
    const found = detectIntroduction('My name is Arjun and I am from Nagpur. I like cricket and reading novels in my free time.');
    expect(found.present).toEqual([]);
    expect(found.missing).toEqual(['background', 'experience', 'strengths', 'goals']);
    expect(detectIntroduction('I am studying computer science and I did a project on face recognition.').present).toEqual(['background', 'experience']);
  });
  it.each(['Tell me about yourself.', 'Introduce yourself.', 'Can you tell us a little about yourself?', 'Walk me through your resume.', 'Give a brief self-introduction.'])(
    'introduction: %s',
    (q) => expect(isIntroduction(q)).toBe(true),
  );
  it.each(['Tell me about a time you failed.', 'What are your strengths?', 'Reverse a linked list.'])('not an introduction: %s', (q) => expect(isIntroduction(q)).toBe(false));
});

describe('detectMotivation / isMotivation', () => {
  it('finds knowledge of the company, evidence, contribution and growth in a "why join us" answer', () => {
    const answer =
      'Your backend team builds the route-scheduling service, and I have read how you moved it to Kotlin. In my internship I built a slot allocator ' +
      'that cut failed deliveries by 12%. I can bring that experience to the scheduling work from day one, and I want to grow into a backend engineer who owns a service end to end.';
    const found = detectMotivation(answer);
    expect(found.present).toEqual(['company', 'evidence', 'contribution', 'goals']);
    expect(found.cues.company).toContain('your backend team');
    expect(found.cues.evidence).toContain('12%');
  });
  it('finds nothing specific in a generic answer, however often it names the company', () => {
    const found = detectMotivation('I want to join Kestrel because Kestrel is a very good company. Kestrel has good work culture and the package is good. I will give my best.');
    expect(found.present).toEqual([]);
    expect(found.missing).toEqual(['company', 'evidence', 'contribution', 'goals']);
  });
  it.each([
    'Why do you want to join Kestrel?',
    'Why should we hire you?',
    'Why do you want to work here?',
    'What do you know about our company?',
    'Why are you interested in this role?',
    'What makes you a good fit for this team?',
    'Why did you choose Brightwater Bank?',
  ])('motivation: %s', (q) => expect(isMotivation(q)).toBe(true));
  it.each(['Tell me about yourself.', 'Why is a hash map lookup O(1)?', 'What do you know about deadlocks?', 'Tell me about a time you failed.'])(
    'not motivation: %s',
    (q) => expect(isMotivation(q)).toBe(false),
  );
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
