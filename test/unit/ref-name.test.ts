/**
 * Issue 10, "Also": commons.yml's `branch:` accepted `..`, so a voted policy
 * could make the bot write refs outside refs/heads/. Branch names are read as
 * `git check-ref-format --branch` reads them, wherever they come from
 * (commons.yml, --base, a change's name) and wherever a ref is written.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/commons/problem.ts';
import { branchNameProblem } from '../../src/commons/ref-name.ts';
import { compareAndSwapRef } from '../../src/repo/ref.ts';
import { openRepository } from '../../src/repo/repository.ts';
import { hours, T0 } from '../bot/clock.ts';
import { noclout } from '../bot/cli.ts';
import { baseTree, writeTree } from '../fixtures/commons-tree.ts';
import { runCli } from '../fixtures/run-cli.ts';
import { COMMONS_YML, postText, trackedCommons } from '../repo/fixture.ts';

const commons = trackedCommons();

const NAMES = ['main', 'post/hello', 'commons/main', 'v1.2_x-y', 'é/ü', 'a..b', '../x', 'refs/heads/../../x', '-x', 'x.lock', 'x.lock/y', 'a/.hidden', '.a', 'a//b', '/a', 'a/', 'a.', 'a@{b', 'a b', 'a~1', 'a^', 'a:b', 'a?', 'a*', 'a[b', 'a\\b', 'a\tb', 'a\u007fb', 'HEAD', ''];

describe('branch names, as git reads them', () => {
  it('refuses exactly the names `git check-ref-format --branch` refuses', () => {
    for (const name of NAMES) {
      const git = spawnSync('git', ['check-ref-format', '--branch', name], { encoding: 'utf8' });
      expect({ name, refused: branchNameProblem(name) !== undefined }).toEqual({ name, refused: git.status !== 0 });
    }
  });

  it('commons.yml: a branch with "..", a leading "-" or a ".lock" is a schema problem on that file; a nested branch is fine', async () => {
    const problems = async (branch: string) => {
      const dir = await writeTree({ 'governance/commons.yml': `${baseTree()['governance/commons.yml']}branch: ${branch}\n` });
      const result = await runCli(['check', '--repo', dir, '--format', 'json']);
      return (JSON.parse(result.stdout) as { problems: Problem[] }).problems.filter((p) => p.path === 'governance/commons.yml');
    };
    for (const [branch, why] of [['../../hooks', '".."'], ['"-main"', '"-"'], ['main.lock', '.lock'], ['a//b', '"//"']] as const) {
      const found = await problems(branch);
      expect(found, branch).toHaveLength(1);
      expect(found[0]).toMatchObject({ rule: 'commons/schema', line: 7, message: expect.stringContaining(why) });
    }
    expect(await problems('commons/main')).toEqual([]);
  });

  it('a commons.yml on main naming "../noclout/ledger" as its branch stops the bot before it writes any ref (repo/bad-branch, exit 2)', () => {
    const f = commons({ members: ['amina'] });
    f.commit({ 'content/posts/2026/hello.md': postText({ author: 'amina' }) }, { branch: 'post/hello', signer: 'amina' });
    expect(noclout(['review', 'post/hello', '--repo', f.dir, '--at', T0, '--format', 'json']).json.decision).toBe('pending');
    // refs/heads/../noclout/ledger is the ledger's file: the bot would have merged changes into its openings ledger.
    f.commit({ 'governance/commons.yml': `${COMMONS_YML}branch: ../noclout/ledger\n` }, { message: 'a hand commit' });
    const refs = f.git(['for-each-ref', '--format=%(refname) %(objectname)']);
    const run = noclout(['merge', '--repo', f.dir, '--at', hours(25), '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.json).toMatchObject({ ok: false, error: { kind: 'usage', message: expect.stringContaining('governance/commons.yml: branch') } });
    expect(run.stderr).toContain('".."');
    expect(f.git(['for-each-ref', '--format=%(refname) %(objectname)'])).toBe(refs);
  });

  it('--base and a change named with ".." are refused as usage errors; the control merges', () => {
    const f = commons({ members: ['amina'] });
    f.commit({ 'content/posts/2026/hello.md': postText({ author: 'amina' }) }, { branch: 'post/hello', signer: 'amina' });
    expect(noclout(['merge', '--repo', f.dir, '--base', '../x', '--at', T0]).code).toBe(2);
    const head = noclout(['review', 'post/../../config', '--repo', f.dir, '--at', T0, '--format', 'json']);
    expect(head.code).toBe(2);
    expect(head.stderr).toContain('is not a ref name git accepts');
    expect(noclout(['review', 'post/hello', '--repo', f.dir, '--at', T0, '--format', 'json']).json.decision).toBe('pending');
  });

  it('compareAndSwapRef, the one place refs are written, refuses a ref name git would refuse', async () => {
    const f = commons({ members: ['amina'] });
    const repo = openRepository(f.dir);
    const main = f.rev('main');
    await expect(compareAndSwapRef(repo, 'refs/heads/../../outside', undefined, main)).rejects.toThrow('".."');
    await expect(compareAndSwapRef(repo, 'refs/heads/x.lock', undefined, main)).rejects.toThrow('.lock');
    expect(existsSync(join(f.dir, '.git/outside'))).toBe(false);
    expect(await compareAndSwapRef(repo, 'refs/heads/fine', undefined, main)).toEqual({ ok: true });
  });
});

describe('merge failures with --format json (issue 10, "Also")', () => {
  it('merge/locked reaches stdout as one JSON document with its code and message, exit 1, main untouched', () => {
    const f = commons({ members: ['amina'] });
    f.commit({ 'content/posts/2026/hello.md': postText({ author: 'amina' }) }, { branch: 'post/hello', signer: 'amina' });
    noclout(['review', 'post/hello', '--repo', f.dir, '--at', T0]);
    const before = f.rev('main');
    // A lock git left (it holds the new value; no owner line): never taken over.
    writeFileSync(join(f.dir, '.git/refs/heads/main.lock'), `${before}\n`);
    const run = noclout(['merge', '--repo', f.dir, '--at', hours(25), '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.json).toEqual({ ok: false, error: { kind: 'merge', code: 'merge/locked', message: expect.stringContaining('refs/heads/main.lock exists') } });
    expect(run.stderr).toContain('[merge/locked]');
    expect(execFileSync('git', ['-C', f.dir, 'rev-parse', 'main'], { encoding: 'utf8' }).trim()).toBe(before);
  });
});
