/**
 * An Astro integration that keeps, after a full build, what an incremental build needs to render
 * pages without Astro's build: the compiled prerender bundle (Astro deletes it when done) and, from
 * the build's internals, each route's stylesheets. Active when env NOCLOUT_KEEP_BUNDLE names the
 * folder to keep them in (scripts/build-site.ts sets it with --cache).
 */
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import { SITE_KEY } from '../page-keys.ts';
import { pageFile } from './incremental-build.ts';

/** What is written beside the kept bundle (bundle.json). */
export interface KeptBundle {
  /** The prerender entry, relative to the bundle folder. */
  entry: string;
  /** Astro's page data keys and each page's stylesheets, as the build's internals held them. */
  styles: [string, unknown[]][];
  /** Every page the build wrote, with its key (page-keys.ts; none for a route without one). */
  paths: { pathname: string; file: string; key: string | undefined }[];
  /** The key of everything the build read (page-keys.ts, `publishSiteKey`). */
  siteKey: string;
}

interface Internals {
  pagesByKeys: Map<string, { styles: unknown[] }>;
}

interface Prerenderer {
  name: string;
  setup?: () => Promise<void>;
  getStaticPaths: () => Promise<{ pathname: string; route: { route: string; type: string; component: string }; cacheKey?: string }[]>;
  render: (request: Request, options: unknown) => Promise<unknown>;
  teardown?: () => Promise<void>;
}

/** Where Astro writes the prerender bundle (astro/dist/prerender/utils.js, getPrerenderOutputDirectory). */
function prerenderDirectory(outDir: URL): string {
  const out = fileURLToPath(outDir);
  return out.startsWith(process.cwd()) ? path.join(out, '.prerender') : path.join(process.cwd(), '.astro', '.prerender');
}

export function keepBundle(): AstroIntegration {
  let outDir: URL | undefined;
  return {
    name: 'noclout-keep-bundle',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = config.outDir;
      },
      'astro:build:start': ({ setPrerenderer }) => {
        const target = process.env.NOCLOUT_KEEP_BUNDLE;
        if (!target || !outDir) return;
        const dir = prerenderDirectory(outDir);
        setPrerenderer(((base: Prerenderer): Prerenderer => {
          let internals: Internals | undefined;
          let entry = '';
          let paths: Awaited<ReturnType<Prerenderer['getStaticPaths']>> = [];
          return {
            name: 'noclout:keep-bundle',
            async setup() {
              entry = (await readdir(dir)).find((file) => file.startsWith('prerender-entry')) ?? '';
              if (entry) {
                // The same module Astro imports next: catch the internals it hands to the app.
                const module = (await import(pathToFileURL(path.join(dir, entry)).href)) as { app: { setInternals(i: Internals): void } };
                const original = module.app.setInternals.bind(module.app);
                module.app.setInternals = (value: Internals) => {
                  internals = value;
                  original(value);
                };
              }
              await base.setup?.();
            },
            async getStaticPaths() {
              paths = await base.getStaticPaths();
              return paths;
            },
            render: (request, options) => base.render(request, options),
            async teardown() {
              await base.teardown?.();
              if (!entry || !internals) return;
              await rm(target, { recursive: true, force: true });
              await mkdir(path.dirname(target), { recursive: true });
              await cp(dir, target, { recursive: true });
              const siteKey = (globalThis as Record<symbol, unknown>)[SITE_KEY];
              const kept: KeptBundle = {
                entry,
                styles: [...internals.pagesByKeys].map(([key, page]) => [key, page.styles]),
                paths: paths.map(({ pathname, route, cacheKey }) => ({ pathname, file: pageFile(pathname, route), key: cacheKey })),
                siteKey: typeof siteKey === 'string' ? siteKey : '',
              };
              await writeFile(path.join(target, 'bundle.json'), JSON.stringify(kept));
            },
          };
        }) as never);
      },
    },
  };
}
