/**
 * Where changes come from. The bot judges the same way whatever the source:
 * git-native (branches and SSH-signed ballot commits, see git-source.ts) or a
 * forge (pull requests and reviews, see github-source.ts). A source only
 * gathers evidence; it never decides whether evidence counts: the bot checks
 * every ballot against the frozen roster and the clock (src/commons/tally.ts).
 *
 * Opening times are not the source's business either: the bot records them in
 * the git ledger (src/repo/ledger.ts) the first time it sees a change, in
 * every mode, because a forge's "created at" is not in the repository's history.
 */
import type { Unattributed } from '../commons/texts/problems-en.ts';
import type { Problem } from '../commons/problem.ts';
import type { CastBallot } from '../commons/tally.ts';
import type { Member } from '../commons/schema/members.ts';
import type { SealedVote } from '../commons/sealed-vote.ts';
import { CodedError } from '../commons/coded-error.ts';

/** One open change as the source names it. */
export interface ChangeHead {
  /** The name given on the command line or listed: a branch ("post/hello"), a commit, or "#12" for a pull request. */
  head: string;
  /** The head commit, present in the local repository (a forge source fetches it first). */
  commit: string;
  /** The forge's number for the change, when there is one. */
  number?: number;
}

/** What the bot knows about a change when it asks the source for evidence. */
export interface ChangeContext {
  change: ChangeHead;
  /** The change id: the slug of the post or proposal the change adds. */
  id: string;
  /** The base commit judged against (the tip of main). */
  base: string;
  /** The frozen roster: members as they were when the change was opened. */
  roster: readonly Member[];
  /**
   * When the bot first saw each commit of the change (commit id → ISO instant),
   * from the ledger. Commit dates are written by the contributor and never used.
   */
  firstSeen: Readonly<Record<string, string>>;
  /**
   * Set when the frozen policy seals this change's vote: its close and round. A source then gives
   * each sealed ballot as `vote: 'sealed'` with its armored text (`sealed`), and a public ballot as
   * invalid (docs/voting.md, Sealed ballots).
   */
  sealed?: SealedVote;
}

/** One ballot as found, before it is tallied: the tally's own input type. */
export type BallotEvidence = CastBallot;

/** Who submitted the change, as far as the source can prove it; else why not, in English and as the catalogue's parameters (change/unsigned). */
export type Submitter = { handle: string } | { handle?: undefined; reason: string; unattributed: Unattributed };

export interface ChangeSource {
  /** "git" or "github": printed in reports so a reader knows where evidence came from. */
  readonly mode: string;
  /** Every open change, oldest first. */
  list(base: string): Promise<ChangeHead[]>;
  /** Resolve one head as given on the command line. Throws a SourceError when it names nothing. */
  resolve(head: string): Promise<ChangeHead>;
  /** Every ballot cast on the change, valid or not. */
  ballots(context: ChangeContext): Promise<BallotEvidence[]>;
  /** The authenticated member who submitted the change's content. */
  submitter(context: ChangeContext): Promise<Submitter>;
  /**
   * Problems in how the change's evidence travelled that its contributors can
   * fix (git-native: a merge that adds something unsigned, a ballot rewritten
   * by someone else's rebase). Optional: a forge's reviews have none.
   */
  problems?(context: ChangeContext): Promise<Problem[]>;
}

/** A head that names nothing, or a source that cannot be reached. */
export class SourceError extends CodedError {}
