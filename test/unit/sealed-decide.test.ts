/**
 * Issue 13: "While a sealed vote is open … the site and the judgement comment show no running
 * tally." The decision rule itself fails closed: a vote its policy seals shows no tally and no
 * choice until its ballots were opened with the round's signature, whoever calls it, even with
 * ballots that say their vote in the clear (a source that forgot to seal).
 */
import { describe, expect, it } from 'vitest';
import { decide, type DecideInput } from '../../src/commons/decide.ts';
import type { Policy } from '../../src/commons/schema/policy.ts';
import { QUICKNET } from '../../src/ballots/sealed.ts';
import { closeRound } from '../../src/commons/sealed-text.ts';

const rule = { quorum: '1/3', threshold: { moreThan: '1/2' as const }, days: 7, closeEarly: false };
const policy = (ballots: 'public' | 'sealed'): Policy => ({
  voting: { rules: { quorum: rule.quorum, threshold: { moreThan: '1/2' }, days: 7, closeEarly: false, ballots }, policy: { ...rule, threshold: { moreThan: '1/2' } }, membership: { ...rule, threshold: { moreThan: '1/2' } }, moderation: { ...rule, threshold: { moreThan: '1/2' } } },
  posts: { objectionHours: 24, maxPerAuthorPerWeek: 3, maxBytes: 100000 },
  beacon: QUICKNET,
});
const opened = '2026-11-02T10:00:00.000Z';
const closes = '2026-11-09T10:00:00.000Z';
const clear = [
  { voter: 'a', vote: 'yes' as const, comment: 'Good.', castAt: '2026-11-02T11:00:00.000Z' },
  { voter: 'b', vote: 'no' as const, castAt: '2026-11-02T12:00:00.000Z' },
];
const input = (over: Partial<DecideInput>): DecideInput => ({ kind: 'proposal', policy: policy('sealed'), roster: new Set(['a', 'b', 'c']), ballots: clear, opened, now: new Date('2026-11-03T00:00:00Z'), ...over });
const round = closeRound(Date.parse(closes), QUICKNET);

describe('deciding a sealed vote', () => {
  it('while open: no tally and no choice, only who has voted, even when a source hands over clear ballots', () => {
    const d = decide(input({}));
    expect(d.decision).toBe('pending');
    expect(d.tally).toBeUndefined();
    expect(d.reasonCodes.map((c) => c.code)).toEqual(['vote-open', 'vote-sealed-so-far']);
    expect(d.reasonCodes[1]!.params).toEqual({ voted: 2, eligible: 3, round });
    expect(JSON.stringify(d.reasons)).not.toMatch(/\d yes|\d no/);
  });

  it('issue 13 review: while open, no ballot says yes, no or counted: a clear ballot handed over is "public" without its words, a sealed one "sealed until the close"', () => {
    const sealedOne = { voter: 'c', vote: 'sealed' as const, castAt: '2026-11-02T13:00:00.000Z' };
    const d = decide(input({ ballots: [...clear, sealedOne] }));
    expect(d.ballots.map((b) => [b.voter, b.vote, b.counted, b.status?.code])).toEqual([
      ['a', 'public', false, 'ballot-sealed-pending'],
      ['b', 'public', false, 'ballot-sealed-pending'],
      ['c', 'sealed', false, 'ballot-sealed-pending'],
    ]);
    expect(JSON.stringify(d)).not.toContain('Good.');
    const waiting = decide(input({ ballots: [...clear, sealedOne], now: new Date('2026-11-10T00:00:00Z'), sealed: { round, state: 'waiting', why: 'unreachable' } }));
    expect(JSON.stringify(waiting.ballots)).not.toMatch(/"vote":"(yes|no|abstain)"|"counted":true/);
  });

  it('control: the same ballots in a public vote show the running tally', () => {
    const d = decide(input({ policy: policy('public') }));
    expect(d.tally).toMatchObject({ yes: 1, no: 1 });
    expect(d.ballots.map((b) => [b.vote, b.counted])).toEqual([['yes', true], ['no', true]]);
    expect(d.ballots[0]!.comment).toBe('Good.');
  });

  it('after the close without the round\'s signature: waiting, still no tally', () => {
    const d = decide(input({ now: new Date('2026-11-10T00:00:00Z'), sealed: { round, state: 'waiting', why: 'unreachable' } }));
    expect(d).toMatchObject({ decision: 'pending' });
    expect(d.tally).toBeUndefined();
    expect(d.reasonCodes[0]).toEqual({ code: 'vote-sealed-waiting', params: { round, closes, why: 'unreachable' } });
  });

  it('a signature handed over before the close opens nothing early', () => {
    const d = decide(input({ sealed: { round, state: 'opened', signature: 'ab'.repeat(48) } }));
    expect(d.decision).toBe('pending');
    expect(d.tally).toBeUndefined();
  });

  it('once opened after the close: counted as a public vote, the record keeps round and signature', () => {
    const signature = 'ab'.repeat(48);
    const d = decide(input({ now: new Date('2026-11-10T00:00:00Z'), sealed: { round, state: 'opened', signature } }));
    expect(d).toMatchObject({ decision: 'reject', tally: { yes: 1, no: 1 }, sealed: { round, signature } });
    expect(d.reasonCodes.map((c) => c.code)).toEqual(['vote-closed', 'vote-count', 'vote-sealed-opened']);
  });
});

describe('issue 13 review: a close on the very second its round is published', () => {
  // A vote whose close falls on a round's time: the round is published at the close itself.
  const roundTime = (QUICKNET.genesis + 3 * 1_000_000) * 1000;
  const onRound = new Date(roundTime).toISOString();
  const openedOnRound = new Date(roundTime - 7 * 86_400_000).toISOString();
  const r = closeRound(roundTime, QUICKNET);
  const at = (ms: number) => new Date(ms).toISOString();
  const ballots = (lastAt: number) => [
    { voter: 'a', vote: 'yes' as const, castAt: at(roundTime - 3_600_000) },
    { voter: 'b', vote: 'no' as const, castAt: at(roundTime - 3_600_000) },
    // b reads a's yes at the round, and turns the vote with an edit GitHub dates to the close's second.
    { voter: 'b', vote: 'yes' as const, castAt: at(lastAt) },
  ];
  const decideAt = (lastAt: number) => decide(input({ opened: openedOnRound, ballots: ballots(lastAt), now: new Date(roundTime + 5000), sealed: { round: r, state: 'opened', signature: 'ab'.repeat(48) } }));

  it('a ballot dated at the close, when the round is published at that instant, is late', () => {
    expect(roundTimeMsOf(r)).toBe(roundTime);
    const d = decideAt(roundTime);
    expect(d.tally).toMatchObject({ yes: 1, no: 1 });
    expect(d.ballots.at(-1)!.status?.code).toBe('ballot-late');
    expect(d.closes).toBe(onRound);
  });

  it('control: a millisecond earlier it counts, as the last ballot before the round', () => {
    const d = decideAt(roundTime - 1);
    expect(d.tally).toMatchObject({ yes: 2, no: 0 });
  });
});

function roundTimeMsOf(round: number): number {
  return (QUICKNET.genesis + (round - 1) * QUICKNET.period) * 1000;
}
