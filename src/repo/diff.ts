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

/** A level as the start of a larger one it was cut from (or of itself), with how many entries it has. */
function spanOf(level: readonly TreeFile[]): { whole: readonly TreeFile[]; count: number } {
  return prefixSource(level) ?? { whole: level, count: level.length };
}

/** Every file that differs between two trees (a file replaced by a folder shows as a deletion and additions). */
export async function diffTrees(repo: Repository, baseTree: string | undefined, headTree: string | undefined, prefix = ''): Promise<FileChange[]> {
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
    if (bTree || hTree) out.push(...(await diffTrees(repo, bTree, hTree, `${path}/`)));
    const bFile = b && b.type !== 'tree' ? { ...b, path } : undefined;
    const hFile = h && h.type !== 'tree' ? { ...h, path } : undefined;
    if (bFile && hFile) out.push({ path, status: 'modified', base: bFile, head: hFile });
    else if (hFile) out.push({ path, status: 'added', head: hFile });
    else if (bFile) out.push({ path, status: 'deleted', base: bFile });
  };
  // Levels that start with the same entries of one folder read before (tree.ts) differ only after them.
  const [from, to] = [spanOf(base), spanOf(head)];
  const same = from.whole === to.whole ? Math.min(from.count, to.count) : 0;
  const [baseRest, headRest] = same ? [base.slice(same), head.slice(same)] : [base, head];
  // A folder of thousands of posts differs from its next version by a few names: look each one up, sort only what differs.
  const baseByName = same ? new Map(baseRest.map((e) => [e.path, e])) : byName(base);
  const headByName = same ? new Map(headRest.map((e) => [e.path, e])) : byName(head);
  for (const b of baseRest) await compare(b.path, b, headByName.get(b.path));
  for (const h of headRest) if (!baseByName.has(h.path)) await compare(h.path, undefined, h);
  return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}
