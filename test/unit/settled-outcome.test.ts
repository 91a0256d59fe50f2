/**
 * closeEarly's rule (src/commons/tally.ts settledOutcome) decides from the extremes instead of
 * trying every way the members who have not voted could vote (which `noclout what-if` over 10,000
 * records, issue 13, made too slow on a roster of 50). This pins it to the exhaustive rule, for
 * every tally of rosters up to 9 under quorums and thresholds that meet and miss by one.
 */
import { describe, expect, it } from 'vitest';
import type { VoteRule } from '../../src/commons/schema/policy.ts';
import { passes, settledOutcome, type Counts } from '../../src/commons/tally.ts';

/** The rule as it was written first: try every split of the remaining members into yes, no and abstain. */
function exhaustive(counts: Counts, eligible: number, rule: VoteRule, favour: 'yes' | 'no'): boolean | undefined {
  const remaining = Math.max(0, eligible - counts.yes - counts.no - counts.abstain);
  let canPass = false;
  let canFail = false;
  for (let yes = 0; yes <= remaining; yes++) {
    for (let no = 0; yes + no <= remaining; no++) {
      const next = { yes: counts.yes + yes, no: counts.no + no, abstain: counts.abstain + remaining - yes - no };
      for (const abstain of [counts.abstain, next.abstain]) {
        if (passes({ ...next, abstain }, eligible, rule, favour)) canPass = true;
        else canFail = true;
      }
    }
  }
  return canPass && canFail ? undefined : canPass;
}

const RULES: VoteRule[] = ['0/1', '1/4', '1/3', '1/2', '2/3', '1/1'].flatMap((quorum) =>
  [{ moreThan: '1/2' }, { atLeast: '1/2' }, { atLeast: '3/4' }, { moreThan: '0/1' }, { atLeast: '1/1' }].map((threshold) => ({ quorum, threshold, days: 7, closeEarly: true })),
);

describe('closeEarly: when a vote is settled', () => {
  it('deciding from the extremes gives what trying every remaining split gives, for every tally of up to 9 members, either favour', () => {
    let cases = 0;
    for (let eligible = 0; eligible <= 9; eligible++) {
      for (let yes = 0; yes <= eligible; yes++) {
        for (let no = 0; yes + no <= eligible; no++) {
          for (let abstain = 0; yes + no + abstain <= eligible; abstain++) {
            for (const rule of RULES) {
              for (const favour of ['yes', 'no'] as const) {
                expect(settledOutcome({ yes, no, abstain }, eligible, rule, favour), JSON.stringify({ yes, no, abstain, eligible, rule, favour })).toBe(exhaustive({ yes, no, abstain }, eligible, rule, favour));
                cases++;
              }
            }
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(10_000);
  });
});
