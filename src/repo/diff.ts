/**
 * The difference between two trees, computed tree to tree: identical subtrees
 * (same object id) are skipped without being read, so a change to one post of
 * a commons of ten thousand reads a handful of tree objects.
 */
import { prefixSource, readTreeLevel, withPath, type TreeFile } from './tree.ts';
import type { Repository } from './repository.ts';

export type ChangeStatus = 'added' | 'modified' | 'deleted';

export interface FileChange {
  path: string;
  status: ChangeStatus;
  /** Entry on the head side (absent when deleted). */
  head?: TreeFile;
  /** Entry on the base side (absent when added). */
  base?: TreeFile;
}

/** A folder's entries by name, kept per folder read (tree levels are kept per repository: src/repo/tree.ts). */
function byName(level: readonly TreeFile[]): ReadonlyMap<string, TreeFile> {
  let names = levelNames.get(level);
  if (!names) levelNames.set(level, (names = new Map(level.map((e) => [e.path, e]))));
  return names;
}

const levelNames = new WeakMap<readonly TreeFile[], Map<string, TreeFile>>();

/** The same entry: one name, one object, one mode (the mode says the type). */
function sameEntry(a: TreeFile, b: TreeFile): boolean {
  return a === b || (a.path === b.path && a.oid === b.oid && a.mode === b.mode);
}

/**
 * Every file that differs between two trees (a file replaced by a folder shows as a deletion and
 * additions). A diff of two tree ids never changes: the last ones asked are kept per repository
 * (audit and a merge queue ask for the same diff several times per change), each caller getting
 * its own array.
 */
export function diffTrees(repo: Repository, baseTree: string | undefined, headTree: string | undefined, prefix = ''): Promise<FileChange[]> {
  if (baseTree === headTree) return Promise.resolve([]);
  let memo = diffs.get(repo.cache);
  if (!memo) diffs.set(repo.cache, (memo = new Map()));
  const entries = memo;
  const key = `${baseTree ?? ''} ${headTree ?? ''} ${prefix}`;
  let found = entries.get(key);
  if (found) {
    // Kept as the newest: a diff asked again and again stays.
    entries.delete(key);
    entries.set(key, found);
  } else {
    found = diffLevels(repo, baseTree, headTree, prefix);
    entries.set(key, found);
    if (entries.size > DIFFS_KEPT) entries.delete(entries.keys().next().value!);
    // A failure is not kept: asked again, the trees are read again (and the error says where, again).
    found.then((files) => files.length > LARGE_DIFF && entries.delete(key), () => entries.delete(key));
  }
  return found.then((files) => [...files]);
}

const diffs = new WeakMap<object, Map<string, Promise<readonly FileChange[]>>>();
const DIFFS_KEPT = 1024;
/** A diff of more files than this (a commons imported at once) is not kept. */
const LARGE_DIFF = 1000;

async function diffLevels(repo: Repository, baseTree: string | undefined, headTree: string | undefined, prefix: string): Promise<FileChange[]> {
  if (baseTree === headTree) return [];
  const level = async (tree: string | undefined) => {
    try {
      return tree ? await readTreeLevel(repo, tree) : [];
    } catch (error) {
      throw withPath(error, prefix.replace(/\/$/, ''), repo);
    }
  };
  const base = await level(baseTree);
  const head = await level(headTree);
  const out: FileChange[] = [];
  const compare = async (name: string, b: TreeFile | undefined, h: TreeFile | undefined) => {
    if (b && h && b.oid === h.oid && b.mode === h.mode) return;
    const path = prefix + name;
    const bTree = b?.type === 'tree' ? b.oid : undefined;
    const hTree = h?.type === 'tree' ? h.oid : undefined;
    if (bTree || hTree) out.push(...(await diffLevels(repo, bTree, hTree, `${path}/`)));
    const bFile = b && b.type !== 'tree' ? { ...b, path } : undefined;
    const hFile = h && h.type !== 'tree' ? { ...h, path } : undefined;
    if (bFile && hFile) out.push({ path, status: 'modified', base: bFile, head: hFile });
    else if (hFile) out.push({ path, status: 'added', head: hFile });
    else if (bFile) out.push({ path, status: 'deleted', base: bFile });
  };
  // A folder of thousands of posts differs from its next version by a few names: the entries both
  // start and end with are the same files (a name is listed once per folder), skipped without a lookup.
  // Two versions read as starts of one folder (src/repo/tree.ts) hold its very entries up to the shorter start.
  let start = sharedCount(base, head);
  while (start < base.length && start < head.length && sameEntry(base[start]!, head[start]!)) start++;
  let baseEnd = base.length;
  let headEnd = head.length;
  while (baseEnd > start && headEnd > start && sameEntry(base[baseEnd - 1]!, head[headEnd - 1]!)) {
    baseEnd--;
    headEnd--;
  }
  const whole = start === 0 && baseEnd === base.length && headEnd === head.length;
  const baseRest = whole ? base : base.slice(start, baseEnd);
  const headRest = whole ? head : head.slice(start, headEnd);
  const baseByName = whole ? byName(base) : new Map(baseRest.map((e) => [e.path, e]));
  const headByName = whole ? byName(head) : new Map(headRest.map((e) => [e.path, e]));
  for (const b of baseRest) {
    const h = headByName.get(b.path);
    if (!h || !sameEntry(b, h)) await compare(b.path, b, h);
  }
  for (const h of headRest) if (!baseByName.has(h.path)) await compare(h.path, undefined, h);
  return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

/** How many first entries two levels hold as the very same objects, when both were read as starts of one level (prefixSource). */
function sharedCount(a: readonly TreeFile[], b: readonly TreeFile[]): number {
  const fromA = prefixSource(a);
  const fromB = prefixSource(b);
  const wholeA = fromA?.whole ?? a;
  const wholeB = fromB?.whole ?? b;
  return wholeA === wholeB ? Math.min(fromA ? fromA.count : a.length, fromB ? fromB.count : b.length) : 0;
}
