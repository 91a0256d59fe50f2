/**
 * Issue 13, "What-if: a policy tested on the past", through the command line on real repositories:
 * the bot's records keep each ballot's time (audit checks it), `noclout what-if` replays them
 * under a proposed policy.md or a change's, a policy change's review shows the summary, a bad
 * policy is a clear problem (exit 1), a bad argument a usage error (exit 2), and all of it in French.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.ts';
import { renderRecord } from '../../src/commons/decision-record.ts';
import { sealRecord } from '../../src/commons/record-digest.ts';
import { renderJudgementComment } from '../../src/commons/judgement-comment.ts';
import { whatIf } from '../../src/commons/what-if.ts';
import { changed, fixtureRecords, RECORDED } from '../fixtures/what-if-records.ts';
import { policyText, proposalText, trackedCommons, type Fixture } from '../repo/fixture.ts';
import { days, hours, T0 } from './clock.ts';
import { noclout, nocloutInProcess } from './cli.ts';

const commons = trackedCommons();
const PATH = 'governance/decisions/2026/0001-voiced.md';
const STRICTER = policyText({ rules: '{ quorum: "1/2", threshold: { moreThan: "1/2" }, days: 7, closeEarly: false }' });
const SHORTER = policyText({ rules: '{ quorum: "1/3", threshold: { moreThan: "1/2" }, days: 1, closeEarly: false }' });
const temp: string[] = [];
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));
function file(text: string, name = 'policy.md'): string {
  temp.push(mkdtempSync(path.join(tmpdir(), 'noclout-what-if-')));
  const p = path.join(temp.at(-1)!, name);
  writeFileSync(p, text);
  return p;
}

/** main() with an environment (the locale) of our choosing. */
async function run(args: readonly string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd: process.cwd(), env, stdout: (t) => void (stdout += `${t}\n`), stderr: (t) => void (stderr += `${t}\n`) });
  let json: any;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  return { code, stdout, stderr, json };
}

/** A rule proposal accepted by the real bot: bruno (twice) and chloe vote yes, first seen 1, 2 and 3 hours after the opening; 2 of 5 members meet the quorum of 1/3. */
async function decided(): Promise<Fixture> {
  const f = commons();
  f.commit({ 'content/proposals/voiced.md': proposalText({ author: 'amina', title: 'Voiced' }), 'governance/rules/voiced.md': '---\ntitle: "Voiced"\n---\n\nx\n' }, { branch: 'proposal/voiced', signer: 'amina' });
  await nocloutInProcess(['review', 'proposal/voiced', '--repo', f.dir, '--at', T0]);
  for (const [i, voter] of ['bruno', 'chloe', 'bruno'].entries()) {
    f.commit({ [`governance/ballots/voiced/${voter}.yml`]: `vote: yes\nreason: "ballot ${i}"\n` }, { branch: 'proposal/voiced', signer: voter, message: `ballot: ${voter}` });
    await nocloutInProcess(['review', 'proposal/voiced', '--repo', f.dir, '--at', hours(i + 1)]);
  }
  const merged = await nocloutInProcess(['merge', '--repo', f.dir, '--at', days(8), '--format', 'json']);
  expect(merged.json.results[0]).toMatchObject({ decision: 'accept', merged: true, record: PATH });
  return f;
}

/** A policy change on a branch: its proposal and the policy.md it proposes. */
function policyChange(f: Fixture, slug: string, policy: string): void {
  f.commit({ [`content/proposals/${slug}.md`]: proposalText({ author: 'amina', title: `Policy ${slug}` }), 'governance/policy.md': policy }, { branch: `policy/${slug}`, signer: 'amina', from: 'main' });
}

function rewrite(f: Fixture, edit: (text: string) => string): void {
  const text = `${f.git(['show', `main:${PATH}`])}\n`;
  const edited = edit(text);
  expect(edited).not.toBe(text);
  f.commit({ [PATH]: sealRecord(edited) }, { message: 'a record rewritten and sealed again' });
}

const auditFindings = (f: Fixture) => {
  const r = noclout(['audit', '--repo', f.dir, '--format', 'json']);
  return r.code === 0 ? [] : (r.json.findings as { rule: string; message: string }[]);
};

describe("records keep each ballot's time, and audit checks it (issue 13)", () => {
  it('the bot writes castAt, the time it first saw each ballot commit; audit passes; a castAt rewritten and re-sealed is audit/ballots', async () => {
    const f = await decided();
    const front = parse(f.git(['show', `main:${PATH}`]).split('\n---\n')[0]!.replace(/^---\n/, '')) as { ballots: { voter: string; castAt: string }[] };
    expect(front.ballots.map((b) => [b.voter, b.castAt])).toEqual([['bruno', hours(1)], ['chloe', hours(2)], ['bruno', hours(3)]]);
    expect(auditFindings(f)).toEqual([]);
    rewrite(f, (t) => t.replace(`castAt: ${hours(2)}`, `castAt: ${hours(200)}`));
    const found = auditFindings(f);
    expect(found.map((x) => x.rule)).toEqual(['audit/ballots']);
    expect(found[0]!.message).toBe(`ballots[1] (chloe).castAt is "${hours(200)}"; the replay finds it cast at "${hours(2)}"`);
  });

  it('a record that keeps the time of some ballots and not others is reported; one that keeps none (written before times) audits', async () => {
    const f = await decided();
    rewrite(f, (t) => t.replace(`\n    castAt: ${hours(2)}`, ''));
    expect(auditFindings(f).map((x) => x.message)).toEqual(['2 of 3 ballots have a castAt: a record keeps every ballot\'s time or none (one written before times were kept)']);
    const g = await decided();
    rewrite(g, (t) => t.replace(/\n {4}castAt: .*/g, ''));
    expect(auditFindings(g)).toEqual([]);
  });
});

describe('noclout what-if <policy file | change> (issue 13)', () => {
  it('replays the bot\'s own record: a stricter quorum flips it, with the tally under both policies; a shorter `days` closes it earlier', async () => {
    const f = await decided();
    const stricter = await run(['what-if', file(STRICTER), '--repo', f.dir, '--format', 'json']);
    expect(stricter.code).toBe(0);
    expect(stricter.json).toMatchObject({ ok: true, decisions: 1, flipped: 1, earlier: 0, later: 0, unknown: 0 });
    expect(stricter.json.differing[0]).toMatchObject({ id: '2026/0001-voiced', certainty: 'exact', before: { outcome: 'accepted', tally: { yes: 2, quorumMet: true } }, after: { outcome: 'rejected', tally: { yes: 2, quorumMet: false } } });
    expect(stricter.json.summary).toBe('Under this policy, 1 of 1 past decision would have gone the other way: “Voiced” (accepted → rejected).');
    // Opened at T0, decided by the bot at day 8 (a day after its deadline): with 1 day, it closes at day 2, the same day late.
    const shorter = await run(['what-if', file(SHORTER), '--repo', f.dir, '--format', 'json']);
    expect(shorter.json.differing).toEqual([expect.objectContaining({ flipped: false, moved: 'earlier', certainty: 'exact', after: expect.objectContaining({ outcome: 'accepted', closed: days(2) }) })]);
  });

  it('the control: the policy in force, given as a file, changes nothing', async () => {
    const f = await decided();
    const control = await run(['what-if', file(f.git(['show', 'main:governance/policy.md'])), '--repo', f.dir]);
    expect(control.code).toBe(0);
    expect(control.stdout).toContain('Under this policy, none of the 1 past decision would have gone the other way.');
    expect(control.stdout).toContain('Nothing would differ.');
  });

  it('a change names the policy: a branch, or the slug of a proposal the ledger opened; and the review of a policy change shows the summary', async () => {
    const f = await decided();
    policyChange(f, 'stricter', STRICTER);
    const byBranch = await run(['what-if', 'policy/stricter', '--repo', f.dir, '--format', 'json']);
    expect(byBranch.json).toMatchObject({ ok: true, flipped: 1, policy: { from: 'change', change: 'policy/stricter', commit: f.rev('policy/stricter') } });
    const review = await run(['review', 'policy/stricter', '--repo', f.dir, '--at', days(9)]);
    expect(review.stdout).toContain('  Under this policy, 1 of 1 past decision would have gone the other way: “Voiced” (accepted → rejected).');
    const bySlug = await run(['what-if', 'stricter', '--repo', f.dir, '--format', 'json']);
    expect(bySlug.json).toMatchObject({ ok: true, flipped: 1 });
    const json = await run(['review', 'policy/stricter', '--repo', f.dir, '--at', days(9), '--format', 'json']);
    expect(json.json.whatIf).toEqual({ decisions: 1, flipped: 1, earlier: 0, later: 0, unknown: 0, flips: [{ id: '2026/0001-voiced', title: 'Voiced', before: 'accepted', after: 'rejected' }] });
    // The GitHub judgement comment says the same, in each of the commons' languages.
    const comment = renderJudgementComment(json.json, { languages: ['fr', 'en'] });
    expect(comment).toContain('**Le passé, avec cette politique**\n\nAvec cette politique, 1 des 1 décision passée aurait été tranchée autrement\u202f: «\u202fVoiced\u202f» (acceptée → refusée).');
    expect(comment).toContain('**Under this policy, the past**\n\nUnder this policy, 1 of 1 past decision would have gone the other way: “Voiced” (accepted → rejected).');
    expect(comment).toContain('`noclout what-if policy/stricter`');
  });

  it('a change that does not touch governance/policy.md, an argument that is neither file nor change, or two arguments: usage errors (exit 2)', async () => {
    const f = await decided();
    f.commit({ 'content/proposals/other.md': proposalText({ author: 'amina', title: 'Other' }), 'governance/rules/other.md': '---\ntitle: "Other"\n---\n\nx\n' }, { branch: 'proposal/other', signer: 'amina', from: 'main' });
    const same = await run(['what-if', 'proposal/other', '--repo', f.dir]);
    expect([same.code, same.stderr.split('\n')[0]]).toEqual([2, 'noclout what-if: proposal/other does not change governance/policy.md: there is nothing to replay']);
    const nothing = await run(['what-if', 'no-such-thing.md', '--repo', f.dir]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('"no-such-thing.md" is neither a file nor a change');
    expect((await run(['what-if', 'a', 'b', '--repo', f.dir])).code).toBe(2);
    expect((await run(['what-if', '--repo', f.dir, '--format', 'json'])).json).toMatchObject({ ok: false, error: { kind: 'usage' } });
  });

  it('a proposed policy that does not read is a clear problem, path:line:col with its rule, and nothing is replayed (exit 1)', async () => {
    const f = await decided();
    const bad = file(policyText({ rules: '{ quorum: "2/1", threshold: { moreThan: "1/2" }, days: 7, closeEarly: false }' }), 'bad-policy.md');
    const text = await run(['what-if', bad, '--repo', f.dir]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: .*quorum.*\\[policy/schema\\]$`, 'm'));
    expect(text.stdout).toContain(`${bad} is not a policy the bot could enforce (1 problem); nothing was replayed`);
    const json = await run(['what-if', bad, '--repo', f.dir, '--format', 'json']);
    expect(json.json).toMatchObject({ ok: false, problems: [{ path: bad, line: 3, rule: 'policy/schema' }] });
  });

  it('reads every record on main as the pure replay does: the fixture with known answers gives, through git, what the function gives', async () => {
    const f = commons({ policy: { membership: '{ quorum: "1/4", threshold: { moreThan: "1/2" }, days: 7, closeEarly: true }' } });
    // Judged by the policy at main's first commit, which the command reads for the post under an objection.
    const main = f.rev('main');
    const records = fixtureRecords().map(({ id, record }) => ({ id, record: { ...record, policyCommit: main } }));
    f.commit(Object.fromEntries(records.map(({ id, record }) => [`governance/decisions/${id}.md`, renderRecord((({ digest: _d, ...r }) => r)(record))])), { message: 'records' });
    const policy = changed({ rules: { days: 3 } });
    const proposed = file(policyText({ rules: '{ quorum: "1/3", threshold: { moreThan: "1/2" }, days: 3, closeEarly: false }', membership: '{ quorum: "1/4", threshold: { moreThan: "1/2" }, days: 7, closeEarly: true }' }));
    const out = await run(['what-if', proposed, '--repo', f.dir, '--format', 'json']);
    const expected = whatIf({ decisions: records, policy, frozen: new Map([[main, RECORDED]]) });
    expect(out.json.differing).toEqual(expected.differing);
    expect(out.json).toMatchObject({ decisions: 12, flipped: 1, unknown: 1 });
  });

  it('in French: the report, its typography, and the usage errors', async () => {
    const f = await decided();
    const fr = { LANG: 'fr_FR.UTF-8' };
    const out = await run(['what-if', file(STRICTER), '--repo', f.dir], fr);
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[1]).toBe('Avec cette politique, 1 des 1 décision passée aurait été tranchée autrement\u202f: «\u202fVoiced\u202f» (acceptée → refusée).');
    expect(lines[3]).toBe('Auraient été tranchées autrement\u202f:');
    expect(out.stdout).toContain('    consignée\u202f: acceptée, close le 10 novembre 2026 à 10:00\u202fUTC\u202f; 2 oui, 0 non, 0 abstention sur 5\u202f: quorum atteint, seuil atteint');
    expect(out.stdout).toContain('    rejouée\u202f: refusée, close le 10 novembre 2026 à 10:00\u202fUTC\u202f; 2 oui, 0 non, 0 abstention sur 5\u202f: quorum non atteint, seuil atteint');
    // No English sentence, and no colon without its narrow no-break space.
    expect(out.stdout).not.toMatch(/\b(would|the other way|recorded|replayed)\b/);
    expect(out.stdout.replace(/https?:|\d:\d/g, '')).not.toMatch(/[^\u202f]:/);
    const usage = await run(['what-if', 'nulle-part.md', '--repo', f.dir], fr);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('noclout what-if\u202f: «\u202fnulle-part.md\u202f» n’est ni un fichier ni un changement');
    expect(usage.stderr).toContain('Utilisation\u202f: noclout what-if <fichier de politique | changement>');
    const help = await run(['what-if', '--help', '--lang', 'fr']);
    expect(help.stdout).toContain('Rejoue chaque décision consignée');
  });
});
