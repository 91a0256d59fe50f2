/**
 * A git object the bot needs is not in the repository. That is not a bug of
 * the bot: `git gc` prunes commits no ref reaches any more (a deleted branch,
 * the commit a force-push replaced), a shallow clone stops at its depth, and a
 * copy made without its history (`git clone --depth`, a tarball, an adopted
 * commons) has none. Every reader in src/repo turns isomorphic-git's
 * NotFoundError into this error, naming the object, what it is and where it
 * was looked for, and callers add what they were doing ("head of record …"),
 * so review, merge and audit can report it for the one change or record it
 * concerns and go on with the others.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Repository } from './repository.ts';

export type ObjectKind = 'commit' | 'tree' | 'blob' | 'object';

export class MissingObjectError extends Error {
  readonly code = 'repo/missing-object';
  readonly oid: string;
  readonly kind: ObjectKind;
  /** The file or folder the object was read for, when the reader knew it. */
  readonly path: string | undefined;
  /** What the callers were doing, innermost first ("parent of 1a2b…", "head of governance/decisions/…"). */
  readonly context: readonly string[];
  /** The repository is a shallow clone (its `shallow` file lists where history stops). */
  readonly shallow: boolean;
  readonly gitdir: string;

  constructor(repo: Repository, oid: string, kind: ObjectKind, path?: string, context: readonly string[] = []) {
    const shallow = existsSync(join(repo.gitdir, 'shallow'));
    super(describe(oid, kind, path, context, repo.gitdir));
    this.oid = oid;
    this.kind = kind;
    this.path = path;
    this.context = context;
    this.shallow = shallow;
    this.gitdir = repo.gitdir;
  }

  /** The same error with one more thing the caller was doing. */
  within(what: string, repo: Repository): MissingObjectError {
    return new MissingObjectError(repo, this.oid, this.kind, this.path, [...this.context, what]);
  }

  /** The same error with the path it was read for, unless a reader nearer the object already named one. */
  at(path: string, repo: Repository): MissingObjectError {
    return this.path !== undefined ? this : new MissingObjectError(repo, this.oid, this.kind, path, this.context);
  }

  /** Why an object goes missing, first the likeliest for this repository. */
  get why(): string {
    const causes = ['it was pruned by `git gc` (its branch was deleted or force-pushed, so no ref reached it)', 'the repository is a shallow clone', 'its history was never fetched (a copy made without history, or a ref not fetched)'];
    if (this.shallow) causes.unshift(causes.splice(1, 1)[0]!);
    return `it can be missing because ${causes.join(', or ')}`;
  }

  /** What to do about it. */
  get fix(): string {
    const fetch = this.shallow ? 'git fetch --unshallow (this clone is shallow), ' : '';
    return `${fetch}fetch it from a repository that has it: git fetch origin ${this.oid} (or git fetch origin '+refs/heads/*:refs/heads/*' refs/noclout/ledger:refs/noclout/ledger); keep the branches of decided changes so their commits are not pruned`;
  }
}

function describe(oid: string, kind: ObjectKind, path: string | undefined, context: readonly string[], gitdir: string): string {
  const what = kind === 'object' ? 'git object' : `${kind}`;
  const where = path !== undefined ? ` (${kind === 'blob' ? 'the file' : 'the folder'} ${path || '/'})` : '';
  const doing = context.length ? `, ${context.join(', ')},` : '';
  return `${what} ${oid}${where}${doing} is not in ${gitdir}`;
}

/** isomorphic-git's "object not found" error, and the id it names. */
export function notFoundOid(error: unknown): string | undefined {
  const e = error as { code?: unknown; data?: { what?: unknown } } | null;
  if (!e || typeof e !== 'object' || e.code !== 'NotFoundError') return undefined;
  const what = e.data?.what;
  return typeof what === 'string' ? (/[0-9a-f]{40}/.exec(what)?.[0] ?? what) : undefined;
}

/**
 * Run a read; when isomorphic-git cannot find an object, throw a
 * MissingObjectError naming it (the id isomorphic-git names, which may be a
 * parent or a delta base rather than `oid` itself), else rethrow unchanged.
 */
export async function reading<T>(repo: Repository, oid: string, kind: ObjectKind, read: () => Promise<T>, path?: string): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const missing = notFoundOid(error);
    if (missing === undefined) throw error;
    throw new MissingObjectError(repo, missing, missing === oid ? kind : 'object', path, missing === oid ? [] : [`needed to read ${kind} ${oid}`]);
  }
}

/** Add what the caller was doing to a MissingObjectError; anything else passes unchanged. */
export async function doing<T>(repo: Repository, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof MissingObjectError) throw error.within(what, repo);
    throw error;
  }
}
