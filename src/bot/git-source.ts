/**
 * Git-native changes: every local branch other than the base is a change;
 * ballots are SSH-signed commits on the change's branch
 * (src/ballots/commit-ballots.ts), joined by clean merges when members vote
 * at the same time (src/ballots/clean-merge.ts, docs/voting.md); the
 * submitter is whoever signed the content.
 */
import { ballotEvidence, changeCommits, contentSubmitter, rewrittenBallots, uncleanMerges, type ChangeCommit } from '../ballots/commit-ballots.ts';
import { classifyChange } from '../commons/classify.ts';
import type { ChangeKind } from '../commons/schema/decision.ts';
import type { Problem } from '../commons/problem.ts';
import { diffTrees } from '../repo/diff.ts';
import { commitsBetween, isAncestor, mergeBaseOf } from '../repo/history.ts';
import { treeOf } from '../repo/tree.ts';
import { proposalOf, readTexts, touched } from './change-files.ts';
import { refNameProblem } from '../commons/ref-name.ts';
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
      // isomorphic-git lists every file under refs/heads, git's lock files (main.lock) included: only names git accepts are changes.
      if (branch === this.baseBranch || branch === 'HEAD' || refNameProblem(branch) !== undefined) continue;
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
      if (error instanceof RepoError) throw new SourceError('source/unknown-head', `${error.message}; name a branch, like "post/hello", or a commit id`, { ...error.params, head, cause: error.code });
      throw error;
    }
  }

  /** The change's commits (every commit base..head, merged sides included) with the files each touches, parents first. */
  commits(base: string, head: string): Promise<ChangeCommit[]> {
    const key = `${base}..${head}`;
    let found = this.commitCache.get(key);
    if (!found) {
      found = commitsBetween(this.repo, base, head).then((infos) => changeCommits(this.repo, infos));
      this.commitCache.set(key, found);
      // The last ones asked are kept (an audit asks for ten thousand changes, each a few times in a row).
      if (this.commitCache.size > 1_024) this.commitCache.delete(this.commitCache.keys().next().value!);
    }
    return found;
  }

  async ballots(context: ChangeContext): Promise<BallotEvidence[]> {
    const commits = await this.commits(context.base, context.change.commit);
    return ballotEvidence(this.repo, commits, context.id, context.roster, context.firstSeen, this.now, context.sealed);
  }

  async submitter(context: ChangeContext): Promise<Submitter> {
    return contentSubmitter(await this.commits(context.base, context.change.commit), context.roster);
  }

  /** Unsigned merges that add something of their own, and ballots someone else's rebase rewrote. */
  async problems(context: ChangeContext): Promise<Problem[]> {
    const commits = await this.commits(context.base, context.change.commit);
    const evidence = await ballotEvidence(this.repo, commits, context.id, context.roster, context.firstSeen, this.now, context.sealed);
    return [...uncleanMerges(commits), ...rewrittenBallots(commits, evidence, context.id, context.roster)];
  }
}

/**
 * The change a head proposes, named as the bot names it: the slug of the post
 * or proposal it adds on top of `base` (undefined when it adds none, or is
 * already in `base`). `noclout vote` finds a change's branch with it.
 */
export async function changeIdOf(repo: Repository, base: string, head: string): Promise<string | undefined> {
  return (await changeOf(repo, base, head))?.id;
}

/** The change a head proposes: its id and its kind (`noclout vote` needs the kind to know whether its vote is sealed). */
export async function changeOf(repo: Repository, base: string, head: string): Promise<{ id: string | undefined; kind: ChangeKind } | undefined> {
  if (await isAncestor(repo, head, base)) return undefined;
  const mergeBase = await mergeBaseOf(repo, base, head);
  const files = await diffTrees(repo, mergeBase ? await treeOf(repo, mergeBase) : undefined, await treeOf(repo, head));
  const proposals = files.filter((f) => f.path.startsWith('content/proposals/'));
  const c = classifyChange(files.map(touched), proposalOf(await readTexts(repo, proposals), proposals));
  return { id: c.id, kind: c.kind };
}
