import { countWords } from '../language/text.js';
import type { AudioMetrics } from './audio.js';
import { fillerCounts, findFillers, type FillerHit } from './fillers.js';
import { LONG_PAUSE_MS } from './audio.js';
import type { Transcript } from './transcriber.js';

/**
 * Speaking rate and filler rate.
 *
 * "Speaking time" is the time from the first to the last voiced moment minus long pauses (> 2 s):
 * ordinary pauses between phrases belong to a speaking rate (the 120–160 wpm band is quoted for
 * speech with its normal pauses), while the silence before the answer starts (reaction time) and
 * long pauses are reported separately. Without audio, word timings from the recogniser give the
 * same span; a typed answer has no delivery metrics.
 */
export const WPM_TARGET_MIN = 120;
export const WPM_TARGET_MAX = 160;

export interface FluencyMetrics {
  wordCount: number;
  /** Speaking time in ms (see above), null for typed answers. */
  speakingTimeMs: number | null;
  wordsPerMinute: number | null;
  pace: 'slow' | 'ok' | 'fast' | null;
  fillers: FillerHit[];
  fillerCounts: Array<{ filler: string; count: number }>;
  fillerCount: number;
  fillersPerMinute: number | null;
  fillersPer100Words: number | null;
}

/** Speaking span from audio: first voiced start → last voiced end, minus long pauses. */
export function speakingSpanMs(audio: AudioMetrics): number | null {
  const segs = audio.voicedSegments;
  if (segs.length === 0) return null;
  const span = segs[segs.length - 1]!.endMs - segs[0]!.startMs;
  return span - audio.longPauses.reduce((s, p) => s + p.durationMs, 0);
}

/** Speaking span from word timings: first word start → last word end, minus gaps > 2 s. */
export function speakingSpanFromWords(words: Transcript['words']): number | null {
  if (words.length === 0) return null;
  let span = words[words.length - 1]!.endMs - words[0]!.startMs;
  for (let i = 1; i < words.length; i++) {
    const gap = words[i]!.startMs - words[i - 1]!.endMs;
    if (gap > LONG_PAUSE_MS) span -= gap;
  }
  return span > 0 ? span : null;
}

export function measureFluency(transcript: Pick<Transcript, 'text' | 'words' | 'source'> | string, audio?: AudioMetrics | null): FluencyMetrics {
  const t = typeof transcript === 'string' ? { text: transcript, words: [], source: 'typed' as const } : transcript;
  const wordCount = countWords(t.text);
  const fillers = findFillers(t.text);
  let speakingTimeMs: number | null = null;
  if (t.source !== 'typed') {
    speakingTimeMs = audio && !audio.nearSilent ? speakingSpanMs(audio) : speakingSpanFromWords(t.words);
  }
  const minutes = speakingTimeMs && speakingTimeMs > 0 ? speakingTimeMs / 60_000 : null;
  const wordsPerMinute = minutes && wordCount > 0 ? Math.round((wordCount / minutes) * 10) / 10 : null;
  return {
    wordCount,
    speakingTimeMs,
    wordsPerMinute,
    pace: wordsPerMinute === null ? null : wordsPerMinute < WPM_TARGET_MIN ? 'slow' : wordsPerMinute > WPM_TARGET_MAX ? 'fast' : 'ok',
    fillers,
    fillerCounts: fillerCounts(fillers),
    fillerCount: fillers.length,
    fillersPerMinute: minutes ? Math.round((fillers.length / minutes) * 100) / 100 : null,
    fillersPer100Words: wordCount ? Math.round((fillers.length / wordCount) * 10000) / 100 : null,
  };
}
