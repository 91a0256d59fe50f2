/**
 * A ledger the bot did not write (issue 10, "Identity" and "Sabotage by squatting"; wave 3's
 * hostile review). review, merge and audit fetch refs/noclout/ledger from a remote when a fresh
 * clone lacks it (src/bot/ledger-sync.ts), fast-forward only; but fast-forward only stops a rewind,
 * not an entry added on top by whoever can write that ref. An entry can only stand for what the
 * bot itself would have written: the bot freezes main as judged, so an entry whose frozen policy
 * or roster commit is not on the base's history (an outsider's own commit, with a roster of one
 * and a policy of their choice) is set aside, and the change opens afresh when first seen valid.
 * Real repositories, real ed25519-signed commits; each attack beside its valid control.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { membersText, proposalText, ruleText, trackedCommons, type Fixture } from '../repo/fixture.ts';
import { days, T0 } from './clock.ts';
import { nocloutJson, reviewJson, ruleCodes } from './cli.ts';

const commons = trackedCommons();
const MEMBERS = ['amina', 'bruno', 'chloe', 'dmitri', 'elena'];

const run = (f: Fixture, args: string[]) => nocloutJson(f.dir, args);
const review = (f: Fixture, head: string, at: string) => reviewJson(f.dir, head, at);
const rules = ruleCodes;

/** A `valid: true` entry as the bot writes them, committed on the ledger by hand (what a hostile remote's ledger can hold). */
function writeEntry(f: Fixture, change: string, fields: { head: string; opened: string; firstHead: string; policyCommit: string; rosterCommit?: string; also?: string[] }): void {
  const seen = [fields.firstHead, ...(fields.also ?? [])].map((c) => `  ${c}: ${fields.opened}\n`).join('');
  const text = `change: ${change}\nhead: ${fields.head}\nopened: ${fields.opened}\nfirstHead: ${fields.firstHead}\npolicyCommit: ${fields.policyCommit}\nrosterCommit: ${fields.rosterCommit ?? fields.policyCommit}\nvalid: true\nseen:\n${seen}`;
  const file = join(f.dir, '.git', `hostile-${change}.yml`);
  writeFileSync(file, text);
  const index = { GIT_INDEX_FILE: join(f.dir, '.git', 'hostile-ledger-index') };
  const tip = f.git(['rev-parse', '--verify', '-q', 'refs/noclout/ledger'], {}, true);
  if (tip) f.git(['read-tree', tip], index);
  else f.git(['read-tree', '--empty'], index);
  f.git(['update-index', '--add', '--cacheinfo', `100644,${f.git(['hash-object', '-w', file])},openings/${change}.yml`], index);
  const tree = f.git(['write-tree'], index);
  f.git(['update-ref', 'refs/noclout/ledger', f.git(['commit-tree', tree, ...(tip ? ['-p', tip] : []), '-m', `ledger: ${change} opened at ${fields.opened}`])]);
}

/** Mallory's take-over: a rule proposal signed by mallory, who is no member, and her own signed yes. */
function takeOver(f: Fixture): { head: string; ballot: string; removed: string } {
  const head = f.commit({ 'content/proposals/take-over.md': proposalText({ author: 'mallory', title: 'Take over' }), 'governance/rules/be-kind.md': ruleText('Be quiet') }, { branch: 'prop/take-over', signer: 'mallory' });
  const ballot = f.commit({ 'governance/ballots/take-over/mallory.yml': 'vote: yes\n' }, { branch: 'prop/take-over', signer: 'mallory', message: 'ballot: mallory' });
  // The file goes again (a ballot-only commit): main's check never sees a ballot in the name of someone off its roster.
  const removed = f.commit({ 'governance/ballots/take-over/mallory.yml': null }, { branch: 'prop/take-over', signer: 'mallory', message: 'ballot: tidy' });
  return { head, ballot, removed };
}

describe('a ledger entry stands only for what the bot would have frozen: a commit of the base', () => {
  it('an entry freezing an outsider\'s own commit (a roster of one: herself) is set aside; her proposal is not accepted, nothing merges', async () => {
    const f = commons();
    const main = f.rev('main');
    // Off main, never merged: a roster that lists mallory alone.
    const foreign = f.commit({ 'governance/members.yml': membersText(['mallory']) }, { branch: 'mallory/roster' });
    const { head, ballot, removed } = takeOver(f);
    // Her ledger commit says the bot saw both commits at T0, a week before this run.
    writeEntry(f, 'take-over', { head: 'prop/take-over', opened: T0, firstHead: head, policyCommit: foreign, also: [ballot, removed] });

    const judged = await review(f, 'prop/take-over', days(8));
    expect(judged.decision).toBe('invalid');
    expect(rules(judged)).toContain('change/author-not-member');
    // Judged by main's roster, as a change not opened yet: the entry froze nothing that counts.
    expect(judged.problems.find((p: any) => p.rule === 'change/author-not-member').message).toContain(`checked against main's roster and policy at ${main.slice(0, 10)}`);

    const merged = await run(f, ['merge', 'prop/take-over', '--at', days(8)]);
    expect(merged.json.results[0].merged).toBe(false);
    expect(f.rev('main')).toBe(main);
    expect(f.git(['show', 'main:governance/rules/be-kind.md'])).toContain('Be kind');
  });

  it('an entry whose roster commit alone is foreign is set aside too (the record would name it as the roster)', async () => {
    const f = commons();
    const foreign = f.commit({ 'governance/members.yml': membersText(['mallory']) }, { branch: 'mallory/roster' });
    const head = f.commit({ 'content/proposals/quiet.md': proposalText({ author: 'amina', title: 'Quiet' }), 'governance/rules/be-kind.md': ruleText('Be quiet') }, { branch: 'prop/quiet', signer: 'amina' });
    writeEntry(f, 'quiet', { head: 'prop/quiet', opened: T0, firstHead: head, policyCommit: f.rev('main'), rosterCommit: foreign });
    const judged = await review(f, 'prop/quiet', days(1));
    expect(judged.reasons.join('\n')).toMatch(/set aside: it freezes commit [0-9a-f]{10}, which is not on the history of the base judged/);
    expect(judged).toMatchObject({ decision: 'pending', opened: days(1) });
  });

  it('control: an entry the bot wrote, freezing an older commit of main, stands after main moves on, and its vote keeps its clock', async () => {
    const f = commons();
    const head = f.commit({ 'content/proposals/kinder.md': proposalText({ author: 'amina', title: 'Kinder' }), 'governance/rules/be-kind.md': ruleText('Be kinder') }, { branch: 'prop/kinder', signer: 'amina' });
    expect(await review(f, 'prop/kinder', T0)).toMatchObject({ decision: 'pending', opened: new Date(T0).toISOString() });
    f.commit({ 'governance/rules/new-rule.md': ruleText('A new rule') }, { message: 'main moves on' });
    for (const member of MEMBERS) f.commit({ [`governance/ballots/kinder/${member}.yml`]: 'vote: yes\n' }, { branch: 'prop/kinder', signer: member, message: `ballot: ${member}` });
    expect((await review(f, 'prop/kinder', days(6))).decision).toBe('pending');
    const judged = await review(f, 'prop/kinder', days(8));
    expect(judged).toMatchObject({ decision: 'accept', opened: new Date(T0).toISOString() });
    expect(judged.reasons.join('\n')).not.toMatch(/set aside/);
    // And the same hand-written shape of entry, freezing main, stands as well: the refusal above is about the commit, not the writer.
    const g = commons();
    const taken = takeOver(g);
    writeEntry(g, 'take-over', { head: 'prop/take-over', opened: T0, firstHead: taken.head, policyCommit: g.rev('main'), also: [taken.ballot, taken.removed] });
    const control = await review(g, 'prop/take-over', days(8));
    expect(control.reasons.join('\n')).not.toMatch(/set aside/);
    expect(control.opened).toBe(T0);
    expect(head).toBeTruthy();
  });
});
