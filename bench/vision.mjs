// Vision pipeline benchmark (DESIGN.md §5): detect + 68 landmarks + expressions on 640×480 JPEG
// frames with one face. Target: ≥ 25 frames/s on 2 cores with the worker pool.
//
//   npm run bench -- vision [--quick]        (builds first; or: node bench/vision.mjs after npm run build)
//   VISION_BENCH_DIST=/other/build node bench/vision.mjs   (a different compiled tree; must contain src/ml)
//
// Frames are made at run time from the photos shipped in @vladmandic/face-api/demo (no binaries in
// the repo): a face scaled to a webcam-like width, cropped to 640×480 around it, the other people
// in the photo painted grey. Prints:
//   1. ms per frame on one worker (decode + detect + landmarks + expressions, plus messaging);
//   2. frames/s with a 2-worker pool for several settings, with wall-clock and CPU time (the
//      machine may be shared: the CPU-time figure is what 2 dedicated cores would give);
//   3. the accuracy cost of the faster settings: face recall on 63 positive frames (21 faces ×
//      120/180/240 px wide), false positives on 60 face-free frames, and for region tracking the
//      agreement with full detection on moving-face sequences.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const distRoot = process.env.VISION_BENCH_DIST ?? join(root, 'dist');
const poolModule = join(distRoot, 'src/ml/vision/vision-pool.js');
if (!existsSync(poolModule)) {
  console.error(`${poolModule} not found: run \`npm run build\` first (or set VISION_BENCH_DIST).`);
  process.exit(1);
}
const { VisionPool } = await import(pathToFileURL(poolModule).href);
const require = createRequire(join(root, 'package.json'));
const jpeg = require('jpeg-js');
const DEMO = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');
const QUICK = process.argv.includes('--quick');

// Face boxes in the demo photos (x, y, width, height in the 1920-px originals), from the tiny face
// detector at input 608 and checked by eye. Used to frame each face and grey out the others.
const FACES = {
  'sample1.jpg': [
    [404, 408, 236, 225],
    [811, 445, 264, 250],
    [1422, 206, 280, 270],
  ],
  'sample2.jpg': [
    [856, 272, 211, 198],
    [1428, 191, 252, 233],
    [350, 190, 180, 220],
  ], // last: a profile the detector misses; greyed, not a target
  'sample3.jpg': [
    [535, 349, 272, 280],
    [1015, 236, 301, 286],
    [1449, 323, 279, 277],
  ],
  'sample4.jpg': [
    [214, 243, 228, 219],
    [646, 106, 236, 229],
    [943, 223, 242, 223],
    [1250, 226, 197, 190],
  ],
  'sample5.jpg': [
    [324, 919, 266, 275],
    [568, 460, 242, 234],
    [753, 146, 207, 200],
    [1073, 235, 247, 231],
    [1375, 430, 249, 256],
  ],
  'sample6.jpg': [
    [196, 537, 285, 261],
    [615, 391, 271, 273],
    [1125, 357, 263, 260],
    [1444, 319, 270, 274],
  ],
};
const NOT_TARGETS = new Set(['sample2.jpg:2']);

// ---------- tiny image helpers (plain JS, so the main thread loads no model) ----------
const photos = new Map();
function photo(name) {
  if (!photos.has(name)) photos.set(name, jpeg.decode(readFileSync(join(DEMO, name)), { useTArray: true, formatAsRGBA: false }));
  return photos.get(name);
}

/** Bilinear resample of `src` by `scale`, with boxes (in source pixels) painted grey. */
function scaled(src, scale, grey) {
  const W = Math.round(src.width * scale);
  const H = Math.round(src.height * scale);
  const out = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    const sy = Math.min(src.height - 1.001, (y + 0.5) / scale - 0.5);
    const y0 = Math.max(0, Math.floor(sy));
    const fy = Math.max(0, sy - y0);
    for (let x = 0; x < W; x++) {
      const sx = Math.min(src.width - 1.001, (x + 0.5) / scale - 0.5);
      const x0 = Math.max(0, Math.floor(sx));
      const fx = Math.max(0, sx - x0);
      const o = (y * W + x) * 3;
      const hidden = grey.some(([gx, gy, gw, gh]) => sx >= gx && sx < gx + gw && sy >= gy && sy < gy + gh);
      for (let c = 0; c < 3; c++) {
        if (hidden) {
          out[o + c] = 128;
          continue;
        }
        const i00 = (y0 * src.width + x0) * 3 + c;
        const i01 = i00 + 3;
        const i10 = i00 + src.width * 3;
        const i11 = i10 + 3;
        out[o + c] = (src.data[i00] * (1 - fx) + src.data[i01] * fx) * (1 - fy) + (src.data[i10] * (1 - fx) + src.data[i11] * fx) * fy;
      }
    }
  }
  return { width: W, height: H, data: out };
}

/** 640×480 JPEG cut from `img` at (x0, y0) (clamped), plus the offset used. */
function frameAt(img, x0, y0, quality = 85) {
  const fw = Math.min(640, img.width);
  const fh = Math.min(480, img.height);
  x0 = Math.round(Math.min(Math.max(0, x0), img.width - fw));
  y0 = Math.round(Math.min(Math.max(0, y0), img.height - fh));
  const rgba = Buffer.alloc(fw * fh * 4, 255);
  for (let y = 0; y < fh; y++) {
    for (let x = 0; x < fw; x++) {
      const s = ((y0 + y) * img.width + x0 + x) * 3;
      const d = (y * fw + x) * 4;
      rgba[d] = img.data[s];
      rgba[d + 1] = img.data[s + 1];
      rgba[d + 2] = img.data[s + 2];
    }
  }
  return { jpeg: jpeg.encode({ data: rgba, width: fw, height: fh }, quality).data, x0, y0 };
}

const pad = ([x, y, w, h], p) => [x - w * p, y - h * p, w * (1 + 2 * p), h * (1 + 2 * p)];

/** One face of a photo scaled to `width` px, as a 640×480 frame; `shift` moves the window. */
function faceFrame(name, index, width, shift = [0, 0]) {
  const boxes = FACES[name];
  const [bx, by, bw, bh] = boxes[index];
  const scale = width / bw;
  const key = `${name}:${index}:${width}`;
  if (!scaledCache.has(key))
    scaledCache.set(
      key,
      scaled(
        photo(name),
        scale,
        boxes.filter((_, j) => j !== index).map((b) => pad(b, 0.25)),
      ),
    );
  const img = scaledCache.get(key);
  const cx = (bx + bw / 2) * scale;
  const cy = (by + bh / 2) * scale;
  const f = frameAt(img, cx - 320 - shift[0], cy - 220 - shift[1]);
  const target = [bx * scale - f.x0, by * scale - f.y0, bw * scale, bh * scale];
  return { jpeg: f.jpeg, target };
}
const scaledCache = new Map();

function faceFreeFrames() {
  const frames = [];
  for (const name of Object.keys(FACES)) {
    const img = scaled(
      photo(name),
      0.5,
      FACES[name].map((b) => pad(b, 0.4)),
    );
    for (const [x, y] of [
      [0, 0],
      [320, 0],
      [0, 200],
      [320, 200],
    ])
      frames.push(frameAt(img, x, y).jpeg);
    const full = scaled(
      photo(name),
      1,
      FACES[name].map((b) => pad(b, 0.4)),
    );
    for (const [x, y] of [
      [0, 0],
      [640, 0],
      [1280, 0],
      [0, 480],
      [640, 480],
      [1280, 480],
    ])
      frames.push(frameAt(full, x, y).jpeg);
  }
  return frames;
}

const targets = Object.entries(FACES).flatMap(([name, boxes]) =>
  boxes.map((_, i) => [name, i]).filter(([n, i]) => !NOT_TARGETS.has(`${n}:${i}`)),
);

// ---------- measurements ----------
const fmt = (v, d = 1) => v.toFixed(d);
const centreInside = (box, [x, y, w, h]) => {
  if (!box) return false;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return cx > x && cx < x + w && cy > y && cy < y + h;
};

async function timeRecording(pool, frames, opts) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await pool.analyzeRecording(frames, { chunkSize: 20, ...opts });
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { out, wall, cpuMs: (cpu.user + cpu.system) / 1000 };
}

console.log(
  `load average at start: ${loadavg()
    .map((v) => fmt(v, 2))
    .join(' ')} (${availableParallelism()} CPUs)`,
);
const benchFrame = faceFrame('sample3.jpg', 0, 180).jpeg;
writeFileSync(join(tmpdir(), 'vision-bench-frame.jpg'), benchFrame);
console.log(
  `test frame: 640×480 JPEG, ${(benchFrame.length / 1024).toFixed(0)} KB, one face ≈180 px wide (saved to ${join(tmpdir(), 'vision-bench-frame.jpg')})`,
);

const rssBefore = process.memoryUsage().rss;

// 1. One worker, one frame at a time.
{
  const pool = new VisionPool({ size: 1 });
  for (let i = 0; i < 5; i++) await pool.analyzeFrame(benchFrame);
  const n = QUICK ? 20 : 60;
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await pool.analyzeFrame(benchFrame);
    times.push(performance.now() - t0);
    if (r.faces !== 1) throw new Error('the benchmark frame should show one face');
  }
  times.sort((a, b) => a - b);
  console.log(
    `\n1 worker, one frame at a time: median ${fmt(times[n >> 1])} ms/frame, p90 ${fmt(times[Math.floor(n * 0.9)])} ms (${fmt(1000 / times[n >> 1])} frames/s)`,
  );
  await pool.close();
}

// 2. Two workers, a recording split into 20-frame chunks.
const CONFIGS = [
  { label: 'detector 224, every frame (default)', opts: {} },
  { label: 'detector 160, every frame', opts: { inputSize: 160 } },
  { label: 'detector 224 every 10th frame, 128 on the face region between', opts: { fullDetectEvery: 10 } },
  // The same setting with frames decoded in the worker by jpeg-js instead of in batches by ffmpeg.
  { label: '  … decoded by jpeg-js (no ffmpeg)', opts: { fullDetectEvery: 10, decoder: 'jpeg-js' }, decoderOnly: true },
  {
    label: 'detector 160 every 10th frame, 96 on the face region between',
    opts: { fullDetectEvery: 10, inputSize: 160, roiInputSize: 96 },
  },
];
const pool = new VisionPool({ size: 2 });
await Promise.all([pool.analyzeFrames([benchFrame, benchFrame]), pool.analyzeFrames([benchFrame, benchFrame])]);
const N = QUICK ? 80 : 240;
const recording = Array.from({ length: N }, () => benchFrame);
// Settings take turns, REPEATS rounds, best round kept: on a shared machine a burst of someone
// else's work then hurts one round, not one setting.
const REPEATS = Number(process.env.VISION_BENCH_REPEATS ?? (QUICK ? 1 : 3));
console.log(`\n2 workers, ${N} frames, best of ${REPEATS} rounds (target ≥ 25 frames/s):`);
const best = CONFIGS.map(() => ({ fps: 0, cpuFps: 0, found: 0 }));
for (let rep = 0; rep < REPEATS; rep++) {
  for (const [i, c] of CONFIGS.entries()) {
    const { out, wall, cpuMs } = await timeRecording(pool, recording, c.opts);
    const fps = (N / wall) * 1000;
    if (fps > best[i].fps) best[i] = { fps, cpuFps: (N / cpuMs) * 2000, found: out.filter((f) => f.faces === 1).length };
  }
}
for (const [i, c] of CONFIGS.entries()) {
  const b = best[i];
  console.log(
    `  ${c.label.padEnd(64)} ${fmt(b.fps).padStart(5)} frames/s wall, ${fmt(b.cpuFps).padStart(5)} frames/s by CPU time  (one face in ${b.found}/${N})  ${b.fps >= 25 ? 'meets target' : 'below target'}`,
  );
}
const mb = (b) => fmt(b / 1024 / 1024, 0);
console.log(
  `memory: process RSS ${mb(process.memoryUsage().rss)} MB with 2 vision workers loaded (${mb(rssBefore)} MB before the first worker started)`,
);

// 3. Accuracy cost.
console.log('\nAccuracy of the settings (reference: the photos\u2019 faces framed at 120/180/240 px wide):');
const positives = targets.flatMap(([name, i]) => [120, 180, 240].map((w) => ({ w, ...faceFrame(name, i, w) })));
const negatives = faceFreeFrames();
for (const c of CONFIGS.filter((c) => !c.opts.fullDetectEvery)) {
  const res = await Promise.all(positives.map((p) => pool.analyzeFrame(p.jpeg, c.opts)));
  const bySize = [120, 180, 240].map((w) => {
    const idx = positives.map((p, k) => (p.w === w ? k : -1)).filter((k) => k >= 0);
    return `${w}px ${idx.filter((k) => centreInside(res[k].box, positives[k].target)).length}/${idx.length}`;
  });
  const neg = await Promise.all(negatives.map((f) => pool.analyzeFrame(f, c.opts)));
  console.log(
    `  ${c.label.padEnd(40)} faces found: ${bySize.join(', ')}; false positives on face-free frames: ${neg.filter((r) => r.faces > 0).length}/${negatives.length}`,
  );
}

// Region tracking: sequences of 10 frames with the face drifting 12 px right and 6 px down per
// frame (500 ms apart), compared with full detection on every frame.
const sequences = targets.map(([name, i]) => Array.from({ length: 10 }, (_, k) => faceFrame(name, i, 180, [12 * k, 6 * k])));
const reference = await Promise.all(sequences.map((s) => pool.analyzeFrames(s.map((f) => f.jpeg))));
for (const c of CONFIGS.filter((c) => c.opts.fullDetectEvery && !c.decoderOnly)) {
  const got = await Promise.all(
    sequences.map((s) =>
      pool.analyzeFrames(
        s.map((f) => f.jpeg),
        c.opts,
      ),
    ),
  );
  let frames = 0,
    found = 0,
    refFound = 0,
    both = 0,
    sameDominant = 0,
    lmErr = 0;
  got.forEach((seq, si) =>
    seq.forEach((f, k) => {
      const ref = reference[si][k];
      const tgt = sequences[si][k].target;
      frames++;
      if (centreInside(f.box, tgt)) found++;
      if (centreInside(ref.box, tgt)) refFound++;
      if (f.landmarks && ref.landmarks && centreInside(f.box, tgt) && centreInside(ref.box, tgt)) {
        both++;
        const eye = Math.hypot(ref.landmarks[45][0] - ref.landmarks[36][0], ref.landmarks[45][1] - ref.landmarks[36][1]);
        lmErr += ref.landmarks.reduce((s, p, j) => s + Math.hypot(p[0] - f.landmarks[j][0], p[1] - f.landmarks[j][1]), 0) / 68 / eye;
        const dom = (e) => Object.entries(e).sort((a, b) => b[1] - a[1])[0][0];
        if (dom(f.expressions) === dom(ref.expressions)) sameDominant++;
      }
    }),
  );
  console.log(
    `  ${c.label}:\n    face found ${found}/${frames} (full detection: ${refFound}/${frames}); vs full detection: landmarks differ by ${fmt((lmErr / both) * 100)}% of the eye distance on average, same dominant expression in ${fmt((sameDominant / both) * 100)}% of frames`,
  );
}
await pool.close();
console.log(
  `\nload average at end: ${loadavg()
    .map((v) => fmt(v, 2))
    .join(' ')}`,
);
