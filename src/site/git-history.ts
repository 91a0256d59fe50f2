/**
 * What git says about the commons' files: for each path, the commits on the first-parent line of
 * HEAD that added, changed or deleted it, with the committer time. The first-parent line is the
 * history of `main` as the bot moved it (merge commits are the bot's), so these times are when a
 * change reached the commons — unlike the date an author types in front matter.
 *
 * Two readers give the same answer (a test holds them to it):
 * - `readHistoryWithGit`: one `git log --first-parent --name-status` (a second for 10,000 posts);
 * - `readHistoryWithIsomorphicGit`: one walk comparing each commit's tree with its first parent's,
 *   descending only into subtrees whose ids differ. Pure JavaScript, but it re-reads every large
 *   folder tree a commit touches (about 12 ms for a 5,000-entry folder): a minute for 5,000 commits.
 * `readHistory` uses git when it is installed and isomorphic-git otherwise. Both only read objects.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import type { PostAddition } from '../commons/publication.ts';

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

/** Every addition of a post file on the first-parent line, oldest first: what src/commons/publication.ts dates posts by. */
export function postAdditions(history: History): PostAddition[] {
  const out: PostAddition[] = [];
  for (const [path, changes] of history.changes) {
    if (!path.startsWith('content/posts/')) continue;
    for (const change of changes) if (change.status === 'added') out.push({ path, time: change.time });
  }
  return out;
}

/**
 * When the file as it stands reached the first-parent line: its latest addition, not its first (a
 * file deleted and added again, as when a commons' history is replayed after a merge that brought
 * its files in, reached main when it was added back). Undefined for a file git never added.
 */
export function latestAddition(history: History, file: string): string | undefined {
  return history.changes.get(file)?.findLast((c) => c.status === 'added')?.time;
}

const EMPTY: History = { changes: new Map(), headTime: undefined, head: undefined };

/** Read the history of the commons at `dir` (which may be a folder inside a larger repository). */
export async function readHistory(given: string): Promise<History> {
  // Git reports real paths; a commons reached through a symlink must be compared as its real path.
  const dir = await fs.promises.realpath(given).catch(() => given);
  const viaGit = await readHistoryWithGit(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined; // no git binary: the pure reader below
    throw error;
  });
  return viaGit ?? readHistoryWithIsomorphicGit(dir);
}

function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, maxBuffer: 1024 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

const STATUS: Record<string, FileChange['status']> = { A: 'added', M: 'modified', D: 'deleted', T: 'modified' };

/** The history through the git command line (see the module comment). */
export async function readHistoryWithGit(dir: string): Promise<History> {
  let gitRoot: string;
  // The head and its time in the same round as the top level (one git process each, in parallel: each costs tens of milliseconds).
  const headLine = run('git', ['log', '-1', '--format=%H %ct', 'HEAD'], dir).then((out) => out.trim(), () => '');
  try {
    gitRoot = (await run('git', ['rev-parse', '--show-toplevel'], dir)).trim();
  } catch (error) {
    await headLine;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
    return EMPTY; // not a repository
  }
  const [head, headSeconds] = (await headLine).split(' ');
  if (!head || !headSeconds) return EMPTY;
  const prefix = path.relative(gitRoot, dir).split(path.sep).join('/');
  const log = (range: string) =>
    run('git', ['-c', 'core.quotepath=off', 'log', '--first-parent', '--diff-merges=first-parent', '--no-renames', '-z', '--format=%x01%H %ct %s', '--name-status', range, '--', prefix === '' ? '.' : prefix], gitRoot).then(logRecords);
  const records = await cachedRecords(gitRoot, prefix, head, log);
  const headTime = new Date(Number(headSeconds) * 1000).toISOString();
  const changes = new Map<string, FileChange[]>();
  for (const { commit, seconds, summary, files } of records) {
    const time = new Date(Number(seconds) * 1000).toISOString();
    for (const [letter, full] of files) {
      const status = STATUS[letter.charAt(0)];
      if (!status) continue;
      const file = prefix === '' ? full : full.startsWith(`${prefix}/`) ? full.slice(prefix.length + 1) : undefined;
      if (file === undefined) continue;
      const list = changes.get(file) ?? [];
      list.push({ commit, time, status, summary });
      changes.set(file, list);
    }
  }
  for (const list of changes.values()) list.reverse();
  return { changes, headTime, head };
}

/** One commit of `git log --name-status`, newest first: its files as [status letter, path]. */
interface LogRecord {
  commit: string;
  seconds: string;
  summary: string;
  files: [string, string][];
}

function logRecords(out: string): LogRecord[] {
  return out
    .split('\x01')
    .slice(1)
    .map((record) => {
      const headerEnd = record.indexOf('\0');
      const header = record.slice(0, headerEnd);
      const [commit = '', seconds = '0'] = header.split(' ', 2);
      const summary = header.slice(commit.length + seconds.length + 2);
      const fields = record.slice(headerEnd + 1).replace(/^\n/, '').split('\0');
      const files: [string, string][] = [];
      for (let i = 0; i + 1 < fields.length; i += 2) files.push([fields[i]!, fields[i + 1]!]);
      return { commit, seconds, summary, files };
    });
}

/**
 * The log of the first-parent line up to `head`, newest first. With a cache folder (env
 * NOCLOUT_CACHE_DIR, set by scripts/build-site.ts --cache) the log read by the previous build is
 * kept, and when its head is on the first-parent line of `head`, only the commits after it are
 * read (issue 14: the whole log of a 5,000-commit commons took seconds). The records are the
 * same either way, so is the history built from them.
 */
async function cachedRecords(gitRoot: string, prefix: string, head: string, log: (range: string) => Promise<LogRecord[]>): Promise<LogRecord[]> {
  const dir = process.env.NOCLOUT_CACHE_DIR;
  if (!dir) return log('HEAD');
  const file = path.join(dir, 'noclout-history.json');
  const root = await fs.promises.realpath(gitRoot).catch(() => gitRoot);
  let records: LogRecord[] | undefined;
  try {
    const cached = JSON.parse(await fs.promises.readFile(file, 'utf8')) as { version: number; root: string; prefix: string; head: string; records: LogRecord[] };
    if (cached.version === 1 && cached.root === root && cached.prefix === prefix) {
      if (cached.head === head) records = cached.records;
      else {
        // Each commit after the cached head with its parents: the oldest's first parent must be the cached head.
        const newer = (await run('git', ['rev-list', '--first-parent', '--parents', `${cached.head}..${head}`], gitRoot)).split('\n').filter(Boolean);
        const parent = newer.at(-1)?.split(' ')[1] ?? '';
        if (parent === cached.head) records = [...(await log(`${cached.head}..${head}`)), ...cached.records];
      }
    }
  } catch {
    // No usable cache: the whole log below.
  }
  if (records === undefined) records = await log('HEAD');
  await fs.promises.mkdir(dir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.promises.writeFile(temporary, JSON.stringify({ version: 1, root, prefix, head, records }));
  await fs.promises.rename(temporary, file);
  return records;
}

/** The history in pure JavaScript (see the module comment). */
export async function readHistoryWithIsomorphicGit(dir: string): Promise<History> {
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
