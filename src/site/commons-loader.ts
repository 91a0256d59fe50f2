/**
 * Reads one folder of a commons for the site: each Markdown file with the ONE front matter reader
 * (src/commons/front-matter.ts), validated with the collection's schema (the same zod schemas the
 * bot uses), its body rendered through our sanitizing pipeline. Astro's glob loader is not used:
 * it parses front matter with another YAML reader, which could see metadata the bot does not.
 *
 * Not an Astro content collection (issue 14): the pages read the commons from disk when they
 * render, so the compiled pages hold no content and an incremental build can reuse them
 * (docs/site.md, Incremental builds). What costs (front matter, Markdown) is cached on disk per
 * file, keyed by the file's digest and the project code's fingerprint, when env NOCLOUT_CACHE_DIR
 * and NOCLOUT_CODE_FINGERPRINT are set (scripts/build-site.ts sets both).
 *
 * A file that does not validate stops the build with `path:line:col: message [rule]`, because a
 * page silently missing from the site would be a decision nobody took.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { readFrontMatter } from '../commons/front-matter.ts';
import { formatProblem } from '../commons/problem.ts';
import { splitProse } from '../commons/prose-languages.ts';
import { renderMarkdown } from './markdown/pipeline.ts';

export interface CommonsLoaderOptions {
  /** The commons directory (see commons-dir.ts). */
  commons: string;
  /** Folder inside the commons, like `content/posts`. */
  folder: string;
  /**
   * Whether a file's body may hold texts in other languages after `<!-- lang: xx -->` markers
   * (rules: src/commons/prose-languages.ts). The file's own text is `html`; each other
   * language's is in `translations`, rendered through the same pipeline.
   */
  languageSections?: boolean;
  /**
   * With a cache: each entry's `html` and `translations` are read from the cache when first used
   * (posts: a build that renders twenty post pages reads twenty texts). They are then properties
   * that `{ ...entry }` does not copy: keep the entry itself (commons-data.ts does).
   */
  lazyHtml?: boolean;
}

/** One file of a collection, as the pages use it. */
export interface CommonsEntry<T> {
  /** Path inside the folder without `.md`, like `2026/equal-voices`. */
  id: string;
  data: T;
  html: string;
  /** Texts in other languages, by language (rules). */
  translations: Record<string, string>;
  /** Repository path, like `content/posts/2026/equal-voices.md`. */
  file: string;
  /** Digest of the file's bytes. */
  digest: string;
}

/**
 * What the folder's index keeps per file: the front matter as validated (the cache file is per code
 * fingerprint, so the schema is the one that validated it), and where its HTML is. The HTML is kept
 * apart, one file per digest (`html.<code>/<digest>.json`), so that a build reads and writes the
 * index (a few MB at 10,000 posts) and not every post's text (issue 14: 19 MB read and written
 * again for one new post); with `lazyHtml`, a post's HTML is read when a page asks for it.
 */
interface Cached {
  digest: string;
  /** The file's size, modification time and inode when it was read: the same three, and it is not read again. */
  stat: string;
  data: unknown;
}

/** A file's rendered text, as kept in the HTML store. */
interface Rendered {
  html: string;
  translations: Record<string, string>;
}

/** Markdown files under `root`, as forward-slash paths relative to it, in a stable order. */
export async function markdownFiles(root: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** The index file of one folder and the HTML store, or undefined when nothing is to be kept between builds. */
function cacheFiles(folder: string, env: NodeJS.ProcessEnv): { index: string; store: string } | undefined {
  const dir = env.NOCLOUT_CACHE_DIR;
  const code = env.NOCLOUT_CODE_FINGERPRINT;
  if (!dir || !code) return undefined;
  return { index: path.join(dir, 'noclout-content', `${folder.replaceAll('/', '-')}.${code.slice(0, 16)}.index.json`), store: path.join(dir, 'noclout-content', `html.${code.slice(0, 16)}`) };
}

async function readIndex(file: string | undefined): Promise<Map<string, Cached>> {
  if (!file) return new Map();
  try {
    return new Map(Object.entries(JSON.parse(await readFile(file, 'utf8')) as Record<string, Cached>));
  } catch {
    return new Map();
  }
}

/** A file's HTML from the store, read when first asked for (synchronously: pages read `html` as a property). */
function storedText(store: string, digest: string): () => Rendered {
  let text: Rendered | undefined;
  return () => (text ??= JSON.parse(readFileSync(path.join(store, `${digest}.json`), 'utf8')) as Rendered);
}

/** Every file of one folder of the commons, validated and rendered, sorted by id. */
export async function readCommonsFolder<S extends z.ZodType>(options: CommonsLoaderOptions, schema: S, env: NodeJS.ProcessEnv = process.env): Promise<CommonsEntry<z.output<S>>[]> {
  const root = path.join(options.commons, options.folder);
  const files = await markdownFiles(root);
  const cacheAt = cacheFiles(options.folder, env);
  const cache = await readIndex(cacheAt?.index);
  const next = new Map<string, Cached>();
  let changed = cache.size !== files.length;
  if (cacheAt) await mkdir(cacheAt.store, { recursive: true });
  const entries: CommonsEntry<z.output<S>>[] = new Array(files.length);
  // Unchanged files first, synchronously (a stat each: a few microseconds, against a promise's overhead at 10,000 files).
  const toRead: { name: string; index: number; statKey: string }[] = [];
  files.forEach((name, index) => {
    const id = name.slice(0, -'.md'.length);
    const info = statSync(path.join(root, name), { bigint: true });
    const statKey = `${info.size}:${info.mtimeNs}:${info.ino}`;
    const kept = cache.get(id);
    // As git does with its index: a file whose size, time and inode are those it had when read is not read again.
    if (cacheAt && kept?.stat === statKey) {
      next.set(id, kept);
      entries[index] = entryOf(id, `${options.folder}/${name}`, kept.data as z.output<S>, kept.digest, storedText(cacheAt.store, kept.digest), options.lazyHtml === true);
    } else toRead.push({ name, index, statKey });
  });
  await forEachLimit(toRead, 64, async ({ name, index, statKey }) => {
    const id = name.slice(0, -'.md'.length);
    const repoPath = `${options.folder}/${name}`;
    const text = await readFile(path.join(root, name), 'utf8');
    const digest = createHash('sha256').update(text).digest('base64url');
    changed = true;
    const kept = cache.get(id);
    if (cacheAt && kept?.digest === digest) {
      // Touched, not changed: the same text.
      next.set(id, { ...kept, stat: statKey });
      entries[index] = entryOf(id, repoPath, kept.data as z.output<S>, digest, storedText(cacheAt.store, digest), options.lazyHtml === true);
      return;
    }
    const front = readFrontMatter(text, { path: repoPath });
    if (front.problems.length > 0) throw new Error(front.problems.map(formatProblem).join('\n'));
    const parsed = schema.safeParse(front.data);
    if (!parsed.success) {
      throw new Error(`${repoPath}:1:1: front matter does not match the ${options.folder} schema [schema]\n${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n')}`);
    }
    const lang = (front.data as { lang?: unknown } | undefined)?.lang;
    const [own, ...others] = options.languageSections ? splitProse(front.body, { lang: String(lang ?? ''), path: repoPath, bodyLine: front.bodyLine }).sections : [{ lang: '', body: front.body }];
    const translations: Record<string, string> = {};
    for (const section of others) translations[section.lang] = (await renderMarkdown(section.body)).html;
    const rendered: Rendered = { html: (await renderMarkdown(own!.body)).html, translations };
    if (cacheAt) {
      await writeAtomically(path.join(cacheAt.store, `${digest}.json`), JSON.stringify(rendered));
      next.set(id, { digest, stat: statKey, data: parsed.data });
    }
    entries[index] = entryOf(id, repoPath, parsed.data, digest, () => rendered, false);
  });
  if (cacheAt && changed) await writeAtomically(cacheAt.index, JSON.stringify(Object.fromEntries([...next].sort(([a], [b]) => (a < b ? -1 : 1)))));
  return entries;
}

function entryOf<T>(id: string, file: string, data: T, digest: string, text: () => Rendered, lazy: boolean): CommonsEntry<T> {
  if (!lazy) return { id, data, ...text(), file, digest };
  const entry = { id, data, file, digest } as CommonsEntry<T>;
  Object.defineProperty(entry, 'html', { get: () => text().html });
  Object.defineProperty(entry, 'translations', { get: () => text().translations });
  return entry;
}

async function writeAtomically(file: string, body: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, body);
  await rename(temporary, file);
}

async function forEachLimit<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
