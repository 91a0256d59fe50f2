/**
 * Front matter of `governance/policy.md`: the numbers the bot enforces, keys
 * exactly as DESIGN.md writes them. Fractions stay strings so that they are
 * compared exactly (see fraction.ts).
 */
import { z } from 'zod';
import { parseFraction } from '../fraction.ts';
import { language, worded, wordsIssue } from './common.ts';
import { schemaWordsEn } from '../texts/problems-en.ts';

const fraction = z.string({ error: worded('fraction-form') }).superRefine((value, ctx) => {
  const why = fractionFault(value);
  if (why !== undefined) ctx.addIssue(wordsIssue(why));
});

/** What is wrong with a fraction string, as schema words (texts/problems-en.ts), or undefined when it is a valid one. */
export function fractionFault(value: string): 'fraction-form' | 'fraction-zeros' | 'fraction-digits' | 'fraction-denominator' | 'fraction-range' | undefined {
  const parts = /^(\d+)\/(\d+)$/.exec(value);
  if (!parts) return 'fraction-form';
  const [, p, q] = parts as unknown as [string, string, string];
  if (/^0\d/.test(p) || /^0\d/.test(q)) return 'fraction-zeros';
  if (p.length > 9 || q.length > 9) return 'fraction-digits';
  if (/^0+$/.test(q)) return 'fraction-denominator';
  if (parseFraction(value) === undefined) return 'fraction-range';
  return undefined;
}

/** What is wrong with a fraction string, in one English sentence, or undefined when it is a valid one. */
export function fractionProblem(value: string): string | undefined {
  const fault = fractionFault(value);
  return fault && schemaWordsEn(fault);
}

export const thresholdSchema = z.union([z.strictObject({ moreThan: fraction }), z.strictObject({ atLeast: fraction })], {
  error: worded('threshold'),
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
