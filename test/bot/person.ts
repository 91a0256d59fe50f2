/**
 * A person at their own machine, for `noclout init` and `noclout join`: a home folder with
 * ~/.ssh/id_ed25519 (a real ssh-keygen key from fixture.ts), no ssh-agent, no global git
 * configuration but a name, and the real `noclout` binary run from a folder of their choosing.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { keyFor, type Key } from '../repo/fixture.ts';
import type { Run } from './cli.ts';

const BIN = fileURLToPath(new URL('../../bin/noclout.ts', import.meta.url));

export interface Person {
  handle: string;
  home: string;
  key: Key;
  env: Record<string, string>;
  /** `noclout …` in `cwd`, as this person (stdin is not a terminal). */
  noclout(args: readonly string[], cwd: string): Run;
  /** `git …` in `cwd`, as this person. */
  git(args: readonly string[], cwd: string): string;
}

const homes: string[] = [];
afterAll(() => homes.forEach((h) => rmSync(h, { recursive: true, force: true })));

/** A temp folder removed after the test file. */
export function scratch(prefix = 'noclout-scratch-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  homes.push(dir);
  return dir;
}

export function person(handle: string, options: { gitName?: string; withKey?: boolean } = {}): Person {
  const home = scratch(`noclout-home-${handle}-`);
  const key = keyFor(handle);
  if (options.withKey !== false) {
    mkdirSync(join(home, '.ssh'), { mode: 0o700 });
    copyFileSync(key.path, join(home, '.ssh', 'id_ed25519'));
    copyFileSync(`${key.path}.pub`, join(home, '.ssh', 'id_ed25519.pub'));
  }
  if (options.gitName !== undefined) writeFileSync(join(home, '.gitconfig'), `[user]\n\tname = ${options.gitName}\n\temail = ${handle}@example.org\n`);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'SSH_AUTH_SOCK' && !k.startsWith('GIT_')) env[k] = v;
  Object.assign(env, { HOME: home, GIT_CONFIG_NOSYSTEM: '1', TZ: 'UTC' });
  return {
    handle,
    home,
    key,
    env,
    noclout(args, cwd) {
      const child = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], input: '' });
      let json: unknown;
      try {
        json = JSON.parse(child.stdout);
      } catch {
        json = undefined;
      }
      return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr, json };
    },
    git(args, cwd) {
      const child = spawnSync('git', ['-C', cwd, ...args], { env, encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`git ${args.join(' ')}: ${child.stderr}`);
      return child.stdout.trim();
    },
  };
}

/** The flags of a scripted `noclout init` for this person. */
export function initFlags(p: Person, extra: readonly string[] = []): string[] {
  return ['init', '--name', 'Jardin partagé', '--description', 'Un commun de jardiniers.', '--description-en', 'A gardeners\' commons.', '--languages', 'fr,en', '--site', 'https://jardin.example/', '--repository', 'https://git.example/jardin', '--handle', p.handle, '--member-name', `${p.handle[0]!.toUpperCase()}${p.handle.slice(1)}`, ...extra];
}
