import { afterAll, describe, expect, it } from 'vitest';
import { commitSigner, verifySshSignature } from '../../src/ballots/signed.ts';
import { diffTrees } from '../../src/repo/diff.ts';
import { commitsBetween, isAncestor, mergeBaseOf, readCommitInfo } from '../../src/repo/history.ts';
import { readOpening, updateOpening } from '../../src/repo/ledger.ts';
import { mergeTrees, putFiles } from '../../src/repo/merge.ts';
import { compareAndSwapRef, readRef } from '../../src/repo/ref.ts';
import { openRepository } from '../../src/repo/repository.ts';
import { readSnapshot, readText, treeOf } from '../../src/repo/tree.ts';
import { observe } from '../../src/commons/opening.ts';
import { keyFor, makeCommons, postText } from './fixture.ts';

const fixture = makeCommons({ members: ['amina', 'bruno'] });
const repo = openRepository(fixture.dir);
const roster = [
  { handle: 'amina', name: 'Amina', joined: '2026-01-01', keys: [keyFor('amina').publicLine] },
  { handle: 'bruno', name: 'Bruno', joined: '2026-01-01', keys: [keyFor('bruno').publicLine] },
];
afterAll(() => fixture.cleanup());

describe('signed commits', () => {
  it('a commit signed with git -S verifies, and names the member whose key signed it', async () => {
    const oid = fixture.commit({ 'content/posts/2026/signed.md': postText({ author: 'amina' }) }, { branch: 'signed', signer: 'amina' });
    const info = await readCommitInfo(repo, oid);
    expect(info.signature).toContain('BEGIN SSH SIGNATURE');
    expect(commitSigner(info.payload, info.signature, roster)).toEqual({ ok: true, handle: 'amina' });
    // git itself agrees that the signature is good
    const allowed = `${fixture.dir}/.allowed`;
    (await import('node:fs')).writeFileSync(allowed, `amina@test ${keyFor('amina').publicLine}\n`);
    expect(() => fixture.git(['-c', `gpg.ssh.allowedSignersFile=${allowed}`, 'verify-commit', oid])).not.toThrow();
  });

  it('a tampered payload, a wrong namespace and an unknown key do not verify', async () => {
    const oid = fixture.commit({ 'content/posts/2026/tamper.md': postText({ author: 'bruno' }) }, { branch: 'tamper', signer: 'bruno' });
    const info = await readCommitInfo(repo, oid);
    expect(verifySshSignature(Buffer.from(info.payload).toString('latin1').replace('\nchange', '\nchangE'), info.signature!).ok).toBe(false);
    expect(verifySshSignature(info.payload, info.signature!, 'file')).toMatchObject({ ok: false, reason: expect.stringContaining('namespace') });
    expect(commitSigner(info.payload, info.signature, roster.slice(0, 1))).toMatchObject({ ok: false, reason: expect.stringContaining('no member') });
  });

  it('an unsigned commit has no signer', async () => {
    const oid = fixture.commit({ 'content/posts/2026/unsigned.md': postText({ author: 'amina' }) }, { branch: 'unsigned' });
    const info = await readCommitInfo(repo, oid);
    expect(commitSigner(info.payload, info.signature, roster)).toMatchObject({ ok: false, reason: expect.stringContaining('missing signature') });
  });
});

describe('trees and history', () => {
  it('diffs base and head tree to tree and lists only the commits the branch adds', async () => {
    const first = fixture.commit({ 'content/posts/2026/two.md': postText({ author: 'amina' }) }, { branch: 'two', signer: 'amina' });
    const second = fixture.commit({ 'content/posts/2026/two.md': postText({ author: 'amina' }, 'edited\n') }, { branch: 'two', signer: 'amina' });
    fixture.commit({ 'governance/rules/new.md': '---\ntitle: "New"\n---\n' }, { message: 'main moves on' });
    const base = fixture.rev('main');
    const changes = await diffTrees(repo, await treeOf(repo, fixture.rev('main~1')), await treeOf(repo, second));
    expect(changes.map((c) => [c.path, c.status])).toEqual([['content/posts/2026/two.md', 'added']]);
    expect((await commitsBetween(repo, base, second)).map((c) => c.oid)).toEqual([first, second]);
    const snapshot = await readSnapshot(repo, second, { load: (p) => p.startsWith('governance/') });
    expect(snapshot.entries.get('governance/policy.md')?.text).toContain('objectionHours');
    expect(snapshot.entries.get('content/posts/2026/two.md')?.text).toBeUndefined();
  });

  it('a branch that merged main in: the range holds only its own commits and the merge base is the main it merged', async () => {
    const fork = fixture.rev('main');
    const b1 = fixture.commit({ 'content/posts/2026/merged-in.md': postText({ author: 'amina' }) }, { branch: 'merged-in', signer: 'amina' });
    const m1 = fixture.commit({ 'governance/rules/later.md': '---\ntitle: "Later"\n---\n' }, { message: 'main moves' });
    fixture.git(['checkout', '-q', 'merged-in']);
    fixture.git(['merge', '-q', '--no-edit', '--no-gpg-sign', 'main']);
    fixture.git(['checkout', '-q', 'main']);
    const merge = fixture.rev('merged-in');
    const b2 = fixture.commit({ 'content/posts/2026/merged-in.md': postText({ author: 'amina' }, 'v2\n') }, { branch: 'merged-in', signer: 'amina' });
    expect((await commitsBetween(repo, m1, b2)).map((c) => c.oid)).toEqual([b1, merge, b2]);
    expect(await mergeBaseOf(repo, m1, b2)).toBe(m1);
    expect(await isAncestor(repo, fork, b2)).toBe(true);
    expect(await isAncestor(repo, b2, m1)).toBe(false);
  });

  it('backdated and future-dated commits do not change which commits a branch adds', async () => {
    const base = fixture.commit({ 'governance/rules/future.md': '---\ntitle: "Future"\n---\n' }, { message: 'main from the future', date: '2031-01-01T00:00:00Z' });
    const old1 = fixture.commit({ 'content/posts/2026/old-1.md': postText({ author: 'amina' }) }, { branch: 'backdated', signer: 'amina', date: '1999-01-01T00:00:00Z' });
    const old2 = fixture.commit({ 'content/posts/2026/old-2.md': postText({ author: 'amina' }) }, { branch: 'backdated', signer: 'amina', date: '1998-01-01T00:00:00Z' });
    expect((await commitsBetween(repo, base, old2)).map((c) => c.oid)).toEqual([old1, old2]);
    expect(await mergeBaseOf(repo, base, old2)).toBe(base);
  });

  it('merges trees file by file and reports a file changed on both sides as a conflict', async () => {
    const ancestor = await treeOf(repo, fixture.rev('main'));
    const ours = await putFiles(repo, ancestor, [{ path: 'content/posts/2026/x.md', text: 'ours' }, { path: 'a/b.md', text: 'a' }]);
    const theirs = await putFiles(repo, ancestor, [{ path: 'content/posts/2026/x.md', text: 'theirs' }, { path: 'c/d.md', text: 'c' }]);
    expect(await mergeTrees(repo, ancestor, ours, theirs)).toEqual({ ok: false, conflicts: ['content/posts/2026/x.md'] });
    const clean = await putFiles(repo, ancestor, [{ path: 'c/d.md', text: 'c' }]);
    const merged = await mergeTrees(repo, ancestor, ours, clean);
    expect(merged.ok).toBe(true);
    if (merged.ok) {
      expect(await readText(repo, merged.tree, 'a/b.md')).toBe('a');
      expect(await readText(repo, merged.tree, 'c/d.md')).toBe('c');
    }
  });
});

describe('refs and the ledger', () => {
  it('moves a ref only from the value it was judged against', async () => {
    const main = fixture.rev('main');
    const other = fixture.rev('main~1');
    expect(await compareAndSwapRef(repo, 'refs/heads/cas', undefined, main)).toEqual({ ok: true });
    expect(await compareAndSwapRef(repo, 'refs/heads/cas', other, other)).toMatchObject({ ok: false, reason: 'moved', current: main });
    expect(await compareAndSwapRef(repo, 'refs/heads/cas', main, other)).toEqual({ ok: true });
    expect(fixture.rev('cas')).toBe(other);
  });

  it('records an opening once and keeps it when seen again; concurrent updates are all kept', async () => {
    const base = fixture.rev('main');
    const at = new Date('2026-11-02T10:00:00Z');
    const obs = (change: string, commits: string[], now: Date) => (o: Parameters<typeof observe>[0]) => observe(o, { change, head: change, headCommit: commits.at(-1)!, commits, base, now });
    await updateOpening(repo, 'one', at, obs('one', [base], at));
    const later = new Date('2026-11-03T10:00:00Z');
    await Promise.all(['a', 'b', 'c', 'd'].map((c) => updateOpening(repo, c, later, obs(c, [base], later))));
    const again = await updateOpening(repo, 'one', later, obs('one', [base], later));
    expect(again.opened).toBe(at.toISOString());
    for (const c of ['a', 'b', 'c', 'd']) expect((await readOpening(repo, c))?.opened).toBe(later.toISOString());
    expect(await readRef(repo, 'refs/noclout/ledger')).toMatch(/^[0-9a-f]{40}$/);
  });
});
