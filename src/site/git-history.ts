/**
 * What git says about the commons' files: for each path, the commits on the first-parent line of
 * HEAD that added, changed or deleted it, with the committer time. The first-parent line is the
 * history of `main` as the bot moved it (merge commits are the bot's), so these times are when a
 * change reached the commons — unlike the date an author types in front matter.
 *
 * One walk over history compares each commit's tree with its first parent's, descending only into
 * subtrees whose ids differ: cost grows with what changed, not with commits × files.
 */
import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';

export interface FileChange {
  commit: string;
  /** Committer time, ISO 8601 UTC. */
  time: string;
  status: 'added' | 'modified' | 'deleted';
  /** First line of the commit message. */
  summary: string;
}

export interface History {
  /** Changes per commons-relative path, oldest first. */
  changes: ReadonlyMap<string, readonly FileChange[]>;
  /** HEAD commit time (ISO), or undefined outside git. */
  headTime: string | undefined;
  head: string | undefined;
}

const EMPTY: History = { changes: new Map(), headTime: undefined, head: undefined };

/** Read the history of the commons at `dir` (which may be a folder inside a larger repository). */
export async function readHistory(dir: string): Promise<History> {
  let gitRoot: string;
  try {
    gitRoot = await git.findRoot({ fs, filepath: dir });
  } catch {
    return EMPTY;
  }
  const prefix = path.relative(gitRoot, dir).split(path.sep).join('/');
  const cache = {};
  let head: string;
  try {
    head = await git.resolveRef({ fs, dir: gitRoot, ref: 'HEAD' });
  } catch {
    return EMPTY;
  }
  const changes = new Map<string, FileChange[]>();
  let oid: string | undefined = head;
  let headTime: string | undefined;
  while (oid) {
    const { commit } = await git.readCommit({ fs, dir: gitRoot, oid, cache });
    const time = new Date(commit.committer.timestamp * 1000).toISOString();
    headTime ??= time;
    const parent = commit.parent[0];
    const parentTree = parent ? (await git.readCommit({ fs, dir: gitRoot, oid: parent, cache })).commit.tree : undefined;
    const base = { commit: oid, time, summary: commit.message.split('\n')[0] ?? '' };
    const ours = await subtree(gitRoot, commit.tree, prefix, cache);
    const theirs = parentTree ? await subtree(gitRoot, parentTree, prefix, cache) : undefined;
    await diffTrees(gitRoot, ours, theirs, '', cache, (file, status) => {
      const list = changes.get(file) ?? [];
      list.push({ ...base, status });
      changes.set(file, list);
    });
    oid = parent;
  }
  for (const list of changes.values()) list.reverse();
  return { changes, headTime, head };
}

/** The tree id at `prefix` inside `tree`, or undefined if that folder does not exist there. */
async function subtree(dir: string, tree: string, prefix: string, cache: object): Promise<string | undefined> {
  let current: string | undefined = tree;
  for (const part of prefix === '' ? [] : prefix.split('/')) {
    if (!current) return undefined;
    const { tree: entries } = await git.readTree({ fs, dir, oid: current, cache });
    const entry = entries.find((e) => e.path === part && e.type === 'tree');
    current = entry?.oid;
  }
  return current;
}

async function diffTrees(
  dir: string,
  ours: string | undefined,
  theirs: string | undefined,
  at: string,
  cache: object,
  report: (file: string, status: FileChange['status']) => void,
): Promise<void> {
  if (ours === theirs) return;
  const read = async (oid: string | undefined) => (oid ? (await git.readTree({ fs, dir, oid, cache })).tree : []);
  const [a, b] = await Promise.all([read(ours), read(theirs)]);
  const before = new Map(b.map((e) => [e.path, e]));
  const after = new Map(a.map((e) => [e.path, e]));
  for (const [name, entry] of after) {
    const old = before.get(name);
    const file = at === '' ? name : `${at}/${name}`;
    if (old?.oid === entry.oid && old.type === entry.type) continue;
    if (entry.type === 'tree') await diffTrees(dir, entry.oid, old?.type === 'tree' ? old.oid : undefined, file, cache, report);
    else if (entry.type === 'blob') report(file, old?.type === 'blob' ? 'modified' : 'added');
    if (old?.type === 'tree' && entry.type !== 'tree') await diffTrees(dir, undefined, old.oid, file, cache, report);
  }
  for (const [name, old] of before) {
    if (after.has(name)) continue;
    const file = at === '' ? name : `${at}/${name}`;
    if (old.type === 'tree') await diffTrees(dir, undefined, old.oid, file, cache, report);
    else if (old.type === 'blob') report(file, 'deleted');
  }
}
