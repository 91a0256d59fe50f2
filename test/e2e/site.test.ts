/**
 * The built site in Chromium, served on loopback: navigation, language switch, the shuffle's
 * seed, tombstones, reading without JavaScript, a phone-width layout, no third-party request,
 * the XSS corpus not executing (with and without the CSP), and axe-core on the main pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shufflePages } from '../../src/site/shuffle-pages.ts';
import { xssCorpus, xssPost } from '../site/xss-corpus.ts';
import { axeViolations, commonsWith, SECOND_COMMIT, startSession, type SiteSession } from './harness.ts';

let session: SiteSession;

beforeAll(async () => {
  const commons = await commonsWith({}, { 'content/posts/2026/xss-corpus.md': xssPost() });
  session = await startSession(commons);
});
afterAll(async () => session?.close());

describe('reading the site in Chromium', () => {
  it('lands on the default language from /, then reaches a post, its author and back', async () => {
    const { page } = await session.open('/');
    await page.waitForURL(/\/fr\/$/);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    // An English post, listed in the French interface, has one page: in English.
    await page.click('ol.items h2 a[href="/en/posts/2026/equal-voices/"]');
    await page.waitForURL(/\/en\/posts\/2026\/equal-voices\/$/);
    expect(await page.textContent('h1')).toBe('Equal voices, and what that rules out');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getAttribute('article', 'lang')).toBe('en');
    await page.click('dl.facts a[href="/en/authors/sofia/"]');
    await page.waitForURL(/\/en\/authors\/sofia\/$/);
    expect(await page.textContent('main')).toContain('Equal voices');
    expect(await page.isVisible('header a[href="/en/search/"]')).toBe(true);
    // Back to the French interface from the switcher, on the same page.
    await page.click('header a[hreflang="fr"]');
    await page.waitForURL(/\/fr\/authors\/sofia\/$/);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.context().close();
  });

  it('switches language on the same page', async () => {
    const { page } = await session.open('/fr/authors/sofia/');
    await page.click('header a[hreflang="en"]');
    await page.waitForURL(/\/en\/authors\/sofia\/$/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('nav.main')).toContain('Proposals');
    await page.context().close();
  });

  it("leads from a post's page, which exists in its own language only, to the other language's home", async () => {
    const { page } = await session.open('/en/posts/2026/equal-voices/');
    expect(await page.textContent('header a[hreflang="fr"]')).toBe('Accueil en français');
    await page.click('header a[hreflang="fr"]');
    await page.waitForURL(/\/fr\/$/);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.$('ol.items h2 a[href="/en/posts/2026/equal-voices/"]')).not.toBeNull();
    await page.context().close();
  });

  it('shows the shuffle seed and the order that seed gives, the same in both languages', async () => {
    const seed = SECOND_COMMIT.slice(0, 10);
    const titles = async (lang: string) => {
      const { page } = await session.open(`/${lang}/shuffle/${seed}/`);
      expect(await page.textContent('[data-order]')).toContain(seed);
      const hrefs = await page.$$eval('ol.items h2 a', (links) => links.map((a) => a.getAttribute('href')));
      await page.context().close();
      return hrefs.map((href) => href?.replace(/^\/(fr|en)\/posts\//, '').replace(/\/$/, ''));
    };
    const fr = await titles('fr');
    const en = await titles('en');
    expect(fr).toEqual(en);
    // Anyone can recompute the order from the seed and the set of posts.
    expect(fr).toEqual(shufflePages(fr.map((id) => ({ id: id! })), seed).flatMap((p) => p.items.map((item) => item.id)));
  });

  it('shows a tombstone at a hidden post’s address, linking the decision', async () => {
    const { page } = await session.open('/en/posts/2026/panneaux-solaires-a-prix-reduit/');
    expect(await page.textContent('h1')).toContain('hidden by a decision of the members');
    await page.click('[data-tombstone] a[href^="/en/decisions/"]');
    await page.waitForURL(/\/en\/decisions\/2026\/0002-hide-solar-panel-offer\/$/);
    expect(await page.textContent('main')).toContain('no-advertising');
    await page.context().close();
  });

  it('reads without JavaScript', async () => {
    const { page } = await session.open('/en/posts/2026/equal-voices/', { javaScript: false });
    expect(await page.isVisible('article h1')).toBe(true);
    expect((await page.textContent('article'))?.length).toBeGreaterThan(500);
    await page.context().close();
  });

  it('fits a 360 px wide phone without sideways scrolling', async () => {
    for (const url of ['/fr/', '/en/posts/2026/equal-voices/', '/en/policy/', '/fr/decisions/2026/0002-hide-solar-panel-offer/', '/fr/contribute/', '/en/transparency/', '/fr/rules/respect/', '/en/proposals/cite-sources/']) {
      const { page } = await session.open(url, { width: 360 });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, url).toBeLessThanOrEqual(360);
      await page.context().close();
    }
  });

  it('keeps the values of every facts list readable on a 360 px phone, long French labels included', async () => {
    const pages = ['/fr/proposals/cite-sources/', '/fr/decisions/2026/0002-hide-solar-panel-offer/', '/fr/decisions/2026/0001-cite-sources/', '/fr/policy/', '/fr/posts/2026/une-voix-meme-en-arrivant/', '/en/proposals/cite-sources/'];
    for (const url of pages) {
      const { page } = await session.open(url, { width: 360 });
      // Each value gets at least half its list's width: labels wrap instead of squeezing it.
      const squeezed = await page.$$eval('dl.facts', (lists) =>
        lists.flatMap((dl) => [...dl.querySelectorAll(':scope > dd')].filter((dd) => dd.getBoundingClientRect().width < dl.getBoundingClientRect().width / 2).map((dd) => `${dd.previousElementSibling?.textContent}: ${Math.round(dd.getBoundingClientRect().width)} px`)),
      );
      expect(squeezed, url).toEqual([]);
      expect(await page.$$eval('dl.facts', (lists) => lists.length), url).toBeGreaterThan(0);
      await page.context().close();
    }
  });

  it('makes no request to another origin', async () => {
    for (const url of ['/fr/', '/en/posts/2026/xss-corpus/', '/en/policy/', '/en/contribute/']) {
      const { page, thirdParty } = await session.open(url);
      await page.waitForLoadState('networkidle');
      expect(thirdParty, url).toEqual([]);
      await page.context().close();
    }
  });
});

describe('the XSS corpus in a post does not execute', () => {
  for (const bypassCSP of [false, true]) {
    it(bypassCSP ? 'even with the CSP switched off (the sanitizer alone)' : 'with the CSP on', async () => {
      const context = await session.browser.newContext({ bypassCSP });
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', async (dialog) => {
        dialogs.push(dialog.message());
        await dialog.dismiss();
      });
      await page.goto(new URL('/en/posts/2026/xss-corpus/', session.server.url).href, { waitUntil: 'networkidle' });
      // Give handlers every chance: hover, focus and click everything the author wrote.
      for (const handle of await page.$$('article .prose *')) {
        await handle.hover({ timeout: 200 }).catch(() => undefined);
        await handle.focus().catch(() => undefined);
      }
      for (const link of await page.$$('article .prose a')) {
        const href = await link.evaluate((a) => (a as HTMLAnchorElement).protocol);
        expect(href).not.toBe('javascript:');
      }
      const fired = await page.evaluate(() => (window as unknown as { __xss?: string }).__xss);
      expect(fired).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(page.url()).toMatch(/\/en\/posts\/2026\/xss-corpus\/$/);
      expect(await page.textContent('article h1')).toBe('XSS corpus');
      // An unclosed element in the post (<math>, <template>…) may swallow the rest of the post, never the page.
      expect(await page.$$eval('article .prose h3', (hs) => hs.length)).toBeGreaterThan(xssCorpus.length / 2);
      expect(await page.isVisible('footer.site')).toBe(true);
      expect(await page.$$eval('footer.site a[href$="/rss/posts.xml"]', (links) => links.length)).toBe(1);
      await context.close();
    });
  }
});

describe('accessibility', () => {
  const main = ['/fr/', '/en/', '/en/posts/2026/equal-voices/', '/fr/posts/2026/une-voix-meme-en-arrivant/', '/en/proposals/', '/en/proposals/cite-sources/', '/fr/rules/', '/fr/rules/respect/', '/en/policy/', '/fr/decisions/', '/en/decisions/2026/0002-hide-solar-panel-offer/', '/en/posts/2026/panneaux-solaires-a-prix-reduit/', '/fr/transparency/', '/en/members/', '/fr/contribute/', '/en/tags/', '/fr/rounds/', '/en/order/'];
  for (const [scheme, width] of [['light', 1280], ['dark', 1280], ['light', 360]] as const) {
    it(`axe-core finds no violations on the main pages (${scheme}, ${width} px)`, async () => {
      expect(await axeViolations(session, main, { colorScheme: scheme, width })).toEqual([]);
    });
  }
});
