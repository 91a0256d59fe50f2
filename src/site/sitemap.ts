/**
 * The sitemap (`sitemap-index.xml`, `sitemap-0.xml`, …), for the full build (astro.config.mjs)
 * and for an incremental one (incremental/incremental-build.ts), written by the same function so
 * that both write the same bytes.
 *
 * The bytes are those @astrojs/sitemap wrote for this site's options (no i18n, no lastmod, 45,000
 * URLs a file), which test/site/sitemap.test.ts holds it to. Written here because an incremental
 * build that adds a page writes the sitemap again: loading @astrojs/sitemap (zod, the `sitemap`
 * package and its streams) and its sort (a collator per comparison) cost 0.5 s of a one-post
 * republish at 13,700 pages; this costs a few milliseconds.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** URLs per sitemap file (@astrojs/sitemap's `entryLimit`; the protocol allows 50,000). */
const LIMIT = 45_000;

/** The per-language 404 pages (/<lang>/404/) are not pages to list. */
const listed = (url: string) => !/\/[a-z]{2,3}\/404\/$/.test(url);

/** The root status pages, which @astrojs/sitemap leaves out. */
const STATUS_PAGES = new Set(['404', '500']);

const URLSET_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" xmlns:video="http://www.google.com/schemas/sitemap-video/1.1">';

// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uD800-\uDFFF\p{NChar}]/gu;

/** Text content as the `sitemap` package escapes it. */
function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(INVALID_XML, '');
}

/** The files of the sitemap of `pages` (Astro's page names, like `en/posts/2026/x/`), by file name. */
export function sitemapFiles(pages: readonly string[], config: { site: string; base: string | undefined }): Map<string, string> {
  const base = config.base ?? '/';
  const site = new URL(base, config.site);
  const urls: string[] = [];
  for (let page of pages) {
    const trimmed = page.replace(/\/$/, '').replace(/^\//, '');
    if (STATUS_PAGES.has(trimmed)) continue;
    // As @astrojs/sitemap does, including its one quirk: the base gets its slash at the first page that is not the root.
    if (page !== '' && !site.pathname.endsWith('/')) site.pathname += '/';
    if (page.startsWith('/')) page = page.slice(1);
    urls.push(new URL(site.pathname + page, site).href);
  }
  const collator = new Intl.Collator('en', { numeric: true });
  const sorted = [...new Set(urls)].filter(listed).sort(collator.compare);
  const files = new Map<string, string>();
  if (sorted.length === 0) return files;
  const publicBase = base.endsWith('/') ? base : `${base}/`;
  let index = '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">';
  for (let i = 0; i * LIMIT < sorted.length; i++) {
    const name = `sitemap-${i}.xml`;
    let xml = URLSET_OPEN;
    for (const url of sorted.slice(i * LIMIT, (i + 1) * LIMIT)) xml += `<url><loc>${xmlText(new URL(url, site.href).toString())}</loc></url>`;
    files.set(name, `${xml}</urlset>`);
    index += `<sitemap><loc>${xmlText(new URL(path.posix.normalize(`${publicBase}./${name}`), site.href).toString())}</loc></sitemap>`;
  }
  files.set('sitemap-index.xml', `${index}</sitemapindex>`);
  return files;
}

/** Writes the sitemap of `pages` (Astro's page names, like `en/posts/2026/x/`) into `dir`. */
export async function writeSitemap(dir: string, pages: readonly string[], config: { site: string; base: string | undefined }): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of sitemapFiles(pages, config)) await writeFile(path.join(dir, name), text);
}

/** The integration of the full build: the sitemap of the pages Astro built. */
export function sitemapIntegration(): AstroIntegration {
  let config: { site: string | undefined; base: string } | undefined;
  return {
    name: 'noclout-sitemap',
    hooks: {
      'astro:config:done': ({ config: done }) => {
        config = { site: done.site, base: done.base };
      },
      'astro:build:done': async ({ dir, pages, logger }) => {
        if (!config?.site) return logger.warn('no `site` in the configuration: no sitemap');
        await writeSitemap(fileURLToPath(dir), pages.map((page) => page.pathname), { site: config.site, base: config.base });
      },
    },
  };
}
