/**
 * Issue 14 (audit of 10,000 records ≤ 60 s): a large folder is read at thousands of commits, each
 * version a few names away from one read before. parseTree takes the entries a version shares
 * byte for byte with a kept tree, at its start and at its end, and parses only those between.
 * That must never change what a tree reads as, nor what is refused and how: each case here is
 * parsed both ways and the results must be equal, entries, offsets and faults, hostile versions
 * included (a name twice, across the shared parts or not; names out of order at either seam; a
 * folder named like a file; names git refuses).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/commons/ordering.ts';
import { BadObjectError } from '../../src/repo/bad-object.ts';
import { openRepository } from '../../src/repo/repository.ts';
import { readTreeLevel } from '../../src/repo/tree.ts';
import { parseTree, type ParsedPrefix, type ParsedTree } from '../../src/repo/tree-object.ts';

interface Entry {
  mode: string;
  name: string;
  id: string;
}

const hex = (n: number) => n.toString(16).padStart(40, '0');
const bytesOf = (entries: readonly Entry[]) => Buffer.concat(entries.map((e) => Buffer.concat([Buffer.from(`${e.mode} ${e.name}\0`, 'utf8'), Buffer.from(e.id, 'hex')])));

/** What the reader knows of the kept tree (`known`) and how the new bytes share with it, worked out by brute force. */
function sharedWith(known: ParsedTree, knownBytes: Buffer, bytes: Buffer): ParsedPrefix | undefined {
  let common = 0;
  while (common < Math.min(bytes.length, knownBytes.length) && bytes[common] === knownBytes[common]) common++;
  const count = known.ends.filter((end) => end <= common).length;
  const start = count > 0 ? known.ends[count - 1]! : 0;
  let last = 0;
  const room = Math.min(bytes.length, knownBytes.length) - start;
  while (last < room && bytes[bytes.length - 1 - last] === knownBytes[knownBytes.length - 1 - last]) last++;
  let tail = known.entries.length;
  for (let i = count; i < known.entries.length; i++) {
    if ((i > 0 ? known.ends[i - 1]! : 0) >= knownBytes.length - last) {
      tail = i;
      break;
    }
  }
  if (count === 0 && tail === known.entries.length) return undefined;
  return { tree: known, count, ...(tail < known.entries.length ? { tail } : {}) };
}

function parsedBothWays(knownEntries: readonly Entry[], entries: readonly Entry[]): { alone: ParsedTree; shared: ParsedTree; prefix?: ParsedPrefix } {
  const knownBytes = bytesOf(knownEntries);
  const known = parseTree(knownBytes);
  expect(known.faults).toEqual([]);
  const bytes = bytesOf(entries);
  const prefix = sharedWith(known, knownBytes, bytes);
  return { alone: parseTree(bytes), shared: parseTree(bytes, prefix), ...(prefix ? { prefix } : {}) };
}

/** A deterministic generator, so a failure names its seed. */
const random = mulberry32;

const post = (i: number): Entry => ({ mode: '100644', name: `p-${String(i).padStart(5, '0')}.md`, id: hex(i + 1) });
/** A folder of `n` posts in git's order, every other number, so that names fit between any two. */
const folder = (n: number) => Array.from({ length: n }, (_, i) => post(i * 2));

describe('a large folder parsed from the parts it shares with a kept version reads exactly as parsed alone (issue 14)', () => {
  it('control: a post added in the middle shares a start and an end, only the new entry is parsed, and nothing differs', () => {
    const known = folder(400);
    const next = [...known.slice(0, 150), post(299), ...known.slice(150)];
    const { alone, shared, prefix } = parsedBothWays(known, next);
    expect(prefix).toMatchObject({ count: 150, tail: 150 });
    expect(alone.faults).toEqual([]);
    expect(shared).toEqual(alone);
    // The shared entries are the kept tree's own objects: nothing was parsed for them.
    expect(shared.entries[0]).toBe(prefix!.tree.entries[0]);
    expect(shared.entries.at(-1)).toBe(prefix!.tree.entries.at(-1));
  });

  it('control: a post removed from the middle, and one replaced by a new version of its file', () => {
    const known = folder(400);
    for (const next of [[...known.slice(0, 99), ...known.slice(100)], known.map((e, i) => (i === 250 ? { ...e, id: hex(999_999) } : e))]) {
      const { alone, shared, prefix } = parsedBothWays(known, next);
      expect(prefix?.tail).toBeDefined();
      expect(alone.faults).toEqual([]);
      expect(shared).toEqual(alone);
    }
  });

  it('a name inserted in the middle that the shared end already holds: refused as tree/duplicate-entry, with the same fault as parsed alone', () => {
    const known = folder(400);
    const next = [...known.slice(0, 150), { ...post(600), id: hex(77) }, ...known.slice(150)];
    const { alone, shared, prefix } = parsedBothWays(known, next);
    expect(prefix?.count).toBe(150);
    expect(alone.faults.map((f) => f.rule)).toContain('tree/unsorted');
    expect(shared).toEqual(alone);
  });

  it('a name twice where the copy sorts in place (a folder beside a file of the same name), at the seam with the shared end: refused the same way', () => {
    const known = [...folder(300), { mode: '100644', name: 'q.md', id: hex(5) }, ...Array.from({ length: 300 }, (_, i) => ({ mode: '100644', name: `r-${String(i).padStart(4, '0')}.md`, id: hex(10_000 + i) }))];
    // "q.md" as a folder sorts as "q.md/": after "q.md" and before "r-…", at the seam.
    const next = [...known.slice(0, 301), { mode: '40000', name: 'q.md', id: hex(6) }, ...known.slice(301)];
    const { alone, shared } = parsedBothWays(known, next);
    expect(alone.faults.map((f) => f.rule)).toEqual(['tree/duplicate-entry']);
    expect(shared).toEqual(alone);
  });

  it('a file inserted in the middle whose name a folder of the shared end holds, with names between them ("q.md", "q.md-a", then "q.md/"): in order at the seam, and refused as tree/duplicate-entry', () => {
    const known = [
      ...folder(300),
      { mode: '100644', name: 'q.md-a', id: hex(5) },
      { mode: '40000', name: 'q.md', id: hex(6) },
      ...Array.from({ length: 300 }, (_, i) => ({ mode: '100644', name: `r-${String(i).padStart(4, '0')}.md`, id: hex(10_000 + i) })),
    ];
    const next = [...known.slice(0, 300), { mode: '100644', name: 'q.md', id: hex(7) }, ...known.slice(300)];
    const { alone, shared, prefix } = parsedBothWays(known, next);
    expect(prefix).toMatchObject({ count: 300, tail: 300 });
    expect(alone.faults.map((f) => f.rule)).toEqual(['tree/duplicate-entry']);
    expect(shared).toEqual(alone);
  });

  it('a name out of order just before the shared end, and one that is not UTF-8 or names .git: refused the same way', () => {
    const known = folder(400);
    const cases: Entry[] = [
      { ...post(999), id: hex(1) },
      { mode: '100644', name: '.git', id: hex(2) },
      { mode: '100644', name: 'p-00301.md\u0007', id: hex(3) },
      { mode: '100755', name: 'p-00301.md', id: '0'.repeat(40) },
    ];
    for (const odd of cases) {
      const { alone, shared } = parsedBothWays(known, [...known.slice(0, 151), odd, ...known.slice(151)]);
      expect(alone.faults.length).toBeGreaterThan(0);
      expect(shared).toEqual(alone);
    }
  });

  it('600 random versions (names added, removed, replaced and copied at random places, some out of order): each reads as parsed alone', () => {
    for (let seed = 1; seed <= 600; seed++) {
      const next = random(seed);
      const known = folder(50 + Math.floor(next() * 300));
      const version = [...known];
      const edits = 1 + Math.floor(next() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * version.length);
        const what = next();
        if (what < 0.35) version.splice(at, 0, at > 0 ? post(version[at - 1]!.name < version[at]!.name ? Number(version[at - 1]!.name.slice(2, 7)) + 1 : 1) : { mode: '100644', name: 'a.md', id: hex(3) });
        else if (what < 0.6) version.splice(at, 1);
        else if (what < 0.8) version[at] = { ...version[at]!, id: hex(500_000 + seed) };
        else if (what < 0.9) version.splice(at, 0, { ...version[Math.floor(next() * version.length)]!, id: hex(7) });
        else version.splice(at, 0, { mode: '40000', name: version[Math.floor(next() * version.length)]!.name, id: hex(8) });
      }
      const { alone, shared } = parsedBothWays(known, version);
      expect(shared, `seed ${seed}`).toEqual(alone);
    }
  });

  it('read from git: versions of two folders read in turn (a year of posts named by slug, a large one named in order), each as a cold read and git ls-tree list it; a copied name in one version is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'noclout-tree-shared-'));
    try {
      execFileSync('git', ['init', '-q', dir]);
      const write = (entries: readonly Entry[]) => execFileSync('git', ['-C', dir, 'hash-object', '-t', 'tree', '--literally', '-w', '--stdin'], { input: bytesOf(entries), encoding: 'utf8' }).trim();
      const warm = openRepository(dir);
      const names = (level: readonly { path: string; oid: string }[]) => level.map((e) => `${e.path} ${e.oid}`);
      const big = Array.from({ length: 3000 }, (_, i) => ({ mode: '100644', name: `0-${String(i).padStart(5, '0')}.md`, id: hex(900_000 + i) }));
      let posts = folder(1200);
      const next = random(7);
      for (let v = 0; v < 40; v++) {
        const bigTree = write(big.slice(0, 2000 + v * 20));
        const at = 1 + Math.floor(next() * (posts.length - 2));
        posts = v % 3 === 2 ? [...posts.slice(0, at), ...posts.slice(at + 1)] : [...posts.slice(0, at), post(Number(posts[at - 1]!.name.slice(2, 7)) + 1), ...posts.slice(at)];
        const postsTree = write(posts);
        for (const tree of [bigTree, postsTree]) {
          const level = await readTreeLevel(warm, tree);
          expect(names(level)).toEqual(names(await readTreeLevel(openRepository(dir), tree)));
          const listed = execFileSync('git', ['-C', dir, 'ls-tree', tree], { encoding: 'utf8' }).trim().split('\n').map((line) => `${line.split('\t')[1]} ${line.split(' ')[2]!.split('\t')[0]}`);
          expect(names(level)).toEqual(listed);
        }
      }
      // A version with a name of its shared end copied into its middle: refused, warm as cold.
      const copied = write([...posts.slice(0, 500), ...posts.slice(500, 501), ...posts.slice(500)]);
      for (const repo of [warm, openRepository(dir)]) {
        const error = await readTreeLevel(repo, copied).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(BadObjectError);
        expect((error as BadObjectError).faults[0]).toMatchObject({ rule: 'tree/duplicate-entry' });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
