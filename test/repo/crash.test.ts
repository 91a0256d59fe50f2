/**
 * Issue 10, "Nothing lost, nothing corrupt": `merge` killed with SIGKILL at
 * random moments must leave the repository as it was or fully advanced. A
 * child process merges a queue of posts again and again (test/repo/crash-loop.ts)
 * and is killed after a random delay, hundreds of times; then `git fsck --full`
 * is clean, no object file is empty, and one more run merges the whole queue.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hours, T0 } from '../bot/clock.ts';
import { noclout } from '../bot/cli.ts';
import { compareAndSwapRef, waitForLock } from '../../src/repo/ref.ts';
import { openRepository } from '../../src/repo/repository.ts';
import { postText, trackedCommons, type Fixture } from './fixture.ts';

const commons = trackedCommons();
const LOOP = fileURLToPath(new URL('./crash-loop.ts', import.meta.url));

/** How many times the merging child is killed; the whole test stays under a minute on a loaded 2-core machine. */
const KILLS = 200;
const BUDGET_MS = 45_000;
/** At least this many kills, even past the budget on a loaded machine (up to HARD_MS); fewer and the test fails rather than pass weakly. */
const MIN_KILLS = 50;
const HARD_MS = 150_000;

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

function looseObjects(gitdir: string): string[] {
  const objects = join(gitdir, 'objects');
  return readdirSync(objects)
    .filter((d) => /^[0-9a-f]{2}$/.test(d))
    .flatMap((d) => readdirSync(join(objects, d)).map((f) => join(objects, d, f)))
    .filter((f) => !/\/tmp_obj_/.test(f));
}

function emptyObjects(gitdir: string): string[] {
  return looseObjects(gitdir).filter((f) => statSync(f).size === 0);
}

/** A commons with a queue of signed posts, copied to a bare repository (as a server holds it), every change opened at T0. */
function queue(f: Fixture): { bare: string; start: string } {
  for (const slug of SLUGS) {
    const author = slug.split('-')[0]!;
    f.commit({ [`content/posts/2026/${slug}.md`]: postText({ author, title: `Post ${slug}` }, `${slug}\n`.repeat(40)) }, { branch: `post/${slug}`, signer: author });
  }
  const bare = `${f.dir}/bare.git`;
  execFileSync('git', ['clone', '-q', '--bare', f.dir, bare]);
  const opened = noclout(['merge', '--repo', bare, '--at', T0, '--format', 'json']);
  expect(opened.json.results.map((r: any) => r.decision), opened.stderr).toEqual(SLUGS.map(() => 'pending'));
  return { bare, start: f.rev('main') };
}

const fsck = (gitdir: string) => execFileSync('git', ['-C', gitdir, 'fsck', '--full', '--no-dangling', '--strict'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('a merge killed at random moments (issue 10: nothing lost, nothing corrupt)', () => {
  it('hundreds of SIGKILLs during merge leave git fsck clean, no empty object, and a final run merges every change with its record', { timeout: 240_000 }, async () => {
    const { bare, start } = queue(commons({ members: AUTHORS }));

    // One uninterrupted lap of the loop (from ready to the end of its first merge) gives the scale of the random delays.
    const lapMs = await firstLap(bare, start);
    execFileSync('git', ['-C', bare, 'update-ref', 'refs/heads/main', start]);

    // Four loops at once: runs are killed while others merge, as on a busy server.
    const failures: string[] = [];
    let kills = 0;
    const deadline = Date.now() + BUDGET_MS;
    const hardDeadline = Date.now() + HARD_MS;
    const killer = async () => {
      while (kills < KILLS && (Date.now() < deadline || kills < MIN_KILLS) && Date.now() < hardDeadline) {
        kills++;
        const run = await killedRun(bare, start, () => Math.random() * lapMs);
        if (run.failure) failures.push(run.failure);
      }
    };
    await Promise.all([killer(), killer(), killer(), killer()]);
    expect(failures, 'a run after a killed one failed').toEqual([]);
    expect(kills, `kills within ${HARD_MS} ms (one merge lap: ${lapMs} ms)`).toBeGreaterThanOrEqual(MIN_KILLS);

    expect(fsck(bare)).toBe('');
    expect(emptyObjects(bare)).toEqual([]);

    const final = noclout(['merge', '--repo', bare, '--at', hours(25), '--format', 'json']);
    expect(final.code, final.stderr).toBe(0);
    const git = (...args: string[]) => execFileSync('git', ['-C', bare, ...args], { encoding: 'utf8' });
    const records = git('ls-tree', '--name-only', 'main', 'governance/decisions/2026/').trim().split('\n');
    expect(records.map((r) => r.replace(/^.*\/\d{4}-/, '').replace(/\.md$/, '')).sort()).toEqual([...SLUGS].sort());
    for (const slug of SLUGS) expect(git('show', `main:content/posts/2026/${slug}.md`)).toContain(`title: "Post ${slug}"`);
    expect(noclout(['audit', '--repo', bare]).code).toBe(0);
    expect(fsck(bare)).toBe('');
  });

  it('an empty object file left by a killed write is replaced when the same object is written again: main never moves onto it', async () => {
    const { bare } = queue(commons({ members: AUTHORS }));
    // The same run on a copy shows which objects the merge writes (same clock, same inputs: the same objects).
    const copy = `${bare}-copy`;
    cpSync(bare, copy, { recursive: true });
    const before = new Set(looseObjects(copy));
    expect(noclout(['merge', '--repo', copy, '--at', hours(25), '--format', 'json']).code).toBe(0);
    const written = looseObjects(copy).filter((f) => !before.has(f));
    expect(written.length).toBeGreaterThan(SLUGS.length);
    // What isomorphic-git left when a run was killed between creating an object file and writing it.
    for (const file of written) {
      const target = join(bare, file.slice(copy.length));
      mkdirSync(join(target, '..'), { recursive: true });
      writeFileSync(target, '');
    }
    const run = noclout(['merge', '--repo', bare, '--at', hours(25), '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json.results.map((r: any) => r.merged)).toEqual(SLUGS.map(() => true));
    expect(execFileSync('git', ['-C', bare, 'rev-parse', 'main'], { encoding: 'utf8' })).toBe(execFileSync('git', ['-C', copy, 'rev-parse', 'main'], { encoding: 'utf8' }));
    expect(emptyObjects(bare)).toEqual([]);
    expect(fsck(bare)).toBe('');
    expect(noclout(['audit', '--repo', bare]).code).toBe(0);
  });

  it('an empty object file is reported as a damaged object of that one change (object/corrupt), not as an undecodable buffer', async () => {
    const { bare } = queue(commons({ members: AUTHORS }));
    const head = execFileSync('git', ['-C', bare, 'rev-parse', `post/${SLUGS[0]}`], { encoding: 'utf8' }).trim();
    const blob = execFileSync('git', ['-C', bare, 'rev-parse', `${head}:content/posts/2026/${SLUGS[0]}.md`], { encoding: 'utf8' }).trim();
    const file = join(bare, 'objects', blob.slice(0, 2), blob.slice(2));
    expect(existsSync(file)).toBe(true);
    writeFileSync(file, '');
    const run = noclout(['review', `post/${SLUGS[0]}`, '--repo', bare, '--at', hours(25), '--format', 'json']);
    expect(run.json.problems.map((p: any) => p.rule), run.stdout).toEqual(['object/corrupt']);
    expect(run.json.decision).toBe('invalid');
    expect(run.stdout + run.stderr).not.toContain('Invalid compressed buffer');
  });
});

describe('ref locks after a crash', () => {
  const LOCKER = `import { takeLock } from ${JSON.stringify(fileURLToPath(new URL('../../src/repo/ref.ts', import.meta.url)))};
takeLock(process.argv[1], process.argv[2]); console.log('locked'); setInterval(() => {}, 1000);`;

  /** A noclout process that takes `lock` and keeps it until killed. */
  function holder(lock: string, scratch: string): Promise<{ kill(): Promise<void> }> {
    return new Promise((done) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', LOCKER, lock, scratch], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise<void>((r) => child.on('exit', () => r()));
      child.stdout.once('data', () => done({ kill: () => (child.kill('SIGKILL'), exited) }));
    });
  }

  it('a lock left by a killed noclout run is taken over by the next run; one held by a live run or by git is waited for', async () => {
    const f = commons({ members: AUTHORS });
    const repo = openRepository(f.dir);
    const main = f.rev('main');
    const lock = join(repo.gitdir, 'refs/heads/main.lock');
    const live = await holder(lock, repo.gitdir);
    // Held by a live process: never taken over.
    expect(await waitForLock(() => compareAndSwapRef(repo, 'refs/heads/main', main, main), 3)).toEqual({ ok: false, reason: 'locked' });
    await live.kill();
    expect(existsSync(lock)).toBe(true);
    expect(await compareAndSwapRef(repo, 'refs/heads/main', main, main)).toEqual({ ok: true });
    expect(existsSync(lock)).toBe(false);
    // git's own lock (it holds the new value, and no owner): waited for, never removed.
    writeFileSync(lock, `${main}\n`);
    expect(await waitForLock(() => compareAndSwapRef(repo, 'refs/heads/main', main, main), 3)).toEqual({ ok: false, reason: 'locked' });
    expect(existsSync(lock)).toBe(true);
  });
});
