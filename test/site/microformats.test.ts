/**
 * Issue 15: "Post pages carry microformats2 (h-entry with author h-card, published time, content,
 * reply context for replyTo) so that readers' tools, and bridges to the Fediverse that read feeds
 * and microformats (Bridgy Fed), can follow the commons without a server of ours." Built pages are
 * parsed with microformats-parser, as a bridge would read them (docs/fediverse.md).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { mf2 } from 'microformats-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtSite, commonsWith } from '../e2e/harness.ts';

const SITE = 'https://demo.noclout.example';
/** The demo's hidden post, its file put back: its tombstone must not carry its words as an entry. */
const HIDDEN = '---\ntitle: "Panneaux solaires à prix réduit"\nauthor: tomas\ndate: 2026-11-08\nlang: fr\n---\n\nCode SOLEIL50 à la caisse.\n';
/** Contributed Markdown dressed as microformats: the sanitizer drops the classes, so none of it becomes a property. */
const FORGED = '---\ntitle: "Forged classes"\nauthor: amina\ndate: 2026-11-08\nlang: en\n---\n\n<a class="u-in-reply-to h-cite" href="https://evil.example/">parent</a> <span class="p-author h-card">Mallory</span> <span class="p-category">forged</span>\n\n<div class="h-entry"><p class="p-name">A second entry</p></div>\n';

/** A reply to the hidden post: its reply context is the tombstone's address, never the hidden title. */
const REPLY_TO_HIDDEN = '---\ntitle: "After the offer"\nauthor: sofia\ndate: 2026-11-14\nlang: en\nreplyTo: 2026/panneaux-solaires-a-prix-reduit\n---\n\nWhy it was hidden.\n';

let dist = '';
beforeAll(async () => {
  dist = await builtSite(await commonsWith({ 'content/posts/2026/panneaux-solaires-a-prix-reduit.md': HIDDEN, 'content/posts/2026/forged-classes.md': FORGED, 'content/posts/2026/after-the-offer.md': REPLY_TO_HIDDEN }));
});

/** A built page parsed as microformats2, relative URLs resolved against its own address. */
async function parsed(page: string) {
  const html = await readFile(path.join(dist, page, 'index.html'), 'utf8');
  return { html, doc: mf2(html, { baseUrl: `${SITE}/${page}/` }) };
}

const entries = (doc: ReturnType<typeof mf2>) => doc.items.filter((item) => item.type?.includes('h-entry'));

describe('microformats2 on post pages', () => {
  it('a reply with tags parses into its entry: name, url, published time, author card, content, categories and the post it replies to', async () => {
    const { doc } = await parsed('fr/posts/2026/une-voix-meme-en-arrivant');
    expect(entries(doc)).toHaveLength(1);
    const entry = entries(doc)[0]!;
    const p = entry.properties;
    expect(p.name).toEqual(['Une voix égale, même en arrivant']);
    expect(p.url).toEqual([`${SITE}/fr/posts/2026/une-voix-meme-en-arrivant/`]);
    expect(p.published).toHaveLength(1);
    expect(Number.isNaN(Date.parse(String(p.published![0])))).toBe(false);
    expect(String(p.published![0])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    expect(p.category).toEqual(['egalite', 'gouvernance']);
    const author = p.author![0] as { type: string[]; properties: Record<string, unknown[]> };
    expect(author.type).toEqual(['h-card']);
    expect(author.properties.name).toEqual(['Léa Bernard']);
    expect(author.properties.url).toEqual([`${SITE}/fr/authors/lea/`]);
    const content = p.content![0] as { html: string; value: string };
    expect(content.value).toContain('Je suis la dernière arrivée dans ce commun');
    const parent = p['in-reply-to']![0] as { type: string[]; properties: Record<string, unknown[]>; value: string };
    expect(parent.type).toEqual(['h-cite']);
    expect(parent.properties.url).toEqual([`${SITE}/en/posts/2026/equal-voices/`]);
    expect(parent.value).toBe(`${SITE}/en/posts/2026/equal-voices/`);
    expect(parent.properties.name).toEqual(['Equal voices, and what that rules out']);
  });

  it('the published time is the one the page shows (git), and the reply context leads to a built page', async () => {
    const { html, doc } = await parsed('fr/posts/2026/une-voix-meme-en-arrivant');
    const published = String(entries(doc)[0]!.properties.published![0]);
    expect(html).toContain(`<time class="dt-published" datetime="${published}">`);
    const parent = new URL((entries(doc)[0]!.properties['in-reply-to']![0] as { value: string }).value);
    const { doc: parentDoc } = await parsed(parent.pathname.replace(/^\/|\/$/g, ''));
    expect(entries(parentDoc)[0]!.properties.url).toEqual([parent.href]);
  });

  it('a tombstone has no h-entry, and nothing of the hidden post\'s words', async () => {
    for (const lang of ['fr', 'en']) {
      const { html, doc } = await parsed(`${lang}/posts/2026/panneaux-solaires-a-prix-reduit`);
      expect(html).toContain('data-tombstone');
      expect(entries(doc)).toEqual([]);
      expect(JSON.stringify(doc.items)).not.toContain('SOLEIL50');
      expect(html).not.toContain('SOLEIL50');
    }
  });

  it('a reply to a hidden post replies to its tombstone, named by its id and not by the hidden title', async () => {
    const { doc } = await parsed('en/posts/2026/after-the-offer');
    const parent = entries(doc)[0]!.properties['in-reply-to']![0] as { properties: Record<string, unknown[]>; value: string };
    expect(parent.value).toBe(`${SITE}/en/posts/2026/panneaux-solaires-a-prix-reduit/`);
    expect(parent.properties.name).toEqual(['2026/panneaux-solaires-a-prix-reduit']);
    expect(JSON.stringify(doc.items)).not.toContain('Panneaux solaires');
  });

  it('classes written in a post\'s Markdown make no microformats property: one entry, its own author, no forged reply or category', async () => {
    const { html, doc } = await parsed('en/posts/2026/forged-classes');
    // The words are there (the sanitizer keeps the text), the classes are not.
    expect(html).toContain('Mallory');
    expect(entries(doc)).toHaveLength(1);
    const p = entries(doc)[0]!.properties;
    expect(p['in-reply-to']).toBeUndefined();
    expect(p.category).toBeUndefined();
    expect(p.author).toHaveLength(1);
    expect((p.author![0] as { properties: Record<string, unknown[]> }).properties.name).toEqual(['Amina Diallo']);
    // The link stays a link of the text (in e-content), never a property of the entry.
    const { content, ...others } = p;
    expect(JSON.stringify(others)).not.toContain('evil.example');
    expect((content![0] as { html: string }).html).toContain('href="https://evil.example/"');
    expect((content![0] as { html: string }).html).not.toMatch(/class="[^"]*\b(h|u|p|dt|e)-/);
  });

  it('the feed pages are an h-feed of h-entries, each with its address, name, published time, author and tags; a post\'s replies are no feed', async () => {
    const { doc } = await parsed('en');
    const feed = doc.items.find((item) => item.type?.includes('h-feed'))!;
    const children = feed.children ?? [];
    expect(children.length).toBeGreaterThan(3);
    const reply = children.find((child) => (child.properties.url as string[])[0] === `${SITE}/fr/posts/2026/une-voix-meme-en-arrivant/`)!;
    expect(reply.type).toEqual(['h-entry']);
    expect(reply.properties.name).toEqual(['Une voix égale, même en arrivant']);
    expect(reply.properties.category).toEqual(['egalite', 'gouvernance']);
    expect((reply.properties.author![0] as { properties: Record<string, unknown[]> }).properties.url).toEqual([`${SITE}/en/authors/lea/`]);
    expect(reply.properties.published).toHaveLength(1);
    // The parent's page lists its replies, but only the post itself is an entry there.
    const { doc: parent } = await parsed('en/posts/2026/equal-voices');
    expect(parent.items.map((item) => item.type)).toEqual([['h-entry']]);
  });

  it('an author page carries the member\'s h-card, and the home page the commons\' representative h-card and its posts feed', async () => {
    const { doc } = await parsed('en/authors/lea');
    const cards = doc.items.filter((item) => item.type?.includes('h-card'));
    expect(cards).toHaveLength(1);
    expect(cards[0]!.properties.name).toEqual(['Léa Bernard']);
    expect(cards[0]!.properties.url).toEqual([`${SITE}/en/authors/lea/`]);
    const home = mf2(await readFile(path.join(dist, 'index.html'), 'utf8'), { baseUrl: `${SITE}/` });
    const card = home.items.find((item) => item.type?.includes('h-card'))!;
    expect(card.properties.url).toEqual([`${SITE}/`]);
    expect(card.properties.uid).toEqual([`${SITE}/`]);
    expect(card.properties.name).toHaveLength(1);
    // A bridge takes the first RSS alternate of the home page: the posts feed.
    const feeds = Object.entries(home['rel-urls']).filter(([, rel]) => rel.rels.includes('alternate') && rel.type === 'application/rss+xml');
    expect(feeds[0]![0]).toMatch(new RegExp(`^${SITE}/(fr|en)/rss/posts\\.xml$`));
  });
});
