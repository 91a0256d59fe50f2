/**
 * When a post was published: the one rule that the site's "newest first" and
 * the bot's `posts.maxPerAuthorPerWeek` both use, so that the limit counts
 * exactly the posts the site shows as published in the week (DESIGN.md,
 * Policy; principle 5: never a date the author typed).
 *
 * The publication time of a post is the closing time of the decision record
 * that published it, else the committer time of the first-parent commit of
 * main that added its file: a post that reached main without a record (before
 * the commons adopted the bot, or pushed by a maintainer) counts too, at the
 * time the site shows. Pure: the repository layer reads the records and walks
 * main, and hands the facts here.
 */
import { fileKindOf } from './layout.ts';

/** The fields of a decision record that say what it published, and when. */
export interface PublishingRecord {
  kind: string;
  outcome: string;
  closed: string;
  files: readonly string[];
  author?: string | undefined;
}

/** A post file added to main by a first-parent commit of main. */
export interface PostAddition {
  path: string;
  /** Committer time of that commit, ISO 8601. */
  time: string;
  /** The post's `author` as the added file says, when it was read. */
  author?: string | undefined;
}

export interface Publication {
  path: string;
  /** ISO 8601. */
  published: string;
  author?: string;
  /** What the time comes from: a decision record, or the commit that added the file. */
  by: 'record' | 'commit';
}

/**
 * Every post's publication, by path. `records` in any order (the earliest
 * accepted post record naming a file published it); `additions` in history
 * order, oldest first (the first addition of a path is the one that counts:
 * a file deleted and added again was published the first time).
 *
 * @example
 * publications([{ kind: 'post', outcome: 'accepted', closed: '2026-11-02T10:00:00.000Z', files: ['content/posts/2026/a.md'], author: 'amina' }],
 *   [{ path: 'content/posts/2026/b.md', time: '2026-11-03T08:00:00.000Z', author: 'bruno' }])
 * // a.md at the record's close (by: 'record'), b.md at the commit's time (by: 'commit')
 */
export function publications(records: Iterable<PublishingRecord>, additions: Iterable<PostAddition>): Map<string, Publication> {
  const out = new Map<string, Publication>();
  for (const record of records) {
    if (record.kind !== 'post' || record.outcome !== 'accepted') continue;
    for (const path of record.files) {
      if (fileKindOf(path).kind !== 'post') continue;
      const known = out.get(path);
      if (known && Date.parse(known.published) <= Date.parse(record.closed)) continue;
      out.set(path, { path, published: record.closed, by: 'record', ...(record.author !== undefined ? { author: record.author } : {}) });
    }
  }
  const seen = new Set<string>();
  for (const addition of additions) {
    if (seen.has(addition.path) || fileKindOf(addition.path).kind !== 'post') continue;
    seen.add(addition.path);
    const known = out.get(addition.path);
    if (known) {
      if (known.author === undefined && addition.author !== undefined) known.author = addition.author;
      continue;
    }
    out.set(addition.path, { path: addition.path, published: addition.time, by: 'commit', ...(addition.author !== undefined ? { author: addition.author } : {}) });
  }
  return out;
}

/**
 * The paths no accepted post record publishes: the ones whose publication is
 * the commit that added them, which the repository layer then looks up.
 */
export function withoutRecord(records: Iterable<PublishingRecord>, paths: Iterable<string>): string[] {
  const published = publications(records, []);
  return [...paths].filter((path) => !published.has(path));
}

/** Publication times per author, at or after `since`: what `posts.maxPerAuthorPerWeek` counts (src/commons/decide.ts). */
export function publicationsByAuthor(published: Iterable<Publication>, since: Date): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of published) {
    if (p.author === undefined || Date.parse(p.published) < since.getTime()) continue;
    out.set(p.author, [...(out.get(p.author) ?? []), p.published].sort());
  }
  return out;
}
