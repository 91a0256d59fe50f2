/**
 * The refs the bot publishes never name each other's unpublished commits
 * (DESIGN.md, principle 6; issue 10, "Nothing lost, nothing corrupt"). The
 * merge run pushes the openings ledger and `main` in one atomic push: when
 * `main` is refused because somebody pushed meanwhile, the ledger is not
 * pushed either, so it never freezes, as a pull request's policy commit, a
 * merge that exists only in the refused run. A ledger an older bot left in
 * that state is recovered: the entry is set aside and the pull request is
 * judged normally. Each run is a fresh checkout of the forge, as in the
 * workflow; git over real HTTP on loopback, the fake GitHub API.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { keyFor, makeCommons, postText, type Fixture } from '../repo/fixture.ts';
import { hours, T0 } from '../bot/clock.ts';
import { FakeGitHub, type FakeUser } from './fake-github.ts';
import { startGitHttpServer, type GitHttpServer } from './git-http-server.ts';

const amina: FakeUser = { login: 'amina', id: 101 };
const bruno: FakeUser = { login: 'bruno', id: 102 };

let f: Fixture;
let tmp: string;
let origin: string;
let gitServer: GitHttpServer;
let api: FakeGitHub;
let checkouts = 0;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: tmp, GIT_AUTHOR_NAME: 'm', GIT_AUTHOR_EMAIL: 'm@example.org', GIT_COMMITTER_NAME: 'm', GIT_COMMITTER_EMAIL: 'm@example.org' } }).trim();
}

beforeEach(async () => {
  checkouts = 0;
  f = makeCommons({ members: ['amina', 'bruno', 'chloe'] });
  const members = [amina, bruno, { login: 'chloe', id: 103 }].map((u) => `- handle: ${u.login}\n  name: ${u.login}\n  joined: 2026-01-01\n  github: { login: ${u.login}, id: ${u.id} }\n  keys:\n    - ${keyFor(u.login).publicLine}\n`).join('');
  f.commit({ 'governance/members.yml': members }, { message: 'members with their GitHub ids' });
  tmp = mkdtempSync(join(tmpdir(), 'noclout-ledger-push-'));
  origin = join(tmp, 'origin.git');
  git(tmp, 'clone', '-q', '--bare', f.dir, origin);
  git(origin, 'config', 'http.receivepack', 'true');
  api = await new FakeGitHub().start();
  gitServer = await startGitHttpServer(tmp, api.token);
});

afterEach(async () => {
  await api.stop();
  await gitServer.stop();
  f.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

/** The merge job's checkout, as the workflow makes it: main, every pull request head and the ledger, fetched from the forge. */
function checkout(): string {
  const dir = join(tmp, `run-${++checkouts}`);
  git(tmp, 'clone', '-q', origin, dir);
  git(dir, 'fetch', '-q', '--no-tags', origin, '+refs/pull/*/head:refs/pull/*/head', '+refs/noclout/*:refs/noclout/*');
  git(dir, 'remote', 'set-url', 'origin', `${gitServer.url}/origin.git`);
  return dir;
}

let prs = 0;
function openPull(user: FakeUser, slug: string, createdAt: string): number {
  const number = ++prs;
  const head = f.commit({ [`content/posts/2026/${slug}.md`]: postText({ author: user.login, title: slug }) }, { branch: `pr-${number}` });
  git(f.dir, 'push', '-q', origin, `+refs/heads/pr-${number}:refs/pull/${number}/head`);
  api.addPull({ number, user, head, base: git(origin, 'rev-parse', 'main'), createdAt, title: slug, fork: `${user.login}/agora` });
  return number;
}

/** A maintainer lands a commit on the forge's main. */
function maintainerPushes(): string {
  const other = join(tmp, `maintainer-${++checkouts}`);
  git(tmp, 'clone', '-q', origin, other);
  writeFileSync(join(other, 'NOTES.md'), `notes ${checkouts}\n`);
  git(other, 'add', 'NOTES.md');
  git(other, 'commit', '-q', '-m', 'notes');
  git(other, 'push', '-q', origin, 'main');
  return git(origin, 'rev-parse', 'main');
}

async function merge(dir: string, at: string): Promise<{ code: number; json: any; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const env = { ...process.env, ...api.env(), GITHUB_SERVER_URL: 'https://github.example' };
  const code = await main(['merge', '--source', 'github', '--repo', dir, '--format', 'json', '--at', at], { cwd: dir, env, stdout: (t) => void (stdout += `${t}\n`), stderr: (t) => void (stderr += `${t}\n`) });
  let json: any;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  return { code, json, stderr };
}

const originLedger = () => git(origin, 'rev-parse', '--verify', '-q', 'refs/noclout/ledger');
const byHead = (json: any) => Object.fromEntries(json.results.map((r: any) => [r.head, r]));

describe('publishing main and the ledger together', () => {
  it('main refused after a run that merged and opened: neither ref moves, and the next run judges the pull request normally', async () => {
    openPull(amina, 'hello', T0);
    // Run 1: #1 is opened, the ledger published.
    const first = await merge(checkout(), hours(1));
    expect(first.code, first.stderr).toBe(0);
    const ledgerAfterFirst = originLedger();
    expect(git(origin, 'show', 'refs/noclout/ledger:openings/hello.yml')).toContain('firstHead:');

    // Run 2 checks out, then a maintainer pushes to main while it works: it merges #1 and first sees #2 on its own main.
    openPull(bruno, 'second', hours(20));
    const run2 = checkout();
    const theirs = maintainerPushes();
    const refused = await merge(run2, hours(25));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/main moved since it was judged .*nothing was pushed/);
    // Nothing moved on the forge: not main, and not the ledger (which would name run 2's merge as #2's policy commit).
    expect(git(origin, 'rev-parse', 'main')).toBe(theirs);
    expect(originLedger()).toBe(ledgerAfterFirst);
    expect(() => git(origin, 'show', 'refs/noclout/ledger:openings/second.yml')).toThrow();

    // Run 3, a fresh checkout: #1 is merged, #2 is judged like any pull request (not change/missing-object).
    const run3 = checkout();
    const next = await merge(run3, hours(26));
    expect(next.code, next.stderr).toBe(0);
    const results = byHead(next.json);
    expect(results['#1']).toMatchObject({ decision: 'accept', merged: true });
    expect(results['#2']).toMatchObject({ decision: 'pending', problems: [] });
    expect(git(origin, 'rev-parse', 'main')).toBe(git(run3, 'rev-parse', 'main'));
    expect(git(origin, 'show', 'main:governance/decisions/2026/0001-hello.md')).toContain('outcome: accepted');
    const policyCommit = /^policyCommit: ([0-9a-f]{40})$/m.exec(git(origin, 'show', 'refs/noclout/ledger:openings/second.yml'))![1]!;
    expect(git(origin, 'cat-file', '-t', policyCommit)).toBe('commit');
  });

  it('a ledger that names a commit never published (left by an older bot) is recovered: the entry is set aside, the pull request judged', async () => {
    const number = openPull(amina, 'orphan', T0);
    // An older bot's run: its ledger entry froze a merge commit that its refused push never published.
    const scratch = checkout();
    git(scratch, 'commit', '-q', '--allow-empty', '-m', 'a merge that never reached the forge');
    const unpublished = git(scratch, 'rev-parse', 'HEAD');
    const head = git(scratch, 'rev-parse', `refs/pull/${number}/head`);
    const text = `change: orphan\nhead: "#${number}"\nopened: ${new Date(T0).toISOString()}\nfirstHead: ${head}\npolicyCommit: ${unpublished}\nrosterCommit: ${unpublished}\nseen:\n  ${head}: ${new Date(T0).toISOString()}\n`;
    writeFileSync(join(tmp, 'entry.yml'), text);
    const index = { ...process.env, GIT_INDEX_FILE: join(tmp, 'ledger-index') };
    execFileSync('git', ['read-tree', '--empty'], { cwd: scratch, env: index });
    const blob = git(scratch, 'hash-object', '-w', join(tmp, 'entry.yml'));
    execFileSync('git', ['update-index', '--add', '--cacheinfo', `100644,${blob},openings/orphan.yml`], { cwd: scratch, env: index });
    const tree = execFileSync('git', ['write-tree'], { cwd: scratch, env: index, encoding: 'utf8' }).trim();
    const ledger = git(scratch, 'commit-tree', tree, '-m', 'ledger: orphan opened');
    git(scratch, 'push', '-q', origin, `${ledger}:refs/noclout/ledger`);
    expect(() => git(origin, 'cat-file', '-t', unpublished)).toThrow();

    const run = checkout();
    const out = await merge(run, hours(2));
    expect(out.code, out.stderr).toBe(0);
    const result = out.json.results[0];
    expect(result).toMatchObject({ head: `#${number}`, decision: 'pending', problems: [] });
    expect(result.reasons.at(-1)).toContain(`it freezes commit ${unpublished.slice(0, 10)}, which was never published`);
    const entry = git(origin, 'show', 'refs/noclout/ledger:openings/orphan.yml');
    expect(entry).toContain(`policyCommit: ${git(origin, 'rev-parse', 'main')}`);
    expect(entry).toContain('valid: true');
    // And it goes on like any other: published after the objection window.
    expect((await merge(checkout(), hours(27))).json.results[0]).toMatchObject({ decision: 'accept', merged: true });
  });

  it('control: an entry whose frozen commit is on the forge stands, and keeps its opening', async () => {
    const number = openPull(amina, 'kept', T0);
    expect((await merge(checkout(), hours(1))).json.results[0]).toMatchObject({ head: `#${number}`, decision: 'pending', opened: hours(1) });
    const entry = git(origin, 'show', 'refs/noclout/ledger:openings/kept.yml');
    const again = (await merge(checkout(), hours(2))).json.results[0];
    expect(again).toMatchObject({ decision: 'pending', opened: hours(1) });
    expect(again.reasons.join('\n')).not.toContain('set aside');
    expect(git(origin, 'show', 'refs/noclout/ledger:openings/kept.yml')).toBe(entry);
  });
});
