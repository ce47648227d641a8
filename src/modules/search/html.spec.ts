import { describe, expect, it } from 'vitest';
import { escapeHtml, highlight, markPlaceholdersToHtml, snippet } from './html.js';

const is =
  (...terms: string[]) =>
  (term: string) =>
    terms.includes(term);

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });
});

describe('highlight', () => {
  it('marks matching words case-insensitively and keeps their original spelling', () => {
    expect(highlight('Deadlock and DEADLOCK avoidance', is('deadlock'))).toBe('<mark>Deadlock</mark> and <mark>DEADLOCK</mark> avoidance');
  });

  it('escapes everything else, including markup around a match', () => {
    expect(highlight('<b>deadlock</b> & "race"', is('deadlock'))).toBe('&lt;b&gt;<mark>deadlock</mark>&lt;/b&gt; &amp; &quot;race&quot;');
  });

  it('matches accented words through their folded form', () => {
    expect(highlight('Résumé tips', is('resume'))).toBe('<mark>Résumé</mark> tips');
  });
});

describe('snippet', () => {
  const words = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `w${from + i}`).join(' ');

  it('returns short texts whole', () => {
    expect(snippet('A short <i>text</i> about tcp.', is('tcp'))).toBe('A short &lt;i&gt;text&lt;/i&gt; about <mark>tcp</mark>.');
  });

  it('cuts a window around the match with ellipses on both sides', () => {
    const text = `${words(0, 50)} deadlock ${words(50, 100)}`;
    const html = snippet(text, is('deadlock'), 10);
    expect(html).toBe(`… ${words(47, 50)} <mark>deadlock</mark> ${words(50, 56)} …`);
  });

  it('prefers the window that covers more distinct query terms', () => {
    const text = `alpha ${words(0, 40)} alpha ${words(40, 80)} alpha beta ${words(80, 120)}`;
    const html = snippet(text, is('alpha', 'beta'), 10);
    expect(html).toContain('<mark>alpha</mark> <mark>beta</mark>');
  });

  it('starts at the beginning when nothing matches', () => {
    const html = snippet(`${words(0, 100)}.`, () => false, 5);
    expect(html).toBe(`${words(0, 5)} …`);
  });

  it('keeps the end of the text (and its punctuation) when the window reaches it', () => {
    const html = snippet(`${words(0, 100)} deadlock!`, is('deadlock'), 6);
    expect(html).toBe(`… ${words(95, 100)} <mark>deadlock</mark>!`);
  });
});

describe('markPlaceholdersToHtml', () => {
  const PRE = 'PRE123';
  const POST = 'POST123';

  it('escapes the engine output and turns placeholders into <mark>', () => {
    expect(markPlaceholdersToHtml(`<img src=x> ${PRE}Deadlock${POST} & more`, PRE, POST)).toBe(
      '&lt;img src=x&gt; <mark>Deadlock</mark> &amp; more',
    );
  });

  it('leaves literal <mark> tags in the text escaped', () => {
    expect(markPlaceholdersToHtml('<mark>fake</mark>', PRE, POST)).toBe('&lt;mark&gt;fake&lt;/mark&gt;');
  });

  it('repairs unbalanced placeholders', () => {
    expect(markPlaceholdersToHtml(`${POST}a ${PRE}b ${PRE}c`, PRE, POST)).toBe('a <mark>b c</mark>');
  });
});
