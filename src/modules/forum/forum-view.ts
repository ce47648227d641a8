import { escapeHtml, markdownToText, renderMarkdown } from '../../common/markdown/markdown.js';
import type { User } from '../accounts/entities/user.entity.js';

/**
 * How the forum names people. Forum posts are never anonymous, but a byline carries only the
 * display name and whether the person speaks for the placement office: never an e-mail address or
 * roll number, so view models built from here cannot leak them.
 */
export interface Byline {
  name: string;
  staff: boolean;
}

export function byline(author: Pick<User, 'displayName' | 'role'> | null | undefined): Byline {
  if (!author) return { name: 'Former member', staff: false };
  return { name: author.displayName, staff: author.role === 'officer' || author.role === 'admin' };
}

/** The first `max` characters of a post as plain text, cut at a word boundary. */
export function plainExcerpt(markdown: string, max = 300): string {
  const text = markdownToText(markdown);
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** What the reply box starts with when someone clicks "Quote": the quoted words as Markdown. */
export function quotePrefill(quotedBody: string): string {
  return `> ${plainExcerpt(quotedBody)}\n\n`;
}

export interface QuoteSource {
  postId: number;
  authorName: string;
  /** Where the quoted post is: `#post-<id>` on the same page, or a path with that anchor. */
  href: string;
  body: string;
}

/**
 * A reply's HTML. When it quotes a post, the quote is shown as a blockquote headed by the quoted
 * author's name linking to the quoted post. If the reply's Markdown already opens with a quote
 * (the prefilled "> …", possibly trimmed), that blockquote gets the heading; otherwise a short
 * excerpt of the quoted post is shown, so the link survives even if the writer deleted the text.
 */
export function renderPostBody(body: string, quote: QuoteSource | null): string {
  const html = renderMarkdown(body);
  if (!quote) return html;
  const source = `<p class="quote-source"><a href="${escapeHtml(quote.href)}">${escapeHtml(quote.authorName)} wrote</a>:</p>`;
  const open = '<blockquote class="forum-quote">';
  if (html.startsWith('<blockquote>')) return `${open}${source}${html.slice('<blockquote>'.length)}`;
  return `${open}${source}<p>${escapeHtml(plainExcerpt(quote.body, 200))}</p></blockquote>${html}`;
}
