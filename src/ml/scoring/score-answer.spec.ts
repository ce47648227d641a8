import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWav } from '../speech/audio.js';
import { findExecutable, type Transcript } from '../speech/transcriber.js';
import { scoreAnswer } from './score-answer.js';

const question = 'Tell me about a time you handled a production incident.';
const keyPoints = ['found the root cause in the logs', 'rolled back the deployment', 'added monitoring or alerts', 'communicated with the team'];
const answer =
  'In my last job our payment service started failing after a deployment on a Friday evening. My task was to restore it quickly. ' +
  'I first looked at the logs and found the root cause, a database migration that locked a table. I rolled back the deployment, ' +
  'communicated with the team and the support staff, and then I added an alert on the error rate. As a result the service was back ' +
  'within twenty minutes and we never had the same problem again.';

const typed = (text: string): Transcript => ({ text, words: [], confidence: 1, source: 'typed', lowConfidence: false });

describe('scoreAnswer', () => {
  it('typed answer: content and language scored, delivery and presence "not enough evidence", overall renormalised', async () => {
    const r = await scoreAnswer({ question, keyPoints, transcript: typed(answer), transcriptCorrected: false });
    expect(r.components.content.evidence).toBe('ok');
    expect(r.components.content.score!).toBeGreaterThan(70);
    expect(r.metrics.behavioural).toBe(true);
    expect(r.metrics.star!.present).toEqual(['situation', 'task', 'action', 'result']);
    expect(r.components.language.evidence).toBe('ok');
    expect(r.components.delivery).toMatchObject({ score: null, evidence: 'insufficient' });
    expect(r.components.presence.evidence).toBe('insufficient');
    expect(Object.keys(r.overall.weights).sort()).toEqual(['content', 'language']);
    expect(r.overall.score).toBe(Math.round((35 * r.components.content.score! + 20 * r.components.language.score!) / 55));
  });

  it('an off-topic answer scores lower on content than an on-topic one', async () => {
    const off =
      'I enjoy playing cricket on weekends with my friends and I also like cooking new dishes. Last summer I travelled to Goa with my family and we spent a week on the beach.';
    const on = await scoreAnswer({ question, keyPoints, transcript: typed(answer), transcriptCorrected: false });
    const offr = await scoreAnswer({ question, keyPoints, transcript: typed(off), transcriptCorrected: false });
    expect(offr.components.content.score!).toBeLessThan(on.components.content.score! - 40);
    expect(offr.metrics.relevance.missingKeyPoints).toHaveLength(4);
  });

  it('grammar issues and fillers are returned with offsets into the transcript', async () => {
    const text = 'Um, so our clients was unhappy because there is many bugs, and I was like, really stressed. I fixed them and we shipped the release on time after that week.';
    const r = await scoreAnswer({ question, keyPoints, transcript: { ...typed(text), source: 'browser', confidence: null }, transcriptCorrected: true });
    expect(r.fillers.map((f) => text.slice(f.start, f.end).toLowerCase())).toEqual(['um', 'so', 'like']);
    const problems = r.grammarIssues.map((i) => text.slice(i.start, i.end));
    expect(problems).toContain('was');
    expect(problems).toContain('is');
  });

  it('a low-confidence recognised transcript that was not corrected gives "not enough evidence"', async () => {
    const t: Transcript = { text: answer, words: [], confidence: 0.3, source: 'pocketsphinx', lowConfidence: true };
    const r = await scoreAnswer({ question, keyPoints, transcript: t, transcriptCorrected: false });
    for (const c of ['content', 'delivery', 'language'] as const) expect(r.components[c].evidence).toBe('insufficient');
    expect(r.overall.score).toBeNull();
    const corrected = await scoreAnswer({ question, keyPoints, transcript: t, transcriptCorrected: true });
    expect(corrected.components.content.evidence).toBe('ok');
  });

  it('near-silent audio gives "not enough evidence" for delivery', async () => {
    const quiet = new Float32Array(16000 * 5).map((_, i) => 0.0003 * Math.sin(i / 5));
    const r = await scoreAnswer({ question, keyPoints, transcript: { ...typed(answer), source: 'browser', confidence: null }, transcriptCorrected: false, wav: Buffer.from(encodeWav(quiet, 16000)) });
    expect(r.metrics.audio!.nearSilent).toBe(true);
    expect(r.components.delivery.explanation).toMatch(/nearly silent/);
  });

  it('uses presence metrics passed in', async () => {
    const r = await scoreAnswer({
      question,
      keyPoints,
      transcript: typed(answer),
      transcriptCorrected: false,
      presence: { oneFaceRatio: 0.95, eyeContactRatio: 0.75, headMovement: 0.04, enoughEvidence: true, frames: 120 },
    });
    expect(r.components.presence.score).toBe(100);
    expect(Object.keys(r.overall.weights)).toContain('presence');
  });
});

const CLIP = '/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav';
const REF = 'and mister john dashwood had then leisure to consider how much there might be prudently in his power to do for them';
describe.skipIf(!existsSync(CLIP))(`scoreAnswer with real speech${existsSync(CLIP) ? '' : ' (skipped: pocketsphinx-testdata not installed)'}`, () => {
  it('measures delivery from a real recording and its browser transcript', async () => {
    const r = await scoreAnswer({
      question: 'Describe the character of John Dashwood.',
      keyPoints: ['he considered how much he could do for them'],
      transcript: { text: REF, words: [], confidence: 0.9, source: 'browser', lowConfidence: false },
      transcriptCorrected: false,
      wav: readFileSync(CLIP),
      shownAtMs: 0,
    });
    expect(r.components.delivery.evidence).toBe('ok');
    const wpm = r.metrics.fluency.wordsPerMinute!;
    expect(wpm).toBeGreaterThan(170); // 22 words in ≈ 6.9 s of speech
    expect(wpm).toBeLessThan(220);
    expect(r.metrics.reactionTimeMs!).toBeLessThan(500);
    expect(r.metrics.audio!.rmsDbfs!).toBeGreaterThan(-30);
    expect(r.components.delivery.measurements.find((m) => m.label === 'Pace')!.target).toBe('120–160');
  });

  it('decodes a non-WAV recording (Ogg/Opus, as browsers record) through ffmpeg', async () => {
    const ffmpeg = findExecutable('ffmpeg');
    if (!ffmpeg) return;
    const dir = mkdtempSync(join(tmpdir(), 'score-webm-'));
    try {
      const out = join(dir, 'answer.webm');
      execFileSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-i', CLIP, '-c:a', 'libopus', out]);
      const r = await scoreAnswer({
        question: 'Describe the character of John Dashwood.',
        keyPoints: [],
        transcript: { text: REF, words: [], confidence: 0.9, source: 'browser', lowConfidence: false },
        transcriptCorrected: false,
        wav: readFileSync(out),
      });
      expect(r.metrics.audio!.durationMs).toBeGreaterThan(6900);
      expect(r.components.delivery.evidence).toBe('ok');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
