/**
 * Trust holes in the openings ledger (issue 10, "Sabotage by squatting" and
 * "Nothing lost, nothing corrupt"; issue 11 §4, "invalid records nothing"):
 * an invalid change records nothing, so nothing an outsider does can open,
 * close, shorten or use up a member's vote, fixing a change never needs a
 * rename, entries older bots wrote for invalid changes do not keep squatting,
 * and the bot never merges a change that leaves main failing `noclout check`.
 * Real repositories, real ed25519-signed commits; each attack beside its
 * valid control.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keyFor, postText, proposalText, trackedCommons, type Fixture, type FileSpec } from '../repo/fixture.ts';
import { days, hours, T0 } from './clock.ts';
import { nocloutInProcess, nocloutJson, reviewJson, ruleCodes } from './cli.ts';

const commons = trackedCommons();
const MEMBERS = ['amina', 'bruno', 'chloe', 'dmitri', 'elena'];

const run = (f: Fixture, args: string[]) => nocloutJson(f.dir, args);
const review = (f: Fixture, head: string, at: string) => reviewJson(f.dir, head, at);
const rules = ruleCodes;
const entry = (f: Fixture, change: string) => f.git(['show', `refs/noclout/ledger:openings/${change}.yml`], {}, true);

function ballot(f: Fixture, branch: string, change: string, voter: string, yaml = 'vote: yes\n'): string {
  return f.commit({ [`governance/ballots/${change}/${voter}.yml`]: yaml }, { branch, signer: voter, message: `ballot: ${voter} on ${change}` });
}

/** A rule proposal amending cite-sources, as a member (signed) or as an outsider would push it. */
function citeSources(f: Fixture, branch: string, options: { author: string; signer?: string; words: string }): string {
  const files: Record<string, FileSpec> = {
    'content/proposals/cite-sources.md': proposalText({ author: options.author, title: 'Cite your sources, with links' }),
    'governance/rules/cite-sources.md': `---\ntitle: "Cite your sources"\n---\n\n${options.words}\n`,
  };
  return f.commit(files, { branch, ...(options.signer ? { signer: options.signer } : {}) });
}

/** Write a ledger entry as an older bot did: no `valid` line (it opened invalid changes too). */
function olderBotEntry(f: Fixture, change: string, fields: { head: string; opened: string; firstHead: string; policyCommit: string }): void {
  const text = `change: ${change}\nhead: ${fields.head}\nopened: ${fields.opened}\nfirstHead: ${fields.firstHead}\npolicyCommit: ${fields.policyCommit}\nrosterCommit: ${fields.policyCommit}\nseen:\n  ${fields.firstHead}: ${fields.opened}\n`;
  const file = join(f.dir, '.git', `older-${change}.yml`);
  writeFileSync(file, text);
  const index = { GIT_INDEX_FILE: join(f.dir, '.git', 'older-ledger-index') };
  const tip = f.git(['rev-parse', '--verify', '-q', 'refs/noclout/ledger'], {}, true);
  if (tip) f.git(['read-tree', tip], index);
  else f.git(['read-tree', '--empty'], index);
  f.git(['update-index', '--add', '--cacheinfo', `100644,${f.git(['hash-object', '-w', file])},openings/${change}.yml`], index);
  const tree = f.git(['write-tree'], index);
  f.git(['update-ref', 'refs/noclout/ledger', f.git(['commit-tree', tree, ...(tip ? ['-p', tip] : []), '-m', 'an older bot'])]);
}

/** Every member votes yes on the branch, then the bot sees the ballots. */
async function everyoneVotesYes(f: Fixture, branch: string, change: string, at: string): Promise<void> {
  for (const member of MEMBERS) ballot(f, branch, change, member);
  await review(f, branch, at);
}

describe('sabotage by squatting: an outsider\'s invalid change leaves nothing', () => {
  it('an outsider\'s unsigned prop/cite-sources records no opening; a member reusing the branch ten days later gets a full vote', async () => {
    const f = commons();
    citeSources(f, 'prop/cite-sources', { author: 'amina', words: 'Sources are optional.' });
    const squat = await review(f, 'prop/cite-sources', T0);
    expect(squat.decision).toBe('invalid');
    expect(rules(squat)).toContain('change/unsigned');
    expect(squat.opened).toBeUndefined();
    expect(entry(f, 'cite-sources')).toBe('');
    f.git(['branch', '-D', 'prop/cite-sources']);

    // Ten days later, a member's real proposal under the same branch name: its vote opens now and runs its 7 days.
    citeSources(f, 'prop/cite-sources', { author: 'amina', signer: 'amina', words: 'Link every source you cite.' });
    expect(await review(f, 'prop/cite-sources', days(10))).toMatchObject({ decision: 'pending', opened: days(10), closes: days(17) });
    expect(entry(f, 'cite-sources')).toContain(`opened: ${days(10)}`);
    expect(entry(f, 'cite-sources')).toContain('valid: true');
    await everyoneVotesYes(f, 'prop/cite-sources', 'cite-sources', hours(241));
    expect((await run(f, ['merge', '--at', days(16)])).json.results[0]).toMatchObject({ decision: 'pending', merged: false });
    const merged = (await run(f, ['merge', '--at', days(17)])).json.results[0];
    expect(merged).toMatchObject({ decision: 'accept', merged: true, tally: { yes: 5, eligible: 5 } });
    expect((await nocloutInProcess(['audit', '--repo', f.dir])).code).toBe(0);
  });

  it('under another branch name, the outsider\'s invalid branch never takes the slug; a member\'s valid opening does', async () => {
    const f = commons();
    citeSources(f, 'squat/cite-sources', { author: 'amina', words: 'Sources are optional.' });
    expect((await review(f, 'squat/cite-sources', T0)).decision).toBe('invalid');
    citeSources(f, 'prop/cite-sources', { author: 'amina', signer: 'amina', words: 'Link every source you cite.' });
    const member = await review(f, 'prop/cite-sources', hours(1));
    expect(member).toMatchObject({ decision: 'pending', opened: hours(1), problems: [] });
    // Control: the member's valid change now holds the name; another branch adding the same slug is told so.
    citeSources(f, 'late/cite-sources', { author: 'bruno', signer: 'bruno', words: 'Another text.' });
    const late = await review(f, 'late/cite-sources', hours(2));
    expect(late.decision).toBe('invalid');
    expect(rules(late)).toEqual(['change/name-taken']);
    expect(late.problems[0].message).toContain('prop/cite-sources');
  });

  it('an older bot\'s entry for the outsider\'s invalid branch is set aside: the member\'s proposal opens afresh and gets a full vote', async () => {
    const f = commons();
    const main = f.rev('main');
    const squat = citeSources(f, 'prop/cite-sources', { author: 'amina', words: 'Sources are optional.' });
    olderBotEntry(f, 'cite-sources', { head: 'prop/cite-sources', opened: new Date(T0).toISOString(), firstHead: squat, policyCommit: main });
    f.git(['branch', '-D', 'prop/cite-sources']);
    citeSources(f, 'prop/cite-sources', { author: 'amina', signer: 'amina', words: 'Link every source you cite.' });
    const first = await review(f, 'prop/cite-sources', days(10));
    expect(first).toMatchObject({ decision: 'pending', opened: days(10), closes: days(17) });
    expect(first.reasons.at(-1)).toContain('set aside');
    expect(first.reasons.at(-1)).toContain('first seen with problems');
    expect(entry(f, 'cite-sources')).toContain(`opened: ${days(10)}`);
    // The ledger's history keeps the entry it replaced.
    expect(f.git(['log', '--format=%s', 'refs/noclout/ledger'])).toMatch(/opened again at .*replacing an entry that does not stand/);
    await everyoneVotesYes(f, 'prop/cite-sources', 'cite-sources', hours(241));
    expect((await run(f, ['merge', '--at', days(17)])).json.results[0]).toMatchObject({ decision: 'accept', merged: true, tally: { yes: 5 } });
  });

  it('an older bot\'s entry whose first head was pruned is set aside too: nothing shows it was ever valid', async () => {
    const f = commons();
    const main = f.rev('main');
    const squat = citeSources(f, 'prop/cite-sources', { author: 'amina', words: 'Sources are optional.' });
    olderBotEntry(f, 'cite-sources', { head: 'squat/cite-sources', opened: new Date(T0).toISOString(), firstHead: squat, policyCommit: main });
    f.git(['branch', '-D', 'prop/cite-sources']);
    f.git(['reflog', 'expire', '--expire=now', '--all']);
    f.git(['gc', '-q', '--prune=now']);
    citeSources(f, 'member/cite-sources', { author: 'amina', signer: 'amina', words: 'Link every source you cite.' });
    const first = await review(f, 'member/cite-sources', days(10));
    expect(first).toMatchObject({ decision: 'pending', opened: days(10), problems: [] });
    expect(first.reasons.at(-1)).toContain('is gone');
  });

  it('control: an older bot\'s entry for a change that was valid when first seen stands, and its vote keeps its clock', async () => {
    const f = commons();
    const main = f.rev('main');
    const head = citeSources(f, 'prop/cite-sources', { author: 'amina', signer: 'amina', words: 'Link every source you cite.' });
    olderBotEntry(f, 'cite-sources', { head: 'prop/cite-sources', opened: new Date(T0).toISOString(), firstHead: head, policyCommit: main });
    const j = await review(f, 'prop/cite-sources', days(3));
    expect(j).toMatchObject({ decision: 'pending', opened: new Date(T0).toISOString(), closes: days(7) });
    expect(j.reasons.join('\n')).not.toContain('set aside');
    // Proven valid, the entry is marked so, and is not judged again.
    expect(entry(f, 'cite-sources')).toContain('valid: true');
    expect(entry(f, 'cite-sources')).toContain(`opened: ${new Date(T0).toISOString()}`);
  });
});

describe('invalid, then fixed: no rename needed', () => {
  const fatimaPost = (f: Fixture, author = 'fatima') => f.commit({ 'content/posts/2026/first-words.md': postText({ author, title: 'First words' }) }, { branch: 'post/first-words', signer: 'fatima' });
  const join_ = (f: Fixture) => {
    const members = f.git(['show', 'main:governance/members.yml']);
    f.commit({ 'governance/members.yml': `${members}\n- handle: fatima\n  name: Fatima\n  joined: 2026-11-05\n  keys:\n    - ${keyFor('fatima').publicLine}\n` }, { message: 'fatima joins' });
  };

  it('a post whose author joins afterwards is judged under the same name, opened when first seen valid', async () => {
    const f = commons();
    fatimaPost(f);
    const main = f.rev('main');
    const before = await review(f, 'post/first-words', T0);
    expect(before.decision).toBe('invalid');
    expect(rules(before)).toEqual(['change/author-not-member']);
    // Not opened: the message names main's roster, and says that nothing is held against the change.
    expect(before.problems[0].message).toContain(`checked against main's roster and policy at ${main.slice(0, 10)}`);
    expect(before.problems[0].message).toContain('push again under the same name');
    expect(before.problems[0].message).not.toContain('frozen when the change was opened');
    expect(entry(f, 'first-words')).toBe('');

    join_(f);
    const after = await review(f, 'post/first-words', days(8));
    expect(after).toMatchObject({ decision: 'pending', opened: days(8), closes: hours(8 * 24 + 24), problems: [] });
    expect((await run(f, ['merge', '--at', days(9)])).json.results[0]).toMatchObject({ decision: 'accept', merged: true });
  });

  it('an older bot\'s entry that froze the roster before the author joined is set aside once the author has joined', async () => {
    const f = commons();
    const head = fatimaPost(f);
    olderBotEntry(f, 'first-words', { head: 'post/first-words', opened: new Date(T0).toISOString(), firstHead: head, policyCommit: f.rev('main') });
    // Its first head had a problem when first seen (fatima was no member): the entry does not stand.
    expect(rules(await review(f, 'post/first-words', hours(1)))).toEqual(['change/author-not-member']);
    join_(f);
    const after = await review(f, 'post/first-words', days(8));
    expect(after).toMatchObject({ decision: 'pending', opened: days(8), problems: [] });
    expect(after.reasons.at(-1)).toContain('set aside');
  });

  it('control: once opened, the roster is frozen, and a problem it decides says when and by which opening', async () => {
    const f = commons();
    f.commit({ 'content/posts/2026/frozen.md': postText({ author: 'amina', title: 'Frozen' }) }, { branch: 'post/frozen', signer: 'amina' });
    const main = f.rev('main');
    expect(await review(f, 'post/frozen', T0)).toMatchObject({ decision: 'pending', opened: new Date(T0).toISOString() });
    join_(f); // main's roster changes after the opening
    f.commit({ 'content/posts/2026/frozen.md': postText({ author: 'fatima', title: 'Frozen' }) }, { branch: 'post/frozen', signer: 'fatima' });
    const j = await review(f, 'post/frozen', hours(2));
    expect(rules(j)).toEqual(['change/author-not-member']);
    expect(j.problems[0].message).toContain(`frozen at ${main.slice(0, 10)} by the opening of post/frozen, ${new Date(T0).toISOString()}`);
  });
});

describe('main always passes noclout check: a merge that would break it is refused', () => {
  const cases: [string, string, string, number][] = [
    ['governance/members.yml', 'membership', 'no-roster', 7],
    ['governance/policy.md', 'policy', 'no-policy', 14],
    ['governance/commons.yml', 'policy', 'no-config', 14],
  ];

  it.each(cases)('a voted change deleting %s is invalid; main is unchanged and still passes check', async (path, kind, slug, days_) => {
    const f = commons();
    f.commit({ [`content/proposals/${slug}.md`]: proposalText({ author: 'amina', title: 'Start over' }), [path]: null }, { branch: `proposal/${slug}`, signer: 'amina' });
    expect(await review(f, `proposal/${slug}`, T0)).toMatchObject({ kind, decision: 'pending' });
    await everyoneVotesYes(f, `proposal/${slug}`, slug, hours(1));
    const main = f.rev('main');
    const out = await run(f, ['merge', '--at', days(days_)]);
    expect(out.code).toBe(1);
    const result = out.json.results[0];
    expect(result).toMatchObject({ decision: 'invalid', merged: false });
    expect(result.reasons[0]).toContain('would leave main failing noclout check');
    expect(result.problems).toContainEqual(expect.objectContaining({ path, rule: 'commons/missing-file' }));
    expect(f.rev('main')).toBe(main);
    expect(f.git(['ls-tree', '--name-only', '-r', 'main', 'governance/decisions'])).toBe('');
    const check = await nocloutInProcess(['check', '--repo', f.dir, '--format', 'json']);
    expect(check.json).toMatchObject({ ok: true });
  });

  it('control: the same vote on a membership change that keeps members.yml valid is merged, and check passes', async () => {
    const f = commons();
    const members = f.git(['show', 'main:governance/members.yml']);
    f.commit({ 'content/proposals/welcome-farid.md': proposalText({ author: 'amina', title: 'Welcome Farid' }), 'governance/members.yml': `${members}\n- handle: farid\n  name: Farid\n  joined: 2026-11-02\n  keys:\n    - ${keyFor('farid').publicLine}\n` }, { branch: 'proposal/welcome-farid', signer: 'amina' });
    await review(f, 'proposal/welcome-farid', T0);
    await everyoneVotesYes(f, 'proposal/welcome-farid', 'welcome-farid', hours(1));
    expect((await run(f, ['merge', '--at', days(7)])).json.results[0]).toMatchObject({ kind: 'membership', decision: 'accept', merged: true });
    f.git(['reset', '-q', '--hard', 'main']);
    expect((await nocloutInProcess(['check', '--repo', f.dir, '--format', 'json'])).json).toMatchObject({ ok: true });
  });
});
