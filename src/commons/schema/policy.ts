/**
 * Front matter of `governance/policy.md`: the numbers the bot enforces, keys
 * exactly as DESIGN.md writes them. Fractions stay strings so that they are
 * compared exactly (see fraction.ts).
 */
import { z } from 'zod';
import { parseFraction } from '../fraction.ts';
import { language, worded, wordsIssue } from './common.ts';
import { schemaWordsEn } from '../texts/problems-en.ts';

const VOTING_KINDS = ['rules', 'policy', 'membership', 'moderation'] as const;

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
  /**
   * `sealed`: every ballot of this kind of vote is time-locked to the beacon's round at the close,
   * so nobody can read any choice while the vote is open (docs/voting.md, Sealed ballots).
   * Absent means `public`.
   */
  ballots: z.enum(['public', 'sealed']).optional(),
});

/**
 * The drand beacon sealed ballots are locked to, frozen with the policy at a change's opening.
 * drand's quicknet (docs/voting.md): url https://api.drand.sh, chainHash 52db9ba7…c84e971,
 * genesis 1692803367, period 3, scheme bls-unchained-g1-rfc9380.
 */
export const beaconSchema = z.strictObject({
  url: z.string().regex(/^https?:\/\/[^\s]+$/, 'a beacon url is an http(s) address, like "https://api.drand.sh"').max(300),
  chainHash: z.string().regex(/^[0-9a-f]{64}$/, 'a chain hash is 64 lowercase hexadecimal digits'),
  publicKey: z.string().regex(/^[0-9a-f]{192}$/, "a public key is the beacon's 96-byte key in 192 lowercase hexadecimal digits"),
  genesis: z.number().int().min(1),
  period: z.number().int().min(1).max(3600),
  scheme: z.literal('bls-unchained-g1-rfc9380'),
});

/**
 * Beacons whose numbers are known: a policy naming one's chain hash, or its public key, must give
 * all of its numbers. Security rests on the key and the round: a known key with another genesis
 * or period computes rounds the real beacon has already published (every ballot readable at
 * once), and a known chain hash with another key seals to a key someone may hold.
 */
export const KNOWN_BEACONS: readonly { name: string; chainHash: string; publicKey: string; genesis: number; period: number }[] = [
  {
    name: 'drand quicknet',
    chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
    publicKey:
      '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
    genesis: 1692803367,
    period: 3,
  },
];

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
  /** Where sealed ballots are locked; required when a kind of vote has `ballots: sealed`. */
  beacon: beaconSchema.optional(),
}).superRefine((policy, ctx) => {
  for (const key of VOTING_KINDS) {
    const rule = policy.voting[key];
    if (rule.ballots !== 'sealed') continue;
    // Coded problems (src/commons/schema-problems.ts turns these params into codedProblem).
    if (!policy.beacon) ctx.addIssue({ code: 'custom', path: ['voting', key, 'ballots'], message: 'sealed without beacon', params: { rule: 'sealed-no-beacon', problemCode: 'policy/sealed-no-beacon', problemParams: { key } } });
    if (rule.closeEarly) ctx.addIssue({ code: 'custom', path: ['voting', key, 'closeEarly'], message: 'sealed and closeEarly', params: { rule: 'sealed-close-early', problemCode: 'policy/sealed-close-early', problemParams: { key } } });
  }
  const beacon = policy.beacon;
  const known = beacon && KNOWN_BEACONS.find((k) => k.chainHash === beacon.chainHash || k.publicKey === beacon.publicKey);
  if (beacon && known) {
    for (const field of ['chainHash', 'publicKey', 'genesis', 'period'] as const) {
      if (beacon[field] === known[field]) continue;
      ctx.addIssue({ code: 'custom', path: ['beacon', field], message: 'not the known beacon', params: { rule: 'beacon-known', problemCode: 'policy/beacon-known', problemParams: { name: known.name, field, expected: String(known[field]).slice(0, 24) } } });
    }
  }
});

export type VoteRule = z.output<typeof voteRuleSchema>;
export type BeaconPolicy = z.output<typeof beaconSchema>;
export type Threshold = z.output<typeof thresholdSchema>;
export type Policy = z.output<typeof policySchema>;
export type VotingKind = keyof Policy['voting'];

/** Used where no policy could be read (for example to size-check the policy file itself). */
export const DEFAULT_MAX_BYTES = 100_000;
