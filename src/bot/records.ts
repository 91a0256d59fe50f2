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
import { publications, publicationsByAuthor, type PostAddition } from '../commons/publication.ts';
import { diffTrees } from '../repo/diff.ts';
import { readCommitInfo } from '../repo/history.ts';
import { doing, MissingObjectError } from '../repo/missing.ts';
import type { Repository } from '../repo/repository.ts';
import { entryAt, readBlobBytes, readTreeLevel, treeOf } from '../repo/tree.ts';

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
    for (const file of await inFolder(repo, `${DECISIONS}/${year.path}`, () => readTreeLevel(repo, year.oid))) {
      const path = `${DECISIONS}/${year.path}/${file.path}`;
      const kind = fileKindOf(path);
      if (kind.kind === 'decision' && file.type === 'blob') out.push({ path, year: kind.year, number: Number(kind.number), change: kind.slug, oid: file.oid });
    }
  }
  return out.sort((a, b) => a.year.localeCompare(b.year) || a.number - b.number);
}

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
  }
  return found;
}

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
 * until one closed before `since`; main's first-parent history from `base`
 * back until a commit is older than `since`, reading only the trees under
 * content/posts/ that differ: a large commons costs a few tree reads per
 * recent commit.
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
  const added = await doing(repo, `needed to count the posts published since ${since.toISOString()} (posts.maxPerAuthorPerWeek)`, () => postsAddedSince(repo, base, since, recent));
  const named = await recordsNaming(repo, records, added, recent);
  const published = publications([...recent, ...named], added);
  for (const p of published.values()) {
    if (p.by === 'commit' && p.author === undefined) {
      const author = await authorOf(repo, added.find((a) => a.path === p.path)!);
      if (author !== undefined) p.author = author;
    }
  }
  result.publications = publicationsByAuthor(published.values(), since);
  return result;
}

interface Added extends PostAddition {
  blob: string;
}

/**
 * Post files added by main's first-parent commits from `base` back to the
 * first commit older than `since`; oldest first. A change the bot merged by
 * fast-forward put its own commits on that line, dated by its author: their
 * dates do not stop the walk (a backdated commit would hide the posts pushed
 * before it), from a recent record's head down to the base it was judged on.
 */
async function postsAddedSince(repo: Repository, base: string, since: Date, recent: readonly DecisionRecord[]): Promise<Added[]> {
  const chains = new Map(recent.map((r) => [r.head, r.base]));
  const out: Added[] = [];
  let oid: string | undefined = base;
  let chainEnd: string | undefined;
  while (oid) {
    if (oid === chainEnd) chainEnd = undefined;
    chainEnd ??= chains.get(oid);
    const commit = await readCommitInfo(repo, oid);
    if (chainEnd === undefined && commit.time * 1000 < since.getTime()) break;
    const parent: string | undefined = commit.parents[0];
    const before = parent ? await postsTree(repo, (await readCommitInfo(repo, parent)).tree) : undefined;
    const after = await postsTree(repo, commit.tree);
    const time = new Date(commit.time * 1000).toISOString();
    const added = (await diffTrees(repo, before, after, `${POSTS}/`)).filter((f) => f.status === 'added' && f.head?.type === 'blob');
    out.push(...added.reverse().map((f) => ({ path: f.path, time, blob: f.head!.oid })));
    oid = parent;
  }
  return out.reverse();
}

async function postsTree(repo: Repository, tree: string): Promise<string | undefined> {
  const entry = await entryAt(repo, tree, POSTS);
  return entry?.type === 'tree' ? entry.oid : undefined;
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
