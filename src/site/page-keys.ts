/**
 * Keys of the site's pages for incremental builds (issue 14; docs/site.md, Incremental builds).
 * A page whose key is the same as in the previous build is not rendered again: its key must
 * cover everything the page reads. Each route returns its key as `cacheKey` from
 * `getStaticPaths`; a route without one is keyed by `site`, which covers everything the build
 * reads (every file of the commons, its git history, the ledger), so it is rendered again after
 * any change at all. Only the routes there are many of are keyed more finely:
 *
 * - a post's page: the post, its author's name, its parent (title, hidden or not), its replies'
 *   list items, the appeal that restored it; a tombstone: `site`;
 * - a page of a post list (feed, tag, author, shuffle, rounds): its items' list entries, its
 *   page links, and for an author their member entry, for a shuffle the seeds;
 * - and every page: the frame every page shows (the commons' name, description, languages).
 *
 * The code of the site is not in any key: a change to it makes the next build a full one
 * (scripts/build-site.ts, the code fingerprint).
 */
import { hash } from 'node:crypto';

/** A stable digest of plain JSON values (numbers, strings, arrays, plain objects): for the many page keys. */
export function digestOf(...parts: unknown[]): string {
  // The one-shot hash: half the cost of createHash().update().digest() for these short texts, tens of thousands of them a build.
  return hash('sha256', JSON.stringify(parts), 'base64url').slice(0, 32);
}

/** The same for values that may hold a Map or a Set anywhere (as their entries, in order): for the few site-wide keys. */
export function deepDigestOf(...parts: unknown[]): string {
  const json = JSON.stringify(parts, (_key, value: unknown) => (value instanceof Map ? [...value] : value instanceof Set ? [...value] : value));
  return hash('sha256', json, 'base64url').slice(0, 32);
}

/** Where a built page finds the site's whole key (for routes without a finer one): see scripts/build-site.ts. */
export const SITE_KEY = Symbol.for('noclout.siteKey');

/** The key of everything the build read, published for the incremental renderer, which runs in the same process as the pages. */
export function publishSiteKey(key: string): void {
  (globalThis as Record<symbol, unknown>)[SITE_KEY] = key;
}
