import { describe, expect, it } from 'vitest';
import { REVIEW_BELOW, sessionFeedback, type FeedbackResult } from './session-feedback.js';

const Q = 'Tell me about a project you are proud of.';
const ok = (score: number) => ({ score, evidence: 'ok' as const, explanation: '', measurements: [] });
const none = { score: null, evidence: 'insufficient' as const, explanation: '', measurements: [] };

/** A scored answer's stored result with only what the feedback reads; typed answer unless `spoken`. */
function result(o: {
  content?: number | null;
  spoken?: { wpm: number; fillersPerMinute: number; fillers?: Array<[string, number]>; longPauses?: number; monotone?: boolean; reactionMs?: number };
  words?: number;
  errors?: Array<{ rule: string; message: string }>;
  overused?: string[];
  keyPoints?: { coverage: number; missing: string[] };
  star?: Array<'situation' | 'task' | 'action' | 'result'>;
  introduction?: Array<'background' | 'experience' | 'strengths' | 'goals'>;
  motivation?: Array<'company' | 'evidence' | 'contribution' | 'goals'>;
  eyeContact?: number;
}): FeedbackResult {
  const words = o.words ?? 150;
  return {
    components: {
      content: o.content === null ? none : ok(o.content ?? 70),
      delivery: o.spoken ? ok(70) : none,
      language: ok(70),
      presence: o.eyeContact === undefined ? none : ok(70),
    },
    metrics: {
      wordCount: words,
      fluency: {
        wordCount: words,
        speakingTimeMs: o.spoken ? 60_000 : null,
        wordsPerMinute: o.spoken?.wpm ?? null,
        pace: null,
        fillers: [],
        fillerCounts: (o.spoken?.fillers ?? []).map(([filler, count]) => ({ filler, count })),
        fillerCount: 0,
        fillersPerMinute: o.spoken?.fillersPerMinute ?? null,
        fillersPer100Words: null,
      },
      audio: o.spoken ? { longPauseCount: o.spoken.longPauses ?? 0, pitch: { monotone: o.spoken.monotone ?? false } } : null,
      reactionTimeMs: o.spoken?.reactionMs ?? null,
      vocabulary: { wordCount: words, uniqueWords: 90, mattr: 0.7, shortText: false, overused: (o.overused ?? []).map((word) => ({ word, count: 6, per100Words: 4 })) },
      relevance: {
        tfidfCosine: 0.3,
        keywordCoverage: 0.5,
        keyPointCoverage: o.keyPoints?.coverage ?? null,
        coveredKeyPoints: [],
        missingKeyPoints: o.keyPoints?.missing ?? [],
        missingKeywords: [],
      },
      behavioural: o.star !== undefined,
      star: o.star ? { present: [], missing: o.star, cues: { situation: [], task: [], action: [], result: [] } } : null,
      introduction: o.introduction ? { present: [], missing: o.introduction, cues: { background: [], experience: [], strengths: [], goals: [] } } : null,
      motivation: o.motivation ? { present: [], missing: o.motivation, cues: { company: [], evidence: [], contribution: [], goals: [] } } : null,
    },
    grammarIssues: (o.errors ?? []).map((e, i) => ({ start: i, end: i + 1, message: e.message, suggestions: [], rule: e.rule, source: 'harper' as const, kind: 'Grammar', severity: 'error' as const })),
    presence: o.eyeContact === undefined ? null : { eyeContactRatio: o.eyeContact },
  } as unknown as FeedbackResult;
}

describe('sessionFeedback', () => {
  it('is null without scored answers', () => {
    expect(sessionFeedback([])).toBeNull();
  });

  it('praises what met the targets, naming the measurement', () => {
    const f = sessionFeedback([
      { result: result({ spoken: { wpm: 140, fillersPerMinute: 1 }, keyPoints: { coverage: 0.8, missing: [] }, star: [], eyeContact: 0.8 }), topic: 'hr', question: Q },
      { result: result({ spoken: { wpm: 130, fillersPerMinute: 2 }, keyPoints: { coverage: 1, missing: [] }, eyeContact: 0.9 }), topic: 'hr', question: Q },
    ])!;
    expect(f.strengths).toEqual([
      'A comfortable pace: 135 words a minute on average (target 120–160).',
      'Few filler words: 1.5 a minute.',
      'Accurate English: 0.0 grammar or spelling issues per 100 words.',
      'Your answers covered 90% of the points interviewers asked for.',
      'Your “tell me about a time” answers told the situation, what you did and how it turned out.',
      'You faced the camera in 85% of frames.',
    ]);
    expect(f.improvements).toEqual([]);
    expect(f.topics).toEqual([]);
  });

  it('turns each measurement past its threshold into concrete advice', () => {
    const f = sessionFeedback([
      {
        result: result({
          spoken: { wpm: 190, fillersPerMinute: 6, fillers: [['um', 5], ['like', 3], ['basically', 1]], longPauses: 2, monotone: true, reactionMs: 6000 },
          words: 100,
          errors: [
            { rule: 'there-be-agreement', message: '“There is” needs a singular noun.' },
            { rule: 'there-be-agreement', message: '“There is” needs a singular noun.' },
            { rule: 'SpellCheck', message: 'Did you mean “receive”?' },
          ],
          overused: ['basically'],
          keyPoints: { coverage: 0.25, missing: ['how to prevent a deadlock'] },
          star: ['result'],
          eyeContact: 0.35,
        }),
        topic: 'os',
        question: Q,
      },
    ])!;
    expect(f.strengths).toEqual([]);
    expect(f.improvements).toEqual([
      'You spoke fast: 190 words a minute on average. Aim for 120–160; a short pause between points gives the interviewer time to follow.',
      '6.0 filler words a minute, most often “um” and “like”. A silent pause sounds more confident.',
      '2 pauses longer than 2 seconds in your answer. Outline the answer in your thinking time: first, then, finally.',
      'Your voice stayed on nearly one pitch in your answer. Raise it on the points you want remembered.',
      'You took 6.0 s on average to start speaking once recording began. Open with one sentence that restates the question.',
      '3.0 grammar or spelling issues per 100 words. The most frequent: “There is” needs a singular noun (2×). The issues are marked in each answer below.',
      'You repeated “basically” often. Vary the wording, or name the specific thing instead.',
      'Interviewers asked for points your answers missed, such as “how to prevent a deadlock”. Each answer below lists them.',
      'In “tell me about a time” answers, say the result (missing in your answer). Situation, task, action, result is an easy order to follow.',
      'You faced the camera in 35% of frames. Look at the lens while you speak, as you would look at an interviewer.',
    ]);
  });

  it('names what introductions left out, most often missing first, and praises complete ones', () => {
    const intro = (missing: Array<'background' | 'experience' | 'strengths' | 'goals'>) => ({ result: result({ introduction: missing }), topic: 'hr', question: 'Tell me about yourself.' });
    expect(sessionFeedback([intro(['goals']), intro(['strengths', 'goals'])])!.improvements).toEqual([
      'In introductions, say what you want next and what you are good at (missing in 2 of 2). Studies, experience, strengths, then what you want next is an easy order to follow.',
    ]);
    expect(sessionFeedback([intro([])])!.strengths).toContain('Your introduction said what you study, what you have done, what you are good at and what you want next.');
  });
  it('names what answers on why the student wants the job left out', () => {
    const why = (missing: Array<'company' | 'evidence' | 'contribution' | 'goals'>) => ({ result: result({ motivation: missing }), topic: 'hr', question: 'Why should we hire you?' });
    expect(sessionFeedback([why(['company', 'contribution']), why(['company'])])!.improvements).toContain(
      'In answers on why you want the job, say what you know of the company and the role and what you would bring (missing in 2 of 2). Something specific about them, what you have done that fits, what you would bring, then how you want to grow is an easy order to follow.',
    );
  });

  it('says which answers drifted from the question, with the terms they left out', () => {
    const drifted = result({ content: 30 });
    drifted.metrics.relevance.missingKeywords = ['normal forms', 'redundancy'];
    const f = sessionFeedback([
      { result: drifted, topic: 'dbms', question: 'Explain normalization.' },
      { result: result({ content: 80 }), topic: 'dbms', question: 'What is an index?' },
    ])!;
    expect(f.improvements).toEqual([
      '1 of 2 answers scored below 60 for content; they left out terms of the question such as “normal forms”, “redundancy”. Answer the question in its own words first, then give an example.',
    ]);
  });

  it('speaks of one answer as "your answer", not "1 of 1 answers"', () => {
    const drifted = result({ content: 30 });
    drifted.metrics.relevance.missingKeywords = ['normal forms'];
    expect(sessionFeedback([{ result: drifted, topic: 'dbms', question: 'Explain normalization.' }])!.improvements).toEqual([
      'Your answer scored below 60 for content; it left out terms of the question such as “normal forms”. Answer the question in its own words first, then give an example.',
    ]);
  });

  it("does not call the question's own subject an overused word", () => {
    const f = sessionFeedback([{ result: result({ overused: ['lock', 'basically'] }), topic: 'os', question: 'What is a deadlock and how do you prevent it?' }])!;
    expect(f.improvements).toEqual(['You repeated “basically” often. Vary the wording, or name the specific thing instead.']);
  });

  it('says nothing about delivery or the camera for typed answers, and nothing between the thresholds', () => {
    const f = sessionFeedback([{ result: result({ words: 100, errors: [{ rule: 'a', message: 'x' }, { rule: 'b', message: 'y' }] }), topic: 'dbms', question: Q }])!;
    // 2 errors per 100 words: neither a strength (≤ 1) nor advice (> 2).
    expect(f.strengths).toEqual([]);
    expect(f.improvements).toEqual([]);
  });

  it('lists the topics of weak content answers to review, most affected first, skipping unknown topics and unjudged answers', () => {
    const f = sessionFeedback([
      { result: result({ content: REVIEW_BELOW - 1 }), topic: 'dbms', question: Q },
      { result: result({ content: 20 }), topic: 'os', question: Q },
      { result: result({ content: 30 }), topic: 'os', question: Q },
      { result: result({ content: REVIEW_BELOW }), topic: 'dsa', question: Q },
      { result: result({ content: null }), topic: 'networks', question: Q },
      { result: result({ content: 10 }), topic: 'not-a-topic', question: Q },
      { result: result({ content: 10 }), topic: null, question: Q },
    ])!;
    expect(f.topics.map((t) => [t.slug, t.answers])).toEqual([
      ['os', 2],
      ['dbms', 1],
    ]);
    expect(f.topics[0]).toMatchObject({ label: 'Operating systems' });
  });
});
