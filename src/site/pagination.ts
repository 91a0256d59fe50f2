/** Cutting long lists into static pages. Page 1 has no number in its URL. */
export const PAGE_SIZE = 50;

export interface Page<T> {
  items: T[];
  /** 1-based. */
  number: number;
  count: number;
}

/** Pages of an order that is recomputed as a whole (shuffles, rounds): page 1 is the start of the order. */
export function paginate<T>(items: readonly T[], size = PAGE_SIZE): Page<T>[] {
  const count = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: count }, (_, i) => ({ items: items.slice(i * size, (i + 1) * size), number: i + 1, count }));
}

/** The `[...page]` route param for a page number: undefined for page 1. */
export function pageParam(number: number): string | undefined {
  return number === 1 ? undefined : String(number);
}

/** A numbered page of a list that only grows at its newest end. */
export interface StablePage<T> {
  /** 1 = the oldest `size` items; the number never changes what it holds. */
  number: number;
  /** Newest first. */
  items: T[];
  /** The page of newer items: undefined for the newest page, whose newer items are on the first page. */
  newer: number | undefined;
  /** The page of older items, undefined for page 1. */
  older: number | undefined;
}

export interface StableList<T> {
  /** The list's first page (its unnumbered URL): the newest numbered page and the one before it, newest first. */
  first: T[];
  /** The page the first page's "older" link leads to, if the first page does not show everything. */
  firstOlder: number | undefined;
  /** Numbered pages, oldest first; none while the first page shows everything (fewer than `size` + 1 items). */
  pages: StablePage<T>[];
}

/**
 * Pages numbered from the oldest item (issue 14): page k holds the items k·size − size + 1 … k·size
 * counted from the oldest, so one item more changes only the newest page and the first page, and
 * a page's URL keeps its content (a page that fills gets no new item after). The first page shows
 * the newest page and the full page before it (between `size` + 1 and 2·`size` items), so that
 * its "older" link continues exactly where it ends.
 *
 * `newestFirst` is every item the list ever had, in its order; `shown` leaves some out of the pages
 * they are counted in (a hidden post keeps its place, so hiding it changes only its own page).
 *
 * @example stablePages(['e', 'd', 'c', 'b', 'a'], { size: 2 }) // first: [e, d, c], firstOlder: 1, pages: 1 [b, a], 2 [d, c], 3 [e]
 */
export function stablePages<T>(newestFirst: readonly T[], options: { size?: number; shown?: (item: T) => boolean } = {}): StableList<T> {
  const size = options.size ?? PAGE_SIZE;
  const shown = options.shown ?? (() => true);
  const oldestFirst = [...newestFirst].reverse();
  const count = Math.ceil(oldestFirst.length / size);
  const page = (k: number): T[] => oldestFirst.slice((k - 1) * size, k * size).reverse().filter(shown);
  if (count <= 1) return { first: newestFirst.filter(shown), firstOlder: undefined, pages: [] };
  const pages = Array.from({ length: count }, (_, i) => ({ number: i + 1, items: page(i + 1), newer: i + 1 < count ? i + 2 : undefined, older: i > 0 ? i : undefined }));
  return { first: [...page(count), ...page(count - 1)], firstOlder: count > 2 ? count - 2 : undefined, pages };
}
