/**
 * The merge workflow's push: `main` on the forge moves only if it still holds
 * the commit the bot judged (compare-and-swap), over real git HTTP.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForgeError } from '../../src/forge/errors.ts';
import { pushWithLease } from '../../src/forge/push.ts';
import { openRepository } from '../../src/repo/repository.ts';
import { startGitHttpServer, type GitHttpServer } from './git-http-server.ts';

const TOKEN = 'ghs_push_token';
let root: string;
let server: GitHttpServer;

function sh(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org', GIT_CONFIG_NOSYSTEM: '1', HOME: root },
  }).trim();
}

function commit(dir: string, file: string, text: string): string {
  writeFileSync(join(dir, file), text);
  sh(dir, 'add', file);
  sh(dir, 'commit', '-q', '-m', `write ${file}`);
  return sh(dir, 'rev-parse', 'HEAD');
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'noclout-push-'));
  sh(root, 'init', '-q', '--bare', '-b', 'main', 'origin.git');
  sh(join(root, 'origin.git'), 'config', 'http.receivepack', 'true');
  server = await startGitHttpServer(root, TOKEN);
  // Synchronous git must not talk to the in-process server (it would block its event loop): clone by path.
  sh(root, 'clone', '-q', join(root, 'origin.git'), 'seed');
  commit(join(root, 'seed'), 'README.md', 'hello\n');
  sh(join(root, 'seed'), 'push', '-q', join(root, 'origin.git'), 'main');
  sh(root, 'clone', '-q', join(root, 'origin.git'), 'bot');
  sh(join(root, 'bot'), 'remote', 'set-url', 'origin', `${server.url}/origin.git`);
});

afterEach(async () => {
  await server.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('pushing main with a compare-and-swap', () => {
  it('moves the remote main when it still holds the judged base', async () => {
    const bot = join(root, 'bot');
    const judged = sh(bot, 'rev-parse', 'HEAD');
    const merged = commit(bot, 'record.md', 'decision\n');
    const result = await pushWithLease(openRepository(bot), { expected: judged, token: TOKEN });
    expect(result).toEqual({ pushed: true, from: judged, to: merged });
    expect(sh(join(root, 'origin.git'), 'rev-parse', 'main')).toBe(merged);
  });

  it('refuses, and pushes nothing, when main moved since it was judged', async () => {
    const bot = join(root, 'bot');
    const judged = sh(bot, 'rev-parse', 'HEAD');
    commit(bot, 'record.md', 'decision\n');
    // Someone else lands a commit on main meanwhile.
    sh(join(root, 'seed'), 'pull', '-q', join(root, 'origin.git'), 'main');
    const theirs = commit(join(root, 'seed'), 'other.md', 'theirs\n');
    sh(join(root, 'seed'), 'push', '-q', join(root, 'origin.git'), 'main');
    const error = await pushWithLease(openRepository(bot), { expected: judged, token: TOKEN }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForgeError);
    expect((error as ForgeError).code).toBe('base-moved');
    expect((error as ForgeError).message).toMatch(/main moved since it was judged .* nothing was pushed/);
    expect(sh(join(root, 'origin.git'), 'rev-parse', 'main')).toBe(theirs);
    expect(server.pushes).toEqual([]);
  });

  it('refuses even a fast-forward over a main that is not the judged base', async () => {
    // The bot judged an older main: its result descends from the current remote
    // main too, but the judgement was made against something else.
    const bot = join(root, 'bot');
    const old = sh(bot, 'rev-parse', 'HEAD');
    const judged = commit(bot, 'a.md', 'a\n');
    const merged = commit(bot, 'record.md', 'decision\n');
    expect(merged).not.toBe(old);
    const error = await pushWithLease(openRepository(bot), { expected: judged, token: TOKEN }).catch((e: unknown) => e);
    expect((error as ForgeError).code).toBe('base-moved');
    expect(sh(join(root, 'origin.git'), 'rev-parse', 'main')).toBe(old);
  });

  it('pushes nothing when the bot changed nothing', async () => {
    const bot = join(root, 'bot');
    const judged = sh(bot, 'rev-parse', 'HEAD');
    expect(await pushWithLease(openRepository(bot), { expected: judged, token: TOKEN })).toEqual({ pushed: false, reason: 'nothing to push' });
  });

  it('cannot push without the token', async () => {
    const bot = join(root, 'bot');
    const judged = sh(bot, 'rev-parse', 'HEAD');
    commit(bot, 'record.md', 'decision\n');
    const error = await pushWithLease(openRepository(bot), { expected: judged }).catch((e: unknown) => e);
    expect((error as ForgeError).code).toBe('push-rejected');
    expect(sh(join(root, 'origin.git'), 'rev-parse', 'main')).toBe(judged);
  });
});
