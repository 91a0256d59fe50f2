/**
 * Properties of the built site, checked over every HTML file of a real build: the demo commons
 * plus an XSS corpus post, a rule amended later and a post committed later with an older
 * "written" date, in a real git repository.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtSite, commonsWith, DEMO, SECOND_COMMIT } from '../e2e/harness.ts';
import { engagementFindings } from './engagement.ts';
import { writeTree } from '../fixtures/commons-tree.ts';
import { runCli } from '../fixtures/run-cli.ts';
import { xssPost } from './xss-corpus.ts';

let dist: string;
let pages: Map<string, string>;

const LATE_POST = `---\ntitle: "Committed last, written long ago"\nauthor: tomas\ndate: 2020-01-01\nlang: en\n---\n\nThe date above is what the author typed; the commons published this last.\n`;

const OPEN_PROPOSAL = `---\ntitle: "An open question"\nauthor: lea\ndate: 2026-10-01\nlang: en\nrules: [respect]\n---\n\nStill being voted on.\n`;

const GERMAN_POST = `---\ntitle: "Auf Deutsch"\nauthor: tomas\ndate: 2026-10-02\nlang: de\n---\n\nEin Beitrag in einer Sprache ohne eigene Oberfläche.\n`;

/** Enough posts by one author to fill two pages of their author page (50 a page). */
const MANY_BY_ONE = Object.fromEntries(
  Array.from({ length: 50 }, (_, i) => [`content/posts/2026/zz-note-${i + 1}.md`, `---\ntitle: "Note ${i + 1}"\nauthor: tomas\ndate: 2025-01-01\nlang: en\n---\n\nA short note.\n`]),
);

beforeAll(async () => {
  const respect = await readFile(path.join(DEMO, 'governance/rules/respect.md'), 'utf8');
  const config = await readFile(path.join(DEMO, 'governance/commons.yml'), 'utf8');
  const commons = await commonsWith(
    { 'content/posts/2026/xss-corpus.md': xssPost(), 'governance/commons.yml': config.replace('languages: [fr, en]', 'languages: [fr, en, de]'), 'content/posts/2026/auf-deutsch.md': GERMAN_POST, ...MANY_BY_ONE },
    { 'content/posts/2026/committed-last.md': LATE_POST, 'governance/rules/respect.md': `${respect}\nAmended by a later commit.\n`, 'content/proposals/open-question.md': OPEN_PROPOSAL },
  );
  dist = await builtSite(commons);
  pages = new Map();
  for (const entry of await readdir(dist, { recursive: true })) {
    if (entry.endsWith('.html')) pages.set(`/${entry.split(path.sep).join('/')}`.replace(/index\.html$/, ''), await readFile(path.join(dist, entry), 'utf8'));
  }
});

const page = (url: string): string => {
  const html = pages.get(url);
  if (html === undefined) throw new Error(`${url} was not built; built: ${[...pages.keys()].slice(0, 20).join(', ')}…`);
  return html;
};

const DOCUMENT_PAGE = /^\/(fr|en)\/(posts\/\d{4}\/[^/]+|proposals\/[^/]+|rules\/[^/]+|policy|decisions\/\d{4}\/[^/]+)\/$/;

describe('the built site', () => {
  it('builds every page in both UI languages, except a post: one page, in its own language', () => {
    let posts = 0;
    for (const [url, html] of pages) {
      const match = /^\/(fr|en)\//.exec(url);
      if (!match) continue;
      const counterpart = url.replace(/^\/(fr|en)\//, match[1] === 'fr' ? '/en/' : '/fr/');
      const isPost = /^\/(fr|en)\/posts\/\d{4}\/[^/]+\/$/.test(url) && !html.includes('data-tombstone');
      if (!isPost) {
        expect(pages.has(counterpart), `${url} has no ${counterpart}`).toBe(true);
        continue;
      }
      posts += 1;
      // The page's interface is in the post's language, and there is no copy in the other.
      const textLanguage = /<article data-pagefind-body lang="([^"]+)"/.exec(html)?.[1];
      expect(textLanguage === 'fr' || textLanguage === 'en' ? textLanguage : 'fr', url).toBe(match[1]);
      expect(pages.has(counterpart), `${counterpart} duplicates ${url}`).toBe(false);
      expect(html, url).not.toContain('rel="alternate" hreflang');
      expect(html, url).toMatch(new RegExp(`<a href="/${match[1] === 'fr' ? 'en' : 'fr'}/" hreflang=`));
    }
    expect(posts).toBeGreaterThanOrEqual(9);
    for (const url of ['/fr/', '/en/', '/fr/proposals/', '/fr/rules/', '/fr/policy/', '/fr/decisions/', '/fr/transparency/', '/fr/members/', '/fr/contribute/', '/fr/tags/', '/fr/rounds/', '/fr/order/']) page(url);
  });

  it("builds a post in a language without a UI under the commons' default language, and offers its language to search", () => {
    const german = page('/fr/posts/2026/auf-deutsch/');
    expect(german).toContain('<html lang="fr"');
    expect(german).toContain('<article data-pagefind-body lang="de"');
    expect(pages.has('/en/posts/2026/auf-deutsch/')).toBe(false);
    expect(page('/en/').includes('href="/fr/posts/2026/auf-deutsch/"') || page('/en/latest/2/').includes('href="/fr/posts/2026/auf-deutsch/"')).toBe(true);
    expect(page('/fr/search/')).toMatch(/<option value="de"[^>]*>allemand<\/option>/);
    expect(page('/en/search/')).toMatch(/<option value="de"[^>]*>German<\/option>/);
  });

  it("never says how many pages an author's posts fill (it would say roughly how much they wrote)", () => {
    // Pages are numbered from the oldest post (issue 14), so even "Page 2" would count: an author's pages say no number at all.
    expect(page('/fr/authors/tomas/1/')).toContain('<nav class="pager"');
    expect(page('/fr/authors/tomas/2/')).toContain('<nav class="pager"');
    for (const [url, html] of pages) if (url.includes('/authors/')) expect(html, url).not.toMatch(/Page \d+/);
    // Other lists still say where the reader is in them.
    expect(page('/en/latest/1/')).toMatch(/<span class="muted"[^>]*>Page 1<\/span>/);
    expect(page('/en/rounds/')).toMatch(/Page 1 of \d+/);
  });

  it('numbers list pages from the oldest post, so a page keeps its posts (issue 14)', () => {
    // More than 50 posts and fewer than 101: pages 1 (the oldest 50) and 2; the first page shows both.
    const items = (html: string) => [...html.matchAll(/<li(?: class="h-entry")?><h2 lang="[^"]+"><a href="([^"]+)"/g)].map((m) => m[1]);
    const first = items(page('/en/'));
    const oldest = items(page('/en/latest/1/'));
    const newest = items(page('/en/latest/2/'));
    expect(oldest).toHaveLength(50);
    expect(newest.length).toBeGreaterThan(0);
    expect(first).toEqual([...newest, ...oldest]);
    expect(pages.has('/en/latest/3/')).toBe(false);
    expect(page('/en/latest/2/')).toContain('<a href="/en/" rel="prev">');
    expect(page('/en/latest/1/')).toContain('<a href="/en/latest/2/" rel="prev">');
    expect(page('/en/latest/1/')).not.toContain('rel="next"');
    // Everything fits on the first page: no link to older pages.
    expect(page('/en/')).not.toContain('rel="next"');
  });

  it('puts a narrow no-break space (U+202F) before a colon in French, and none in English', () => {
    expect(page('/fr/decisions/2026/0002-hide-solar-panel-offer/')).toMatch(/Empreinte du procès-verbal(\u202f|&#8239;): </);
    expect(page('/en/decisions/2026/0002-hide-solar-panel-offer/')).toMatch(/Record digest: </);
    expect(page('/fr/transparency/all/')).toMatch(/Depuis le début(\u202f|&#8239;): ce que/);
  });

  it('separates the facts of each member with spaces around the dots', () => {
    for (const url of ['/en/members/', '/fr/members/']) expect(page(url), url).not.toMatch(/\S·|·(?! )/);
  });

  it('has no link to a page of the site that was not built', () => {
    // Links to a post go to its one page, whatever the list's language: none may lead nowhere.
    const broken: string[] = [];
    for (const [url, html] of pages) {
      for (const [, target = ''] of html.matchAll(/\shref="(\/(?!\/)[^"#?]*)/g)) {
        // A page is a folder (trailing slash); anything else is a file (feed, stylesheet, icon).
        const built = target.endsWith('/') ? pages.has(target) : existsSync(path.join(dist, target));
        if (!built) broken.push(`${url} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('shows no engagement numbers and no popular or trending section on any page', () => {
    const findings = [...pages].flatMap(([url, html]) => engagementFindings(html).map((f) => `${url}: ${f.rule}: ${f.excerpt}`));
    expect(findings).toEqual([]);
  });

  it('sets the html lang of every page to its UI language', () => {
    for (const [url, html] of pages) {
      const lang = /^\/(fr|en)\//.exec(url)?.[1];
      if (lang) expect(html, url).toMatch(new RegExp(`<html lang="${lang}"`));
    }
  });

  it('says how every list is ordered, with a link to why', () => {
    for (const [url, html] of pages) {
      if (!/class="items"/.test(html)) continue;
      expect(html, url).toMatch(/<p class="order" data-order>[^<]+<a href="\/(fr|en)\/order\/">/);
    }
  });

  it('marks document pages, and only them, for the search index', () => {
    for (const [url, html] of pages) {
      const bodies = html.match(/data-pagefind-body/g)?.length ?? 0;
      const isDocument = DOCUMENT_PAGE.test(url) && !/data-tombstone/.test(html);
      expect(bodies, url).toBe(isDocument ? 1 : 0);
      if (isDocument) expect(html, url).toMatch(/data-pagefind-filter="kind">(post|proposal|rule|policy|decision)</);
    }
  });

  it('links Search from every page header', () => {
    for (const [url, html] of pages) {
      const lang = /^\/(fr|en)\//.exec(url)?.[1];
      if (lang) expect(html, url).toContain(`<a href="/${lang}/search/"`);
    }
  });

  it('carries a strict CSP on every page: no inline script, no eval, nothing from other origins', () => {
    for (const [url, html] of pages) {
      const csp = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1];
      expect(csp, url).toBeDefined();
      const scriptSrc = csp!.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
      expect(scriptSrc, url).not.toMatch(/'unsafe-inline'|'unsafe-eval'|https?:|\*/);
      expect(csp, url).toMatch(/default-src 'self'/);
      expect(csp, url).toMatch(/object-src 'none'/);
    }
  });

  it('has no inline script or style the CSP would have to trust (it lists no hash)', () => {
    for (const [url, html] of pages) {
      const csp = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
      expect(csp, url).not.toMatch(/'sha\d+-|'nonce-|'unsafe-inline'/);
      expect(csp, url).toMatch(/style-src 'self'(;|$)/);
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, url).toMatch(/\ssrc="\/(?!\/)/);
      expect(html, url).not.toMatch(/<style\b/);
    }
  });

  it('loads nothing from another origin (scripts, styles, images, icons)', () => {
    for (const [url, html] of pages) {
      const loads = [...html.matchAll(/<(?:script|img|link|source|iframe)\b[^>]*?\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      const links = [...html.matchAll(/<link\b[^>]*>/g)].map((m) => m[0]).filter((tag) => /rel="(?:stylesheet|icon|preload|modulepreload)"/.test(tag));
      for (const tag of links) expect(/href="([^"]+)"/.exec(tag)?.[1], `${url}: ${tag}`).toMatch(/^\/(?!\/)/);
      for (const src of loads.filter((s) => !/^https:\/\/demo\.noclout\.example\//.test(s))) {
        if (/^(https?:)?\/\//.test(src)) expect.fail(`${url} loads ${src}`);
      }
    }
  });

  it('keeps a post page under 30 KB of HTML and CSS', async () => {
    const html = page('/en/posts/2026/equal-voices/');
    const css = await Promise.all([...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map(async (m) => (await stat(path.join(dist, m[1]!))).size));
    const total = Buffer.byteLength(html) + css.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(30 * 1024);
  });

  it('renders the XSS corpus post with no executable or forged markup', () => {
    const html = page('/en/posts/2026/xss-corpus/');
    const article = html.slice(html.indexOf('<article'), html.indexOf('</article>'));
    expect(article).toContain('XSS corpus');
    const tree = fromHtml(article, { fragment: true });
    visit(tree, 'element', (node: Element) => {
      expect(['script', 'iframe', 'object', 'embed', 'style', 'form', 'base', 'meta', 'link', 'svg', 'math']).not.toContain(node.tagName);
      for (const [key, value] of Object.entries(node.properties)) {
        expect(key.toLowerCase().startsWith('on'), key).toBe(false);
        expect(key).not.toBe('style');
        if (/^(href|src)$/.test(key)) expect(String(value).toLowerCase().replace(/\s/g, '')).not.toMatch(/^(javascript|vbscript|data):/);
      }
    });
    // The only search attributes are the site's own SearchMeta block, never the author's.
    expect(article).not.toMatch(/data-pagefind-(?:weight|filter="author">(?!amina<))/);
    expect(article).not.toContain('https://evil.example/track.png"><');
  });

  it('orders the feed by publication time from git, not by the date the author typed', () => {
    const home = page('/en/');
    const late = home.indexOf('Committed last, written long ago');
    expect(late).toBeGreaterThan(0);
    for (const title of ['Equal voices, and what that rules out', 'XSS corpus']) expect(late, title).toBeLessThan(home.indexOf(title));
    expect(page('/en/posts/2026/committed-last/')).toContain(`datetime="${new Date(SECOND_COMMIT).toISOString()}"`);
  });

  it('lists a rule’s amendments from git, newest first', () => {
    const rule = page('/en/rules/respect/');
    const history = rule.slice(rule.indexOf('id="history"'));
    expect(history).toContain('a later change');
    expect(history.indexOf('a later change')).toBeLessThan(history.indexOf('commons for the site tests'));
  });

  it('keeps a tombstone at a hidden post’s address: rule, version, reasoning, decision, appeal', () => {
    const html = page('/en/posts/2026/panneaux-solaires-a-prix-reduit/');
    expect(html).toContain('data-tombstone');
    expect(html).toContain('href="/en/rules/no-advertising/"');
    expect(html).toContain('href="/en/decisions/2026/0002-hide-solar-panel-offer/"');
    expect(html).toMatch(/How to appeal/);
    expect(html).toMatch(/<code class="hash">[0-9a-f]{10}<\/code>/);
    expect(html).not.toContain('data-pagefind-body');
  });

  it('shows a proposal under vote with its deadline and the numbers that will decide it', () => {
    const html = page('/en/proposals/open-question/');
    expect(html).toContain('Under vote');
    // Opened when it reached the commons (git), closing voting.rules.days (7) later.
    const closes = new Date(Date.parse(SECOND_COMMIT) + 7 * 86_400_000).toISOString();
    expect(html).toContain(`datetime="${closes}"`);
    expect(html).toContain('Quorum: at least 1/3 of members take part');
    expect(html).toContain('more than 1/2');
    expect(page('/en/proposals/')).toMatch(/Under vote<\/h2>\s*<ul class="items"><li><h3 lang="en"><a href="\/en\/proposals\/open-question\/">/);
  });

  it('points / to the default language with a meta refresh', () => {
    expect(page('/')).toMatch(/<meta http-equiv="refresh" content="0; url=\/fr\/">/);
  });

  it('builds the shuffle for the seed derived from the latest commit, and states the seed', () => {
    const seed = SECOND_COMMIT.slice(0, 10);
    expect(page(`/en/shuffle/${seed}/`)).toContain(`seed “${seed}”`);
  });

  it('shows the policy’s enforced numbers beside its prose', () => {
    const html = page('/en/policy/');
    expect(html).toContain('<code>voting.rules</code>');
    expect(html).toContain('more than 1/2');
    expect(html).toContain('<code>posts.objectionHours</code>');
  });

  it('offers web-editor links that open a valid post template', () => {
    const html = page('/en/contribute/').replaceAll('&amp;', '&');
    const link = /href="(https:\/\/github\.com\/noclout-demo\/commons\/new\/main\/content\/posts\/\d{4}\?[^"]+)"/.exec(html)?.[1];
    expect(link).toBeDefined();
    const value = new URL(link!).searchParams.get('value') ?? '';
    expect(value).toMatch(/^---\ntitle: My title\nauthor: your-handle\ndate: \d{4}-\d{2}-\d{2}\nlang: en\n---\n/);
  });

  it('offers a correction as a new post replying to the one it corrects, never an edit of a published post', async () => {
    const html = page('/en/posts/2026/equal-voices/').replaceAll('&amp;', '&');
    const links = [...html.matchAll(/href="(https:\/\/github\.com\/noclout-demo\/commons\/[^"]+)"/g)].map((m) => m[1]!);
    expect(links.some((link) => link.includes('/edit/'))).toBe(false);
    expect(links).toContain('https://github.com/noclout-demo/commons/blob/main/content/posts/2026/equal-voices.md');
    const correction = links.find((link) => new URL(link).searchParams.get('filename')?.startsWith('correction-'));
    expect(correction).toBeDefined();
    const value = new URL(correction!).searchParams.get('value') ?? '';
    expect(value).toContain('title: "Correction: Equal voices, and what that rules out"');
    expect(value).toContain('replyTo: 2026/equal-voices');
    // Once the contributor writes their handle (and the date, which the page's script fills in), the template passes check.
    expect(value).toContain('date: YYYY-MM-DD\n');
    const dir = await writeTree({ 'content/posts/2026/correction-equal-voices.md': value.replace('your-handle', 'amina').replace('YYYY-MM-DD', '2026-12-01'), 'content/posts/2026/equal-voices.md': '---\ntitle: Equal voices\nauthor: amina\ndate: 2026-09-21\nlang: en\n---\n\nText.\n' });
    const checked = await runCli(['check', '--repo', dir, '--format', 'json']);
    expect(JSON.parse(checked.stdout).problems.map((p: { rule: string; message: string }) => `${p.rule}: ${p.message}`)).toEqual([]);
  });

  it('publishes RSS feeds of posts and decisions and a sitemap', async () => {
    const posts = await readFile(path.join(dist, 'en/rss/posts.xml'), 'utf8');
    expect(posts).toContain('<rss');
    expect(posts).toContain('/en/posts/2026/equal-voices/');
    // The writer's name, as Dublin Core's creator: RSS 2.0's <author> would have to be an e-mail.
    expect(posts).toContain('xmlns:dc="http://purl.org/dc/elements/1.1/"');
    expect(posts).toContain('<dc:creator>Sofia Lindqvist</dc:creator>');
    expect(posts).not.toContain('<author>');
    const decisions = await readFile(path.join(dist, 'fr/rss/decisions.xml'), 'utf8');
    expect(decisions).toContain('/fr/decisions/2026/0002-hide-solar-panel-offer/');
    expect(await readFile(path.join(dist, 'sitemap-index.xml'), 'utf8')).toContain('sitemap-0.xml');
  });
});
