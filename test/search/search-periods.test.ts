/**
 * The search page over an index split by period (issue 14: "first search query ≤ 150 KB at 10,000
 * posts and ≤ 300 KB at 100,000"): which periods a search reads, which it adds when the reader asks
 * for older documents, and how results from several periods are put in date order.
 */
import { describe, expect, it } from 'vitest';
import { inDateOrder, morePeriods, periodsToSearch, readSearchState, type SearchChunk } from '../../src/site/search/search-query.ts';
import { clientSearchStrings } from '../../src/site/search/search-strings.ts';

const chunk = (tag: string, pages: number, from = '2026-01-01'): SearchChunk => ({ tag: `en-x-${tag}`, path: `${tag}/`, from, pages });
const chunks = [chunk('2026m12', 300, '2026-12-01'), chunk('2026m11', 700, '2026-11-01'), chunk('2026m10', 700, '2026-10-01'), chunk('2025', 600, '2025-01-01')];
const state = (query: string) => readSearchState(new URLSearchParams(query));

describe('periods a search reads', () => {
  it('reads the newest periods while they hold at most the budget, and at least one', () => {
    expect(periodsToSearch(chunks, state('q=x'), 1, 1500)).toBe(2);
    expect(periodsToSearch(chunks, state('q=x'), 1, 100)).toBe(1);
    expect(periodsToSearch(chunks, state('q=x'), 1, 10_000)).toBe(4);
  });

  it('keeps the periods already read', () => {
    expect(periodsToSearch(chunks, state('q=x'), 3, 1500)).toBe(3);
  });

  it('reads every period for oldest first, whose first results are in the oldest', () => {
    expect(periodsToSearch(chunks, state('q=x&sort=oldest'), 1, 1500)).toBe(4);
  });

  it('adds about a budget of older periods when asked, at least one', () => {
    expect(morePeriods(chunks, 2, 1500)).toBe(4);
    expect(morePeriods(chunks, 2, 100)).toBe(3);
    expect(morePeriods(chunks, 4, 1500)).toBe(4);
  });
});

describe('results from several periods', () => {
  // Pagefind's merged answer, ordered by each result's place within its own period.
  const merged = [
    { id: 'en-x-2026m10_a1' },
    { id: 'en-x-2026m12_b1' },
    { id: 'en-x-2026m10_a2' },
    { id: 'en-x-2026m12_b2' },
  ];

  it('newest first: the newest period first, each period in its own order', () => {
    expect(inDateOrder(merged, chunks, state('q=x&sort=newest')).map((r) => r.id)).toEqual(['en-x-2026m12_b1', 'en-x-2026m12_b2', 'en-x-2026m10_a1', 'en-x-2026m10_a2']);
  });

  it('a filter-only listing is newest first too', () => {
    expect(inDateOrder(merged, chunks, state('tag=t')).map((r) => r.id)[0]).toBe('en-x-2026m12_b1');
  });

  it('oldest first: the oldest period first', () => {
    expect(inDateOrder(merged, chunks, state('q=x&sort=oldest')).map((r) => r.id)).toEqual(['en-x-2026m10_a1', 'en-x-2026m10_a2', 'en-x-2026m12_b1', 'en-x-2026m12_b2']);
  });

  it('relevance keeps Pagefind order: text match alone', () => {
    expect(inDateOrder(merged, chunks, state('q=x')).map((r) => r.id)).toEqual(merged.map((r) => r.id));
  });
});

describe('what the page says when it searched the recent periods only', () => {
  it('says since when, and offers the older ones, in both languages', () => {
    expect(clientSearchStrings('en').searchedSince).toBe('among the documents published since {date}');
    expect(clientSearchStrings('en').searchOlder).toBe('Also search before {date}');
    expect(clientSearchStrings('fr').searchedSince).toBe('parmi les documents publiés depuis le {date}');
    expect(clientSearchStrings('fr').searchOlder).toBe('Chercher aussi avant le {date}');
  });
});
