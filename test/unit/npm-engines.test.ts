/**
 * Issue #11 §6: a newcomer on the machine's own Node (20 on many machines) sees no EBADENGINE
 * warnings from `npm install` or `npx noclout`: the project pins its own Node 24 and says so once.
 * Runs the machine's npm (PATH without node_modules/.bin, where the project's Node 24 sits).
 */
import { execFile, execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../fixtures/demo-commons.ts';

const machinePath = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => !dir.includes('node_modules')).join(path.delimiter);
// As a newcomer's shell has it: no npm_* variables from a surrounding npm script.
const machineEnv: NodeJS.ProcessEnv = Object.fromEntries(Object.entries({ ...process.env, PATH: machinePath }).filter(([key]) => !/^npm_/i.test(key)));
const machineNode = execFileSync('node', ['--version'], { env: machineEnv, encoding: 'utf8' }).trim();
/** Astro, vitest and friends declare node >= 22.12: on an older machine Node npm has something to warn about. */
const [major = 0, minor = 0] = machineNode.slice(1).split('.').map(Number);
const oldMachine = major * 100 + minor < 2212;

async function npm(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)('npm', args, { cwd, env: machineEnv, maxBuffer: 16 * 1024 * 1024 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

/** The files npm reads to install, copied to a temp dir; `edit` changes package.json first. */
async function installCopy(options: { npmrc?: boolean; edit?: (pkg: Record<string, unknown>) => void } = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'noclout-npm-'));
  await copyFile(path.join(ROOT, 'package-lock.json'), path.join(dir, 'package-lock.json'));
  if (options.npmrc !== false) await copyFile(path.join(ROOT, '.npmrc'), path.join(dir, '.npmrc'));
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  options.edit?.(pkg);
  await writeFile(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  return dir;
}

/** Resolves the install (engine checks included) from the lockfile, writing nothing. */
const INSTALL = ['install', '--dry-run', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'];
const warned = (stderr: string) => [...stderr.matchAll(/EBADENGINE\s+package: '([^']+)'/g)].map((m) => m[1]!);

describe(`npm on the machine's own Node (${machineNode})`, () => {
  it('npm install prints no EBADENGINE warning', async () => {
    const result = await npm(INSTALL, await installCopy());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('EBADENGINE');
  }, 120_000);

  it.runIf(oldMachine)("control: without the project's .npmrc the dependencies warn, but the project itself no longer does (devEngines)", async () => {
    const result = await npm(INSTALL, await installCopy({ npmrc: false }));
    expect(warned(result.stderr).some((id) => id.startsWith('astro@'))).toBe(true);
    expect(warned(result.stderr)).not.toContain('noclout@0.1.0');
    const before = await npm(INSTALL, await installCopy({ npmrc: false, edit: (pkg) => delete pkg.devEngines }));
    expect(warned(before.stderr)).toContain('noclout@0.1.0');
  }, 120_000);

  it('npx noclout prints the help and no EBADENGINE warning', async () => {
    const result = await npm(['exec', '--', 'noclout', '--help'], ROOT);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Usage: noclout <command>');
    expect(result.stderr).not.toContain('EBADENGINE');
  }, 120_000);
});

describe('npm install says once which Node runs what (scripts/install-note.mjs)', () => {
  const note = (node: string, agent: string) =>
    execFileSync(node, [path.join(ROOT, 'scripts/install-note.mjs')], { env: { ...machineEnv, npm_config_user_agent: agent }, encoding: 'utf8' });

  it("names npm's Node and the project's own, in one line, when they differ", () => {
    const out = note(process.execPath, 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false');
    expect(out).toBe(`noclout: npm ran on Node v20.20.2; NoClout runs on its own Node ${process.version} (node_modules/.bin/node), which npm start, npm test and npx noclout use.\n`);
    expect(note(process.execPath, `npm/11.19.1 node/${process.version} linux x64`)).toBe('');
  });

  it.runIf(major < 24)("says what to do when the project's Node is missing (installed without dev dependencies)", () => {
    expect(note('node', `npm/11.19.1 node/${machineNode} linux x64`)).toContain(`noclout: this is Node ${machineNode}; NoClout needs Node 24 or later.`);
  });
});
