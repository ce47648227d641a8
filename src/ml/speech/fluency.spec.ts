import { describe, expect, it } from 'vitest';
import type { AudioMetrics } from './audio.js';
import { measureFluency, speakingSpanFromWords, speakingSpanMs, WPM_TARGET_MAX, WPM_TARGET_MIN } from './fluency.js';

function audio(segments: Array<[number, number]>, longPauses: Array<[number, number]> = []): AudioMetrics {
  return {
    durationMs: 70_000,
    sampleRate: 16000,
    speechOnsetMs: segments[0]?.[0] ?? null,
    speakingTimeMs: segments.reduce((s, [a, b]) => s + b - a, 0),
    voicedSegments: segments.map(([startMs, endMs]) => ({ startMs, endMs })),
    longPauses: longPauses.map(([startMs, endMs]) => ({ startMs, endMs, durationMs: endMs - startMs })),
    longPauseCount: longPauses.length,
    rmsDbfs: -20,
    loudnessStdDb: 5,
    noiseFloorDbfs: -60,
    voicedThresholdDbfs: -48,
    pitch: { medianHz: 120, variationSemitones: 2.5, pitchedFrames: 100, monotone: false },
    nearSilent: false,
  };
}
const words = (n: number, filler = '') => Array.from({ length: n }, (_, i) => (filler && i % 10 === 5 ? filler : 'word')).join(' ');

describe('measureFluency', () => {
  it('words per minute over speaking time excludes lead-in silence and long pauses', () => {
    // Speech from 2 s to 65 s with one 3 s long pause: 60 s of speaking time.
    const a = audio([[2000, 30_000], [33_000, 65_000]], [[30_000, 33_000]]);
    expect(speakingSpanMs(a)).toBe(60_000);
    const f = measureFluency({ text: words(140), words: [], source: 'browser' }, a);
    expect(f).toMatchObject({ wordCount: 140, speakingTimeMs: 60_000, wordsPerMinute: 140, pace: 'ok' });
  });

  it('classifies pace against the 120–160 band', () => {
    const a = audio([[0, 60_000]]);
    expect(measureFluency({ text: words(WPM_TARGET_MIN - 1), words: [], source: 'browser' }, a).pace).toBe('slow');
    expect(measureFluency({ text: words(WPM_TARGET_MIN), words: [], source: 'browser' }, a).pace).toBe('ok');
    expect(measureFluency({ text: words(WPM_TARGET_MAX), words: [], source: 'browser' }, a).pace).toBe('ok');
    expect(measureFluency({ text: words(WPM_TARGET_MAX + 1), words: [], source: 'browser' }, a).pace).toBe('fast');
  });

  it('counts fillers per minute and per 100 words', () => {
    const f = measureFluency({ text: words(120, 'um'), words: [], source: 'browser' }, audio([[0, 30_000]]));
    expect(f.fillerCount).toBe(12);
    expect(f.fillersPerMinute).toBe(24);
    expect(f.fillersPer100Words).toBe(10);
    expect(f.fillerCounts).toEqual([{ filler: 'um', count: 12 }]);
  });

  it('uses word timings when there is no audio, and has no delivery metrics for typed answers', () => {
    const timed = [
      { word: 'so', startMs: 1000, endMs: 1200 },
      { word: 'we', startMs: 1300, endMs: 1500 },
      { word: 'shipped', startMs: 5000, endMs: 5500 }, // 3.5 s gap is a long pause
      { word: 'it', startMs: 5600, endMs: 6000 },
    ];
    expect(speakingSpanFromWords(timed)).toBe(5000 - 3500);
    const f = measureFluency({ text: 'so we shipped it', words: timed, source: 'pocketsphinx' });
    expect(f.wordsPerMinute).toBe(160);
    const typed = measureFluency('Um, I basically rewrote it.');
    expect(typed).toMatchObject({ wordsPerMinute: null, fillersPerMinute: null, speakingTimeMs: null, pace: null, fillerCount: 2 });
  });
});
