import { describe, expect, it } from 'vitest';
import { timesAt, type TimedWord } from './word-times.js';

const heard: TimedWord[] = [
  ['i', 1000, 1200],
  ['worked', 1200, 1600],
  ['on', 1600, 1700],
  ['the', 1700, 1800],
  ['payment', 1800, 2300],
  ['service', 2300, 2900],
];

describe('timesAt', () => {
  it('gives the recognised start time of each word of an unchanged transcript', () => {
    const text = 'i worked on the payment service';
    expect(timesAt(text, heard, [0, 2, text.indexOf('service')])).toEqual([1000, 1200, 2300]);
  });

  it('places words the member added between their aligned neighbours, and ignores case and punctuation', () => {
    const text = 'I worked, um, like on the Payment service.';
    const [um, like, payment] = timesAt(text, heard, [text.indexOf('um'), text.indexOf('like'), text.indexOf('Payment')]);
    // "um" and "like" lie between "worked" (ends 1600) and "on" (starts 1600): both at 1600.
    expect([um, like, payment]).toEqual([1600, 1600, 1800]);
    const spread = 'i worked um uh er on the payment service';
    // Three words in the gap between "worked" (ends 1600) and … a wider gap spreads them out.
    const gap: TimedWord[] = [['i', 0, 200], ['worked', 200, 600], ['on', 1600, 1700]];
    expect(timesAt(spread, gap, [spread.indexOf('um'), spread.indexOf('uh'), spread.indexOf('er')])).toEqual([850, 1100, 1350]);
  });

  it('is null for offsets that start no word, and without anything to align', () => {
    const text = 'i worked on the payment service';
    expect(timesAt(text, heard, [1, 999])).toEqual([null, null]);
    expect(timesAt(text, [], [0])).toEqual([null]);
    expect(timesAt('completely different words', heard, [0])).toEqual([null]);
  });

  it('aligns a corrected word by its neighbours rather than by text', () => {
    // The recogniser heard "payment surface"; the member corrected it to "service".
    const misheard: TimedWord[] = [...heard.slice(0, 5), ['surface', 2300, 2900]];
    const text = 'i worked on the payment service';
    expect(timesAt(text, misheard, [text.indexOf('service')])).toEqual([2300]);
  });
});
