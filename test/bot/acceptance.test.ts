/**
 * Acceptance review of the bot on cases its first tests did not cover, each a
 * regression test for a fault found by running the real CLI on real git
 * repositories with real ed25519 signatures.
 */
import { describe, expect, it } from 'vitest';
import { keyFor, proposalText, trackedCommons, type Fixture, type FileSpec } from '../repo/fixture.ts';
import { days, hours, T0 } from './clock.ts';
import { nocloutInProcess } from './cli.ts';

const commons = trackedCommons();

async function run(f: Fixture, args: string[]) {
  const out = await nocloutInProcess([...args, '--repo', f.dir, '--format', 'json']);
  expect(out.json, out.stderr).toBeDefined();
  return out;
}

function ballot(f: Fixture, branch: string, change: string, voter: string, yaml: string): string {
  return f.commit({ [`governance/ballots/${change}/${voter}.yml`]: yaml }, { branch, signer: voter, message: `ballot: ${voter} on ${change}` });
}

function proposal(f: Fixture, branch: string, slug: string, author: string, files: Record<string, FileSpec>): string {
  return f.commit({ [`content/proposals/${slug}.md`]: proposalText({ author }), ...files }, { branch, signer: author });
}

describe('kinds of change', () => {
  it('a membership change with its proposal is judged under voting.membership, not voting.rules', async () => {
    // Rules need 3/5 of members over 14 days; membership 1/4 over 7: two yes decide a membership vote on day 7.
    const f = commons({ policy: { rules: '{ quorum: "3/5", threshold: { moreThan: "1/2" }, days: 14, closeEarly: false }' } });
    const members = f.git(['show', 'main:governance/members.yml']);
    const joining = `- handle: farid\n  name: Farid\n  joined: 2026-11-02\n  keys:\n    - ${keyFor('farid').publicLine}\n`;
    proposal(f, 'join/farid', 'welcome-farid', 'amina', { 'governance/members.yml': `${members}\n${joining}` });
    const opened = (await run(f, ['review', 'join/farid', '--at', T0])).json;
    expect(opened).toMatchObject({ kind: 'membership', decision: 'pending', closes: days(7) });
    expect(opened.reasons[0]).toContain('voting.membership');
    ballot(f, 'join/farid', 'welcome-farid', 'amina', 'vote: yes\n');
    ballot(f, 'join/farid', 'welcome-farid', 'bruno', 'vote: yes\n');
    await run(f, ['review', 'join/farid', '--at', hours(1)]);
    const merged = await run(f, ['merge', 'join/farid', '--at', days(7)]);
    expect(merged.json.results[0]).toMatchObject({ kind: 'membership', decision: 'accept', merged: true, tally: { yes: 2, eligible: 5, quorumMet: true } });
    const record = f.git(['show', 'main:governance/decisions/2026/0001-welcome-farid.md']);
    expect(record).toContain('kind: membership');
    expect(record).toContain('quorum: 1/4');
    expect(f.git(['show', 'main:governance/members.yml'])).toContain('handle: farid');
    expect((await nocloutInProcess(['audit', '--repo', f.dir])).code).toBe(0);
  });
});

describe('the clock', () => {
  it('--at earlier than the latest record on main never records an opening before it', async () => {
    const f = commons();
    f.commit({ 'content/posts/2026/first.md': '---\ntitle: "First"\nauthor: amina\ndate: 2026-11-01\nlang: en\n---\n\nHi.\n' }, { branch: 'post/first', signer: 'amina' });
    await run(f, ['review', 'post/first', '--at', T0]);
    expect((await run(f, ['merge', 'post/first', '--at', days(10)])).json.results[0]).toMatchObject({ decision: 'accept', merged: true });
    // A rule proposal first seen with the clock set back to day 1: its vote must not open, and so close, in the past.
    // The clock is refused, naming the record (issue #11 §6: refused or named, never silently moved), and nothing is recorded.
    proposal(f, 'proposal/late', 'late', 'bruno', { 'governance/rules/late.md': '---\ntitle: "Late"\n---\n\nText.\n' });
    const refused = await run(f, ['review', 'proposal/late', '--at', days(1)]);
    expect(refused.code).toBe(2);
    expect(refused.json.error.message).toContain(`governance/decisions/2026/0001-first.md, closed ${days(10)}`);
    expect(f.git(['show', 'refs/noclout/ledger:openings/late.yml'], {}, true)).toBe('');
  });
});

describe('merging in a clone', () => {
  it('merging into the checked-out branch updates the files on disk with it: git status stays clean (see test/repo/checkout.test.ts)', async () => {
    const f = commons();
    f.commit({ 'content/posts/2026/disk.md': '---\ntitle: "Disk"\nauthor: amina\ndate: 2026-11-01\nlang: en\n---\n\nHi.\n' }, { branch: 'post/disk', signer: 'amina' });
    await run(f, ['review', 'post/disk', '--at', T0]);
    const merged = await run(f, ['merge', '--at', days(2)]);
    expect(merged.json.results[0]).toMatchObject({ merged: true });
    // Before, `git status` showed the merge as staged deletions, which the next commit would undo.
    expect(f.git(['status', '--porcelain'])).toBe('');
    expect(merged.stderr).toBe('');
    expect((await run(f, ['merge', '--at', days(3)])).stderr).toBe('');
  });
});

describe('audit', () => {
  function postBranch(f: Fixture, slug: string): void {
    f.commit({ [`content/posts/2026/${slug}.md`]: `---\ntitle: "${slug}"\nauthor: amina\ndate: 2026-11-01\nlang: en\n---\n\nHi.\n` }, { branch: `post/${slug}`, signer: 'amina' });
  }

  it('audit catching a removed record: a record taken off main, last or in the middle, is reported', async () => {
    const f = commons();
    for (const slug of ['one', 'two', 'three']) postBranch(f, slug);
    await run(f, ['merge', '--at', T0]);
    expect((await run(f, ['merge', '--at', days(2)])).json.results.map((r: any) => r.record)).toEqual([
      'governance/decisions/2026/0001-one.md',
      'governance/decisions/2026/0002-three.md',
      'governance/decisions/2026/0003-two.md',
    ]);
    expect((await nocloutInProcess(['audit', '--repo', f.dir])).code).toBe(0);
    // The last record removed: the post stays on main with no decision.
    f.commit({ 'governance/decisions/2026/0003-two.md': null }, { message: 'tidy up' });
    const last = await nocloutInProcess(['audit', '--repo', f.dir, '--format', 'json']);
    expect(last.code).toBe(1);
    expect(last.json.findings).toEqual([expect.objectContaining({ rule: 'audit/missing-record', message: expect.stringContaining('change "two" is on main') })]);
    // A record in the middle removed as well: its number is missing.
    f.commit({ 'governance/decisions/2026/0002-three.md': null }, { message: 'tidy up more' });
    const middle = await nocloutInProcess(['audit', '--repo', f.dir]);
    expect(middle.code).toBe(1);
    expect(middle.stdout).toContain('change "three" is on main');
    expect(middle.stdout).toContain('audit: 2 findings in 1 record on');
  });

  it('a record number skipped in a year is reported even when its change left no trace on main', async () => {
    const f = commons();
    postBranch(f, 'one');
    await run(f, ['review', 'post/one', '--at', T0]);
    for (const voter of ['bruno', 'chloe']) ballot(f, 'post/one', 'one', voter, 'vote: no\nrule: be-kind\n');
    postBranch(f, 'two');
    await run(f, ['review', 'post/one', '--at', hours(1)]);
    await run(f, ['review', 'post/two', '--at', hours(1)]);
    expect((await run(f, ['merge', '--at', days(4)])).json.results.map((r: any) => [r.decision, r.record])).toEqual([
      ['reject', 'governance/decisions/2026/0001-one.md'],
      ['accept', 'governance/decisions/2026/0002-two.md'],
    ]);
    // The rejection's record was alone on main: removing it leaves only the gap in the numbering.
    f.commit({ 'governance/decisions/2026/0001-one.md': null }, { message: 'forget a rejection' });
    const audit = await nocloutInProcess(['audit', '--repo', f.dir, '--format', 'json']);
    expect(audit.code).toBe(1);
    expect(audit.json.findings).toEqual([expect.objectContaining({ rule: 'audit/missing-record', message: expect.stringContaining('skip number 0001') })]);
  });

  it('a change stacked on another change is not taken for merged when the one below it is', async () => {
    const f = commons();
    postBranch(f, 'below');
    f.commit({ 'content/posts/2026/above.md': '---\ntitle: "Above"\nauthor: amina\ndate: 2026-11-01\nlang: en\n---\n\nHi.\n' }, { branch: 'post/above', from: 'post/below', signer: 'amina' });
    await run(f, ['review', 'post/below', '--at', T0]);
    await run(f, ['review', 'post/above', '--at', T0]);
    expect((await run(f, ['merge', 'post/below', '--at', days(2)])).json.results[0]).toMatchObject({ merged: true });
    expect((await nocloutInProcess(['audit', '--repo', f.dir])).code).toBe(0);
  });
});

describe('human output', () => {
  it('a rejection seen by review says merge records it; once recorded, it says so', async () => {
    const f = commons();
    proposal(f, 'proposal/lonely', 'lonely', 'amina', { 'governance/rules/lonely.md': '---\ntitle: "Lonely"\n---\n\nx\n' });
    await run(f, ['review', 'proposal/lonely', '--at', T0]);
    const seen = await nocloutInProcess(['review', 'proposal/lonely', '--repo', f.dir, '--at', days(8)]);
    expect(seen.code).toBe(1);
    expect(seen.stdout).toContain('next: the decision is final: run `noclout merge` to record it on main');
    await run(f, ['merge', '--at', days(8)]);
    const recorded = await nocloutInProcess(['review', 'proposal/lonely', '--repo', f.dir, '--at', days(9)]);
    expect(recorded.stdout).toContain('next: the decision is final and recorded; a new change, with a new file name, may propose it again');
  });

  it('a counted ballot reads once as counted, with its reason, and the tally and deadline are stated', async () => {
    const f = commons();
    proposal(f, 'proposal/words', 'words', 'amina', { 'governance/rules/words.md': '---\ntitle: "Words"\n---\n\nx\n' });
    await run(f, ['review', 'proposal/words', '--at', T0]);
    ballot(f, 'proposal/words', 'words', 'bruno', 'vote: yes\n');
    const out = await nocloutInProcess(['review', 'proposal/words', '--repo', f.dir, '--at', hours(1)]);
    expect(out.stdout).toMatch(/counted {5}bruno yes \([0-9a-f]{10}\): latest valid ballot of a member/);
    expect(out.stdout).not.toContain('counted: counted');
    expect(out.stdout).toContain(`decides at ${days(7)}`);
    expect(out.stdout).toContain('tally: 1 yes, 0 no, 0 abstain of 5 eligible; quorum not met, threshold met');
  });

  it('the next step names the change\'s own ballot folder, in review and in merge', async () => {
    const f = commons();
    proposal(f, 'proposal/folder', 'folder', 'amina', { 'governance/rules/folder.md': '---\ntitle: "Folder"\n---\n\nx\n' });
    const review = await nocloutInProcess(['review', 'proposal/folder', '--repo', f.dir, '--at', T0]);
    expect(review.stdout).toContain('next: members vote with noclout vote folder yes|no|abstain');
    const merge = await nocloutInProcess(['merge', '--repo', f.dir, '--at', hours(1)]);
    expect(merge.stdout).toContain('next: members vote with noclout vote folder yes|no|abstain');
  });
});

describe('a broken policy on main', () => {
  it('a change seen while main\'s policy cannot be read is told where it is broken, and opens only once it is fixed', async () => {
    const f = commons({ policy: { objectionHours: 'soon' as unknown as number } });
    f.commit({ 'content/posts/2026/early.md': '---\ntitle: "Early"\nauthor: amina\ndate: 2026-11-01\nlang: en\n---\n\nHi.\n' }, { branch: 'post/early', signer: 'amina' });
    const first = (await run(f, ['review', 'post/early', '--at', T0])).json;
    expect(first.decision).toBe('invalid');
    expect(first.problems).toContainEqual(expect.objectContaining({ path: 'governance/policy.md', line: 8, rule: 'policy/schema', message: expect.stringContaining('objectionHours') }));
    expect(f.git(['show', 'refs/noclout/ledger:openings/early.yml'], {}, true)).toBe('');
    // Main's policy is fixed: the change opens now, frozen on the fixed policy, and is judged.
    f.commit({ 'governance/policy.md': f.git(['show', 'main:governance/policy.md']).replace('objectionHours: soon', 'objectionHours: 24') + '\n' }, { message: 'fix the policy' });
    const fixed = f.rev('main');
    const second = (await run(f, ['review', 'post/early', '--at', hours(1)])).json;
    expect(second).toMatchObject({ decision: 'pending', opened: hours(1), closes: hours(25) });
    expect(f.git(['show', 'refs/noclout/ledger:openings/early.yml'])).toContain(`policyCommit: ${fixed}`);
  });
});

describe('names of changes', () => {
  const hello = (who: string, body = 'Hi.\n') => `---\ntitle: "Hello from ${who}"\nauthor: ${who}\ndate: 2026-11-01\nlang: en\n---\n\n${body}`;

  it('two changes with the same slug: the second is told the name is taken, never reported as decided by the first one\'s record', async () => {
    const f = commons();
    f.commit({ 'content/posts/2026/hello.md': hello('amina') }, { branch: 'post/hello-amina', signer: 'amina' });
    f.commit({ 'content/posts/2025/hello.md': hello('bruno') }, { branch: 'post/hello-bruno', signer: 'bruno' });
    expect((await run(f, ['review', 'post/hello-amina', '--at', T0])).json).toMatchObject({ decision: 'pending' });
    const second = await run(f, ['review', 'post/hello-bruno', '--at', T0]);
    expect(second.code).toBe(1);
    expect(second.json).toMatchObject({ decision: 'invalid', problems: [expect.objectContaining({ path: 'content/posts/2025/hello.md', rule: 'change/name-taken', message: expect.stringContaining('post/hello-amina') })] });
    const merged = await run(f, ['merge', '--at', days(2)]);
    expect(merged.json.results.map((r: any) => [r.head, r.decision, r.merged])).toEqual([
      ['post/hello-amina', 'accept', true],
      ['post/hello-bruno', 'invalid', false],
    ]);
    // Named again after the first one's record exists: still its own change, not "already decided: accepted".
    const again = (await run(f, ['merge', 'post/hello-bruno', '--at', days(3)])).json.results[0];
    expect(again).toMatchObject({ decision: 'invalid', merged: false });
    expect(again.problems[0].rule).toBe('change/name-taken');
    expect(f.git(['ls-tree', '-r', '--name-only', 'main', 'content/posts'])).not.toContain('2025/hello.md');
    expect((await nocloutInProcess(['audit', '--repo', f.dir])).code).toBe(0);
  });

  it('the same change rebased, or first named by its commit id, keeps its name', async () => {
    const f = commons();
    const first = f.commit({ 'content/posts/2026/byid.md': hello('bruno') }, { branch: 'post/byid', signer: 'bruno' });
    expect((await run(f, ['review', first, '--at', T0])).json).toMatchObject({ decision: 'pending', opened: new Date(T0).toISOString() });
    f.commit({ 'content/posts/2026/byid.md': hello('bruno', 'More.\n') }, { branch: 'post/byid', signer: 'bruno' });
    expect((await run(f, ['review', 'post/byid', '--at', hours(1)])).json).toMatchObject({ decision: 'pending', opened: new Date(T0).toISOString() });
    f.commit({ 'content/posts/2026/mine.md': hello('amina') }, { branch: 'post/mine', signer: 'amina' });
    expect((await run(f, ['review', 'post/mine', '--at', T0])).json).toMatchObject({ decision: 'pending', opened: new Date(T0).toISOString() });
    // Rebased on a newer main: new commits, same branch name.
    f.commit({ 'governance/rules/new-rule.md': '---\ntitle: "New"\n---\n\nx\n' }, { message: 'main moves' });
    f.git(['branch', '-D', 'post/mine']);
    f.commit({ 'content/posts/2026/mine.md': hello('amina', 'Rebased.\n') }, { branch: 'post/mine', signer: 'amina' });
    expect((await run(f, ['review', 'post/mine', '--at', hours(2)])).json).toMatchObject({ decision: 'pending', opened: new Date(T0).toISOString() });
  });
});

describe('objections under closeEarly', () => {
  it('a post whose moderation vote settles early closes then: its judgement says so and gives that time, not the deadline', async () => {
    const f = commons({ members: ['amina', 'bruno', 'chloe'], policy: { moderation: '{ quorum: "1/4", threshold: { moreThan: "1/2" }, days: 3, closeEarly: true }' } });
    f.commit({ 'content/posts/2026/loud.md': '---\ntitle: "Loud"\nauthor: amina\ndate: 2026-11-01\nlang: en\n---\n\nGrr.\n' }, { branch: 'post/loud', signer: 'amina' });
    await run(f, ['review', 'post/loud', '--at', T0]);
    ballot(f, 'post/loud', 'loud', 'bruno', 'vote: no\nrule: be-kind\n');
    ballot(f, 'post/loud', 'loud', 'chloe', 'vote: no\n');
    // Two no of three members: the last ballot cannot make yes a majority, so the vote is settled now.
    const j = (await run(f, ['review', 'post/loud', '--at', hours(2)])).json;
    expect(j).toMatchObject({ decision: 'reject', closes: hours(2) });
    expect(j.reasons[0]).toContain(`closed early at ${hours(2)}`);
  });

  it('human output shows the rule an objection cites and the voter\'s own words', async () => {
    const f = commons();
    f.commit({ 'content/posts/2026/words.md': '---\ntitle: "Words"\nauthor: amina\ndate: 2026-11-01\nlang: en\n---\n\nGrr.\n' }, { branch: 'post/words', signer: 'amina' });
    await run(f, ['review', 'post/words', '--at', T0]);
    ballot(f, 'post/words', 'words', 'bruno', 'vote: no\nrule: be-kind\nreason: "It insults a member."\n');
    const out = await nocloutInProcess(['review', 'post/words', '--repo', f.dir, '--at', hours(1)]);
    expect(out.stdout).toMatch(/counted {5}bruno no \([0-9a-f]{10}\): latest valid ballot of a member\n {16}cites rule "be-kind": "It insults a member."/);
  });
});

describe('decision records in a change', () => {
  it('a change that removes a decision record is told records are never removed, and how to restore it', async () => {
    const f = commons();
    f.commit({ 'content/posts/2026/first.md': '---\ntitle: "First"\nauthor: amina\ndate: 2026-11-01\nlang: en\n---\n\nHi.\n' }, { branch: 'post/first', signer: 'amina' });
    await run(f, ['review', 'post/first', '--at', T0]);
    await run(f, ['merge', '--at', days(2)]);
    // Made from a stale copy of main, the next post's commit also deletes the record the bot wrote.
    f.commit({ 'content/posts/2026/second.md': '---\ntitle: "Second"\nauthor: amina\ndate: 2026-11-01\nlang: en\n---\n\nHi.\n', 'governance/decisions/2026/0001-first.md': null }, { branch: 'post/second', signer: 'amina' });
    const j = (await run(f, ['review', 'post/second', '--at', days(3)])).json;
    expect(j.decision).toBe('invalid');
    expect(j.problems).toContainEqual(expect.objectContaining({ path: 'governance/decisions/2026/0001-first.md', rule: 'change/decision-record', message: expect.stringContaining('never removed'), hint: expect.stringContaining('git checkout main -- governance/decisions/2026/0001-first.md') }));
  });
});
