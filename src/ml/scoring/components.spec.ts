import { describe, expect, it } from 'vitest';
import {
  band,
  CONTENT,
  DELIVERY,
  LANGUAGE,
  OVERALL_WEIGHTS,
  overallScore,
  PRESENCE,
  ramp,
  scoreContent,
  scoreDelivery,
  scoreLanguage,
  scorePresence,
  type ComponentScore,
  type ContentInput,
  type DeliveryInput,
  type LanguageInput,
  type PresenceLike,
} from './components.js';

describe('ramp / band', () => {
  it('maps linearly between thresholds in either direction and clamps', () => {
    expect(ramp(0.05, 0.05, 0.4)).toBe(0);
    expect(ramp(0.4, 0.05, 0.4)).toBe(100);
    expect(ramp(0.225, 0.05, 0.4)).toBeCloseTo(50);
    expect(ramp(12, 12, 2)).toBe(0);
    expect(ramp(2, 12, 2)).toBe(100);
    expect(ramp(1, 12, 2)).toBe(100);
    expect(ramp(20, 12, 2)).toBe(0);
  });
  it('band is flat inside the target', () => {
    expect([80, 100, 120, 140, 160, 180, 200].map((x) => band(x, 80, 120, 160, 200))).toEqual([0, 50, 100, 100, 100, 50, 0]);
  });
});

const content = (over: Partial<ContentInput> = {}): ContentInput => ({
  wordCount: 100,
  transcriptUsable: true,
  tfidfCosine: CONTENT.cosineFull,
  keywordCoverage: CONTENT.keywordFull,
  keyPointCoverage: 1,
  structure: null,
  ...over,
});

describe('scoreContent', () => {
  it('full marks at the full thresholds, zero at the zero thresholds', () => {
    expect(scoreContent(content()).score).toBe(100);
    expect(scoreContent(content({ tfidfCosine: CONTENT.cosineZero, keywordCoverage: CONTENT.keywordZero, keyPointCoverage: 0 })).score).toBe(0);
  });
  it('weights relevance 30, keywords 20, key points 30 (renormalised without STAR)', () => {
    expect(scoreContent(content({ keyPointCoverage: 0 })).score).toBe(Math.round((100 * 50) / 80));
    expect(scoreContent(content({ keyPointCoverage: null })).score).toBe(100);
    const star = ['situation', 'task', 'action', 'result'];
    expect(scoreContent(content({ structure: { kind: 'star', present: ['situation', 'action'], parts: star } })).score).toBe(Math.round((100 * 80 + 50 * 20) / 100));
  });
  it("gives part of the relevance credit to an answer in the question's subject that shares no words with it", () => {
    const offWords = { tfidfCosine: CONTENT.cosineZero, keywordCoverage: CONTENT.keywordZero, keyPointCoverage: null };
    // Up to half the relevance credit: the subject's vocabulary shows the area, not this question.
    expect(CONTENT.subjectCredit).toBe(0.5);
    expect(scoreContent(content({ ...offWords, subjectShare: CONTENT.subjectFull })).score).toBe(Math.round((50 * 30) / 50));
    expect(scoreContent(content({ ...offWords, subjectShare: (CONTENT.subjectZero + CONTENT.subjectFull) / 2 })).score).toBe(Math.round((25 * 30) / 50));
    expect(scoreContent(content({ ...offWords, tfidfCosine: 0.3, subjectShare: 1 })).score).toBe(Math.round((ramp(0.3, CONTENT.cosineZero, CONTENT.cosineFull) * 30) / 50));
    expect(scoreContent(content({ ...offWords, subjectShare: CONTENT.subjectZero })).score).toBe(0);
    expect(scoreContent(content({ ...offWords, subjectShare: null })).score).toBe(0);
    // The better of the two signals counts: quoting the question is not penalised by a low share.
    expect(scoreContent(content({ keyPointCoverage: null, subjectShare: 0 })).score).toBe(100);
    expect(scoreContent(content({ ...offWords, keywordCoverage: CONTENT.keywordFull / 2, subjectShare: CONTENT.subjectFull })).explanation).toBe(
      'Content needs work: it ranges beyond what the question asks.',
    );
    expect(scoreContent(content({ ...offWords, subjectShare: 0 })).explanation).toBe('Content needs work: the answer drifts from the question.');
    const r = scoreContent(content({ subjectShare: 0.75, subjectLabel: 'Data structures & algorithms' }));
    expect(r.measurements).toContainEqual({ label: 'Subject terms that are Data structures & algorithms', value: 75, unit: '%', target: '≥ 50%' });
  });
  it('judges a self-introduction on its parts alone: its question names no subject to stay on', () => {
    const parts = ['background', 'experience', 'strengths', 'goals'];
    const intro = (present: string[]) => content({ tfidfCosine: 0, keywordCoverage: 0, keyPointCoverage: null, structure: { kind: 'introduction', present, parts } });
    expect(scoreContent(intro(parts)).score).toBe(100);
    const nearly = scoreContent(intro(['background', 'experience', 'strengths']));
    expect(nearly.score).toBe(75);
    expect(nearly.explanation).toBe('Content is on track, but the introduction leaves out what you want next.');
    const weak = scoreContent(intro(['background']));
    expect(weak.score).toBe(25);
    expect(weak.explanation).toBe('Content needs work: the introduction leaves out what you have built or done, what you are good at and what you want next.');
    expect(weak.measurements.map((m) => m.label)).toEqual(['Words', 'Introduction parts present']);
  });
  it('judges a "why this job" answer on its parts alone, and names the ones it leaves out', () => {
    const parts = ['company', 'evidence', 'contribution', 'goals'];
    const r = scoreContent(content({ tfidfCosine: 0, keywordCoverage: 0, keyPointCoverage: null, structure: { kind: 'motivation', present: ['goals'], parts } }));
    expect(r.score).toBe(25);
    expect(r.explanation).toBe(
      'Content needs work: the answer leaves out what you know of the company and the role, evidence of what you can do and what you would bring.',
    );
    expect(r.measurements.map((m) => m.label)).toEqual(['Words', 'Motivation parts present']);
  });
  it('is insufficient below the word minimum or with an unusable transcript', () => {
    expect(scoreContent(content({ wordCount: CONTENT.minWords - 1 }))).toMatchObject({ score: null, evidence: 'insufficient' });
    expect(scoreContent(content({ wordCount: CONTENT.minWords })).evidence).toBe('ok');
    const r = scoreContent(content({ transcriptUsable: false }));
    expect(r.evidence).toBe('insufficient');
    expect(r.explanation).toMatch(/^Not enough evidence/);
  });
  it('explains with one sentence naming the weakest part', () => {
    const r = scoreContent(content({ keyPointCoverage: 0.25, missingKeyPoints: ['threads share memory'] }));
    expect(r.explanation).toMatch(/key points/);
    expect(r.explanation).toMatch(/threads share memory/);
    expect(r.explanation.split(/[.!?](\s|$)/).filter((s) => s.trim()).length).toBe(1);
  });
});

const delivery = (over: Partial<DeliveryInput> = {}): DeliveryInput => ({
  hasAudio: true,
  nearSilent: false,
  wordCount: 140,
  transcriptUsable: true,
  wordsPerMinute: 140,
  fillersPerMinute: 1,
  longPauseCount: 0,
  speakingTimeMs: 60_000,
  reactionTimeMs: 2000,
  rmsDbfs: -20,
  pitchVariationSemitones: 3,
  ...over,
});

describe('scoreDelivery', () => {
  it('full marks inside every target', () => {
    expect(scoreDelivery(delivery()).score).toBe(100);
  });
  it('pace edges: 120 and 160 full, 80 and 200 zero', () => {
    const w = DELIVERY.weights;
    const others = (100 * (w.fillers + w.pauses + w.reaction + w.volume + w.pitch)) / 100;
    for (const wpm of [DELIVERY.wpm.lo, DELIVERY.wpm.hi]) expect(scoreDelivery(delivery({ wordsPerMinute: wpm })).score).toBe(100);
    for (const wpm of [DELIVERY.wpm.zeroBelow, DELIVERY.wpm.zeroAbove]) expect(scoreDelivery(delivery({ wordsPerMinute: wpm })).score).toBe(Math.round(others));
  });
  it('filler edges: ≤ 2/min full, 12/min zero', () => {
    expect(scoreDelivery(delivery({ fillersPerMinute: DELIVERY.fillersPerMinute.full })).score).toBe(100);
    expect(scoreDelivery(delivery({ fillersPerMinute: DELIVERY.fillersPerMinute.zero })).score).toBe(100 - DELIVERY.weights.fillers);
    expect(scoreDelivery(delivery({ fillersPerMinute: 7 })).score).toBe(Math.round(100 - DELIVERY.weights.fillers / 2));
  });
  it('long pauses, reaction time, volume and pitch edges', () => {
    expect(scoreDelivery(delivery({ longPauseCount: 3 })).score).toBe(100 - DELIVERY.weights.pauses); // 3 per minute
    expect(scoreDelivery(delivery({ reactionTimeMs: 3000 })).score).toBe(100);
    expect(scoreDelivery(delivery({ reactionTimeMs: 10_000 })).score).toBe(100 - DELIVERY.weights.reaction);
    expect(scoreDelivery(delivery({ rmsDbfs: -30 })).score).toBe(100);
    expect(scoreDelivery(delivery({ rmsDbfs: -12 })).score).toBe(100);
    expect(scoreDelivery(delivery({ rmsDbfs: -42 })).score).toBe(100 - DELIVERY.weights.volume);
    expect(scoreDelivery(delivery({ rmsDbfs: -3 })).score).toBe(100 - DELIVERY.weights.volume);
    expect(scoreDelivery(delivery({ pitchVariationSemitones: 2.5 })).score).toBe(100);
    expect(scoreDelivery(delivery({ pitchVariationSemitones: 1.0 })).score).toBe(100 - DELIVERY.weights.pitch);
  });
  it('renormalises over the parts that could be measured', () => {
    expect(scoreDelivery(delivery({ pitchVariationSemitones: null, reactionTimeMs: null, rmsDbfs: null })).score).toBe(100);
  });
  it('is insufficient without a recording, for near-silent audio, or with too few words', () => {
    expect(scoreDelivery(delivery({ hasAudio: false })).explanation).toMatch(/no recording/);
    // Nothing was measured, so the report must not claim "0 long pauses".
    expect(scoreDelivery(delivery({ hasAudio: false })).measurements.find((m) => m.label.startsWith('Long pauses'))?.value).toBeNull();
    expect(scoreDelivery(delivery({ longPauseCount: 2 })).measurements.find((m) => m.label.startsWith('Long pauses'))?.value).toBe(2);
    expect(scoreDelivery(delivery({ nearSilent: true })).explanation).toMatch(/nearly silent/);
    expect(scoreDelivery(delivery({ wordCount: DELIVERY.minWords - 1 })).evidence).toBe('insufficient');
    expect(scoreDelivery(delivery({ wordsPerMinute: null })).evidence).toBe('insufficient');
    expect(scoreDelivery(delivery({ transcriptUsable: false })).evidence).toBe('insufficient');
  });
  it('explains the weakest measurement', () => {
    expect(scoreDelivery(delivery({ wordsPerMinute: 190 })).explanation).toMatch(/190 words\/min is fast/);
    expect(scoreDelivery(delivery({ fillersPerMinute: 9 })).explanation).toMatch(/filler/);
  });
});

const language = (over: Partial<LanguageInput> = {}): LanguageInput => ({
  wordCount: 150,
  transcriptUsable: true,
  grammarScore: 100,
  errorsPer100Words: 0,
  mattr: LANGUAGE.mattr.full,
  overusedWords: [],
  ...over,
});

describe('scoreLanguage', () => {
  it('grammar 70 / vocabulary 30 with MATTR edges', () => {
    expect(scoreLanguage(language()).score).toBe(100);
    expect(scoreLanguage(language({ mattr: LANGUAGE.mattr.zero })).score).toBe(70);
    expect(scoreLanguage(language({ grammarScore: 0 })).score).toBe(30);
  });
  it('overused words cost 10 vocabulary points each, up to 3', () => {
    expect(scoreLanguage(language({ overusedWords: ['project'] })).score).toBe(Math.round(70 + 0.3 * 90));
    expect(scoreLanguage(language({ overusedWords: ['a1', 'a2', 'a3', 'a4', 'a5'] })).score).toBe(Math.round(70 + 0.3 * 70));
  });
  it('is insufficient for short or unusable transcripts', () => {
    expect(scoreLanguage(language({ wordCount: LANGUAGE.minWords - 1 })).evidence).toBe('insufficient');
    expect(scoreLanguage(language({ wordCount: LANGUAGE.minWords })).evidence).toBe('ok');
    expect(scoreLanguage(language({ transcriptUsable: false })).score).toBeNull();
  });
});

const presence = (over: Partial<PresenceLike> = {}): PresenceLike => ({
  oneFaceRatio: 1,
  eyeContactRatio: 0.8,
  headMovement: 0.03,
  enoughEvidence: true,
  frames: 120,
  ...over,
});

describe('scorePresence', () => {
  it('edges of face visibility, eye contact and head movement', () => {
    expect(scorePresence(presence()).score).toBe(100);
    expect(scorePresence(presence({ oneFaceRatio: PRESENCE.oneFaceRatio.full })).score).toBe(100);
    expect(scorePresence(presence({ oneFaceRatio: PRESENCE.oneFaceRatio.zero })).score).toBe(100 - PRESENCE.weights.face);
    expect(scorePresence(presence({ eyeContactRatio: PRESENCE.eyeContactRatio.full })).score).toBe(100);
    expect(scorePresence(presence({ eyeContactRatio: PRESENCE.eyeContactRatio.zero })).score).toBe(100 - PRESENCE.weights.eyeContact);
    expect(scorePresence(presence({ headMovement: PRESENCE.headMovement.full })).score).toBe(100);
    expect(scorePresence(presence({ headMovement: PRESENCE.headMovement.zero })).score).toBe(100 - PRESENCE.weights.headMovement);
  });
  it('is insufficient without camera data, with few frames, or with the face visible in under half the frames', () => {
    expect(scorePresence(null).evidence).toBe('insufficient');
    expect(scorePresence(presence({ frames: PRESENCE.minFrames - 1 })).evidence).toBe('insufficient');
    expect(scorePresence(presence({ frames: PRESENCE.minFrames })).evidence).toBe('ok');
    expect(scorePresence(presence({ oneFaceRatio: 0.49, enoughEvidence: false })).explanation).toMatch(/under half/);
    expect(scorePresence(presence({ enoughEvidence: false })).evidence).toBe('insufficient');
  });
  it('describes observable behaviour only', () => {
    expect(scorePresence(presence({ eyeContactRatio: 0.4 })).explanation).toMatch(/faced the camera in only 40% of frames/);
  });
});

describe('overallScore', () => {
  const ok = (score: number): ComponentScore => ({ score, evidence: 'ok', explanation: '', measurements: [] });
  const none: ComponentScore = { score: null, evidence: 'insufficient', explanation: '', measurements: [] };
  it('weights content 35, delivery 25, language 20, presence 20', () => {
    expect(OVERALL_WEIGHTS).toEqual({ content: 35, delivery: 25, language: 20, presence: 20 });
    expect(overallScore({ content: ok(100), delivery: ok(0), language: ok(0), presence: ok(0) }).score).toBe(35);
    expect(overallScore({ content: ok(80), delivery: ok(60), language: ok(40), presence: ok(20) }).score).toBe(Math.round(0.35 * 80 + 0.25 * 60 + 0.2 * 40 + 0.2 * 20));
  });
  it('renormalises over components with enough evidence', () => {
    const r = overallScore({ content: ok(100), delivery: none, language: ok(50), presence: none });
    expect(r.score).toBe(Math.round((35 * 100 + 20 * 50) / 55));
    expect(r.weights).toEqual({ content: 63.6, language: 36.4 });
    expect(r.explanation).toMatch(/delivery, presence/);
  });
  it('is null when no component has enough evidence', () => {
    expect(overallScore({ content: none, delivery: none, language: none, presence: none }).score).toBeNull();
    expect(overallScore({}).score).toBeNull();
  });
});
