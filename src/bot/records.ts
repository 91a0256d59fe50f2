/**
 * The decision records already on main, read from git objects: whether a
 * change is decided, the next record number, and the recent publications that
 * posts.maxPerAuthorPerWeek counts. Records are numbered in the order the bot
 * wrote them and the clock never moves backwards, so the recent ones are the
 * highest numbers: a large commons is read from the end, a few files deep.
 */
import { parseRecord } from '../commons/decision-record.ts';
import { fileKindOf } from '../commons/layout.ts';
import type { DecisionRecord } from '../commons/schema/decision.ts';
import { MissingObjectError } from '../repo/missing.ts';
import type { Repository } from '../repo/repository.ts';
import { entryAt, readBlobBytes, readTreeLevel } from '../repo/tree.ts';

const DECISIONS = 'governance/decisions';

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

export interface RecentRecords {
  /** The latest `closed` of any record: the bot's clock is never set before it. */
  latestClosed?: string;
  /** Publication times of accepted posts, by author, since `since`. */
  publications: Map<string, string[]>;
}

/** Read records from the newest back, until one closed before `since`. */
export async function recentRecords(repo: Repository, records: readonly RecordFile[], since: Date): Promise<RecentRecords> {
  const result: RecentRecords = { publications: new Map() };
  for (let i = records.length - 1; i >= 0; i--) {
    const { record } = await readRecord(repo, records[i]!);
    if (!record) continue;
    result.latestClosed ??= record.closed;
    if (Date.parse(record.closed) < since.getTime()) break;
    if (record.kind === 'post' && record.outcome === 'accepted' && record.author) {
      result.publications.set(record.author, [...(result.publications.get(record.author) ?? []), record.closed]);
    }
  }
  return result;
}
