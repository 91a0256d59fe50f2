/**
 * The Proposals page over a real commons driven by the real bot: a proposal opened by
 * `noclout review` on a branch is under vote with the ledger's opening time, the deadline and
 * numbers of the policy frozen then, and the branch to vote on; a proposal the bot rejected
 * (only its record reaches main) is among the decided; a clone that did not fetch the branch
 * still lists the open change from the ledger; a commons without a ledger builds.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { sealRecord } from '../../src/commons/record-digest.ts';
import { ballotSchema } from '../../src/commons/schema/ballot.ts';
import { parseYaml } from '../../src/commons/yaml-document.ts';
import { changeEffects, settingChanges } from '../../src/site/change-effects.ts';
import { votePlace } from '../../src/site/open-changes.ts';
import { ballotCommands, shellWord } from '../../src/pages/[lang]/proposals/_ballot-example.ts';
import { noclout } from '../bot/cli.ts';
import { axeViolations, builtSite, commonsWith, startSession } from '../e2e/harness.ts';
import { FakeGitHub } from '../github/fake-github.ts';
import { Fixture, keyFor, policyText, proposalText, ruleText } from '../repo/fixture.ts';

/** After the demo's latest record (2026-11-13): the bot's clock never goes back before a record. */
const T = '2026-11-20T10:00:00.000Z';
const at = (days: number) => new Date(Date.parse(T) + days * 86_400_000).toISOString();
const HANDLES = ['amina', 'jean-luc', 'sofia', 'tomas', 'lea'];
/** Members' names, as posts show them: the pages must show these, not the handles. */
const NAMES: Record<string, string> = { amina: 'Amina Diallo', 'jean-luc': 'Jean-Luc Martin', sofia: 'Sofía Ruiz', tomas: 'Tomás Herrera', lea: 'Léa Petit', nadia: 'Nadia Benali' };
/** members.yml with real keys (the bot checks signatures) and real names. */
const roster = (handles: readonly string[]) => handles.map((h) => `- handle: ${h}\n  name: ${NAMES[h]}\n  joined: 2026-01-01\n  keys:\n    - ${keyFor(h).publicLine}\n`).join('');
/** A post a moderation hides, and the decision that hid it (set in beforeAll). */
const OFFER = '2026/offer';
const OFFER_TEXT = '---\ntitle: "Solar panels, half price"\nauthor: tomas\ndate: 2026-11-29\nlang: en\n---\n\nUse code SUN50.\n';
let hiddenBy = '';
/** A rule's text with HTML a reader's browser must never run. */
const LENGTH_RULE = '---\ntitle: "Length"\nlang: en\n---\n\nA post is at most **200,000 bytes**.\n\n<script>window.pwned = 3</script>\n\n<a href="javascript:alert(1)" onclick="window.pwned = 4">details</a>\n';

/** The open proposal's text, read from its branch: contributed Markdown, with HTML a reader's browser must never run. */
const LONGER_POSTS_BODY = 'Posts of **200,000 bytes** would fit long essays.\n\n<script>window.pwned = 1</script>\n\n<img src="x" alt="A chart" onerror="window.pwned = 2">\n';

/** Every repository this file makes, removed after its tests (site builds are the harness's). */
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tracked = async (dir: Promise<string>): Promise<string> => {
  made.push(await dir);
  return made.at(-1)!;
};
/** A folder for a clone of the commons (a child of a fresh temp dir, so git can create it). */
const cloneDir = (): string => {
  made.push(mkdtempSync(path.join(tmpdir(), 'noclout-clone-')));
  return path.join(made.at(-1)!, 'commons');
};

let f: Fixture;
let review: { opened: string; closes: string };
/** The bot's review of a post a member objected to, citing a rule. */
let objection: { opened: string; closes: string; decision: string };
let rejectedRecord: string;

/** The page's two sections: everything between "Under vote" and "Decided", and after. */
function sections(html: string): { underVote: string; decided: string } {
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  const [before = '', decided = ''] = main.split(/<h2>(?:Decided|Décidées)<\/h2>/);
  return { underVote: before.slice(before.search(/<h2>(?:Under vote|En cours de vote)<\/h2>/)), decided };
}

const proposalsPage = async (dist: string, lang = 'en') => readFile(path.join(dist, lang, 'proposals', 'index.html'), 'utf8');

beforeAll(async () => {
  // The demo commons, with members holding real keys so that the bot accepts their signatures.
  f = new Fixture(await tracked(commonsWith({ 'governance/members.yml': roster(HANDLES) })));

  // A proposal nobody votes on: the bot rejects it after 7 days, and only its record reaches main.
  f.commit({ 'content/proposals/turned-down.md': proposalText({ title: 'Ban long posts', author: 'sofia', extra: 'lang: en\n' }), 'governance/rules/be-brief.md': ruleText('Be brief') }, { branch: 'proposal/turned-down', signer: 'sofia' });
  expect(noclout(['review', 'proposal/turned-down', '--repo', f.dir, '--at', T, '--format', 'json']).json).toMatchObject({ decision: 'pending' });
  const merged = noclout(['merge', 'proposal/turned-down', '--repo', f.dir, '--at', at(8), '--format', 'json']).json;
  expect(merged.results[0]).toMatchObject({ decision: 'reject', merged: false });
  rejectedRecord = merged.results[0].record;

  // A proposal opened on day 9 and still under vote.
  f.commit({ 'content/proposals/longer-posts.md': proposalText({ title: 'Allow longer posts', author: 'amina', extra: 'lang: en\nsummary: "Raise the size limit"\nrules: [length]\n' }, LONGER_POSTS_BODY), 'governance/rules/length.md': LENGTH_RULE }, { branch: 'proposal/longer-posts', signer: 'amina' });
  const opened = noclout(['review', 'proposal/longer-posts', '--repo', f.dir, '--at', at(9), '--format', 'json']);
  expect(opened.json, opened.stderr).toMatchObject({ kind: 'proposal', decision: 'pending' });
  review = opened.json;
  // A post under its objection window: the ledger opened it too, but it is no proposal.
  f.commit({ 'content/posts/2026/still-pending.md': '---\ntitle: "Still pending"\nauthor: tomas\ndate: 2026-11-29\nlang: en\n---\n\nWaiting for objections.\n' }, { branch: 'post/still-pending', signer: 'tomas' });
  expect(noclout(['review', 'post/still-pending', '--repo', f.dir, '--at', at(9), '--format', 'json']).json).toMatchObject({ kind: 'post', decision: 'pending' });
  // A post with a `no` that cites no rule: no objection, still lazy consensus.
  f.commit({ 'content/posts/2026/plain-no.md': '---\ntitle: "Just a no"\nauthor: tomas\ndate: 2026-11-29\nlang: en\n---\n\nHello.\n' }, { branch: 'post/plain-no', signer: 'tomas' });
  noclout(['review', 'post/plain-no', '--repo', f.dir, '--at', at(9), '--format', 'json']);
  f.commit({ 'governance/ballots/plain-no/amina.yml': 'vote: no\n' }, { branch: 'post/plain-no', signer: 'amina' });
  expect(noclout(['review', 'post/plain-no', '--repo', f.dir, '--at', at(9.2), '--format', 'json']).json.reasons.join(' ')).toContain('no objection so far');
  // A post whose `no` cites a rule the commons does not have: the bot does not count it as an objection.
  f.commit({ 'content/posts/2026/bad-cite.md': '---\ntitle: "Cited wrong"\nauthor: tomas\ndate: 2026-11-29\nlang: en\n---\n\nHello.\n' }, { branch: 'post/bad-cite', signer: 'tomas' });
  noclout(['review', 'post/bad-cite', '--repo', f.dir, '--at', at(9), '--format', 'json']);
  f.commit({ 'governance/ballots/bad-cite/amina.yml': 'vote: no\nrule: not-a-rule\n' }, { branch: 'post/bad-cite', signer: 'amina' });
  expect(noclout(['review', 'post/bad-cite', '--repo', f.dir, '--at', at(9.2), '--format', 'json']).json.reasons.join(' ')).toContain('no objection so far');
  // A policy change, written before main's own policy change below: it moves posts.objectionHours only.
  const policyNow = f.git(['show', 'main:governance/policy.md']);
  f.commit({ 'content/proposals/slower-objections.md': proposalText({ title: 'Slower objections', author: 'tomas', extra: 'lang: en\n' }), 'governance/policy.md': policyNow.replace(/objectionHours: 24/, 'objectionHours: 48') }, { branch: 'policy/slower-objections', signer: 'tomas' });
  expect(noclout(['review', 'policy/slower-objections', '--repo', f.dir, '--at', at(9), '--format', 'json']).json).toMatchObject({ kind: 'policy', decision: 'pending' });
  // A membership change: Nadia joins.
  f.commit({ 'content/proposals/welcome-nadia.md': proposalText({ title: 'Welcome Nadia', author: 'lea', extra: 'lang: en\n' }), 'governance/members.yml': roster([...HANDLES, 'nadia']) }, { branch: 'membership/welcome-nadia', signer: 'lea' });
  expect(noclout(['review', 'membership/welcome-nadia', '--repo', f.dir, '--at', at(9), '--format', 'json']).json).toMatchObject({ kind: 'membership', decision: 'pending' });
  // An amendment of a rule on main.
  const respect = f.git(['show', 'main:governance/rules/respect.md']);
  f.commit({ 'content/proposals/kinder-respect.md': proposalText({ title: 'Kinder respect', author: 'sofia', extra: 'lang: en\nrules: [respect]\n' }), 'governance/rules/respect.md': `${respect}\nOn remercie aussi celles et ceux qui corrigent nos erreurs.\n` }, { branch: 'proposal/kinder-respect', signer: 'sofia' });
  expect(noclout(['review', 'proposal/kinder-respect', '--repo', f.dir, '--at', at(9), '--format', 'json']).json).toMatchObject({ kind: 'proposal', decision: 'pending' });
  // A moderation decided by the real bot, then an appeal of it under vote: a post is published, hidden by a vote, and its appeal restores it.
  f.commit({ [`content/posts/${OFFER}.md`]: OFFER_TEXT }, { branch: 'post/offer', signer: 'tomas' });
  expect(noclout(['review', 'post/offer', '--repo', f.dir, '--at', at(9), '--format', 'json']).json).toMatchObject({ kind: 'post', decision: 'pending' });
  expect(noclout(['merge', 'post/offer', '--repo', f.dir, '--at', at(10.5), '--format', 'json']).json.results[0]).toMatchObject({ decision: 'accept', merged: true });
  f.commit({ 'content/proposals/hide-offer.md': proposalText({ title: 'Hide the half-price offer', author: 'sofia', extra: `lang: en\nmoderates: ${OFFER}\nrule: no-advertising\n` }), [`content/posts/${OFFER}.md`]: null }, { branch: 'moderation/hide-offer', signer: 'sofia' });
  expect(noclout(['review', 'moderation/hide-offer', '--repo', f.dir, '--at', at(10.6), '--format', 'json']).json).toMatchObject({ kind: 'moderation', decision: 'pending' });
  for (const voter of ['amina', 'jean-luc']) f.commit({ [`governance/ballots/hide-offer/${voter}.yml`]: 'vote: yes\n' }, { branch: 'moderation/hide-offer', signer: voter });
  noclout(['review', 'moderation/hide-offer', '--repo', f.dir, '--at', at(10.7), '--format', 'json']);
  const hidden = noclout(['merge', 'moderation/hide-offer', '--repo', f.dir, '--at', at(13.7), '--format', 'json']);
  expect(hidden.json.results[0], hidden.stderr).toMatchObject({ decision: 'accept', merged: true });
  hiddenBy = hidden.json.results[0].record.replace(/^governance\/decisions\/|\.md$/g, '');
  f.commit({ 'content/proposals/restore-offer.md': proposalText({ title: 'Restore the offer post', author: 'tomas', extra: `lang: en\nappeals: ${hiddenBy}\n` }), [`content/posts/${OFFER}.md`]: OFFER_TEXT }, { branch: 'moderation/restore-offer', signer: 'tomas' });
  const appeal = noclout(['review', 'moderation/restore-offer', '--repo', f.dir, '--at', at(13.8), '--format', 'json']);
  expect(appeal.json, JSON.stringify(appeal.json.problems) + appeal.stderr).toMatchObject({ kind: 'moderation', decision: 'pending' });
  // A post a member objects to, citing a rule of the commons: a vote under voting.moderation on stopping it.
  f.commit({ 'content/posts/2026/objected.md': '---\ntitle: "Panels for sale"\nauthor: tomas\ndate: 2026-11-29\nlang: en\n---\n\nBuy my panels.\n' }, { branch: 'post/objected', signer: 'tomas' });
  expect(noclout(['review', 'post/objected', '--repo', f.dir, '--at', at(13.9), '--format', 'json']).json).toMatchObject({ kind: 'post', decision: 'pending' });
  f.commit({ 'governance/ballots/objected/amina.yml': 'vote: no\nrule: respect\nreason: "An advert"\n' }, { branch: 'post/objected', signer: 'amina' });
  const objected = noclout(['review', 'post/objected', '--repo', f.dir, '--at', at(14), '--format', 'json']);
  expect(objected.json, objected.stderr).toMatchObject({ kind: 'post', decision: 'pending' });
  expect(objected.json.reasons.join(' ')).toContain('objection');
  objection = objected.json;
  // main's policy changes afterwards: the open vote stays under the policy frozen at its opening.
  f.commit({ 'governance/policy.md': policyText({ rules: '{ quorum: "1/2", threshold: { atLeast: "2/3" }, days: 14, closeEarly: false }' }) }, { date: at(10), message: 'policy: slower rule votes' });
  f.git(['reset', '-q', '--hard']);
});

describe('proposals under vote', () => {
  it('an open proposal on a branch is under vote with the ledger\'s opening time, the bot\'s deadline and the frozen numbers', async () => {
    expect(review.opened).toBe(at(9));
    expect(review.closes).toBe(at(16));
    const { underVote, decided } = sections(await proposalsPage(await builtSite(f.dir)));
    expect(underVote).toContain('Allow longer posts');
    expect(underVote).toContain('Raise the size limit');
    expect(underVote).toContain('href="/en/authors/amina/"');
    expect(underVote).toContain(`<time datetime="${review.opened}" data-opened>`);
    expect(underVote).toContain(`<time datetime="${review.closes}" data-closes>`);
    expect(underVote).toContain('<code data-vote-branch>proposal/longer-posts</code>');
    expect(underVote).toContain(f.rev('proposal/longer-posts').slice(0, 10));
    // The numbers of voting.rules frozen at opening (1/3, more than 1/2, 7 days), not main's new 1/2, 2/3, 14.
    expect(underVote).toContain('Quorum: at least 1/3 of members');
    expect(underVote).toContain('more than 1/2 of the yes/no votes');
    expect(underVote).toContain('The vote lasts 7 days');
    expect(underVote).not.toContain('2/3');
    expect(underVote).toContain('5 members can vote');
    expect(underVote).not.toContain('The deadline has passed');
    expect(decided).not.toContain('Allow longer posts');
  });

  it('an open proposal whose text is in the build has its own page: its text, sanitized, and what decides it', async () => {
    const dist = await builtSite(f.dir);
    const html = await readFile(path.join(dist, 'en', 'proposals', 'longer-posts', 'index.html'), 'utf8');
    const article = html.slice(html.indexOf('<article'), html.indexOf('</article>'));
    expect(article).toContain('<h1 lang="en">Allow longer posts</h1>');
    expect(article).toContain('<strong>200,000 bytes</strong>');
    expect(article).not.toMatch(/<script|onerror|pwned/);
    expect(article).toContain(`<time datetime="${review.closes}" data-closes>`);
    expect(article).toContain('<code data-vote-branch>proposal/longer-posts</code>');
    // The rule it would add is not on main yet: named, not linked to a page that does not exist.
    expect(article).toContain('<code>length</code>');
    expect(await readFile(path.join(dist, 'fr', 'proposals', 'longer-posts', 'index.html'), 'utf8')).toContain('Allow longer posts');
  });

  it('every link of the proposal pages leads to a page of the build', async () => {
    const dist = await builtSite(f.dir);
    for (const page of ['en/proposals', 'fr/proposals', 'en/proposals/longer-posts', 'fr/proposals/longer-posts', 'en/proposals/slower-objections', 'en/proposals/welcome-nadia', 'en/proposals/kinder-respect', 'en/proposals/restore-offer', 'fr/proposals/restore-offer']) {
      const html = await readFile(path.join(dist, page, 'index.html'), 'utf8');
      for (const [, target] of html.matchAll(/href="(\/[^"#?]*)"/g)) {
        const file = target!.endsWith('/') ? path.join(dist, target!, 'index.html') : path.join(dist, target!);
        expect(existsSync(file), `${page} links to ${target}`).toBe(true);
      }
    }
  });

  it('a post the ledger opened, still in its objection window, is not listed as a proposal', async () => {
    expect(f.git(['show', 'refs/noclout/ledger:openings/still-pending.yml'])).toContain('head: post/still-pending');
    const { underVote } = sections(await proposalsPage(await builtSite(f.dir)));
    expect(underVote).not.toContain('still-pending');
    expect(underVote).not.toContain('Still pending');
  });

  it('a post with an objecting signed ballot is under vote as a post under an objection vote, with the rule cited and the bot\'s deadline', async () => {
    const { underVote } = sections(await proposalsPage(await builtSite(f.dir)));
    const start = underVote.indexOf('data-objected-post="2026/objected"');
    expect(start).toBeGreaterThan(-1);
    const item = underVote.slice(start, underVote.indexOf('<li><h3', start));
    expect(item).toContain('Panels for sale');
    expect(item).toContain('post under an objection vote');
    expect(item).toContain('Tomás Herrera');
    expect(item).toMatch(/Rules the objection cites: <code>respect<\/code>/);
    expect(item).toContain(`<time datetime="${objection.opened}" data-opened>`);
    expect(item).toContain(`<time datetime="${objection.closes}" data-closes>`);
    expect(item).toContain('<code data-vote-branch>post/objected</code>');
    expect(item).toContain('data-objection-motion');
    // voting.moderation frozen at opening (the fixture's 1/4, 3 days), not voting.rules.
    expect(item).toContain('Quorum: at least 1/4 of members');
    expect(item).toContain('Threshold: more than 1/2 of the yes/no votes are no');
    expect(item).toContain('The vote lasts 3 days from the first objection');
    expect(item).not.toContain('The deadline has passed');
    expect(item).toContain(f.rev('post/objected').slice(0, 10));
  });

  it('a post without an objection (no ballot, a no citing no rule, or citing a rule the commons lacks) is not under vote', async () => {
    const { underVote } = sections(await proposalsPage(await builtSite(f.dir)));
    expect(underVote).toContain('Panels for sale');
    expect(underVote).not.toContain('Just a no');
    expect(underVote).not.toContain('plain-no');
    expect(underVote).not.toContain('Cited wrong');
    expect(underVote).not.toContain('Still pending');
  });

  it('a proposal whose branch was deleted (withdrawn) is no longer listed, in a clone that fetched the other branches', async () => {
    expect(sections(await proposalsPage(await builtSite(f.dir))).underVote).toContain('Kinder respect');
    const clone = cloneDir();
    execFileSync('git', ['clone', '-q', '--no-local', f.dir, clone]);
    execFileSync('git', ['-C', clone, 'fetch', '-q', 'origin', '+refs/noclout/*:refs/noclout/*']);
    execFileSync('git', ['-C', clone, 'branch', '-q', '-r', '-D', 'origin/proposal/kinder-respect']);
    const { underVote } = sections(await proposalsPage(await builtSite(clone)));
    expect(underVote).not.toContain('Kinder respect');
    expect(underVote).not.toContain('kinder-respect');
    expect(underVote).toContain('Allow longer posts');
  });

  it('axe-core finds no violations on the proposals page and an open proposal\'s page, in Chromium', async () => {
    const session = await startSession(f.dir);
    try {
      const urls = ['/en/proposals/', '/fr/proposals/', '/en/proposals/longer-posts/', '/fr/proposals/slower-objections/', '/en/proposals/kinder-respect/', '/en/proposals/welcome-nadia/'];
      expect(await axeViolations(session, urls, { width: 360 })).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('the French page shows the same open proposal in French', async () => {
    const { underVote } = sections(await proposalsPage(await builtSite(f.dir), 'fr'));
    expect(underVote).toContain('Allow longer posts');
    expect(underVote).toContain(`<time datetime="${review.closes}" data-closes>`);
    expect(underVote).toContain('5 membres peuvent voter');
  });

  it('a clone that did not fetch the branch still lists the open change from the ledger, saying its text is not in this build', async () => {
    const clone = cloneDir();
    // --no-local: objects travel as in a real fetch, so the branch's commits stay behind.
    execFileSync('git', ['clone', '-q', '--no-local', '--single-branch', '--branch', 'main', f.dir, clone]);
    execFileSync('git', ['-C', clone, 'fetch', '-q', 'origin', '+refs/noclout/ledger:refs/noclout/ledger']);
    expect(() => execFileSync('git', ['-C', clone, 'cat-file', '-e', f.rev('proposal/longer-posts')], { stdio: 'ignore' })).toThrow();
    const { underVote } = sections(await proposalsPage(await builtSite(clone)));
    expect(underVote).toContain('<code>longer-posts</code>');
    expect(underVote).toContain(`<time datetime="${review.opened}" data-opened>`);
    expect(underVote).toContain('<code data-vote-branch>proposal/longer-posts</code>');
    expect(underVote).toContain('data-text-unavailable');
    expect(underVote).not.toContain('data-closes');
  });

  it('a clone fetched as the site workflow does (checkout\'s branches, then the workflow\'s refspecs) lists the open proposal with its text', async () => {
    const workflow = await readFile(path.resolve(import.meta.dirname, '../../.github/workflows/site.yml'), 'utf8');
    const refspecs = /fetch --no-tags origin (.+)$/m.exec(workflow)![1]!.split(' ').map((r) => r.replace(/^'|'$/g, ''));
    expect(refspecs).toContain('+refs/noclout/*:refs/noclout/*');
    const clone = cloneDir();
    execFileSync('git', ['clone', '-q', '--no-local', '--single-branch', '--branch', 'main', f.dir, clone]);
    // actions/checkout with fetch-depth 0: every branch, as refs/remotes/origin/*.
    execFileSync('git', ['-C', clone, 'fetch', '-q', '--no-tags', 'origin', '+refs/heads/*:refs/remotes/origin/*', ...refspecs]);
    const { underVote } = sections(await proposalsPage(await builtSite(clone)));
    expect(underVote).toContain('Allow longer posts');
    expect(underVote).toContain(`<time datetime="${review.closes}" data-closes>`);
    expect(underVote).not.toContain('data-text-unavailable');
  });

  it('once main has moved past the deadline with no record, the open proposal says no decision is recorded yet and when the bot records one', async () => {
    const clone = cloneDir();
    execFileSync('git', ['clone', '-q', f.dir, clone]);
    execFileSync('git', ['-C', clone, 'fetch', '-q', 'origin', '+refs/noclout/*:refs/noclout/*']);
    const later = new Fixture(clone);
    later.commit({ 'content/posts/2026/later.md': '---\ntitle: "Later"\nauthor: tomas\ndate: 2026-12-10\nlang: en\n---\n\nLater.\n' }, { date: at(20) });
    later.git(['reset', '-q', '--hard']);
    const { underVote } = sections(await proposalsPage(await builtSite(clone)));
    expect(underVote).toContain(`<time datetime="${review.closes}" data-closes>`);
    expect(underVote).toContain('The deadline has passed and no decision is recorded yet: the bot records one when it next judges the change');
    // No invitation to vote once the deadline has passed: the vote is closed.
    const item = underVote.slice(underVote.indexOf('Allow longer posts'), underVote.indexOf('</li>', underVote.indexOf('Allow longer posts')));
    expect(item).not.toContain('Vote: a signed ballot commit');
    expect(item).not.toContain('#how-to-vote');
    const page = await proposalPage(await builtSite(clone), 'longer-posts');
    expect(page).toContain('The vote is closed: the deadline has passed.');
    expect(page).not.toMatch(/data-ballot-example|data-ballot-commands|Vote: a signed ballot commit/);
  });

  it('a pull request head "#N" is voted on at the repository\'s pull request address', () => {
    expect(votePlace('#12', 'https://github.com/org/commons/')).toEqual({ pullRequest: 'https://github.com/org/commons/pull/12', number: 12 });
    expect(votePlace('proposal/x', 'https://github.com/org/commons')).toEqual({ branch: 'proposal/x' });
  });
});

/** An open proposal's built page, in `lang`. */
const proposalPage = async (dist: string, slug: string, lang = 'en') => readFile(path.join(dist, lang, 'proposals', slug, 'index.html'), 'utf8');
/** The "What it changes" section of a page. */
const whatItChanges = (html: string) => html.slice(html.indexOf('data-what-it-changes'), html.indexOf('</section>', html.indexOf('data-what-it-changes')));
/** One file's part of that section. */
const fileChange = (html: string, file: string) => {
  const section = whatItChanges(html);
  const start = section.indexOf(`data-change="${file}"`);
  expect(start, `no entry for ${file}`).toBeGreaterThan(-1);
  const end = section.indexOf('data-change=', start + 1);
  return section.slice(start, end === -1 ? undefined : end);
};
const unescape = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('what an open proposal changes', () => {
  it('an open rule-change proposal\'s page shows the new rule\'s text, sanitized, and the proposal\'s own file', async () => {
    const html = await proposalPage(await builtSite(f.dir), 'longer-posts');
    const rule = fileChange(html, 'governance/rules/length.md');
    expect(rule).toContain('data-status="added"');
    expect(rule).toContain('A new rule: <strong lang="en">Length</strong>');
    expect(rule).toContain('A post is at most <strong>200,000 bytes</strong>.');
    expect(rule).toContain('details');
    expect(whatItChanges(html)).not.toMatch(/<script|onclick|javascript:|pwned/);
    expect(fileChange(html, 'content/proposals/longer-posts.md')).toContain('This proposal’s text, shown above.');
  });

  it('an amended rule shows its text after the change and the text now in force', async () => {
    const html = await proposalPage(await builtSite(f.dir), 'kinder-respect');
    const rule = fileChange(html, 'governance/rules/respect.md');
    expect(rule).toContain('data-status="modified"');
    expect(rule).toContain('<a href="/en/rules/respect/" lang="fr">Respect des personnes</a>');
    const [after, before] = rule.split('data-rule-previous');
    expect(after).toContain('On remercie aussi celles et ceux qui corrigent nos erreurs.');
    expect(before).toContain('Sont contraires à cette règle');
    expect(before).not.toContain('On remercie aussi');
  });

  it('a policy change shows each number it moves, as in force now → after the change, and none it leaves alone', async () => {
    const html = await proposalPage(await builtSite(f.dir), 'slower-objections');
    const policy = fileChange(html, 'governance/policy.md');
    expect(policy).toContain('data-status="modified"');
    expect(policy).toMatch(/<tr data-setting="posts\.objectionHours"><th scope="row"><code>posts\.objectionHours<\/code><\/th><td data-before>24<\/td><td data-after>48<\/td><\/tr>/);
    // main changed voting.rules after the branch was written: merging this change would not touch it.
    expect(policy).not.toContain('voting.rules');
    expect(policy.match(/data-setting=/g)).toHaveLength(1);
    // Its prose is the same but for the final newline the branch lost: no rewrite to show.
    expect(policy).not.toContain('data-policy-prose');
    expect(html).toContain('<dd>policy</dd>');
  });

  it('a membership change shows the member who joins, by name and handle', async () => {
    const html = await proposalPage(await builtSite(f.dir), 'welcome-nadia');
    const members = fileChange(html, 'governance/members.yml');
    expect(members).toContain('<li data-joins="nadia">Joins: Nadia Benali (<code>nadia</code>)</li>');
    expect(members).not.toContain('data-leaves');
    expect(members).not.toContain('data-edits');
  });

  it('an appeal shows the decision it contests and the post it restores, each linked', async () => {
    const html = await proposalPage(await builtSite(f.dir), 'restore-offer');
    const section = whatItChanges(html);
    expect(hiddenBy).toMatch(/^2026\/\d{4}-hide-offer$/);
    expect(section).toContain(`<dd data-contests="${hiddenBy}"><a href="/en/decisions/${hiddenBy}/">Hide the half-price offer</a></dd>`);
    // The post is hidden on main: it links to its tombstone, which names the decision and how to appeal. An appeal restores the very text hidden.
    expect(section).toContain(`<dd data-restores="${OFFER}"><a href="/en/posts/${OFFER}/">Solar panels, half price</a>`);
    expect(fileChange(html, `content/posts/${OFFER}.md`)).toContain('data-status="added"');
  });

  it('the proposer is shown by name, linked to their author page, on the list and the proposal\'s page', async () => {
    const dist = await builtSite(f.dir);
    const link = '<a href="/en/authors/tomas/" data-proposer="tomas">Tomás Herrera</a>';
    expect(sections(await proposalsPage(dist)).underVote).toContain(link);
    expect(await proposalPage(dist, 'slower-objections')).toContain(link);
  });
});

describe('settings a change moves', () => {
  const policy = (objectionHours: number, quorum: string) => ({ voting: { rules: { quorum, threshold: { moreThan: '1/2' } } }, posts: { objectionHours } });
  it('lists each leaf the change edits as main\'s value now → the change\'s, and none that only main moved', () => {
    // Written when main had quorum 1/3; main has moved to 1/2 since; the change edits objectionHours only.
    expect(settingChanges(policy(24, '1/3'), policy(24, '1/2'), policy(48, '1/3'))).toEqual([{ key: 'posts.objectionHours', before: '24', after: '48' }]);
  });
  it('says a setting the change adds or removes was or will be unset, and a threshold switching kind shows both keys', () => {
    expect(settingChanges({ languages: ['fr'] }, undefined, { languages: ['fr', 'en'], name: 'X' })).toEqual([
      { key: 'languages', before: 'fr', after: 'fr, en' },
      { key: 'name', after: 'X' },
    ]);
    expect(settingChanges({ t: { moreThan: '1/2' } }, undefined, { t: { atLeast: '2/3' } })).toEqual([
      { key: 't.atLeast', after: '2/3' },
      { key: 't.moreThan', before: '1/2' },
    ]);
  });
  it('a rewritten policy prose is shown through the sanitizing pipeline, with the prose now in force', async () => {
    const base = policyText();
    const head = `${policyText({ objectionHours: 48 })}\nTwo days <img src=x onerror="window.pwned = 5"> **at least**.\n<script>window.pwned = 6</script>\n`;
    const [effect] = await changeEffects([{ path: 'governance/policy.md', status: 'modified', base, main: base, head }]);
    expect(effect).toMatchObject({ what: 'settings', file: 'policy', settings: [{ key: 'posts.objectionHours', before: '24', after: '48' }] });
    const prose = effect!.what === 'settings' ? effect!.prose! : undefined;
    expect(prose!.text.html).toContain('<strong>at least</strong>');
    expect(prose!.text.html).not.toMatch(/<script|onerror|pwned/);
    expect(prose!.previous!.html).not.toContain('Two days');
  });
  it('leaves out a setting main already holds at the change\'s value', () => {
    expect(settingChanges({ posts: { maxBytes: 1 } }, { posts: { maxBytes: 2 } }, { posts: { maxBytes: 2 } })).toEqual([]);
  });
});

describe('how to vote', () => {
  it('the page shows the ballot file\'s path and a minimal ballot that the real ballot schema accepts', async () => {
    const html = await proposalPage(await builtSite(f.dir), 'longer-posts');
    expect(html).toContain('<code data-ballot-path>governance/ballots/longer-posts/&lt;handle&gt;.yml</code>');
    const example = unescape(/<pre data-ballot-example tabindex="0"><code>([\s\S]*?)<\/code><\/pre>/.exec(html)![1]!);
    const parsed = parseYaml(example, { path: 'governance/ballots/longer-posts/amina.yml' });
    expect(parsed.problems).toEqual([]);
    expect(ballotSchema.parse(parsed.data)).toMatchObject({ vote: 'yes' });
    expect(html).toContain('commit -S');
    expect(html).toContain('gpg.format=ssh');
  });

  it('the commands shown cast a ballot the bot counts: run in a member\'s clone, pushed, then judged by the real bot', async () => {
    const html = await proposalPage(await builtSite(f.dir), 'longer-posts');
    const script = unescape(/<pre data-ballot-commands tabindex="0"><code>([\s\S]*?)<\/code><\/pre>/.exec(html)![1]!);
    // The commons as a remote: a copy of the fixture with the branch and the ledger, so the fixture itself stays as it is.
    const origin = cloneDir();
    execFileSync('git', ['clone', '-q', f.dir, origin]);
    execFileSync('git', ['-C', origin, 'fetch', '-q', 'origin', '+refs/heads/proposal/*:refs/heads/proposal/*', '+refs/noclout/*:refs/noclout/*']);
    const member = cloneDir();
    execFileSync('git', ['clone', '-q', origin, member]);
    const key = keyFor('sofia');
    // Sofia's one edit (her handle), and her key where the page says ~/.ssh/id_ed25519.pub (no ssh-agent here: the private key file).
    const hers = script.replace('handle=your-handle', 'handle=sofia').replace('$HOME/.ssh/id_ed25519.pub', key.path);
    expect(hers).not.toBe(script);
    execFileSync('bash', ['-e', '-c', hers], { cwd: member, env: { ...process.env, GIT_AUTHOR_NAME: 'Sofía', GIT_AUTHOR_EMAIL: 'sofia@example.org', GIT_COMMITTER_NAME: 'Sofía', GIT_COMMITTER_EMAIL: 'sofia@example.org' }, stdio: 'pipe' });
    const judged = noclout(['review', 'proposal/longer-posts', '--repo', origin, '--at', at(14), '--format', 'json']);
    expect(judged.json.ballots, judged.stderr).toEqual([expect.objectContaining({ voter: 'sofia', vote: 'yes', counted: true })]);
  });

  it('a branch name with shell characters is quoted in the commands: copying them never runs part of it', () => {
    const branch = "x;touch pwned$(id)'`";
    expect(execFileSync('bash', ['-c', `printf %s ${shellWord(branch)}`], { encoding: 'utf8' })).toBe(branch);
    expect(ballotCommands('c', branch)).toContain(`git push origin 'x;touch pwned$(id)'\\''\`'`);
    expect(shellWord('proposal/longer-posts')).toBe('proposal/longer-posts');
  });
});

describe('pull requests (GitHub mode)', () => {
  it('a pull request the bot opened in GitHub mode ("#N") is under vote, voted on at the pull request\'s address', async () => {
    const users = HANDLES.map((login, i) => ({ login, id: 200 + i }));
    const members = users.map((u) => `- handle: ${u.login}\n  name: ${u.login}\n  joined: 2026-01-01\n  github: { login: ${u.login}, id: ${u.id} }\n  keys:\n    - ${keyFor(u.login).publicLine}\n`).join('');
    const g = new Fixture(await tracked(commonsWith({ 'governance/members.yml': members })));
    const head = g.commit({ 'content/proposals/shorter-votes.md': proposalText({ title: 'Shorter votes', author: 'lea', extra: 'lang: en\n' }), 'governance/rules/votes.md': ruleText('Votes') }, { branch: 'contribution', signer: 'lea' });
    // The site build's clone: main, then the pull request's head and the ledger as the workflows fetch them.
    const clone = cloneDir();
    execFileSync('git', ['clone', '-q', '--no-local', '--single-branch', '--branch', 'main', g.dir, clone]);
    execFileSync('git', ['-C', clone, 'fetch', '-q', 'origin', '+refs/heads/contribution:refs/pull/3/head']);
    const api = await new FakeGitHub().start();
    let stdout = '';
    let stderr = '';
    try {
      api.addPull({ number: 3, user: users[4]!, head, base: g.rev('main'), createdAt: T, fork: 'lea/commons' });
      const env = { ...process.env, ...api.env() };
      const code = await main(['review', '3', '--source', 'github', '--repo', clone, '--at', at(1), '--format', 'json'], { cwd: clone, env, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
      expect(code, stderr).toBe(0);
    } finally {
      await api.stop();
    }
    const judged = JSON.parse(stdout);
    // Opened at the bot's first valid sight, never back-dated to the pull request's created_at (docs/github.md).
    expect(judged).toMatchObject({ head: '#3', kind: 'proposal', decision: 'pending', opened: at(1), closes: at(8) });
    const { underVote } = sections(await proposalsPage(await builtSite(clone)));
    expect(underVote).toContain('Shorter votes');
    expect(underVote).toContain('Vote: a review on pull request #3');
    expect(underVote).toContain('<a href="https://github.com/noclout-demo/commons/pull/3" data-vote-pull-request>');
    expect(underVote).toContain(`<time datetime="${at(1)}" data-opened>`);
    expect(underVote).toContain(`<time datetime="${judged.closes}" data-closes>`);
    // Its page says what a review means, and invites no ballot file (GitHub mode reads none).
    const page = await proposalPage(await builtSite(clone), 'shorter-votes');
    expect(page).toContain('Approve is yes, Request changes is no');
    expect(page).toContain('<a href="https://github.com/noclout-demo/commons/pull/3">');
    expect(page).not.toMatch(/data-ballot-example|data-ballot-commands/);
  });
});

describe('decided proposals', () => {
  it('a rejected proposal, whose record alone reached main, is decided with outcome rejected and a link to its record', async () => {
    expect(f.git(['ls-tree', '--name-only', 'main', 'content/proposals/'])).not.toContain('turned-down');
    expect(rejectedRecord).toBe('governance/decisions/2026/0003-turned-down.md');
    const { underVote, decided } = sections(await proposalsPage(await builtSite(f.dir)));
    const closed = /^closed: (\S+)$/m.exec(f.git(['show', `main:${rejectedRecord}`]))![1];
    const item = decided.slice(decided.indexOf('Ban long posts'));
    expect(item).toMatch(new RegExp(`^Ban long posts</a>\\s*</h3>\\s*<p class="meta">proposal · <strong data-outcome>rejected</strong> · <time datetime="${closed}">`));
    expect(decided).toContain('<a href="/en/decisions/2026/0003-turned-down/">Ban long posts</a>');
    expect(underVote).not.toContain('Ban long posts');
    // The demo's decided proposals keep their proposal pages.
    expect(decided).toContain('<a href="/en/proposals/cite-sources/">The proposal</a>');
  });
});

describe('a moderation reversed on appeal', () => {
  it('is marked reversed on appeal in Decided and in the cited rule\'s list, not plain accepted', async () => {
    // A clone where the appeal under vote in the fixture gets two yes ballots and the real bot accepts it.
    const clone = cloneDir();
    execFileSync('git', ['clone', '-q', f.dir, clone]);
    execFileSync('git', ['-C', clone, 'fetch', '-q', 'origin', '+refs/heads/moderation/*:refs/heads/moderation/*', '+refs/noclout/*:refs/noclout/*']);
    const later = new Fixture(clone);
    for (const voter of ['amina', 'jean-luc']) later.commit({ [`governance/ballots/restore-offer/${voter}.yml`]: 'vote: yes\n' }, { branch: 'moderation/restore-offer', signer: voter });
    noclout(['review', 'moderation/restore-offer', '--repo', clone, '--at', at(14), '--format', 'json']);
    const merged = noclout(['merge', 'moderation/restore-offer', '--repo', clone, '--at', at(17), '--format', 'json']);
    expect(merged.json.results[0], merged.stderr).toMatchObject({ decision: 'accept', merged: true });
    later.git(['reset', '-q', '--hard']);
    const dist = await builtSite(clone);
    const { decided } = sections(await proposalsPage(dist));
    const hidden = decided.slice(decided.indexOf('Hide the half-price offer'));
    expect(hidden).toMatch(/^Hide the half-price offer<\/a>\s*<\/h3>\s*<p class="meta">moderation · <strong data-outcome>accepted, <span data-reversed>reversed on appeal<\/span><\/strong>/);
    const appeal = decided.slice(decided.indexOf('Restore the offer post'));
    expect(appeal).toMatch(/^Restore the offer post<\/a>\s*<\/h3>\s*<p class="meta">moderation · <strong data-outcome>accepted<\/strong>/);
    const rule = await readFile(path.join(dist, 'fr', 'rules', 'no-advertising', 'index.html'), 'utf8');
    const cited = rule.slice(rule.indexOf('id="cited"'));
    expect(cited).toMatch(/Hide the half-price offer<\/a> <span class="meta">· modération · acceptée, <span data-reversed>annulée en appel<\/span> ·/);
  });
});

/** A sealed record of a rejected rule proposal closed on day n of 2025, as the bot writes one. */
function oldRejection(n: number): [string, string] {
  const slug = `old-${n}`;
  const day = (d: number) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString();
  const record = `---\nchange: ${slug}\ntitle: "Old proposal ${n}"\nkind: proposal\noutcome: rejected\nhead: ${'a'.repeat(40)}\nbase: ${'b'.repeat(40)}\nopened: ${day(n - 7)}\nclosed: ${day(n)}\npolicyCommit: ${'c'.repeat(40)}\nrule: { quorum: "1/3", threshold: { moreThan: "1/2" }, days: 7, closeEarly: false }\nroster: { size: 5, commit: ${'c'.repeat(40)} }\nauthor: amina\nfiles: [content/proposals/${slug}.md, governance/rules/${slug}.md]\nballots: []\nreasons: [Quorum not met.]\n---\n\nRejected.\n`;
  return [`governance/decisions/2025/${String(n).padStart(4, '0')}-${slug}.md`, sealRecord(record)];
}

describe('many decided proposals', () => {
  it('pages numbered from the oldest on /<lang>/proposals/decided/<n>/; the Proposals page shows the newest page and the one before (issue 14)', async () => {
    // 102 old rejections and the demo's 2 decided proposals: 104, so pages 1 and 2 of 50 and page 3 of 4.
    const dist = await builtSite(await tracked(commonsWith(Object.fromEntries(Array.from({ length: 102 }, (_, i) => oldRejection(i + 1))))));
    const first = sections(await proposalsPage(dist)).decided;
    expect(first.match(/data-outcome/g)).toHaveLength(54);
    expect(first).toContain('Old proposal 102');
    expect(first).toContain('>Old proposal 51<');
    expect(first).not.toMatch(/>Old proposal 50</);
    expect(first).toContain('href="/en/proposals/decided/1/" rel="next"');
    const numbered = async (n: number) => readFile(path.join(dist, 'en', 'proposals', 'decided', String(n), 'index.html'), 'utf8');
    const oldest = await numbered(1);
    const items = [...oldest.matchAll(/>Old proposal (\d+)</g)].map((m) => Number(m[1]));
    expect(items).toEqual(Array.from({ length: 50 }, (_, i) => 50 - i));
    expect(oldest).toContain('href="/en/proposals/decided/2/" rel="prev"');
    expect(oldest).not.toContain('rel="next"');
    expect(oldest).toContain('<a href="/en/decisions/2025/0001-old-1/">Old proposal 1</a>');
    expect(await numbered(3)).toContain('href="/en/proposals/" rel="prev"');
    expect(existsSync(path.join(dist, 'fr', 'proposals', 'decided', '1', 'index.html'))).toBe(true);
    expect(existsSync(path.join(dist, 'en', 'proposals', 'decided', '4'))).toBe(false);
  });
});

describe('without a ledger', () => {
  it('the page builds and lists the decided proposals when the repository has no ledger ref', async () => {
    const commons = await tracked(commonsWith({}));
    const { underVote, decided } = sections(await proposalsPage(await builtSite(commons)));
    expect(underVote).toContain('Nothing here yet.');
    expect(decided).toContain('/en/decisions/2026/0001-cite-sources/');
    expect(decided).toContain('/en/decisions/2026/0002-hide-solar-panel-offer/');
  });
});
