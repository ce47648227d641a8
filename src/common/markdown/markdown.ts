import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// Raw HTML in the source is shown as text rather than parsed, and the rendered HTML is then
// sanitised against an allow-list: two independent layers between user input and the page.
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
  },
});

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'title'], code: ['class'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // Headings inside posts are demoted so they never compete with the page's own h1/h2.
  transformTags: {
    h1: 'h3',
    h2: 'h4',
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow noopener ugc', target: '_blank' } }),
  },
  allowedClasses: { code: [/^language-[a-z0-9-]+$/] },
};
ALLOWED.allowedAttributes = { ...(ALLOWED.allowedAttributes as Record<string, string[]>), a: ['href', 'title', 'rel', 'target'] };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Markdown from users → safe HTML for `{{{ }}}` in a view. */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source ?? '') as string;
  return sanitizeHtml(html, ALLOWED);
}

/**
 * Markdown → plain text, for search documents, excerpts and e-mail. A few regular expressions
 * rather than a full parse: it runs for every document when a 100k-post index is rebuilt, and the
 * result never becomes HTML (raw tags stay literal text, as they are when rendered).
 */
export function markdownToText(source: string): string {
  return (source ?? '')
    .replace(/^\s{0,3}(```|~~~)[^\n]*$/gm, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+/gm, '')
    .replace(/(\*\*|\*|~~|`)/g, '')
    .replace(/(^|[\s(])__?(?=\S)|(?<=\S)__?(?=[\s).,;:!?]|$)/g, '$1')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_m, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity]!)
    .replace(/\s+/g, ' ')
    .trim();
}
