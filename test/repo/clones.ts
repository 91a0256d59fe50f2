/**
 * Members' clones of one shared bare remote, for tests of voting with git:
 * each clone has its member's git identity and signing key (gpg.format=ssh,
 * user.signingkey), a HOME of its own, and runs the real `noclout` in a child
 * process. Every folder made here is removed after the test file.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import type { Run } from '../bot/cli.ts';
import { keyFor, type Fixture } from './fixture.ts';

const BIN = fileURLToPath(new URL('../../bin/noclout.ts', import.meta.url));
const scratch: string[] = [];
afterAll(() => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/** A member's clone: their own git identity and signing key, nothing else (HOME is the clone's own folder). */
export class Clone {
  readonly dir: string;
  readonly handle: string;
  constructor(dir: string, handle: string) {
    this.dir = dir;
    this.handle = handle;
  }

  get env(): Record<string, string> {
    const { SSH_AUTH_SOCK: _agent, GIT_DIR: _dir, GIT_WORK_TREE: _tree, ...rest } = process.env as Record<string, string>;
    return { ...rest, HOME: join(this.dir, '.home'), GIT_CONFIG_NOSYSTEM: '1' };
  }

  git(args: readonly string[]): string {
    return execFileSync('git', ['-C', this.dir, ...args], { encoding: 'utf8', env: this.env, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  /** `noclout …` in this clone, as the member types it, in a child process. */
  noclout(args: readonly string[]): Promise<Run> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: this.dir, env: this.env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => {
        let json: unknown;
        try {
          json = JSON.parse(stdout);
        } catch {
          json = undefined;
        }
        resolve({ code: code ?? -1, stdout, stderr, json });
      });
    });
  }
}

/** The shared remote: a bare copy of the fixture's branches, where the bot runs. */
export function bareRemote(f: Fixture): string {
  const dir = join(tempDir('noclout-remote-'), 'commons.git');
  execFileSync('git', ['clone', '-q', '--bare', f.dir, dir]);
  return dir;
}

/** `git clone` of the remote by a member set up to sign (gpg.format=ssh, user.signingkey), as docs/voting.md says. */
export function cloneFor(remote: string, handle: string): Clone {
  const dir = join(tempDir(`noclout-${handle}-`), 'commons');
  execFileSync('git', ['clone', '-q', `file://${remote}`, dir], { env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  const clone = new Clone(dir, handle);
  mkdirSync(join(dir, '.home'), { recursive: true });
  writeFileSync(join(dir, '.git', 'info', 'exclude'), '.home/\n');
  clone.git(['config', 'user.name', handle[0]!.toUpperCase() + handle.slice(1)]);
  clone.git(['config', 'user.email', `${handle}@example.org`]);
  clone.git(['config', 'gpg.format', 'ssh']);
  clone.git(['config', 'user.signingkey', keyFor(handle).path]);
  return clone;
}

/**
 * A hook on the remote: the first `n` pushes wait for each other before any
 * goes on (up to 10 s), so pushes started together are all in flight at once
 * and all but one are refused, however slowly each process starts.
 */
export function pushesMeet(remote: string, n: number): void {
  const hook = join(remote, 'hooks', 'pre-receive');
  writeFileSync(hook, `#!/bin/sh\ncat >/dev/null\n[ -e met ] && exit 0\nmkdir -p arrived && touch arrived/$$\ni=0\nwhile [ "$(ls arrived | wc -l)" -lt ${n} ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done\ntouch met\n`);
  chmodSync(hook, 0o755);
}

