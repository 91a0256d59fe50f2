/**
 * `noclout vote` as a member uses it (issue 11 §3: "writes the ballot, signs it
 * and pushes it (or says exactly what to push)"), each behaviour with real
 * clones of a bare remote and the real command in a child process: what it
 * pushes, what it refuses and why, and that the member's checkout is never
 * touched.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hours, T0 } from '../bot/clock.ts';
import { noclout, nocloutInProcess } from '../bot/cli.ts';
import { bareRemote, cloneFor, tempDir } from './clones.ts';
import { keyFor, proposalText, trackedCommons, type Fixture } from './fixture.ts';

const commons = trackedCommons();
const BRANCH = 'proposal/cite-more';

function proposalCommons(): Fixture {
  const f = commons({ members: ['amina', 'bruno', 'chloe'] });
  f.commit({ 'content/proposals/cite-more.md': proposalText({ author: 'amina' }), 'governance/rules/cite-more.md': '---\ntitle: "Cite more"\n---\n\nCite.\n' }, { branch: BRANCH, signer: 'amina' });
  return f;
}

async function review(repo: string, at: string): Promise<any> {
  const run = await nocloutInProcess(['review', BRANCH, '--repo', repo, '--at', at, '--format', 'json']);
  expect(run.json, run.stderr).toBeDefined();
  return run.json;
}

const counted = (j: any) => j.ballots.filter((b: any) => b.counted).map((b: any) => `${b.voter}:${b.vote}`).sort();
const remoteTip = (remote: string) => execFileSync('git', ['-C', remote, 'rev-parse', BRANCH], { encoding: 'utf8' }).trim();

/**
 * A hook that, on the first push only, moves the branch on the remote to
 * `ref` first, as if someone had pushed it a moment before: the push in
 * flight is then refused, deterministically.
 */
function pushedMeanwhile(remote: string, ref: string): void {
  const hook = join(remote, 'hooks', 'pre-receive');
  writeFileSync(hook, `#!/bin/sh\ncat >/dev/null\nif [ ! -e moved ]; then touch moved; env -u GIT_QUARANTINE_PATH git update-ref refs/heads/${BRANCH} $(git rev-parse ${ref}); fi\n`);
  chmodSync(hook, 0o755);
}

describe('noclout vote', () => {
  it('a push refused because a ballot arrived meanwhile is joined by a clean merge and pushed again; both ballots count', async () => {
    const f = proposalCommons();
    const chloe = f.commit({ 'governance/ballots/cite-more/chloe.yml': 'vote: yes\n' }, { branch: BRANCH, signer: 'chloe' });
    f.git(['branch', '-f', BRANCH, `${chloe}~1`]);
    const remote = bareRemote(f);
    execFileSync('git', ['-C', f.dir, 'push', '-q', remote, `${chloe}:refs/test/meanwhile`]);
    pushedMeanwhile(remote, 'refs/test/meanwhile');
    const bruno = cloneFor(remote, 'bruno');
    const run = await bruno.noclout(['vote', 'cite-more', 'no', '--reason', 'Too strict.', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ ok: true, handle: 'bruno', pushed: true, joined: 1, rebuilt: 0, branch: BRANCH });
    const tip = remoteTip(remote);
    expect(execFileSync('git', ['-C', remote, 'rev-list', '--parents', '-n', '1', tip], { encoding: 'utf8' }).trim().split(' ').slice(1)).toEqual([chloe, run.json.ballot]);
    const j = await review(remote, T0);
    expect(j.problems).toEqual([]);
    expect(counted(j)).toEqual(['bruno:no', 'chloe:yes']);
    expect(j.ballots.find((b: any) => b.voter === 'bruno')).toMatchObject({ comment: 'Too strict.', commit: run.json.ballot });
  }, 30_000);

  it('the text changed while voting: nothing is pushed, and the voter is told to read it and vote again', async () => {
    const f = proposalCommons();
    const edit = f.commit({ 'governance/rules/cite-more.md': '---\ntitle: "Cite more"\n---\n\nCite everything.\n' }, { branch: BRANCH, signer: 'amina' });
    f.git(['branch', '-f', BRANCH, `${edit}~1`]);
    const remote = bareRemote(f);
    execFileSync('git', ['-C', f.dir, 'push', '-q', remote, `${edit}:refs/test/meanwhile`]);
    pushedMeanwhile(remote, 'refs/test/meanwhile');
    const bruno = cloneFor(remote, 'bruno');
    const run = await bruno.noclout(['vote', 'cite-more', 'yes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[vote/text-changed]');
    expect(run.stderr).toContain('nothing was pushed');
    expect(remoteTip(remote)).toBe(edit);
    // Voting again now votes on the new text, and counts.
    expect((await bruno.noclout(['vote', 'cite-more', 'yes'])).code).toBe(0);
    expect(counted(await review(remote, T0))).toEqual(['bruno:yes']);
  }, 30_000);

  it('--no-push commits only and prints the exact push command, which works as printed', async () => {
    const remote = bareRemote(proposalCommons());
    const before = remoteTip(remote);
    const bruno = cloneFor(remote, 'bruno');
    const run = await bruno.noclout(['vote', 'cite-more', 'no', '--reason', 'Trop strict: "tout" citer ?', '--no-push', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ pushed: false, local: 'created', next: [`git push origin ${BRANCH}`, expect.stringContaining('never --rebase')] });
    expect(remoteTip(remote)).toBe(before);
    bruno.git(['push', '-q', 'origin', BRANCH]);
    const j = await review(remote, T0);
    expect(j.ballots).toEqual([expect.objectContaining({ voter: 'bruno', vote: 'no', counted: true })]);
    expect(bruno.git(['show', `${BRANCH}:governance/ballots/cite-more/bruno.yml`])).toBe('vote: no\nreason: "Trop strict: \\"tout\\" citer ?"');
  }, 30_000);

  it('without a remote, members vote in one repository with --handle and --key, and the work tree is left as it was', async () => {
    const f = proposalCommons();
    writeFileSync(join(f.dir, 'draft.txt'), 'not committed\n');
    const status = f.git(['status', '--porcelain']);
    const head = f.rev('HEAD');
    for (const handle of ['bruno', 'chloe']) {
      const run = noclout(['vote', 'cite-more', 'yes', '--handle', handle, '--key', keyFor(handle).path, '--repo', f.dir, '--format', 'json']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.json).toMatchObject({ pushed: false, local: 'updated', next: [expect.stringContaining('has no remote')] });
    }
    expect(f.git(['status', '--porcelain'])).toBe(status);
    expect(f.rev('HEAD')).toBe(head);
    expect(counted(await review(f.dir, T0))).toEqual(['bruno:yes', 'chloe:yes']);
  }, 30_000);

  it('a checked-out change branch is never moved under its work tree: the push goes through and the voter is told how to catch up', async () => {
    const remote = bareRemote(proposalCommons());
    const amina = cloneFor(remote, 'amina');
    amina.git(['checkout', '-q', BRANCH]);
    writeFileSync(join(amina.dir, 'content/proposals/cite-more.md'), 'an edit in progress\n');
    const head = amina.git(['rev-parse', 'HEAD']);
    const run = await amina.noclout(['vote', 'cite-more', 'yes', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ pushed: true, local: 'checked-out', next: [expect.stringContaining('git pull --ff-only origin proposal/cite-more')] });
    expect(amina.git(['rev-parse', 'HEAD'])).toBe(head);
    expect(readFileSync(join(amina.dir, 'content/proposals/cite-more.md'), 'utf8')).toBe('an edit in progress\n');
    expect(counted(await review(remote, T0))).toEqual(['amina:yes']);
  }, 30_000);

  it('voting again with the same words after the text changed casts it again (withdrawn, then written back), and it counts', async () => {
    const f = proposalCommons();
    const remote = bareRemote(f);
    const bruno = cloneFor(remote, 'bruno');
    expect((await bruno.noclout(['vote', 'cite-more', 'yes'])).code).toBe(0);
    const again = await bruno.noclout(['vote', 'cite-more', 'yes']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Already cast');
    const amina = cloneFor(remote, 'amina');
    amina.git(['checkout', '-q', BRANCH]);
    writeFileSync(join(amina.dir, 'governance/rules/cite-more.md'), '---\ntitle: "Cite more"\n---\n\nCite everything.\n');
    amina.git(['commit', '-q', '-S', '-am', 'Clearer rule']);
    amina.git(['push', '-q', 'origin', BRANCH]);
    const stale = await review(remote, T0);
    expect(stale.ballots[0]).toMatchObject({ voter: 'bruno', counted: false, reason: expect.stringContaining('stale') });
    expect((await bruno.noclout(['vote', 'cite-more', 'yes'])).code).toBe(0);
    expect(counted(await review(remote, hours(1)))).toEqual(['bruno:yes']);
  }, 30_000);

  it('refusals name the fault: a key no member lists, a change no branch adds, a rule that does not exist', async () => {
    const remote = bareRemote(proposalCommons());
    const before = remoteTip(remote);
    const zed = cloneFor(remote, 'zed');
    const outsider = await zed.noclout(['vote', 'cite-more', 'yes']);
    expect(outsider.code).toBe(1);
    expect(outsider.stderr).toMatch(/listed for no member in governance\/members\.yml.*\[vote\/no-key\]/);
    const bruno = cloneFor(remote, 'bruno');
    const unknown = await bruno.noclout(['vote', 'cite-less', 'yes']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no branch adds a post or proposal named "cite-less"');
    const rule = await bruno.noclout(['vote', 'cite-more', 'no', '--rule', 'be-nice']);
    expect(rule.stderr).toContain('rules: be-kind, cite-sources');
    const usage = await bruno.noclout(['vote', 'cite-more', 'oui']);
    expect(usage.code).toBe(2);
    expect(remoteTip(remote)).toBe(before);
  }, 30_000);

  it('a clone of another repository whose origin was only re-pointed: the fetch failure shows git\'s "cannot lock ref" and suggests git fetch --prune, which fixes it (first hour, issue 11)', async () => {
    const remote = bareRemote(proposalCommons());
    // The repository the clone was made from has a branch "proposal": its origin/proposal stays after set-url.
    const upstream = join(tempDir('noclout-upstream-'), 'upstream.git');
    execFileSync('git', ['clone', '-q', '--bare', remote, upstream]);
    execFileSync('git', ['-C', upstream, 'branch', '-m', BRANCH, 'proposal']);
    const bruno = cloneFor(upstream, 'bruno');
    bruno.git(['remote', 'set-url', 'origin', `file://${remote}`]);
    const blocked = await bruno.noclout(['vote', 'cite-more', 'yes']);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain("cannot lock ref 'refs/remotes/origin/proposal/cite-more'");
    expect(blocked.stderr).toContain('run git fetch --prune origin, then vote again');
    expect(blocked.stderr).toContain('[vote/fetch-failed]');
    bruno.git(['fetch', '-q', '--prune', 'origin']);
    const cast = await bruno.noclout(['vote', 'cite-more', 'yes']);
    expect(cast.code, cast.stderr).toBe(0);
    expect(counted(await review(remote, T0))).toEqual(['bruno:yes']);
  }, 30_000);

  it('any other fetch failure shows git\'s own error line', async () => {
    const bruno = cloneFor(bareRemote(proposalCommons()), 'bruno');
    bruno.git(['remote', 'set-url', 'origin', `file://${join(tempDir('noclout-gone-'), 'nowhere.git')}`]);
    const run = await bruno.noclout(['vote', 'cite-more', 'yes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/git fetch origin failed, so the change cannot be seen as it is now: fatal: .*\(vote offline with --no-push\) \[vote\/fetch-failed\]/);
  }, 30_000);
});
