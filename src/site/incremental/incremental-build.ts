/**
 * Incremental builds of the site (issue 14; docs/site.md, Incremental builds).
 *
 * A full build (Astro's own) leaves in the cache folder the compiled pages (keep-bundle.ts), the
 * key of every page (page-keys.ts) and a copy of the output tree. The next build, when the site's
 * code fingerprint is unchanged, does not run Astro's build: it loads the compiled pages, lists
 * the pages with their keys (each route's `getStaticPaths`, which reads the commons from disk),
 * renders only the pages whose key changed or that are new, deletes those that are gone, writes
 * the sitemap again, and copies the tree to the output folder. The compiled pages hold no content
 * (commons-loader.ts), so they render the commons as it is now, exactly as a full build would.
 */
import { createHash } from 'node:crypto';
import { copyFile, cp, link, mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { KeptBundle } from './keep-bundle.ts';

/** One page of the previous build: its key and the file it wrote. */
export interface PageState {
  key: string;
  file: string;
}

/** What the cache keeps between builds (`<cache>/site-state.json`); the tree is in `<cache>/site/`. */
export interface SiteState {
  version: 1;
  fingerprint: string;
  pages: Record<string, PageState>;
  /** The output folder the tree was last written to: the next build into it changes only what changed. */
  outDir: string;
  /** The site's address for the sitemap, as the full build read it from commons.yml. */
  sitemap?: SitemapSite;
}

/** What the sitemap needs of the site's configuration. */
export interface SitemapSite {
  site: string;
  base: string | undefined;
}

export interface IncrementalReport {
  /** Pages rendered again (new or changed key). */
  rendered: string[];
  /** Pages no longer built, deleted. */
  removed: string[];
  /** The output files of the pages rendered and removed, relative to the output folder: what the search index reads again. */
  files: string[];
  /** Pages kept from the previous build. */
  kept: number;
  /** Seconds spent per step: loading the compiled pages, listing the pages (reading the commons), rendering, the sitemap, writing the output. */
  seconds: Record<'load' | 'list' | 'render' | 'sitemap' | 'output', number>;
}

interface Route {
  route: string;
  type: string;
  component: string;
}

interface StaticPath {
  pathname: string;
  route: Route;
  cacheKey?: string;
}

interface BuildApp {
  manifest: { base: string; site?: string };
  setInternals(internals: unknown): void;
  setOptions(options: unknown): void;
  render(request: Request, options: { routeData: Route }): Promise<Response>;
}

export const STATE_FILE = 'site-state.json';
export const TREE_DIR = 'site';
export const BUNDLE_DIR = 'bundle';

/**
 * The fingerprint of everything an incremental build cannot reason about: the site's code, its
 * configuration, the lockfile, the public files, the Node version, and the commons' commons.yml
 * (astro.config.mjs reads its url and languages). Any change makes the next build a full one.
 */
export async function codeFingerprint(root: string, commons: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`node ${process.version}\n`);
  const files = ['astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build-site.ts'];
  for (const folder of ['src', 'public']) {
    const entries = await readdir(path.join(root, folder), { recursive: true, withFileTypes: true }).catch(() => []);
    files.push(...entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name))));
  }
  for (const file of files.sort()) {
    hash.update(`${file}\n`);
    hash.update(await readFile(path.join(root, file)).catch(() => Buffer.from('(none)')));
  }
  hash.update('commons.yml\n');
  hash.update(await readFile(path.join(commons, 'governance/commons.yml')).catch(() => Buffer.from('(none)')));
  return hash.digest('hex');
}

export async function readState(cacheDir: string): Promise<SiteState | undefined> {
  try {
    const state = JSON.parse(await readFile(path.join(cacheDir, STATE_FILE), 'utf8')) as SiteState;
    return state.version === 1 ? state : undefined;
  } catch {
    return undefined;
  }
}

/** The file a page is written to, relative to the output folder (Astro's, for `build.format: 'directory'`). */
export function pageFile(pathname: string, route: Route): string {
  if (route.type === 'endpoint') return pathname.replace(/^\//, '');
  if (route.route === '/404') return '404.html';
  return path.posix.join(pathname.replace(/^\//, ''), 'index.html');
}

/** The URL Astro requests a page at (generate.js, getUrlForPath, for our format and trailing slash). */
function pageUrl(app: BuildApp, pathname: string, route: Route): URL {
  const origin = app.manifest.site ? new URL(app.manifest.site).origin : 'http://localhost';
  const base = app.manifest.base.endsWith('/') ? app.manifest.base : `${app.manifest.base}/`;
  const relative = pathname.replace(/^\//, '');
  if (relative === '') return new URL(base, origin);
  if (route.type === 'endpoint') return new URL(`${base}${relative}`, origin);
  return new URL(`${base}${relative.replace(/\/$/, '')}/`, origin);
}

/** The sitemap's page names as Astro hands them to integrations (addPageName in generate.js). */
export function pageName(pathname: string): string {
  return pathname.replace(/\/?$/, '/').replace(/^\//, '');
}

/** Load the kept bundle; it runs from a copy inside the project, where its imports find node_modules. */
async function loadBundle(root: string, cacheDir: string): Promise<{ app: BuildApp; scratch: string }> {
  const kept = JSON.parse(await readFile(path.join(cacheDir, BUNDLE_DIR, 'bundle.json'), 'utf8')) as KeptBundle;
  await mkdir(path.join(root, '.astro'), { recursive: true });
  const scratch = await mkdtemp(path.join(root, '.astro', 'incremental-'));
  await cp(path.join(cacheDir, BUNDLE_DIR), scratch, { recursive: true });
  const module = (await import(pathToFileURL(path.join(scratch, kept.entry)).href)) as { app: BuildApp };
  const app = module.app;
  // What the app reads from Astro's build: each route's stylesheets, and a logger.
  app.setInternals({ pagesByKeys: new Map(kept.styles.map(([key, styles]) => [key, { styles }])), entrySpecifierToBundleMap: new Map() });
  const destination = { write: (event: { level: string; message: string }) => (event.level === 'error' || event.level === 'warn' ? console.error(event.message) : undefined, true) };
  app.setOptions({ logger: { options: { destination, level: 'warn' } }, settings: { scripts: [] } });
  return { app, scratch };
}

/**
 * The routes to list and render first, and what to do with their files then: the search step
 * starts indexing the pages it reads (docs/site.md, Incremental builds) while the other routes are
 * listed and rendered.
 */
export interface FirstRoutes {
  /** Whether a route (its pattern, like `/[lang]/posts/[year]/[slug]`) is listed and rendered first. */
  routes: (route: string) => boolean;
  /** Called once those are rendered, with the output files they wrote or removed (relative to the output folder, found in `<cache>/site/`). */
  rendered: (files: string[]) => void;
}

/**
 * Renders what changed since the build recorded in `state` into `<cache>/site/` and into `outDir`
 * when that is where the previous build wrote (only the changed files then; otherwise the whole
 * tree, as hard links). Resolves to what was rendered, removed and kept. With `first`, the routes
 * it names are listed and rendered before the others, and `first.rendered` hears of their files.
 */
export async function incrementalBuild(options: { root: string; cacheDir: string; outDir: string; state: SiteState; sitemap: SitemapWriter; keep?: readonly string[]; first?: FirstRoutes }): Promise<IncrementalReport> {
  const { root, cacheDir, outDir, state } = options;
  const tree = path.join(cacheDir, TREE_DIR);
  let mark = performance.now();
  const lap = () => {
    const now = performance.now();
    const seconds = (now - mark) / 1000;
    mark = now;
    return Math.round(seconds * 100) / 100;
  };
  const seconds = { load: 0, list: 0, render: 0, sitemap: 0, output: 0 };
  const inPlace = state.outDir === outDir && (await readdir(outDir).then(() => true, () => false));
  const write = async (file: string, body: Buffer) => {
    await replaceFile(path.join(tree, file), body);
    if (inPlace) await linkOrCopy(path.join(tree, file), path.join(outDir, file));
  };
  const { app, scratch } = await loadBundle(root, cacheDir);
  seconds.load = lap();
  try {
    const pages: Record<string, PageState> = {};
    const rendered: string[] = [];
    /** The route that builds each page, by its place in Astro's order (the first route of a pathname builds it). */
    const builtBy = new Map<string, number>();
    const paths: StaticPath[] = [];
    const render = async (listed: readonly StaticPath[], order: ReadonlyMap<Route, number> | undefined): Promise<void> => {
      const siteKey = (globalThis as Record<symbol, unknown>)[Symbol.for('noclout.siteKey')];
      if (typeof siteKey !== 'string') throw new Error('the compiled pages published no site key (src/site/page-keys.ts): cannot tell what changed');
      for (const staticPath of listed) {
        const { pathname, route, cacheKey } = staticPath;
        // Without an order, the paths come in Astro's own (and the first of a pathname builds it).
        const place = order?.get(route) ?? builtBy.size;
        const owner = builtBy.get(pathname);
        if (owner !== undefined) {
          // Listed out of Astro's order, a later route must not have built a page an earlier one builds.
          if (order !== undefined && owner > place) throw new Error(`${pathname}: built by two routes; an incremental build cannot list them out of order`);
          continue;
        }
        builtBy.set(pathname, place);
        paths.push(staticPath);
        const key = cacheKey ?? `site:${siteKey}`;
        const file = pageFile(pathname, route);
        pages[pathname] = { key, file };
        const before = state.pages[pathname];
        if (before?.key === key && before.file === file) continue;
        const response = await app.render(new Request(pageUrl(app, pathname, route)), { routeData: route });
        // A 404 page answers 404 and is written all the same, as Astro does; the site has no redirects.
        if ((response.status >= 300 && response.status < 400) || response.body === null) throw new Error(`${pathname}: the page answered ${response.status} without a page to write`);
        await write(file, Buffer.from(await response.arrayBuffer()));
        rendered.push(pathname);
      }
    };
    const lister = await pageLister(app);
    const list = async (routes: readonly ListedRoute[]): Promise<StaticPath[] | undefined> => {
      const listed: StaticPath[] = [];
      for (const route of routes) {
        const some = await lister!.list(route);
        if (some === undefined) return undefined;
        listed.push(...some);
      }
      return listed;
    };
    const first = lister === undefined || options.first === undefined ? [] : lister.routes.filter((route) => options.first!.routes(route.route));
    const rest = lister === undefined ? [] : lister.routes.filter((route) => !first.includes(route));
    let listed = lister === undefined ? undefined : await list(first);
    if (listed !== undefined && first.length > 0) {
      seconds.list += lap();
      await render(listed, lister!.order);
      seconds.render += lap();
      options.first!.rendered(rendered.map((pathname) => pages[pathname]!.file));
    }
    if (listed !== undefined) listed = await list(rest);
    let order = lister?.order;
    if (listed === undefined) {
      // Astro's own listing (a route it must list itself): every page, in its order.
      listed = await new StaticPaths(app).getAll();
      order = undefined;
    }
    seconds.list += lap();
    await render(listed, order);
    const removed = Object.keys(state.pages).filter((pathname) => !(pathname in pages));
    for (const pathname of removed) {
      for (const dir of inPlace ? [tree, outDir] : [tree]) {
        const file = path.join(dir, state.pages[pathname]!.file);
        await rm(file, { force: true });
        await removeEmptyParents(path.dirname(file), dir);
      }
    }
    seconds.render += lap();
    // The sitemap lists the pages, nothing of their content: written again when pages come or go.
    if (removed.length > 0 || Object.keys(pages).some((pathname) => !(pathname in state.pages))) {
      await options.sitemap(tree, paths.filter((p) => p.route.type === 'page').map((p) => pageName(p.pathname)));
    }
    seconds.sitemap = lap();
    if (inPlace) await syncTopLevel(tree, outDir, options.keep ?? []);
    else await linkTree(tree, outDir);
    await writeFile(path.join(cacheDir, STATE_FILE), JSON.stringify({ ...state, pages, outDir } satisfies SiteState));
    seconds.output = lap();
    const files = [...rendered.map((pathname) => pages[pathname]!.file), ...removed.map((pathname) => state.pages[pathname]!.file)];
    return { rendered, removed, files, kept: Object.keys(pages).length - rendered.length, seconds };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** A route as the manifest gives it. */
type ListedRoute = Route & { prerender: boolean; pathname?: string; fallbackRoutes?: unknown[] };

/** Astro's listing of every page with its key, for the rare route our own lister cannot list. */
let StaticPaths: new (app: BuildApp) => { getAll(): Promise<StaticPath[]> };

/**
 * Lists each route's pages with their keys, as Astro's `StaticPaths.getAll` lists them (astro/dist/runtime/prerender/
 * static-paths.js), without its second pass over the paths: `callGetStaticPaths` already keys each
 * path by the pathname `stringifyParams` gives it, and `getAll` computes that pathname again (0.15 s
 * at 13,700 pages). A route that is a redirect or has i18n fallbacks, or whose paths share a
 * pathname, is listed by `StaticPaths` itself (`list` then answers undefined; undefined for all
 * of them when the app cannot hand its routes' modules over); this site has none.
 */
async function pageLister(app: BuildApp): Promise<{ routes: ListedRoute[]; order: Map<Route, number>; list(route: ListedRoute): Promise<StaticPath[] | undefined> } | undefined> {
  ({ StaticPaths } = (await import('astro/runtime/prerender/static-paths.js')) as unknown as { StaticPaths: typeof StaticPaths });
  type Keyed = { params: Record<string, string | undefined>; cacheKey?: unknown }[] & { keyed: Map<string, { cacheKey?: unknown }> };
  interface Manifest { routes: { routeData: ListedRoute }[]; serverLike: boolean; base: string; trailingSlash: string }
  const astro = path.dirname(fileURLToPath(import.meta.resolve('astro/runtime/prerender/static-paths.js')));
  const { callGetStaticPaths, getRouteCache } = (await import(pathToFileURL(path.join(astro, '../../core/render/route-cache.js')).href)) as {
    callGetStaticPaths(options: { mod: unknown; route: Route; routeCache: unknown; ssr: boolean; base: string; trailingSlash: string }): Promise<Keyed>;
    getRouteCache(manifest: unknown): unknown;
  };
  const manifest = app.manifest as unknown as Manifest;
  const withApp = app as unknown as { routeCache?: unknown; getComponentByRoute(route: Route): Promise<unknown> };
  const routes = manifest.routes.map((r) => r.routeData).filter((route) => route.prerender);
  if (typeof withApp.getComponentByRoute !== 'function' || routes.some((route) => route.type === 'redirect' || route.type === 'fallback' || (route.fallbackRoutes?.length ?? 0) > 0)) return undefined;
  const routeCache = withApp.routeCache ?? getRouteCache(manifest);
  return {
    routes,
    order: new Map(routes.map((route, i) => [route, i])),
    async list(route) {
      if (route.pathname) return [{ pathname: route.pathname, route }];
      const mod = await withApp.getComponentByRoute(route);
      const staticPaths = await callGetStaticPaths({ mod, route, routeCache, ssr: manifest.serverLike, base: manifest.base, trailingSlash: manifest.trailingSlash });
      if (staticPaths.keyed.size !== staticPaths.length) return undefined;
      return [...staticPaths.keyed].map(([pathname, staticPath]) => ({ pathname, route, ...(staticPath.cacheKey === undefined ? {} : { cacheKey: String(staticPath.cacheKey) }) }));
    },
  };
}

/** Writes the sitemap of `pages` into `dir`, as the build's sitemap integration does. */
export type SitemapWriter = (dir: string, pages: string[]) => Promise<void>;

/** After a full build: the state of its pages and a copy of its output, for the next build. */
export async function recordFullBuild(options: { cacheDir: string; outDir: string; fingerprint: string; paths: { pathname: string; file: string; key: string | undefined }[]; siteKey: string; sitemap?: SitemapSite }): Promise<void> {
  const pages: Record<string, PageState> = {};
  for (const { pathname, file, key } of options.paths) pages[pathname] ??= { key: key ?? `site:${options.siteKey}`, file };
  const tree = path.join(options.cacheDir, TREE_DIR);
  await linkTree(options.outDir, tree);
  await writeFile(path.join(options.cacheDir, STATE_FILE), JSON.stringify({ version: 1, fingerprint: options.fingerprint, pages, outDir: options.outDir, ...(options.sitemap && { sitemap: options.sitemap }) } satisfies SiteState));
}

/** A new file in place of the old one, never writing through a link the output folder may share. */
async function replaceFile(file: string, body: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await unlink(file).catch(() => undefined);
  await writeFile(file, body);
}

async function removeEmptyParents(dir: string, stop: string): Promise<void> {
  for (let current = dir; current.startsWith(stop) && current !== stop; current = path.dirname(current)) {
    if ((await readdir(current).catch(() => ['?'])).length > 0) return;
    await rm(current, { recursive: true, force: true });
  }
}

/**
 * `to` becomes a copy of `from` made of hard links (copies across file systems). Nothing writes
 * into a file of either: a changed page is a new file (`replaceFile`).
 */
export async function linkTree(from: string, to: string): Promise<void> {
  await rm(to, { recursive: true, force: true });
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  const dirs = new Set<string>([to]);
  for (const entry of entries) if (entry.isDirectory()) dirs.add(path.join(to, path.relative(from, path.join(entry.parentPath, entry.name))));
  for (const dir of [...dirs].sort()) await mkdir(dir, { recursive: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.relative(from, path.join(entry.parentPath, entry.name)));
  for (let i = 0; i < files.length; i += 256) {
    await Promise.all(files.slice(i, i + 256).map((file) => linkOrCopy(path.join(from, file), path.join(to, file), false)));
  }
}

async function linkOrCopy(from: string, to: string, replace = true): Promise<void> {
  if (replace) {
    await mkdir(path.dirname(to), { recursive: true });
    await unlink(to).catch(() => undefined);
  }
  await link(from, to).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EXDEV' && error.code !== 'EPERM') throw error;
    return copyFile(from, to);
  });
}

/**
 * The output folder updated in place: its top level made the tree's (the sitemap's files), but for
 * `keep`, what the next step updates in place itself (the search index, `pagefind/`: removing it
 * made the search step copy all of it back from its cache, 29 MB and seconds at 10,000 posts).
 */
async function syncTopLevel(tree: string, outDir: string, keep: readonly string[]): Promise<void> {
  const wanted = new Set([...(await readdir(tree)), ...keep]);
  for (const name of await readdir(outDir)) if (!wanted.has(name)) await rm(path.join(outDir, name), { recursive: true, force: true });
  for (const entry of await readdir(tree, { withFileTypes: true })) if (entry.isFile()) await linkOrCopy(path.join(tree, entry.name), path.join(outDir, entry.name));
}
