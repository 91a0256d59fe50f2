/**
 * `noclout review --source github` and `noclout merge --source github` end to
 * end: a real commons repository, its "origin" served over real git HTTP on
 * loopback, and the fake GitHub API. The bot's clone holds the pull requests'
 * heads as refs/pull/N/head (as the workflows fetch them); nothing is checked out.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { JUDGEMENT_MARKER } from '../../src/commons/judgement-comment.ts';
import { COMMONS_YML, keyFor, makeCommons, postText, proposalText, type Fixture } from '../repo/fixture.ts';
import { days, hours, T0 } from '../bot/clock.ts';
import { BOT, FakeGitHub, type FakeUser } from './fake-github.ts';
import { startGitHttpServer, type GitHttpServer } from './git-http-server.ts';


const people: Record<string, FakeUser> = {
  amina: { login: 'amina', id: 101 },
  bruno: { login: 'bruno', id: 102 },
  chloe: { login: 'chloe', id: 103 },
  dmitri: { login: 'dmitri', id: 104 },
  elena: { login: 'elena', id: 105 },
};
const mallory: FakeUser = { login: 'mallory', id: 666 };

function membersWithGitHub(): string {
  return Object.values(people)
    .map((u) => `- handle: ${u.login}\n  name: ${u.login}\n  joined: 2026-01-01\n  github: { login: ${u.login}, id: ${u.id} }\n  keys:\n    - ${keyFor(u.login).publicLine}\n`)
    .join('');
}

let f: Fixture;
let tmp: string;
let bot: string;
let origin: string;
let gitServer: GitHttpServer;
let api: FakeGitHub;
let summary: string;
let prs = 0;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: tmp } }).trim();
}

beforeEach(async () => {
  prs = 0;
  f = makeCommons();
  f.commit({ 'governance/members.yml': membersWithGitHub() }, { message: 'members with their GitHub ids' });
  tmp = mkdtempSync(join(tmpdir(), 'noclout-github-'));
  origin = join(tmp, 'origin.git');
  git(tmp, 'clone', '-q', '--bare', f.dir, origin);
  git(origin, 'config', 'http.receivepack', 'true');
  api = await new FakeGitHub({ maxPerPage: 2 }).start();
  gitServer = await startGitHttpServer(tmp, api.token);
  // The merge job's checkout: a clone of main whose origin is the forge.
  bot = join(tmp, 'bot');
  git(tmp, 'clone', '-q', origin, bot);
  git(bot, 'remote', 'set-url', 'origin', `${gitServer.url}/origin.git`);
  summary = join(tmp, 'summary.md');
  writeFileSync(summary, '');
});

afterEach(async () => {
  await api.stop();
  await gitServer.stop();
  f.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

/** A contributor's pull request from a fork: commits on a branch of the contributor's copy, fetched by the bot as refs/pull/N/head. */
function openPull(user: FakeUser, files: Record<string, string>, createdAt = T0): { number: number; head: string } {
  const number = ++prs;
  const head = f.commit(files, { branch: `pr-${number}`, message: `pull request ${number}` });
  git(bot, 'fetch', '-q', f.dir, `+refs/heads/pr-${number}:refs/pull/${number}/head`);
  // Opened from the contributor's fork, as the web editor does for anyone without write access.
  api.addPull({ number, user, head, base: git(bot, 'rev-parse', 'main'), createdAt, title: `PR ${number}`, fork: `${user.login}/agora` });
  return { number, head };
}

async function noclout(args: string[]): Promise<{ code: number; json: any; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const env = { ...process.env, ...api.env(), GITHUB_SERVER_URL: 'https://github.example', GITHUB_STEP_SUMMARY: summary };
  const code = await main([...args, '--source', 'github', '--repo', bot, '--format', 'json'], {
    cwd: bot,
    env,
    stdout: (t) => void (stdout += `${t}\n`),
    stderr: (t) => void (stderr += `${t}\n`),
  });
  let json: any;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  return { code, json, stdout, stderr };
}

const judgementComment = (number: number) => api.commentsOn(number).filter((c) => (c.user as FakeUser).login === BOT.login);

describe('review --source github', () => {
  it('judges a pull request by its number, opened when the bot first sees it valid (never its created_at), and writes the check summary', async () => {
    const pr = openPull(people.amina!, { 'content/posts/2026/hello.md': postText({ author: 'amina', title: 'Hello' }) }, T0);
    const run = await noclout(['review', String(pr.number), '--at', hours(1)]);
    expect(run.code, run.stderr).toBe(0);
    // Opened at the bot's first valid sight, not back-dated to GitHub's created_at; the objection window runs from then.
    expect(run.json).toMatchObject({ head: '#1', commit: pr.head, kind: 'post', decision: 'pending', opened: hours(1), closes: hours(25) });
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith(JUDGEMENT_MARKER)).toBe(true);
    expect(text).toContain('Open for objections until');
    // Review holds a read-only token: it never writes to GitHub.
    expect(api.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('a post opened by someone other than its author is refused: GitHub authenticated who opened it', async () => {
    const pr = openPull(mallory, { 'content/posts/2026/forged.md': postText({ author: 'amina', title: 'Forged' }) });
    const run = await noclout(['review', `#${pr.number}`, '--at', hours(1)]);
    expect(run.code).toBe(1);
    expect(run.json.decision).toBe('invalid');
    expect(JSON.stringify(run.json.problems)).toMatch(/opened by GitHub user mallory \(id 666\), who is not a member/);
  });

  it('names a head that was not fetched, and how to fetch it', async () => {
    api.addPull({ number: 77, user: people.amina!, head: 'f'.repeat(40), base: git(bot, 'rev-parse', 'main') });
    const run = await noclout(['review', '77', '--at', hours(1)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^noclout review: the head ffffffffffff of pull request #77 is not in the local repository: fetch it as data first, with `git fetch origin \+refs\/pull\/77\/head:refs\/pull\/77\/head`/);
  });

  it('runs as the workflow runs it: `node bin/noclout.ts review --source github --base "$BASE" "$PR"` in the checkout', async () => {
    openPull(people.amina!, { 'content/posts/2026/hello.md': postText({ author: 'amina', title: 'Hello' }) });
    const bin = fileURLToPath(new URL('../../bin/noclout.ts', import.meta.url));
    // Asynchronous: the fake API answers from this very process.
    const child = spawn(process.execPath, [bin, 'review', '--source', 'github', '--base', 'main', '1', '--at', hours(1)], {
      cwd: bot,
      env: { PATH: process.env.PATH ?? '', HOME: tmp, PR: '1', ...api.env(), GITHUB_STEP_SUMMARY: summary },
    });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stdout).toMatch(/#1/);
    expect(readFileSync(summary, 'utf8')).toContain('### NoClout: open (post)');
  });

  it('without GITHUB_TOKEN it is a usage error naming the variable', async () => {
    let stderr = '';
    const code = await main(['review', '1', '--source', 'github', '--repo', bot], { cwd: bot, env: { GITHUB_REPOSITORY: 'commons/agora' }, stdout: () => {}, stderr: (t) => void (stderr += t) });
    expect(code).toBe(2);
    expect(stderr).toMatch(/GITHUB_TOKEN is not set/);
  });
});

describe('merge --source github', () => {
  it('issue 12, "the bot speaks the commons\u2019 language": a French commons gets its comment in French, and the English comment already there is updated in place, not duplicated', async () => {
    const frenchCommons = COMMONS_YML.replace('defaultLanguage: en', 'defaultLanguage: fr');
    f.commit({ 'governance/commons.yml': frenchCommons }, { message: 'the commons speaks French' });
    git(origin, 'fetch', '-q', f.dir, '+refs/heads/main:refs/heads/main');
    git(bot, 'pull', '-q', '--ff-only', f.dir, 'main');
    const pr = openPull(people.amina!, { 'content/posts/2026/hello.md': postText({ author: 'amina', title: 'Bonjour' }) });
    // The comment an earlier version of the bot wrote, in English, with the same hidden marker.
    const old = api.addComment(pr.number, BOT, `${JUDGEMENT_MARKER}\n### NoClout: open (post)\n\nOpen for objections.\n`);
    const run = await noclout(['merge', '--at', hours(2)]);
    expect(run.code, run.stderr).toBe(0);
    const comments = judgementComment(pr.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.id).toBe(old.id);
    const body = comments[0]!.body as string;
    expect(body.startsWith(`${JUDGEMENT_MARKER}\n### NoClout\u202f: ouvert (billet)`)).toBe(true);
    expect(body).toContain('Ouvert aux objections jusqu’au');
    expect(body).toMatch(/\d{4} à \d{2}:\d{2}\u202fUTC/);
    expect(body).not.toMatch(/Open for objections|What happens next/);
  });

  it('issue 12: botLanguages [fr, en] writes the comment in French, then in English (the English commons of the tests below is the control)', async () => {
    f.commit({ 'governance/commons.yml': `${COMMONS_YML.replace('defaultLanguage: en', 'defaultLanguage: fr')}botLanguages: [fr, en]\n` }, { message: 'both languages' });
    git(origin, 'fetch', '-q', f.dir, '+refs/heads/main:refs/heads/main');
    git(bot, 'pull', '-q', '--ff-only', f.dir, 'main');
    const pr = openPull(people.amina!, { 'content/posts/2026/hello.md': postText({ author: 'amina', title: 'Bonjour' }) });
    expect((await noclout(['merge', '--at', hours(2)])).code).toBe(0);
    const body = judgementComment(pr.number)[0]!.body as string;
    const [fr, en] = body.split('\n\n---\n\n');
    expect(fr).toContain('Ouvert aux objections');
    expect(en).toContain('### NoClout: open (post)');
    expect(en).toContain('Open for objections');
    expect(en).not.toContain('Ouvert');
    // The check's summary page of review shows the same languages.
    writeFileSync(summary, '');
    expect((await noclout(['review', String(pr.number), '--at', hours(3)])).code).toBe(0);
    expect(readFileSync(summary, 'utf8')).toMatch(/^<!-- noclout:judgement -->\n### NoClout\u202f: ouvert \(billet\)[\s\S]*\n---\n\n### NoClout: open \(post\)/);
  });

  it('publishes a post after the objection window: merged, pushed, ledger pushed, one comment updated in place', async () => {
    const pr = openPull(people.amina!, { 'content/posts/2026/hello.md': postText({ author: 'amina', title: 'Hello' }) });
    const early = await noclout(['merge', '--at', hours(2)]);
    expect(early.code, early.stderr).toBe(0);
    expect(early.json.results[0]).toMatchObject({ head: '#1', decision: 'pending', merged: false });
    expect(judgementComment(1)).toHaveLength(1);
    expect(judgementComment(1)[0]!.body).toContain('Open for objections');

    const done = await noclout(['merge', '--at', hours(27)]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.json.results[0]).toMatchObject({ decision: 'accept', merged: true, record: 'governance/decisions/2026/0001-hello.md' });
    expect(git(origin, 'show', 'main:content/posts/2026/hello.md')).toContain('author: amina');
    expect(git(origin, 'show', 'main:governance/decisions/2026/0001-hello.md')).toContain('outcome: accepted');
    expect(git(origin, 'rev-parse', 'refs/noclout/ledger')).toBe(git(bot, 'rev-parse', 'refs/noclout/ledger'));
    const comments = judgementComment(1);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('Merged, with its decision record. The decision record: https://github.example/commons/agora/blob/main/governance/decisions/2026/0001-hello.md');
    expect(done.stderr).toMatch(/pushed main [0-9a-f]{12}\.\.[0-9a-f]{12}/);
    expect(pr.head).toBeTruthy();

    // Running again changes nothing: the head is in main, nothing is pushed or edited.
    const mainBefore = git(origin, 'rev-parse', 'main');
    const writes = api.requests.filter((r) => r.method !== 'GET').length;
    const again = await noclout(['merge', '--at', hours(28)]);
    expect(again.code, again.stderr).toBe(0);
    expect(git(origin, 'rev-parse', 'main')).toBe(mainBefore);
    expect(api.requests.filter((r) => r.method !== 'GET').length).toBe(writes);
  });

  it('counts reviews as ballots: members on the current head only, outsiders and stale reviews listed with why', async () => {
    const pr = openPull(people.amina!, { 'content/proposals/shorter-weeks.md': proposalText({ author: 'amina', title: 'Shorter weeks' }), 'governance/rules/be-brief.md': '---\ntitle: "Be brief"\n---\n\nKeep posts short.\n' });
    api.addReview(pr.number, { user: people.bruno!, state: 'APPROVED', commit: 'e'.repeat(40), submittedAt: hours(1) });
    api.addReview(pr.number, { user: people.bruno!, state: 'APPROVED', commit: pr.head, submittedAt: hours(2) });
    api.addReview(pr.number, { user: people.chloe!, state: 'APPROVED', commit: pr.head, submittedAt: hours(3), body: 'Yes | <b>gladly</b> @everyone' });
    api.addReview(pr.number, { user: people.dmitri!, state: 'CHANGES_REQUESTED', commit: pr.head, submittedAt: hours(4), body: 'Too strict.' });
    api.addReview(pr.number, { user: mallory, state: 'APPROVED', commit: pr.head, submittedAt: hours(5) });
    api.addReview(pr.number, { user: people.elena!, state: 'COMMENTED', commit: pr.head, submittedAt: hours(6) });
    // The bot first sees it at hours(7): the vote runs 7 days from then, and reviews given on this head before count.
    expect((await noclout(['merge', '--at', hours(7)])).json.results[0]).toMatchObject({ decision: 'pending', opened: hours(7), closes: hours(7 + 7 * 24) });
    const run = await noclout(['merge', '--at', hours(8 * 24)]);
    expect(run.code, run.stderr).toBe(0);
    const result = run.json.results[0];
    expect(result).toMatchObject({ kind: 'proposal', decision: 'accept', merged: true, tally: { eligible: 5, yes: 2, no: 1, quorumMet: true, thresholdMet: true } });
    const byVoter = result.ballots.map((b: any) => `${b.voter}:${b.vote}:${b.counted}`);
    expect(byVoter).toEqual(['bruno:yes:false', 'bruno:yes:true', 'chloe:yes:true', 'dmitri:no:true', 'github:mallory (id 666):yes:false']);
    expect(result.ballots[0].reason).toMatch(/^stale: given on eeeeeeeeeeee/);
    const body = judgementComment(pr.number)[0]!.body as string;
    expect(body).toContain('| 5 | 2 | 1 | 0 | met | met |');
    expect(body).toContain('| github:mallory (id 666) | yes | no | GitHub user mallory (id 666) is not a member');
    expect(body).toContain('Yes \\| &lt;b&gt;gladly&lt;/b&gt; \\@\u200beveryone');
    const record = git(origin, 'show', `main:${result.record}`);
    expect(record).toContain('voter: dmitri');
  });

  it('closes a rejected pull request with a link to its record', async () => {
    const pr = openPull(people.amina!, { 'content/proposals/no-quorum.md': proposalText({ author: 'amina', title: 'No quorum' }), 'governance/rules/be-quiet.md': '---\ntitle: "Be quiet"\n---\n\nShh.\n' });
    expect((await noclout(['merge', '--at', hours(1)])).json.results[0].decision).toBe('pending');
    const run = await noclout(['merge', '--at', hours(8 * 24)]);
    expect(run.code).toBe(1);
    expect(run.json.results[0]).toMatchObject({ decision: 'reject', merged: false });
    const record = run.json.results[0].record as string;
    expect(git(origin, 'show', `main:${record}`)).toContain('outcome: rejected');
    expect(api.pulls.get(pr.number)!.state).toBe('closed');
    expect(judgementComment(pr.number)[0]!.body).toContain(`The decision record: https://github.example/commons/agora/blob/main/${record}`);
    expect(run.stderr).toMatch(new RegExp(`#${pr.number}: closed \\(record ${record}\\)`));
  });

  it('a new pull request reusing a decided change\'s file name is told to rename it, neither skipped nor closed by the old record', async () => {
    const first = openPull(people.amina!, { 'content/proposals/no-quorum.md': proposalText({ author: 'amina', title: 'No quorum' }), 'governance/rules/be-quiet.md': '---\ntitle: "Be quiet"\n---\n\nShh.\n' });
    await noclout(['merge', '--at', hours(1)]);
    expect((await noclout(['merge', '--at', hours(8 * 24)])).json.results[0]).toMatchObject({ head: `#${first.number}`, decision: 'reject' });
    const again = openPull(people.bruno!, { 'content/proposals/no-quorum.md': proposalText({ author: 'bruno', title: 'No quorum, again' }), 'governance/rules/be-calm.md': '---\ntitle: "Be calm"\n---\n\nCalm.\n' }, hours(8 * 24 + 1));
    const run = await noclout(['merge', '--at', hours(8 * 24 + 2)]);
    expect(run.json.results).toEqual([expect.objectContaining({ head: `#${again.number}`, decision: 'invalid', merged: false })]);
    expect(run.json.results[0].problems[0]).toMatchObject({ path: 'content/proposals/no-quorum.md', rule: 'change/name-taken' });
    expect(api.pulls.get(again.number)!.state).toBe('open');
    expect(judgementComment(again.number)[0]!.body).toContain('change/name-taken');
  });

  it('leaves draft pull requests alone until they are marked ready', async () => {
    const pr = openPull(people.amina!, { 'content/posts/2026/draft.md': postText({ author: 'amina', title: 'Draft' }) });
    api.pulls.get(pr.number)!.draft = true;
    const run = await noclout(['merge', '--at', hours(30)]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json.results).toEqual([]);
    expect(run.stderr).toContain('#1 skipped: a draft');
    expect(judgementComment(pr.number)).toEqual([]);
  });

  it('tells the contributor what is wrong with the files, with line numbers', async () => {
    const pr = openPull(people.amina!, { 'content/posts/2026/broken.md': '---\ntitle: "Broken"\nauthor: amina\ndate: 2026-13-45\nlang: en\n---\n\nText.\n' });
    const run = await noclout(['merge', '--at', hours(1)]);
    expect(run.code).toBe(1);
    expect(run.json.results[0].decision).toBe('invalid');
    const body = judgementComment(pr.number)[0]!.body as string;
    expect(body).toMatch(/\| `content\/posts\/2026\/broken\.md` \| 4:\d+ \|/);
    expect(body).toContain('Fix the problems listed above and push to the same branch');
    expect(api.pulls.get(pr.number)!.state).toBe('open');
  });

  it('pushes nothing and tells no pull request anything when main moved since it was judged', async () => {
    openPull(people.amina!, { 'content/posts/2026/hello.md': postText({ author: 'amina', title: 'Hello' }) });
    expect((await noclout(['merge', '--at', hours(1)])).json.results[0].decision).toBe('pending');
    const writes = api.requests.filter((r) => r.method !== 'GET').length;
    // A maintainer lands a commit on main while the bot works.
    const other = join(tmp, 'maintainer');
    git(tmp, 'clone', '-q', origin, other);
    writeFileSync(join(other, 'NOTES.md'), 'notes\n');
    git(other, 'add', 'NOTES.md');
    git(other, '-c', 'user.name=m', '-c', 'user.email=m@example.org', 'commit', '-q', '-m', 'notes');
    git(other, 'push', '-q', origin, 'main');
    const theirs = git(origin, 'rev-parse', 'main');
    const run = await noclout(['merge', '--at', hours(26)]);
    expect(run.code).toBe(1);
    // No results (they would claim merges that did not land), but the failure itself, as JSON.
    expect(run.json).toMatchObject({ ok: false, error: { kind: 'forge', code: 'forge/base-moved' } });
    expect(run.stderr).toMatch(/main moved since it was judged .* nothing was pushed/);
    expect(git(origin, 'rev-parse', 'main')).toBe(theirs);
    expect(api.requests.filter((r) => r.method !== 'GET').length).toBe(writes);
  });

  it('reports GitHub\'s rate limit clearly and changes nothing', async () => {
    openPull(people.amina!, { 'content/posts/2026/hello.md': postText({ author: 'amina', title: 'Hello' }) });
    api.rateLimit = { kind: 'primary', reset: Date.parse('2026-11-20T10:00:00Z') / 1000 };
    const mainBefore = git(origin, 'rev-parse', 'main');
    const run = await noclout(['merge', '--at', hours(25)]);
    expect(run.code).toBe(1);
    expect(run.json).toMatchObject({ ok: false, error: { kind: 'forge', code: 'forge/rate-limited' } });
    expect(run.stderr).toMatch(/^noclout merge: GitHub's rate limit stops GET .* until 2026-11-20T10:00:00.000Z \(HTTP 403: API rate limit exceeded/);
    expect(git(origin, 'rev-parse', 'main')).toBe(mainBefore);
  });
});

describe('an opening is never back-dated to the pull request\'s created_at (issue 10, Sabotage: nothing may shorten a member\'s vote)', () => {
  const rule = { 'governance/rules/be-brief.md': '---\ntitle: "Be brief"\n---\n\nKeep posts short.\n' };

  it('a pull request invalid at T0 and fixed at T8 days opens at T8: still open then, decided at T15 (a vote of 7 days)', async () => {
    // Invalid from its creation: a front-matter key the proposal schema does not know.
    const pr = openPull(people.amina!, { 'content/proposals/shorter-weeks.md': proposalText({ author: 'amina', title: 'Shorter weeks', extra: 'weight: 3' }), ...rule }, T0);
    const first = await noclout(['merge', '--at', hours(1)]);
    expect(first.json.results[0]).toMatchObject({ decision: 'invalid', merged: false });
    expect(first.json.results[0].opened).toBeUndefined();

    // Fixed eight days later.
    const fixed = f.commit({ 'content/proposals/shorter-weeks.md': proposalText({ author: 'amina', title: 'Shorter weeks' }) }, { branch: `pr-${pr.number}`, message: 'fix the front matter' });
    git(bot, 'fetch', '-q', f.dir, `+refs/heads/pr-${pr.number}:refs/pull/${pr.number}/head`);
    api.movePullHead(pr.number, fixed);
    const opened = await noclout(['merge', '--at', days(8)]);
    expect(opened.code, opened.stderr).toBe(0);
    expect(opened.json.results[0]).toMatchObject({ head: `#${pr.number}`, commit: fixed, decision: 'pending', merged: false, opened: days(8), closes: days(15) });
    expect(api.pulls.get(pr.number)!.state).toBe('open');
    expect(git(bot, 'show', `refs/noclout/ledger:openings/shorter-weeks.yml`)).toMatch(new RegExp(`opened: .?${days(8)}`));

    // The members have their whole week on the fixed text.
    api.addReview(pr.number, { user: people.bruno!, state: 'APPROVED', commit: fixed, submittedAt: days(10) });
    api.addReview(pr.number, { user: people.chloe!, state: 'APPROVED', commit: fixed, submittedAt: days(14) });
    expect((await noclout(['merge', '--at', hours(15 * 24 - 1)])).json.results[0]).toMatchObject({ decision: 'pending' });
    const decided = await noclout(['merge', '--at', days(15)]);
    expect(decided.code, decided.stderr).toBe(0);
    expect(decided.json.results[0]).toMatchObject({ decision: 'accept', merged: true, opened: days(8), tally: { eligible: 5, yes: 2, no: 0 } });
    expect(git(origin, 'show', `main:${decided.json.results[0].record}`)).toContain(`opened: ${days(8)}`);
  });

  it('control: a pull request valid from its creation opens at the bot\'s first sight and is decided 7 days later', async () => {
    const pr = openPull(people.amina!, { 'content/proposals/shorter-weeks.md': proposalText({ author: 'amina', title: 'Shorter weeks' }), ...rule }, T0);
    api.addReview(pr.number, { user: people.bruno!, state: 'APPROVED', commit: pr.head, submittedAt: hours(1) });
    api.addReview(pr.number, { user: people.chloe!, state: 'APPROVED', commit: pr.head, submittedAt: hours(1) });
    const first = await noclout(['merge', '--at', hours(2)]);
    expect(first.json.results[0]).toMatchObject({ decision: 'pending', opened: hours(2), closes: hours(2 + 7 * 24) });
    // A review given before the bot's first sight, on the same head, counts: a later opening only lengthens the vote.
    const decided = await noclout(['merge', '--at', hours(2 + 7 * 24)]);
    expect(decided.json.results[0]).toMatchObject({ decision: 'accept', merged: true, tally: { yes: 2 } });
  });
});

describe('nothing an outsider does on GitHub opens, closes, shortens or uses up a member\'s vote (issue 10)', () => {
  it('an outsider\'s pull request built on a member\'s pull request writes nothing into that change\'s ledger entry', async () => {
    const pr = openPull(people.amina!, { 'content/proposals/shorter-weeks.md': proposalText({ author: 'amina', title: 'Shorter weeks' }), 'governance/rules/be-brief.md': '---\ntitle: "Be brief"\n---\n\nKeep posts short.\n' });
    const evil = f.commit({ 'governance/rules/be-brief.md': '---\ntitle: "Be brief"\n---\n\nNever write.\n' }, { branch: 'pr-2', from: `pr-${pr.number}`, message: 'on top' });
    git(bot, 'fetch', '-q', f.dir, '+refs/heads/pr-2:refs/pull/2/head');
    api.addPull({ number: 2, user: mallory, head: evil, base: git(bot, 'rev-parse', 'main'), createdAt: T0, fork: 'mallory/agora' });
    prs = 2;
    const run = await noclout(['merge', '--at', hours(1)]);
    expect(run.json.results.map((r: any) => [r.head, r.decision])).toEqual([['#1', 'pending'], ['#2', 'invalid']]);
    const entry = git(bot, 'show', 'refs/noclout/ledger:openings/shorter-weeks.yml');
    expect(entry).toContain(pr.head);
    expect(entry).not.toContain(evil);
    expect(entry).toContain('head: "#1"');
  });

  it('an outsider\'s review that objects to a post citing a rule neither counts nor puts the post to a vote; a member\'s does (control)', async () => {
    const quiet = openPull(people.amina!, { 'content/posts/2026/quiet.md': postText({ author: 'amina', title: 'Quiet' }) });
    const loud = openPull(people.bruno!, { 'content/posts/2026/loud.md': postText({ author: 'bruno', title: 'Loud' }) });
    expect((await noclout(['merge', '--at', hours(1)])).json.results.map((r: any) => r.decision)).toEqual(['pending', 'pending']);
    api.addReview(quiet.number, { user: mallory, state: 'CHANGES_REQUESTED', commit: quiet.head, submittedAt: hours(2), body: 'rule: be-kind' });
    api.addReview(loud.number, { user: people.chloe!, state: 'CHANGES_REQUESTED', commit: loud.head, submittedAt: hours(2), body: 'rule: be-kind' });
    const run = await noclout(['merge', '--at', hours(26)]);
    const [q, l] = run.json.results;
    expect(q).toMatchObject({ head: `#${quiet.number}`, decision: 'accept', merged: true });
    expect(q.ballots).toEqual([expect.objectContaining({ voter: 'github:mallory (id 666)', counted: false })]);
    expect(l).toMatchObject({ head: `#${loud.number}`, decision: 'pending', merged: false });
    expect(l.reasons.join('\n')).toMatch(/voting\.moderation|objection/);
  });

  it('a member\'s pull request writing a ballot file in another member\'s name is not merged: ballot files are not ballots here, and main gets no words bruno never signed', async () => {
    const rule = { 'governance/rules/be-brief.md': '---\ntitle: "Be brief"\n---\n\nKeep posts short.\n' };
    const pr = openPull(people.amina!, { 'content/proposals/shorter-weeks.md': proposalText({ author: 'amina', title: 'Shorter weeks' }), ...rule, 'governance/ballots/shorter-weeks/bruno.yml': 'vote: yes\nreason: "Amina is always right"\n' });
    api.addReview(pr.number, { user: people.bruno!, state: 'APPROVED', commit: pr.head, submittedAt: hours(2) });
    api.addReview(pr.number, { user: people.chloe!, state: 'APPROVED', commit: pr.head, submittedAt: hours(2) });
    await noclout(['merge', '--at', hours(1)]);
    const run = await noclout(['merge', '--at', hours(1 + 7 * 24)]);
    expect(run.json.results[0]).toMatchObject({ decision: 'invalid', merged: false, problems: [expect.objectContaining({ path: 'governance/ballots/shorter-weeks/bruno.yml', rule: 'ballot/not-voters-words' })] });
    expect(() => git(origin, 'show', 'main:governance/ballots/shorter-weeks/bruno.yml')).toThrow();
  });
});
