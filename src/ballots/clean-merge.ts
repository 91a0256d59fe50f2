/**
 * Clean merges: how ballots cast at the same time travel (docs/voting.md).
 * Two members who vote from two clones each add a signed ballot commit on top
 * of the same head; the second push is refused, and joining the two with a
 * merge keeps both commits, and both signatures, as they were (a rebase would
 * rewrite, and unsign, the second). Nobody signs such a merge, so the bot
 * accepts it unsigned only when it can check that the merge says nothing of
 * its own: every path of its tree is the version of a parent, and for every
 * path that a parent changed since the merge base the merge takes that change
 * (a path changed differently on two sides is a conflict someone resolved by
 * hand, which is content, and needs the submitter's signature). What a clean
 * merge holds is then exactly what its parents' signed commits hold: it
 * cannot add words, put back a text the submitter replaced, or drop a ballot
 * file.
 */
import type { UncleanMerge } from '../commons/texts/problems-en.ts';
import { diffTrees, type FileChange } from '../repo/diff.ts';
import { mergeBaseOf, type CommitInfo } from '../repo/history.ts';
import type { Repository } from '../repo/repository.ts';
import { treeOf } from '../repo/tree.ts';

/** A merge checked: clean, or the first path that shows it is not, and why (`fault` names it for the problem catalogue). */
export type MergeCheck = { clean: true } | { clean: false; path: string; why: string; fault: UncleanMerge };

const NONE = 'none';
const versionOf = (change: FileChange | undefined): string | undefined => (change === undefined ? undefined : change.head ? `${change.head.mode} ${change.head.oid}` : NONE);

/**
 * Whether a merge commit (two parents or more) is clean. The merge base is
 * the best common ancestor of the first two parents, then of that and each
 * further parent; when the parents share no history the base is empty.
 * A base older than the best one only makes the check stricter.
 */
export async function checkMerge(repo: Repository, info: CommitInfo): Promise<MergeCheck> {
  const [first, ...others] = info.parents;
  if (first === undefined || others.length === 0) return { clean: false, path: '', why: 'it is not a merge', fault: 'not-merge' };
  let base: string | undefined = first;
  for (const parent of others) base = base === undefined ? undefined : await mergeBaseOf(repo, base, parent);
  const baseTree = base === undefined ? undefined : await treeOf(repo, base);
  const sides = await Promise.all(info.parents.map(async (p) => new Map((await diffTrees(repo, baseTree, await treeOf(repo, p))).map((c) => [c.path, c]))));
  const merged = new Map((await diffTrees(repo, baseTree, info.tree)).map((c) => [c.path, c]));
  const paths = [...new Set([...merged.keys(), ...sides.flatMap((s) => [...s.keys()])])].sort();
  for (const path of paths) {
    const changes = new Set(sides.map((s) => versionOf(s.get(path))).filter((v): v is string => v !== undefined));
    const result = versionOf(merged.get(path));
    if (changes.size > 1) return { clean: false, path, why: `${path} was changed differently on two sides, and the merge chose a version by hand`, fault: 'both-changed' };
    const [change] = changes;
    if (change === result) continue;
    if (change === undefined) return result === NONE ? { clean: false, path, why: `it deletes ${path}, which no side deleted`, fault: 'deletes' } : { clean: false, path, why: `it writes a version of ${path} that no side wrote`, fault: 'new-version' };
    if (result === undefined) return { clean: false, path, why: `it undoes a side's change to ${path}`, fault: 'undoes' };
    return { clean: false, path, why: `it writes a version of ${path} that no side wrote`, fault: 'new-version' };
  }
  return { clean: true };
}
