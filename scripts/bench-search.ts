/**
 * Search benchmark (issue #5): for the synthetic 10,000-post commons, how long Pagefind takes to
 * index the built site, how big the index is on disk, and how many bytes Chromium downloads to
 * show the first query's results (target: under 300 KB).
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
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Request } from 'playwright-core';
import { launchChromium } from '../test/search/chromium.ts';
import { serveStatic } from '../test/search/static-server.ts';
import { indexSite } from './search-index.ts';
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
  /** Print progress to stderr. */
  log?: (line: string) => void;
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
  firstQuery: FirstQueryBytes;
  targetBytes: number;
}

export const firstQueryTargetBytes = 300 * 1024;

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
  try {
    log(`indexing ${distDir}`);
    const index = await indexSite(distDir);
    log(`measuring the first query in Chromium`);
    const firstQuery = await measureFirstQuery(distDir, options.lang ?? 'en', options.query ?? 'repair');
    return {
      posts,
      pages: index.pages,
      languages: index.languages,
      indexSeconds: index.seconds,
      indexBytes: index.bytes,
      firstQuery,
      targetBytes: firstQueryTargetBytes,
    };
  } finally {
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
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
    `| index time | ${report.indexSeconds.toFixed(1)} s |`,
    `| index size on disk | ${(report.indexBytes / 1024 / 1024).toFixed(1)} MB |`,
    `| first query "${q.query}": page load | ${kilobytes(q.pageLoad)} |`,
    `| first query "${q.query}": the query itself | ${kilobytes(q.afterTyping)} |`,
    `| first query: total downloaded (target < ${kilobytes(report.targetBytes)}) | ${kilobytes(q.total)} ${q.total < report.targetBytes ? '(met)' : '(MISSED)'} |`,
    `| results shown | ${q.results} |`,
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
    },
  });
  const lang = values.lang === 'fr' ? 'fr' : 'en';
  const report = await benchSearch({
    ...(values.dist !== undefined && { distDir: values.dist }),
    ...(values.work !== undefined && { workDir: values.work }),
    ...(values.posts !== undefined && { posts: Number(values.posts) }),
    ...(values.query !== undefined && { query: values.query }),
    lang,
    log: (line) => process.stderr.write(`bench-search: ${line}\n`),
  });
  process.stdout.write(values.json === true ? `${JSON.stringify(report, null, 2)}\n` : `${formatSearchBench(report)}\n`);
}
