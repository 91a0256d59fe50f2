/**
 * Issue 15, "A transparency report by period": the report's numbers from records with known
 * answers. Every record below says its opening and closing time; the expected numbers and medians
 * are counted by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { publications } from '../../src/commons/publication.ts';
import type { DecisionBallot, DecisionRecord } from '../../src/commons/schema/decision.ts';
import { durationParts, formatNumber, formatShare, measureByQuarter, measureOf, median, quarterBounds, quarterOf, transparencyReport, type MeasureId, type Period } from '../../src/site/transparency.ts';

const C = 'a'.repeat(40);
const H = 3_600_000;
const VOTE = { quorum: '1/4', threshold: { moreThan: '1/2' as const }, days: 3, closeEarly: false };
const tally = (quorumMet: boolean) => ({ eligible: 5, yes: quorumMet ? 3 : 1, no: 0, abstain: 0, quorumMet, thresholdMet: true });
const objection = (voter: string, rule: string): DecisionBallot => ({ voter, vote: 'no', counted: true, reason: 'counted', rule });

function record(id: string, o: Partial<DecisionRecord> & Pick<DecisionRecord, 'kind' | 'opened' | 'closed'>): { id: string; data: DecisionRecord } {
  const change = id.replace(/^\d{4}\/\d{4}-/, '');
  return {
    id,
    data: { change, title: `The ${change}`, outcome: 'accepted', head: C, base: C, policyCommit: C, rule: VOTE, roster: { size: 5, commit: C }, files: [], ballots: [], reasons: ['r'], digest: `sha256:${'0'.repeat(64)}`, ...o },
  };
}
const post = (slug: string) => `content/posts/2026/${slug}.md`;
const moderation = (target: string, rule: string, appeals?: string) => ({ post: `2026/${target}`, rule, ruleVersion: C, appeal: 'appeal', ...(appeals ? { appeals } : {}) });

/**
 * 2026 Q4: p1, p2 published (24 h each); p3 objected to (be-kind, cite-sources) and stopped (96 h);
 * p4 objected to, quorum missed, published (96 h); p2 hidden by a moderation (be-kind, 72 h).
 * 2027 Q1: a moderation of p1 opened (no-ads). 2027 Q2: it closes (78 h), hiding p1; the appeal
 * against p2's hiding is accepted (72 h, p2 restored); the appeal against p1's is rejected (72 h);
 * a rule proposal adopted (168 h), one rejected without quorum (174 h); a membership (168 h).
 * 2027 Q3: nothing. 2027 Q4: a policy change adopted (336 h); p5 reaches main without a record.
 */
const DECISIONS = [
  record('2026/0001-p1', { kind: 'post', author: 'amina', rule: { objectionHours: 24, maxPerAuthorPerWeek: 3 }, opened: '2026-11-01T00:00:00Z', closed: '2026-11-02T00:00:00Z', files: [post('p1')] }),
  record('2026/0002-p2', { kind: 'post', author: 'amina', rule: { objectionHours: 24, maxPerAuthorPerWeek: 3 }, opened: '2026-11-03T00:00:00Z', closed: '2026-11-04T00:00:00Z', files: [post('p2')] }),
  record('2026/0003-p3', { kind: 'post', author: 'amina', outcome: 'rejected', opened: '2026-11-05T00:00:00Z', closed: '2026-11-09T00:00:00Z', files: [post('p3')], tally: tally(true), ballots: [objection('lea', 'be-kind'), objection('tomas', 'cite-sources'), objection('bruno', 'be-kind')] }),
  record('2026/0004-p4', { kind: 'post', author: 'amina', opened: '2026-11-10T00:00:00Z', closed: '2026-11-14T00:00:00Z', files: [post('p4')], tally: tally(false), ballots: [objection('lea', 'be-kind')] }),
  record('2026/0005-hide-p2', { kind: 'moderation', author: 'tomas', opened: '2026-11-20T00:00:00Z', closed: '2026-11-23T00:00:00Z', tally: tally(true), moderation: moderation('p2', 'be-kind') }),
  record('2027/0001-hide-p1', { kind: 'moderation', author: 'tomas', opened: '2027-03-30T12:00:00Z', closed: '2027-04-02T18:00:00Z', tally: tally(true), moderation: moderation('p1', 'no-ads') }),
  record('2027/0002-restore-p2', { kind: 'moderation', author: 'amina', opened: '2027-04-01T00:00:00Z', closed: '2027-04-04T00:00:00Z', tally: tally(true), moderation: moderation('p2', 'be-kind', '2026/0005-hide-p2') }),
  record('2027/0003-restore-p1', { kind: 'moderation', author: 'amina', outcome: 'rejected', opened: '2027-04-05T00:00:00Z', closed: '2027-04-08T00:00:00Z', tally: tally(true), moderation: moderation('p1', 'no-ads', '2027/0001-hide-p1') }),
  record('2027/0004-be-brief', { kind: 'proposal', author: 'lea', opened: '2027-05-01T00:00:00Z', closed: '2027-05-08T00:00:00Z', tally: tally(true) }),
  record('2027/0005-be-terse', { kind: 'proposal', author: 'lea', outcome: 'rejected', opened: '2027-05-02T00:00:00Z', closed: '2027-05-09T06:00:00Z', tally: tally(false) }),
  record('2027/0006-welcome', { kind: 'membership', author: 'lea', opened: '2027-06-01T00:00:00Z', closed: '2027-06-08T00:00:00Z', tally: tally(true) }),
  record('2027/0007-slower', { kind: 'policy', author: 'bruno', opened: '2027-10-01T00:00:00Z', closed: '2027-10-15T00:00:00Z', tally: tally(true) }),
];
/** Each post's first commit on main (the records' merges for p1, p2, p4; p5 pushed without a record). */
const ADDITIONS = [
  { path: post('p1'), time: '2026-11-02T00:00:05Z', author: 'amina' },
  { path: post('p2'), time: '2026-11-04T00:00:05Z', author: 'amina' },
  { path: post('p4'), time: '2026-11-14T00:00:05Z', author: 'amina' },
  { path: post('p5'), time: '2027-11-01T00:00:00Z', author: 'bruno' },
];

const report = transparencyReport({ decisions: DECISIONS, publications: publications(DECISIONS.map((d) => d.data), ADDITIONS).values() });
const period = (key: string): Period => report.periods.find((p) => p.key === key)!;
const ids = (key: string, measure: MeasureId) => measureOf(period(key), measure).entries.map((e) => e.decision ?? e.post);
const counts = (key: string) => Object.fromEntries(period(key).measures.map((m) => [m.id, m.entries.length]));

describe('transparency report by period (issue 15)', () => {
  it('lists all time, then every quarter from the newest to the oldest, the quarter with nothing included', () => {
    expect(report.periods.map((p) => p.key)).toEqual(['all', '2027-q4', '2027-q3', '2027-q2', '2027-q1', '2026-q4']);
    expect(period('2027-q3')).toMatchObject({ start: '2027-07-01T00:00:00.000Z', end: '2027-10-01T00:00:00.000Z' });
    expect(Object.values(counts('2027-q3')).every((n) => n === 0)).toBe(true);
  });

  it('counts every measure for all time', () => {
    expect(counts('all')).toEqual({
      published: 4,
      objected: 2,
      moderations: 2,
      hidden: 3,
      'hidden-objection': 1,
      'hidden-proposal': 2,
      'hidden-rule:be-kind': 2,
      'hidden-rule:cite-sources': 1,
      'hidden-rule:no-ads': 1,
      appeals: 2,
      'appeals-upheld': 1,
      'appeals-reversed': 1,
      restored: 1,
      'rule-changes': 1,
      'policy-changes': 1,
      'time:post': 4,
      'time:proposal': 2,
      'time:policy': 1,
      'time:membership': 1,
      'time:moderation': 2,
      'time:appeal': 2,
      voted: 10,
      quorum: 8,
    });
  });

  it('places decisions by their closing time, publications by their time, and moderation proposals by their opening time', () => {
    expect(counts('2026-q4')).toMatchObject({ published: 3, objected: 2, moderations: 1, hidden: 2, 'hidden-objection': 1, 'hidden-proposal': 1, appeals: 0, voted: 3, quorum: 2 });
    // The moderation of p1 opened on 30 March and closed on 2 April: opened in Q1, hid p1 in Q2.
    expect(counts('2027-q1')).toMatchObject({ moderations: 1, hidden: 0, voted: 0 });
    expect(ids('2027-q1', 'moderations')).toEqual(['2027/0001-hide-p1']);
    expect(ids('2027-q2', 'hidden-proposal')).toEqual(['2027/0001-hide-p1']);
    expect(ids('2027-q4', 'published')).toEqual(['2026/p5']);
  });

  it('lists exactly the decisions and posts each number counts', () => {
    expect(ids('all', 'published')).toEqual(['2026/0001-p1', '2026/0002-p2', '2026/0004-p4', '2026/p5']);
    expect(measureOf(period('all'), 'published').entries.map((e) => e.post)).toEqual(['2026/p1', '2026/p2', '2026/p4', '2026/p5']);
    expect(ids('all', 'objected')).toEqual(['2026/0003-p3', '2026/0004-p4']);
    expect(ids('all', 'hidden')).toEqual(['2026/0003-p3', '2026/0005-hide-p2', '2027/0001-hide-p1']);
    expect(ids('all', 'hidden-objection')).toEqual(['2026/0003-p3']);
    expect(ids('all', 'hidden-rule:be-kind')).toEqual(['2026/0003-p3', '2026/0005-hide-p2']);
    expect(ids('all', 'appeals-upheld')).toEqual(['2027/0003-restore-p1']);
    expect(ids('all', 'appeals-reversed')).toEqual(['2027/0002-restore-p2']);
    expect(measureOf(period('all'), 'restored').entries).toEqual([{ decision: '2027/0002-restore-p2', post: '2026/p2', at: '2027-04-04T00:00:00Z' }]);
    expect(ids('all', 'rule-changes')).toEqual(['2027/0004-be-brief']);
    expect(ids('all', 'policy-changes')).toEqual(['2027/0007-slower']);
    expect(ids('all', 'quorum')).not.toContain('2026/0004-p4');
    expect(ids('all', 'quorum')).not.toContain('2027/0005-be-terse');
  });

  it('takes the median time from opening to decision per kind, the mean of the two middle times for an even count', () => {
    const medianHours = (key: string, id: MeasureId) => measureOf(period(key), id).medianMs! / H;
    expect(medianHours('all', 'time:post')).toBe(60); // 24, 24, 96, 96
    expect(medianHours('all', 'time:moderation')).toBe(75); // 72, 78
    expect(medianHours('all', 'time:appeal')).toBe(72);
    expect(medianHours('all', 'time:proposal')).toBe(171); // 168, 174
    expect(medianHours('all', 'time:policy')).toBe(336);
    expect(medianHours('2027-q2', 'time:moderation')).toBe(78);
    expect(period('2027-q1').measures.some((m) => m.id.startsWith('time:'))).toBe(false);
  });

  it('never names a person: no handle appears anywhere in the report', () => {
    const text = JSON.stringify(report);
    for (const handle of ['amina', 'lea', 'tomas', 'bruno']) expect(text).not.toContain(handle);
  });

  it('an all-time list split by quarter holds exactly the all-time list: each entry in the quarter of its time, quarters oldest first (the all-time page of every post, issue 14)', () => {
    const all = report.periods[0]!;
    for (const measure of all.measures) {
      const quarters = measureByQuarter(report, measure.id);
      expect(quarters.reduce((sum, q) => sum + q.count, 0), measure.id).toBe(measure.entries.length);
      expect(quarters.flatMap((q) => measureOf(q.period, measure.id).entries), measure.id).toEqual(measure.entries);
      expect(quarters.every((q) => q.count > 0)).toBe(true);
    }
    expect(measureByQuarter(report, 'published').map((q) => q.period.key)).toEqual(report.periods.slice(1).reverse().filter((p) => measureOf(p, 'published').entries.length > 0).map((p) => p.key));
  });

  it('a commons without any record or post has all time and no quarter', () => {
    const empty = transparencyReport({ decisions: [], publications: [] });
    expect(empty.periods.map((p) => p.key)).toEqual(['all']);
    expect(measureOf(empty.periods[0]!, 'published').entries).toEqual([]);
  });
});

describe('the report\'s arithmetic', () => {
  it('quarters are calendar quarters in UTC', () => {
    expect(quarterOf('2026-12-31T23:59:59.999Z')).toBe('2026-q4');
    expect(quarterOf('2027-01-01T00:00:00Z')).toBe('2027-q1');
    expect(quarterOf('2027-03-31T23:30:00-02:00')).toBe('2027-q2');
    expect(quarterBounds('2026-q4')).toEqual({ start: '2026-10-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' });
  });
  it('a median of an odd count is the middle value, of an even count the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
  it('durations read in days and hours from a day on, else hours and minutes', () => {
    expect(durationParts(75 * H)).toEqual({ days: 3, hours: 3, minutes: 0 });
    expect(durationParts(24 * H)).toEqual({ days: 1, hours: 0, minutes: 0 });
    expect(durationParts(23.5 * H)).toEqual({ days: 0, hours: 23, minutes: 30 });
    expect(durationParts(47.6 * H)).toEqual({ days: 2, hours: 0, minutes: 0 });
  });
  it('numbers and shares follow French typography: narrow no-break spaces for thousands and before %', () => {
    expect(formatNumber(12345, 'fr')).toBe('12\u202f345');
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatShare(8, 10, 'fr')).toBe('80\u202f%');
    expect(formatShare(2, 3, 'en')).toBe('67%');
  });
});
