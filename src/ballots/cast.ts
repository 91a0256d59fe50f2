/**
 * Casting a ballot with the member's own git (`noclout vote`, docs/voting.md):
 * one commit adding `governance/ballots/<change>/<handle>.yml`, SSH-signed,
 * on the change's branch, built with plumbing (a private index, `commit-tree`)
 * so the member's checkout is never touched, then pushed without force.
 *
 * Several members voting at once: when the push is refused because the branch
 * moved, the ballot commit is joined to the new head by a clean merge
 * (src/ballots/clean-merge.ts): nothing is rebased, so every ballot commit,
 * ours and theirs, keeps its signature, and the merge needs none. If the text
 * of the change moved meanwhile, nothing is pushed: a ballot binds to the
 * text its voter read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileKindOf } from '../commons/layout.ts';
import { diffTrees } from '../repo/diff.ts';
import { commitsBetween, isAncestor, readCommitInfo } from '../repo/history.ts';
import { gitOk, type Git } from '../member/git-program.ts';
import type { SigningKey } from '../member/signing-key.ts';
import { openRepository } from '../repo/repository.ts';
import { entryAt, treeOf } from '../repo/tree.ts';
import { changeCommits } from './commit-ballots.ts';
import { commitSigner } from './signed.ts';
import type { Member } from '../commons/schema/members.ts';
import { noclout } from '../commons/suggested-command.ts';

export interface Ballot {
  change: string;
  /** `governance/ballots/<change>/<handle>.yml` */
  path: string;
  text: string;
  key: SigningKey;
  roster: readonly Member[];
}

/** Where the git directory is: every object git writes is read back through isomorphic-git from there. */
export interface Place {
  git: Git;
  gitdir: string;
}

const short = (oid: string) => oid.slice(0, 10);

/** Write the ballot's blob; returns its id. */
export function writeBlob(place: Place, text: string): Promise<string> {
  return gitOk(place.git, ['hash-object', '-w', '--stdin'], { input: text });
}

/** `parent`'s tree with one file set to `blob` (or removed), built in a private index. */
export async function treeWith(place: Place, parent: string, path: string, blob: string | undefined): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'noclout-vote-'));
  const env = { GIT_INDEX_FILE: join(dir, 'index') };
  try {
    await gitOk(place.git, ['read-tree', parent], { env });
    await gitOk(place.git, blob ? ['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`] : ['update-index', '--force-remove', '--', path], { env });
    return await gitOk(place.git, ['write-tree'], { env });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The ballot commit(s) on `parent`, signed as git signs (`gpg.format=ssh`).
 * When the file already holds these exact words (a vote cast again on a new
 * text), a commit cannot add them again: it is removed, then written back,
 * each in a signed ballot commit. Returns the last commit.
 */
export async function ballotCommits(place: Place, ballot: Ballot, parent: string, blob: string, vote: string): Promise<string> {
  const repo = openRepository(place.gitdir);
  const present = await entryAt(repo, await treeOf(repo, parent), ballot.path);
  let tip = parent;
  if (present?.oid === blob) tip = await signedCommit(place, ballot, await treeWith(place, tip, ballot.path, undefined), tip, `Ballot withdrawn to be cast again: ${ballot.key.handle} on ${ballot.change}`);
  return signedCommit(place, ballot, await treeWith(place, tip, ballot.path, blob), tip, `Ballot: ${vote} on ${ballot.change}`);
}

async function signedCommit(place: Place, ballot: Ballot, tree: string, parent: string, message: string): Promise<string> {
  const oid = await gitOk(place.git, ['-c', 'gpg.format=ssh', '-c', `user.signingkey=${ballot.key.spec}`, 'commit-tree', tree, '-p', parent, '-S', '-m', message]);
  // Checked as the bot will check it: a key git used that the roster does not list for this voter is caught here, before anything is pushed.
  const info = await readCommitInfo(openRepository(place.gitdir), oid);
  const signer = commitSigner(info.payload, info.signature, ballot.roster);
  if (!signer.ok || signer.handle !== ballot.key.handle) throw new CastError('vote/not-signed', `git made commit ${short(oid)}, but the bot would not count it as ${ballot.key.handle}'s: ${signer.ok ? `it is signed by ${signer.handle}` : signer.reason}`);
  return oid;
}

/** A clean merge joining our ballot commit to the branch as it now is: the branch's tree plus our one file, unsigned. */
async function joinCommit(place: Place, ballot: Ballot, head: string, ours: string, blob: string): Promise<string> {
  const tree = await treeWith(place, head, ballot.path, blob);
  return gitOk(place.git, ['commit-tree', tree, '-p', head, '-p', ours, '--no-gpg-sign', '-m', `Join ${ballot.key.handle}'s ballot on ${ballot.change} with the ballots pushed meanwhile`]);
}

/** Why a ballot was not cast: a stable code and what to do. */
export class CastError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * What happened between the head we voted on and the head the remote now
 * has: the text changed (then nothing may be pushed), our own file changed
 * (we voted from elsewhere), or only ballots and clean merges came in.
 */
export async function movedSince(place: Place, ballot: Ballot, votedOn: string, now: string): Promise<'text' | 'own-file' | 'ballots' | 'rewritten'> {
  const repo = openRepository(place.gitdir);
  const [before, after] = [await treeOf(repo, votedOn), await treeOf(repo, now)];
  const changed = await diffTrees(repo, before, after);
  if (changed.some((f) => fileKindOf(f.path).kind !== 'ballot')) return 'text';
  if (changed.some((f) => f.path === ballot.path)) return 'own-file';
  if (!(await isAncestor(repo, votedOn, now))) return 'rewritten';
  const commits = await changeCommits(repo, await commitsBetween(repo, votedOn, now));
  // A text changed and changed back still makes a ballot cast before it stale: cast it again on top.
  return commits.some((c) => c.content) ? 'rewritten' : 'ballots';
}

export interface Remote {
  name: string;
  branch: string;
}

export interface Pushed {
  commit: string;
  /** The ballot commit itself (the pushed commit is a merge when others voted meanwhile). */
  ballot: string;
  attempts: number;
  /** Merges made to join ballots pushed meanwhile. */
  joined: number;
  /** Times the ballot was made again on a rewritten branch. */
  rebuilt: number;
}

const RETRYABLE = /\[(?:rejected|remote rejected)\]|fetch first|non-fast-forward|cannot lock|failed to lock|unable to lock|stale info|incorrect old value/i;

/**
 * Push the ballot, joining it with whatever was pushed meanwhile, until the
 * remote takes it. `votedOn` is the head the first ballot commit was made on.
 */
export async function pushBallot(place: Place, ballot: Ballot, remote: Remote, votedOn: string, first: string, blob: string, vote: string, attempts = 12): Promise<Pushed> {
  const tracking = `refs/remotes/${remote.name}/${remote.branch}`;
  let base = votedOn;
  let ours = first;
  let pushing = first;
  /** The remote head `pushing` stands on: if the remote still has it, the refusal was not about other voters. */
  let builtOn = votedOn;
  let joined = 0;
  let rebuilt = 0;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const push = await place.git(['push', '--porcelain', '--quiet', remote.name, `${pushing}:refs/heads/${remote.branch}`]);
    if (push.code === 0) {
      await place.git(['update-ref', tracking, pushing]);
      return { commit: pushing, ballot: ours, attempts: attempt, joined, rebuilt };
    }
    const said = `${push.stdout}\n${push.stderr}`;
    if (!RETRYABLE.test(said)) throw new CastError('vote/push-failed', `git push ${remote.name} refused the ballot: ${said.trim().split('\n').filter(Boolean).slice(-2).join(' / ')}`);
    await sleep(40 + Math.random() * 160 * attempt);
    await gitOk(place.git, ['fetch', '--quiet', remote.name, `+refs/heads/${remote.branch}:${tracking}`]);
    const head = await gitOk(place.git, ['rev-parse', '--verify', `${tracking}^{commit}`]);
    if (head === pushing) return { commit: pushing, ballot: ours, attempts: attempt, joined, rebuilt };
    if (head === builtOn) {
      // Nobody pushed meanwhile: a lock held for a moment is worth another try, anything else is the remote's answer.
      if (/lock/i.test(said)) continue;
      throw new CastError('vote/push-failed', `git push ${remote.name} refused the ballot: ${said.trim().split('\n').filter(Boolean).slice(-2).join(' / ')}`);
    }
    builtOn = head;
    const moved = await movedSince(place, ballot, base, head);
    if (moved === 'text') throw new CastError('vote/text-changed', `the text of ${ballot.change} changed on ${remote.name} while you voted (${remote.branch} is now at ${short(head)}): nothing was pushed. Read the new text (git diff ${short(base)} ${short(head)}), then vote again`);
    if (moved === 'own-file') throw new CastError('vote/own-ballot-moved', `your ballot file ${ballot.path} changed on ${remote.name} meanwhile (a vote from another clone?): nothing was pushed. Fetch, check it (git show ${short(head)}:${ballot.path}), and vote again if you mean to change it`);
    if (moved === 'ballots') {
      pushing = await joinCommit(place, ballot, head, ours, blob);
      joined++;
    } else {
      // Rewritten (force-pushed) with the same text, or a text changed and changed back: our ballot is made again on the branch as it is.
      base = head;
      ours = await ballotCommits(place, ballot, head, blob, vote);
      pushing = ours;
      joined = 0;
      rebuilt++;
    }
  }
  throw new CastError('vote/contention', `${remote.name} refused the ballot ${attempts} times: the branch ${remote.branch} keeps moving. Run the same ${noclout('vote')} again in a moment`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
