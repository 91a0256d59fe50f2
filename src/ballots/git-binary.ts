/**
 * The member's own `git`, run as a child process: casting a ballot needs the
 * member's signing set-up (their key, their ssh-agent, their remote's
 * credentials), which only their git has. The bot never runs it: it reads
 * repositories through isomorphic-git alone.
 */
import { spawn } from 'node:child_process';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs git in one repository; `input` is written to its standard input. */
export type Git = (args: readonly string[], options?: { input?: string; env?: Record<string, string> }) => Promise<GitResult>;

/** A Git for the repository at `cwd`, with the member's environment. */
export function gitIn(cwd: string, env: Record<string, string | undefined>): Git {
  return (args, options = {}) =>
    new Promise((resolve, reject) => {
      const child = spawn('git', args, { cwd, env: { ...env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input ?? '');
    });
}

/** A git command that failed, with what git said. */
export class GitFailure extends Error {
  readonly code = 'git/failed';
  readonly args: readonly string[];
  constructor(args: readonly string[], result: GitResult) {
    super(`git ${args.join(' ')} failed: ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' / ') || `exit ${result.code}`}`);
    this.args = args;
  }
}

/** Run git and return its trimmed output; a failure throws a GitFailure. */
export async function gitOk(git: Git, args: readonly string[], options?: { input?: string; env?: Record<string, string> }): Promise<string> {
  const result = await git(args, options);
  if (result.code !== 0) throw new GitFailure(args, result);
  return result.stdout.trim();
}
