/**
 * Moving a ref by compare-and-swap: the new value is written only if the ref
 * still holds the value the caller judged against. isomorphic-git's writeRef
 * has no such check, so this takes git's own lock (`<ref>.lock`, created
 * exclusively), which real git respects too, then renames it into place: the
 * ref is either as it was or fully advanced, never half written.
 */
import { mkdirSync, openSync, closeSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { git, type Repository } from './repository.ts';

export type CasResult = { ok: true } | { ok: false; reason: 'moved' | 'locked'; current?: string };

/** The commit a ref points at, or undefined when the ref does not exist. */
export async function readRef(repo: Repository, ref: string): Promise<string | undefined> {
  try {
    return await git.resolveRef({ fs: repo.fs, gitdir: repo.gitdir, ref });
  } catch {
    return undefined;
  }
}

/**
 * The branch checked out in the repository's working tree (refs/heads/…), or
 * undefined for a bare repository or a detached HEAD. The bot never writes the
 * working tree; callers use this to say when they moved the branch under it.
 */
export async function checkedOutBranch(repo: Repository): Promise<string | undefined> {
  if (repo.dir === undefined) return undefined;
  try {
    const target = await git.resolveRef({ fs: repo.fs, gitdir: repo.gitdir, ref: 'HEAD', depth: 2 });
    return target.startsWith('refs/heads/') ? target : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Set `ref` (a full name like refs/heads/main) to `next` if it currently points
 * at `expected` (undefined: if it does not exist yet).
 */
export async function compareAndSwapRef(repo: Repository, ref: string, expected: string | undefined, next: string): Promise<CasResult> {
  if (!ref.startsWith('refs/')) throw new Error(`compareAndSwapRef needs a full ref name, received ${ref}`);
  const path = join(repo.gitdir, ref);
  const lock = `${path}.lock`;
  mkdirSync(dirname(path), { recursive: true });
  let fd: number;
  try {
    fd = openSync(lock, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { ok: false, reason: 'locked' };
    throw error;
  }
  try {
    const current = await readRef(repo, ref);
    if (current !== expected) {
      closeSync(fd);
      rmSync(lock, { force: true });
      return { ok: false, reason: 'moved', ...(current ? { current } : {}) };
    }
    writeSync(fd, `${next}\n`);
    closeSync(fd);
    renameSync(lock, path);
    return { ok: true };
  } catch (error) {
    rmSync(lock, { force: true });
    throw error;
  }
}

/** Retry a compare-and-swap update a few times while another process holds the lock. */
export async function waitForLock<T extends CasResult>(attempt: () => Promise<T>, tries = 50): Promise<T> {
  let result = await attempt();
  for (let i = 1; i < tries && !result.ok && result.reason === 'locked'; i++) {
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 30));
    result = await attempt();
  }
  return result;
}
