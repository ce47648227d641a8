// The scoring pool on real inputs: read speech from Debian's pocketsphinx-testdata (with its
// reference transcript standing in for the browser's live transcript) and 640×480 camera-like
// JPEG frames cut with ffmpeg from a photo shipped in @vladmandic/face-api/demo.
//
// The worker must run as JavaScript (Node 20 cannot load .ts in a worker). As in
// vision/vision-pool.spec.ts, this test compiles just the worker's import graph with the project's
// compiler options (into node_modules/.cache/interview-insights-ml-scoring/, its own folder so the
// two specs can run in parallel) rather than depending on a possibly stale `dist/`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileWorker as compileWorkerFor } from '../testing/compile-worker.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerCrashedError } from '../pool.js';
import { findExecutable, type Transcript } from '../speech/transcriber.js';
import type { ScoringWorkerMemory } from './scoring.worker.js';
import {
  DEFAULT_SCORING_RESOURCE_LIMITS,
  ScoringError,
  ScoringPool,
  type ScoredAnswer,
  type ScoringAnswerInput,
} from './scoring-pool.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const DEMO = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');
const DATA = '/usr/share/pocketsphinx/test/data/librivox';
const FFMPEG = findExecutable('ffmpeg');
const SOX = findExecutable('sox');
const HAVE_DATA = existsSync(join(DATA, 'transcription'));
if (!HAVE_DATA)
  console.warn(
    `scoring-pool.spec: skipped — pocketsphinx-testdata is not installed (${DATA}; Debian: apt-get install pocketsphinx-testdata)`,
  );
else if (!FFMPEG) console.warn('scoring-pool.spec: skipped — ffmpeg is not installed (needed to make the test frames)');

const compileWorker = (): URL => compileWorkerFor(join(here, 'scoring.worker.ts'), 'interview-insights-ml-scoring');

/** Reference transcripts of the LibriVox clips, by file id. */
function references(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of readFileSync(join(DATA, 'transcription'), 'utf8').split('\n')) {
    const m = /^<s> (.*) <\/s> \((.+)\)$/.exec(line.trim());
    if (m) out.set(m[2]!, m[1]!);
  }
  return out;
}

/** One answer from LibriVox clips: WAV bytes (joined with sox when there are several) and their text. */
function speech(dir: string, name: string, ids: string[]): { wav: Buffer; text: string } {
  const refs = references();
  const files = ids.map((id) => join(DATA, `${id}.wav`));
  const used = SOX ? files : files.slice(0, 1);
  let wavPath = used[0]!;
  if (used.length > 1) {
    wavPath = join(dir, `${name}.wav`);
    execFileSync(SOX!, [...used, wavPath]);
  }
  const text = ids
    .slice(0, used.length)
    .map((id) => refs.get(id)!)
    .join(' ');
  return { wav: readFileSync(wavPath), text };
}

/**
 * `count` 640×480 JPEGs of one face (sample3.jpg, the smiling woman, ≈ 180 px wide) drifting a few
 * pixels per frame like a webcam picture; the two other people in the photo are painted grey.
 */
function frames(dir: string, count: number): Buffer[] {
  const out = join(dir, 'frames');
  mkdirSync(out);
  execFileSync(FFMPEG!, [
    '-hide_banner', '-loglevel', 'error', '-loop', '1', '-i', join(DEMO, 'sample3.jpg'),
    '-vf', "drawbox=x=467:y=279:w=408:h=420:color=gray:t=fill,drawbox=x=1379:y=254:w=419:h=415:color=gray:t=fill,scale=1152:810,crop=640:480:x='379+16*sin(n/7)':y='10+6*sin(n/5)'",
    '-frames:v', String(count), '-q:v', '4', join(out, '%03d.jpg'),
  ]); // prettier-ignore
  return readdirSync(out)
    .sort()
    .map((f) => readFileSync(join(out, f)));
}

const browser = (text: string): Transcript => ({ text, words: [], confidence: 0.9, source: 'browser', lowConfidence: false });
const withoutTimings = ({ timingsMs: _t, ...rest }: ScoredAnswer) => rest;

describe.skipIf(!HAVE_DATA || !FFMPEG)('ScoringPool (compiled scoring.worker.js, real speech and frames)', () => {
  let pool: ScoringPool;
  let workerUrl: URL;
  let tmp: string;
  let answerA: ScoringAnswerInput;
  let answerB: ScoringAnswerInput;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'scoring-pool-spec-'));
    const a = speech(tmp, 'a', [
      'sense_and_sensibility_01_austen_64kb-0870',
      'sense_and_sensibility_01_austen_64kb-0880',
      'sense_and_sensibility_01_austen_64kb-0890',
    ]);
    const b = speech(tmp, 'b', [
      'sense_and_sensibility_01_austen_64kb-0920',
      'sense_and_sensibility_01_austen_64kb-0930',
      'sense_and_sensibility_01_austen_64kb-0870',
    ]);
    const jpegs = frames(tmp, 20);
    answerA = {
      question: 'Tell me about a time you had to decide how much to help your family.',
      keyPoints: ['considered what was prudently in his power', 'thought about his own interests'],
      transcript: browser(a.text),
      transcriptCorrected: false,
      wav: a.wav,
      frames: jpegs,
      expressionAnalysis: true,
      shownAtMs: 0,
    };
    answerB = {
      question: 'How would you describe a respectable person?',
      keyPoints: ['marriage', 'being amiable'],
      transcript: browser(b.text),
      transcriptCorrected: false,
      wav: b.wav,
      frames: jpegs.slice(0, 12).reverse(),
      expressionAnalysis: true,
    };
    workerUrl = compileWorker();
    pool = new ScoringPool({ workerUrl, size: 2, chunkSize: 8, testHooks: true });
    await pool.warmUp();
  });
  afterAll(async () => {
    await pool?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('scores delivery, language, content and presence from real speech and frames', async () => {
    const r = await pool.scoreAnswer(answerA);
    expect(r.metrics.audio).not.toBeNull();
    expect(r.metrics.audio!.durationMs).toBeGreaterThan(10_000);
    for (const c of ['delivery', 'language', 'content'] as const) {
      expect(r.components[c].evidence, `${c}: ${r.components[c].explanation}`).toBe('ok');
      expect(r.components[c].score).toEqual(expect.any(Number));
    }
    expect(r.metrics.fluency.wordsPerMinute).toBeGreaterThan(60);
    expect(r.presence).not.toBeNull();
    expect(r.presence!.frames).toBe(20);
    expect(r.presence!.enoughEvidence).toBe(true);
    expect(r.presence!.oneFaceRatio).toBeGreaterThan(0.8);
    expect(r.components.presence.evidence).toBe('ok');
    expect(r.overall.weights.presence).toBeGreaterThan(0);
    expect(r.timingsMs.vision).toBeGreaterThan(0);

    const health = pool.describe();
    expect(['wasm', 'tensorflow']).toContain(health.backend);
    expect(health.workers).toBe(2);
    expect(health.loaded).toEqual(['face-api', 'harper']);
  });

  it('reports each worker\u2019s memory as V8 counts it (the bench/memory.mjs breakdown)', async () => {
    const [language, vision] = await Promise.all([
      pool.runTask<ScoringWorkerMemory>({ kind: 'memory' }, 'language'),
      pool.runTask<ScoringWorkerMemory>({ kind: 'memory' }, 'vision'),
    ]);
    expect(language.status.threadId).not.toBe(vision.status.threadId);
    expect(language.status.loaded).toContain('harper');
    expect(language.value.external).toBeGreaterThan(100); // harper's WebAssembly memory alone
    for (const { value, status } of [language, vision]) {
      expect(value.heap).toBeGreaterThan(5);
      if (status.backend?.name === 'wasm') expect(value.tfjsWasm).toBeGreaterThan(1);
      else expect(value.tfjsWasm).toBeNull();
    }
  });

  it('merges presence into the worker\u2019s score exactly as the in-process scoreAnswer() does', async () => {
    const pooled = await pool.scoreAnswer(answerA);
    const { scoreAnswer } = await import('./score-answer.js'); // loads harper in this test process only
    const { frames: _frames, expressionAnalysis: _on, ...rest } = answerA;
    const local = await scoreAnswer({ ...rest, presence: pooled.presence });
    const { timingsMs: _t, presence: _p, ...pooledScore } = pooled;
    const { timingsMs: _lt, ...localScore } = local;
    expect(pooledScore).toEqual(localScore);
  }, 60_000);

  it('with expression analysis off, looks at no frame and reports presence as not enabled', async () => {
    const on = await pool.scoreAnswer(answerA);
    const off = await pool.scoreAnswer({ ...answerA, expressionAnalysis: false });
    expect(off.presence).toBeNull();
    expect(off.timingsMs.vision).toBe(0);
    expect(off.components.presence).toMatchObject({ score: null, evidence: 'insufficient' });
    expect(off.components.presence.explanation).toMatch(/not enabled/);
    expect(off.overall.weights.presence).toBeUndefined();
    // Everything else is the same answer.
    expect(off.components.delivery).toEqual(on.components.delivery);
    expect(off.components.language).toEqual(on.components.language);
    expect(off.grammarIssues).toEqual(on.grammarIssues);
  });

  it('is idempotent: answers scored in parallel equal the same answers scored one by one', async () => {
    const parallel = await pool.scoreSession([answerA, answerB, answerA]);
    const oneByOne: ScoredAnswer[] = [];
    for (const a of [answerA, answerB]) oneByOne.push(await pool.scoreAnswer(a));
    expect(parallel.map(withoutTimings)).toEqual([...oneByOne, oneByOne[0]!].map(withoutTimings));
    expect(answerA.frames![0]!.byteLength).toBeGreaterThan(1000); // the caller's bytes were copied, not detached
    expect(answerA.wav!.byteLength).toBeGreaterThan(1000);
  });

  it('replaces a worker killed mid-task: that task rejects clearly, the next one succeeds', async () => {
    const killed = pool.runTask({ kind: 'exit', code: 7, afterMs: 50 });
    await expect(killed).rejects.toBeInstanceOf(WorkerCrashedError);
    await expect(killed).rejects.toThrow(/stopped \(exit code 7\); it has been replaced/);
    const r = await pool.scoreAnswer(answerB); // the language worker is new: it reloads harper
    expect(r.components.language.evidence).toBe('ok');
    expect(withoutTimings(r)).toEqual(withoutTimings(await pool.scoreAnswer(answerB)));
  }, 120_000);

  it('turns a worker killed by the task time-out into a retryable ScoringError', async () => {
    const impatient = new ScoringPool({ workerUrl, size: 1, taskTimeoutMs: 100 });
    try {
      const err: unknown = await impatient.scoreAnswer(answerB).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ScoringError);
      expect((err as ScoringError).retryable).toBe(true);
      expect((err as ScoringError).message).toMatch(/interrupted and can be retried: .*task exceeded 100 ms/);
      expect((err as ScoringError).cause).toBeInstanceOf(WorkerCrashedError);
    } finally {
      await impatient.close();
    }
  });

  it('refuses the test-only exit task without testHooks, and bad input before any work', async () => {
    const plain = new ScoringPool({ workerUrl, size: 1 });
    try {
      await expect(plain.runTask({ kind: 'exit' })).rejects.toThrow(/for tests only/);
      await expect(plain.scoreAnswer({ ...answerA, frames: ['x' as never] })).rejects.toThrow(TypeError);
    } finally {
      await plain.close();
    }
  }, 60_000);
});

describe('ScoringPool worker limits', () => {
  // A stand-in worker (the pool's message protocol, no models) that answers with its own V8 limits.
  const limitsWorker = new URL(
    'data:text/javascript,' +
      encodeURIComponent(`
        import { parentPort, resourceLimits, threadId } from 'node:worker_threads';
        parentPort.on('message', ({ id }) => parentPort.postMessage({
          id, ok: true, result: { value: resourceLimits, status: { threadId, role: 'language', backend: null, loaded: [] }, ms: 0 },
        }));`),
  );
  const limitsOf = async (pool: ScoringPool, lane: 'language' | 'vision') => {
    try {
      return (await pool.runTask<{ maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number }>({ kind: 'status' }, lane)).value;
    } finally {
      await pool.close();
    }
  };

  it('caps every worker\u2019s young generation by default; a caller\u2019s limits are merged over it', async () => {
    const young = DEFAULT_SCORING_RESOURCE_LIMITS.maxYoungGenerationSizeMb!;
    expect(young).toBeLessThan(48); // Node 20's default for a worker on this kind of machine
    expect((await limitsOf(new ScoringPool({ workerUrl: limitsWorker, size: 2 }), 'language')).maxYoungGenerationSizeMb).toBe(young);
    expect((await limitsOf(new ScoringPool({ workerUrl: limitsWorker, size: 2 }), 'vision')).maxYoungGenerationSizeMb).toBe(young);
    const merged = await limitsOf(
      new ScoringPool({ workerUrl: limitsWorker, size: 1, resourceLimits: { maxOldGenerationSizeMb: 512 } }),
      'language',
    );
    expect(merged).toMatchObject({ maxYoungGenerationSizeMb: young, maxOldGenerationSizeMb: 512 });
    const own = await limitsOf(
      new ScoringPool({ workerUrl: limitsWorker, size: 1, resourceLimits: { maxYoungGenerationSizeMb: 16 } }),
      'language',
    );
    expect(own.maxYoungGenerationSizeMb).toBe(16);
  });
});

describe('ScoringPool scheduling', () => {
  // A stand-in worker: warming up takes a moment, any other task answers at once.
  const slowWarmUp = new URL(
    'data:text/javascript,' +
      encodeURIComponent(`
        import { parentPort, threadId } from 'node:worker_threads';
        parentPort.on('message', ({ id, task }) => setTimeout(() => parentPort.postMessage({
          id, ok: true, result: { value: task.kind, status: { threadId, role: 'language', backend: null, loaded: [] }, ms: 0 },
        }), task.kind === 'warmUp' ? 300 : 0));`),
  );

  it('runs a job submitted while the workers warm up once they are warm (the server warms up as answers left queued resume)', async () => {
    const pool = new ScoringPool({ workerUrl: slowWarmUp, size: 1 });
    try {
      const warming = pool.warmUp({ vision: false });
      const job = pool.runTask<string>({ kind: 'status' });
      const stuck = new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 3000).unref());
      await warming;
      expect(await Promise.race([job.then((r) => r.value), stuck])).toBe('status');
    } finally {
      await pool.close();
    }
  });
});
