/**
 * Which commons a command works on when --repo is not given: like git finding `.git`, the nearest
 * folder at or above the working directory that holds `governance/commons.yml`, so that
 * `noclout check` and `noclout new post` work from `content/posts/2026/` as from the root. The
 * walk stops at the repository's root (a folder holding `.git`): a commons never reaches outside
 * its repository. The bot's commands open the git repository found the same way.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The nearest folder at or above `from` holding governance/commons.yml, not above the repository's root; undefined when none does. */
export function findCommonsRoot(from: string): string | undefined {
  for (const dir of ancestors(from)) {
    if (isFile(join(dir, 'governance/commons.yml'))) return dir;
    if (existsSync(join(dir, '.git'))) return undefined;
  }
  return undefined;
}

/** The nearest folder at or above `from` holding `.git` (a directory, or the file a linked worktree has). */
export function findGitRoot(from: string): string | undefined {
  for (const dir of ancestors(from)) if (existsSync(join(dir, '.git'))) return dir;
  return undefined;
}

/** `from`, its parent, …, up to the file system's root. */
function* ancestors(from: string): Generator<string> {
  let dir = resolve(from);
  for (;;) {
    yield dir;
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
