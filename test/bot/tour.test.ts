/**
 * Issue 11, §5 "A tour you can play alone": `npm run tour` founds a throwaway commons, lets two
 * people join, and plays a week (a post, a rule voted by three clones at once, an objection and its
 * moderation vote) with only the documented commands. The tour is run as a reader runs it (a child
 * process of the project's Node), in an environment set to mislead it (an ssh-agent socket that
 * does not exist, a global git configuration with someone else's signing key), and what it printed
 * is checked against what it left on main.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const TOUR = fileURLToPath(new URL('../../scripts/tour.ts', import.meta.url));
const cleanUp: string[] = [];
afterAll(() => cleanUp.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function runTour(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TOUR, '--keep'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The decisions the tour printed: each merge block ending in "record: <path>", with the verdict in its header. */
function printedDecisions(stdout: string): Map<string, string> {
  const decisions = new Map<string, string>();
  let verdict = '';
  for (const line of stdout.split('\n')) {
    const header = /^ {4}\S+: \w+ change, (accepted|rejected) — /.exec(line);
    if (header) verdict = header[1]!;
    const record = /^ {6}record: (governance\/decisions\/\S+\.md)$/.exec(line);
    if (record) decisions.set(record[1]!, verdict);
  }
  return decisions;
}

describe('npm run tour (issue 11 §5, "a tour you can play alone")', () => {
  it('plays the whole loop with the documented commands, ends with a clean audit, and the decisions it printed are the records on main', async () => {
    // A user's environment the tour must not lean on: a dead ssh-agent, a global git config naming another key and format.
    const decoy = mkdtempSync(join(tmpdir(), 'noclout-tour-decoy-'));
    cleanUp.push(decoy);
    writeFileSync(join(decoy, 'gitconfig'), '[user]\n\tsigningkey = /nonexistent/key\n[gpg]\n\tformat = openpgp\n[commit]\n\tgpgsign = true\n');
    const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: decoy, SSH_AUTH_SOCK: join(decoy, 'no-agent.sock'), GIT_CONFIG_GLOBAL: join(decoy, 'gitconfig'), TMPDIR: tmpdir() };

    const tour = await runTour(env);
    const kept = /^Kept: (\S+) /m.exec(tour.stdout)?.[1];
    if (kept !== undefined) cleanUp.push(kept);
    expect(tour.code, `${tour.stdout}\n${tour.stderr}`).toBe(0);
    expect(kept).toBeDefined();

    // Every command is printed as typed, with who types it and where.
    expect(tour.stdout).toContain('amina ~/commons $ noclout init --name');
    expect(tour.stdout).toContain('bruno ~/commons $ noclout join --handle bruno');
    expect(tour.stdout).toMatch(/amina ~\/commons \$ noclout join --for bruno --name 'Bruno Martin' --key 'ssh-ed25519 /);
    expect(tour.stdout).toContain('chloe ~/commons $ noclout new rule');
    expect(tour.stdout).toMatch(/server ~\/commons\.git \$ noclout merge --at \d{4}-\d\d-\d\dT\d\d:00:00Z/);
    // The three ballots on the rule were cast at the same moment: two of the pushes were refused and joined by clean merges.
    expect(tour.stdout.match(/joined by a clean merge/g)?.length).toBeGreaterThanOrEqual(1);
    expect(tour.stdout).toMatch(/chloe ~\/commons \$ noclout audit\n {4}audit: 5 decision records replayed on [0-9a-f]+; every one follows/);

    const remote = join(kept!, 'server/commons.git');
    const git = (...args: string[]) => execFileSync('git', ['--git-dir', remote, ...args], { encoding: 'utf8', env: { PATH: env.PATH!, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
    const onMain = new Map<string, string>();
    for (const path of git('ls-tree', '-r', '--name-only', 'main', 'governance/decisions').trim().split('\n')) {
      const text = git('show', `main:${path}`);
      const front = parse(text.slice(4, text.indexOf('\n---\n'))) as { outcome: string; ballots: { voter: string; vote: string; counted: boolean }[]; change: string };
      onMain.set(path, front.outcome);
      if (front.change === 'cite-sources') {
        // All three concurrent ballots counted, each in its voter's name.
        expect(front.ballots.filter((b) => b.counted).map((b) => `${b.voter} ${b.vote}`).sort()).toEqual(['amina yes', 'bruno no', 'chloe yes']);
      }
    }
    expect(printedDecisions(tour.stdout)).toEqual(onMain);
    expect([...onMain.entries()].map(([path, outcome]) => `${path.split('/').at(-1)} ${outcome}`)).toEqual([
      '0001-join-bruno.md accepted',
      '0002-join-chloe.md accepted',
      '0003-seed-swap.md accepted',
      '0004-marc-and-his-tomatoes.md rejected',
      '0005-cite-sources.md accepted',
    ]);
    // The posts as they ended: one published, the objected one not.
    expect(git('ls-tree', '-r', '--name-only', 'main', 'content/posts').trim()).toBe('content/posts/2026/seed-swap.md');
    expect(git('show', 'main:governance/rules/cite-sources.md')).toContain('says where it comes from');
  }, 180_000);
});
