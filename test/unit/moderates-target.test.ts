/**
 * A moderation names a post that exists, and an appeal a decision that exists.
 * A moderation change adds a proposal (`moderates: <year>/<slug>`, `rule`) and
 * deletes that post's file in the same change; an appeal adds a proposal
 * (`appeals: <year>/<nnnn>-<slug>`) and restores the file. So the post named
 * may be in the tree, in the base (the change deleted it), or gone already
 * behind a tombstone (an accepted moderation record names it). A name that
 * resolves to none of these is refused by `noclout check` and by the bot.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/commons/problem.ts';
import { sealRecord } from '../../src/commons/record-digest.ts';
import { snapshotOf } from '../../src/commons/snapshot.ts';
import { validateCommons } from '../../src/commons/validate.ts';
import { baseTree, sealedPostRecord, writeTree, type TreeValue } from '../fixtures/commons-tree.ts';
import { runBin, runCli } from '../fixtures/run-cli.ts';
import { postText, proposalText, trackedCommons } from '../repo/fixture.ts';
import { T0 } from '../bot/clock.ts';
import { nocloutInProcess } from '../bot/cli.ts';

const moderation = (front: string) => `---\ntitle: Hide a post\nauthor: amina\ndate: 2026-11-22\nlang: en\n${front}\n---\n\nWhy.\n`;

/** A sealed, accepted moderation decision hiding `post`, as the bot writes one. */
function moderationRecord(change: string, post: string, outcome: 'accepted' | 'rejected' = 'accepted'): string {
  return sealRecord(`---
change: ${change}
title: Hide ${post}
kind: moderation
outcome: ${outcome}
head: ${'a'.repeat(40)}
base: ${'b'.repeat(40)}
opened: 2026-10-22T10:00:00Z
closed: 2026-10-25T10:00:00Z
policyCommit: ${'c'.repeat(40)}
rule: { quorum: "1/4", threshold: { moreThan: "1/2" }, days: 3, closeEarly: false }
roster: { size: 2, commit: ${'c'.repeat(40)} }
author: amina
files: [content/proposals/${change}.md, content/posts/${post}.md]
ballots: []
reasons: [Quorum and threshold met.]
moderation: { post: ${post}, rule: respect, ruleVersion: ${'c'.repeat(40)}, appeal: open a moderation proposal that appeals this decision }
---

Hidden.
`);
}

async function check(overrides: Record<string, TreeValue | null>) {
  const result = await runCli(['check', '--repo', await writeTree(overrides), '--format', 'json']);
  return { code: result.code, problems: (JSON.parse(result.stdout) as { problems: Problem[] }).problems };
}

const rulesOf = (problems: readonly Problem[]) => problems.map((p) => p.rule);

describe('moderates: the post a moderation hides exists', () => {
  it('a moderation naming no post is refused at the moderates key, saying what was expected and what was received', async () => {
    const { code, problems } = await check({ 'content/proposals/hide-ghost.md': moderation('moderates: 2026/no-such-post\nrule: respect') });
    expect(code).toBe(1);
    expect(problems).toEqual([
      {
        path: 'content/proposals/hide-ghost.md',
        line: 6,
        column: 1,
        rule: 'proposal/moderates-missing',
        message: 'moderates "2026/no-such-post" names no post: expected the id "<year>/<slug>" of a published post, content/posts/<year>/<slug>.md (received "2026/no-such-post")',
        hint: 'a moderation hides a post that is published when it is proposed; its change deletes that file (if it was published after your copy of main, run git fetch, or check --base origin/main)',
        code: 'proposal/moderates-missing',
        params: { moderates: '2026/no-such-post', near: '' },
      },
    ]);
  });

  it('a near miss of a post id gets a "did you mean"', async () => {
    const { problems } = await check({ 'content/proposals/hide-hello.md': moderation('moderates: 2025/helo\nrule: respect') });
    expect(rulesOf(problems)).toEqual(['proposal/moderates-missing']);
    expect(problems[0]!.hint).toMatch(/^did you mean "2026\/hello"\?/);
  });

  it('a moderation naming a post of the tree passes', async () => {
    expect((await check({ 'content/proposals/hide-hello.md': moderation('moderates: 2026/hello\nrule: respect') })).problems).toEqual([]);
  });

  it('a post already hidden by an accepted moderation still resolves: its record is the tombstone', async () => {
    const { problems } = await check({
      'content/posts/2026/hello.md': null,
      'content/proposals/hide-hello.md': moderation('moderates: 2026/hello\nrule: respect'),
      'governance/decisions/2026/0001-hide-hello.md': moderationRecord('hide-hello', '2026/hello'),
    });
    expect(problems).toEqual([]);
  });

  it('a new moderation of a post another decision already hid is refused, pointing to an appeal instead', async () => {
    const { code, problems } = await check({
      'content/posts/2026/hello.md': null,
      'content/proposals/hide-hello.md': moderation('moderates: 2026/hello\nrule: respect'),
      'governance/decisions/2026/0001-hide-hello.md': moderationRecord('hide-hello', '2026/hello'),
      'content/proposals/hide-hello-again.md': moderation('moderates: 2026/hello\nrule: respect'),
    });
    expect(code).toBe(1);
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'content/proposals/hide-hello-again.md',
        line: 6,
        rule: 'proposal/moderates-hidden',
        message: 'moderates "2026/hello", which decision 2026/0001-hide-hello already hid: there is no published post left to hide (received "2026/hello")',
        hint: 'to contest that decision, open an appeal instead: `appeals: 2026/0001-hide-hello`',
      }),
    ]);
  });

  it('a post the change deleted resolves when the caller passes the base posts (outside), and only then', () => {
    const files = { ...baseTree(), 'content/proposals/hide-hello.md': moderation('moderates: 2026/hello\nrule: respect') };
    delete (files as Record<string, string>)['content/posts/2026/hello.md'];
    const snapshot = snapshotOf(Object.entries(files).map(([path, text]) => ({ path, mode: 'file' as const, text, size: Buffer.byteLength(text) })));
    expect(rulesOf(validateCommons(snapshot).problems)).toEqual(['proposal/moderates-missing']);
    expect(validateCommons(snapshot, { outside: { posts: new Set(['2026/hello']) } }).problems).toEqual([]);
  });
});

describe('appeals: the decision an appeal contests exists and hid a post', () => {
  it('an appeal that also carries rule or moderates is told it names only the decision it contests', async () => {
    const { problems } = await check({
      'content/posts/2026/hello.md': null,
      'governance/decisions/2026/0001-hide-hello.md': moderationRecord('hide-hello', '2026/hello'),
      'content/proposals/hide-hello.md': moderation('moderates: 2026/hello\nrule: respect'),
      'content/proposals/restore-hello.md': moderation('appeals: 2026/0001-hide-hello\nrule: respect'),
    });
    expect(problems).toEqual([expect.objectContaining({ path: 'content/proposals/restore-hello.md', rule: 'proposal/appeal-fields', line: 7, hint: 'remove the rule line' })]);
  });

  const hidden = {
    'content/posts/2026/hello.md': null,
    'content/proposals/hide-hello.md': moderation('moderates: 2026/hello\nrule: respect'),
    'governance/decisions/2026/0002-hide-hello.md': moderationRecord('hide-hello', '2026/hello'),
  };

  it('an appeal naming no decision is refused at the appeals key, with a "did you mean" among the moderations', async () => {
    const { code, problems } = await check({ ...hidden, 'content/proposals/restore-hello.md': moderation('appeals: 2026/0003-hide-hello') });
    expect(code).toBe(1);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'content/proposals/restore-hello.md', line: 6, column: 1, rule: 'proposal/appeals-missing' });
    expect(problems[0]!.message).toBe('appeals "2026/0003-hide-hello" names no decision: expected the id "<year>/<nnnn>-<slug>" of an accepted moderation, governance/decisions/<year>/<nnnn>-<slug>.md (received "2026/0003-hide-hello")');
    expect(problems[0]!.hint).toMatch(/^did you mean "2026\/0002-hide-hello"\?/);
  });

  it('an appeal naming a decision that hid nothing (a post publication) is refused', async () => {
    const { problems } = await check({ 'governance/decisions/2026/0001-hello.md': sealedPostRecord(), 'content/proposals/restore-hello.md': moderation('appeals: 2026/0001-hello') });
    expect(rulesOf(problems)).toEqual(['moderation/appeal-target']);
    expect(problems[0]!.message).toContain('it is an accepted post decision');
  });

  it('an appeal naming an accepted moderation passes', async () => {
    expect((await check({ ...hidden, 'content/proposals/restore-hello.md': moderation('appeals: 2026/0002-hide-hello') })).problems).toEqual([]);
  });
});

const commons = trackedCommons();
const offer = postText({ author: 'bruno', title: 'Cheap panels' }, 'Buy my panels.\n');
/** A proposal written into the working tree, not committed. */
function writeProposal(dir: string, slug: string, text: string): void {
  mkdirSync(`${dir}/content/proposals`, { recursive: true });
  writeFileSync(`${dir}/content/proposals/${slug}.md`, text);
}
const hideProposal = (target: string) => proposalText({ author: 'amina', extra: `moderates: ${target}\nrule: be-kind\n` }, 'Advertising is not kind to readers.\n');

describe('noclout check on a real git repository (a moderation deletes the post it names)', () => {
  it('on a committed moderation branch, the post the branch deleted is found on main', async () => {
    const f = commons({ posts: { 'content/posts/2026/offer.md': offer } });
    f.commit({ 'content/proposals/hide-offer.md': hideProposal('2026/offer'), 'content/posts/2026/offer.md': null }, { branch: 'moderation/hide-offer', signer: 'amina' });
    f.git(['checkout', '-q', 'moderation/hide-offer']);
    const run = await runBin(['check', '--repo', f.dir]);
    expect(run.stdout).toContain('No problems');
    expect(run.code).toBe(0);
  });

  it('with the deletion not yet committed, the post is found at HEAD', async () => {
    const f = commons({ posts: { 'content/posts/2026/offer.md': offer } });
    f.git(['checkout', '-q', '-b', 'moderation/hide-offer']);
    f.git(['rm', '-q', 'content/posts/2026/offer.md']);
    f.git(['branch', '-q', '-D', 'main']);
    writeProposal(f.dir, 'hide-offer', hideProposal('2026/offer'));
    expect((await runBin(['check', '--repo', f.dir])).code).toBe(0);
  });

  it('a moderation branch naming a post that is nowhere is refused, printed as path:line:col: message [rule]', async () => {
    const f = commons({ posts: { 'content/posts/2026/offer.md': offer } });
    f.commit({ 'content/proposals/hide-ghost.md': hideProposal('2026/no-such-post') }, { branch: 'moderation/hide-ghost', signer: 'amina' });
    f.git(['checkout', '-q', 'moderation/hide-ghost']);
    const run = await runBin(['check', '--repo', f.dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('content/proposals/hide-ghost.md:5:1: moderates "2026/no-such-post" names no post');
    expect(run.stdout).toContain('[proposal/moderates-missing]');
  });

  it('--base names the branch the change is proposed against; one that does not exist is a usage error', async () => {
    const f = commons({ posts: { 'content/posts/2026/offer.md': offer } });
    f.git(['branch', '-q', '-m', 'main', 'trunk']);
    f.git(['checkout', '-q', '-b', 'moderation/hide-offer']);
    f.git(['rm', '-q', 'content/posts/2026/offer.md']);
    f.git(['commit', '-q', '--no-gpg-sign', '-m', 'hide'], { GIT_AUTHOR_DATE: '2026-11-01T09:00:00Z', GIT_COMMITTER_DATE: '2026-11-01T09:00:00Z' });
    writeProposal(f.dir, 'hide-offer', hideProposal('2026/offer'));
    expect((await runCli(['check', '--repo', f.dir, '--format', 'json'])).code).toBe(1);
    expect((await runCli(['check', '--repo', f.dir, '--base', 'trunk', '--format', 'json'])).code).toBe(0);
    const wrong = await runCli(['check', '--repo', f.dir, '--base', 'nope']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--base');
    // A commit id abbreviated as `git log --oneline` prints it names the base too.
    const trunk = f.git(['rev-parse', '--short=7', 'trunk']).trim();
    expect((await runCli(['check', '--repo', f.dir, '--base', trunk, '--format', 'json'])).code).toBe(0);
  });

  it('without --base, a post published on origin/main after the local main was last updated is found', async () => {
    const f = commons({});
    const before = f.git(['rev-parse', 'main']).trim();
    const date = { GIT_AUTHOR_DATE: '2026-11-01T09:00:00Z', GIT_COMMITTER_DATE: '2026-11-01T09:00:00Z' };
    mkdirSync(`${f.dir}/content/posts/2026`, { recursive: true });
    writeFileSync(`${f.dir}/content/posts/2026/offer.md`, offer);
    f.git(['add', 'content/posts/2026/offer.md']);
    f.git(['commit', '-q', '--no-gpg-sign', '-m', 'publish offer'], date);
    // The remote's main has the post; the contributor's local main is older and lacks it.
    f.git(['update-ref', 'refs/remotes/origin/main', 'main']);
    f.git(['checkout', '-q', '-b', 'moderation/hide-offer']);
    f.git(['rm', '-q', 'content/posts/2026/offer.md']);
    f.git(['commit', '-q', '--no-gpg-sign', '-m', 'hide'], date);
    f.git(['update-ref', 'refs/heads/main', before]);
    writeProposal(f.dir, 'hide-offer', hideProposal('2026/offer'));
    expect((await runCli(['check', '--repo', f.dir, '--format', 'json'])).code).toBe(0);
    // Without the remote's main, the post is nowhere the check can see.
    f.git(['update-ref', '-d', 'refs/remotes/origin/main']);
    expect((await runCli(['check', '--repo', f.dir, '--format', 'json'])).code).toBe(1);
  });
});

describe('the bot reviews what a moderation names against the base', () => {
  const review = async (dir: string, head: string) => (await nocloutInProcess(['review', head, '--repo', dir, '--at', T0, '--format', 'json'])).json;

  it('a moderation naming no post is invalid with proposal/moderates-missing, not "the change does not remove it"', async () => {
    const f = commons({ posts: { 'content/posts/2026/offer.md': offer } });
    f.commit({ 'content/proposals/hide-ghost.md': hideProposal('2026/ofer') }, { branch: 'moderation/hide-ghost', signer: 'amina' });
    const j = await review(f.dir, 'moderation/hide-ghost');
    expect(j.decision).toBe('invalid');
    expect(j.problems).toEqual([expect.objectContaining({ path: 'content/proposals/hide-ghost.md', line: 5, column: 1, rule: 'proposal/moderates-missing', hint: expect.stringMatching(/^did you mean "2026\/offer"\?/) })]);
  });

  it('a moderation deleting a post of the base is judged (pending its vote), with no problem', async () => {
    const f = commons({ posts: { 'content/posts/2026/offer.md': offer } });
    f.commit({ 'content/proposals/hide-offer.md': hideProposal('2026/offer'), 'content/posts/2026/offer.md': null }, { branch: 'moderation/hide-offer', signer: 'amina' });
    expect(await review(f.dir, 'moderation/hide-offer')).toMatchObject({ kind: 'moderation', decision: 'pending', problems: [] });
  });

  it('a moderation of a post an accepted decision already hid is invalid with proposal/moderates-hidden, as check says', async () => {
    const f = commons({ posts: { 'governance/decisions/2026/0001-hide-offer.md': moderationRecord('hide-offer', '2026/offer') } });
    f.commit({ 'content/proposals/hide-offer-again.md': hideProposal('2026/offer') }, { branch: 'moderation/hide-offer-again', signer: 'amina' });
    const j = await review(f.dir, 'moderation/hide-offer-again');
    expect(j.decision).toBe('invalid');
    expect(j.problems).toEqual([expect.objectContaining({ rule: 'proposal/moderates-hidden', hint: 'to contest that decision, open an appeal instead: `appeals: 2026/0001-hide-offer`' })]);
  });

  it('an appeal naming a decision that is not on the base is invalid with proposal/appeals-missing', async () => {
    const f = commons({ posts: { 'content/posts/2026/offer.md': offer } });
    f.commit({ 'content/proposals/restore-offer.md': proposalText({ author: 'bruno', extra: 'appeals: 2026/0001-hide-offer\n' }), 'content/posts/2026/other.md': postText({ author: 'bruno' }) }, { branch: 'moderation/restore-offer', signer: 'bruno' });
    const j = await review(f.dir, 'moderation/restore-offer');
    expect(j.decision).toBe('invalid');
    expect(j.problems.map((p: Problem) => p.rule)).toEqual(['proposal/appeals-missing']);
  });
});
