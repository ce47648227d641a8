import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import wavefile from 'wavefile';
import { analyzeAudio, analyzeWav, encodeWav, LONG_PAUSE_MS, readWav } from './audio.js';

const SR = 16000;
const tone = (seconds: number, hz = 220, amp = 0.5) => Array.from({ length: Math.round(seconds * SR) }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / SR));
const silence = (seconds: number) => new Array<number>(Math.round(seconds * SR)).fill(0);
/** Round-trips through a real 16-bit WAV file made with wavefile, as the app receives it. */
const viaWav = (samples: number[]) => readWav(encodeWav(samples, SR));

describe('analyzeAudio on synthetic tones', () => {
  it('a 0.5-amplitude 220 Hz sine reads −9.0 dBFS and 220 Hz, steady and monotone', () => {
    const { samples, sampleRate } = viaWav(tone(2));
    expect(sampleRate).toBe(SR);
    const m = analyzeAudio(samples, sampleRate);
    expect(m.rmsDbfs!).toBeCloseTo(-9.03, 1); // 20·log10(0.5/√2), no window
    expect(Math.abs(m.pitch.medianHz! - 220)).toBeLessThanOrEqual(1);
    expect(m.pitch.variationSemitones!).toBeLessThan(0.05);
    expect(m.pitch.monotone).toBe(true);
    expect(m.loudnessStdDb!).toBeLessThan(0.2);
    expect(m.speechOnsetMs).toBe(0);
    expect(m.speakingTimeMs).toBe(2000);
    expect(m.longPauseCount).toBe(0);
    expect(m.nearSilent).toBe(false);
  });

  it('a tone with a 3 s gap has one long pause and the right onset', () => {
    const { samples } = viaWav([...silence(0.5), ...tone(1), ...silence(3), ...tone(1), ...silence(0.5)]);
    const m = analyzeAudio(samples, SR);
    expect(m.speechOnsetMs).toBe(500);
    expect(m.longPauseCount).toBe(1);
    expect(m.longPauses[0]).toEqual({ startMs: 1500, endMs: 4500, durationMs: 3000 });
    expect(m.speakingTimeMs).toBe(2000);
    expect(m.voicedSegments).toHaveLength(2);
    expect(m.rmsDbfs!).toBeCloseTo(-9.03, 1); // silence is not averaged in
  });

  it('a pause of 1.5 s is not long; a short gap between "words" is not a pause at all', () => {
    const m = analyzeAudio(viaWav([...tone(1), ...silence(1.5), ...tone(1)]).samples, SR);
    expect(m.longPauseCount).toBe(0);
    expect(m.voicedSegments).toHaveLength(2);
    expect(1500).toBeLessThan(LONG_PAUSE_MS);
    const words = analyzeAudio(viaWav([...tone(0.4), ...silence(0.1), ...tone(0.4)]).samples, SR);
    expect(words.voicedSegments).toEqual([{ startMs: 0, endMs: 900 }]);
  });

  it('finds speech relative to the noise floor, not an absolute level', () => {
    // Quiet tone (−29 dBFS RMS) over steady noise at about −55 dBFS.
    let seed = 1;
    const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.004;
    const samples = [...silence(1), ...tone(1, 180, 0.05), ...silence(1)].map((x) => x + noise());
    const m = analyzeAudio(viaWav(samples).samples, SR);
    expect(m.speechOnsetMs).toBe(1000);
    expect(m.speakingTimeMs).toBe(1000);
    expect(m.rmsDbfs!).toBeCloseTo(-29, 0);
    expect(m.noiseFloorDbfs).toBeLessThan(-50);
    expect(Math.abs(m.pitch.medianHz! - 180)).toBeLessThanOrEqual(1);
  });

  it('near-silent audio is flagged and has no speech', () => {
    const m = analyzeAudio(viaWav(tone(3, 220, 0.0005)).samples, SR);
    expect(m.nearSilent).toBe(true);
    const empty = analyzeAudio(new Float32Array(SR), SR);
    expect(empty).toMatchObject({ nearSilent: true, speechOnsetMs: null, speakingTimeMs: 0, rmsDbfs: null });
  });

  it('measures pitch variation in semitones', () => {
    // Alternating 200 Hz and 250 Hz (3.86 semitones apart): σ ≈ 1.93 semitones around the median.
    const parts: number[] = [];
    for (let k = 0; k < 8; k++) parts.push(...tone(0.5, k % 2 ? 250 : 200));
    const m = analyzeAudio(viaWav(parts).samples, SR);
    expect(m.pitch.variationSemitones!).toBeGreaterThan(1.6);
    expect(m.pitch.variationSemitones!).toBeLessThan(2.2);
    expect(m.pitch.monotone).toBe(false);
  });
});

describe('readWav', () => {
  it('reads float and stereo WAVs as mono samples in [-1, 1]', () => {
    const left = new Float32Array(tone(1));
    const wav = new wavefile.WaveFile();
    wav.fromScratch(2, SR, '32f', [left, left]);
    const { samples, sampleRate } = readWav(wav.toBuffer());
    expect(sampleRate).toBe(SR);
    expect(samples.length).toBe(SR);
    expect(analyzeAudio(samples, sampleRate).rmsDbfs!).toBeCloseTo(-9.03, 2);
  });

  it('reads 16-bit PCM in place past other chunks, and a data chunk cut short, as wavefile does', () => {
    const left = tone(0.25).map((v) => Math.round(v * 32767));
    const right = left.map((v) => -v >> 1);
    const wav = new wavefile.WaveFile();
    wav.fromScratch(2, SR, '16', [left, right]);
    const plain = wav.toBuffer();
    // An odd-sized chunk (padded to even) between "fmt " and "data", as some recorders write.
    const extra = Uint8Array.from([...'junk'].map((c) => c.charCodeAt(0)).concat([3, 0, 0, 0, 1, 2, 3, 0]));
    const dataAt = 36;
    const withChunk = new Uint8Array(plain.length + extra.length);
    withChunk.set(plain.subarray(0, dataAt));
    withChunk.set(extra, dataAt);
    withChunk.set(plain.subarray(dataAt), dataAt + extra.length);
    const truncated = withChunk.subarray(0, withChunk.length - 1001); // mid-sample, as an upload cut off
    for (const bytes of [withChunk, truncated]) {
      const reference = new wavefile.WaveFile();
      reference.fromBuffer(bytes);
      const [l, r] = reference.getSamples(false, Float64Array) as unknown as Float64Array[];
      const { samples } = readWav(bytes);
      expect(samples.length).toBe(Math.floor((bytes.length - dataAt - extra.length - 8) / 4));
      for (const i of [0, 100, samples.length - 1]) expect(samples[i]).toBeCloseTo((l![i]! + r![i]!) / 2 / 32768, 6);
    }
  });
});

const LIBRIVOX = '/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav';
describe.skipIf(!existsSync(LIBRIVOX))(`real speech${existsSync(LIBRIVOX) ? '' : ' (skipped: pocketsphinx-testdata not installed)'}`, () => {
  it('a LibriVox clip: prompt onset, mostly voiced, male-range pitch, normal loudness', () => {
    const m = analyzeWav(LIBRIVOX);
    expect(m.durationMs).toBeCloseTo(7100, -1);
    expect(m.speechOnsetMs!).toBeLessThan(500);
    expect(m.speakingTimeMs).toBeGreaterThan(5000);
    expect(m.nearSilent).toBe(false);
    expect(m.rmsDbfs!).toBeGreaterThan(-35);
    expect(m.rmsDbfs!).toBeLessThan(-15);
    expect(m.pitch.medianHz!).toBeGreaterThan(70);
    expect(m.pitch.medianHz!).toBeLessThan(180);
    expect(m.pitch.monotone).toBe(false);
  });
});
