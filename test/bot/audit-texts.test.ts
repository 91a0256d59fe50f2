/**
 * The digest of a record is unkeyed: anyone who can write main can edit a
 * record and seal it again. The texts the site shows (voters' comments, the
 * reasons, the title, the body) must therefore follow from the evidence too:
 * audit compares each with the ballot files and the replay, naming the
 * record, the field and both values.
 */
import { describe, expect, it } from 'vitest';
import { sealRecord } from '../../src/commons/record-digest.ts';
import { proposalText, trackedCommons, type Fixture } from '../repo/fixture.ts';
import { days, hours, T0 } from './clock.ts';
import { noclout, nocloutInProcess } from './cli.ts';

const commons = trackedCommons();
const PATH = 'governance/decisions/2026/0001-voiced.md';

/** A proposal accepted with two commented ballots; audit passes on it as written. */
async function decided(): Promise<Fixture> {
  const f = commons();
  f.commit({ 'content/proposals/voiced.md': proposalText({ author: 'amina', title: 'Voiced' }), 'governance/rules/voiced.md': '---\ntitle: "Voiced"\n---\n\nx\n' }, { branch: 'proposal/voiced', signer: 'amina' });
  await nocloutInProcess(['review', 'proposal/voiced', '--repo', f.dir, '--at', T0]);
  for (const [voter, said] of [['bruno', 'Short and clear.'], ['chloe', 'Fine by me.']]) {
    f.commit({ [`governance/ballots/voiced/${voter}.yml`]: `vote: yes\nreason: "${said}"\n` }, { branch: 'proposal/voiced', signer: voter, message: `ballot: ${voter}` });
  }
  await nocloutInProcess(['review', 'proposal/voiced', '--repo', f.dir, '--at', hours(1)]);
  const merged = await nocloutInProcess(['merge', '--repo', f.dir, '--at', days(8), '--format', 'json']);
  expect(merged.json.results[0]).toMatchObject({ decision: 'accept', merged: true, record: PATH });
  expect(noclout(['audit', '--repo', f.dir]).code).toBe(0);
  return f;
}

/** Edit the record's text and seal it again, as anyone with write access to main can. */
function reseal(f: Fixture, edit: (text: string) => string): void {
  const text = f.git(['show', `main:${PATH}`]);
  const edited = edit(`${text}\n`);
  expect(edited).not.toBe(`${text}\n`);
  f.commit({ [PATH]: sealRecord(edited) }, { message: 'a record rewritten and sealed again' });
}

function audit(f: Fixture) {
  const run = noclout(['audit', '--repo', f.dir, '--format', 'json']);
  expect(run.code).toBe(1);
  const findings = run.json.findings as { path: string; rule: string; message: string }[];
  expect(findings.map((x) => x.rule)).not.toContain('audit/edited-by-hand');
  expect(findings.every((x) => x.path === PATH)).toBe(true);
  return findings;
}

describe('audit compares the texts a record copies from evidence', () => {
  it("a voter's comment rewritten in the front matter and the body, re-sealed, is reported as audit/comment with both texts", async () => {
    const f = await decided();
    reseal(f, (t) => t.replaceAll('Short and clear.', 'A terrible idea.'));
    const findings = audit(f);
    const comment = findings.find((x) => x.rule === 'audit/comment');
    expect(comment?.message).toMatch(/^ballots\[\d\] \(bruno\)\.comment is "A terrible idea\."; the ballot at commit [0-9a-f]{10} says "Short and clear\."$/);
    expect(findings.map((x) => x.rule)).not.toContain('audit/body');
  });

  it('a reason rewritten in the front matter and the body, re-sealed, is reported as audit/reasons with both texts', async () => {
    const f = await decided();
    const text = f.git(['show', `main:${PATH}`]);
    const original = /threshold met[^"\n]*/.exec(text)![0];
    reseal(f, (t) => t.replaceAll(original, original.replace('threshold met', 'threshold met by a landslide')));
    const findings = audit(f);
    const reasons = findings.filter((x) => x.rule === 'audit/reasons');
    expect(reasons).toHaveLength(1);
    expect(reasons[0]!.message).toContain('threshold met by a landslide');
    expect(reasons[0]!.message).toContain(`the replay gives "`);
  });

  it('the body alone rewritten and re-sealed is reported as audit/body, quoting the line and what the front matter says', async () => {
    const f = await decided();
    reseal(f, (t) => t.replace('| bruno | yes | yes |', '| bruno | no | yes |'));
    const findings = audit(f);
    expect(findings.map((x) => x.rule)).toEqual(['audit/body']);
    expect(findings[0]!.message).toContain('it reads "| bruno | no | yes |');
    expect(findings[0]!.message).toContain('rendered from the front matter it is "| bruno | yes | yes |');
  });

  it('the title rewritten everywhere and re-sealed is reported as audit/field naming the field', async () => {
    const f = await decided();
    reseal(f, (t) => t.replaceAll('Voiced', 'Silenced'));
    const findings = audit(f);
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'audit/field', message: 'title is "Silenced"; the replay gives "Voiced"' }));
  });
});
