/**
 * Issue 13, sealed ballots in the browser: the page of an open sealed vote seals a member's ballot
 * in Chromium with the commons' own code (src/ballots/sealed.ts, bundled by Astro), to the vote's
 * round of the beacon its frozen policy names, and never makes a request outside its origin (not
 * even to the beacon, whose public key is on the page). The sealed text it gives opens, with the
 * test beacon's signature of that round, to exactly the vote chosen; before the round nobody,
 * this test included, can get that signature from the beacon.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRound, fetchRound, open, seal } from '../../src/ballots/sealed.ts';
import { ballotPlaintext, sealedBallotFile } from '../../src/site/seal/seal-ballot.ts';
import { readSealed } from '../../src/commons/sealed-text.ts';
import { noclout } from '../bot/cli.ts';
import { startBeacon, type TestBeacon } from '../support/drand-beacon.ts';
import { main } from '../../src/cli/main.ts';
import { sealedBlocks } from '../../src/ballots/github.ts';
import { sealedComment } from '../../src/site/seal/seal-ballot.ts';
import { FakeGitHub } from '../github/fake-github.ts';
import { axeViolations, commonsWith, DEMO, startSession, type SiteSession } from './harness.ts';
import { Fixture, keyFor, proposalText } from '../repo/fixture.ts';

/** After the demo's latest record: the bot's clock never goes back before a record. */
const T = '2026-11-20T10:00:00.000Z';
const HANDLES = ['amina', 'jean-luc', 'sofia', 'tomas', 'lea'];
const roster = (handles: readonly string[]) => handles.map((h) => `- handle: ${h}\n  name: ${h}\n  joined: 2026-01-01\n  keys:\n    - ${keyFor(h).publicLine}\n`).join('');

let beacon: TestBeacon;
let session: SiteSession;
let f: Fixture;
let closes = '';
const made: string[] = [];

/** The demo's policy with `voting.rules` sealed and the test beacon frozen with it. */
async function sealedPolicy(b: TestBeacon): Promise<string> {
  const demo = await readFile(path.join(DEMO, 'governance/policy.md'), 'utf8');
  const block = `beacon:\n  url: "${b.beacon.url}"\n  chainHash: "${b.beacon.chainHash}"\n  publicKey: "${b.beacon.publicKey}"\n  genesis: ${b.beacon.genesis}\n  period: ${b.beacon.period}\n  scheme: ${b.beacon.scheme}\n`;
  // The front matter closes at the first `---` line after the opening one.
  return demo.replace(/(\n  rules: +\{.*closeEarly: false) \}/, '$1, ballots: sealed }').replace(/\n---\n/, `\n${block}---\n`);
}

beforeAll(async () => {
  beacon = await startBeacon({ now: Date.parse(T) });
  const policy = await sealedPolicy(beacon);
  expect(policy).toContain('ballots: sealed');
  f = new Fixture(await commonsWith({ 'governance/members.yml': roster(HANDLES), 'governance/policy.md': policy }));
  made.push(f.dir);
  f.commit({ 'content/proposals/quiet-hours.md': proposalText({ title: 'Quiet hours', author: 'amina', extra: 'lang: en\n' }), 'governance/rules/quiet-hours.md': '---\ntitle: "Quiet hours"\n---\n\nNo merges at night.\n' }, { branch: 'proposal/quiet-hours', signer: 'amina' });
  const review = noclout(['review', 'proposal/quiet-hours', '--repo', f.dir, '--at', T, '--format', 'json']);
  expect(review.json, review.stderr).toMatchObject({ kind: 'proposal', decision: 'pending' });
  closes = review.json.closes;
  // Jean-Luc votes, sealed, on the branch; the bot's next look keeps his ballot in the ledger.
  const round = closeRound(Date.parse(closes), beacon.beacon);
  f.commit({ 'governance/ballots/quiet-hours/jean-luc.yml': sealedBallotFile(await seal(ballotPlaintext('quiet-hours', { voter: 'jean-luc', vote: 'yes' }), round, beacon.beacon)) }, { branch: 'proposal/quiet-hours', signer: 'jean-luc' });
  const again = noclout(['review', 'proposal/quiet-hours', '--repo', f.dir, '--at', new Date(Date.parse(T) + 3_600_000).toISOString(), '--format', 'json']);
  expect(again.json, again.stderr).toMatchObject({ decision: 'pending', ballots: [expect.objectContaining({ voter: 'jean-luc', vote: 'sealed' })] });
  session = await startSession(f.dir);
});

afterAll(async () => {
  await session?.close();
  await beacon?.stop();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('sealing a ballot in the browser (issue 13)', () => {
  it('fills the form at 360 px, gets a sealed text with no request outside the origin, and that text opens with the beacon\'s signature to the chosen vote', async () => {
    const round = closeRound(Date.parse(closes), beacon.beacon);
    const { page, thirdParty, errors } = await session.open('/en/proposals/quiet-hours/', { width: 360 });
    const section = page.locator('[data-seal-ballot]');
    await expect(section.locator('h2').textContent()).resolves.toBe('Seal your ballot');
    await page.fill('#seal-voter', 'sofia');
    await page.check('input[name="vote"][value="no"]');
    await page.fill('#seal-reason', 'Nights are when most of us write.');
    await page.click('[data-seal-submit]');
    await page.waitForFunction(() => (document.querySelector<HTMLTextAreaElement>('[data-sealed-text]')?.value ?? '').includes('-----END AGE ENCRYPTED FILE-----'), undefined, { timeout: 30_000 });
    const shown = await page.inputValue('[data-sealed-text]');
    expect(await page.textContent('[data-sealed-command]')).toBe('noclout vote quiet-hours no --sealed');
    // On a branch the page gives the ballot file's content: the one key `sealed`.
    const armored = (parse(shown) as { sealed: string }).sealed;
    const header = readSealed(armored);
    expect(header).toEqual({ ok: true, header: { round, chainHash: beacon.beacon.chainHash } });

    // Nobody can open it yet: the beacon refuses the round before its time.
    expect(await fetchRound(beacon.beacon, round, { fetch })).toMatchObject({ ok: false, reason: 'not-yet' });
    beacon.now = beacon.timeOf(round);
    const published = await fetchRound(beacon.beacon, round, { fetch });
    expect(published.ok).toBe(true);
    const opened = await open(armored, { round, signature: (published as { signature: string }).signature }, beacon.beacon);
    expect(opened.ok).toBe(true);
    expect(parse((opened as { plaintext: string }).plaintext)).toEqual({ voter: 'sofia', change: 'quiet-hours', vote: 'no', reason: 'Nights are when most of us write.' });

    expect(thirdParty).toEqual([]);
    expect(errors).toEqual([]);
    // The beacon served only this test, never the page.
    expect(beacon.requests.every((r) => r.includes(`/public/${round}`))).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.context().close();
  });

  it('shows who has voted, never how, and no tally while the vote is open, and works in French', async () => {
    const { page, thirdParty } = await session.open('/fr/proposals/quiet-hours/', { width: 360 });
    expect(await page.textContent('[data-sealed-voted]')).toBe('jean-luc');
    await expect(page.locator('[data-seal-ballot] h2').textContent()).resolves.toBe('Sceller votre bulletin');
    expect(await page.locator('[data-seal-ballot] form').isVisible()).toBe(true);
    const html = await page.content();
    expect(html).not.toMatch(/Décompte|Tally/);
    expect(thirdParty).toEqual([]);
    await page.context().close();
  });

  it('axe-core finds no violations on the sealing page, light and dark, at 360 px', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      expect(await axeViolations(session, ['/en/proposals/quiet-hours/', '/fr/proposals/quiet-hours/'], { colorScheme, width: 360 })).toEqual([]);
    }
  });

  it('without JavaScript, the form stays hidden and the command line is shown', async () => {
    const { page } = await session.open('/en/proposals/quiet-hours/', { javaScript: false });
    expect(await page.locator('[data-seal-ballot] form').isVisible()).toBe(false);
    expect(await page.locator('[data-seal-noscript]').textContent()).toContain('noclout vote quiet-hours yes --sealed');
    await page.context().close();
  });
});

describe('sealing a ballot to paste on a pull request (issue 13, GitHub mode)', () => {
  const users = HANDLES.map((login, i) => ({ login, id: 200 + i }));
  let pr: SiteSession;
  let prCloses = '';

  /** `noclout review <n> --source github` in the site's clone, against a fake GitHub holding `api`'s comments. */
  async function review(api: FakeGitHub, clone: string, at: string): Promise<any> {
    let stdout = '';
    let stderr = '';
    const code = await main(['review', '3', '--source', 'github', '--repo', clone, '--at', at, '--format', 'json'], { cwd: clone, env: { ...process.env, ...api.env() }, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
    expect(code, stderr).toBe(0);
    return JSON.parse(stdout);
  }

  beforeAll(async () => {
    const members = users.map((u) => `- handle: ${u.login}\n  name: ${u.login}\n  joined: 2026-01-01\n  github: { login: ${u.login}, id: ${u.id} }\n  keys:\n    - ${keyFor(u.login).publicLine}\n`).join('');
    const g = new Fixture(await commonsWith({ 'governance/members.yml': members, 'governance/policy.md': await sealedPolicy(beacon) }));
    made.push(g.dir);
    const head = g.commit({ 'content/proposals/shorter-votes.md': proposalText({ title: 'Shorter votes', author: 'lea', extra: 'lang: en\n' }), 'governance/rules/votes.md': '---\ntitle: "Votes"\n---\n\nShort.\n' }, { branch: 'contribution', signer: 'lea' });
    const parent = mkdtempSync(path.join(tmpdir(), 'noclout-clone-'));
    made.push(parent);
    const clone = path.join(parent, 'commons');
    execFileSync('git', ['clone', '-q', '--no-local', '--single-branch', '--branch', 'main', g.dir, clone]);
    execFileSync('git', ['-C', clone, 'fetch', '-q', 'origin', '+refs/heads/contribution:refs/pull/3/head']);
    const api = await new FakeGitHub().start();
    try {
      api.addPull({ number: 3, user: users[4]!, head, base: g.rev('main'), createdAt: T, fork: 'lea/commons' });
      prCloses = (await review(api, clone, T)).closes;
      // Jean-Luc's sealed comment, kept by the bot's next look.
      const round = closeRound(Date.parse(prCloses), beacon.beacon);
      api.addComment(3, users[1]!, sealedComment(await seal(ballotPlaintext('shorter-votes', { voter: 'jean-luc', vote: 'no' }), round, beacon.beacon)), { createdAt: new Date(Date.parse(T) + 1_800_000).toISOString() });
      expect((await review(api, clone, new Date(Date.parse(T) + 3_600_000).toISOString())).ballots).toEqual([expect.objectContaining({ voter: 'jean-luc', vote: 'sealed' })]);
    } finally {
      await api.stop();
    }
    pr = await startSession(clone);
  });

  afterAll(async () => {
    await pr?.close();
  });

  it('the page says a review is no ballot here, shows who has voted, and gives a comment that the bot reads and the beacon\'s signature opens to the chosen vote', async () => {
    const round = closeRound(Date.parse(prCloses), beacon.beacon);
    const { page, thirdParty, errors } = await pr.open('/en/proposals/shorter-votes/', { width: 360 });
    expect(await page.textContent('[data-vote-sealed]')).toContain('An approval or a change request is public, so it is not a ballot in this vote');
    expect(await page.content()).not.toContain('Approve is yes, Request changes is no');
    expect(await page.textContent('[data-sealed-voted]')).toBe('jean-luc');
    await page.fill('#seal-voter', 'tomas');
    await page.check('input[name="vote"][value="yes"]');
    await page.click('[data-seal-submit]');
    await page.waitForFunction(() => (document.querySelector<HTMLTextAreaElement>('[data-sealed-text]')?.value ?? '').includes('-----END AGE ENCRYPTED FILE-----'), undefined, { timeout: 30_000 });
    const comment = await page.inputValue('[data-sealed-text]');
    expect(comment.startsWith('```\n-----BEGIN AGE ENCRYPTED FILE-----')).toBe(true);
    // No command line for a pull request: GitHub mode reads no ballot file.
    expect(await page.locator('[data-sealed-command]').isVisible()).toBe(false);
    const [armored] = sealedBlocks(comment);
    const opened = await open(armored!, { round, signature: beacon.sign(round) }, beacon.beacon);
    expect(parse((opened as { plaintext: string }).plaintext)).toEqual({ voter: 'tomas', change: 'shorter-votes', vote: 'yes' });
    expect(thirdParty).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.context().close();
  });
});
