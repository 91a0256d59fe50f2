/**
 * Issue 12, "Every word in the reader's language", the pages seen on the way, in Chromium:
 * French typography (no line NoClout writes starts with », ;, :, ! or ?), tags that never break
 * mid-word ("#gui|de" on the tags page), the navigation on one line at 1280 px, a 404 under
 * /en/ that is an English page, the Contribute page's code blocks scrolling visibly at 360 px,
 * and the commons' own name and description in the reader's language.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { fr } from '../../src/i18n/fr.ts';
import { commonsWith, startSession, type SiteSession } from './harness.ts';

let session: SiteSession;

/** A post with many long tags, so that a list item's tags have to wrap on a phone. */
const MANY_TAGS = `---
title: "Des étiquettes longues"
author: lea
date: 2026-10-30
lang: fr
tags: [gouvernance-partagee, transparence-radicale, anticonstitutionnellement, moderation-publique, egalite]
---

Un billet aux étiquettes longues.
`;

/** A rule written in French only: an English page shows it marked lang="fr". */
const FRENCH_ONLY_RULE = `---
title: "En français seulement"
summary: "Une règle sans traduction."
lang: fr
order: 5
---

Cette règle n’existe qu’en français.
`;

beforeAll(async () => {
  const commons = await commonsWith({ 'content/posts/2026/des-etiquettes-longues.md': MANY_TAGS, 'governance/rules/en-francais-seulement.md': FRENCH_ONLY_RULE });
  session = await startSession(commons);
});
afterAll(async () => session?.close());

/**
 * Characters among `chars` that start a line, in text the page's own language writes: text inside
 * contributed prose (`.prose`), code, and elements marked with another `lang` is the authors'.
 * A character starts a line when it sits lower than the character before it.
 */
function lineStarts(page: Page, chars: string, scope = 'body'): Promise<string[]> {
  return page.evaluate(
    ([chars, scope]) => {
      const found: string[] = [];
      const root = document.querySelector(scope)!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const rectOf = (node: Text, i: number) => {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        return range.getBoundingClientRect();
      };
      let previous: DOMRect | undefined;
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const parent = node.parentElement!;
        const visible = parent.getClientRects().length > 0 && getComputedStyle(parent).visibility !== 'hidden';
        const authors = parent.closest('.prose, pre, code, [lang]:not(html), script, style') !== null;
        for (let i = 0; i < node.data.length && visible; i++) {
          const rect = rectOf(node, i);
          if (rect.width === 0 && rect.height === 0) continue;
          if (!authors && chars.includes(node.data[i]!) && previous && rect.top > previous.top + rect.height / 2) {
            found.push(`"${node.data[i]}" starts a line: …${node.data.slice(Math.max(0, i - 25), i + 10)}…`);
          }
          previous = rect;
        }
      }
      return found;
    },
    [chars, scope] as const,
  );
}

describe('French typography in Chromium at 360 px (issue 12)', () => {
  it('no line NoClout writes starts with », ;, :, ! or ? on the French pages', async () => {
    const urls = ['/fr/', '/fr/tags/', '/fr/contribute/', '/fr/policy/', '/fr/proposals/', '/fr/proposals/cite-sources/', '/fr/decisions/', '/fr/decisions/2026/0002-hide-solar-panel-offer/', '/fr/rules/respect/', '/fr/members/', '/fr/order/', '/fr/shuffle/2026-11-01/', '/fr/transparency/'];
    for (const url of urls) {
      for (const width of [320, 360]) {
        const { page } = await session.open(url, { width });
        expect(await lineStarts(page, '»;:!?'), `${url} at ${width} px`).toEqual([]);
        await page.context().close();
      }
    }
  });

  it('the check sees a colon pushed to the next line by an ordinary space, and not one held by U+202F (control)', async () => {
    const { page } = await session.open('/fr/', { width: 360 });
    await page.evaluate(() => {
      const box = (text: string, id: string) => {
        const p = document.createElement('p');
        p.id = id;
        // "aaaa bbbb" fills the line; what follows goes to the next line with what holds it.
        p.style.width = '10ch';
        p.style.fontFamily = 'monospace';
        p.textContent = text;
        document.body.append(p);
      };
      box('aaaa bbbb :', 'ordinary');
      box('aaaa bbbb\u202f:', 'narrow');
    });
    expect(await lineStarts(page, ':', '#ordinary')).toHaveLength(1);
    expect(await lineStarts(page, ':', '#narrow')).toEqual([]);
    await page.context().close();
  });
});

describe('pages seen on the way (issue 12)', () => {
  it('never breaks a tag mid-word: each tag link lies on one line, at 360 and 1280 px', async () => {
    for (const url of ['/fr/tags/', '/en/tags/', '/fr/', '/en/', '/fr/posts/2026/des-etiquettes-longues/', '/fr/tags/egalite/']) {
      for (const width of [360, 1280]) {
        const { page } = await session.open(url, { width });
        const tags = await page.$$eval('a[href*="/tags/"]:not(nav a)', (links) =>
          links.filter((a) => /^#/.test(a.textContent ?? '')).map((a) => ({ text: a.textContent, lines: a.getClientRects().length })),
        );
        expect(tags.length, url).toBeGreaterThan(0);
        expect(tags.filter((tag) => tag.lines !== 1), `${url} at ${width} px`).toEqual([]);
        await page.context().close();
      }
    }
  });

  it('fits the navigation on one line at 1280 px, in French and in English', async () => {
    for (const url of ['/fr/', '/en/', '/fr/contribute/', '/en/decisions/']) {
      const { page } = await session.open(url, { width: 1280 });
      const nav = await page.$eval('nav.main ul', (ul) => {
        const items = [...ul.querySelectorAll('li')];
        return { height: ul.getBoundingClientRect().height, item: items[0]!.getBoundingClientRect().height, tops: new Set(items.map((li) => Math.round(li.getBoundingClientRect().top))).size, count: items.length };
      });
      expect(nav.count, url).toBe(9);
      expect(nav.tops, url).toBe(1);
      expect(nav.height, url).toBeLessThan(nav.item * 1.5);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(1280);
      await page.context().close();
    }
  });

  it("answers a missing address under /en/ with an English page (lang=\"en\"), under /fr/ with a French one, elsewhere in the default language", async () => {
    for (const [url, lang, title] of [
      ['/en/no-such-page/', 'en', en.notFound.title],
      ['/en/posts/2026/no-such-post/', 'en', en.notFound.title],
      ['/fr/no-such-page/', 'fr', fr.notFound.title],
      ['/no-such-page/', 'fr', fr.notFound.title],
    ] as const) {
      const response = await fetch(new URL(url, session.server.url));
      expect(response.status, url).toBe(404);
      await response.body?.cancel();
      const { page } = await session.open(url);
      expect(await page.getAttribute('html', 'lang'), url).toBe(lang);
      expect(await page.textContent('h1'), url).toBe(title);
      // The other language's words are there too, marked as such.
      expect(await page.getAttribute('main p[lang]', 'lang'), url).toBe(lang === 'en' ? 'fr' : 'en');
      expect(await page.$('link[rel="canonical"]'), url).toBeNull();
      await page.context().close();
    }
  });

  it("scrolls the Contribute page's code blocks visibly at 360 px instead of clipping them", async () => {
    for (const url of ['/fr/contribute/', '/en/contribute/']) {
      const { page } = await session.open(url, { width: 360 });
      const blocks = await page.$$eval('pre', (pres) =>
        pres.map((pre) => {
          const style = getComputedStyle(pre);
          return { overflows: pre.scrollWidth > pre.clientWidth, overflowX: style.overflowX, cue: style.backgroundAttachment, scrollbar: style.scrollbarWidth };
        }),
      );
      expect(blocks.filter((b) => b.overflows).length, url).toBeGreaterThan(0);
      for (const block of blocks) {
        expect(block.overflowX, url).toBe('auto');
        // The shadow that shows more text on the side: gradients that scroll with the content ("local").
        expect(block.cue, url).toContain('local');
        expect(block.scrollbar, url).toBe('thin');
      }
      // The page itself does not scroll sideways: only the blocks do.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(360);
      // A block scrolls when asked to.
      expect(await page.$eval('pre', (pre) => ((pre.scrollLeft = 80), pre.scrollLeft)), url).toBeGreaterThan(0);
      await page.context().close();
    }
  });

  it("shows a rule in the reader's language when the commons wrote it, and marks its own language when not", async () => {
    const { page } = await session.open('/en/rules/respect/');
    expect(await page.textContent('main h1')).toBe('Respect for people');
    expect(await page.getAttribute('main h1', 'lang')).toBe('en');
    expect(await page.getAttribute('article .prose', 'lang')).toBe('en');
    expect(await page.textContent('article .prose')).toMatch(/^\s*You may disagree with a post/);
    await page.goto(new URL('/fr/rules/respect/', session.server.url).href);
    expect(await page.textContent('article .prose')).toMatch(/^\s*On peut être en désaccord/);
    await page.goto(new URL('/fr/rules/', session.server.url).href);
    expect(await page.$$eval('ol.items h2', (titles) => titles.map((h) => `${h.getAttribute('lang')}: ${h.textContent}`))).toEqual(['fr: Respect des personnes', 'fr: Pas de publicité', 'fr: Citer ses sources', 'fr: Vie privée', 'fr: En français seulement']);
    await page.goto(new URL('/en/rules/', session.server.url).href);
    expect(await page.$$eval('ol.items h2', (titles) => titles.map((h) => `${h.getAttribute('lang')}: ${h.textContent}`))).toEqual(['en: Respect for people', 'en: No advertising', 'en: Cite your sources', 'en: Privacy', 'fr: En français seulement']);
    // Written in French only: the English page shows the French, marked so.
    await page.goto(new URL('/en/rules/en-francais-seulement/', session.server.url).href);
    expect(await page.getAttribute('main h1', 'lang')).toBe('fr');
    expect(await page.getAttribute('article .prose', 'lang')).toBe('fr');
    // The policy, written in English then French: each page shows its reader's.
    await page.goto(new URL('/fr/policy/', session.server.url).href);
    expect(await page.getAttribute('article .prose', 'lang')).toBe('fr');
    expect(await page.textContent('article .prose h1')).toBe('Politique de vote');
    await page.goto(new URL('/en/policy/', session.server.url).href);
    expect(await page.getAttribute('article .prose', 'lang')).toBe('en');
    expect(await page.textContent('article .prose')).not.toContain('Politique de vote');
    await page.context().close();
  });

  it("shows the commons' own name and description in the reader's language (demo: French on /fr/, English on /en/)", async () => {
    for (const [url, name, description] of [
      ['/fr/', 'Commun de démonstration', /^Un petit commun bilingue/],
      ['/en/', 'Demo commons', /^A small bilingual commons/],
    ] as const) {
      const { page } = await session.open(url);
      expect(await page.textContent('main h1'), url).toBe(name);
      expect(await page.textContent('main h1 + p'), url).toMatch(description);
      expect(await page.title(), url).toBe(name);
      expect(await page.textContent('.brand'), url).toBe(name);
      expect(await page.getAttribute('meta[name="description"]', 'content'), url).toMatch(description);
      expect(await page.getAttribute('main h1 + p', 'lang'), url).toBeNull();
      await page.context().close();
    }
  });
});
