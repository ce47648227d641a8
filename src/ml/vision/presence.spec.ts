import { describe, expect, it } from 'vitest';
import type { Expressions, FrameAnalysis } from './analyze-frame.js';
import {
  countNods,
  describePresence,
  EYE_CONTACT_PITCH_TOLERANCE,
  EYE_CONTACT_YAW_TOLERANCE,
  NOD_PITCH_DELTA,
  summarizePresence,
} from './presence.js';

function expr(dominant: keyof Expressions): Expressions {
  const e: Expressions = { neutral: 0.05, happy: 0.05, surprised: 0.05, sad: 0.05, angry: 0.05, fearful: 0.05, disgusted: 0.05 };
  e[dominant] = 0.7;
  return e;
}

function face(yaw = 0, pitch = 0.4, dominant: keyof Expressions = 'neutral'): FrameAnalysis {
  return { faces: 1, yaw, pitch, expressions: expr(dominant) };
}
const noFace: FrameAnalysis = { faces: 0 };
const twoFaces: FrameAnalysis = { faces: 2, yaw: 0, pitch: 0.4, expressions: expr('happy') };

describe('summarizePresence', () => {
  it('computes exact face ratios, expression shares and a timeline', () => {
    const frames = [
      face(0, 0.4, 'neutral'),
      face(0, 0.4, 'happy'),
      face(0, 0.4, 'sad'),
      face(0, 0.4, 'surprised'),
      noFace,
      twoFaces,
      face(0, 0.4, 'happy'),
      face(0, 0.4, 'angry'),
    ];
    const m = summarizePresence(frames, { frameIntervalMs: 250 });
    expect(m.frames).toBe(8);
    expect(m.oneFaceRatio).toBe(6 / 8);
    expect(m.noFaceRatio).toBe(1 / 8);
    expect(m.multiFaceRatio).toBe(1 / 8);
    expect(m.expressionShares).toEqual({ neutral: 1 / 6, smiling: 2 / 6, surprised: 1 / 6, negative: 2 / 6 });
    expect(m.timeline).toHaveLength(8);
    expect(m.timeline[4]).toEqual({ tMs: 1000, face: false, dominant: null, eyeContact: false });
    expect(m.timeline[1]).toEqual({ tMs: 250, face: true, dominant: 'smiling', eyeContact: true });
    // The timeline still describes the biggest face in a two-face frame.
    expect(m.timeline[5]!.dominant).toBe('smiling');
    expect(m.enoughEvidence).toBe(true);
  });

  it('measures eye contact against the median of the calibration frames', () => {
    // Baseline from the first 6 one-face frames: this person's "straight ahead" reads yaw 0.1, pitch 0.45.
    const calib = [0.08, 0.1, 0.12, 0.1, 0.09, 0.11].map((y) => face(y, 0.45));
    const away = [
      face(0.1 + EYE_CONTACT_YAW_TOLERANCE + 0.05, 0.45), // turned
      face(0.1, 0.45 + EYE_CONTACT_PITCH_TOLERANCE + 0.05), // looking down
      face(0.1 - EYE_CONTACT_YAW_TOLERANCE - 0.05, 0.45), // turned the other way
    ];
    const towards = [face(0.1 + EYE_CONTACT_YAW_TOLERANCE - 0.02, 0.45 - EYE_CONTACT_PITCH_TOLERANCE + 0.02)];
    const m = summarizePresence([...calib, ...away, noFace, ...towards]);
    // 7 of the 10 one-face frames face the camera; the no-face frame is not counted either way.
    expect(m.eyeContactRatio).toBeCloseTo(7 / 10, 10);
    expect(m.timeline.map((t) => t.eyeContact)).toEqual([true, true, true, true, true, true, false, false, false, false, true]);
  });

  it('uses the number of calibration frames asked for', () => {
    const frames = [face(0.3), face(0.3), face(0), face(0), face(0)];
    expect(summarizePresence(frames, { calibrationFrames: 2 }).eyeContactRatio).toBe(2 / 5);
    expect(summarizePresence(frames, { calibrationFrames: 5 }).eyeContactRatio).toBe(3 / 5);
  });

  it('averages head movement over consecutive one-face frames only', () => {
    const frames = [face(0, 0.4), face(0.1, 0.4), face(0.1, 0.5), noFace, face(0.5, 0.9), face(0.5, 0.9)];
    // pairs: (0→1) 0.1, (1→2) 0.1, (4→5) 0; pairs across the gap are skipped.
    expect(summarizePresence(frames).headMovement).toBeCloseTo(0.2 / 3, 10);
  });

  it('counts down-up nods that exceed the threshold, not jitter', () => {
    const d = NOD_PITCH_DELTA;
    const base = 0.4;
    const pitches = [base, base + d + 0.01, base, base + 0.01, base + d + 0.02, base + d + 0.03, base + 0.005, base];
    const frames = pitches.map((p) => face(0, p));
    expect(summarizePresence(frames).nods).toBe(2);
    // Jitter below the threshold is not a nod.
    expect(countNods([0.4, 0.43, 0.4, 0.43, 0.4, 0.43, 0.4])).toBe(0);
    // Going down and staying down is half a nod.
    expect(countNods([0.4, 0.5, 0.5, 0.5])).toBe(0);
    // A frame without a face breaks the swing.
    expect(countNods([0.4, 0.5, null, 0.4])).toBe(0);
  });

  it('has enough evidence at exactly half one-face frames, not below', () => {
    expect(summarizePresence([face(), face(), noFace, twoFaces]).enoughEvidence).toBe(true);
    expect(summarizePresence([face(), noFace, noFace, twoFaces]).enoughEvidence).toBe(false);
    expect(summarizePresence([face(), face(), noFace, noFace, noFace]).enoughEvidence).toBe(false);
    expect(summarizePresence([]).enoughEvidence).toBe(false);
    expect(summarizePresence([]).oneFaceRatio).toBe(0);
  });

  it('treats one-face frames without a pose as not looking at the camera', () => {
    const m = summarizePresence([face(0, 0.4), { faces: 1, expressions: expr('neutral') }]);
    expect(m.eyeContactRatio).toBe(0.5);
  });
});

describe('describePresence', () => {
  const forbidden = /nervous|confident|happy|sad|angry|anxious|calm|feel|felt|seemed|emotion|fear/i;

  it('reports observable behaviour in percentages', () => {
    const frames = [...Array.from({ length: 8 }, () => face(0, 0.4, 'neutral')), face(0, 0.4, 'happy'), face(0.5, 0.4, 'sad')];
    const lines = describePresence(summarizePresence(frames));
    expect(lines).toContain('You were looking towards the camera in 90% of the frames where your face was visible.');
    expect(lines).toContain('You were smiling in 10% of the frames where your face was visible.');
    expect(lines).toContain('A frowning or tense expression showed in 10% of the frames where your face was visible.');
    for (const l of lines) expect(l).not.toMatch(forbidden);
  });

  it('says when there is not enough evidence instead of describing the face', () => {
    const lines = describePresence(summarizePresence([face(), noFace, noFace]));
    expect(lines.join(' ')).toMatch(/not enough evidence/);
    expect(lines.join(' ')).not.toMatch(/smiling/);
    expect(describePresence(summarizePresence([]))).toEqual(['No video frames were recorded for this answer.']);
  });

  it('mentions nods when there were any', () => {
    const d = NOD_PITCH_DELTA + 0.02;
    const lines = describePresence(summarizePresence([0.4, 0.4 + d, 0.4].map((p) => face(0, p))));
    expect(lines).toContain('You nodded once.');
  });
});
