/**
 * "What would this policy have decided?" (issue 13): every recorded decision replayed under other
 * numbers — quorum, threshold, days and closeEarly of each kind of vote, posts.objectionHours and
 * posts.maxPerAuthorPerWeek — with the same ballots and the same clock (the bot's first sights,
 * never a commit date), and the ones whose outcome or closing time would differ.
 *
 * A replay never guesses silently. Each decision is `exact` (replayed from the record's own facts),
 * `assumed` (the vote would have run past the moment the record was written: ballots members might
 * have cast after it are unknown and taken as none, and the result says so), or `unknown` with the
 * reason the record cannot tell (a record written before ballots kept their time, `castAt`, cannot
 * be replayed under another `days`). Numbers that keep the window as it was (quorum, threshold)
 * need no times: the record's tally is judged again.
 *
 * Close times keep the bot's own delay: a vote the bot closed two hours after its deadline closes
 * two hours after the new deadline. Each decision is replayed on its own: the weekly limit counts
 * the other posts at the times their records say. Pure: records and policies in, a report out.
 */
import { addDays, addHours } from './opening.ts';
import type { ChangeKind, DecisionRecord, Tally } from './schema/decision.ts';
import type { Policy, VoteRule, VotingKind } from './schema/policy.ts';
import { passes, settledOutcome, tallyOf, type Counts } from './tally.ts';

/** One record as read from main: `id` is its place, "<yyyy>/<nnnn>-<change>". */
export interface RecordedDecision {
  id: string;
  record: DecisionRecord;
}

export interface WhatIfInput {
  /** Every decision record of the commons, oldest first. */
  decisions: readonly RecordedDecision[];
  /** The proposed policy. */
  policy: Policy;
  /**
   * The policy each record was judged by, by policy commit, where the caller could read it. Only a
   * post under an objection needs it: its record's `rule` is the vote's, so the objection window
   * and weekly limit it was judged by come from there; without it that decision cannot be told
   * under other post numbers.
   */
  frozen?: ReadonlyMap<string, Policy>;
}

export type Outcome = DecisionRecord['outcome'];

/** Where a decision stands under one policy: its outcome, tally and when it closed. */
export interface Standing {
  outcome: Outcome;
  tally?: Tally;
  closed: string;
}

/**
 * Why a decision cannot be told: its ballots have no times (`castAt`, written since issue 13); its
 * post's objection window is not in the record, or (under an objection) the policy that judged it
 * was not given; more ballots did not count than the record lists;
 * a `no` the window would now include lost the rule it cited (a ballot that does not count keeps no
 * words); the record's own numbers do not replay to the record (a record this replay does not
 * understand); or a ballot that did not count was written before status codes.
 */
export type CannotTell = 'no-ballot-times' | 'no-window-start' | 'no-frozen-policy' | 'unlisted-ballots' | 'objection-rule-unknown' | 'replay-differs' | 'no-ballot-status';

export type Certainty = 'exact' | 'assumed' | 'unknown';

export interface WhatIfDecision {
  id: string;
  change: string;
  title: string;
  kind: ChangeKind;
  /** As recorded. */
  before: Standing;
  /** Under the proposed policy; absent when it cannot be told. */
  after?: Standing;
  certainty: Certainty;
  /** Why it cannot be told (`unknown`). */
  why?: CannotTell;
  /** `assumed`: the replayed vote runs past this instant, when the record was written; no ballot after it is known. */
  knownUntil?: string;
  /** The outcome would differ. */
  flipped: boolean;
  /** It would have closed earlier or later. */
  moved?: 'earlier' | 'later';
}

export interface WhatIfReport {
  /** How many records were replayed. */
  decisions: number;
  /** Every decision that would differ, or cannot be told, in record order; the others are only counted. */
  differing: WhatIfDecision[];
  flipped: number;
  earlier: number;
  later: number;
  unknown: number;
}

const VOTING: Record<Exclude<ChangeKind, 'platform' | 'post'>, VotingKind> = { proposal: 'rules', policy: 'policy', membership: 'membership', moderation: 'moderation' };

/** Replay every record under `policy`. */
export function whatIf(input: WhatIfInput): WhatIfReport {
  const pubs = publicationsByAuthor(input.decisions);
  const differing: WhatIfDecision[] = [];
  let flipped = 0;
  let earlier = 0;
  let later = 0;
  let unknown = 0;
  for (const d of input.decisions) {
    const result = replayOne(d, input, pubs);
    if (result.certainty === 'unknown') unknown++;
    if (result.flipped) flipped++;
    if (result.moved === 'earlier') earlier++;
    if (result.moved === 'later') later++;
    if (result.flipped || result.moved || result.certainty === 'unknown') differing.push(result);
  }
  return { decisions: input.decisions.length, differing, flipped, earlier, later, unknown };
}

/** One ballot as evidence for a replay: a member's ballot that was valid, counted or not only because of timing. */
interface Evidence {
  voter: string;
  vote: 'yes' | 'no' | 'abstain';
  castAt: string | undefined;
  rule: string | undefined;
  /** False for a ballot that did not count: its record keeps no rule, so whether a `no` was an objection is unknown. */
  ruleKnown: boolean;
}

type Gathered = { ok: true; evidence: Evidence[] } | { ok: false; why: CannotTell };

/**
 * The ballots whose counting depends on the window: every counted one, and the ones that lost only
 * to time (superseded by the same member's later ballot, or cast after the close). Ballots that
 * never count (not a member, unsigned, stale, malformed…) count under no policy.
 */
function gather(record: DecisionRecord): Gathered {
  const evidence: Evidence[] = [];
  for (const b of record.ballots) {
    if (b.vote === 'malformed' || b.vote === 'sealed' || b.vote === 'public') continue; // never counts, under any policy
    if (b.counted) {
      evidence.push({ voter: b.voter, vote: b.vote, castAt: b.castAt, rule: b.rule, ruleKnown: true });
      continue;
    }
    if (!b.status) return { ok: false, why: 'no-ballot-status' };
    if (b.status.code === 'ballot-superseded') evidence.push({ voter: b.voter, vote: b.vote, castAt: b.castAt, rule: undefined, ruleKnown: false });
    else if (b.status.code === 'ballot-late') {
      const at = b.castAt ?? (typeof b.status.params.at === 'string' ? b.status.params.at : undefined);
      evidence.push({ voter: b.voter, vote: b.vote, castAt: at, rule: undefined, ruleKnown: false });
    }
  }
  return { ok: true, evidence };
}

const timed = (evidence: readonly Evidence[]) => evidence.every((e) => e.castAt !== undefined);
const ms = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();

function replayOne(d: RecordedDecision, input: WhatIfInput, pubs: Publications): WhatIfDecision {
  const r = d.record;
  const before: Standing = { outcome: r.outcome, closed: r.closed, ...(r.tally ? { tally: r.tally } : {}) };
  const base = { id: d.id, change: r.change, title: r.title, kind: r.kind, before };
  const replayed = r.kind === 'post' ? replayPost(r, d.id, input, pubs) : r.kind === 'platform' ? same(r) : replayVote(r, input.policy.voting[VOTING[r.kind]]);
  if (!replayed.ok) return { ...base, certainty: 'unknown', why: replayed.why, flipped: false };
  // The bot's delay after the deadline is kept: only the difference the numbers make moves the close.
  const closed = iso(ms(r.closed) + replayed.shift);
  const after: Standing = { outcome: replayed.outcome, closed, ...(replayed.tally ? { tally: replayed.tally } : {}) };
  const moved = ms(closed) < ms(r.closed) ? 'earlier' : ms(closed) > ms(r.closed) ? 'later' : undefined;
  const assumed = ms(closed) > ms(r.closed) && replayed.runsPast;
  return { ...base, after, certainty: assumed ? 'assumed' : 'exact', ...(assumed ? { knownUntil: r.closed } : {}), flipped: replayed.outcome !== r.outcome, ...(moved ? { moved } : {}) };
}

/**
 * A replay's result: the outcome and tally, and `shift`, how much later (or earlier, negative) the
 * decision closes than under the record's own numbers, both replayed the same way. `runsPast`: the
 * replay needs ballots after the record was written (a longer window).
 */
type Replayed = { ok: true; outcome: Outcome; tally?: Tally; shift: number; runsPast: boolean } | { ok: false; why: CannotTell };

function same(r: DecisionRecord): Replayed {
  return { ok: true, outcome: r.outcome, ...(r.tally ? { tally: r.tally } : {}), shift: 0, runsPast: false };
}

function sameRule(a: VoteRule, b: VoteRule): boolean {
  const t = (x: VoteRule) => ('moreThan' in x.threshold ? `>${x.threshold.moreThan}` : `>=${x.threshold.atLeast}`);
  return a.quorum === b.quorum && t(a) === t(b) && a.days === b.days && a.closeEarly === b.closeEarly;
}

/** A vote (rules, policy, membership, moderation) under the proposed numbers of its kind. */
function replayVote(r: DecisionRecord, proposed: VoteRule): Replayed {
  const recorded = r.rule;
  if (!('quorum' in recorded) || !r.tally) return { ok: false, why: 'replay-differs' };
  if (sameRule(recorded, proposed)) return same(r);
  const eligible = r.roster.size;
  // The same window: the same ballots count, judged by other fractions. No time is needed.
  if (recorded.days === proposed.days && !recorded.closeEarly && !proposed.closeEarly) {
    const tally = tallyOf(countsOf(r.tally), eligible, proposed);
    return { ok: true, outcome: tally.quorumMet && tally.thresholdMet ? 'accepted' : 'rejected', tally, shift: 0, runsPast: false };
  }
  if (r.unlistedBallots) return { ok: false, why: 'unlisted-ballots' };
  const gathered = gather(r);
  if (!gathered.ok) return gathered;
  if (!timed(gathered.evidence)) return { ok: false, why: 'no-ballot-times' };
  const was = runVote(gathered.evidence, r.opened, recorded, eligible, 'yes');
  if (!agrees(was, r)) return { ok: false, why: 'replay-differs' };
  const now = runVote(gathered.evidence, r.opened, proposed, eligible, 'yes');
  return { ok: true, outcome: now.passed ? 'accepted' : 'rejected', tally: now.tally, shift: ms(now.closes) - ms(was.closes), runsPast: ms(now.closes) > ms(was.closes) };
}

const countsOf = (t: Tally): Counts => ({ yes: t.yes, no: t.no, abstain: t.abstain });

/** Whether the replay under the record's own numbers gives the record: the outcome, and the tally when it ran to its deadline. */
function agrees(run: VoteRun, r: DecisionRecord, favour: 'yes' | 'no' = 'yes'): boolean {
  const outcome = favour === 'yes' ? (run.passed ? 'accepted' : 'rejected') : run.passed ? 'rejected' : 'accepted';
  if (outcome !== r.outcome) return false;
  if (run.early || !r.tally) return true;
  const t = r.tally;
  return run.tally.yes === t.yes && run.tally.no === t.no && run.tally.abstain === t.abstain;
}

interface VoteRun {
  passed: boolean;
  tally: Tally;
  /** The deadline, or the moment the vote was settled (closeEarly). */
  closes: string;
  early: boolean;
}

/**
 * A vote replayed from its ballots' times, as src/commons/tally.ts counts it: the latest ballot of
 * each member cast by the deadline; with closeEarly, it closes at the first ballot after which no
 * further ballot could change the outcome (settledOutcome).
 */
function runVote(evidence: readonly Evidence[], opened: string, rule: VoteRule, eligible: number, favour: 'yes' | 'no'): VoteRun {
  const deadline = addDays(opened, rule.days);
  const end = ms(deadline);
  const sorted = [...evidence].filter((e) => ms(e.castAt!) <= end).sort((a, b) => ms(a.castAt!) - ms(b.castAt!));
  const latest = new Map<string, Evidence>();
  const counts = (): Counts => {
    const c = { yes: 0, no: 0, abstain: 0 };
    for (const e of latest.values()) c[e.vote]++;
    return c;
  };
  if (rule.closeEarly) {
    const settledAt = (at: string): VoteRun | undefined => {
      const c = counts();
      const settled = settledOutcome(c, eligible, rule, favour);
      return settled === undefined ? undefined : { passed: settled, tally: tallyOf(c, eligible, rule, favour), closes: at, early: true };
    };
    const atOpening = settledAt(opened);
    if (atOpening) return atOpening;
    for (let i = 0; i < sorted.length; i++) {
      const e = sorted[i]!;
      latest.set(e.voter, e);
      // Ballots cast at the same instant are seen together; a vote settled at its deadline closes at the deadline, not early.
      if (sorted[i + 1]?.castAt === e.castAt || ms(e.castAt!) >= end) continue;
      const settled = settledAt(e.castAt!);
      if (settled) return settled;
    }
  } else for (const e of sorted) latest.set(e.voter, e);
  const c = counts();
  return { passed: passes(c, eligible, rule, favour), tally: tallyOf(c, eligible, rule, favour), closes: deadline, early: false };
}

/** Numbers a post is judged by: the objection window, the weekly limit, and the vote an objection opens. */
interface PostNumbers {
  hours: number;
  max: number;
  moderation: VoteRule;
}

/**
 * A post: lazy consensus over posts.objectionHours from when the bot first saw its text; an
 * objection (a member's latest ballot in the window, `no` citing a rule) opens a vote under
 * voting.moderation from the first objection; an accepted post waits for posts.maxPerAuthorPerWeek.
 */
function replayPost(r: DecisionRecord, id: string, input: WhatIfInput, pubs: Publications): Replayed {
  const objected = r.tally !== undefined;
  const frozen = input.frozen?.get(r.policyCommit);
  const recorded = recordedPostNumbers(r, frozen);
  const proposed: PostNumbers = { hours: input.policy.posts.objectionHours, max: input.policy.posts.maxPerAuthorPerWeek, moderation: input.policy.voting.moderation };
  if (recorded && recorded.hours === proposed.hours && recorded.max === proposed.max && (!objected || sameRule(recorded.moderation, proposed.moderation))) return same(r);
  if (!recorded) return { ok: false, why: 'no-frozen-policy' };
  // Under an objection, the same window and the same vote length: the same ballots count, judged by other fractions.
  if (objected && r.tally && recorded.hours === proposed.hours && recorded.max === proposed.max && recorded.moderation.days === proposed.moderation.days && !recorded.moderation.closeEarly && !proposed.moderation.closeEarly) {
    const tally = tallyOf(countsOf(r.tally), r.roster.size, proposed.moderation, 'no');
    const upheld = tally.quorumMet && tally.thresholdMet;
    // Not upheld, the post waits for the weekly limit from the vote's close, as the bot's own rule does.
    const closes = upheld || r.outcome === 'accepted' ? r.closed : weeklyRelease(pubs, r.author, id, r.closed, proposed.max);
    return { ok: true, outcome: upheld ? 'rejected' : 'accepted', tally, shift: ms(closes) - ms(r.closed), runsPast: false };
  }
  const start = windowStart(r);
  if (start === undefined) return { ok: false, why: 'no-window-start' };
  if (r.unlistedBallots) return { ok: false, why: 'unlisted-ballots' };
  const gathered = gather(r);
  if (!gathered.ok) return gathered;
  const evidence = gathered.evidence;
  const release = (at: string, max: number) => weeklyRelease(pubs, r.author, id, at, max);
  // Unopposed, and a window no longer than it was: still unopposed, whatever the ballots' times.
  if (!objected && proposed.hours <= recorded.hours && !evidence.some((e) => e.vote === 'no' && !e.ruleKnown)) {
    const was = release(addHours(start, recorded.hours), recorded.max);
    const now = release(addHours(start, proposed.hours), proposed.max);
    return { ok: true, outcome: 'accepted', shift: ms(now) - ms(was), runsPast: false };
  }
  if (!timed(evidence)) return { ok: false, why: 'no-ballot-times' };
  const was = runPost(evidence, start, recorded, r.roster.size, release);
  if (!was.ok) return was;
  if (was.outcome !== r.outcome) return { ok: false, why: 'replay-differs' };
  const now = runPost(evidence, start, proposed, r.roster.size, release);
  if (!now.ok) return now;
  return { ok: true, outcome: now.outcome, ...(now.tally ? { tally: now.tally } : {}), shift: ms(now.closes) - ms(was.closes), runsPast: ms(now.closes) > ms(was.closes) };
}

type PostRun = { ok: true; outcome: Outcome; tally?: Tally; closes: string } | { ok: false; why: CannotTell };

function runPost(evidence: readonly Evidence[], start: string, numbers: PostNumbers, eligible: number, release: (at: string, max: number) => string): PostRun {
  const end = addHours(start, numbers.hours);
  const latest = new Map<string, Evidence>();
  for (const e of [...evidence].filter((x) => ms(x.castAt!) <= ms(end)).sort((a, b) => ms(a.castAt!) - ms(b.castAt!))) latest.set(e.voter, e);
  const noes = [...latest.values()].filter((e) => e.vote === 'no');
  // A `no` that did not count keeps no rule: whether it was an objection cannot be told.
  if (noes.some((e) => !e.ruleKnown)) return { ok: false, why: 'objection-rule-unknown' };
  const objections = noes.filter((e) => e.rule !== undefined);
  if (objections.length === 0) return { ok: true, outcome: 'accepted', closes: release(end, numbers.max) };
  const first = objections.map((e) => e.castAt!).sort()[0]!;
  const vote = runVote(evidence, first, numbers.moderation, eligible, 'no');
  if (vote.passed) return { ok: true, outcome: 'rejected', tally: vote.tally, closes: vote.closes };
  return { ok: true, outcome: 'accepted', tally: vote.tally, closes: release(vote.closes, numbers.max) };
}

/** The numbers a post's record was judged by: its own `rule` (unopposed), or the frozen policy's (under an objection, whose `rule` is the vote's). */
function recordedPostNumbers(r: DecisionRecord, frozen: Policy | undefined): PostNumbers | undefined {
  if ('objectionHours' in r.rule) return { hours: r.rule.objectionHours, max: r.rule.maxPerAuthorPerWeek, moderation: frozen?.voting.moderation ?? { quorum: '1/1', threshold: { moreThan: '1/2' }, days: 1, closeEarly: false } };
  if (!frozen) return undefined;
  return { hours: frozen.posts.objectionHours, max: frozen.posts.maxPerAuthorPerWeek, moderation: r.rule };
}

/** When the post's objection window opened: the record's `textSeen`, else for an unopposed post its reason's `until` less the hours. */
function windowStart(r: DecisionRecord): string | undefined {
  if (r.textSeen) return r.textSeen;
  const code = r.reasonCodes?.find((c) => c.code === 'post-unopposed');
  if (code && typeof code.params.until === 'string' && 'objectionHours' in r.rule) return addHours(code.params.until, -r.rule.objectionHours);
  return undefined;
}

/** Accepted posts' publication times by author (their records' `closed`), sorted, with the record each came from. */
type Publications = Map<string, { at: number; id: string }[]>;

function publicationsByAuthor(decisions: readonly RecordedDecision[]): Publications {
  const out: Publications = new Map();
  for (const { id, record } of decisions) {
    if (record.kind !== 'post' || record.outcome !== 'accepted' || !record.author) continue;
    const list = out.get(record.author) ?? [];
    list.push({ at: ms(record.closed), id });
    out.set(record.author, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.at - b.at);
  return out;
}

const WEEK = 7 * 86_400_000;

/**
 * When a post due at `at` is published under posts.maxPerAuthorPerWeek (decide.ts withWeeklyLimit):
 * at `at`, unless its author already published `max` posts in the week before; then a week after
 * the oldest of those, checked again there.
 */
function weeklyRelease(pubs: Publications, author: string | undefined, self: string, at: string, max: number): string {
  const list = author ? pubs.get(author) : undefined;
  if (!list) return at;
  let t = ms(at);
  for (let round = 0; round < 1000; round++) {
    const recent: number[] = [];
    for (let i = lowerBound(list, t - WEEK); i < list.length && list[i]!.at <= t; i++) if (list[i]!.at > t - WEEK && list[i]!.id !== self) recent.push(list[i]!.at);
    if (recent.length < max) break;
    t = recent[recent.length - max]! + WEEK;
  }
  return iso(t);
}

/** The first index whose time is after `t`. */
function lowerBound(list: readonly { at: number }[], t: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid]!.at <= t) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A flipped decision as a summary names it. */
export interface FlipNamed {
  id: string;
  title: string;
  before: Outcome;
  after: Outcome;
}

/**
 * What a policy change's judgement carries (review, the GitHub comment, the proposal's page): the
 * counts, and the first `limit` flipped decisions by name. Plain data: JSON as it is.
 */
export interface WhatIfDigest {
  decisions: number;
  flipped: number;
  earlier: number;
  later: number;
  unknown: number;
  flips: FlipNamed[];
}

export function digestOf(report: WhatIfReport, limit = 5): WhatIfDigest {
  const flips = report.differing.filter((d) => d.flipped && d.after).slice(0, limit).map((d) => ({ id: d.id, title: d.title, before: d.before.outcome, after: d.after!.outcome }));
  return { decisions: report.decisions, flipped: report.flipped, earlier: report.earlier, later: report.later, unknown: report.unknown, flips };
}
