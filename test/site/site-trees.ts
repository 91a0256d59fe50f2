/**
 * Builds of one commons side by side, and a file-by-file comparison of their output trees
 * (issue 14: "the result is the full build's"; two builds of one commit must be byte-identical).
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../e2e/harness.ts';

export interface SiteBuild {
  out: string;
  /** What build-site.ts printed (its incremental report among it). */
  stdout: string;
}

/**
 * `scripts/build-site.ts` (its `buildSite`) in a child process: Astro's Vite must not share a
 * module graph with vitest's. Each build gets the cache folder it is given, so a from-scratch build
 * is one with an empty folder and an incremental one reuses the folder of the build before.
 */
export async function buildInto(commons: string, out: string, cache: string, options: { search?: boolean } = {}): Promise<SiteBuild> {
  const args = [path.join(ROOT, 'scripts/build-site.ts'), '--commons', commons, '--out', out, '--cache', cache, '--quiet'];
  if (options.search !== true) args.push('--no-search');
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  return { out, stdout };
}

/** Every regular file under `dir`, as '/'-separated relative paths, sorted. */
export async function fileList(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * The differences between two output trees, one line each: a file only in one, or a file whose
 * bytes differ (with the first differing line, to read in a failure). Empty when identical.
 */
export async function treeDifferences(a: string, b: string): Promise<string[]> {
  const [left, right] = await Promise.all([fileList(a), fileList(b)]);
  const inRight = new Set(right);
  const inLeft = new Set(left);
  const differences: string[] = [];
  for (const file of left) if (!inRight.has(file)) differences.push(`only in ${a}: ${file}`);
  for (const file of right) if (!inLeft.has(file)) differences.push(`only in ${b}: ${file}`);
  for (const file of left.filter((f) => inRight.has(f))) {
    const [x, y] = await Promise.all([readFile(path.join(a, file)), readFile(path.join(b, file))]);
    if (x.equals(y)) continue;
    const xs = x.toString('utf8').split('\n');
    const ys = y.toString('utf8').split('\n');
    const line = xs.findIndex((text, i) => text !== ys[i]);
    const at = line < 0 ? xs.length : line;
    const [xl, yl] = [xs[at] ?? '', ys[at] ?? ''];
    let column = 0;
    while (column < xl.length && xl[column] === yl[column]) column += 1;
    const around = (text: string) => JSON.stringify(text.slice(Math.max(0, column - 60), column + 100));
    differences.push(`differs: ${file} (line ${at + 1}, column ${column + 1}: ${around(xl)} ≠ ${around(yl)})`);
  }
  return differences;
}
