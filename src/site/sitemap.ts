/**
 * The sitemap: @astrojs/sitemap with our filter, for the full build (astro.config.mjs) and for an
 * incremental one (incremental/incremental-build.ts), which calls the same integration's hooks so
 * that both write the same bytes.
 */
import { pathToFileURL } from 'node:url';
import sitemap from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';

/** The per-language 404 pages (/<lang>/404/) are not pages to list. */
export function sitemapIntegration(): AstroIntegration {
  return sitemap({ filter: (page) => !/\/[a-z]{2,3}\/404\/$/.test(page) });
}

type Hook = (options: unknown) => Promise<void> | void;

/** Writes the sitemap of `pages` (Astro's page names, like `en/posts/2026/x/`) into `dir`. */
export async function writeSitemap(dir: string, pages: readonly string[], config: { site: string; base: string | undefined }): Promise<void> {
  const hooks = sitemapIntegration().hooks as Record<string, Hook>;
  const quiet = { info() {}, warn: (message: string) => console.error(message), error: (message: string) => console.error(message) };
  await hooks['astro:config:done']!({ config: { site: config.site, base: config.base ?? '/', trailingSlash: 'always', build: { format: 'directory' } } });
  await hooks['astro:routes:resolved']!({ routes: [] });
  await hooks['astro:build:done']!({ dir: pathToFileURL(`${dir}/`), pages: pages.map((pathname) => ({ pathname })), logger: quiet });
}
