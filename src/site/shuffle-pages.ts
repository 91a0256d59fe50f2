/**
 * The shuffled feed's pages (issue 14): every post gets a place drawn from the seed and its own
 * id alone (the first 32 bits of SHA-256 of `<seed> NUL <post id>`), the feed is the posts in the
 * order of their places, and page b of B holds the posts whose place falls in the b-th of B equal
 * ranges, B being the power of two that puts 26 to 50 posts on a page on average. A post's place
 * does not depend on the other posts, so one more post (or one hidden) changes one page of each
 * shuffle, not every page after it; only when B doubles are the pages cut anew. Anyone can
 * recompute a page from the seed and the post ids.
 */
import { createHash } from 'node:crypto';
import { PAGE_SIZE, type Page } from './pagination.ts';

/** A post's place in the shuffle of `seed`, in [0, 2^32). */
export function shufflePlace(seed: string, id: string): number {
  return createHash('sha256').update(`${seed}\u0000${id}`).digest().readUInt32BE(0);
}

/** How many pages a shuffle of `count` posts has: 1, or the power of two giving 26–50 posts a page on average. */
export function shufflePageCount(count: number, size = PAGE_SIZE): number {
  return count <= size ? 1 : 2 ** Math.ceil(Math.log2(count / size));
}

/** The pages of the shuffle of `items` with `seed` (page 1 first; every page exists, even an empty one). */
export function shufflePages<T extends { id: string }>(items: readonly T[], seed: string, size = PAGE_SIZE): Page<T>[] {
  const count = shufflePageCount(items.length, size);
  const placed = items.map((item) => ({ item, place: shufflePlace(seed, item.id) }));
  placed.sort((a, b) => a.place - b.place || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0));
  const pages: Page<T>[] = Array.from({ length: count }, (_, i) => ({ items: [], number: i + 1, count }));
  for (const { item, place } of placed) pages[Math.floor((place * count) / 2 ** 32)]!.items.push(item);
  return pages;
}
