import { describe, expect, it } from 'vitest';
import { decide, type DecideInput } from '../../src/commons/decide.ts';
import type { Policy } from '../../src/commons/schema/policy.ts';
import { TEST_POLICY } from '../fixtures/policy.ts';

const policy: Policy = TEST_POLICY;
const roster = new Set(['a', 'b', 'c', 'd']);
const opened = '2026-11-02T10:00:00.000Z';
const input = (over: Partial<DecideInput>): DecideInput => ({ kind: 'post', policy, roster, ballots: [], opened, now: new Date(opened), ...over });

describe('deciding a post', () => {
  it('is pending during the objection window and published after it', () => {
    expect(decide(input({ now: new Date('2026-11-03T09:59:59Z') }))).toMatchObject({ decision: 'pending', closes: '2026-11-03T10:00:00.000Z' });
    expect(decide(input({ now: new Date('2026-11-03T10:00:00Z') }))).toMatchObject({ decision: 'accept', rule: { objectionHours: 24 } });
  });

  it('the window runs from when the bot first saw the current text', () => {
    expect(decide(input({ textSeen: '2026-11-03T00:00:00.000Z', now: new Date('2026-11-03T12:00:00Z') })).decision).toBe('pending');
  });

  it('a no without a cited rule is not an objection', () => {
    expect(decide(input({ ballots: [{ voter: 'b', vote: 'no', castAt: opened }], now: new Date('2026-11-04T00:00:00Z') })).decision).toBe('accept');
  });

  it('an objection opens a moderation vote from the time it was cast', () => {
    const objection = { voter: 'b', vote: 'no' as const, rule: 'be-kind', castAt: '2026-11-02T12:00:00.000Z' };
    expect(decide(input({ ballots: [objection], now: new Date('2026-11-04T00:00:00Z') }))).toMatchObject({ decision: 'pending', closes: '2026-11-05T12:00:00.000Z' });
    const upheld = decide(input({ ballots: [objection, { voter: 'c', vote: 'no', castAt: opened }], now: new Date('2026-11-06T00:00:00Z') }));
    expect(upheld).toMatchObject({ decision: 'reject', tally: { no: 2, quorumMet: true, thresholdMet: true } });
  });

  it('maxPerAuthorPerWeek holds a post back until a week after the oldest recent publication', () => {
    const publications = ['2026-10-30T10:00:00.000Z', '2026-10-31T10:00:00.000Z', '2026-11-01T10:00:00.000Z'];
    const held = decide(input({ authorPublications: publications, now: new Date('2026-11-04T00:00:00Z') }));
    expect(held).toMatchObject({ decision: 'pending', closes: '2026-11-06T10:00:00.000Z' });
    expect(decide(input({ authorPublications: publications, now: new Date('2026-11-06T10:00:01Z') })).decision).toBe('accept');
  });
});

describe('deciding a vote', () => {
  it('uses the numbers of its kind: a policy change needs at least 3/4 over 14 days', () => {
    const ballots = ['a', 'b', 'c'].map((voter, i) => ({ voter, vote: i < 2 ? ('yes' as const) : ('no' as const), castAt: opened }));
    expect(decide(input({ kind: 'proposal', ballots, now: new Date('2026-11-09T10:00:00Z') }))).toMatchObject({ decision: 'accept', closes: '2026-11-09T10:00:00.000Z' });
    expect(decide(input({ kind: 'policy', ballots, now: new Date('2026-11-09T10:00:00Z') }))).toMatchObject({ decision: 'pending', closes: '2026-11-16T10:00:00.000Z' });
    expect(decide(input({ kind: 'policy', ballots, now: new Date('2026-11-16T10:00:00Z') }))).toMatchObject({ decision: 'reject', tally: { yes: 2, no: 1, thresholdMet: false } });
  });
});
