/**
 * Issue 14, "one merge republished in ≤ 3 s": a moderation or a rule change re-indexes an older
 * period, and Pagefind parsing each page whole (head, navigation, footer) was part of that cost.
 * The indexer hands Pagefind only the page's `<html>` tag and its `data-pagefind-body` element
 * (`pagefindDocument`) when nothing else on the page can reach the index; Pagefind must then write
 * exactly the bytes it writes for the whole page. Pages where something outside the body counts
 * (a `data-pagefind-*` attribute, an `<h1>` or an `<img>` Pagefind would take a title or an image
 * from) are handed whole.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutralizeHeadings, pagefindDocument, searchExcludedSelectors } from '../../scripts/search-index.ts';
import { manyPosts, postPage, rulePage } from './built-site.ts';
import { differences, treeDigest } from './tree.ts';

const fixture = new URL('../fixtures/search-site/', import.meta.url).pathname;
let scratch: string;
let run = 0;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'noclout-pagefind-document-'));
});

afterAll(async () => {
  await pagefind.close();
  await rm(scratch, { recursive: true, force: true });
});

/** Indexes `pages` (url → HTML) with Pagefind as the indexer does, each page given through `hand`; resolves to the bundle's files and their digests. */
async function bundleOf(pages: Record<string, string>, hand: (html: string) => string): Promise<Record<string, string>> {
  const { index, errors } = await pagefind.createIndex({ excludeSelectors: [...searchExcludedSelectors] });
  expect(errors).toEqual([]);
  for (const [url, html] of Object.entries(pages)) {
    const added = await index!.addHTMLFile({ url, content: neutralizeHeadings(hand(html)) });
    expect(added.errors).toEqual([]);
  }
  const outputPath = join(scratch, `bundle-${++run}`);
  expect((await index!.writeFiles({ outputPath })).errors).toEqual([]);
  await index!.deleteIndex();
  return treeDigest(outputPath);
}

/** The pages of the hand-made site (test/fixtures/search-site), by URL. */
async function fixturePages(): Promise<Record<string, string>> {
  const pages: Record<string, string> = {};
  for (const entry of await readdir(fixture, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const path = join(entry.parentPath, entry.name).slice(fixture.length);
    pages[`/${path.replace(/index\.html$/, '')}`] = await readFile(join(fixture, path), 'utf8');
  }
  return pages;
}

/** A page in the site's layout whose body has headings of its own and nested articles, and a facts list that is not indexed. */
const nested =
  '<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8"><title>Nested · Commons</title>' +
  '<link rel="alternate" hreflang="fr" href="/fr/rules/nested/"></head><body><a class="skip" href="#main">Skip</a>' +
  '<header class="site"><nav><ul><li><a href="/en/">Posts</a></li></ul></nav></header><main id="main">' +
  '<article data-pagefind-body lang="en"><h1>Nested rule</h1><dl class="facts"><dt>by</dt><dd>factsonlyword</dd></dl>' +
  '<h2>Why</h2><p>Because okapi.</p><article><h3>Inner</h3><p>An article inside the body: quorum.</p></article>' +
  '<div hidden data-pagefind-ignore data-pagefind-sort="date:2025-03-01T09:00:00.000Z"><span data-pagefind-meta="title">Nested rule</span>' +
  '<span data-pagefind-filter="kind">rule</span></div></article><section><h2>Replies</h2><p>navigationonlyword</p></section></main>' +
  '<footer>footeronlyword</footer></body></html>';

describe('what Pagefind is handed of a page (issue 14)', () => {
  it('the body alone gives byte-identical bundles to the whole pages, for every shape of document the site writes', async () => {
    const pages: Record<string, string> = { ...(await fixturePages()), '/en/rules/nested/': nested, '/en/rules/respect/': rulePage('respect', 'en', 'Respect', 'Disagree with ideas; okapi.', '2025-01-01T09:00:00.000Z') };
    for (const post of manyPosts(60)) pages[`/${post.lang}/posts/${post.id}/`] = postPage(post);
    const reduced = Object.values(pages).filter((html) => pagefindDocument(html) !== html);
    expect(reduced.length).toBe(Object.values(pages).filter((html) => html.includes('data-pagefind-body')).length);
    expect(pagefindDocument(nested).length).toBeLessThan(nested.length * 0.75);
    const whole = await bundleOf(pages, (html) => html);
    expect(Object.keys(whole).length).toBeGreaterThan(60);
    expect(differences(whole, await bundleOf(pages, pagefindDocument))).toEqual([]);
  });

  it('a page with something Pagefind reads outside its body is handed whole: a data-pagefind attribute, an h1, an img', () => {
    const outside = [
      nested.replace('<title>', '<meta data-pagefind-meta="image[content]" content="/x.png"><title>'),
      nested.replace('<header class="site">', '<header class="site"><h1>Commons</h1>'),
      nested.replace('<footer>', '<footer><img src="/logo.png" alt="">'),
      nested.replace('<footer>', '<footer><span data-pagefind-filter="kind">footer</span>'),
      // Two bodies: Pagefind indexes both.
      nested.replace('<footer>', '<footer><div data-pagefind-body><p>second body</p></div>'),
    ];
    for (const html of outside) expect(pagefindDocument(html)).toBe(html);
    expect(pagefindDocument('<!doctype html><html lang="en"><body><p>listing</p></body></html>')).toBe('<!doctype html><html lang="en"><body><p>listing</p></body></html>');
  });

  it('control: a meta tag outside the body changes what Pagefind writes, so dropping it would not be the same index', async () => {
    const withMeta = nested.replace('<title>', '<meta data-pagefind-meta="image[content]" content="/x.png"><title>');
    const whole = await bundleOf({ '/en/rules/nested/': withMeta }, (html) => html);
    const naive = await bundleOf({ '/en/rules/nested/': withMeta }, () => pagefindDocument(nested));
    expect(differences(whole, naive).length).toBeGreaterThan(0);
    expect(differences(whole, await bundleOf({ '/en/rules/nested/': withMeta }, pagefindDocument))).toEqual([]);
  });
});
