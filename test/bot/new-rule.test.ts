/**
 * `noclout new rule` and the `rules:` of `noclout new proposal` (issue 11, §3 last bullet): the two
 * scaffolds, committed as they are, make a rule change that passes check and that the bot judges
 * a valid rule proposal.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFor, membersText, postText, trackedCommons } from '../repo/fixture.ts';
import { days, T0 } from './clock.ts';
import { execFileSync } from 'node:child_process';
import { bareRemote, cloneFor } from '../repo/clones.ts';
import { runCli } from '../fixtures/run-cli.ts';

const commons = trackedCommons();
const AT = '2026-11-24T09:00:00Z';

describe('noclout new rule / new proposal rules:', () => {
  it('new rule writes governance/rules/<slug>.md, last in the charter\'s order, passing check; it names the proposal to write next', async () => {
    const f = commons();
    const run = await runCli(['new', 'rule', 'Citer ses sources', '--repo', f.dir, '--lang', 'fr']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('npx noclout new proposal "Citer ses sources" --rules citer-ses-sources');
    expect(readFileSync(join(f.dir, 'governance/rules/citer-ses-sources.md'), 'utf8')).toMatch(/^---\ntitle: Citer ses sources\nlang: fr\norder: 1\n---\n/);
    expect((await runCli(['check', '--repo', f.dir])).code).toBe(0);
    const again = await runCli(['new', 'rule', 'Citer ses sources', '--repo', f.dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });

  it('new proposal names in rules: the rule files this clone adds or edits against main, and the scaffolds as written make a valid rule proposal', async () => {
    const f = commons({ members: ['amina', 'bruno'] });
    expect((await runCli(['new', 'rule', 'Cite sources again', '--repo', f.dir])).code).toBe(0);
    // An amendment too: an edited rule is named as well.
    const kind = join(f.dir, 'governance/rules/be-kind.md');
    appendFileSync(kind, '\nAlso in replies.\n');
    const run = await runCli(['new', 'proposal', 'Two rule changes', '--author', 'amina', '--repo', f.dir, '--at', AT, '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, rules: ['be-kind', 'cite-sources-again'] });
    expect(readFileSync(join(f.dir, 'content/proposals/two-rule-changes.md'), 'utf8')).toContain('rules:\n  - be-kind\n  - cite-sources-again\n');
    expect((await runCli(['check', '--repo', f.dir])).code).toBe(0);

    f.git(['switch', '-q', '-c', 'proposal/two-rule-changes']);
    f.git(['add', '-A']);
    f.git(['-c', 'gpg.format=ssh', '-c', `user.signingkey=${keyFor('amina').path}`, 'commit', '-q', '-S', '-m', 'Two rule changes']);
    f.git(['switch', '-q', 'main']);
    const judged = await runCli(['review', 'proposal/two-rule-changes', '--repo', f.dir, '--at', AT, '--format', 'json']);
    expect(JSON.parse(judged.stdout), judged.stderr).toMatchObject({ kind: 'proposal', decision: 'pending', problems: [] });
  });

  it('new proposal --rules names the rules given, and refuses one that does not exist, writing nothing', async () => {
    const f = commons();
    const named = await runCli(['new', 'proposal', 'Kinder', '--author', 'amina', '--rules', 'be-kind', '--repo', f.dir, '--at', AT]);
    expect(named.code, named.stderr).toBe(0);
    expect(readFileSync(join(f.dir, 'content/proposals/kinder.md'), 'utf8')).toContain('rules:\n  - be-kind\n');
    const refused = await runCli(['new', 'proposal', 'Nothing', '--author', 'amina', '--rules', 'no-such-rule', '--repo', f.dir, '--at', AT]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('governance/rules/no-such-rule.md does not exist');
    expect(existsSync(join(f.dir, 'content/proposals/nothing.md'))).toBe(false);
  });

  it('a proposal with no rule changed has no rules: key', async () => {
    const f = commons();
    expect((await runCli(['new', 'proposal', 'Plain', '--author', 'amina', '--repo', f.dir, '--at', AT])).code).toBe(0);
    expect(readFileSync(join(f.dir, 'content/proposals/plain.md'), 'utf8')).not.toContain('rules:');
  });
});

describe('noclout new, for a member just admitted (first hour, issue 11)', () => {
  it('a handle missing from this clone\'s roster but listed on origin/main: "your main is behind", not "propose a membership change"', async () => {
    const f = commons({ members: ['amina'] });
    const remote = bareRemote(f);
    const bruno = cloneFor(remote, 'bruno');
    // Bruno is admitted meanwhile: main moves on the server, not yet in his clone.
    f.commit({ 'governance/members.yml': membersText(['amina', 'bruno']) }, { message: 'welcome bruno' });
    f.git(['push', '-q', remote, 'main']);
    bruno.git(['fetch', '-q', 'origin']);
    const behind = await bruno.noclout(['new', 'post', 'Hello', '--author', 'bruno', '--at', AT]);
    expect(behind.code).toBe(1);
    expect(behind.stderr).toContain('"bruno" is not in governance/members.yml here, but is in origin/main\'s: your main is behind origin/main: git switch main && git pull');
    expect(existsSync(join(bruno.dir, 'content/posts/2026/hello.md'))).toBe(false);
    // The advice, followed, works.
    bruno.git(['pull', '-q']);
    expect((await bruno.noclout(['new', 'post', 'Hello', '--author', 'bruno', '--at', AT])).code).toBe(0);
  }, 30_000);

  it('a handle listed nowhere is told how to join, with the command as typed', async () => {
    const bruno = cloneFor(bareRemote(commons({ members: ['amina'] })), 'bruno');
    const run = await bruno.noclout(['new', 'post', 'Hello', '--author', 'bruno', '--at', AT]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('"bruno" is not in governance/members.yml; members: amina.');
    expect(run.stderr).toContain('To join: npx noclout join.');
    expect(run.stderr).not.toContain('is behind');
  }, 30_000);
});

describe('noclout new proposal --moderates / --appeals, and vote on a change the bot would refuse (first hour, issue 11)', () => {
  const MARC = 'content/posts/2026/marc.md';
  const moderationCommons = () => commons({ members: ['amina', 'bruno', 'chloe'], posts: { [MARC]: postText({ author: 'bruno', title: 'Marc and his tomatoes' }) } });
  const review = async (remote: string, head: string, at: string) => JSON.parse((await runCli(['review', head, '--repo', remote, '--at', at, '--format', 'json'])).stdout);

  it('writes moderates: and rule:, prints the git rm that completes the change; a vote on the change before that git rm warns with the bot\'s problem and writes no ledger', async () => {
    const remote = bareRemote(moderationCommons());
    const amina = cloneFor(remote, 'amina');
    amina.git(['switch', '-q', '-c', 'proposal/hide-marc']);
    const run = await amina.noclout(['new', 'proposal', 'Hide Marc', '--moderates', '2026/marc', '--rule', 'be-kind', '--author', 'amina', '--at', T0]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('  git rm content/posts/2026/marc.md');
    expect(run.stdout).toContain('  git add content/proposals/hide-marc.md && git commit -S -m "Hide Marc"');
    expect(readFileSync(join(amina.dir, 'content/proposals/hide-marc.md'), 'utf8')).toMatch(/^---\ntitle: Hide Marc\nauthor: amina\ndate: 2026-11-02\nlang: en\nmoderates: 2026\/marc\nrule: be-kind\n---\n\n## Why this post breaks the rule/);
    expect(existsSync(join(amina.dir, MARC)), 'new never removes a published text itself').toBe(true);
    // Committed without the git rm: the bot would judge it invalid.
    amina.git(['add', 'content/proposals/hide-marc.md']);
    amina.git(['commit', '-q', '-S', '-m', 'Hide Marc']);
    amina.git(['push', '-q', '-u', 'origin', 'proposal/hide-marc']);
    const early = await amina.noclout(['vote', 'hide-marc', 'yes']);
    expect(early.code, early.stderr).toBe(0);
    expect(early.stdout).toContain('Careful: as it stands, the bot judges hide-marc invalid');
    expect(early.stdout).toContain('[moderation/post-not-removed]');
    expect(amina.git(['for-each-ref', 'refs/noclout'])).toBe('');
    expect(execFileSync('git', ['-C', remote, 'for-each-ref', 'refs/noclout'], { encoding: 'utf8' })).toBe('');
    // The printed git rm, committed: valid, and the vote says nothing more (the control).
    amina.git(['pull', '-q', '--no-rebase']);
    amina.git(['rm', '-q', MARC]);
    amina.git(['commit', '-q', '-S', '-m', 'Hide Marc: the post goes']);
    amina.git(['push', '-q']);
    const vote = await amina.noclout(['vote', 'hide-marc', 'yes']);
    expect(vote.code, vote.stderr).toBe(0);
    expect(vote.stdout).not.toContain('Careful');
    const j = await review(remote, 'proposal/hide-marc', T0);
    expect(j).toMatchObject({ kind: 'moderation', decision: 'pending', problems: [] });
  }, 60_000);

  it('--appeals writes appeals: and prints the git checkout that restores the post word for word (its folder may be gone); the appeal it makes is valid', async () => {
    const remote = bareRemote(moderationCommons());
    const amina = cloneFor(remote, 'amina');
    amina.git(['switch', '-q', '-c', 'proposal/hide-marc']);
    expect((await amina.noclout(['new', 'proposal', 'Hide Marc', '--moderates', '2026/marc', '--rule', 'be-kind', '--author', 'amina', '--at', T0])).code).toBe(0);
    amina.git(['rm', '-q', MARC]);
    amina.git(['add', 'content/proposals/hide-marc.md']);
    amina.git(['commit', '-q', '-S', '-m', 'Hide Marc']);
    amina.git(['push', '-q', '-u', 'origin', 'proposal/hide-marc']);
    expect((await amina.noclout(['vote', 'hide-marc', 'yes'])).code).toBe(0);
    expect((await runCli(['merge', '--repo', remote, '--at', T0])).code).toBe(0);
    expect((await runCli(['merge', '--repo', remote, '--at', days(4)])).code).toBe(0);
    const record = execFileSync('git', ['-C', remote, 'ls-tree', '-r', '--name-only', 'main', 'governance/decisions'], { encoding: 'utf8' }).trim();
    expect(record).toMatch(/^governance\/decisions\/2026\/\d{4}-hide-marc\.md$/);
    const decision = record.replace(/^governance\/decisions\/|\.md$/g, '');

    const bruno = cloneFor(remote, 'bruno');
    bruno.git(['switch', '-q', '-c', 'proposal/bring-marc-back']);
    const refused = await bruno.noclout(['new', 'proposal', 'Bring Marc back', '--appeals', decision, '--rule', 'be-kind', '--author', 'bruno', '--at', days(5)]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--appeals names only the decision contested');
    const run = await bruno.noclout(['new', 'proposal', 'Bring Marc back', '--appeals', decision, '--author', 'bruno', '--at', days(5)]);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(bruno.dir, 'content/proposals/bring-marc-back.md'), 'utf8')).toContain(`\nappeals: ${decision}\n`);
    const restore = run.stdout.split('\n').find((l) => l.trim().startsWith('git checkout '))!.trim();
    expect(restore).toMatch(/^git checkout [0-9a-f]{40} -- content\/posts\/2026\/marc\.md$/);
    execFileSync('sh', ['-c', restore], { cwd: bruno.dir, env: bruno.env });
    bruno.git(['add', 'content/proposals/bring-marc-back.md']);
    bruno.git(['commit', '-q', '-S', '-m', 'Bring Marc back']);
    bruno.git(['push', '-q', '-u', 'origin', 'proposal/bring-marc-back']);
    const j = await review(remote, 'proposal/bring-marc-back', days(5));
    expect(j).toMatchObject({ kind: 'moderation', decision: 'pending', problems: [] });
  }, 90_000);

  it('refuses what cannot be a moderation, writing nothing: a post that does not exist, a rule that does not, --moderates without --rule, --appeals of a decision that hid nothing', async () => {
    const f = moderationCommons();
    const post = await runCli(['new', 'proposal', 'Hide', '--moderates', '2026/nobody', '--rule', 'be-kind', '--author', 'amina', '--repo', f.dir]);
    expect(post.code).toBe(1);
    expect(post.stderr).toContain('--moderates 2026/nobody: no post content/posts/2026/nobody.md here');
    const rule = await runCli(['new', 'proposal', 'Hide', '--moderates', '2026/marc', '--rule', 'be-nice', '--author', 'amina', '--repo', f.dir]);
    expect(rule.stderr).toContain('--rule be-nice: no rule governance/rules/be-nice.md; rules: be-kind, cite-sources');
    const alone = await runCli(['new', 'proposal', 'Hide', '--moderates', '2026/marc', '--author', 'amina', '--repo', f.dir]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--moderates goes with --rule <slug>');
    const appeal = await runCli(['new', 'proposal', 'Back', '--appeals', '2026/0001-nothing', '--author', 'amina', '--repo', f.dir]);
    expect(appeal.stderr).toContain('--appeals 2026/0001-nothing: no decision governance/decisions/2026/0001-nothing.md');
    expect(existsSync(join(f.dir, 'content/proposals'))).toBe(false);
  });
});
