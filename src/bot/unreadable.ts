/**
 * One change whose git objects cannot all be read (pruned by gc, a shallow
 * clone, history never fetched) is judged `invalid` with a
 * `change/missing-object` problem naming the object, where it was needed, why
 * it can be missing and how to fetch it; review and merge go on with the
 * other changes. Nothing is recorded for it: a decision needs the evidence.
 * Its kind cannot be known either, so it is reported as the strictest,
 * `platform`.
 */
import type { Judgement } from '../commons/judgement.ts';
import { problem, type Problem } from '../commons/problem.ts';
import { MissingObjectError } from '../repo/missing.ts';
import { judge, type JudgeOptions, type Verdict } from './judge.ts';
import type { ChangeHead } from './source.ts';

/** judge(), with a missing object turned into an `invalid` judgement of this change alone. */
export async function judgeReadable(options: JudgeOptions, change: ChangeHead, base: string): Promise<Verdict> {
  try {
    return await judge(options, change, base);
  } catch (error) {
    if (!(error instanceof MissingObjectError)) throw error;
    return { judgement: unreadableJudgement(change, base, error), clock: options.now };
  }
}

/** The judgement of a change that cannot be read. */
export function unreadableJudgement(change: ChangeHead, base: string, error: MissingObjectError): Judgement {
  return {
    head: change.head,
    commit: change.commit,
    base,
    // Its files cannot all be read, so its kind is unknown: taken as the strictest, which the bot never merges.
    kind: 'platform',
    decision: 'invalid',
    reasons: [`${change.head} cannot be judged: a git object it needs is missing (${error.kind} ${error.oid.slice(0, 10)}); nothing is recorded until it can be read`],
    problems: [missingObjectProblem(error, change.head)],
    ballots: [],
  };
}

export function missingObjectProblem(error: MissingObjectError, fallbackPath: string): Problem {
  return problem(error.path || fallbackPath, 'change/missing-object', `${error.message}: ${error.why}`, { hint: error.fix });
}
