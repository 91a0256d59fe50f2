/**
 * A git repository as isomorphic-git sees it: the file system client, the git
 * directory and one shared object cache (isomorphic-git re-reads packfiles
 * without it). Every module of src/repo takes this as its first argument.
 * The file system client is src/repo/atomic-fs.ts: every file isomorphic-git
 * writes in the git directory is written aside and renamed into place, and a
 * loose object is verified before it is trusted.
 */
import * as nodeFs from 'node:fs';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import git from 'isomorphic-git';
import { refNameProblem } from '../commons/ref-name.ts';
import { atomicFs } from './atomic-fs.ts';
import { BadObjectError } from './bad-object.ts';
import { MissingObjectError, notFoundOid } from './missing.ts';
import { objectHeader } from './objects.ts';
import { readRefSync } from './ref.ts';
import { CodedError } from '../commons/coded-error.ts';

export interface Repository {
  fs: typeof nodeFs;
  /** The working directory, when there is one (the bot never reads or writes it). */
  dir?: string;
  gitdir: string;
  cache: object;
}

/** A repository that cannot be opened, or a ref that names nothing. */
export class RepoError extends CodedError {}

/**
 * Open the repository at `dir` (a working tree with .git, a linked worktree of `git worktree add`,
 * or a bare repository). A linked worktree is opened on the repository it belongs to (objects and
 * refs live there; isomorphic-git knows no worktrees) without a work tree: the bot then never
 * writes files, and refuses to move a branch checked out in any worktree (src/repo/checkout.ts).
 */
export function openRepository(dir: string): Repository {
  const root = resolve(dir);
  const dotGit = join(root, '.git');
  if (existsSync(dotGit) && statSync(dotGit).isDirectory()) return { fs: atomicFs(dotGit), dir: root, gitdir: dotGit, cache: {} };
  if (existsSync(dotGit) && statSync(dotGit).isFile()) {
    const common = linkedWorktreeCommonDir(dotGit);
    if (common !== undefined) return { fs: atomicFs(common), gitdir: common, cache: {} };
  }
  if (existsSync(join(root, 'HEAD')) && existsSync(join(root, 'objects'))) return { fs: atomicFs(root), gitdir: root, cache: {} };
  throw new RepoError('repo/not-a-repository', `${root} is not a git repository (no .git directory, and not a bare repository)`, { dir: root });
}

/** The repository a linked worktree's `.git` file (`gitdir: …/worktrees/<name>`) belongs to, from that folder's `commondir`. */
function linkedWorktreeCommonDir(dotGitFile: string): string | undefined {
  const line = /^gitdir: (.+)$/m.exec(readFileSync(dotGitFile, 'utf8'))?.[1]?.trim();
  if (line === undefined) return undefined;
  const own = resolve(dirname(dotGitFile), line);
  const commondir = join(own, 'commondir');
  const common = existsSync(commondir) ? resolve(own, readFileSync(commondir, 'utf8').trim()) : own;
  return existsSync(join(common, 'objects')) ? common : undefined;
}

/** The options isomorphic-git wants on every call. */
export function gitArgs(repo: Repository): { fs: typeof nodeFs; gitdir: string; cache: object } {
  return { fs: repo.fs, gitdir: repo.gitdir, cache: repo.cache };
}

/**
 * Resolve a branch name, full ref or commit id to a commit id. Branch names
 * are tried before anything else so that "main" means refs/heads/main.
 */
export async function resolveCommit(repo: Repository, name: string): Promise<string> {
  // A name becomes a path under .git: one git would refuse (`..`, a `.lock` suffix, control characters) is never looked up.
  const bad = /^[0-9a-f]{40}$/.test(name) ? undefined : refNameProblem(name);
  if (bad !== undefined) throw new RepoError('repo/bad-ref-name', `${JSON.stringify(name.slice(0, 80))} is not a ref name git accepts: ${bad}`, { name: name.slice(0, 80) });
  const candidates = /^[0-9a-f]{40}$/.test(name) ? [name] : name.startsWith('refs/') ? [name] : [`refs/heads/${name}`, `refs/remotes/${name}`, `refs/tags/${name}`, name];
  // An abbreviated commit id (at least 4 hex digits), as `git log --oneline` prints it.
  if (/^[0-9a-f]{4,39}$/.test(name)) {
    const full = await git.expandOid({ fs: repo.fs, gitdir: repo.gitdir, oid: name }).catch(() => undefined);
    if (full !== undefined) candidates.push(full);
  }
  for (const ref of candidates) {
    let oid: string;
    try {
      // A full ref name is read directly (src/repo/ref.ts); a short one as isomorphic-git expands it.
      const direct = ref.startsWith('refs/') ? readRefSync(repo, ref) : undefined;
      oid = /^[0-9a-f]{40}$/.test(ref) ? ref : (direct ?? (await git.resolveRef({ fs: repo.fs, gitdir: repo.gitdir, ref })));
    } catch {
      continue; // try the next spelling
    }
    try {
      // A commit is known from its header, without inflating it (a hostile one can hold 600 MB); a tag is peeled.
      if ((await objectHeader(repo, oid)).type === 'commit') return oid;
      const { oid: commit } = await git.readCommit({ ...gitArgs(repo), oid });
      return commit;
    } catch (error) {
      // A ref that points to a commit the repository does not have is a damaged or partial copy, not a typo.
      const missing = error instanceof MissingObjectError ? error.oid : notFoundOid(error);
      if (ref !== oid && missing === oid) throw new MissingObjectError(repo, oid, 'commit', undefined, [{ step: 'ref', ref }]);
      if (ref !== oid && error instanceof BadObjectError) throw error; // a damaged object, not a typo
      // otherwise try the next spelling
    }
  }
  throw new RepoError('repo/unknown-ref', `"${name}" names no commit in ${repo.dir ?? repo.gitdir}`, { name, repo: repo.dir ?? repo.gitdir });
}

export { git };
