/**
 * `npm run build`: build the reader-facing site of the commons in env NOCLOUT_COMMONS (default
 * this repository's root: the project is itself a commons) into dist/ (or env NOCLOUT_OUT_DIR).
 * Astro does the work; this only reports where the site came from and fails with a non-zero exit
 * code if Astro does.
 *
 * Usage: node scripts/build-site.ts [--commons DIR] [--out DIR] [--cache DIR] [--no-search] [--quiet]
 *   --quiet: warnings and errors only (no line per page)
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'astro';

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
}

/** Build the site; resolves to the output directory. */
export async function buildSite(options: BuildSiteOptions = {}): Promise<string> {
  // Absolute paths first: the build below runs in its own working directory.
  const commons = options.commons || process.env.NOCLOUT_COMMONS;
  process.env.NOCLOUT_COMMONS = commons ? path.resolve(commons) : root;
  const outDir = path.resolve(root, options.outDir ?? process.env.NOCLOUT_OUT_DIR ?? 'dist');
  process.env.NOCLOUT_OUT_DIR = outDir;
  if (options.cacheDir) process.env.NOCLOUT_CACHE_DIR = path.resolve(options.cacheDir);
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
    await build({ root, logLevel: options.logLevel ?? 'info', outDir });
  } finally {
    process.chdir(previous);
    await rm(workDir, { recursive: true, force: true });
  }
  if (options.search === false) return outDir;
  // Search is part of the one build command: Pagefind indexes the pages Astro just wrote.
  const { indexSite } = await import('./search-index.ts');
  const search = await indexSite(outDir);
  if ((options.logLevel ?? 'info') === 'info') {
    console.log(`search index: ${search.pages} pages (${Object.entries(search.languages).map(([l, n]) => `${l} ${n}`).join(', ')}) in ${search.seconds.toFixed(1)} s, ${(search.bytes / 1024).toFixed(0)} KB`);
  }
  return outDir;
}

function argument(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const started = performance.now();
  try {
    const out = await buildSite({ commons: argument(args, '--commons'), outDir: argument(args, '--out'), cacheDir: argument(args, '--cache'), search: !args.includes('--no-search'), logLevel: args.includes('--quiet') ? 'warn' : 'info' });
    console.log(`site of ${path.relative(process.cwd(), process.env.NOCLOUT_COMMONS ?? '') || '.'} built into ${path.relative(process.cwd(), out) || '.'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
