/**
 * Front matter of `governance/policy.md`: the numbers the bot enforces, keys
 * exactly as DESIGN.md writes them. Fractions stay strings so that they are
 * compared exactly (see fraction.ts).
 */
import { z } from 'zod';
import { parseFraction } from '../fraction.ts';
import { language } from './common.ts';

const FRACTION_FORM = 'a fraction is written as a quoted string "p/q", like "1/3"';

const fraction = z.string({ error: FRACTION_FORM }).superRefine((value, ctx) => {
  const why = fractionProblem(value);
  if (why !== undefined) ctx.addIssue({ code: 'custom', message: why });
});

/** What is wrong with a fraction string, in one sentence, or undefined when it is a valid one. */
export function fractionProblem(value: string): string | undefined {
  const parts = /^(\d+)\/(\d+)$/.exec(value);
  if (!parts) return FRACTION_FORM;
  const [, p, q] = parts as unknown as [string, string, string];
  if (/^0\d/.test(p) || /^0\d/.test(q)) return 'write whole numbers without leading zeros, like "1/3"';
  if (p.length > 9 || q.length > 9) return 'a fraction has at most nine digits above and below the line';
  if (/^0+$/.test(q)) return 'the denominator (after the /) must be at least 1';
  if (parseFraction(value) === undefined) return 'a fraction must be between "0/1" and "1/1": the number before the / cannot exceed the one after';
  return undefined;
}

export const thresholdSchema = z.union([z.strictObject({ moreThan: fraction }), z.strictObject({ atLeast: fraction })], {
  error: 'a threshold is exactly one of { moreThan: "p/q" } or { atLeast: "p/q" }',
});

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
  /** The language of the prose below the front matter; commons.yml `defaultLanguage` when absent. */
  lang: language.optional(),
});

export type VoteRule = z.output<typeof voteRuleSchema>;
export type Threshold = z.output<typeof thresholdSchema>;
export type Policy = z.output<typeof policySchema>;
export type VotingKind = keyof Policy['voting'];

/** Used where no policy could be read (for example to size-check the policy file itself). */
export const DEFAULT_MAX_BYTES = 100_000;
