/**
 * `noclout merge`: judge each change and act on the final ones. An accepted
 * change is merged (fast-forward onto its head when it is based on main, else
 * a merge commit built from trees) and its record is committed on top; a
 * rejected one gets its record alone on main. main then moves by
 * compare-and-swap from the base that was judged: if another run moved it in
 * between, the change is judged again on the new main. Objects are written
 * before the ref moves, so a crash leaves main as it was or fully advanced.
 */
import { recordPath, renderRecord, type UnsealedRecord } from '../commons/decision-record.ts';
import type { MergeResult } from '../commons/judgement.ts';
import type { Problem } from '../commons/problem.ts';
import { codedProblem } from '../commons/texts/problems.ts';
import { mergeFailureText, type MergeFailureCode, type MergeFailureParams } from '../commons/texts/merge-failures.ts';
import { recordText, text as botText, type BotText } from '../commons/texts/index.ts';
import type { ConflictFault } from '../commons/texts/problems-en.ts';
import { mergeRoster } from '../commons/roster-merge.ts';
import { writeBotCommit } from '../repo/commit.ts';
import { mergeTrees, putFiles, type MergeFault } from '../repo/merge.ts';
import { moveBranch } from '../repo/checkout.ts';
import { waitForLock } from '../repo/ref.ts';
import { resolveCommit } from '../repo/repository.ts';
import { treeOf } from '../repo/tree.ts';
import { judge, type JudgeOptions, type Verdict } from './judge.ts';
import { recordFileProblems } from './record-of.ts';
import { problemsAddedToMain } from './main-check.ts';
import { listRecords, nextNumber } from './records.ts';
import type { ChangeHead } from './source.ts';
import { isUnreadable, unreadableJudgement } from './unreadable.ts';

export interface MergeOptions extends JudgeOptions {
  /** The branch changes are merged into. */
  baseBranch: string;
  dryRun: boolean;
}

/** The change's name (slug) of each result, when it has one, for the human output. */
export const changeNames = new WeakMap<MergeResult, string>();

/** Judge and merge each change in turn; with no heads, every open change of the source. */
export async function mergeChanges(options: MergeOptions, heads: readonly string[]): Promise<MergeResult[]> {
  const ref = `refs/heads/${options.baseBranch}`;
  const changes: ChangeHead[] = heads.length ? await Promise.all(heads.map((h) => options.source.resolve(h))) : await options.source.list(await resolveCommit(options.repo, ref));
  const results: MergeResult[] = [];
  for (const change of changes) {
    const { result, alreadyDecided } = await mergeOne({ ...options, record: !options.dryRun }, ref, change).catch(async (error: unknown) => {
      // A change whose objects are missing or refused (a tree git fsck rejects, a file too large to read) is
      // reported on its own and the rest of the queue goes on; any other error is a bug and stops the run.
      if (!isUnreadable(error)) throw error;
      return { result: { ...unreadableJudgement(change, await resolveCommit(options.repo, ref), error), merged: false }, alreadyDecided: false };
    });
    // A branch left behind after its decision (a rejected change) is no longer open: only a named head reports it again.
    if (!alreadyDecided || heads.length) results.push(result);
  }
  return results;
}

async function mergeOne(options: MergeOptions, ref: string, change: ChangeHead): Promise<{ result: MergeResult; alreadyDecided: boolean }> {
  const out = await mergeAttempts(options, ref, change);
  if (out.id) changeNames.set(out.result, out.id);
  return out;
}

async function mergeAttempts(options: MergeOptions, ref: string, change: ChangeHead): Promise<{ result: MergeResult; alreadyDecided: boolean; id?: string }> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const base = await resolveCommit(options.repo, ref);
    const verdict = await judge(options, change, base);
    const id = verdict.classification?.id;
    const j = verdict.judgement;
    const named = id ? { id } : {};
    if (verdict.decided || !verdict.record || options.dryRun) return { result: { ...j, merged: false }, alreadyDecided: verdict.decided !== undefined, ...named };
    const built = await build(options, verdict, verdict.record);
    if (!built.ok) return { result: { ...j, decision: 'invalid', reasons: [recordText(built.reason)], reasonCodes: [built.reason], problems: built.problems, merged: false }, alreadyDecided: false, ...named };
    // A checked-out base has its files updated too, or is refused before it moves (src/repo/checkout.ts).
    const moved = await waitForLock(() => moveBranch(options.repo, ref, base, built.commit));
    if (moved.ok) return { result: { ...j, merged: verdict.record.outcome === 'accepted', record: built.path }, alreadyDecided: false, ...named };
    if (moved.reason === 'checkout') throw new MergeError(moved.code, moved.params);
    if (moved.reason === 'locked') throw new MergeError('merge/locked', { ref, gitdir: options.repo.gitdir });
    // main moved since we judged: judge again on the new main.
  }
  throw new MergeError('merge/contention', { ref, head: change.head });
}

/**
 * A merge that could not move the base: nothing was changed. Its message is the English of its
 * code and `params` (src/commons/texts/merge-failures.ts): mergeFailureIn says it in another language.
 */
export class MergeError extends Error {
  readonly code: MergeFailureCode;
  readonly params: MergeFailureParams;
  constructor(code: MergeFailureCode, params: MergeFailureParams) {
    super(mergeFailureText(code, params));
    this.code = code;
    this.params = params;
  }
}

const ROSTER = 'governance/members.yml';

/** What was written, or why nothing was: a reason coded like the judgement's (texts/codes.ts). */
type Built = { ok: true; commit: string; path: string } | { ok: false; reason: BotText; problems: MergeResult['problems'] };

async function build(options: MergeOptions, verdict: Verdict, unsealed: UnsealedRecord): Promise<Built> {
  const { repo } = options;
  const j = verdict.judgement;
  const baseTree = await treeOf(repo, j.base);
  const year = String(verdict.clock.getUTCFullYear());
  const path = recordPath(year, nextNumber(await listRecords(repo, baseTree), year), unsealed.change);
  const record: UnsealedRecord = { ...unsealed };
  let parent = j.base;
  let tree = baseTree;
  if (record.outcome === 'accepted') {
    if (verdict.mergeBase === j.base) {
      parent = j.commit; // fast-forward: main moves onto the head itself
      tree = await treeOf(repo, j.commit);
    } else {
      // members.yml alone is merged when both sides only appended entries: two newcomers can join at once (src/commons/roster-merge.ts).
      const textMerges = new Map([[ROSTER, (b: string, o: string, t: string) => mergeRoster(b, o, t, { ours: options.baseBranch, theirs: 'this change' })]]);
      const merged = await mergeTrees(repo, verdict.mergeBase ? await treeOf(repo, verdict.mergeBase) : undefined, baseTree, await treeOf(repo, j.commit), { textMerges });
      if (!merged.ok) {
        return {
          ok: false,
          reason: botText('merge-conflict', { base: options.baseBranch, files: merged.conflicts.length }),
          problems: merged.conflicts.map((path) => conflictProblem(path, options.baseBranch, merged.faults?.[path])),
        };
      }
      parent = await writeBotCommit(repo, { tree: merged.tree, parents: [j.base, j.commit], message: `Merge ${j.head}: ${record.title}`, now: verdict.clock });
      tree = merged.tree;
    }
    record.merge = parent;
  }
  const text = renderRecord(record);
  // The final guard: never write a record that `noclout check` (or audit's structure check) would refuse.
  const refused = recordFileProblems(path, text, record);
  if (refused.length) return { ok: false, reason: botText('record-would-fail', { change: record.change }), problems: refused };
  const withRecord = await putFiles(repo, tree, [{ path, text }]);
  const verb = record.outcome === 'accepted' ? (record.kind === 'post' ? 'published' : 'accepted') : 'rejected';
  const commit = await writeBotCommit(repo, { tree: withRecord, parents: [parent], message: `Decision ${path.slice('governance/decisions/'.length, -3)}: ${record.change} ${verb}\n\n${record.reasons.join('\n')}`, now: verdict.clock });
  // main always passes `noclout check`: a change that would break it is invalid, and nothing is recorded.
  const broken = await problemsAddedToMain(repo, j.base, commit);
  if (broken.length) {
    return {
      ok: false,
      reason: botText('main-would-fail', { accepted: record.outcome === 'accepted', base: options.baseBranch, problems: broken.length }),
      problems: broken,
    };
  }
  return { ok: true, commit, path };
}

/** A file changed on both sides, with why a text merge refused it when one was tried, in the catalogue's words. */
function conflictProblem(path: string, base: string, why: MergeFault | undefined): Problem {
  return codedProblem(path, 'merge/conflict', 'merge/conflict', { path, base, fault: (why?.fault ?? '') as ConflictFault, side: why?.side ?? '', line: why?.line ?? '' });
}
