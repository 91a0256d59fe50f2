/**
 * Reads a written Pagefind bundle back, for tests: its entry file and its fragments (one per
 * indexed page: url, content, filters, meta). Fragments are gzip files whose text starts with
 * Pagefind's `pagefind_dcd` signature followed by JSON.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface PagefindFragment {
  url: string;
  content: string;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
  sort?: Record<string, string>;
}

const signature = 'pagefind_dcd';

/**
 * Every fragment of the bundle by UI language. The bundle holds one index per UI language and
 * period, in `<language>/<period>/` (scripts/search-index.ts); fragments are read from all of them.
 */
export async function readFragments(bundle: string): Promise<Map<string, PagefindFragment[]>> {
  const byLanguage = new Map<string, PagefindFragment[]>();
  const files = (await readdir(bundle, { withFileTypes: true, recursive: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.pf_fragment'))
    .map((entry) => join(entry.parentPath, entry.name));
  for (const file of files) {
    const name = file.slice(bundle.length + 1);
    const text = gunzipSync(await readFile(file)).toString('utf8');
    if (!text.startsWith(signature)) throw new Error(`${name}: not a Pagefind fragment`);
    const language = name.split(/[/\\]/)[0] ?? '';
    const list = byLanguage.get(language) ?? [];
    list.push(JSON.parse(text.slice(signature.length)) as PagefindFragment);
    byLanguage.set(language, list);
  }
  for (const list of byLanguage.values()) list.sort((a, b) => a.url.localeCompare(b.url));
  return byLanguage;
}
