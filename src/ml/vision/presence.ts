// Summarises per-frame face analyses of one answer into observable presence measurements.
// Pure functions: no models, no I/O. Everything reported is behaviour that can be seen in the
// frames (face visible, head orientation, expression class), never a claim about feelings.
import type { FrameAnalysis } from './analyze-frame.js';

export type ExpressionGroup = 'neutral' | 'smiling' | 'surprised' | 'negative';

export interface PresenceMetrics {
  frames: number;
  oneFaceRatio: number;
  noFaceRatio: number;
  multiFaceRatio: number;
  /** Share of one-face frames whose yaw and pitch are within the thresholds of the calibration baseline. */
  eyeContactRatio: number;
  /** Mean over consecutive one-face frame pairs of |Δyaw| + |Δpitch| (normalised units). */
  headMovement: number;
  /** Down-then-up swings of pitch of at least NOD_PITCH_DELTA each. */
  nods: number;
  /** Share of one-face frames whose dominant expression falls in each group. */
  expressionShares: Record<ExpressionGroup, number>;
  timeline: Array<{ tMs: number; face: boolean; dominant: ExpressionGroup | null; eyeContact: boolean }>;
  /** False when fewer than half the frames show exactly one face. */
  enoughEvidence: boolean;
}

export interface PresenceOptions {
  /** Time between frames (the browser sends one every 500 ms). */
  frameIntervalMs?: number;
  /** How many of the first one-face frames define the "facing the camera" baseline. */
  calibrationFrames?: number;
}

/**
 * Yaw = nose-tip offset from the eye-corner midpoint / eye distance ≈ 0.4·tan(head yaw) for a
 * typical face (nose tip ≈ 0.4 eye distances in front of the eye corners), so 0.12 ≈ 17° of
 * head turn from the calibrated pose. PROBE-NOTES: frontal faces read 0–0.07, turned 0.2–0.5,
 * so the threshold sits between the two.
 */
export const EYE_CONTACT_YAW_TOLERANCE = 0.12;
/**
 * Pitch = (nose − eye midpoint) / (chin − eye midpoint) changes by ≈0.075 for 15° of head tilt
 * (nose depth ≈ 0.3 of the eye-to-chin height). 0.08 ≈ 15°: glancing at notes or the keyboard
 * leaves the band, small nods while speaking do not.
 */
export const EYE_CONTACT_PITCH_TOLERANCE = 0.08;
/**
 * A nod must move the pitch down and back up by at least this much (≈12° each way). At 2 frames/s
 * only deliberate, slower nods are sampled; landmark jitter on a still face is ≈0.01–0.02.
 */
export const NOD_PITCH_DELTA = 0.06;
/** Default calibration: the first 3 s of the answer at 2 frames/s, when people face the camera. */
export const DEFAULT_CALIBRATION_FRAMES = 6;
export const DEFAULT_FRAME_INTERVAL_MS = 500;

const GROUP_OF: Record<string, ExpressionGroup> = {
  neutral: 'neutral',
  happy: 'smiling',
  surprised: 'surprised',
  sad: 'negative',
  angry: 'negative',
  fearful: 'negative',
  disgusted: 'negative',
};

/** The group of the most probable expression, or null without expressions. */
export function dominantGroup(expressions: FrameAnalysis['expressions']): ExpressionGroup | null {
  if (!expressions) return null;
  let best: string | null = null;
  let bestP = -Infinity;
  for (const [name, p] of Object.entries(expressions)) {
    if (p > bestP) {
      bestP = p;
      best = name;
    }
  }
  return best === null ? null : (GROUP_OF[best] ?? null);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function hasPose(f: FrameAnalysis): f is FrameAnalysis & { yaw: number; pitch: number } {
  return typeof f.yaw === 'number' && typeof f.pitch === 'number' && Number.isFinite(f.yaw) && Number.isFinite(f.pitch);
}

/**
 * Counts down-up swings with hysteresis: from the lowest pitch seen, a rise of ≥ delta marks
 * "down"; from the highest pitch since then, a fall of ≥ delta completes one nod. A frame
 * without a single face breaks the run (the swing cannot be followed through a gap).
 */
export function countNods(pitches: Array<number | null>, delta = NOD_PITCH_DELTA): number {
  let nods = 0;
  let low: number | null = null;
  let high: number | null = null; // set while in the "down" phase
  for (const p of pitches) {
    if (p === null) {
      low = null;
      high = null;
      continue;
    }
    if (low === null) {
      low = p;
      continue;
    }
    if (high === null) {
      if (p < low) low = p;
      else if (p - low >= delta) high = p;
    } else if (p > high) {
      high = p;
    } else if (high - p >= delta) {
      nods++;
      low = p;
      high = null;
    }
  }
  return nods;
}

export function summarizePresence(frames: FrameAnalysis[], opts: PresenceOptions = {}): PresenceMetrics {
  const interval = opts.frameIntervalMs ?? DEFAULT_FRAME_INTERVAL_MS;
  const calibrationFrames = Math.max(1, opts.calibrationFrames ?? DEFAULT_CALIBRATION_FRAMES);
  const n = frames.length;
  const one = frames.filter((f) => f.faces === 1);
  const none = frames.filter((f) => f.faces === 0).length;
  const multi = frames.filter((f) => f.faces > 1).length;
  const ratio = (k: number, of: number): number => (of > 0 ? k / of : 0);

  const calibration = one.filter(hasPose).slice(0, calibrationFrames);
  const baseline =
    calibration.length > 0 ? { yaw: median(calibration.map((f) => f.yaw)), pitch: median(calibration.map((f) => f.pitch)) } : undefined;
  const lookingAtCamera = (f: FrameAnalysis): boolean =>
    baseline !== undefined &&
    hasPose(f) &&
    Math.abs(f.yaw - baseline.yaw) <= EYE_CONTACT_YAW_TOLERANCE &&
    Math.abs(f.pitch - baseline.pitch) <= EYE_CONTACT_PITCH_TOLERANCE;

  // Head movement over consecutive frames that both show exactly one face with a pose.
  let moveSum = 0;
  let movePairs = 0;
  for (let i = 1; i < n; i++) {
    const a = frames[i - 1]!;
    const b = frames[i]!;
    if (a.faces === 1 && b.faces === 1 && hasPose(a) && hasPose(b)) {
      moveSum += Math.abs(b.yaw - a.yaw) + Math.abs(b.pitch - a.pitch);
      movePairs++;
    }
  }

  const nods = countNods(frames.map((f) => (f.faces === 1 && hasPose(f) ? f.pitch : null)));

  const groupCounts: Record<ExpressionGroup, number> = { neutral: 0, smiling: 0, surprised: 0, negative: 0 };
  for (const f of one) {
    const g = dominantGroup(f.expressions);
    if (g) groupCounts[g]++;
  }

  return {
    frames: n,
    oneFaceRatio: ratio(one.length, n),
    noFaceRatio: ratio(none, n),
    multiFaceRatio: ratio(multi, n),
    eyeContactRatio: ratio(one.filter(lookingAtCamera).length, one.length),
    headMovement: ratio(moveSum, movePairs),
    nods,
    expressionShares: {
      neutral: ratio(groupCounts.neutral, one.length),
      smiling: ratio(groupCounts.smiling, one.length),
      surprised: ratio(groupCounts.surprised, one.length),
      negative: ratio(groupCounts.negative, one.length),
    },
    // The timeline describes the biggest face whenever one is visible, for the report's chart.
    timeline: frames.map((f, i) => ({
      tMs: i * interval,
      face: f.faces >= 1,
      dominant: f.faces >= 1 ? dominantGroup(f.expressions) : null,
      eyeContact: f.faces >= 1 && lookingAtCamera(f),
    })),
    enoughEvidence: n > 0 && one.length * 2 >= n,
  };
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** Mean |Δyaw| + |Δpitch| per frame below this reads as "little" movement (landmark jitter ≈ 0.02). */
export const HEAD_MOVEMENT_LOW = 0.04;
/** Above this, "a lot": e.g. repeatedly turning ≈15° between frames. */
export const HEAD_MOVEMENT_HIGH = 0.12;

/**
 * Plain sentences about what the camera saw. They describe behaviour ("looking towards the
 * camera", "smiling") and never feelings or character.
 */
export function describePresence(m: PresenceMetrics): string[] {
  if (m.frames === 0) return ['No video frames were recorded for this answer.'];
  const out: string[] = [];
  const visible = 'of the frames where your face was visible';
  out.push(`Exactly one face was visible in ${pct(m.oneFaceRatio)} of frames.`);
  if (m.noFaceRatio > 0) out.push(`No face was visible in ${pct(m.noFaceRatio)} of frames.`);
  if (m.multiFaceRatio > 0) out.push(`More than one face was visible in ${pct(m.multiFaceRatio)} of frames.`);
  if (!m.enoughEvidence) {
    out.push('Your face was visible in fewer than half of the frames, so there is not enough evidence to score presence.');
    return out;
  }
  out.push(`You were looking towards the camera in ${pct(m.eyeContactRatio)} ${visible}.`);
  out.push(`You were smiling in ${pct(m.expressionShares.smiling)} ${visible}.`);
  out.push(`Your expression was neutral in ${pct(m.expressionShares.neutral)} ${visible}.`);
  if (m.expressionShares.surprised > 0) {
    out.push(`Raised eyebrows or an open mouth (a "surprised" expression) showed in ${pct(m.expressionShares.surprised)} ${visible}.`);
  }
  if (m.expressionShares.negative > 0) {
    out.push(`A frowning or tense expression showed in ${pct(m.expressionShares.negative)} ${visible}.`);
  }
  const movement = m.headMovement < HEAD_MOVEMENT_LOW ? 'little' : m.headMovement > HEAD_MOVEMENT_HIGH ? 'a lot' : 'a moderate amount';
  out.push(`Your head moved ${movement} between frames.`);
  if (m.nods > 0) out.push(`You nodded ${m.nods === 1 ? 'once' : `${m.nods} times`}.`);
  return out;
}
