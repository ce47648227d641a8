import { describe, expect, it } from 'vitest';
import { fillerCounts, findFillers } from './fillers.js';

const fillersOf = (text: string) => findFillers(text).map((h) => h.filler);

describe('findFillers', () => {
  it('finds hesitation sounds with offsets into the original text', () => {
    const text = 'Um, I think, uh, the answer is... erm, hmm, yes. Ummm okay.';
    const hits = findFillers(text);
    expect(hits.map((h) => h.filler)).toEqual(['um', 'uh', 'erm', 'hmm', 'um']);
    for (const h of hits) expect(text.slice(h.start, h.end).toLowerCase()).toMatch(/^(um+|uh|erm|hmm)$/);
    expect(hits[0]).toEqual({ filler: 'um', start: 0, end: 2 });
  });

  it('counts "like" only as a filler, not as a verb or preposition', () => {
    expect(fillersOf('I like Java.')).toEqual([]);
    expect(fillersOf('I would like to work here.')).toEqual([]);
    expect(fillersOf("We'd like to hear from you and they really like it.")).toEqual([]);
    expect(fillersOf('It looks like a tree.')).toEqual([]);
    expect(fillersOf('I know languages like Python and Go.')).toEqual([]);
    expect(fillersOf('It felt like a long week, just like last time.')).toEqual([]);
    expect(fillersOf('Something like that would help.')).toEqual([]);
  });

  it('"it was, like, really hard" has exactly one filler, the "like"', () => {
    const text = 'it was, like, really hard';
    const hits = findFillers(text);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toEqual({ filler: 'like', start: 8, end: 12 });
  });

  it('finds filler "like" without punctuation (speech transcripts) and as an approximator', () => {
    expect(fillersOf('it was like really hard')).toEqual(['like']);
    expect(fillersOf('there were like five people in the team')).toEqual(['like']);
    expect(fillersOf('Like, I did not know what to do.')).toEqual(['like']);
    expect(fillersOf('and then I was like why is this failing')).toEqual(['like']);
    expect(fillersOf('so um i think uh we basically like rewrote it you know')).toEqual(['so', 'um', 'uh', 'basically', 'like', 'you know']);
  });

  it('counts "so" only sentence-initially', () => {
    expect(fillersOf('So, I started with the logs.')).toEqual(['so']);
    expect(fillersOf('So I started with the logs. So we fixed it.')).toEqual(['so', 'so']);
    expect(fillersOf('It was so slow that we rewrote it, so it got faster.')).toEqual([]);
    expect(fillersOf('So far we have shipped two releases.')).toEqual([]);
    expect(fillersOf('Um, so I joined in 2019.')).toEqual(['um', 'so']);
  });

  it('finds "you know" and "I mean" as fillers but not with an object', () => {
    expect(fillersOf('It was, you know, a hard project.')).toEqual(['you know']);
    expect(fillersOf('We had to, you know, ship it.')).toEqual(['you know']);
    expect(fillersOf('If you know Python, this is easy.')).toEqual([]);
    expect(fillersOf('Do you know the answer?')).toEqual([]);
    expect(fillersOf('I mean, it worked.')).toEqual(['i mean']);
    expect(fillersOf('I mean it when I say that. That is what I mean.')).toEqual([]);
  });

  it('finds hedges "sort of" / "kind of" but not as nouns after a determiner', () => {
    expect(fillersOf('It was kind of slow and sort of buggy.')).toEqual(['kind of', 'sort of']);
    expect(fillersOf('What kind of problem is this? This kind of bug is rare.')).toEqual([]);
    expect(fillersOf('We used a new kind of cache.')).toEqual([]);
  });

  it('always counts basically, actually, literally', () => {
    expect(fillersOf('Basically we actually literally rewrote it.')).toEqual(['basically', 'actually', 'literally']);
  });

  it('fillerCounts groups and sorts', () => {
    expect(fillerCounts(findFillers('um like um, basically. So, um.'))).toEqual([
      { filler: 'um', count: 3 },
      { filler: 'basically', count: 1 },
      { filler: 'so', count: 1 },
    ]);
  });
});
