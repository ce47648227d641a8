import { describe, expect, it } from 'vitest';
import { companyNameKey, normalizeCompanyName, slugify, uniqueSlug } from './slug.js';

describe('company names and slugs', () => {
  it('tidies whitespace in a typed name', () => {
    expect(normalizeCompanyName('  Kestrel \t  Systems \n')).toBe('Kestrel Systems');
  });

  it('compares names regardless of case and spacing', () => {
    expect(companyNameKey('Kestrel Systems')).toBe(companyNameKey('  kestrel   SYSTEMS'));
    expect(companyNameKey('Kestrel Systems')).toBe(companyNameKey('KestrelSystems'));
    expect(companyNameKey('Kestrel Systems')).not.toBe(companyNameKey('Kestrel System'));
  });

  it('turns names into readable ASCII slugs', () => {
    expect(slugify('Kestrel Systems')).toBe('kestrel-systems');
    expect(slugify('  AT&T  Labs ')).toBe('at-and-t-labs');
    expect(slugify('Nestlé India Pvt. Ltd.')).toBe('nestle-india-pvt-ltd');
    expect(slugify('--Foo__Bar--')).toBe('foo-bar');
  });

  it('still gives a usable slug when nothing Latin is left', () => {
    expect(slugify('टाटा')).toBe('company');
    expect(slugify('!!!')).toBe('company');
  });

  it('keeps long slugs short enough for a numeric suffix', () => {
    const slug = slugify('a'.repeat(300));
    expect(slug.length).toBeLessThanOrEqual(132);
    expect(`${slug}-999`.length).toBeLessThanOrEqual(140);
    expect(slugify(`${'a'.repeat(131)} b`)).not.toMatch(/-$/);
  });

  it('picks the first free suffix', () => {
    expect(uniqueSlug('acme', new Set())).toBe('acme');
    expect(uniqueSlug('acme', new Set(['acme']))).toBe('acme-2');
    expect(uniqueSlug('acme', new Set(['acme', 'acme-2', 'acme-3']))).toBe('acme-4');
    // A gap is reused rather than always appending past the highest number.
    expect(uniqueSlug('acme', new Set(['acme', 'acme-3']))).toBe('acme-2');
  });
});
