import { describe, expect, it } from 'vitest';
import { normalizeText, tokenize, wordSpans } from './text.js';

describe('tokenize', () => {
  it('splits on whitespace and punctuation and lower-cases', () => {
    expect(tokenize('Reverse a Linked-List, then (quickly) explain O(n).')).toEqual([
      'reverse',
      'a',
      'linked',
      'list',
      'then',
      'quickly',
      'explain',
      'o',
      'n',
    ]);
  });

  it('keeps C++ and C# whole but splits markup and operators', () => {
    expect(tokenize('C++ and C# and node.js')).toEqual(['c++', 'and', 'c#', 'and', 'node', 'js']);
    expect(tokenize('<b>deadlock</b> a<=b')).toEqual(['b', 'deadlock', 'b', 'a', 'b']);
  });

  it('folds Latin accents but keeps other scripts intact', () => {
    expect(tokenize('Résumé naïve')).toEqual(['resume', 'naive']);
    expect(tokenize('साक्षात्कार')).toEqual(['साक्षात्कार']);
  });

  it('returns nothing for blank input', () => {
    expect(tokenize('  ... ')).toEqual([]);
  });
});

describe('wordSpans', () => {
  it('reports positions in the original text with normalised terms', () => {
    const text = '«Deadlock», Résumé';
    expect(wordSpans(text).map((s) => [text.slice(s.start, s.end), s.term])).toEqual([
      ['Deadlock', 'deadlock'],
      ['Résumé', 'resume'],
    ]);
  });
});

describe('normalizeText', () => {
  it('is the identity on lower-case ASCII', () => {
    expect(normalizeText('tcp/ip')).toBe('tcp/ip');
  });
});
