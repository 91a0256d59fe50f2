/**
 * Issue 10, "One reading of every tree, the same as git's": every tree is read
 * through one parser that refuses what `git fsck` refuses, and every object's
 * size is known from its header before it is read ("sizes are checked from
 * the object header before any blob is read").
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { BadObjectError } from '../../src/repo/bad-object.ts';
import { diffTrees } from '../../src/repo/diff.ts';
import { objectHeader, readObjectWithin } from '../../src/repo/objects.ts';
import { openRepository } from '../../src/repo/repository.ts';
import { listFiles, readBlobBytes, readTreeLevel, readText, treeOf } from '../../src/repo/tree.ts';
import { makeCommons, postText } from './fixture.ts';
import { blob, rawTree, withFolder, zeroBlob } from './hostile.ts';

const f = makeCommons({ members: ['amina', 'bruno'] });
afterAll(() => f.cleanup());
const hi = blob(f, 'hi\n');
const fresh = () => openRepository(f.dir); // a new cache per read: nothing remembered from an earlier test

async function refusal(tree: string): Promise<BadObjectError> {
  const error = await readTreeLevel(fresh(), tree).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BadObjectError);
  return error as BadObjectError;
}

/** What `git fsck --strict` says about one tree (it checks every object in the repository). */
function fsckSays(tree: string): string {
  let out = '';
  try {
    execFileSync('git', ['-C', f.dir, 'fsck', '--strict', '--no-dangling'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    out = String((error as { stderr?: string }).stderr ?? '') + String((error as { stdout?: string }).stdout ?? '');
  }
  return out.split('\n').filter((line) => line.includes(tree)).join('\n');
}

describe('trees git fsck refuses are refused by the one tree reader', () => {
  const cases: { title: string; entries: { mode: string; name: string | Buffer }[]; rule: string; fsck?: string }[] = [
    { title: 'the same name twice (duplicateEntries)', entries: [{ mode: '100644', name: 'hello.md' }, { mode: '100644', name: 'hello.md' }], rule: 'tree/duplicate-entry', fsck: 'duplicateEntries' },
    { title: 'a file and a folder of the same name (duplicateEntries)', entries: [{ mode: '100644', name: 'a' }, { mode: '100644', name: 'a.b' }, { mode: '40000', name: 'a' }], rule: 'tree/duplicate-entry', fsck: 'duplicateEntries' },
    { title: 'entries out of git\'s order (treeNotSorted)', entries: [{ mode: '100644', name: 'b.md' }, { mode: '100644', name: 'a.md' }], rule: 'tree/unsorted', fsck: 'treeNotSorted' },
    { title: 'a folder sorted as if its name had no trailing "/" (treeNotSorted)', entries: [{ mode: '40000', name: 'a' }, { mode: '100644', name: 'a.b' }], rule: 'tree/unsorted', fsck: 'treeNotSorted' },
    { title: 'a .git component (hasDotgit)', entries: [{ mode: '40000', name: '.git' }], rule: 'tree/bad-name', fsck: 'hasDotgit' },
    { title: '.GIT in capitals (hasDotgit)', entries: [{ mode: '40000', name: '.GIT' }], rule: 'tree/bad-name', fsck: 'hasDotgit' },
    { title: 'git~1, the NTFS short name of .git (hasDotgit)', entries: [{ mode: '40000', name: 'GIT~1' }], rule: 'tree/bad-name', fsck: 'hasDotgit' },
    { title: '.git with trailing dots and spaces, as NTFS reads it (hasDotgit)', entries: [{ mode: '40000', name: '.git. .' }], rule: 'tree/bad-name', fsck: 'hasDotgit' },
    { title: '.git as an NTFS stream (hasDotgit)', entries: [{ mode: '40000', name: '.git::$INDEX_ALLOCATION' }], rule: 'tree/bad-name', fsck: 'hasDotgit' },
    { title: '.git with a character HFS+ ignores (hasDotgit)', entries: [{ mode: '40000', name: '.g\u200cit' }], rule: 'tree/bad-name', fsck: 'hasDotgit' },
    { title: 'a ".." component (hasDotdot)', entries: [{ mode: '40000', name: '..' }], rule: 'tree/bad-name', fsck: 'hasDotdot' },
    { title: 'a "." component (hasDot)', entries: [{ mode: '40000', name: '.' }], rule: 'tree/bad-name', fsck: 'hasDot' },
    { title: 'a name with "/" (fullPathname)', entries: [{ mode: '100644', name: 'content/x.md' }], rule: 'tree/bad-name', fsck: 'fullPathname' },
    { title: '.gitmodules as a symbolic link (gitmodulesSymlink)', entries: [{ mode: '120000', name: '.gitmodules' }], rule: 'tree/bad-name', fsck: 'gitmodulesSymlink' },
    { title: 'a zero-padded mode (zeroPaddedFilemode)', entries: [{ mode: '040000', name: 'posts' }], rule: 'tree/bad-mode', fsck: 'zeroPaddedFilemode' },
    { title: 'the old group-writable mode 100664 (badFilemode under --strict)', entries: [{ mode: '100664', name: 'a.md' }], rule: 'tree/bad-mode', fsck: 'badFilemode' },
  ];

  for (const c of cases) {
    it(`${c.title}: refused as ${c.rule}, and git fsck refuses it too`, async () => {
      // Folders point to a real empty tree, files to a real blob: only the listed fault is in the tree.
      const empty = rawTree(f, []);
      const tree = rawTree(f, c.entries.map((e) => ({ ...e, oid: e.mode.endsWith('40000') ? empty : hi })));
      const error = await refusal(tree);
      expect(error.code).toBe('repo/bad-object');
      expect(error.faults.map((x) => x.rule)).toContain(c.rule);
      expect(error.faults.find((x) => x.rule === c.rule)!.fsck).toBe(c.fsck);
      expect(fsckSays(tree)).toContain(c.fsck);
    });
  }

  it('an empty name: refused as tree/bad-name; git fsck cannot even parse the tree', async () => {
    const tree = rawTree(f, [{ mode: '100644', name: '', oid: hi }]);
    expect((await refusal(tree)).faults).toEqual([expect.objectContaining({ rule: 'tree/bad-name', fsck: 'emptyName' })]);
    expect(fsckSays(tree)).toMatch(/badTree|empty filename/);
  });

  it('a backslash (notes\\readme.txt): git stores it, the bot refuses it with a named problem instead of isomorphic-git\'s exception', async () => {
    const tree = rawTree(f, [{ mode: '100644', name: 'notes\\readme.txt', oid: hi }]);
    expect(fsckSays(tree)).toBe('');
    const error = await refusal(tree);
    expect(error.faults).toEqual([expect.objectContaining({ rule: 'tree/bad-name', name: 'notes\\readme.txt', found: expect.stringContaining('backslash') })]);
    expect(error.faults[0]!.fsck).toBeUndefined();
  });

  it('a line break or a name that is not UTF-8: refused as tree/bad-name', async () => {
    expect((await refusal(rawTree(f, [{ mode: '100644', name: 'a\nb.md', oid: hi }]))).faults[0]).toMatchObject({ rule: 'tree/bad-name', found: expect.stringContaining('control character') });
    expect((await refusal(rawTree(f, [{ mode: '100644', name: Buffer.from([0x61, 0xff, 0x2e, 0x6d, 0x64]), oid: hi }]))).faults[0]).toMatchObject({ rule: 'tree/bad-name', found: expect.stringContaining('not valid UTF-8') });
  });

  it('an entry pointing to the null object id: refused as tree/null-oid (nullSha1)', async () => {
    const tree = rawTree(f, [{ mode: '100644', name: 'a.md', oid: '0'.repeat(40) }]);
    expect((await refusal(tree)).faults[0]).toMatchObject({ rule: 'tree/null-oid', fsck: 'nullSha1' });
    expect(fsckSays(tree)).toContain('nullSha1');
  });

  it('control: a tree in git\'s order, where a folder sorts as if named "a/" after "a-b" and "a.b", is read, and git fsck is silent', async () => {
    const empty = rawTree(f, []);
    const tree = rawTree(f, [
      { mode: '100644', name: 'a-b', oid: hi },
      { mode: '100644', name: 'a.b', oid: hi },
      { mode: '40000', name: 'a', oid: empty },
      { mode: '100644', name: 'a0', oid: hi },
      { mode: '100644', name: 'notes-readme.txt', oid: hi },
      { mode: '100644', name: 'é.md', oid: hi },
    ]);
    expect(fsckSays(tree)).toBe('');
    expect((await readTreeLevel(fresh(), tree)).map((e) => e.path)).toEqual(['a-b', 'a.b', 'a', 'a0', 'notes-readme.txt', 'é.md']);
  });

  it('every reader goes through it: diff, listing and reading a path name the folder of the bad tree', async () => {
    const twice = rawTree(f, [
      { mode: '100644', name: 'hello.md', oid: blob(f, postText({ author: 'amina' })) },
      { mode: '100644', name: 'hello.md', oid: blob(f, postText({ author: 'amina' }, 'Forged words.\n')) },
    ]);
    const root = withFolder(f, 'main', 'content/posts/2026', twice);
    const main = await treeOf(fresh(), f.rev('main'));
    for (const read of [() => diffTrees(fresh(), main, root), () => listFiles(fresh(), root), () => readText(fresh(), root, 'content/posts/2026/hello.md')]) {
      const error = await read().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadObjectError);
      expect((error as BadObjectError).path).toBe('content/posts/2026');
      expect((error as BadObjectError).pathOf((error as BadObjectError).faults[0]!)).toBe('content/posts/2026/hello.md');
    }
  });
});

describe('object sizes come from the header, before anything is read', () => {
  it('every object of a packed repository with deltas: type and size as git cat-file says, without reading the object', async () => {
    const g = makeCommons({ members: ['amina'] });
    try {
      for (let i = 0; i < 6; i++) g.commit({ 'content/posts/2026/grow.md': postText({ author: 'amina' }, `${'Words that stay the same. '.repeat(200)}\nEdit ${i}.\n`) }, { message: `edit ${i}` });
      g.git(['repack', '-a', '-d', '-f', '--depth=50', '--window=50', '-q']);
      g.commit({ 'content/posts/2026/loose.md': postText({ author: 'amina' }) }, { message: 'one loose commit' });
      const all = g.git(['cat-file', '--batch-all-objects', '--batch-check=%(objectname) %(objecttype) %(objectsize) %(deltabase)']).split('\n');
      expect(all.some((line) => !line.endsWith(' 0000000000000000000000000000000000000000'))).toBe(true); // some are deltas
      const repo = openRepository(g.dir);
      for (const line of all) {
        const [oid, type, size] = line.split(' ');
        expect(await objectHeader(repo, oid!)).toMatchObject({ type, size: Number(size) });
      }
    } finally {
      g.cleanup();
    }
  });

  it('a 600 MB file of zeros (2.7 MB in git) is refused as file/too-large from its header, in milliseconds and without the memory to hold it', async () => {
    const oid = zeroBlob(f, 600 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const started = performance.now();
    const error = await readBlobBytes(fresh(), oid, 'content/posts/2026/zeros.md').catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    expect(error).toBeInstanceOf(BadObjectError);
    expect((error as BadObjectError).faults[0]).toMatchObject({ rule: 'file/too-large', found: expect.stringContaining('629145600 bytes'), expected: expect.stringContaining('at most 10000000 bytes') });
    expect((error as BadObjectError).path).toBe('content/posts/2026/zeros.md');
  });

  it('a packed file over the limit is refused the same way (a 2 MB file read with a 1 MB limit); control: under the limit it is read', async () => {
    const g = makeCommons({ members: ['amina'] });
    try {
      const oid = zeroBlob(g, 2 * 1024 * 1024);
      g.git(['tag', 'zeros', oid]);
      g.git(['repack', '-a', '-d', '-q']);
      g.git(['prune-packed']);
      expect(g.git(['count-objects', '-v'])).toMatch(/^count: 0$/m);
      const error = await readObjectWithin(openRepository(g.dir), oid, 'blob', 1024 * 1024, 'big.md').catch((e: unknown) => e);
      expect((error as BadObjectError).faults[0]).toMatchObject({ rule: 'file/too-large', found: expect.stringContaining('2097152 bytes') });
      expect((await readObjectWithin(openRepository(g.dir), oid, 'blob', 3 * 1024 * 1024)).byteLength).toBe(2 * 1024 * 1024);
    } finally {
      g.cleanup();
    }
  });

  it('a small file stored in a pack as a delta of a 20 MB file is refused: rebuilding it would inflate the large one; control: with a larger limit it reads', async () => {
    const g = makeCommons({ members: ['amina'] });
    try {
      // A pack git index-pack accepts, written by hand: a 20 MB blob of zeros, then a 10-byte blob as a delta copying its first bytes.
      const big = Buffer.alloc(20 * 1024 * 1024);
      const delta = Buffer.from([0x80, 0x80, 0x80, 0x0a, 0x0a, 0x90, 0x0a]); // base size 20 MiB, result size 10, copy 10 bytes from offset 0
      const entry = (type: number, size: number) => {
        const out = [((type << 4) | (size & 15)) | (size > 15 ? 0x80 : 0)];
        for (let rest = size >> 4; rest > 0; rest >>= 7) out.push((rest & 0x7f) | (rest > 0x7f ? 0x80 : 0));
        return Buffer.from(out);
      };
      const first = Buffer.concat([entry(3, big.length), deflateSync(big)]);
      const back = (n: number) => {
        const out = [n & 0x7f];
        for (n >>= 7; n > 0; n >>= 7) out.unshift(0x80 | (--n & 0x7f));
        return Buffer.from(out);
      };
      const second = Buffer.concat([entry(6, delta.length), back(first.length), deflateSync(delta)]);
      const body = Buffer.concat([Buffer.from('PACK'), Buffer.from([0, 0, 0, 2, 0, 0, 0, 2]), first, second]);
      const pack = join(g.dir, '.git', 'objects', 'pack', 'pack-crafted.pack');
      writeFileSync(pack, Buffer.concat([body, createHash('sha1').update(body).digest()]));
      g.git(['index-pack', pack]);
      const small = execFileSync('git', ['-C', g.dir, 'hash-object', '--stdin'], { input: Buffer.alloc(10), encoding: 'utf8' }).trim();
      expect(g.git(['cat-file', '-s', small])).toBe('10');
      const repo = openRepository(g.dir);
      expect(await objectHeader(repo, small)).toMatchObject({ type: 'blob', size: 10, largestBase: 20 * 1024 * 1024 });
      const error = await readObjectWithin(repo, small, 'blob', 1024 * 1024, 'small.md').catch((e: unknown) => e);
      expect((error as BadObjectError).faults[0]).toMatchObject({ rule: 'file/too-large', found: expect.stringContaining('a delta of an object of 20971520 bytes') });
      expect([...(await readObjectWithin(openRepository(g.dir), small, 'blob', 21 * 1024 * 1024))]).toEqual(Array(10).fill(0));
    } finally {
      g.cleanup();
    }
  });

  it('a tree entry that names a tree where a file is expected is refused as object/wrong-type', async () => {
    const empty = rawTree(f, []);
    const error = await readBlobBytes(fresh(), empty, 'a.md').catch((e: unknown) => e);
    expect((error as BadObjectError).faults[0]).toMatchObject({ rule: 'object/wrong-type' });
  });
});
