/**
 * "The demo commons itself passes `noclout audit` on a fresh clone" (issue 11 §5). `git clone`
 * fetches branches and tags, never refs/noclout/ledger, so a fresh clone holds the decision
 * records and not the openings audit replays them against. audit fetches the ledger from the
 * clone's remote when records name changes it has no opening for, fast-forward only, and says
 * so. Real repositories: a commons, a bare remote it pushes to, and `git clone`s of that remote.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nocloutInProcess } from '../bot/cli.ts';
import { hours, T0 } from '../bot/clock.ts';
import { bareRemote, tempDir } from './clones.ts';
import { Fixture, postText, trackedCommons } from './fixture.ts';

const commons = trackedCommons();
const LEDGER = 'refs/noclout/ledger';

async function run(dir: string, args: string[]) {
  const out = await nocloutInProcess([...args, '--repo', dir, '--format', 'json']);
  expect(out.json, out.stderr).toBeDefined();
  return out;
}

/** A signed post by amina, seen by the bot at `at` and published 24 hours later, with its record. */
async function publish(f: Fixture, slug: string, at: string): Promise<void> {
  f.commit({ [`content/posts/2026/${slug}.md`]: postText({ author: 'amina', title: slug }) }, { branch: `post/${slug}`, signer: 'amina' });
  expect((await run(f.dir, ['review', `post/${slug}`, '--at', at])).json.decision).toBe('pending');
  const merged = await run(f.dir, ['merge', `post/${slug}`, '--at', hours((Date.parse(at) - Date.parse(T0)) / 3_600_000 + 24)]);
  expect(merged.json.results[0].merged).toBe(true);
}

/** The bot publishes main and the ledger together, as docs/bot.md says. */
function push(f: Fixture, remote: string): void {
  f.git(['push', '-q', '--atomic', remote, 'main', LEDGER]);
}

function cloneOf(remote: string): Fixture {
  const dir = join(tempDir('noclout-fresh-'), 'commons');
  execFileSync('git', ['clone', '-q', `file://${remote}`, dir], { env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  return new Fixture(dir);
}

const ledgerOf = (f: Fixture | string): string => (typeof f === 'string' ? execFileSync('git', ['--git-dir', f, 'rev-parse', '--verify', '-q', LEDGER], { encoding: 'utf8' }).trim() : f.git(['rev-parse', '--verify', '-q', LEDGER], {}, true));

/** A commons with one published post, its main and ledger pushed to a bare remote. */
async function published(): Promise<{ f: Fixture; remote: string }> {
  const f = commons();
  await publish(f, 'hello', T0);
  const remote = bareRemote(f);
  push(f, remote);
  return { f, remote };
}

describe('audit on a fresh clone fetches the openings ledger (issue 11 §5)', () => {
  it('a fresh git clone holds the records but not refs/noclout/ledger; audit fetches it from origin, says so, and every record follows', async () => {
    const { remote } = await published();
    const fresh = cloneOf(remote);
    expect(ledgerOf(fresh)).toBe(''); // what git clone leaves: records, no ledger
    const out = await run(fresh.dir, ['audit']);
    expect(out.json.findings).toEqual([]);
    expect(out.code).toBe(0);
    expect(out.json.ledger).toMatchObject({ fetched: true, remote: 'origin', lacking: 1, command: `git fetch origin ${LEDGER}:${LEDGER}`, commit: ledgerOf(remote) });
    expect(ledgerOf(fresh)).toBe(ledgerOf(remote));
    const text = await nocloutInProcess(['audit', '--repo', fresh.dir]);
    expect(text.stdout).toMatch(/^audit: 1 decision record replayed/); // the ledger is here now: nothing more to fetch, nothing said
  });

  it('says in its text output that it fetched the ledger, and from where', async () => {
    const { remote } = await published();
    const out = await nocloutInProcess(['audit', '--repo', cloneOf(remote).dir]);
    expect(out.stdout).toContain(`had no opening for 1 record`);
    expect(out.stdout).toContain(`fetched it from origin: git fetch origin ${LEDGER}:${LEDGER}`);
    expect(out.code).toBe(0);
  });

  it('control: with no remote, nothing is fetched and each record without its opening is a finding that says how to fetch it', async () => {
    const { remote } = await published();
    const fresh = cloneOf(remote);
    fresh.git(['remote', 'remove', 'origin']);
    const out = await run(fresh.dir, ['audit']);
    expect(out.code).toBe(1);
    expect(out.json.ledger).toMatchObject({ fetched: false, lacking: 1, why: 'this repository has no remote to fetch it from' });
    expect(out.json.findings.map((x: any) => x.rule)).toEqual(['audit/opening']);
    expect(out.json.findings[0].message).toContain(`fetch it: git fetch origin ${LEDGER}:${LEDGER}`);
    expect(ledgerOf(fresh)).toBe('');
  });

  it('a remote that has no ledger: the fetch fails, audit says why and still reports the findings', async () => {
    const f = commons();
    await publish(f, 'hello', T0);
    const remote = bareRemote(f); // main only: the ledger was never pushed
    const out = await run(cloneOf(remote).dir, ['audit']);
    expect(out.code).toBe(1);
    expect(out.json.ledger).toMatchObject({ fetched: false, remote: 'origin', lacking: 1 });
    expect(out.json.ledger.why).toMatch(/refs\/noclout\/ledger/);
    expect(out.json.findings.map((x: any) => x.rule)).toEqual(['audit/opening']);
  });

  it('--no-fetch fetches nothing; --remote names the remote to fetch from', async () => {
    const { remote } = await published();
    const fresh = cloneOf(remote);
    const offline = await run(fresh.dir, ['audit', '--no-fetch']);
    expect(offline.code).toBe(1);
    expect(offline.json.ledger).toBeUndefined();
    expect(ledgerOf(fresh)).toBe('');
    fresh.git(['remote', 'rename', 'origin', 'forge']);
    fresh.git(['remote', 'add', 'elsewhere', `file://${remote}`]);
    const unnamed = await run(fresh.dir, ['audit']);
    expect(unnamed.json.ledger.why).toContain('several remotes and none named origin');
    const named = await run(fresh.dir, ['audit', '--remote', 'forge']);
    expect(named.code).toBe(0);
    expect(named.json.ledger).toMatchObject({ fetched: true, remote: 'forge' });
  });

  it('a ledger here that is behind is fast-forwarded when main brings records it has no opening for', async () => {
    const { f, remote } = await published();
    const fresh = cloneOf(remote);
    expect((await run(fresh.dir, ['audit'])).code).toBe(0);
    await publish(f, 'again', hours(48));
    push(f, remote);
    fresh.git(['pull', '-q', '--ff-only']); // brings main and its new record, not the ledger
    expect(ledgerOf(fresh)).not.toBe(ledgerOf(remote));
    const out = await run(fresh.dir, ['audit']);
    expect(out.json.findings).toEqual([]);
    expect(out.json.ledger).toMatchObject({ fetched: true, lacking: 1 });
    expect(ledgerOf(fresh)).toBe(ledgerOf(remote));
  });

  it('openings recorded here and not on the remote are never replaced: the fetch is fast-forward only, and audit says it was refused', async () => {
    const { f, remote } = await published();
    const fresh = cloneOf(remote);
    expect((await run(fresh.dir, ['audit'])).code).toBe(0);
    // A bot run in this clone opens a change the remote's ledger never heard of…
    fresh.commit({ 'content/posts/2026/local.md': postText({ author: 'amina', title: 'local' }) }, { branch: 'post/local', signer: 'amina' });
    expect((await run(fresh.dir, ['review', 'post/local', '--at', hours(30)])).json.decision).toBe('pending');
    const local = ledgerOf(fresh);
    // …while the remote's ledger moves on with a record that main brings here.
    await publish(f, 'again', hours(48));
    push(f, remote);
    fresh.git(['pull', '-q', '--ff-only']);
    const out = await run(fresh.dir, ['audit']);
    expect(out.json.ledger).toMatchObject({ fetched: false, remote: 'origin', lacking: 1 });
    expect(out.json.ledger.why).toMatch(/^refused: the ledger here has openings origin's does not/);
    expect(ledgerOf(fresh)).toBe(local);
    expect(fresh.git(['show', `${LEDGER}:openings/local.yml`])).toContain('change: local');
    expect(out.json.findings.map((x: any) => `${x.path} ${x.rule}`)).toEqual(['governance/decisions/2026/0002-again.md audit/opening']);
  });

  it('a commons without records fetches nothing: a community that replaced the demo never gets the demo ledger back', async () => {
    const f = commons();
    f.commit({ 'content/posts/2026/hello.md': postText({ author: 'amina' }) }, { branch: 'post/hello', signer: 'amina' });
    await run(f.dir, ['review', 'post/hello', '--at', T0]); // an opening, and no record on main
    const remote = bareRemote(f);
    push(f, remote);
    const fresh = cloneOf(remote);
    const out = await run(fresh.dir, ['audit']);
    expect(out.code).toBe(0);
    expect(out.json.records).toBe(0);
    expect(out.json.ledger).toBeUndefined();
    expect(ledgerOf(fresh)).toBe('');
  });
});

describe('review and merge in a fresh clone fetch the ledger before judging', () => {
  /** A commons with a record, and a post the bot opened at hours(30) and has not decided: main, ledger and its branch on the remote. */
  async function openOnRemote(): Promise<string> {
    const { f, remote } = await published();
    f.commit({ 'content/posts/2026/later.md': postText({ author: 'amina', title: 'later' }) }, { branch: 'post/later', signer: 'amina' });
    expect((await run(f.dir, ['review', 'post/later', '--at', hours(30)])).json.opened).toBe(new Date(hours(30)).toISOString());
    push(f, remote);
    f.git(['push', '-q', remote, 'post/later']);
    return remote;
  }

  it('a change the bot opened keeps its opening in a fresh clone: review fetches the ledger first and says so', async () => {
    const fresh = cloneOf(await openOnRemote());
    const out = await run(fresh.dir, ['review', 'origin/post/later', '--at', hours(40)]);
    expect(out.stderr).toContain(`noclout review: the ledger here (refs/noclout/ledger) had no opening for 1 record`);
    expect(out.stderr).toContain(`fetched it from origin`);
    expect(out.json.opened).toBe(new Date(hours(30)).toISOString());
    expect(out.json.closes).toBe(new Date(hours(54)).toISOString());
  });

  it('control: with no remote to fetch from, the same look opens the change afresh, at the time of the look (what the fetch prevents)', async () => {
    const fresh = cloneOf(await openOnRemote());
    fresh.git(['update-ref', 'refs/heads/post/later', 'origin/post/later']);
    fresh.git(['remote', 'remove', 'origin']);
    const out = await run(fresh.dir, ['review', 'post/later', '--at', hours(40)]);
    expect(out.stderr).toContain('and it was not fetched: this repository has no remote to fetch it from');
    expect(out.json.opened).toBe(new Date(hours(40)).toISOString());
  });

  it('merge fetches it too, and publishes at the close the bot set; merge --dry-run fetches nothing', async () => {
    const remote = await openOnRemote();
    const dry = cloneOf(remote);
    await run(dry.dir, ['merge', 'origin/post/later', '--dry-run', '--at', hours(60)]);
    expect(ledgerOf(dry)).toBe('');
    const fresh = cloneOf(remote);
    const out = await run(fresh.dir, ['merge', 'origin/post/later', '--at', hours(60)]);
    expect(out.stderr).toContain('noclout merge: the ledger here');
    expect(out.json.results[0]).toMatchObject({ decision: 'accept', merged: true, opened: new Date(hours(30)).toISOString() });
  });
});
