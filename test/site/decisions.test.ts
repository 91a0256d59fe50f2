/** Hiding posts, from decision records alone (the transparency report: test/unit/transparency.test.ts). */
import { describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../../src/commons/schema/decision.ts';
import { hiddenPosts, type DecisionView } from '../../src/site/moderation.ts';

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
