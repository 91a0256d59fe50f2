/**
 * Issue 14, "`audit` of 10,000 records ≤ 60 s": audit keeps what it read (diffs by tree pair,
 * folders by tree id, the tree of each commit, parsed records by blob id) so that ten thousand
 * replays do not read the same objects ten thousand times. A cache must never hide a change: a
 * record tampered with on main is a new blob in new trees under a new commit, and audit finds it
 * whether the repository was read before (the same process, every cache warm) or not. Real
 * repositories, records written by the real bot, real signatures.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditRecords, takeRecord, type AuditFinding } from '../../src/bot/audit.ts';
import { GitSource } from '../../src/bot/git-source.ts';
import { sealRecord } from '../../src/commons/record-digest.ts';
import { diffTrees } from '../../src/repo/diff.ts';
import { openRepository, type Repository } from '../../src/repo/repository.ts';
import { entryAt, entryNamed, readTreeLevel, treeOf } from '../../src/repo/tree.ts';
import { BadObjectError } from '../../src/repo/bad-object.ts';
import { postText, trackedCommons, type Fixture } from '../repo/fixture.ts';
import { days, T0 } from './clock.ts';
import { noclout, nocloutInProcess } from './cli.ts';

const commons = trackedCommons();
const AUTHORS = ['amina', 'bruno', 'chloe', 'dmitri'];
const path = (n: number) => `governance/decisions/2026/${String(n).padStart(4, '0')}-note-${n}.md`;

/** Four posts, each on its own branch, published by the real bot: records 0001 to 0004 on main. */
async function published(): Promise<Fixture> {
  const f = commons();
  const heads = AUTHORS.map((author, i) => {
    f.commit({ [`content/posts/2026/note-${i + 1}.md`]: postText({ author, title: `Note ${i + 1}` }) }, { branch: `post/note-${i + 1}`, signer: author });
    return `post/note-${i + 1}`;
  });
  await nocloutInProcess(['review', ...heads, '--repo', f.dir, '--at', T0]);
  const merged = await nocloutInProcess(['merge', '--repo', f.dir, '--at', days(8), '--format', 'json']);
  expect(merged.json.results.map((r: { record: string }) => r.record)).toEqual([1, 2, 3, 4].map(path));
  return f;
}

/** Record `n` rewritten on main by hand (`seal`: its digest made again, as whoever can write main can). */
function tamper(f: Fixture, n: number, edit: (text: string) => string, seal: boolean): void {
  const text = `${f.git(['show', `main:${path(n)}`])}\n`;
  const edited = edit(text);
  expect(edited).not.toBe(text);
  f.commit({ [path(n)]: seal ? sealRecord(edited) : edited }, { message: `record ${n} rewritten` });
}

const audit = async (repo: Repository, workers?: 1 | 2) => (await auditRecords(repo, new GitSource(repo, 'main', new Date(days(9))), 'main', workers ? { workers } : {})).findings;
const rules = (findings: readonly AuditFinding[]) => findings.map((x) => `${x.path} ${x.rule}`);

describe('audit keeps what it reads, and a record tampered with is still found (issue 14)', () => {
  it('control: four records by the bot audit clean, read cold and read again with every cache warm', async () => {
    const f = await published();
    const repo = openRepository(f.dir);
    expect(await audit(repo)).toEqual([]);
    expect(await audit(repo)).toEqual([]);
    expect(await audit(repo, 2)).toEqual([]);
    expect(noclout(['audit', '--repo', f.dir, '--format', 'json']).code).toBe(0);
  });

  it('record 2 of 4 edited by hand after a clean audit in the same process: found by the warm audit and by a cold one alike', async () => {
    const f = await published();
    const repo = openRepository(f.dir);
    expect(await audit(repo)).toEqual([]);
    tamper(f, 2, (t) => t.replace('title: Note 2\n', 'title: Note two\n'), false);
    const warm = await audit(repo);
    expect(rules(warm)).toContain(`${path(2)} audit/edited-by-hand`);
    expect(warm.every((x) => x.path === path(2))).toBe(true);
    expect(await audit(openRepository(f.dir))).toEqual(warm);
    // In two threads (this one from the first record, a worker from the last back): the same findings in the same order.
    expect(await audit(repo, 2)).toEqual(warm);
    const cli = noclout(['audit', '--repo', f.dir, '--format', 'json']);
    expect(cli.code).toBe(1);
    expect(cli.json.findings).toEqual(warm);
  });

  it('record 3 of 4 rewritten and sealed again (its outcome turned, its tally kept): the replay still says what the evidence decided', async () => {
    const f = await published();
    const repo = openRepository(f.dir);
    expect(await audit(repo)).toEqual([]);
    tamper(f, 3, (t) => t.replace('outcome: accepted', 'outcome: rejected'), true);
    const warm = await audit(repo);
    expect(rules(warm)).toContain(`${path(3)} audit/outcome`);
    expect(rules(warm)).not.toContain(`${path(3)} audit/edited-by-hand`);
    expect(warm.every((x) => x.path === path(3))).toBe(true);
    expect(await audit(openRepository(f.dir))).toEqual(warm);
  });

  it('record 3 of 4 closed, by its own words, before record 2 (its close moved back and sealed again): audit/clock on record 3, the same in two threads, whichever thread replays each', async () => {
    const f = await published();
    tamper(f, 3, (t) => t.replace(/^closed: .*$/m, `closed: ${JSON.stringify(days(7))}`), true);
    const repo = openRepository(f.dir);
    const found = await audit(repo);
    expect(rules(found)).toContain(`${path(3)} audit/clock`);
    expect(found.find((x) => x.rule === 'audit/clock')!.message).toContain(days(7).slice(0, 10));
    expect(found.every((x) => x.path === path(3))).toBe(true);
    expect(await audit(openRepository(f.dir), 2)).toEqual(found);
  });

  it('record 2 of 4 removed from main, then put back word for word: missing while it is gone, clean once back, in one process', async () => {
    const f = await published();
    const repo = openRepository(f.dir);
    expect(await audit(repo)).toEqual([]);
    const text = f.git(['show', `main:${path(2)}`]);
    f.commit({ [path(2)]: null }, { message: 'record 2 removed' });
    const gone = await audit(repo);
    expect(gone.map((x) => x.rule)).toEqual(['audit/missing-record', 'audit/missing-record']);
    expect(gone.map((x) => x.code)).toEqual(['audit/number-skipped', 'audit/no-record']);
    f.commit({ [path(2)]: `${text}\n` }, { message: 'record 2 put back' });
    expect(await audit(repo)).toEqual([]);
  });

});

/** Record `n`'s bytes on main, word for word and seal for seal. */
const bytesOf = (f: Fixture, n: number) => `${f.git(['show', `main:${path(n)}`])}\n`;

describe('a record file holding another valid, sealed record is found: the file name is not sealed', () => {
  it('control: each of the four records the bot wrote decides the change its file is named for, in the year it closed, under a number of its own', async () => {
    const f = await published();
    for (const n of [1, 2, 3, 4]) expect(bytesOf(f, n)).toContain(`\nchange: note-${n}\n`);
    expect(await audit(openRepository(f.dir))).toEqual([]);
  });

  it("record 0001's file replaced by record 0004's bytes (its words, its seal): misfiled, a second record of note-4, and note-1 on main without a record", async () => {
    const f = await published();
    f.commit({ [path(1)]: bytesOf(f, 4) }, { message: 'record 1 overwritten with record 4' });
    const found = await audit(openRepository(f.dir));
    expect(rules(found)).toEqual([`${path(1)} audit/misfiled`, `${path(4)} audit/duplicate`, 'governance/decisions/…-note-1.md audit/missing-record']);
    expect(found[0]!.message).toContain('the file is named for change "note-1", but the record in it decides "note-4"');
    expect(found[1]!.message).toContain(`change "note-4" has a record already, ${path(1)}`);
    expect(found[2]!.code).toBe('audit/no-record');
    // The first record and the last, one replayed by each thread: the same findings in the same order.
    expect(await audit(openRepository(f.dir), 2)).toEqual(found);
    expect(noclout(['audit', '--repo', f.dir, '--format', 'json']).code).toBe(1);
  });

  it('record 0004 copied word for word to a fifth file, 0005-note-4: two files hold one record', async () => {
    const f = await published();
    const copy = 'governance/decisions/2026/0005-note-4.md';
    f.commit({ [copy]: bytesOf(f, 4) }, { message: 'record 4 copied' });
    expect(rules(await audit(openRepository(f.dir)))).toEqual([`${copy} audit/duplicate`]);
  });

  it('record 0004 renamed 0003-note-4 beside 0003-note-3: a number given twice', async () => {
    const f = await published();
    const moved = 'governance/decisions/2026/0003-note-4.md';
    f.commit({ [path(4)]: null, [moved]: bytesOf(f, 4) }, { message: 'record 4 renumbered' });
    const found = await audit(openRepository(f.dir));
    expect(rules(found)).toEqual([`${moved} audit/duplicate`]);
    expect(found[0]!.message).toContain(`record number 0003 of 2026 is also ${path(3)}`);
  });

  it('record 0001 moved to the 2025 folder, before the year it closed: filed before its close, and 2026 skips number 0001', async () => {
    const f = await published();
    const moved = 'governance/decisions/2025/0001-note-1.md';
    f.commit({ [path(1)]: null, [moved]: bytesOf(f, 1) }, { message: 'record 1 moved a year back' });
    const found = await audit(openRepository(f.dir));
    expect(rules(found)).toEqual([`${moved} audit/misfiled`, 'governance/decisions/2026/0001-… audit/missing-record']);
    expect(found[0]!.message).toContain('the record is filed under 2025, but it closed in 2026');
  });
});

describe('the diffs audit keeps are the diffs git makes (issue 14: shared starts and ends skipped)', () => {
  it('a folder of 1,200 files changed at its start, middle and end, with files added, deleted, and a file turned into a folder: git diff-tree lists the same files', async () => {
    const f = commons();
    const folder = (i: number) => `content/posts/2026/p-${String(i).padStart(4, '0')}.md`;
    // Written at once and committed with one `git add` (a commit per file would take minutes).
    mkdirSync(join(f.dir, 'content/posts/2026'), { recursive: true });
    for (let i = 0; i < 1200; i++) writeFileSync(join(f.dir, folder(i)), postText({ author: 'amina', title: `P ${i}` }));
    f.git(['add', 'content/posts/2026']);
    f.git(['commit', '-q', '--no-gpg-sign', '-m', 'many posts']);
    const before = f.rev('main');
    f.commit(
      {
        [folder(0)]: postText({ author: 'amina', title: 'P 0, edited' }),
        [folder(600)]: null,
        [folder(601)]: postText({ author: 'bruno', title: 'P 601, edited' }),
        'content/posts/2026/p-0600b.md': postText({ author: 'bruno', title: 'Between' }),
        [folder(1199)]: null,
        'content/posts/2026/zz.md': postText({ author: 'chloe', title: 'Last' }),
      },
      { message: 'edits' },
    );
    f.commit({ [folder(300)]: null }, { message: 'a file removed' });
    f.commit({ [`${folder(300)}/inner.md`]: 'x\n' }, { message: 'a folder of that name' });
    const after = f.rev('main');
    const repo = openRepository(f.dir);
    const git = (a: string, b: string) =>
      execFileSync('git', ['-C', f.dir, 'diff-tree', '-r', '--no-renames', '--name-status', a, b], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .map((line) => line.replace(/^A\t/, 'added ').replace(/^D\t/, 'deleted ').replace(/^M\t/, 'modified '))
        .sort();
    const ours = async (a: string, b: string) => (await diffTrees(repo, await treeOf(repo, a), await treeOf(repo, b))).map((c) => `${c.status} ${c.path}`).sort();
    for (let round = 0; round < 2; round++) {
      expect(await ours(before, after)).toEqual(git(before, after));
      expect(await ours(after, before)).toEqual(git(after, before));
      expect(await ours(after, after)).toEqual([]);
    }
    // A large folder looked up by name again and again (indexed after its first scan) finds the same entries.
    const tree = await treeOf(repo, after);
    for (let round = 0; round < 3; round++) {
      expect((await entryAt(repo, tree, 'content/posts/2026/p-0601.md'))?.type).toBe('blob');
      expect((await entryAt(repo, tree, 'content/posts/2026/p-0300.md'))?.type).toBe('tree');
      expect(await entryAt(repo, tree, 'content/posts/2026/p-0600.md')).toBeUndefined();
    }
  });

  it('a large folder read in versions, each the one before plus a few names: a name listed twice is found, whichever version first held it; control: a new name reads', async () => {
    const f = commons();
    const blob = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';
    const name = (i: number) => `p-${String(i).padStart(5, '0')}.md`;
    // Tree objects written as bytes (git mktree would refuse a name twice), each "<mode> <name>\0<id>".
    const entry = (n: string) => Buffer.concat([Buffer.from(`100644 ${n}\0`), Buffer.from(blob, 'hex')]);
    const tree = (names: readonly string[]) => execFileSync('git', ['-C', f.dir, 'hash-object', '-t', 'tree', '--literally', '-w', '--stdin'], { input: Buffer.concat(names.map(entry)), encoding: 'utf8' }).trim();
    const names = (n: number) => Array.from({ length: n }, (_, i) => name(i));
    const repo = openRepository(f.dir);
    // 1,000 names, then 1,010, then 1,020: each version read after the one it starts with.
    for (const n of [1000, 1010, 1020]) expect((await readTreeLevel(repo, tree(names(n)))).length).toBe(n);
    // A name of the second version (1,005) and one of the first (10), listed again at the end.
    for (const again of [1005, 10]) {
      const twice = tree([...names(1020), name(again)]);
      const error = await readTreeLevel(repo, twice).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadObjectError);
      expect((error as BadObjectError).faults[0]).toMatchObject({ rule: 'tree/duplicate-entry', name: name(again) });
    }
    expect((await readTreeLevel(repo, tree([...names(1020), 'zz.md']))).at(-1)?.path).toBe('zz.md');
  });

  it('a large folder is searched by halves in git order: accented and astral names, a folder named like a file, names absent; each found as a scan finds it', async () => {
    const f = commons();
    const git = (args: string[], input: string) => execFileSync('git', ['-C', f.dir, ...args], { input, encoding: 'utf8' }).trim();
    const blob = git(['hash-object', '-w', '--stdin'], 'x\n');
    const folder = git(['mktree'], `100644 blob ${blob}\tinner.md\n`);
    const odd = ['é.md', 'z\u{1D49C}.md', 'z\uFFFD.md', 'z\uE000.md', 'x.md-a', 'x.md.b', 'Z.md', '0.md'];
    const names = [...Array.from({ length: 1200 }, (_, i) => `p-${String(i).padStart(4, '0')}.md`), ...odd];
    // git mktree writes the entries in git's own order (a folder as if its name ended with "/").
    const lines = [...names.map((n) => `100644 blob ${blob}\t${n}`), `040000 tree ${folder}\tx.md`].join('\n');
    const tree = git(['mktree'], `${lines}\n`);
    const level = await readTreeLevel(openRepository(f.dir), tree);
    expect(level.length).toBe(names.length + 1);
    for (const name of [...names, 'x.md']) expect(entryNamed(level, name)).toBe(level.find((e) => e.path === name));
    expect(entryNamed(level, 'x.md')?.type).toBe('tree');
    for (const absent of ['p-1200.md', 'x', 'x.md/', 'e.md', 'z.md', '', 'zzz']) expect(entryNamed(level, absent)).toBeUndefined();
  });
});

describe('audit in two threads takes each record once (issue 14)', () => {
  it('records taken from both ends of one counter, in any interleaving, cover every record exactly once, and then none is left', () => {
    for (const n of [1, 2, 3, 10, 1001]) {
      for (const pattern of [[0], [1], [0, 1], [0, 0, 1], [1, 1, 0]]) {
        const left = new BigInt64Array(new SharedArrayBuffer(8));
        left[0] = BigInt(n) << 32n;
        const taken: number[] = [];
        for (let step = 0; ; step++) {
          const i = takeRecord(left, pattern[step % pattern.length] === 0 ? 'first' : 'last');
          if (i < 0) break;
          taken.push(i);
        }
        expect(taken.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
        expect([takeRecord(left, 'first'), takeRecord(left, 'last')]).toEqual([-1, -1]);
      }
    }
  });
});
