/**
 * The member's own `git` (and `ssh-add`, `ssh-keygen`), run as child processes, for what
 * isomorphic-git does not do: SSH-signing commits with the member's key or agent, pushing with
 * their remote's credentials, their configuration, `git init`. Used by `noclout init`, `join` and
 * `vote`; the bot never runs them: it reads repositories through isomorphic-git (src/repo).
 */
import { spawn } from 'node:child_process';

/** A process's environment; an undefined value is left out. */
export type Env = Record<string, string | undefined>;

export interface ProgramRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to the program's standard input (closed right after, so nothing waits on it). */
  input?: string;
  /** Variables added to the environment the runner was made with (GIT_INDEX_FILE…). */
  env?: Env;
}

/**
 * Run a program; resolves with its exit code, never rejects: a program that is not installed
 * (or a `cwd` that does not exist) exits 127 with Node's words on stderr.
 */
export function runProgram(program: string, args: readonly string[], options: { cwd?: string; env: Env; input?: string }): Promise<ProgramRun> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { ...(options.cwd !== undefined ? { cwd: options.cwd } : {}), env: options.env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
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

/** Runs git in one repository. A function type, so that tests can put a fault between cast.ts and git. */
export type Git = (args: readonly string[], options?: RunOptions) => Promise<ProgramRun>;

/** A Git for the folder `cwd`, with the member's whole environment (`{ ...process.env, ...io.env }`). */
export function gitIn(cwd: string, env: Env): Git {
  return (args, options = {}) => runProgram('git', args, { cwd, env: { ...env, ...options.env }, ...(options.input !== undefined ? { input: options.input } : {}) });
}

/** A git command that failed, with the command and git's own last words. */
export class GitFailure extends Error {
  readonly code = 'git/failed';
  readonly args: readonly string[];
  constructor(args: readonly string[], run: ProgramRun) {
    super(`git ${args.join(' ')} failed: ${(run.stderr || run.stdout).trim().split('\n').slice(-3).join(' / ') || `exit ${run.code}`}`);
    this.args = args;
  }
}

/** Run git and return its trimmed output; a non-zero exit throws a GitFailure. */
export async function gitOk(git: Git, args: readonly string[], options?: RunOptions): Promise<string> {
  const run = await git(args, options);
  if (run.code !== 0) throw new GitFailure(args, run);
  return run.stdout.trim();
}

/** `git config --get key`, or undefined when it is unset or empty. */
export async function gitConfig(git: Git, key: string): Promise<string | undefined> {
  const run = await git(['config', '--get', key]);
  const value = run.stdout.trim();
  return run.code === 0 && value !== '' ? value : undefined;
}
