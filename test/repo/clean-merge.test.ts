/**
 * The clean-merge rule (src/ballots/clean-merge.ts), which lets unsigned
 * merges join ballots cast at the same time: a merge is accepted without a
 * signature only when it says nothing of its own. Each way a merge could say
 * something is a named regression test, on merges made by real git, beside
 * the clean control.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMerge } from '../../src/ballots/clean-merge.ts';
import { readCommitInfo } from '../../src/repo/history.ts';
import { openRepository } from '../../src/repo/repository.ts';
import { hours, T0 } from '../bot/clock.ts';
import { nocloutInProcess } from '../bot/cli.ts';
import { proposalText, trackedCommons, type Fixture } from './fixture.ts';

const commons = trackedCommons();
const BRANCH = 'proposal/tidy';
const RULE = 'governance/rules/tidy.md';
const rule = (text: string) => `---\ntitle: "Tidy"\n---\n\n${text}\n`;

/** A proposal by amina, then two sides: `ours` (a ballot by bruno) and `theirs` (what the test puts there). Returns both tips. */
function sides(f: Fixture, theirs: Record<string, string | null>, signer: string): { ours: string; theirs: string } {
  f.commit({ 'content/proposals/tidy.md': proposalText({ author: 'amina' }), [RULE]: rule('Tidy up.') }, { branch: BRANCH, signer: 'amina' });
  const fork = f.rev(BRANCH);
  const ours = f.commit({ 'governance/ballots/tidy/bruno.yml': 'vote: yes\n' }, { branch: BRANCH, signer: 'bruno' });
  f.git(['branch', 'side', fork]);
  const other = f.commit(theirs, { branch: 'side', signer });
  return { ours, theirs: other };
}

/** `git merge` on the proposal branch with the given options, unsigned; returns the merge commit. */
function merge(f: Fixture, other: string, options: string[] = []): string {
  f.git(['checkout', '-q', BRANCH]);
  f.git(['merge', '-q', '--no-ff', '--no-gpg-sign', '--no-edit', ...options, other]);
  const oid = f.rev('HEAD');
  f.git(['checkout', '-q', 'main']);
  return oid;
}

async function check(f: Fixture, oid: string) {
  const repo = openRepository(f.dir);
  return checkMerge(repo, await readCommitInfo(repo, oid));
}

describe('clean merges', () => {
  it('control: a merge joining two ballot commits is clean', async () => {
    const f = commons();
    const { theirs } = sides(f, { 'governance/ballots/tidy/chloe.yml': 'vote: no\n' }, 'chloe');
    expect(await check(f, merge(f, theirs))).toEqual({ clean: true });
  });

  it("a merge that puts back the text the submitter replaced (git merge -s ours) is not clean: ballots would count for a text nobody voted on", async () => {
    const f = commons();
    const { theirs } = sides(f, { [RULE]: rule('Tidy up, and sweep.') }, 'amina');
    const oid = merge(f, theirs, ['-s', 'ours']);
    expect(await check(f, oid)).toEqual({ clean: false, path: RULE, why: `it undoes a side's change to ${RULE}`, fault: 'undoes' });
    const run = await nocloutInProcess(['review', BRANCH, '--repo', f.dir, '--at', T0, '--format', 'json']);
    expect(run.json.problems).toEqual([expect.objectContaining({ path: RULE, rule: 'change/unclean-merge' })]);
  });

  it("a merge that drops another member's ballot file is not clean", async () => {
    const f = commons();
    const { theirs } = sides(f, { 'governance/ballots/tidy/chloe.yml': 'vote: no\n' }, 'chloe');
    expect(await check(f, merge(f, theirs, ['-s', 'ours']))).toMatchObject({ clean: false, path: 'governance/ballots/tidy/chloe.yml' });
  });

  it('a merge that adds a file no side has, or deletes one no side deleted, is not clean', async () => {
    const f = commons();
    const { theirs } = sides(f, { 'governance/ballots/tidy/chloe.yml': 'vote: no\n' }, 'chloe');
    f.git(['checkout', '-q', BRANCH]);
    f.git(['merge', '-q', '--no-ff', '--no-commit', theirs]);
    f.git(['rm', '-q', 'governance/rules/be-kind.md']);
    f.git(['commit', '-q', '--no-gpg-sign', '--no-edit']);
    const deleting = f.rev('HEAD');
    f.git(['checkout', '-q', 'main']);
    expect(await check(f, deleting)).toEqual({ clean: false, path: 'governance/rules/be-kind.md', why: 'it deletes governance/rules/be-kind.md, which no side deleted', fault: 'deletes' });
    f.git(['checkout', '-q', BRANCH]);
    f.git(['reset', '-q', '--hard', 'HEAD~1']);
    f.git(['merge', '-q', '--no-ff', '--no-commit', theirs]);
    writeFileSync(`${f.dir}/governance/rules/sneaky.md`, rule('Added in a merge.'));
    f.git(['add', 'governance/rules']);
    f.git(['commit', '-q', '--no-gpg-sign', '--no-edit']);
    const adding = f.rev('HEAD');
    f.git(['checkout', '-q', 'main']);
    expect(await check(f, adding)).toEqual({ clean: false, path: 'governance/rules/sneaky.md', why: 'it writes a version of governance/rules/sneaky.md that no side wrote', fault: 'new-version' });
  });

  it('a conflict resolved by hand (both sides changed the file) is not clean, whichever side it keeps', async () => {
    const f = commons();
    f.commit({ 'content/proposals/tidy.md': proposalText({ author: 'amina' }), [RULE]: rule('Tidy up.') }, { branch: BRANCH, signer: 'amina' });
    const fork = f.rev(BRANCH);
    f.commit({ 'governance/ballots/tidy/bruno.yml': 'vote: yes\n' }, { branch: BRANCH, signer: 'bruno' });
    f.git(['branch', 'side', fork]);
    const other = f.commit({ 'governance/ballots/tidy/bruno.yml': 'vote: no\n' }, { branch: 'side', signer: 'bruno' });
    f.git(['checkout', '-q', BRANCH]);
    f.git(['merge', '-q', '--no-ff', '--no-commit', other], {}, true);
    f.git(['checkout', '--ours', '--', 'governance/ballots/tidy/bruno.yml']);
    f.git(['add', 'governance/ballots/tidy/bruno.yml']);
    f.git(['commit', '-q', '--no-gpg-sign', '--no-edit']);
    const resolved = f.rev('HEAD');
    f.git(['checkout', '-q', 'main']);
    expect(await check(f, resolved)).toMatchObject({ clean: false, path: 'governance/ballots/tidy/bruno.yml', why: expect.stringContaining('changed differently on two sides') });
  });

  it('a clean merge of main into the change needs no signature and changes nothing the bot judges', async () => {
    const f = commons();
    f.commit({ 'content/proposals/tidy.md': proposalText({ author: 'amina' }), [RULE]: rule('Tidy up.') }, { branch: BRANCH, signer: 'amina' });
    f.commit({ 'governance/rules/be-brief.md': '---\ntitle: "Be brief"\n---\n\nBrief.\n' }, { message: 'Another rule' });
    const oid = merge(f, 'main');
    expect(await check(f, oid)).toEqual({ clean: true });
    const run = await nocloutInProcess(['review', BRANCH, '--repo', f.dir, '--at', hours(1), '--format', 'json']);
    expect(run.json).toMatchObject({ decision: 'pending', problems: [] });
  });
});
