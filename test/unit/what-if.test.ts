/**
 * Issue 13, "What-if: a policy tested on the past": every recorded decision replayed under other
 * numbers, with the same ballots and clock. The fixture's answers are worked out by hand
 * (test/fixtures/what-if-records.ts says each one).
 */
import { describe, expect, it } from 'vitest';
import { whatIf, type WhatIfReport } from '../../src/commons/what-if.ts';
import { at, changed, fixtureRecords, POLICY_COMMIT, RECORDED } from '../fixtures/what-if-records.ts';
import type { Policy } from '../../src/commons/schema/policy.ts';

const frozen = new Map([[POLICY_COMMIT, RECORDED]]);
const run = (policy: Policy) => whatIf({ decisions: fixtureRecords(), policy, frozen });
const names = (report: WhatIfReport, pick: (d: WhatIfReport['differing'][number]) => boolean) => report.differing.filter(pick).map((d) => d.change);
const byName = (report: WhatIfReport, change: string) => report.differing.find((d) => d.change === change);

describe('what-if: a policy tested on the past (issue 13)', () => {
  it('the control: under the numbers the records were decided by, nothing differs and nothing is unknown', () => {
    const report = run(RECORDED);
    expect(report).toEqual({ decisions: 12, differing: [], flipped: 0, earlier: 0, later: 0, unknown: 0 });
  });

  it('a stricter quorum flips the decisions that met it exactly, with the tally under both policies; no time is needed, even for a record without ballot times', () => {
    const report = run(changed({ rules: { quorum: '1/2' } }));
    expect(names(report, (d) => d.flipped)).toEqual(['quorum-tight', 'legacy-vote']);
    expect(report).toMatchObject({ flipped: 2, earlier: 0, later: 0, unknown: 0 });
    expect(byName(report, 'quorum-tight')).toMatchObject({
      certainty: 'exact',
      before: { outcome: 'accepted', closed: at(7), tally: { yes: 2, no: 0, eligible: 6, quorumMet: true } },
      after: { outcome: 'rejected', closed: at(7), tally: { yes: 2, no: 0, eligible: 6, quorumMet: false, thresholdMet: true } },
    });
  });

  it('a higher threshold flips the 3-to-2 decision and nothing else', () => {
    const report = run(changed({ rules: { threshold: { atLeast: '2/3' } } }));
    expect(names(report, (d) => d.flipped)).toEqual(['threshold-close']);
    expect(byName(report, 'threshold-close')?.after).toMatchObject({ outcome: 'rejected', tally: { yes: 3, no: 2, thresholdMet: false } });
    expect(report.differing).toHaveLength(1);
  });

  it('a shorter `days` drops the ballots cast after the new deadline: late noes no longer count, and every vote closes earlier', () => {
    const report = run(changed({ rules: { days: 3 } }));
    expect(names(report, (d) => d.flipped)).toEqual(['late-noes']);
    expect(byName(report, 'late-noes')).toMatchObject({ certainty: 'exact', moved: 'earlier', before: { outcome: 'rejected', closed: at(7) }, after: { outcome: 'accepted', closed: at(3), tally: { yes: 2, no: 0 } } });
    expect(names(report, (d) => d.moved === 'earlier')).toEqual(['quorum-tight', 'comfortable', 'threshold-close', 'late-noes', 'late-yes', 'settles-on-day-4']);
    // The bot closed late-yes 3 hours after its deadline: the replay keeps that delay.
    expect(byName(report, 'late-yes')?.after?.closed).toBe(at(3, 3));
  });

  it('a record written before ballots kept their time cannot be replayed under another `days`: it says so, never guesses', () => {
    const report = run(changed({ rules: { days: 3 } }));
    expect(byName(report, 'legacy-vote')).toMatchObject({ certainty: 'unknown', why: 'no-ballot-times', flipped: false });
    expect(byName(report, 'legacy-vote')?.after).toBeUndefined();
    expect(report.unknown).toBe(1);
  });

  it('a longer `days` counts a ballot cast after the old close, and says the result assumes no ballot after the record was written', () => {
    const report = run(changed({ rules: { days: 8 } }));
    expect(names(report, (d) => d.flipped)).toEqual(['late-yes']);
    expect(byName(report, 'late-yes')).toMatchObject({ certainty: 'assumed', knownUntil: at(7, 3), moved: 'later', after: { outcome: 'accepted', closed: at(8, 3), tally: { yes: 2, no: 1 } } });
    expect(names(report, (d) => d.moved === 'later')).toEqual(['quorum-tight', 'comfortable', 'threshold-close', 'late-noes', 'late-yes', 'settles-on-day-4']);
    expect(report.differing.filter((d) => d.moved === 'later').every((d) => d.certainty === 'assumed')).toBe(true);
  });

  it('closeEarly on: a vote closes at the ballot after which nothing could change its outcome', () => {
    const report = run(changed({ rules: { closeEarly: true } }));
    expect(report.flipped).toBe(0);
    expect(report.differing.filter((d) => d.moved).map((d) => [d.change, d.moved, d.after?.closed])).toEqual([
      ['comfortable', 'earlier', at(5)],
      ['late-noes', 'earlier', at(6)],
      ['settles-on-day-4', 'earlier', at(4)],
    ]);
    expect(byName(report, 'legacy-vote')).toMatchObject({ certainty: 'unknown', why: 'no-ballot-times' });
  });

  it('closeEarly off: a vote that closed early runs to its deadline, keeping the bot\'s hour of delay, assuming no later ballot', () => {
    const report = run(changed({ membership: { closeEarly: false } }));
    expect(report.differing.map((d) => d.change)).toEqual(['joined-early']);
    expect(byName(report, 'joined-early')).toMatchObject({ flipped: false, moved: 'later', certainty: 'assumed', knownUntil: at(4, 1), before: { closed: at(4, 1) }, after: { outcome: 'accepted', closed: at(7, 1) } });
  });

  it('a shorter objectionHours: an objection cast after the new window no longer stops the post, which is published after the window; unopposed posts publish earlier', () => {
    const report = run(changed({ posts: { objectionHours: 12 } }));
    expect(names(report, (d) => d.flipped)).toEqual(['objected-post']);
    expect(byName(report, 'objected-post')).toMatchObject({ certainty: 'exact', moved: 'earlier', before: { outcome: 'rejected', closed: at(23, 20) }, after: { outcome: 'accepted', closed: at(20, 12) } });
    expect(byName(report, 'objected-post')?.after?.tally).toBeUndefined();
    // The third post's record has no textSeen: its window start comes from its reason's code.
    expect(report.differing.filter((d) => d.kind === 'post' && !d.flipped).map((d) => [d.change, d.after?.closed])).toEqual([
      ['first-post', at(30, 12)],
      ['second-post', at(31, 12)],
      ['third-post', at(32, 12)],
    ]);
  });

  it('a lower maxPerAuthorPerWeek holds an author\'s third post of the week until a week after the first', () => {
    const report = run(changed({ posts: { maxPerAuthorPerWeek: 2 } }));
    expect(report.differing.map((d) => [d.change, d.moved, d.after?.closed, d.flipped])).toEqual([['third-post', 'later', at(38), false]]);
  });

  it('a post under an objection, without the policy that judged it, cannot be told under another objectionHours', () => {
    const report = whatIf({ decisions: fixtureRecords(), policy: changed({ posts: { objectionHours: 12 } }) });
    expect(byName(report, 'objected-post')).toMatchObject({ certainty: 'unknown', why: 'no-frozen-policy' });
  });
});

describe('what-if on a post under an objection whose record keeps no times (issue 13)', () => {
  it('another threshold for moderation needs no time: the upheld objection is judged again by the new fraction', () => {
    const records = fixtureRecords().map((d) => (d.record.change === 'objected-post' ? { ...d, record: { ...d.record, textSeen: undefined, ballots: d.record.ballots.map(({ castAt: _c, ...b }) => b) } } : d));
    const stricter: Policy = { ...RECORDED, voting: { ...RECORDED.voting, moderation: { ...RECORDED.voting.moderation, threshold: { atLeast: '3/4' } } } };
    const report = whatIf({ decisions: records, policy: stricter, frozen });
    // 2 no to 1 yes is more than half, not three quarters: the post would have been published.
    expect(report.differing).toEqual([expect.objectContaining({ change: 'objected-post', flipped: true, certainty: 'exact', after: expect.objectContaining({ outcome: 'accepted', closed: at(23, 20), tally: expect.objectContaining({ no: 2, yes: 1, thresholdMet: false }) }) })]);
    // A shorter window, though, needs the objection's time, which this record does not keep.
    expect(whatIf({ decisions: records, policy: changed({ posts: { objectionHours: 12 } }), frozen }).differing.find((d) => d.change === 'objected-post')).toMatchObject({ certainty: 'unknown', why: 'no-window-start' });
  });
});
