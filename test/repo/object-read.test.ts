/**
 * Issue 14, "the bot keeps pace": packed objects and commits are read by the
 * bot itself (src/repo/objects.ts readPacked, src/repo/history.ts parseCommit),
 * not by isomorphic-git. They must read what git reads, byte for byte, and
 * refuse what git would not read: a delta that copies outside its base, an
 * entry that inflates to more than it says, content that does not match its id.
 */
import { execFileSync } from 'node:child_process';
import * as nodeFs from 'node:fs';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { describe, expect, it } from 'vitest';
import { BadObjectError } from '../../src/repo/bad-object.ts';
import { parseCommit } from '../../src/repo/history.ts';
import { applyDelta, MAX_FILE_BYTES, readObjectWithin } from '../../src/repo/objects.ts';
import { openRepository } from '../../src/repo/repository.ts';
import { postText, trackedCommons, type Fixture } from './fixture.ts';

const commons = trackedCommons();

/** A commons with a few versions of the same posts, repacked with deep delta chains. */
function packed(): Fixture {
  const f = commons();
  for (let v = 0; v < 12; v++) {
    const files: Record<string, string> = {};
    for (let p = 0; p < 6; p++) files[`content/posts/2026/post-${p}.md`] = postText({ author: 'amina', title: `Post ${p}` }, `Version ${v} of post ${p}.\n${'A line that stays the same in every version.\n'.repeat(20 + v)}`);
    f.commit(files, { message: `version ${v}` });
  }
  f.git(['repack', '-a', '-d', '-f', '--depth=50', '--window=50', '-q']);
  f.git(['prune-packed']);
  return f;
}

describe('packed objects are read as git reads them', () => {
  it('every object of a repacked repository with delta chains reads byte for byte as git cat-file gives it', async () => {
    const f = packed();
    const repo = openRepository(f.dir);
    const objects = f.git(['cat-file', '--batch-all-objects', '--batch-check=%(objectname) %(objecttype) %(deltabase)']).split('\n').map((l) => l.split(' '));
    expect(objects.filter(([, , base]) => base !== '0'.repeat(40)).length).toBeGreaterThan(10); // deltas are there
    for (const [oid, type] of objects) {
      if (type === 'tag') continue;
      const bytes = await readObjectWithin(repo, oid!, type as 'blob' | 'tree' | 'commit', MAX_FILE_BYTES);
      expect(Buffer.from(bytes).equals(execFileSync('git', ['-C', f.dir, 'cat-file', type!, oid!])), `${type} ${oid}`).toBe(true);
    }
  });

  it('a pack entry whose bytes were damaged is refused as a damaged object, not read (control: the same object from an intact pack reads)', async () => {
    const f = packed();
    const blob = f.git(['rev-parse', 'main:content/posts/2026/post-0.md']);
    const expected = f.git(['cat-file', 'blob', blob]);
    expect(new TextDecoder().decode(await readObjectWithin(openRepository(f.dir), blob, 'blob', MAX_FILE_BYTES))).toBe(`${expected}\n`);
    const packDir = join(f.dir, '.git', 'objects', 'pack');
    const pack = join(packDir, readdirSync(packDir).find((n) => n.endsWith('.pack'))!);
    const index = execFileSync('git', ['-C', f.dir, 'show-index'], { input: readFileSync(pack.replace(/\.pack$/, '.idx')), encoding: 'utf8' });
    const offset = Number(index.split('\n').find((l) => l.includes(blob))!.split(' ')[0]);
    expect(offset).toBeGreaterThan(12);
    const bytes = readFileSync(pack);
    // The entry's compressed bytes start after its header (a few bytes); damage them in the middle.
    for (let i = offset + 8; i < offset + 20; i++) bytes[i] = bytes[i]! ^ 0x5a;
    nodeFs.chmodSync(pack, 0o644);
    writeFileSync(pack, bytes);
    const error = await readObjectWithin(openRepository(f.dir), blob, 'blob', MAX_FILE_BYTES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadObjectError);
    expect((error as BadObjectError).faults[0]!.code).toBe('object/corrupt');
  });
});

describe('git deltas are applied with every range checked', () => {
  const base = Buffer.from('0123456789abcdef');
  const delta = (...bytes: number[]) => Buffer.from(bytes);
  it('a copy and an insert make the result (control)', () => {
    // sizes 16 → 6; copy offset 2 length 3; insert "XYZ"
    expect(applyDelta(base, delta(16, 6, 0x80 | 0x01 | 0x10, 2, 3, 3, 0x58, 0x59, 0x5a))?.toString()).toBe('234XYZ');
  });
  it('a copy reaching past the base is refused', () => expect(applyDelta(base, delta(16, 6, 0x80 | 0x01 | 0x10, 14, 6))).toBeUndefined());
  it('a result longer than the size it states is refused', () => expect(applyDelta(base, delta(16, 2, 0x80 | 0x10, 3))).toBeUndefined());
  it('a result shorter than the size it states is refused', () => expect(applyDelta(base, delta(16, 9, 0x80 | 0x10, 3))).toBeUndefined());
  it('a base of another size than the delta says is refused', () => expect(applyDelta(base, delta(15, 3, 0x80 | 0x10, 3))).toBeUndefined());
  it('an insert running past the delta is refused', () => expect(applyDelta(base, delta(16, 5, 5, 0x41, 0x42))).toBeUndefined());
  it('the reserved instruction 0 is refused', () => expect(applyDelta(base, delta(16, 0, 0))).toBeUndefined());
  it('a copy whose offset bytes are cut off is refused', () => expect(applyDelta(base, delta(16, 3, 0x80 | 0x0f))).toBeUndefined());
});

describe('commits are parsed as isomorphic-git parses them', () => {
  /** A commit object written as is (git hash-object --literally), for shapes git itself would not write. */
  const literal = (f: Fixture, text: string) => execFileSync('git', ['-C', f.dir, 'hash-object', '--literally', '-t', 'commit', '-w', '--stdin'], { input: text, encoding: 'utf8' }).trim();

  it('signed commits, merges, odd messages and repeated headers give the fields readCommit gives', async () => {
    const f = commons();
    f.commit({ 'content/posts/2026/a.md': postText({ author: 'amina' }) }, { branch: 'post/a', signer: 'amina', message: 'a post\r\n\r\nwith a body\n\n\n' });
    f.git(['merge', '-q', '--no-ff', '-m', 'merge it', 'post/a']);
    const tree = f.rev('main^{tree}');
    const parent = f.rev('main');
    const oids = [
      ...f.git(['rev-list', '--all']).split('\n'),
      literal(f, `tree ${tree}\nparent ${parent}\nauthor A <a@x> 1 +0100\ncommitter C <c@x> 2 -0230\nauthor B <b@x> 3 +0000\nextra header\n continued\n\n\n\nmessage after empty lines\r\n\n`),
      literal(f, `tree ${tree}\nauthor Name With <Brackets> <n@x> 5 +0000\ncommitter C <c@x> 6 +0000\nparent ${parent}\n\nno message newline`),
    ];
    for (const oid of oids) {
      const { commit } = await git.readCommit({ fs: nodeFs, gitdir: join(f.dir, '.git'), oid });
      const raw = execFileSync('git', ['-C', f.dir, 'cat-file', 'commit', oid]);
      const ours = parseCommit(oid, raw);
      expect({ tree: ours.tree, parent: ours.parent, message: ours.message, author: ours.author, committer: ours.committer }, oid).toEqual({
        tree: commit.tree,
        parent: commit.parent,
        message: commit.message,
        author: { name: commit.author.name, email: commit.author.email, timestamp: commit.author.timestamp },
        committer: { name: commit.committer.name, email: commit.committer.email, timestamp: commit.committer.timestamp },
      });
    }
  });

  it('a commit without a tree line, or without an author git can read, is refused as a damaged object (control: with both it reads)', async () => {
    const f = commons();
    const tree = f.rev('main^{tree}');
    const ok = `tree ${tree}\nauthor A <a@x> 1 +0000\ncommitter C <c@x> 2 +0000\n\nfine\n`;
    expect(parseCommit('0'.repeat(40), Buffer.from(ok)).message).toBe('fine\n');
    expect(() => parseCommit('0'.repeat(40), Buffer.from(`author A <a@x> 1 +0000\ntree ${tree}\ncommitter C <c@x> 2 +0000\n\nx\n`))).toThrow(BadObjectError);
    expect(() => parseCommit('0'.repeat(40), Buffer.from(`tree ${tree}\ncommitter C <c@x> 2 +0000\n\nx\n`))).toThrow(BadObjectError);
    expect(() => parseCommit('0'.repeat(40), Buffer.from(`tree ${tree}\nauthor nobody\ncommitter C <c@x> 2 +0000\n\nx\n`))).toThrow(BadObjectError);
    // No empty line at all: isomorphic-git cuts the last header's last byte ("+000") and cannot read it either.
    const cut = literal(f, `tree ${tree}\nauthor A <a@x> 1 +0000\ncommitter C <c@x> 2 +0000`);
    await expect(git.readCommit({ fs: nodeFs, gitdir: join(f.dir, '.git'), oid: cut })).rejects.toThrow();
    expect(() => parseCommit(cut, execFileSync('git', ['-C', f.dir, 'cat-file', 'commit', cut]))).toThrow(BadObjectError);
  });
});
