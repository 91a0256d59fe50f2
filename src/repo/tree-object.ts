/**
 * A raw git tree object, parsed the way `git fsck` checks it (git's fsck.c,
 * fsck_tree; path.c, is_ntfs_dotgit; utf8.c, is_hfs_dotgit). Every reader of a
 * tree goes through this parse (src/repo/tree.ts, readTreeLevel), so the bot,
 * git and a forge all see the same files: a tree holding one name twice would
 * otherwise be judged by one entry and merged with the other.
 *
 * Pure: bytes in, entries and faults out.
 */
import type { ObjectFault } from './bad-object.ts';
import type { TreeFile } from './tree.ts';

export interface ParsedTree {
  /** The entries, in the tree's own order, when there is no fault. */
  entries: TreeFile[];
  /** Where each entry ends in the tree's bytes (the next one starts there), beside `entries`. */
  ends: number[];
  /** Each entry's name as its bytes read in Latin-1 (what duplicates are found by), beside `entries`. */
  ids: string[];
  faults: ObjectFault[];
}

/**
 * A tree already parsed (without a fault, so in git's order) that the tree being parsed shares
 * entries with, byte for byte: its first `count` entries, and from entry `tail` on (when given),
 * its last ones (a folder with a name added or removed in the middle: a year of posts one post
 * later). Those are taken as they are (they passed every check, and the checks of an entry
 * depend only on the entries before it); only the entries between are parsed, and checked
 * against the shared ones. When what lies between does not end exactly where the shared tail
 * starts, or would not be in order or unique beside it, the rest is parsed as any tree's is.
 */
export interface ParsedPrefix {
  tree: ParsedTree;
  count: number;
  tail?: number;
}

/** Faults listed per tree; a tree of 100,000 bad names makes one readable report. */
const MAX_FAULTS = 20;

const MODES: Record<string, { mode: string; type: TreeFile['type'] }> = {
  '100644': { mode: '100644', type: 'blob' },
  '100755': { mode: '100755', type: 'blob' },
  '120000': { mode: '120000', type: 'blob' },
  '40000': { mode: '040000', type: 'tree' },
  '160000': { mode: '160000', type: 'commit' },
};

const NULL_OID = '0'.repeat(40);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parse a tree object's content and check it as `git fsck` does, plus the names NoClout refuses (see nameFaults). */
export function parseTree(bytes: Uint8Array, prefix?: ParsedPrefix): ParsedTree {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = prefix?.count ?? 0;
  const entries: TreeFile[] = prefix ? prefix.tree.entries.slice(0, count) : [];
  const ends: number[] = prefix ? prefix.tree.ends.slice(0, count) : [];
  const ids: string[] = prefix ? prefix.tree.ids.slice(0, count) : [];
  const faults: ObjectFault[] = [];
  const seen = new Map<string, TreeFile>();
  const shared = prefix?.tree.entries ?? [];
  // An entry of the shared start with that name (the shared tree is in git's order: searched by halves).
  const sharedTwin = (name: string | undefined): TreeFile | undefined => {
    const at = name === undefined ? -1 : namedAt(shared, name);
    return at >= 0 && at < count ? shared[at] : undefined;
  };
  // Where the shared tail starts in these bytes (its entries are the shared tree's from `tail` on).
  const tail = prefix?.tail;
  const treeEnd = prefix?.tree.ends.at(-1) ?? 0;
  const tailStart = tail === undefined || tail >= shared.length ? -1 : buffer.length - (treeEnd - (tail > 0 ? prefix!.tree.ends[tail - 1]! : 0));
  let previous: { key: Buffer; name: string } | undefined;
  if (prefix && count > 0) {
    const last = entries[count - 1]!;
    const start = count > 1 ? ends[count - 2]! : 0;
    const rawName = buffer.subarray(buffer.indexOf(0x20, start) + 1, ends[count - 1]! - 21);
    previous = { key: last.type === 'tree' ? Buffer.concat([rawName, SLASH]) : rawName, name: last.path };
  }
  let unsorted = false;
  const add = (fault: ObjectFault) => {
    if (faults.length < MAX_FAULTS) faults.push(fault);
  };
  for (let cursor = count > 0 ? ends[count - 1]! : 0; cursor < buffer.length; ) {
    if (cursor === tailStart && faults.length === 0 && tailJoins(prefix!.tree, tail!, previous?.key, seen)) {
      const shift = buffer.length - treeEnd;
      for (let i = tail!; i < shared.length; i++) {
        entries.push(shared[i]!);
        ends.push(prefix!.tree.ends[i]! + shift);
        ids.push(prefix!.tree.ids[i]!);
      }
      break;
    }
    const space = buffer.indexOf(0x20, cursor);
    const nul = space < 0 ? -1 : buffer.indexOf(0, space + 1);
    if (space < 0 || nul < 0 || nul + 21 > buffer.length) {
      add({ rule: 'tree/malformed', name: '', found: `the tree cannot be parsed after byte ${cursor}`, expected: 'entries "<mode> <name>\\0<20-byte id>"', fsck: 'badTree', code: 'tree/malformed', params: { at: cursor } });
      break;
    }
    const modeText = buffer.toString('latin1', cursor, space);
    const rawName = buffer.subarray(space + 1, nul);
    const oid = buffer.toString('hex', nul + 1, nul + 21);
    cursor = nul + 21;
    const latin1 = buffer.toString('latin1', space + 1, nul);
    const name = isAscii(buffer, space + 1, nul) ? latin1 : decodeName(rawName);
    const shown = name ?? latin1;
    const known = MODES[modeText];
    for (const fault of entryFaults(modeText, name, shown, oid)) add(fault);
    const entry: TreeFile = { path: name ?? shown, mode: known?.mode ?? modeText, oid, type: known?.type ?? 'blob' };
    // git orders entries by their bytes, a folder's name as if it ended with "/".
    const key = entry.type === 'tree' ? Buffer.concat([rawName, SLASH]) : rawName;
    const id = latin1;
    const twin = seen.get(id) ?? sharedTwin(name);
    if (twin) add({ rule: 'tree/duplicate-entry', name: shown, found: `${JSON.stringify(shown)} is listed twice in one folder, as ${twin.type} ${twin.oid.slice(0, 10)} and as ${entry.type} ${oid.slice(0, 10)}`, expected: 'each name once per folder: readers would disagree on which entry is the file', fsck: 'duplicateEntries', code: 'tree/duplicate-entry', params: { name: shown, firstType: twin.type, first: twin.oid.slice(0, 10), secondType: entry.type, second: oid.slice(0, 10) } });
    else seen.set(id, entry);
    if (previous && !twin && !unsorted && Buffer.compare(previous.key, key) > 0) {
      unsorted = true;
      add({ rule: 'tree/unsorted', name: shown, found: `${JSON.stringify(shown)} comes after ${JSON.stringify(previous.name)}`, expected: "entries in git's order (by bytes, a folder as if its name ended with \"/\"), as every git command writes them", fsck: 'treeNotSorted', code: 'tree/unsorted', params: { name: shown, previous: previous.name } });
    }
    previous = { key, name: shown };
    entries.push(entry);
    ends.push(cursor);
    ids.push(id);
  }
  return faults.length ? { entries: [], ends: [], ids: [], faults } : { entries, ends, ids, faults };
}

/**
 * Whether the shared tree's entries from `tail` on may follow the entries parsed so far, as
 * parsing them would find: after the last one in git's order, and none of their names among
 * the entries parsed between (`seen`; the shared start and tail are one tree's, unique already).
 */
function tailJoins(tree: ParsedTree, tail: number, previous: Buffer | undefined, seen: ReadonlyMap<string, TreeFile>): boolean {
  const first = tree.entries[tail]!;
  const raw = Buffer.from(tree.ids[tail]!, 'latin1');
  const key = first.type === 'tree' ? Buffer.concat([raw, SLASH]) : raw;
  if (previous && Buffer.compare(previous, key) >= 0) return false;
  for (const entry of seen.values()) if (namedAt(tree.entries, entry.path) >= tail) return false;
  return true;
}

/**
 * The place of the entry with that name (a file's, a folder's or a submodule's) in entries in
 * git's order, by halves, or -1. Git sorts a folder as if its name ended with "/": both keys are
 * searched.
 */
export function namedAt(entries: readonly TreeFile[], name: string): number {
  const asFile = searchedAt(entries, name);
  if (asFile >= 0 && entries[asFile]!.type !== 'tree') return asFile;
  const asFolder = searchedAt(entries, `${name}/`);
  return asFolder >= 0 && entries[asFolder]!.type === 'tree' ? asFolder : -1;
}

/** The place of the entry whose sort key (its name, a folder's followed by "/") is `key`, by halves, or -1. */
function searchedAt(entries: readonly TreeFile[], key: string): number {
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const entry = entries[mid]!;
    const order = byCodePoints(entry.type === 'tree' ? `${entry.path}/` : entry.path, key);
    if (order === 0) return mid;
    if (order < 0) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/**
 * Strings compared by code points, which is the order of their UTF-8 bytes (git's): UTF-16 units
 * agree except that a code point past U+FFFF (a surrogate pair) sorts after U+E000 to U+FFFF.
 */
export function byCodePoints(x: string, y: string): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const a = x.charCodeAt(i);
    const b = y.charCodeAt(i);
    if (a === b) continue;
    const pairA = a >= 0xd800 && a <= 0xdfff;
    const pairB = b >= 0xd800 && b <= 0xdfff;
    if (pairA !== pairB) return pairA ? 1 : -1;
    return a - b;
  }
  return x.length - y.length;
}

/** Whether bytes start..end are ASCII, which reads the same in Latin-1 as in UTF-8 (most names: a tree of 10,000 posts is parsed often). */
function isAscii(buffer: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buffer[i]! >= 0x80) return false;
  return true;
}

const SLASH = Buffer.from('/');

const PLAIN_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const NO_FAULTS: readonly ObjectFault[] = [];

/** What is wrong with one entry on its own: its mode, its id, its name. */
function entryFaults(modeText: string, name: string | undefined, shown: string, oid: string): readonly ObjectFault[] {
  const known = MODES[modeText];
  // Most names are plain (a post's slug, a record's number and slug): no leading dot and no "~", so none of the
  // spellings of .git, .gitmodules or .gitattributes, no separator and no control character. Nothing to check.
  if (known && name !== undefined && oid !== NULL_OID && PLAIN_NAME.test(name)) return NO_FAULTS;
  const out: ObjectFault[] = [];
  if (!known) {
    const padded = modeText.startsWith('0') && MODES[modeText.replace(/^0+/, '')] !== undefined;
    out.push({ rule: 'tree/bad-mode', name: shown, found: `${JSON.stringify(shown)} has the file mode ${JSON.stringify(modeText)}`, expected: 'one of 100644 (file), 100755 (executable), 120000 (symbolic link), 40000 (folder), 160000 (submodule)', fsck: padded ? 'zeroPaddedFilemode' : 'badFilemode', code: 'tree/bad-mode', params: { name: shown, mode: modeText } });
  }
  if (oid === NULL_OID) out.push({ rule: 'tree/null-oid', name: shown, found: `${JSON.stringify(shown)} points to the null object id`, expected: 'the id of a real object', fsck: 'nullSha1', code: 'tree/null-oid', params: { name: shown } });
  if (name === undefined) out.push({ rule: 'tree/bad-name', name: shown, found: `the name ${JSON.stringify(shown)} (read as Latin-1) is not valid UTF-8`, expected: 'a UTF-8 name: any other encoding would be read differently by different programs', code: 'tree/bad-name', params: { name: shown, fault: 'encoding' } });
  else out.push(...nameFaults(name, known?.mode));
  return out;
}

function decodeName(raw: Uint8Array): string | undefined {
  try {
    return utf8.decode(raw);
  } catch {
    return undefined;
  }
}

/**
 * What git fsck refuses in a name (emptyName, fullPathname, hasDot, hasDotdot,
 * hasDotgit with its NTFS and HFS+ spellings, a symbolic link named
 * .gitmodules or .gitattributes), and two things NoClout refuses although git
 * stores them: a backslash (a folder separator on Windows, where git itself
 * refuses to check it out; no commons path needs one) and a control character
 * (a line break in a name rewrites every line-oriented report, records included).
 */
export function nameFaults(name: string, mode: string | undefined): ObjectFault[] {
  const out: ObjectFault[] = [];
  // `kind` names the fault for the problem catalogue (texts/problems-en.ts, TREE_NAME_FAULTS), whose English is found and expected.
  const fault = (kind: string, found: string, expected: string, fsck?: string) => out.push({ rule: 'tree/bad-name', name, found, expected, ...(fsck ? { fsck } : {}), code: 'tree/bad-name', params: { name, fault: kind } });
  const quoted = JSON.stringify(name);
  if (name === '') fault('empty', 'an entry has an empty name', 'a name of at least one character', 'emptyName');
  if (name.includes('/')) fault('slash', `the name ${quoted} contains "/"`, 'one path component per entry', 'fullPathname');
  if (name === '.' || name === '..') fault('dot', `the name ${quoted} is a relative path component`, 'a name other than "." and ".."', name === '.' ? 'hasDot' : 'hasDotdot');
  if (isDotGit(name)) fault('dotgit', `the name ${quoted} means ".git" on some file system`, 'no ".git" anywhere in a path: checking it out would write into the repository itself', 'hasDotgit');
  if (name.includes('\\')) fault('backslash', `the name ${quoted} contains a backslash`, 'a name without "\\": Windows reads it as a folder separator and git refuses to check it out there');
  if (/[\u0000-\u001f\u007f]/.test(name)) fault('control', `the name ${quoted} contains a control character`, 'a name without control characters (a line break would split every report that lists paths)');
  if (mode === '120000' && (isGitFile(name, 'gitmodules', 'gi7eba') || isGitFile(name, 'gitattributes', 'gi7d29'))) {
    fault('symlink', `${quoted} is a symbolic link`, 'a regular file: git reads .gitmodules and .gitattributes from the tree', isGitFile(name, 'gitmodules', 'gi7eba') ? 'gitmodulesSymlink' : 'gitattributesSymlink');
  }
  return out;
}

/** Characters HFS+ ignores when it compares names (git's utf8.c, next_hfs_char). */
const HFS_IGNORED = /[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g;

/** `.git` as git fsck sees it: any case, on NTFS with trailing dots, spaces or a stream (`.git::$INDEX_ALLOCATION`), its short name `git~1`, or with characters HFS+ ignores. */
function isDotGit(name: string): boolean {
  if (name.replace(HFS_IGNORED, '').toLowerCase() === '.git') return true;
  return /^(?:\.git|git~1)[. ]*(?:$|[\\:])/i.test(name);
}

/**
 * `.<file>` as NTFS and HFS+ may read it (git's path.c, is_ntfs_dot_generic):
 * trailing dots and spaces or a stream name, the 8.3 short names `gitmod~1`
 * to `~4`, and the hashed fall-back short names git lists (`gi7eba~1`).
 */
function isGitFile(name: string, file: string, shortPrefix: string): boolean {
  if (name.replace(HFS_IGNORED, '').toLowerCase() === `.${file}`) return true;
  const lower = name.toLowerCase();
  const tail = (rest: string) => /^[. ]*(?:$|:)/.test(rest);
  if (lower.startsWith(`.${file}`) && tail(lower.slice(file.length + 1))) return true;
  if (lower.startsWith(file.slice(0, 6)) && /^~[1-4]/.test(lower.slice(6)) && tail(lower.slice(8))) return true;
  return isShortName(lower, shortPrefix) && tail(lower.slice(shortNameLength(lower)));
}

/** The hashed fall-back 8.3 short name, ported from git's loop: prefix characters, "~", a digit 1-9, digits, eight characters in all. */
function isShortName(lower: string, prefix: string): boolean {
  let sawTilde = false;
  for (let i = 0; i < 8; i++) {
    const c = lower[i];
    if (c === undefined) return false;
    if (sawTilde) {
      if (c < '0' || c > '9') return false;
    } else if (c === '~') {
      const d = lower[++i];
      if (d === undefined || d < '1' || d > '9') return false;
      sawTilde = true;
    } else if (i >= 6 || c !== prefix[i]) return false;
  }
  return true;
}

/** Where git's loop above stops: eight characters, nine when the "~" is the eighth. */
function shortNameLength(lower: string): number {
  return lower[7] === '~' ? 9 : 8;
}
