/**
 * The file system isomorphic-git writes through (src/repo/repository.ts hands
 * it this and nothing else). isomorphic-git writes a file by opening it and
 * then writing it, and it skips an object whose file already exists: a run
 * killed between the two left an empty loose object that won every later write
 * of the same object, and a ref could then be moved onto it (issue 10,
 * "Nothing lost, nothing corrupt"). Here every write inside the git directory
 * (loose objects, packfiles, the index, refs, config) goes to a temporary file
 * in the same folder, then is renamed into place: for a run that is killed, a
 * file is either absent or complete. A loose object that is there is verified
 * before it is trusted: an empty or undecodable one, or one whose content does
 * not hash to its name, is reported as absent, so the next write replaces it
 * with the right bytes and a reader reports it missing instead of failing to
 * inflate.
 *
 * Durability against a power cut: every file but a loose object is fsynced
 * before its rename. Loose objects (a merge writes a dozen) are fsynced
 * together, with their folders, in one batch before any ref may name them
 * (syncWrites, called by src/repo/ref.ts): concurrent fsyncs share the file
 * system's journal commits, where one after the other each waited for its
 * own (issue 14: 18 fsyncs in a row a merge). Until then a power cut can
 * leave an object renamed but empty; no ref names it, and the verification
 * above treats it as absent.
 *
 * Files outside the git directory (the working tree, which only
 * src/repo/checkout.ts writes) are written as git writes them.
 */
import * as nodeFs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { constants as zlib, inflateSync } from 'node:zlib';

const fsp = nodeFs.promises;

/** What was renamed into place since the last syncWrites, per wrapped fs: loose objects not yet fsynced, and folders. */
interface Unsynced {
  files: Set<string>;
  dirs: Set<string>;
}

const unsynced = new WeakMap<object, Unsynced>();

/** The synchronous loose-object writer of each wrapped fs (writeLooseObject). */
const objectWriters = new WeakMap<object, (oid: string, file: Uint8Array) => void>();

/** A node:fs whose writes inside `gitdir` are atomic, and whose loose objects are verified before use. */
export function atomicFs(gitdir: string): typeof nodeFs {
  const root = resolve(gitdir);
  const verified = new Set<string>();
  const pending: Unsynced = { files: new Set(), dirs: new Set() };
  const inside = (path: string): string | undefined => {
    const rel = relative(root, resolve(path));
    return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? undefined : rel.split('\\').join('/');
  };
  const looseOid = (path: string): string | undefined => {
    const match = /^objects\/([0-9a-f]{2})\/([0-9a-f]{38})$/.exec(inside(path) ?? '');
    return match ? match[1]! + match[2]! : undefined;
  };

  async function writeFile(path: string, data: string | Uint8Array, options?: nodeFs.WriteFileOptions): Promise<void> {
    const rel = inside(String(path));
    if (rel === undefined) return fsp.writeFile(path, data, options);
    const target = resolve(String(path));
    const temp = join(dirname(target), temporaryName(rel));
    const mode = typeof options === 'object' && options !== null && options.mode !== undefined ? Number(options.mode) : 0o666;
    const encoding = typeof options === 'string' ? options : (options?.encoding ?? undefined);
    // ENOENT here (no folder yet) reaches isomorphic-git, which creates the folder and writes again.
    const handle: FileHandle = await fsp.open(temp, 'wx', mode);
    // A loose object is named by its content and verified before use: it is fsynced with the others before a ref moves.
    const object = looseOid(target) !== undefined;
    try {
      try {
        await handle.writeFile(data, encoding ? { encoding } : {});
        if (!object) await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.rename(temp, target);
    } catch (error) {
      await fsp.rm(temp, { force: true });
      throw error;
    }
    verified.delete(target);
    if (object) pending.files.add(target);
    pending.dirs.add(dirname(target));
  }

  async function readFile(path: nodeFs.PathLike, options?: unknown): Promise<string | Buffer> {
    const data = await fsp.readFile(path, options as { encoding: null });
    const oid = looseOid(String(path));
    if (oid === undefined || verified.has(resolve(String(path)))) return data;
    // Cheap on every read: the file is a zlib stream that starts with an object header. isomorphic-git checks the hash itself.
    if (typeof data === 'string' || !startsWithHeader(data)) throw absent(String(path));
    return data;
  }

  let rootStats: nodeFs.Stats | undefined;
  async function stat(path: nodeFs.PathLike, options?: nodeFs.StatOptions): Promise<nodeFs.Stats> {
    // isomorphic-git asks what the git directory is on every call (a folder, or a worktree's .git file): it stays a folder.
    if (options === undefined && resolve(String(path)) === root) return (rootStats ??= (await fsp.stat(root)) as nodeFs.Stats);
    const stats = (await fsp.stat(path, options)) as nodeFs.Stats;
    const oid = looseOid(String(path));
    const full = resolve(String(path));
    // isomorphic-git asks "does this object exist?" before it skips writing it: only a whole, matching object does.
    if (oid !== undefined && !verified.has(full)) {
      if (!intact(await fsp.readFile(full), oid)) throw absent(full);
      verified.add(full);
    }
    return stats;
  }

  /** A loose object file (zlib of the object) written aside and renamed into place; fsynced with the others by syncWrites. */
  function writeObjectFile(oid: string, file: Uint8Array): void {
    const dir = join(root, 'objects', oid.slice(0, 2));
    const target = join(dir, oid.slice(2));
    if (!nodeFs.existsSync(dir)) {
      nodeFs.mkdirSync(dir, { recursive: true });
      pending.dirs.add(dirname(dir)); // the new folder's own entry
    }
    const temp = join(dir, temporaryName(`objects/${oid.slice(0, 2)}/`));
    try {
      nodeFs.writeFileSync(temp, file, { flag: 'wx', mode: 0o444 });
      nodeFs.renameSync(temp, target);
    } catch (error) {
      nodeFs.rmSync(temp, { force: true });
      throw error;
    }
    verified.add(target);
    pending.files.add(target);
    pending.dirs.add(dir);
  }

  const promises = { ...fsp, writeFile, readFile, stat } as unknown as typeof fsp;
  const wrapped = { ...nodeFs, promises } as typeof nodeFs;
  unsynced.set(wrapped, pending);
  objectWriters.set(wrapped, writeObjectFile);
  return wrapped;
}

/**
 * Write a loose object through `fs` (made by atomicFs): `file` is the zlib of
 * the object whose SHA-1 is `oid`. Synchronous, as git writes it: a merge
 * writes a dozen small objects, and a promise per file system call cost more
 * than the work (issue 14). Durable once syncWrites has run.
 */
export function writeLooseObject(fs: object, oid: string, file: Uint8Array): void {
  const write = objectWriters.get(fs);
  if (!write) throw new Error('writeLooseObject needs the file system of atomicFs (src/repo/repository.ts opens repositories with it)');
  write(oid, file);
}

/**
 * Make the writes done through `fs` durable: fsync each loose object written
 * and each folder that received a file, all at once. Called before a ref
 * moves, so that a ref never survives a power cut that the objects it names
 * did not. `alongside` runs in the same batch (the ref's own temporary file).
 */
export async function syncWrites(fs: object, alongside: Promise<void> = Promise.resolve()): Promise<void> {
  const pending = unsynced.get(fs);
  if (!pending) return alongside;
  // Taken off the list first: a write that comes in meanwhile is listed again, for the next call.
  const files = [...pending.files];
  const dirs = [...pending.dirs];
  pending.files.clear();
  pending.dirs.clear();
  const results = await Promise.allSettled([alongside, ...files.map(syncFile), ...dirs.map(syncDirectory)]);
  const failed = results.find((r) => r.status === 'rejected');
  if (!failed) return;
  for (const file of files) pending.files.add(file);
  for (const dir of dirs) pending.dirs.add(dir);
  throw failed.reason;
}

/** fsync a file written earlier. */
async function syncFile(path: string): Promise<void> {
  const handle = await fsp.open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync a folder (its entries: a rename into it). */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Git's own names for temporary files (`tmp_obj_*`, `tmp_pack_*`): `git fsck`
 * ignores them and `git gc` removes old ones. Elsewhere a name ending in
 * `.lock`, which git never reads as a ref and the bot never lists as a change.
 */
function temporaryName(rel: string): string {
  const nonce = randomBytes(8).toString('hex');
  if (/^objects\/[0-9a-f]{2}\//.test(rel)) return `tmp_obj_${nonce}`;
  if (rel.startsWith('objects/pack/')) return `tmp_pack_${nonce}`;
  return `.${basename(rel)}.tmp-${nonce}.lock`;
}

/** A loose object file holds the zlib-deflated object whose SHA-1 is its name. */
export function intact(file: Uint8Array, oid: string): boolean {
  if (file.length === 0) return false;
  try {
    return createHash('sha1').update(inflateSync(file)).digest('hex') === oid;
  } catch {
    return false; // truncated or not zlib at all
  }
}

/** The first bytes inflate to "<type> <size>": read a growing prefix, never the whole of a large object. */
function startsWithHeader(file: Uint8Array): boolean {
  try {
    for (let n = 64; ; n *= 4) {
      const head = inflateSync(file.subarray(0, n), { finishFlush: zlib.Z_SYNC_FLUSH });
      // A block's Huffman tables can take a few hundred bytes before the first byte of output.
      if (head.length >= 16 || n >= file.length) return /^(blob|tree|commit|tag) \d/.test(head.subarray(0, 32).toString('latin1'));
    }
  } catch {
    return false;
  }
}

function absent(path: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`ENOENT: damaged loose object treated as absent, '${path}'`);
  error.code = 'ENOENT';
  error.path = path;
  return error;
}
