/**
 * Issue 15, "Feeds members can act on": "An RSS feed (per UI language) of open votes: each change
 * under vote or objection, what it changes, its deadline, and how to vote, updated on every build;
 * plus one for decisions already published today." Over a commons driven by the real bot
 * (`noclout review`/`merge` on signed branches), the built feeds are parsed with a real XML parser
 * and must list exactly the changes members can act on, in both languages.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { t, type UiLanguage } from '../../src/i18n/index.ts';
import { formatDate, formatTime } from '../../src/site/format.ts';
import type { OpenChange } from '../../src/site/open-changes.ts';
import { openVoteItem } from '../../src/site/open-votes-feed.ts';
import { noclout } from '../bot/cli.ts';
import { builtSite, commonsWith, ROOT } from '../e2e/harness.ts';
import { Fixture, keyFor, proposalText } from '../repo/fixture.ts';

/** After the demo's latest record (2026-11-13): the bot's clock never goes back before a record. */
const T = '2026-11-20T10:00:00.000Z';
const at = (days: number) => new Date(Date.parse(T) + days * 86_400_000).toISOString();
const HANDLES = ['amina', 'jean-luc', 'sofia', 'tomas', 'lea'];
const NAMES: Record<string, string> = { amina: 'Amina Diallo', 'jean-luc': 'Jean-Luc Martin', sofia: 'Sofía Ruiz', tomas: 'Tomás Herrera', lea: 'Léa Petit', nadia: 'Nadia Benali' };
const roster = (handles: readonly string[]) => handles.map((h) => `- handle: ${h}\n  name: ${NAMES[h]}\n  joined: 2026-01-01\n  keys:\n    - ${keyFor(h).publicLine}\n`).join('');
const post = (title: string, body = 'Hello.\n') => `---\ntitle: "${title}"\nauthor: tomas\ndate: 2026-11-29\nlang: en\n---\n\n${body}`;
const json = (args: string[]) => {
  const run = noclout([...args, '--format', 'json']);
  expect(run.json, run.stderr).toBeDefined();
  return run.json;
};

let f: Fixture;
/** Each change's judgement by the bot, as it opened it. */
const opened: Record<string, { opened: string; closes: string }> = {};
let turnedDownRecord = '';
let earlyRecord = '';

beforeAll(async () => {
  f = new Fixture(await commonsWith({ 'governance/members.yml': roster(HANDLES) }));
  const review = (branch: string, days: number) => json(['review', branch, '--repo', f.dir, '--at', at(days)]);

  // Control: a proposal decided on day 8 (nobody voted: rejected, its record reaches main).
  f.commit({ 'content/proposals/turned-down.md': proposalText({ title: 'Ban long posts', author: 'sofia', extra: 'lang: en\n' }) }, { branch: 'proposal/turned-down', signer: 'sofia' });
  expect(review('proposal/turned-down', 0)).toMatchObject({ decision: 'pending' });
  // Control: a post published on day 2, a decision of another day.
  f.commit({ 'content/posts/2026/early-bird.md': post('Early bird') }, { branch: 'post/early-bird', signer: 'tomas' });
  expect(review('post/early-bird', 0.5)).toMatchObject({ kind: 'post', decision: 'pending' });
  // Control: a vote opened on day 1 whose deadline (day 8) has passed, with no record yet.
  f.commit({ 'content/proposals/closed-vote.md': proposalText({ title: 'A vote that closed', author: 'amina', extra: 'lang: en\n' }) }, { branch: 'proposal/closed-vote', signer: 'amina' });
  opened['closed-vote'] = review('proposal/closed-vote', 1);
  const early = json(['merge', 'post/early-bird', '--repo', f.dir, '--at', at(2)]);
  expect(early.results[0]).toMatchObject({ decision: 'accept', merged: true });
  earlyRecord = early.results[0].record;
  const merged = json(['merge', 'proposal/turned-down', '--repo', f.dir, '--at', at(8)]);
  expect(merged.results[0]).toMatchObject({ decision: 'reject', merged: false });
  turnedDownRecord = merged.results[0].record;

  // Open: a proposal, and a membership change.
  f.commit({ 'content/proposals/longer-posts.md': proposalText({ title: 'Allow longer posts', author: 'amina', extra: 'lang: en\nsummary: "Raise the size limit"\n' }), 'governance/rules/length.md': '---\ntitle: "Length"\nlang: en\n---\n\nA post is at most 200,000 bytes.\n' }, { branch: 'proposal/longer-posts', signer: 'amina' });
  opened['longer-posts'] = review('proposal/longer-posts', 9);
  f.commit({ 'content/proposals/welcome-nadia.md': proposalText({ title: 'Welcome Nadia', author: 'lea', extra: 'lang: en\n' }), 'governance/members.yml': roster([...HANDLES, 'nadia']) }, { branch: 'membership/welcome-nadia', signer: 'lea' });
  opened['welcome-nadia'] = review('membership/welcome-nadia', 9);
  // Control: a change the bot opened, then found invalid (an unknown key in the proposal's front matter).
  f.commit({ 'content/proposals/broken.md': proposalText({ title: 'Broken later', author: 'sofia', extra: 'lang: en\n' }) }, { branch: 'proposal/broken', signer: 'sofia' });
  expect(review('proposal/broken', 9)).toMatchObject({ decision: 'pending' });
  f.commit({ 'content/proposals/broken.md': proposalText({ title: 'Broken later', author: 'sofia', extra: 'lang: en\nweight: 3\n' }) }, { branch: 'proposal/broken', signer: 'sofia' });
  expect(review('proposal/broken', 9.05)).toMatchObject({ decision: 'invalid' });
  // Control: a change invalid from the start (a post without a title) opens nothing.
  f.commit({ 'content/posts/2026/no-title.md': '---\nauthor: tomas\ndate: 2026-11-29\nlang: en\n---\n\nUntitled.\n' }, { branch: 'post/no-title', signer: 'tomas' });
  expect(review('post/no-title', 9.05)).toMatchObject({ decision: 'invalid' });
  // A post escalated by an objection (a no citing a rule): a vote under voting.moderation.
  f.commit({ 'content/posts/2026/objected.md': post('Panels for sale', 'Buy my panels.\n') }, { branch: 'post/objected', signer: 'tomas' });
  review('post/objected', 9);
  f.commit({ 'governance/ballots/objected/amina.yml': 'vote: no\nrule: no-advertising\nreason: "An advert"\n' }, { branch: 'post/objected', signer: 'amina' });
  opened.objected = review('post/objected', 9.1);
  expect(opened.objected).toMatchObject({ kind: 'post', decision: 'pending' });
  // A post in its objection window (24 hours from day 9.2): the latest time git knows is day 9.2.
  f.commit({ 'content/posts/2026/still-pending.md': post('Still pending') }, { branch: 'post/still-pending', signer: 'tomas' });
  opened['still-pending'] = review('post/still-pending', 9.2);
  expect(opened['still-pending']).toMatchObject({ kind: 'post', decision: 'pending' });
  f.git(['reset', '-q', '--hard']);
});

interface Feed {
  channel: Record<string, unknown>;
  items: Record<string, any>[];
}

/** A feed of the build, checked well-formed and RSS 2.0 by a real XML parser. */
async function feed(lang: UiLanguage, name: string): Promise<Feed> {
  const xml = await readFile(path.join(await builtSite(f.dir), lang, 'rss', `${name}.xml`), 'utf8');
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === 'item' }).parse(xml);
  expect(doc.rss['@_version']).toBe('2.0');
  const channel = doc.rss.channel;
  // RSS 2.0's required channel elements, and each item's title or description.
  for (const key of ['title', 'link', 'description']) expect(typeof channel[key], key).toBe('string');
  expect(channel.language).toBe(lang);
  const items = (channel.item ?? []) as Record<string, any>[];
  for (const item of items) {
    expect(typeof item.title).toBe('string');
    expect(new URL(item.link).origin).toBe(new URL(channel.link).origin);
    expect(Number.isNaN(Date.parse(item.pubDate))).toBe(false);
  }
  return { channel, items };
}

/** The change an open-votes item is about, from its guid (`…#<change>@<opened>/<stage>`). */
const guidOf = (item: Record<string, any>) => decodeURIComponent(String(item.guid['#text']).split('#')[1] ?? '');

describe('the open-votes feed', () => {
  for (const lang of ['en', 'fr'] as const) {
    it(`lists exactly the open changes: a proposal, a membership change, a post in its objection window, a post under an objection vote (${lang})`, async () => {
      const { items } = await feed(lang, 'open-votes');
      const guids = items.map(guidOf).sort();
      expect(guids).toEqual([
        `longer-posts@${opened['longer-posts']!.opened}/vote`,
        `objected@${opened.objected!.opened}/objection`,
        `still-pending@${opened['still-pending']!.opened}/window`,
        `welcome-nadia@${opened['welcome-nadia']!.opened}/vote`,
      ]);
      for (const item of items) expect(item.guid['@_isPermaLink']).toBe('false');
    });

    it(`leaves out a decided proposal, an invalid change, and a vote whose deadline has passed (${lang})`, async () => {
      const { items } = await feed(lang, 'open-votes');
      const text = JSON.stringify(items);
      for (const absent of ['turned-down', 'Ban long posts', 'closed-vote', 'A vote that closed', 'broken', 'no-title', 'early-bird']) expect(text).not.toContain(absent);
      // The closed vote is absent because its deadline passed before the latest time git knows, not because it was never opened.
      expect(Date.parse(opened['closed-vote']!.closes)).toBeLessThan(Date.parse(at(9.2)));
    });

    it(`says what each change does, its deadline in the reader's language, and how to vote (${lang})`, async () => {
      const s = t(lang);
      const { items } = await feed(lang, 'open-votes');
      const item = (change: string) => items.find((i) => guidOf(i).startsWith(`${change}@`))!;
      const longer = item('longer-posts');
      expect(longer.title).toBe(`Allow longer posts (${s.kinds.proposal})`);
      expect(longer.link).toBe(`https://demo.noclout.example/${lang}/proposals/longer-posts/`);
      expect(new Date(longer.pubDate).toISOString()).toBe(opened['longer-posts']!.opened);
      expect(longer.description).toContain('Raise the size limit');
      expect(longer.description).toContain('<code>governance/rules/length.md</code>');
      expect(longer.description).toContain(formatTime(opened['longer-posts']!.closes, lang));
      expect(longer.description).toContain('noclout vote longer-posts yes --reason &quot;…&quot; --branch proposal/longer-posts');
      expect(longer.description).toContain('Amina Diallo');
      expect(item('welcome-nadia').description).toContain('Nadia Benali (<code>nadia</code>)');
      expect(item('welcome-nadia').title).toContain(s.kinds.membership);
      const objected = item('objected');
      expect(objected.title).toBe(`Panels for sale (${s.proposals.objectedPost})`);
      expect(objected.description).toContain('<code>no-advertising</code>');
      expect(objected.description).toContain(formatTime(opened.objected!.closes, lang));
      const pending = item('still-pending');
      expect(pending.title).toBe(`Still pending (${s.actionFeeds.pendingPost})`);
      expect(pending.description).toContain(formatTime(opened['still-pending']!.closes, lang));
      expect(pending.description).toContain('noclout vote still-pending no --rule RULE');
      expect(pending.description).toContain(s.actionFeeds.windowCloses);
    });
  }

  it('an item keeps its guid when the change gets a ballot and the site is built again, so a reader sees it once', async () => {
    const guids = async (dist: string) => {
      const xml = await readFile(path.join(dist, 'en', 'rss', 'open-votes.xml'), 'utf8');
      const items = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'item' }).parse(xml).rss.channel.item as Record<string, any>[];
      return new Map(items.map((i) => [guidOf(i).split('@')[0], i.guid['#text'] as string]));
    };
    const before = await guids(await builtSite(f.dir));
    f.commit({ 'governance/ballots/longer-posts/sofia.yml': 'vote: yes\n' }, { branch: 'proposal/longer-posts', signer: 'sofia' });
    expect(json(['review', 'proposal/longer-posts', '--repo', f.dir, '--at', at(9.3)]).ballots.length).toBeGreaterThan(0);
    f.git(['reset', '-q', '--hard']);
    const again = await mkdtemp(path.join(tmpdir(), 'noclout-site-again-'));
    await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/build-site.ts'), '--commons', f.dir, '--out', again, '--no-search', '--quiet'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    const after = await guids(again);
    expect([...after.keys()].sort()).toEqual(['longer-posts', 'objected', 'still-pending', 'welcome-nadia']);
    expect(after).toEqual(before);
    await rm(again, { recursive: true, force: true });
  });
});

describe('the decisions-of-the-day feed', () => {
  for (const lang of ['en', 'fr'] as const) {
    it(`lists the records that reached main on the day of its latest commit, and no other (${lang})`, async () => {
      const { channel, items } = await feed(lang, 'decisions-today');
      const day = f.git(['log', '-1', '--format=%cI', 'main']).slice(0, 10);
      expect(day).toBe(at(8).slice(0, 10));
      expect(channel.title).toContain(formatDate(day, lang));
      const id = (record: string) => record.replace(/^governance\/decisions\/|\.md$/g, '');
      expect(items.map((i) => new URL(i.link).pathname)).toEqual([`/${lang}/decisions/${id(turnedDownRecord)}/`]);
      expect(items[0]!.guid['@_isPermaLink']).toBe('true');
      // Control: the post published on day 2 is in the decisions feed, not in the day's.
      const all = await feed(lang, 'decisions');
      expect(all.items.map((i) => new URL(i.link).pathname)).toContain(`/${lang}/decisions/${id(earlyRecord)}/`);
    });
  }

  it('is linked from every page\'s head, and visibly from the Proposals and Decisions pages', async () => {
    const dist = await builtSite(f.dir);
    for (const lang of ['en', 'fr'] as const) {
      const proposals = await readFile(path.join(dist, lang, 'proposals', 'index.html'), 'utf8');
      expect(proposals).toContain(`<link rel="alternate" type="application/rss+xml" title="${t(lang).actionFeeds.openVotes}" href="/${lang}/rss/open-votes.xml">`);
      expect(proposals).toMatch(new RegExp(`data-feeds><a href="/${lang}/rss/open-votes.xml">`));
      const decisions = await readFile(path.join(dist, lang, 'decisions', 'index.html'), 'utf8');
      expect(decisions).toContain(`<a href="/${lang}/rss/decisions-today.xml">`);
    }
  });
});

describe('an open-votes item, for each way of voting', () => {
  const site = new URL('https://commons.example/');
  const members = { members: new Map([['amina', { handle: 'amina', name: 'Amina Diallo', joined: '2026-01-01', keys: [] }]]), governance: { config: { defaultLanguage: 'en' } } } as never;
  const front = { title: 'Panels <script>alert(1)</script>', author: 'amina', date: '2026-11-29', lang: 'en' };
  const base = { change: 'panels', head: '#7', opened: at(0), due: false, vote: { pullRequest: 'https://github.com/org/commons/pull/7', number: 7 } } as OpenChange;

  it('a post in its objection window on a pull request: object with a review citing the rule, and the pull request\'s link', () => {
    const item = openVoteItem({ ...base, pending: { commit: 'c'.repeat(40), post: '2026/panels', front, closes: at(1), hours: 24 } }, 'en', members, site);
    expect(item.description).toContain(t('en').actionFeeds.objectReview);
    expect(item.description).toContain('<pre><code>rule: RULE</code></pre>');
    expect(item.description).toContain('href="https://github.com/org/commons/pull/7"');
    expect(item.link).toBe('https://github.com/org/commons/pull/7');
    // The author's words are escaped in the HTML; the title is text, escaped by the XML writer.
    expect(item.description).not.toContain('<script');
    expect(item.title).toBe(`${front.title} (${t('en').actionFeeds.pendingPost})`);
  });

  it('a sealed vote says it is sealed: on a branch the sealing command, on a pull request the page that seals and the comment', () => {
    const decides = { closes: at(7), rule: { quorum: '1/3', threshold: { moreThan: '1/2' }, days: 7, closeEarly: false }, eligible: 5, policyCommit: 'p'.repeat(40), sealed: { round: 1000, beacon: {} as never, voted: [] } } as OpenChange['decides'];
    const onBranch = openVoteItem({ ...base, head: "prop/it's", vote: { branch: "prop/it's" }, decides }, 'fr', members, site);
    expect(onBranch.description).toContain(t('fr').actionFeeds.sealed);
    expect(onBranch.description).toContain(`noclout vote panels yes --sealed --branch 'prop/it'\\''s'`.replace(/'/g, '&#39;'));
    expect(onBranch.description).toContain(formatTime(at(7), 'fr'));
    const onPullRequest = openVoteItem({ ...base, decides }, 'en', members, site);
    expect(onPullRequest.description).toContain(t('en').actionFeeds.sealedPullRequest);
    expect(onPullRequest.description).not.toContain('noclout vote');
  });

  it('a proposal on a pull request: vote with a review, as the proposal\'s page says', () => {
    const item = openVoteItem({ ...base, change: 'x' }, 'fr', members, site);
    expect(item.description).toContain(t('fr').proposals.howToVote.review);
    expect(item.description).toContain(t('fr').proposals.textUnavailable);
    // Its text (so its title and kind) is not in this build: the change's name alone.
    expect(item.title).toBe('x');
  });
});
