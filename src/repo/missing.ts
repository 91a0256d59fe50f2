/**
 * A git object the bot needs is not in the repository. That is not a bug of
 * the bot: `git gc` prunes commits no ref reaches any more (a deleted branch,
 * the commit a force-push replaced), a shallow clone stops at its depth, and a
 * copy made without its history (`git clone --depth`, a tarball, an adopted
 * commons) has none. Every reader in src/repo turns isomorphic-git's
 * NotFoundError into this error, naming the object, what it is and where it
 * was looked for, and callers add what they were doing ("head of record …"),
 * so review, merge and audit can report it for the one change or record it
 * concerns and go on with the others. Its words are the problem catalogue's
 * (change/missing-object), so the command line can say them in French.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { missingFix, missingText, missingWhy, type MissingObject, type MissingStep } from '../commons/texts/problems-en.ts';
import type { Repository } from './repository.ts';

export type { MissingStep } from '../commons/texts/problems-en.ts';

export type ObjectKind = 'commit' | 'tree' | 'blob' | 'object';

export class MissingObjectError extends Error {
  readonly code = 'repo/missing-object';
  readonly oid: string;
  readonly kind: ObjectKind;
  /** The file or folder the object was read for, when the reader knew it. */
  readonly path: string | undefined;
  /** What the callers were doing, innermost first (the parent of a commit, the ledger entry of a change…), as catalogue steps. */
  readonly context: readonly MissingStep[];
  /** The repository is a shallow clone (its `shallow` file lists where history stops). */
  readonly shallow: boolean;
  readonly gitdir: string;

  constructor(repo: Repository, oid: string, kind: ObjectKind, path?: string, context: readonly MissingStep[] = []) {
    const shallow = existsSync(join(repo.gitdir, 'shallow'));
    super(missingText(paramsOf(oid, kind, path, context, repo.gitdir, shallow)));
    this.oid = oid;
    this.kind = kind;
    this.path = path;
    this.context = context;
    this.shallow = shallow;
    this.gitdir = repo.gitdir;
  }

  /** The same error with one more thing the caller was doing. */
  within(what: MissingStep, repo: Repository): MissingObjectError {
    return new MissingObjectError(repo, this.oid, this.kind, this.path, [...this.context, what]);
  }

  /** The same error with the path it was read for, unless a reader nearer the object already named one. */
  at(path: string, repo: Repository): MissingObjectError {
    return this.path !== undefined ? this : new MissingObjectError(repo, this.oid, this.kind, path, this.context);
  }

  /** The error as parameters of the problem catalogue (change/missing-object, audit/missing-object), which words it in each language. */
  get params(): MissingObject {
    return paramsOf(this.oid, this.kind, this.path, this.context, this.gitdir, this.shallow);
  }

  /** Why an object goes missing, first the likeliest for this repository. */
  get why(): string {
    return missingWhy(this.params);
  }

  /** What to do about it. */
  get fix(): string {
    return missingFix(this.params);
  }
}

function paramsOf(oid: string, kind: ObjectKind, path: string | undefined, context: readonly MissingStep[], gitdir: string, shallow: boolean): MissingObject {
  return { kind, oid, at: path === undefined ? '' : 'path', path: path ?? '', steps: JSON.stringify(context), gitdir, shallow: shallow ? 'yes' : '' };
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
    throw new MissingObjectError(repo, missing, missing === oid ? kind : 'object', path, missing === oid ? [] : [{ step: 'read', kind, oid }]);
  }
}

/** Add what the caller was doing to a MissingObjectError; anything else passes unchanged. */
export async function doing<T>(repo: Repository, what: MissingStep, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof MissingObjectError) throw error.within(what, repo);
    throw error;
  }
}
