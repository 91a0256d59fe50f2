/**
 * Issue 14: "one merge, republished in seconds … the result is the full build's". Pagefind cannot
 * add a page to an index (CloudCannon/pagefind#71), so the index is split by period and a build
 * given the previous build's cache and the pages that changed re-indexes only the periods holding
 * them. Each case applies a kind of change to a built site, indexes it incrementally, indexes the
 * same pages from scratch, and compares the two bundles file by file.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexAhead, indexSite, type SearchIndexReport } from '../../scripts/search-index.ts';
import { manyPosts, postPage, postPath, rulePage, writePage, writeSite, type SitePost } from './built-site.ts';
import { readFragments } from './pagefind-bundle.ts';
import { differences, treeDigest } from './tree.ts';

const chunkPages = 150;
const posts = manyPosts(800);
let scratch: string;
let run = 0;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'noclout-incremental-'));
  await writeSite(join(scratch, 'base'), posts);
  // The previous build: a full index that leaves its state in the cache.
  await indexSite(join(scratch, 'base'), { chunkPages, cacheDir: join(scratch, 'base-cache') });
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A copy of the previous build and its cache, changed by `change`, indexed incrementally; and the same pages indexed from scratch. */
async function incrementalAgainstFull(change: (site: string) => Promise<string[]>, ahead?: () => ReturnType<typeof indexAhead> | undefined): Promise<{ report: SearchIndexReport; diff: string[]; site: string }> {
  const site = join(scratch, `site-${++run}`);
  const cacheDir = join(scratch, `cache-${run}`);
  await cp(join(scratch, 'base'), site, { recursive: true });
  await cp(join(scratch, 'base-cache'), cacheDir, { recursive: true });
  const changed = await change(site);
  const report = await indexSite(site, { chunkPages, cacheDir, changed, ...(ahead?.() && { ahead: ahead()! }) });
  const full = join(scratch, `full-${run}`);
  await cp(site, full, { recursive: true, filter: (source) => !source.startsWith(join(site, 'pagefind')) });
  await indexSite(full, { chunkPages });
  return { report, diff: differences(await treeDigest(join(full, 'pagefind')), await treeDigest(join(site, 'pagefind'))), site };
}

const newest = posts.at(-1)!;

describe('an incremental index equals a full one, and rebuilds only the periods that changed', () => {
  it('a new post', async () => {
    const post: SitePost = { ...newest, id: `${newest.date.slice(0, 4)}/fresh`, date: new Date(Date.parse(newest.date) + 3_600_000).toISOString(), title: 'Fresh okapi' };
    const { report, diff } = await incrementalAgainstFull(async (site) => {
      await writePage(site, postPath(post), postPage(post));
      return [postPath(post)];
    });
    expect(report.mode).toBe('incremental');
    expect(diff).toEqual([]);
    expect(report.chunks.rebuilt).toBeGreaterThan(0);
    expect(report.chunks.rebuilt).toBeLessThanOrEqual(2 * 2);
    expect(report.chunks.rebuilt).toBeLessThan(report.chunks.total / 2);
  });

  it('a reply (the parent post page changes too)', async () => {
    const parent = posts[10]!;
    const reply: SitePost = { ...newest, id: `${newest.date.slice(0, 4)}/reply`, date: new Date(Date.parse(newest.date) + 7_200_000).toISOString(), title: 'A reply' };
    const { report, diff } = await incrementalAgainstFull(async (site) => {
      await writePage(site, postPath(reply), postPage(reply));
      await writePage(site, postPath(parent), postPage({ ...parent, text: `${parent.text} (one reply)` }));
      return [postPath(reply), postPath(parent)];
    });
    expect(report.mode).toBe('incremental');
    expect(diff).toEqual([]);
    expect(report.chunks.rebuilt).toBeLessThan(report.chunks.total / 2);
  });

  it('a moderation: an old post becomes a tombstone that is not indexed', async () => {
    const removed = posts[200]!;
    const { report, diff, site } = await incrementalAgainstFull(async (site) => {
      await writePage(site, postPath(removed), `<!doctype html>\n<html lang="${removed.lang}"><body><p>Removed by decision.</p></body></html>\n`);
      return [postPath(removed)];
    });
    expect(report.mode).toBe('incremental');
    expect(diff).toEqual([]);
    expect(report.chunks.rebuilt).toBeLessThan(report.chunks.total / 2);
    expect(report.pages).toBe(2 * posts.length);
    const manifest = await readFile(join(site, 'pagefind', 'en', 'chunks.json'), 'utf8');
    expect(manifest).toContain('"tag":"en-x-');
    // The period was brought up to date in place (only the files it lacked copied): the hidden post's fragment is gone from every language.
    const urls = [...(await readFragments(join(site, 'pagefind'))).values()].flat().map((fragment) => fragment.url);
    expect(urls.length).toBe(2 * (posts.length - 1) + 2);
    expect(urls).not.toContain(`/${postPath(removed).replace(/index\.html$/, '')}`);
  });

  it('a rule change (the rule moves to the newest period) and a deleted page', async () => {
    const gone = posts[5]!;
    const { report, diff } = await incrementalAgainstFull(async (site) => {
      for (const ui of ['fr', 'en'] as const) await writePage(site, `${ui}/rules/respect/index.html`, rulePage('respect', ui, 'Respect', 'Disagree with ideas; okapi.', newest.date));
      await rm(join(site, postPath(gone)));
      return ['fr/rules/respect/index.html', 'en/rules/respect/index.html', postPath(gone)];
    });
    expect(report.mode).toBe('incremental');
    expect(diff).toEqual([]);
    expect(report.chunks.rebuilt).toBeLessThan(report.chunks.total / 2);
  });

  it('a page changed only outside what Pagefind reads (navigation, a link dated by the last commit) re-indexes nothing', async () => {
    const touched = posts.slice(0, 50);
    const { report, diff } = await incrementalAgainstFull(async (site) => {
      for (const post of touched) {
        const html = postPage(post).replace('navigationonlyword', 'navigationonlyword <a href="/new?date=2099-01-01">Propose a correction</a>');
        await writePage(site, postPath(post), html);
      }
      return touched.map(postPath);
    });
    expect(report.mode).toBe('incremental');
    expect(report.chunks.rebuilt).toBe(0);
    expect(diff).toEqual([]);
  });

  it('control: a change inside the indexed body of one of those pages re-indexes its period', async () => {
    const post = posts[0]!;
    const { report, diff } = await incrementalAgainstFull(async (site) => {
      await writePage(site, postPath(post), postPage({ ...post, text: `${post.text} okapi` }));
      return [postPath(post)];
    });
    expect(report.chunks.rebuilt).toBe(2);
    expect(diff).toEqual([]);
  });

  it('periods indexed ahead from the pages rendered first are used where their digest holds: a moderation ahead, a rule change after', async () => {
    const removed = posts[300]!;
    let ahead: ReturnType<typeof indexAhead> | undefined;
    const { report, diff } = await incrementalAgainstFull(async (site) => {
      await writePage(site, postPath(removed), `<!doctype html>\n<html lang="${removed.lang}"><body><p>Removed by decision.</p></body></html>\n`);
      // What build-site.ts does: the document pages rendered first start the search, the rest of the site follows.
      ahead = indexAhead(site, { chunkPages, cacheDir: join(scratch, `cache-${run}`), changed: [postPath(removed)] });
      for (const ui of ['fr', 'en'] as const) await writePage(site, `${ui}/rules/respect/index.html`, rulePage('respect', ui, 'Respect', 'Disagree with ideas; quokka.', newest.date));
      return [postPath(removed), 'fr/rules/respect/index.html', 'en/rules/respect/index.html'];
    }, () => ahead);
    expect(diff).toEqual([]);
    expect((await ahead!).indexed.size).toBe(2);
    expect(report.aheadSeconds).toBeGreaterThan(0);
    // The moderated post's period in both languages (ahead), the rule's old and new periods in both (after).
    expect(report.chunks.rebuilt).toBe(2 + 4);
  });

  it('control: a page changed after the periods were indexed ahead, in one of those periods, makes them indexed again', async () => {
    const [removed, edited] = [posts[400]!, posts[401]!];
    let ahead: ReturnType<typeof indexAhead> | undefined;
    const { report, diff } = await incrementalAgainstFull(async (site) => {
      await writePage(site, postPath(removed), `<!doctype html>\n<html lang="${removed.lang}"><body><p>Removed by decision.</p></body></html>\n`);
      ahead = indexAhead(site, { chunkPages, cacheDir: join(scratch, `cache-${run}`), changed: [postPath(removed)] });
      await ahead;
      await writePage(site, postPath(edited), postPage({ ...edited, text: `${edited.text} quokka` }));
      return [postPath(removed), postPath(edited)];
    }, () => ahead);
    expect((await ahead!).indexed.size).toBe(2);
    expect(diff).toEqual([]);
    expect(report.chunks.rebuilt).toBe(2);
  });

  it('a bundle in the site that is not the one assembled last time is replaced from the cache', async () => {
    const { site } = await incrementalAgainstFull(async () => []);
    const cacheDir = join(scratch, `cache-${run}`);
    const expected = await treeDigest(join(site, 'pagefind'));
    const [period] = JSON.parse(await readFile(join(site, 'pagefind', 'en', 'chunks.json'), 'utf8')).chunks as { path: string }[];
    await writeFile(join(site, 'pagefind', 'en', period!.path, 'pagefind-entry.json'), '{"stale":true}');
    await rm(join(site, 'pagefind', 'fr'), { recursive: true });
    const report = await indexSite(site, { chunkPages, cacheDir, changed: [] });
    expect(report.chunks.rebuilt).toBe(0);
    expect(differences(expected, await treeDigest(join(site, 'pagefind')))).toEqual([]);
  });

  it('control: without the list of changed pages the run reads every page, and still uses the cached periods', async () => {
    const site = join(scratch, 'no-list');
    await cp(join(scratch, 'base'), site, { recursive: true });
    await cp(join(scratch, 'base-cache'), join(scratch, 'no-list-cache'), { recursive: true });
    const report = await indexSite(site, { chunkPages, cacheDir: join(scratch, 'no-list-cache') });
    expect(report.mode).toBe('full');
    expect(report.chunks.rebuilt).toBe(0);
    expect(differences(await treeDigest(join(scratch, 'base', 'pagefind')), await treeDigest(join(site, 'pagefind')))).toEqual([]);
  });

  it('a cache made with other options is not used, and the run says why', async () => {
    const site = join(scratch, 'other-options');
    await cp(join(scratch, 'base'), site, { recursive: true });
    await cp(join(scratch, 'base-cache'), join(scratch, 'other-cache'), { recursive: true });
    const report = await indexSite(site, { chunkPages: 400, cacheDir: join(scratch, 'other-cache'), changed: [] });
    expect(report.mode).toBe('full');
    expect(report.fullBecause).toMatch(/no usable state/);
    expect(report.chunks.rebuilt).toBe(report.chunks.total);
  });
});
