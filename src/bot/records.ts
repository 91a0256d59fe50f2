/**
 * The decision records already on main, read from git objects: whether a
 * change is decided, the next record number, and the recent publications that
 * posts.maxPerAuthorPerWeek counts (with the posts main gained without one). Records are numbered in the order the bot
 * wrote them and the clock never moves backwards, so the recent ones are the
 * highest numbers: a large commons is read from the end, a few files deep.
 */
import { parseRecord } from '../commons/decision-record.ts';
import { fileKindOf } from '../commons/layout.ts';
import type { DecisionRecord } from '../commons/schema/decision.ts';
import { readFrontMatter } from '../commons/front-matter.ts';
import { publications, publicationsByAuthor, withoutRecord, type PostAddition } from '../commons/publication.ts';
import { diffTrees } from '../repo/diff.ts';
import { readCommitInfo } from '../repo/history.ts';
import { doing, MissingObjectError } from '../repo/missing.ts';
import type { Repository } from '../repo/repository.ts';
import { entryAt, prefixSource, readBlobBytes, readTreeLevel, treeOf, type TreeFile } from '../repo/tree.ts';

const DECISIONS = 'governance/decisions';
const POSTS = 'content/posts';

export interface RecordFile {
  path: string;
  year: string;
  number: number;
  change: string;
  oid: string;
}

/** Every record file (names only), oldest first. */
export async function listRecords(repo: Repository, tree: string): Promise<RecordFile[]> {
  const dir = await entryAt(repo, tree, DECISIONS);
  if (!dir || dir.type !== 'tree') return [];
  const out: RecordFile[] = [];
  for (const year of await inFolder(repo, DECISIONS, () => readTreeLevel(repo, dir.oid))) {
    if (year.type !== 'tree') continue;
    const folder = `${DECISIONS}/${year.path}`;
    out.push(...recordsIn(await inFolder(repo, folder, () => readTreeLevel(repo, year.oid)), folder));
  }
  // Years are four digits: compared as strings they are in order (localeCompare costs a thousand times more, ten thousand times a replay).
  return out.sort((a, b) => (a.year < b.year ? -1 : a.year > b.year ? 1 : a.number - b.number));
}

/** The records of one year's folder, kept per folder read: judging and merging read the same folders again and again. */
function recordsIn(level: readonly TreeFile[], folder: string): readonly RecordFile[] {
  return yearOf(level, folder).records;
}

/** A year's records, and how many of them are among the folder's first k entries (upTo[k]). */
interface YearRecords {
  records: RecordFile[];
  upTo: Uint32Array;
}

function yearOf(level: readonly TreeFile[], folder: string): YearRecords {
  let byFolder = yearRecords.get(level);
  if (!byFolder) yearRecords.set(level, (byFolder = new Map()));
  let found = byFolder.get(folder);
  if (found) return found;
  // The folder as it was at an older commit, the start of one read already (src/repo/tree.ts): its first records.
  // The folder as it was at an older commit starts as one read already (src/repo/tree.ts): its first records are that one's.
  const source = prefixSource(level);
  const shared = source ? yearOf(source.whole, folder) : undefined;
  const start = source?.count ?? 0;
  const records: RecordFile[] = shared ? shared.records.slice(0, shared.upTo[start]) : [];
  const upTo = new Uint32Array(level.length + 1);
  if (shared) upTo.set(shared.upTo.subarray(0, start + 1));
  for (let i = start; i < level.length; i++) {
    const file = level[i]!;
    const path = `${folder}/${file.path}`;
    const kind = fileKindOf(path);
    if (kind.kind === 'decision' && file.type === 'blob') records.push({ path, year: kind.year, number: Number(kind.number), change: kind.slug, oid: file.oid });
    upTo[i + 1] = records.length;
  }
  found = { records, upTo };
  byFolder.set(folder, found);
  return found;
}

const yearRecords = new WeakMap<readonly TreeFile[], Map<string, YearRecords>>();

/** Name the folder a missing tree was read for. */
async function inFolder<T>(repo: Repository, path: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw error instanceof MissingObjectError ? error.at(path, repo) : error;
  }
}

/** Read and parse a record; parsed records are kept per repository by blob id, so a merge queue reads each once. */
export function readRecord(repo: Repository, file: RecordFile): Promise<{ text: string; record?: DecisionRecord }> {
  let memo = parsedRecords.get(repo.cache);
  if (!memo) parsedRecords.set(repo.cache, (memo = new Map()));
  const key = `${file.oid} ${file.path}`;
  let found = memo.get(key);
  if (!found) {
    found = readBlobBytes(repo, file.oid, file.path).then((bytes) => {
      const text = new TextDecoder().decode(bytes);
      const parsed = parseRecord(text, file.path);
      return parsed.ok ? { text, record: parsed.record } : { text };
    });
    memo.set(key, found);
    // The records read last are kept (judging reads the newest again and again): memory does not grow with the history.
    if (memo.size > RECORDS_KEPT) memo.delete(memo.keys().next().value!);
  }
  return found;
}

const RECORDS_KEPT = 4_096;
const parsedRecords = new WeakMap<object, Map<string, Promise<{ text: string; record?: DecisionRecord }>>>();

/** The next number in a year: one more than the highest there. */
export function nextNumber(records: readonly RecordFile[], year: string): number {
  return Math.max(0, ...records.filter((r) => r.year === year).map((r) => r.number)) + 1;
}

/** The record on `commit` that closed last (the highest number that reads), or undefined when there is none. */
export async function latestRecord(repo: Repository, commit: string): Promise<{ path: string; closed: string } | undefined> {
  const records = await listRecords(repo, await treeOf(repo, commit));
  for (let i = records.length - 1; i >= 0; i--) {
    const { record } = await readRecord(repo, records[i]!);
    if (record) return { path: records[i]!.path, closed: record.closed };
  }
  return undefined;
}

export interface RecentRecords {
  /** The latest `closed` of any record: the bot's clock is never set before it. */
  latestClosed?: string;
  /** The record that closed last, named when a clock before it is refused. */
  latestRecord?: RecordFile;
  /** Publication times of posts, by author, since `since` (src/commons/publication.ts). */
  publications: Map<string, string[]>;
}

/**
 * The latest record, and the posts published since `since` by author: every
 * post the site shows as published then, with a record or without one (added
 * to main before the bot was adopted, or by a maintainer), through the one
 * rule of src/commons/publication.ts. Records are read from the newest back
 * until one closed before `since`. For the posts main gained without a
 * record, main's first-parent line is walked back from `base` to the first
 * commit older than `since`, reading commit headers only; the posts at `base`
 * that were not there then are the window's new posts (one tree diff under
 * content/posts/). Only those no record published need a time, the commit
 * that added each, found by bisecting the window's commits. A large commons
 * costs one commit read per recent commit and a few tree reads.
 */
export async function recentRecords(repo: Repository, records: readonly RecordFile[], since: Date, base: string): Promise<RecentRecords> {
  const result: RecentRecords = { publications: new Map() };
  const recent: DecisionRecord[] = [];
  for (let i = records.length - 1; i >= 0; i--) {
    const { record } = await readRecord(repo, records[i]!);
    if (!record) continue;
    if (result.latestClosed === undefined) {
      result.latestClosed = record.closed;
      result.latestRecord = records[i]!;
    }
    if (Date.parse(record.closed) < since.getTime()) break;
    recent.push(record);
  }
  const published = await doing(repo, { step: 'count-posts', since: since.toISOString() }, async () => {
    const window = await firstParentWindow(repo, base, since, recent);
    const added = await postsAddedIn(repo, window);
    const byRecords = [...recent, ...(await recordsNaming(repo, records, added, recent))];
    const additions: PostAddition[] = [];
    for (const path of withoutRecord(byRecords, added.map((a) => a.path))) {
      const file = added.find((a) => a.path === path)!;
      additions.push({ path, time: await addedAt(repo, window, path), author: await authorOf(repo, file) });
    }
    return publications(byRecords, additions);
  });
  result.publications = publicationsByAuthor(published.values(), since);
  return result;
}

interface CommitHeader {
  time: number;
  tree: string;
  parent?: string;
}

/** Main's first-parent commits since `since`, newest first, and the first one older (absent when history begins inside the window). */
interface Window {
  commits: CommitHeader[];
  boundary?: CommitHeader;
}

/**
 * Walk main's first-parent line back from `base` to the first commit older
 * than `since`. A change the bot merged by fast-forward put its own commits
 * on that line, dated by its author: their dates do not end the window (a
 * backdated commit would hide the posts pushed before it), from a recent
 * record's head down to the base it was judged on.
 */
async function firstParentWindow(repo: Repository, base: string, since: Date, recent: readonly DecisionRecord[]): Promise<Window> {
  const chains = new Map(recent.map((r) => [r.head, r.base]));
  const commits: CommitHeader[] = [];
  let oid: string | undefined = base;
  let chainEnd: string | undefined;
  while (oid) {
    if (oid === chainEnd) chainEnd = undefined;
    chainEnd ??= chains.get(oid);
    const commit = await commitHeader(repo, oid);
    if (chainEnd === undefined && commit.time * 1000 < since.getTime()) return { commits, boundary: commit };
    commits.push(commit);
    oid = commit.parent;
  }
  return { commits };
}

/** What the walk needs of a commit (one object read, kept per repository: a commit id never changes meaning). */
function commitHeader(repo: Repository, oid: string): Promise<CommitHeader> {
  let memo = headers.get(repo.cache);
  if (!memo) headers.set(repo.cache, (memo = new Map()));
  const entries = memo;
  let found = entries.get(oid);
  if (!found) {
    found = readCommitInfo(repo, oid).then((commit) => ({ time: commit.time, tree: commit.tree, ...(commit.parents[0] ? { parent: commit.parents[0] } : {}) }));
    entries.set(oid, found);
    if (entries.size > HEADERS_KEPT) entries.delete(entries.keys().next().value!);
    found.catch(() => entries.delete(oid));
  }
  return found;
}

const headers = new WeakMap<object, Map<string, Promise<CommitHeader>>>();
const HEADERS_KEPT = 16_384;

interface Added {
  path: string;
  blob: string;
}

/** The post files at the window's newest commit that its boundary did not hold. */
async function postsAddedIn(repo: Repository, window: Window): Promise<Added[]> {
  const newest = window.commits[0];
  if (!newest) return [];
  const after = await postsTree(repo, newest.tree);
  const before = window.boundary ? await postsTree(repo, window.boundary.tree) : undefined;
  const changes = await diffTrees(repo, before, after, `${POSTS}/`);
  return changes.filter((f) => f.status === 'added' && f.head?.type === 'blob' && fileKindOf(f.path).kind === 'post').map((f) => ({ path: f.path, blob: f.head!.oid }));
}

async function postsTree(repo: Repository, tree: string): Promise<string | undefined> {
  const entry = await entryAt(repo, tree, POSTS);
  return entry?.type === 'tree' ? entry.oid : undefined;
}

/**
 * The committer time of the oldest commit of the window that holds `path`:
 * the first-parent commit that added it. The newest holds it and the boundary
 * does not, so the window's commits are bisected (a handful of tree reads).
 */
async function addedAt(repo: Repository, window: Window, path: string): Promise<string> {
  let holding = 0;
  let missing = window.commits.length;
  while (missing - holding > 1) {
    const middle = (holding + missing) >> 1;
    if ((await entryAt(repo, window.commits[middle]!.tree, path))?.type === 'blob') holding = middle;
    else missing = middle;
  }
  return new Date(window.commits[holding]!.time * 1000).toISOString();
}

/**
 * The records that may have published the posts added in the window but
 * closed before it (a clock set with --at behind the commits' times): found
 * by name (a post's record is filed under its slug), read only for those.
 */
async function recordsNaming(repo: Repository, records: readonly RecordFile[], added: readonly Added[], recent: readonly DecisionRecord[]): Promise<DecisionRecord[]> {
  const covered = new Set(recent.flatMap((r) => r.files));
  const slugs = new Set(added.filter((a) => !covered.has(a.path)).map((a) => a.path.slice(a.path.lastIndexOf('/') + 1, -'.md'.length)));
  const out: DecisionRecord[] = [];
  if (slugs.size === 0) return out;
  for (const file of records) {
    if (!slugs.has(file.change)) continue;
    const { record } = await readRecord(repo, file);
    if (record) out.push(record);
  }
  return out;
}

/** The `author` the added post names (main passes check, so it reads; a file that does not is counted for nobody). */
async function authorOf(repo: Repository, added: Added): Promise<string | undefined> {
  const text = new TextDecoder().decode(await readBlobBytes(repo, added.blob, added.path));
  const data = readFrontMatter(text, { path: added.path }).data;
  const author = data && typeof data === 'object' ? (data as Record<string, unknown>).author : undefined;
  return typeof author === 'string' ? author : undefined;
}
