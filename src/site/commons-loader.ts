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
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
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

/** What is kept per file: the front matter as read (validated again on every read), the rendered HTML. */
interface Cached {
  digest: string;
  /** The file's size, modification time and inode when it was read: the same three, and it is not read again. */
  stat: string;
  front: unknown;
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

/** The cache file of one folder, or undefined when nothing is to be kept between builds. */
function cacheFile(folder: string, env: NodeJS.ProcessEnv): string | undefined {
  const dir = env.NOCLOUT_CACHE_DIR;
  const code = env.NOCLOUT_CODE_FINGERPRINT;
  if (!dir || !code) return undefined;
  return path.join(dir, 'noclout-content', `${folder.replaceAll('/', '-')}.${code.slice(0, 16)}.json`);
}

async function readCache(file: string | undefined): Promise<Map<string, Cached>> {
  if (!file) return new Map();
  try {
    return new Map(Object.entries(JSON.parse(await readFile(file, 'utf8')) as Record<string, Cached>));
  } catch {
    return new Map();
  }
}

/** Every file of one folder of the commons, validated and rendered, sorted by id. */
export async function readCommonsFolder<S extends z.ZodType>(options: CommonsLoaderOptions, schema: S, env: NodeJS.ProcessEnv = process.env): Promise<CommonsEntry<z.output<S>>[]> {
  const root = path.join(options.commons, options.folder);
  const files = await markdownFiles(root);
  const file = cacheFile(options.folder, env);
  const cache = await readCache(file);
  const next = new Map<string, Cached>();
  let changed = cache.size !== files.length;
  const entries: CommonsEntry<z.output<S>>[] = new Array(files.length);
  await forEachLimit(files.map((name, index) => ({ name, index })), 64, async ({ name, index }) => {
    const id = name.slice(0, -'.md'.length);
    const repoPath = `${options.folder}/${name}`;
    const full = path.join(root, name);
    const info = await stat(full, { bigint: true });
    const statKey = `${info.size}:${info.mtimeNs}:${info.ino}`;
    let kept = cache.get(id);
    // As git does with its index: a file whose size, time and inode are those it had when read is not read again.
    const text = kept?.stat === statKey ? undefined : await readFile(full, 'utf8');
    const digest = text === undefined ? kept!.digest : createHash('sha256').update(text).digest('base64url');
    if (text !== undefined && kept?.digest === digest && kept.stat !== statKey) {
      changed = true;
      kept = { ...kept, stat: statKey };
    }
    if (text !== undefined && kept?.digest !== digest) {
      changed = true;
      const front = readFrontMatter(text, { path: repoPath });
      if (front.problems.length > 0) throw new Error(front.problems.map(formatProblem).join('\n'));
      const lang = (front.data as { lang?: unknown } | undefined)?.lang;
      const [own, ...others] = options.languageSections ? splitProse(front.body, { lang: String(lang ?? ''), path: repoPath, bodyLine: front.bodyLine }).sections : [{ lang: '', body: front.body }];
      const translations: Record<string, string> = {};
      for (const section of others) translations[section.lang] = (await renderMarkdown(section.body)).html;
      kept = { digest, stat: statKey, front: front.data, html: (await renderMarkdown(own!.body)).html, translations };
    }
    next.set(id, kept!);
    const parsed = schema.safeParse(kept!.front);
    if (!parsed.success) {
      throw new Error(`${repoPath}:1:1: front matter does not match the ${options.folder} schema [schema]\n${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n')}`);
    }
    entries[index] = { id, data: parsed.data, html: kept!.html, translations: kept!.translations, file: repoPath, digest };
  });
  if (file && changed) {
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(Object.fromEntries([...next].sort(([a], [b]) => (a < b ? -1 : 1)))));
    await rename(temporary, file);
  }
  return entries;
}

async function forEachLimit<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
