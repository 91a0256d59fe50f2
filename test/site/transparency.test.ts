/**
 * Issue 15, "A transparency report by period", on a built site: a commons whose every decision
 * was taken by the real bot (`noclout review` / `merge` with signed commits and ballots) over
 * three quarters with one empty quarter between them, and the numbers known by hand. The report
 * shows them in both languages, each number's link leads to a list of exactly what it counts,
 * report.json carries the same numbers, no handle appears, and the tables fit 360 px.
 *
 * The story (bot clock, UTC; members amina, bruno, chloe, dmitri, elena):
 * - 2026 Q4: `hello` (amina) and `offer` (bruno) published after 24 h; `hide-offer` (chloe, rule
 *   be-kind) hides offer after 72 h; `spam` (dmitri) is objected to (elena: cite-sources, amina:
 *   be-kind) and stopped, 74 h after it was opened; rule proposal `be-brief` adopted after 168 h;
 *   rule proposal `be-terse` rejected without quorum after 174 h (one ballot of five).
 * - 2027 Q1: appeal `restore-offer` accepted after 72 h (offer restored); `second` (elena)
 *   published after 24 h; `hide-second` (amina, cite-sources) hides it after 78 h; its appeal
 *   `restore-second` rejected after 72 h; policy change `slower` (objection window 48 h) adopted
 *   after 336 h.
 * - 2027 Q2: nothing. 2027 Q3: `late` (chloe) published after 48 h; `direct` and `gone` reach
 *   main without the bot (a maintainer's commits), and `gone` is deleted the next day: it has no
 *   page, so its line in the lists is its id, not a link.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nocloutInProcess } from '../bot/cli.ts';
import { axeViolations, builtSite, startSession, type SiteSession } from '../e2e/harness.ts';
import { makeCommons, policyText, postText, proposalText, ruleText, type Fixture } from '../repo/fixture.ts';

const HANDLES = ['amina', 'bruno', 'chloe', 'dmitri', 'elena'];
let f: Fixture;
let dist: string;

async function bot(command: 'review' | 'merge', branch: string, at: string): Promise<{ decision: string; merged?: boolean }> {
  const run = await nocloutInProcess([command, branch, '--repo', f.dir, '--at', at, '--format', 'json']);
  const result = command === 'merge' ? run.json?.results?.[0] : run.json;
  if (!result) throw new Error(`noclout ${command} ${branch}: ${run.stderr}${run.stdout}`);
  return result;
}

/** A change pushed by `who`, seen by the bot at `opened`, with ballots cast (and seen) two hours later. */
async function open(branch: string, who: string, files: Record<string, string | null>, opened: string, ballots: Record<string, string> = {}): Promise<void> {
  f.commit(files, { branch, signer: who });
  expect(await bot('review', branch, opened)).toMatchObject({ decision: 'pending' });
  const change = branch.replace(/^[a-z]+\//, '');
  for (const [voter, ballot] of Object.entries(ballots)) f.commit({ [`governance/ballots/${change}/${voter}.yml`]: ballot }, { branch, signer: voter });
  if (Object.keys(ballots).length > 0) await bot('review', branch, new Date(Date.parse(opened) + 2 * 3_600_000).toISOString());
}

async function decide(branch: string, at: string, decision: 'accept' | 'reject'): Promise<void> {
  expect(await bot('merge', branch, at), `${branch} at ${at}`).toMatchObject({ decision });
}

const post = (slug: string, author: string, title: string) => ({ [`content/posts/2026/${slug}.md`]: postText({ title, author }) });
const OFFER = postText({ title: 'Solar panels, half price', author: 'bruno' });
const SECOND = postText({ title: 'A second post', author: 'elena' });
const YES = 'vote: yes\n';
const NO = 'vote: no\n';

beforeAll(async () => {
  f = makeCommons({ members: HANDLES });
  // 2026 Q4
  await open('post/hello', 'amina', post('hello', 'amina', 'Hello, commons'), '2026-11-02T10:00:00Z');
  await open('post/offer', 'bruno', { 'content/posts/2026/offer.md': OFFER }, '2026-11-02T11:00:00Z');
  await decide('post/hello', '2026-11-03T10:00:00Z', 'accept');
  await decide('post/offer', '2026-11-03T11:00:00Z', 'accept');
  await open('moderation/hide-offer', 'chloe', { 'content/proposals/hide-offer.md': proposalText({ title: 'Hide the offer', author: 'chloe', extra: 'moderates: 2026/offer\nrule: be-kind\n' }), 'content/posts/2026/offer.md': null }, '2026-11-05T10:00:00Z', { amina: YES, dmitri: YES });
  await decide('moderation/hide-offer', '2026-11-08T10:00:00Z', 'accept');
  await open('post/spam', 'dmitri', post('spam', 'dmitri', 'Buy now'), '2026-11-10T10:00:00Z', { elena: 'vote: no\nrule: cite-sources\n', amina: 'vote: no\nrule: be-kind\n' });
  await decide('post/spam', '2026-11-13T12:00:00Z', 'reject');
  await open('proposal/be-brief', 'elena', { 'content/proposals/be-brief.md': proposalText({ title: 'Be brief', author: 'elena' }), 'governance/rules/be-brief.md': ruleText('Be brief') }, '2026-11-15T10:00:00Z', { amina: YES, bruno: YES });
  await decide('proposal/be-brief', '2026-11-22T10:00:00Z', 'accept');
  await open('proposal/be-terse', 'elena', { 'content/proposals/be-terse.md': proposalText({ title: 'Be terse', author: 'elena' }), 'governance/rules/be-terse.md': ruleText('Be terse') }, '2026-12-01T10:00:00Z', { elena: YES });
  await decide('proposal/be-terse', '2026-12-08T16:00:00Z', 'reject');
  // 2027 Q1
  const hideOffer = f.git(['ls-tree', '-r', '--name-only', 'main', 'governance/decisions']).split('\n').find((p) => p.endsWith('-hide-offer.md'))!.replace(/^governance\/decisions\/|\.md$/g, '');
  await open('moderation/restore-offer', 'bruno', { 'content/proposals/restore-offer.md': proposalText({ title: 'Restore the offer', author: 'bruno', extra: `appeals: ${hideOffer}\n` }), 'content/posts/2026/offer.md': OFFER }, '2027-01-10T10:00:00Z', { amina: YES, bruno: YES, chloe: YES });
  await decide('moderation/restore-offer', '2027-01-13T10:00:00Z', 'accept');
  await open('post/second', 'elena', { 'content/posts/2026/second.md': SECOND }, '2027-01-15T10:00:00Z');
  await decide('post/second', '2027-01-16T10:00:00Z', 'accept');
  await open('moderation/hide-second', 'amina', { 'content/proposals/hide-second.md': proposalText({ title: 'Hide the second post', author: 'amina', extra: 'moderates: 2026/second\nrule: cite-sources\n' }), 'content/posts/2026/second.md': null }, '2027-01-17T10:00:00Z', { bruno: YES, chloe: YES });
  await decide('moderation/hide-second', '2027-01-20T16:00:00Z', 'accept');
  const hideSecond = f.git(['ls-tree', '-r', '--name-only', 'main', 'governance/decisions']).split('\n').find((p) => p.endsWith('-hide-second.md'))!.replace(/^governance\/decisions\/|\.md$/g, '');
  await open('moderation/restore-second', 'elena', { 'content/proposals/restore-second.md': proposalText({ title: 'Restore the second post', author: 'elena', extra: `appeals: ${hideSecond}\n` }), 'content/posts/2026/second.md': SECOND }, '2027-01-21T10:00:00Z', { amina: NO, bruno: NO, chloe: NO });
  await decide('moderation/restore-second', '2027-01-24T10:00:00Z', 'reject');
  await open('policy/slower', 'amina', { 'content/proposals/slower.md': proposalText({ title: 'Slower objections', author: 'amina' }), 'governance/policy.md': policyText({ objectionHours: 48 }) }, '2027-02-01T10:00:00Z', { amina: YES, bruno: YES, chloe: YES });
  await decide('policy/slower', '2027-02-15T10:00:00Z', 'accept');
  // 2027 Q3, after an empty Q2
  await open('post/late', 'chloe', post('late', 'chloe', 'Late but here'), '2027-08-01T10:00:00Z');
  await decide('post/late', '2027-08-03T10:00:00Z', 'accept');
  f.git(['reset', '-q', '--hard']);
  f.commit(post('direct', 'bruno', 'Pushed by hand'), { date: '2027-08-10T00:00:00Z', message: 'a maintainer adds a post' });
  f.commit(post('gone', 'bruno', 'Gone again'), { date: '2027-08-10T01:00:00Z', message: 'a maintainer adds another' });
  f.commit({ 'content/posts/2026/gone.md': null }, { date: '2027-08-11T00:00:00Z', message: 'and removes it' });
  dist = await builtSite(f.dir);
}, 300_000);
afterAll(() => f?.cleanup());

const html = (lang: string, page: string) => readFile(path.join(dist, lang, 'transparency', page, 'index.html'), 'utf8');

/** The number shown for a measure in a period's table, and where it links. */
function number(report: string, period: string, measure: string): { text: string; href: string } {
  const section = report.slice(report.indexOf(`<section id="${period}"`), report.indexOf('</section>', report.indexOf(`<section id="${period}"`)));
  const match = new RegExp(`<a href="([^"]+)" data-measure="${measure}">([^<]+)</a>`).exec(section);
  if (!match) throw new Error(`no ${measure} in ${period}`);
  return { href: match[1]!, text: match[2]! };
}

/** The changes a list links to, by their slug: a decision page's change, or a post's; an item without a page by its title. */
async function listed(href: string): Promise<string[]> {
  const [page, anchor] = href.split('#');
  const text = await readFile(path.join(dist, page!, 'index.html'), 'utf8');
  const start = text.indexOf(`<section id="${anchor}"`);
  expect(start, href).toBeGreaterThan(-1);
  const section = text.slice(start, text.indexOf('</section>', start));
  return [...section.matchAll(/<li>(?:<a href="([^"]+)"|<span[^>]*>([^<]+)<\/span>)/g)].map((m) => (m[1] ? m[1].replace(/^.*\/(?:\d{4}-)?([^/]+)\/$/, '$1') : `no page: ${m[2]}`));
}

/** Every measure's known count and list, by period (slugs of the changes, oldest first). */
const EXPECTED: Record<string, Record<string, string[]>> = {
  all: {
    published: ['hello', 'offer', 'second', 'late', 'direct', 'no page: 2026/gone'],
    objected: ['spam'],
    moderations: ['hide-offer', 'hide-second'],
    hidden: ['hide-offer', 'spam', 'hide-second'],
    'hidden-objection': ['spam'],
    'hidden-proposal': ['hide-offer', 'hide-second'],
    'hidden-rule:be-kind': ['hide-offer', 'spam'],
    'hidden-rule:cite-sources': ['spam', 'hide-second'],
    appeals: ['restore-offer', 'restore-second'],
    'appeals-upheld': ['restore-second'],
    'appeals-reversed': ['restore-offer'],
    restored: ['offer'],
    'rule-changes': ['be-brief'],
    'policy-changes': ['slower'],
    voted: ['hide-offer', 'spam', 'be-brief', 'be-terse', 'restore-offer', 'hide-second', 'restore-second', 'slower'],
    quorum: ['hide-offer', 'spam', 'be-brief', 'restore-offer', 'hide-second', 'restore-second', 'slower'],
  },
  '2026-q4': {
    published: ['hello', 'offer'],
    objected: ['spam'],
    moderations: ['hide-offer'],
    hidden: ['hide-offer', 'spam'],
    'hidden-objection': ['spam'],
    'hidden-proposal': ['hide-offer'],
    appeals: [],
    restored: [],
    'rule-changes': ['be-brief'],
    'policy-changes': [],
    voted: ['hide-offer', 'spam', 'be-brief', 'be-terse'],
    quorum: ['hide-offer', 'spam', 'be-brief'],
  },
  '2027-q1': {
    published: ['second'],
    objected: [],
    moderations: ['hide-second'],
    hidden: ['hide-second'],
    'hidden-rule:cite-sources': ['hide-second'],
    appeals: ['restore-offer', 'restore-second'],
    'appeals-upheld': ['restore-second'],
    'appeals-reversed': ['restore-offer'],
    restored: ['offer'],
    'policy-changes': ['slower'],
    voted: ['restore-offer', 'hide-second', 'restore-second', 'slower'],
    quorum: ['restore-offer', 'hide-second', 'restore-second', 'slower'],
  },
  '2027-q2': { published: [], hidden: [], appeals: [], voted: [] },
  '2027-q3': { published: ['late', 'direct', 'no page: 2026/gone'], voted: [] },
};

describe('the transparency report of a commons decided by the real bot (issue 15)', () => {
  it('lists all time, then each quarter newest first, the empty quarter between included', async () => {
    const report = await html('en', '');
    expect([...report.matchAll(/<section id="([^"]+)" class="period"/g)].map((m) => m[1])).toEqual(['all', '2027-q3', '2027-q2', '2027-q1', '2026-q4']);
  });

  for (const lang of ['en', 'fr']) {
    it(`shows each known number in ${lang}, and each number links to exactly what it counts`, async () => {
      const report = await html(lang, '');
      for (const [period, measures] of Object.entries(EXPECTED)) {
        for (const [measure, slugs] of Object.entries(measures)) {
          const shown = number(report, period, measure);
          expect(shown.text, `${period} ${measure}`).toBe(String(slugs.length));
          expect(shown.href).toMatch(new RegExp(`^/${lang}/transparency/${period}/#`));
          expect(await listed(shown.href), `${period} ${measure}`).toEqual(slugs);
        }
      }
    });
  }

  it('gives the median time from opening to decision per kind, the mean of the two middle times for an even count', async () => {
    const en = await html('en', '');
    const fr = await html('fr', '');
    expect(number(en, 'all', 'time:post').text).toBe('1 day'); // 24, 24, 24, 48, 74 hours
    expect(number(en, 'all', 'time:moderation').text).toBe('3 days 3 hours'); // 72, 78
    expect(number(en, 'all', 'time:proposal').text).toBe('7 days 3 hours'); // 168, 174
    expect(number(en, 'all', 'time:appeal').text).toBe('3 days');
    expect(number(en, 'all', 'time:policy').text).toBe('14 days');
    expect(number(en, '2027-q3', 'time:post').text).toBe('2 days');
    expect(number(fr, 'all', 'time:moderation').text).toBe('3 jours 3 heures');
    expect(await listed(number(en, 'all', 'time:proposal').href)).toEqual(['be-brief', 'be-terse']);
    expect(await listed(number(en, 'all', 'time:post').href)).toEqual(['hello', 'offer', 'spam', 'second', 'late']);
  });

  it('gives the share of decisions by vote reached with quorum, in each language\'s typography', async () => {
    const share = (report: string, period: string) => {
      const at = report.indexOf(`<section id="${period}"`);
      return /<td data-share>([^<]+)<\/td>/.exec(report.slice(at))![1];
    };
    expect(share(await html('en', ''), 'all')).toBe('88%'); // 7 of 8
    expect(share(await html('fr', ''), 'all')).toBe('88\u202f%');
    expect(share(await html('en', ''), '2026-q4')).toBe('75%');
    expect(share(await html('en', ''), '2027-q2')).toBe('no vote');
  });

  it('writes the method under the tables: the date that places an event, quorum, the median of an even count', async () => {
    const en = await html('en', '');
    const method = en.slice(en.indexOf('<section id="method"'));
    expect(en.indexOf('<section id="method"')).toBeGreaterThan(en.lastIndexOf('<table'));
    for (const words of ['closing time', 'UTC', 'quorum', 'mean of the two middle times']) expect(method).toContain(words);
    const fr = await html('fr', '');
    expect(fr.slice(fr.indexOf('<section id="method"'))).toContain('moyenne des deux du milieu');
  });

  it('links only to pages that were built', async () => {
    const { readdir } = await import('node:fs/promises');
    const { existsSync } = await import('node:fs');
    const pages = (await readdir(path.join(dist, 'en', 'transparency'))).filter((p) => !p.includes('.')).map((p) => `${p}/`);
    for (const lang of ['en', 'fr']) {
      for (const page of ['', ...pages]) {
        const text = await html(lang, page);
        for (const [, href] of text.matchAll(/href="(\/[^"#]*)/g)) expect(existsSync(path.join(dist, href!.endsWith('/') ? `${href}index.html` : href!)), `${lang}/transparency/${page}: ${href}`).toBe(true);
      }
    }
  });

  it('publishes the same numbers as JSON beside the page, with the decisions each counts', async () => {
    const json = JSON.parse(await readFile(path.join(dist, 'en', 'transparency', 'report.json'), 'utf8'));
    expect(json.version).toBe(1);
    expect(json.periods.map((p: { period: string }) => p.period)).toEqual(['all', '2027-q3', '2027-q2', '2027-q1', '2026-q4']);
    const all = json.periods[0].measures;
    for (const [measure, slugs] of Object.entries(EXPECTED.all!)) expect(all[measure].count, measure).toBe(slugs.length);
    expect(all['time:moderation'].medianMs).toBe(75 * 3_600_000);
    expect(all.restored.posts).toEqual(['2026/offer']);
    expect(all['appeals-reversed'].decisions).toEqual([expect.stringMatching(/^2027\/\d{4}-restore-offer$/)]);
  });

  it('never shows a number about one person: no handle in the report, its lists or its JSON', async () => {
    const pages = [await html('en', ''), await html('fr', ''), await html('en', 'all'), await html('fr', '2026-q4'), await readFile(path.join(dist, 'en', 'transparency', 'report.json'), 'utf8')];
    for (const page of pages) {
      const main = page.includes('<main') ? page.slice(page.indexOf('<main'), page.indexOf('</main>')) : page;
      for (const handle of HANDLES) expect(main.toLowerCase()).not.toContain(handle);
    }
  });
});

describe('the transparency report in Chromium', () => {
  let session: SiteSession;
  beforeAll(async () => {
    session = await startSession(f.dir);
  }, 120_000);
  afterAll(() => session?.close());

  it('its tables fit 360 px in both languages, the lists too', async () => {
    for (const url of ['/en/transparency/', '/fr/transparency/', '/fr/transparency/2027-q1/', '/en/transparency/all/']) {
      const { page } = await session.open(url, { width: 360 });
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, tables: [...document.querySelectorAll('table')].map((t) => t.scrollWidth - t.clientWidth) }));
      expect(widths.page, url).toBeLessThanOrEqual(360);
      expect(widths.tables.every((extra) => extra <= 0), url).toBe(true);
      await page.context().close();
    }
  });

  it('has no axe-core violation on the report and a period\'s lists, light and dark, at 360 px', async () => {
    const urls = ['/en/transparency/', '/fr/transparency/', '/fr/transparency/2027-q1/'];
    expect(await axeViolations(session, urls, { width: 360 })).toEqual([]);
    expect(await axeViolations(session, urls, { width: 360, colorScheme: 'dark' })).toEqual([]);
  });
});
