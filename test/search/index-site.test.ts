/**
 * indexSite over a hand-made site (test/fixtures/search-site): two UI languages, document pages
 * with data-pagefind-body and SearchMeta's markup, listing pages without it.
 */
import { cp, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directorySize, indexSite, SearchIndexError, type SearchIndexReport } from '../../scripts/search-index.ts';
import { readFragments, type PagefindFragment } from './pagefind-bundle.ts';

const fixture = new URL('../fixtures/search-site/', import.meta.url).pathname;
const scratch: string[] = [];

async function copyOfFixture(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'noclout-search-'));
  scratch.push(dir);
  await cp(fixture, dir, { recursive: true });
  return dir;
}

afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('indexSite', () => {
  let site: string;
  let report: SearchIndexReport;
  let fragments: Map<string, PagefindFragment[]>;

  beforeAll(async () => {
    site = await copyOfFixture();
    report = await indexSite(site);
    fragments = await readFragments(join(site, 'pagefind'));
  });

  it('writes one index per UI language, each holding every document', () => {
    expect(report.languages).toEqual({ en: 3, fr: 3 });
    expect(report.pages).toBe(6);
    // A post has one page, in its language; the other index gets it at that same address. A rule
    // has a page per UI language (it announces its translation): each index has its own.
    expect(fragments.get('en')?.map((f) => f.url).sort()).toEqual(['/en/posts/2026/quokka/', '/en/rules/respect/', '/fr/posts/2026/ecureuil/']);
    expect(fragments.get('fr')?.map((f) => f.url).sort()).toEqual(['/en/posts/2026/quokka/', '/fr/posts/2026/ecureuil/', '/fr/rules/respect/']);
  });

  it('keeps content in the other language in the UI language index, with its language as a filter', () => {
    const french = fragments.get('en')?.find((f) => f.url === '/fr/posts/2026/ecureuil/');
    expect(french?.content).toContain('écureuil roux');
    expect(french?.filters.language).toEqual(['fr']);
    expect(french?.meta).toMatchObject({ title: 'Les écureuils votent', kind: 'post' });
  });

  it('indexes only the document bodies, never navigation, footers, listings or the facts list', () => {
    const all = [...fragments.values()].flat().map((f) => f.content).join('\n');
    expect(all).toContain('quokka smiles');
    for (const word of ['navigationonlyword', 'footeronlyword', 'listingonlyword', 'factsonlyword']) expect(all).not.toContain(word);
  });

  it('reads filters and metadata from SearchMeta without indexing them as text', () => {
    const quokka = fragments.get('en')?.find((f) => f.url === '/en/posts/2026/quokka/');
    expect(quokka?.filters).toEqual({ kind: ['post'], language: ['en'], author: ['amina'], tag: ['demo'] });
    expect(quokka?.meta).toMatchObject({ title: 'The quokka question', kind: 'post', date: '2026-11-02T09:00:00.000Z' });
    expect(quokka?.content).not.toMatch(/\bdemo\b|amina/);
  });

  it('reports the size on disk and the time taken', async () => {
    expect(report.bytes).toBe(await directorySize(join(site, 'pagefind')));
    expect(report.bytes).toBeGreaterThan(10_000);
    expect(report.seconds).toBeGreaterThan(0);
  });

  it('replaces a bundle left by an earlier build', async () => {
    const again = await copyOfFixture();
    await mkdir(join(again, 'pagefind', 'en', '2026', 'fragment'), { recursive: true });
    await writeFile(join(again, 'pagefind', 'en', '2026', 'fragment', 'en-x-2026_stale.pf_fragment'), 'stale');
    await indexSite(again);
    const urls = [...(await readFragments(join(again, 'pagefind'))).values()].flat().map((f) => f.url);
    expect(urls).toHaveLength(6);
  });
});

describe('indexSite refuses', () => {
  it('a page whose <html lang> is not a UI language, naming the stray index', async () => {
    const site = await copyOfFixture();
    const page = join(site, 'en', 'posts', '2026', 'quokka', 'index.html');
    await writeFile(page, (await readFile(page, 'utf8')).replace('<html lang="en">', '<html lang="de">'));
    const error = await indexSite(site).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SearchIndexError);
    expect((error as SearchIndexError).code).toBe('unexpected-language');
    expect((error as SearchIndexError).message).toMatch(/languages de besides the UI languages fr, en/);
  });

  it('a site where no page marks its content with data-pagefind-body', async () => {
    const site = await mkdtemp(join(tmpdir(), 'noclout-search-'));
    scratch.push(site);
    await writeFile(join(site, 'index.html'), '<!doctype html><html lang="en"><body><p>listing</p></body></html>');
    const error = await indexSite(site).catch((caught: unknown) => caught);
    expect((error as SearchIndexError).code).toBe('nothing-indexed');
    expect((error as SearchIndexError).message).toMatch(/data-pagefind-body/);
  });
});
