/**
 * Issue 15, "plus one for decisions already published today": the decisions-of-the-day feed lists
 * the records that reached main on the day of its latest commit. A record file git added twice on
 * the first-parent line (added by a merge, deleted, added again, as the demo commons' history is)
 * reached main with its latest addition: before this fix, the feed dated every such record by its
 * first, and the demo's feed listed all eleven of its records, from September to November, as
 * decisions of December 7.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestAddition, readHistoryWithGit, readHistoryWithIsomorphicGit } from '../../src/site/git-history.ts';

const OLD = 'governance/decisions/2026/0001-old.md';
const NEW = 'governance/decisions/2026/0002-new.md';

/** A first-parent line whose commit dates are not in order, as in a history replayed after a merge. */
function repository(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'noclout-today-'));
  const commit = (message: string, date: string) =>
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', 'commit', '-q', '--allow-empty', '-m', message], {
      cwd: root,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  const add = () => execFileSync('git', ['add', '-A'], { cwd: root });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root });
  write(OLD, 'record');
  add();
  commit('brings the commons in, its records with it', '2026-12-07T08:00:00Z');
  rmSync(path.join(root, OLD));
  add();
  commit('the history starts again', '2026-09-01T08:00:00Z');
  write(OLD, 'record');
  add();
  commit('decision 0001, as it was taken', '2026-09-15T08:30:00Z');
  write(NEW, 'record');
  add();
  commit('decision 0002, today', '2026-12-07T13:00:00Z');
  return root;
}

describe('the decisions of the day: when a record reached main', () => {
  const root = repository();

  for (const [reader, read] of [['git', readHistoryWithGit], ['isomorphic-git', readHistoryWithIsomorphicGit]] as const) {
    it(`a record deleted and added again reached main when it was added back, not when it was first added (${reader})`, async () => {
      const history = await read(root);
      expect(history.headTime?.slice(0, 10)).toBe('2026-12-07');
      expect(latestAddition(history, OLD)).toBe('2026-09-15T08:30:00.000Z');
      // Control: a record added once, on the day of main's latest commit, is a decision of the day.
      expect(latestAddition(history, NEW)).toBe('2026-12-07T13:00:00.000Z');
      // Control: a file git never added has no date.
      expect(latestAddition(history, 'governance/decisions/2026/0003-none.md')).toBeUndefined();
    });
  }
});
