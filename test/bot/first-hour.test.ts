/**
 * Issue #11, "The first hour": the command line finds the commons from any folder inside it (§1),
 * and the rough edges a newcomer met on the way (§6): an empty `.gitkeep`, a mistyped command, a
 * clock without a time zone. Real git repositories in temp dirs, real signed commits.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileKindOf } from '../../src/commons/layout.ts';
import { runCli } from '../fixtures/run-cli.ts';
import { COMMONS_YML, postText, trackedCommons } from '../repo/fixture.ts';
import { hours, T0 } from './clock.ts';

const commons = trackedCommons();
const HELLO = 'content/posts/2026/hello.md';

function withPost() {
  return commons({ posts: { [HELLO]: postText({ author: 'amina', title: 'Hello' }) } });
}

const json = (stdout: string) => JSON.parse(stdout) as { ok: boolean; files: number; problems: { path: string; rule: string }[]; decision?: string };

describe('every command finds the commons from any folder inside it, like git (issue #11 §1)', () => {
  it('noclout check run in content/posts/2026/ checks the whole commons found by walking up', async () => {
    const f = withPost();
    const fromRoot = await runCli(['check', '--format', 'json'], f.dir);
    const fromInside = await runCli(['check', '--format', 'json'], join(f.dir, HELLO, '..'));
    expect(fromInside.code, fromInside.stderr).toBe(0);
    expect(json(fromInside.stdout)).toEqual(json(fromRoot.stdout));
    expect(json(fromInside.stdout).files).toBeGreaterThan(4);
    // Control: a folder in no commons has none to find, and says what is missing.
    const nowhere = mkdtempSync(join(tmpdir(), 'noclout-nowhere-'));
    const lost = await runCli(['check', '--format', 'json'], nowhere);
    expect(lost.code).toBe(1);
    expect(json(lost.stdout).problems.map((p) => p.rule)).toContain('commons/missing-file');
  });

  it('noclout check <file> in content/posts/2026/ checks that file, named from the current folder', async () => {
    const f = withPost();
    const result = await runCli(['check', 'hello.md'], join(f.dir, 'content/posts/2026'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('✓ 1 file checked');
  });

  it('noclout new post run in content/posts/2026/ writes the post at its place in the commons, which then passes check', async () => {
    const f = withPost();
    const cwd = join(f.dir, 'content/posts/2026');
    const written = await runCli(['new', 'post', 'Walking up', '--author', 'amina', '--at', '2026-11-24T09:00:00Z'], cwd);
    expect(written.code, written.stderr).toBe(0);
    expect(existsSync(join(f.dir, 'content/posts/2026/walking-up.md'))).toBe(true);
    expect(existsSync(join(cwd, 'content'))).toBe(false);
    // The "Next:" line's command works as printed, from the same folder.
    const next = /noclout (check [^`]+)`/.exec(written.stdout)![1]!.split(' ');
    const checked = await runCli(next, cwd);
    expect(checked.code, checked.stdout).toBe(0);
  });

  it('the bot commands open the repository found by walking up to .git (review and audit from governance/rules/)', async () => {
    const f = commons();
    f.commit({ [HELLO]: postText({ author: 'amina' }) }, { branch: 'post/hello', signer: 'amina' });
    const cwd = join(f.dir, 'governance/rules');
    const review = await runCli(['review', 'post/hello', '--at', T0, '--format', 'json'], cwd);
    expect(review.code, review.stderr).toBe(0);
    expect(json(review.stdout).decision).toBe('pending');
    const merge = await runCli(['merge', '--at', hours(25), '--format', 'json'], cwd);
    expect(merge.code, merge.stderr).toBe(0);
    expect(f.git(['show', 'main:content/posts/2026/hello.md'])).toContain('author: amina');
    const audit = await runCli(['audit'], cwd);
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
  });

  it('--repo still points elsewhere, from inside another commons', async () => {
    const here = withPost();
    const there = commons();
    mkdirSync(join(there.dir, 'content'));
    writeFileSync(join(there.dir, 'content/stray.txt'), 'not a commons file\n');
    const result = await runCli(['check', '--repo', there.dir, '--format', 'json'], join(here.dir, 'content/posts'));
    expect(result.code).toBe(1);
    expect(json(result.stdout).problems.map((p) => `${p.path} ${p.rule}`)).toEqual(['content/stray.txt path/not-allowed']);
    there.commit({ [HELLO]: postText({ author: 'amina' }) }, { branch: 'post/hello', signer: 'amina' });
    const review = await runCli(['review', 'post/hello', '--repo', there.dir, '--at', T0, '--format', 'json'], join(here.dir, 'content'));
    expect(json(review.stdout).decision).toBe('pending');
    // The other commons has no such branch.
    expect((await runCli(['review', 'post/hello', '--at', T0], join(here.dir, 'content'))).code).toBe(2);
  });

  it('the walk stops at the repository root: a new repository inside a commons folder is not that commons', async () => {
    const f = withPost();
    const inner = join(f.dir, 'content/inner');
    mkdirSync(inner);
    execFileSync('git', ['init', '-q', inner]);
    const result = await runCli(['check', '--format', 'json'], inner);
    expect(result.code).toBe(1);
    expect(json(result.stdout).problems.map((p) => p.path)).toContain('governance/commons.yml');
  });

  it('the nearest commons wins: one kept in a folder of a larger repository (a test fixture) is found from inside it', async () => {
    const f = withPost();
    const nested = join(f.dir, 'test/fixture');
    mkdirSync(join(nested, 'governance'), { recursive: true });
    writeFileSync(join(nested, 'governance/commons.yml'), COMMONS_YML);
    const result = await runCli(['check', '--format', 'json'], join(nested, 'governance'));
    expect(json(result.stdout).problems.map((p) => `${p.path} ${p.rule}`)).toEqual(['governance/members.yml commons/missing-file', 'governance/policy.md commons/missing-file']);
  });
});

describe('an empty .gitkeep placeholder is accepted (issue #11 §6)', () => {
  const KEEPERS = ['content/posts/.gitkeep', 'content/proposals/.gitkeep', 'governance/decisions/.gitkeep', 'governance/ballots/.gitkeep'];

  it('by noclout check, in any folder of content/ and governance/', async () => {
    const f = commons();
    for (const path of KEEPERS) {
      mkdirSync(join(f.dir, path, '..'), { recursive: true });
      writeFileSync(join(f.dir, path), '');
    }
    const result = await runCli(['check', '--format', 'json'], f.dir);
    expect(json(result.stdout).problems).toEqual([]);
    expect(result.code).toBe(0);
    expect(KEEPERS.map((p) => fileKindOf(p).kind)).toEqual(KEEPERS.map(() => 'placeholder'));
  });

  it('but one that holds text is refused, and other names and executables stay refused', async () => {
    const f = commons();
    mkdirSync(join(f.dir, 'content/posts'), { recursive: true });
    writeFileSync(join(f.dir, 'content/.gitkeep'), 'hidden text\n');
    writeFileSync(join(f.dir, 'content/.keep'), '');
    writeFileSync(join(f.dir, 'content/posts/.gitkeep'), '', { mode: 0o755 });
    const result = await runCli(['check', '--format', 'json'], f.dir);
    expect(json(result.stdout).problems.map((p) => `${p.path} ${p.rule}`)).toEqual([
      'content/.gitkeep file/placeholder-not-empty',
      'content/.keep path/not-allowed',
      'content/posts/.gitkeep file/not-regular',
    ]);
    expect(fileKindOf('content/posts/Drafts/.gitkeep').kind).toBe('other-commons');
  });

  it('by the bot: a commons whose main keeps empty folders publishes a post, and the post may replace the placeholder', async () => {
    const f = commons({ posts: { 'content/posts/.gitkeep': '', 'governance/decisions/.gitkeep': '' } });
    f.commit({ [HELLO]: postText({ author: 'amina' }), 'content/posts/.gitkeep': null, 'content/posts/2026/.gitkeep': '' }, { branch: 'post/hello', signer: 'amina' });
    const opened = await runCli(['review', 'post/hello', '--repo', f.dir, '--at', T0, '--format', 'json']);
    expect(json(opened.stdout)).toMatchObject({ decision: 'pending', kind: 'post', problems: [] });
    const merged = await runCli(['merge', '--repo', f.dir, '--at', hours(25), '--format', 'json']);
    expect(merged.code, merged.stdout).toBe(0);
    expect(f.git(['show', 'main:content/posts/2026/hello.md'])).toContain('author: amina');
    expect((await runCli(['audit', '--repo', f.dir])).code).toBe(0);
    expect((await runCli(['check', '--repo', f.dir])).code).toBe(0);
  });

  it('by the bot, only when empty: a post change carrying text in a .gitkeep is invalid', async () => {
    const f = commons();
    f.commit({ [HELLO]: postText({ author: 'amina' }), 'content/posts/2026/.gitkeep': 'smuggled\n' }, { branch: 'post/hello', signer: 'amina' });
    const result = await runCli(['review', 'post/hello', '--repo', f.dir, '--at', T0, '--format', 'json']);
    expect(result.code).toBe(1);
    expect(json(result.stdout)).toMatchObject({ decision: 'invalid' });
    expect(json(result.stdout).problems.map((p) => `${p.path} ${p.rule}`)).toEqual(['content/posts/2026/.gitkeep file/placeholder-not-empty']);
  });
});

describe('mistakes on the command line get one clear message (issue #11 §6)', () => {
  it('noclout chek suggests check (exit 2); a word close to no command gets no guess', async () => {
    const typo = await runCli(['chek']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('noclout: unknown command "chek"; did you mean "check"?');
    expect((await runCli(['reveiw'])).stderr).toContain('did you mean "review"?');
    expect((await runCli(['mrege'])).stderr).toContain('did you mean "merge"?');
    const far = await runCli(['frobnicate']);
    expect(far.code).toBe(2);
    expect(far.stderr).toContain('unknown command "frobnicate"\n');
    expect(far.stderr).not.toContain('did you mean');
  });

  it('--at without a time zone is a usage error (exit 2), since it names a different instant on each machine; with Z or an offset it is taken', async () => {
    const f = commons();
    const zoneless = await runCli(['check', '--repo', f.dir, '--at', '2026-12-07T10:00']);
    expect(zoneless.code).toBe(2);
    expect(zoneless.stderr).toContain('--at must be an ISO time with its time zone, like 2026-11-24T10:00:00Z or 2026-11-24T11:00:00+01:00, received "2026-12-07T10:00"');
    expect(zoneless.stderr).toContain('add Z for UTC or your offset');
    const asJson = await runCli(['review', 'x', '--repo', f.dir, '--at', '2026-12-07T10:00:00', '--format', 'json']);
    expect(asJson.code).toBe(2);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ ok: false, error: { kind: 'usage' } });
    expect((await runCli(['check', '--repo', f.dir, '--at', '07/12/2026'])).code).toBe(2);
    for (const at of ['2026-12-07T10:00Z', '2026-12-07T10:00:00.000Z', '2026-12-07T11:00:00+01:00']) {
      const taken = await runCli(['check', '--repo', f.dir, '--at', at]);
      expect(taken.code, `${at}: ${taken.stderr}`).toBe(0);
    }
  });
});
