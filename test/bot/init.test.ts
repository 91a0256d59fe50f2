/**
 * `noclout init` (issue 11, §2 "noclout init: found a commons"), run as a person runs it: the
 * real binary, real git, real ssh-keygen keys, in temp folders.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMONS_YML, Fixture, keyFor, policyText, postText, proposalText, ruleText, trackedCommons } from '../repo/fixture.ts';
import { initFlags, person, scratch } from './person.ts';

const commons = trackedCommons();

/** A commons shaped like the shipped demo: its people's keys carry the demo's comment. */
function demoLike(options: { record?: boolean } = {}): Fixture {
  const f = new Fixture(scratch('noclout-demo-'));
  f.git(['init', '-q', '-b', 'main']);
  const demoKey = (h: string) => `${keyFor(h).publicLine.split(' ').slice(0, 2).join(' ')} ${h}@demo.noclout`;
  const members = ['amina', 'tomas'].map((h) => `- handle: ${h}\n  name: ${h}\n  joined: 2026-01-12\n  keys:\n    - ${demoKey(h)}\n`).join('');
  f.commit({
    'package.json': '{ "name": "noclout" }\n',
    'src/cli/main.ts': '// platform code\n',
    'governance/commons.yml': COMMONS_YML,
    'governance/policy.md': policyText(),
    'governance/members.yml': members,
    'governance/rules/no-advertising.md': ruleText('No advertising'),
    'content/posts/2026/potager.md': postText({ author: 'amina', title: 'Le potager' }),
    'content/proposals/cite-sources.md': proposalText({ author: 'tomas', extra: 'rules: [cite-sources]\n' }),
    'governance/rules/cite-sources.md': ruleText('Cite sources'),
    'governance/ballots/cite-sources/amina.yml': 'vote: yes\n',
    ...(options.record ? { 'governance/decisions/2026/0001-cite-sources.md': '---\nchange: cite-sources\n---\n' } : {}),
  });
  // The demo's openings ledger: it names changes whose records init removes.
  f.git(['update-ref', 'refs/noclout/ledger', f.rev('main')]);
  return f;
}

describe('noclout init', () => {
  it('founds a commons in an empty folder from flags: check passes, audit is clean, the founding commit has a Good signature', () => {
    const amina = person('amina');
    const dir = scratch();
    const run = amina.noclout([...initFlags(amina), '--signing', 'yes'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Founded "Jardin partagé"');
    expect(run.stdout).toContain('npx noclout join --for');
    expect(run.stdout).toContain('npx noclout check');
    // No remote yet: add one (nothing to remove).
    expect(run.stdout).toContain('git remote add origin <its address> && git push -u origin main');
    expect(run.stdout).not.toContain('git remote remove origin');
    expect(readFileSync(join(dir, 'governance/members.yml'), 'utf8')).toContain(keyFor('amina').publicLine);
    const config = readFileSync(join(dir, 'governance/commons.yml'), 'utf8');
    expect(config).toContain('description:\n  fr: Un commun de jardiniers.\n  en: A gardeners\' commons.\n');
    expect(config).toContain('languages: [fr, en]');
    expect(config).toContain('defaultLanguage: fr');
    expect(readFileSync(join(dir, 'governance/policy.md'), 'utf8')).toMatch(/membership: +\{ quorum: "1\/4", threshold: \{ moreThan: "1\/2" \}, days: 7, closeEarly: false \}[\s\S]*## Adhésion/);
    expect(existsSync(join(dir, 'governance/rules/respect.md'))).toBe(true);

    expect(amina.noclout(['check'], dir)).toMatchObject({ code: 0 });
    const audit = amina.noclout(['audit', '--format', 'json'], dir);
    expect(audit.json).toMatchObject({ ok: true, records: 0, findings: [] });
    expect(amina.git(['log', '--format=%s'], dir)).toBe('Found Jardin partagé');
    expect(amina.git(['log', '-1', '--show-signature'], dir)).toContain('Good "git" signature for amina');
    expect(amina.git(['config', 'noclout.author'], dir)).toBe('amina');
    expect(amina.git(['status', '--porcelain'], dir)).toBe('');
  });

  it('without --signing yes on a script, the founding commit is a plain one and signing is left unconfigured', () => {
    const amina = person('amina', { gitName: 'Amina Diallo' });
    const dir = scratch();
    expect(amina.noclout(initFlags(amina), dir).code).toBe(0);
    expect(amina.git(['log', '-1', '--format=%G?'], dir)).toBe('N');
    expect(() => amina.git(['config', '--local', 'commit.gpgsign'], dir)).toThrow();
    expect(amina.noclout(['check'], dir).code).toBe(0);
  });

  it('a script without a terminal is never asked anything: every missing flag is listed, exit 2, nothing written', () => {
    const nobody = person('nobody', { withKey: false });
    const dir = scratch();
    const run = nobody.noclout(['init', '--languages', 'fr,en'], dir);
    expect(run.code).toBe(2);
    for (const flag of ['--name', '--description (or --description-fr)', '--site', '--repository', '--handle', '--member-name', '--key']) expect(run.stderr).toContain(flag);
    expect(existsSync(join(dir, '.git'))).toBe(false);
    expect(existsSync(join(dir, 'governance'))).toBe(false);
  });

  it('over the demo, removes its posts, proposals, rules, ballots, decisions and ledger, keeps the platform files, and passes check and audit', () => {
    const f = demoLike({ record: true });
    const amina = person('founder');
    const run = amina.noclout([...initFlags(amina), '--signing', 'yes'], f.dir);
    expect(run.code, run.stderr).toBe(0);
    for (const gone of ['content/posts', 'content/proposals', 'governance/ballots', 'governance/decisions', 'governance/rules/no-advertising.md']) expect(existsSync(join(f.dir, gone)), gone).toBe(false);
    expect(existsSync(join(f.dir, 'src/cli/main.ts'))).toBe(true);
    expect(f.git(['ls-tree', '-r', '--name-only', 'HEAD'])).toBe(['governance/commons.yml', 'governance/members.yml', 'governance/policy.md', 'governance/rules/respect.md', 'package.json', 'src/cli/main.ts'].join('\n'));
    expect(f.git(['for-each-ref', 'refs/noclout'])).toBe('');
    expect(readFileSync(join(f.dir, 'governance/members.yml'), 'utf8')).not.toContain('demo.noclout');
    expect(amina.noclout(['check'], f.dir).code).toBe(0);
    expect(amina.noclout(['audit'], f.dir).code).toBe(0);
  });

  it('--keep-demo keeps the demo\'s content and people, and adds the founder beside them', () => {
    const f = demoLike();
    const founder = person('founder');
    const run = founder.noclout([...initFlags(founder), '--keep-demo'], f.dir);
    expect(run.code, run.stderr).toBe(0);
    for (const kept of ['content/posts/2026/potager.md', 'content/proposals/cite-sources.md', 'governance/ballots/cite-sources/amina.yml', 'governance/rules/no-advertising.md']) expect(existsSync(join(f.dir, kept)), kept).toBe(true);
    const members = readFileSync(join(f.dir, 'governance/members.yml'), 'utf8');
    expect(members).toContain('amina@demo.noclout');
    expect(members).toContain('- handle: founder');
    expect(founder.noclout(['check'], f.dir).code).toBe(0);
  });

  it('refuses to erase a commons whose members are not the demo\'s (its community and history) without --force', () => {
    const f = commons({ members: ['amina', 'bruno'] });
    f.commit({ 'governance/decisions/2026/0001-hello.md': '---\nchange: hello\n---\n' }, { message: 'a record' });
    const before = f.git(['rev-parse', 'HEAD']);
    const stranger = person('stranger');
    const refused = stranger.noclout(initFlags(stranger), f.dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('its own members (amina, bruno) and 1 decision record');
    expect(refused.stderr).toContain('--force');
    expect(f.git(['rev-parse', 'HEAD'])).toBe(before);
    expect(f.git(['status', '--porcelain'])).toBe('');
    // The control: the same run with --force replaces it.
    const forced = stranger.noclout([...initFlags(stranger), '--force'], f.dir);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(f.dir, 'governance/members.yml'), 'utf8')).not.toContain('handle: bruno');
  });

  it('refuses over a roster that does not read (it cannot tell it is the demo\'s), and over work not yet committed', () => {
    const f = demoLike();
    f.commit({ 'governance/members.yml': 'not: [a list\n' }, { message: 'broken roster' });
    const founder = person('founder');
    expect(founder.noclout(initFlags(founder), f.dir).stderr).toContain('a members.yml that does not read');
    const g = demoLike();
    f.cleanup();
    const draft = join(g.dir, 'content/posts/2026/brouillon.md');
    writeFileSync(draft, postText({ author: 'amina' }));
    const dirty = founder.noclout(initFlags(founder), g.dir);
    expect(dirty.code).toBe(1);
    expect(dirty.stderr).toContain('not committed (content/posts/2026/brouillon.md)');
    expect(existsSync(draft)).toBe(true);
  });

  it('an invalid answer writes nothing and says why: a javascript: site is a usage error, a name too long is check\'s problem', () => {
    const amina = person('amina');
    const dir = scratch();
    const url = amina.noclout([...initFlags(amina), '--site', 'javascript:alert(1)'], dir);
    expect(url.code).toBe(2);
    expect(url.stderr).toContain('--site "javascript:alert(1)": an http(s) address');
    const long = amina.noclout([...initFlags(amina), '--name', 'x'.repeat(101)], dir);
    expect(long.code).toBe(1);
    expect(long.stderr).toContain('governance/commons.yml:');
    expect(long.stderr).toContain('at most 100 characters');
    expect(existsSync(join(dir, 'governance'))).toBe(false);
    expect(existsSync(join(dir, '.git'))).toBe(false);
  });

  it('in a clone that has an origin (this repository, cloned), "Next" says to remove it and add the new one: re-pointed, its old branches would block the first join (first hour, issue 11)', () => {
    const f = demoLike();
    f.git(['remote', 'add', 'origin', 'https://github.com/noclout/noclout']);
    const amina = person('founder');
    const run = amina.noclout(initFlags(amina), f.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('git remote remove origin && git remote add origin <its address> && git push -u origin main');
  });

  it('an SSH address given as the repository is refused with what to give instead: the web address the site links to (first hour, issue 11)', () => {
    const amina = person('amina');
    const dir = scratch();
    const ssh = amina.noclout([...initFlags(amina), '--repository', 'server:/srv/allotment.git'], dir);
    expect(ssh.code).toBe(2);
    expect(ssh.stderr).toContain('server:/srv/allotment.git is a git address, for pushing');
    expect(ssh.stderr).toContain('A commons with no web front gives the https address it will have');
    const github = amina.noclout([...initFlags(amina), '--repository', 'git@github.com:amina/allotment.git'], dir);
    expect(github.stderr).toContain('(here perhaps https://github.com/amina/allotment)');
    // Not every non-web answer is a git address: a javascript: link is only refused.
    const script = amina.noclout([...initFlags(amina), '--repository', 'javascript:alert(1)'], dir);
    expect(script.code).toBe(2);
    expect(script.stderr).toContain('an https address where people browse the repository');
    expect(existsSync(join(dir, 'governance'))).toBe(false);
  });
});
