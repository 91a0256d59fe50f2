/**
 * Issue 14, "one merge republished in ≤ 3 s": the sitemap is written by our own function
 * (src/site/sitemap.ts), not by @astrojs/sitemap, whose loading and sort cost half a second of a
 * one-post republish. The bytes must stay those @astrojs/sitemap writes for the same pages and
 * options: this runs both on the same inputs and compares every file.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sitemap from '@astrojs/sitemap';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSitemap } from '../../src/site/sitemap.ts';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

type Hook = (options: unknown) => Promise<void> | void;

/** What @astrojs/sitemap writes, with the options the site used it with. */
async function astroSitemap(dir: string, pages: readonly string[], config: { site: string; base: string }): Promise<void> {
  const hooks = sitemap({ filter: (page) => !/\/[a-z]{2,3}\/404\/$/.test(page) }).hooks as Record<string, Hook>;
  await hooks['astro:config:done']!({ config: { site: config.site, base: config.base, trailingSlash: 'always', build: { format: 'directory' } } });
  await hooks['astro:routes:resolved']!({ routes: [] });
  await hooks['astro:build:done']!({ dir: pathToFileURL(`${dir}/`), pages: pages.map((pathname) => ({ pathname })), logger: { info() {}, warn() {}, error() {} } });
}

async function files(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) out[name] = await readFile(path.join(dir, name), 'utf8');
  return out;
}

async function both(pages: readonly string[], config: { site: string; base: string }): Promise<[Record<string, string>, Record<string, string>]> {
  const [ours, theirs] = await Promise.all([mkdtemp(path.join(os.tmpdir(), 'noclout-sitemap-')), mkdtemp(path.join(os.tmpdir(), 'noclout-sitemap-'))]);
  dirs.push(ours, theirs);
  await writeSitemap(ours, pages, config);
  await astroSitemap(theirs, pages, config);
  return [await files(ours), await files(theirs)];
}

const PAGES = ['', 'en/', 'fr/', '404/', 'en/404/', 'fr/404/', 'en/posts/2026/equal-voices/', 'en/tags/énergie/', 'fr/tags/a&b/', 'en/latest/10/', 'en/latest/9/', 'en/latest/100/', 'en/shuffle/2026-11-02/2/', 'en/authors/amina/'];

describe('the sitemap: our writer gives the bytes of @astrojs/sitemap', () => {
  it('at the root of a domain, with the pages a site has (a root 404 and the per-language ones left out, numbers in numeric order)', async () => {
    const [ours, theirs] = await both(PAGES, { site: 'https://commons.example/', base: '/' });
    expect(Object.keys(ours)).toEqual(['sitemap-0.xml', 'sitemap-index.xml']);
    expect(ours).toEqual(theirs);
    expect(ours['sitemap-0.xml']).toContain('<loc>https://commons.example/en/latest/9/</loc><url><loc>https://commons.example/en/latest/10/</loc>'.replace('<url><loc>', '</url><url><loc>'));
    expect(ours['sitemap-0.xml']).not.toContain('/404/');
  });

  it('under a path (a GitHub Pages project site), with and without its trailing slash', async () => {
    for (const base of ['/commons', '/commons/']) {
      const [ours, theirs] = await both(PAGES, { site: 'https://org.github.io/commons/', base });
      expect(ours).toEqual(theirs);
      expect(ours['sitemap-index.xml']).toContain('https://org.github.io/commons/sitemap-0.xml');
    }
  });

  it('in several files past 45,000 pages', { timeout: 60_000 }, async () => {
    const many = Array.from({ length: 60_001 }, (_, i) => `en/posts/${2000 + (i % 30)}/post-${i}/`);
    const [ours, theirs] = await both(many, { site: 'https://commons.example/', base: '/' });
    expect(Object.keys(ours)).toEqual(['sitemap-0.xml', 'sitemap-1.xml', 'sitemap-index.xml']);
    expect(ours).toEqual(theirs);
  });
});
