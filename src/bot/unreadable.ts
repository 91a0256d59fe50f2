/**
 * One change whose git objects cannot all be read is judged `invalid` on its
 * own; review and merge go on with the other changes. Nothing is recorded for
 * it: a decision needs the evidence. Its kind cannot be known either, so it is
 * reported as the strictest, `platform`. Two causes:
 *
 * - an object is missing (pruned by gc, a shallow clone, history never
 *   fetched): a `change/missing-object` problem names the object, where it was
 *   needed, why it can be missing and how to fetch it;
 * - an object is refused (src/repo/bad-object.ts): a tree `git fsck` rejects
 *   (`tree/duplicate-entry`, `tree/unsorted`, `tree/bad-name`, …), a file
 *   larger than the bot reads (`file/too-large`), a damaged object: one problem
 *   per fault, at the path of the entry, with what was found and expected.
 */
import type { Judgement } from '../commons/judgement.ts';
import type { Problem } from '../commons/problem.ts';
import { recordText, text, type BotText } from '../commons/texts/index.ts';
import { codedProblem, type ProblemCode, type ProblemParams } from '../commons/texts/problems.ts';
import { BadObjectError, type FaultCode } from '../repo/bad-object.ts';
import { MissingObjectError } from '../repo/missing.ts';
import { judge, type JudgeOptions, type Verdict } from './judge.ts';
import type { ChangeHead } from './source.ts';

/** The errors that concern one change's objects, not the bot: the others are bugs and must stop the run. */
export type UnreadableError = MissingObjectError | BadObjectError;

export function isUnreadable(error: unknown): error is UnreadableError {
  return error instanceof MissingObjectError || error instanceof BadObjectError;
}

/** judge(), with a missing or refused object turned into an `invalid` judgement of this change alone. */
export async function judgeReadable(options: JudgeOptions, change: ChangeHead, base: string): Promise<Verdict> {
  try {
    return await judge(options, change, base);
  } catch (error) {
    if (!isUnreadable(error)) throw error;
    return { judgement: unreadableJudgement(change, base, error), clock: options.now };
  }
}

/** The judgement of a change that cannot be read, its reason coded (texts/codes.ts) like every other. */
export function unreadableJudgement(change: ChangeHead, base: string, error: UnreadableError): Judgement {
  const missing = error instanceof MissingObjectError;
  const reason = missing ? text('unreadable-missing', { head: change.head, kind: error.kind, oid: error.oid.slice(0, 10) }) : refusedReason(change.head, error);
  return {
    head: change.head,
    commit: change.commit,
    base,
    // Its files cannot all be read, so its kind is unknown: taken as the strictest, which the bot never merges.
    kind: 'platform',
    decision: 'invalid',
    reasons: [recordText(reason)],
    reasonCodes: [reason],
    problems: missing ? [missingObjectProblem(error, change.head)] : badObjectProblems(error, change.head),
    ballots: [],
  };
}

/** The missing object, where it was needed, why it can be missing and how to fetch it, in the catalogue's words. */
export function missingObjectProblem(error: MissingObjectError, fallbackPath: string): Problem {
  return codedProblem(error.path || fallbackPath, 'change/missing-object', 'change/missing-object', error.params);
}

function refusedReason(head: string, error: BadObjectError): BotText {
  const refused = error.faults.every((f) => f.rule.endsWith('/too-large')) ? 'too-large' : error.faults.every((f) => f.rule.startsWith('tree/')) ? 'tree' : ('object' as const);
  return text('unreadable-refused', { head, refused, kind: error.kind, oid: error.oid.slice(0, 10), path: error.path ?? '' });
}

/** Every fault code is a code of the problem catalogue: a fault the catalogue cannot say fails to compile here. */
const FAULT_CODES_ARE_PROBLEM_CODES: FaultCode extends ProblemCode ? true : never = true;
void FAULT_CODES_ARE_PROBLEM_CODES;

/**
 * One problem per fault, at the entry's path: what was found, what is expected, git fsck's name
 * for it, and what the contributor can do, in the catalogue's words (src/commons/texts/problems-en.ts).
 */
export function badObjectProblems(error: BadObjectError, fallbackPath: string): Problem[] {
  return error.faults.map((fault) => {
    const params = { ...fault.params, fsck: fault.fsck ?? '' } as ProblemParams<typeof fault.code>;
    return codedProblem(error.pathOf(fault) || fallbackPath, fault.rule, fault.code, params);
  });
}
