/**
 * Trees at a commit, read from git objects: nothing is checked out, so a
 * contribution's files are only ever data (DESIGN.md principle 5).
 */
import { modeFromGit, snapshotOf, type Snapshot, type SnapshotEntry } from '../commons/snapshot.ts';
import { BadObjectError } from './bad-object.ts';
import { MissingObjectError } from './missing.ts';
import { createHash } from 'node:crypto';
import { MAX_COMMIT_BYTES, MAX_FILE_BYTES, MAX_TREE_BYTES, objectHeader, readObjectWithin } from './objects.ts';
import type { Repository } from './repository.ts';
import { namedAt, parseTree, type ParsedPrefix, type ParsedTree } from './tree-object.ts';

export interface TreeFile {
  path: string;
  /** Git mode as six octal digits ("100644"). */
  mode: string;
  oid: string;
  type: 'blob' | 'tree' | 'commit';
}

/**
 * The tree id of a commit. A missing object throws a MissingObjectError
 * (src/repo/missing.ts), an object git or the bot refuses a BadObjectError
 * (src/repo/bad-object.ts), as every reader here does.
 */
export async function treeOf(repo: Repository, commit: string): Promise<string> {
  let memo = commitTrees.get(repo.cache);
  if (!memo) commitTrees.set(repo.cache, (memo = new Map()));
  const known = memo.get(commit);
  if (known !== undefined) return known;
  const tree = await readTreeId(repo, commit);
  memo.set(commit, tree);
  if (memo.size > COMMIT_TREES_KEPT) memo.delete(memo.keys().next().value!);
  return tree;
}

/** The tree of each commit read lately (a commit id never changes meaning): audit asks for the same few commits' trees again and again. */
const commitTrees = new WeakMap<object, Map<string, string>>();
const COMMIT_TREES_KEPT = 65_536;

async function readTreeId(repo: Repository, commit: string): Promise<string> {
  const bytes = await readObjectWithin(repo, commit, 'commit', MAX_COMMIT_BYTES);
  const tree = /^tree ([0-9a-f]{40})\n/.exec(Buffer.from(bytes.subarray(0, 46)).toString('latin1'))?.[1];
  if (!tree) throw new BadObjectError(commit, 'commit', [{ rule: 'object/corrupt', name: '', found: `commit ${commit.slice(0, 10)} does not start with a "tree" line`, expected: 'a commit as git writes it', fsck: 'missingTree', code: 'object/commit-without-tree', params: { oid: commit.slice(0, 10) } }]);
  return tree;
}

/**
 * One tree level (not recursive), read and checked as `git fsck` checks it
 * (src/repo/tree-object.ts): every reader of a tree goes through here, so a
 * tree git would refuse is refused whatever reads it. Parsed trees are kept
 * per repository: a tree id never changes meaning.
 */
export function readTreeLevel(repo: Repository, tree: string): Promise<TreeFile[]> {
  let kept = keptLevels.get(repo.cache);
  if (!kept) keptLevels.set(repo.cache, (kept = { levels: new Map(), large: new Map() }));
  const { levels, large } = kept;
  let found = levels.get(tree);
  if (found) {
    // The last ones asked are kept: a folder asked again and again (main's years of posts, the ledger) stays.
    levels.delete(tree);
    levels.set(tree, found);
    if (large.delete(tree)) large.set(tree, true);
    return found;
  }
  found = readLevel(repo, tree);
  levels.set(tree, found);
  if (levels.size > LEVELS_KEPT) {
    const oldest = levels.keys().next().value!;
    levels.delete(oldest);
    large.delete(oldest);
  }
  // Fewer large levels are kept: audit reads a year of records and of posts at each of ten thousand bases.
  void found.then((level) => {
    if (level.length < LARGE_LEVEL || !levels.has(tree)) return;
    large.set(tree, true);
    if (large.size <= LARGE_LEVELS_KEPT) return;
    const oldest = large.keys().next().value!;
    large.delete(oldest);
    levels.delete(oldest);
  }, () => undefined);
  return found;
}

/** Levels read lately per repository, least recently asked first, and which of them are large. */
const keptLevels = new WeakMap<object, { levels: Map<string, Promise<TreeFile[]>>; large: Map<string, true> }>();
/** At most LEVELS_KEPT levels are kept, of which at most LARGE_LEVELS_KEPT of LARGE_LEVEL entries or more (a level is read again from git when needed). */
const LEVELS_KEPT = 8_192;
const LARGE_LEVEL = 1_000;
const LARGE_LEVELS_KEPT = 64;

async function readLevel(repo: Repository, tree: string): Promise<TreeFile[]> {
  const prefix = await asPrefix(repo, tree);
  if (prefix) {
    inGitOrder.add(prefix);
    return prefix;
  }
  const bytes = await readObjectWithin(repo, tree, 'tree', MAX_TREE_BYTES);
  const shared = bytes.byteLength >= LARGE_TREE ? sharedStart(repo, bytes) : undefined;
  const parsed = parseTree(bytes, shared);
  if (parsed.faults.length) throw new BadObjectError(tree, 'tree', parsed.faults);
  if (shared) prefixes.set(parsed.entries, { whole: shared.tree.entries, count: shared.count });
  if (bytes.byteLength >= LARGE_TREE) keepLarge(repo, { bytes, tree: parsed });
  inGitOrder.add(parsed.entries);
  return parsed.entries;
}

/**
 * The large tree read before that shares the most entries, byte for byte, with `bytes`: at its
 * start (a year of records with one more record in it) and, after the entries that differ, at
 * its end (a year of posts with one more post in the middle), for parseTree to parse only the
 * entries between. Undefined when none shares half its entries.
 */
function sharedStart(repo: Repository, bytes: Uint8Array): ParsedPrefix | undefined {
  let best: { known: KnownTree; count: number; tail?: number; shared: number } | undefined;
  for (const known of familyOf(repo, bytes)) {
    const ends = known.tree.ends;
    // The entries that end within the bytes both start with (one pass of the shared bytes, compared natively).
    const common = sharedBytes(bytes, known.bytes);
    const count = entriesWithin(ends, common);
    // The entries that start within the bytes both end with, after the shared start in each.
    const room = Math.min(bytes.byteLength, known.bytes.byteLength) - (count > 0 ? ends[count - 1]! : 0);
    const last = sharedEndBytes(bytes, known.bytes, room);
    const tail = last > 0 ? firstWithin(ends, known.bytes.byteLength - last, count) : ends.length;
    const shared = count + ends.length - tail;
    if (shared > (best?.shared ?? 0)) best = { known, count, shared, ...(tail < ends.length ? { tail } : {}) };
  }
  if (!best || best.shared * 2 < best.known.tree.entries.length) return undefined;
  return { tree: best.known.tree, count: best.count, ...(best.tail !== undefined ? { tail: best.tail } : {}) };
}

/** How many entries end at or before `offset` (`ends` ascending). */
function entriesWithin(ends: readonly number[], offset: number): number {
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (ends[mid - 1]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The first entry from `from` on that starts at or after `offset` (entry i starts where entry i - 1 ends: after those ending before `offset`). */
function firstWithin(ends: readonly number[], offset: number, from: number): number {
  return Math.max(from, offset <= 0 ? 0 : entriesWithin(ends, offset - 1) + 1);
}

/** How many bytes `a` and `b` end with alike, at most `limit`: compared a block at a time from the end, then byte by byte. */
function sharedEndBytes(a: Uint8Array, b: Uint8Array, limit: number): number {
  const x = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const y = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const length = Math.max(0, limit);
  let at = 0;
  while (at < length) {
    const step = Math.min(4096, length - at);
    if (x.compare(y, y.length - at - step, y.length - at, x.length - at - step, x.length - at) !== 0) break;
    at += step;
  }
  while (at < length && x[x.length - at - 1] === y[y.length - at - 1]) at++;
  return at;
}

/** How many bytes `a` and `b` start with alike: compared a block at a time, then byte by byte in the block that differs. */
function sharedBytes(a: Uint8Array, b: Uint8Array): number {
  const x = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const y = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const length = Math.min(x.length, y.length);
  let at = 0;
  while (at < length) {
    const end = Math.min(at + 4096, length);
    if (x.compare(y, at, end, at, end) !== 0) break;
    at = end;
  }
  while (at < length && x[at] === y[at]) at++;
  return at;
}

/**
 * Large folders (a year of decision records, of posts) read lately, with their bytes: the folder
 * as it was at an older commit is usually a prefix of it (records and posts are added, numbered
 * and named in order), and audit reads that folder at the base of each of ten thousand records.
 */
const LARGE_TREE = 16 * 1024;

/**
 * Large trees kept per repository by family: the name of their first entry, which the versions
 * of one folder share (a year of records, of posts, the ledger's openings), most recently read
 * family last. A family keeps its largest versions (the folder at main holds the others'
 * starts) and the latest one read (the one the next version is most like): every folder keeps
 * versions to compare with, however large the others are.
 */
const largeTrees = new WeakMap<object, Map<string, KnownTree[]>>();
const FAMILIES_KEPT = 16;
const VERSIONS_KEPT = 4;

function keepLarge(repo: Repository, tree: KnownTree): void {
  let families = largeTrees.get(repo.cache);
  if (!families) largeTrees.set(repo.cache, (families = new Map()));
  const family = tree.tree.ids[0] ?? '';
  const versions = families.get(family) ?? [];
  families.delete(family);
  families.set(family, versions);
  if (families.size > FAMILIES_KEPT) families.delete(families.keys().next().value!);
  versions.sort((a, b) => b.bytes.byteLength - a.bytes.byteLength);
  versions.length = Math.min(versions.length, VERSIONS_KEPT - 1);
  versions.push(tree);
}

/** The kept versions of the folder whose tree is `bytes` (by its first entry's name). */
function familyOf(repo: Repository, bytes: Uint8Array): readonly KnownTree[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const space = buffer.indexOf(0x20);
  const nul = space < 0 ? -1 : buffer.indexOf(0, space + 1);
  return nul < 0 ? [] : (largeTrees.get(repo.cache)?.get(buffer.toString('latin1', space + 1, nul)) ?? []);
}

interface KnownTree {
  bytes: Uint8Array;
  tree: ParsedTree;
}

/** For a level whose first `count` entries are those of a larger level read before (the very same objects): that level and the count. */
const prefixes = new WeakMap<readonly TreeFile[], { whole: readonly TreeFile[]; count: number }>();

/**
 * The level read before whose first `count` entries a level starts with (all of them when `count`
 * is its length: the level is that one's start); undefined for a level that shares nothing known.
 */
export function prefixSource(level: readonly TreeFile[]): { whole: readonly TreeFile[]; count: number } | undefined {
  return prefixes.get(level);
}

/**
 * A tree that is, byte for byte, the start of a large tree read before (ending at one of its
 * entries), known from its header and its id without reading it: its id is the SHA-1 of
 * "tree <size>\0" and those bytes, as git names every object. Its entries are then that tree's
 * first ones, which passed the same checks (a prefix of a tree git accepts is one git accepts).
 * Undefined whenever that is not so, and the tree is read as any other.
 */
async function asPrefix(repo: Repository, tree: string): Promise<TreeFile[] | undefined> {
  const families = largeTrees.get(repo.cache);
  if (!families?.size) return undefined;
  const header = await objectHeader(repo, tree, 'tree');
  // Anything readObjectWithin would refuse is left to it, to refuse.
  if (header.type !== 'tree' || header.size < LARGE_TREE || header.size > MAX_TREE_BYTES || (header.largestBase ?? 0) > MAX_TREE_BYTES) return undefined;
  const hashed: Uint8Array[] = [];
  for (const candidate of [...families.values()].flat()) {
    if (header.size > candidate.bytes.byteLength) continue;
    const count = entriesEndingAt(candidate.tree.ends, header.size);
    if (count === undefined) continue;
    // Versions of one folder start alike: bytes already hashed (and not the tree) are not hashed again.
    if (hashed.some((bytes) => sharedBytes(bytes, candidate.bytes) >= header.size)) continue;
    hashed.push(candidate.bytes);
    const id = createHash('sha1').update(`tree ${header.size}\0`).update(candidate.bytes.subarray(0, header.size)).digest('hex');
    if (id !== tree) continue;
    const entries = candidate.tree.entries.slice(0, count);
    prefixes.set(entries, { whole: candidate.tree.entries, count });
    return entries;
  }
  return undefined;
}

/** How many entries end at or before `size` when one ends exactly there, else undefined. */
function entriesEndingAt(ends: readonly number[], size: number): number | undefined {
  const count = entriesWithin(ends, size);
  return count > 0 && ends[count - 1] === size ? count : undefined;
}

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
    const entry = entryNamed(await atPath(repo, parts.slice(0, i).join('/'), () => readTreeLevel(repo, level)), parts[i]!);
    if (!entry) return undefined;
    if (i === parts.length - 1) return { ...entry, path };
    if (entry.type !== 'tree') return undefined;
    current = entry.oid;
  }
  return undefined;
}

/**
 * The entry of a level with that name. A large level read from git (so in git's order: parseTree
 * refuses a tree that is not) is searched by halves; another large level asked more than once (the
 * ledger's thousands of openings, one asked per record an audit replays) is looked up by name after
 * its first scan.
 */
export function entryNamed(level: readonly TreeFile[], name: string): TreeFile | undefined {
  if (level.length < LARGE_LEVEL) return level.find((e) => e.path === name);
  // A name is a file's or a folder's: git sorts a folder as if its name ended with "/", so namedAt searches each.
  if (inGitOrder.has(level)) {
    const at = namedAt(level, name);
    return at >= 0 ? level[at] : undefined;
  }
  const index = levelIndex.get(level);
  if (index instanceof Map) return index.get(name);
  if (index === undefined) {
    levelIndex.set(level, 1);
    return level.find((e) => e.path === name);
  }
  const byName = new Map(level.map((e) => [e.path, e]));
  levelIndex.set(level, byName);
  return byName.get(name);
}

/** Levels as parsed from a tree object (or the start of one): in git's order, each name once. */
const inGitOrder = new WeakSet<readonly TreeFile[]>();

/** For a large level: scanned once (1), or its entries by name. */
const levelIndex = new WeakMap<readonly TreeFile[], 1 | Map<string, TreeFile>>();

/**
 * The bytes of a blob, read only when its git header says it is at most
 * `limit` bytes (default MAX_FILE_BYTES): a larger one throws a BadObjectError
 * (file/too-large) before anything is inflated. `path` names the file in errors.
 */
export async function readBlobBytes(repo: Repository, oid: string, path?: string, limit = MAX_FILE_BYTES): Promise<Uint8Array> {
  return readObjectWithin(repo, oid, 'blob', limit, path);
}

/** Name the folder a tree was read for when it is missing or refused. */
async function atPath<T>(repo: Repository, path: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw withPath(error, path, repo);
  }
}

/** A MissingObjectError or BadObjectError with the path it was read for; anything else unchanged. */
export function withPath(error: unknown, path: string, repo: Repository): unknown {
  if (error instanceof MissingObjectError) return error.at(path, repo);
  if (error instanceof BadObjectError) return error.at(path);
  return error;
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
