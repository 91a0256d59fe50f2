/**
 * `npm run build`: build the reader-facing site of the commons in env NOCLOUT_COMMONS (default
 * this repository's root: the project is itself a commons) into dist/ (or env NOCLOUT_OUT_DIR).
 * Astro does the work; this only reports where the site came from and fails with a non-zero exit
 * code if Astro does.
 *
 * With --cache DIR the build keeps what the next one needs to be incremental (docs/site.md,
 * Incremental builds): when the site's code, configuration, lockfile and commons.yml are those
 * of the build kept there, only the pages whose key changed are rendered again, without Astro's
 * build; otherwise a full build, which says why.
 *
 * Usage: node scripts/build-site.ts [--commons DIR] [--out DIR] [--cache DIR] [--full] [--no-search] [--quiet]
 *   --full: a full build even when the cache allows an incremental one
 *   --quiet: warnings and errors only (no line per page)
 */
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_DIR, STATE_FILE, TREE_DIR, codeFingerprint, incrementalBuild, readState, recordFullBuild, type FirstRoutes, type IncrementalReport, type SitemapSite } from '../src/site/incremental/incremental-build.ts';
import type { AheadReport } from './search-index.ts';
import type { KeptBundle } from '../src/site/incremental/keep-bundle.ts';
import { writeSitemap } from '../src/site/sitemap.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BuildSiteOptions {
  commons?: string;
  outDir?: string;
  /** Quieter Astro logging. */
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
  /** Astro's cache (content store); default node_modules/.astro. */
  cacheDir?: string;
  /** Index the site with Pagefind after Astro (default true; the site benchmark measures Astro alone). */
  search?: boolean;
  /** Build everything even when the cache could make it incremental. */
  full?: boolean;
}

/**
 * The routes whose pages the search index reads (they mark their content `data-pagefind-body`):
 * an incremental build renders them first, and the search starts on them while the other routes
 * are listed and rendered. A route missing here is only indexed later, never wrongly: the search
 * step reads every changed page once the site is complete (search-index.ts, indexAhead).
 */
const searchRoutes = new Set(['/[lang]/posts/[year]/[slug]', '/[lang]/proposals/[slug]', '/[lang]/rules/[slug]', '/[lang]/policy', '/[lang]/decisions/[year]/[id]']);

/** How the last `buildSite` of this process went: incremental (and what it rendered) or full (and why). */
export type BuildKind = { kind: 'incremental'; report: IncrementalReport } | { kind: 'full'; reason: string };
export let lastBuild: BuildKind | undefined;

/** Build the site; resolves to the output directory. */
export async function buildSite(options: BuildSiteOptions = {}): Promise<string> {
  // Absolute paths first: the build below runs in its own working directory.
  const commons = options.commons || process.env.NOCLOUT_COMMONS;
  process.env.NOCLOUT_COMMONS = commons ? path.resolve(commons) : root;
  const outDir = path.resolve(root, options.outDir ?? process.env.NOCLOUT_OUT_DIR ?? 'dist');
  process.env.NOCLOUT_OUT_DIR = outDir;
  const cacheDir = options.cacheDir ? path.resolve(options.cacheDir) : undefined;
  if (cacheDir) process.env.NOCLOUT_CACHE_DIR = cacheDir;
  const fingerprint = await codeFingerprint(root, process.env.NOCLOUT_COMMONS);
  process.env.NOCLOUT_CODE_FINGERPRINT = fingerprint;
  // An incremental build starts the search index's work on the document pages once they are rendered, beside the rest of the site.
  let ahead: Promise<AheadReport> | undefined;
  const first: FirstRoutes | undefined =
    options.search === false || !cacheDir
      ? undefined
      : {
          routes: (route) => searchRoutes.has(route),
          rendered: (files) => {
            ahead = import('./search-index.ts').then(
              ({ indexAhead }) => indexAhead(path.join(cacheDir, TREE_DIR), { cacheDir, changed: files }),
              () => ({ indexed: new Set<string>(), seconds: 0 }),
            );
          },
        };
  const built = await siteFromCache({ cacheDir, outDir, fingerprint, full: options.full === true, search: options.search !== false, first });
  lastBuild = built;
  if (built.kind === 'full') await fullBuild({ outDir, cacheDir, fingerprint, logLevel: options.logLevel ?? 'info' });
  if (options.search === false) return outDir;
  // Search is part of the one build command: Pagefind indexes the pages Astro just wrote.
  const { indexSite } = await import('./search-index.ts');
  // With a cache, the search index is kept beside the site's, and an incremental build re-indexes only the periods of the pages it wrote or removed.
  const search = await indexSite(outDir, { ...(cacheDir ? { cacheDir } : {}), ...(built.kind === 'incremental' ? { changed: built.report.files } : {}), ...(ahead && { ahead }) });
  // One line even with --quiet, like the build's own: scripts/bench-site.ts reads the search part of a republish from it.
  console.log(`search index: ${search.pages} pages (${Object.entries(search.languages).map(([l, n]) => `${l} ${n}`).join(', ')}) in ${search.seconds.toFixed(2)} s, ${(search.bytes / 1024).toFixed(0)} KB, ${search.chunks.rebuilt} of ${search.chunks.total} periods indexed (${search.mode})${search.aheadSeconds === undefined ? '' : `, ${search.aheadSeconds.toFixed(2)} s of it started beside the site's pages`}`);
  return outDir;
}

/** The incremental build when the cache allows one; otherwise why not. */
async function siteFromCache(options: { cacheDir: string | undefined; outDir: string; fingerprint: string; full: boolean; search: boolean; first: FirstRoutes | undefined }): Promise<BuildKind> {
  if (!options.cacheDir) return { kind: 'full', reason: 'no --cache folder' };
  if (options.full) return { kind: 'full', reason: 'asked for (--full)' };
  const state = await readState(options.cacheDir);
  if (!state) return { kind: 'full', reason: `no previous build in ${options.cacheDir}` };
  if (state.fingerprint !== options.fingerprint) return { kind: 'full', reason: "the site's code, configuration, lockfile, public files or commons.yml changed since the cached build" };
  // The site's address as the full build read it (commons.yml is in the fingerprint); an older state has none.
  const site = state.sitemap ?? (await sitemapSite(process.env.NOCLOUT_COMMONS!));
  const report = await incrementalBuild({
    root,
    cacheDir: options.cacheDir,
    outDir: options.outDir,
    state,
    sitemap: (dir, pages) => writeSitemap(dir, pages, site),
    // The search step below patches its own folder in place (it checks each period against its cache); without search it goes.
    keep: options.search ? ['pagefind'] : [],
    ...(options.first && { first: options.first }),
  });
  return { kind: 'incremental', report };
}

async function fullBuild(options: { outDir: string; cacheDir: string | undefined; fingerprint: string; logLevel: NonNullable<BuildSiteOptions['logLevel']> }): Promise<void> {
  const { outDir, cacheDir } = options;
  const bundle = cacheDir ? path.join(cacheDir, BUNDLE_DIR) : undefined;
  // A full build that fails half way must not leave the previous build's state to trust.
  if (cacheDir) await rm(path.join(cacheDir, STATE_FILE), { force: true });
  if (cacheDir) await pruneContentCache(cacheDir, options.fingerprint);
  if (bundle) process.env.NOCLOUT_KEEP_BUNDLE = bundle;
  else delete process.env.NOCLOUT_KEEP_BUNDLE;
  // Astro bundles the pages to `<cwd>/.astro/.prerender/` when the output directory is outside
  // the working directory (inside it: `<outDir>/.prerender/`), and deletes that folder when done.
  // Two builds from the checkout with --out elsewhere (a test and a benchmark) shared it, and the
  // first to finish broke the other (ERR_MODULE_NOT_FOUND). Each build works from a folder of its
  // own under the checkout's .astro/, still inside the project so the bundle finds node_modules.
  const scratch = path.join(root, '.astro');
  await mkdir(scratch, { recursive: true });
  const workDir = await mkdtemp(path.join(scratch, 'build-'));
  const previous = process.cwd();
  process.chdir(workDir);
  try {
    // Loaded here: an incremental build does not need Astro's build, and loading it costs a second.
    const { build } = await import('astro');
    await build({ root, logLevel: options.logLevel, outDir });
  } finally {
    process.chdir(previous);
    await rm(workDir, { recursive: true, force: true });
  }
  if (!cacheDir || !bundle) return;
  const kept = JSON.parse(await readFile(path.join(bundle, 'bundle.json'), 'utf8')) as KeptBundle;
  await recordFullBuild({ cacheDir, outDir, fingerprint: options.fingerprint, paths: kept.paths, siteKey: kept.siteKey, sitemap: await sitemapSite(process.env.NOCLOUT_COMMONS!) });
}

/** The site's address and base path for the sitemap, from commons.yml (loaded here: the YAML reader costs 0.2 s to load, which an incremental build need not pay). */
async function sitemapSite(commons: string): Promise<SitemapSite> {
  const [{ parseYaml }, { basePathOf }] = await Promise.all([import('../src/commons/yaml-document.ts'), import('../src/site/format.ts')]);
  const config = parseYaml(await readFile(path.join(commons, 'governance/commons.yml'), 'utf8'), { path: 'governance/commons.yml' }).data as { url: string };
  return { site: config.url, base: basePathOf(config.url) };
}

/** Drops what the cache holds for other versions of the site's code (the content cache is per code fingerprint). */
async function pruneContentCache(cacheDir: string, fingerprint: string): Promise<void> {
  const dir = path.join(cacheDir, 'noclout-content');
  for (const name of await readdir(dir).catch(() => [])) if (!name.includes(`.${fingerprint.slice(0, 16)}`)) await rm(path.join(dir, name), { recursive: true, force: true });
}

function argument(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const started = performance.now();
  try {
    const out = await buildSite({ commons: argument(args, '--commons'), outDir: argument(args, '--out'), cacheDir: argument(args, '--cache'), search: !args.includes('--no-search'), full: args.includes('--full'), logLevel: args.includes('--quiet') ? 'warn' : 'info' });
    console.log(
      lastBuild?.kind === 'incremental'
        ? `incremental build: ${lastBuild.report.rendered.length} pages rendered, ${lastBuild.report.removed.length} removed, ${lastBuild.report.kept} kept (${Object.entries(lastBuild.report.seconds).map(([step, s]) => `${step} ${s.toFixed(2)} s`).join(', ')})`
        : `full build: ${lastBuild?.reason ?? 'no --cache folder'}`,
    );
    console.log(`site of ${path.relative(process.cwd(), process.env.NOCLOUT_COMMONS ?? '') || '.'} built into ${path.relative(process.cwd(), out) || '.'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
