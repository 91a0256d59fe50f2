import { describe, expect, it } from 'vitest';
import { countBallots, countVotes, passes, quorumMet, settledOutcome, thresholdMet, voteStatus, type CastBallot } from '../../src/commons/tally.ts';
import type { VoteRule } from '../../src/commons/schema/policy.ts';

const roster = new Set(['a', 'b', 'c', 'd', 'e', 'f']);
const cast = (voter: string, vote: CastBallot['vote'], castAt = '2026-11-02T10:00:00.000Z', extra: Partial<CastBallot> = {}): CastBallot => ({ voter, vote, castAt, ...extra });
const rule: VoteRule = { quorum: '1/3', threshold: { moreThan: '1/2' }, days: 7, closeEarly: false };

describe('counting ballots', () => {
  it('counts the latest valid ballot of each member and says why every other one does not count', () => {
    const { ballots, votes } = countBallots(
      [cast('a', 'no', '2026-11-02T10:00:00Z'), cast('a', 'yes', '2026-11-02T11:00:00Z'), cast('zed', 'yes'), cast('b', 'yes', '2026-11-02T12:00:00Z', { invalid: 'bad signature' }), cast('c', 'yes', '2026-11-10T00:00:00Z')],
      roster,
      '2026-11-09T10:00:00.000Z',
    );
    expect([...votes.keys()]).toEqual(['a']);
    expect(ballots.map((b) => [b.voter, b.vote, b.counted])).toEqual([['a', 'no', false], ['zed', 'yes', false], ['a', 'yes', true], ['b', 'yes', false], ['c', 'yes', false]]);
    expect(ballots.map((b) => b.reason)).toEqual([
      'superseded by a later ballot of a',
      expect.stringContaining('not a member'),
      'counted: latest valid ballot of a member',
      'bad signature',
      expect.stringContaining('after the close'),
    ]);
  });
});

describe('quorum and threshold, exactly', () => {
  it('2 of 6 meets a quorum of 1/3 exactly; 1 of 6 does not', () => {
    expect(quorumMet({ yes: 1, no: 1, abstain: 0 }, 6, '1/3')).toBe(true);
    expect(quorumMet({ yes: 0, no: 0, abstain: 1 }, 6, '1/3')).toBe(false);
  });

  it('abstentions count towards quorum but not towards the threshold', () => {
    expect(quorumMet({ yes: 0, no: 0, abstain: 2 }, 6, '1/3')).toBe(true);
    expect(thresholdMet(0, 0, { moreThan: '1/2' })).toBe(false);
  });

  it('moreThan is strict and atLeast is not', () => {
    expect(thresholdMet(1, 1, { moreThan: '1/2' })).toBe(false);
    expect(thresholdMet(1, 1, { atLeast: '1/2' })).toBe(true);
    expect(thresholdMet(3, 1, { atLeast: '3/4' })).toBe(true);
    expect(thresholdMet(2, 1, { atLeast: '3/4' })).toBe(false);
  });

  it('an empty roster never meets a quorum', () => {
    expect(quorumMet({ yes: 0, no: 0, abstain: 0 }, 0, '0/1')).toBe(false);
  });
});

describe('closing', () => {
  const counts = (yes: number, no: number, abstain = 0) => ({ yes, no, abstain });

  it('stays open before the deadline without closeEarly, and closes at it', () => {
    expect(voteStatus(counts(6, 0), 6, rule, '2026-11-09T10:00:00.000Z', new Date('2026-11-05T00:00:00Z'))).toEqual({ state: 'open', closes: '2026-11-09T10:00:00.000Z' });
    expect(voteStatus(counts(6, 0), 6, rule, '2026-11-09T10:00:00.000Z', new Date('2026-11-09T10:00:00Z'))).toMatchObject({ state: 'closed', passed: true, early: false });
  });

  it('with closeEarly, closes as soon as no ballot still to come can change the outcome', () => {
    const early = { ...rule, closeEarly: true };
    expect(settledOutcome(counts(4, 0), 6, early)).toBe(true);
    expect(settledOutcome(counts(3, 0), 6, early)).toBeUndefined();
    expect(settledOutcome(counts(0, 3), 6, early)).toBe(false);
    expect(voteStatus(counts(4, 0), 6, early, '2026-11-09T10:00:00.000Z', new Date('2026-11-03T00:00:00Z'))).toMatchObject({ state: 'closed', passed: true, early: true });
  });

  it('an objection vote passes on no, not on yes', () => {
    expect(passes(counts(0, 2), 6, rule, 'no')).toBe(true);
    expect(passes(counts(2, 0), 6, rule, 'no')).toBe(false);
    expect(countVotes([cast('a', 'yes'), cast('b', 'abstain')])).toEqual({ yes: 1, no: 0, abstain: 1 });
  });
});
