/**
 * Issue 14: "numbering pages from the oldest keeps all but the newest page stable (and makes page
 * URLs permanent)". `stablePages` over lists of every length around the page boundaries.
 */
import { describe, expect, it } from 'vitest';
import { paginate, stablePages } from '../../src/site/pagination.ts';
import { shufflePageCount, shufflePages } from '../../src/site/shuffle-pages.ts';

/** n items, newest first: n, n-1, …, 1. */
const list = (n: number) => Array.from({ length: n }, (_, i) => n - i);

describe('stablePages', () => {
  it('page 1 holds the oldest items, newest first within a page; the first page shows the newest page and the one before', () => {
    const { first, firstOlder, pages } = stablePages(list(5), { size: 2 });
    expect(pages.map((p) => p.items)).toEqual([[2, 1], [4, 3], [5]]);
    expect(pages.map((p) => [p.number, p.newer, p.older])).toEqual([[1, 2, undefined], [2, 3, 1], [3, undefined, 2]]);
    expect(first).toEqual([5, 4, 3]);
    expect(firstOlder).toBe(1);
  });

  it('a list that fits one page has no numbered pages; two pages are both shown first, with no older link', () => {
    expect(stablePages(list(2), { size: 2 })).toEqual({ first: [2, 1], firstOlder: undefined, pages: [] });
    expect(stablePages([], { size: 2 })).toEqual({ first: [], firstOlder: undefined, pages: [] });
    const two = stablePages(list(3), { size: 2 });
    expect(two.first).toEqual([3, 2, 1]);
    expect(two.firstOlder).toBeUndefined();
    expect(two.pages.map((p) => p.items)).toEqual([[2, 1], [3]]);
  });

  it('one item more changes only the newest page (or opens one) and the first page, at every length', () => {
    for (let n = 3; n < 40; n += 1) {
      const before = stablePages(list(n), { size: 4 });
      const after = stablePages(list(n + 1), { size: 4 });
      const changed = after.pages.filter((page) => JSON.stringify(page) !== JSON.stringify(before.pages.find((p) => p.number === page.number)));
      const newest = after.pages.length;
      // The newest page, and when it is new, the page before it (its "newer" link appears).
      for (const page of changed) expect([newest, newest - 1], `${n} → ${n + 1}: page ${page.number}`).toContain(page.number);
      if (after.pages.length === before.pages.length && before.pages.length > 0) expect(changed.map((p) => p.number), `${n}`).toEqual([newest]);
      // The first page always ends where its older link continues.
      if (after.firstOlder !== undefined) expect(after.first.at(-1)! - 1).toBe(after.pages[after.firstOlder - 1]!.items[0]);
      else expect(after.first).toEqual(list(n + 1));
    }
  });

  it('an item left out (a hidden post) leaves a gap in its own page and moves nothing else', () => {
    const shown = (x: number) => x !== 3;
    const { pages, first } = stablePages(list(7), { size: 2, shown });
    expect(pages.map((p) => p.items)).toEqual([[2, 1], [4], [6, 5], [7]]);
    expect(first).toEqual([7, 6, 5]);
    expect(stablePages(list(7), { size: 2 }).pages.filter((p) => p.number !== 2)).toEqual(pages.filter((p) => p.number !== 2));
  });

  it('orders recomputed as a whole (shuffles, rounds) keep page 1 at their start', () => {
    expect(paginate(list(5), 2).map((p) => p.items)).toEqual([[5, 4], [3, 2], [1]]);
  });
});

describe('shufflePages', () => {
  const posts = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `2026/post-${i}` }));
  const ids = (pages: { items: { id: string }[] }[]) => pages.map((page) => page.items.map((item) => item.id));

  it('holds every post once, the same for the same seed and set of posts whatever their order, and differs between seeds', () => {
    const pages = shufflePages(posts(500), '2026-11-24');
    expect(pages).toHaveLength(16);
    expect(ids(pages).flat().sort()).toEqual(posts(500).map((p) => p.id).sort());
    expect(ids(shufflePages([...posts(500)].reverse(), '2026-11-24'))).toEqual(ids(pages));
    expect(ids(shufflePages(posts(500), '2026-11-23'))).not.toEqual(ids(pages));
  });

  it('one post more changes one page of the shuffle (issue 14), unless the number of pages doubles', () => {
    for (const n of [120, 333, 799]) {
      const before = ids(shufflePages(posts(n), 'seed'));
      const after = ids(shufflePages(posts(n + 1), 'seed'));
      expect(after.filter((page, i) => JSON.stringify(page) !== JSON.stringify(before[i])), `${n}`).toHaveLength(1);
    }
    expect(shufflePageCount(50)).toBe(1);
    expect(shufflePageCount(51)).toBe(2);
    expect(shufflePageCount(10_000)).toBe(256);
  });
});
