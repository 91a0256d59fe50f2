/**
 * Git-native ballots (DESIGN.md, Opening, ballots and time): a ballot is a
 * commit that adds or replaces exactly one file,
 * `governance/ballots/<change>/<handle>.yml`, signed with a key the frozen
 * roster lists for <handle>. Every other commit of the change is content: it
 * must be signed by the submitter, and it makes the ballots before it stale,
 * because a ballot binds to the text it was cast on.
 */
import { fileKindOf } from '../commons/layout.ts';
import { visible } from '../commons/problem.ts';
import { ballotSchema } from '../commons/schema/ballot.ts';
import { checkSchema } from '../commons/schema-problems.ts';
import type { Member } from '../commons/schema/members.ts';
import { parseYaml } from '../commons/yaml-document.ts';
import type { BallotEvidence, Submitter } from '../bot/source.ts';
import { diffTrees, type FileChange } from '../repo/diff.ts';
import type { CommitInfo } from '../repo/history.ts';
import type { Repository } from '../repo/repository.ts';
import { blobSize } from '../repo/objects.ts';
import { readBlobBytes, treeOf } from '../repo/tree.ts';
import { commitSigner } from './signed.ts';

/** One commit of a change with the files it changes against its first parent. */
export interface ChangeCommit {
  info: CommitInfo;
  files: FileChange[];
  /** True when every file it touches is a ballot file. */
  ballot: boolean;
}

/** Read the files each commit of a change touches (commits parents first). */
export async function changeCommits(repo: Repository, commits: readonly CommitInfo[]): Promise<ChangeCommit[]> {
  return Promise.all(
    commits.map(async (info) => {
      const parentTree = info.parents[0] ? await treeOf(repo, info.parents[0]) : undefined;
      const files = info.parents.length > 1 ? [] : await diffTrees(repo, parentTree, info.tree);
      const ballot = files.length > 0 && files.every((f) => fileKindOf(f.path).kind === 'ballot');
      return { info, files, ballot };
    }),
  );
}

const short = (oid: string) => oid.slice(0, 10);

/** Every ballot commit of the change, as evidence with the reason it cannot count, if any. */
export async function ballotEvidence(repo: Repository, commits: readonly ChangeCommit[], change: string, roster: readonly Member[], firstSeen: Readonly<Record<string, string>>, now: Date): Promise<BallotEvidence[]> {
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
    const entry: BallotEvidence = { ...base, vote: parsed.ok ? parsed.value.vote : 'malformed' };
    if (parsed.ok && parsed.value.reason !== undefined) entry.comment = parsed.value.reason;
    if (parsed.ok && parsed.value.rule !== undefined) entry.rule = parsed.value.rule;
    const invalid = (() => {
      if (files.length > 1) return `commit ${short(info.oid)} touches ${files.length} files; a ballot commit touches only its voter's own file`;
      if (target.kind !== 'ballot' || target.change !== change) return `cast on "${target.kind === 'ballot' ? target.change : '?'}", not on this change`;
      if (!members.has(target.handle)) return `not a member: "${target.handle}" is not in the roster frozen when the change was opened`;
      const signer = commitSigner(info.payload, info.signature, roster);
      if (!signer.ok) return signer.reason;
      if (signer.handle !== target.handle) return `someone else's file: signed by ${signer.handle}, in ${target.handle}'s ballot file`;
      if (!parsed.ok) return `malformed ballot: ${parsed.error}`;
      const later = commits.slice(i + 1).find((c) => !c.ballot && c.info.parents.length > 0 && descends(commits, c.info.oid, info.oid));
      if (later) return `stale: commit ${short(later.info.oid)} changed the text after this ballot was cast; vote again on the new text`;
      return undefined;
    })();
    if (invalid) entry.invalid = invalid;
    evidence.push(entry);
  }
  return evidence;
}

/** True when `ancestor` is reachable from `oid` inside the change's commits. */
function descends(commits: readonly ChangeCommit[], oid: string, ancestor: string): boolean {
  const byOid = new Map(commits.map((c) => [c.info.oid, c]));
  const stack = [oid];
  const seen = new Set<string>();
  while (stack.length) {
    const current = stack.pop()!;
    if (current === ancestor) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...(byOid.get(current)?.info.parents ?? []));
  }
  return false;
}

/**
 * Read a ballot file. A fault is told like a compiler does, each as
 * `path:line:col: what (received …)` with what is expected, within the
 * 300 characters a record's reason holds.
 */
async function readBallot(repo: Repository, file: FileChange): Promise<{ ok: true; value: { vote: 'yes' | 'no' | 'abstain'; reason?: string; rule?: string } } | { ok: false; error: string }> {
  if (!file.head || file.head.mode !== '100644') return { ok: false, error: `${file.path}: not a regular file; expected a YAML file like "vote: yes"` };
  // The size comes from the git header: a huge ballot is refused without being read.
  const size = await blobSize(repo, file.head.oid, file.path);
  if (size > 10_000) return { ok: false, error: `${file.path}: ${size} bytes; a ballot is at most 10000` };
  const bytes = await readBlobBytes(repo, file.head.oid, file.path);
  const yaml = parseYaml(new TextDecoder().decode(bytes), { path: file.path });
  const checked = yaml.problems.length ? { ok: false as const, problems: yaml.problems } : checkSchema(ballotSchema, yaml.data, { path: file.path, kind: 'ballot', positionOf: yaml.positionOf });
  if (!checked.ok) {
    const error = checked.problems.map((p) => visible(`${p.path}:${p.line}:${p.column}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`)).join('; ');
    return { ok: false, error: error.length > 260 ? `${error.slice(0, 259)}…` : error };
  }
  return { ok: true, value: checked.value };
}

/**
 * The member who submitted the change: every content commit (any commit that
 * is not a ballot) must be signed by a key of the same member.
 */
export function contentSubmitter(commits: readonly ChangeCommit[], roster: readonly Member[]): Submitter {
  const content = commits.filter((c) => !c.ballot);
  if (content.length === 0) return { reason: 'the change has no content commit' };
  let handle: string | undefined;
  for (const { info } of content) {
    const signer = commitSigner(info.payload, info.signature, roster);
    if (!signer.ok) return { reason: `commit ${short(info.oid)}: ${signer.reason}` };
    if (handle !== undefined && signer.handle !== handle) return { reason: `commit ${short(info.oid)} is signed by ${signer.handle}, earlier commits by ${handle}: a change has one submitter` };
    handle = signer.handle;
  }
  return { handle: handle! };
}
