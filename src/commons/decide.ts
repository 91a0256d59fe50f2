/**
 * The decision rule of each kind of change (DESIGN.md, Kinds of change and
 * Policy), as one pure function shared by `review`, `merge` and `audit`: given
 * the frozen policy and roster, the ballots and the clock, where does the
 * change stand? Nothing here reads git or the system clock.
 */
import { addDays, addHours } from './opening.ts';
import type { ChangeKind, DecisionBallot, DecisionRecord, Tally } from './schema/decision.ts';
import type { Policy, VoteRule, VotingKind } from './schema/policy.ts';
import { countBallots, countVotes, tallyOf, voteStatus, type CastBallot } from './tally.ts';
import { count } from './plural.ts';

export interface DecideInput {
  kind: Exclude<ChangeKind, 'platform'>;
  policy: Policy;
  /** Handles of the roster frozen at opening. */
  roster: ReadonlySet<string>;
  ballots: readonly CastBallot[];
  /** When the change was opened (first seen). */
  opened: string;
  /** Posts: when the bot first saw the current text; the objection window runs from here. */
  textSeen?: string;
  /** Posts: publication times of the author's posts (records), for maxPerAuthorPerWeek. */
  authorPublications?: readonly string[];
  now: Date;
}

export interface Decided {
  decision: 'accept' | 'reject' | 'pending';
  reasons: string[];
  ballots: DecisionBallot[];
  tally?: Tally;
  /** When the vote or window closes (or closed). */
  closes: string;
  /** The numbers applied, as the record states them. */
  rule: DecisionRecord['rule'];
}

const VOTING: Record<Exclude<ChangeKind, 'platform' | 'post'>, VotingKind> = { proposal: 'rules', policy: 'policy', membership: 'membership', moderation: 'moderation' };

/** The numbers of a vote rule in words. `favour` is the vote the threshold counts (no, for an objection). */
export function describeRule(rule: VoteRule, favour: 'yes' | 'no' = 'yes'): string {
  const t = 'moreThan' in rule.threshold ? `more than ${rule.threshold.moreThan}` : `at least ${rule.threshold.atLeast}`;
  return `quorum ${rule.quorum}, threshold ${t} of ${favour} among yes and no, ${rule.days} days${rule.closeEarly ? ', closes early once settled' : ''}`;
}

export function decide(input: DecideInput): Decided {
  return input.kind === 'post' ? decidePost(input) : decideVote(input, VOTING[input.kind]);
}

function decideVote(input: DecideInput, key: VotingKind): Decided {
  const rule = input.policy.voting[key];
  const closes = addDays(input.opened, rule.days);
  const counted = countBallots(input.ballots, input.roster, closes);
  const counts = countVotes(counted.votes.values());
  const eligible = input.roster.size;
  const tally = tallyOf(counts, eligible, rule);
  const status = voteStatus(counts, eligible, rule, closes, input.now);
  const numbers = `voting.${key}: ${describeRule(rule)}`;
  const line = `${counts.yes} yes, ${counts.no} no, ${counts.abstain} abstain of ${eligible} members: quorum ${tally.quorumMet ? 'met' : 'not met'} (${counts.yes + counts.no + counts.abstain}/${eligible} voted, needs ${rule.quorum}), threshold ${tally.thresholdMet ? 'met' : 'not met'}`;
  if (status.state === 'open') {
    return { decision: 'pending', reasons: [`the vote is open until ${closes} under ${numbers}`, `so far ${line}`], ballots: counted.ballots, tally, closes, rule };
  }
  const when = status.early ? `closed early at ${status.closedAt}: no ballot still to come could change the outcome` : `closed at ${closes}`;
  return {
    decision: status.passed ? 'accept' : 'reject',
    reasons: [`the vote ${when} under ${numbers}`, `${line}: ${status.passed ? 'accepted' : 'rejected'}`],
    ballots: counted.ballots,
    tally,
    closes: status.early ? status.closedAt : closes,
    rule,
  };
}

/**
 * Posts: lazy consensus. Published once `objectionHours` have passed since the
 * bot first saw the current text, unless a member objects (a `no` ballot that
 * cites a rule); an objection turns it into a vote under `voting.moderation`
 * on stopping the post, opened when the first objection was cast. Stopping a
 * post needs that vote to pass: a missed quorum publishes it (principle 2).
 */
function decidePost(input: DecideInput): Decided {
  const posts = input.policy.posts;
  const start = input.textSeen ?? input.opened;
  // Only objections cast within the window count: after it, the post is due.
  const preliminary = countBallots(input.ballots, input.roster, addHours(start, posts.objectionHours));
  const objections = [...preliminary.votes.values()].filter((b) => b.vote === 'no' && b.rule !== undefined);
  if (objections.length === 0) {
    const closes = addHours(start, posts.objectionHours);
    const rule = { objectionHours: posts.objectionHours, maxPerAuthorPerWeek: posts.maxPerAuthorPerWeek };
    if (input.now.getTime() < Date.parse(closes)) {
      return { decision: 'pending', reasons: [`no objection so far; the post is published at ${closes}, ${count(posts.objectionHours, 'hour')} after the bot first saw this text (posts.objectionHours), unless a member objects`], ballots: preliminary.ballots, closes, rule };
    }
    return withWeeklyLimit(input, { decision: 'accept', reasons: [`no member objected within posts.objectionHours (${posts.objectionHours} hours, until ${closes}): published by lazy consensus`], ballots: preliminary.ballots, closes, rule });
  }
  const rule = input.policy.voting.moderation;
  const first = objections.map((b) => b.castAt).sort()[0]!;
  const closes = addDays(first, rule.days);
  const counted = countBallots(input.ballots, input.roster, closes);
  const counts = countVotes(counted.votes.values());
  const eligible = input.roster.size;
  const tally = tallyOf(counts, eligible, rule, 'no');
  const status = voteStatus(counts, eligible, rule, closes, input.now, 'no');
  const cited = [...new Set(objections.map((o) => `${o.voter} cites rule "${o.rule}"`))].join('; ');
  const numbers = `voting.moderation: ${describeRule(rule, 'no')} (the motion is to stop the post)`;
  const line = `${counts.no} no, ${counts.yes} yes, ${counts.abstain} abstain of ${eligible} members: quorum ${tally.quorumMet ? 'met' : 'not met'}, threshold ${tally.thresholdMet ? 'met' : 'not met'}`;
  if (status.state === 'open') {
    return { decision: 'pending', reasons: [`objection (${cited}): the post goes to a vote open until ${closes} under ${numbers}`, `so far ${line}`], ballots: counted.ballots, tally, closes, rule };
  }
  // As for any vote: it closed at its deadline, or earlier when settled (closeEarly).
  const closed = status.early ? status.closedAt : closes;
  const when = status.early ? `closed early at ${closed}: no ballot still to come could change the outcome` : `closed at ${closed}`;
  if (status.passed) {
    return { decision: 'reject', reasons: [`objection (${cited}) upheld: the vote ${when} under ${numbers}`, `${line}: the post is not published`], ballots: counted.ballots, tally, closes: closed, rule };
  }
  return withWeeklyLimit(input, {
    decision: 'accept',
    reasons: [`objection (${cited}) not upheld: the vote ${when} under ${numbers}`, `${line}: stopping a post needs the vote to pass, so it is published`],
    ballots: counted.ballots,
    tally,
    closes: closed,
    rule,
  });
}

/** posts.maxPerAuthorPerWeek, counted on publication times (records), never on claimed dates. */
function withWeeklyLimit(input: DecideInput, accepted: Decided): Decided {
  const max = input.policy.posts.maxPerAuthorPerWeek;
  const weekAgo = input.now.getTime() - 7 * 86_400_000;
  const recent = (input.authorPublications ?? []).filter((t) => Date.parse(t) > weekAgo).sort();
  if (recent.length < max) return accepted;
  const next = addDays(recent[recent.length - max]!, 7);
  return { ...accepted, decision: 'pending', reasons: [...accepted.reasons, `but the author published ${count(recent.length, 'post')} in the last 7 days (posts.maxPerAuthorPerWeek: ${max}); it can be published after ${next}`], closes: next };
}
