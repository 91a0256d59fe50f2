/**
 * Read a commons directory from disk into a Snapshot (the I/O side of
 * validate.ts). Only content/ and governance/ are read: the rest of a
 * repository is platform code that `check` does not judge. Symlinks are
 * reported as symlinks, never followed.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { snapshotOf, type Snapshot, type SnapshotEntry } from '../commons/snapshot.ts';

/** Files larger than this are not decoded; their size alone gets them refused. */
const READ_LIMIT = 20_000_000;

export async function readCommonsDirectory(root: string): Promise<Snapshot> {
  const entries: SnapshotEntry[] = [];
  for (const top of ['content', 'governance']) await walk(root, join(root, top), entries);
  return snapshotOf(entries);
}

async function walk(root: string, dir: string, out: SnapshotEntry[]): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const name of names.sort()) {
    const full = join(dir, name);
    const stats = await lstat(full);
    const path = relative(root, full).split(sep).join('/');
    if (stats.isDirectory()) await walk(root, full, out);
    else if (stats.isSymbolicLink()) out.push({ path, mode: 'symlink', size: stats.size });
    else if (stats.isFile()) {
      const mode = stats.mode & 0o111 ? 'executable' : 'file';
      const text = stats.size <= READ_LIMIT ? await readFile(full, 'utf8') : undefined;
      out.push({ path, mode, size: stats.size, ...(text !== undefined ? { text } : {}) });
    } else out.push({ path, mode: 'submodule', size: 0 });
  }
}
