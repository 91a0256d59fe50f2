/**
 * Ballots the bot has seen stay on the change (DESIGN.md, principle 4 and
 * "Opening, ballots and time"): a vote is evidence, and nobody but its voter
 * takes it back. A force-push or a rebase that leaves a seen ballot commit out
 * of the head would otherwise drop that member's vote without a trace, so the
 * ledger keeps every valid ballot commit it has seen (commit → voter, in the
 * order seen) and the change is `invalid` while one of them is missing and its
 * voter has cast no later ballot. The ledger entry outlives `git gc`: the
 * commit may be pruned, the fact that it carried a ballot is not.
 */
import type { Problem } from '../commons/problem.ts';
import { codedProblem } from '../commons/texts/problems.ts';
import type { Opening } from '../commons/opening.ts';
import type { Member } from '../commons/schema/members.ts';
import type { BallotEvidence } from '../bot/source.ts';
import { isAncestor, readCommitInfo } from '../repo/history.ts';
import type { Repository } from '../repo/repository.ts';
import { ballotEvidence, changeCommits } from './commit-ballots.ts';

const short = (oid: string) => oid.slice(0, 10);

/** The ballot commits that are valid evidence (signed by their voter, readable, on this change): commit → voter, in order. */
export function validBallotCommits(evidence: readonly BallotEvidence[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of evidence) if (e.commit && !e.invalid && e.vote !== 'malformed') out[e.commit] = e.voter;
  return out;
}

/**
 * For a ledger entry written before ballots were kept: the commits it saw that
 * are no longer on the change and, read again while they still exist, are
 * valid ballots. Returned with the head's ballots, ordered by first sight
 * (an earlier ballot of a member before a later one), ready to be recorded.
 */
export async function withLegacyBallots(repo: Repository, known: Opening, inHead: ReadonlySet<string>, head: Record<string, string>, id: string, roster: readonly Member[], now: Date): Promise<Record<string, string>> {
  if (known.ballots) return head;
  const found: Record<string, string> = { ...head };
  for (const oid of Object.keys(known.seen)) {
    if (inHead.has(oid)) continue;
    try {
      const commits = await changeCommits(repo, [await readCommitInfo(repo, oid)]);
      const valid = validBallotCommits(await ballotEvidence(repo, commits, id, roster, known.seen, now));
      Object.assign(found, valid);
    } catch {
      // Pruned or unreadable: nothing more can be learned about it.
    }
  }
  const entries = Object.entries(found);
  const seenAt = (oid: string) => Date.parse(known.seen[oid] ?? now.toISOString());
  entries.sort((a, b) => seenAt(a[0]) - seenAt(b[0]));
  // Seen at the same time (pushed together): parents before children.
  for (let i = 1; i < entries.length; i++) {
    for (let j = i; j > 0 && seenAt(entries[j - 1]![0]) === seenAt(entries[j]![0]) && (await isAncestor(repo, entries[j]![0], entries[j - 1]![0]).catch(() => false)); j--) {
      [entries[j - 1], entries[j]] = [entries[j]!, entries[j - 1]!];
    }
  }
  return Object.fromEntries(entries);
}

export interface KeptBallots {
  /** The ledger entry as updated by this look (its `ballots` include the head's). */
  opening: Opening;
  /** Commits first seen before this look. */
  seenBefore: Readonly<Record<string, string>>;
  /** The valid ballot commits of the head: commit → voter. */
  head: Readonly<Record<string, string>>;
  /** Every commit of the change (base..head). */
  inHead: ReadonlySet<string>;
  id: string;
  headCommit: string;
  /** The judgement's clock: ballots first seen after it are not part of what is judged (audit replays). */
  clock: Date;
}

/**
 * A problem for each ballot the ledger kept that the head no longer carries,
 * unless its voter cast a later valid ballot that is on the head (a member may
 * replace their own vote; nobody else may drop it).
 */
export async function droppedBallots(repo: Repository, kept: KeptBallots): Promise<Problem[]> {
  const { opening } = kept;
  const order = Object.keys(opening.ballots ?? {});
  const dropped: [string, string][] = [];
  for (const [oid, voter] of Object.entries(opening.ballots ?? {})) {
    if (kept.inHead.has(oid)) continue;
    const seen = opening.seen[oid];
    if (seen !== undefined && Date.parse(seen) > kept.clock.getTime()) continue;
    if (await isAncestor(repo, oid, kept.headCommit).catch(() => false)) continue;
    const replaced = Object.entries(kept.head).some(([r, v]) => v === voter && r !== oid && (!(r in kept.seenBefore) || order.indexOf(r) > order.indexOf(oid)));
    if (!replaced) dropped.push([oid, voter]);
  }
  // One reset to the last dropped ballot puts back every one it descends from.
  const last = dropped.at(-1)?.[0];
  const problems: Problem[] = [];
  for (const [oid, voter] of dropped) {
    const present = await readCommitInfo(repo, oid).then(() => true, () => false);
    const target = last !== undefined && last !== oid && (await isAncestor(repo, oid, last).catch(() => false)) ? last : oid;
    problems.push(codedProblem(`governance/ballots/${kept.id}/${voter}.yml`, 'change/ballot-dropped', 'change/ballot-dropped', { voter, commit: short(oid), seen: opening.seen[oid] ?? '', target, present: present ? 'yes' : '' }));
  }
  return problems;
}
