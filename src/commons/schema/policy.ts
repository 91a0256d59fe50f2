/**
 * Front matter of `governance/policy.md`: the numbers the bot enforces, keys
 * exactly as DESIGN.md writes them. Fractions stay strings so that they are
 * compared exactly (see fraction.ts).
 */
import { z } from 'zod';
import { FRACTION_PATTERN, parseFraction } from '../fraction.ts';

const fraction = z
  .string({ error: 'a fraction is written as a quoted string "p/q", like "1/3"' })
  .regex(FRACTION_PATTERN, 'a fraction is written as a quoted string "p/q", like "1/3"')
  .refine((value) => parseFraction(value) !== undefined, 'a fraction must be between "0/1" and "1/1"');

export const thresholdSchema = z.union([z.strictObject({ moreThan: fraction }), z.strictObject({ atLeast: fraction })]);

export const voteRuleSchema = z.strictObject({
  quorum: fraction,
  threshold: thresholdSchema,
  days: z.number().int().min(1).max(365),
  closeEarly: z.boolean(),
});

export const policySchema = z.strictObject({
  voting: z.strictObject({
    rules: voteRuleSchema,
    policy: voteRuleSchema,
    membership: voteRuleSchema,
    moderation: voteRuleSchema,
  }),
  posts: z.strictObject({
    objectionHours: z.number().int().min(0).max(24 * 90),
    maxPerAuthorPerWeek: z.number().int().min(1).max(1000),
    maxBytes: z.number().int().min(1000).max(10_000_000),
  }),
});

export type VoteRule = z.output<typeof voteRuleSchema>;
export type Threshold = z.output<typeof thresholdSchema>;
export type Policy = z.output<typeof policySchema>;
export type VotingKind = keyof Policy['voting'];

/** Used where no policy could be read (for example to size-check the policy file itself). */
export const DEFAULT_MAX_BYTES = 100_000;
