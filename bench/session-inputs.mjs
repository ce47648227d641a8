// The inputs of a full 5-answer practice session, made at run time from Debian's
// pocketsphinx-testdata and the photos in @vladmandic/face-api/demo (nothing binary is in the repo).
// Used by bench/session.mjs (time) and bench/memory.mjs (the server's peak while scoring).
//
// - audio: the LibriVox and "cards" clips concatenated with sox in a different order per answer and
//   cut to 60 s; their reference transcripts stand in for the browser's live transcript;
// - frames: ffmpeg cuts 120 frames per answer (640×480 JPEG, 2 frames/s) from the demo photos: one
//   person per answer (five different people), face ≈ 180 px wide, the picture drifting a few pixels
//   per frame like a hand-held webcam, the other people in the photo painted grey.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const DATA = '/usr/share/pocketsphinx/test/data';

/** Where makeSessionAnswers leaves answer `i`'s recording and frames (0-based). */
export function answerFiles(dir, i) {
  return { wav: join(dir, `answer${i + 1}.wav`), frames: join(dir, `frames${i + 1}`) };
}

/** Answer `i` read back from its files, as the server reads an uploaded answer before scoring it. */
export function readAnswer(answer, dir, i) {
  const files = answerFiles(dir, i);
  const frames = readdirSync(files.frames)
    .sort()
    .map((f) => readFileSync(join(files.frames, f)));
  return { ...answer, wav: readFileSync(files.wav), frames };
}

/**
 * Five answers as ScoringPool.scoreSession takes them, built in `dir` (a fresh temporary folder).
 * Returns null (with the reason) when sox, ffmpeg or pocketsphinx-testdata is missing.
 */
export async function makeSessionAnswers(distRoot, dir) {
  const mod = (p) => import(pathToFileURL(join(distRoot, p)).href);
  const { discoverSttItems } = await mod('src/ml/speech/eval-stt.js');
  const { findExecutable } = await mod('src/ml/speech/transcriber.js');
  const sox = findExecutable('sox');
  const ffmpeg = findExecutable('ffmpeg');
  if (!sox || !ffmpeg) return { answers: null, missing: 'sox and ffmpeg are needed to build the recordings and frames' };
  let clips;
  try {
    clips = [...discoverSttItems(join(DATA, 'librivox')), ...discoverSttItems(join(DATA, 'cards'))];
  } catch {
    clips = [];
  }
  if (clips.length === 0) return { answers: null, missing: `pocketsphinx-testdata (${DATA}) is needed for the recordings` };
  const soxi = (f) => Number(execFileSync(sox, ['--i', '-D', f]).toString().trim());
  const durations = new Map(clips.map((c) => [c.audio, soxi(c.audio)]));

  // Five answers: rotate the clip order, append clips until ≥ 60 s, trim to exactly 60 s (the
  // transcript keeps only the clips that are fully inside the 60 s).
  const recordings = [];
  for (let a = 0; a < 5; a++) {
    const order = clips.map((_, i) => clips[(i * 3 + a * 2) % clips.length]);
    const chosen = [];
    let total = 0;
    for (let k = 0; total < 60; k++) {
      const c = order[k % order.length];
      chosen.push(c);
      total += durations.get(c.audio);
    }
    const out = answerFiles(dir, a).wav;
    execFileSync(sox, [...chosen.map((c) => c.audio), out, 'trim', '0', '60']);
    let t = 0;
    const words = [];
    for (const c of chosen) {
      t += durations.get(c.audio);
      if (t <= 60) words.push(c.reference.toLowerCase());
    }
    recordings.push({ wav: readFileSync(out), transcript: words.join(' ') });
  }

  // One person per answer: [photo, face box (x, y, w, h in the 1920-px original), other faces to grey].
  // Boxes from bench/vision.mjs (tiny face detector at 608, checked by eye).
  const SAMPLE3 = [
    [535, 349, 272, 280],
    [1015, 236, 301, 286],
    [1449, 323, 279, 277],
  ];
  const SAMPLE1 = [
    [404, 408, 236, 225],
    [811, 445, 264, 250],
    [1422, 206, 280, 270],
  ];
  const PEOPLE = [
    ['sample3.jpg', SAMPLE3, 1],
    ['sample1.jpg', SAMPLE1, 1],
    ['sample3.jpg', SAMPLE3, 0],
    ['sample1.jpg', SAMPLE1, 2],
    ['sample3.jpg', SAMPLE3, 2],
  ];
  const require = createRequire(join(root, 'package.json'));
  const DEMO = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');
  const photoSize = { 'sample1.jpg': [1920, 1280], 'sample3.jpg': [1920, 1350] };

  function makeFrames(a) {
    const [photo, boxes, index] = PEOPLE[a];
    const [bx, by, bw, bh] = boxes[index];
    const scale = 180 / bw;
    const grey = boxes
      .filter((_, j) => j !== index)
      .map(
        ([x, y, w, h]) =>
          `drawbox=x=${Math.round(x - w * 0.25)}:y=${Math.round(y - h * 0.25)}:w=${Math.round(w * 1.5)}:h=${Math.round(h * 1.5)}:color=gray:t=fill`,
      );
    const [pw, ph] = photoSize[photo];
    const sw = Math.round((pw * scale) / 2) * 2;
    const sh = Math.round((ph * scale) / 2) * 2;
    const cx = Math.round((bx + bw / 2) * scale - 320);
    const cy = Math.round((by + bh / 2) * scale - 220);
    const out = answerFiles(dir, a).frames;
    mkdirSync(out);
    // Drift: ±16 px sideways, ±6 px up/down, a different rhythm per answer (crop clips to the picture).
    const crop = `crop=640:480:x='${cx}+16*sin(n/${7 + a})':y='${cy}+6*sin(n/${5 + a})'`;
    execFileSync(ffmpeg, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-loop',
      '1',
      '-i',
      join(DEMO, photo),
      '-vf',
      [...grey, `scale=${sw}:${sh}`, crop].join(','),
      '-frames:v',
      '120',
      '-q:v',
      '4',
      join(out, '%03d.jpg'),
    ]);
    return readdirSync(out)
      .sort()
      .map((f) => readFileSync(join(out, f)));
  }

  // The recordings are read literature, so content (relevance to these questions) scores ≈ 0 — expected:
  // this benchmark is about time and memory; the component scores are tested in src/ml/scoring.
  const QUESTIONS = [
    [
      'Tell me about a time you handled a production incident.',
      ['found the root cause in the logs', 'rolled back the deployment', 'added monitoring or alerts', 'communicated with the team'],
    ],
    [
      'What is the difference between a process and a thread?',
      [
        'a process has its own memory address space',
        'threads share the memory of their process',
        'context switching between threads is cheaper',
      ],
    ],
    [
      'Describe a situation where you disagreed with your manager.',
      ['listened to the other view', 'used data to support the argument', 'agreed on a decision and committed'],
    ],
    [
      'How would you design a URL shortener?',
      ['hashing or base62 encoding of an id', 'a key-value store for the mapping', 'caching popular links', 'handling collisions'],
    ],
    ['Why do you want to work here?', ['knows the product', 'connects own skills to the role', 'mentions the team or culture']],
  ];
  return {
    answers: recordings.map((r, i) => ({
      question: QUESTIONS[i][0],
      keyPoints: QUESTIONS[i][1],
      transcript: { text: r.transcript, words: [], confidence: 0.9, source: 'browser', lowConfidence: false },
      transcriptCorrected: false,
      wav: r.wav,
      frames: makeFrames(i),
      expressionAnalysis: true,
      shownAtMs: 0,
    })),
    missing: null,
  };
}
