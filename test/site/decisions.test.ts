/** Hiding posts and reporting on decisions, from decision records alone. */
import { describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../../src/commons/schema/decision.ts';
import { hiddenPosts, type DecisionView } from '../../src/site/moderation.ts';
import { transparencyReport } from '../../src/site/transparency.ts';

const C = 'a'.repeat(40);
let n = 0;
function decision(overrides: Partial<DecisionRecord> & { id?: string }): DecisionView {
  const { id, ...data } = overrides;
  n += 1;
  return {
    id: id ?? `2026/${String(n).padStart(4, '0')}-d`,
    html: '',
    file: '',
    data: {
      change: 'd', title: 'd', kind: 'post', outcome: 'accepted', head: C, base: C, opened: '2026-01-01T00:00:00Z', closed: `2026-01-${String(n).padStart(2, '0')}T00:00:00Z`,
      policyCommit: C, rule: { objectionHours: 24, maxPerAuthorPerWeek: 3 }, roster: { size: 5, commit: C }, files: [], ballots: [], reasons: ['r'], digest: `sha256:${'0'.repeat(64)}`,
      ...data,
    } as DecisionRecord,
  };
}
const moderation = (post: string, rule: string, appeals?: string) => ({ post, rule, ruleVersion: C, appeal: 'open a moderation proposal', ...(appeals ? { appeals } : {}) });

describe('hiddenPosts', () => {
  it('hides a post named by an accepted moderation decision', () => {
    const d = decision({ kind: 'moderation', moderation: moderation('2026/ad', 'no-advertising') });
    expect([...hiddenPosts([d], [{ id: '2026/ad', data: { title: 'Ad' } }]).keys()]).toEqual(['2026/ad']);
  });
  it('does not hide a post when the moderation was rejected', () => {
    const d = decision({ kind: 'moderation', outcome: 'rejected', moderation: moderation('2026/ad', 'no-advertising') });
    expect(hiddenPosts([d], []).size).toBe(0);
  });
  it('shows the post again when an appeal against the moderation is accepted', () => {
    const first = decision({ id: '2026/0001-hide', kind: 'moderation', moderation: moderation('2026/ad', 'no-advertising') });
    const appeal = decision({ kind: 'moderation', moderation: moderation('2026/ad', 'no-advertising', '2026/0001-hide') });
    expect(hiddenPosts([appeal, first], []).size).toBe(0);
  });
  it('keeps the post hidden when the appeal is rejected', () => {
    const first = decision({ id: '2026/0001-hide', kind: 'moderation', moderation: moderation('2026/ad', 'no-advertising') });
    const appeal = decision({ kind: 'moderation', outcome: 'rejected', moderation: moderation('2026/ad', 'no-advertising', '2026/0001-hide') });
    expect(hiddenPosts([appeal, first], []).get('2026/ad')?.decision.id).toBe('2026/0001-hide');
  });
});

describe('transparencyReport', () => {
  const records = [
    decision({ kind: 'post', author: 'amina' }),
    decision({ kind: 'post', outcome: 'rejected', author: 'amina' }),
    decision({ id: '2026/0100-hide', kind: 'moderation', moderation: moderation('2026/ad', 'no-advertising'), author: 'lea' }),
    decision({ kind: 'moderation', moderation: moderation('2026/ad', 'no-advertising', '2026/0100-hide') }),
    decision({ kind: 'moderation', outcome: 'rejected', moderation: moderation('2026/x', 'respect') }),
  ];
  it('counts decisions by kind and outcome, by rule cited, and appeals and reversals', () => {
    const report = transparencyReport(records);
    expect(report.total).toBe(5);
    expect(report.byKind).toEqual([
      { kind: 'moderation', accepted: 2, rejected: 1 },
      { kind: 'post', accepted: 1, rejected: 1 },
    ]);
    expect(report.byRule).toEqual([
      { rule: 'no-advertising', accepted: 1, rejected: 0 },
      { rule: 'respect', accepted: 0, rejected: 1 },
    ]);
    expect(report.appeals).toEqual({ accepted: 1, rejected: 0 });
    expect(report.reversals).toBe(1);
  });
  it('never names a person: no handle appears anywhere in the report', () => {
    const text = JSON.stringify(transparencyReport(records));
    for (const handle of ['amina', 'lea']) expect(text).not.toContain(handle);
  });
});
