/**
 * Issue 10, "Nothing lost, nothing corrupt": `merge` killed with SIGKILL at
 * random moments must leave the repository as it was or fully advanced. A
 * child process merges a queue of posts again and again (test/repo/crash-loop.ts)
 * and is killed after a random delay, hundreds of times; then `git fsck --full`
 * is clean, no object file is empty, and one more run merges the whole queue.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hours, T0 } from '../bot/clock.ts';
import { noclout } from '../bot/cli.ts';
import { postText, trackedCommons } from './fixture.ts';

const commons = trackedCommons();
const LOOP = fileURLToPath(new URL('./crash-loop.ts', import.meta.url));

/** How many times the merging child is killed; the whole test stays under a minute on a loaded 2-core machine. */
const KILLS = 200;
const BUDGET_MS = 45_000;
/** Fewer than this within the budget and the machine is too slow for the test to mean much: it fails rather than pass weakly. */
const MIN_KILLS = 100;

const AUTHORS = ['amina', 'bruno'];
const SLUGS = AUTHORS.flatMap((a) => [`${a}-one`, `${a}-two`]);

interface Lap {
  /** The child ended by itself (a failed merge), with what it said. */
  failure?: string;
}

/** Start the merging loop, kill it `delay` ms after it is ready (or when it fails on its own). */
function killedRun(bare: string, start: string, delay: () => number): Promise<Lap> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [LOOP, bare, hours(25), start], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (timer === undefined && d.toString().includes('ready')) timer = setTimeout(() => child.kill('SIGKILL'), delay());
    });
    // 'exit' comes once the process is reaped: its pid is free, as a dead run's lock says.
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done(signal === 'SIGKILL' ? {} : { failure: `exit ${code}: ${stderr.trim()}` });
    });
  });
}

/** Milliseconds from the loop's start-up to the end of its first full merge. */
function firstLap(bare: string, start: string): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [LOOP, bare, hours(25), start], { stdio: ['ignore', 'pipe', 'pipe'] });
    let ready = 0;
    let lap = 0;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (!ready && d.toString().includes('ready')) ready = Date.now();
      if (ready && !lap && d.toString().includes('lap')) {
        lap = Date.now() - ready;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', () => (lap ? done(lap) : fail(new Error(`the merge loop stopped on its own: ${stderr}`))));
  });
}

function emptyObjects(gitdir: string): string[] {
  const objects = join(gitdir, 'objects');
  return readdirSync(objects)
    .filter((d) => /^[0-9a-f]{2}$/.test(d))
    .flatMap((d) => readdirSync(join(objects, d)).map((f) => join(objects, d, f)))
    .filter((f) => !/\/tmp_obj_/.test(f) && statSync(f).size === 0);
}

describe('a merge killed at random moments (issue 10: nothing lost, nothing corrupt)', () => {
  it('hundreds of SIGKILLs during merge leave git fsck clean, no empty object, and a final run merges every change with its record', { timeout: 90_000 }, async () => {
    const f = commons({ members: AUTHORS });
    for (const slug of SLUGS) {
      const author = slug.split('-')[0]!;
      f.commit({ [`content/posts/2026/${slug}.md`]: postText({ author, title: `Post ${slug}` }, `${slug}\n`.repeat(40)) }, { branch: `post/${slug}`, signer: author });
    }
    const bare = `${f.dir}/bare.git`;
    execFileSync('git', ['clone', '-q', '--bare', f.dir, bare]);
    const start = f.rev('main');
    // Every change is opened at T0, so each run at T0+25h merges the whole queue.
    const opened = noclout(['merge', '--repo', bare, '--at', T0, '--format', 'json']);
    expect(opened.json.results.map((r: any) => r.decision), opened.stderr).toEqual(SLUGS.map(() => 'pending'));

    // One uninterrupted lap of the loop (from ready to the end of its first merge) gives the scale of the random delays.
    const lapMs = await firstLap(bare, start);
    execFileSync('git', ['-C', bare, 'update-ref', 'refs/heads/main', start]);

    // Four loops at once: runs are killed while others merge, as on a busy server.
    const failures: string[] = [];
    let kills = 0;
    const deadline = Date.now() + BUDGET_MS;
    const killer = async () => {
      while (kills < KILLS && Date.now() < deadline) {
        kills++;
        const run = await killedRun(bare, start, () => Math.random() * lapMs);
        if (run.failure) failures.push(run.failure);
      }
    };
    await Promise.all([killer(), killer(), killer(), killer()]);
    console.log(`crash test: ${kills} kills, lap ${lapMs} ms`);
    expect(failures, 'a run after a killed one failed').toEqual([]);
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);

    const fsck = execFileSync('git', ['-C', bare, 'fsck', '--full', '--no-dangling', '--strict'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(fsck).toBe('');
    expect(emptyObjects(bare)).toEqual([]);

    const final = noclout(['merge', '--repo', bare, '--at', hours(25), '--format', 'json']);
    expect(final.code, final.stderr).toBe(0);
    const git = (...args: string[]) => execFileSync('git', ['-C', bare, ...args], { encoding: 'utf8' });
    const records = git('ls-tree', '--name-only', 'main', 'governance/decisions/2026/').trim().split('\n');
    expect(records.map((r) => r.replace(/^.*\/\d{4}-/, '').replace(/\.md$/, '')).sort()).toEqual([...SLUGS].sort());
    for (const slug of SLUGS) expect(git('show', `main:content/posts/2026/${slug}.md`)).toContain(`title: "Post ${slug}"`);
    expect(noclout(['audit', '--repo', bare]).code).toBe(0);
    expect(execFileSync('git', ['-C', bare, 'fsck', '--full', '--no-dangling', '--strict'], { encoding: 'utf8' })).toBe('');
  });
});
