/**
 * Issue 13: a policy change's page on the site shows what its numbers would have decided in the
 * past, in the page's language, with the same sentence as the bot's judgement (src/commons/texts/
 * what-if.ts). The commons is the tests' demo with members holding real keys; the policy change
 * is opened by the real bot (`noclout review`), so the site finds it in the ledger.
 */
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whatIfSummary } from '../../src/commons/texts/what-if.ts';
import { noclout } from '../bot/cli.ts';
import { builtSite, commonsWith } from '../e2e/harness.ts';
import { Fixture, keyFor, proposalText } from '../repo/fixture.ts';

/** After the demo's latest record: the bot's clock never goes back before a record. */
const T = '2026-11-20T10:00:00.000Z';
const HANDLES = ['amina', 'jean-luc', 'sofia', 'tomas', 'lea'];
const roster = HANDLES.map((h) => `- handle: ${h}\n  name: ${h}\n  joined: 2026-01-01\n  keys:\n    - ${keyFor(h).publicLine}\n`).join('');

let f: Fixture;
let dist: string;
let judged: any;
afterAll(() => f && rmSync(f.dir, { recursive: true, force: true }));

beforeAll(async () => {
  f = new Fixture(await commonsWith({ 'governance/members.yml': roster }));
  // The demo's rule proposal passed 3 to 1: a threshold of at least 4/5 would have turned it down.
  const policy = f.git(['show', 'main:governance/policy.md']).replace(/rules: +\{ quorum: "1\/3", threshold: \{ moreThan: "1\/2" \}/, 'rules: { quorum: "1/3", threshold: { atLeast: "4/5" }');
  f.commit({ 'content/proposals/fewer-rules.md': proposalText({ title: 'Fewer rules', author: 'tomas', extra: 'lang: en\n' }), 'governance/policy.md': policy }, { branch: 'policy/fewer-rules', signer: 'tomas' });
  const review = noclout(['review', 'policy/fewer-rules', '--repo', f.dir, '--at', T, '--format', 'json']);
  expect(review.json, review.stderr).toMatchObject({ kind: 'policy', decision: 'pending', whatIf: { decisions: 2, flipped: 1 } });
  judged = review.json;
  dist = await builtSite(f.dir);
}, 600_000);

/** The page's what-if section as text: tags dropped, the few entities Astro writes decoded. */
async function section(lang: string): Promise<string | undefined> {
  const html = await readFile(path.join(dist, lang, 'proposals', 'fewer-rules', 'index.html'), 'utf8');
  const found = /<section[^>]*data-what-if[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1];
  return found?.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/[ \t\r\n]+/g, ' ').trim();
}

describe("a policy change's page shows what its numbers would have decided (issue 13)", () => {
  it('in English and in French, the very sentence of the bot\'s judgement, and the command that lists every decision', async () => {
    const en = await section('en');
    expect(en).toContain(whatIfSummary(judged.whatIf, 'en'));
    expect(en).toContain('Under this policy, 1 of 2 past decisions would have gone the other way: “Ajouter une règle : citer ses sources” (accepted → rejected).');
    expect(en).toContain('noclout what-if fewer-rules');
    const fr = await section('fr');
    expect(fr).toContain('Avec cette politique, 1 des 2 décisions passées aurait été tranchée autrement\u202f: «\u202fAjouter une règle : citer ses sources\u202f» (acceptée → refusée).');
    expect(fr).toContain('Le passé, avec cette politique');
  });

  it('a proposal that is not a policy change has no such section', async () => {
    const html = await readFile(path.join(dist, 'en', 'proposals', 'cite-sources', 'index.html'), 'utf8');
    expect(html).not.toContain('data-what-if');
    expect(await section('en')).toBeDefined();
  });
});
