import { wordSpans, type WordSpan } from './text.js';

/** Decides whether a normalised word should be wrapped in <mark>. */
export type TermMatcher = (term: string) => boolean;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/** Escapes `text[from, to)` and wraps matching words in <mark>. */
function renderSpans(text: string, spans: readonly WordSpan[], from: number, to: number, isMatch: TermMatcher): string {
  let html = '';
  let cursor = from;
  for (const span of spans) {
    if (span.start < from || span.end > to) continue;
    if (!isMatch(span.term)) continue;
    html += `${escapeHtml(text.slice(cursor, span.start))}<mark>${escapeHtml(text.slice(span.start, span.end))}</mark>`;
    cursor = span.end;
  }
  return html + escapeHtml(text.slice(cursor, to));
}

/** The whole text, escaped, with matching words marked (titles). */
export function highlight(text: string, isMatch: TermMatcher): string {
  return renderSpans(text, wordSpans(text), 0, text.length, isMatch);
}

/**
 * A window of about `windowWords` words of `text` chosen to show as many different matched terms
 * (then as many matches) as possible, escaped and marked, with "…" where the text was cut.
 * With no match it is the start of the text, which is what a reader expects for a browse listing.
 */
export function snippet(text: string, isMatch: TermMatcher, windowWords = 30): string {
  const spans = wordSpans(text);
  if (spans.length <= windowWords) return renderSpans(text, spans, 0, text.length, isMatch);

  const matched = spans.map((s) => isMatch(s.term));
  let bestStart = 0;
  let bestScore = 0;
  // Only windows that open a little before a match can be best, so try just those.
  const lead = Math.floor(windowWords / 3);
  for (let i = 0; i < spans.length; i++) {
    if (!matched[i]) continue;
    const start = Math.max(0, Math.min(i - lead, spans.length - windowWords));
    const distinct = new Set<string>();
    let count = 0;
    for (let j = start; j < start + windowWords; j++) {
      if (!matched[j]) continue;
      distinct.add(spans[j].term);
      count++;
    }
    const score = distinct.size * 1000 + count;
    if (score > bestScore) {
      bestScore = score;
      bestStart = start;
    }
  }

  const last = bestStart + windowWords - 1;
  const atStart = bestStart === 0;
  const atEnd = last === spans.length - 1;
  const from = atStart ? 0 : spans[bestStart].start;
  const to = atEnd ? text.length : spans[last].end;
  const window = spans.slice(bestStart, last + 1);
  return `${atStart ? '' : '… '}${renderSpans(text, window, from, to, isMatch)}${atEnd ? '' : ' …'}`;
}

/**
 * Turns text that an outside engine highlighted with placeholder tags into safe HTML: everything
 * is escaped, then the placeholders become <mark> tags. Placeholders must be plain ASCII letters,
 * digits or underscores so escaping leaves them intact. Unbalanced tags are repaired so the output
 * can never leave a <mark> open.
 */
export function markPlaceholdersToHtml(text: string, preTag: string, postTag: string): string {
  let html = '';
  let open = false;
  let cursor = 0;
  for (;;) {
    const pre = text.indexOf(preTag, cursor);
    const post = text.indexOf(postTag, cursor);
    const next = pre === -1 ? post : post === -1 ? pre : Math.min(pre, post);
    if (next === -1) break;
    html += escapeHtml(text.slice(cursor, next));
    if (next === pre) {
      if (!open) html += '<mark>';
      open = true;
      cursor = next + preTag.length;
    } else {
      if (open) html += '</mark>';
      open = false;
      cursor = next + postTag.length;
    }
  }
  html += escapeHtml(text.slice(cursor));
  return open ? `${html}</mark>` : html;
}
