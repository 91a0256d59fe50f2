/**
 * Publication times and amendment histories come from git. Both readers (git's command line and
 * isomorphic-git) must give the same answer on a real repository with adds, edits, deletions, a
 * merge (only the first-parent line counts) and a commons in a subfolder.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHistoryWithGit, readHistoryWithIsomorphicGit } from '../../src/site/git-history.ts';

function repository(): { root: string; commons: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'noclout-history-'));
  const commons = path.join(root, 'commons');
  let clock = Date.parse('2026-03-01T00:00:00Z') / 1000;
  const git = (...args: string[]) => {
    clock += 3600;
    const date = `${clock} +0000`;
    return execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: root, env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } }).toString();
  };
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(commons, file)), { recursive: true });
    writeFileSync(path.join(commons, file), text);
  };
  git('init', '-q', '-b', 'main');
  write('content/posts/2026/a.md', 'a');
  write('governance/rules/respect.md', 'v1');
  writeFileSync(path.join(root, 'outside.txt'), 'not part of the commons');
  git('add', '-A');
  git('commit', '-q', '-m', 'first');
  write('content/posts/2026/b.md', 'b');
  git('add', '-A');
  git('commit', '-q', '-m', 'add b');
  git('switch', '-q', '-c', 'side');
  write('content/posts/2026/c.md', 'c');
  git('add', '-A');
  git('commit', '-q', '-m', 'side adds c');
  git('switch', '-q', 'main');
  write('governance/rules/respect.md', 'v2');
  git('add', '-A');
  git('commit', '-q', '-m', 'amend respect');
  git('merge', '-q', '--no-ff', '-m', 'merge side', 'side');
  rmSync(path.join(commons, 'content/posts/2026/a.md'));
  git('add', '-A');
  git('commit', '-q', '-m', 'remove a');
  return { root, commons };
}

describe('git history of a commons', () => {
  const { commons } = repository();

  it('gives the same answer through git and through isomorphic-git', async () => {
    const viaGit = await readHistoryWithGit(commons);
    const viaIso = await readHistoryWithIsomorphicGit(commons);
    expect(viaGit.head).toBe(viaIso.head);
    expect(viaGit.headTime).toBe(viaIso.headTime);
    expect(Object.fromEntries(viaGit.changes)).toEqual(Object.fromEntries(viaIso.changes));
  });

  it('dates a file from the first-parent commit that brought it to main (the merge, not the side commit)', async () => {
    const history = await readHistoryWithIsomorphicGit(commons);
    const c = history.changes.get('content/posts/2026/c.md');
    expect(c?.map((change) => [change.status, change.summary])).toEqual([['added', 'merge side']]);
  });

  it('lists every amendment of a rule, oldest first, and files deleted later', async () => {
    const history = await readHistoryWithGit(commons);
    expect(history.changes.get('governance/rules/respect.md')?.map((c) => [c.status, c.summary])).toEqual([
      ['added', 'first'],
      ['modified', 'amend respect'],
    ]);
    expect(history.changes.get('content/posts/2026/a.md')?.map((c) => c.status)).toEqual(['added', 'deleted']);
  });

  it('keeps paths relative to the commons and ignores files outside it', async () => {
    const history = await readHistoryWithGit(commons);
    expect([...history.changes.keys()].every((file) => !file.startsWith('commons/') && file !== 'outside.txt')).toBe(true);
  });

  it('returns an empty history outside a git repository', async () => {
    const plain = mkdtempSync(path.join(os.tmpdir(), 'noclout-plain-'));
    expect((await readHistoryWithGit(plain)).changes.size).toBe(0);
    expect((await readHistoryWithIsomorphicGit(plain)).changes.size).toBe(0);
  });
});
