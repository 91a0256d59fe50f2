/**
 * Writing git objects: an object's id is the SHA-1 of "<type> <size>\0<content>",
 * its loose file the zlib of those bytes (objects/<2>/<38>), written through
 * src/repo/atomic-fs.ts (aside, renamed into place, fsynced with the others
 * before a ref names it). The bot writes blobs, trees and its own commits here,
 * synchronously and with node's zlib: through isomorphic-git each object cost
 * a dozen promised file system calls (issue 14). An object already stored whole
 * is not written again.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { writeLooseObject } from './atomic-fs.ts';
import { storedWhole } from './objects.ts';
import type { Repository } from './repository.ts';
import type { TreeFile } from './tree.ts';

/** Write an object of `type` with `content`; returns its id. */
export function writeObject(repo: Repository, type: 'blob' | 'tree' | 'commit', content: Uint8Array): string {
  const whole = Buffer.concat([Buffer.from(`${type} ${content.byteLength}\0`, 'latin1'), content]);
  const oid = createHash('sha1').update(whole).digest('hex');
  if (!storedWhole(repo, oid)) writeLooseObject(repo.fs, oid, deflateSync(whole));
  return oid;
}

export function writeBlob(repo: Repository, bytes: Uint8Array): string {
  return writeObject(repo, 'blob', bytes);
}

/**
 * A tree of `entries` (one level: names without "/"), in git's order: by the
 * bytes of the name, a folder's as if it ended with "/". A folder's mode is
 * written "40000", as git writes it.
 */
export function writeTree(repo: Repository, entries: readonly Pick<TreeFile, 'mode' | 'path' | 'oid' | 'type'>[]): string {
  const keyed = entries.map((e) => ({ e, key: Buffer.from(e.type === 'tree' ? `${e.path}/` : e.path, 'utf8') }));
  keyed.sort((a, b) => Buffer.compare(a.key, b.key));
  const parts: Buffer[] = [];
  for (const { e } of keyed) {
    if (e.path === '' || e.path.includes('/') || e.path.includes('\0')) throw new Error(`a tree entry is named by one path segment; ${JSON.stringify(e.path)} is not`);
    parts.push(Buffer.from(`${e.mode.replace(/^0+/, '')} ${e.path}\0`, 'utf8'), Buffer.from(e.oid, 'hex'));
  }
  return writeObject(repo, 'tree', Buffer.concat(parts));
}

export interface CommitPerson {
  name: string;
  email: string;
  /** Seconds since the epoch. */
  timestamp: number;
}

/**
 * A commit, with the text isomorphic-git's writeCommit gives the same fields
 * (the ids stay the same): UTC times, carriage returns dropped, no empty lines
 * before the message and one newline after it.
 */
export function writeCommit(repo: Repository, commit: { tree: string; parents: readonly string[]; author: CommitPerson; committer: CommitPerson; message: string }): string {
  const person = (p: CommitPerson) => `${p.name} <${p.email}> ${p.timestamp} +0000`;
  const message = `${commit.message.replace(/\r/g, '').replace(/^\n+/, '').replace(/\n+$/, '')}\n`;
  const text = [`tree ${commit.tree}`, ...commit.parents.map((p) => `parent ${p}`), `author ${person(commit.author)}`, `committer ${person(commit.committer)}`, '', message].join('\n');
  return writeObject(repo, 'commit', Buffer.from(text, 'utf8'));
}
