/**
 * The sanitizing Markdown pipeline (src/site/markdown/), tested on its own: every contributed text
 * goes through it before reaching a page. One named test per security property.
 */
import { describe, expect, it } from 'vitest';
import { needsRemark, renderMarkdown, renderWithRemark } from '../../src/site/markdown/pipeline.ts';
import { leavesSite } from '../../src/site/markdown/rehype-outbound.ts';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { xssCorpus } from './xss-corpus.ts';

const html = async (markdown: string) => (await renderMarkdown(markdown)).html;
const corpus = async () => html(xssCorpus.map((p) => p.markdown).join('\n\n'));

/** Every element of the rendered HTML as the browser would parse it (attributes, not text). */
function elements(out: string): Element[] {
  const found: Element[] = [];
  visit(fromHtml(out, { fragment: true }), 'element', (node: Element) => {
    found.push(node);
  });
  return found;
}

const FORBIDDEN_ELEMENTS = new Set(['script', 'style', 'iframe', 'object', 'embed', 'form', 'meta', 'base', 'link', 'svg', 'math', 'template', 'video', 'audio', 'source', 'noscript', 'frame', 'frameset']);

describe.each(xssCorpus)('payload $name', ({ markdown }) => {
  it('leaves no event handler, no forbidden element, no script URL, no style and no search attribute', async () => {
    for (const node of elements(await html(markdown))) {
      expect(FORBIDDEN_ELEMENTS.has(node.tagName), node.tagName).toBe(false);
      for (const [key, value] of Object.entries(node.properties)) {
        expect(key.toLowerCase().startsWith('on'), key).toBe(false);
        expect(key, 'style').not.toBe('style');
        expect(key.toLowerCase().startsWith('datapagefind'), key).toBe(false);
        if (['href', 'src', 'action', 'formAction', 'data', 'srcDoc'].includes(key)) {
          expect(String(value).replace(/[\s\u0000-\u001f]/g, '').toLowerCase(), key).not.toMatch(/^(javascript|vbscript|data):/);
        }
      }
    }
  });
});

describe('contributed Markdown is sanitized', () => {
  it('drops <script> elements and their content', async () => {
    const out = await corpus();
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toContain("window.__xss='script-element'");
  });
  it('drops every on* event handler attribute', async () => {
    const handlers = elements(await corpus()).flatMap((node) => Object.keys(node.properties).filter((key) => /^on/i.test(key)));
    expect(handlers).toEqual([]);
  });
  it('drops javascript:, vbscript: and data: URLs, however they are spelled', async () => {
    const out = await corpus();
    expect(out).not.toMatch(/(?:href|src|action|data)\s*=\s*"?\s*(?:javascript|vbscript|data):/i);
    expect(out).not.toMatch(/jav(?:&#x09;|\t)ascript/i);
  });
  it('drops iframes, objects, embeds, forms, meta, base and link elements', async () => {
    expect(await corpus()).not.toMatch(/<(iframe|object|embed|form|meta|base|link|svg|math|template|video|source)\b/i);
  });
  it('drops style elements and style attributes', async () => {
    const out = await corpus();
    expect(out).not.toMatch(/<style/i);
    expect(out).not.toMatch(/\sstyle=/i);
  });
  it('drops class attributes an author writes (the page look belongs to the commons)', async () => {
    expect(await html('<p class="skip box tombstone">x</p>')).toBe('<p>x</p>');
  });
  it('drops every data-pagefind-* attribute so authors cannot forge search filters, sort keys or weights', async () => {
    expect(await corpus()).not.toMatch(/data-pagefind/i);
  });
  it('turns remote images into links so reading a post never calls a third party', async () => {
    const out = await html('![tracker](https://evil.example/track.png) <img src="//evil.example/p.png" alt="p">');
    expect(out).not.toMatch(/<img/);
    expect(out).toContain('<a href="https://evil.example/track.png" rel="ugc noopener noreferrer">[tracker]</a>');
  });
  it('keeps images served by the site itself', async () => {
    expect(await html('![map](/images/map.png)')).toContain('<img src="/images/map.png" alt="map">');
  });
  it("prefixes authors' ids so a post cannot clobber the page's own ids", async () => {
    const out = await html('<a id="main" name="main">x</a>');
    expect(out).not.toMatch(/id="main"/);
    expect(out).not.toMatch(/name=/);
  });
  it('keeps footnote links working after the id prefix', async () => {
    const out = await html('Text[^1].\n\n[^1]: The note.');
    const ids = [...out.matchAll(/id="([^"]+)"/g)].map((m) => m[1]);
    const targets = [...out.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(ids).toContain(target);
  });
  it('keeps ordinary Markdown: emphasis, lists, tables, code, safe links', async () => {
    const out = await html('**b** _i_ `c`\n\n- one\n\n| a |\n|---|\n| 1 |\n\n[site](https://example.org/)');
    expect(out).toContain('<strong>b</strong>');
    expect(out).toContain('<em>i</em>');
    expect(out).toContain('<code>c</code>');
    expect(out).toContain('<li>one</li>');
    expect(out).toContain('<table tabindex="0">');
    expect(out).toContain('<a href="https://example.org/" rel="ugc noopener noreferrer">site</a>');
  });
  it('keeps table column alignment as an align attribute, not a style', async () => {
    const out = await html('| l | c | r |\n|:--|:-:|--:|\n| 1 | 2 | 3 |');
    expect(out).toContain('<th align="left">l</th>');
    expect(out).toContain('<td align="center">2</td>');
    expect(out).toContain('<td align="right">3</td>');
    expect(out).not.toMatch(/style=/);
  });
  it('reads a body that starts with --- as a rule, never as a second front matter', async () => {
    const out = await html('---\ntitle: hidden\n---\n\nText.');
    expect(out).toContain('<hr>');
    expect(out).toContain('title: hidden');
  });
  it('keeps harmless raw HTML such as <kbd> and <details>', async () => {
    const out = await html('Press <kbd>Ctrl</kbd>.\n\n<details><summary>More</summary>\n\nHidden text.\n\n</details>');
    expect(out).toContain('<kbd>Ctrl</kbd>');
    expect(out).toContain('<details>');
  });
  it('parses and sanitizes raw HTML however deep it sits (lists, quotes, tables)', async () => {
    const out = await html('> - item <img src=x onerror="window.__xss=1"> <b>kept</b>\n\n| a |\n|---|\n| <script>x()</script> |');
    expect(out).toContain('<b>kept</b>');
    expect(out).not.toMatch(/onerror|<script/);
  });
  it('keeps code that shows a payload as text, escaped', async () => {
    expect(await html('`<script>alert(1)</script>`')).toContain('&#x3C;script>');
  });
});

/** Ordinary and tricky Markdown both parsers must turn into the same HTML. */
const PARSER_SAMPLES = [
  '# Title\n\nSome *emph* and **strong**, a [link](https://example.org "t"), www.example.com and https://x.org. me@example.org',
  '| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |',
  '- [ ] task\n- [x] done\n  - nested\n\n1. one\n2. two\n\n3) three',
  '~~strike~~ text[^1] and[^note]\n\n[^1]: The note.\n[^note]: Other *note*.',
  'line one  \nline two\\\nline three',
  'Setext\n======\n\nSub\n---',
  '&amp; &copy; &#x3C; &lt;tag&gt; "quotes" -- ...',
  '<div align="center">\n\n**md inside**\n\n</div>\n\n<p style="color:red" class="x" id="y">p</p>',
  '# Same\n\n# Same\n\n## Same',
  '```\n<script>alert(1)</script>\n```\n\n    indented code\n\n`a` `` b ` c ``',
  '> quote\n> > nested\n\n***',
  '![alt](/local.png) ![remote](https://e.com/x.png) ![](//e.com/y.png)',
  '[ref][r]\n\n[r]: /path "Title"',
  '<details open><summary>S</summary>\n\n- x\n\n</details>',
  '<a href="#main">skip</a> [in page](#section)',
  '<!-- comment -->\n\n<script>\nx()\n</script>\n\n# After',
  ...xssCorpus.map((p) => p.markdown),
];

describe('the two Markdown parsers (Sätteri, remark for a few texts)', () => {
  it.each(PARSER_SAMPLES.map((markdown) => [markdown]))('give the same HTML for %j', async (markdown) => {
    const same = (out: string) => out.replace(/=""/g, '');
    expect(same((await renderMarkdown(markdown)).html)).toBe(same((await renderWithRemark(markdown)).html));
  });
  it('send a text with an upper-case </SCRIPT>, </PRE>, </STYLE> or </TEXTAREA> to remark, which ends the block there', async () => {
    expect(needsRemark('<SCRIPT>x</SCRIPT>')).toBe(true);
    expect(needsRemark('<pre>x</Pre>')).toBe(true);
    expect(needsRemark('<script>x</script> <pre></pre>')).toBe(false);
    const out = await html('<SCRIPT>window.__xss=1</SCRIPT>\n\n### Still a heading\n\n*still emphasis*');
    expect(out).toContain('<h3 id="user-content-still-a-heading">Still a heading</h3>');
    expect(out).toContain('<em>still emphasis</em>');
    expect(out).not.toMatch(/<script|__xss/i);
  });
});

describe('leavesSite', () => {
  it.each(['https://x.example/', '//x.example/a.png', 'JAVASCRIPT:alert(1)', 'mailto:a@b.c', '\\\\x.example'])('%s leaves the site', (url) => {
    expect(leavesSite(url)).toBe(true);
  });
  it.each(['/a.png', 'a.png', '#top', '../x'])('%s stays on the site', (url) => {
    expect(leavesSite(url)).toBe(false);
  });
});
