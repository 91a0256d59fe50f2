/**
 * Search benchmark (issues #5 and #14): for a synthetic commons (10,000 posts by default; run it
 * with `--posts 100000` too), how long indexing the built site takes, how big the index is on disk,
 * how many bytes Chromium downloads to show the first query's results (targets: 150 KB at 10,000
 * posts, 300 KB at 100,000), and how long re-indexing takes after each kind of merge, from the
 * previous build's cache (target: within the 3 s of issue 14, site and search together).
 *
 * The incremental cases change the built pages as such a merge changes them (a new post page; a
 * reply and its parent's page; an old post's page replaced by a tombstone; the rule pages in both
 * languages, newly dated; a proposal's and its decision's pages in both languages), one after the
 * other, and time `indexSite(dist, { cacheDir, changed })` with the changed pages. The site's own
 * share (Astro) is measured by the site benchmark. The index here runs in a process of its own;
 * inside `npm run build` it runs after Astro in Astro's process, which the scale benchmark
 * (scripts/bench-scale.ts: the whole build at 10,000 to 100,000 posts) measures.
 *
 * The built site is reused when given (`distDir`, e.g. the site benchmark's output); otherwise the
 * synthetic commons is generated and the site built here. Bytes are measured in Chromium from each
 * finished request's sizes (headers and body as received, dedicated worker requests included), and
 * checked against what the loopback server sent. The server gzips text like a static host does;
 * Pagefind's index files are compressed already.
 *
 *   node scripts/bench-search.ts [--dist DIR] [--work DIR] [--posts 10000] [--query repair] [--lang en]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Request } from 'playwright-core';
import { launchChromium } from '../test/search/chromium.ts';
import { serveStatic } from '../test/search/static-server.ts';
import { indexSite, type SearchIndexReport } from './search-index.ts';
import { generateCommons } from './synthetic-commons.ts';

export interface BenchSearchOptions {
  /** A site already built from the synthetic commons; built here when absent. */
  distDir?: string;
  /** Scratch directory for the commons and the site when they are made here (default: a temp dir). */
  workDir?: string;
  /** Posts in the synthetic commons when it is made here (default 10,000). */
  posts?: number;
  /** The first query typed (default `repair`, a word in thousands of the synthetic posts). */
  query?: string;
  /** UI language of the search page measured (default `en`). */
  lang?: 'fr' | 'en';
  /** Also time the incremental re-index after each kind of merge (default true). */
  incremental?: boolean;
  /** Print progress to stderr. */
  log?: (line: string) => void;
}

/** One kind of merge, re-indexed from the previous build's cache. */
export interface IncrementalCase {
  kind: 'new post' | 'reply' | 'moderation (tombstone)' | 'rule change' | 'decided proposal';
  /** Pages the change wrote or removed. */
  changedPages: number;
  seconds: number;
  /** Period indexes Pagefind rebuilt, of all of them. */
  rebuilt: number;
  total: number;
}

export interface FirstQueryBytes {
  query: string;
  results: number;
  /** Bytes received until the search page is ready (HTML, CSS, script, Pagefind's start-up). */
  pageLoad: number;
  /** Bytes received from typing the query until the first results are shown. */
  afterTyping: number;
  /** Both together: what a reader downloads to see their first results. */
  total: number;
  requests: { url: string; bytes: number; phase: 'load' | 'query' }[];
  /** Body bytes the server sent, for comparison (Chromium's figure adds headers). */
  serverBodyBytes: number;
}

export interface SearchBenchReport {
  posts: number;
  pages: number;
  languages: Record<string, number>;
  indexSeconds: number;
  indexBytes: number;
  /** Periods (one index each, per UI language). */
  chunks: number;
  firstQuery: FirstQueryBytes;
  targetBytes: number;
  incremental: IncrementalCase[];
}

/** Issue #5's target, kept for scripts/bench.ts. */
export const firstQueryTargetBytes = 300 * 1024;

/** Issue 14: 150 KB at 10,000 posts, 300 KB at 100,000 (and the same above). */
export function firstQueryTargetFor(posts: number): number {
  return (posts <= 10_000 ? 150 : 300) * 1024;
}

const root = fileURLToPath(new URL('..', import.meta.url));

export async function benchSearch(options: BenchSearchOptions = {}): Promise<SearchBenchReport> {
  const log = options.log ?? (() => {});
  const posts = options.posts ?? 10_000;
  let distDir = options.distDir;
  let scratch: string | undefined;
  if (distDir === undefined) {
    const work = options.workDir ?? (scratch = await mkdtemp(join(tmpdir(), 'noclout-bench-search-')));
    distDir = await buildSyntheticSite(work, posts, log);
  }
  const cacheDir = await mkdtemp(join(tmpdir(), 'noclout-bench-search-cache-'));
  try {
    log(`indexing ${distDir}`);
    const index = await indexSite(distDir, { cacheDir });
    log(`measuring the first query in Chromium`);
    const firstQuery = await measureFirstQuery(distDir, options.lang ?? 'en', options.query ?? 'repair');
    const incremental: IncrementalCase[] = [];
    if (options.incremental !== false) {
      for (const [kind, change] of Object.entries(merges) as [IncrementalCase['kind'], (site: string) => Promise<string[]>][]) {
        const changed = await change(distDir);
        const report: SearchIndexReport = await indexSite(distDir, { cacheDir, changed });
        if (report.mode !== 'incremental') throw new Error(`bench-search: the ${kind} was indexed in full (${report.fullBecause ?? ''})`);
        incremental.push({ kind, changedPages: changed.length, seconds: report.seconds, rebuilt: report.chunks.rebuilt, total: report.chunks.total });
        log(`${kind}: ${report.seconds.toFixed(2)} s, ${report.chunks.rebuilt} of ${report.chunks.total} periods re-indexed`);
      }
    }
    return {
      posts,
      pages: index.pages,
      languages: index.languages,
      indexSeconds: index.seconds,
      indexBytes: index.bytes,
      chunks: index.chunks.total,
      firstQuery,
      targetBytes: firstQueryTargetFor(posts),
      incremental,
    };
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  }
}

/** The built pages, relative to the site, with their publication date (SearchMeta's sort key). */
async function documentPages(site: string, under: string): Promise<{ path: string; date: string }[]> {
  const pages: { path: string; date: string }[] = [];
  for (const entry of await readdir(join(site, under), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name !== 'index.html') continue;
    const path = join(entry.parentPath, entry.name).slice(site.length + 1);
    const date = /data-pagefind-sort="date:([^"]+)"/.exec(await readFile(join(site, path), 'utf8'))?.[1];
    if (date !== undefined) pages.push({ path, date });
  }
  return pages.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.path < b.path ? -1 : 1));
}

/** A page like `from`, at `to`, dated `date` (every occurrence of its own date replaced), with `words` added to its text. */
async function derivePage(site: string, from: string, to: string, date: string, words: string, edit: (html: string) => string = (html) => html): Promise<string> {
  const html = await readFile(join(site, from), 'utf8');
  const own = /data-pagefind-sort="date:([^"]+)"/.exec(html)?.[1] ?? date;
  const derived = edit(html.replaceAll(own, date)).replace(/(<article[^>]*data-pagefind-body[^>]*>)/, `$1<p>${words}</p>`);
  await mkdir(dirname(join(site, to)), { recursive: true });
  await writeFile(join(site, to), derived);
  return to;
}

/** A date just after every document of the site. */
async function nextDate(site: string): Promise<string> {
  const newest = [...(await documentPages(site, 'en')), ...(await documentPages(site, 'fr'))].map((page) => page.date).sort().at(-1)!;
  return new Date(Date.parse(newest) + 3_600_000).toISOString();
}

/** Each kind of merge, as the pages it writes or removes in the built site. */
const merges = {
  'new post': async (site: string) => {
    const newest = (await documentPages(site, 'en/posts')).at(-1)!;
    return [await derivePage(site, newest.path, 'en/posts/2099/bench-new-post/index.html', await nextDate(site), 'benchfreshword')];
  },
  reply: async (site: string) => {
    const posts = await documentPages(site, 'fr/posts');
    const parent = posts[Math.floor(posts.length / 3)]!;
    const date = await nextDate(site);
    const reply = await derivePage(site, posts.at(-1)!.path, 'fr/posts/2099/bench-reply/index.html', date, 'benchreplyword');
    await writeFile(join(site, parent.path), (await readFile(join(site, parent.path), 'utf8')).replace('</article>', '<p>1 réponse</p></article>'));
    return [reply, parent.path];
  },
  'moderation (tombstone)': async (site: string) => {
    const posts = await documentPages(site, 'en/posts');
    const removed = posts[Math.floor(posts.length / 5)]!;
    await writeFile(join(site, removed.path), '<!doctype html><html lang="en"><body><main><p>Removed by decision.</p></main></body></html>\n');
    return [removed.path];
  },
  'rule change': async (site: string) => {
    const date = await nextDate(site);
    const changed: string[] = [];
    for (const ui of ['en', 'fr']) changed.push(await derivePage(site, `${ui}/rules/respect/index.html`, `${ui}/rules/respect/index.html`, date, 'benchruleword'));
    return changed;
  },
  'decided proposal': async (site: string) => {
    const date = await nextDate(site);
    const changed: string[] = [];
    for (const ui of ['en', 'fr']) {
      const asKind = (kind: string) => (html: string) => html.replaceAll('>rule<', `>${kind}<`).replaceAll('/rules/respect/', `/${kind === 'proposal' ? 'proposals/bench-proposal' : 'decisions/2099/bench-decision'}/`);
      changed.push(await derivePage(site, `${ui}/rules/respect/index.html`, `${ui}/proposals/bench-proposal/index.html`, date, 'benchproposalword', asKind('proposal')));
      changed.push(await derivePage(site, `${ui}/rules/respect/index.html`, `${ui}/decisions/2099/bench-decision/index.html`, date, 'benchdecisionword', asKind('decision')));
    }
    return changed;
  },
} satisfies Record<IncrementalCase['kind'], (site: string) => Promise<string[]>>;

/**
 * A built site `times` larger, made from a built one without building it again: every post page is
 * copied `times` times, the k-th copy two years later per k (`en/posts/2025/x/` → `en/posts/2027/x/`,
 * its dates moved with it), every other file once. From the 10,000-post synthetic commons (two
 * years, about 100 posts a week) and `times` 10, it gives the pages of 100,000 posts over twenty
 * years at the same pace: what the indexer and the first query see at that size, without an Astro
 * build of 100,000 posts (the site benchmark measures that one). Listing pages are not scaled.
 */
export async function replicateSite(from: string, to: string, times: number): Promise<void> {
  await rm(to, { recursive: true, force: true });
  for (const entry of await readdir(from, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name).slice(from.length + 1);
    if (path.startsWith('pagefind/')) continue;
    const post = /^(en|fr)\/posts\/(\d{4})\/(.+)$/.exec(path);
    const copies = post === null ? [0] : Array.from({ length: times }, (_, k) => k);
    const html = post === null ? undefined : await readFile(join(from, path), 'utf8');
    for (const k of copies) {
      const target = post === null || k === 0 ? path : `${post[1]}/posts/${Number(post[2]) + 2 * k}/${post[3]}`;
      await mkdir(dirname(join(to, target)), { recursive: true });
      if (html === undefined || k === 0) {
        await writeFile(join(to, target), await readFile(join(from, path)));
        continue;
      }
      const moved = html
        .replace(/(\d{4})(-\d\d-\d\dT[\d:.]+Z)/g, (_, year: string, rest: string) => `${Number(year) + 2 * k}${rest}`)
        .replaceAll(`/posts/${post![2]}/`, `/posts/${Number(post![2]) + 2 * k}/`);
      await writeFile(join(to, target), moved);
    }
  }
}

/** Generates the synthetic commons and builds the site from it with the project's build command. */
async function buildSyntheticSite(work: string, posts: number, log: (line: string) => void): Promise<string> {
  const commons = join(work, 'commons');
  // Under the checkout's ignored .tmp/: Astro then keeps its prerender chunks inside the output
  // directory (elsewhere it uses the shared <checkout>/.astro/, where concurrent builds collide).
  const dist = join(root, '.tmp', 'bench-search', 'dist');
  await mkdir(work, { recursive: true });
  if (!existsSync(join(commons, 'governance'))) {
    log(`generating ${posts} posts in ${commons}`);
    await generateCommons({ dir: commons, posts, commits: Math.ceil(posts / 2), members: 50 });
  }
  log(`building the site into ${dist}`);
  // Indexing is timed on its own below, so the build skips it; its own cache keeps it apart.
  await run(root, process.execPath, [
    join(root, 'scripts/build-site.ts'),
    '--commons', commons,
    '--out', dist,
    '--cache', join(work, 'astro-cache'),
    '--no-search',
  ], process.env);
  return dist;
}

function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    // The build's own output goes to stderr: stdout carries the report (--json).
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 2, 2] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/**
 * Opens the search page in a fresh Chromium (empty cache), waits until it is ready, types `query`
 * and waits for the first results; sums the bytes of every request in each phase.
 */
export async function measureFirstQuery(distDir: string, lang: 'fr' | 'en', query: string): Promise<FirstQueryBytes> {
  const site = await serveStatic(resolve(distDir), { gzip: true });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: FirstQueryBytes['requests'] = [];
    const pending: Promise<void>[] = [];
    let phase: 'load' | 'query' = 'load';
    page.on('requestfinished', (request: Request) => {
      const at = phase;
      pending.push(
        (async () => {
          const sizes = await request.sizes();
          // Chromium reports no body size for a dedicated worker's own script; its Content-Length
          // header, as Chromium received it, says how many (compressed) bytes came.
          const declared = Number((await (await request.response())?.headerValue('content-length')) ?? 0);
          const body = Math.max(sizes.responseBodySize, declared);
          requests.push({ url: request.url().replace(site.url, ''), bytes: sizes.responseHeadersSize + body, phase: at });
        })(),
      );
    });
    await page.goto(`${site.url}/${lang}/search/`, { waitUntil: 'networkidle' });
    await page.waitForSelector('[data-search-root][data-ready="true"]');
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    phase = 'query';
    await page.fill('#search-q', query);
    await page.waitForSelector('[data-search-results] li');
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    const results = await page.locator('[data-search-results] li').count();
    const sum = (which?: 'load' | 'query') =>
      requests.filter((r) => which === undefined || r.phase === which).reduce((total, r) => total + r.bytes, 0);
    return {
      query,
      results,
      pageLoad: sum('load'),
      afterTyping: sum('query'),
      total: sum(),
      requests,
      serverBodyBytes: site.sent.reduce((total, entry) => total + entry.bytes, 0),
    };
  } finally {
    await browser.close();
    await site.close();
  }
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** The report as Markdown lines, for BENCHMARKS.md. */
export function formatSearchBench(report: SearchBenchReport): string {
  const q = report.firstQuery;
  return [
    `| measure | value |`,
    `| --- | --- |`,
    `| posts in the commons | ${report.posts} |`,
    `| pages indexed (all UI languages) | ${report.pages} (${Object.entries(report.languages).map(([l, n]) => `${l}: ${n}`).join(', ')}) |`,
    `| index time (full) | ${report.indexSeconds.toFixed(1)} s |`,
    `| index size on disk | ${(report.indexBytes / 1024 / 1024).toFixed(1)} MB, ${report.chunks} period indexes |`,
    `| first query "${q.query}": page load | ${kilobytes(q.pageLoad)} |`,
    `| first query "${q.query}": the query itself | ${kilobytes(q.afterTyping)} |`,
    `| first query: total downloaded (target < ${kilobytes(report.targetBytes)}) | ${kilobytes(q.total)} ${q.total < report.targetBytes ? '(met)' : '(MISSED)'} |`,
    `| results shown | ${q.results} |`,
    ...report.incremental.map((c) => `| re-index after a ${c.kind} (${c.changedPages} pages) | ${c.seconds.toFixed(2)} s, ${c.rebuilt} of ${c.total} periods |`),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string' },
      work: { type: 'string' },
      posts: { type: 'string' },
      query: { type: 'string' },
      lang: { type: 'string' },
      json: { type: 'boolean' },
      'no-incremental': { type: 'boolean' },
      replicate: { type: 'string' },
    },
  });
  const lang = values.lang === 'fr' ? 'fr' : 'en';
  if (values.replicate !== undefined) {
    // --dist D --replicate 10: measure on D's pages ten times over (see replicateSite).
    if (values.dist === undefined) throw new Error('bench-search: --replicate needs --dist');
    const scaled = `${resolve(values.dist)}-x${values.replicate}`;
    process.stderr.write(`bench-search: writing ${scaled}\n`);
    await replicateSite(resolve(values.dist), scaled, Number(values.replicate));
    values.dist = scaled;
    values.posts = String(Number(values.posts ?? 10_000) * Number(values.replicate));
  }
  const report = await benchSearch({
    ...(values.dist !== undefined && { distDir: values.dist }),
    ...(values.work !== undefined && { workDir: values.work }),
    ...(values.posts !== undefined && { posts: Number(values.posts) }),
    ...(values.query !== undefined && { query: values.query }),
    lang,
    incremental: values['no-incremental'] !== true,
    log: (line) => process.stderr.write(`bench-search: ${line}\n`),
  });
  process.stdout.write(values.json === true ? `${JSON.stringify(report, null, 2)}\n` : `${formatSearchBench(report)}\n`);
}
