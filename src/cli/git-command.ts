/**
 * The git command itself, for what isomorphic-git does not do: SSH-signing commits (git calls
 * ssh-keygen, with the member's agent or key file), local configuration, and `git init`. Used
 * by `noclout init` and `noclout join`; the bot reads repositories through src/repo only.
 */
import { spawn } from 'node:child_process';

export interface GitRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface GitOptions {
  env?: Record<string, string | undefined>;
  /** Written to git's stdin. */
  input?: string;
}

/** Run `git -C cwd …`; resolves with the exit code, never throws for a failing git. */
export function runGit(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<GitRun> {
  return runProgram('git', ['-C', cwd, ...args], options);
}

/** Run a program (git, ssh-add, ssh-keygen); a program that is not installed exits 127. */
export function runProgram(program: string, args: readonly string[], options: GitOptions = {}): Promise<GitRun> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { env: options.env as NodeJS.ProcessEnv | undefined, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code === 'ENOENT' ? 127 : 1, stdout, stderr: `${stderr}${error.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** A git failure a person can act on: the command and git's own words. */
export class GitCommandError extends Error {
  readonly code = 'git/failed';
}

/** Run git and return its trimmed stdout; a non-zero exit is a GitCommandError. */
export async function git(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  const run = await runGit(cwd, args, options);
  if (run.code !== 0) throw new GitCommandError(`git ${args.join(' ')} failed: ${(run.stderr || run.stdout).trim().split('\n').slice(-3).join(' / ')}`);
  return run.stdout.trim();
}

/** `git config --get key` in cwd, or undefined. */
export async function gitConfig(cwd: string, key: string, env?: Record<string, string | undefined>): Promise<string | undefined> {
  const run = await runGit(cwd, ['config', '--get', key], env ? { env } : {});
  const value = run.stdout.trim();
  return run.code === 0 && value !== '' ? value : undefined;
}
