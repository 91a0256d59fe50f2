/**
 * The judgement of one change: the JSON contract of `noclout review` and
 * `noclout merge` (DESIGN.md, Command-line contract). The same shape comes out
 * of git-native and GitHub mode.
 */
import type { Problem } from './problem.ts';
import type { BotText } from './texts/index.ts';
import type { ChangeKind, DecisionBallot, Tally } from './schema/decision.ts';
import type { WhatIfDigest } from './what-if.ts';

/**
 * accept / reject: final; pending: still open; invalid: problems the
 * contributor can fix (nothing recorded); manual: the bot never merges this kind.
 */
export type Decision = 'accept' | 'reject' | 'pending' | 'invalid' | 'manual';

export interface Judgement {
  /** The head as given: a ref name, a commit, or a pull request number in GitHub mode. */
  head: string;
  /** The head commit judged. */
  commit: string;
  /** The base commit judged against. */
  base: string;
  kind: ChangeKind;
  decision: Decision;
  reasons: string[];
  /** Codes of the reasons that have one (texts/codes.ts): a reason equal to a code's English is shown in a reader's language. */
  reasonCodes?: BotText[];
  problems: Problem[];
  ballots: DecisionBallot[];
  tally?: Tally;
  opened?: string;
  closes?: string;
  /** A policy change: every recorded decision replayed under the policy it proposes (src/commons/what-if.ts). */
  whatIf?: WhatIfDigest;
}

export interface MergeResult extends Judgement {
  merged: boolean;
  /** Path of the decision record written, when one was. */
  record?: string;
}
