/**
 * Writes a built site in the shape the site's layouts give Pagefind (test/fixtures/search-site):
 * posts in one language each, a rule with a page per UI language, every document with its
 * SearchMeta block. Fast to make in any size, for the indexer's tests; the e2e tests use the real
 * build. Everything derives from the arguments: the same call writes the same bytes.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface SitePost {
  /** `2025/slug` */
  id: string;
  lang: 'fr' | 'en';
  title: string;
  /** ISO 8601 */
  date: string;
  text: string;
  tags?: string[];
  author?: string;
}

const words = ['garden', 'repair', 'quorum', 'bicycle', 'library', 'market', 'archive', 'voice', 'street', 'source', 'jardin', 'réparation', 'vélo', 'marché'];

/** `count` posts from `start`, one every `everyHours` hours, alternating languages, with a few words each. */
export function manyPosts(count: number, start = '2024-01-01T08:00:00.000Z', everyHours = 20): SitePost[] {
  const first = Date.parse(start);
  return Array.from({ length: count }, (_, i) => {
    const lang = i % 3 === 0 ? 'fr' : 'en';
    const date = new Date(first + i * everyHours * 3_600_000).toISOString();
    const text = Array.from({ length: 12 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ');
    return { id: `${date.slice(0, 4)}/post-${i}`, lang, title: `Note ${i} ${words[i % words.length]}`, date, text, tags: [words[i % 4]!], author: `member${i % 5}` };
  });
}

function meta(kind: string, title: string, date: string, lang: string, author?: string, tags: readonly string[] = []): string {
  return (
    `<div hidden data-pagefind-ignore data-pagefind-sort="date:${date}"><span data-pagefind-meta="title">${title}</span>` +
    `<span data-pagefind-meta="kind">${kind}</span><span data-pagefind-meta="date">${date}</span>` +
    `<span data-pagefind-filter="kind">${kind}</span><span data-pagefind-filter="language">${lang}</span>` +
    (author === undefined ? '' : `<span data-pagefind-filter="author">${author}</span>`) +
    tags.map((tag) => `<span data-pagefind-filter="tag">${tag}</span>`).join('') +
    '</div>'
  );
}

export function postPage(post: SitePost): string {
  return (
    `<!doctype html>\n<html lang="${post.lang}">\n<head><meta charset="utf-8"><title>${post.title}</title></head>\n<body>\n` +
    `<nav><a href="/${post.lang}/">Home</a> navigationonlyword</nav>\n<main>\n<article data-pagefind-body lang="${post.lang}">\n` +
    `<h1>${post.title}</h1>\n<dl class="facts"><dt>by</dt><dd>${post.author ?? ''}</dd></dl>\n<p>${post.text}</p>\n` +
    `${meta('post', post.title, post.date, post.lang, post.author, post.tags)}\n</article>\n</main>\n</body>\n</html>\n`
  );
}

/** A rule's page in UI language `ui` (it exists in each, and says so with an hreflang alternate). */
export function rulePage(slug: string, ui: 'fr' | 'en', title: string, text: string, date: string): string {
  const other = ui === 'fr' ? 'en' : 'fr';
  return (
    `<!doctype html>\n<html lang="${ui}">\n<head><meta charset="utf-8"><link rel="alternate" hreflang="${other}" href="/${other}/rules/${slug}/"><title>${title}</title></head>\n<body>\n<main>\n` +
    `<article data-pagefind-body lang="en">\n<h1>${title}</h1>\n<p>${text}</p>\n${meta('rule', title, date, 'en')}\n</article>\n</main>\n</body>\n</html>\n`
  );
}

export function postPath(post: SitePost): string {
  return `${post.lang}/posts/${post.id}/index.html`;
}

async function put(site: string, path: string, html: string): Promise<void> {
  await mkdir(dirname(join(site, path)), { recursive: true });
  await writeFile(join(site, path), html);
}

/** Writes the posts, one rule in both UI languages and two listing pages (not indexed) into `site`. */
export async function writeSite(site: string, posts: readonly SitePost[], ruleDate = '2024-01-01T09:00:00.000Z'): Promise<void> {
  await rm(site, { recursive: true, force: true });
  for (let i = 0; i < posts.length; i += 200) await Promise.all(posts.slice(i, i + 200).map((post) => put(site, postPath(post), postPage(post))));
  for (const ui of ['fr', 'en'] as const) {
    await put(site, `${ui}/rules/respect/index.html`, rulePage('respect', ui, 'Respect', 'Disagree with ideas, never attack people.', ruleDate));
    await put(site, `${ui}/index.html`, `<!doctype html>\n<html lang="${ui}"><body><p>listing</p></body></html>\n`);
  }
}

export { put as writePage };
