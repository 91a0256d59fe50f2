/**
 * `pushAtomically` (src/forge/push.ts) against git's own receive-pack over
 * HTTP: several refs move together or not at all, each only from the commit
 * the bot judged, including when another push lands between the bot reading
 * the refs and sending its commands (the server's compare-and-swap, not only
 * the client's check).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ForgeError } from '../../src/forge/errors.ts';
import { pushAtomically } from '../../src/forge/push.ts';
import { openRepository } from '../../src/repo/repository.ts';
import { startGitHttpServer, type GitHttpServer } from './git-http-server.ts';

const TOKEN = 'ghs_atomic_token';
let root: string;
let server: GitHttpServer;
let bot: string;
let originDir: string;

function sh(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org', GIT_CONFIG_NOSYSTEM: '1', HOME: root },
  }).trim();
}

function commit(dir: string, file: string, text: string): string {
  writeFileSync(join(dir, file), text);
  sh(dir, 'add', file);
  sh(dir, 'commit', '-q', '-m', `write ${file}`);
  return sh(dir, 'rev-parse', 'HEAD');
}

/** A commit on refs/noclout/ledger of `dir`, on top of its current tip. */
function ledgerCommit(dir: string, text: string): string {
  const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, input: text, encoding: 'utf8' }).trim();
  const tree = execFileSync('git', ['mktree'], { cwd: dir, input: `100644 blob ${blob}\topenings.yml\n`, encoding: 'utf8' }).trim();
  let tip = '';
  try {
    tip = sh(dir, 'rev-parse', '--verify', '-q', 'refs/noclout/ledger');
  } catch {
    // no ledger yet
  }
  const next = sh(dir, 'commit-tree', tree, ...(tip ? ['-p', tip] : []), '-m', 'ledger');
  sh(dir, 'update-ref', 'refs/noclout/ledger', next);
  return next;
}

const tryRev = (ref: string) => {
  try {
    return sh(originDir, 'rev-parse', '--verify', '-q', ref);
  } catch {
    return undefined;
  }
};

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'noclout-atomic-'));
  originDir = join(root, 'origin.git');
  sh(root, 'init', '-q', '--bare', '-b', 'main', 'origin.git');
  sh(originDir, 'config', 'http.receivepack', 'true');
  server = await startGitHttpServer(root, TOKEN);
  sh(root, 'clone', '-q', originDir, 'seed');
  commit(join(root, 'seed'), 'README.md', 'hello\n');
  sh(join(root, 'seed'), 'push', '-q', originDir, 'main');
  sh(root, 'clone', '-q', originDir, 'bot');
  bot = join(root, 'bot');
  sh(bot, 'remote', 'set-url', 'origin', `${server.url}/origin.git`);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await server.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('pushing main and the ledger atomically', () => {
  it('moves both refs when the forge still holds what was judged', async () => {
    const judged = sh(bot, 'rev-parse', 'main');
    const merged = commit(bot, 'record.md', 'decision\n');
    const ledger = ledgerCommit(bot, 'hello: opened\n');
    const moved = await pushAtomically(openRepository(bot), { refs: [{ ref: 'refs/noclout/ledger', expected: undefined }, { ref: 'main', expected: judged }], token: TOKEN });
    expect(moved).toEqual([
      { ref: 'refs/noclout/ledger', from: '0'.repeat(40), to: ledger },
      { ref: 'refs/heads/main', from: judged, to: merged },
    ]);
    expect(tryRev('main')).toBe(merged);
    expect(tryRev('refs/noclout/ledger')).toBe(ledger);
    expect(sh(originDir, 'fsck', '--no-progress')).toBe('');
  });

  it('moves neither when main moved since it was judged, though the ledger\'s own lease holds', async () => {
    const judged = sh(bot, 'rev-parse', 'main');
    commit(bot, 'record.md', 'decision\n');
    ledgerCommit(bot, 'hello: opened\n');
    sh(join(root, 'seed'), 'pull', '-q', originDir, 'main');
    const theirs = commit(join(root, 'seed'), 'other.md', 'theirs\n');
    sh(join(root, 'seed'), 'push', '-q', originDir, 'main');
    const error = await pushAtomically(openRepository(bot), { refs: [{ ref: 'refs/noclout/ledger', expected: undefined }, { ref: 'main', expected: judged }], token: TOKEN }).catch((e: unknown) => e);
    expect((error as ForgeError).code).toBe('base-moved');
    expect((error as ForgeError).message).toMatch(/main moved since it was judged .*nothing was pushed/);
    expect(tryRev('main')).toBe(theirs);
    expect(tryRev('refs/noclout/ledger')).toBeUndefined();
  });

  it('the server applies both or none when main moves between reading the refs and sending the commands', async () => {
    const judged = sh(bot, 'rev-parse', 'main');
    commit(bot, 'record.md', 'decision\n');
    ledgerCommit(bot, 'hello: opened\n');
    sh(join(root, 'seed'), 'pull', '-q', originDir, 'main');
    const theirs = commit(join(root, 'seed'), 'other.md', 'theirs\n');
    const real = globalThis.fetch;
    // Somebody pushes main right after the bot read the refs: only the server's compare-and-swap can see it.
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if (init?.method === 'POST') sh(join(root, 'seed'), 'push', '-q', originDir, 'main');
      return real(input, init);
    });
    const error = await pushAtomically(openRepository(bot), { refs: [{ ref: 'refs/noclout/ledger', expected: undefined }, { ref: 'main', expected: judged }], token: TOKEN }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForgeError);
    expect((error as ForgeError).code).toBe('base-moved');
    expect((error as ForgeError).message).toMatch(/refused to move refs\/noclout\/ledger and main .*nothing was pushed/);
    expect(tryRev('main')).toBe(theirs);
    expect(tryRev('refs/noclout/ledger')).toBeUndefined();
    // Control: judged again from the new main, both move.
    sh(bot, 'fetch', '-q', originDir, 'main');
    sh(bot, 'reset', '-q', '--hard', 'FETCH_HEAD');
    const merged = commit(bot, 'record2.md', 'decision\n');
    expect(await pushAtomically(openRepository(bot), { refs: [{ ref: 'refs/noclout/ledger', expected: undefined }, { ref: 'main', expected: theirs }], token: TOKEN })).toHaveLength(2);
    expect(tryRev('main')).toBe(merged);
  });

  it('pushes nothing when nothing changed, and refuses without the token', async () => {
    const judged = sh(bot, 'rev-parse', 'main');
    expect(await pushAtomically(openRepository(bot), { refs: [{ ref: 'main', expected: judged }], token: TOKEN })).toEqual([]);
    commit(bot, 'record.md', 'decision\n');
    const error = await pushAtomically(openRepository(bot), { refs: [{ ref: 'main', expected: judged }] }).catch((e: unknown) => e);
    expect((error as ForgeError).code).toBe('push-rejected');
    expect((error as ForgeError).message).toContain('HTTP 401');
    expect(tryRev('main')).toBe(judged);
  });
});
