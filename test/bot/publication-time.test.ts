/**
 * Issue #11 §6: "posts.maxPerAuthorPerWeek counts every post the site shows as published in the
 * week, records or not". Posts that reached main without a record (before the bot was adopted, or
 * pushed by a maintainer) count at the time the site shows: the committer time of the
 * first-parent commit of main that added them. One rule, src/commons/publication.ts, for the bot
 * and the site; the bot reads only the last 8 days of main. Real repositories, real signatures.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publications, publicationsByAuthor } from '../../src/commons/publication.ts';
import { listRecords, recentRecords } from '../../src/bot/records.ts';
import { openRepository } from '../../src/repo/repository.ts';
import { treeOf } from '../../src/repo/tree.ts';
import { postAdditions, readHistoryWithGit, readHistoryWithIsomorphicGit } from '../../src/site/git-history.ts';
import { parseRecord } from '../../src/commons/decision-record.ts';
import { postText, trackedCommons, type Fixture } from '../repo/fixture.ts';
import { days, hours, T0 } from './clock.ts';
import { nocloutInProcess } from './cli.ts';

const commons = trackedCommons();

async function bot(command: 'review' | 'merge', f: Fixture, at: string, heads: string[] = []) {
  const run = await nocloutInProcess([command, ...heads, '--repo', f.dir, '--at', at, '--format', 'json']);
  expect(run.json, run.stderr).toBeDefined();
  return run.json;
}

/** A post committed straight to main, as before the bot, or by a maintainer: no record. */
function pushed(f: Fixture, slug: string, author: string, date: string): void {
  f.commit({ [`content/posts/2026/${slug}.md`]: postText({ author, title: `Post ${slug}` }) }, { date, message: `maintainer pushes ${slug}` });
}

/** A post on its own branch; `date` is the commit's own date, which its author sets freely. */
function branch(f: Fixture, slug: string, author: string, date?: string): void {
  f.commit({ [`content/posts/2026/${slug}.md`]: postText({ author, title: `Post ${slug}` }) }, { branch: `post/${slug}`, signer: author, ...(date ? { date } : {}) });
}

/** Judge amina's new post at T0 and again once its objection window has passed. */
async function fourth(f: Fixture) {
  branch(f, 'fourth', 'amina');
  await bot('review', f, T0, ['post/fourth']);
  return (await bot('merge', f, hours(25), ['post/fourth'])).results[0];
}

describe('posts.maxPerAuthorPerWeek counts every post published in the week, records or not (issue #11 §6)', () => {
  it('three posts a maintainer pushed to main this week hold back the author\'s next post, until a week after the first', async () => {
    const f = commons();
    pushed(f, 'p1', 'amina', hours(-72));
    pushed(f, 'p2', 'amina', hours(-48));
    pushed(f, 'p3', 'amina', hours(-24));
    const held = await fourth(f);
    expect(held).toMatchObject({ decision: 'pending', merged: false });
    expect(held.reasons.at(-1)).toContain(`published 3 posts in the last 7 days (posts.maxPerAuthorPerWeek: 3); it can be published after ${hours(-72 + 7 * 24)}`);
    expect((await bot('merge', f, hours(-72 + 7 * 24 + 1), ['post/fourth'])).results[0]).toMatchObject({ decision: 'accept', merged: true });
  });

  it('control: the same three posts by another member, or pushed more than a week ago, do not hold amina\'s post', async () => {
    const other = commons();
    for (const [slug, at] of [['p1', -72], ['p2', -48], ['p3', -24]] as const) pushed(other, slug, 'bruno', hours(at));
    expect(await fourth(other)).toMatchObject({ decision: 'accept', merged: true });
    const old = commons();
    for (const [slug, at] of [['p1', -10], ['p2', -9], ['p3', -8]] as const) pushed(old, slug, 'amina', days(at));
    expect(await fourth(old)).toMatchObject({ decision: 'accept', merged: true });
  });

  it('posts with and without records count together: two pushed by a maintainer and one the bot published', async () => {
    const f = commons();
    pushed(f, 'p1', 'amina', hours(-48));
    pushed(f, 'p2', 'amina', hours(-24));
    branch(f, 'p3', 'amina');
    await bot('review', f, hours(-30), ['post/p3']);
    expect((await bot('merge', f, hours(-5), ['post/p3'])).results[0]).toMatchObject({ decision: 'accept', merged: true });
    const held = await fourth(f);
    expect(held).toMatchObject({ decision: 'pending' });
    expect(held.reasons.at(-1)).toContain('published 3 posts in the last 7 days');
  });

  it('a post the bot published counts once, at its record\'s close, even when the commit that added it carries a later time', async () => {
    // The commits on main are dated 2026-11-20, the change's own commit too (its author sets that
    // date); the bot fast-forwards main to it, and its record closes at the clock, 2026-11-03.
    const f = commons({ policy: { maxPerAuthorPerWeek: 1 } });
    pushed(f, 'unrelated', 'bruno', '2026-11-20T00:00:00Z');
    branch(f, 'first', 'amina', '2026-11-20T00:00:00Z');
    await bot('review', f, T0, ['post/first']);
    expect((await bot('merge', f, hours(25), ['post/first'])).results[0]).toMatchObject({ decision: 'accept', merged: true });
    // Nine days later the record is outside the week; the date of the commit that added the file is not.
    branch(f, 'second', 'amina');
    await bot('review', f, days(9), ['post/second']);
    expect((await bot('merge', f, days(10), ['post/second'])).results[0]).toMatchObject({ decision: 'accept', merged: true });
  });

  it('a change\'s own commit dates do not stop the count: a backdated commit merged by the bot hides no post pushed before it', async () => {
    const f = commons();
    pushed(f, 'p1', 'amina', hours(-48));
    pushed(f, 'p2', 'amina', hours(-30));
    branch(f, 'p3', 'amina', '2001-01-01T00:00:00Z');
    await bot('review', f, hours(-29), ['post/p3']);
    expect((await bot('merge', f, hours(-5), ['post/p3'])).results[0]).toMatchObject({ decision: 'accept', merged: true });
    expect(f.git(['log', '-1', '--format=%cI', 'main~1'])).toBe('2001-01-01T00:00:00+00:00');
    const held = await fourth(f);
    expect(held).toMatchObject({ decision: 'pending' });
    expect(held.reasons.at(-1)).toContain('published 3 posts in the last 7 days');
  });

  it('the bot stops at the first commit of main older than the window: the history behind it may be missing', async () => {
    const f = commons();
    const ancient = f.rev('main');
    pushed(f, 'old', 'amina', days(-30));
    pushed(f, 'p1', 'amina', hours(-48));
    pushed(f, 'p2', 'amina', hours(-24));
    // The commit before "old" (30 days ago) is never read by the count: remove it from the clone.
    rmSync(join(f.dir, '.git/objects', ancient.slice(0, 2), ancient.slice(2)));
    const repo = openRepository(f.dir);
    const base = f.rev('main');
    const recent = await recentRecords(repo, await listRecords(repo, await treeOf(repo, base)), new Date(Date.parse(hours(25)) - 8 * 86_400_000), base);
    expect(recent.publications).toEqual(new Map([['amina', [hours(-48), hours(-24)]]]));
  });
});

describe('the site and the bot date posts by the same rule (src/commons/publication.ts)', () => {
  it('publication times from the site\'s history and from the bot\'s 8-day walk agree, per author', async () => {
    const f = commons();
    pushed(f, 'p1', 'amina', hours(-48));
    pushed(f, 'p2', 'bruno', hours(-24));
    branch(f, 'p3', 'amina');
    await bot('review', f, hours(-30), ['post/p3']);
    await bot('merge', f, hours(-5), ['post/p3']);
    const repo = openRepository(f.dir);
    const base = f.rev('main');
    const records = await listRecords(repo, await treeOf(repo, base));
    const since = new Date(Date.parse(T0) - 8 * 86_400_000);
    const fromBot = (await recentRecords(repo, records, since, base)).publications;
    const recordData = records.map((r) => {
      const parsed = parseRecord(f.git(['show', `main:${r.path}`]), r.path);
      if (!parsed.ok) throw new Error(r.path);
      return parsed.record;
    });
    for (const history of [await readHistoryWithGit(f.dir), await readHistoryWithIsomorphicGit(f.dir)]) {
      const site = publications(recordData, postAdditions(history));
      // The site does not read authors; the bot does: give the site's entries their authors to compare.
      for (const p of site.values()) p.author ??= /author: (\S+)/.exec(f.git(['show', `main:${p.path}`]))![1];
      expect(publicationsByAuthor(site.values(), since)).toEqual(fromBot);
    }
    expect(fromBot.get('amina')).toEqual([hours(-48), hours(-5)]);
    expect(fromBot.get('bruno')).toEqual([hours(-24)]);
  });
});

describe('publications: the rule itself', () => {
  const record = (closed: string, files: string[], author = 'amina') => ({ kind: 'post', outcome: 'accepted', closed, files, author });
  const A = 'content/posts/2026/a.md';

  it('a record\'s close wins over the commit that added the file; without a record, the first addition counts', () => {
    const got = publications([record('2026-11-05T00:00:00.000Z', [A])], [
      { path: A, time: '2026-11-09T00:00:00.000Z' },
      { path: 'content/posts/2026/b.md', time: '2026-11-01T00:00:00.000Z', author: 'bruno' },
      { path: 'content/posts/2026/b.md', time: '2026-11-08T00:00:00.000Z', author: 'bruno' },
    ]);
    expect(got.get(A)).toEqual({ path: A, published: '2026-11-05T00:00:00.000Z', by: 'record', author: 'amina' });
    expect(got.get('content/posts/2026/b.md')).toEqual({ path: 'content/posts/2026/b.md', published: '2026-11-01T00:00:00.000Z', by: 'commit', author: 'bruno' });
  });

  it('only accepted post records publish, and only post files: a rejection, a moderation or a ballot file is no publication', () => {
    const got = publications(
      [
        { ...record('2026-11-05T00:00:00.000Z', [A]), outcome: 'rejected' },
        { ...record('2026-11-05T00:00:00.000Z', [A]), kind: 'moderation' },
        record('2026-11-05T00:00:00.000Z', ['governance/ballots/a/amina.yml', 'content/posts/.gitkeep']),
      ],
      [],
    );
    expect([...got.keys()]).toEqual([]);
  });
});
