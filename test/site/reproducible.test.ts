/**
 * Issue 14: "Today two full builds of the same commit from scratch already differ … the build must
 * first be reproducible." Two builds of one commit, each into its own folder with its own empty
 * cache, must give the same files with the same bytes: nothing ignored, no build time anywhere.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { commonsWith } from '../e2e/harness.ts';
import { buildInto, fileList, treeDifferences } from './site-trees.ts';

const work: string[] = [];
afterAll(async () => {
  await Promise.all(work.map((dir) => rm(dir, { recursive: true, force: true })));
});

const LATE_POST = `---\ntitle: "A later post"\nauthor: tomas\ndate: 2026-10-30\nlang: en\ntags: [energy]\nreplyTo: 2026/equal-voices\n---\n\nPublished by the second commit.\n`;

it('two full builds of the same commit from scratch are byte-identical (issue 14)', { timeout: 300_000 }, async () => {
  // Two commits, so publication times, shuffle seeds and page lists come from git.
  const commons = await commonsWith({}, { 'content/posts/2026/a-later-post.md': LATE_POST });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'noclout-reproducible-'));
  work.push(commons, dir);
  const first = await buildInto(commons, path.join(dir, 'one'), path.join(dir, 'cache-one'));
  const second = await buildInto(commons, path.join(dir, 'two'), path.join(dir, 'cache-two'));
  const files = await fileList(first.out);
  expect(files.filter((f) => f.endsWith('.html')).length).toBeGreaterThan(50);
  expect(files).toContain('sitemap-index.xml');
  expect(files).toContain('en/rss/posts.xml');
  expect(await treeDifferences(first.out, second.out)).toEqual([]);
});

// Pagefind numbers pages in the order they reach it; scripts/search-index.ts hands them over sorted.
it('with the search index too: two full builds with search are byte-identical, pagefind/ included', { timeout: 300_000 }, async () => {
  const commons = await commonsWith({}, { 'content/posts/2026/a-later-post.md': LATE_POST });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'noclout-reproducible-search-'));
  work.push(commons, dir);
  const first = await buildInto(commons, path.join(dir, 'one'), path.join(dir, 'cache-one'), { search: true });
  const second = await buildInto(commons, path.join(dir, 'two'), path.join(dir, 'cache-two'), { search: true });
  expect((await fileList(first.out)).filter((f) => f.startsWith('pagefind/')).length).toBeGreaterThan(10);
  expect(await treeDifferences(first.out, second.out)).toEqual([]);
});
