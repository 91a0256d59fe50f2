/**
 * The one place git objects are read from disk, with their size checked first.
 *
 * isomorphic-git inflates a whole object before anyone can look at it, so a
 * 600 MB file of zeros (2.7 MB in git) would be read, decoded and would take
 * the bot down with every change queued after it. Here the size comes from the
 * object's header: a loose object's first few compressed bytes, a packed
 * object's entry header (and, for a delta, the first bytes of the delta). Only
 * an object within its limit is then read in full.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { constants, inflateSync } from 'node:zlib';
import git from 'isomorphic-git';
import { intact } from './atomic-fs.ts';
import { BadObjectError } from './bad-object.ts';
import { MissingObjectError, reading, type ObjectKind } from './missing.ts';
// Types only: repository.ts reads through this module (resolveCommit), so no value is imported back.
import type { Repository } from './repository.ts';

export type ObjectType = 'commit' | 'tree' | 'blob' | 'tag';

export interface ObjectHeader {
  type: ObjectType;
  /** Size of the object's content in bytes, as its header says. */
  size: number;
  /**
   * For a packed delta: the largest object (or delta) that must be inflated to
   * rebuild it. A pack can store a small file as a delta of a huge one.
   */
  largestBase?: number;
}

/**
 * The largest file the bot reads: the largest `posts.maxBytes` a policy can
 * set (src/commons/schema/policy.ts). A larger file is refused from its header.
 */
export const MAX_FILE_BYTES = 10_000_000;
/** The largest tree the bot reads (about 250,000 entries); a commons folder of 40,000 posts is 2.5 MB. */
export const MAX_TREE_BYTES = 16 * 1024 * 1024;
/** The largest commit the bot reads: a commit is a few hundred bytes plus its message and signature. */
export const MAX_COMMIT_BYTES = 1024 * 1024;

/** The empty tree: git knows it without storing it, and so does isomorphic-git. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/**
 * The content of an object of the given kind, read only when its header says
 * it is at most `limit` bytes. Throws a MissingObjectError when it is absent,
 * a BadObjectError (file/too-large, object/too-large, object/wrong-type,
 * object/corrupt) when it cannot be trusted; `path` names the file or folder in either.
 */
export async function readObjectWithin(repo: Repository, oid: string, kind: Exclude<ObjectKind, 'object'>, limit: number, path?: string): Promise<Uint8Array> {
  const found = locate(repo, oid, kind, path);
  const { header } = found;
  if (header.type !== kind) throw wrongType(oid, kind, header.type, path);
  if (header.size > limit) throw tooLarge(oid, kind, header.size, limit, path);
  if ((header.largestBase ?? 0) > limit) throw tooLarge(oid, kind, header.size, limit, path, header.largestBase);
  if (oid === EMPTY_TREE) return new Uint8Array(0);
  const loose = found.loose ? readLoose(repo, oid, kind, header, path) : undefined;
  if (loose) return loose;
  const packed = found.loose ? undefined : readPacked({ repo, oid, kind, path }, oid);
  if (packed) {
    if (packed.type !== kind) throw wrongType(oid, kind, packed.type, path);
    return packed.bytes;
  }
  // Gone from where it was found (packed or repacked meanwhile): isomorphic-git looks everywhere again.
  const read = await corruptAsBad(oid, kind, path, () => reading(repo, oid, kind, () => git.readObject({ fs: repo.fs, gitdir: repo.gitdir, cache: repo.cache, oid, format: 'content' }), path));
  if (read.type !== kind) throw wrongType(oid, kind, read.type, path);
  const bytes = read.object as Uint8Array;
  if (bytes.byteLength !== header.size) throw corrupt(oid, kind, 'size', `its header says ${header.size} bytes, its content has ${bytes.byteLength}`, path, '', [header.size, bytes.byteLength]);
  return bytes;
}

/** The type and size of an object, without reading its content. */
export async function objectHeader(repo: Repository, oid: string, kind: ObjectKind = 'object', path?: string): Promise<ObjectHeader> {
  return locate(repo, oid, kind, path).header;
}

/** The size of a blob from its header: readers that refuse large files ask before reading. */
export async function blobSize(repo: Repository, oid: string, path?: string): Promise<number> {
  const header = await objectHeader(repo, oid, 'blob', path);
  if (header.type !== 'blob') throw wrongType(oid, 'blob', header.type, path);
  return header.size;
}

/**
 * Whether the object is already stored whole: in a pack's index, or as a
 * loose file that inflates to it (a damaged or empty one is not, and is
 * written again). Writers skip an object that is, as git does.
 */
export function storedWhole(repo: Repository, oid: string): boolean {
  const id = Buffer.from(oid, 'hex');
  if (packsOf(repo, false).some((pack) => offsetIn(pack.index, id) !== undefined)) return true;
  const path = loosePath(repo, oid);
  // A new object has no file yet: asked without an exception (the common case for a writer).
  if (!repo.fs.existsSync(path)) return false;
  let file: Buffer;
  try {
    file = repo.fs.readFileSync(path);
  } catch {
    return false;
  }
  return intact(file, oid);
}

interface Located {
  header: ObjectHeader;
  /** Stored as a loose object (else in a pack). */
  loose: boolean;
}

/**
 * Where an object is and what its header says, remembered per repository
 * cache (an object never changes). Packs first (their indexes are in memory),
 * then the loose object, then the packs again in case one appeared meanwhile.
 * Synchronous reads of a few bytes: cheaper here than a promise per read.
 */
function locate(repo: Repository, oid: string, kind: ObjectKind, path: string | undefined): Located {
  if (oid === EMPTY_TREE) return { header: { type: 'tree', size: 0 }, loose: false };
  const state = stateOf(repo);
  const known = state.located.get(oid);
  if (known) return known;
  const ctx: Context = { repo, oid, kind, path };
  const packed = (reload: boolean): Located | undefined => {
    const header = packedHeader(ctx, oid, 0, reload);
    return header && { header, loose: false };
  };
  const located = packed(false) ?? locateLoose(ctx, oid) ?? packed(true);
  if (!located) throw new MissingObjectError(repo, oid, kind, path);
  state.located.set(oid, located);
  // The objects located last are kept: memory does not grow with the history (one is located again when asked again).
  if (state.located.size > LOCATED_KEPT) state.located.delete(state.located.keys().next().value!);
  return located;
}

/** The object being read, for the errors of everything read on its behalf (delta bases included). */
interface Context {
  repo: Repository;
  oid: string;
  kind: ObjectKind;
  path: string | undefined;
}

interface Pack {
  index: Buffer;
  file: string;
  /** Headers by offset: objects of a delta chain share their bases. */
  headers: Map<number, ObjectHeader>;
  /** Where each entry ends (the next entry's offset), listed from the index when an entry is first read. */
  ends?: Float64Array;
}

interface State {
  packs?: Pack[];
  located: Map<string, Located>;
  /** The last small loose object file whose header was read, whole: its content is read next. */
  justRead?: { oid: string; file: Buffer };
}

const LOCATED_KEPT = 262_144;

/** Loose object files up to this size are read whole when their header is read (one open, not two). */
const WHOLE_LOOSE = 64 * 1024;

const states = new WeakMap<object, State>();

function stateOf(repo: Repository): State {
  let state = states.get(repo.cache);
  if (!state) states.set(repo.cache, (state = { located: new Map() }));
  return state;
}

// --- loose objects: objects/ab/cdef…, zlib of "<type> <size>\0<content>" ---

function loosePath(repo: Repository, oid: string): string {
  return join(repo.gitdir, 'objects', oid.slice(0, 2), oid.slice(2));
}

function locateLoose(ctx: Context, oid: string): Located | undefined {
  const header = looseHeader(ctx, oid);
  return header && { header, loose: true };
}

function looseHeader(ctx: Context, oid: string): ObjectHeader | undefined {
  const fd = openIfExists(ctx.repo, loosePath(ctx.repo, oid));
  if (fd === undefined) return undefined;
  try {
    const size = ctx.repo.fs.fstatSync(fd).size;
    // A small file is read whole at once, for the read of its content that usually follows (readLoose).
    let file = size <= WHOLE_LOOSE ? Buffer.alloc(size) : undefined;
    if (file && ctx.repo.fs.readSync(fd, file, 0, size, 0) !== size) file = undefined;
    if (file) stateOf(ctx.repo).justRead = { oid, file };
    const start = inflatedStart(ctx.repo, fd, 0, size, (out) => out.indexOf(0) >= 0, file);
    const header = start && parseLooseHeader(start.subarray(0, start.indexOf(0)));
    if (!header) throw corrupt(ctx.oid, ctx.kind, 'no-header', 'its loose object file does not start with a git object header', ctx.path);
    return header;
  } finally {
    ctx.repo.fs.closeSync(fd);
  }
}

function parseLooseHeader(bytes: Uint8Array): ObjectHeader | undefined {
  const m = /^(commit|tree|blob|tag) (0|[1-9][0-9]{0,15})$/.exec(Buffer.from(bytes).toString('latin1'));
  return m ? { type: m[1] as ObjectType, size: Number(m[2]) } : undefined;
}

/**
 * A loose object's content, its size already checked: inflated with node's
 * zlib, never more than the header announced, and verified by its hash as git
 * does. Undefined when the file has gone meanwhile (packed by `git gc`).
 */
function readLoose(repo: Repository, oid: string, kind: ObjectKind, header: ObjectHeader, path: string | undefined): Uint8Array | undefined {
  let compressed: Buffer;
  const state = stateOf(repo);
  const justRead = state.justRead?.oid === oid ? state.justRead.file : undefined;
  state.justRead = undefined;
  try {
    compressed = justRead ?? repo.fs.readFileSync(loosePath(repo, oid));
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
  const prefix = `${header.type} ${header.size}\0`.length;
  let whole: Buffer;
  try {
    whole = inflateSync(compressed, { maxOutputLength: prefix + header.size + 1 });
  } catch (error) {
    throw corrupt(oid, kind, 'inflate', `its loose object file cannot be inflated (${(error as Error).message})`, path, (error as Error).message);
  }
  if (whole.length !== prefix + header.size) throw corrupt(oid, kind, 'size', `its header says ${header.size} bytes, its content has ${whole.length - prefix}`, path, '', [header.size, whole.length - prefix]);
  if (createHash('sha1').update(whole).digest('hex') !== oid) throw corrupt(oid, kind, 'id', 'its content does not match its id', path);
  return whole.subarray(prefix);
}

/**
 * Inflate only the start of a zlib stream at `offset`: a few bytes of input
 * at first, more while `enough` says the output does not yet hold what is
 * wanted. Output is at most about 1,000 times the input read, so a header is
 * found without inflating the object behind it.
 */
function inflatedStart(repo: Repository, fd: number, offset: number, end: number, enough: (out: Buffer) => boolean, file?: Buffer): Buffer | undefined {
  for (const length of [64, 512, 4096]) {
    const want = Math.min(length, end - offset);
    if (want <= 0) return undefined;
    // From the file's bytes when they were read whole already (`file`), else read from the descriptor.
    const input = file ? file.subarray(offset, offset + want) : Buffer.alloc(want);
    const bytesRead = file ? input.length : repo.fs.readSync(fd, input, 0, want, offset);
    let out: Buffer;
    try {
      out = inflateSync(input.subarray(0, bytesRead), { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return undefined; // not a zlib stream
    }
    if (enough(out)) return out;
    if (bytesRead < want) return undefined;
  }
  return undefined;
}

// --- packed objects: objects/pack/pack-*.idx maps ids to offsets in pack-*.pack ---

const OBJ_OFS_DELTA = 6;
const OBJ_REF_DELTA = 7;
const PACK_TYPES: Record<number, ObjectType> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };
/** A delta chain longer than this is refused (git itself writes chains of at most 50 by default, 4095 at most). */
const MAX_DELTA_CHAIN = 10_000;

/** The packs of the repository, listed once per cache; `reload` lists them again (a fetch or gc made new ones). */
function packsOf(repo: Repository, reload: boolean): Pack[] {
  const state = stateOf(repo);
  if (state.packs && !reload) return state.packs;
  const dir = join(repo.gitdir, 'objects', 'pack');
  let names: string[];
  try {
    names = repo.fs.readdirSync(dir).filter((name) => name.endsWith('.idx')).sort();
  } catch {
    names = []; // no pack folder
  }
  const old = new Map((state.packs ?? []).map((p) => [p.file, p]));
  state.packs = names.flatMap((name) => {
    const file = join(dir, name.replace(/\.idx$/, '.pack'));
    const kept = old.get(file);
    if (kept) return [kept];
    try {
      return [{ index: repo.fs.readFileSync(join(dir, name)), file, headers: new Map() }];
    } catch {
      return []; // removed meanwhile
    }
  });
  return state.packs;
}

function packedHeader(ctx: Context, oid: string, depth: number, reload: boolean): ObjectHeader | undefined {
  const id = Buffer.from(oid, 'hex');
  if (id.length !== 20) return undefined;
  for (const pack of packsOf(ctx.repo, reload)) {
    const offset = offsetIn(pack.index, id);
    if (offset === undefined) continue;
    const fd = openIfExists(ctx.repo, pack.file);
    if (fd === undefined) continue; // removed by a repack: the next listing finds its successor
    try {
      return packEntryHeader(ctx, pack, fd, offset, depth);
    } finally {
      ctx.repo.fs.closeSync(fd);
    }
  }
  return undefined;
}

/** How a pack entry's damage is said: `its entry in a pack …`. */
type EntryFault = (damage: string, what: string, detail?: string) => Error;

function entryFault(ctx: Context): EntryFault {
  return (damage, what, detail = '') => corrupt(ctx.oid, ctx.kind, damage, `its entry in a pack ${what}`, ctx.path, detail);
}

/**
 * The head of the pack entry at `offset`, read once for both readers (packEntryHeader, packEntry):
 * its type and size, where its data starts (`i`), and for a delta where its base is (`back` bytes
 * before it in the pack, or the base's `oid`). Every length is checked against the bytes read; an
 * unknown type, a base outside the pack or a chain too deep is refused.
 */
function entryHead(ctx: Context, fd: number, offset: number, depth: number, bad: EntryFault): { type: number; size: number; i: number; base?: { back: number } | { oid: string } } {
  if (depth > MAX_DELTA_CHAIN) throw bad('pack-chain', `is a chain of more than ${MAX_DELTA_CHAIN} deltas`, String(MAX_DELTA_CHAIN));
  const head = Buffer.alloc(32);
  const bytesRead = ctx.repo.fs.readSync(fd, head, 0, head.length, offset);
  let i = 0;
  let byte = head[i++]!;
  const type = (byte >> 4) & 7;
  let size = byte & 15;
  for (let shift = 4; byte & 0x80; shift += 7) {
    if (i >= bytesRead || shift > 49) throw bad('pack-header', 'has a malformed header');
    byte = head[i++]!;
    size += (byte & 0x7f) * 2 ** shift;
  }
  if (PACK_TYPES[type]) return { type, size, i };
  if (type === OBJ_OFS_DELTA) {
    byte = head[i++]!;
    let back = byte & 0x7f;
    while (byte & 0x80) {
      if (i >= bytesRead) throw bad('pack-base', 'has a malformed delta base');
      byte = head[i++]!;
      back = (back + 1) * 128 + (byte & 0x7f);
    }
    if (back <= 0 || back > offset) throw bad('pack-base-outside', 'names a delta base outside the pack');
    return { type, size, i, base: { back } };
  }
  if (type === OBJ_REF_DELTA) {
    if (i + 20 > bytesRead) throw bad('pack-base', 'has a malformed delta base');
    return { type, size, i: i + 20, base: { oid: head.subarray(i, i + 20).toString('hex') } };
  }
  throw bad('pack-type', `has an unknown type ${type}`, String(type));
}

/**
 * The header of the pack entry at `offset`: type and size for a whole object;
 * for a delta, the size of the object it makes (the delta's own header), the
 * type of the object at the end of its chain and the largest object on the way.
 */
function packEntryHeader(ctx: Context, pack: Pack, fd: number, offset: number, depth: number): ObjectHeader {
  const known = pack.headers.get(offset);
  if (known) return known;
  const bad = entryFault(ctx);
  const { type, size, i, base: named } = entryHead(ctx, fd, offset, depth, bad);
  let header: ObjectHeader;
  const whole = PACK_TYPES[type];
  if (whole) header = { type: whole, size };
  else {
    const base = (): ObjectHeader | undefined =>
      'back' in named! ? packEntryHeader(ctx, pack, fd, offset - named.back, depth + 1) : (packedHeader(ctx, named!.oid, depth + 1, false) ?? looseHeader(ctx, named!.oid));
    // A delta starts with two sizes (varints): the base's and the result's.
    const delta = inflatedStart(ctx.repo, fd, offset + i, ctx.repo.fs.fstatSync(fd).size, (out) => varints(out, 2) !== undefined);
    const sizes = delta && varints(delta, 2);
    if (!sizes) throw bad('pack-delta', 'has a malformed delta');
    const found = base();
    if (!found) throw new MissingObjectError(ctx.repo, ctx.oid, ctx.kind, ctx.path, [{ step: 'delta-base' }]);
    header = { type: found.type, size: sizes[1]!, largestBase: Math.max(size, found.size, found.largestBase ?? 0) };
  }
  pack.headers.set(offset, header);
  return header;
}
/** The first `count` little-endian base-128 numbers of a delta, or undefined when they are not all there. */
function varints(bytes: Buffer, count: number): number[] | undefined {
  const out: number[] = [];
  let i = 0;
  while (out.length < count) {
    let value = 0;
    let byte: number;
    let shift = 0;
    do {
      if (i >= bytes.length || shift > 49) return undefined;
      byte = bytes[i++]!;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    out.push(value);
  }
  return out;
}

/** The offset of an object in a pack, from its index (versions 1 and 2), or undefined. */
function offsetIn(index: Buffer, id: Buffer): number | undefined {
  const v2 = index.length >= 8 && index.readUInt32BE(0) === 0xff744f63;
  if (v2 && index.readUInt32BE(4) !== 2) return undefined;
  const fanout = v2 ? 8 : 0;
  if (index.length < fanout + 1024) return undefined;
  const count = index.readUInt32BE(fanout + 255 * 4);
  let low = id[0] === 0 ? 0 : index.readUInt32BE(fanout + (id[0]! - 1) * 4);
  let high = index.readUInt32BE(fanout + id[0]! * 4);
  const names = fanout + 1024;
  const nameAt = v2 ? (k: number) => names + k * 20 : (k: number) => names + k * 24 + 4;
  if ((v2 ? names + count * 28 : names + count * 24) > index.length) return undefined;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const cmp = index.compare(id, 0, 20, nameAt(mid), nameAt(mid) + 20) * -1;
    if (cmp === 0) {
      if (!v2) return index.readUInt32BE(names + mid * 24);
      const offsets = names + count * 24;
      const small = index.readUInt32BE(offsets + mid * 4);
      if (!(small & 0x80000000)) return small;
      const large = offsets + count * 4 + (small & 0x7fffffff) * 8;
      return large + 8 <= index.length ? Number(index.readBigUInt64BE(large)) : undefined;
    }
    if (cmp < 0) high = mid;
    else low = mid + 1;
  }
  return undefined;
}

// --- packed objects' content ---

/** Whole objects kept by pack offset after they served as a delta base: a chain's bases are shared by its objects. */
const BASES_BYTES = 32 * 1024 * 1024;
const bases = new WeakMap<Pack, Map<number, Whole>>();
let basesBytes = 0;

interface Whole {
  type: ObjectType;
  bytes: Buffer;
}

/**
 * A packed object's content, read here rather than by isomorphic-git (a
 * dozen promised calls, and a copy, per object; issue 14): its entry is
 * inflated with node's zlib, never beyond the size its header states, its
 * deltas applied with every copy checked against the base, and the result
 * verified by its id, as git fsck would. Undefined when no pack has it any
 * longer (repacked meanwhile).
 */
function readPacked(ctx: Context, oid: string): Whole | undefined {
  const id = Buffer.from(oid, 'hex');
  for (const pack of packsOf(ctx.repo, false)) {
    const offset = offsetIn(pack.index, id);
    if (offset === undefined) continue;
    const fd = openIfExists(ctx.repo, pack.file);
    if (fd === undefined) continue;
    let whole: Whole;
    try {
      whole = packEntry(ctx, pack, fd, offset, 0);
    } finally {
      ctx.repo.fs.closeSync(fd);
    }
    const hash = createHash('sha1').update(`${whole.type} ${whole.bytes.length}\0`).update(whole.bytes).digest('hex');
    if (hash !== oid) throw corrupt(ctx.oid, ctx.kind, 'id', 'its content does not match its id', ctx.path);
    return whole;
  }
  return undefined;
}

function packEntry(ctx: Context, pack: Pack, fd: number, offset: number, depth: number): Whole {
  const kept = bases.get(pack)?.get(offset);
  if (kept) return kept;
  const bad = entryFault(ctx);
  const { type, size, i, base: named } = entryHead(ctx, fd, offset, depth, bad);
  const base = named === undefined ? undefined : 'back' in named ? () => packEntry(ctx, pack, fd, offset - named.back, depth + 1) : () => refDeltaBase(ctx, named.oid);
  const end = entryEnd(ctx, pack, fd, offset);
  if (end <= offset + i) throw bad('pack-header', 'has a malformed header');
  const compressed = Buffer.alloc(end - offset - i);
  if (ctx.repo.fs.readSync(fd, compressed, 0, compressed.length, offset + i) !== compressed.length) throw bad('pack-header', 'has a malformed header');
  let data: Buffer;
  try {
    // One byte more than stated: an entry that inflates to more is refused, not cut.
    data = inflateSync(compressed, { maxOutputLength: size + 1 });
  } catch (error) {
    throw corrupt(ctx.oid, ctx.kind, 'unreadable', `git could not read it (${(error as Error).message})`, ctx.path, (error as Error).message);
  }
  if (data.length !== size) throw corrupt(ctx.oid, ctx.kind, 'size', `its header says ${size} bytes, its content has ${data.length}`, ctx.path, '', [size, data.length]);
  let whole: Whole;
  if (!base) whole = { type: PACK_TYPES[type]!, bytes: data };
  else {
    const from = base();
    const bytes = applyDelta(from.bytes, data);
    if (!bytes) throw bad('pack-delta', 'has a malformed delta');
    whole = { type: from.type, bytes };
  }
  if (depth > 0) keepBase(pack, offset, whole);
  return whole;
}

/** The base of a delta named by its id: in a pack, or loose. */
function refDeltaBase(ctx: Context, oid: string): Whole {
  const located = locate(ctx.repo, oid, 'object', ctx.path);
  const bytes = located.loose ? readLoose(ctx.repo, oid, ctx.kind, located.header, ctx.path) : undefined;
  if (bytes) return { type: located.header.type, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  const packed = located.loose ? undefined : readPacked({ ...ctx, oid }, oid);
  if (!packed) throw new MissingObjectError(ctx.repo, ctx.oid, ctx.kind, ctx.path, [{ step: 'delta-base' }]);
  return packed;
}

function keepBase(pack: Pack, offset: number, whole: Whole): void {
  if (whole.bytes.length > BASES_BYTES / 4) return;
  let kept = bases.get(pack);
  if (!kept) bases.set(pack, (kept = new Map()));
  kept.set(offset, whole);
  basesBytes += whole.bytes.length;
  // Oldest first out; the budget is shared by every pack read in this process.
  while (basesBytes > BASES_BYTES && kept.size) {
    const [first, old] = kept.entries().next().value!;
    kept.delete(first);
    basesBytes -= old.bytes.length;
  }
}

/** Where the entry at `offset` ends: the next entry's offset, or the pack's trailing checksum. */
function entryEnd(ctx: Context, pack: Pack, fd: number, offset: number): number {
  pack.ends ??= entryOffsets(pack.index, ctx.repo.fs.fstatSync(fd).size - 20);
  const ends = pack.ends;
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (ends[mid]! <= offset) low = mid + 1;
    else high = mid;
  }
  return low < ends.length ? ends[low]! : offset;
}

/** Every entry's offset (version 2 index; version 1 too), sorted, then the end of the last entry. */
function entryOffsets(index: Buffer, last: number): Float64Array {
  const v2 = index.length >= 8 && index.readUInt32BE(0) === 0xff744f63;
  const fanout = v2 ? 8 : 0;
  const count = index.length >= fanout + 1024 ? index.readUInt32BE(fanout + 255 * 4) : 0;
  const names = fanout + 1024;
  const out = new Float64Array(count + 1);
  for (let k = 0; k < count; k++) {
    if (!v2) out[k] = index.readUInt32BE(names + k * 24);
    else {
      const small = index.readUInt32BE(names + count * 24 + k * 4);
      const large = names + count * 28 + (small & 0x7fffffff) * 8;
      out[k] = !(small & 0x80000000) ? small : large + 8 <= index.length ? Number(index.readBigUInt64BE(large)) : last;
    }
  }
  out[count] = last;
  return out.sort();
}

/**
 * Apply a git delta to its base: two sizes (the base's, the result's), then
 * instructions, each copying a range of the base or inserting the bytes that
 * follow it. Undefined when a size or a range does not fit.
 */
export function applyDelta(base: Uint8Array, delta: Uint8Array): Buffer | undefined {
  let i = 0;
  const size = (): number | undefined => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      if (i >= delta.length || shift > 49) return undefined;
      const byte = delta[i++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return value;
    }
  };
  const from = size();
  const to = size();
  if (from !== base.length || to === undefined) return undefined;
  const out = Buffer.allocUnsafe(to);
  let o = 0;
  while (i < delta.length) {
    const op = delta[i++]!;
    if (op & 0x80) {
      let offset = 0;
      let length = 0;
      for (let bit = 0; bit < 4; bit++) if (op & (1 << bit)) offset += delta[i++]! * 2 ** (8 * bit);
      for (let bit = 0; bit < 3; bit++) if (op & (16 << bit)) length += delta[i++]! * 2 ** (8 * bit);
      if (i > delta.length) return undefined;
      if (length === 0) length = 0x10000;
      if (offset + length > base.length || o + length > to) return undefined;
      out.set(base.subarray(offset, offset + length), o);
      o += length;
    } else if (op) {
      if (i + op > delta.length || o + op > to) return undefined;
      out.set(delta.subarray(i, i + op), o);
      i += op;
      o += op;
    } else return undefined; // 0 is reserved
  }
  return o === to ? out : undefined;
}

// --- shared ---

function openIfExists(repo: Repository, file: string): number | undefined {
  try {
    return repo.fs.openSync(file, 'r');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** isomorphic-git's failures to inflate or verify an object (a damaged file), as a BadObjectError; the rest unchanged. */
async function corruptAsBad<T>(oid: string, kind: ObjectKind, path: string | undefined, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown } | null;
    if (e && typeof e === 'object' && e.code === 'InternalError') {
      const detail = String(e.message).split('\n')[0]!;
      throw corrupt(oid, kind, 'unreadable', `git could not read it (${detail})`, path, detail);
    }
    throw error;
  }
}

/**
 * `damage` names how, for the problem catalogue (texts/problems-en.ts, DAMAGES), whose English is `found`;
 * `detail` is a library's words or a number, `sizes` what the header says and what the content has.
 */
function corrupt(oid: string, kind: ObjectKind, damage: string, found: string, path: string | undefined, detail = '', sizes: [number, number] | [] = []): BadObjectError {
  const params = { kind, oid: oid.slice(0, 10), damage, detail, header: sizes[0] ?? '', content: sizes[1] ?? '' };
  return new BadObjectError(oid, kind, [{ rule: 'object/corrupt', name: '', found: `${kind} ${oid.slice(0, 10)} is damaged: ${found}`, expected: 'an object git can read (`git fsck` names damaged objects)', code: 'object/corrupt', params }], path);
}

function wrongType(oid: string, kind: ObjectKind, type: string, path: string | undefined): BadObjectError {
  return new BadObjectError(oid, kind, [{ rule: 'object/wrong-type', name: '', found: `${oid.slice(0, 10)} is a ${type}`, expected: `a ${kind}, as the tree or commit that names it says`, code: 'object/wrong-type', params: { oid: oid.slice(0, 10), type, kind } }], path);
}

/** The refusal of an object over its limit (file/too-large), for readers that check sizes before reading. */
export function tooLarge(oid: string, kind: ObjectKind, size: number, limit: number, path: string | undefined, base?: number): BadObjectError {
  const what = kind === 'blob' ? 'file' : kind;
  const reason = kind === 'blob' ? `no file of a commons needs more (the largest posts.maxBytes a policy can set is ${MAX_FILE_BYTES})` : `no ${kind} of a commons needs more`;
  const found = base === undefined ? `the ${what} is ${size} bytes (from its git header; it was not read)` : `the ${what} is stored in its pack as a delta of an object of ${base} bytes (it was not read)`;
  return new BadObjectError(oid, kind, [{ rule: kind === 'blob' ? 'file/too-large' : 'object/too-large', name: '', found, expected: `at most ${limit} bytes: ${reason}`, code: 'object/too-large', params: { kind, size, limit, base: base ?? '', max: MAX_FILE_BYTES } }], path);
}
