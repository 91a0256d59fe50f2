/**
 * Pagefind weighs a word in a heading several times a word in a paragraph. Headings in a post are
 * the author's choice, so the indexer gives them the weight of ordinary text: two posts that say the
 * same words, one as a heading and one as a sentence, score the same (issue #5: authors cannot
 * influence ranking from their Markdown). Checked with Pagefind's own search, in Chromium.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexSite, neutralizeHeadings } from '../../scripts/search-index.ts';
import { launchChromium } from './chromium.ts';
import { serveStatic, type StaticSite } from './static-server.ts';

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>` +
  `<nav><h2>Menu</h2></nav><main><article data-pagefind-body lang="en"><h1>${title}</h1>` +
  `<div class="prose">${body}</div></article><section><h2>Replies</h2></section></main></body></html>`;

let site: string;
let server: StaticSite;
let browser: Browser;

beforeAll(async () => {
  site = await mkdtemp(join(tmpdir(), 'noclout-heading-weight-'));
  const pages: Record<string, string> = {
    'en/posts/2026/as-heading/index.html': page('First note', '<h2>zebra</h2><p>alpha beta gamma delta epsilon</p>'),
    'en/posts/2026/as-sentence/index.html': page('Second note', '<p>zebra alpha beta gamma delta epsilon</p>'),
    'en/posts/2026/in-title/index.html': page('Okapi', '<p>alpha beta gamma delta epsilon</p>'),
    'en/posts/2026/in-text/index.html': page('Third note', '<p>okapi alpha beta gamma delta epsilon</p>'),
  };
  for (const [path, html] of Object.entries(pages)) {
    await mkdir(join(site, path, '..'), { recursive: true });
    await writeFile(join(site, path), html);
  }
  await indexSite(site, { uiLanguages: ['en'] });
  server = await serveStatic(site);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (site !== undefined) await rm(site, { recursive: true, force: true });
});

async function scores(word: string): Promise<Record<string, number>> {
  const tab = await browser.newPage();
  await tab.goto(`${server.url}/en/posts/2026/as-heading/`);
  // A string, so that the test runner does not rewrite the browser's own dynamic import.
  const results = (await tab.evaluate(`(async () => {
    const pagefind = await import('/pagefind/pagefind.js');
    const { chunks } = await (await fetch('/pagefind/en/chunks.json')).json();
    const search = pagefind.createInstance({ basePath: '/pagefind/en/' + chunks[0].path });
    await search.init();
    const response = await search.search(${JSON.stringify(word)});
    return Promise.all(response.results.map(async (result) => [(await result.data()).url, result.score]));
  })()`)) as [string, number][];
  await tab.close();
  return Object.fromEntries(results);
}

describe('heading weights', () => {
  it('scores a word written as a heading in a post the same as the same word in a sentence', async () => {
    const found = await scores('zebra');
    expect(Object.keys(found).sort()).toEqual(['/en/posts/2026/as-heading/', '/en/posts/2026/as-sentence/']);
    expect(found['/en/posts/2026/as-heading/']).toBeCloseTo(found['/en/posts/2026/as-sentence/']!, 6);
  });

  it("still ranks a word of a document's title above the same word in its text", async () => {
    const found = await scores('okapi');
    expect(found['/en/posts/2026/in-title/']!).toBeGreaterThan(found['/en/posts/2026/in-text/']!);
  });

  it('leaves the pages served untouched: the weight exists only in the copy Pagefind reads', async () => {
    const html = await readFile(join(site, 'en/posts/2026/as-heading/index.html'), 'utf8');
    expect(html).not.toContain('data-pagefind-weight');
    expect(neutralizeHeadings(neutralizeHeadings(html))).toBe(neutralizeHeadings(html));
    const siblings = await readdir(join(site, '..'));
    expect(siblings.filter((name) => name.startsWith(`${basename(site)}-pagefind-input-`))).toEqual([]);
  });

  it('neutralizes every heading after the title inside the indexed body, and none before it', () => {
    expect(neutralizeHeadings(page('T', '<h2 id="a">x</h2><H3>y</H3><header>z</header><hr>'))).toBe(
      page('T', '<h2 data-pagefind-weight="1" id="a">x</h2><h3 data-pagefind-weight="1">y</H3><header>z</header><hr>'),
    );
    expect(neutralizeHeadings('<p>no body</p><h2>x</h2>')).toBe('<p>no body</p><h2>x</h2>');
    expect(neutralizeHeadings('<div data-pagefind-body><h1>T</h1><div><h2>a</h2></div><h3>b</h3></div><h2>after</h2>')).toBe(
      '<div data-pagefind-body><h1>T</h1><div><h2 data-pagefind-weight="1">a</h2></div><h3 data-pagefind-weight="1">b</h3></div><h2>after</h2>',
    );
  });
});
