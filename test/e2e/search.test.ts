/**
 * Search over the built site, in Chromium (issue #5). The tests' demo commons is copied into a temporary
 * git repository with one more post whose Markdown tries to steer Pagefind (weights, filters,
 * metadata, sort keys), built with the project's build command (which also indexes), and served
 * on loopback.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureFirstQuery } from '../../scripts/bench-search.ts';
import { readFrontMatter } from '../../src/commons/front-matter.ts';
import { launchChromium } from '../search/chromium.ts';
import { DEMO } from './harness.ts';
import { readDemoDocuments, wordInBoth, wordInExactlyOne, type DemoDocument } from '../search/demo-words.ts';
import { readFragments, type PagefindFragment } from '../search/pagefind-bundle.ts';
import { serveStatic, type StaticSite } from '../search/static-server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A post whose author tries to boost it and file it under another kind, from the Markdown alone. */
const steeringPost = `---
title: "Steering the search"
author: amina
date: 2026-11-01
lang: en
tags: [search]
---

<p data-pagefind-weight="10" data-pagefind-filter="kind:rule" data-pagefind-meta="title:Hijacked title" data-pagefind-sort="date:2099-01-01">The word quixotically appears here with a heavy weight.</p>

<div data-pagefind-body data-pagefind-index-attrs="title"><span data-pagefind-filter="author">nobody</span> quixotically again.</div>
`;
const steeringWord = 'quixotically';

let work: string;
/** Under the checkout's ignored .tmp/, so that Astro can resolve packages from the built chunks. */
let outside: string;
let dist: string;
let site: StaticSite;
let browser: Browser;
let documents: DemoDocument[];

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(args[0]!, args.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${args.join(' ')} exited ${code}\n${output}`))));
  });
}

async function commitAt(repo: string, paths: string[], time: string): Promise<void> {
  const env = { ...process.env, GIT_AUTHOR_DATE: time, GIT_COMMITTER_DATE: time };
  await run(['git', 'add', '--', ...paths], repo);
  await run(['git', '-c', 'user.name=Demo', '-c', 'user.email=demo@example.org', 'commit', '-q', '-m', `add ${paths.join(', ')}`], repo, env);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'noclout-search-e2e-'));
  const commons = join(work, 'commons');
  await mkdir(join(root, '.tmp'), { recursive: true });
  outside = await mkdtemp(join(root, '.tmp', 'search-e2e-'));
  dist = join(outside, 'dist');
  await cp(DEMO, commons, { recursive: true });
  documents = await readDemoDocuments(commons);
  await writeFile(join(commons, 'content/posts/2026/steering-the-search.md'), steeringPost);
  await run(['git', 'init', '-q', '-b', 'main'], commons);
  // Governance first, then one post per commit a day apart, so publication times differ (the date
  // order comes from git, not from front matter).
  const posts = (await readdir(join(commons, 'content/posts/2026'))).sort().reverse();
  await commitAt(commons, ['governance', 'content/proposals'], '2026-10-01T10:00:00Z');
  for (const [day, post] of posts.entries()) {
    await commitAt(commons, [`content/posts/2026/${post}`], `2026-10-${String(day + 2).padStart(2, '0')}T10:00:00Z`);
  }
  // Astro writes prerender chunks inside the output directory when it lies under the checkout, and
  // in the shared <checkout>/.astro/ otherwise, where builds running at once would collide.
  await run([process.execPath, 'scripts/build-site.ts', '--commons', commons, '--out', dist, '--cache', join(work, 'astro-cache')], root);
  site = await serveStatic(dist);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
  if (outside !== undefined) await rm(outside, { recursive: true, force: true });
});

/** Opens a search page, failing the test on any CSP violation or script error. */
async function openSearch(lang: 'fr' | 'en', query = ''): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/favicon/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(`${site.url}/${lang}/search/${query}`);
  await page.waitForSelector('[data-search-root][data-ready="true"]');
  return { page, problems };
}

async function resultUrls(page: Page): Promise<string[]> {
  await page.waitForFunction(() => {
    const status = document.querySelector('[data-search-status]')?.textContent ?? '';
    return !document.querySelector('[data-search-root]')?.hasAttribute('aria-busy') && status !== '' && !status.endsWith('…');
  });
  return page.locator('[data-search-results] h2 a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

/** A post's one page: in its own language, whichever UI language searched for it. */
function pagePath(document: DemoDocument): string {
  const match = /^content\/posts\/(\d{4})\/(.+)\.md$/.exec(document.path);
  if (match === null || document.lang === undefined) throw new Error(`not a post with a language: ${document.path}`);
  return `/${document.lang}/posts/${match[1]}/${match[2]}/`;
}

describe('search in the browser', () => {
  it('finds the one demo post containing a word, with its title, kind, date and excerpt', async () => {
    const { word, document } = wordInExactlyOne(documents, (d) => d.kind === 'post' && d.lang === 'en');
    const { page, problems } = await openSearch('en');
    await page.fill('#search-q', word);
    expect(await resultUrls(page)).toContain(pagePath(document));
    const result = page.locator('[data-search-results] li', { has: page.locator(`a[href$="${pagePath(document)}"]`) });
    await expect.poll(() => result.locator('h2').textContent()).not.toBe('');
    expect(await result.locator('[data-kind="post"]').textContent()).toBe('Post');
    expect(await result.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await result.locator('mark').allTextContents()).join(' ').toLowerCase()).toContain(word.slice(0, 5));
    expect(await page.locator('[data-search-status]').textContent()).toMatch(/ordered by how well the text matches/);
    expect(new URL(page.url()).searchParams.get('q')).toBe(word);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('narrows results to rules with the kind filter', async () => {
    const word = wordInBoth(documents, 'post', 'rule', 'en');
    const { page, problems } = await openSearch('en');
    await page.fill('#search-q', word);
    const unfiltered = await resultUrls(page);
    expect(unfiltered.some((url) => url.includes('/posts/'))).toBe(true);
    await page.selectOption('#search-kind', 'rule');
    await expect.poll(async () => (await resultUrls(page)).every((url) => url.startsWith('/en/rules/'))).toBe(true);
    const rules = await resultUrls(page);
    expect(rules.length).toBeGreaterThan(0);
    expect(await page.locator('[data-search-results] [data-kind]').allTextContents()).toEqual(rules.map(() => 'Rule'));
    expect(new URL(page.url()).searchParams.get('kind')).toBe('rule');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('searches in French from the French page, with French words and labels', async () => {
    const { word, document } = wordInExactlyOne(documents, (d) => d.kind === 'post' && d.lang === 'fr');
    const { page, problems } = await openSearch('fr', `?q=${encodeURIComponent(word)}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await resultUrls(page)).toContain(pagePath(document));
    expect(await page.locator('[data-search-status]').textContent()).toMatch(/résultats?, classés selon la seule correspondance/);
    expect(await page.locator('label[for="search-kind"]').textContent()).toBe('Type');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('finds a French post from the English page too, at its one page, in French', async () => {
    const { word, document } = wordInExactlyOne(documents, (d) => d.kind === 'post' && d.lang === 'fr');
    const { page } = await openSearch('en', `?q=${encodeURIComponent(word)}&language=fr`);
    expect(await resultUrls(page)).toContain(pagePath(document));
    await page.close();
  });

  it('orders by publication date when asked, newest or oldest first', async () => {
    const datesFor = async (sort: string) => {
      const { page } = await openSearch('en', `?kind=post&sort=${sort}`);
      await resultUrls(page);
      while (await page.locator('[data-search-more]').isVisible()) {
        const shown = await page.locator('[data-search-results] li').count();
        await page.click('[data-search-more]');
        await page.waitForFunction((n) => document.querySelectorAll('[data-search-results] li').length > n, shown);
      }
      const dates = await page.locator('[data-search-results] time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime') ?? ''));
      const status = await page.locator('[data-search-status]').textContent();
      await page.close();
      return { dates, status };
    };
    const newest = await datesFor('newest');
    const oldest = await datesFor('oldest');
    expect(new Set(newest.dates).size).toBeGreaterThan(3);
    expect(newest.dates).toEqual([...newest.dates].sort().reverse());
    expect(oldest.dates).toEqual([...newest.dates].reverse());
    expect(newest.status).toMatch(/newest first/);
    expect(oldest.status).toMatch(/oldest first/);
  });
});

/** Every result of the current search, pressing "More results" until all are shown. */
async function allResultUrls(page: Page): Promise<string[]> {
  await resultUrls(page);
  while (await page.locator('[data-search-more]').isVisible()) {
    const shown = await page.locator('[data-search-results] li').count();
    await page.click('[data-search-more]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-search-results] li').length > n, shown);
  }
  return resultUrls(page);
}

describe('search filters and order, checked against the posts themselves', () => {
  /** The posts of the built commons with the front matter the filters come from. */
  async function postsOfCommons(): Promise<{ url: string; tags: string[]; author: string; lang: string }[]> {
    const folder = join(work, 'commons', 'content/posts/2026');
    const posts = [];
    for (const name of await readdir(folder)) {
      const { data } = readFrontMatter(await readFile(join(folder, name), 'utf8'), { path: name });
      const front = data as { tags?: string[]; author: string; lang: string };
      posts.push({ url: `/${front.lang}/posts/2026/${name.slice(0, -3)}/`, tags: front.tags ?? [], author: front.author, lang: front.lang });
    }
    return posts;
  }

  it('lists exactly the posts of one tag, of one author, or in one language of text', async () => {
    const posts = await postsOfCommons();
    const cases: [string, string, (post: (typeof posts)[number]) => boolean][] = [
      ['tag', 'gouvernance', (post) => post.tags.includes('gouvernance')],
      ['author', 'lea', (post) => post.author === 'lea'],
      ['language', 'en', (post) => post.lang === 'en'],
    ];
    for (const [name, value, keep] of cases) {
      const expected = posts.filter(keep).map((post) => post.url).sort();
      expect(expected.length, `${name}=${value} should match some demo posts`).toBeGreaterThan(0);
      expect(expected.length, `${name}=${value} should not match every demo post`).toBeLessThan(posts.length);
      const { page, problems } = await openSearch('en', `?kind=post&${name}=${value}`);
      expect((await allResultUrls(page)).sort(), `${name}=${value}`).toEqual(expected);
      expect(await page.locator(`#search-${name}`).inputValue()).toBe(value);
      // One author's results are never counted: that would be a per-person total.
      const status = (await page.locator('[data-search-status]').textContent()) ?? '';
      if (name === 'author') expect(status, status).toMatch(/^Results, /);
      else expect(status).toMatch(new RegExp(`^${expected.length} results?, `));
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('shows a tag from a shared link that this commons does not have as chosen, and keeps it when another filter changes', async () => {
    const { page, problems } = await openSearch('en', '?tag=no-such-tag');
    await resultUrls(page);
    expect(await page.locator('#search-tag').inputValue()).toBe('no-such-tag');
    expect(await page.locator('[data-search-status]').textContent()).toBe('No results.');
    await page.selectOption('#search-kind', 'post');
    await expect.poll(() => new URL(page.url()).searchParams.get('kind')).toBe('post');
    expect(new URL(page.url()).searchParams.get('tag')).toBe('no-such-tag');
    expect(await resultUrls(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lists a search with filters and no words newest first, and says so rather than "text match"', async () => {
    const { page } = await openSearch('en', '?kind=post');
    await resultUrls(page);
    const dates = await page.locator('[data-search-results] time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime') ?? ''));
    expect(new Set(dates).size).toBeGreaterThan(3);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(await page.locator('[data-search-status]').textContent()).toMatch(/newest first\.$/);
    await page.close();
  });
});

describe('search accessibility', () => {
  it('has no axe-core violations, form and results shown, in both languages', async () => {
    const axe = await readFile(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
    for (const lang of ['en', 'fr'] as const) {
      const { word } = wordInExactlyOne(documents, (d) => d.kind === 'post' && d.lang === lang);
      const { page } = await openSearch(lang, `?q=${encodeURIComponent(word)}`);
      await resultUrls(page);
      await page.evaluate(axe);
      const violations = await page.evaluate(async () => {
        const { axe: checker } = window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { html: string }[] }[] }> } };
        return (await checker.run()).violations.map((v) => `${v.id}: ${v.nodes[0]?.html ?? ''}`);
      });
      expect(violations, lang).toEqual([]);
      await page.close();
    }
  });
});

describe('search under the Content-Security-Policy', () => {
  it('declares wasm-unsafe-eval and no unsafe-inline or unsafe-eval for scripts', async () => {
    const html = await readFile(join(dist, 'en/search/index.html'), 'utf8');
    const csp = /http-equiv="content-security-policy" content="([^"]+)"/i.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/script-src [^;]*'wasm-unsafe-eval'/);
    expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>[^<]/);
  });

  async function searchWithPolicyHeader(edit: (csp: string) => string): Promise<{ urls: string[]; status: string; violations: string[] }> {
    const html = await readFile(join(dist, 'en/search/index.html'), 'utf8');
    const csp = (/http-equiv="content-security-policy" content="([^"]+)"/i.exec(html)?.[1] ?? '').replaceAll('&#39;', "'");
    const strict = await serveStatic(dist, { headers: () => ({ 'content-security-policy': edit(csp) }) });
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/.test(message.text())) violations.push(message.text());
    });
    try {
      const { word } = wordInExactlyOne(documents, (d) => d.kind === 'post' && d.lang === 'en');
      await page.goto(`${strict.url}/en/search/?q=${word}`);
      const urls = await resultUrls(page);
      return { urls, status: (await page.locator('[data-search-status]').textContent()) ?? '', violations };
    } finally {
      await page.close();
      await strict.close();
    }
  }

  it('works when the host also sends the policy as a header on every response, the worker included', async () => {
    const { document } = wordInExactlyOne(documents, (d) => d.kind === 'post' && d.lang === 'en');
    const { urls, violations } = await searchWithPolicyHeader((csp) => csp);
    expect(urls).toContain(pagePath(document));
    expect(violations).toEqual([]);
  });

  it('fails visibly, pointing to the tag and author pages, when a host policy lacks wasm-unsafe-eval', async () => {
    const { urls, status, violations } = await searchWithPolicyHeader((csp) => csp.replace(" 'wasm-unsafe-eval'", ''));
    expect(urls).toEqual([]);
    expect(status).toBe('Search could not load. The tag and author pages are still there.');
    expect(violations.join('\n')).toMatch(/WebAssembly/);
  });
});

describe('search without JavaScript', () => {
  it('says search needs JavaScript and links to the tag and member pages, which exist', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/en/search/`);
    const noscript = await page.locator('.search-noscript').textContent();
    expect(noscript).toMatch(/Search needs JavaScript/);
    const links = await page.locator('noscript ~ * a, .search ul a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
    expect(links).toEqual(expect.arrayContaining(['/en/tags/', '/en/members/']));
    for (const link of ['/en/tags/', '/en/members/']) expect((await page.request.get(`${site.url}${link}`)).status()).toBe(200);
    await context.close();
  });
});

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !file.includes(`${join(dist, 'pagefind')}`));
}

describe('what the index holds', () => {
  let fragments: PagefindFragment[];
  beforeAll(async () => {
    fragments = [...(await readFragments(join(dist, 'pagefind'))).values()].flat();
  });

  it('holds one index per UI language with posts, proposals, rules, the policy and decisions, and no listing', () => {
    const paths = fragments.map((fragment) => fragment.url);
    for (const lang of ['en', 'fr']) {
      for (const section of ['posts', 'proposals', 'rules', 'policy', 'decisions']) {
        expect(paths.some((url) => url.startsWith(`/${lang}/${section}/`)), `${lang} ${section}`).toBe(true);
      }
    }
    const listing = /^\/(en|fr)\/(|latest\/.*|shuffle\/.*|rounds\/.*|tags\/.*|authors\/.*|members\/|search\/|proposals\/|order\/|transparency\/)$/;
    expect(paths.filter((url) => listing.test(url))).toEqual([]);
  });

  it('gives every document a kind, a language, a title and a date', () => {
    for (const fragment of fragments) {
      expect(fragment.filters.kind?.length, fragment.url).toBe(1);
      expect(fragment.filters.language?.length, fragment.url).toBe(1);
      expect(fragment.meta.title, fragment.url).toBeTruthy();
      expect(Number.isNaN(Date.parse(fragment.meta.date ?? '')), fragment.url).toBe(false);
    }
  });
});

describe('authors cannot influence ranking or filters from their Markdown', () => {
  it('strips data-pagefind-weight, -filter, -meta, -sort and -body written in a post', async () => {
    const html = await readFile(join(dist, 'en/posts/2026/steering-the-search/index.html'), 'utf8');
    expect(html).toContain(steeringWord);
    const prose = html.slice(html.indexOf(steeringWord) - 400);
    expect(prose).not.toMatch(/data-pagefind-(weight|filter|meta|sort|body|index-attrs)/);
    expect(html).not.toMatch(/kind:rule|Hijacked title|2099-01-01/);
    expect(html.match(/data-pagefind-body/g)).toHaveLength(1);
  });

  it('indexes that post as a post by its real author, with its real title and date', () => {
    const steering = steeringFragment();
    expect(steering.filters).toMatchObject({ kind: ['post'], author: ['amina'], language: ['en'] });
    expect(steering.meta.title).toBe('Steering the search');
    expect(steering.meta.date?.startsWith('2099')).toBe(false);
  });

  it('puts no data-pagefind-weight on any page of the site', async () => {
    const weighted: string[] = [];
    for (const file of await htmlFiles(dist)) {
      if ((await readFile(file, 'utf8')).includes('data-pagefind-weight')) weighted.push(file);
    }
    expect(weighted).toEqual([]);
  });

  let fragmentList: PagefindFragment[] = [];
  beforeAll(async () => {
    fragmentList = [...(await readFragments(join(dist, 'pagefind'))).values()].flat();
  });
  function steeringFragment(): PagefindFragment {
    const found = fragmentList.find((fragment) => fragment.url === '/en/posts/2026/steering-the-search/');
    if (found === undefined) throw new Error('the steering post is not in the index');
    return found;
  }
});

describe('the search benchmark measurement', () => {
  it('counts every byte the server sent for a first query, the worker script included', async () => {
    const { word } = wordInExactlyOne(documents, (d) => d.kind === 'post' && d.lang === 'en');
    const measured = await measureFirstQuery(dist, 'en', word);
    expect(measured.results).toBeGreaterThan(0);
    // Chromium's figure adds response headers to the bodies the server sent.
    expect(measured.total).toBeGreaterThanOrEqual(measured.serverBodyBytes);
    const worker = measured.requests.find((request) => request.url.endsWith('/pagefind-worker.js'));
    expect(worker?.bytes).toBeGreaterThan(5_000);
    expect(measured.requests.filter((r) => r.phase === 'query').some((r) => /^\/pagefind\/en\/[^/]+\/fragment\//.test(r.url))).toBe(true);
  });
});

describe('reaching search', () => {
  it('links to the search page of its language from every page', async () => {
    const missing: string[] = [];
    for (const file of await htmlFiles(dist)) {
      const lang = /\/(en|fr)\//.exec(file.slice(dist.length))?.[1];
      if (lang === undefined) continue;
      if (!(await readFile(file, 'utf8')).includes(`href="/${lang}/search/"`)) missing.push(file.slice(dist.length));
    }
    expect(missing).toEqual([]);
  });
});
