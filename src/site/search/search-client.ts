/**
 * The search page's script (the site's one script for reading; the sealing form has the other): loads Pagefind's bundle from this site, runs the
 * form's search and renders results with DOM methods and `textContent` only, so no result text can
 * become markup. Works under the site's Content-Security-Policy: it is an external module bundled
 * by Astro, Pagefind is fetched from the same origin, and its WebAssembly needs `'wasm-unsafe-eval'`.
 */
import {
  effectiveSort,
  emptySearchState,
  inDateOrder,
  morePeriods,
  periodsToSearch,
  pagefindSearchOptions,
  pagefindTerm,
  readSearchState,
  resultView,
  searchParameterNames,
  writeSearchState,
  type PagefindResultData,
  type SearchChunk,
  type SearchResultView,
  type SearchState,
} from './search-query.ts';
import type { ClientSearchStrings } from './search-strings.ts';

/** The part of Pagefind's browser API (pagefind.js) this page uses. */
interface PagefindResults {
  results: { id: string; data(): Promise<PagefindResultData> }[];
}
interface PagefindInstance {
  init(): Promise<void>;
  mergeIndex(path: string, options: { language: string; baseUrl: string; excerptLength: number }): Promise<void>;
  search(term: string | null, options: { filters: Record<string, string>; sort: Record<string, string> }): Promise<PagefindResults | null>;
}
interface PagefindModule {
  createInstance(options: { basePath: string; baseUrl: string; excerptLength: number }): PagefindInstance;
}

/**
 * The search over a commons whose index is split by period (docs/search.md): one Pagefind index
 * per period, newest first; a search reads the newest periods first and older ones when asked.
 */
interface PeriodSearch {
  chunks: SearchChunk[];
  /** Periods merged so far, counted from the newest. */
  loaded(): number;
  /** Merges periods until `count` of them are loaded, then searches them all. */
  search(count: number, term: string | null, options: ReturnType<typeof pagefindSearchOptions>): Promise<PagefindResults | null>;
}

const pageSize = 10;

interface SearchPage {
  root: HTMLElement;
  form: HTMLFormElement;
  status: HTMLElement;
  list: HTMLOListElement;
  more: HTMLButtonElement;
  older: HTMLButtonElement;
  strings: ClientSearchStrings;
  locale: string;
  bundle: string;
  baseUrl: string;
}

function findPage(): SearchPage | undefined {
  const root = document.querySelector<HTMLElement>('[data-search-root]');
  if (root === null) return undefined;
  const part = <T extends Element>(selector: string): T => {
    const element = root.querySelector<T>(selector);
    if (element === null) throw new Error(`search page: missing ${selector}`);
    return element;
  };
  return {
    root,
    form: part<HTMLFormElement>('form'),
    status: part<HTMLElement>('[data-search-status]'),
    list: part<HTMLOListElement>('[data-search-results]'),
    more: part<HTMLButtonElement>('[data-search-more]'),
    older: part<HTMLButtonElement>('[data-search-older]'),
    strings: JSON.parse(root.dataset.strings ?? '{}') as ClientSearchStrings,
    locale: document.documentElement.lang || 'en',
    // No default: under a base path (`/commons/`) a guessed `/pagefind/` would load nothing.
    bundle: attribute(root, 'data-bundle'),
    baseUrl: attribute(root, 'data-base-url'),
  };
}

function attribute(root: HTMLElement, name: string): string {
  const value = root.getAttribute(name);
  if (value === null || value === '') throw new Error(`search page: missing ${name}`);
  return value;
}

async function loadPagefind(page: SearchPage): Promise<PeriodSearch> {
  const languageBundle = `${page.bundle}${page.locale}/`;
  const manifest = (await (await fetch(`${languageBundle}chunks.json`)).json()) as { chunks: SearchChunk[] };
  const chunks = manifest.chunks;
  if (chunks.length === 0) throw new Error('search page: the index lists no period');
  // The bundle is written after Astro's build, so it is loaded at run time, not bundled.
  const pagefind = (await import(/* @vite-ignore */ `${page.bundle}pagefind.js`)) as PagefindModule;
  const options = { baseUrl: page.baseUrl, excerptLength: 24 };
  const instance = pagefind.createInstance({ basePath: `${languageBundle}${chunks[0]!.path}`, ...options });
  await instance.init();
  let loaded = 1;
  // Merges run one after another, so two searches in flight never merge a period twice.
  let merging = Promise.resolve();
  return {
    chunks,
    loaded: () => loaded,
    async search(count, term, searchOptions) {
      merging = merging.then(async () => {
        for (; loaded < Math.min(count, chunks.length); loaded += 1) {
          await instance.mergeIndex(`${languageBundle}${chunks[loaded]!.path}`, { language: chunks[loaded]!.tag, ...options });
        }
      });
      await merging;
      return instance.search(term, searchOptions);
    },
  };
}

function formState(form: HTMLFormElement): SearchState {
  const parameters = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === 'string') parameters.set(name, value);
  }
  return readSearchState(parameters);
}

function fillForm(form: HTMLFormElement, state: SearchState): void {
  for (const key of Object.keys(searchParameterNames) as (keyof SearchState)[]) {
    const control = form.elements.namedItem(searchParameterNames[key]);
    // A shared link may name a tag or author this build does not list: show it as chosen rather
    // than filtering by a value the form hides (and drops at the next change).
    if (control instanceof HTMLSelectElement && state[key] !== '' && ![...control.options].some((option) => option.value === state[key])) {
      control.append(new Option(state[key], state[key]));
    }
    if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement) control.value = state[key];
  }
}

function renderResult(page: SearchPage, view: SearchResultView): HTMLLIElement {
  const item = document.createElement('li');
  const article = document.createElement('article');
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  link.href = view.url;
  link.textContent = view.title;
  heading.append(link);
  const about = document.createElement('p');
  about.className = 'search-result-about';
  if (view.kind !== undefined) {
    const kind = document.createElement('span');
    kind.dataset.kind = view.kind;
    kind.textContent = page.strings.kinds[view.kind];
    about.append(kind);
  }
  if (view.date !== undefined) {
    if (about.childNodes.length > 0) about.append(' · ');
    const time = document.createElement('time');
    time.dateTime = view.date;
    time.textContent = new Intl.DateTimeFormat(page.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(view.date),
    );
    about.append(time);
  }
  const excerpt = document.createElement('p');
  excerpt.className = 'search-result-excerpt';
  for (const part of view.excerpt) {
    if (part.marked) {
      const mark = document.createElement('mark');
      mark.textContent = part.text;
      excerpt.append(mark);
    } else {
      excerpt.append(part.text);
    }
  }
  article.append(heading, about, excerpt);
  item.append(article);
  return item;
}

function longDate(page: SearchPage, day: string): string {
  return new Intl.DateTimeFormat(page.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** The first day of the oldest period searched, when older periods were left out. */
function searchedFrom(search: PeriodSearch): string | undefined {
  return search.loaded() < search.chunks.length ? search.chunks[search.loaded() - 1]?.from || undefined : undefined;
}

function statusLine(page: SearchPage, count: number, state: SearchState, since: string | undefined): string {
  // With an author chosen, the count would be how much that person wrote: not shown.
  // The form by Intl.PluralRules, as every count NoClout writes: "0 résultat" in French, "0 results" in English.
  const one = new Intl.PluralRules(page.locale).select(count) === 'one';
  const counted = state.author !== '' ? page.strings.resultsUncounted : one ? page.strings.resultOne.replace('1', String(count)) : page.strings.resultMany.replace('{count}', String(count));
  const scope = since === undefined ? '' : `, ${page.strings.searchedSince.replace('{date}', longDate(page, since))}`;
  return `${counted}, ${page.strings.orderedBy[effectiveSort(state)]}${scope}.`;
}

interface SearchRunner {
  /** Runs a search for `state`, replacing the results; a newer run makes older ones drop their answer. */
  run(state: SearchState): Promise<void>;
  /** Appends the next page of results of the latest run. */
  showMore(): Promise<void>;
  /** Adds older periods to the search and runs the latest search again. */
  searchOlder(): Promise<void>;
}

function searchRunner(page: SearchPage, pagefindLoading: Promise<PeriodSearch>): SearchRunner {
  let generation = 0;
  let pending: { data(): Promise<PagefindResultData> }[] = [];
  let latest: SearchState = emptySearchState;
  /** Periods the reader asked to search (0 until they ask for older ones). */
  let asked = 0;

  const showMore = async (runId: number): Promise<void> => {
    const batch = pending.slice(0, pageSize);
    pending = pending.slice(pageSize);
    const views = await Promise.all(batch.map(async (result) => resultView(await result.data())));
    if (runId !== generation) return;
    page.list.append(...views.map((view) => renderResult(page, view)));
    page.more.hidden = pending.length === 0;
  };

  const run = async (state: SearchState): Promise<void> => {
    const current = ++generation;
    const query = writeSearchState(state).toString();
    history.replaceState(null, '', query === '' ? location.pathname : `${location.pathname}?${query}`);
    const term = pagefindTerm(state);
    latest = state;
    page.list.replaceChildren();
    page.more.hidden = true;
    page.older.hidden = true;
    if (term === undefined) {
      page.status.textContent = page.strings.emptyQuery;
      return;
    }
    page.status.textContent = page.strings.searching;
    page.root.setAttribute('aria-busy', 'true');
    try {
      const search = await pagefindLoading;
      const periods = Math.max(asked, periodsToSearch(search.chunks, state, search.loaded()));
      const response = await search.search(periods, term, pagefindSearchOptions(state));
      if (current !== generation || response === null) return;
      pending = inDateOrder(response.results, search.chunks, state);
      const since = searchedFrom(search);
      page.status.textContent =
        response.results.length === 0 && since === undefined ? page.strings.noResults : statusLine(page, response.results.length, state, since);
      if (since !== undefined) {
        page.older.textContent = page.strings.searchOlder.replace('{date}', longDate(page, since));
        page.older.hidden = false;
      }
      await showMore(current);
    } catch (error) {
      if (current === generation) page.status.textContent = page.strings.loadFailed;
      console.error(error);
    } finally {
      if (current === generation) page.root.removeAttribute('aria-busy');
    }
  };

  const searchOlder = async (): Promise<void> => {
    const search = await pagefindLoading;
    asked = morePeriods(search.chunks, search.loaded());
    await run(latest);
  };

  return { run, showMore: () => showMore(generation), searchOlder };
}

function start(page: SearchPage): void {
  const pagefindLoading = loadPagefind(page);
  const search = searchRunner(page, pagefindLoading);
  let typing: ReturnType<typeof setTimeout> | undefined;
  page.form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(typing);
    void search.run(formState(page.form));
  });
  page.form.addEventListener('input', (event) => {
    // A choice in a select applies at once; typing waits for a pause.
    clearTimeout(typing);
    const delay = event.target instanceof HTMLSelectElement ? 0 : 250;
    typing = setTimeout(() => void search.run(formState(page.form)), delay);
  });
  page.more.addEventListener('click', () => void search.showMore());
  page.older.addEventListener('click', () => void search.searchOlder());

  const initial = readSearchState(new URLSearchParams(location.search));
  fillForm(page.form, initial);
  pagefindLoading.catch((error: unknown) => {
    page.status.textContent = page.strings.loadFailed;
    console.error(error);
  });
  if (JSON.stringify(initial) !== JSON.stringify(emptySearchState)) void search.run(initial);
  page.root.dataset.ready = 'true';
}

const page = findPage();
if (page !== undefined) start(page);
