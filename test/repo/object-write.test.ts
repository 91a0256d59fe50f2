/**
 * Issue 14, "the bot keeps pace": the bot writes its blobs, trees and commits
 * itself (src/repo/object-write.ts) instead of through isomorphic-git, and a
 * merge's objects are fsynced in one batch (src/repo/atomic-fs.ts). The ids
 * must be git's own, an object stored whole is not written again (a damaged
 * one is), and nothing a ref names is left to a later fsync.
 */
import { execFileSync } from 'node:child_process';
import * as nodeFs from 'node:fs';
import { chmodSync, readdirSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hours } from '../bot/clock.ts';
import { nocloutInProcess } from '../bot/cli.ts';
import { writeBlob, writeCommit, writeTree } from '../../src/repo/object-write.ts';
import { openRepository } from '../../src/repo/repository.ts';
import { postText, trackedCommons } from './fixture.ts';

const commons = trackedCommons();
const looseFiles = (gitdir: string) =>
  readdirSync(join(gitdir, 'objects'))
    .filter((d) => /^[0-9a-f]{2}$/.test(d))
    .flatMap((d) => readdirSync(join(gitdir, 'objects', d)).filter((f) => /^[0-9a-f]{38}$/.test(f)).map((f) => join(gitdir, 'objects', d, f)));

describe('the bot writes git objects itself', () => {
  it('blobs, trees and the bot\'s commits get the ids git gives the same content, in git\'s order; git fsck accepts them', () => {
    const f = commons();
    const repo = openRepository(f.dir);
    const text = 'Bonjour, commons\u00a0!\n';
    const blob = writeBlob(repo, Buffer.from(text));
    expect(blob).toBe(execFileSync('git', ['-C', f.dir, 'hash-object', '--stdin'], { input: text, encoding: 'utf8' }).trim());
    // A folder sorts as if its name ended with "/": "a" (folder) after "a-b" and "a.md", before "a0".
    const inner = writeTree(repo, [{ path: 'x.md', mode: '100644', oid: blob, type: 'blob' }]);
    const entries = [
      { path: 'a0', mode: '100644', oid: blob, type: 'blob' as const },
      { path: 'a', mode: '040000', oid: inner, type: 'tree' as const },
      { path: 'a.md', mode: '100644', oid: blob, type: 'blob' as const },
      { path: 'a-b', mode: '100755', oid: blob, type: 'blob' as const },
    ];
    const tree = writeTree(repo, entries);
    const mktree = execFileSync('git', ['-C', f.dir, 'mktree'], { input: [`100755 blob ${blob}\ta-b`, `100644 blob ${blob}\ta.md`, `040000 tree ${inner}\ta`, `100644 blob ${blob}\ta0`].join('\n') + '\n', encoding: 'utf8' }).trim();
    expect(tree).toBe(mktree);
    expect(execFileSync('git', ['-C', f.dir, 'ls-tree', '--name-only', tree], { encoding: 'utf8' }).trim().split('\n')).toEqual(['a-b', 'a.md', 'a', 'a0']);
    const who = { name: 'noclout', email: 'bot@noclout.invalid', timestamp: 1_764_000_000 };
    const commit = writeCommit(repo, { tree, parents: [f.rev('main')], author: who, committer: who, message: '\n\r\nDecision 2026/0001\r\n\nreasons\n\n\n' });
    expect(execFileSync('git', ['-C', f.dir, 'cat-file', '-p', commit], { encoding: 'utf8' })).toBe(`tree ${tree}\nparent ${f.rev('main')}\nauthor noclout <bot@noclout.invalid> 1764000000 +0000\ncommitter noclout <bot@noclout.invalid> 1764000000 +0000\n\nDecision 2026/0001\n\nreasons\n`);
    expect(execFileSync('git', ['-C', f.dir, 'fsck', '--full', '--strict', '--no-dangling'], { encoding: 'utf8' }).trim()).toBe('');
  });

  it('a commit has the id isomorphic-git\'s writeCommit gave the same fields (the ids the bot wrote before stay the same)', async () => {
    const f = commons();
    const repo = openRepository(f.dir);
    const tree = f.git(['rev-parse', 'main^{tree}']);
    const who = { name: 'noclout', email: 'bot@noclout.invalid', timestamp: 1_764_000_000, timezoneOffset: 0 };
    for (const message of ['Merge post/a: A\n', 'Decision 2026/0001-a: a published\n\nno member objected\r\nwithin 24 hours', '\n\nledger: a seen again\n\n']) {
      const theirs = await git.writeCommit({ fs: nodeFs, gitdir: repo.gitdir, commit: { tree, parent: [f.rev('main')], author: who, committer: who, message: message.endsWith('\n') ? message : `${message}\n` } });
      expect(writeCommit(repo, { tree, parents: [f.rev('main')], author: who, committer: who, message })).toBe(theirs);
    }
  });

  it('an object stored whole is not written again; an empty or damaged loose file of it is replaced by the whole object (control: a new object is written)', () => {
    const f = commons();
    const repo = openRepository(f.dir);
    const text = Buffer.from('a post that is already here\n');
    const oid = execFileSync('git', ['-C', f.dir, 'hash-object', '-w', '--stdin'], { input: text, encoding: 'utf8' }).trim();
    const file = join(f.dir, '.git', 'objects', oid.slice(0, 2), oid.slice(2));
    const before = nodeFs.statSync(file).mtimeMs;
    const inode = nodeFs.statSync(file).ino;
    expect(writeBlob(repo, text)).toBe(oid);
    expect(nodeFs.statSync(file).ino).toBe(inode); // untouched
    expect(nodeFs.statSync(file).mtimeMs).toBe(before);
    // An empty file under the object's name (a run killed by a power cut before the batch fsync): written again, whole.
    chmodSync(file, 0o644);
    writeFileSync(file, '');
    expect(writeBlob(openRepository(f.dir), text)).toBe(oid);
    expect(execFileSync('git', ['-C', f.dir, 'cat-file', 'blob', oid], { encoding: 'utf8' })).toBe(text.toString());
    // Control: a new object is written.
    const fresh = writeBlob(repo, Buffer.from('new words\n'));
    expect(execFileSync('git', ['-C', f.dir, 'cat-file', '-t', fresh], { encoding: 'utf8' }).trim()).toBe('blob');
  });
});

describe('a merge\'s objects are fsynced in one batch, before the ref names them', () => {
  afterEach(() => vi.restoreAllMocks());

  it('every loose object the merge wrote, and its folder, was fsynced while main still held its old commit; main then moved (control: the merge happened)', async () => {
    const f = commons();
    f.commit({ 'content/posts/2026/hello.md': postText({ author: 'amina' }) }, { branch: 'post/hello', signer: 'amina' });
    expect((await nocloutInProcess(['review', 'post/hello', '--repo', f.dir, '--at', hours(0)])).code).toBe(0);
    const gitdir = join(f.dir, '.git');
    const mainRef = () => f.git(['rev-parse', 'refs/heads/main']);
    const oldMain = mainRef();
    const existing = new Set(looseFiles(gitdir));
    // Which path each file handle was opened on, and what main was when each fsync ran.
    const paths = new WeakMap<FileHandle, string>();
    const synced = new Map<string, string>();
    const open = nodeFs.promises.open;
    vi.spyOn(nodeFs.promises, 'open').mockImplementation(async (...args: Parameters<typeof open>) => {
      const handle = await open(...args);
      paths.set(handle, String(args[0]));
      return handle;
    });
    const probe = await open(join(gitdir, 'HEAD'), 'r');
    const proto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
    await probe.close();
    const sync = proto.sync;
    vi.spyOn(proto, 'sync').mockImplementation(async function (this: FileHandle) {
      const path = paths.get(this);
      if (path !== undefined) synced.set(path, mainRef());
      return sync.call(this);
    });
    const run = await nocloutInProcess(['merge', 'post/hello', '--repo', f.dir, '--at', hours(25), '--format', 'json']);
    expect(run.json.results[0].merged).toBe(true);
    expect(mainRef()).not.toBe(oldMain);
    const written = looseFiles(gitdir).filter((file) => !existing.has(file));
    expect(written.length).toBeGreaterThan(3); // the record's blob, its trees, the commits
    for (const file of written) {
      expect(synced.get(file), `${file} fsynced`).toBe(oldMain);
      expect(synced.get(join(file, '..')), `${join(file, '..')} fsynced`).toBe(oldMain);
    }
  });
});
