/**
 * Issue 12, "A reader of the French site should never meet an English sentence that NoClout
 * wrote": every reason a judgement gives has a code (texts/codes.ts) beside its English, so
 * `noclout review` under a French locale says each one in French. One judgement per situation the
 * bot explains in words of its own (src/bot/judge.ts), each checked in JSON (one code per reason,
 * the English being the code's text) and in French (none of the English reasons printed).
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { displayText, recordText, type BotText } from '../../src/commons/texts/index.ts';
import { membersText, postText, proposalText, ruleText, trackedCommons, type Fixture } from '../repo/fixture.ts';
import { runBin } from '../fixtures/run-cli.ts';
import { days, hours, T0 } from './clock.ts';
import { nocloutJson, reviewJson } from './cli.ts';

const commons = trackedCommons();
const HELLO = 'content/posts/2026/hello.md';
const FRENCH = { LC_ALL: '', LC_MESSAGES: '', LANG: 'fr_FR.UTF-8' };

/** `noclout review <head> --at <at>` in-process, under a French locale. */
async function reviewInFrench(f: Fixture, head: string, at: string): Promise<string> {
  let stdout = '';
  await main(['review', head, '--repo', f.dir, '--at', at], { cwd: f.dir, env: FRENCH, stdout: (t) => void (stdout += `${t}\n`), stderr: () => undefined });
  return stdout;
}

/**
 * The judgement has one code per reason, whose English is the reason; the French review prints
 * each reason from its code and none of the English. Returns the judgement's codes;
 * `again` restores what the first review changed (a ledger entry it replaced).
 */
async function saysEveryReasonInFrench(f: Fixture, head: string, at: string, again = () => {}): Promise<string[]> {
  const judged = await reviewJson(f.dir, head, at);
  const codes = (judged.reasonCodes ?? []) as BotText[];
  expect(judged.reasons.length, JSON.stringify(judged.reasons)).toBeGreaterThan(0);
  expect(codes.map(recordText), 'one code per reason, in order').toEqual(judged.reasons);
  again();
  const fr = await reviewInFrench(f, head, at);
  for (const reason of judged.reasons as string[]) expect(fr, 'an English reason in the French review').not.toContain(reason);
  for (const code of codes) expect(fr).toContain(`  - ${displayText(code, 'fr')}`);
  return codes.map((c) => c.code);
}

/** A `valid: true` entry on the ledger, written by hand as a hostile remote's ledger can hold it (as in hostile-ledger.test.ts). */
function writeEntry(f: Fixture, change: string, fields: { head: string; opened: string; firstHead: string; policyCommit: string; rosterCommit: string }): void {
  const text = `change: ${change}\nhead: ${fields.head}\nopened: ${fields.opened}\nfirstHead: ${fields.firstHead}\npolicyCommit: ${fields.policyCommit}\nrosterCommit: ${fields.rosterCommit}\nvalid: true\nseen:\n  ${fields.firstHead}: ${fields.opened}\n`;
  const file = join(f.dir, '.git', `entry-${change}.yml`);
  writeFileSync(file, text);
  const index = { GIT_INDEX_FILE: join(f.dir, '.git', 'entry-index') };
  f.git(['read-tree', '--empty'], index);
  f.git(['update-index', '--add', '--cacheinfo', `100644,${f.git(['hash-object', '-w', file])},openings/${change}.yml`], index);
  f.git(['update-ref', 'refs/noclout/ledger', f.git(['commit-tree', f.git(['write-tree'], index), '-m', `ledger: ${change}`])]);
}

describe('every reason of a judgement has a code, and review says it in French', () => {
  it('problems to fix: "N problems to fix before this change can be judged"', async () => {
    const f = commons({ members: ['amina', 'bruno'] });
    f.commit({ [HELLO]: postText({ author: 'amina' }) }, { branch: 'post/hello', signer: 'bruno' });
    expect(await saysEveryReasonInFrench(f, 'post/hello', T0)).toEqual(['problems-to-fix']);
    expect(await reviewInFrench(f, 'post/hello', T0)).toContain('1 problème à corriger avant que ce changement puisse être jugé\u202f; rien n’est consigné d’ici là');
  });

  it('a clock asked before the opening: "judged at …, not at … as asked", its instants in French', async () => {
    const f = commons({ members: ['amina'] });
    f.commit({ [HELLO]: postText({ author: 'amina' }) }, { branch: 'post/hello', signer: 'amina' });
    await reviewJson(f.dir, 'post/hello', hours(2));
    expect(await saysEveryReasonInFrench(f, 'post/hello', T0)).toEqual(['judged-later', 'post-waiting']);
    expect(await reviewInFrench(f, 'post/hello', T0)).toContain('jugé le 2 novembre 2026 à 12:00\u202fUTC, et non le 2 novembre 2026 à 10:00\u202fUTC comme demandé');
  });

  it('a ledger entry set aside (it freezes a commit off main): the set-aside `why`', async () => {
    const f = commons();
    const foreign = f.commit({ 'governance/members.yml': membersText(['mallory']) }, { branch: 'mallory/roster' });
    const head = f.commit({ 'content/proposals/quiet.md': proposalText({ author: 'amina', title: 'Quiet' }), 'governance/rules/be-kind.md': ruleText('Be quiet') }, { branch: 'prop/quiet', signer: 'amina' });
    const hostile = () => writeEntry(f, 'quiet', { head: 'prop/quiet', opened: T0, firstHead: head, policyCommit: f.rev('main'), rosterCommit: foreign });
    hostile();
    expect(await saysEveryReasonInFrench(f, 'prop/quiet', days(1), hostile)).toEqual(['vote-open', 'vote-so-far', 'opening-foreign']);
    hostile();
    expect(await reviewInFrench(f, 'prop/quiet', days(1))).toContain(`l’entrée du registre des ouvertures pour «\u202fquiet\u202f» (ouverte le 2 novembre 2026 à 10:00\u202fUTC par prop/quiet) a été écartée\u202f: elle fige le commit ${foreign.slice(0, 10)}`);
  });

  it('a head already on main: "adds nothing to"', async () => {
    const f = commons();
    expect(await saysEveryReasonInFrench(f, 'main', T0)).toEqual(['adds-nothing']);
  });

  it('code: "touches platform files", seven of them shown as five and "…"', async () => {
    const f = commons();
    const files = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`src/file-${i}.ts`, 'export {};\n']));
    f.commit(files, { branch: 'code/seven', signer: 'amina' });
    expect(await saysEveryReasonInFrench(f, 'code/seven', T0)).toEqual(['platform-files']);
    expect(await reviewInFrench(f, 'code/seven', T0)).toContain('touche des fichiers de la plateforme (src/file-0.ts, src/file-1.ts, src/file-2.ts, src/file-3.ts, src/file-4.ts, …)\u202f: le bot ne fusionne jamais de code');
  });

  it('ballots alone: "a ballot-only change is never merged on its own"; rules without a proposal: "adds no post or proposal to name it by"', async () => {
    const f = commons();
    f.commit({ 'governance/ballots/hello/amina.yml': 'vote: yes\n' }, { branch: 'ballot/hello', signer: 'amina' });
    expect(await saysEveryReasonInFrench(f, 'ballot/hello', T0)).toEqual(['ballot-only-change']);
    f.commit({ 'governance/rules/be-kind.md': ruleText('Be very kind') }, { branch: 'rules/kinder', signer: 'amina' });
    expect(await saysEveryReasonInFrench(f, 'rules/kinder', T0)).toEqual(['no-name']);
  });

  it('another change with the same name: "the name … is taken"', async () => {
    const f = commons({ members: ['amina', 'bruno'] });
    f.commit({ [HELLO]: postText({ author: 'amina' }) }, { branch: 'post/hello', signer: 'amina' });
    await reviewJson(f.dir, 'post/hello', T0);
    f.commit({ [HELLO]: postText({ author: 'bruno', title: 'Another hello' }) }, { branch: 'post/hello-again', signer: 'bruno' });
    expect(await saysEveryReasonInFrench(f, 'post/hello-again', hours(1))).toEqual(['name-taken']);
  });

  it('an accepted change whose ballot file its voter never signed: "but 1 ballot file of the change would make main fail"', async () => {
    const f = commons();
    f.commit({ 'content/proposals/words.md': proposalText({ author: 'amina' }), 'governance/rules/words.md': ruleText('Words') }, { branch: 'proposal/words', signer: 'amina' });
    await reviewJson(f.dir, 'proposal/words', T0);
    f.commit({ 'governance/ballots/words/amina.yml': 'vote: yes\n' }, { branch: 'proposal/words', signer: 'amina' });
    f.commit({ 'governance/ballots/words/bruno.yml': 'vote: yes\n' }, { branch: 'proposal/words' });
    f.commit({ 'governance/ballots/words/chloe.yml': 'vote: yes\n' }, { branch: 'proposal/words', signer: 'chloe' });
    const codes = await saysEveryReasonInFrench(f, 'proposal/words', days(7));
    expect(codes.at(-1)).toBe('ballot-files-refused');
    expect(await reviewInFrench(f, 'proposal/words', days(7))).toContain('mais 1 fichier de bulletin du changement ferait échouer noclout check sur main, ou parlerait au nom d’un membre sans sa signature');
  });

  it('a change already decided: "already decided: accepted on …", then the record\'s own reasons', async () => {
    const f = commons({ members: ['amina'] });
    f.commit({ [HELLO]: postText({ author: 'amina' }) }, { branch: 'post/hello', signer: 'amina' });
    await reviewJson(f.dir, 'post/hello', T0);
    expect((await nocloutJson(f.dir, ['merge', '--at', hours(25)])).json.results[0]).toMatchObject({ decision: 'accept', merged: true });
    expect(await saysEveryReasonInFrench(f, 'post/hello', hours(26))).toEqual(['already-decided', 'post-unopposed']);
    expect(await reviewInFrench(f, 'post/hello', hours(26))).toContain('déjà décidé\u202f: accepté le 3 novembre 2026 à 11:00\u202fUTC, consigné dans governance/decisions/2026/0001-hello.md');
  });

  it('a record that cannot be read: "already decided in … (the record cannot be read…)"', async () => {
    const f = commons({ members: ['amina'] });
    f.commit({ 'governance/decisions/2026/0001-hello.md': 'not a record\n' });
    f.commit({ [HELLO]: postText({ author: 'amina' }) }, { branch: 'post/hello', signer: 'amina' });
    expect(await saysEveryReasonInFrench(f, 'post/hello', T0)).toEqual(['already-decided-unreadable']);
  });

  it('the real binary under LANG=fr_FR.UTF-8 says the reason in French (the control: in English under LANG=en_US.UTF-8)', async () => {
    const f = commons();
    const fr = await runBin(['review', 'main', '--repo', f.dir, '--at', T0], f.dir, FRENCH);
    expect(fr.stdout).toMatch(/main n’ajoute rien à [0-9a-f]{10}\u202f: il est déjà fusionné, ou vide/);
    expect(fr.stdout).not.toContain('adds nothing');
    const en = await runBin(['review', 'main', '--repo', f.dir, '--at', T0], f.dir, { LC_ALL: '', LC_MESSAGES: '', LANG: 'en_US.UTF-8' });
    expect(en.stdout).toMatch(/main adds nothing to [0-9a-f]{10}: it is already merged, or empty/);
  });
});
