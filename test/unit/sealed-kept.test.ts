/**
 * Issue 13 review: "each edit of a GitHub comment keeps one more version in the ledger per bot run,
 * without bound". What the ledger keeps of a member's sealed ballots after each look: the latest
 * version only, and no more than MAX_SEALED_VERSIONS of them one after the other.
 */
import { describe, expect, it } from 'vitest';
import { keepLatest, MAX_SEALED_VERSIONS, type KeptSealed } from '../../src/commons/opening.ts';

const blob = (n: number) => n.toString(16).padStart(40, '0');
const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 10, minute)).toISOString();
const version = (voter: string, n: number): [string, KeptSealed] => [`gh-comment-1-${String(n).padStart(16, '0')}`, { voter, blob: blob(n), cast: at(n) }];

describe('the sealed versions the ledger keeps', () => {
  it('a later version of a voter replaces the earlier one; another voter\'s stays', () => {
    const first = keepLatest(undefined, Object.fromEntries([version('bruno', 1), version('chloe', 2)]));
    const next = keepLatest(first, Object.fromEntries([version('bruno', 3)]));
    expect(Object.entries(next!).map(([k, v]) => [k, v.voter, v.versions])).toEqual([
      [version('chloe', 2)[0], 'chloe', undefined],
      [version('bruno', 3)[0], 'bruno', 2],
    ]);
  });

  it('several versions seen in one look keep only the latest; an older one seen late is not kept', () => {
    const once = keepLatest(undefined, Object.fromEntries([version('bruno', 5), version('bruno', 4), version('bruno', 6)]));
    expect(Object.keys(once!)).toEqual([version('bruno', 6)[0]]);
    expect(keepLatest(once, Object.fromEntries([version('bruno', 2)]))).toBe(once);
  });

  it(`no more than ${MAX_SEALED_VERSIONS} versions of one voter are kept, one after the other`, () => {
    let kept: Readonly<Record<string, KeptSealed>> | undefined;
    for (let n = 1; n <= MAX_SEALED_VERSIONS + 5; n++) kept = keepLatest(kept, Object.fromEntries([version('bruno', n)]));
    expect(Object.entries(kept!)).toEqual([[version('bruno', MAX_SEALED_VERSIONS)[0], { ...version('bruno', MAX_SEALED_VERSIONS)[1], versions: MAX_SEALED_VERSIONS }]]);
  });

  it('control: nothing new, the same object (the ledger is not written)', () => {
    const kept = keepLatest(undefined, Object.fromEntries([version('bruno', 1)]));
    expect(keepLatest(kept, Object.fromEntries([version('bruno', 1)]))).toBe(kept);
  });
});
