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
import { readRef } from '../repo/ref.ts';
import { git, gitArgs, type Repository } from '../repo/repository.ts';
import { ForgeError } from './errors.ts';

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
