/**
 * `governance/ballots/<change>/<handle>.yml`: one member's vote on one change. Public, it says
 * the vote (`vote: yes`); sealed (docs/voting.md, Sealed ballots), it holds one key, `sealed`,
 * whose text is the vote time-locked to the beacon's round at the close.
 */
import { z } from 'zod';
import { MAX_SEALED_CHARS } from '../sealed-text.ts';
import { handle, slug } from './common.ts';

export const voteValue = z.enum(['yes', 'no', 'abstain']);
export type Vote = z.output<typeof voteValue>;

export const ballotSchema = z.strictObject({
  vote: voteValue,
  reason: z.string().max(2000).optional(),
  /** The rule an objection cites: a `no` on a post that cites a rule escalates it to a vote. */
  rule: slug.optional(),
});

/** A sealed ballot file: the armored age text of a tlock ballot, nothing else (its words are inside). */
export const sealedBallotSchema = z.strictObject({
  sealed: z.string().max(MAX_SEALED_CHARS),
});

/**
 * What a sealed ballot says once opened. It names its voter and its change: a ballot copied into
 * another member's file, or onto another change, opens to a name that is not its file's, and
 * does not count (this is what stops a member from voting like a respected member, unseen, by
 * copying their ciphertext).
 */
export const sealedPlaintextSchema = z.strictObject({
  voter: handle,
  change: slug,
  vote: voteValue,
  reason: z.string().max(2000).optional(),
  rule: slug.optional(),
});

export type PublicBallotFile = z.output<typeof ballotSchema>;
export type SealedBallotFile = z.output<typeof sealedBallotSchema>;
export type BallotFile = PublicBallotFile | SealedBallotFile;
export type SealedPlaintext = z.output<typeof sealedPlaintextSchema>;

/**
 * The schema a ballot file's text is read with: a file with a top-level `sealed:` key is a sealed
 * ballot (and then holds nothing else), any other a public one.
 */
export function ballotSchemaFor(text: string): z.ZodType<BallotFile> {
  return /^sealed[ \t]*:/m.test(text) ? sealedBallotSchema : ballotSchema;
}

export function isSealedBallot(ballot: BallotFile): ballot is SealedBallotFile {
  return 'sealed' in ballot;
}
