/**
 * Issue 11, §4: "The bot never leaves a checked-out branch stale." `noclout
 * merge` in a clone that has main checked out updates the index and the files
 * with the merge when they are clean (as git's updateInstead does), and
 * otherwise refuses before moving anything, saying which files are in the way.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hours, T0 } from '../bot/clock.ts';
import { noclout } from '../bot/cli.ts';
import { Fixture, postText, trackedCommons } from './fixture.ts';

const commons = trackedCommons();

/** A real clone of a commons with one post waiting on its branch, main checked out, the post opened at T0. */
function cloneWithPost(slug = 'hello'): { clone: Fixture; origin: Fixture } {
  const origin = commons({ members: ['amina', 'bruno'] });
  origin.commit({ [`content/posts/2026/${slug}.md`]: postText({ author: 'amina', title: 'Hello' }) }, { branch: `post/${slug}`, signer: 'amina' });
  const dir = join(origin.dir, 'clone');
  execFileSync('git', ['clone', '-q', origin.dir, dir]);
  const clone = new Fixture(dir);
  clone.git(['fetch', '-q', 'origin', 'refs/heads/post/*:refs/heads/post/*']);
  expect(noclout(['review', `post/${slug}`, '--repo', dir, '--at', T0, '--format', 'json']).json.decision).toBe('pending');
  return { clone, origin };
}

const merge = (clone: Fixture) => noclout(['merge', '--repo', clone.dir, '--at', hours(25), '--format', 'json']);

describe('a checked-out base branch (issue 11 §4: the bot never leaves a checked-out branch stale)', () => {
  it('merging into the checked-out main updates the index and the files: git status --porcelain is empty and git diff HEAD shows nothing', () => {
    const { clone } = cloneWithPost();
    const before = clone.rev('main');
    const run = merge(clone);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json.results[0]).toMatchObject({ decision: 'accept', merged: true, record: 'governance/decisions/2026/0001-hello.md' });
    expect(clone.rev('main')).not.toBe(before);
    expect(clone.git(['status', '--porcelain'])).toBe('');
    expect(clone.git(['diff', 'HEAD'])).toBe('');
    expect(readFileSync(join(clone.dir, 'content/posts/2026/hello.md'), 'utf8')).toBe(clone.git(['show', 'main:content/posts/2026/hello.md']) + '\n');
    expect(existsSync(join(clone.dir, 'governance/decisions/2026/0001-hello.md'))).toBe(true);
    expect(run.stderr).toBe('');
    // A plain commit now keeps the merge instead of undoing it.
    clone.git(['commit', '-q', '--allow-empty', '--no-gpg-sign', '-m', 'a later commit']);
    expect(clone.git(['show', 'HEAD:content/posts/2026/hello.md'])).toContain('author: amina');
  });

  it('a checked-out main with an edited file refuses the merge before moving anything (merge/dirty-checkout), and keeps the edit', () => {
    const { clone } = cloneWithPost();
    const before = clone.rev('main');
    const ledger = clone.rev('refs/noclout/ledger');
    writeFileSync(join(clone.dir, 'governance/rules/be-kind.md'), 'my unsaved words\n');
    const run = merge(clone);
    expect(run.code).toBe(1);
    expect(run.json).toMatchObject({ ok: false, error: { kind: 'merge', code: 'merge/dirty-checkout', message: expect.stringContaining('governance/rules/be-kind.md') } });
    expect(run.stderr).toContain('[merge/dirty-checkout]');
    expect(clone.rev('main')).toBe(before);
    expect(clone.rev('refs/noclout/ledger')).toBe(ledger);
    expect(readFileSync(join(clone.dir, 'governance/rules/be-kind.md'), 'utf8')).toBe('my unsaved words\n');
    // Control: once the edit is put away, the same merge goes through.
    clone.git(['stash', '-q']);
    expect(merge(clone).json.results[0]).toMatchObject({ merged: true });
    expect(clone.git(['status', '--porcelain'])).toBe('');
  });

  it('a staged change on the checked-out main is local too: refused', () => {
    const { clone } = cloneWithPost();
    const before = clone.rev('main');
    writeFileSync(join(clone.dir, 'notes.txt'), 'staged\n');
    clone.git(['add', 'notes.txt']);
    const run = merge(clone);
    expect(run.json.error.code).toBe('merge/dirty-checkout');
    expect(clone.rev('main')).toBe(before);
    expect(clone.git(['status', '--porcelain'])).toBe('A  notes.txt');
  });

  it('an untracked file where the merge would write is in the way: refused without moving main or touching the file; elsewhere it is left alone', () => {
    const { clone } = cloneWithPost();
    const before = clone.rev('main');
    writeFileSync(join(clone.dir, 'scratch.txt'), 'mine\n');
    mkdirSync(join(clone.dir, 'content/posts/2026'), { recursive: true });
    writeFileSync(join(clone.dir, 'content/posts/2026/hello.md'), 'my own draft\n');
    const run = merge(clone);
    expect(run.json).toMatchObject({ ok: false, error: { code: 'merge/dirty-checkout', message: expect.stringContaining('content/posts/2026/hello.md') } });
    expect(clone.rev('main')).toBe(before);
    expect(readFileSync(join(clone.dir, 'content/posts/2026/hello.md'), 'utf8')).toBe('my own draft\n');
    // Control: the untracked file elsewhere does not stop the merge, and survives it.
    rmSync(join(clone.dir, 'content/posts/2026/hello.md'));
    expect(merge(clone).json.results[0]).toMatchObject({ merged: true });
    expect(readFileSync(join(clone.dir, 'scratch.txt'), 'utf8')).toBe('mine\n');
    expect(clone.git(['status', '--porcelain'])).toBe('?? scratch.txt');
  });

  it('git holding the index lock (a commit waiting for its message) makes merge refuse with merge/index-locked, main unmoved', () => {
    const { clone } = cloneWithPost();
    const before = clone.rev('main');
    writeFileSync(join(clone.dir, '.git/index.lock'), '');
    const run = merge(clone);
    expect(run.json).toMatchObject({ ok: false, error: { code: 'merge/index-locked' } });
    expect(clone.rev('main')).toBe(before);
    expect(existsSync(join(clone.dir, '.git/index.lock'))).toBe(true);
  });

  it('a branch that is not checked out moves without touching the working tree', () => {
    const { clone } = cloneWithPost();
    clone.git(['checkout', '-q', '-b', 'elsewhere']);
    writeFileSync(join(clone.dir, 'governance/rules/be-kind.md'), 'my unsaved words\n');
    const run = merge(clone);
    expect(run.json.results[0]).toMatchObject({ merged: true });
    expect(existsSync(join(clone.dir, 'content/posts/2026/hello.md'))).toBe(false);
    expect(clone.git(['status', '--porcelain'])).toBe('M governance/rules/be-kind.md');
  });
});

describe('linked worktrees (git worktree add)', () => {
  it('the bot runs inside a linked worktree (its .git is a file) and merges a branch checked out nowhere', () => {
    const { clone } = cloneWithPost();
    clone.git(['switch', '-q', '-c', 'elsewhere']);
    const linked = join(clone.dir, '..', 'linked-worktree');
    clone.git(['worktree', 'add', '-q', linked, 'post/hello']);
    const run = noclout(['merge', '--repo', linked, '--at', hours(25), '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json.results[0]).toMatchObject({ decision: 'accept', merged: true });
    expect(clone.git(['show', 'main:governance/decisions/2026/0001-hello.md'])).toContain('change: hello');
    expect(execFileSync('git', ['-C', clone.dir, 'fsck', '--strict'], { encoding: 'utf8', stdio: 'pipe' })).toBe('');
  });

  it('main checked out in another work tree is not moved from a linked worktree (merge/checked-out-elsewhere): its files would go stale', () => {
    const { clone } = cloneWithPost();
    const before = clone.rev('main');
    const ledger = clone.rev('refs/noclout/ledger');
    const linked = join(clone.dir, '..', 'linked-worktree-2');
    clone.git(['worktree', 'add', '-q', '-b', 'scratch', linked]);
    const run = noclout(['merge', '--repo', linked, '--at', hours(25), '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.json).toMatchObject({ ok: false, error: { code: 'merge/checked-out-elsewhere', message: expect.stringContaining(clone.dir) } });
    expect(clone.rev('main')).toBe(before);
    expect(clone.rev('refs/noclout/ledger')).toBe(ledger);
    expect(clone.git(['status', '--porcelain'])).toBe('');
  });
});
