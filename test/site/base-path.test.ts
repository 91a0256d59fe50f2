/**
 * A commons served under a path, as a GitHub Pages project site is (`https://org.github.io/commons/`):
 * the demo commons with that `url` in commons.yml, built with the project's build command, checked
 * over every built page and feed, served with scripts/serve.ts and searched in Chromium.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../scripts/serve.ts';
import { basePathOf, href, siteHref } from '../../src/site/format.ts';
import { builtSite, commonsWith, DEMO, startSession, type SiteSession } from '../e2e/harness.ts';

const SITE = 'https://org.github.io/commons/';
const BASE = '/commons/';

let commons: string;
let dist: string;
/** Every built HTML page by its path inside the site (`/fr/posts/2026/x/`, `/404.html`). */
let pages: Map<string, string>;

beforeAll(async () => {
  const config = await readFile(path.join(DEMO, 'governance/commons.yml'), 'utf8');
  const withPath = config.replace(/^url: .*$/m, `url: ${SITE}`);
  expect(withPath).toContain(`url: ${SITE}`);
  commons = await commonsWith({ 'governance/commons.yml': withPath });
  dist = await builtSite(commons);
  pages = new Map();
  for (const entry of await readdir(dist, { recursive: true })) {
    if (entry.endsWith('.html')) pages.set(`/${entry.split(path.sep).join('/')}`.replace(/(^|\/)index\.html$/, '$1'), await readFile(path.join(dist, entry), 'utf8'));
  }
});

/** The built file an address of the site leads to, or undefined when it is outside the base. */
function builtFileOf(address: URL): string | undefined {
  if (address.origin !== new URL(SITE).origin || !address.pathname.startsWith(BASE)) return undefined;
  const inside = decodeURIComponent(address.pathname.slice(BASE.length));
  return path.join(dist, inside.endsWith('/') || inside === '' ? path.join(inside, 'index.html') : inside);
}

/** Every URL-valued attribute of a page, the meta refresh target and the search bundle included. */
function addressesIn(html: string): string[] {
  const found: string[] = [];
  visit(fromHtml(html), 'element', (node: Element) => {
    const p = node.properties;
    for (const name of ['href', 'src', 'action', 'dataBaseUrl'] as const) {
      const value = p[name];
      if (typeof value === 'string') found.push(value);
    }
    // The search page loads `<data-bundle>pagefind.js`.
    if (typeof p.dataBundle === 'string') found.push(`${p.dataBundle}pagefind.js`);
    if (node.tagName === 'meta' && String(p.httpEquiv).toLowerCase() === 'refresh' && typeof p.content === 'string') {
      found.push(p.content.replace(/^\d+;\s*url=/i, ''));
    }
  });
  return found;
}

describe('a site served under a path', () => {
  it("takes its base from the pathname of commons.yml's url, and none at the root of a host", () => {
    expect(basePathOf('https://org.github.io/commons/')).toBe('/commons');
    expect(basePathOf('https://org.github.io/commons')).toBe('/commons');
    expect(basePathOf('https://example.org/a/b/')).toBe('/a/b');
    expect(basePathOf('https://example.org/')).toBeUndefined();
    expect(href('fr', 'posts/2026/x', '/commons/')).toBe('/commons/fr/posts/2026/x/');
    expect(href('en', '', '/commons/')).toBe('/commons/en/');
    expect(siteHref('favicon.svg', '/commons/')).toBe('/commons/favicon.svg');
    // At the root, the addresses are what they always were.
    expect(href('fr', 'posts/2026/x', '/')).toBe('/fr/posts/2026/x/');
    expect(siteHref('/favicon.svg', '/')).toBe('/favicon.svg');
  });

  it('puts every link, asset and script of every page under the base, leading to a built file', () => {
    expect(pages.size).toBeGreaterThan(50);
    const outside: string[] = [];
    const broken: string[] = [];
    for (const [page, html] of pages) {
      const pageAddress = new URL(page.slice(1), SITE);
      for (const value of addressesIn(html)) {
        if (value.startsWith('#')) continue;
        const address = new URL(value, pageAddress);
        if (address.origin !== pageAddress.origin) continue;
        // Site-absolute or full: the 404 page is served at any missing address, where a relative
        // link would resolve somewhere else.
        const file = builtFileOf(address);
        if (file === undefined || !(value.startsWith(BASE) || value.startsWith(SITE))) outside.push(`${page} → ${value}`);
        else if (!existsSync(file)) broken.push(`${page} → ${value}`);
      }
    }
    expect(outside).toEqual([]);
    expect(broken).toEqual([]);
  });

  it('loads the search bundle and sets Pagefind result URLs under the base', () => {
    const search = pages.get('/en/search/') ?? '';
    expect(search).toContain(`data-bundle="${BASE}pagefind/"`);
    expect(search).toContain(`data-base-url="${BASE}"`);
    expect(existsSync(path.join(dist, 'pagefind/pagefind.js'))).toBe(true);
  });

  it('sends / to the default language under the base', () => {
    expect(pages.get('/')).toContain(`<meta http-equiv="refresh" content="0; url=${BASE}fr/">`);
  });

  it('links the RSS channel and every item under the base, each to a built page', async () => {
    for (const feed of ['fr/rss/posts.xml', 'en/rss/posts.xml', 'fr/rss/decisions.xml', 'en/rss/decisions.xml']) {
      const xml = await readFile(path.join(dist, feed), 'utf8');
      const links = [...xml.matchAll(/<(link|guid)[^>]*>([^<]+)<\/\1>/g)].map((match) => match[2] ?? '');
      expect(links.length, feed).toBeGreaterThan(2);
      for (const link of links) {
        expect(link, feed).toMatch(new RegExp(`^${SITE}`));
        expect(existsSync(builtFileOf(new URL(link)) ?? ''), `${feed}: ${link}`).toBe(true);
      }
    }
  });

  it('lists every page in the sitemap under the base, each a built page', async () => {
    const index = await readFile(path.join(dist, 'sitemap-index.xml'), 'utf8');
    const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1] ?? '');
    expect(sitemaps).toEqual([`${SITE}sitemap-0.xml`]);
    const locations = [...(await readFile(path.join(dist, 'sitemap-0.xml'), 'utf8')).matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1] ?? '');
    expect(locations).toContain(`${SITE}fr/`);
    for (const location of locations) {
      expect(location).toMatch(new RegExp(`^${SITE}`));
      expect(existsSync(builtFileOf(new URL(location)) ?? ''), location).toBe(true);
    }
  });
});

describe('serving a site built for a path (npm start)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ root: dist, port: 0 });
  });
  afterAll(() => server.close());

  const get = (urlPath: string) => fetch(new URL(urlPath, server.url).href, { redirect: 'manual' });

  it('serves the build under the base it was made for, and redirects / to it', async () => {
    expect(new URL(server.url).pathname).toBe(BASE);
    const root = await get('/');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe(BASE);
    expect((await get('/commons')).headers.get('location')).toBe(BASE);
    const home = await get('/commons/fr/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain(`href="${BASE}fr/search/"`);
    const bundle = await get('/commons/pagefind/pagefind.js');
    expect(bundle.status).toBe(200);
    await bundle.text();
  });

  it('answers 404 outside the base, as the host would', async () => {
    for (const urlPath of ['/fr/', '/pagefind/pagefind.js', '/commons/fr/no-such-page/']) {
      const response = await get(urlPath);
      expect(response.status, urlPath).toBe(404);
      // The site's own 404 page, whose links carry the base.
      expect(await response.text(), urlPath).toContain(`href="${BASE}fr/"`);
    }
  });

  it('serves the build under another base when --base names one', async () => {
    const atRoot = await startServer({ root: dist, port: 0, base: '/' });
    try {
      expect(new URL(atRoot.url).pathname).toBe('/');
      const home = await fetch(new URL('fr/', atRoot.url));
      expect(home.status).toBe(200);
      await home.text();
    } finally {
      await atRoot.close();
    }
  });

  it('refuses a --base that is not a plain path', async () => {
    await expect(startServer({ root: dist, port: 0, base: '../etc' })).rejects.toThrow(/--base must be a path like \/commons\/; received "\.\.\/etc"/);
  });
});

describe('search on a site served under a path, in Chromium', () => {
  let session: SiteSession;
  beforeAll(async () => {
    session = await startSession(commons);
  });
  afterAll(() => session?.close());

  it('links every result to a page of the site, under the base', async () => {
    for (const query of ['en/search/?kind=post', 'fr/search/?kind=decision', 'en/search/?kind=rule']) {
      // Relative to the server's URL, which carries the base.
      const { page, errors, thirdParty } = await session.open(query);
      await page.waitForSelector('[data-search-root][data-ready="true"]');
      await page.waitForFunction(() => {
        const status = document.querySelector('[data-search-status]')?.textContent ?? '';
        return !document.querySelector('[data-search-root]')?.hasAttribute('aria-busy') && status !== '' && !status.endsWith('…');
      });
      const links = await page.locator('[data-search-results] h2 a').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
      expect(links.length, query).toBeGreaterThan(1);
      for (const link of links) {
        expect(new URL(link).pathname, `${query}: ${link}`).toMatch(/^\/commons\/(fr|en)\/\w/);
        const response = await fetch(link, { redirect: 'manual' });
        expect(response.status, `${query}: ${link}`).toBe(200);
        await response.text();
      }
      // Following a result opens the document, not the 404 page.
      await page.locator('[data-search-results] h2 a').first().click();
      await page.waitForLoadState('load');
      expect(page.url()).toBe(links[0]);
      expect(await page.locator('[data-pagefind-body]').count(), links[0]).toBe(1);
      expect(errors).toEqual([]);
      expect(thirdParty).toEqual([]);
      await page.context().close();
    }
  });
});
