/**
 * List items are HTML strings built outside Astro's templates (list-item.ts), so their escaping is
 * ours to get right: every value an author wrote must come out as text.
 */
import { fromHtml } from 'hast-util-from-html';
import { describe, expect, it } from 'vitest';
import type { PostView } from '../../src/site/commons-data.ts';
import { escapeHtml, postItemHtml, postListHtml } from '../../src/site/list-item.ts';
import { uiLanguageFor } from '../../src/i18n/index.ts';

const hostile = '<script>window.__xss=1</script>" onmouseover="x()\' &amp;';

function post(overrides: Partial<PostView['data']> = {}, id = '2026/a'): PostView {
  return {
    id, year: '2026', slug: id.split('/')[1]!, tags: ['t1', 'x"y'], published: '2026-11-20T10:00:00Z', html: '', file: `content/posts/${id}.md`, page: 'en', digest: 'd',
    data: { title: hostile, author: 'amina', date: '2026-11-19', lang: 'en', summary: hostile, ...overrides } as PostView['data'],
  };
}

describe('list items', () => {
  it('escapes & < > " and \' in text and attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
  it("show an author's title, summary and tags as text, never as markup", () => {
    const html = postItemHtml(post(), 'en', 2);
    expect(html).not.toContain('<script');
    const tree = fromHtml(html, { fragment: true });
    const text = JSON.stringify(tree);
    expect(text).toContain(JSON.stringify(hostile).slice(1, -1));
    const elements: string[] = [];
    const walk = (node: { type: string; tagName?: string; properties?: Record<string, unknown>; children?: unknown[] }) => {
      if (node.type === 'element') {
        elements.push(node.tagName!);
        for (const key of Object.keys(node.properties ?? {})) expect(key.toLowerCase().startsWith('on'), key).toBe(false);
      }
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(tree as never);
    expect(new Set(elements)).toEqual(new Set(['h2', 'a', 'p', 'time', 'span']));
  });
  it('say "not yet in git" for an uncommitted post, in the UI language', () => {
    expect(postItemHtml({ ...post({}, '2026/b'), published: undefined }, 'fr', 3)).toContain('pas encore dans git');
  });
  it("link a post to its one page, in its own language, from a list in either UI language", () => {
    const english = post({ lang: 'en' }, '2026/f');
    const french = { ...post({ lang: 'fr' }, '2026/g'), page: 'fr' as const };
    for (const ui of ['fr', 'en'] as const) {
      expect(postItemHtml(english, ui, 2)).toContain('href="/en/posts/2026/f/"');
      expect(postItemHtml(french, ui, 2)).toContain('href="/fr/posts/2026/g/"');
    }
    // The rest of the item (author, tags) stays in the list's UI language.
    expect(postItemHtml(english, 'fr', 2)).toContain('href="/fr/authors/amina/"');
  });
  it("build a post's one page in its own language, else the commons' default, else English", () => {
    expect(uiLanguageFor('en', 'fr')).toBe('en');
    expect(uiLanguageFor('fr', 'en')).toBe('fr');
    expect(uiLanguageFor('de', 'fr')).toBe('fr');
    expect(uiLanguageFor('de', 'es')).toBe('en');
  });
  it('mark the first post of each round', () => {
    const html = postListHtml([{ post: post({}, '2026/c'), round: 1 }, { post: post({}, '2026/d'), round: 1 }, { post: post({}, '2026/e'), round: 2 }], 'en', 2);
    expect(html.match(/class="round"/g)).toHaveLength(2);
    // Never a round number: the last one would be the most posts any one author wrote.
    expect(html).toContain('First round');
    expect(html).toContain('Next round');
    expect(html).not.toMatch(/Round \d/);
  });
});
