/**
 * Issue 13, sealed ballots: "While a sealed vote is open, nobody can read any ballot's choice: not
 * other members, not the maintainers, not whoever runs the bot and holds its secrets" and "After
 * the close, anyone can open every ballot and re-count from the repository alone … No voter can
 * withhold, change or reveal selectively after seeing others." Real repositories, real
 * ed25519-signed ballot commits, a drand beacon on 127.0.0.1 with its own BLS key whose clock
 * moves with the bot's --at (test/support/drand-beacon.ts); each attack beside its valid control.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSealedBallot, writeSealedPlaintext } from '../../src/ballots/ballot-file.ts';
import { fetchRound, open, QUICKNET, seal, type Beacon } from '../../src/ballots/sealed.ts';
import { closeRound } from '../../src/commons/sealed-text.ts';
import { renderJudgementComment } from '../../src/commons/judgement-comment.ts';
import { recordIntact, sealRecord } from '../../src/commons/record-digest.ts';
import { updateOpening, writeSealedBlob } from '../../src/repo/ledger.ts';
import { openRepository } from '../../src/repo/repository.ts';
import type { Vote } from '../../src/commons/schema/ballot.ts';
import { bareRemote, cloneFor } from '../repo/clones.ts';
import { policyText, proposalText, trackedCommons, type Fixture } from '../repo/fixture.ts';
import { startBeacon, type TestBeacon } from '../support/drand-beacon.ts';
import { days, hours, T0 } from './clock.ts';
import { nocloutInProcess } from './cli.ts';

const commons = trackedCommons();
const BRANCH = 'prop/cite-sources';
const CHANGE = 'cite-sources';
const SEALED_RULES = '{ quorum: "1/3", threshold: { moreThan: "1/2" }, days: 7, closeEarly: false, ballots: sealed }';

let beacon: TestBeacon;
beforeAll(async () => {
  // Genesis a month before the tests' clock; the beacon publishes nothing after its own `now`.
  beacon = await startBeacon({ genesis: Date.parse('2026-10-01T00:00:00Z') / 1000, now: Date.parse(T0) });
});
afterAll(() => beacon?.stop());

/** The round of a vote opened at T0 under the sealed rule (7 days). */
const round = () => closeRound(Date.parse(days(7)), beacon.beacon);
/** Just after the round is published: when the bot can open the ballots. */
const afterRound = () => new Date(beacon.timeOf(round()) + 1000).toISOString();

function beaconBlock(b: Beacon): string {
  return `beacon:\n  url: ${b.url}\n  chainHash: ${b.chainHash}\n  publicKey: ${b.publicKey}\n  genesis: ${b.genesis}\n  period: ${b.period}\n  scheme: ${b.scheme}\n`;
}

function sealedPolicy(b: Beacon | undefined, rules = SEALED_RULES): string {
  return policyText({ rules }).replace('\nposts:\n', `\n${b ? beaconBlock(b) : ''}posts:\n`);
}

async function run(f: Fixture | string, args: string[]) {
  const out = await nocloutInProcess([...args, '--repo', typeof f === 'string' ? f : f.dir, '--format', 'json']);
  expect(out.json, out.stderr).toBeDefined();
  return out.json;
}

/** The bot looks at `at`, the beacon's clock at the same time. */
async function review(f: Fixture | string, at: string) {
  beacon.now = Date.parse(at);
  return run(f, ['review', BRANCH, '--at', at]);
}

async function merge(f: Fixture | string, at: string) {
  beacon.now = Date.parse(at);
  return (await run(f, ['merge', BRANCH, '--at', at])).results[0];
}

/** A commons whose rules votes are sealed to the test beacon, and amina's proposal opened at T0. */
async function sealedVote(): Promise<Fixture> {
  const f = commons();
  f.commit({ 'governance/policy.md': sealedPolicy(beacon.beacon) }, { message: 'rules votes are sealed' });
  f.commit({ 'content/proposals/cite-sources.md': proposalText({ author: 'amina', title: 'Cite your sources' }), 'governance/rules/cite-sources.md': '---\ntitle: "Cite your sources"\n---\n\nLink every source.\n' }, { branch: BRANCH, signer: 'amina' });
  expect(await review(f, T0)).toMatchObject({ decision: 'pending', problems: [] });
  return f;
}

interface SealOptions {
  reason?: string;
  /** Whose name the plaintext gives (default: the voter). */
  as?: string;
  round?: number;
  /** The armored text to commit instead of a fresh one (a copy). */
  armored?: string;
}

async function sealedText(voter: string, vote: Vote, o: SealOptions = {}): Promise<string> {
  return seal(writeSealedPlaintext({ voter: o.as ?? voter, change: CHANGE, vote, ...(o.reason ? { reason: o.reason } : {}) }), o.round ?? round(), beacon.beacon);
}

/** `voter` commits a sealed ballot on the change, signed with their key. */
async function castSealed(f: Fixture, voter: string, vote: Vote, o: SealOptions = {}): Promise<string> {
  const armored = o.armored ?? (await sealedText(voter, vote, o));
  return f.commit({ [`governance/ballots/${CHANGE}/${voter}.yml`]: writeSealedBallot(armored) }, { branch: BRANCH, signer: voter, message: 'Ballot: sealed' });
}

const listed = (j: any) => j.ballots.map((b: any) => `${b.voter}:${b.vote}:${b.counted}`);
const statuses = (j: any) => Object.fromEntries(j.ballots.map((b: any) => [b.voter, b.status?.code]));
const armoredOf = (f: Fixture, voter: string) => f.git(['show', `${BRANCH}:governance/ballots/${CHANGE}/${voter}.yml`]).replace(/^sealed: \|\n/, '').replace(/^ {2}/gm, '');

describe('while a sealed vote is open', () => {
  it('nobody reads a sealed ballot before the close: not the judgement, not anything the repository holds or the bot\'s environment, and the beacon refuses the round', async () => {
    const f = await sealedVote();
    await castSealed(f, 'bruno', 'yes', { reason: 'Sources keep us honest.' });
    await castSealed(f, 'chloe', 'no', { reason: 'Too strict for short notes.' });
    const j = await review(f, hours(2));
    // Who has voted, never how: no tally, no choice, no words.
    expect(j.decision).toBe('pending');
    expect(j.tally).toBeUndefined();
    expect(listed(j)).toEqual(['bruno:sealed:false', 'chloe:sealed:false']);
    expect(statuses(j)).toEqual({ bruno: 'ballot-sealed-pending', chloe: 'ballot-sealed-pending' });
    expect(j.reasonCodes.map((c: any) => c.code)).toEqual(['vote-open', 'vote-sealed-so-far']);
    expect(j.reasonCodes[1].params).toMatchObject({ voted: 2, eligible: 5, round: round() });
    const said = JSON.stringify(j);
    expect(said).not.toMatch(/"vote":"(yes|no|abstain)"/);
    expect(said).not.toContain('Sources keep us honest');
    // Everything the repository holds (every object, the ledger's included) and the bot's environment.
    const everything = f.git(['cat-file', '--batch-all-objects', '--batch']) + JSON.stringify(process.env);
    expect(everything).not.toContain('Too strict for short notes');
    expect(everything).not.toContain('Sources keep us honest');
    const candidates = new Set([...everything.matchAll(/[0-9a-f]{96}/g)].map((m) => m[0]));
    // And every round the beacon has published by now.
    const latest = closeRound(beacon.now, beacon.beacon) - 1;
    for (let r = latest - 3; r <= latest; r++) candidates.add(beacon.sign(r));
    for (const voter of ['bruno', 'chloe']) {
      const armored = armoredOf(f, voter);
      for (const signature of candidates) expect((await open(armored, { round: round(), signature }, beacon.beacon)).ok).toBe(false);
      expect((await open(armored, { round: latest, signature: beacon.sign(latest) }, beacon.beacon)).ok).toBe(false);
    }
    expect(await fetchRound(beacon.beacon, round())).toMatchObject({ ok: false, reason: 'not-yet' });
    // A second before the close, the same: the round is the first one at or after the close.
    const justBefore = await review(f, new Date(Date.parse(days(7)) - 1000).toISOString());
    expect(justBefore.decision).toBe('pending');
    expect(justBefore.tally).toBeUndefined();
    expect(await fetchRound(beacon.beacon, round())).toMatchObject({ ok: false, reason: 'not-yet' });
  });

  it('the ledger keeps each sealed ballot\'s bytes the first time the bot sees it', async () => {
    const f = await sealedVote();
    const commit = await castSealed(f, 'bruno', 'yes');
    await review(f, hours(1));
    const entry = f.git(['show', `refs/noclout/ledger:openings/${CHANGE}.yml`]);
    expect(entry).toContain(`sealed:\n  ${commit}:\n    voter: bruno`);
    const blob = f.git(['rev-parse', `${commit}:governance/ballots/${CHANGE}/bruno.yml`]);
    expect(f.git(['rev-parse', `refs/noclout/ledger:sealed/${CHANGE}/${commit}`])).toBe(blob);
  });
});

describe('at the close', () => {
  it('every ballot opens, the decision is right, the record keeps the round and its signature, and audit agrees offline with the beacon stopped', async () => {
    const f = await sealedVote();
    await castSealed(f, 'bruno', 'yes', { reason: 'Sources keep us honest.' });
    await castSealed(f, 'chloe', 'yes');
    await castSealed(f, 'dmitri', 'no', { reason: 'Too strict.' });
    await review(f, hours(3));
    const result = await merge(f, afterRound());
    expect(result).toMatchObject({ decision: 'accept', merged: true, tally: { yes: 2, no: 1, abstain: 0, eligible: 5, quorumMet: true, thresholdMet: true } });
    const record = f.git(['show', `main:${result.record}`]);
    expect(record).toContain(`sealed:\n  round: ${round()}\n  signature: ${beacon.sign(round())}`);
    expect(record).toContain('Too strict.');
    expect(record).toContain('vote: no');
    // Offline: a beacon that answers nothing, and a clone that has only the repository.
    const stopped = await startBeacon();
    await stopped.stop();
    const requests = beacon.requests.length;
    const audit = await nocloutInProcess(['audit', '--repo', f.dir, '--format', 'json']);
    expect(audit.code, audit.stdout).toBe(0);
    expect(audit.json.findings).toEqual([]);
    expect(beacon.requests.length).toBe(requests);
  });

  it('audit finds a record whose signature was replaced (control for the offline re-count)', async () => {
    const f = await sealedVote();
    await castSealed(f, 'bruno', 'yes');
    await castSealed(f, 'chloe', 'yes');
    await review(f, hours(3));
    const result = await merge(f, afterRound());
    expect(result).toMatchObject({ decision: 'accept', merged: true });
    const path = result.record as string;
    const text = f.git(['show', `main:${path}`]).replace(beacon.sign(round()), beacon.sign(round() - 1));
    f.commit({ [path]: `${text}\n` }, { message: 'edit the record' });
    const audit = await nocloutInProcess(['audit', '--repo', f.dir, '--format', 'json']);
    expect(audit.code).toBe(1);
    expect(audit.json.findings.map((x: any) => x.rule)).toContain('audit/outcome');
  });

  it('issue 13 review: audit re-opens every ballot offline and finds a record re-sealed with its digest after its ballots, its tally or its signature were edited; control: the record as written passes', async () => {
    const f = await sealedVote();
    await castSealed(f, 'bruno', 'yes');
    await castSealed(f, 'chloe', 'yes');
    await castSealed(f, 'dmitri', 'no', { reason: 'Too strict.' });
    await review(f, hours(3));
    const result = await merge(f, afterRound());
    expect(result).toMatchObject({ decision: 'accept', tally: { yes: 2, no: 1 } });
    const path = result.record as string;
    const written = f.git(['show', `main:${path}`]);
    beacon.down = true;
    const audit = async () => {
      const out = await nocloutInProcess(['audit', '--repo', f.dir, '--no-fetch', '--format', 'json']);
      return out.json.findings.map((x: any) => x.rule) as string[];
    };
    try {
      expect(await audit()).toEqual([]);
      const edits: Record<string, (text: string) => string> = {
        // dmitri's no written as a yes, the tally with it: a unanimous record.
        ballots: (t) => t.replace(/(voter: dmitri\n\s+vote:) no/, '$1 yes').replace(/yes: 2\n(\s+)no: 1/, 'yes: 3\n$1no: 0'),
        // The signature of the round before: it opens nothing, and does not verify for this round.
        signature: (t) => t.replace(beacon.sign(round()), beacon.sign(round() - 1)),
      };
      for (const [what, edit] of Object.entries(edits)) {
        const edited = sealRecord(edit(written));
        expect(edited, what).not.toBe(written);
        expect(recordIntact(edited)).toBe(true);
        f.commit({ [path]: edited }, { message: `edit the record's ${what}` });
        const found = await audit();
        expect(found, what).not.toContain('audit/edited-by-hand');
        expect(found, what).toEqual(expect.arrayContaining(what === 'ballots' ? ['audit/tally', 'audit/ballots'] : ['audit/outcome']));
        f.commit({ [path]: written }, { message: 'the record as written' });
      }
    } finally {
      beacon.down = false;
    }
  });

  it('a voter\'s force-push dropping their sealed ballot after the round opens does not change the count', async () => {
    const f = await sealedVote();
    await castSealed(f, 'bruno', 'yes');
    const chloe = await castSealed(f, 'chloe', 'yes');
    await castSealed(f, 'dmitri', 'no');
    await castSealed(f, 'elena', 'no');
    await review(f, hours(3));
    // The round is out: everyone can open every ballot. elena sees it is 2–2 and drops hers.
    beacon.now = Date.parse(afterRound());
    const elenaOpened = await open(armoredOf(f, 'elena'), { round: round(), signature: beacon.sign(round()) }, beacon.beacon);
    expect(elenaOpened.ok).toBe(true);
    f.git(['branch', '-f', BRANCH, f.rev(`${BRANCH}~1`)]);
    // dmitri too, then casts a late ballot in its place.
    f.git(['branch', '-f', BRANCH, chloe]);
    await castSealed(f, 'dmitri', 'yes', { round: round() });
    const j = await review(f, afterRound());
    expect(j.problems).toEqual([]);
    // Both kept ballots count as first seen; dmitri's late one does not: 2 yes, 2 no is not more than half.
    expect(j.tally).toMatchObject({ yes: 2, no: 2 });
    expect(j.decision).toBe('reject');
    expect(statuses(j).dmitri).toBe('ballot-late');
  });

  it('a kept ballot whose commit is still here counts only as what that commit says: a ledger entry swapping its bytes does not change bruno\'s vote', async () => {
    const f = await sealedVote();
    const brunos = await castSealed(f, 'bruno', 'yes');
    await review(f, hours(1));
    // Whoever can push refs/noclout/ledger swaps the kept bytes for a "no" in bruno's name, and the branch is put back before his commit.
    const repo = openRepository(join(f.dir, '.git'));
    const forged = await writeSealedBlob(repo, writeSealedBallot(await sealedText('bruno', 'no')));
    await updateOpening(repo, CHANGE, new Date(hours(2)), (o) => ({ ...o!, sealed: { [brunos]: { ...o!.sealed![brunos]!, blob: forged } } }));
    f.git(['branch', '-f', BRANCH, `${brunos}~1`]);
    const j = await review(f, afterRound());
    expect(listed(j)).toEqual(['bruno:sealed:false']);
    expect(statuses(j).bruno).toBe('ballot-someone-else');
    expect(j.tally).toMatchObject({ yes: 0, no: 0 });
  });

  it('control: without the force-push the same ballots give the same count', async () => {
    const f = await sealedVote();
    for (const [voter, vote] of [['bruno', 'yes'], ['chloe', 'yes'], ['dmitri', 'no'], ['elena', 'no']] as const) await castSealed(f, voter, vote);
    await review(f, hours(3));
    const j = await review(f, afterRound());
    expect(j.tally).toMatchObject({ yes: 2, no: 2 });
    expect(j.decision).toBe('reject');
  });

  it('a copied ballot (another voter\'s ciphertext in my file) does not count; the original does', async () => {
    const f = await sealedVote();
    await castSealed(f, 'bruno', 'yes');
    await castSealed(f, 'chloe', 'yes', { armored: armoredOf(f, 'bruno') });
    await review(f, hours(3));
    const j = await review(f, afterRound());
    expect(listed(j)).toEqual(['bruno:yes:true', 'chloe:sealed:false']);
    expect(statuses(j)).toMatchObject({ bruno: 'ballot-counted', chloe: 'ballot-sealed-copied' });
    expect(j.tally).toMatchObject({ yes: 1, no: 0 });
  });

  it('an unopenable ballot is listed with its status: sealed to another round, or damaged', async () => {
    const f = await sealedVote();
    await castSealed(f, 'bruno', 'yes');
    await castSealed(f, 'chloe', 'no', { round: round() + 1 });
    const good = await sealedText('dmitri', 'no');
    const lines = good.split('\n');
    const at = lines.length - 3;
    lines[at] = (lines[at]![0] === 'A' ? 'B' : 'A') + lines[at]!.slice(1);
    await castSealed(f, 'dmitri', 'no', { armored: lines.join('\n') });
    const open = await review(f, hours(3));
    // Known before the close, without opening it: the wrong round.
    expect(statuses(open)).toMatchObject({ bruno: 'ballot-sealed-pending', chloe: 'ballot-sealed-wrong-round', dmitri: 'ballot-sealed-pending' });
    const j = await review(f, afterRound());
    expect(statuses(j)).toMatchObject({ bruno: 'ballot-counted', chloe: 'ballot-sealed-wrong-round', dmitri: 'ballot-sealed-undecryptable' });
    expect(j.tally).toMatchObject({ yes: 1, no: 0 });
  });

  it('issue 13 review: a beacon answering garbage at the close (null, not JSON, a body past the bound) leaves the change waiting and the queue going: the public change behind it is merged in the same run', async () => {
    const f = await sealedVote();
    await castSealed(f, 'bruno', 'yes');
    await castSealed(f, 'chloe', 'yes');
    await review(f, hours(3));
    // A post on its own branch, due by the same run (lazy consensus, public).
    f.commit({ 'content/posts/2026/quiet.md': '---\ntitle: "Quiet"\nauthor: dmitri\ndate: 2026-11-02\nlang: en\n---\n\nQuiet hours.\n' }, { branch: 'post/quiet', signer: 'dmitri' });
    beacon.now = Date.parse(hours(4));
    await nocloutInProcess(['review', 'post/quiet', '--at', hours(4), '--repo', f.dir, '--format', 'json']);
    for (const garbage of ['null', '<html>', `{"round":${round()},"signature":"${'a'.repeat(200_000)}"}`]) {
      beacon.garbage = garbage;
      try {
        beacon.now = Date.parse(afterRound());
        const run = await nocloutInProcess(['merge', '--at', afterRound(), '--repo', f.dir, '--format', 'json']);
        expect(run.code, `${garbage.slice(0, 20)}: ${run.stderr}`).toBe(0);
        const sealed = run.json.results.find((r: any) => r.head === BRANCH);
        expect(sealed).toMatchObject({ decision: 'pending', merged: false });
        expect(sealed.reasonCodes[0]).toMatchObject({ code: 'vote-sealed-waiting', params: { why: 'invalid' } });
        if (garbage === 'null') expect(run.json.results.find((r: any) => r.head === 'post/quiet')).toMatchObject({ decision: 'accept', merged: true });
      } finally {
        beacon.garbage = undefined;
      }
    }
    expect(await merge(f, afterRound())).toMatchObject({ decision: 'accept', merged: true, tally: { yes: 2 } });
  });

  it('beacon down at the close: no decision, the change waits for the round and says so; decided once the beacon is back', async () => {
    const f = await sealedVote();
    await castSealed(f, 'bruno', 'yes');
    await castSealed(f, 'chloe', 'yes');
    await review(f, hours(3));
    beacon.down = true;
    try {
      const waiting = await merge(f, afterRound());
      expect(waiting).toMatchObject({ decision: 'pending', merged: false });
      expect(waiting.record).toBeUndefined();
      const j = await review(f, afterRound());
      expect(j.reasonCodes.map((c: any) => c.code)).toEqual(['vote-sealed-waiting']);
      expect(j.reasonCodes[0].params).toMatchObject({ round: round(), why: 'unreachable' });
      expect(j.tally).toBeUndefined();
    } finally {
      beacon.down = false;
    }
    const decided = await merge(f, new Date(Date.parse(afterRound()) + 3_600_000).toISOString());
    expect(decided).toMatchObject({ decision: 'accept', merged: true, tally: { yes: 2 } });
  });
});

describe('issue 13 review: while a sealed vote is open, no ballot is shown with a yes or a no', () => {
  it('a pending sealed ballot is "sealed until the close" (not "counts: yes") in the JSON, the comment in both languages and the CLI; a public ballot file is "public", its choice and words not repeated', async () => {
    const f = await sealedVote();
    await castSealed(f, 'bruno', 'yes');
    f.commit({ [`governance/ballots/${CHANGE}/chloe.yml`]: 'vote: no\nreason: Nobody reads the sources.\n' }, { branch: BRANCH, signer: 'chloe' });
    const j = await review(f, hours(2));
    expect(listed(j)).toEqual(['bruno:sealed:false', 'chloe:public:false']);
    expect(statuses(j)).toEqual({ bruno: 'ballot-sealed-pending', chloe: 'ballot-public-in-sealed' });
    expect(JSON.stringify(j)).not.toMatch(/"vote":"(yes|no|abstain)"|"counted":true|Nobody reads/);
    const comment = renderJudgementComment(j, { languages: ['en', 'fr'] });
    expect(comment).toContain('| bruno | sealed | sealed until the close |');
    expect(comment).toContain('| bruno | scellé | scellé jusqu’à la clôture |');
    expect(comment).toContain('| chloe | public | no |');
    expect(comment).not.toMatch(/\| (?:bruno|chloe) \| (?:yes|no|abstain|oui|non|abstention) \|/);
    expect(comment).not.toMatch(/\| (?:bruno) \| (?:sealed|scellé) \| (?:yes|oui) \|/);
    const text = await nocloutInProcess(['review', BRANCH, '--at', hours(2), '--repo', f.dir]);
    expect(text.stdout).toMatch(/^ {4}sealed {6}bruno sealed/m);
    expect(text.stdout).not.toMatch(/^ {4}counted/m);
    // After the close the same ballots are opened and shown as counted, the public one still without its choice.
    const closed = await merge(f, afterRound());
    expect(listed(closed)).toEqual(['bruno:yes:true', 'chloe:public:false']);
    const record = f.git(['show', `main:${closed.record}`]);
    expect(record).toMatch(/voter: chloe\n\s+vote: public/);
    expect(record).not.toContain('Nobody reads');
  });

  it('control: in a public vote the same ballot file counts, with its choice and words', async () => {
    const f = commons();
    f.commit({ 'content/proposals/cite-sources.md': proposalText({ author: 'amina' }), 'governance/rules/cite-sources.md': '---\ntitle: "Cite your sources"\n---\n\nLink.\n' }, { branch: BRANCH, signer: 'amina' });
    await review(f, T0);
    f.commit({ [`governance/ballots/${CHANGE}/chloe.yml`]: 'vote: no\nreason: Nobody reads the sources.\n' }, { branch: BRANCH, signer: 'chloe' });
    const j = await review(f, hours(2));
    expect(listed(j)).toEqual(['chloe:no:true']);
    expect(renderJudgementComment(j)).toContain('| chloe | no | yes |');
  });
});

describe('issue 13 review: the ledger keeps one sealed ballot per member', () => {
  it('a member pushing sealed ballot after sealed ballot leaves one kept ballot, the latest, in the entry and the tree; at the close it counts, and if it does not open an earlier one does not come back', async () => {
    const f = await sealedVote();
    await castSealed(f, 'bruno', 'yes');
    await review(f, hours(1));
    await castSealed(f, 'bruno', 'no');
    await review(f, hours(2));
    const last = await castSealed(f, 'bruno', 'abstain');
    await castSealed(f, 'chloe', 'yes');
    await review(f, hours(3));
    const tree = f.git(['ls-tree', '-r', '--name-only', 'refs/noclout/ledger']).split('\n').filter((p) => p.startsWith('sealed/'));
    expect(tree).toHaveLength(2);
    expect(tree).toContain(`sealed/${CHANGE}/${last}`);
    const j = await review(f, afterRound());
    expect(j.ballots.map((b: any) => `${b.voter}:${b.vote}:${b.counted}:${b.status.code}`)).toEqual([
      'bruno:sealed:false:ballot-superseded',
      'bruno:sealed:false:ballot-superseded',
      'bruno:abstain:true:ballot-counted',
      'chloe:yes:true:ballot-counted',
    ]);
  });

  it('the latest kept ballot not opening leaves its member without a vote, whatever the branch still shows', async () => {
    const f = await sealedVote();
    await castSealed(f, 'bruno', 'yes');
    await review(f, hours(1));
    // Bruno then seals chloe's name: his latest ballot opens to another voter.
    await castSealed(f, 'bruno', 'no', { as: 'chloe' });
    await review(f, hours(2));
    const j = await review(f, afterRound());
    expect(statuses(j)).toEqual({ bruno: 'ballot-sealed-copied' });
    expect(j.ballots.map((b: any) => b.status.code)).toEqual(['ballot-superseded', 'ballot-sealed-copied']);
    expect(j.tally).toMatchObject({ yes: 0, no: 0 });
  });
});

describe('a public vote (control)', () => {
  it('is unchanged: a running tally while open, and no sealed field in the record', async () => {
    const f = commons();
    f.commit({ 'content/proposals/cite-sources.md': proposalText({ author: 'amina' }), 'governance/rules/cite-sources.md': '---\ntitle: "Cite your sources"\n---\n\nLink.\n' }, { branch: BRANCH, signer: 'amina' });
    await review(f, T0);
    f.commit({ [`governance/ballots/${CHANGE}/bruno.yml`]: 'vote: yes\n' }, { branch: BRANCH, signer: 'bruno' });
    f.commit({ [`governance/ballots/${CHANGE}/chloe.yml`]: 'vote: yes\n' }, { branch: BRANCH, signer: 'chloe' });
    const open = await review(f, hours(1));
    expect(open.tally).toMatchObject({ yes: 2 });
    expect(listed(open)).toEqual(['bruno:yes:true', 'chloe:yes:true']);
    const result = await merge(f, days(7));
    expect(result).toMatchObject({ decision: 'accept', merged: true });
    expect(f.git(['show', `main:${result.record}`])).not.toContain('sealed');
  });

  it('a sealed ballot in a public vote does not count, and says why', async () => {
    const f = commons();
    f.commit({ 'content/proposals/cite-sources.md': proposalText({ author: 'amina' }), 'governance/rules/cite-sources.md': '---\ntitle: "Cite your sources"\n---\n\nLink.\n' }, { branch: BRANCH, signer: 'amina' });
    await review(f, T0);
    await castSealed(f, 'bruno', 'yes');
    expect(statuses(await review(f, hours(1)))).toMatchObject({ bruno: 'ballot-sealed-in-public' });
  });
});

describe('noclout check on a sealed policy', () => {
  async function check(policy: string) {
    const f = commons();
    f.commit({ 'governance/policy.md': policy }, { message: 'policy' });
    const out = await nocloutInProcess(['check', '--repo', f.dir, '--format', 'json']);
    return { code: out.code, rules: (out.json?.problems ?? []).map((p: any) => `${p.path}:${p.line}:${p.rule}`) };
  }

  it('a valid sealed policy passes', async () => {
    expect(await check(sealedPolicy(beacon.beacon))).toEqual({ code: 0, rules: [] });
  });

  it('sealed without a beacon fails, at the ballots key', async () => {
    expect(await check(sealedPolicy(undefined))).toEqual({ code: 1, rules: ['governance/policy.md:3:policy/sealed-no-beacon'] });
  });

  it('closeEarly with sealed ballots fails: nobody can know early that a sealed vote is settled', async () => {
    const result = await check(sealedPolicy(beacon.beacon, SEALED_RULES.replace('closeEarly: false', 'closeEarly: true')));
    expect(result).toEqual({ code: 1, rules: ['governance/policy.md:3:policy/sealed-close-early'] });
  });

  it('a sealed ballot file sealed to another beacon fails check; one that is not armored names its line', async () => {
    const f = commons();
    f.commit({ 'governance/policy.md': sealedPolicy(beacon.beacon) }, { message: 'sealed' });
    f.commit({ 'content/proposals/cite-sources.md': proposalText({ author: 'amina' }) }, { message: 'a proposal' });
    const other = await startBeacon();
    try {
      const foreign = await seal('voter: bruno\nchange: cite-sources\nvote: yes\n', 5, other.beacon);
      f.commit({ [`governance/ballots/${CHANGE}/bruno.yml`]: writeSealedBallot(foreign), [`governance/ballots/${CHANGE}/chloe.yml`]: 'sealed: |\n  vote: yes\n' }, { message: 'ballots' });
    } finally {
      await other.stop();
    }
    const out = await nocloutInProcess(['check', '--repo', f.dir, '--format', 'json']);
    expect(out.json.problems.map((p: any) => `${p.path}:${p.line}:${p.rule}`)).toEqual([
      `governance/ballots/${CHANGE}/bruno.yml:1:ballot/sealed-chain`,
      `governance/ballots/${CHANGE}/chloe.yml:2:ballot/sealed-structure`,
    ]);
  });
});

describe('noclout vote --sealed', () => {
  it('seals the ballot to the close round read from the ledger\'s opening; the bot opens it at the close', async () => {
    const f = commons({ members: ['amina', 'bruno', 'chloe'] });
    f.commit({ 'governance/policy.md': sealedPolicy(beacon.beacon) }, { message: 'sealed' });
    f.commit({ 'content/proposals/cite-sources.md': proposalText({ author: 'amina' }), 'governance/rules/cite-sources.md': '---\ntitle: "Cite"\n---\n\nCite.\n' }, { branch: BRANCH, signer: 'amina' });
    const remote = bareRemote(f);
    await review(remote, T0);
    const bruno = cloneFor(remote, 'bruno');
    const cast = await bruno.noclout(['vote', CHANGE, 'yes', '--sealed', '--reason', 'Links help.', '--at', hours(1), '--format', 'json']);
    expect(cast.code, cast.stderr).toBe(0);
    expect(cast.json).toMatchObject({ ok: true, handle: 'bruno', pushed: true, sealed: { round: round(), closes: days(7) } });
    const file = execGit(remote, ['show', `${BRANCH}:governance/ballots/${CHANGE}/bruno.yml`]);
    expect(file).toMatch(/^sealed: \|\n {2}-----BEGIN AGE ENCRYPTED FILE-----\n/);
    expect(file).not.toContain('Links help');
    expect(execGit(remote, ['log', '-1', '--format=%s', BRANCH])).not.toMatch(/yes/);
    expect(listed(await review(remote, hours(2)))).toEqual(['bruno:sealed:false']);
    const j = await review(remote, afterRound());
    expect(listed(j)).toEqual(['bruno:yes:true']);
    expect(j.ballots[0].comment).toBe('Links help.');
  });

  it('issue 13 review: a ledger entry freezing a policy commit that is not on main (its beacon someone else\'s) makes vote refuse to seal; control: the bot\'s own entry seals', async () => {
    const f = commons({ members: ['amina', 'bruno', 'chloe'] });
    f.commit({ 'governance/policy.md': sealedPolicy(beacon.beacon) }, { message: 'sealed' });
    f.commit({ 'content/proposals/cite-sources.md': proposalText({ author: 'amina' }), 'governance/rules/cite-sources.md': '---\ntitle: "Cite"\n---\n\nCite.\n' }, { branch: BRANCH, signer: 'amina' });
    // Whoever can push refs/noclout/ledger (a maintainer, the bot's operator) holds the key of a beacon of their own.
    const theirs = await startBeacon();
    await theirs.stop();
    const evil = f.commit({ 'governance/policy.md': sealedPolicy(theirs.beacon) }, { branch: 'their-policy', message: 'their beacon' });
    const remote = bareRemote(f);
    await review(remote, T0);
    const ledger = openRepository(remote);
    const honest = execGit(remote, ['rev-parse', 'refs/noclout/ledger']);
    await updateOpening(ledger, CHANGE, new Date(hours(1)), (o) => ({ ...o!, policyCommit: evil, rosterCommit: evil }));
    const bruno = cloneFor(remote, 'bruno');
    const refused = await bruno.noclout(['vote', CHANGE, 'yes', '--at', hours(2), '--format', 'json']);
    expect(refused.code).toBe(1);
    expect(refused.json.error.rule).toBe('vote/sealed-untrusted');
    expect(execGit(remote, ['ls-tree', '-r', '--name-only', BRANCH])).not.toContain('governance/ballots/');
    // Control: the entry the bot wrote.
    execGit(remote, ['update-ref', 'refs/noclout/ledger', honest]);
    const chloe = cloneFor(remote, 'chloe');
    const cast = await chloe.noclout(['vote', CHANGE, 'no', '--at', hours(2), '--format', 'json']);
    expect(cast.json).toMatchObject({ ok: true, sealed: { round: round() } });
  });

  it('issue 13 review: a reason too long to pad is refused, never sealed unpadded; control: a reason of 2,000 plain characters seals to the same size as none', async () => {
    const f = commons({ members: ['amina', 'bruno', 'chloe'] });
    f.commit({ 'governance/policy.md': sealedPolicy(beacon.beacon) }, { message: 'sealed' });
    f.commit({ 'content/proposals/cite-sources.md': proposalText({ author: 'amina' }), 'governance/rules/cite-sources.md': '---\ntitle: "Cite"\n---\n\nCite.\n' }, { branch: BRANCH, signer: 'amina' });
    const remote = bareRemote(f);
    await review(remote, T0);
    const bruno = cloneFor(remote, 'bruno');
    const long = await bruno.noclout(['vote', CHANGE, 'no', '--reason', '€'.repeat(2000), '--at', hours(1), '--format', 'json']);
    expect(long.code).toBe(1);
    expect(long.json.error.rule).toBe('vote/sealed-too-long');
    expect(execGit(remote, ['ls-tree', '-r', '--name-only', BRANCH])).not.toContain(`governance/ballots/${CHANGE}/bruno.yml`);
    expect((await bruno.noclout(['vote', CHANGE, 'no', '--reason', 'a'.repeat(2000), '--at', hours(1), '--format', 'json'])).json).toMatchObject({ ok: true });
    const chloe = cloneFor(remote, 'chloe');
    expect((await chloe.noclout(['vote', CHANGE, 'yes', '--at', hours(1), '--format', 'json'])).json).toMatchObject({ ok: true });
    const size = (voter: string) => execGit(remote, ['cat-file', '-s', `${BRANCH}:governance/ballots/${CHANGE}/${voter}.yml`]);
    expect(size('bruno')).toBe(size('chloe'));
  });

  it('without --sealed, a sealed vote still seals; a public vote refuses --sealed', async () => {
    const f = commons({ members: ['amina', 'bruno', 'chloe'] });
    f.commit({ 'governance/policy.md': sealedPolicy(beacon.beacon) }, { message: 'sealed' });
    f.commit({ 'content/proposals/cite-sources.md': proposalText({ author: 'amina' }), 'governance/rules/cite-sources.md': '---\ntitle: "Cite"\n---\n\nCite.\n' }, { branch: BRANCH, signer: 'amina' });
    const remote = bareRemote(f);
    // Not opened yet: the close, and so the round, are unknown.
    const chloe = cloneFor(remote, 'chloe');
    const early = await chloe.noclout(['vote', CHANGE, 'no', '--at', hours(0), '--format', 'json']);
    expect(early.code).toBe(1);
    expect(early.json.error.rule).toBe('vote/sealed-not-opened');
    await review(remote, T0);
    const cast = await chloe.noclout(['vote', CHANGE, 'no', '--at', hours(1), '--format', 'json']);
    expect(cast.json).toMatchObject({ ok: true, sealed: { round: round() } });
    const late = await chloe.noclout(['vote', CHANGE, 'yes', '--at', days(8), '--format', 'json']);
    expect(late.json.error.rule).toBe('vote/sealed-closed');

    const pub = commons({ members: ['amina', 'bruno'] });
    pub.commit({ 'content/proposals/cite-sources.md': proposalText({ author: 'amina' }), 'governance/rules/cite-sources.md': '---\ntitle: "Cite"\n---\n\nCite.\n' }, { branch: BRANCH, signer: 'amina' });
    const pubRemote = bareRemote(pub);
    await review(pubRemote, T0);
    const refused = await cloneFor(pubRemote, 'bruno').noclout(['vote', CHANGE, 'yes', '--sealed', '--at', hours(1), '--format', 'json']);
    expect(refused.json.error.rule).toBe('vote/sealed-public-vote');
  });
});

function execGit(dir: string, args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
}

describe('issue 13 review: a beacon known by its chain hash or key must be that beacon', () => {
  async function checkPolicy(b: Beacon) {
    const f = commons();
    f.commit({ 'governance/policy.md': sealedPolicy(b) }, { message: 'policy' });
    const out = await nocloutInProcess(['check', '--repo', f.dir, '--format', 'json']);
    return { code: out.code, rules: (out.json?.problems ?? []).map((p: any) => `${p.path}:${p.line}:${p.rule}`), messages: (out.json?.problems ?? []).map((p: any) => p.message) };
  }

  it('quicknet\'s key with a later genesis (its rounds already published: ballots readable at once) or quicknet\'s chain hash with another key fails check', async () => {
    const later = await checkPolicy({ ...QUICKNET, genesis: QUICKNET.genesis + 86_400 * 365 });
    expect(later.code).toBe(1);
    expect(later.rules).toEqual([expect.stringMatching(/^governance\/policy\.md:\d+:policy\/beacon-known$/)]);
    expect(later.messages[0]).toContain('genesis');
    const slower = await checkPolicy({ ...QUICKNET, period: 30, chainHash: beacon.beacon.chainHash });
    expect(slower.rules.filter((r: string) => r.endsWith('policy/beacon-known'))).toHaveLength(2);
    const theirs = await checkPolicy({ ...QUICKNET, publicKey: beacon.beacon.publicKey });
    expect(theirs.code).toBe(1);
    expect(theirs.messages.join(' ')).toContain('publicKey');
  });

  it('control: quicknet as documented passes, and so does a beacon of its own numbers (the test beacon)', async () => {
    expect(await checkPolicy(QUICKNET)).toMatchObject({ code: 0, rules: [] });
    expect(await checkPolicy(beacon.beacon)).toMatchObject({ code: 0, rules: [] });
  });
});
