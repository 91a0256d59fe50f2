/**
 * The decision rule of each kind of change (DESIGN.md, Kinds of change and
 * Policy), as one pure function shared by `review`, `merge` and `audit`: given
 * the frozen policy and roster, the ballots and the clock, where does the
 * change stand? Nothing here reads git or the system clock.
 */
import { addDays, addHours } from './opening.ts';
import { closeRound, roundTimeMs } from './sealed-text.ts';
import type { ChangeKind, DecisionBallot, DecisionRecord, Tally } from './schema/decision.ts';
import type { Policy, VoteRule, VotingKind } from './schema/policy.ts';
import { countBallots, countVotes, tallyOf, voteStatus, type CastBallot } from './tally.ts';
import { recordText, text, type BotText } from './texts/index.ts';

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
  /**
   * A sealed vote (docs/voting.md, Sealed ballots): its round, and at or after the close either the
   * round's signature (`opened`: the ballots were opened with it) or why it is not available yet.
   */
  sealed?: { round: number } & ({ state: 'sealed' } | { state: 'waiting'; why: string } | { state: 'opened'; signature: string });
}

export interface Decided {
  decision: 'accept' | 'reject' | 'pending';
  /** The reasons in English, each `recordText` of its code in `reasonCodes`. */
  reasons: string[];
  /** The reasons as codes (texts/codes.ts), for readers in other languages. */
  reasonCodes: BotText[];
  ballots: DecisionBallot[];
  tally?: Tally;
  /** When the vote or window closes (or closed). */
  closes: string;
  /** The numbers applied, as the record states them. */
  rule: DecisionRecord['rule'];
  /** Posts: where the objection window began (the record's `textSeen`). */
  textSeen?: string;
  /** A sealed vote decided: the round and the signature that opened its ballots. */
  sealed?: { round: number; signature: string };
}

const VOTING: Record<Exclude<ChangeKind, 'platform' | 'post'>, VotingKind> = { proposal: 'rules', policy: 'policy', membership: 'membership', moderation: 'moderation' };

/** A vote rule's numbers as the parameters of a text (`voting.<key>: quorum …`). `favour` is the vote the threshold counts (no, for an objection). */
function ruleParams(key: VotingKind, rule: VoteRule, favour: 'yes' | 'no' = 'yes') {
  const [thresholdOp, threshold] = 'moreThan' in rule.threshold ? (['moreThan', rule.threshold.moreThan] as const) : (['atLeast', rule.threshold.atLeast] as const);
  return { key, quorum: rule.quorum, thresholdOp, threshold, favour, days: rule.days, closeEarly: rule.closeEarly === true };
}

/** A decision's reasons: the codes, and the English the record stores, made from them. */
function said(...codes: BotText[]): Pick<Decided, 'reasons' | 'reasonCodes'> {
  return { reasons: codes.map(recordText), reasonCodes: codes };
}

export function decide(input: DecideInput): Decided {
  return input.kind === 'post' ? decidePost(input) : decideVote(input, VOTING[input.kind]);
}

function decideVote(input: DecideInput, key: VotingKind): Decided {
  const rule = input.policy.voting[key];
  const closes = addDays(input.opened, rule.days);
  // Fails closed: a vote the policy seals shows no tally until its ballots are opened, whoever asks.
  const sealed = input.sealed ?? (rule.ballots === 'sealed' && input.policy.beacon ? { round: closeRound(Date.parse(closes), input.policy.beacon), state: 'sealed' as const } : undefined);
  if (!sealed) return countVote(input, key, rule, closes);
  // A sealed vote never closes early: nobody can know early that it is settled (policy/sealed-close-early).
  const open = input.now.getTime() < Date.parse(closes);
  if (!open && sealed.state === 'opened') {
    const decided = countVote(input, key, { ...rule, closeEarly: false }, closes, lastSealedInstant(closes, sealed.round, input.policy));
    return { ...decided, ...said(...decided.reasonCodes, text('vote-sealed-opened', { round: sealed.round })), sealed: { round: sealed.round, signature: sealed.signature } };
  }
  // Who has voted, never how: no tally, no choice, no words (they are sealed anyway).
  const counted = countBallots(input.ballots, input.roster, closes);
  const ballots = counted.ballots.map((b) => unopened(b, sealed.round));
  const why = open
    ? [text('vote-open', { closes, ...ruleParams(key, rule) }), text('vote-sealed-so-far', { voted: counted.votes.size, eligible: input.roster.size, round: sealed.round })]
    : [text('vote-sealed-waiting', { round: sealed.round, closes, why: sealed.state === 'waiting' ? sealed.why : 'not-yet' })];
  return { decision: 'pending', ...said(...why), ballots, closes, rule };
}

/**
 * The last instant a ballot of a sealed vote can be cast and count: the close, unless the round
 * is published at that very instant (a close on a round's second). Then a ballot cast at the
 * close (GitHub dates a comment to the second, rounding down) could have been cast after reading
 * every other one: it counts only if cast before the round.
 */
function lastSealedInstant(closes: string, round: number, policy: Policy): string {
  const published = policy.beacon ? roundTimeMs(round, policy.beacon) : Infinity;
  return published <= Date.parse(closes) ? new Date(published - 1).toISOString() : closes;
}

/** A vote counted on its ballots as they stand: a public vote, or a sealed one once opened (its ballots counted up to `lastCast`). */
function countVote(input: DecideInput, key: VotingKind, rule: VoteRule, closes: string, lastCast = closes): Decided {
  const counted = countBallots(input.ballots, input.roster, lastCast);
  const counts = countVotes(counted.votes.values());
  const eligible = input.roster.size;
  const tally = tallyOf(counts, eligible, rule);
  const status = voteStatus(counts, eligible, rule, closes, input.now);
  const numbers = ruleParams(key, rule);
  const line = { ...counts, eligible, quorumMet: tally.quorumMet, thresholdMet: tally.thresholdMet, quorum: rule.quorum };
  if (status.state === 'open') {
    return { decision: 'pending', ...said(text('vote-open', { closes, ...numbers }), text('vote-so-far', line)), ballots: counted.ballots, tally, closes, rule };
  }
  const at = status.early ? status.closedAt : closes;
  return {
    decision: status.passed ? 'accept' : 'reject',
    ...said(text('vote-closed', { at, early: status.early, ...numbers }), text('vote-count', { ...line, passed: status.passed })),
    ballots: counted.ballots,
    tally,
    closes: at,
    rule: input.policy.voting[key],
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
  return { ...decidePostAt(input, input.textSeen ?? input.opened), textSeen: input.textSeen ?? input.opened };
}

function decidePostAt(input: DecideInput, start: string): Decided {
  const posts = input.policy.posts;
  // Only objections cast within the window count: after it, the post is due.
  const preliminary = countBallots(input.ballots, input.roster, addHours(start, posts.objectionHours));
  const objections = [...preliminary.votes.values()].filter((b) => b.vote === 'no' && b.rule !== undefined);
  if (objections.length === 0) {
    const closes = addHours(start, posts.objectionHours);
    const rule = { objectionHours: posts.objectionHours, maxPerAuthorPerWeek: posts.maxPerAuthorPerWeek };
    if (input.now.getTime() < Date.parse(closes)) {
      return { decision: 'pending', ...said(text('post-waiting', { at: closes, hours: posts.objectionHours })), ballots: preliminary.ballots, closes, rule };
    }
    return withWeeklyLimit(input, { decision: 'accept', ...said(text('post-unopposed', { hours: posts.objectionHours, until: closes })), ballots: preliminary.ballots, closes, rule });
  }
  const rule = input.policy.voting.moderation;
  const first = objections.map((b) => b.castAt).sort()[0]!;
  const closes = addDays(first, rule.days);
  const counted = countBallots(input.ballots, input.roster, closes);
  const counts = countVotes(counted.votes.values());
  const eligible = input.roster.size;
  const tally = tallyOf(counts, eligible, rule, 'no');
  const status = voteStatus(counts, eligible, rule, closes, input.now, 'no');
  // Each objector and the rule cited, once per pair, in the order cast.
  const pairs = [...new Map(objections.map((o) => [`${o.voter}\n${o.rule}`, { voter: o.voter, rule: o.rule! }])).values()];
  const cited = { objectors: pairs.map((p) => p.voter), rules: pairs.map((p) => p.rule) };
  const numbers = ruleParams('moderation', rule, 'no');
  const line = { ...counts, eligible, quorumMet: tally.quorumMet, thresholdMet: tally.thresholdMet };
  if (status.state === 'open') {
    return { decision: 'pending', ...said(text('objection-open', { ...cited, closes, ...numbers }), text('objection-so-far', line)), ballots: counted.ballots, tally, closes, rule };
  }
  // As for any vote: it closed at its deadline, or earlier when settled (closeEarly).
  const closed = status.early ? status.closedAt : closes;
  const upheld = status.passed;
  return (upheld ? (d: Decided) => d : (d: Decided) => withWeeklyLimit(input, d))({
    decision: upheld ? 'reject' : 'accept',
    ...said(text('objection-closed', { ...cited, upheld, early: status.early, at: closed, ...numbers }), text('objection-count', { ...line, upheld })),
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
  return { ...accepted, decision: 'pending', ...said(...accepted.reasonCodes, text('weekly-limit', { posts: recent.length, max, after: next })), closes: next };
}

/**
 * A ballot of a sealed vote not opened yet, as shown: nothing in it says yes or no. The member's
 * latest ballot is not "counted" yet but sealed until the close (`ballot-sealed-pending`); a vote
 * given in the clear (a source that forgot to seal, a plain review) is `public`, its choice and
 * words not repeated. Fails closed whatever the source hands over.
 */
function unopened(b: DecisionBallot, round: number): DecisionBallot {
  const { comment: _comment, rule: _rule, ...rest } = b;
  const shown: DecisionBallot = { ...rest, vote: b.vote === 'sealed' || b.vote === 'malformed' ? b.vote : 'public', counted: false };
  return b.counted ? withStatus(shown, text('ballot-sealed-pending', { round })) : shown;
}

/** A ballot's status replaced by `code` (its English beside it, as countBallots writes them). */
function withStatus(b: DecisionBallot, code: BotText): DecisionBallot {
  return { ...b, reason: recordText(code), status: code };
}
