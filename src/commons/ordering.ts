/**
 * The orders a list of the commons can be shown in. None of them looks at popularity: there is
 * nothing to look at (DESIGN.md, principle "No clout"). Pure and deterministic, so anyone can
 * recompute a page's order from the same data and the seed printed on it.
 */

export interface Orderable {
  /** Stable identity, like "2026/egalite-des-voix": ties and shuffles are decided by it. */
  id: string;
  /** Publication time, ISO 8601 UTC (from a decision record or git, never from front matter). */
  published: string;
}

/** Newest publication first; equal times fall back to the id so the order never depends on input order. */
export function newestFirst<T extends Orderable>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.published === b.published ? compareText(a.id, b.id) : a.published < b.published ? 1 : -1));
}

/**
 * A 32-bit hash of the seed text (FNV-1a), the starting state of the generator.
 * @example seedState('2026-11-24') // always the same number
 */
export function seedState(seed: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(seed)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A generator seeded by text: the shuffle's visible seed. Same seed, same sequence. */
export function seededRandom(seed: string): () => number {
  return mulberry32(seedState(seed));
}

/** mulberry32: a small, well-known generator over a 32-bit state; numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fisher–Yates shuffle driven by the seed. Items are first put in id order, so the result
 * depends only on the set of items and the seed, not on how they were read.
 */
export function seededShuffle<T extends { id: string }>(items: readonly T[], seed: string): T[] {
  const out = [...items].sort((a, b) => compareText(a.id, b.id));
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export interface InRound<T> {
  item: T;
  /** 1-based: round 1 holds every author's newest post, round 2 their second newest, … */
  round: number;
}

/**
 * One post per author per round: nobody appears twice before everyone has appeared once, so
 * writing more never buys more of the page. Within a round, newest first.
 */
export function authorRounds<T extends Orderable & { author: string }>(items: readonly T[]): InRound<T>[] {
  const seen = new Map<string, number>();
  const placed = newestFirst(items).map((item) => {
    const round = (seen.get(item.author) ?? 0) + 1;
    seen.set(item.author, round);
    return { item, round };
  });
  return placed.sort((a, b) => a.round - b.round);
}

/** Code-point comparison: the same everywhere, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
