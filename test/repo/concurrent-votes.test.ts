/**
 * Issue 11, "The first hour" §3: "three members voting on the same change at
 * the same time from three clones must all be counted, with only the
 * documented commands", and "nothing that a member does the documented way
 * may invalidate a change or silently drop a ballot". Real clones of one
 * shared bare remote (file://), the real `noclout vote` in child processes,
 * real ed25519 signatures; the bot judges the remote's side.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { days, hours, T0 } from '../bot/clock.ts';
import { nocloutInProcess } from '../bot/cli.ts';
import { bareRemote, cloneFor, pushesMeet } from './clones.ts';
import { proposalText, trackedCommons, type Fixture } from './fixture.ts';

const commons = trackedCommons();

async function bot(remote: string, args: string[]): Promise<any> {
  const run = await nocloutInProcess([...args, '--repo', remote, '--format', 'json']);
  expect(run.json, run.stderr).toBeDefined();
  return run.json;
}

const counted = (j: any) => j.ballots.filter((b: any) => b.counted).map((b: any) => `${b.voter}:${b.vote}`).sort();
const rules = (j: any) => j.problems.map((p: any) => p.rule);

/** A commons of three with amina's proposal on its branch, opened by the bot on the remote at T0. */
async function openProposal(slug = 'cite-more'): Promise<{ f: Fixture; remote: string }> {
  const f = commons({ members: ['amina', 'bruno', 'chloe'] });
  f.commit({ [`content/proposals/${slug}.md`]: proposalText({ author: 'amina', title: 'Cite more' }), [`governance/rules/${slug}.md`]: '---\ntitle: "Cite more"\n---\n\nCite.\n' }, { branch: `proposal/${slug}`, signer: 'amina' });
  const remote = bareRemote(f);
  expect((await bot(remote, ['review', `proposal/${slug}`, '--at', T0])).decision).toBe('pending');
  return { f, remote };
}

describe('noclout vote: three members at the same time', () => {
  it('three clones voting concurrently with noclout vote are all counted, the proposal is accepted and audit is clean', async () => {
    const { remote } = await openProposal();
    pushesMeet(remote, 3);
    const clones = ['amina', 'bruno', 'chloe'].map((h) => cloneFor(remote, h));
    const runs = await Promise.all(clones.map((c) => c.noclout(['vote', 'cite-more', 'yes', '--reason', `${c.handle} agrees`, '--format', 'json'])));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    expect(runs.map((r: any) => r.json.handle).sort()).toEqual(['amina', 'bruno', 'chloe']);
    // The pushes were in flight together: all but the first were refused and joined by a clean merge, never rebased.
    expect(runs.reduce((n, r: any) => n + r.json.joined, 0)).toBeGreaterThanOrEqual(2);
    for (const run of runs as any[]) expect(execFileSync('git', ['-C', remote, 'merge-base', '--is-ancestor', run.json.ballot, 'proposal/cite-more']).toString()).toBe('');

    const seen = await bot(remote, ['review', 'proposal/cite-more', '--at', hours(1)]);
    expect(seen.problems).toEqual([]);
    expect(counted(seen)).toEqual(['amina:yes', 'bruno:yes', 'chloe:yes']);
    const merged = await bot(remote, ['merge', '--at', days(7)]);
    expect(merged.results[0]).toMatchObject({ decision: 'accept', merged: true, tally: { yes: 3, no: 0, abstain: 0 } });
    const audit = await nocloutInProcess(['audit', '--repo', remote]);
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
  }, 60_000);

  it('a plain git pull (a merge) joining two hand-made signed ballots is accepted, and both count', async () => {
    const { remote } = await openProposal();
    const [bruno, chloe] = [cloneFor(remote, 'bruno'), cloneFor(remote, 'chloe')];
    for (const c of [bruno, chloe]) {
      c.git(['checkout', '-q', 'proposal/cite-more']);
      mkdirSync(join(c.dir, 'governance/ballots/cite-more'), { recursive: true });
      writeFileSync(join(c.dir, `governance/ballots/cite-more/${c.handle}.yml`), 'vote: yes\n');
      c.git(['add', 'governance/ballots']);
      c.git(['commit', '-q', '-S', '-m', `Ballot: yes on cite-more`]);
    }
    bruno.git(['push', '-q', 'origin', 'proposal/cite-more']);
    expect(() => chloe.git(['push', '-q', 'origin', 'proposal/cite-more'])).toThrow();
    // The merge git pull makes is unsigned here (no commit.gpgsign); the bot checks it adds nothing of its own.
    chloe.git(['pull', '-q', '--no-rebase', '--no-edit', 'origin', 'proposal/cite-more']);
    chloe.git(['push', '-q', 'origin', 'proposal/cite-more']);
    const j = await bot(remote, ['review', 'proposal/cite-more', '--at', hours(1)]);
    expect(j.problems).toEqual([]);
    expect(counted(j)).toEqual(['bruno:yes', 'chloe:yes']);
  }, 30_000);
});

describe('merges the bot refuses, and rewritten ballots', () => {
  it('a dirty merge, one that adds words of its own, makes the change invalid with change/unclean-merge', async () => {
    const { remote } = await openProposal();
    const [bruno, chloe] = [cloneFor(remote, 'bruno'), cloneFor(remote, 'chloe')];
    await bruno.noclout(['vote', 'cite-more', 'no']);
    chloe.git(['checkout', '-q', 'proposal/cite-more']);
    mkdirSync(join(chloe.dir, 'governance/ballots/cite-more'), { recursive: true });
    writeFileSync(join(chloe.dir, 'governance/ballots/cite-more/chloe.yml'), 'vote: yes\n');
    chloe.git(['add', 'governance/ballots']);
    chloe.git(['commit', '-q', '-S', '-m', 'Ballot: yes on cite-more']);
    chloe.git(['pull', '-q', '--no-rebase', '--no-commit', 'origin', 'proposal/cite-more']);
    // Slipped into the merge: a sentence in amina's rule that nobody signed.
    writeFileSync(join(chloe.dir, 'governance/rules/cite-more.md'), '---\ntitle: "Cite more"\n---\n\nCite. Except for chloe.\n');
    chloe.git(['add', 'governance/rules/cite-more.md']);
    chloe.git(['commit', '-q', '--no-gpg-sign', '--no-edit']);
    chloe.git(['push', '-q', 'origin', 'proposal/cite-more']);
    const j = await bot(remote, ['review', 'proposal/cite-more', '--at', hours(1)]);
    expect(j.decision).toBe('invalid');
    const unclean = j.problems.find((p: any) => p.rule === 'change/unclean-merge');
    expect(unclean).toMatchObject({ path: 'governance/rules/cite-more.md', message: expect.stringContaining('that no side wrote') });
    expect(unclean.hint).toContain('noclout vote');
  }, 30_000);

  it('control: the same merge without the added sentence is clean and both ballots count', async () => {
    const { remote } = await openProposal();
    const [bruno, chloe] = [cloneFor(remote, 'bruno'), cloneFor(remote, 'chloe')];
    await bruno.noclout(['vote', 'cite-more', 'no']);
    chloe.git(['checkout', '-q', 'proposal/cite-more']);
    mkdirSync(join(chloe.dir, 'governance/ballots/cite-more'), { recursive: true });
    writeFileSync(join(chloe.dir, 'governance/ballots/cite-more/chloe.yml'), 'vote: yes\n');
    chloe.git(['add', 'governance/ballots']);
    chloe.git(['commit', '-q', '-S', '-m', 'Ballot: yes on cite-more']);
    chloe.git(['pull', '-q', '--no-rebase', '--no-commit', 'origin', 'proposal/cite-more']);
    chloe.git(['commit', '-q', '--no-gpg-sign', '--no-edit']);
    chloe.git(['push', '-q', 'origin', 'proposal/cite-more']);
    const j = await bot(remote, ['review', 'proposal/cite-more', '--at', hours(1)]);
    expect(j.problems).toEqual([]);
    expect(counted(j)).toEqual(['bruno:no', 'chloe:yes']);
  }, 30_000);

  it("a git pull --rebase that re-signs another member's ballot gives change/ballot-rewritten naming the fix, never a silent drop", async () => {
    const { f, remote } = await openProposal();
    const [amina, chloe] = [cloneFor(remote, 'amina'), cloneFor(remote, 'chloe')];
    expect((await chloe.noclout(['vote', 'cite-more', 'yes'])).code).toBe(0);
    // main moves on; amina brings her branch up to date the way many people do, signing every commit she rewrites.
    f.commit({ 'governance/rules/be-brief.md': '---\ntitle: "Be brief"\n---\n\nBrief.\n' }, { message: 'Another rule' });
    execFileSync('git', ['-C', f.dir, 'push', '-q', remote, 'main']);
    amina.git(['checkout', '-q', 'proposal/cite-more']);
    amina.git(['pull', '-q', 'origin', 'proposal/cite-more']);
    amina.git(['-c', 'commit.gpgsign=true', 'pull', '-q', '--rebase', 'origin', 'main']);
    amina.git(['push', '-q', '--force', 'origin', 'proposal/cite-more']);
    const j = await bot(remote, ['review', 'proposal/cite-more', '--at', hours(1)]);
    expect(j.decision).toBe('invalid');
    const rewritten = j.problems.find((p: any) => p.rule === 'change/ballot-rewritten');
    expect(rewritten).toMatchObject({ path: 'governance/ballots/cite-more/chloe.yml', message: expect.stringContaining("amina's signature") });
    expect(rewritten.hint).toContain('git reset --hard ORIG_HEAD');
    expect(rewritten.hint).toContain('git pull --no-rebase');

    // Either fix clears it: chloe votes again.
    expect((await chloe.noclout(['vote', 'cite-more', 'yes'])).code).toBe(0);
    const fixed = await bot(remote, ['review', 'proposal/cite-more', '--at', hours(2)]);
    expect(rules(fixed)).not.toContain('change/ballot-rewritten');
    expect(counted(fixed)).toEqual(['chloe:yes']);
  }, 30_000);

  it('a git pull --rebase that strips the voter\'s own signature gives change/ballot-rewritten; the fix it names (reset, then pull --no-rebase) clears it and both ballots count', async () => {
    const { remote } = await openProposal();
    const [bruno, chloe] = [cloneFor(remote, 'bruno'), cloneFor(remote, 'chloe')];
    for (const c of [bruno, chloe]) {
      c.git(['checkout', '-q', 'proposal/cite-more']);
      mkdirSync(join(c.dir, 'governance/ballots/cite-more'), { recursive: true });
      writeFileSync(join(c.dir, `governance/ballots/cite-more/${c.handle}.yml`), 'vote: yes\n');
      c.git(['add', 'governance/ballots']);
      c.git(['commit', '-q', '-S', '-m', 'Ballot: yes on cite-more']);
    }
    bruno.git(['push', '-q', 'origin', 'proposal/cite-more']);
    // One second later, so the rebased commit's committer time differs from its author time, as it does for anyone.
    await new Promise((r) => setTimeout(r, 1100));
    chloe.git(['pull', '-q', '--rebase', 'origin', 'proposal/cite-more']);
    chloe.git(['push', '-q', 'origin', 'proposal/cite-more']);
    const j = await bot(remote, ['review', 'proposal/cite-more', '--at', hours(1)]);
    expect(j.problems).toEqual([expect.objectContaining({ path: 'governance/ballots/cite-more/chloe.yml', rule: 'change/ballot-rewritten', message: expect.stringContaining('now carries no signature') })]);
    chloe.git(['reset', '-q', '--hard', 'ORIG_HEAD']);
    chloe.git(['pull', '-q', '--no-rebase', '--no-edit', 'origin', 'proposal/cite-more']);
    chloe.git(['push', '-q', 'origin', 'proposal/cite-more']);
    const fixed = await bot(remote, ['review', 'proposal/cite-more', '--at', hours(2)]);
    expect(fixed.problems).toEqual([]);
    expect(counted(fixed)).toEqual(['bruno:yes', 'chloe:yes']);
  }, 30_000);

  it('control: a ballot in another member\'s file made by hand (not a rewrite) just does not count, as before', async () => {
    const { remote } = await openProposal();
    const bruno = cloneFor(remote, 'bruno');
    bruno.git(['checkout', '-q', 'proposal/cite-more']);
    mkdirSync(join(bruno.dir, 'governance/ballots/cite-more'), { recursive: true });
    writeFileSync(join(bruno.dir, 'governance/ballots/cite-more/chloe.yml'), 'vote: no\n');
    bruno.git(['add', 'governance/ballots']);
    bruno.git(['commit', '-q', '-S', '-m', 'Ballot for chloe']);
    bruno.git(['push', '-q', 'origin', 'proposal/cite-more']);
    const j = await bot(remote, ['review', 'proposal/cite-more', '--at', hours(1)]);
    expect(j.problems).toEqual([]);
    expect(j.ballots[0]).toMatchObject({ voter: 'chloe', counted: false, reason: expect.stringContaining("someone else's file: signed by bruno") });
  }, 30_000);
});
