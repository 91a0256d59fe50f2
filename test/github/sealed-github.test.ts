/**
 * Issue 13 on GitHub: a sealed vote's ballots are comments holding a sealed text, read by the
 * real bot (`noclout merge --source github`) from the fake GitHub API, kept in the openings ledger
 * the first time it sees them, and opened at the close with the signature of a test drand beacon
 * on loopback, whose clock the tests move together with the bot's `--at`. Each property has its
 * control beside it: the same review that is no ballot in a sealed vote counts in a public one;
 * the kept version of an edited or deleted comment counts where a version never kept does not.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeRound, seal } from '../../src/ballots/sealed.ts';
import { main } from '../../src/cli/main.ts';
import { MAX_SEALED_VERSIONS } from '../../src/commons/opening.ts';
import { updateOpening, writeSealedBlob } from '../../src/repo/ledger.ts';
import { openRepository } from '../../src/repo/repository.ts';
import type { Vote } from '../../src/commons/schema/ballot.ts';
import { ballotPlaintext, sealedComment } from '../../src/site/seal/seal-ballot.ts';
import { hours, T0 } from '../bot/clock.ts';
import { COMMONS_YML, keyFor, makeCommons, policyText, POLICY, proposalText, type Fixture } from '../repo/fixture.ts';
import { startBeacon, type TestBeacon } from '../support/drand-beacon.ts';
import { BOT, FakeGitHub, type FakeUser } from './fake-github.ts';
import { startGitHttpServer, type GitHttpServer } from './git-http-server.ts';

const people: Record<string, FakeUser> = {
  amina: { login: 'amina', id: 101 },
  bruno: { login: 'bruno', id: 102 },
  chloe: { login: 'chloe', id: 103 },
  dmitri: { login: 'dmitri', id: 104 },
  elena: { login: 'elena', id: 105 },
};

const membersWithGitHub = () =>
  Object.values(people)
    .map((u) => `- handle: ${u.login}\n  name: ${u.login}\n  joined: 2026-01-01\n  github: { login: ${u.login}, id: ${u.id} }\n  keys:\n    - ${keyFor(u.login).publicLine}\n`)
    .join('');

/** The policy with voting.rules sealed to `b` (or public, for the controls). */
function policyFor(b: TestBeacon, ballots: 'sealed' | 'public'): string {
  const text = policyText({ rules: POLICY.rules.replace('closeEarly: false }', `closeEarly: false, ballots: ${ballots} }`) });
  const beacon = `beacon:\n  url: "${b.beacon.url}"\n  chainHash: "${b.beacon.chainHash}"\n  publicKey: "${b.beacon.publicKey}"\n  genesis: ${b.beacon.genesis}\n  period: ${b.beacon.period}\n  scheme: ${b.beacon.scheme}\n`;
  return text.replace(/\n---\n/, `\n${beacon}---\n`);
}

let f: Fixture;
let tmp: string;
let bot: string;
let origin: string;
let gitServer: GitHttpServer;
let api: FakeGitHub;
let beacon: TestBeacon;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: tmp } }).trim();
}

async function setUp(ballots: 'sealed' | 'public'): Promise<void> {
  f = makeCommons();
  beacon = await startBeacon({ now: Date.parse(T0) });
  f.commit({ 'governance/members.yml': membersWithGitHub(), 'governance/policy.md': policyFor(beacon, ballots), 'governance/commons.yml': COMMONS_YML }, { message: `members with GitHub ids; rules votes ${ballots}` });
  tmp = mkdtempSync(join(tmpdir(), 'noclout-sealed-github-'));
  origin = join(tmp, 'origin.git');
  git(tmp, 'clone', '-q', '--bare', f.dir, origin);
  git(origin, 'config', 'http.receivepack', 'true');
  api = await new FakeGitHub({ maxPerPage: 2 }).start();
  gitServer = await startGitHttpServer(tmp, api.token);
  bot = join(tmp, 'bot');
  git(tmp, 'clone', '-q', origin, bot);
  git(bot, 'remote', 'set-url', 'origin', `${gitServer.url}/origin.git`);
}

beforeEach(() => {
  tmp = '';
});

afterEach(async () => {
  await api?.stop();
  await gitServer?.stop();
  await beacon?.stop();
  f?.cleanup();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Amina's proposal, as a pull request from her fork, fetched by the bot as refs/pull/1/head. */
function openProposal(): { number: number; head: string } {
  const head = f.commit({ 'content/proposals/quiet-hours.md': proposalText({ author: 'amina', title: 'Quiet hours' }), 'governance/rules/quiet-hours.md': '---\ntitle: "Quiet hours"\n---\n\nNo merges at night.\n' }, { branch: 'pr-1', message: 'pull request 1' });
  git(bot, 'fetch', '-q', f.dir, '+refs/heads/pr-1:refs/pull/1/head');
  api.addPull({ number: 1, user: people.amina!, head, base: git(bot, 'rev-parse', 'main'), createdAt: T0, fork: 'amina/agora' });
  return { number: 1, head };
}

async function noclout(args: string[]): Promise<{ code: number; json: any; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const summary = join(tmp, 'summary.md');
  writeFileSync(summary, '');
  const env = { ...process.env, ...api.env(), GITHUB_SERVER_URL: 'https://github.example', GITHUB_STEP_SUMMARY: summary };
  const code = await main([...args, '--source', 'github', '--repo', bot, '--format', 'json'], { cwd: bot, env, stdout: (t) => void (stdout += `${t}\n`), stderr: (t) => void (stderr += `${t}\n`) });
  let json: any;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  return { code, json, stderr };
}

/** The bot's run at `at`, with the beacon's clock at the same instant. */
async function mergeAt(at: string) {
  beacon.now = Date.parse(at);
  return noclout(['merge', '--at', at]);
}

const judgementComment = (number: number) => api.commentsOn(number).find((c) => (c.user as FakeUser).login === BOT.login)?.body as string | undefined;

/** A member's sealed ballot on the change, sealed to the vote's round, as the site's form gives it to paste. */
async function sealedBallot(voter: string, vote: Vote, round: number, change = 'quiet-hours'): Promise<string> {
  return sealedComment(await seal(ballotPlaintext(change, { voter, vote }), round, beacon.beacon));
}

/** Opens the proposal at hours(1): its close, and the round its ballots are sealed to. */
async function opened(): Promise<{ number: number; head: string; closes: string; round: number; after: string }> {
  const pr = openProposal();
  const run = await mergeAt(hours(1));
  expect(run.json?.results?.[0], run.stderr).toMatchObject({ decision: 'pending', opened: hours(1), closes: hours(1 + 7 * 24) });
  const closes = run.json.results[0].closes as string;
  const round = closeRound(Date.parse(closes), beacon.beacon);
  return { ...pr, closes, round, after: new Date(beacon.timeOf(round)).toISOString() };
}

describe('a plain review in a sealed vote is not counted, and the comment says why (issue 13)', () => {
  it('approvals are listed as no ballots, with how to seal; the vote is decided by sealed comments alone', async () => {
    await setUp('sealed');
    const pr = await opened();
    api.addReview(pr.number, { user: people.bruno!, state: 'APPROVED', commit: pr.head, submittedAt: hours(2) });
    api.addReview(pr.number, { user: people.chloe!, state: 'APPROVED', commit: pr.head, submittedAt: hours(2) });
    const open = await mergeAt(hours(3));
    expect(open.json.results[0]).toMatchObject({ decision: 'pending' });
    expect(open.json.results[0].ballots.map((b: any) => [b.voter, b.counted, b.status?.code])).toEqual([
      ['bruno', false, 'review-not-sealed'],
      ['chloe', false, 'review-not-sealed'],
    ]);
    const body = judgementComment(pr.number)!;
    expect(body).toContain('the vote is sealed: an approval or a change request is public, so it is not a ballot; seal your vote');
    const closed = await mergeAt(pr.after);
    // Two approvals, quorum 1/3 of 5: they would pass a public vote (the control below); here nobody voted.
    expect(closed.json.results[0]).toMatchObject({ decision: 'reject', tally: { yes: 0, no: 0 } });
  });

  it('control: the same approvals count in a public vote', async () => {
    await setUp('public');
    const pr = await opened();
    api.addReview(pr.number, { user: people.bruno!, state: 'APPROVED', commit: pr.head, submittedAt: hours(2) });
    api.addReview(pr.number, { user: people.chloe!, state: 'APPROVED', commit: pr.head, submittedAt: hours(2) });
    const closed = await mergeAt(hours(1 + 7 * 24));
    expect(closed.json.results[0]).toMatchObject({ decision: 'accept', merged: true, tally: { yes: 2, no: 0 } });
  });
});

describe('issue 13 review: our comment never repeats a plain review\'s yes or no in a sealed vote', () => {
  it('a plain approval or change request is "public" in the comment, the JSON and the record; a pending sealed comment is "sealed until the close"', async () => {
    await setUp('sealed');
    const pr = await opened();
    api.addReview(pr.number, { user: people.bruno!, state: 'APPROVED', commit: pr.head, submittedAt: hours(2), body: 'Ship it.' });
    api.addReview(pr.number, { user: people.chloe!, state: 'CHANGES_REQUESTED', commit: pr.head, submittedAt: hours(2) });
    api.addComment(pr.number, people.dmitri!, await sealedBallot('dmitri', 'yes', pr.round), { createdAt: hours(2) });
    const open = (await mergeAt(hours(3))).json.results[0];
    expect(open.ballots.map((b: any) => [b.voter, b.vote, b.counted, b.status?.code])).toEqual([
      ['bruno', 'public', false, 'review-not-sealed'],
      ['chloe', 'public', false, 'review-not-sealed'],
      ['dmitri', 'sealed', false, 'ballot-sealed-pending'],
    ]);
    const body = judgementComment(pr.number)!;
    expect(body).toContain('| bruno | public | no |');
    expect(body).toContain('| chloe | public | no |');
    expect(body).toContain('| dmitri | sealed | sealed until the close |');
    expect(body).not.toMatch(/\| (?:bruno|chloe|dmitri) \| (?:yes|no|abstain) \|/);
    expect(body).not.toContain('Ship it.');
    const closed = (await mergeAt(pr.after)).json.results[0];
    // One sealed yes of five members misses the 1/3 quorum: the two reviews counted for nothing.
    expect(closed).toMatchObject({ decision: 'reject', tally: { yes: 1, no: 0 } });
    const record = git(origin, 'show', `main:${closed.record}`);
    expect(record).toMatch(/voter: bruno\n\s+vote: public/);
    expect(record).toMatch(/voter: chloe\n\s+vote: public/);
  });
});

describe('issue 13 review: editing a sealed comment does not grow the ledger without bound', () => {
  const sealedFiles = () => git(bot, 'ls-tree', '-r', '--name-only', 'refs/noclout/ledger').split('\n').filter((p) => p.startsWith('sealed/'));
  const entry = () => git(bot, 'show', 'refs/noclout/ledger:openings/quiet-hours.yml');

  it('each run that sees an edit replaces the voter\'s kept version: one file and one entry per voter, the latest, counted at the close', async () => {
    await setUp('sealed');
    const pr = await opened();
    const bruno = api.addComment(pr.number, people.bruno!, await sealedBallot('bruno', 'no', pr.round), { createdAt: hours(2) });
    api.addComment(pr.number, people.chloe!, await sealedBallot('chloe', 'yes', pr.round), { createdAt: hours(2) });
    await mergeAt(hours(3));
    for (const [i, vote] of (['abstain', 'no', 'yes'] as const).entries()) {
      api.editComment(bruno.id as number, await sealedBallot('bruno', vote, pr.round), { updatedAt: hours(4 + i) });
      await mergeAt(hours(4.5 + i));
    }
    expect(sealedFiles()).toHaveLength(2);
    expect(entry().match(/voter: bruno/g)).toHaveLength(1);
    expect(entry()).toMatch(/voter: bruno\n\s+blob: [0-9a-f]{40}\n\s+cast: [^\n]+\n\s+versions: 4/);
    // The ledger's history keeps the replaced versions' commits (what an audit of the ledger can read), not its tree.
    const closed = (await mergeAt(pr.after)).json.results[0];
    expect(closed).toMatchObject({ decision: 'accept', tally: { yes: 2, no: 0, abstain: 0 } });
  });

  it('thirty sealed comments posted between two runs keep one version, the latest: no blob is written for the others', async () => {
    await setUp('sealed');
    const pr = await opened();
    for (let i = 0; i < 30; i++) api.addComment(pr.number, people.bruno!, await sealedBallot('bruno', i === 29 ? 'yes' : 'no', pr.round), { createdAt: new Date(Date.parse(hours(2)) + i * 1000).toISOString() });
    const objects = () => Number(/^count: (\d+)/m.exec(git(bot, 'count-objects', '-v'))![1]) + Number(/^in-pack: (\d+)/m.exec(git(bot, 'count-objects', '-v'))![1]);
    const before = objects();
    const open = (await mergeAt(hours(3))).json.results[0];
    // The ledger's commit, its trees, the entry and one sealed text: a handful, not thirty.
    expect(objects() - before).toBeLessThan(10);
    expect(sealedFiles()).toHaveLength(1);
    expect(entry()).not.toContain('versions:');
    expect(open.ballots.map((b: any) => b.status.code).filter((c: string) => c === 'ballot-superseded')).toHaveLength(29);
    const closed = (await mergeAt(pr.after)).json.results[0];
    expect(closed.ballots.filter((b: any) => b.counted).map((b: any) => `${b.voter}:${b.vote}`)).toEqual(['bruno:yes']);
  });

  it('a version past the bound is never kept and never counts, while open and at the close, so it cannot be withdrawn either; control: the last kept version counts', async () => {
    await setUp('sealed');
    const pr = await opened();
    const bruno = api.addComment(pr.number, people.bruno!, await sealedBallot('bruno', 'yes', pr.round), { createdAt: hours(2) });
    api.addComment(pr.number, people.chloe!, await sealedBallot('chloe', 'yes', pr.round), { createdAt: hours(2) });
    await mergeAt(hours(2.5));
    // The same sealed yes, re-sealed and edited in, run after run: the bot keeps each as the new latest, up to the bound.
    for (let i = 1; i < MAX_SEALED_VERSIONS; i++) {
      api.editComment(bruno.id as number, await sealedBallot('bruno', 'yes', pr.round), { updatedAt: hours(3 + i) });
      await mergeAt(hours(3.5 + i));
    }
    expect(entry()).toContain(`versions: ${MAX_SEALED_VERSIONS}`);
    const ledger = git(bot, 'rev-parse', 'refs/noclout/ledger');
    // One more: a no. Not kept, listed as not counting while the vote is open.
    api.editComment(bruno.id as number, await sealedBallot('bruno', 'no', pr.round), { updatedAt: hours(30) });
    const open = (await mergeAt(hours(31))).json.results[0];
    expect(open.ballots.filter((b: any) => b.voter === 'bruno').map((b: any) => b.status?.code)).toEqual(['ballot-sealed-pending', 'ballot-sealed-too-many']);
    expect(git(bot, 'rev-parse', 'refs/noclout/ledger')).toBe(ledger);
    expect(sealedFiles()).toHaveLength(2);
    const closed = (await mergeAt(pr.after)).json.results[0];
    expect(closed).toMatchObject({ decision: 'accept', tally: { yes: 2, no: 0 } });
    expect(closed.ballots.filter((b: any) => b.voter === 'bruno').map((b: any) => [b.vote, b.counted, b.status?.code])).toEqual([['yes', true, 'ballot-counted'], ['sealed', false, 'ballot-sealed-too-many']]);
  });
});

describe('issue 13 review: bytes swapped in the ledger under a kept key are not the ballot', () => {
  async function swapped(deleteComment: boolean) {
    await setUp('sealed');
    const pr = await opened();
    const bruno = api.addComment(pr.number, people.bruno!, await sealedBallot('bruno', 'yes', pr.round), { createdAt: hours(2) });
    api.addComment(pr.number, people.chloe!, await sealedBallot('chloe', 'yes', pr.round), { createdAt: hours(2) });
    await mergeAt(hours(3));
    // Whoever can push refs/noclout/ledger puts another sealed text of bruno's (a no) under his kept key.
    const repo = openRepository(join(bot, '.git'));
    const forged = await writeSealedBlob(repo, await sealedBallot('bruno', 'no', pr.round).then((c) => c.replace(/^```\n|```\n$/g, '')));
    await updateOpening(repo, 'quiet-hours', new Date(hours(4)), (o) => ({ ...o!, sealed: Object.fromEntries(Object.entries(o!.sealed!).map(([k, v]) => [k, v.voter === 'bruno' ? { ...v, blob: forged } : v])) }));
    if (deleteComment) api.deleteComment(bruno.id as number);
    return (await mergeAt(pr.after)).json.results[0];
  }

  it('the swapped text does not count: its key names the digest of the text the bot kept', async () => {
    const result = await swapped(true);
    expect(result.tally).toMatchObject({ yes: 1, no: 0 });
    expect(result.ballots.map((b: any) => [b.voter, b.counted, b.status?.code])).toContainEqual(['bruno', false, 'ballot-sealed-not-as-kept']);
  });

  it('control: while the comment is still on GitHub, the text the key names counts, cast when first kept', async () => {
    const result = await swapped(false);
    expect(result.tally).toMatchObject({ yes: 2, no: 0 });
  });
});

describe('sealed comments are ballots (issue 13)', () => {
  it('a sealed comment ballot is read, shown as cast (who, not how) while open, and counted after the close', async () => {
    await setUp('sealed');
    const pr = await opened();
    api.addComment(pr.number, people.bruno!, await sealedBallot('bruno', 'yes', pr.round), { createdAt: hours(2) });
    api.addComment(pr.number, people.chloe!, `Mine:\n\n${await sealedBallot('chloe', 'yes', pr.round)}`, { createdAt: hours(3) });
    api.addComment(pr.number, people.dmitri!, await sealedBallot('dmitri', 'no', pr.round), { createdAt: hours(4) });
    const open = await mergeAt(hours(5));
    expect(open.json.results[0]).toMatchObject({ decision: 'pending' });
    expect(open.json.results[0].tally).toBeUndefined();
    expect(open.json.results[0].ballots.map((b: any) => [b.voter, b.vote])).toEqual([
      ['bruno', 'sealed'],
      ['chloe', 'sealed'],
      ['dmitri', 'sealed'],
    ]);
    const body = judgementComment(pr.number)!;
    // Who has voted, never how: each member's vote column says sealed, and there is no tally.
    expect(body).toMatch(/\| bruno \| sealed \|/);
    expect(body).not.toMatch(/\| (?:bruno|chloe|dmitri) \| (?:yes|no|abstain) \|/);
    expect(body).not.toContain('**Tally**');
    expect(body).toContain('To vote, seal your ballot on the change\'s page of the site (<https://commons.example/en/proposals/>)');
    // The check's summary of `review` reads the same, link included.
    expect((await noclout(['review', '1', '--at', hours(5)])).code).toBe(0);
    expect(readFileSync(join(tmp, 'summary.md'), 'utf8')).toContain('(<https://commons.example/en/proposals/>)');
    // The beacon was not asked before the close: there was nothing it could give.
    expect(beacon.requests).toEqual([]);

    const closed = await mergeAt(pr.after);
    expect(closed.code, closed.stderr).toBe(0);
    const result = closed.json.results[0];
    expect(result).toMatchObject({ decision: 'accept', merged: true, tally: { eligible: 5, yes: 2, no: 1 } });
    const record = git(origin, 'show', `main:${result.record}`);
    expect(record).toContain(`round: ${pr.round}`);
    expect(record).toContain(`signature: ${beacon.sign(pr.round)}`);
  });

  it('a comment edited after the close does not count as edited (the version kept before the close does), and one created after the close does not count', async () => {
    await setUp('sealed');
    const pr = await opened();
    const bruno = api.addComment(pr.number, people.bruno!, await sealedBallot('bruno', 'yes', pr.round), { createdAt: hours(2) });
    api.addComment(pr.number, people.chloe!, await sealedBallot('chloe', 'yes', pr.round), { createdAt: hours(3) });
    expect((await mergeAt(hours(4))).json.results[0].decision).toBe('pending');
    // After the close, once everyone could read every ballot: bruno turns his yes into a no, dmitri and elena vote no.
    const late = new Date(Date.parse(pr.after) + 1000).toISOString();
    api.editComment(bruno.id as number, await sealedBallot('bruno', 'no', pr.round), { updatedAt: late });
    api.addComment(pr.number, people.dmitri!, await sealedBallot('dmitri', 'no', pr.round), { createdAt: late });
    api.addComment(pr.number, people.elena!, await sealedBallot('elena', 'no', pr.round), { createdAt: late });
    const closed = await mergeAt(new Date(Date.parse(late) + 60_000).toISOString());
    const result = closed.json.results[0];
    expect(result).toMatchObject({ decision: 'accept', tally: { yes: 2, no: 0 } });
    const late3 = result.ballots.filter((b: any) => b.status?.code === 'ballot-late').map((b: any) => b.voter).sort();
    expect(late3).toEqual(['bruno', 'dmitri', 'elena']);
  });

  it('a comment deleted after the round opens still counts, because the bot kept it; control: one the bot never saw is gone', async () => {
    await setUp('sealed');
    const pr = await opened();
    const bruno = api.addComment(pr.number, people.bruno!, await sealedBallot('bruno', 'yes', pr.round), { createdAt: hours(2) });
    api.addComment(pr.number, people.chloe!, await sealedBallot('chloe', 'yes', pr.round), { createdAt: hours(3) });
    expect((await mergeAt(hours(4))).json.results[0].decision).toBe('pending');
    expect(git(bot, 'ls-tree', '-r', '--name-only', 'refs/noclout/ledger')).toMatch(/sealed\/quiet-hours\/gh-comment-/);
    // Dmitri votes just before the close, and the bot does not run before it.
    const dmitri = api.addComment(pr.number, people.dmitri!, await sealedBallot('dmitri', 'no', pr.round), { createdAt: hours(7 * 24) });
    // The round is published: bruno and dmitri read the ballots, and delete their own.
    api.deleteComment(bruno.id as number);
    api.deleteComment(dmitri.id as number);
    const closed = await mergeAt(pr.after);
    const result = closed.json.results[0];
    expect(result).toMatchObject({ decision: 'accept', tally: { yes: 2, no: 0 } });
    expect(result.ballots.filter((b: any) => b.counted).map((b: any) => b.voter).sort()).toEqual(['bruno', 'chloe']);
  });

  it('a sealed review edited after the close does not count as edited: GitHub keeps its submitted_at, so the bot dates a review\'s text by its first sight', async () => {
    await setUp('sealed');
    const pr = await opened();
    const bruno = api.addReview(pr.number, { user: people.bruno!, state: 'COMMENTED', commit: pr.head, submittedAt: hours(2), body: await sealedBallot('bruno', 'yes', pr.round) });
    api.addComment(pr.number, people.chloe!, await sealedBallot('chloe', 'no', pr.round), { createdAt: hours(3) });
    expect((await mergeAt(hours(4))).json.results[0].decision).toBe('pending');
    // Once the round is published bruno reads chloe's no, and turns his yes into an abstention: submitted_at still says hours(2).
    api.editReview(pr.number, bruno.id as number, await sealedBallot('bruno', 'abstain', pr.round));
    const closed = await mergeAt(new Date(Date.parse(pr.after) + 60_000).toISOString());
    const result = closed.json.results[0];
    expect(result).toMatchObject({ decision: 'reject', tally: { yes: 1, no: 1, abstain: 0 } });
    expect(result.ballots.find((b: any) => b.voter === 'bruno' && !b.counted)?.status?.code).toBe('ballot-late');
  });

  it('a member who pastes another member\'s sealed comment as their own votes for nobody; an outsider\'s sealed comment is listed and never kept', async () => {
    await setUp('sealed');
    const pr = await opened();
    const brunoText = await sealedBallot('bruno', 'yes', pr.round);
    api.addComment(pr.number, people.bruno!, brunoText, { createdAt: hours(2) });
    // Chloe cannot read bruno's choice, but could vote like him unseen by copying his text.
    api.addComment(pr.number, people.chloe!, brunoText, { createdAt: hours(3) });
    api.addComment(pr.number, { login: 'mallory', id: 666 }, await sealedBallot('mallory', 'no', pr.round), { createdAt: hours(3) });
    expect((await mergeAt(hours(4))).json.results[0].decision).toBe('pending');
    expect(git(bot, 'ls-tree', '-r', '--name-only', 'refs/noclout/ledger').split('\n').filter((p) => p.startsWith('sealed/')).length).toBe(2);
    const result = (await mergeAt(pr.after)).json.results[0];
    expect(result.tally).toMatchObject({ yes: 1, no: 0 });
    expect(result.ballots.map((b: any) => [b.voter, b.counted, b.status?.code])).toEqual([
      ['bruno', true, 'ballot-counted'],
      ['chloe', false, 'ballot-sealed-copied'],
      ['github:mallory (id 666)', false, 'review-not-member'],
    ]);
  });
});
