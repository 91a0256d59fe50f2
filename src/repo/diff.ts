/**
 * The difference between two trees, computed tree to tree: identical subtrees
 * (same object id) are skipped without being read, so a change to one post of
 * a commons of ten thousand reads a handful of tree objects.
 */
import { readTreeLevel, withPath, type TreeFile } from './tree.ts';
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
  const baseByName = new Map(base.map((e) => [e.path, e]));
  const headByName = new Map(head.map((e) => [e.path, e]));
  const names = [...new Set([...baseByName.keys(), ...headByName.keys()])].sort();
  const out: FileChange[] = [];
  for (const name of names) {
    const b = baseByName.get(name);
    const h = headByName.get(name);
    if (b && h && b.oid === h.oid && b.mode === h.mode) continue;
    const path = prefix + name;
    const bTree = b?.type === 'tree' ? b.oid : undefined;
    const hTree = h?.type === 'tree' ? h.oid : undefined;
    if (bTree || hTree) out.push(...(await diffTrees(repo, bTree, hTree, `${path}/`)));
    const bFile = b && b.type !== 'tree' ? { ...b, path } : undefined;
    const hFile = h && h.type !== 'tree' ? { ...h, path } : undefined;
    if (bFile && hFile) out.push({ path, status: 'modified', base: bFile, head: hFile });
    else if (hFile) out.push({ path, status: 'added', head: hFile });
    else if (bFile) out.push({ path, status: 'deleted', base: bFile });
  }
  return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}
