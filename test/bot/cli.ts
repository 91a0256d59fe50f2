/** Running `noclout` in tests: the real binary in a child process, or main() in-process for speed. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';

const BIN = fileURLToPath(new URL('../../bin/noclout.ts', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (only with --format json). */
  json: any;
}

/** `node bin/noclout.ts …` exactly as a person or a workflow runs it. */
export function noclout(args: readonly string[]): Run {
  const child = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return finish(child.status ?? -1, child.stdout, child.stderr);
}

/** The same command through main(), without a child process. */
export async function nocloutInProcess(args: readonly string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd: process.cwd(), env: process.env, stdout: (t) => void (stdout += `${t}\n`), stderr: (t) => void (stderr += `${t}\n`) });
  return finish(code, stdout, stderr);
}

function finish(code: number, stdout: string, stderr: string): Run {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  return { code, stdout, stderr, json };
}
