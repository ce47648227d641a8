import { describe, expect, it } from 'vitest';
import { byline, plainExcerpt, quotePrefill, renderPostBody } from './forum-view.js';

describe('byline', () => {
  it('names people by display name only and marks staff', () => {
    expect(byline({ displayName: 'Asha', role: 'student' })).toEqual({ name: 'Asha', staff: false });
    expect(byline({ displayName: 'T&P Office', role: 'officer' })).toEqual({ name: 'T&P Office', staff: true });
    expect(byline(null)).toEqual({ name: 'Former member', staff: false });
  });

  it('carries nothing else from the user, even when more is loaded', () => {
    const user = { displayName: 'Asha', role: 'student' as const, email: 'asha@college.test', rollNumber: 'CS22-014' };
    expect(JSON.stringify(byline(user))).not.toMatch(/asha@|CS22/);
  });
});

describe('quotes', () => {
  it('prefills the reply box with the quoted words as a Markdown quote', () => {
    expect(quotePrefill('Use **two pointers**.\n\nThen sort.')).toBe('> Use two pointers. Then sort.\n\n');
  });

  it('shortens long posts at a word boundary', () => {
    const long = 'word '.repeat(200);
    const excerpt = plainExcerpt(long, 50);
    expect(excerpt.length).toBeLessThanOrEqual(51);
    expect(excerpt.endsWith('word…')).toBe(true);
  });

  const source = { postId: 7, authorName: 'Ravi <K>', href: '#post-7', body: 'Practise **graphs** daily.' };

  it('heads the reply’s own opening quote with the quoted author and a link to the post', () => {
    const html = renderPostBody('> Practise graphs daily.\n\nAgreed, and trees too.', source);
    expect(html.startsWith('<blockquote class="forum-quote"><p class="quote-source"><a href="#post-7">Ravi &lt;K&gt; wrote</a>:</p>')).toBe(true);
    expect(html.match(/<blockquote/g)).toHaveLength(1);
    expect(html).toContain('Agreed, and trees too.');
  });

  it('adds a short excerpt when the writer removed the quoted text', () => {
    const html = renderPostBody('Agreed.', source);
    expect(html).toContain('<a href="#post-7">Ravi &lt;K&gt; wrote</a>');
    expect(html).toContain('<p>Practise graphs daily.</p></blockquote><p>Agreed.</p>');
  });

  it('keeps the body sanitised', () => {
    const html = renderPostBody('<script>alert(1)</script> [x](javascript:alert(1))', null);
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/href="javascript:/i);
  });
});
