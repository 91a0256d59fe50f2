/**
 * `noclout new rule` and the `rules:` of `noclout new proposal` (issue 11, §3 last bullet): the two
 * scaffolds, committed as they are, make a rule change that passes check and that the bot judges
 * a valid rule proposal.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFor, membersText, trackedCommons } from '../repo/fixture.ts';
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
