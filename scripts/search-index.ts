/**
 * Builds the Pagefind search index over the built site, as the last step of `npm run build`.
 *
 * What gets indexed: only elements marked `data-pagefind-body`, which the site puts around the
 * main content of document pages (posts, proposals, rules, the policy, decision records). Once one
 * page carries that attribute Pagefind skips every page without it, so listings, navigation and
 * footers never enter the index.
 *
 * Languages: Pagefind writes one index per `<html lang>`. Every page of the site lives under a UI
 * language (`/fr/…`, `/en/…`) and its `<html lang>` is that UI language, so there is one index per
 * UI language, and each holds every document, whatever its content language. Most documents have
 * a page in each UI language. A post has one page, in its own language (a page without a `hreflang`
 * alternate): it goes into its own language's index from its file, and into each other UI
 * language's index as a copy relabelled with that language, at its one URL (`addHTMLFile`). A
 * French post found from the English search page opens at its one address, in French. Stemming
 * follows the index's language; the `language` filter narrows results to the content language. A
 * page with no `lang`, or another one, would make a stray index: that fails the build.
 *
 * Ranking: no ranking options. Relevance is Pagefind's text match alone, with one correction:
 * Pagefind ranks a word in a heading far above the same word in a paragraph, so the headings of a
 * document's body are indexed with the weight of ordinary text (`neutralizeHeadings`): an author
 * cannot lift a post for a word by writing it as a heading. That `data-pagefind-weight="1"`, in the
 * copy Pagefind reads, is the only weight anywhere, and it only ever lowers a heading to plain text.
 */
import { copyFile, link, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as pagefind from 'pagefind';

export interface SearchIndexReport {
  /** Pages Pagefind indexed, summed over the language indexes. */
  pages: number;
  /** Wall time of indexing and writing, in seconds. */
  seconds: number;
  /** Size on disk of the written bundle (`<distDir>/pagefind`), in bytes. */
  bytes: number;
  /** Pages per language index, e.g. `{ en: 12, fr: 12 }`. */
  languages: Record<string, number>;
}

export interface IndexSiteOptions {
  /** The UI languages the site is built in; an index for any other language is an error. */
  uiLanguages?: readonly string[];
}

/** Raised when Pagefind reports errors or the index does not match the site's languages. */
export class SearchIndexError extends Error {
  readonly code: 'pagefind-failed' | 'nothing-indexed' | 'unexpected-language';
  readonly details: readonly string[];
  constructor(code: SearchIndexError['code'], message: string, details: readonly string[] = []) {
    super(details.length === 0 ? message : `${message}\n  ${details.join('\n  ')}`);
    this.name = 'SearchIndexError';
    this.code = code;
    this.details = details;
  }
}

/**
 * Parts of a document body that are not indexed as text: the facts list at the top of a post,
 * proposal or decision page (author, dates, language, tags). Those are filters already, and as text
 * they would fill excerpts with run-together labels ("byLéa BernardPublished26 November…").
 * The policy's table of enforced numbers is nested deeper and stays searchable.
 */
export const searchExcludedSelectors = ['[data-pagefind-body] > dl.facts'] as const;

/** Where the bundle goes inside the built site; the search page loads `<base>pagefind/pagefind.js`. */
export const searchBundleDirectory = 'pagefind';

/**
 * Indexes `distDir` and writes the bundle to `<distDir>/pagefind`.
 *
 * @example const { pages, seconds, bytes } = await indexSite('dist');
 */
export async function indexSite(distDir: string, options: IndexSiteOptions = {}): Promise<SearchIndexReport> {
  const uiLanguages = options.uiLanguages ?? ['fr', 'en'];
  const site = resolve(distDir);
  const outputPath = join(site, searchBundleDirectory);
  const started = performance.now();
  // A bundle left by an earlier build would keep fragments of pages that no longer exist.
  await rm(outputPath, { recursive: true, force: true });
  let input: string | undefined;
  try {
    const created = await pagefind.createIndex({ excludeSelectors: [...searchExcludedSelectors] });
    const index = created.index;
    failOn('creating the index', created.errors);
    if (index === undefined) throw new SearchIndexError('pagefind-failed', 'Pagefind returned no index');
    input = await indexInput(site, uiLanguages, async ({ url, content, language }) => failOn(`indexing ${url} as ${language}`, (await index.addHTMLFile({ url, content })).errors));
    const added = await index.addDirectory({ path: input });
    failOn(`indexing ${site}`, added.errors);
    if (added.page_count === 0) {
      throw new SearchIndexError(
        'nothing-indexed',
        `Pagefind found no page to index in ${site}: expected HTML pages whose main content carries data-pagefind-body`,
      );
    }
    const written = await index.writeFiles({ outputPath });
    failOn(`writing ${outputPath}`, written.errors);
  } finally {
    await pagefind.close();
    if (input !== undefined) await rm(input, { recursive: true, force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  const languages = await languagePageCounts(outputPath);
  const stray = Object.keys(languages).filter((language) => !uiLanguages.includes(language));
  if (stray.length > 0) {
    throw new SearchIndexError(
      'unexpected-language',
      `the search index has languages ${stray.join(', ')} besides the UI languages ${uiLanguages.join(', ')}: ` +
        'every indexed page must set <html lang> to its UI language (the language of its /<lang>/ prefix)',
    );
  }
  const pages = Object.values(languages).reduce((sum, count) => sum + count, 0);
  return { pages, seconds, bytes: await directorySize(outputPath), languages };
}

/**
 * What Pagefind reads: the document pages of the site, in a folder beside it with the same layout,
 * their headings neutralized (see neutralizeHeadings). A page without headings to change is a hard
 * link to the built one (a copy across file systems), so this costs one read of each page. The
 * pages served are never changed. Pages without `data-pagefind-body` are left out, as Pagefind
 * itself would once one page has it; when none has it, Pagefind would index whole pages (listings
 * and navigation), so that is refused.
 *
 * A document page in one UI language only (no `<link rel="alternate" hreflang>`: a post) is also
 * handed to `addCopy` once per other UI language, relabelled `<html lang>` of that language and
 * keeping its one URL, so every UI language's search finds it.
 */
async function indexInput(site: string, uiLanguages: readonly string[], addCopy: (file: { url: string; content: string; language: string }) => Promise<void>): Promise<string> {
  const entries = await readdir(site, { withFileTypes: true, recursive: true }).catch(() => []);
  const files = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.html')).map((entry) => join(entry.parentPath, entry.name));
  const input = await mkdtemp(`${site}-pagefind-input-`);
  try {
    let documents = 0;
    for (let i = 0; i < files.length; i += 64) {
      await Promise.all(
        files.slice(i, i + 64).map(async (file) => {
          const html = await readFile(file, 'utf8');
          if (!html.includes('data-pagefind-body')) return;
          documents += 1;
          const target = join(input, relative(site, file));
          await mkdir(dirname(target), { recursive: true });
          const neutral = neutralizeHeadings(html);
          const own = htmlLanguage(neutral);
          if (own !== undefined && !/<link rel="alternate" hreflang=/.test(neutral)) {
            const url = `/${relative(site, dirname(file)).split(sep).join('/')}/`;
            for (const language of uiLanguages.filter((l) => l !== own)) {
              await addCopy({ url, language, content: neutral.replace(HTML_LANG, `$1${language}"`) });
            }
          }
          if (neutral !== html) return writeFile(target, neutral);
          await link(file, target).catch(() => copyFile(file, target));
        }),
      );
    }
    if (documents === 0) {
      throw new SearchIndexError(
        'nothing-indexed',
        `no page in ${site} marks its main content with data-pagefind-body: expected document pages ` +
          '(posts, proposals, rules, policy, decisions) to carry it, else Pagefind would index listings and navigation',
      );
    }
    return input;
  } catch (error) {
    await rm(input, { recursive: true, force: true });
    throw error;
  }
}

/** A page's `<html lang="…">`: group 1 is everything before the value. */
const HTML_LANG = /^(<!doctype html>\s*<html\b[^>]*?\blang=")([^"]*)"/i;

/** The `lang` of a page's `<html>` element, if it has one. */
function htmlLanguage(html: string): string | undefined {
  return HTML_LANG.exec(html)?.[2];
}

/**
 * Gives every heading of a document's body, after its title, the weight of ordinary text.
 * Pagefind weighs a word in an `<h1>` seven times, in an `<h2>` six times… a word in a paragraph.
 * The first `<h1>` of the body is the document's title, which every document has once; the other
 * headings are the author's (or the same site structure on every page), and an author must not be
 * able to lift a post for a word by making it a heading. Only the HTML Pagefind reads changes.
 *
 * @example neutralizeHeadings('<article data-pagefind-body><h1>T</h1><h2>quorum</h2>') // '…<h1>T</h1><h2 data-pagefind-weight="1">quorum</h2>'
 */
export function neutralizeHeadings(html: string): string {
  const body = html.indexOf('data-pagefind-body');
  if (body < 0) return html;
  const open = html.lastIndexOf('<', body);
  const tag = /^<([a-z][a-z0-9-]*)/i.exec(html.slice(open))?.[1];
  if (tag === undefined) return html;
  // The end of the body element: its matching closing tag, counting nested elements of its name.
  const tags = new RegExp(`<(/?)${tag}(?=[\\s>/])`, 'gi');
  tags.lastIndex = open + 1;
  let depth = 1;
  let end = html.length;
  for (let match = tags.exec(html); match !== null; match = tags.exec(html)) {
    depth += match[1] === '/' ? -1 : 1;
    if (depth === 0) {
      end = match.index;
      break;
    }
  }
  const title = html.slice(body, end).search(/<h1[\s>]/i);
  const from = title < 0 ? body : body + title + 3;
  const headings = html.slice(from, end).replace(/<h([1-6])(?=[\s>/])(?! data-pagefind-weight)/gi, '<h$1 data-pagefind-weight="1"');
  return html.slice(0, from) + headings + html.slice(end);
}

function failOn(step: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new SearchIndexError('pagefind-failed', `Pagefind failed while ${step}:`, errors);
}

/** Reads the bundle's entry file, which lists each language index with its page count. */
async function languagePageCounts(outputPath: string): Promise<Record<string, number>> {
  const entry: unknown = JSON.parse(await readFile(join(outputPath, 'pagefind-entry.json'), 'utf8'));
  const languages = (entry as { languages?: Record<string, { page_count?: unknown }> }).languages ?? {};
  const counts: Record<string, number> = {};
  for (const [language, details] of Object.entries(languages)) {
    counts[language] = typeof details.page_count === 'number' ? details.page_count : 0;
  }
  return counts;
}

/** Total size of the regular files under `path`, in bytes. */
export async function directorySize(path: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}
