/**
 * Issue 12, "Every word in the reader's language": a record keeps each text as a code the site
 * renders in the reader's language. The code is what a French reader sees, so it must follow from
 * the evidence like the English text: audit replays it (audit/codes). A record written before
 * codes (no reasonCodes) still audits on its texts.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sealRecord } from '../../src/commons/record-digest.ts';
import { recordText, type BotText } from '../../src/commons/texts/index.ts';
import { proposalText, trackedCommons, type Fixture } from '../repo/fixture.ts';
import { days, hours, T0 } from './clock.ts';
import { noclout, nocloutInProcess } from './cli.ts';

const commons = trackedCommons();
const PATH = 'governance/decisions/2026/0001-voiced.md';

async function decided(): Promise<Fixture> {
  const f = commons();
  f.commit({ 'content/proposals/voiced.md': proposalText({ author: 'amina', title: 'Voiced' }), 'governance/rules/voiced.md': '---\ntitle: "Voiced"\n---\n\nx\n' }, { branch: 'proposal/voiced', signer: 'amina' });
  await nocloutInProcess(['review', 'proposal/voiced', '--repo', f.dir, '--at', T0]);
  for (const [i, voter] of ['bruno', 'chloe', 'bruno'].entries()) {
    f.commit({ [`governance/ballots/voiced/${voter}.yml`]: `vote: yes\nreason: "${voter} at ${f.git(['rev-parse', 'proposal/voiced']).slice(0, 6)}"\n` }, { branch: 'proposal/voiced', signer: voter, message: `ballot: ${voter}` });
    await nocloutInProcess(['review', 'proposal/voiced', '--repo', f.dir, '--at', hours(i + 1)]);
  }
  const merged = await nocloutInProcess(['merge', '--repo', f.dir, '--at', days(8), '--format', 'json']);
  expect(merged.json.results[0]).toMatchObject({ decision: 'accept', merged: true, record: PATH });
  return f;
}

function rewrite(f: Fixture, edit: (text: string) => string): void {
  const text = `${f.git(['show', `main:${PATH}`])}\n`;
  const edited = edit(text);
  expect(edited).not.toBe(text);
  f.commit({ [PATH]: sealRecord(edited) }, { message: 'a record rewritten and sealed again' });
}

function findings(f: Fixture): { rule: string; message: string }[] {
  const run = noclout(['audit', '--repo', f.dir, '--format', 'json']);
  return run.code === 0 ? [] : (run.json.findings as { rule: string; message: string }[]);
}

describe('a record keeps its texts as codes, and audit replays them', () => {
  it('the record the bot writes holds a code beside every text, and its English is the rendering of that code; audit passes', async () => {
    const f = await decided();
    const text = f.git(['show', `main:${PATH}`]);
    const front = parse(text.split('\n---\n')[0]!.replace(/^---\n/, '')) as { reasons: string[]; reasonCodes: BotText[]; ballots: { reason: string; status: BotText }[] };
    expect(front.reasonCodes.map((c) => c.code)).toEqual(['vote-closed', 'vote-count']);
    expect(front.reasons).toEqual(front.reasonCodes.map(recordText));
    expect(front.ballots.map((b) => b.status.code)).toEqual(['ballot-superseded', 'ballot-counted', 'ballot-counted']);
    for (const b of front.ballots) expect(b.reason).toBe(recordText(b.status));
    expect(findings(f)).toEqual([]);
  });

  it('a code rewritten (the French reader would read "rejected"), re-sealed, is reported as audit/codes even though the English still reads right', async () => {
    const f = await decided();
    rewrite(f, (t) => t.replace(/(code: vote-count\n\s+params:\n(?:\s+\w+: .*\n)*?\s+passed:) true/, '$1 false'));
    const rules = findings(f);
    expect(rules.map((x) => x.rule)).toEqual(['audit/codes']);
    expect(rules[0]!.message).toMatch(/^reasonCodes are .*"passed":false.*; the replay gives .*"passed":true/);
  });

  it("a ballot's status rewritten (superseded shown as counted), re-sealed, is reported as audit/codes", async () => {
    const f = await decided();
    rewrite(f, (t) => t.replace('code: ballot-superseded\n      params:\n        by: bruno', 'code: ballot-counted\n      params: {}'));
    const rules = findings(f);
    expect(rules.map((x) => x.rule)).toEqual(['audit/codes']);
    expect(rules[0]!.message).toContain('ballots[0] (bruno).status is {"code":"ballot-counted","params":{}}');
  });

  it('a record written before codes (no reasonCodes, no status) still audits on its texts; one that keeps a stray code does not', async () => {
    const f = await decided();
    const legacy = (t: string) => t.replace(/\nreasonCodes:\n(?:  .*\n)+/, '\n').replace(/\n {4}status:\n(?: {6}.*\n)+/g, '\n');
    rewrite(f, legacy);
    expect(f.git(['show', `main:${PATH}`])).not.toContain('code:');
    expect(findings(f)).toEqual([]);
    const g = await decided();
    rewrite(g, (t) => t.replace(/\nreasonCodes:\n(?:  .*\n)+/, '\n'));
    expect(findings(g).map((x) => x.rule)).toEqual(['audit/codes', 'audit/codes', 'audit/codes']);
  });
});
