/**
 * Forge ballots: pull-request reviews read as votes (DESIGN.md, Forge
 * ballots). APPROVED is yes, CHANGES_REQUESTED is no. A review counts only
 * when its author's numeric GitHub id is a member's `github.id` in the frozen
 * roster (logins can be renamed and reused, ids cannot) and when it was given
 * on the change's current head commit (a new commit makes earlier reviews
 * stale). Every review that is a ballot is returned, with the reason it
 * cannot count when it cannot; which of a member's ballots is the latest and
 * whether it came after the close is the tally's business.
 *
 * Comments (COMMENTED) and unsubmitted (PENDING) reviews are not ballots.
 * A DISMISSED review has lost its vote on GitHub's side (the API no longer
 * says what it was), so it is listed as not counting, with that reason.
 */
import { recordText, text, type BotText } from '../commons/texts/index.ts';
import type { BallotEvidence } from '../bot/source.ts';
import type { Vote } from '../commons/schema/ballot.ts';
import type { Member } from '../commons/schema/members.ts';
import type { ApiReview } from '../forge/api-types.ts';

const VOTES: Record<string, Vote> = { APPROVED: 'yes', CHANGES_REQUESTED: 'no' };

export interface ReviewBallotContext {
  /** The change's current head commit. */
  head: string;
  /** The frozen roster the change is judged by. */
  roster: readonly Member[];
}

/** Reviews → ballot evidence, in the order they were submitted. */
export function ballotsFromReviews(reviews: readonly ApiReview[], context: ReviewBallotContext): BallotEvidence[] {
  const byId = new Map<number, Member>();
  for (const member of context.roster) if (member.github) byId.set(member.github.id, member);
  const ballots: BallotEvidence[] = [];
  const time = (r: ApiReview) => Date.parse(r.submitted_at ?? '') || 0;
  const ordered = [...reviews].sort((a, b) => time(a) - time(b) || a.id - b.id);
  for (const review of ordered) {
    const ballot = ballotFromReview(review, byId, context.head);
    if (ballot) ballots.push(ballot);
  }
  return ballots;
}

function ballotFromReview(review: ApiReview, byId: ReadonlyMap<number, Member>, head: string): BallotEvidence | undefined {
  if (review.submitted_at === undefined || review.state === 'PENDING' || review.state === 'COMMENTED') return undefined;
  const vote = VOTES[review.state];
  const member = review.user ? byId.get(review.user.id) : undefined;
  const voter = member ? member.handle : review.user ? `github:${review.user.login} (id ${review.user.id})` : 'github:deleted account';
  const { comment, rule } = readBody(review.body ?? '');
  const evidence: BallotEvidence = {
    voter,
    // A dismissed review's vote is gone; 'abstain' is never counted because it is marked invalid below.
    vote: vote ?? 'abstain',
    castAt: review.submitted_at,
    ...(review.commit_id ? { commit: review.commit_id } : {}),
    ...(comment ? { comment } : {}),
    ...(rule ? { rule } : {}),
  };
  const invalid = whyNot(review, member, head, vote);
  if (invalid) {
    evidence.invalid = recordText(invalid);
    evidence.invalidCode = invalid;
  }
  return evidence;
}

function whyNot(review: ApiReview, member: Member | undefined, head: string, vote: Vote | undefined): BotText | undefined {
  if (!review.user) return text('review-deleted-account', {});
  if (!member) return text('review-not-member', { login: review.user.login, id: review.user.id });
  if (vote === undefined) return review.state === 'DISMISSED' ? text('review-dismissed', {}) : text('review-state', { state: review.state });
  if (review.commit_id !== head) return text('review-stale', { given: review.commit_id ? review.commit_id.slice(0, 12) : '', head: head.slice(0, 12) });
  return undefined;
}

/**
 * A review's text is the voter's own words. A line `rule: <slug>` cites the
 * rule an objection rests on (a `no` on a post that cites a rule escalates it
 * to a moderation vote).
 */
export function readBody(body: string): { comment?: string; rule?: string } {
  const line = /^[ \t]*rule:[ \t]*([a-z0-9]+(?:-[a-z0-9]+)*)[ \t]*$/m;
  const match = line.exec(body);
  const comment = (match ? body.replace(line, '') : body).trim().slice(0, 2000);
  return { ...(comment ? { comment } : {}), ...(match ? { rule: match[1]! } : {}) };
}
