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
import { votePlace } from '../../src/site/open-changes.ts';
import { noclout } from '../bot/cli.ts';
import { builtSite, commonsWith, ROOT, startSession } from '../e2e/harness.ts';
import { FakeGitHub } from '../github/fake-github.ts';
import { Fixture, keyFor, membersText, policyText, proposalText, ruleText } from '../repo/fixture.ts';

/** After the demo's latest record (2026-11-13): the bot's clock never goes back before a record. */
const T = '2026-11-20T10:00:00.000Z';
const at = (days: number) => new Date(Date.parse(T) + days * 86_400_000).toISOString();
const HANDLES = ['amina', 'jean-luc', 'sofia', 'tomas', 'lea'];

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
  f = new Fixture(await tracked(commonsWith({ 'governance/members.yml': membersText(HANDLES) })));

  // A proposal nobody votes on: the bot rejects it after 7 days, and only its record reaches main.
  f.commit({ 'content/proposals/turned-down.md': proposalText({ title: 'Ban long posts', author: 'sofia', extra: 'lang: en\n' }), 'governance/rules/be-brief.md': ruleText('Be brief') }, { branch: 'proposal/turned-down', signer: 'sofia' });
  expect(noclout(['review', 'proposal/turned-down', '--repo', f.dir, '--at', T, '--format', 'json']).json).toMatchObject({ decision: 'pending' });
  const merged = noclout(['merge', 'proposal/turned-down', '--repo', f.dir, '--at', at(8), '--format', 'json']).json;
  expect(merged.results[0]).toMatchObject({ decision: 'reject', merged: false });
  rejectedRecord = merged.results[0].record;

  // A proposal opened on day 9 and still under vote.
  f.commit({ 'content/proposals/longer-posts.md': proposalText({ title: 'Allow longer posts', author: 'amina', extra: 'lang: en\nsummary: "Raise the size limit"\nrules: [length]\n' }, LONGER_POSTS_BODY), 'governance/rules/length.md': ruleText('Length') }, { branch: 'proposal/longer-posts', signer: 'amina' });
  const opened = noclout(['review', 'proposal/longer-posts', '--repo', f.dir, '--at', at(9), '--format', 'json']);
  expect(opened.json, opened.stderr).toMatchObject({ kind: 'proposal', decision: 'pending' });
  review = opened.json;
  // A post under its objection window: the ledger opened it too, but it is no proposal.
  f.commit({ 'content/posts/2026/still-pending.md': '---\ntitle: "Still pending"\nauthor: tomas\ndate: 2026-11-29\nlang: en\n---\n\nWaiting for objections.\n' }, { branch: 'post/still-pending', signer: 'tomas' });
  expect(noclout(['review', 'post/still-pending', '--repo', f.dir, '--at', at(9), '--format', 'json']).json).toMatchObject({ kind: 'post', decision: 'pending' });
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
    for (const page of ['en/proposals', 'fr/proposals', 'en/proposals/longer-posts', 'fr/proposals/longer-posts']) {
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

  it('axe-core finds no violations on the proposals page and an open proposal\'s page, in Chromium', async () => {
    const session = await startSession(f.dir);
    try {
      const source = await readFile(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
      const problems: string[] = [];
      for (const url of ['/en/proposals/', '/fr/proposals/', '/en/proposals/longer-posts/']) {
        const context = await session.browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 800 } });
        const page = await context.newPage();
        await page.goto(new URL(url, session.server.url).href);
        await page.addScriptTag({ content: source });
        const violations = await page.evaluate(async () => {
          const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
          return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
        });
        problems.push(...violations.map((v) => `${url}: ${v}`));
        await context.close();
      }
      expect(problems).toEqual([]);
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
  });

  it('a pull request head "#N" is voted on at the repository\'s pull request address', () => {
    expect(votePlace('#12', 'https://github.com/org/commons/')).toEqual({ pullRequest: 'https://github.com/org/commons/pull/12', number: 12 });
    expect(votePlace('proposal/x', 'https://github.com/org/commons')).toEqual({ branch: 'proposal/x' });
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
    expect(judged).toMatchObject({ head: '#3', kind: 'proposal', decision: 'pending', opened: T, closes: at(7) });
    const { underVote } = sections(await proposalsPage(await builtSite(clone)));
    expect(underVote).toContain('Shorter votes');
    expect(underVote).toContain('Vote: a review on pull request #3');
    expect(underVote).toContain('<a href="https://github.com/noclout-demo/commons/pull/3" data-vote-pull-request>');
    expect(underVote).toContain(`<time datetime="${T}" data-opened>`);
    expect(underVote).toContain(`<time datetime="${judged.closes}" data-closes>`);
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

/** A sealed record of a rejected rule proposal closed on day n of 2025, as the bot writes one. */
function oldRejection(n: number): [string, string] {
  const slug = `old-${n}`;
  const day = (d: number) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString();
  const record = `---\nchange: ${slug}\ntitle: "Old proposal ${n}"\nkind: proposal\noutcome: rejected\nhead: ${'a'.repeat(40)}\nbase: ${'b'.repeat(40)}\nopened: ${day(n - 7)}\nclosed: ${day(n)}\npolicyCommit: ${'c'.repeat(40)}\nrule: { quorum: "1/3", threshold: { moreThan: "1/2" }, days: 7, closeEarly: false }\nroster: { size: 5, commit: ${'c'.repeat(40)} }\nauthor: amina\nfiles: [content/proposals/${slug}.md, governance/rules/${slug}.md]\nballots: []\nreasons: [Quorum not met.]\n---\n\nRejected.\n`;
  return [`governance/decisions/2025/${String(n).padStart(4, '0')}-${slug}.md`, sealRecord(record)];
}

describe('many decided proposals', () => {
  it('the newest 50 are on the Proposals page, the rest on /<lang>/proposals/decided/<n>/, linked by the pager', async () => {
    // 52 old rejections and the demo's 2 decided proposals: 54, so a second page of 4.
    const dist = await builtSite(await tracked(commonsWith(Object.fromEntries(Array.from({ length: 52 }, (_, i) => oldRejection(i + 1))))));
    const first = sections(await proposalsPage(dist)).decided;
    expect(first.match(/data-outcome/g)).toHaveLength(50);
    expect(first).toContain('Old proposal 52');
    expect(first).not.toMatch(/Old proposal [1-4]</);
    expect(first).toContain('href="/en/proposals/decided/2/" rel="next"');
    const second = await readFile(path.join(dist, 'en', 'proposals', 'decided', '2', 'index.html'), 'utf8');
    const items = [...second.matchAll(/>Old proposal (\d+)</g)].map((m) => Number(m[1]));
    expect(items).toEqual([4, 3, 2, 1]);
    expect(second).toContain('href="/en/proposals/" rel="prev"');
    expect(second).toContain('<a href="/en/decisions/2025/0001-old-1/">Old proposal 1</a>');
    expect(existsSync(path.join(dist, 'fr', 'proposals', 'decided', '2', 'index.html'))).toBe(true);
    expect(existsSync(path.join(dist, 'en', 'proposals', 'decided', '3'))).toBe(false);
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
