/**
 * Front matter of `governance/decisions/<yyyy>/<nnnn>-<slug>.md`, written by
 * the bot only. It holds everything needed to recompute the decision:
 * `noclout audit` replays it from the policy, roster and ballots it names.
 */
import { z } from 'zod';
import { voteValue } from './ballot.ts';
import { commitId, handle, isoInstant, plainText, postId, slug } from './common.ts';
import { DEFAULT_MAX_BYTES, voteRuleSchema } from './policy.ts';

/** The size a decision record may have, as `noclout check` applies it (src/commons/validate.ts). */
export const RECORD_MAX_BYTES = DEFAULT_MAX_BYTES * 10;

/**
 * How many ballots that do not count a record lists one by one (in the order cast); the others
 * are only counted, in `unlistedBallots`. Anyone can add such ballots (a forge review, a file on a
 * branch): listing them all would let junk push the record past RECORD_MAX_BYTES. Counted
 * ballots are always listed.
 */
export const UNCOUNTED_LISTED = 100;

export const changeKind = z.enum(['post', 'proposal', 'policy', 'membership', 'moderation', 'platform']);
export type ChangeKind = z.output<typeof changeKind>;

/**
 * A text of the bot as a code with its parameters (src/commons/texts/codes.ts), stored beside its
 * English so pages can say it in the reader's language. Any code of the right shape reads: a code
 * a version does not know is shown by its stored English (texts/index.ts `displayText`).
 */
export const botTextSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(60),
  params: z.record(z.string().max(40), z.union([z.string().max(1000), z.number(), z.boolean(), z.array(z.string().max(300)).max(100_000)])),
});

export const decisionBallotSchema = z.strictObject({
  voter: plainText(100, 'a voter'),
  /**
   * `malformed`: the ballot file did not read; `public`: a vote given in the clear in a sealed vote
   * (its choice is not repeated). Both are listed, never counted.
   */
  vote: z.union([voteValue, z.literal('malformed'), z.literal('sealed'), z.literal('public')]),
  counted: z.boolean(),
  reason: z.string().max(300),
  /** `reason` as a code; absent in records written before codes, or for a reason the collector gave as text only. */
  status: botTextSchema.optional(),
  /** The voter's own words, published with the decision (dissent included); only for a ballot that counted. */
  comment: z.string().max(2000).optional(),
  rule: slug.optional(),
  commit: commitId.optional(),
  /**
   * When the ballot was cast, as the decision used it (the bot's first sight of its commit, or the
   * forge's submission time): what lets `noclout what-if` replay another `days` or closeEarly.
   * Absent in records written before it was kept.
   */
  castAt: isoInstant.optional(),
});

export const tallySchema = z.strictObject({
  eligible: z.number().int().min(0),
  yes: z.number().int().min(0),
  no: z.number().int().min(0),
  abstain: z.number().int().min(0),
  quorumMet: z.boolean(),
  thresholdMet: z.boolean(),
});

export const decisionSchema = z.strictObject({
  change: slug,
  /** The post's or proposal's title: one line. */
  title: plainText(200, 'a title'),
  kind: changeKind,
  outcome: z.enum(['accepted', 'rejected']),
  head: commitId,
  base: commitId,
  /** The commit `main` moved to, for accepted changes. */
  merge: commitId.optional(),
  opened: isoInstant,
  closed: isoInstant,
  /** Posts: when the bot first saw the post's current text, where its objection window began; absent in records written before it was kept. */
  textSeen: isoInstant.optional(),
  policyCommit: commitId,
  /** The numbers applied: a vote rule, or for posts the objection window. */
  rule: z.union([voteRuleSchema, z.strictObject({ objectionHours: z.number().int(), maxPerAuthorPerWeek: z.number().int() })]),
  roster: z.strictObject({ size: z.number().int().min(0), commit: commitId }),
  author: handle.optional(),
  files: z.array(z.string().max(300)).max(1000),
  ballots: z.array(decisionBallotSchema),
  /** Ballots that did not count beyond the UNCOUNTED_LISTED listed in `ballots`: counted here, not listed. */
  unlistedBallots: z.number().int().min(1).optional(),
  tally: tallySchema.optional(),
  reasons: z.array(z.string().max(1000)).min(1),
  /** `reasons` as codes, one per reason in the same order; absent in records written before codes. */
  reasonCodes: z.array(botTextSchema).optional(),
  moderation: z
    .strictObject({
      post: postId,
      rule: slug,
      ruleVersion: commitId,
      appeals: z.string().optional(),
      appeal: z.string().max(1000),
      /** `appeal` as a code; absent in records written before codes. */
      appealCode: botTextSchema.optional(),
    })
    .optional(),
  /**
   * A sealed vote (docs/voting.md, Sealed ballots): the beacon round its ballots were locked to and
   * the beacon's signature of it, which opens every one of them; `noclout audit` verifies it
   * against the frozen policy's beacon and re-opens and re-counts them offline.
   */
  sealed: z.strictObject({ round: z.number().int().min(1), signature: z.string().regex(/^[0-9a-f]{96}$/) }).optional(),
  /** sha256 of the record as the bot wrote it; `noclout check` reports a record edited by hand. */
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});

export type DecisionRecord = z.output<typeof decisionSchema>;
export type DecisionBallot = z.output<typeof decisionBallotSchema>;
export type Tally = z.output<typeof tallySchema>;
