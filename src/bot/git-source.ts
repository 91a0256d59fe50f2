/**
 * Git-native changes: every local branch other than the base is a change;
 * ballots are SSH-signed commits on the change's branch
 * (src/ballots/commit-ballots.ts); the submitter is whoever signed the content.
 */
import { ballotEvidence, changeCommits, contentSubmitter, type ChangeCommit } from '../ballots/commit-ballots.ts';
import { commitsBetween, isAncestor } from '../repo/history.ts';
import { BadObjectError } from '../repo/bad-object.ts';
import { MissingObjectError } from '../repo/missing.ts';
import { git, RepoError, resolveCommit, type Repository } from '../repo/repository.ts';
import { SourceError, type BallotEvidence, type ChangeContext, type ChangeHead, type ChangeSource, type Submitter } from './source.ts';

export class GitSource implements ChangeSource {
  readonly mode = 'git';
  readonly repo: Repository;
  /** The branch changes are merged into; never listed as a change. */
  readonly baseBranch: string;
  readonly now: Date;
  private readonly commitCache = new Map<string, Promise<ChangeCommit[]>>();

  constructor(repo: Repository, baseBranch: string, now: Date) {
    this.repo = repo;
    this.baseBranch = baseBranch;
    this.now = now;
  }

  /** Every branch not yet in the base, in name order (git records no creation time for a branch). */
  async list(base: string): Promise<ChangeHead[]> {
    const branches = await git.listBranches({ fs: this.repo.fs, gitdir: this.repo.gitdir });
    const heads: ChangeHead[] = [];
    for (const branch of branches.sort()) {
      // isomorphic-git lists git's lock files (main.lock) as branches; they are not changes.
      if (branch === this.baseBranch || branch === 'HEAD' || branch.endsWith('.lock')) continue;
      const commit = await resolveCommit(this.repo, branch).catch((error: unknown) => {
        // A branch pointing to a missing or refused commit is still an open change: judging it reports the object.
        if (error instanceof MissingObjectError || error instanceof BadObjectError) return error.oid;
        throw error;
      });
      // A branch whose history cannot be read is listed: judging it reports the missing object (src/bot/unreadable.ts).
      const merged = await isAncestor(this.repo, commit, base).catch((error: unknown) => {
        if (error instanceof MissingObjectError || error instanceof BadObjectError) return false;
        throw error;
      });
      if (!merged) heads.push({ head: branch, commit });
    }
    return heads;
  }

  async resolve(head: string): Promise<ChangeHead> {
    try {
      return { head, commit: await resolveCommit(this.repo, head) };
    } catch (error) {
      // A head that points to a missing commit is judged, and reported as a change that cannot be read.
      if (error instanceof MissingObjectError || error instanceof BadObjectError) return { head, commit: error.oid };
      if (error instanceof RepoError) throw new SourceError('source/unknown-head', `${error.message}; name a branch, like "post/hello", or a commit id`);
      throw error;
    }
  }

  /** The change's commits with the files each touches, parents first. */
  commits(base: string, head: string): Promise<ChangeCommit[]> {
    const key = `${base}..${head}`;
    let found = this.commitCache.get(key);
    if (!found) {
      found = commitsBetween(this.repo, base, head).then((infos) => changeCommits(this.repo, infos));
      this.commitCache.set(key, found);
    }
    return found;
  }

  async ballots(context: ChangeContext): Promise<BallotEvidence[]> {
    const commits = await this.commits(context.base, context.change.commit);
    return ballotEvidence(this.repo, commits, context.id, context.roster, context.firstSeen, this.now);
  }

  async submitter(context: ChangeContext): Promise<Submitter> {
    return contentSubmitter(await this.commits(context.base, context.change.commit), context.roster);
  }
}
