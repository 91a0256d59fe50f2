/**
 * Which votes are sealed, and what a sealed ballot of one must say about itself before anyone can
 * open it (docs/voting.md, Sealed ballots). Pure: the bot, `noclout vote` and the forge's ballot
 * reader all ask here, so they agree on the round.
 */
import type { ChangeKind } from './schema/decision.ts';
import type { BeaconPolicy, Policy, VotingKind } from './schema/policy.ts';
import { addDays } from './opening.ts';
import { closeRound, readSealed } from './sealed-text.ts';
import { text, type BotText } from './texts/index.ts';

/** A sealed vote: when it closes, and the beacon round its ballots are locked to. */
export interface SealedVote {
  /** The close: opening + the rule's days. */
  closes: string;
  /** The first beacon round published at or after the close. */
  round: number;
  /** The frozen policy's beacon. */
  beacon: BeaconPolicy;
}

const VOTING: Partial<Record<ChangeKind, VotingKind>> = { proposal: 'rules', policy: 'policy', membership: 'membership', moderation: 'moderation' };

/**
 * The sealed vote a change of `kind` opened at `opened` holds under its frozen `policy`, or
 * undefined when its ballots are public. A post's objections are always public: an objection is
 * what opens the vote, so it must be read to exist.
 */
export function sealedVoteOf(kind: ChangeKind, policy: Policy, opened: string): SealedVote | undefined {
  const key = VOTING[kind];
  if (!key || policy.voting[key].ballots !== 'sealed' || !policy.beacon) return undefined;
  const closes = addDays(opened, policy.voting[key].days);
  return { closes, round: closeRound(Date.parse(closes), policy.beacon), beacon: policy.beacon };
}

/**
 * Why a sealed ballot's armored text cannot count in `vote`, read without opening it: not a
 * time-locked ballot, locked to another beacon, or to another round than the close's. Undefined
 * when it can be opened at the close.
 */
export function sealedTextStatus(armored: string, vote: SealedVote): BotText | undefined {
  const read = readSealed(armored);
  if (!read.ok) return text('ballot-sealed-malformed', { issue: read.issue.code });
  if (read.header.chainHash !== vote.beacon.chainHash) return text('ballot-sealed-wrong-chain', { chainHash: read.header.chainHash });
  if (read.header.round !== vote.round) return text('ballot-sealed-wrong-round', { round: read.header.round, expected: vote.round });
  return undefined;
}
