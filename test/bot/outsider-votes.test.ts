/**
 * Issue 10 follow-up, "Trust holes": nothing an outsider does can open, close, shorten or use up
 * a member's vote; a change goes by its name only while it is that change. A branch named like
 * another change's head is that change only if it carries commits the ledger saw for it, or is
 * the same member's content rebased; otherwise the name is taken, and nothing is recorded. Real
 * repositories, real ed25519-signed commits; each attack beside its valid control.
 */
import { describe, expect, it } from 'vitest';
import { readOpenChanges } from '../../src/site/open-changes.ts';
import { proposalText, trackedCommons, type FileSpec, type Fixture } from '../repo/fixture.ts';
import { days, hours, T0 } from './clock.ts';
import { nocloutInProcess } from './cli.ts';

const commons = trackedCommons();

async function review(f: Fixture, head: string, at: string) {
  const run = await nocloutInProcess(['review', head, '--repo', f.dir, '--at', at, '--format', 'json']);
  expect(run.json, run.stderr).toBeDefined();
  return run.json;
}
const rules = (j: any): string[] => j.problems.map((p: any) => p.rule);
const entry = (f: Fixture, change: string) => f.git(['show', `refs/noclout/ledger:openings/${change}.yml`], {}, true);

/** The rule proposal "cite-sources" on branch prop/cite-sources, by `author`, signed by `signer` (or unsigned). */
function citeSources(f: Fixture, options: { author: string; signer?: string; words: string }): string {
  const files: Record<string, FileSpec> = {
    'content/proposals/cite-sources.md': proposalText({ author: options.author, title: 'Cite your sources, with links' }),
    'governance/rules/cite-sources.md': `---\ntitle: "Cite your sources"\n---\n\n${options.words}\n`,
  };
  return f.commit(files, { branch: 'prop/cite-sources', ...(options.signer ? { signer: options.signer } : {}) });
}

/** amina's proposal, opened at T0, then withdrawn (its branch deleted). */
async function withdrawnProposal(f: Fixture): Promise<string> {
  citeSources(f, { author: 'amina', signer: 'amina', words: 'Link every source.' });
  expect(await review(f, 'prop/cite-sources', T0)).toMatchObject({ decision: 'pending', opened: new Date(T0).toISOString() });
  f.git(['branch', '-D', 'prop/cite-sources']);
  return entry(f, 'cite-sources');
}

describe('a branch named like another change\'s head', () => {
  it('another member\'s proposal pushed under a withdrawn change\'s branch name is not that change: name taken, nothing recorded, no vote closed on first sight', async () => {
    const f = commons();
    const before = await withdrawnProposal(f);
    citeSources(f, { author: 'bruno', signer: 'bruno', words: 'Cite sources, briefly.' });
    const j = await review(f, 'prop/cite-sources', days(10));
    // Before: it inherited amina's opening of T0, closed at T7, and was rejected on first sight.
    expect(j.decision).toBe('invalid');
    expect(rules(j)).toContain('change/name-taken');
    expect(entry(f, 'cite-sources')).toBe(before);
  });

  it('an outsider\'s unsigned branch under a member\'s change\'s name records nothing, and the site never shows its text as that change', async () => {
    const f = commons();
    const before = await withdrawnProposal(f);
    const outsider = citeSources(f, { author: 'amina', words: 'Sources are for the weak.' });
    const j = await review(f, 'prop/cite-sources', days(2));
    expect(j.decision).toBe('invalid');
    expect(entry(f, 'cite-sources')).toBe(before);
    const listed = await readOpenChanges(f.dir, 'https://example.org/commons', new Set());
    expect(listed.map((c) => c.read?.commit)).not.toContain(outsider);
  });

  it('control: the same member\'s proposal rebased (branch deleted and made again) keeps its opening and its vote', async () => {
    const f = commons();
    await withdrawnProposal(f);
    f.commit({ 'governance/rules/be-kind.md': '---\ntitle: "Be kind"\n---\n\nBe kind, always.\n' }, { message: 'main moves' });
    citeSources(f, { author: 'amina', signer: 'amina', words: 'Link every source.' });
    expect(await review(f, 'prop/cite-sources', hours(2))).toMatchObject({ decision: 'pending', opened: new Date(T0).toISOString(), problems: [] });
  });
});

describe('an outsider\'s branch built on a member\'s change', () => {
  it('an unsigned branch that adds a commit on top of a member\'s open proposal records nothing in that change\'s entry, and the site keeps showing the member\'s text', async () => {
    const f = commons();
    const head = citeSources(f, { author: 'amina', signer: 'amina', words: 'Link every source.' });
    await review(f, 'prop/cite-sources', T0);
    const before = entry(f, 'cite-sources');
    const evil = f.commit({ 'governance/rules/cite-sources.md': '---\ntitle: "Cite your sources"\n---\n\nSources are for the weak.\n' }, { branch: 'prop/evil', from: 'prop/cite-sources' });
    const j = await review(f, 'prop/evil', hours(1));
    expect(j.decision).toBe('invalid');
    // Before: its commit was recorded as the change's newest, and the site showed its words as amina's proposal.
    expect(entry(f, 'cite-sources')).toBe(before);
    const listed = await readOpenChanges(f.dir, 'https://example.org/commons', new Set());
    expect(listed.find((c) => c.change === 'cite-sources')?.read?.commit).toBe(head);
    expect(evil).not.toBe(head);
  });

  it('control: a look at the change\'s own branch with a problem still records its new commits (a ballot is cast when first seen)', async () => {
    const f = commons();
    citeSources(f, { author: 'amina', signer: 'amina', words: 'Link every source.' });
    await review(f, 'prop/cite-sources', T0);
    const typo = f.commit({ 'content/proposals/cite-sources.md': proposalText({ author: 'amina', title: 'Cite your sources', extra: 'weight: 3\n' }) }, { branch: 'prop/cite-sources', signer: 'amina' });
    expect((await review(f, 'prop/cite-sources', hours(1))).decision).toBe('invalid');
    expect(entry(f, 'cite-sources')).toContain(typo);
  });
});

describe('a ballot file on a member\'s branch that its voter never signed', () => {
  async function merge(f: Fixture, at: string) {
    const run = await nocloutInProcess(['merge', 'prop/cite-sources', '--repo', f.dir, '--at', at, '--format', 'json']);
    expect(run.json, run.stderr).toBeDefined();
    return run.json.results[0];
  }
  /** amina's proposal, opened, with amina's and bruno's signed yes seen before the close. */
  async function votedProposal(f: Fixture): Promise<void> {
    citeSources(f, { author: 'amina', signer: 'amina', words: 'Link every source.' });
    await review(f, 'prop/cite-sources', T0);
    for (const voter of ['amina', 'bruno']) f.commit({ [`governance/ballots/cite-sources/${voter}.yml`]: 'vote: yes\n' }, { branch: 'prop/cite-sources', signer: voter, message: `ballot: ${voter}` });
    await review(f, 'prop/cite-sources', hours(1));
  }

  it('an unsigned commit writing other words over bruno\'s ballot neither counts nor reaches main in his name: the merge waits until it is undone', async () => {
    const f = commons();
    await votedProposal(f);
    f.commit({ 'governance/ballots/cite-sources/bruno.yml': 'vote: no\nreason: "I admit I stole the money"\n' }, { branch: 'prop/cite-sources', message: 'not bruno' });
    await review(f, 'prop/cite-sources', days(1));
    const blocked = await merge(f, days(8));
    // Before: accepted and merged, with "I admit I stole the money" in bruno's ballot file on main.
    expect(blocked).toMatchObject({ decision: 'invalid', merged: false });
    expect(rules(blocked)).toEqual(['ballot/not-voters-words']);
    expect(blocked.ballots.filter((b: any) => b.counted).map((b: any) => b.voter)).toEqual(['amina', 'bruno']);
    expect(f.git(['ls-tree', '--name-only', '-r', 'main', 'governance/ballots'])).toBe('');
    // Undone by a ballot-only commit: bruno's vote, cast before the close, still counts.
    f.commit({ 'governance/ballots/cite-sources/bruno.yml': null }, { branch: 'prop/cite-sources', signer: 'amina', message: 'remove the forged ballot' });
    const merged = await merge(f, days(9));
    expect(merged).toMatchObject({ decision: 'accept', merged: true, tally: { yes: 2 } });
    expect(f.git(['show', 'main:governance/ballots/cite-sources/amina.yml'])).toBe('vote: yes');
  });

  it('control: members\' own signed ballot files are merged with the change', async () => {
    const f = commons();
    await votedProposal(f);
    const merged = await merge(f, days(8));
    expect(merged).toMatchObject({ decision: 'accept', merged: true });
    expect(f.git(['show', 'main:governance/ballots/cite-sources/bruno.yml'])).toBe('vote: yes');
  });
});
