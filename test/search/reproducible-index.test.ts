/**
 * Issue 14: "two full builds of the same commit from scratch already differ in about 200 files
 * under pagefind/: the build must first be reproducible". Pagefind numbers the pages of an index
 * in the order it receives them, and every file it writes depends on those numbers; pages were
 * handed over as their reads completed and in the directory walk's order. indexSite now hands them
 * over in one fixed order: the same pages give the same bytes.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexSite } from '../../scripts/search-index.ts';
import { manyPosts, postPage, postPath, writePage, writeSite } from './built-site.ts';
import { differences, treeDigest } from './tree.ts';

let scratch: string;
const posts = manyPosts(700);

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'noclout-reproducible-'));
  await writeSite(join(scratch, 'site'), posts);
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('the search index is a function of the pages (issue 14)', () => {
  it('two runs over copies of the same built site write byte-identical bundles', async () => {
    await cp(join(scratch, 'site'), join(scratch, 'a'), { recursive: true });
    await cp(join(scratch, 'site'), join(scratch, 'b'), { recursive: true });
    const a = await indexSite(join(scratch, 'a'), { chunkPages: 150 });
    const b = await indexSite(join(scratch, 'b'), { chunkPages: 150 });
    expect(a.chunks.total).toBeGreaterThan(4);
    expect(a.pages).toBe(2 * (posts.length + 1));
    const first = await treeDigest(join(scratch, 'a', 'pagefind'));
    expect(Object.keys(first).length).toBeGreaterThan(1000);
    expect(differences(first, await treeDigest(join(scratch, 'b', 'pagefind')))).toEqual([]);
  });

  it('the same pages written to disk in another order give the same bundle (no dependence on the directory walk)', async () => {
    const reversed = join(scratch, 'reversed');
    await writeSite(reversed, []);
    for (const post of [...posts].reverse()) await writePage(reversed, postPath(post), postPage(post));
    await writeSite(join(scratch, 'forward'), posts);
    await indexSite(reversed, { chunkPages: 150 });
    await indexSite(join(scratch, 'forward'), { chunkPages: 150 });
    expect(differences(await treeDigest(join(scratch, 'forward', 'pagefind')), await treeDigest(join(reversed, 'pagefind')))).toEqual([]);
  });

  it('control: a changed page changes the bundle', async () => {
    const changed = join(scratch, 'changed');
    await writeSite(changed, posts.map((post, i) => (i === 3 ? { ...post, text: `${post.text} okapi` } : post)));
    await writeSite(join(scratch, 'same'), posts);
    await indexSite(changed, { chunkPages: 150 });
    await indexSite(join(scratch, 'same'), { chunkPages: 150 });
    expect(differences(await treeDigest(join(scratch, 'same', 'pagefind')), await treeDigest(join(changed, 'pagefind'))).length).toBeGreaterThan(0);
  });
});
