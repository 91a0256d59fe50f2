/**
 * Issue 14: the site's git history is read once and then only the commits after the cached head
 * (src/site/git-history.ts, `cachedRecords`). The history must be the one a whole read gives, after
 * new commits, on another line (a reset), and without a cache.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, expect, it } from 'vitest';
import { readHistoryWithGit } from '../../src/site/git-history.ts';

const work: string[] = [];
afterEach(() => {
  delete process.env.NOCLOUT_CACHE_DIR;
});
afterAll(async () => {
  await Promise.all(work.map((dir) => rm(dir, { recursive: true, force: true })));
});

it('reading with a cache gives the history a whole read gives, commit after commit and after a reset', async () => {
  const repo = await mkdtemp(path.join(os.tmpdir(), 'noclout-history-'));
  const cache = await mkdtemp(path.join(os.tmpdir(), 'noclout-history-cache-'));
  work.push(repo, cache);
  let n = 0;
  const git = (...args: string[]) => promisify(execFile)('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, env: { ...process.env, GIT_COMMITTER_DATE: `2026-11-0${1 + (n % 8)}T10:00:00Z` } });
  const commit = async (file: string, text: string) => {
    n += 1;
    await writeFile(path.join(repo, file), text);
    await git('add', '-A');
    await git('commit', '-q', '-m', `commit ${n}`);
  };
  const both = async () => {
    delete process.env.NOCLOUT_CACHE_DIR;
    const whole = await readHistoryWithGit(repo);
    process.env.NOCLOUT_CACHE_DIR = cache;
    const cached = await readHistoryWithGit(repo);
    expect([...cached.changes]).toEqual([...whole.changes]);
    expect(cached.head).toBe(whole.head);
    expect(cached.headTime).toBe(whole.headTime);
    return whole;
  };
  await git('init', '-q', '-b', 'main');
  await commit('a.md', 'a');
  await both();
  await commit('b.md', 'b');
  await commit('a.md', 'a2');
  const history = await both();
  expect(history.changes.get('a.md')?.map((c) => c.status)).toEqual(['added', 'modified']);
  // A cached head that is no longer on the line (history rewritten): read whole again.
  await git('reset', '-q', '--hard', 'HEAD~2');
  await commit('c.md', 'c');
  expect((await both()).changes.has('b.md')).toBe(false);
});
