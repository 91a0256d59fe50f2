/**
 * The search page's script (the site's one script for reading; the sealing form has the other): loads Pagefind's bundle from this site, runs the
 * form's search and renders results with DOM methods and `textContent` only, so no result text can
 * become markup. Works under the site's Content-Security-Policy: it is an external module bundled
 * by Astro, Pagefind is fetched from the same origin, and its WebAssembly needs `'wasm-unsafe-eval'`.
 */
import {
  effectiveSort,
  emptySearchState,
  pagefindSearchOptions,
  pagefindTerm,
  readSearchState,
  resultView,
  searchParameterNames,
  writeSearchState,
  type PagefindResultData,
  type SearchResultView,
  type SearchState,
} from './search-query.ts';
import type { ClientSearchStrings } from './search-strings.ts';

/** The part of Pagefind's browser API (pagefind.js) this page uses. */
interface PagefindModule {
  options(options: { baseUrl?: string; excerptLength?: number }): Promise<void>;
  init(): Promise<void>;
  search(
    term: string | null,
    options: { filters: Record<string, string>; sort: Record<string, string> },
  ): Promise<{ results: { id: string; data(): Promise<PagefindResultData> }[] } | null>;
}

const pageSize = 10;

interface SearchPage {
  root: HTMLElement;
  form: HTMLFormElement;
  status: HTMLElement;
  list: HTMLOListElement;
  more: HTMLButtonElement;
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

async function loadPagefind(page: SearchPage): Promise<PagefindModule> {
  // The bundle is written after Astro's build, so it is loaded at run time, not bundled.
  const pagefind = (await import(/* @vite-ignore */ `${page.bundle}pagefind.js`)) as PagefindModule;
  await pagefind.options({ baseUrl: page.baseUrl, excerptLength: 24 });
  await pagefind.init();
  return pagefind;
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

function statusLine(page: SearchPage, count: number, state: SearchState): string {
  // With an author chosen, the count would be how much that person wrote: not shown.
  // The form by Intl.PluralRules, as every count NoClout writes: "0 résultat" in French, "0 results" in English.
  const one = new Intl.PluralRules(page.locale).select(count) === 'one';
  const counted = state.author !== '' ? page.strings.resultsUncounted : one ? page.strings.resultOne.replace('1', String(count)) : page.strings.resultMany.replace('{count}', String(count));
  return `${counted}, ${page.strings.orderedBy[effectiveSort(state)]}.`;
}

interface SearchRunner {
  /** Runs a search for `state`, replacing the results; a newer run makes older ones drop their answer. */
  run(state: SearchState): Promise<void>;
  /** Appends the next page of results of the latest run. */
  showMore(): Promise<void>;
}

function searchRunner(page: SearchPage, pagefindLoading: Promise<PagefindModule>): SearchRunner {
  let generation = 0;
  let pending: { data(): Promise<PagefindResultData> }[] = [];

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
    page.list.replaceChildren();
    page.more.hidden = true;
    if (term === undefined) {
      page.status.textContent = page.strings.emptyQuery;
      return;
    }
    page.status.textContent = page.strings.searching;
    page.root.setAttribute('aria-busy', 'true');
    try {
      const pagefind = await pagefindLoading;
      const response = await pagefind.search(term, pagefindSearchOptions(state));
      if (current !== generation || response === null) return;
      pending = response.results;
      page.status.textContent =
        response.results.length === 0 ? page.strings.noResults : statusLine(page, response.results.length, state);
      await showMore(current);
    } catch (error) {
      if (current === generation) page.status.textContent = page.strings.loadFailed;
      console.error(error);
    } finally {
      if (current === generation) page.root.removeAttribute('aria-busy');
    }
  };

  return { run, showMore: () => showMore(generation) };
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
