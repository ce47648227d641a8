import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('quotes fields with commas, quotes or line breaks, and ends lines with CRLF', () => {
    expect(toCsv([['name', 'count'], ['Acme, Inc.', 3], ['The "Best" Co', 0], ['two\nlines', null]])).toBe(
      'name,count\r\n"Acme, Inc.",3\r\n"The ""Best"" Co",0\r\n"two\nlines",\r\n',
    );
  });

  it('defuses text that a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(toCsv([['=HYPERLINK("http://x","y")', '+1', '-x', '@SUM(A1)', -2]])).toBe(`"'=HYPERLINK(""http://x"",""y"")",'+1,'-x,'@SUM(A1),-2\r\n`);
  });
});
