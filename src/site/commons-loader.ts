/**
 * An Astro content loader for one folder of a commons. It reads each Markdown file with the ONE
 * front matter reader (src/commons/front-matter.ts), validates it with the collection's schema
 * (the same zod schemas the bot uses), and renders the body through our sanitizing pipeline.
 * Astro's own glob loader is not used: it parses front matter with another YAML reader, which
 * could see metadata the bot does not.
 *
 * A file that does not validate stops the build with `path:line:col: message [rule]`, because a
 * page silently missing from the site would be a decision nobody took.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Loader } from 'astro/loaders';
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
   * (rules: src/commons/prose-languages.ts). The file's own text is `rendered.html`; each other
   * language's is in `rendered.metadata.translations`, rendered through the same pipeline.
   */
  languageSections?: boolean;
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

export function commonsLoader(options: CommonsLoaderOptions): Loader {
  return {
    name: 'noclout-commons',
    async load({ store, parseData, generateDigest, logger }) {
      const root = path.join(options.commons, options.folder);
      const files = await markdownFiles(root);
      const seen = new Set<string>();
      await forEachLimit(files, 64, async (file) => {
        const id = file.slice(0, -'.md'.length);
        const repoPath = `${options.folder}/${file}`;
        seen.add(id);
        const text = await readFile(path.join(root, file), 'utf8');
        const digest = generateDigest(text);
        if (store.get(id)?.digest === digest) return;
        const front = readFrontMatter(text, { path: repoPath });
        if (front.problems.length > 0) throw new Error(front.problems.map(formatProblem).join('\n'));
        let data: Record<string, unknown>;
        try {
          data = await parseData({ id, data: front.data as Record<string, unknown>, filePath: path.join(root, file) });
        } catch (error) {
          throw new Error(`${repoPath}:1:1: front matter does not match the ${options.folder} schema [schema]\n${(error as Error).message}`);
        }
        const [own, ...others] = options.languageSections ? splitProse(front.body, { lang: String(data.lang ?? ''), path: repoPath, bodyLine: front.bodyLine }).sections : [{ lang: '', body: front.body }];
        const rendered = await renderMarkdown(own!.body);
        const translations: Record<string, string> = {};
        for (const section of others) translations[section.lang] = (await renderMarkdown(section.body)).html;
        // No `body`: pages show the rendered HTML, and the store (serialized, then loaded as a module) is a third smaller without it.
        store.set({ id, data, digest, filePath: repoPath, rendered: { html: rendered.html, metadata: { headings: rendered.headings, translations } } });
      });
      for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
      logger.info(`${options.folder}: ${files.length} files`);
    },
  };
}

async function forEachLimit<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
