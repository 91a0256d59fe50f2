/** `governance/ballots/<change>/<handle>.yml`: one member's vote on one change. */
import { z } from 'zod';
import { slug } from './common.ts';

export const voteValue = z.enum(['yes', 'no', 'abstain']);
export type Vote = z.output<typeof voteValue>;

export const ballotSchema = z.strictObject({
  vote: voteValue,
  reason: z.string().max(2000).optional(),
  /** The rule an objection cites: a `no` on a post that cites a rule escalates it to a vote. */
  rule: slug.optional(),
});

export type BallotFile = z.output<typeof ballotSchema>;
