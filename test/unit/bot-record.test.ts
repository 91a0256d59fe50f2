import { describe, expect, it } from 'vitest';
import { parseRecord, recordPath, renderRecord, type UnsealedRecord } from '../../src/commons/decision-record.ts';
import { effectiveClock, observe } from '../../src/commons/opening.ts';
import { recordIntact } from '../../src/commons/record-digest.ts';

const oid = (c: string) => c.repeat(40);
const record: UnsealedRecord = {
  change: 'kinder',
  title: 'Be kinder | now',
  kind: 'proposal',
  outcome: 'accepted',
  author: 'amina',
  head: oid('a'),
  base: oid('b'),
  merge: oid('c'),
  opened: '2026-11-02T10:00:00.000Z',
  closed: '2026-11-09T10:00:00.000Z',
  policyCommit: oid('b'),
  rule: { quorum: '1/3', threshold: { moreThan: '1/2' }, days: 7, closeEarly: false },
  roster: { size: 5, commit: oid('b') },
  files: ['content/proposals/kinder.md'],
  ballots: [{ voter: 'chloe', vote: 'no', counted: true, reason: 'counted: latest valid ballot of a member', comment: 'Too vague.\nReally.', commit: oid('d') }],
  tally: { eligible: 5, yes: 2, no: 1, abstain: 0, quorumMet: true, thresholdMet: true },
  reasons: ['the vote closed'],
};

describe('decision records', () => {
  it('render sealed, read back to the same data, and say it in prose too', () => {
    const text = renderRecord(record);
    expect(recordIntact(text)).toBe(true);
    const parsed = parseRecord(text, recordPath('2026', 1, 'kinder'));
    expect(parsed.ok && parsed.record).toMatchObject(record);
    expect(text).toContain('| chloe | no | yes |');
    expect(text).toContain('**chloe** (no): Too vague. Really.');
    expect(recordPath('2026', 12, 'kinder')).toBe('governance/decisions/2026/0012-kinder.md');
  });

  it('a record edited by hand no longer matches its digest', () => {
    const text = renderRecord(record);
    expect(recordIntact(text.replace('outcome: accepted', 'outcome: rejected'))).toBe(false);
  });
});

describe('openings and the clock', () => {
  const base = { change: 'x', head: 'post/x', headCommit: oid('a'), commits: [oid('a')], base: oid('b') };

  it('the first sight records the opening; later looks add only new commits and never move it', () => {
    const first = observe(undefined, { ...base, now: new Date('2026-11-02T10:00:00Z') });
    expect(first).toMatchObject({ opened: '2026-11-02T10:00:00.000Z', policyCommit: oid('b'), seen: { [oid('a')]: '2026-11-02T10:00:00.000Z' } });
    expect(observe(first, { ...base, now: new Date('2026-11-05T00:00:00Z') })).toBe(first);
    const next = observe(first, { ...base, commits: [oid('a'), oid('e')], base: oid('f'), now: new Date('2026-11-03T00:00:00Z') });
    expect(next.policyCommit).toBe(oid('b'));
    expect(next.seen[oid('e')]).toBe('2026-11-03T00:00:00.000Z');
  });

  it('a clock set earlier than anything recorded is moved up to it', () => {
    expect(effectiveClock(new Date('2026-01-01T00:00:00Z'), ['2026-11-02T10:00:00.000Z', undefined]).toISOString()).toBe('2026-11-02T10:00:00.000Z');
    expect(effectiveClock(new Date('2026-12-01T00:00:00Z'), ['2026-11-02T10:00:00.000Z']).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('the opening is the first sight itself, never back-dated (a forge\'s creation time no longer opens a change)', () => {
    // @ts-expect-error openedAt is gone: nothing can set an opening earlier than the bot's first sight.
    expect(observe(undefined, { ...base, now: new Date('2026-11-02T10:00:00Z'), openedAt: '2026-11-01T08:00:00Z' }).opened).toBe('2026-11-02T10:00:00.000Z');
  });
});
