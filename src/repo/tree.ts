/**
 * Trees at a commit, read from git objects: nothing is checked out, so a
 * contribution's files are only ever data (DESIGN.md principle 5).
 */
import { modeFromGit, snapshotOf, type Snapshot, type SnapshotEntry } from '../commons/snapshot.ts';
import { MissingObjectError, reading } from './missing.ts';
import { git, gitArgs, type Repository } from './repository.ts';

export interface TreeFile {
  path: string;
  /** Git mode as six octal digits ("100644"). */
  mode: string;
  oid: string;
  type: 'blob' | 'tree' | 'commit';
}

/** The tree id of a commit. A missing object throws a MissingObjectError (src/repo/missing.ts), as every reader here does. */
export async function treeOf(repo: Repository, commit: string): Promise<string> {
  return (await reading(repo, commit, 'commit', () => git.readCommit({ ...gitArgs(repo), oid: commit }))).commit.tree;
}

/** One tree level (not recursive). Parsed trees are kept per repository: a tree id never changes meaning. */
export function readTreeLevel(repo: Repository, tree: string): Promise<TreeFile[]> {
  let memo = trees.get(repo.cache);
  if (!memo) trees.set(repo.cache, (memo = new Map()));
  let found = memo.get(tree);
  if (!found) {
    found = reading(repo, tree, 'tree', () => git.readTree({ ...gitArgs(repo), oid: tree })).then(({ tree: entries }) => entries.map((e) => ({ path: e.path, mode: e.mode, oid: e.oid, type: e.type })));
    memo.set(tree, found);
  }
  return found;
}

const trees = new WeakMap<object, Map<string, Promise<TreeFile[]>>>();

/** Every non-tree entry under a tree, recursively, with full paths. Only tree objects are read. */
export async function listFiles(repo: Repository, tree: string, prefix = ''): Promise<TreeFile[]> {
  const out: TreeFile[] = [];
  for (const entry of await atPath(repo, prefix.replace(/\/$/, ''), () => readTreeLevel(repo, tree))) {
    const path = prefix + entry.path;
    if (entry.type === 'tree') out.push(...(await listFiles(repo, entry.oid, `${path}/`)));
    else out.push({ ...entry, path });
  }
  return out;
}

/** The entry at a path, or undefined. Reads only the trees on the way. */
export async function entryAt(repo: Repository, tree: string, path: string): Promise<TreeFile | undefined> {
  const parts = path.split('/');
  let current = tree;
  for (let i = 0; i < parts.length; i++) {
    const level = current;
    const entry = (await atPath(repo, parts.slice(0, i).join('/'), () => readTreeLevel(repo, level))).find((e) => e.path === parts[i]);
    if (!entry) return undefined;
    if (i === parts.length - 1) return { ...entry, path };
    if (entry.type !== 'tree') return undefined;
    current = entry.oid;
  }
  return undefined;
}

/** The bytes of a blob; `path` names the file in a MissingObjectError. */
export async function readBlobBytes(repo: Repository, oid: string, path?: string): Promise<Uint8Array> {
  return (await reading(repo, oid, 'blob', () => git.readBlob({ ...gitArgs(repo), oid }), path)).blob;
}

/** Name the folder a tree was read for when it is missing. */
async function atPath<T>(repo: Repository, path: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw error instanceof MissingObjectError ? error.at(path, repo) : error;
  }
}

/** The UTF-8 text of the file at a path, or undefined when there is no regular file there. */
export async function readText(repo: Repository, tree: string, path: string): Promise<string | undefined> {
  const entry = await entryAt(repo, tree, path);
  if (!entry || entry.type !== 'blob') return undefined;
  return new TextDecoder().decode(await readBlobBytes(repo, entry.oid, path));
}

export interface SnapshotOptions {
  /** Which files to read the text of; the others are listed with their mode only (size 0, no text). */
  load?: (path: string) => boolean;
}

/**
 * The tree of a commit as a Snapshot, without checkout. On a large commons
 * reading every blob is slow, so `load` chooses the files whose text matters.
 */
export async function readSnapshot(repo: Repository, commit: string, options: SnapshotOptions = {}): Promise<Snapshot> {
  const files = await listFiles(repo, await treeOf(repo, commit));
  return snapshotOf(await Promise.all(files.map((file) => snapshotEntry(repo, file, options.load ?? (() => true)))));
}

async function snapshotEntry(repo: Repository, file: TreeFile, load: (path: string) => boolean): Promise<SnapshotEntry> {
  const mode = file.type === 'commit' ? 'submodule' : modeFromGit(file.mode);
  if (mode !== 'file' || !load(file.path)) return { path: file.path, mode, size: 0 };
  const bytes = await readBlobBytes(repo, file.oid, file.path);
  return { path: file.path, mode, size: bytes.byteLength, text: new TextDecoder().decode(bytes) };
}
