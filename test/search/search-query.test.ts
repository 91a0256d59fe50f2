/** The search page's state, its Pagefind options, and how excerpts are turned into text. */
import { describe, expect, it } from 'vitest';
import {
  excerptParts,
  effectiveSort,
  pagefindSearchOptions,
  pagefindTerm,
  readSearchState,
  resultView,
  writeSearchState,
} from '../../src/site/search/search-query.ts';
import { searchMetaFields } from '../../src/site/search/search-meta.ts';
import { clientSearchStrings, searchStrings } from '../../src/site/search/search-strings.ts';

describe('search state in the URL', () => {
  it('round-trips every field and leaves defaults out', () => {
    const state = readSearchState(new URLSearchParams('q=quorum&kind=rule&tag=vote&language=fr&author=amina&sort=newest'));
    expect(state).toEqual({ query: 'quorum', kind: 'rule', tag: 'vote', language: 'fr', author: 'amina', sort: 'newest' });
    expect(writeSearchState(state).toString()).toBe('q=quorum&kind=rule&tag=vote&language=fr&author=amina&sort=newest');
    expect(writeSearchState(readSearchState(new URLSearchParams('q=x&sort=relevance'))).toString()).toBe('q=x');
  });

  it('drops an unknown kind or order instead of passing it to Pagefind', () => {
    const state = readSearchState(new URLSearchParams('kind=popular&sort=trending'));
    expect(state.kind).toBe('');
    expect(state.sort).toBe('relevance');
  });
});

describe('what the page asks Pagefind', () => {
  it('maps filters to the names SearchMeta writes and the order to the date sort key', () => {
    const state = readSearchState(new URLSearchParams('q=a&kind=post&tag=t&language=en&author=b&sort=oldest'));
    expect(pagefindSearchOptions(state)).toEqual({
      filters: { kind: 'post', tag: 't', language: 'en', author: 'b' },
      sort: { date: 'asc' },
    });
  });

  it('lists a filter-only search newest first, since there are no words to match', () => {
    const state = readSearchState(new URLSearchParams('kind=rule'));
    expect(effectiveSort(state)).toBe('newest');
    expect(pagefindSearchOptions(state)).toEqual({ filters: { kind: 'rule' }, sort: { date: 'desc' } });
    expect(effectiveSort(readSearchState(new URLSearchParams('kind=rule&sort=oldest')))).toBe('oldest');
    expect(effectiveSort(readSearchState(new URLSearchParams('q=vote&kind=rule')))).toBe('relevance');
  });

  it('orders by text match alone by default: no sort key, no weights', () => {
    expect(pagefindSearchOptions(readSearchState(new URLSearchParams('q=a')))).toEqual({ filters: {}, sort: {} });
  });

  it('lists everything under a filter when there is no query, and nothing when there is neither', () => {
    expect(pagefindTerm(readSearchState(new URLSearchParams('kind=rule')))).toBeNull();
    expect(pagefindTerm(readSearchState(new URLSearchParams('')))).toBeUndefined();
    expect(pagefindTerm(readSearchState(new URLSearchParams('q=vote')))).toBe('vote');
  });
});

describe('excerpts', () => {
  it('keeps the highlighted words and decodes escaped text', () => {
    expect(excerptParts('a &lt;b&gt; <mark>quorum</mark> &amp; c')).toEqual([
      { text: 'a <b> ', marked: false },
      { text: 'quorum', marked: true },
      { text: ' & c', marked: false },
    ]);
  });

  it('never turns markup other than <mark> into elements: it stays visible text', () => {
    const parts = excerptParts('<img src=x onerror=alert(1)><mark>x</mark>');
    expect(parts[0]).toEqual({ text: '<img src=x onerror=alert(1)>', marked: false });
  });
});

describe('results', () => {
  it('shows title, kind and date from the metadata, falling back to the URL for a missing title', () => {
    const view = resultView({ url: '/en/rules/respect/', excerpt: 'x', meta: { title: 'Respect', kind: 'rule', date: '2026-10-01T09:00:00.000Z' } });
    expect(view).toMatchObject({ title: 'Respect', kind: 'rule', date: '2026-10-01T09:00:00.000Z' });
    expect(resultView({ url: '/x/', excerpt: '', meta: { kind: 'bogus', date: 'soon' } })).toMatchObject({ title: '/x/', kind: undefined, date: undefined });
  });
});

describe('SearchMeta props', () => {
  it('normalizes the date to ISO 8601 UTC and removes duplicate and empty tags', () => {
    const fields = searchMetaFields({ kind: 'post', title: ' T ', date: new Date('2026-11-02T10:00:00+01:00'), lang: 'fr', author: 'amina', tags: ['a', 'a', ' ', 'b'] });
    expect(fields).toEqual({ kind: 'post', title: 'T', date: '2026-11-02T09:00:00.000Z', lang: 'fr', author: 'amina', tags: ['a', 'b'] });
  });

  it('fails the build with the bad prop, what was expected and what came', () => {
    expect(() => searchMetaFields({ kind: 'page' as 'post', title: 'T', date: '2026-11-02', lang: 'fr' })).toThrow(/kind must be one of post, proposal, rule, policy, decision; received "page"/);
    expect(() => searchMetaFields({ kind: 'post', title: 'T', date: 'yesterday', lang: 'fr' })).toThrow(/date of "T" is not a date/);
    expect(() => searchMetaFields({ kind: 'post', title: 'T', date: '2026-11-02', lang: 'french' })).toThrow(/ISO 639-1/);
  });
});

describe('search strings', () => {
  it('has every string in French and English, with result counts as templates for the script', () => {
    expect(Object.keys(searchStrings.fr).sort()).toEqual(Object.keys(searchStrings.en).sort());
    expect(clientSearchStrings('fr')).toMatchObject({ resultOne: '1 résultat', resultMany: '{count} résultats' });
    expect(clientSearchStrings('en').resultMany).toBe('{count} results');
  });
});
