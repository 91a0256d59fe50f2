/**
 * Moving a ref by compare-and-swap: the new value is written only if the ref
 * still holds the value the caller judged against. isomorphic-git's writeRef
 * has no such check, so this takes git's own lock (`<ref>.lock`, created
 * exclusively), which real git respects too. Under the lock the new value is
 * written to a temporary file, fsynced and renamed over the ref, after the
 * objects it names were made durable (src/repo/atomic-fs.ts): the ref is
 * either as it was or fully advanced, never half written, and never names an
 * object that is not whole on disk.
 *
 * A run killed while holding the lock leaves it behind. Git never takes over
 * a lock; our locks say who holds them (process id, host, boot), so a lock
 * left by a noclout run that no longer exists is taken over, exactly once,
 * and a killed run never blocks the next one. Locks held by git, or by a live
 * process, are always waited for.
 */
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { refNameProblem } from '../commons/ref-name.ts';
import { syncDirectory, syncWrites } from './atomic-fs.ts';
import { MAX_COMMIT_BYTES, readObjectWithin } from './objects.ts';
import type { Repository } from './repository.ts';

export type CasResult = { ok: true } | { ok: false; reason: 'moved' | 'locked'; current?: string };

/**
 * The commit a full ref name (refs/…, or HEAD) points at, or undefined when
 * the ref does not exist. Read as git reads it, synchronously: the loose file
 * first, then packed-refs; a symbolic ref ("ref: refs/heads/main") is
 * followed a few levels deep.
 */
export async function readRef(repo: Repository, ref: string): Promise<string | undefined> {
  return readRefSync(repo, ref);
}

/** readRef, without a promise: the bot reads main and the ledger several times a merge. */
export function readRefSync(repo: Repository, ref: string, depth = 0): string | undefined {
  const text = refText(repo, ref);
  if (text === undefined || depth > 5) return undefined;
  if (text.startsWith('ref: ')) return readRefSync(repo, text.slice('ref: '.length).trim(), depth + 1);
  const oid = text.trim();
  return /^[0-9a-f]{40}$/.test(oid) ? oid : undefined;
}

/** What a ref holds: its loose file, else its line in packed-refs. */
function refText(repo: Repository, ref: string): string | undefined {
  if (ref !== 'HEAD' && (!ref.startsWith('refs/') || refNameProblem(ref) !== undefined)) return undefined;
  try {
    return readFileSync(join(repo.gitdir, ref), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') throw error;
  }
  let packed: string;
  try {
    packed = readFileSync(join(repo.gitdir, 'packed-refs'), 'utf8');
  } catch {
    return undefined;
  }
  for (const line of packed.split('\n')) {
    // "<oid> <ref>"; comments (#) and peeled tags (^<oid>) are not refs.
    if (line.length > 41 && line[40] === ' ' && line.slice(41).trimEnd() === ref) return line.slice(0, 40);
  }
  return undefined;
}

/**
 * The branch checked out in the repository's working tree (refs/heads/…), or
 * undefined for a bare repository or a detached HEAD.
 */
export async function checkedOutBranch(repo: Repository): Promise<string | undefined> {
  if (repo.dir === undefined) return undefined;
  const head = refText(repo, 'HEAD')?.trim();
  const target = head?.startsWith('ref: ') ? head.slice('ref: '.length).trim() : undefined;
  return target?.startsWith('refs/heads/') ? target : undefined;
}

/**
 * Set `ref` (a full name like refs/heads/main) to `next` if it currently points
 * at `expected` (undefined: if it does not exist yet). `next` must be a whole
 * commit already in the repository.
 */
export async function compareAndSwapRef(repo: Repository, ref: string, expected: string | undefined, next: string): Promise<CasResult> {
  const problem = ref.startsWith('refs/') ? refNameProblem(ref) : 'it does not start with refs/';
  if (problem !== undefined) throw new Error(`compareAndSwapRef needs a full, valid ref name; ${JSON.stringify(ref)} is refused: ${problem}`);
  const path = join(repo.gitdir, ref);
  mkdirSync(dirname(path), { recursive: true });
  const lock = takeLock(`${path}.lock`, repo.gitdir);
  if (!lock) return { ok: false, reason: 'locked' };
  try {
    const current = await readRef(repo, ref);
    if (current !== expected) return { ok: false, reason: 'moved', ...(current ? { current } : {}) };
    // The new tip reads back whole, and hashes to its id, before anything names it (a damaged object would throw here).
    await readObjectWithin(repo, next, 'commit', MAX_COMMIT_BYTES);
    const temp = join(repo.gitdir, `noclout-ref-${randomBytes(8).toString('hex')}.tmp`);
    // The objects, their folders and the ref's new text are made durable in one batch, before the rename publishes it.
    await syncWrites(repo.fs, writeDurably(temp, `${next}\n`)).catch((error: unknown) => {
      rmSync(temp, { force: true });
      throw error;
    });
    try {
      renameSync(temp, path);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
    await syncDirectory(dirname(path));
    return { ok: true };
  } finally {
    lock.release();
  }
}

/** Retry a compare-and-swap update a few times while another process holds the lock. */
export async function waitForLock<T extends { ok: boolean; reason?: string }>(attempt: () => Promise<T>, tries = 50): Promise<T> {
  let result = await attempt();
  for (let i = 1; i < tries && !result.ok && result.reason === 'locked'; i++) {
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 30));
    result = await attempt();
  }
  return result;
}

export interface Lock {
  release(): void;
}

/**
 * Create `lock` exclusively, holding a line that names this process; a lock
 * left by a dead noclout process is taken over first. Undefined when someone
 * else holds it. `scratch` is a folder on the same file system for the
 * temporary files (the git directory).
 */
export function takeLock(lock: string, scratch: string): Lock | undefined {
  const nonce = randomBytes(8).toString('hex');
  // Written aside then linked: the lock never exists without its owner line, even if we are killed in between.
  const temp = join(scratch, `noclout-lock-${nonce}.tmp`);
  writeFileSync(temp, ownerLine(nonce));
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(temp, lock);
        return { release: () => rmSync(lock, { force: true }) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if (!takeOverDeadLock(lock, scratch)) return undefined;
      }
    }
    return undefined;
  } finally {
    rmSync(temp, { force: true });
  }
}

const BOOT_ID = '/proc/sys/kernel/random/boot_id';
const OWNER = /^noclout lock pid=(\d+) host=(\S+) boot=(\S+) nonce=([0-9a-f]+)\n$/;

function ownerLine(nonce: string): string {
  return `noclout lock pid=${process.pid} host=${hostname()} boot=${bootId()} nonce=${nonce}\n`;
}

function bootId(): string {
  try {
    return readFileSync(BOOT_ID, 'utf8').trim() || '-';
  } catch {
    return '-';
  }
}

/** The lock was left by a noclout process of this machine that no longer runs (killed, or the machine restarted). */
function heldByDeadRun(text: string): boolean {
  const owner = OWNER.exec(text);
  if (!owner || owner[2] !== hostname()) return false; // git's lock, or another machine's: never ours to judge
  if (owner[3] !== bootId()) return true;
  try {
    process.kill(Number(owner[1]), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Remove a lock whose owner is dead, if it still is that same lock. Several
 * runs may try at once: each first links the lock to a name made from its
 * owner's nonce, which only one of them can create, and checks that what it
 * linked is still the dead run's lock before removing it. Returns whether the
 * caller should try to take the lock again.
 */
function takeOverDeadLock(lock: string, scratch: string): boolean {
  let text: string;
  try {
    text = readFileSync(lock, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true; // released meanwhile
    throw error;
  }
  if (!heldByDeadRun(text)) return false;
  const claim = join(scratch, `noclout-stale-${OWNER.exec(text)![4]}.lock`);
  try {
    linkSync(lock, claim);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return true;
    if (code === 'EEXIST') return false; // another run is taking it over
    throw error;
  }
  try {
    if (readFileSync(claim, 'utf8') !== text) return false; // the lock changed hands meanwhile: it is alive
    rmSync(lock, { force: true });
    return true;
  } finally {
    rmSync(claim, { force: true });
  }
}

async function writeDurably(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
