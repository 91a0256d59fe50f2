/**
 * Git-native ballots (DESIGN.md, Opening, ballots and time): a ballot is a
 * commit that adds or replaces exactly one file,
 * `governance/ballots/<change>/<handle>.yml`, signed with a key the frozen
 * roster lists for <handle>. A clean merge (src/ballots/clean-merge.ts) only
 * joins commits, signed or not. Every other commit of the change is content:
 * it must be signed by the submitter, and a ballot counts only when every
 * content commit is among its ancestors, because a ballot binds to the text
 * it was cast on.
 */
import { recordText, text, type BotText } from '../commons/texts/index.ts';
import { fileKindOf } from '../commons/layout.ts';
import { visible, type Problem } from '../commons/problem.ts';
import { codedProblem } from '../commons/texts/problems.ts';
import { UNATTRIBUTED, type SignatureFault, type Unattributed } from '../commons/texts/problems-en.ts';
import type { Member } from '../commons/schema/members.ts';
import type { BallotEvidence, Submitter } from '../bot/source.ts';
import { diffTrees, type FileChange } from '../repo/diff.ts';
import type { CommitInfo } from '../repo/history.ts';
import type { Repository } from '../repo/repository.ts';
import { blobSize } from '../repo/objects.ts';
import { readBlobBytes, treeOf } from '../repo/tree.ts';
import { readBallotText } from './ballot-file.ts';
import { isSealedBallot, type BallotFile } from '../commons/schema/ballot.ts';
import { sealedTextStatus, type SealedVote } from '../commons/sealed-vote.ts';
import { checkMerge, type MergeCheck } from './clean-merge.ts';
import { commitSigner, type Signer } from './signed.ts';

/** One commit of a change with the files it changes against its first parent. */
export interface ChangeCommit {
  info: CommitInfo;
  files: FileChange[];
  /** True when every file it touches is a ballot file. */
  ballot: boolean;
  /** For a merge commit: whether it is a clean merge, which only joins its parents. */
  merge?: MergeCheck;
  /**
   * True when the commit may change the text: neither a ballot nor a clean
   * merge. These need the submitter's signature, and a ballot counts only
   * when all of them are its ancestors.
   */
  content: boolean;
}

/** Read the files each commit of a change touches (commits parents first); merges are checked for cleanness. */
export async function changeCommits(repo: Repository, commits: readonly CommitInfo[]): Promise<ChangeCommit[]> {
  return Promise.all(
    commits.map(async (info): Promise<ChangeCommit> => {
      if (info.parents.length > 1) {
        const merge = await checkMerge(repo, info);
        return { info, files: [], ballot: false, merge, content: !merge.clean };
      }
      const parentTree = info.parents[0] ? await treeOf(repo, info.parents[0]) : undefined;
      const files = await diffTrees(repo, parentTree, info.tree);
      const ballot = files.length > 0 && files.every((f) => fileKindOf(f.path).kind === 'ballot');
      return { info, files, ballot, content: !ballot };
    }),
  );
}

const short = (oid: string) => oid.slice(0, 10);

/** Every ballot commit of the change, as evidence with the reason it cannot count, if any. */
export async function ballotEvidence(repo: Repository, commits: readonly ChangeCommit[], change: string, roster: readonly Member[], firstSeen: Readonly<Record<string, string>>, now: Date, sealedVote?: SealedVote): Promise<BallotEvidence[]> {
  const members = new Set(roster.map((m) => m.handle));
  const evidence: BallotEvidence[] = [];
  for (let i = 0; i < commits.length; i++) {
    const { info, files, ballot } = commits[i]!;
    if (!ballot) continue;
    const castAt = firstSeen[info.oid] ?? now.toISOString();
    const file = files[0]!;
    const target = fileKindOf(file.path);
    const voter = target.kind === 'ballot' ? target.handle : file.path;
    const base = { voter, commit: info.oid, castAt };
    if (file.status === 'deleted') continue;
    const parsed = await readBallot(repo, file);
    // A ballot that does not read is no vote at all: never shown as one (an abstention would count toward quorum).
    const value = parsed.ok ? parsed.value : undefined;
    // A sealed ballot says nothing readable until the close: its text is kept as evidence, opened then.
    // A public one in a sealed vote never counts, and its choice is not repeated ('public').
    const entry: BallotEvidence = { ...base, vote: !value ? 'malformed' : isSealedBallot(value) ? 'sealed' : sealedVote ? 'public' : value.vote };
    if (value && isSealedBallot(value)) entry.sealed = { text: value.sealed, key: info.oid, blob: file.head!.oid };
    else if (value && !sealedVote) {
      if (value.reason !== undefined) entry.comment = value.reason;
      if (value.rule !== undefined) entry.rule = value.rule;
    }
    const invalid = (() => {
      if (files.length > 1) return text('ballot-touches-files', { commit: short(info.oid), files: files.length });
      if (target.kind !== 'ballot' || target.change !== change) return text('ballot-other-change', { change: target.kind === 'ballot' ? target.change : '?' });
      if (!members.has(target.handle)) return text('ballot-not-member', { voter: target.handle });
      const signer = commitSigner(info.payload, info.signature, roster);
      if (!signer.ok) return signer.code;
      if (signer.handle !== target.handle) return text('ballot-someone-else', { signer: signer.handle, owner: target.handle });
      if (!parsed.ok) return parsed.status ?? `malformed ballot: ${parsed.error}`;
      // Sealed votes take sealed ballots only, public votes public ones (docs/voting.md, Sealed ballots).
      if (sealedVote && !isSealedBallot(parsed.value)) return text('ballot-public-in-sealed', {});
      if (!sealedVote && isSealedBallot(parsed.value)) return text('ballot-sealed-in-public', {});
      if (sealedVote && isSealedBallot(parsed.value)) {
        const status = sealedTextStatus(parsed.value.sealed, sealedVote);
        if (status) return status;
      }
      // Cast on the final text only if every text change is behind it: one after it, or beside it on a branch it never saw, makes it stale.
      const seen = ancestors(commits, info.oid);
      const unseen = commits.find((c) => c.content && c.info.parents.length > 0 && !seen.has(c.info.oid));
      if (unseen) return text('ballot-stale', { commit: short(unseen.info.oid) });
      return undefined;
    })();
    if (typeof invalid === 'string') entry.invalid = invalid;
    else if (invalid) {
      entry.invalid = recordText(invalid);
      entry.invalidCode = invalid;
    }
    evidence.push(entry);
  }
  return evidence;
}

/** `oid` and its ancestors among the change's commits. */
function ancestors(commits: readonly ChangeCommit[], oid: string): Set<string> {
  const byOid = new Map(commits.map((c) => [c.info.oid, c]));
  const stack = [oid];
  const seen = new Set<string>();
  while (stack.length) {
    const current = stack.pop()!;
    if (seen.has(current) || !byOid.has(current)) continue;
    seen.add(current);
    stack.push(...byOid.get(current)!.info.parents);
  }
  return seen;
}

/**
 * Read a ballot file. A fault is told like a compiler does, each as
 * `path:line:col: what (received …)` with what is expected, within the
 * 300 characters a record's reason holds.
 */
/** Whether a status says exactly `english` after "malformed ballot: " (every problem coded, none framed). */
function sayable(status: BotText, english: string): boolean {
  try {
    return recordText(status) === `malformed ballot: ${english}`;
  } catch {
    return false;
  }
}

/** A ballot file that does not read: why, in English (`error`), and the code of its status (ballot-unreadable, ballot-problems) when it has one. */
type UnreadBallot = { ok: false; error: string; status?: BotText };

async function readBallot(repo: Repository, file: FileChange): Promise<{ ok: true; value: BallotFile } | UnreadBallot> {
  const unread = (fault: 'not-regular' | 'too-large' | 'not-utf8', size = 0): UnreadBallot => {
    const status = text('ballot-unreadable', { fault, path: file.path, size });
    return { ok: false, error: recordText(status).slice('malformed ballot: '.length), status };
  };
  if (!file.head || file.head.mode !== '100644') return unread('not-regular');
  // The size comes from the git header: a huge ballot is refused without being read.
  const size = await blobSize(repo, file.head.oid, file.path);
  if (size > 10_000) return unread('too-large', size);
  const bytes = await readBlobBytes(repo, file.head.oid, file.path);
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Decoded leniently, a ballot in another encoding would be shown with words its voter never wrote.
    return unread('not-utf8');
  }
  const checked = readBallotText(decoded, file.path);
  if (!checked.ok) {
    const error = checked.problems.map((p) => visible(`${p.path}:${p.line}:${p.column}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`)).join('; ');
    const english = error.length > 260 ? `${error.slice(0, 259)}…` : error;
    // The problems' codes, so that another language says them (texts/fr.ts): kept when they rebuild this English exactly.
    const problems = JSON.stringify(checked.problems.map((p) => ({ path: p.path, line: p.line, column: p.column, code: p.code ?? '', params: p.params ?? {} })));
    const status = text('ballot-problems', { problems });
    return { ok: false, error: english, ...(problems.length <= 1000 && sayable(status, english) ? { status } : {}) };
  }
  return { ok: true, value: checked.value };
}

/**
 * The member who submitted the change: every content commit must be signed by
 * a key of the same member. A merge that is not clean is content (a conflict
 * resolved by hand is an edit); unsigned, it is left to uncleanMerges, which
 * says what it added.
 */
export function contentSubmitter(commits: readonly ChangeCommit[], roster: readonly Member[]): Submitter {
  const content = commits.filter((c) => c.content && !(c.merge && !c.info.signature));
  if (content.length === 0) return { reason: 'the change has no content commit', unattributed: { ...UNATTRIBUTED, why: 'no-content' } };
  let handle: string | undefined;
  for (const { info, merge } of content) {
    const what = merge && !merge.clean ? `commit ${short(info.oid)}, a merge that is not clean (${merge.why}),` : `commit ${short(info.oid)}`;
    const signer = commitSigner(info.payload, info.signature, roster);
    const at = { ...UNATTRIBUTED, commit: short(info.oid), ...(merge && !merge.clean ? { merge: merge.fault, mergePath: merge.path } : {}) };
    if (!signer.ok) return { reason: `${what}: ${signer.reason}`, unattributed: { ...at, why: 'signature', ...signatureFault(signer) } };
    if (handle !== undefined && signer.handle !== handle) return { reason: `${what} is signed by ${signer.handle}, earlier commits by ${handle}: a change has one submitter`, unattributed: { ...at, why: 'two-signers', signer: signer.handle, earlier: handle } };
    handle = signer.handle;
  }
  return { handle: handle! };
}

/** What is wrong with a commit's signature, for the catalogue (change/unsigned). */
function signatureFault(signer: Extract<Signer, { ok: false }>): Pick<Unattributed, 'signature' | 'key' | 'fault' | 'found' | 'expected'> {
  const none = { key: '', fault: '', found: '', expected: '' } as const;
  if (signer.code.code === 'ballot-unsigned') return { ...none, signature: 'unsigned' };
  if (signer.code.code === 'ballot-unknown-key') return { ...none, signature: 'unknown-key', key: signer.code.params.key };
  if (signer.code.code === 'ballot-bad-signature') return { ...none, signature: 'bad', fault: signer.code.params.fault as SignatureFault, found: signer.code.params.found, expected: signer.code.params.expected };
  return { ...none, signature: 'bad' };
}

/**
 * An unsigned merge that is not clean adds something of its own that nobody
 * signed: named with the first path that shows it.
 */
export function uncleanMerges(commits: readonly ChangeCommit[]): Problem[] {
  return commits.flatMap(({ info, merge }) =>
    merge && !merge.clean && !info.signature
      ? [
          codedProblem(merge.path || 'content', 'change/unclean-merge', 'change/unclean-merge', { commit: short(info.oid), fault: merge.fault, path: merge.path }),
        ]
      : [],
  );
}

/**
 * A ballot in member X's file that X did not sign, in a commit whose
 * committer is not its author (the mark of a rebase or a cherry-pick, which
 * keep the author and sign again, or not at all, as whoever runs them): X's
 * own signed commit was rewritten by someone else, and X's vote would be lost
 * without a word. It never counts (only X's signature makes it X's), and the
 * change waits until X's commit is put back or X votes again: a later valid
 * ballot of X, or X's own signed commit of the same words, settles it.
 * Commit identities are only a hint for which message to give: a forger who
 * mimics a rebase only delays the vote, which anyone who can push to the
 * branch can do anyway.
 */
export function rewrittenBallots(commits: readonly ChangeCommit[], evidence: readonly BallotEvidence[], change: string, roster: readonly Member[]): Problem[] {
  const members = new Set(roster.map((m) => m.handle));
  const byOid = new Map(commits.map((c) => [c.info.oid, c]));
  const problems: Problem[] = [];
  evidence.forEach((e, i) => {
    const c = e.commit === undefined ? undefined : byOid.get(e.commit);
    if (!c || !e.invalid || !members.has(e.voter)) return;
    const { info, files } = c;
    const target = files.length === 1 ? fileKindOf(files[0]!.path) : undefined;
    if (target?.kind !== 'ballot' || target.change !== change || target.handle !== e.voter) return;
    const rewritten = info.committer.name !== info.author.name || info.committer.email !== info.author.email || info.time !== info.authorTime;
    if (!rewritten) return;
    const signer = commitSigner(info.payload, info.signature, roster);
    // Whose signature the copy carries: '' for none.
    const by = !info.signature ? '' : signer.ok && signer.handle !== e.voter ? signer.handle : undefined;
    if (by === undefined) return;
    // Settled when the voter's own signed ballot is on the change too: a later one, or the original (same words) put back beside the copy.
    const words = files[0]!.head?.oid;
    const valid = evidence.filter((other, j) => other.voter === e.voter && !other.invalid && other.vote !== 'malformed' && (j > i || byOid.get(other.commit ?? '')?.files[0]?.head?.oid === words));
    if (valid.length) return;
    problems.push(codedProblem(files[0]!.path, 'change/ballot-rewritten', 'change/ballot-rewritten', { voter: e.voter, commit: short(info.oid), committer: visible(info.committer.name), author: visible(info.author.name), signer: by }));
  });
  return problems;
}

/**
 * Ballot files an accepted change would bring to main whose words are not their voter's own: the
 * final text at `governance/ballots/<change>/<handle>.yml` must be what a commit signed by
 * <handle> wrote there (DESIGN.md: nobody speaks in another member's name). Otherwise main would
 * hold words in a member's name that they never signed: an unsigned file pushed on a member's
 * branch over their ballot, or, in GitHub mode, where ballot files are not ballots, a file written
 * by someone else. Such a file does not count as a ballot anyway; it only blocks the merge until
 * it is deleted or the voter's own file is put back (a ballot-only commit, which makes no ballot
 * stale). `roster`: every entry of members.yml main will have, former members included.
 */
export function unsignedBallotFiles(commits: readonly ChangeCommit[], files: readonly FileChange[], roster: readonly Member[]): Problem[] {
  const problems: Problem[] = [];
  for (const f of files) {
    const target = fileKindOf(f.path);
    if (f.status === 'deleted' || target.kind !== 'ballot' || !f.head) continue;
    const signed = commits.some(({ info, files: touched, ballot }) => {
      if (!ballot || touched.length !== 1 || touched[0]!.path !== f.path || touched[0]!.head?.oid !== f.head!.oid) return false;
      const signer = commitSigner(info.payload, info.signature, roster);
      return signer.ok && signer.handle === target.handle;
    });
    if (!signed) {
      problems.push(codedProblem(f.path, 'ballot/not-voters-words', 'ballot/not-voters-words', { handle: target.handle, path: f.path }));
    }
  }
  return problems;
}
