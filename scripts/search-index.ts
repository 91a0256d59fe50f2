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
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import { constants } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import * as pagefind from 'pagefind';

export interface SearchIndexReport {
  /** Pages Pagefind indexed, summed over the language indexes. */
  pages: number;
  /** Wall time of indexing and writing, in seconds. */
  seconds: number;
  /** Size on disk of the written bundle (`<distDir>/pagefind`), in bytes. */
  bytes: number;
  /** Pages per UI language, over all its chunks, e.g. `{ en: 12, fr: 12 }`. */
  languages: Record<string, number>;
  /** Chunk indexes written (one per UI language and period), and how many of them Pagefind rebuilt in this run. */
  chunks: { total: number; rebuilt: number };
  /** `incremental` when the previous build's state in `cacheDir` was used, else `full`. */
  mode: 'full' | 'incremental';
  /** Why a run asked to be incremental was not (no cache yet, another version of the indexer, …). */
  fullBecause?: string;
  /** Seconds spent indexing ahead (`indexAhead`), beside the site's build: not in `seconds`. */
  aheadSeconds?: number;
}

export interface IndexSiteOptions {
  /** The UI languages the site is built in; a page in any other language is an error. */
  uiLanguages?: readonly string[];
  /**
   * Keeps the indexer's state and every chunk's bundle between builds, so that the next build
   * re-indexes only the chunks whose pages changed. Without it every chunk is indexed.
   */
  cacheDir?: string;
  /**
   * The HTML files (paths relative to `distDir`, e.g. `en/posts/2026/x/index.html`) written or
   * removed since the build that left its state in `cacheDir`. Only those are read again; every
   * other page is taken as the state recorded. Without it (or without a usable state) every page is
   * read, which is always correct and costs about one read of the site.
   */
  changed?: readonly string[];
  /** A period holding more documents than this is split into shorter periods (default 750). */
  chunkPages?: number;
  /** Periods indexed at the same time, each by its own Pagefind service on a worker thread (default: 2, or 1 on one core). */
  parallel?: number;
  /** Periods indexed ahead into the cache (`indexAhead`) while the site was still being built: waited for first, and counted as indexed. */
  ahead?: Promise<AheadReport>;
}

/** What `indexAhead` indexed. */
export interface AheadReport {
  /** The digests of the periods it wrote into the cache. */
  indexed: ReadonlySet<string>;
  /** Its wall time, in seconds. */
  seconds: number;
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

/** A period holding more documents than this (in its largest UI language) is split: year, quarter, month, week, day. */
export const defaultChunkPages = 750;

/**
 * Entries (a page's positions for one word) per file of a chunk's word index. Pagefind's default,
 * 20,000, makes the file a first query loads about 18 KB, in every period searched; smaller files
 * cost a query on a common word less. Pagefind reads it from `PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE`
 * (pagefind/src/options.rs), the only way to set it, and the name says it may go: if it does, the
 * files are Pagefind's default size and search works the same.
 */
export const wordIndexEntries = 5000;

/** Bumped when the layout of the bundle or of the state kept in the cache changes. */
const layoutVersion = 1;

/** One document page of the built site, as the indexer records it between builds. */
interface PageRecord {
  /** The HTML file, relative to the site, `/`-separated. */
  path: string;
  /** SHA-256 of the part of the page Pagefind reads (see indexedPart). */
  digest: string;
  /** Its `<html lang>`, or `unknown`. */
  language: string;
  /** Its publication date (`data-pagefind-sort="date:…"`, ISO 8601), or `''` for none. */
  date: string;
  /** In one UI language only (no `<link rel="alternate" hreflang>`: a post): copied into every other UI language's index. */
  single: boolean;
}

/** One Pagefind index: the documents of one period in one UI language's search. */
interface PlannedChunk {
  /** The UI language whose search holds it. */
  language: string;
  /** `2024`, `2024q3`, `2024m08`, `2024m08w3` (days 15–21), `2024m08d17`, or `undated`. */
  period: string;
  /** The `<html lang>` its pages are given, `en-x-2024q3`: Pagefind keys the index and prefixes every result id with it. */
  tag: string;
  /** First day of the period (`YYYY-MM-DD`), `''` for undated documents. */
  from: string;
  /** Its pages, by path; `copy` when the page is another UI language's, relabelled. */
  entries: { path: string; digest: string; copy: boolean }[];
  /** Hash of everything the chunk's bundle is made from. */
  digest: string;
}

/** What `cacheDir/search/state.json` holds. */
interface IndexState {
  key: string;
  records: PageRecord[];
  /** The bundle directory assembled last and the digest of each chunk in it (`en/2024q3`). */
  assembled?: { outputPath: string; chunks: Record<string, string> };
}

/** What each UI language's `chunks.json` lists for the search page, newest period first. */
export interface SearchChunkManifest {
  version: number;
  chunks: { tag: string; path: string; from: string; pages: number }[];
}

/** The files of a chunk's bundle that the search page loads; Pagefind's UI files and the JavaScript are not kept there. */
const chunkFiles = /^(pagefind-entry\.json|pagefind\..+\.pf_meta|pagefind-worker\.js|wasm\..+\.pagefind|index|fragment|filter)$/;

/**
 * Indexes `distDir` and writes the bundle to `<distDir>/pagefind`: one Pagefind index per UI
 * language and period (see docs/search.md), each in `pagefind/<language>/<period>/`, listed newest
 * first in `pagefind/<language>/chunks.json`, and Pagefind's script in `pagefind/pagefind.js`.
 *
 * The same pages give the same bytes, whether indexed from scratch or from the previous build's
 * cache: which period holds a page depends only on the pages, each chunk is indexed on its own
 * from its pages in a fixed order, and a chunk taken from the cache is one whose pages are those.
 *
 * @example const { pages, seconds, bytes } = await indexSite('dist');
 * @example await indexSite('dist', { cacheDir: '.cache', changed: ['en/posts/2026/x/index.html'] }); // one merge: only its chunks
 */
export async function indexSite(distDir: string, options: IndexSiteOptions = {}): Promise<SearchIndexReport> {
  const uiLanguages = options.uiLanguages ?? ['fr', 'en'];
  const chunkPages = options.chunkPages ?? defaultChunkPages;
  const site = resolve(distDir);
  const outputPath = join(site, searchBundleDirectory);
  const started = performance.now();
  // Never two Pagefind runs on one period: what was indexed ahead is in the cache once this resolves.
  const ahead = await options.ahead;
  const key = await stateKey(uiLanguages, chunkPages);
  const cache = options.cacheDir === undefined ? undefined : join(resolve(options.cacheDir), 'search');
  const previous = cache === undefined ? undefined : await readState(cache, key);

  let records: PageRecord[];
  let mode: SearchIndexReport['mode'] = 'full';
  let fullBecause: string | undefined;
  if (previous !== undefined && options.changed !== undefined) {
    mode = 'incremental';
    records = await updateRecords(site, previous.records, options.changed);
  } else {
    if (options.changed !== undefined) fullBecause = cache === undefined ? 'no cacheDir' : 'no usable state in the cache (first build, or another version of the indexer or its options)';
    records = await scanRecords(site);
  }
  if (records.length === 0) {
    throw new SearchIndexError(
      'nothing-indexed',
      `no page in ${site} marks its main content with data-pagefind-body: expected document pages ` +
        '(posts, proposals, rules, policy, decisions) to carry it, else Pagefind would index listings and navigation',
    );
  }
  const stray = [...new Set(records.map((record) => record.language).filter((language) => !uiLanguages.includes(language)))].sort(compareBytes);
  if (stray.length > 0) {
    throw new SearchIndexError(
      'unexpected-language',
      `the search index has languages ${stray.join(', ')} besides the UI languages ${uiLanguages.join(', ')}: ` +
        'every indexed page must set <html lang> to its UI language (the language of its /<lang>/ prefix)',
      records.filter((record) => stray.includes(record.language)).slice(0, 20).map((record) => `${record.path}: <html lang="${record.language}">`),
    );
  }
  const chunks = planChunks(records, uiLanguages, chunkPages, key);

  // Each chunk's bundle: taken from the cache when its digest is unchanged, else indexed.
  let rebuilt = 0;
  const bundles = cache === undefined ? join(outputPath) : join(cache, 'bundles');
  if (cache === undefined) await rm(outputPath, { recursive: true, force: true });
  let runtime = cache === undefined ? undefined : join(cache, 'pagefind.js');
  let bytes = 0;
  const { stale, cached } = await staleChunks(bundles, chunks, cache !== undefined);
  for (const { chunk, size } of cached) {
    bytes += size;
    if (ahead?.indexed.has(chunk.digest)) rebuilt += 1;
  }
  // With a cache, the bundles are indexed there and copied into the site: what the site keeps is
  // known before indexing, and each chunk is copied in as soon as it is written.
  const kept = cache === undefined ? undefined : await prepareOutput(outputPath, bundles, chunks, previous?.assembled, new Set(stale.map(({ chunk }) => `${chunk.language}/${chunk.period}`)));
  await writeChunks(site, stale, options.parallel ?? Math.min(2, availableParallelism()), async ({ chunk, dir }, script) => {
    if (runtime === undefined || cache !== undefined) {
      runtime ??= join(outputPath, 'pagefind.js');
      await mkdir(dirname(runtime), { recursive: true });
      await writeFile(runtime, script);
    }
    const written = await directorySize(dir);
    bytes += written;
    if (cache !== undefined) {
      await writeFile(`${dir}.digest`, `${chunk.digest} ${written}`);
      await syncTree(dir, join(outputPath, chunk.language, chunk.period));
      kept!.add(`${chunk.language}/${chunk.period}`);
    }
    rebuilt += 1;
  });

  if (cache !== undefined) {
    // The chunks neither kept in the site nor indexed now: from the cache.
    for (const chunk of chunks) {
      const name = `${chunk.language}/${chunk.period}`;
      if (!kept!.has(name)) await syncTree(join(bundles, name), join(outputPath, name));
    }
    await copyFile(runtime!, join(outputPath, 'pagefind.js'));
    await pruneBundles(join(cache, 'bundles'), chunks);
  }
  const languages: Record<string, number> = {};
  for (const language of uiLanguages) {
    const own = chunks.filter((chunk) => chunk.language === language).reverse();
    languages[language] = own.reduce((sum, chunk) => sum + chunk.entries.length, 0);
    const manifest: SearchChunkManifest = {
      version: layoutVersion,
      chunks: own.map((chunk) => ({ tag: chunk.tag, path: `${chunk.period}/`, from: chunk.from, pages: chunk.entries.length })),
    };
    await mkdir(join(outputPath, language), { recursive: true });
    const text = `${JSON.stringify(manifest)}\n`;
    await writeFile(join(outputPath, language, 'chunks.json'), text);
    bytes += Buffer.byteLength(text);
  }
  bytes += (await stat(join(outputPath, 'pagefind.js'))).size;
  if (cache !== undefined) {
    const state: IndexState = { key, records, assembled: { outputPath, chunks: Object.fromEntries(chunks.map((chunk) => [`${chunk.language}/${chunk.period}`, chunk.digest])) } };
    await mkdir(cache, { recursive: true });
    await writeFile(join(cache, 'state.json.tmp'), JSON.stringify(state));
    await rename(join(cache, 'state.json.tmp'), join(cache, 'state.json'));
  }
  const seconds = (performance.now() - started) / 1000;
  const pages = Object.values(languages).reduce((sum, count) => sum + count, 0);
  return {
    pages,
    seconds,
    bytes,
    languages,
    chunks: { total: chunks.length, rebuilt },
    mode,
    ...(fullBecause !== undefined && { fullBecause }),
    ...(ahead !== undefined && { aheadSeconds: ahead.seconds }),
  };
}

/**
 * Indexes ahead, into the cache only, the periods that the pages `changed` (read from `pagesDir`,
 * where the site's build writes its pages first) make stale, so that Pagefind works while the site
 * is still being built (scripts/build-site.ts starts it once the document pages are rendered; docs/search.md,
 * Incremental builds). It neither touches the site nor writes the state: `indexSite`, run after the
 * site is complete with every changed page, plans again and finds these periods in the cache when
 * their digest is the one it plans (each period's digest is that of everything its bundle is made
 * from), or indexes them again when a later page changed them. Resolves, never rejects (a failure
 * here is met again by `indexSite`, which reports it), to the digests of the periods it wrote.
 */
export async function indexAhead(pagesDir: string, options: Pick<IndexSiteOptions, 'uiLanguages' | 'chunkPages' | 'parallel'> & { cacheDir: string; changed: readonly string[] }): Promise<AheadReport> {
  const started = performance.now();
  const indexed = new Set<string>();
  try {
    const uiLanguages = options.uiLanguages ?? ['fr', 'en'];
    const chunkPages = options.chunkPages ?? defaultChunkPages;
    const site = resolve(pagesDir);
    const key = await stateKey(uiLanguages, chunkPages);
    const cache = join(resolve(options.cacheDir), 'search');
    const previous = await readState(cache, key);
    if (previous === undefined) return { indexed, seconds: 0 };
    const records = await updateRecords(site, previous.records, options.changed);
    if (records.length === 0 || records.some((record) => !uiLanguages.includes(record.language))) return { indexed, seconds: 0 };
    const bundles = join(cache, 'bundles');
    const chunks = planChunks(records, uiLanguages, chunkPages, key);
    const { stale } = await staleChunks(bundles, chunks, true);
    await writeChunks(site, stale, options.parallel ?? Math.min(2, availableParallelism()), async ({ chunk, dir }, script) => {
      await writeFile(join(cache, 'pagefind.js'), script);
      await writeFile(`${dir}.digest`, `${chunk.digest} ${await directorySize(dir)}`);
      indexed.add(chunk.digest);
    });
  } catch {
    // indexSite indexes what is missing, and reports what fails.
  }
  return { indexed, seconds: (performance.now() - started) / 1000 };
}

/**
 * Which chunks' bundles in `bundles` were built from their digest (`cached`, with their size: the
 * stamp beside each bundle) and which must be indexed (`stale`, their stamps removed first, so that
 * a run stopped halfway leaves no stamp on a half-written bundle). Without a cache, every chunk is stale.
 */
async function staleChunks(bundles: string, chunks: readonly PlannedChunk[], fromCache: boolean): Promise<{ stale: { chunk: PlannedChunk; dir: string }[]; cached: { chunk: PlannedChunk; size: number }[] }> {
  const stamps = await Promise.all(chunks.map((chunk) => (fromCache ? readFile(join(bundles, chunk.language, `${chunk.period}.digest`), 'utf8').catch(() => '') : '')));
  const stale: { chunk: PlannedChunk; dir: string }[] = [];
  const cached: { chunk: PlannedChunk; size: number }[] = [];
  chunks.forEach((chunk, i) => {
    const [digest, size] = stamps[i]!.split(' ');
    if (digest === chunk.digest && size !== undefined) cached.push({ chunk, size: Number(size) });
    else stale.push({ chunk, dir: join(bundles, chunk.language, chunk.period) });
  });
  await Promise.all(stale.map(({ dir }) => rm(`${dir}.digest`, { force: true })));
  return { stale, cached };
}

/**
 * Everything a chunk's bytes depend on besides its pages: the indexer's own code, Pagefind's
 * version and the options. A cache made under another key is not used.
 */
async function stateKey(uiLanguages: readonly string[], chunkPages: number): Promise<string> {
  const own = await readFile(fileURLToPath(import.meta.url));
  const pagefindVersion = (JSON.parse(await readFile(fileURLToPath(new URL('../package.json', import.meta.resolve('pagefind'))), 'utf8')) as { version: string }).version;
  return sha256(JSON.stringify({ layoutVersion, pagefindVersion, uiLanguages, chunkPages, wordIndexEntries, searchExcludedSelectors, own: sha256(own) }));
}

async function readState(cache: string, key: string): Promise<IndexState | undefined> {
  try {
    const state = JSON.parse(await readFile(join(cache, 'state.json'), 'utf8')) as IndexState;
    return state.key === key && Array.isArray(state.records) ? state : undefined;
  } catch {
    return undefined;
  }
}

/** Every HTML file of the site, relative and `/`-separated, in byte order; the bundle itself excluded. */
async function htmlFiles(site: string): Promise<string[]> {
  const entries = await readdir(site, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => relative(site, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => !path.startsWith(`${searchBundleDirectory}/`))
    .sort(compareBytes);
}

/** Reads every page of the site; returns the document pages' records, in path order. */
async function scanRecords(site: string): Promise<PageRecord[]> {
  const files = await htmlFiles(site);
  const records: PageRecord[] = [];
  for (let i = 0; i < files.length; i += 64) {
    const batch = await Promise.all(files.slice(i, i + 64).map((path) => readRecord(site, path)));
    for (const record of batch) if (record !== undefined) records.push(record);
  }
  return records;
}

/** The previous records with the `changed` files read again (or dropped, when gone or no longer a document). */
async function updateRecords(site: string, previous: readonly PageRecord[], changed: readonly string[]): Promise<PageRecord[]> {
  const byPath = new Map(previous.map((record) => [record.path, record]));
  const paths = [...new Set(changed.map((path) => path.split(sep).join('/').replace(/^\/+/, '')))].filter((path) => path.endsWith('.html') && !path.startsWith(`${searchBundleDirectory}/`));
  for (let i = 0; i < paths.length; i += 64) {
    const batch = paths.slice(i, i + 64);
    const read = await Promise.all(batch.map((path) => readRecord(site, path)));
    batch.forEach((path, j) => {
      const record = read[j];
      if (record === undefined) byPath.delete(path);
      else byPath.set(path, record);
    });
  }
  return [...byPath.values()].sort((a, b) => compareBytes(a.path, b.path));
}

/** A page's record, or undefined when it does not exist or is not a document page. */
async function readRecord(site: string, path: string): Promise<PageRecord | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(site, path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const html = bytes.toString('utf8');
  if (!html.includes('data-pagefind-body')) return undefined;
  const date = /data-pagefind-sort="date:([^"]*)"/.exec(html)?.[1] ?? '';
  return {
    path,
    digest: sha256(indexedPart(html)),
    language: htmlLanguage(html) ?? 'unknown',
    date: /^\d{4}-\d{2}-\d{2}/.test(date) ? date : '',
    single: !/<link rel="alternate" hreflang=/.test(html),
  };
}

/**
 * Splits the documents into chunks by period. A year is one chunk unless it holds more than
 * `chunkPages` documents (in its largest UI language), then it is split into quarters, a quarter
 * into months, a month into weeks (days 1–7, 8–14, 15–21, 22–28, 29–31), a week into days, by the
 * same rule. Documents without a date form one chunk.
 * A pure function of the records: where a page goes depends on the pages, never on the order of
 * builds, so an incremental build and a full one make the same chunks. A new document can only
 * change the chunks of its own year (it may split the year into quarters).
 */
function planChunks(records: readonly PageRecord[], uiLanguages: readonly string[], chunkPages: number, key: string): PlannedChunk[] {
  interface Item { record: PageRecord; language: string; copy: boolean }
  const items: Item[] = [];
  for (const record of records) {
    items.push({ record, language: record.language, copy: false });
    if (record.single) for (const language of uiLanguages) if (language !== record.language) items.push({ record, language, copy: true });
  }
  const levels: ((date: string) => string)[] = [
    (date) => date.slice(0, 4),
    (date) => `${date.slice(0, 4)}q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`,
    (date) => `${date.slice(0, 4)}m${date.slice(5, 7)}`,
    (date) => `${date.slice(0, 4)}m${date.slice(5, 7)}w${Math.floor((Number(date.slice(8, 10)) - 1) / 7) + 1}`,
    (date) => `${date.slice(0, 4)}m${date.slice(5, 7)}d${date.slice(8, 10)}`,
  ];
  const size = (group: readonly Item[]): number => {
    const counts = new Map<string, number>();
    for (const item of group) counts.set(item.language, (counts.get(item.language) ?? 0) + 1);
    return Math.max(0, ...counts.values());
  };
  const periods = new Map<string, Item[]>();
  const split = (group: Item[], level: number): void => {
    const byKey = new Map<string, Item[]>();
    for (const item of group) {
      const period = levels[level]!(item.record.date);
      const members = byKey.get(period);
      if (members === undefined) byKey.set(period, [item]);
      else members.push(item);
    }
    for (const [period, members] of byKey) {
      if (level < levels.length - 1 && size(members) > chunkPages) split(members, level + 1);
      else periods.set(period, members);
    }
  };
  const dated = items.filter((item) => item.record.date !== '');
  split(dated, 0);
  const undated = items.filter((item) => item.record.date === '');
  if (undated.length > 0) periods.set('undated', undated);

  const chunks: PlannedChunk[] = [];
  for (const [period, members] of periods) {
    for (const language of uiLanguages) {
      const entries = members
        .filter((item) => item.language === language)
        .map((item) => ({ path: item.record.path, digest: item.record.digest, copy: item.copy }))
        .sort((a, b) => compareBytes(a.path, b.path));
      if (entries.length === 0) continue;
      const tag = `${language}-x-${period}`;
      chunks.push({ language, period, tag, from: periodStart(period), entries, digest: sha256(JSON.stringify({ key, tag, entries })) });
    }
  }
  // Oldest first; documents without a date before every period.
  return chunks.sort((a, b) => compareBytes(a.from, b.from) || compareBytes(a.language, b.language));
}

/** `2024q3` → `2024-07-01`. */
function periodStart(period: string): string {
  if (period === 'undated') return '';
  const year = period.slice(0, 4);
  const quarter = /q(\d)$/.exec(period)?.[1];
  if (quarter !== undefined) return `${year}-${String((Number(quarter) - 1) * 3 + 1).padStart(2, '0')}-01`;
  const month = /m(\d\d)/.exec(period)?.[1] ?? '01';
  const week = /w(\d)$/.exec(period)?.[1];
  const day = week !== undefined ? (Number(week) - 1) * 7 + 1 : Number(/d(\d\d)$/.exec(period)?.[1] ?? '1');
  return `${year}-${month}-${String(day).padStart(2, '0')}`;
}

/**
 * Indexes `jobs` on up to `parallel` worker threads (each starts its own Pagefind service), calling
 * `done` as each one is written. What each chunk holds does not depend on which thread indexed it
 * or when. A few jobs (up to two per thread: what one merge re-indexes), or `parallel` 1, run in
 * this thread instead, on up to `parallel` Pagefind services at once (one per instance of Pagefind's
 * module, which keeps one service each): a worker takes about 0.3 s to start (Node, this module,
 * Pagefind's), and the work of a period is Pagefind's own process's (0.7 s for 440 pages), which
 * runs beside this thread either way (issue 14, one merge republished in ≤ 3 s).
 */
async function writeChunks(
  site: string,
  jobs: readonly { chunk: PlannedChunk; dir: string }[],
  parallel: number,
  done: (job: { chunk: PlannedChunk; dir: string }, script: Buffer) => Promise<void>,
): Promise<void> {
  if (jobs.length <= 2 * parallel || parallel <= 1) {
    // Set for all the lanes at once: each writeChunk sets it and puts back what it found, which
    // must not be another lane's value (a service started without it writes other bytes).
    const entries = process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE;
    process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE = String(wordIndexEntries);
    const apis: (typeof pagefind)[] = [];
    try {
      let next = 0;
      const lane = async (n: number): Promise<void> => {
        // Another instance of Pagefind's module is another service: a query makes it another module.
        const api = n === 0 ? pagefind : ((await import(`${import.meta.resolve('pagefind')}?lane=${n}`)) as typeof pagefind);
        apis.push(api);
        while (next < jobs.length) {
          const job = jobs[next++]!;
          await done(job, await writeChunk(site, job.chunk, job.dir, api));
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, jobs.length)) }, (_, n) => lane(n)));
    } finally {
      await closePagefind(apis);
      if (entries === undefined) delete process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE;
      else process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE = entries;
    }
    return;
  }
  let next = 0;
  const thread = async (): Promise<void> => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { role: chunkWorkerRole } });
    try {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const answer = await new Promise<ChunkAnswer>((resolveAnswer, reject) => {
          worker.once('message', resolveAnswer);
          worker.once('error', reject);
          worker.postMessage({ site, chunk: job.chunk, dir: job.dir });
        });
        worker.removeAllListeners('error');
        if (!answer.ok) throw new SearchIndexError(answer.code ?? 'pagefind-failed', answer.message, answer.details);
        await done(job, Buffer.from(answer.script));
      }
    } finally {
      // The thread's Pagefind service is closed before the thread ends (its process would otherwise outlive it).
      await new Promise<unknown>((resolveClosed) => {
        worker.once('message', resolveClosed);
        worker.once('error', resolveClosed);
        worker.postMessage('close');
      });
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, thread));
}

const chunkWorkerRole = 'noclout-search-chunk';

type ChunkAnswer = { ok: true; script: Uint8Array } | { ok: false; code?: SearchIndexError['code']; message: string; details: readonly string[] };

// On a worker thread started by writeChunks: index each chunk it is sent.
if (!isMainThread && (workerData as { role?: string } | null)?.role === chunkWorkerRole) {
  parentPort!.on('message', (job: { site: string; chunk: PlannedChunk; dir: string } | 'close') => {
    if (job === 'close') {
      void closePagefind().then(() => parentPort!.postMessage('closed'));
      return;
    }
    writeChunk(job.site, job.chunk, job.dir).then(
      (script) => parentPort!.postMessage({ ok: true, script } satisfies ChunkAnswer),
      (error: unknown) =>
        parentPort!.postMessage({
          ok: false,
          message: error instanceof Error ? error.message : String(error),
          details: error instanceof SearchIndexError ? error.details : [],
          ...(error instanceof SearchIndexError && { code: error.code }),
        } satisfies ChunkAnswer),
    );
  });
}

/** The processes this thread started and that still run (Node reports each on the `child_process` channel, before it starts). */
const childProcesses = new Set<ChildProcess>();
subscribe('child_process', (message) => {
  const child = (message as { process?: ChildProcess }).process;
  if (child === undefined) return;
  childProcesses.add(child);
  child.once('exit', () => childProcesses.delete(child));
});

/**
 * Closes this thread's Pagefind services (one per instance of Pagefind's module) and waits until its process has ended, so that it is
 * reaped here (its CPU time then counts in this process's, and no process outlives the run).
 */
async function closePagefind(apis: readonly (typeof pagefind)[] = [pagefind]): Promise<void> {
  const running = [...childProcesses].filter((child) => /pagefind/.test(child.spawnfile ?? ''));
  await Promise.all(apis.map((api) => api.close()));
  await Promise.all(
    running.map((child) => {
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      child.ref();
      return new Promise((resolveExit) => child.once('exit', resolveExit));
    }),
  );
}

/**
 * Indexes one chunk with Pagefind into `dir` and returns Pagefind's `pagefind.js`.
 *
 * Pages are handed over in the chunk's order (by path), issued without waiting between them: the
 * service handles its messages one at a time in the order received, and a page's number in the
 * index, on which every file written depends, is its place in that order. (The directory walk of
 * `addDirectory`, or pages added as their reads complete, differ from run to run and from one file
 * system to another: that made two builds of the same commit differ in about 200 files.) Each
 * page's headings are neutralized (see neutralizeHeadings) and its `<html lang>` set to the chunk's
 * tag; a copy keeps its one URL. The index is deleted from the service once written, so
 * Pagefind's memory is that of one chunk, whatever the size of the commons. The service (a process)
 * is kept for the next chunk and closed by writeChunks: starting one per chunk cost a fork of this
 * process per chunk, and a fork's cost grows with this process's memory (Astro's, in a full build),
 * so at 100,000 posts 480 forks of a 3 GB process (about 50 ms of CPU each) made the index's cost
 * per post grow with the commons. A chunk's bytes do not depend on what the service indexed before it
 * (test/search/reproducible-index.test.ts).
 */
async function writeChunk(site: string, chunk: PlannedChunk, dir: string, api: typeof pagefind = pagefind): Promise<Buffer> {
  await rm(dir, { recursive: true, force: true });
  // Read by the service when it starts, which the first createIndex of a run does (writeChunks closes it after the last chunk).
  const entries = process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE;
  process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE = String(wordIndexEntries);
  try {
    const created = await api.createIndex({ excludeSelectors: [...searchExcludedSelectors] });
    const index = created.index;
    failOn('creating the index', created.errors);
    if (index === undefined) throw new SearchIndexError('pagefind-failed', 'Pagefind returned no index');
    for (let i = 0; i < chunk.entries.length; i += 64) {
      const batch = chunk.entries.slice(i, i + 64);
      const pages = await Promise.all(batch.map(async ({ path }) => ({ path, html: await readFile(join(site, path), 'utf8') })));
      await Promise.all(
        pages.map(async ({ path, html }) => {
          const content = neutralizeHeadings(pagefindDocument(html)).replace(HTML_LANG, `$1${chunk.tag}"`);
          const added = await index.addHTMLFile({ url: pageUrl(path), content });
          failOn(`indexing ${path} into ${chunk.tag}`, added.errors);
        }),
      );
    }
    const written = await index.writeFiles({ outputPath: dir });
    failOn(`writing ${dir}`, written.errors);
    // Typed as null; Pagefind 1.6 answers `{ errors }` like its other calls.
    const deleted = (await index.deleteIndex()) as { errors?: string[] } | null;
    failOn(`deleting the index of ${chunk.tag}`, deleted?.errors ?? []);
  } finally {
    if (entries === undefined) delete process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE;
    else process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE = entries;
  }
  const script = await readFile(join(dir, 'pagefind.js'));
  for (const name of await readdir(dir)) {
    if (!chunkFiles.test(name) || (name.startsWith('wasm.') && name !== `wasm.${chunk.tag}.pagefind`)) await rm(join(dir, name), { recursive: true, force: true });
  }
  return script;
}

/** The URL Pagefind gives a page from its path: `en/posts/2026/x/index.html` → `/en/posts/2026/x/`. */
function pageUrl(path: string): string {
  return `/${path.replace(/(^|\/)index\.html$/, '$1')}`;
}

/**
 * Makes `outputPath` ready to receive the cached chunk bundles, before indexing. When it holds what
 * was assembled there last time, a period whose digest is unchanged, that is not about to be
 * indexed again and whose entry file is the cached bundle's (it names the metadata file, a hash of
 * the index) is kept as it is; the other periods assembled there stay to be brought up to date
 * (`syncTree`), and anything else goes. Otherwise the folder is emptied. Resolves to the periods kept.
 */
async function prepareOutput(outputPath: string, bundles: string, chunks: readonly PlannedChunk[], last: IndexState['assembled'], stale: ReadonlySet<string>): Promise<Set<string>> {
  const wanted = new Map(chunks.map((chunk) => [`${chunk.language}/${chunk.period}`, chunk.digest]));
  const keep = new Set<string>();
  if (last === undefined || last.outputPath !== outputPath) {
    await rm(outputPath, { recursive: true, force: true });
    return keep;
  }
  const entry = (dir: string) => readFile(join(dir, 'pagefind-entry.json'), 'utf8').catch(() => undefined);
  const present = await Promise.all(
    Object.entries(last.chunks).map(async ([name, digest]) => {
      if (wanted.get(name) !== digest || stale.has(name)) return false;
      const [served, cached] = await Promise.all([entry(join(outputPath, name)), entry(join(bundles, name))]);
      return served !== undefined && served === cached;
    }),
  );
  Object.keys(last.chunks).forEach((name, i) => present[i] && keep.add(name));
  // Whatever is neither a wanted period assembled here last time nor a language folder goes: periods gone, stray files.
  for (const language of await readdir(outputPath, { withFileTypes: true }).catch(() => [])) {
    if (!language.isDirectory()) {
      await rm(join(outputPath, language.name), { force: true });
      continue;
    }
    for (const period of await readdir(join(outputPath, language.name))) {
      const name = `${language.name}/${period}`;
      if (!wanted.has(name) || !(name in last.chunks)) await rm(join(outputPath, name), { recursive: true, force: true });
    }
  }
  return keep;
}

/** A file Pagefind names by a hash of its content (`en-x-2025m01_059911e.pf_fragment`, `pagefind.<tag>_<hash>.pf_meta`): the same name holds the same bytes. */
const contentNamed = /_[0-9a-f]{7,}\.pf_(fragment|index|filter|meta)$/;

/**
 * Makes `to` a copy of the bundle `from`: files it lacks are deleted, and each file is copied unless
 * `to` already has it under a name Pagefind derives from its content. A period indexed again after
 * one page left it keeps almost all its fragments (one per page, named by content): about 50 files
 * are copied instead of 490. Files are copied 64 at a time.
 */
async function syncTree(from: string, to: string): Promise<void> {
  const list = async (dir: string) => (await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])).filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)));
  const [files, present] = await Promise.all([list(from), list(to).then((names) => new Set(names))]);
  const wanted = new Set(files);
  await Promise.all([...present].filter((file) => !wanted.has(file)).map((file) => rm(join(to, file), { force: true })));
  const copies = files.filter((file) => !(present.has(file) && contentNamed.test(file)));
  for (const dir of new Set(copies.map((file) => dirname(join(to, file))))) await mkdir(dir, { recursive: true });
  for (let i = 0; i < copies.length; i += 64) {
    // A copy, not a hard link: whatever later rewrites a file of the site in place must not change the cache.
    await Promise.all(copies.slice(i, i + 64).map((file) => copyFile(join(from, file), join(to, file), constants.COPYFILE_FICLONE)));
  }
}

/** Drops cached bundles of chunks that no longer exist. */
async function pruneBundles(bundles: string, chunks: readonly PlannedChunk[]): Promise<void> {
  const wanted = new Set(chunks.map((chunk) => `${chunk.language}/${chunk.period}`));
  for (const language of await readdir(bundles).catch(() => [])) {
    for (const name of await readdir(join(bundles, language)).catch(() => [])) {
      const period = name.replace(/\.digest$/, '');
      if (!wanted.has(`${language}/${period}`)) await rm(join(bundles, language, name), { recursive: true, force: true });
    }
  }
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Orders strings by their UTF-16 code units, the same on every machine and locale. */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
  const range = bodyRange(html);
  if (range === undefined) return html;
  const [body, end] = range;
  const title = html.slice(body, end).search(/<h1[\s>]/i);
  const from = title < 0 ? body : body + title + 3;
  const headings = html.slice(from, end).replace(/<h([1-6])(?=[\s>/])(?! data-pagefind-weight)/gi, '<h$1 data-pagefind-weight="1"');
  return html.slice(0, from) + headings + html.slice(end);
}

/**
 * Where the element carrying `data-pagefind-body` is: from that attribute to its matching closing
 * tag (counting nested elements of its name), or undefined when the page has none.
 */
function bodyRange(html: string): [number, number] | undefined {
  const body = html.indexOf('data-pagefind-body');
  if (body < 0) return undefined;
  const open = html.lastIndexOf('<', body);
  const tag = /^<([a-z][a-z0-9-]*)/i.exec(html.slice(open))?.[1];
  if (tag === undefined) return undefined;
  const tags = new RegExp(`<(/?)${tag}(?=[\\s>/])`, 'gi');
  tags.lastIndex = open + 1;
  let depth = 1;
  for (let match = tags.exec(html); match !== null; match = tags.exec(html)) {
    depth += match[1] === '/' ? -1 : 1;
    if (depth === 0) return [body, match.index];
  }
  return [body, html.length];
}

/**
 * The part of a page Pagefind's output depends on: its `<html lang>`, whether it has a translation
 * (an hreflang alternate), the body element, and every element outside it that carries a
 * `data-pagefind-*` attribute, with the text that follows its tag. The rest of the page (navigation,
 * footer, links that change with every commit) can change without re-indexing the page's period.
 * A page with several bodies is taken whole.
 */
function indexedPart(html: string): string {
  const range = bodyRange(html);
  if (range === undefined || html.indexOf('data-pagefind-body', range[0] + 1) >= 0) return html;
  const outside = html.slice(0, range[0]) + html.slice(range[1]);
  const marked = outside.match(/<[^>]*\bdata-pagefind-[^>]*>[^<]*/g) ?? [];
  return JSON.stringify([htmlLanguage(html) ?? '', /<link rel="alternate" hreflang=/.test(html), html.slice(range[0], range[1]), marked]);
}

/**
 * What Pagefind is handed of a page: the page reduced to its doctype and `<html>` tag and the
 * element carrying `data-pagefind-body`, when nothing else on the page can reach the index (no
 * other `data-pagefind-*` attribute, no `<h1>` or `<img>`, which Pagefind reads for a title and an
 * image when the page names none). Pagefind writes the same bytes for it as for the whole page
 * (test/search/pagefind-document.test.ts), and parses and receives less than half of it: the
 * navigation, the head and the footer are most of a post's page. Any other page is handed whole.
 */
export function pagefindDocument(html: string): string {
  const range = bodyRange(html);
  if (range === undefined) return html;
  const open = html.lastIndexOf('<', range[0]);
  const close = html.indexOf('>', range[1]);
  const htmlTag = HTML_OPEN.exec(html);
  if (close < 0 || htmlTag === null || html.indexOf('data-pagefind-body', range[0] + 1) >= 0) return html;
  const outside = html.slice(htmlTag[0].length, open) + html.slice(close + 1);
  if (/data-pagefind-|<h1[\s>]|<img[\s>/]/i.test(outside)) return html;
  return `${htmlTag[0]}<head></head><body>${html.slice(open, close + 1)}</body></html>`;
}

/** A page's doctype and `<html …>` start tag. */
const HTML_OPEN = /^<!doctype html>\s*<html\b[^>]*>/i;

function failOn(step: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new SearchIndexError('pagefind-failed', `Pagefind failed while ${step}:`, errors);
}

/** Total size of the regular files under `path`, in bytes. */
export async function directorySize(path: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}
