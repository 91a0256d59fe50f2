/**
 * The search page's state and what it asks Pagefind, as plain data. Pure: the browser glue
 * (search-client.ts) reads the form and the URL, calls these functions and touches the DOM.
 *
 * The state lives in the URL (`?q=quorum&kind=rule&sort=newest`) so a search can be shared and the
 * plain HTML form (no JavaScript) submits the same parameters.
 */
import { searchKinds, type SearchKind } from './search-meta.ts';

/** How results are ordered. `relevance` is Pagefind's text match and nothing else. */
export const searchSorts = ['relevance', 'newest', 'oldest'] as const;
export type SearchSort = (typeof searchSorts)[number];

export interface SearchState {
  query: string;
  kind: SearchKind | '';
  tag: string;
  language: string;
  author: string;
  sort: SearchSort;
}

export const emptySearchState: SearchState = { query: '', kind: '', tag: '', language: '', author: '', sort: 'relevance' };

/** The URL parameter of each field; also the `name` of each form control. */
export const searchParameterNames = {
  query: 'q',
  kind: 'kind',
  tag: 'tag',
  language: 'language',
  author: 'author',
  sort: 'sort',
} as const satisfies Record<keyof SearchState, string>;

const maxParameterLength = 200;

/** Reads the state from URL parameters; anything unknown or malformed falls back to "no filter". */
export function readSearchState(parameters: URLSearchParams): SearchState {
  const text = (name: string): string => (parameters.get(name) ?? '').trim().slice(0, maxParameterLength);
  const kind = text(searchParameterNames.kind);
  const sort = text(searchParameterNames.sort);
  return {
    query: text(searchParameterNames.query),
    kind: (searchKinds as readonly string[]).includes(kind) ? (kind as SearchKind) : '',
    tag: text(searchParameterNames.tag),
    language: text(searchParameterNames.language),
    author: text(searchParameterNames.author),
    sort: (searchSorts as readonly string[]).includes(sort) ? (sort as SearchSort) : 'relevance',
  };
}

/** Writes the state as URL parameters, leaving out empty fields and the default order. */
export function writeSearchState(state: SearchState): URLSearchParams {
  const parameters = new URLSearchParams();
  for (const key of Object.keys(searchParameterNames) as (keyof SearchState)[]) {
    const value = state[key];
    if (value === '' || (key === 'sort' && value === 'relevance')) continue;
    parameters.set(searchParameterNames[key], value);
  }
  return parameters;
}

/** The options object of Pagefind's `search(term, options)`. */
export interface PagefindSearchOptions {
  filters: Record<string, string>;
  sort: Record<string, 'asc' | 'desc'>;
}

/**
 * The order actually used. With filters and no words there is no text to match, and Pagefind would
 * return its own index order, which no sentence can honestly describe: such a listing is newest
 * first (the site's default order), and the status line says so.
 */
export function effectiveSort(state: SearchState): SearchSort {
  return state.query === '' && state.sort === 'relevance' ? 'newest' : state.sort;
}

/** Translates the state into Pagefind's filters (names as SearchMeta writes them) and sort. */
export function pagefindSearchOptions(state: SearchState): PagefindSearchOptions {
  const filters: Record<string, string> = {};
  if (state.kind !== '') filters.kind = state.kind;
  if (state.tag !== '') filters.tag = state.tag;
  if (state.language !== '') filters.language = state.language;
  if (state.author !== '') filters.author = state.author;
  const order = effectiveSort(state);
  const sort: PagefindSearchOptions['sort'] = order === 'newest' ? { date: 'desc' } : order === 'oldest' ? { date: 'asc' } : {};
  return { filters, sort };
}

/**
 * Pagefind's term for a state: the query, or `null` to list every document matching the filters
 * (Pagefind's "filter only" search), or nothing at all when there is neither query nor filter.
 */
export function pagefindTerm(state: SearchState): string | null | undefined {
  if (state.query !== '') return state.query;
  const { filters } = pagefindSearchOptions(state);
  return Object.keys(filters).length > 0 ? null : undefined;
}

/** A piece of an excerpt: plain text, highlighted or not. */
export interface ExcerptPart {
  text: string;
  marked: boolean;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", apos: "'" };

/**
 * Splits a Pagefind excerpt (escaped text with `<mark>` around matches) into text parts, so the page
 * can render it with `textContent` and never parse HTML: any other tag stays visible as text.
 */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let marked = false;
  for (const piece of excerpt.split(/(<\/?mark>)/)) {
    if (piece === '<mark>') marked = true;
    else if (piece === '</mark>') marked = false;
    else if (piece !== '') parts.push({ text: decodeEntities(piece), marked });
  }
  return parts;
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#39|#x27);/g, (_, name: string) => entities[name] ?? '');
}

/** A result as the page shows it, built from Pagefind's `data()` of one result. */
export interface SearchResultView {
  url: string;
  title: string;
  kind: SearchKind | undefined;
  /** ISO 8601, or undefined when the document had none. */
  date: string | undefined;
  excerpt: ExcerptPart[];
}

/** The part of Pagefind's result data the page reads. */
export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}

export function resultView(data: PagefindResultData): SearchResultView {
  const kind = data.meta.kind;
  const date = data.meta.date;
  return {
    url: data.url,
    title: data.meta.title?.trim() || data.url,
    kind: kind !== undefined && (searchKinds as readonly string[]).includes(kind) ? (kind as SearchKind) : undefined,
    date: date !== undefined && !Number.isNaN(Date.parse(date)) ? date : undefined,
    excerpt: excerptParts(data.excerpt),
  };
}

/**
 * One period's index, as `pagefind/<language>/chunks.json` lists it (newest first; written by
 * scripts/search-index.ts): its Pagefind language tag (`en-x-2026q3`, which prefixes the id of
 * every result it gives), its folder under `pagefind/<language>/`, its first day and its pages.
 */
export interface SearchChunk {
  tag: string;
  path: string;
  from: string;
  pages: number;
}

/** Pages a first search reads at most, over the newest periods (always at least the newest one). */
export const firstSearchPages = 1500;

/**
 * How many of the newest periods a search reads: the newest ones while their pages stay within
 * `budget` (at least one), or all of them when the order asked is oldest first (its first results
 * are in the oldest period). `loaded` periods stay loaded.
 */
export function periodsToSearch(chunks: readonly SearchChunk[], state: SearchState, loaded: number, budget = firstSearchPages): number {
  if (effectiveSort(state) === 'oldest') return chunks.length;
  let count = 0;
  let pages = 0;
  while (count < chunks.length && (count === 0 || pages + chunks[count]!.pages <= budget)) pages += chunks[count++]!.pages;
  return Math.max(count, Math.min(loaded, chunks.length));
}

/** How many periods to read after `loaded` when the reader asks for older documents: about `budget` pages more. */
export function morePeriods(chunks: readonly SearchChunk[], loaded: number, budget = firstSearchPages): number {
  let count = loaded;
  let pages = 0;
  while (count < chunks.length && (count === loaded || pages + chunks[count]!.pages <= budget)) pages += chunks[count++]!.pages;
  return count;
}

/**
 * Puts results from several periods in date order. Pagefind sorts each period's results by date,
 * but across merged indexes it compares their places within their own period; the periods do not
 * overlap, so ordering by period (newest first, or oldest first) and keeping each period's own order
 * gives the order by date. Relevance keeps Pagefind's order.
 */
export function inDateOrder<T extends { id: string }>(results: readonly T[], chunks: readonly SearchChunk[], state: SearchState): T[] {
  const sort = effectiveSort(state);
  if (sort === 'relevance') return [...results];
  const rank = new Map(chunks.map((chunk, i) => [chunk.tag, i]));
  const of = (result: T): number => rank.get(result.id.slice(0, result.id.lastIndexOf('_'))) ?? chunks.length;
  return [...results].sort((a, b) => (sort === 'newest' ? of(a) - of(b) : of(b) - of(a)));
}
