/**
 * Merging built from trees, file by file: a file changed on one side only
 * takes that side; a file changed on both sides (differently) is a conflict.
 * There is no line-level merging: a commons file is a whole text written by one
 * person, and the bot must never invent a version that nobody wrote. The one
 * exception is given by the caller (`textMerges`): a verified merge for a named
 * file, such as members.yml when both sides only appended entries
 * (src/commons/roster-merge.ts).
 */
import { writeBlob, writeTree } from './object-write.ts';
import type { Repository } from './repository.ts';
import { readBlobBytes, readTreeLevel, type TreeFile } from './tree.ts';

/**
 * Both sides' conflicts, by path; `why` says, for a file a text merge refused, what it found, and
 * `faults` the same as a fault of the problem catalogue (texts/problems-en.ts, CONFLICTS) for the bot to say in any language.
 */
export type TreeMerge = { ok: true; tree: string } | { ok: false; conflicts: string[]; why?: Record<string, string>; faults?: Record<string, MergeFault> };

/** Why a text merge refused a file: the catalogue's fault, whose side's text (`ours`, `theirs`) and at which line, when it says. */
export interface MergeFault {
  fault: string;
  side?: 'ours' | 'theirs';
  line?: number;
}

/** A merge of one file's texts (base, ours, theirs): the merged text, or why they cannot be joined. */
export type TextMerge = (base: string, ours: string, theirs: string) => { ok: true; text: string } | ({ ok: false; why: string } & MergeFault);

export interface TreeMergeOptions {
  /** Files merged by their text when both sides changed them, by repository path; every other such file is a conflict. */
  textMerges?: ReadonlyMap<string, TextMerge>;
}

interface MergeState {
  repo: Repository;
  options: TreeMergeOptions;
  conflicts: string[];
  why: Record<string, string>;
  faults: Record<string, MergeFault>;
}

/** Three-way merge of trees: `ancestor` is the merge base's tree. */
export async function mergeTrees(repo: Repository, ancestor: string | undefined, ours: string, theirs: string, options: TreeMergeOptions = {}): Promise<TreeMerge> {
  const state: MergeState = { repo, options, conflicts: [], why: {}, faults: {} };
  const tree = await mergeLevel(state, ancestor, ours, theirs, '');
  if (!state.conflicts.length) return { ok: true, tree: tree! };
  return Object.keys(state.why).length ? { ok: false, conflicts: state.conflicts, why: state.why, faults: state.faults } : { ok: false, conflicts: state.conflicts };
}

async function mergeLevel(state: MergeState, ancestor: string | undefined, ours: string | undefined, theirs: string | undefined, prefix: string): Promise<string | undefined> {
  const { repo } = state;
  if (ours === theirs) return ours;
  if (ancestor === ours) return theirs;
  if (ancestor === theirs) return ours;
  const level = async (oid: string | undefined) => new Map((oid ? await readTreeLevel(repo, oid) : []).map((e) => [e.path, e]));
  const [a, o, t] = await Promise.all([level(ancestor), level(ours), level(theirs)]);
  const names = [...new Set([...a.keys(), ...o.keys(), ...t.keys()])].sort();
  const merged: TreeFile[] = [];
  for (const name of names) {
    const entry = await mergeEntry(state, a.get(name), o.get(name), t.get(name), prefix + name);
    if (entry) merged.push({ ...entry, path: name });
  }
  if (merged.length === 0) return undefined;
  return writeTree(repo, merged);
}

const same = (x?: TreeFile, y?: TreeFile) => x?.oid === y?.oid && x?.mode === y?.mode;

async function mergeEntry(state: MergeState, a: TreeFile | undefined, o: TreeFile | undefined, t: TreeFile | undefined, path: string): Promise<TreeFile | undefined> {
  if (same(o, t)) return o;
  if (same(a, o)) return t;
  if (same(a, t)) return o;
  const isTree = (e?: TreeFile) => e === undefined || e.type === 'tree';
  if (isTree(a) && isTree(o) && isTree(t)) {
    const oid = await mergeLevel(state, a?.oid, o?.oid, t?.oid, `${path}/`);
    return oid ? { path, mode: '040000', oid, type: 'tree' } : undefined;
  }
  const textMerge = state.options.textMerges?.get(path);
  if (textMerge) {
    const merged = await mergeText(state.repo, textMerge, a, o, t, path);
    if (merged.ok) return merged.file;
    state.why[path] = merged.why;
    state.faults[path] = { fault: merged.fault, ...(merged.side ? { side: merged.side } : {}), ...(merged.line !== undefined ? { line: merged.line } : {}) };
  }
  state.conflicts.push(path);
  return o;
}

/** A file kept on all three sides as a regular file of UTF-8 text, merged by `textMerge`. */
async function mergeText(repo: Repository, textMerge: TextMerge, a: TreeFile | undefined, o: TreeFile | undefined, t: TreeFile | undefined, path: string): Promise<{ ok: true; file: TreeFile } | ({ ok: false; why: string } & MergeFault)> {
  const sides = [a, o, t];
  if (!sides.every((e) => e?.type === 'blob' && e.mode === '100644')) return { ok: false, why: 'it is not a regular file on both sides and in the base', fault: 'not-regular' };
  // Exact: a byte that is not UTF-8 would be replaced when decoded, and a BOM dropped; the merged bytes must be the sides' own.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const bytes = await Promise.all(sides.map((e) => readBlobBytes(repo, e!.oid, path)));
  let texts: string[];
  try {
    texts = bytes.map((b) => decoder.decode(b));
  } catch {
    return { ok: false, why: 'it is not UTF-8 text on every side', fault: 'not-utf8' };
  }
  const merged = textMerge(texts[0]!, texts[1]!, texts[2]!);
  if (!merged.ok) return merged;
  const oid = writeBlob(repo, new TextEncoder().encode(merged.text));
  return { ok: true, file: { path, mode: '100644', oid, type: 'blob' } };
}

/** A file to place in a tree: text content, written as a regular file. */
export interface NewFile {
  path: string;
  text: string;
}

/** A copy of `tree` with the given files added or replaced (regular files, mode 100644); an `existing` entry whose oid is null is removed. */
export async function putFiles(repo: Repository, tree: string | undefined, files: readonly NewFile[], existing: readonly { path: string; oid: string | null }[] = []): Promise<string> {
  const blobs = await Promise.all(
    files.map(async (f) => ({ parts: f.path.split('/'), oid: writeBlob(repo, new TextEncoder().encode(f.text)) })),
  );
  // Blobs already in the object store (a sealed ballot the ledger keeps reachable), placed as they are.
  return putLevel(repo, tree, [...blobs, ...existing.map((e) => ({ parts: e.path.split('/'), oid: e.oid }))]);
}

/** Git's empty tree: a folder left with nothing is removed, as git never stores one. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

async function putLevel(repo: Repository, tree: string | undefined, blobs: { parts: string[]; oid: string | null }[]): Promise<string> {
  const entries = new Map((tree ? await readTreeLevel(repo, tree) : []).map((e) => [e.path, e]));
  const byDir = new Map<string, { parts: string[]; oid: string | null }[]>();
  for (const blob of blobs) {
    const [name, ...rest] = blob.parts;
    if (rest.length === 0 && blob.oid === null) entries.delete(name!);
    else if (rest.length === 0) entries.set(name!, { path: name!, mode: '100644', oid: blob.oid!, type: 'blob' });
    else byDir.set(name!, [...(byDir.get(name!) ?? []), { parts: rest, oid: blob.oid }]);
  }
  for (const [name, inner] of byDir) {
    const existing = entries.get(name);
    const oid = await putLevel(repo, existing?.type === 'tree' ? existing.oid : undefined, inner);
    if (oid === EMPTY_TREE) entries.delete(name);
    else entries.set(name, { path: name, mode: '040000', oid, type: 'tree' });
  }
  return writeTree(repo, [...entries.values()]);
}
