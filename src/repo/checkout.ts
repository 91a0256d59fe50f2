/**
 * The one place the bot writes a working tree. When the branch it moves is
 * the one checked out (a clone with main checked out, a CI checkout), moving
 * only the ref would leave the files and the index showing the old commit:
 * `git status` would list the merge as staged deletions, and a plain `git
 * commit` would undo it (issue 11, §4). So, as git's
 * `receive.denyCurrentBranch=updateInstead` does, the bot moves a checked-out
 * branch only when the files it changes are clean, then brings the index and
 * those files up to date; otherwise it refuses before moving anything and says
 * which files are in the way. Only accepted content (the new tip of the base)
 * is ever written, through isomorphic-git's checkout, which refuses paths that
 * run through a symbolic link.
 */
import { MERGE_FAILURES, mergeFailureText, type MergeFailureParams } from '../commons/texts/merge-failures.ts';
import type { TextLanguage } from '../commons/texts/index.ts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { diffTrees } from './diff.ts';
import { compareAndSwapRef, checkedOutBranch, takeLock, type CasResult } from './ref.ts';
import { git, type Repository } from './repository.ts';
import { treeOf } from './tree.ts';

/** The checked-out branch cannot be moved now: nothing was changed. */
/** A refusal with its English `message`, written from its code and `params` (src/commons/texts/merge-failures.ts), which say it in other languages. */
export type CheckoutRefusal = { ok: false; reason: 'checkout'; code: 'merge/dirty-checkout' | 'merge/index-locked' | 'merge/checked-out-elsewhere'; message: string; params: MergeFailureParams };

export type MoveResult = CasResult | CheckoutRefusal;

/** How many paths a refusal names before "and N more". */
const SHOWN = 10;

/**
 * The tracked files of the checked-out `ref` that differ from its commit
 * (edited, staged, deleted, or untracked where the commit has a file), among
 * `paths` (every tracked file when omitted; untracked files elsewhere are
 * not in the way). Empty when `ref` is not checked out.
 */
export async function localChanges(repo: Repository, ref: string, paths?: readonly string[]): Promise<string[]> {
  if (repo.dir === undefined || (await checkedOutBranch(repo)) !== ref) return [];
  if (paths !== undefined && paths.length === 0) return [];
  const rows = await git.statusMatrix({ fs: repo.fs, dir: repo.dir, gitdir: repo.gitdir, cache: repo.cache, ...(paths ? { filepaths: [...paths] } : {}) });
  const inTheWay = new Set(paths ?? []);
  return rows
    .filter(([path, head, workdir, stage]) => {
      if (head === 1 && workdir === 1 && stage === 1) return false; // unchanged
      if (head === 0 && stage === 0) return workdir !== 0 && inTheWay.has(path); // untracked: only where the merge writes
      return true;
    })
    .map(([path]) => path);
}

/**
 * Why the checked-out `ref` cannot be moved now, naming the files; undefined
 * when it can (or is not checked out). Read under the index lock, so a run
 * updating the files at the same moment is waited for, not taken for local
 * changes.
 */
export async function checkoutRefusal(repo: Repository, ref: string, paths?: readonly string[]): Promise<CheckoutRefusal | undefined> {
  const elsewhere = elsewhereRefusal(repo, ref);
  if (elsewhere !== undefined) return elsewhere;
  if (repo.dir === undefined || (await checkedOutBranch(repo)) !== ref) return undefined;
  return withIndexLock(repo, async () => refusalOf(repo, ref, await localChanges(repo, ref, paths)));
}

function refusalOf(repo: Repository, ref: string, dirty: readonly string[]): CheckoutRefusal | undefined {
  if (dirty.length === 0) return undefined;
  const branch = ref.slice('refs/heads/'.length);
  const params = { branch, dir: String(repo.dir), files: dirty.slice(0, SHOWN).join(', '), more: dirty.length > SHOWN ? String(dirty.length - SHOWN) : '' };
  return { ok: false, reason: 'checkout', code: 'merge/dirty-checkout', message: mergeFailureText('merge/dirty-checkout', params), params };
}

/**
 * Run `work` holding git's own lock on the index (`index.lock`): a `git add`
 * or `git commit` running now waits for us, and we wait a little for it (or
 * for another run updating the files) before refusing with merge/index-locked.
 */
async function withIndexLock<T>(repo: Repository, work: () => Promise<T>): Promise<T | CheckoutRefusal> {
  const path = join(repo.gitdir, 'index.lock');
  let lock = takeLock(path, repo.gitdir);
  for (let i = 1; !lock && i < 100; i++) {
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 30));
    lock = takeLock(path, repo.gitdir);
  }
  if (!lock) {
    const params = { path, dir: String(repo.dir) };
    return { ok: false, reason: 'checkout', code: 'merge/index-locked', message: mergeFailureText('merge/index-locked', params), params };
  }
  try {
    return await work();
  } finally {
    lock.release();
  }
}

/**
 * Move `ref` from `expected` to `next` by compare-and-swap; when it is the
 * checked-out branch, also bring its index and files from `expected` to
 * `next`, under git's index lock, refusing first if a file the move changes
 * has local changes.
 */
export async function moveBranch(repo: Repository, ref: string, expected: string, next: string): Promise<MoveResult> {
  const elsewhere = elsewhereRefusal(repo, ref);
  if (elsewhere !== undefined) return elsewhere;
  if (repo.dir === undefined || (await checkedOutBranch(repo)) !== ref) return compareAndSwapRef(repo, ref, expected, next);
  const dir = repo.dir;
  const changed = (await diffTrees(repo, await treeOf(repo, expected), await treeOf(repo, next))).map((c) => c.path);
  return withIndexLock(repo, async (): Promise<MoveResult> => {
    const refusal = refusalOf(repo, ref, await localChanges(repo, ref, changed));
    if (refusal !== undefined) return refusal;
    const moved = await compareAndSwapRef(repo, ref, expected, next);
    if (!moved.ok || changed.length === 0) return moved;
    try {
      await git.checkout({ fs: repo.fs, dir, gitdir: repo.gitdir, cache: repo.cache, ref: next, noUpdateHead: true, filepaths: changed });
    } catch {
      // The ref has moved and stays moved (the merge is done); files someone edited meanwhile are left alone, and staleCheckout says how to update them.
    }
    return moved;
  });
}

/**
 * The files of the checked-out `ref` that still show `before` after the bot
 * moved it to `after` (a run that was stopped while updating them): the
 * command that brings them up to date, in `lang`, or undefined when they are.
 */
export async function staleCheckout(repo: Repository, ref: string, before: string, after: string, lang: TextLanguage = 'en'): Promise<string | undefined> {
  if (before === after || repo.dir === undefined || (await checkedOutBranch(repo)) !== ref) return undefined;
  const changed = (await diffTrees(repo, await treeOf(repo, before), await treeOf(repo, after))).map((c) => c.path);
  if ((await localChanges(repo, ref, changed)).length === 0) return undefined;
  return MERGE_FAILURES[lang]['merge/stale-checkout']({ branch: ref.slice('refs/heads/'.length), before, after, dir: repo.dir });
}

/** `ref` is checked out in another work tree, whose files the bot cannot update from here. */
function elsewhereRefusal(repo: Repository, ref: string): CheckoutRefusal | undefined {
  const elsewhere = worktreesHolding(repo, ref);
  if (elsewhere.length === 0) return undefined;
  const branch = ref.slice('refs/heads/'.length);
  const params = { branch, elsewhere: elsewhere.join(', '), first: elsewhere[0]! };
  return { ok: false, reason: 'checkout', code: 'merge/checked-out-elsewhere', message: mergeFailureText('merge/checked-out-elsewhere', params), params };
}

/**
 * The work trees, other than the one this repository was opened in, that have `ref` checked out:
 * the main work tree of a repository opened from a linked worktree, and every linked worktree
 * (`git worktree add`), read from their HEAD files. The bot updates only its own work tree's files.
 */
export function worktreesHolding(repo: Repository, ref: string): string[] {
  const holds = (head: string) => existsSync(head) && readFileSync(head, 'utf8').trim() === `ref: ${ref}`;
  const found: string[] = [];
  const main = basename(repo.gitdir) === '.git' ? dirname(repo.gitdir) : undefined;
  if (main !== undefined && main !== repo.dir && holds(join(repo.gitdir, 'HEAD'))) found.push(main);
  const linked = join(repo.gitdir, 'worktrees');
  for (const name of existsSync(linked) ? readdirSync(linked) : []) {
    if (!holds(join(linked, name, 'HEAD'))) continue;
    const gitdirFile = join(linked, name, 'gitdir');
    found.push(existsSync(gitdirFile) ? dirname(readFileSync(gitdirFile, 'utf8').trim()) : join(linked, name));
  }
  return found;
}
