import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from './markdown.js';

// Payloads from the OWASP XSS filter evasion cheat sheet and common Markdown-specific tricks.
const XSS_CORPUS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](java\tscript:alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![img](x" onerror="alert(1))',
  '![img](javascript:alert(1))',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<body onload=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<details open ontoggle=alert(1)>',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<object data="javascript:alert(1)">',
  '<embed src="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<style>@import "javascript:alert(1)";</style>',
  '"><script>alert(1)</script>',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '[a](https://ok.example "title\\" onmouseover=\\"alert(1)")',
  '<a href="//evil.example">protocol-relative</a>',
  '[x](//evil.example)',
  '<scr<script>ipt>alert(1)</script>',
];

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    const html = renderMarkdown('**Round 1**: reverse a `linked list`\n\n- arrays\n- trees\n\n[guide](https://example.com/x)');
    expect(html).toContain('<strong>Round 1</strong>');
    expect(html).toContain('<code>linked list</code>');
    expect(html).toContain('<li>arrays</li>');
    expect(html).toContain('<a href="https://example.com/x" rel="nofollow noopener ugc" target="_blank">guide</a>');
  });

  // Checks the elements a browser would actually build from the output, not the escaped text.
  it.each(XSS_CORPUS)('neutralises %s', (payload) => {
    const elements: Array<{ name: string; attribs: Record<string, string> }> = [];
    const parser = new Parser({ onopentag: (name, attribs) => elements.push({ name, attribs }) }, { decodeEntities: true });
    parser.write(renderMarkdown(payload));
    parser.end();
    for (const { name, attribs } of elements) {
      expect(['p', 'a', 'code', 'pre', 'br', 'strong', 'em', 'h3', 'h4']).toContain(name);
      for (const [attr, value] of Object.entries(attribs)) {
        expect(attr).not.toMatch(/^on/i);
        if (attr === 'href' || attr === 'src') expect(value).toMatch(/^(https:|http:|mailto:)/);
      }
    }
  });

  it('demotes headings below the page headings', () => {
    expect(renderMarkdown('# Big').trim()).toBe('<h3>Big</h3>');
  });
});

describe('markdownToText', () => {
  it('strips formatting, keeping raw HTML as literal text', () => {
    expect(markdownToText('**Hello** <b>there</b> [link](https://x.example) `code`')).toBe('Hello <b>there</b> link code');
  });

  it('drops headings, quotes, list markers and fences but keeps snake_case words', () => {
    const text = markdownToText('# Round 1\n> quoted\n- first\n2. second\n```js\nconst snake_case = 1;\n```\n_emphasis_ and __strong__');
    expect(text).toBe('Round 1 quoted first second const snake_case = 1; emphasis and strong');
  });
});
