/**
 * Merging built from trees, file by file: a file changed on one side only
 * takes that side; a file changed on both sides (differently) is a conflict.
 * There is no line-level merging: a commons file is a whole text written by one
 * person, and the bot must never invent a version that nobody wrote.
 */
import { git, type Repository } from './repository.ts';
import { readTreeLevel, type TreeFile } from './tree.ts';

export type TreeMerge = { ok: true; tree: string } | { ok: false; conflicts: string[] };

/** Three-way merge of trees: `ancestor` is the merge base's tree. */
export async function mergeTrees(repo: Repository, ancestor: string | undefined, ours: string, theirs: string): Promise<TreeMerge> {
  const conflicts: string[] = [];
  const tree = await mergeLevel(repo, ancestor, ours, theirs, '', conflicts);
  return conflicts.length ? { ok: false, conflicts } : { ok: true, tree: tree! };
}

async function mergeLevel(repo: Repository, ancestor: string | undefined, ours: string | undefined, theirs: string | undefined, prefix: string, conflicts: string[]): Promise<string | undefined> {
  if (ours === theirs) return ours;
  if (ancestor === ours) return theirs;
  if (ancestor === theirs) return ours;
  const level = async (oid: string | undefined) => new Map((oid ? await readTreeLevel(repo, oid) : []).map((e) => [e.path, e]));
  const [a, o, t] = await Promise.all([level(ancestor), level(ours), level(theirs)]);
  const names = [...new Set([...a.keys(), ...o.keys(), ...t.keys()])].sort();
  const merged: TreeFile[] = [];
  for (const name of names) {
    const entry = await mergeEntry(repo, a.get(name), o.get(name), t.get(name), prefix + name, conflicts);
    if (entry) merged.push({ ...entry, path: name });
  }
  if (merged.length === 0) return undefined;
  return git.writeTree({ fs: repo.fs, gitdir: repo.gitdir, tree: merged.map(({ mode, path, oid, type }) => ({ mode, path, oid, type })) });
}

const same = (x?: TreeFile, y?: TreeFile) => x?.oid === y?.oid && x?.mode === y?.mode;

async function mergeEntry(repo: Repository, a: TreeFile | undefined, o: TreeFile | undefined, t: TreeFile | undefined, path: string, conflicts: string[]): Promise<TreeFile | undefined> {
  if (same(o, t)) return o;
  if (same(a, o)) return t;
  if (same(a, t)) return o;
  const isTree = (e?: TreeFile) => e === undefined || e.type === 'tree';
  if (isTree(a) && isTree(o) && isTree(t)) {
    const oid = await mergeLevel(repo, a?.oid, o?.oid, t?.oid, `${path}/`, conflicts);
    return oid ? { path, mode: '040000', oid, type: 'tree' } : undefined;
  }
  conflicts.push(path);
  return o;
}

/** A file to place in a tree: text content, written as a regular file. */
export interface NewFile {
  path: string;
  text: string;
}

/** A copy of `tree` with the given files added or replaced (regular files, mode 100644). */
export async function putFiles(repo: Repository, tree: string | undefined, files: readonly NewFile[]): Promise<string> {
  const blobs = await Promise.all(
    files.map(async (f) => ({ parts: f.path.split('/'), oid: await git.writeBlob({ fs: repo.fs, gitdir: repo.gitdir, blob: new TextEncoder().encode(f.text) }) })),
  );
  return putLevel(repo, tree, blobs);
}

async function putLevel(repo: Repository, tree: string | undefined, blobs: { parts: string[]; oid: string }[]): Promise<string> {
  const entries = new Map((tree ? await readTreeLevel(repo, tree) : []).map((e) => [e.path, e]));
  const byDir = new Map<string, { parts: string[]; oid: string }[]>();
  for (const blob of blobs) {
    const [name, ...rest] = blob.parts;
    if (rest.length === 0) entries.set(name!, { path: name!, mode: '100644', oid: blob.oid, type: 'blob' });
    else byDir.set(name!, [...(byDir.get(name!) ?? []), { parts: rest, oid: blob.oid }]);
  }
  for (const [name, inner] of byDir) {
    const existing = entries.get(name);
    const oid = await putLevel(repo, existing?.type === 'tree' ? existing.oid : undefined, inner);
    entries.set(name, { path: name, mode: '040000', oid, type: 'tree' });
  }
  return git.writeTree({ fs: repo.fs, gitdir: repo.gitdir, tree: [...entries.values()].map(({ mode, path, oid, type }) => ({ mode, path, oid, type })) });
}
