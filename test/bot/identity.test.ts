/**
 * Issue 10, "Trust holes", section "Identity: nobody publishes or speaks in another member's
 * name". Each attack runs against a real repository with real SSH-signed commits, beside a valid
 * control case, so a refusal means something.
 */
import { execFileSync } from 'node:child_process';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { fitRecord, recordPath, renderRecord, type UnsealedRecord } from '../../src/commons/decision-record.ts';
import { renderJudgementComment } from '../../src/commons/judgement-comment.ts';
import { sealRecord } from '../../src/commons/record-digest.ts';
import { RECORD_MAX_BYTES, UNCOUNTED_LISTED } from '../../src/commons/schema/decision.ts';
import { recordFileProblems } from '../../src/bot/record-of.ts';
import { postText, proposalText, trackedCommons, type FileSpec, type Fixture } from '../repo/fixture.ts';
import { days, hours, T0 } from './clock.ts';
import { noclout, nocloutInProcess } from './cli.ts';

const commons = trackedCommons();

async function review(f: Fixture, head: string, at: string) {
  const run = await nocloutInProcess(['review', head, '--repo', f.dir, '--at', at, '--format', 'json']);
  expect(run.json, run.stderr).toBeDefined();
  return run.json;
}

async function merge(f: Fixture, at: string, heads: string[] = []) {
  const run = await nocloutInProcess(['merge', ...heads, '--repo', f.dir, '--at', at, '--format', 'json']);
  expect(run.json, run.stderr).toBeDefined();
  return run.json.results;
}

/** A ballot commit, signed by `signer` (the voter by default; '' for an unsigned commit). */
function ballot(f: Fixture, branch: string, change: string, voter: string, yaml: string, signer = voter): string {
  return f.commit({ [`governance/ballots/${change}/${voter}.yml`]: yaml }, { branch, ...(signer ? { signer } : {}), message: `ballot: ${voter} on ${change}` });
}

const rule = (slug: string) => ({ [`governance/rules/${slug}.md`]: `---\ntitle: "${slug}"\n---\n\nThe rule.\n` });
const problemsOf = (j: any) => j.problems.map((p: any) => `${p.path} ${p.rule}`);
const exists = (f: Fixture, path: string) => f.git(['ls-tree', '--name-only', 'main', '--', path]) !== '';

/** `noclout check` on main as it is now: the work tree brought to main first (the bot moves the ref only). */
function checkMain(f: Fixture) {
  f.git(['checkout', '-q', '-f', 'main']);
  f.git(['reset', '-q', '--hard', 'main']);
  return noclout(['check', '--repo', f.dir, '--format', 'json']);
}

describe('every post or proposal a change adds is authored by the member who signed it', () => {
  it('forged proposal author + own post: a rule proposal saying author bruno, signed by amina, is refused even beside a post of amina (change/forged-author), and the post is refused in a proposal change (change/mixed-post)', async () => {
    const f = commons();
    f.commit({ 'content/proposals/sneak.md': proposalText({ author: 'bruno' }), ...rule('sneak'), 'content/posts/2026/mine.md': postText({ author: 'amina' }) }, { branch: 'proposal/sneak', signer: 'amina' });
    const j = await review(f, 'proposal/sneak', T0);
    expect(j.decision).toBe('invalid');
    expect(problemsOf(j)).toEqual(expect.arrayContaining(['content/proposals/sneak.md change/forged-author', 'content/posts/2026/mine.md change/mixed-post']));
    for (const voter of ['amina', 'chloe', 'dmitri']) ballot(f, 'proposal/sneak', 'sneak', voter, 'vote: yes\n');
    expect((await merge(f, days(8)))[0]).toMatchObject({ decision: 'invalid', merged: false });
    expect(exists(f, 'governance/rules/sneak.md')).toBe(false);
    expect(exists(f, 'content/posts/2026/mine.md')).toBe(false);
  });

  it('control: the same proposal under amina\'s own name is valid alone; beside her own post, only the post is refused (it would skip lazy consensus and the weekly limit)', async () => {
    const f = commons();
    f.commit({ 'content/proposals/honest.md': proposalText({ author: 'amina' }), ...rule('honest') }, { branch: 'proposal/honest', signer: 'amina' });
    expect(await review(f, 'proposal/honest', T0)).toMatchObject({ kind: 'proposal', decision: 'pending', problems: [] });
    f.commit({ 'content/proposals/mixed.md': proposalText({ author: 'amina' }), ...rule('mixed'), 'content/posts/2026/rider.md': postText({ author: 'amina' }) }, { branch: 'proposal/mixed', signer: 'amina' });
    const mixed = await review(f, 'proposal/mixed', T0);
    expect(mixed.decision).toBe('invalid');
    expect(problemsOf(mixed)).toEqual(['content/posts/2026/rider.md change/mixed-post']);
  });

  it('moderation + forged post: a moderation that also adds a post marked author bruno, signed by amina, is refused (moderation/adds-post, change/forged-author)', async () => {
    const offer = postText({ author: 'bruno', title: 'Cheap panels' }, 'Buy my panels.\n');
    const f = commons({ posts: { 'content/posts/2026/offer.md': offer } });
    const hide = proposalText({ author: 'amina', extra: 'moderates: 2026/offer\nrule: be-kind\n' }, 'Advertising is not kind to readers.\n');
    f.commit({ 'content/proposals/hide-offer.md': hide, 'content/posts/2026/offer.md': null, 'content/posts/2026/confession.md': postText({ author: 'bruno', title: 'I sell panels' }, 'I admit it was an advert.\n') }, { branch: 'moderation/hide-offer', signer: 'amina' });
    const j = await review(f, 'moderation/hide-offer', T0);
    expect(j).toMatchObject({ kind: 'moderation', decision: 'invalid' });
    expect(problemsOf(j)).toEqual(expect.arrayContaining(['content/posts/2026/confession.md moderation/adds-post', 'content/posts/2026/confession.md change/forged-author']));
    for (const voter of ['amina', 'chloe']) ballot(f, 'moderation/hide-offer', 'hide-offer', voter, 'vote: yes\n');
    expect((await merge(f, days(4)))[0]).toMatchObject({ merged: false });
    expect(exists(f, 'content/posts/2026/confession.md')).toBe(false);
    expect(exists(f, 'content/posts/2026/offer.md')).toBe(true);
  });

  it("control: the moderation alone is valid, and an appeal restores bruno's post word for word though chloe signs it; an appeal that also adds a post is refused", async () => {
    const offer = postText({ author: 'bruno', title: 'Cheap panels' }, 'Buy my panels.\n');
    const f = commons({ posts: { 'content/posts/2026/offer.md': offer } });
    f.commit({ 'content/proposals/hide-offer.md': proposalText({ author: 'amina', extra: 'moderates: 2026/offer\nrule: be-kind\n' }), 'content/posts/2026/offer.md': null }, { branch: 'moderation/hide-offer', signer: 'amina' });
    expect(await review(f, 'moderation/hide-offer', T0)).toMatchObject({ kind: 'moderation', decision: 'pending', problems: [] });
    for (const voter of ['amina', 'chloe']) ballot(f, 'moderation/hide-offer', 'hide-offer', voter, 'vote: yes\n');
    await review(f, 'moderation/hide-offer', hours(1));
    expect((await merge(f, days(3)))[0]).toMatchObject({ decision: 'accept', merged: true });

    const appeal = proposalText({ author: 'chloe', extra: 'appeals: 2026/0001-hide-offer\n' }, 'It was a one-off.\n');
    f.commit({ 'content/proposals/restore-offer.md': appeal, 'content/posts/2026/offer.md': offer }, { branch: 'moderation/restore-offer', signer: 'chloe' });
    expect(await review(f, 'moderation/restore-offer', days(4))).toMatchObject({ kind: 'moderation', decision: 'pending', problems: [] });

    f.commit({ 'content/proposals/restore-more.md': appeal, 'content/posts/2026/offer.md': offer, 'content/posts/2026/extra.md': postText({ author: 'bruno' }) }, { branch: 'moderation/restore-more', signer: 'chloe' });
    const more = await review(f, 'moderation/restore-more', days(4));
    expect(more.decision).toBe('invalid');
    expect(problemsOf(more)).toContain('content/proposals/restore-more.md moderation/appeal-restores');
  });
});

describe("the words of a ballot that does not count are never shown as a member's", () => {
  it("unsigned ballot's words not quoted: an unsigned file in bruno's name is listed as not counted, without its words, in the judgement, the pull-request comment and the record", async () => {
    const f = commons();
    f.commit({ 'content/proposals/words.md': proposalText({ author: 'amina' }), ...rule('words') }, { branch: 'proposal/words', signer: 'amina' });
    await review(f, 'proposal/words', T0);
    ballot(f, 'proposal/words', 'words', 'amina', 'vote: yes\nreason: "Clear and useful."\n');
    ballot(f, 'proposal/words', 'words', 'bruno', 'vote: no\nrule: be-kind\nreason: "I admit I stole the panels."\n', '');
    ballot(f, 'proposal/words', 'words', 'chloe', 'vote: yes\n');
    const j = await review(f, 'proposal/words', hours(1));
    const bruno = j.ballots.find((b: any) => b.voter === 'bruno');
    expect(bruno).toMatchObject({ counted: false, reason: expect.stringContaining('missing signature') });
    expect(bruno).not.toHaveProperty('comment');
    expect(bruno).not.toHaveProperty('rule');
    const comment = renderJudgementComment(j);
    expect(comment).not.toContain('I admit');
    expect(comment).toContain('Clear and useful.');

    // The file itself would put those words on main in bruno's name: the merge waits until it is deleted (ballot/not-voters-words).
    const blocked = (await merge(f, days(7)))[0];
    expect(blocked).toMatchObject({ decision: 'invalid', merged: false, problems: [expect.objectContaining({ path: 'governance/ballots/words/bruno.yml', rule: 'ballot/not-voters-words' })] });
    f.commit({ 'governance/ballots/words/bruno.yml': null }, { branch: 'proposal/words', signer: 'amina', message: 'remove the unsigned ballot file' });
    expect((await merge(f, days(7)))[0]).toMatchObject({ decision: 'accept', merged: true });
    expect(f.git(['ls-tree', '--name-only', '-r', 'main', 'governance/ballots/words'])).not.toContain('bruno.yml');
    const record = f.git(['show', 'main:governance/decisions/2026/0001-words.md']);
    expect(record).not.toContain('I admit');
    expect(record).toContain('| bruno | no | no |');
    // The control: a counted ballot's words are published, dissent or not.
    expect(record).toContain('- **amina** (yes): Clear and useful.');
    expect(noclout(['audit', '--repo', f.dir]).code).toBe(0);
  });
});

/**
 * Unsigned commits on `branch`, written at once with git fast-import (hundreds of `git commit`
 * would take minutes): each commit writes or (null) deletes its files.
 */
function fastCommits(f: Fixture, branch: string, commits: readonly Record<string, string | null>[]): void {
  const parts: Buffer[] = [];
  const data = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    parts.push(Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from('\n'));
  };
  commits.forEach((files, i) => {
    parts.push(Buffer.from(`commit refs/heads/${branch}\ncommitter Junk <junk@example.org> ${1_762_000_000 + i} +0000\n`));
    data(`junk ${i + 1}`);
    if (i === 0) parts.push(Buffer.from(`from ${f.rev(branch)}\n`));
    for (const [path, text] of Object.entries(files)) {
      if (text === null) parts.push(Buffer.from(`D ${path}\n`));
      else {
        parts.push(Buffer.from(`M 100644 inline ${path}\n`));
        data(text);
      }
    }
  });
  execFileSync('git', ['-C', f.dir, 'fast-import', '--quiet'], { input: Buffer.concat(parts) });
}

describe('a record stays within the size noclout check allows, whatever the junk', () => {
  it('300 junk ballot files: they block the merge until deleted; then main passes noclout check after the merge, every member\'s ballot is recorded with its words, and the 300 junk ballots are listed compactly', async () => {
    const f = commons();
    f.commit({ 'content/proposals/junk-vote.md': proposalText({ author: 'amina' }), ...rule('junk-vote') }, { branch: 'proposal/junk-vote', signer: 'amina' });
    await review(f, 'proposal/junk-vote', T0);
    // 300 commits, each adding one file in no member's name; 1990 two-byte letters each: about 4 KB
    // of words per ballot, written twice in a record that quoted them.
    const junk = Array.from({ length: 300 }, (_, i) => `governance/ballots/junk-vote/junk-${String(i + 1).padStart(3, '0')}.yml`);
    fastCommits(f, 'proposal/junk-vote', junk.map((path) => ({ [path]: `vote: no\nreason: "${'é'.repeat(1990)}"\n` })));
    ballot(f, 'proposal/junk-vote', 'junk-vote', 'amina', 'vote: yes\nreason: "Worth it."\n');
    ballot(f, 'proposal/junk-vote', 'junk-vote', 'chloe', 'vote: yes\nreason: "Agreed."\n');
    await review(f, 'proposal/junk-vote', hours(1));
    // Accepted, but those files on main would fail noclout check (ballot/unknown-voter): nothing is merged yet.
    const [blocked] = await merge(f, days(7));
    expect(blocked).toMatchObject({ decision: 'invalid', merged: false });
    expect(blocked.problems).toHaveLength(300);
    expect(blocked.problems[0]).toMatchObject({ path: junk[0], rule: 'ballot/unknown-voter' });
    // Deleting them is a ballot-only commit: no ballot goes stale, and the vote, already closed, is accepted.
    fastCommits(f, 'proposal/junk-vote', [Object.fromEntries(junk.map((path) => [path, null]))]);
    const [result] = await merge(f, days(7.1));
    expect(result).toMatchObject({ decision: 'accept', merged: true, tally: { yes: 2 } });
    const text = f.git(['show', `main:${result.record}`]);
    expect(Buffer.byteLength(text)).toBeLessThan(RECORD_MAX_BYTES);
    expect(text).toContain('- **amina** (yes): Worth it.');
    expect(text).toContain('- **chloe** (yes): Agreed.');
    expect(text).toContain(`unlistedBallots: ${300 - UNCOUNTED_LISTED}`);
    expect(text).not.toContain('éééé');
    const checked = checkMain(f);
    expect(checked.json?.problems, checked.stdout + checked.stderr).toEqual([]);
    expect(checked.code).toBe(0);
    expect(noclout(['audit', '--repo', f.dir]).code).toBe(0);
  }, 120_000);

  it('the final guard: a record over the size limit fails the same check noclout check runs and is never written; fitted, the same record passes with every ballot listed', () => {
    const oid = (c: string) => c.repeat(40);
    const ballots = Array.from({ length: 150 }, (_, i) => ({ voter: `member-${i}`, vote: 'yes' as const, counted: true, reason: 'counted: latest valid ballot of a member', comment: '🌻'.repeat(1000), commit: oid('d') }));
    const record: UnsealedRecord = {
      change: 'big',
      title: 'A big vote',
      kind: 'proposal',
      outcome: 'accepted',
      head: oid('a'),
      base: oid('b'),
      merge: oid('c'),
      opened: '2026-11-02T10:00:00.000Z',
      closed: '2026-11-09T10:00:00.000Z',
      policyCommit: oid('b'),
      rule: { quorum: '1/3', threshold: { moreThan: '1/2' }, days: 7, closeEarly: false },
      roster: { size: 150, commit: oid('b') },
      files: ['content/proposals/big.md'],
      ballots,
      tally: { eligible: 150, yes: 150, no: 0, abstain: 0, quorumMet: true, thresholdMet: true },
      reasons: ['the vote closed'],
    };
    const path = recordPath('2026', 1, 'big');
    expect(recordFileProblems(path, renderRecord(record), record).map((p) => p.rule)).toContain('file/too-large');
    const fitted = fitRecord(record);
    expect(fitted.ballots).toHaveLength(150);
    expect(fitted.ballots.every((b) => b.comment!.endsWith('…'))).toBe(true);
    expect(recordFileProblems(path, renderRecord(fitted), fitted)).toEqual([]);
  });
});

/** The record body as a Markdown parser with GitHub's extensions reads it. */
function markdownOf(record: string) {
  const body = record.slice(record.indexOf('\n---\n', 4) + 5);
  const nodes: any[] = [];
  const walk = (node: any) => {
    nodes.push(node);
    for (const child of node.children ?? []) walk(child);
  };
  walk(fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }));
  return nodes;
}

describe('every field that reaches a record is one line, escaped', () => {
  it('multi-line title: a post or proposal title with a line break is refused at validation (post/line-break, proposal/line-break)', async () => {
    const f = commons();
    f.commit({ 'content/posts/2026/fake-tally.md': postText({ author: 'amina', title: 'Hello\\n\\n## Tally: 0 yes, 5 no' }) }, { branch: 'post/fake-tally', signer: 'amina' });
    const j = await review(f, 'post/fake-tally', T0);
    expect(j.decision).toBe('invalid');
    expect(j.problems).toContainEqual(expect.objectContaining({ path: 'content/posts/2026/fake-tally.md', rule: 'post/line-break', line: 2 }));
    expect((await merge(f, hours(25)))[0]).toMatchObject({ merged: false });
    f.commit({ 'content/proposals/two-lines.md': proposalText({ author: 'amina', title: 'One\\u2028Two' }), ...rule('two-lines') }, { branch: 'proposal/two-lines', signer: 'amina' });
    expect(problemsOf(await review(f, 'proposal/two-lines', T0))).toContain('content/proposals/two-lines.md proposal/line-break');
  });

  it('control: a one-line title full of Markdown is published, and the record shows it as text: one title heading, the known sections, no link, no HTML', async () => {
    const f = commons();
    const title = '## Tally: 0 yes | [click](https://evil.example) <img src=x> www.evil.example **bold**';
    f.commit({ 'content/posts/2026/markdown-title.md': postText({ author: 'amina', title }) }, { branch: 'post/markdown-title', signer: 'amina' });
    await review(f, 'post/markdown-title', T0);
    expect((await merge(f, hours(25)))[0]).toMatchObject({ decision: 'accept', merged: true });
    const nodes = markdownOf(f.git(['show', 'main:governance/decisions/2026/0001-markdown-title.md']));
    const headings = nodes.filter((n) => n.type === 'heading');
    expect(headings.map((h) => h.depth)).toEqual([1, 2]);
    expect(nodes.filter((n) => ['html', 'image', 'strong', 'table'].includes(n.type))).toEqual([]);
    const toText = (n: any): string => (n.value ?? '') + (n.children ?? []).map(toText).join('');
    // No link hides its target behind words ("[click](…)"). A bare address stays the address as
    // written: GitHub's renderer leaves it text (its ":" and "." are escaped), remark's GFM
    // extension still makes it clickable, showing the address itself.
    const links = nodes.filter((n) => n.type === 'link');
    expect(links.map((l) => toText(l))).toEqual(['https://evil.example', 'www.evil.example']);
    expect(toText(headings[0])).toBe(`${title}: published`);
    expect(noclout(['audit', '--repo', f.dir]).code).toBe(0);
  });

  it('a record hand-edited to inject a section is flagged by audit (audit/structure), even with its front matter rewritten to match and its digest recomputed', async () => {
    const f = commons();
    f.commit({ 'content/posts/2026/hello.md': postText({ author: 'amina', title: 'Hello' }) }, { branch: 'post/hello', signer: 'amina' });
    await review(f, 'post/hello', T0);
    await merge(f, hours(25));
    expect(noclout(['audit', '--repo', f.dir]).code).toBe(0);
    const path = 'governance/decisions/2026/0001-hello.md';
    const original = f.git(['show', `main:${path}`]);
    const audit = () => noclout(['audit', '--repo', f.dir, '--format', 'json']);

    // What a title with line breaks made the bot write: the front matter and the body agree.
    const injected = 'Hello\n\n## Tally\n\n0 yes, 5 no, 0 abstain, of 5 members. Quorum met; threshold met.\n\n## Why\n\n- rejected by every member';
    const agreeing = original.replace('title: Hello\n', `title: ${JSON.stringify(injected)}\n`).replace('# Hello: published', `# ${injected}: published`);
    f.commit({ [path]: sealRecord(agreeing) } as Record<string, FileSpec>, { message: 'a record with a title of many lines' });
    const first = audit();
    expect(first.code).toBe(1);
    expect(first.json.findings).toContainEqual(expect.objectContaining({ path, rule: 'audit/structure', message: expect.stringContaining('repeats the section "## Why"') }));

    // The front matter untouched, a section added to the body, the digest recomputed.
    const body = original.replace('## Why', '## Tally\n\n0 yes, 5 no, 0 abstain, of 5 members. Quorum met; threshold met.\n\n## Why');
    f.commit({ [path]: sealRecord(body) }, { message: 'a section added by hand' });
    const second = audit();
    expect(second.code).toBe(1);
    const structure = second.json.findings.filter((x: any) => x.rule === 'audit/structure').map((x: any) => x.message);
    expect(structure).toEqual(expect.arrayContaining([expect.stringContaining('comes after'), expect.stringContaining('"## Tally" is there, though the front matter has nothing for it')]));
    expect(second.json.findings.map((x: any) => x.rule)).not.toContain('audit/edited-by-hand');
  });
});
