/** Running `noclout` in tests: the real binary in a child process, or main() in-process for speed. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
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

/** `noclout <args> --repo <dir> --format json` in-process; the test fails when no JSON came out (stderr says why). */
export async function nocloutJson(dir: string, args: readonly string[]): Promise<Run> {
  const out = await nocloutInProcess([...args, '--repo', dir, '--format', 'json']);
  expect(out.json, out.stderr).toBeDefined();
  return out;
}

/** The judgement of `noclout review <head> --at <at>`. */
export const reviewJson = async (dir: string, head: string, at: string): Promise<any> => (await nocloutJson(dir, ['review', head, '--at', at])).json;

/** The rule codes of a judgement's problems, in order. */
export const ruleCodes = (judgement: any): string[] => judgement.problems.map((p: any) => p.rule);
