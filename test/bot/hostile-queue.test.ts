/**
 * Issue 10, "A hostile change is reported, never stops the queue" and "One
 * reading of every tree, the same as git's": a branch whose tree git fsck
 * refuses, whose file is a 600 MB run of zeros or whose front matter holds
 * 50,000 keys is judged `invalid` with a named problem, quickly, and every
 * branch after it is still judged and merged. `main` passes `git fsck`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postText, proposalText, trackedCommons, type Fixture } from '../repo/fixture.ts';
import { blob, commitTree, inGitOrder, rawTree, treeEntries, withFolder, zeroBlob, type RawEntry } from '../repo/hostile.ts';
import { days, hours, T0 } from './clock.ts';
import { noclout, nocloutInProcess } from './cli.ts';

const commons = trackedCommons();
const STACK = /\n\s+at .*\(|UnsafeFilepathError|InternalError|node:internal/;

async function run(f: Fixture, args: string[]) {
  const out = await nocloutInProcess([...args, '--repo', f.dir, '--format', 'json']);
  expect(out.json, out.stderr).toBeDefined();
  expect(out.stderr).not.toMatch(STACK);
  return out;
}

const byHead = (results: any[]) => Object.fromEntries(results.map((r) => [r.head, r]));

/** A good post by bruno, named to come last in the queue. */
function goodPost(f: Fixture): void {
  f.commit({ 'content/posts/2026/zz-good.md': postText({ author: 'bruno', title: 'A good post' }) }, { branch: 'post/zz-good', signer: 'bruno' });
}

/** A signed branch whose folder content/posts/2026 is exactly `entries`, in that order. */
function hostileFolder(f: Fixture, branch: string, entries: RawEntry[], signer = 'amina', folder = 'content/posts/2026'): string {
  return commitTree(f, withFolder(f, f.rev('main'), folder, rawTree(f, entries)), f.rev('main'), signer, branch);
}

/** main as a forge would receive it: cloned with fsck on every object, then `git fsck --strict`. Throws on any fault. */
function expectMainPassesFsck(f: Fixture): void {
  const clone = mkdtempSync(join(tmpdir(), 'noclout-fsck-'));
  try {
    execFileSync('git', ['-c', 'fetch.fsckObjects=true', 'clone', '-q', '--bare', '--no-local', '--single-branch', '--branch', 'main', f.dir, clone], { stdio: 'pipe' });
    execFileSync('git', ['-C', clone, 'fsck', '--strict', '--no-dangling'], { stdio: 'pipe' });
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

describe('one reading of every tree, the same as git\'s', () => {
  it('a post listed twice in one tree (amina\'s text, then forged words) is invalid as tree/duplicate-entry; the good post after it is merged; main passes git fsck', async () => {
    const f = commons();
    const words = blob(f, postText({ author: 'amina', title: 'Mine' }, 'What I wrote.\n'));
    const forged = blob(f, postText({ author: 'amina', title: 'Mine' }, 'Words amina never wrote.\n'));
    hostileFolder(f, 'post/a-twice', [
      { mode: '100644', name: 'twice.md', oid: words },
      { mode: '100644', name: 'twice.md', oid: forged },
    ]);
    goodPost(f);
    await run(f, ['review', 'post/a-twice', 'post/zz-good', '--at', T0]);
    const merged = byHead((await run(f, ['merge', '--at', hours(25)])).json.results);
    expect(merged['post/a-twice']).toMatchObject({ decision: 'invalid', merged: false });
    expect(merged['post/a-twice'].problems).toEqual([
      expect.objectContaining({ path: 'content/posts/2026/twice.md', rule: 'tree/duplicate-entry', message: expect.stringMatching(/listed twice.*duplicateEntries/) }),
    ]);
    expect(merged['post/zz-good']).toMatchObject({ decision: 'accept', merged: true });
    expect(f.git(['ls-tree', '-r', '--name-only', 'main'])).not.toContain('twice.md');
    expectMainPassesFsck(f);
    expect(noclout(['audit', '--repo', f.dir]).code).toBe(0);
  });

  it('control: the same post in an ordinary tree is published', async () => {
    const f = commons();
    hostileFolder(f, 'post/a-once', [{ mode: '100644', name: 'once.md', oid: blob(f, postText({ author: 'amina' })) }]);
    await run(f, ['review', 'post/a-once', '--at', T0]);
    expect((await run(f, ['merge', '--at', hours(25)])).json.results[0]).toMatchObject({ decision: 'accept', merged: true });
    expectMainPassesFsck(f);
  });

  it('an appeal whose tree holds the restored post twice (the hidden text and altered words) is invalid as tree/duplicate-entry; the exact text alone is a valid appeal', async () => {
    const offer = postText({ author: 'bruno', title: 'Cheap panels' }, 'Buy my panels.\n');
    const f = commons({ posts: { 'content/posts/2026/offer.md': offer } });
    f.commit({ 'content/proposals/hide-offer.md': proposalText({ author: 'amina', extra: 'moderates: 2026/offer\nrule: be-kind\n' }), 'content/posts/2026/offer.md': null }, { branch: 'moderation/hide-offer', signer: 'amina' });
    await run(f, ['review', 'moderation/hide-offer', '--at', T0]);
    for (const voter of ['amina', 'chloe']) f.commit({ [`governance/ballots/hide-offer/${voter}.yml`]: 'vote: yes\n' }, { branch: 'moderation/hide-offer', signer: voter, message: `ballot: ${voter}` });
    expect((await run(f, ['merge', '--at', days(3)])).json.results[0]).toMatchObject({ decision: 'accept', merged: true });

    // The appeal: a proposal, and the post folder with offer.md twice.
    f.commit({ 'content/proposals/restore-offer.md': proposalText({ author: 'chloe', extra: 'appeals: 2026/0001-hide-offer\n' }) }, { branch: 'moderation/restore-offer', signer: 'chloe' });
    const appeal = f.rev('moderation/restore-offer');
    const altered = blob(f, postText({ author: 'bruno', title: 'Cheap panels' }, 'I apologise to everyone.\n'));
    expect(f.git(['rev-parse', '-q', '--verify', `${appeal}:content/posts/2026`], {}, true)).toBe(''); // the hidden post was the only one
    const twice = rawTree(f, [{ mode: '100644', name: 'offer.md', oid: blob(f, offer) }, { mode: '100644', name: 'offer.md', oid: altered }]);
    commitTree(f, withFolder(f, appeal, 'content/posts/2026', twice), appeal, 'chloe', 'moderation/restore-offer');
    const j = (await run(f, ['review', 'moderation/restore-offer', '--at', days(4)])).json;
    expect(j.decision).toBe('invalid');
    expect(j.problems).toEqual([expect.objectContaining({ path: 'content/posts/2026/offer.md', rule: 'tree/duplicate-entry' })]);

    // Control: the hidden text alone, on the same appeal.
    f.git(['branch', '-f', 'moderation/restore-offer', f.commit({ 'content/posts/2026/offer.md': offer }, { branch: 'appeal-fixed', from: appeal, signer: 'chloe' })]);
    f.git(['branch', '-D', 'appeal-fixed']);
    expect((await run(f, ['review', 'moderation/restore-offer', '--at', days(4.1)])).json).toMatchObject({ decision: 'pending', problems: [] });
    expectMainPassesFsck(f);
  });

  it('a queue of hostile trees (unsorted entries, a .git folder, a ".." folder, notes\\readme.txt): each is invalid with its named problem, and the good post after them is merged', async () => {
    const f = commons();
    const post = (slug: string) => blob(f, postText({ author: 'amina', title: slug }));
    const hooks = rawTree(f, [{ mode: '100755', name: 'post-checkout', oid: blob(f, '#!/bin/sh\necho owned\n') }]);
    hostileFolder(f, 'post/a-unsorted', [
      { mode: '100644', name: 'b-second.md', oid: post('b') },
      { mode: '100644', name: 'a-first.md', oid: post('a') },
    ]);
    hostileFolder(f, 'post/b-dotgit', [
      { mode: '40000', name: '.git', oid: rawTree(f, [{ mode: '40000', name: 'hooks', oid: hooks }]) },
      { mode: '100644', name: 'dotgit.md', oid: post('dotgit') },
    ]);
    hostileFolder(f, 'post/c-dotdot', [
      { mode: '40000', name: '..', oid: rawTree(f, [{ mode: '100644', name: 'policy.md', oid: post('x') }]) },
      { mode: '100644', name: 'dotdot.md', oid: post('dotdot') },
    ]);
    const root = treeEntries(f, 'main^{tree}');
    commitTree(f, rawTree(f, inGitOrder([...root, { mode: '100644', name: 'notes\\readme.txt', oid: post('notes') }])), f.rev('main'), 'amina', 'post/d-backslash');
    goodPost(f);
    await run(f, ['review', 'post/zz-good', '--at', T0]);
    const merge = noclout(['merge', '--repo', f.dir, '--at', hours(25), '--format', 'json']);
    expect(merge.stderr).not.toMatch(STACK);
    expect(merge.code).toBe(1); // invalid changes in the queue
    const results = byHead(merge.json.results);
    const problem = (head: string) => results[head].problems.map((p: any) => [p.path, p.rule]);
    expect(results['post/a-unsorted']).toMatchObject({ decision: 'invalid', merged: false });
    expect(problem('post/a-unsorted')).toEqual([['content/posts/2026/a-first.md', 'tree/unsorted']]);
    expect(problem('post/b-dotgit')).toEqual([['content/posts/2026/.git', 'tree/bad-name']]);
    expect(results['post/b-dotgit'].problems[0].message).toContain('hasDotgit');
    expect(problem('post/c-dotdot')).toEqual([['content/posts/2026/..', 'tree/bad-name']]);
    expect(results['post/c-dotdot'].problems[0].message).toContain('hasDotdot');
    expect(problem('post/d-backslash')).toEqual([['notes\\readme.txt', 'tree/bad-name']]);
    expect(results['post/d-backslash'].problems[0].message).toContain('backslash');
    for (const head of ['post/a-unsorted', 'post/b-dotgit', 'post/c-dotdot', 'post/d-backslash']) expect(results[head]).toMatchObject({ decision: 'invalid', merged: false, kind: 'platform' });
    expect(results['post/zz-good']).toMatchObject({ decision: 'accept', merged: true });
    expectMainPassesFsck(f);
    // review says the same, one change at a time.
    const review = noclout(['review', 'post/d-backslash', '--repo', f.dir, '--at', hours(26)]);
    expect(review.stderr).not.toMatch(STACK);
    expect(review.stdout).toContain('notes\\readme.txt:1:1:');
    expect(review.stdout).toContain('[tree/bad-name]');
  });
});

describe('a hostile change is reported, never stops the queue', () => {
  it('a 600 MB file of zeros (2.7 MB in git) in a post\'s path or any other path is invalid as file/too-large, read from its header only; the good post after it is merged', async () => {
    const f = commons();
    const zeros = zeroBlob(f, 600 * 1024 * 1024);
    hostileFolder(f, 'post/a-zeros', [{ mode: '100644', name: 'zeros.md', oid: zeros }]);
    hostileFolder(f, 'post/b-zeros-elsewhere', [{ mode: '100644', name: 'zeros.bin', oid: zeros }], 'amina', 'public/assets');
    goodPost(f);
    await run(f, ['review', 'post/zz-good', '--at', T0]);
    const before = process.memoryUsage().rss;
    const started = performance.now();
    const results = byHead((await run(f, ['merge', '--at', hours(25)])).json.results);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
    expect(results['post/a-zeros']).toMatchObject({ decision: 'invalid', merged: false });
    expect(results['post/a-zeros'].problems).toEqual([
      expect.objectContaining({ path: 'content/posts/2026/zeros.md', rule: 'file/too-large', message: expect.stringMatching(/629145600 bytes .*at most 10000000 bytes/) }),
    ]);
    expect(results['post/b-zeros-elsewhere'].problems).toEqual([expect.objectContaining({ path: 'public/assets/zeros.bin', rule: 'file/too-large' })]);
    expect(results['post/zz-good']).toMatchObject({ decision: 'accept', merged: true });
    expectMainPassesFsck(f);
  });

  it('a commit of 2 MB (its message; the bot reads commits of at most 1 MiB) is invalid as object/too-large from its header, in the queue listing and in judging; the good post after it is merged', async () => {
    const f = commons();
    const message = join(f.dir, '.git', 'HUGE_MESSAGE');
    writeFileSync(message, `A post\n\n${'x'.repeat(2_000_000)}\n`);
    f.commit({ 'content/posts/2026/long.md': postText({ author: 'amina' }) }, { branch: 'post/a-long', signer: 'amina' });
    const long = f.git(['commit-tree', 'post/a-long^{tree}', '-p', 'main', '-F', message]);
    f.git(['branch', '-f', 'post/a-long', long]);
    goodPost(f);
    await run(f, ['review', 'post/zz-good', '--at', T0]);
    const results = byHead((await run(f, ['merge', '--at', hours(25)])).json.results);
    expect(results['post/a-long']).toMatchObject({ decision: 'invalid', merged: false, commit: long });
    expect(results['post/a-long'].problems).toEqual([expect.objectContaining({ path: 'post/a-long', rule: 'object/too-large', message: expect.stringMatching(/the commit is 2000\d{3} bytes .*at most 1048576 bytes/) })]);
    expect(results['post/zz-good']).toMatchObject({ decision: 'accept', merged: true });
    expectMainPassesFsck(f);
  });

  it('a post whose front matter holds 50,000 keys (1 MB) is refused in well under five seconds with a readable list of problems; 50,000 copies of one key too', async () => {
    const f = commons({ policy: { maxBytes: 2_000_000 } });
    const many = Array.from({ length: 50_000 }, (_, i) => `extra_key_number_${String(i).padStart(5, '0')}: x\n`).join('');
    expect(many.length).toBeGreaterThan(1_000_000);
    f.commit({ 'content/posts/2026/keys.md': postText({ author: 'amina', extra: many }) }, { branch: 'post/a-keys', signer: 'amina' });
    f.commit({ 'content/posts/2026/dups.md': postText({ author: 'amina', extra: 'tags: [a]\n'.repeat(50_000) }) }, { branch: 'post/b-dups', signer: 'amina' });
    goodPost(f);
    await run(f, ['review', 'post/zz-good', '--at', T0]);
    // Each refusal alone, timed: minutes before the checks were linear (45 s at 300 KB).
    for (const head of ['post/a-keys', 'post/b-dups']) {
      const started = performance.now();
      expect((await run(f, ['review', head, '--at', T0])).json.decision).toBe('invalid');
      // Generous for a loaded machine: the quadratic checks took 45 s at 300 KB, minutes at 1 MB.
      expect(performance.now() - started).toBeLessThan(20_000);
    }
    const results = byHead((await run(f, ['merge', '--at', hours(25)])).json.results);
    const keys = results['post/a-keys'];
    expect(keys).toMatchObject({ decision: 'invalid', merged: false });
    expect(keys.problems.length).toBeLessThanOrEqual(52);
    expect(keys.problems).toContainEqual(expect.objectContaining({ path: 'content/posts/2026/keys.md', rule: 'post/unknown-key', line: 6, message: 'unknown key "extra_key_number_00000"' }));
    expect(keys.problems).toContainEqual(expect.objectContaining({ rule: 'post/unknown-key', message: '49950 more unknown keys are not listed' }));
    const dups = results['post/b-dups'];
    expect(dups.problems).toContainEqual(expect.objectContaining({ rule: 'yaml/duplicate-key', line: 7, message: 'duplicate key "tags": each key may appear once' }));
    expect(dups.problems).toContainEqual(expect.objectContaining({ rule: 'yaml/duplicate-key', message: '49949 more duplicate keys are not listed' }));
    expect(results['post/zz-good']).toMatchObject({ decision: 'accept', merged: true });
    expectMainPassesFsck(f);
  });
});
