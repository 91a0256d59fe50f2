/**
 * Push the bot's `main` to the forge with a compare-and-swap: the remote
 * branch moves only if it still holds the commit the bot judged against, the
 * equivalent of `git push --force-with-lease=main:<judged base>`.
 *
 * How (isomorphic-git, like every git operation of the bot): push reads the
 * remote's advertised tip; `onPrePush` refuses unless that tip is the judged
 * base; the receive-pack request then carries `<judged base> <new> main`, and
 * the git server applies it only if `main` still holds the judged base when
 * it takes its lock. A human or another run that moved `main` in between
 * makes the push fail, and nothing is lost: the next run judges again from
 * the new `main`.
 */
import http from 'isomorphic-git/http/node';
import { readCommitInfo } from '../repo/history.ts';
import { readRef } from '../repo/ref.ts';
import { git, gitArgs, type Repository } from '../repo/repository.ts';
import { readTreeLevel, treeOf } from '../repo/tree.ts';
import { ForgeError } from './errors.ts';
import { parseAdvertisement, parseReport, receivePackRequest, ZERO_OID, type Command } from './receive-pack.ts';

export interface PushOptions {
  /** Remote name (default "origin"); its URL comes from the repository's config unless `url` is given. */
  remote?: string;
  url?: string;
  /** A branch name ("main") or a full ref ("refs/noclout/ledger"); default main. */
  ref?: string;
  /** What the remote ref must still hold: the commit judged against; undefined when it must not exist yet. */
  expected: string | undefined;
  /** Sent as `x-access-token` basic auth, which GitHub accepts for the job's token. */
  token?: string;
}

export type PushResult = { pushed: false; reason: 'nothing to push' } | { pushed: true; from: string; to: string };

export async function pushWithLease(repo: Repository, options: PushOptions): Promise<PushResult> {
  const name = options.ref ?? 'main';
  const fullRef = name.startsWith('refs/') ? name : `refs/heads/${name}`;
  const branch = name.replace(/^refs\/heads\//, '');
  const expected = options.expected ?? ZERO;
  const local = await readRef(repo, fullRef);
  if (local === options.expected) return { pushed: false, reason: 'nothing to push' };
  if (local === undefined) throw new ForgeError('push-rejected', `there is no local ${fullRef} to push`);
  let advertised: string | undefined;
  try {
    const result = await git.push({
      ...gitArgs(repo),
      http,
      remote: options.remote ?? 'origin',
      ...(options.url ? { url: options.url } : {}),
      ref: fullRef,
      remoteRef: fullRef,
      force: false,
      ...(options.token ? { onAuth: () => ({ username: 'x-access-token', password: options.token }) } : {}),
      onPrePush: ({ remoteRef }) => {
        advertised = remoteRef.oid;
        return remoteRef.oid === expected;
      },
    });
    if (!result.ok) throw new ForgeError('push-rejected', `the server refused to move ${branch}: ${result.error ?? JSON.stringify(result.refs)}`);
    const ref = result.refs[fullRef];
    if (ref && !ref.ok) throw new ForgeError('push-rejected', `the server refused to move ${branch}: ${ref.error}`);
  } catch (error) {
    if (error instanceof ForgeError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'UserCanceledError' || code === 'PushRejectedError') {
      const now = advertised ? ` it is now ${advertised.slice(0, 12)}` : '';
      const judged = options.expected ? options.expected.slice(0, 12) : 'nothing (it did not exist)';
      throw new ForgeError('base-moved', `${branch} moved since it was judged (judged against ${judged};${now}): nothing was pushed, and the next run judges again from the new ${branch}`);
    }
    throw new ForgeError('push-rejected', `pushing ${branch} failed: ${(error as Error).message}`);
  }
  return { pushed: true, from: expected, to: local };
}

const ZERO = '0'.repeat(40);

/** One ref to publish, and what the remote must still hold for it. */
export interface RefLease {
  /** A branch name ("main") or a full ref ("refs/noclout/ledger"). */
  ref: string;
  /** The commit judged against; undefined when the ref must not exist yet. */
  expected: string | undefined;
}

export interface AtomicPushOptions {
  remote?: string;
  url?: string;
  refs: readonly RefLease[];
  token?: string;
}

/** A ref the push moved. */
export interface Moved {
  ref: string;
  from: string;
  to: string;
}

/**
 * Push several refs in one atomic transaction (git's `push --atomic`), each
 * with a lease: the server moves every ref, or none, and each only from the
 * commit the bot judged. The bot publishes `main` and the openings ledger
 * together this way, so that neither ever names a commit of the other that
 * was not published (DESIGN.md, principle 6): a ledger pushed alone could
 * freeze, as a change's policy commit, a merge that `main`'s refused push
 * never published. Refs whose local value is what was judged are left out;
 * returns the refs moved (none when there was nothing to push).
 */
export async function pushAtomically(repo: Repository, options: AtomicPushOptions): Promise<Moved[]> {
  const commands: Command[] = [];
  for (const lease of options.refs) {
    const ref = lease.ref.startsWith('refs/') ? lease.ref : `refs/heads/${lease.ref}`;
    const local = await readRef(repo, ref);
    if (local === lease.expected) continue;
    if (local === undefined) throw new ForgeError('push-rejected', `there is no local ${ref} to push`);
    commands.push({ ref, old: lease.expected ?? ZERO_OID, next: local });
  }
  if (!commands.length) return [];
  const names = commands.map((c) => shortRef(c.ref)).join(' and ');
  const url = (options.url ?? (await git.getConfig({ ...gitArgs(repo), path: `remote.${options.remote ?? 'origin'}.url` })) ?? '').replace(/\/+$/, '');
  if (!url) throw new ForgeError('push-rejected', `no URL for remote ${options.remote ?? 'origin'}: nothing was pushed`);
  const headers: Record<string, string> = { 'user-agent': 'git/noclout', ...(options.token ? { authorization: `Basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}` } : {}) };
  const advertised = parseAdvertisement(await exchange(`${url}/info/refs?service=git-receive-pack`, { headers }, names));
  for (const c of commands) {
    const now = advertised.refs.get(c.ref) ?? ZERO_OID;
    if (now !== c.old) throw movedError(c, now, names);
  }
  if (commands.length > 1 && !advertised.capabilities.has('atomic')) {
    throw new ForgeError('push-rejected', `the server does not offer atomic pushes, so ${names} cannot be moved together: nothing was pushed`);
  }
  const oids = await objectsToSend(repo, commands.map((c) => c.next), [...advertised.refs.values()]);
  const { packfile } = await git.packObjects({ ...gitArgs(repo), oids });
  const capabilities = ['report-status', ...(commands.length > 1 ? ['atomic'] : []), 'agent=noclout'].filter((c) => c === 'agent=noclout' || advertised.capabilities.has(c));
  const body = receivePackRequest(commands, capabilities, packfile ?? new Uint8Array());
  const answer = await exchange(`${url}/git-receive-pack`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-git-receive-pack-request', accept: 'application/x-git-receive-pack-result' }, body }, names);
  const report = parseReport(answer);
  if (report.unpack !== 'ok') throw new ForgeError('push-rejected', `the server could not unpack what was sent for ${names} (${report.unpack || 'no report'}): nothing was pushed`);
  const refused = commands.map((c) => [c, report.refs.get(c.ref)] as const).filter(([, r]) => !r?.ok);
  if (refused.length) {
    const why = refused.map(([c, r]) => `${shortRef(c.ref)}: ${r && !r.ok ? r.reason : 'no answer'}`).join('; ');
    // git names no culprit in an atomic push ("atomic transaction failed" for every ref): a lease that no longer holds is the likely one.
    const moved = refused.some(([, r]) => r && !r.ok && /atomic transaction failed|stale|is at|expected|fetch first|non-fast-forward|lock/.test(r.reason));
    throw new ForgeError(moved ? 'base-moved' : 'push-rejected', `the server refused to move ${names} (${why}): nothing was pushed${moved ? ', and the next run judges again from what the forge holds' : ''}`);
  }
  return commands.map((c) => ({ ref: c.ref, from: c.old, to: c.next }));
}

function shortRef(ref: string): string {
  return ref.replace(/^refs\/heads\//, '');
}

function movedError(c: Command, now: string, names: string): ForgeError {
  const name = shortRef(c.ref);
  const judged = c.old === ZERO_OID ? 'nothing (it did not exist)' : c.old.slice(0, 12);
  const is = now === ZERO_OID ? ' it no longer exists' : ` it is now ${now.slice(0, 12)}`;
  return new ForgeError('base-moved', `${name} moved since it was judged (judged against ${judged};${is}): nothing was pushed (neither ${names}), and the next run judges again from the new ${name}`);
}

/** One HTTP exchange with the git server; its body, or a ForgeError naming the status. */
async function exchange(url: string, init: RequestInit, names: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ForgeError('push-rejected', `pushing ${names} failed: ${(error as Error).message}`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!response.ok) {
    const text = new TextDecoder().decode(bytes.subarray(0, 300)).trim();
    throw new ForgeError('push-rejected', `the server refused to move ${names}: HTTP ${response.status}${text ? ` (${text})` : ''}; nothing was pushed`, { status: response.status, url });
  }
  return bytes;
}

/**
 * The objects the remote lacks to hold `tips`: the commits no advertised ref
 * reaches (as far as this clone knows), and their trees and blobs except
 * those of the remote's commits they build on. Sending too much is harmless;
 * too little makes the server refuse the pack, and nothing moves.
 */
async function objectsToSend(repo: Repository, tips: readonly string[], advertised: readonly string[]): Promise<string[]> {
  const haves = new Set<string>();
  for (const stack = [...advertised]; stack.length; ) {
    const oid = stack.pop()!;
    if (haves.has(oid)) continue;
    const info = await readCommitInfo(repo, oid).catch(() => undefined);
    if (!info) continue; // not a commit this clone has (or where a shallow clone stops)
    haves.add(oid);
    stack.push(...info.parents);
  }
  const commits: string[] = [];
  const boundary = new Set<string>();
  const visited = new Set<string>();
  for (const stack = [...tips]; stack.length; ) {
    const oid = stack.pop()!;
    if (visited.has(oid)) continue;
    visited.add(oid);
    if (haves.has(oid)) {
      boundary.add(oid);
      continue;
    }
    commits.push(oid);
    stack.push(...(await readCommitInfo(repo, oid)).parents);
  }
  const remote = new Set<string>();
  for (const oid of boundary) await collectTree(repo, await treeOf(repo, oid), remote, new Set());
  const objects = new Set<string>(commits);
  for (const oid of commits) await collectTree(repo, await treeOf(repo, oid), objects, remote);
  return [...objects];
}

/** Add a tree and everything under it to `into`, except what `skip` holds (a tree held is held whole). */
async function collectTree(repo: Repository, tree: string, into: Set<string>, skip: ReadonlySet<string>): Promise<void> {
  if (skip.has(tree) || into.has(tree)) return;
  into.add(tree);
  for (const entry of await readTreeLevel(repo, tree)) {
    if (entry.type === 'tree') await collectTree(repo, entry.oid, into, skip);
    else if (entry.type === 'blob' && !skip.has(entry.oid)) into.add(entry.oid);
  }
}
