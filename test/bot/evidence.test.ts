/**
 * Evidence the bot must not lose or invent, each a regression test for a fault
 * found by an acceptance tester with the real CLI, on real git repositories
 * with real ed25519 signatures: a force-push that drops seen ballots, an
 * appeal that rewrites the post it restores, a malformed ballot shown as an
 * abstention, and a new post reusing a published post's slug.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postText, proposalText, trackedCommons, type Fixture } from '../repo/fixture.ts';
import { days, hours, T0 } from './clock.ts';
import { noclout, nocloutInProcess } from './cli.ts';

const commons = trackedCommons();

async function run(f: Fixture, args: string[]) {
  const out = await nocloutInProcess([...args, '--repo', f.dir, '--format', 'json']);
  expect(out.json, out.stderr).toBeDefined();
  return out;
}

const review = async (f: Fixture, head: string, at: string) => (await run(f, ['review', head, '--at', at])).json;

function ballot(f: Fixture, branch: string, change: string, voter: string, yaml: string): string {
  return f.commit({ [`governance/ballots/${change}/${voter}.yml`]: yaml }, { branch, signer: voter, message: `ballot: ${voter} on ${change}` });
}

const rules = (j: any) => j.problems.map((p: any) => p.rule);
const counted = (j: any) => j.ballots.filter((b: any) => b.counted).map((b: any) => `${b.voter}:${b.vote}`);

describe('ballots the bot has seen stay on the change', () => {
  /** A rules proposal with amina yes, bruno no, chloe no, each seen by the bot. Returns the ballot commits. */
  async function votedProposal(f: Fixture) {
    f.commit({ 'content/proposals/tidy.md': proposalText({ author: 'amina' }), 'governance/rules/tidy.md': '---\ntitle: "Tidy"\n---\n\nTidy up.\n' }, { branch: 'proposal/tidy', signer: 'amina' });
    await review(f, 'proposal/tidy', T0);
    const yes = ballot(f, 'proposal/tidy', 'tidy', 'amina', 'vote: yes\n');
    const no1 = ballot(f, 'proposal/tidy', 'tidy', 'bruno', 'vote: no\n');
    const no2 = ballot(f, 'proposal/tidy', 'tidy', 'chloe', 'vote: no\n');
    const seen = await review(f, 'proposal/tidy', hours(1));
    expect(seen.tally).toMatchObject({ yes: 1, no: 2 });
    return { yes, no1, no2 };
  }

  it('a force-push dropping seen ballots makes the change invalid, naming each dropped ballot and how to restore it', async () => {
    const f = commons();
    const { yes, no1, no2 } = await votedProposal(f);
    f.git(['branch', '-f', 'proposal/tidy', yes]);
    ballot(f, 'proposal/tidy', 'tidy', 'dmitri', 'vote: yes\n');
    const j = await review(f, 'proposal/tidy', hours(2));
    expect(j.decision).toBe('invalid');
    const dropped = j.problems.filter((p: any) => p.rule === 'change/ballot-dropped');
    expect(dropped.map((p: any) => p.path)).toEqual(['governance/ballots/tidy/bruno.yml', 'governance/ballots/tidy/chloe.yml']);
    expect(dropped[0].message).toContain(no1.slice(0, 10));
    expect(dropped[1].message).toContain(no2.slice(0, 10));
    // One reset to the last dropped ballot restores both.
    expect(dropped[0].hint).toContain(`git reset --hard ${no2}`);
    expect(dropped[1].hint).toContain(`git reset --hard ${no2}`);
    expect(dropped[1].hint).toContain('git cherry-pick');
    const merged = await nocloutInProcess(['merge', '--repo', f.dir, '--at', days(8), '--format', 'json']);
    expect(merged.code).toBe(1);
    expect(merged.json.results[0]).toMatchObject({ decision: 'invalid', merged: false });

    // Put back on the last ballot and the later vote added again: the votes count as cast.
    f.git(['branch', '-f', 'proposal/tidy', no2]);
    ballot(f, 'proposal/tidy', 'tidy', 'dmitri', 'vote: yes\n');
    const restored = await review(f, 'proposal/tidy', hours(3));
    expect(restored.problems).toEqual([]);
    expect(restored.tally).toMatchObject({ yes: 2, no: 2 });
  });

  it('dropped ballots are still known after git gc pruned their commits; a voter may replace their own dropped ballot', async () => {
    const f = commons();
    const { yes, no1, no2 } = await votedProposal(f);
    f.git(['branch', '-f', 'proposal/tidy', yes]);
    f.git(['reflog', 'expire', '--expire=now', '--all']);
    f.git(['gc', '-q', '--prune=now']);
    expect(f.git(['cat-file', '-t', no1], {}, true)).toBe('');
    expect(f.git(['cat-file', '-t', no2], {}, true)).toBe('');
    const j = await review(f, 'proposal/tidy', hours(2));
    expect(j.decision).toBe('invalid');
    expect(rules(j).filter((r: string) => r === 'change/ballot-dropped')).toHaveLength(2);
    // bruno and chloe cast their ballots again: nobody else dropped them, so the change stands.
    ballot(f, 'proposal/tidy', 'tidy', 'bruno', 'vote: no\n');
    ballot(f, 'proposal/tidy', 'tidy', 'chloe', 'vote: yes\n');
    const again = await review(f, 'proposal/tidy', hours(3));
    expect(again.problems).toEqual([]);
    expect(again.tally).toMatchObject({ yes: 2, no: 1 });
  });

  it('a ledger entry written before ballots were kept still reads; the ballots it saw are found from their commits and kept from then on', async () => {
    const f = commons();
    const { yes, no1, no2 } = await votedProposal(f);
    const entry = f.git(['show', 'refs/noclout/ledger:openings/tidy.yml']);
    expect(entry).toContain(`ballots:\n  ${yes}: amina\n  ${no1}: bruno\n  ${no2}: chloe`);
    // The entry as an older bot wrote it: no ballots.
    const file = join(f.dir, '.git', 'old-entry.yml');
    writeFileSync(file, `${entry.replace(/\nballots:\n(?: {2}.*\n?)*/, '')}\n`);
    const index = { GIT_INDEX_FILE: join(f.dir, '.git', 'ledger-index') };
    f.git(['read-tree', 'refs/noclout/ledger'], index);
    f.git(['update-index', '--cacheinfo', `100644,${f.git(['hash-object', '-w', file])},openings/tidy.yml`], index);
    f.git(['update-ref', 'refs/noclout/ledger', f.git(['commit-tree', f.git(['write-tree'], index), '-p', 'refs/noclout/ledger', '-m', 'an older bot'])]);
    expect(f.git(['show', 'refs/noclout/ledger:openings/tidy.yml'])).not.toContain('ballots:');

    f.git(['branch', '-f', 'proposal/tidy', yes]);
    const j = await review(f, 'proposal/tidy', hours(2));
    expect(j.problems.map((p: any) => [p.rule, p.path])).toEqual([
      ['change/ballot-dropped', 'governance/ballots/tidy/bruno.yml'],
      ['change/ballot-dropped', 'governance/ballots/tidy/chloe.yml'],
    ]);
    expect(f.git(['show', 'refs/noclout/ledger:openings/tidy.yml'])).toContain(`ballots:\n  ${yes}: amina\n  ${no1}: bruno\n  ${no2}: chloe`);
    f.git(['reflog', 'expire', '--expire=now', '--all']);
    f.git(['gc', '-q', '--prune=now']);
    expect(rules(await review(f, 'proposal/tidy', hours(3)))).toEqual(['change/ballot-dropped', 'change/ballot-dropped']);
  });

  it('an author amending their own text by force-push before any ballot is still judged', async () => {
    const f = commons();
    const first = f.commit({ 'content/posts/2026/draft.md': postText({ author: 'amina' }, 'First text.\n') }, { branch: 'post/draft', signer: 'amina' });
    await review(f, 'post/draft', T0);
    f.git(['branch', '-f', 'post/draft', 'main']);
    const amended = f.commit({ 'content/posts/2026/draft.md': postText({ author: 'amina' }, 'Amended text.\n') }, { branch: 'post/draft', signer: 'amina' });
    expect(amended).not.toBe(first);
    const j = await review(f, 'post/draft', hours(1));
    expect(j).toMatchObject({ decision: 'pending', problems: [] });
  });
});

describe('appeals', () => {
  it('an appeal must restore exactly the text the moderation hid, not new words under the author\'s name', async () => {
    const offer = postText({ author: 'bruno', title: 'Cheap panels' }, 'Buy my panels.\n');
    const f = commons({ posts: { 'content/posts/2026/offer.md': offer } });
    f.commit({ 'content/proposals/hide-offer.md': proposalText({ author: 'amina', extra: 'moderates: 2026/offer\nrule: be-kind\n' }), 'content/posts/2026/offer.md': null }, { branch: 'moderation/hide-offer', signer: 'amina' });
    await review(f, 'moderation/hide-offer', T0);
    for (const voter of ['amina', 'chloe']) ballot(f, 'moderation/hide-offer', 'hide-offer', voter, 'vote: yes\n');
    await review(f, 'moderation/hide-offer', hours(1));
    expect((await run(f, ['merge', '--at', days(3)])).json.results[0]).toMatchObject({ decision: 'accept', merged: true });

    const altered = postText({ author: 'bruno', title: 'Cheap panels' }, 'I apologise to everyone.\n');
    f.commit({ 'content/proposals/restore-offer.md': proposalText({ author: 'chloe', extra: 'appeals: 2026/0001-hide-offer\n' }), 'content/posts/2026/offer.md': altered }, { branch: 'moderation/restore-offer', signer: 'chloe' });
    const j = await review(f, 'moderation/restore-offer', days(4));
    expect(j.decision).toBe('invalid');
    expect(j.problems).toContainEqual(expect.objectContaining({ path: 'content/posts/2026/offer.md', rule: 'moderation/appeal-altered', message: expect.stringContaining('exactly the text') }));

    // The same text as hidden is a valid appeal.
    f.commit({ 'content/posts/2026/offer.md': offer }, { branch: 'moderation/restore-offer', signer: 'chloe' });
    expect(await review(f, 'moderation/restore-offer', days(4.1))).toMatchObject({ decision: 'pending', problems: [] });
  });
});

describe('malformed ballots', () => {
  it('a malformed ballot is not counted and not shown as an abstention; its reason says where, what was received and what is expected', async () => {
    const f = commons();
    f.commit({ 'content/proposals/tidy.md': proposalText({ author: 'amina' }), 'governance/rules/tidy.md': '---\ntitle: "Tidy"\n---\n\nTidy up.\n' }, { branch: 'proposal/tidy', signer: 'amina' });
    await review(f, 'proposal/tidy', T0);
    ballot(f, 'proposal/tidy', 'tidy', 'amina', 'vote: yes\n');
    ballot(f, 'proposal/tidy', 'tidy', 'bruno', 'vote: maybe\n');
    ballot(f, 'proposal/tidy', 'tidy', 'chloe', 'vote: yes\nweight: 3\n');
    ballot(f, 'proposal/tidy', 'tidy', 'dmitri', 'vote: no\nvote: abstain\n');
    const j = await review(f, 'proposal/tidy', hours(1));
    expect(counted(j)).toEqual(['amina:yes']);
    expect(j.tally).toMatchObject({ yes: 1, no: 0, abstain: 0 });
    const byVoter = Object.fromEntries(j.ballots.map((b: any) => [b.voter, b]));
    for (const voter of ['bruno', 'chloe', 'dmitri']) {
      expect(byVoter[voter]).toMatchObject({ counted: false, vote: 'malformed' });
      expect(byVoter[voter].reason).toContain(`malformed ballot: governance/ballots/tidy/${voter}.yml:`);
    }
    expect(byVoter.bruno.reason).toContain('tidy/bruno.yml:1:1: vote: expected one of "yes", "no", "abstain" (received "maybe")');
    expect(byVoter.chloe.reason).toContain('tidy/chloe.yml:2:1: unknown key "weight" (allowed keys: vote, reason, rule)');
    expect(byVoter.dmitri.reason).toContain('tidy/dmitri.yml:2:1: duplicate key "vote": each key may appear once');
    // Three more voters of five would meet any quorum: decided at the close, they did not count.
    const closed = (await run(f, ['merge', '--at', days(7)])).json.results[0];
    expect(closed).toMatchObject({ decision: 'reject', tally: { yes: 1, abstain: 0, quorumMet: false } });
    expect(noclout(['audit', '--repo', f.dir]).code).toBe(0);
  });
});

describe('names of changes', () => {
  async function publishFika(f: Fixture) {
    f.commit({ 'content/posts/2025/fika.md': postText({ author: 'amina', title: 'Fika' }) }, { branch: 'post/fika', signer: 'amina' });
    await review(f, 'post/fika', T0);
    expect((await run(f, ['merge', 'post/fika', '--at', hours(25)])).json.results[0]).toMatchObject({ decision: 'accept', merged: true });
  }

  it('a new post reusing a published post\'s slug, in another year, is change/name-taken, not "already decided"', async () => {
    const f = commons();
    await publishFika(f);
    f.commit({ 'content/posts/2026/fika.md': postText({ author: 'bruno', title: 'Fika again' }) }, { branch: 'post/fika-again', signer: 'bruno' });
    const out = await run(f, ['merge', 'post/fika-again', '--at', hours(26)]);
    expect(out.code).toBe(1);
    const j = out.json.results[0];
    expect(j).toMatchObject({ decision: 'invalid', merged: false });
    expect(j.problems).toContainEqual(expect.objectContaining({ path: 'content/posts/2026/fika.md', rule: 'change/name-taken', message: expect.stringContaining('"fika"') }));
    expect(j.reasons.join(' ')).not.toContain('already decided');
  });

  it('a new post on the published post\'s own branch name, with the same path, is change/name-taken too', async () => {
    const f = commons();
    await publishFika(f);
    const old = f.rev('main~2');
    f.git(['branch', '-f', 'post/fika', old]);
    f.commit({ 'content/posts/2025/fika.md': postText({ author: 'bruno', title: 'Another fika' }) }, { branch: 'post/fika', signer: 'bruno' });
    const j = await review(f, 'post/fika', hours(26));
    expect(j.decision).toBe('invalid');
    expect(rules(j)).toContain('change/name-taken');
  });
});
