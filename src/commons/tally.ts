/**
 * Counting ballots against the policy (DESIGN.md, Policy). One member, one
 * vote: the latest valid ballot of each member of the frozen roster counts;
 * every other ballot is listed with the reason it does not. Quorum is
 * (yes + no + abstain) / eligible ≥ quorum; threshold is yes / (yes + no)
 * `moreThan` or `atLeast` the fraction, compared with integer arithmetic.
 * Pure: the clock is an argument.
 */
import { compareRatio, parseFraction } from './fraction.ts';
import type { Vote } from './schema/ballot.ts';
import type { DecisionBallot, Tally } from './schema/decision.ts';
import type { Threshold, VoteRule } from './schema/policy.ts';
import { recordText, text, type BotText } from './texts/index.ts';

/**
 * What a ballot says: a vote, `malformed` when its file does not read (it never counts, and is
 * never shown as a vote), or `sealed` while it is time-locked (docs/voting.md, Sealed ballots):
 * its voter has voted, how is unknown until the beacon's round opens it. `public`: a vote given in
 * the clear in a sealed vote (a plain review, a public ballot file); it never counts, and its
 * choice is not repeated (the forge or the branch shows it; the bot does not tally it).
 */
export type BallotVote = Vote | 'malformed' | 'sealed' | 'public';

/** A sealed ballot's evidence: the armored text, and where the ledger keeps its bytes (src/repo/ledger.ts). */
export interface SealedEvidence {
  /** The armored age text, as cast. */
  text: string;
  /**
   * What identifies this ballot as cast, for the ledger: the ballot commit (git-native), or the
   * forge's comment id and version. The ledger keeps each key's bytes the first time it is seen.
   */
  key: string;
  /** Git-native: the ballot file's blob id (the ledger keeps that blob reachable); else the ledger stores `text`. */
  blob?: string;
}

/** One ballot as found by a ballot source (git-native or forge), before it is tallied. */
export interface CastBallot {
  /** A member handle when the evidence identifies one, else a readable name ("github:octocat", "key SHA256:…"). */
  voter: string;
  vote: BallotVote;
  /** The voter's own words. */
  comment?: string;
  /** The rule an objection cites. */
  rule?: string;
  /** The commit carrying the ballot (git-native) or reviewed (forge). */
  commit?: string;
  /** When the ballot was cast, from a clock the voter cannot set (the bot's first sight, or the forge's submission time). */
  castAt: string;
  /**
   * Why this ballot cannot count, found while collecting (bad or missing
   * signature, someone else's file, not a member, stale, malformed); undefined
   * when it is valid evidence. Supersession and lateness are decided by the tally.
   */
  invalid?: string;
  /** `invalid` as a code (texts/codes.ts), when the collector gives one: its text is then `recordText(invalidCode)`. */
  invalidCode?: BotText;
  /** A sealed ballot, before it is opened (`vote: 'sealed'`). */
  sealed?: SealedEvidence;
}

export interface Counted {
  /** Every ballot, in the order cast, with whether it counted and why. */
  ballots: DecisionBallot[];
  /** The counted vote of each member. */
  votes: Map<string, CastBallot>;
}

/**
 * Decide which ballots count: valid, cast by a member of the frozen roster,
 * before `closes`, and the latest of that member.
 */
export function countBallots(cast: readonly CastBallot[], roster: ReadonlySet<string>, closes: string | undefined): Counted {
  const ordered = cast.map((b, i) => ({ b, i })).sort((x, y) => Date.parse(x.b.castAt) - Date.parse(y.b.castAt) || x.i - y.i);
  // Why each ballot does not count: a code, or only the text a collector gave without one.
  const reasons = new Map<number, BotText | string>();
  const latest = new Map<string, number>();
  for (const { b, i } of ordered) {
    if (b.invalid) reasons.set(i, b.invalidCode ?? b.invalid);
    else if (b.vote === 'malformed') reasons.set(i, text('ballot-malformed', {}));
    else if (!roster.has(b.voter)) reasons.set(i, text('ballot-not-in-roster', { voter: b.voter }));
    else if (closes !== undefined && Date.parse(b.castAt) > Date.parse(closes)) reasons.set(i, text('ballot-late', { at: b.castAt, closes }));
    else {
      const previous = latest.get(b.voter);
      if (previous !== undefined) reasons.set(previous, text('ballot-superseded', { by: b.voter }));
      latest.set(b.voter, i);
    }
  }
  const votes = new Map<string, CastBallot>();
  for (const [voter, i] of latest) votes.set(voter, cast[i]!);
  const ballots = ordered.map(({ b, i }) => {
    const why = reasons.get(i);
    const reason = why ?? text('ballot-counted', {});
    const out: DecisionBallot = { voter: b.voter, vote: b.vote, counted: why === undefined, reason: typeof reason === 'string' ? reason : recordText(reason) };
    if (typeof reason !== 'string') out.status = reason;
    // A ballot that does not count keeps no words: they are not shown as a member's (DESIGN.md, ballots).
    if (b.comment !== undefined && why === undefined) out.comment = b.comment;
    if (b.rule !== undefined && why === undefined) out.rule = b.rule;
    if (b.commit !== undefined) out.commit = b.commit;
    // Its time, so that a record can be replayed under another `days` (noclout what-if).
    out.castAt = b.castAt;
    return out;
  });
  return { ballots, votes };
}

export interface Counts {
  yes: number;
  no: number;
  abstain: number;
}

export function countVotes(votes: Iterable<CastBallot>): Counts {
  const counts = { yes: 0, no: 0, abstain: 0 };
  // A sealed ballot is counted once opened (src/bot/sealed-count.ts), never as it stands.
  for (const v of votes) if (v.vote === 'yes' || v.vote === 'no' || v.vote === 'abstain') counts[v.vote]++;
  return counts;
}

export function quorumMet(counts: Counts, eligible: number, quorum: string): boolean {
  const fraction = parseFraction(quorum)!;
  if (eligible === 0) return false;
  return compareRatio(counts.yes + counts.no + counts.abstain, eligible, fraction) >= 0;
}

/** yes / (yes + no) against the threshold; with no yes or no at all it is not met. */
export function thresholdMet(favour: number, against: number, threshold: Threshold): boolean {
  const whole = favour + against;
  if (whole === 0) return false;
  if ('moreThan' in threshold) return compareRatio(favour, whole, parseFraction(threshold.moreThan)!) > 0;
  return compareRatio(favour, whole, parseFraction(threshold.atLeast)!) >= 0;
}

export function tallyOf(counts: Counts, eligible: number, rule: VoteRule, favour: 'yes' | 'no' = 'yes'): Tally {
  const against = favour === 'yes' ? counts.no : counts.yes;
  return { eligible, ...counts, quorumMet: quorumMet(counts, eligible, rule.quorum), thresholdMet: thresholdMet(counts[favour], against, rule.threshold) };
}

/**
 * Whether the motion passes (quorum and threshold both hold). `favour` names
 * the vote that supports the motion: "yes" for a proposal, "no" for an
 * objection to a post (its motion is to stop the post).
 */
export function passes(counts: Counts, eligible: number, rule: VoteRule, favour: 'yes' | 'no' = 'yes'): boolean {
  const t = tallyOf(counts, eligible, rule, favour);
  return t.quorumMet && t.thresholdMet;
}

/**
 * With `closeEarly`: the outcome no further ballot can change, or undefined
 * while members who have not voted could still tip it. Ballots already cast
 * are taken as they stand.
 */
export function settledOutcome(counts: Counts, eligible: number, rule: VoteRule, favour: 'yes' | 'no' = 'yes'): boolean | undefined {
  const remaining = Math.max(0, eligible - counts.yes - counts.no - counts.abstain);
  const against = favour === 'yes' ? 'no' : 'yes';
  // The extremes decide it (test/unit/settled-outcome.test.ts checks every case against trying every split):
  // the motion can pass iff it passes when every remaining member votes for it (most participation, highest
  // share); it can fail iff it fails as it stands (least participation) or when every remaining member votes
  // against it (lowest share).
  const canPass = passes({ ...counts, [favour]: counts[favour] + remaining }, eligible, rule, favour);
  const canFail = !passes(counts, eligible, rule, favour) || !passes({ ...counts, [against]: counts[against] + remaining }, eligible, rule, favour);
  return canPass && canFail ? undefined : canPass;
}

/** `closedAt` is when the bot decided (`now`): at or after the deadline, or earlier when settled. */
export type VoteStatus = { state: 'open'; closes: string } | { state: 'closed'; passed: boolean; closedAt: string; early: boolean };

/** Where a vote stands at `now`: open until `closes`, or earlier when settled and the rule allows closing early. */
export function voteStatus(counts: Counts, eligible: number, rule: VoteRule, closes: string, now: Date, favour: 'yes' | 'no' = 'yes'): VoteStatus {
  if (now.getTime() >= Date.parse(closes)) return { state: 'closed', passed: passes(counts, eligible, rule, favour), closedAt: now.toISOString(), early: false };
  if (rule.closeEarly) {
    const settled = settledOutcome(counts, eligible, rule, favour);
    if (settled !== undefined) return { state: 'closed', passed: settled, closedAt: now.toISOString(), early: true };
  }
  return { state: 'open', closes };
}

/**
 * An objection counts only if it cites a rule of the commons as it was when the change was opened:
 * any other ballot citing a rule is marked invalid, with the reason. Used by the bot and by the
 * site's list of posts under an objection vote, so both count the same ballots.
 */
export function checkCitedRules(ballots: readonly CastBallot[], rules: ReadonlySet<string>): CastBallot[] {
  return ballots.map((b) => {
    if (b.rule === undefined || b.invalid || rules.has(b.rule)) return b;
    const invalidCode = text('ballot-unknown-rule', { rule: b.rule });
    return { ...b, invalid: recordText(invalidCode), invalidCode };
  });
}
