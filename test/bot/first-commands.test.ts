/**
 * Issue #11 §6: "The README's signed commit works as written (the signing set-up is part of the
 * path, or `init` did it); the Contribute page's commands produce a commit the bot accepts."
 * Each test runs the documented commands exactly as written, in `sh`, as a member at their own
 * machine (a home with ~/.ssh/id_ed25519 listed for them in members.yml, no ssh-agent, no global
 * git configuration but a name), then asks the bot: pending, with no problem.
 *
 * What is substituted, and only that: the placeholders a reader fills in (the commons' address,
 * `your-handle`), the year the README was written (`noclout new` writes this year's folder),
 * `$EDITOR` (a no-op), `npm install` (this checkout already has its node_modules) and `npx
 * noclout` (this checkout's bin).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AUTHOR_PLACEHOLDER } from '../../src/commons/template.ts';
import { commonsConfigSchema } from '../../src/commons/schema/commons-config.ts';
import { contributeCommands } from '../../src/site/contribute-links.ts';
import { COMMONS_YML, trackedCommons } from '../repo/fixture.ts';
import { initFlags, person, scratch, type Person } from './person.ts';

const commons = trackedCommons();
const BIN = fileURLToPath(new URL('../../bin/noclout.ts', import.meta.url));
const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const YEAR = String(new Date().getFullYear());

/** The command lines of README.md's "Writing a post" → "With the command line" block, comments and all. */
function readmeCommands(): string[] {
  const text = readFileSync(README, 'utf8');
  const section = text.slice(text.indexOf('## Writing a post'), text.indexOf('### With GitHub'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README.md: no sh block under "Writing a post"');
  return block.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#')).map((line) => line.replaceAll('2026', YEAR));
}

/** Run command lines in one `sh -e`, as `person` in `cwd`: the documented `npx noclout` is this checkout's bin. */
function sh(p: Person, lines: readonly string[], cwd: string) {
  const prelude = [
    'set -e',
    'npx() { if [ "$1" = noclout ]; then shift; "$NOCLOUT_NODE" "$NOCLOUT_BIN" "$@"; else echo "npx $*: not expected here" >&2; return 1; fi; }',
    'npm() { if [ "$1" = install ]; then :; else echo "npm $*: not expected here" >&2; return 1; fi; }',
  ];
  const child = spawnSync('sh', ['-c', [...prelude, ...lines].join('\n')], { cwd, env: { ...p.env, NOCLOUT_NODE: process.execPath, NOCLOUT_BIN: BIN, EDITOR: 'true' }, encoding: 'utf8' });
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

/** A shared bare repository holding a commons where amina is a member with her real key. */
function remoteCommons(p: Person): string {
  const f = commons();
  const remote = join(scratch(), 'commons.git');
  p.git(['clone', '-q', '--bare', f.dir, remote], f.dir);
  return remote;
}

const judged = (p: Person, head: string, repo: string) => p.noclout(['review', head, '--repo', repo, '--format', 'json'], repo).json;

describe('README, "Writing a post": the signed commit works as written (issue #11 §6)', () => {
  it('in a fresh clone where init was not run: the set-up line makes git commit -S sign, and the bot says pending with no problem', () => {
    const amina = person('amina', { gitName: 'Amina' });
    const remote = remoteCommons(amina);
    const lines = readmeCommands();
    expect(lines[0]).toBe('git clone <your commons> && cd <your commons> && npm install    # or this repository, to try it on the demo');
    const work = scratch();
    const run = sh(amina, [lines[0]!.replace('git clone <your commons>', `git clone "${remote}" commons`).replace('cd <your commons>', 'cd commons'), ...lines.slice(1)], work);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('post/egalite-des-voix: post change, pending');
    const clone = join(work, 'commons');
    expect(amina.git(['log', '-1', '--format=%G? %s', 'post/egalite-des-voix'], clone)).toMatch(/^. Égalité des voix$/);
    expect(judged(amina, 'post/egalite-des-voix', clone)).toMatchObject({ kind: 'post', decision: 'pending', problems: [] });
    // Pushed: the bot reading the shared repository sees the same change.
    expect(judged(amina, 'post/egalite-des-voix', remote)).toMatchObject({ decision: 'pending', problems: [] });
  });

  it('control: without the set-up line, git commit -S does not sign and the path stops there', () => {
    const amina = person('amina', { gitName: 'Amina' });
    const remote = remoteCommons(amina);
    const lines = readmeCommands().filter((line) => !line.startsWith('git config gpg.format ssh'));
    const work = scratch();
    const run = sh(amina, [lines[0]!.replace('git clone <your commons>', `git clone "${remote}" commons`).replace('cd <your commons>', 'cd commons'), ...lines.slice(1)], work);
    expect(run.code).not.toBe(0);
    expect(run.stdout).not.toContain('post/egalite-des-voix: post change');
  });

  it('in the clone where noclout init --signing yes founded the commons: the rest of the path works without the set-up line', () => {
    const amina = person('amina', { gitName: 'Amina' });
    const dir = join(scratch(), 'jardin');
    const founded = amina.noclout([...initFlags(amina), '--signing', 'yes', '--repo', dir], scratch());
    expect(founded.code, founded.stderr).toBe(0);
    // init's printed next step: publish it.
    const remote = join(scratch(), 'jardin.git');
    amina.git(['init', '-q', '--bare', remote], dir);
    amina.git(['remote', 'add', 'origin', remote], dir);
    amina.git(['push', '-q', '-u', 'origin', 'main'], dir);
    const lines = readmeCommands();
    expect(lines[1]).toMatch(/^git config gpg\.format ssh && git config user\.signingkey ~\/\.ssh\/id_ed25519 /);
    const run = sh(amina, lines.slice(2), dir);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(judged(amina, 'post/egalite-des-voix', dir)).toMatchObject({ kind: 'post', decision: 'pending', problems: [] });
  });
});

describe('the Contribute page\'s commands produce a commit the bot accepts (issue #11 §6)', () => {
  for (const [lang, title, slug] of [['en', 'My title', 'my-title'], ['fr', 'Mon titre', 'mon-titre']] as const) {
    it(`${lang}: the page's lines, run as written by a member, give a change the bot says is pending with no problem`, () => {
      const amina = person('amina', { gitName: 'Amina' });
      const remote = remoteCommons(amina);
      // The page is built from commons.yml; its `repository` is where the reader clones from (here, the shared bare repository).
      const config = { ...commonsConfigSchema.parse(parse(COMMONS_YML)), repository: remote };
      const lines = contributeCommands(config, { lang, title, slug, author: AUTHOR_PLACEHOLDER });
      expect(lines.some((line) => line.includes('git commit -S'))).toBe(true);
      const run = sh(amina, lines.map((line) => line.replaceAll(AUTHOR_PLACEHOLDER, 'amina')), scratch());
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
      expect(judged(amina, `post/${slug}`, remote)).toMatchObject({ kind: 'post', decision: 'pending', problems: [] });
    });
  }
});
