/**
 * Issue 14: "The result is the full build's: a test builds a commons, applies a change
 * incrementally, builds the same commit from scratch, and compares the two output trees file by
 * file; any difference fails." One commons, five kinds of change committed one after the other,
 * each built incrementally from the previous build's cache and from scratch, then a new day, a
 * post changed in place and a new year (what the keys hold besides the pages' own data); then a change the
 * incremental path cannot reason about (a template), which must fall back to a full build and
 * say so.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealRecord } from '../../src/commons/record-digest.ts';
import { commonsWith, ROOT } from '../e2e/harness.ts';
import { buildInto, treeDifferences } from './site-trees.ts';

let commons: string;
let work: string;
const cache = () => path.join(work, 'cache');
let step = 0;
let lastOut = '';

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(commons, { recursive: true, force: true });
});

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'noclout-incremental-'));
  commons = await commonsWith({});
  lastOut = path.join(work, 'first');
  const first = await buildInto(commons, lastOut, cache());
  expect(first.stdout).toContain('full build: no previous build');
}, 300_000);

/** Commits on the day of the commons' first commit (so that pages keyed by their own data are kept), or on a later day. */
async function commit(files: Record<string, string>, message: string, options: { day?: string } = {}): Promise<void> {
  step += 1;
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(commons, file)), { recursive: true });
    await writeFile(path.join(commons, file), text);
  }
  const date = `${options.day ?? '2026-11-01'}T${String(10 + step).padStart(2, '0')}:00:00Z`;
  const git = (...args: string[]) =>
    promisify(execFile)('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], {
      cwd: commons,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
  await git('add', '-A');
  await git('commit', '-q', '-m', message);
}

/** Builds the commit incrementally and from scratch; resolves to how many pages the incremental build rendered and kept. */
async function incrementalEqualsFull(name: string, options: { inPlace?: boolean } = {}): Promise<{ rendered: number; kept: number }> {
  // In place: into the output folder of the build before, changing only what changed; else a new folder.
  const out = options.inPlace ? lastOut : path.join(work, `${name}-incremental`);
  lastOut = out;
  // Site and search together: the search index re-indexes the periods of the pages the site wrote (scripts/search-index.ts).
  const incremental = await buildInto(commons, out, cache(), { search: true });
  const scratch = await buildInto(commons, path.join(work, `${name}-scratch`), path.join(work, `${name}-scratch-cache`), { search: true });
  expect(scratch.stdout).toContain('full build: no previous build');
  const report = /incremental build: (\d+) pages rendered, (\d+) removed, (\d+) kept/.exec(incremental.stdout);
  expect(report, incremental.stdout).not.toBeNull();
  expect(await treeDifferences(scratch.out, incremental.out)).toEqual([]);
  return { rendered: Number(report![1]), kept: Number(report![3]) };
}

/** Each post page of a built site, with the inode of its file. */
async function postPages(out: string): Promise<Map<string, number>> {
  const pages = new Map<string, number>();
  for (const lang of ['en', 'fr']) {
    for (const entry of await readdir(path.join(out, lang, 'posts'), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name === 'index.html') {
        const file = path.join(entry.parentPath, entry.name);
        pages.set(path.relative(out, file), (await stat(file)).ino);
      }
    }
  }
  return pages;
}

const post = (title: string, extra = '') => `---\ntitle: "${title}"\nauthor: tomas\ndate: 2026-11-01\nlang: en\ntags: [energy]\n${extra}---\n\nA text published by the test.\n`;

/** A sealed decision record, modelled on the fixture's. */
function record(fields: string, n: number, change: string, kind: string, files: string[], extra = ''): string {
  const day = `2026-11-01T${String(10 + step).padStart(2, '0')}:30:00.000Z`;
  return sealRecord(
    `---\nchange: ${change}\n${fields}kind: ${kind}\noutcome: accepted\nauthor: amina\nhead: ${'a'.repeat(40)}\nbase: ${'b'.repeat(40)}\nopened: 2026-10-01T09:00:00.000Z\nclosed: ${day}\npolicyCommit: ${'c'.repeat(40)}\n` +
      `rule: { quorum: "1/4", threshold: { moreThan: "1/2" }, days: 3, closeEarly: false }\nroster: { size: 5, commit: ${'c'.repeat(40)} }\nfiles: [${files.join(', ')}]\nballots: []\nreasons: [Accepted.]\n${extra}---\n\nRecord ${n}.\n`,
  );
}

describe('an incremental build gives the full build, byte for byte (issue 14)', () => {
  it('a new post', { timeout: 300_000 }, async () => {
    await commit({ 'content/posts/2026/a-new-post.md': post('A new post') }, 'a new post');
    const { rendered, kept } = await incrementalEqualsFull('post');
    // Its page, its lists' first and newest pages, and the pages keyed by the whole site; not the other lists' pages.
    expect(rendered).toBeGreaterThan(0);
    expect(kept).toBeGreaterThan(10);
  });

  it('a new reply', { timeout: 300_000 }, async () => {
    await commit({ 'content/posts/2026/a-reply.md': post('A reply', 'replyTo: 2026/equal-voices\n') }, 'a reply');
    expect((await incrementalEqualsFull('reply', { inPlace: true })).rendered).toBeGreaterThan(0);
  });

  it('a moderation: the post becomes a tombstone, and leaves its lists', { timeout: 300_000 }, async () => {
    const moderation = `moderation:\n  post: 2026/a-new-post\n  rule: no-advertising\n  ruleVersion: ${'d'.repeat(40)}\n  appeal: "Open a moderation proposal that appeals this decision."\n`;
    await commit(
      {
        'content/proposals/hide-a-new-post.md': '---\ntitle: "Hide a new post"\nauthor: amina\ndate: 2026-11-04\nlang: en\nrule: no-advertising\nmoderates: 2026/a-new-post\n---\n\nIt advertises.\n',
        'governance/decisions/2026/0003-hide-a-new-post.md': record('title: Hide a new post\n', 3, 'hide-a-new-post', 'moderation', ['content/proposals/hide-a-new-post.md'], moderation),
      },
      'moderation',
    );
    await incrementalEqualsFull('moderation', { inPlace: true });
    const tombstone = await readFile(path.join(lastOut, 'en', 'posts', '2026', 'a-new-post', 'index.html'), 'utf8');
    expect(tombstone).toContain('data-tombstone');
  });

  it('a rule change', { timeout: 300_000 }, async () => {
    const respect = await readFile(path.join(commons, 'governance/rules/respect.md'), 'utf8');
    await commit({ 'governance/rules/respect.md': `${respect}\nAmended by the incremental test.\n` }, 'rule change');
    await incrementalEqualsFull('rule', { inPlace: true });
  });

  it('a decided proposal', { timeout: 300_000 }, async () => {
    await commit(
      {
        'content/proposals/be-brief.md': '---\ntitle: "Be brief"\nauthor: lea\ndate: 2026-11-05\nlang: en\nrules: [be-brief]\n---\n\nShort posts are kind to readers.\n',
        'governance/rules/be-brief.md': '---\ntitle: Be brief\norder: 9\n---\n\nKeep it short.\n',
        'governance/decisions/2026/0004-be-brief.md': record('title: Be brief\n', 4, 'be-brief', 'proposal', ['content/proposals/be-brief.md', 'governance/rules/be-brief.md']),
      },
      'a decided proposal',
    );
    await incrementalEqualsFull('proposal');
  });

  it('the rule a tombstone cites is renamed: the tombstone, keyed by its record, its reasoning and that rule, shows the new name', { timeout: 300_000 }, async () => {
    const rule = await readFile(path.join(commons, 'governance/rules/no-advertising.md'), 'utf8');
    await commit({ 'governance/rules/no-advertising.md': rule.replace('title: "No advertising"', 'title: "No advertising, renamed"') }, 'a rule renamed');
    await incrementalEqualsFull('renamed', { inPlace: true });
    expect(await readFile(path.join(lastOut, 'en', 'posts', '2026', 'a-new-post', 'index.html'), 'utf8')).toContain('No advertising, renamed');
  });

  it('the policy\'s days for a moderation vote change: the tombstone\'s statement of reasons (Art. 17(3)(f), how long an appeal runs) says the new number', { timeout: 300_000 }, async () => {
    const policy = await readFile(path.join(commons, 'governance/policy.md'), 'utf8');
    const changed = policy.replace(/(moderation: \{.*?days: )3,/, "$17,");
    expect(changed).not.toBe(policy);
    await commit({ 'governance/policy.md': changed }, 'moderation votes run 7 days');
    await incrementalEqualsFull('policy-days', { inPlace: true });
    expect(await readFile(path.join(lastOut, 'en', 'posts', '2026', 'a-new-post', 'index.html'), 'utf8')).toContain('7 days in the current policy');
  });

  it('a new post on a later day: a new shuffle seed, and no post page written again ("one merge republished in ≤ 3 s")', { timeout: 300_000 }, async () => {
    const before = await postPages(lastOut);
    await commit({ 'content/posts/2026/the-next-day.md': post('The next day') }, 'a new post, a day later', { day: '2026-11-02' });
    await incrementalEqualsFull('next-day', { inPlace: true });
    // In place, a page not rendered again keeps its file (a hard link of the cache's): the post pages do not carry the day.
    const after = await postPages(lastOut);
    expect([...before].filter(([file, inode]) => after.get(file) !== inode)).toEqual([]);
    expect(await readFile(path.join(lastOut, 'en', 'shuffle', '2026-11-02', 'index.html'), 'utf8')).toContain('2026-11-02');
    // Only the home page and today's shuffle list the seeds.
    const shuffle = await readFile(path.join(lastOut, 'en', 'shuffle', 'index.html'), 'utf8');
    expect(shuffle).toContain('<strong class="seed">2026-11-02</strong>');
    for (const seed of ['2026-11-01', '2026-10-31']) expect(shuffle).toContain(`/en/shuffle/${seed}/`);
    expect(await readFile(path.join(lastOut, 'en', 'shuffle', '2026-11-01', 'index.html'), 'utf8')).not.toContain('/en/shuffle/2026-10-31/');
  });

  it('a post\'s text changed in place: its page shows the new text (the text is read from the cache only while the file is the same)', { timeout: 300_000 }, async () => {
    const file = path.join(commons, 'content/posts/2026/a-reply.md');
    await commit({ 'content/posts/2026/a-reply.md': (await readFile(file, 'utf8')).replace('A text published by the test.', 'A text corrected in place.') }, 'a post corrected');
    await incrementalEqualsFull('corrected', { inPlace: true });
    expect(await readFile(path.join(lastOut, 'en', 'posts', '2026', 'a-reply', 'index.html'), 'utf8')).toContain('A text corrected in place.');
  });

  it('a new post in a new year: every post page\'s reply link opens the new year\'s folder (the key holds the year)', { timeout: 300_000 }, async () => {
    await commit({ 'content/posts/2027/new-year.md': post('A new year') }, 'a new post, a new year', { day: '2027-01-02' });
    await incrementalEqualsFull('new-year', { inPlace: true });
    const page = await readFile(path.join(lastOut, 'en', 'posts', '2026', 'equal-voices', 'index.html'), 'utf8');
    expect(page).toMatch(/\/new\/main\/content\/posts\/2027\?[^"]*re-equal-voices/);
    // The reply template's date is the placeholder the reader's browser fills in (src/site/dated-links/).
    expect(page).toContain('date%3A%20YYYY-MM-DD');
  });

  it('a change it cannot reason about (a template) falls back to a full build, and says so', { timeout: 300_000 }, async () => {
    // The site's code as a copy of this checkout, with one template changed: the cache no longer matches its code.
    const site = await mkdtemp(path.join(os.tmpdir(), 'noclout-site-code-'));
    try {
      for (const entry of ['astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json', 'src', 'public', 'scripts']) await cp(path.join(ROOT, entry), path.join(site, entry), { recursive: true });
      await symlink(path.join(ROOT, 'node_modules'), path.join(site, 'node_modules'), 'dir');
      const template = path.join(site, 'src/site/components/OrderLine.astro');
      await writeFile(template, (await readFile(template, 'utf8')).replace('<p class="order" data-order>', '<p class="order" data-order data-template-changed>'));
      const out = path.join(work, 'template-incremental');
      const { stdout } = await promisify(execFile)(process.execPath, [path.join(site, 'scripts/build-site.ts'), '--commons', commons, '--out', out, '--cache', cache(), '--quiet', '--no-search'], { cwd: site, maxBuffer: 64 * 1024 * 1024 });
      expect(stdout).toContain("full build: the site's code, configuration, lockfile, public files or commons.yml changed");
      expect(await readFile(path.join(out, 'en', 'index.html'), 'utf8')).toContain('data-template-changed');
    } finally {
      await rm(site, { recursive: true, force: true });
    }
  });
});
