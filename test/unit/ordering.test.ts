import { describe, expect, it } from 'vitest';
import { authorRounds, newestFirst, seededRandom, seededShuffle } from '../../src/commons/ordering.ts';

const post = (id: string, published: string, author = 'amina') => ({ id, published, author });

describe('newestFirst', () => {
  it('puts the latest publication first', () => {
    const items = [post('a', '2026-01-01T00:00:00Z'), post('b', '2026-03-01T00:00:00Z'), post('c', '2026-02-01T00:00:00Z')];
    expect(newestFirst(items).map((p) => p.id)).toEqual(['b', 'c', 'a']);
  });
  it('breaks ties by id, whatever the input order', () => {
    const t = '2026-01-01T00:00:00Z';
    expect(newestFirst([post('b', t), post('a', t)]).map((p) => p.id)).toEqual(['a', 'b']);
    expect(newestFirst([post('a', t), post('b', t)]).map((p) => p.id)).toEqual(['a', 'b']);
  });
  it('does not change its input', () => {
    const items = [post('a', '2026-01-01T00:00:00Z'), post('b', '2026-03-01T00:00:00Z')];
    newestFirst(items);
    expect(items.map((p) => p.id)).toEqual(['a', 'b']);
  });
});

describe('seededShuffle', () => {
  const items = Array.from({ length: 50 }, (_, i) => post(`p${String(i).padStart(2, '0')}`, '2026-01-01T00:00:00Z'));
  it('gives the same order for the same seed', () => {
    expect(seededShuffle(items, '2026-11-24')).toEqual(seededShuffle(items, '2026-11-24'));
  });
  it('gives the same order whatever order the items were read in', () => {
    expect(seededShuffle([...items].reverse(), 'x')).toEqual(seededShuffle(items, 'x'));
  });
  it('gives another order for another seed', () => {
    expect(seededShuffle(items, 'a').map((p) => p.id)).not.toEqual(seededShuffle(items, 'b').map((p) => p.id));
  });
  it('keeps every item exactly once', () => {
    expect(seededShuffle(items, 'z').map((p) => p.id).sort()).toEqual(items.map((p) => p.id));
  });
  it('is pinned: a known seed gives a known order (anyone can recompute it)', () => {
    const five = items.slice(0, 5);
    expect(seededShuffle(five, '2026-11-24').map((p) => p.id)).toMatchInlineSnapshot(`
      [
        "p01",
        "p02",
        "p04",
        "p00",
        "p03",
      ]
    `);
  });
  it('draws numbers in [0, 1)', () => {
    const random = seededRandom('s');
    for (let i = 0; i < 1000; i++) {
      const n = random();
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(1);
    }
  });
});

describe('authorRounds', () => {
  it('shows nobody twice before everyone once', () => {
    const items = [
      post('a1', '2026-01-05T00:00:00Z', 'amina'),
      post('a2', '2026-01-04T00:00:00Z', 'amina'),
      post('a3', '2026-01-03T00:00:00Z', 'amina'),
      post('s1', '2026-01-01T00:00:00Z', 'sofia'),
    ];
    const rounds = authorRounds(items);
    expect(rounds.map((r) => `${r.round}:${r.item.id}`)).toEqual(['1:a1', '1:s1', '2:a2', '3:a3']);
  });
  it('orders each round newest first', () => {
    const items = [post('s1', '2026-01-01T00:00:00Z', 'sofia'), post('a1', '2026-01-05T00:00:00Z', 'amina')];
    expect(authorRounds(items).map((r) => r.item.id)).toEqual(['a1', 's1']);
  });
});
