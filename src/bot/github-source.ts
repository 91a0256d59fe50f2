/**
 * GitHub pull requests as changes (DESIGN.md, Forge ballots). Pull-request
 * numbers are the heads ("#12", or "12" on the command line); the head commit
 * is the one GitHub reports, and it must already be in the local repository as
 * a git object (the workflow fetches `refs/pull/*\/head`: nothing is checked
 * out). Ballots are reviews (src/ballots/github.ts); the submitter is the
 * GitHub account that opened the pull request, matched to a member by its
 * numeric id. The opening is the bot's first sight of the pull request valid,
 * recorded in the ledger like any change's: never its `created_at`, which
 * would back-date a pull request fixed days after it was created and shorten
 * (or end) its members' vote before anyone could cast a counting review
 * (docs/github.md, Opening time).
 *
 * A head that is not a pull request, or not fetched, is a SourceError (it
 * names nothing judgeable); a failure to talk to GitHub (rate limit,
 * permission, network) stays a ForgeError: not a usage error, but a run to
 * try again.
 */
import { UNATTRIBUTED } from '../commons/texts/problems-en.ts';
import { ballotsFromReviews, sealedEvidence, sealedFromForge, type KeptForgeBallot, type SealedForgeEvidence } from '../ballots/github.ts';
import { sealedTextStatus } from '../commons/sealed-vote.ts';
import { recordText } from '../commons/texts/index.ts';
import { readOpening, readSealedBlob } from '../repo/ledger.ts';
import type { ApiPull } from '../forge/api-types.ts';
import type { GitHubClient } from '../forge/client.ts';
import { hasCommit, isAncestor } from '../repo/history.ts';
import type { Repository } from '../repo/repository.ts';
import { SourceError, type BallotEvidence, type ChangeContext, type ChangeHead, type ChangeSource, type Submitter } from './source.ts';

/** An open pull request left out of a run, with the reason (shown in the run's report). */
export interface SkippedPull {
  head: string;
  reason: string;
}

export class GitHubSource implements ChangeSource {
  readonly mode = 'github';
  readonly repo: Repository;
  readonly client: GitHubClient;
  readonly baseBranch: string;
  /** The bot's clock: a sealed review's text first seen now is cast now (src/ballots/github.ts, sealedEvidence). */
  readonly now: Date;
  /** Pull requests that `list` could not offer for judgement this run. */
  readonly skipped: SkippedPull[] = [];
  private readonly pulls = new Map<number, ApiPull>();

  constructor(repo: Repository, client: GitHubClient, baseBranch: string, now: Date = new Date()) {
    this.repo = repo;
    this.client = client;
    this.baseBranch = baseBranch;
    this.now = now;
  }

  /** Every open pull request against the base branch, oldest first, whose head is fetched and not yet merged. */
  async list(base: string): Promise<ChangeHead[]> {
    const heads: ChangeHead[] = [];
    for (const pull of await this.client.listOpenPulls(this.baseBranch)) {
      this.pulls.set(pull.number, pull);
      const head = `#${pull.number}`;
      if (pull.draft) {
        this.skipped.push({ head, reason: 'a draft: it is judged once marked ready for review' });
        continue;
      }
      if (!(await hasCommit(this.repo, pull.head.sha))) {
        this.skipped.push({ head, reason: notFetched(pull) });
        continue;
      }
      if (await isAncestor(this.repo, pull.head.sha, base)) continue;
      heads.push({ head, commit: pull.head.sha, number: pull.number });
    }
    return heads;
  }

  async resolve(head: string): Promise<ChangeHead> {
    const match = /^#?([1-9]\d{0,9})$/.exec(head);
    if (!match) throw new SourceError('source/unknown-head', `"${head}" is not a pull request number; in GitHub mode a head is a number, like 12 or "#12"`, { head });
    const number = Number(match[1]);
    const pull = await this.pull(number);
    if (!(await hasCommit(this.repo, pull.head.sha))) throw new SourceError('source/head-not-fetched', notFetched(pull), { head: pull.head.sha.slice(0, 12), number: String(pull.number) });
    return { head: `#${number}`, commit: pull.head.sha, number };
  }

  async ballots(context: ChangeContext): Promise<BallotEvidence[]> {
    const number = this.numberOf(context.change);
    const reviews = await this.client.listReviews(number);
    if (!context.sealed) return ballotsFromReviews(reviews, { head: context.change.commit, roster: context.roster });
    return this.sealedBallots(context, number, reviews);
  }

  /**
   * A sealed vote (docs/github.md, Voting sealed): every sealed text in a member's comment or
   * review, with every version the ledger already kept (so a deleted or edited comment still
   * counts as first seen), each as `vote: 'sealed'` with its text and ledger key; approvals and
   * change requests listed as not ballots here.
   */
  private async sealedBallots(context: ChangeContext, number: number, reviews: Awaited<ReturnType<GitHubClient['listReviews']>>): Promise<BallotEvidence[]> {
    const vote = context.sealed!;
    const comments = await this.client.listIssueComments(number);
    const { sealed, plain } = sealedFromForge(reviews, comments, { roster: context.roster, botLogin: this.client.config.botLogin });
    const evidence = sealedEvidence(sealed, await this.kept(context.id), { now: this.now.toISOString(), head: context.change.commit, firstSeen: context.firstSeen });
    return [...plain, ...evidence.map((e) => castBallot(e, sealedTextStatus(e.armored, vote)))];
  }

  /** The forge's sealed versions the ledger keeps for this change (keys gh-…), with their texts. */
  private async kept(change: string): Promise<KeptForgeBallot[]> {
    const opening = await readOpening(this.repo, change);
    const out: KeptForgeBallot[] = [];
    for (const [key, k] of Object.entries(opening?.sealed ?? {})) {
      if (!key.startsWith('gh-')) continue;
      const text = await readSealedBlob(this.repo, k.blob);
      if (text !== undefined) out.push({ key, voter: k.voter, cast: k.cast, text });
    }
    return out;
  }

  /** The member who opened the pull request: GitHub authenticated them; matched by numeric id. */
  async submitter(context: ChangeContext): Promise<Submitter> {
    const pull = await this.pull(this.numberOf(context.change));
    if (!pull.user) return { reason: `the account that opened pull request #${pull.number} was deleted`, unattributed: { ...UNATTRIBUTED, why: 'pull-deleted', pull: pull.number } };
    const member = context.roster.find((m) => m.github?.id === pull.user!.id);
    if (!member) {
      return { reason: `pull request #${pull.number} was opened by GitHub user ${pull.user.login} (id ${pull.user.id}), who is not a member: no entry in members.yml has github.id ${pull.user.id}`, unattributed: { ...UNATTRIBUTED, why: 'pull-outsider', pull: pull.number, login: pull.user.login, id: pull.user.id } };
    }
    return { handle: member.handle };
  }

  /** The pull request as last read from the API. */
  async pull(number: number): Promise<ApiPull> {
    let pull = this.pulls.get(number);
    if (!pull) {
      pull = await this.client.getPull(number);
      this.pulls.set(number, pull);
    }
    return pull;
  }

  private numberOf(change: ChangeHead): number {
    const number = change.number ?? Number(/^#?(\d+)$/.exec(change.head)?.[1]);
    if (!Number.isInteger(number) || number <= 0) throw new SourceError('source/unknown-head', `"${change.head}" is not a pull request`, { head: change.head });
    return number;
  }
}

/** A sealed version as the tally's input: `vote: 'sealed'`, its text and key for the ledger, why it cannot count if it cannot. */
function castBallot(e: SealedForgeEvidence, textStatus: ReturnType<typeof sealedTextStatus>): BallotEvidence {
  const why = e.invalid ?? textStatus;
  return { voter: e.voter, vote: 'sealed', castAt: e.castAt, ...(e.commit ? { commit: e.commit } : {}), sealed: { text: e.armored, key: e.key }, ...(why ? { invalid: recordText(why), invalidCode: why } : {}) };
}

function notFetched(pull: ApiPull): string {
  return `the head ${pull.head.sha.slice(0, 12)} of pull request #${pull.number} is not in the local repository: fetch it as data first, with \`git fetch origin +refs/pull/${pull.number}/head:refs/pull/${pull.number}/head\``;
}
