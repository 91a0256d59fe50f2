/**
 * Openings and the bot's clock (DESIGN.md, Opening, ballots and time). The
 * first time the bot sees a change valid (no problems: principle 7, an
 * invalid change records nothing) it records when, which head, and the commit
 * whose policy and roster will judge it; every later look adds the commits it
 * sees for the first time. Commit and front matter dates are never read: the
 * only times are the bot's own observations. Pure: the time is an argument.
 */
import { recordText, text, type BotText } from './texts/index.ts';

export interface Opening {
  /** The change id (slug of its post or proposal). */
  change: string;
  /** The head as named when first seen ("post/hello", "#12"). */
  head: string;
  /** When the bot first saw the change. */
  opened: string;
  /** The head commit first seen. */
  firstHead: string;
  /** The commit whose governance/policy.md judges the change (main when it was opened). */
  policyCommit: string;
  /** The commit whose governance/members.yml is the frozen roster. */
  rosterCommit: string;
  /** Commit id → when the bot first saw it. Ballots are cast, and texts changed, at these times. */
  seen: Record<string, string>;
  /**
   * Commit id → voter, for every ballot commit the bot has seen valid on the
   * change (signed by its voter, on this change), in the order first seen.
   * A force-push or rebase must not drop one silently (a member's vote is
   * evidence), and this stays known after git gc prunes the commit. Absent in
   * ledgers written before it was kept.
   */
  ballots?: Record<string, string>;
  /**
   * Sealed ballots as first seen (docs/voting.md, Sealed ballots): key (the ballot commit, or the
   * forge's comment id and version) → its voter, the blob holding its bytes (kept reachable from
   * the ledger's tree, at sealed/<change>/<key>) and when it was cast. A sealed vote is counted
   * from these, so nothing done to the branch or the comment after the round opens changes it.
   */
  sealed?: Record<string, KeptSealed>;
  /**
   * Set on every entry the bot writes since only valid changes open: the
   * change had no problems when it was opened. An entry without it was written
   * by an older bot, which opened invalid changes too; it is trusted only once
   * its first head, judged again as first seen, proves valid (src/bot/judge.ts).
   */
  valid?: true;
}

/** One sealed ballot the ledger keeps. */
export interface KeptSealed {
  voter: string;
  /** Git blob id: the ballot file (git-native) or the armored text (a forge's comment). */
  blob: string;
  /** When it was cast (first seen by the bot, or the forge's time). */
  cast: string;
  /** How many of this voter's versions the ledger has kept on this change, this one included; absent: 1. */
  versions?: number;
}

/**
 * How many versions of a member's sealed ballot the ledger keeps, one after the other, on one
 * change. Only the latest counts, so the ledger keeps only the latest (src/commons/opening.ts
 * observe), but each kept version is a blob and a commit in the ledger's history, which every
 * fetch brings: without a bound, a member editing a comment in a loop would grow it at will. A
 * version past the bound is never kept and never counts (`ballot-sealed-too-many`): were it
 * counted without being kept, its voter could withdraw it once the round is published.
 */
export const MAX_SEALED_VERSIONS = 20;

/** Whether kept version `a` was cast after `b`; the same instant is ordered by key, so every run agrees. */
export function castAfter(a: readonly [string, Pick<KeptSealed, 'cast'>], b: readonly [string, Pick<KeptSealed, 'cast'>]): boolean {
  const d = Date.parse(a[1].cast) - Date.parse(b[1].cast);
  return d > 0 || (d === 0 && a[0] > b[0]);
}

/**
 * The sealed ballots the ledger keeps after a look: for each voter, only the latest version cast
 * (it is the one that counts: src/bot/sealed-count.ts), with how many versions were kept so far.
 * A version older than the one kept was superseded before it was seen; one past
 * MAX_SEALED_VERSIONS is not kept. Returns `kept` itself when nothing changes.
 */
export function keepLatest(kept: Readonly<Record<string, KeptSealed>> | undefined, seen: Readonly<Record<string, KeptSealed>>): Readonly<Record<string, KeptSealed>> | undefined {
  const latest = new Map<string, [string, KeptSealed]>();
  for (const entry of Object.entries(kept ?? {})) {
    const current = latest.get(entry[1].voter);
    if (!current || castAfter(entry, current)) latest.set(entry[1].voter, entry);
  }
  const fresh = Object.entries(seen).filter(([key]) => !(key in (kept ?? {})));
  fresh.sort((a, b) => (castAfter(a, b) ? 1 : -1));
  const replaced = new Set<string>();
  for (const [key, k] of fresh) {
    const current = latest.get(k.voter);
    if (current && !castAfter([key, k], current)) continue;
    const versions = current ? (current[1].versions ?? 1) + 1 : 1;
    if (versions > MAX_SEALED_VERSIONS) continue;
    latest.set(k.voter, [key, versions > 1 ? { ...k, versions } : { ...k }]);
    replaced.add(k.voter);
  }
  if (replaced.size === 0) return kept;
  // A voter with a new version keeps only it; the others' entries stay as they were.
  const out = Object.fromEntries(Object.entries(kept ?? {}).filter(([, k]) => !replaced.has(k.voter)));
  for (const voter of replaced) {
    const [key, k] = latest.get(voter)!;
    out[key] = k;
  }
  return out;
}

export interface Observation {
  change: string;
  head: string;
  headCommit: string;
  /** Every commit of the change as seen now. */
  commits: readonly string[];
  /** Main as judged now: frozen as policy and roster if this is the first sight. */
  base: string;
  now: Date;
  /** Valid ballot commits seen now (commit id → voter), in the order cast. */
  ballots?: Readonly<Record<string, string>>;
  /**
   * Sealed ballots seen now, by key; a key already kept is never replaced (its first sight stands),
   * and each voter's latest version replaces their earlier one (keepLatest).
   */
  sealed?: Readonly<Record<string, KeptSealed>>;
}

/** The opening after one more look at the change. Returns the same object when nothing is new. */
export function observe(opening: Opening | undefined, observation: Observation): Opening {
  const at = observation.now.toISOString();
  if (!opening) {
    // Never back-dated (not even to a forge's creation time): an earlier opening would shorten the members' vote.
    return {
      change: observation.change,
      head: observation.head,
      opened: at,
      firstHead: observation.headCommit,
      policyCommit: observation.base,
      rosterCommit: observation.base,
      seen: Object.fromEntries(observation.commits.map((c) => [c, at])),
      ...(observation.ballots ? { ballots: { ...observation.ballots } } : {}),
      ...(observation.sealed && Object.keys(observation.sealed).length ? { sealed: { ...keepLatest(undefined, observation.sealed) } } : {}),
    };
  }
  const unseen = observation.commits.filter((c) => !(c in opening.seen));
  const newBallots = Object.entries(observation.ballots ?? {}).filter(([c]) => !(c in (opening.ballots ?? {})));
  const sealed = keepLatest(opening.sealed, observation.sealed ?? {});
  if (unseen.length === 0 && newBallots.length === 0 && sealed === opening.sealed) return opening;
  const when = latest([at, ...Object.values(opening.seen), opening.opened]);
  const next: Opening = { ...opening, seen: { ...opening.seen, ...Object.fromEntries(unseen.map((c) => [c, when])) } };
  if (newBallots.length) next.ballots = { ...opening.ballots, ...Object.fromEntries(newBallots) };
  if (sealed !== opening.sealed) next.sealed = { ...sealed };
  return next;
}

/** What the bot found out about a ledger entry, to tell whether it stands (gathered by src/bot/judge.ts, standingOpening). */
export interface EntryEvidence {
  /** A commit the entry freezes (policy or roster) that a full clone lacks: it was never published. */
  unpublished?: string;
  /**
   * A commit the entry freezes (policy or roster) that is not on the history of the base judged
   * (`base` names it): the bot only ever freezes main as it judged it, so such an entry was not
   * written by the bot (a ledger fetched from a remote someone else can write, an outsider's own
   * roster and policy), and it must not judge the change.
   */
  foreign?: { commit: string; base: string };
  /** For an entry without `valid`: its first head, judged again as first seen; 'gone' when that commit is no longer there. */
  firstLook?: 'valid' | 'invalid' | 'gone';
}

/** `why` is the English of `code` (texts/codes.ts), which says it in other languages. */
export type EntryStanding = { stands: true } | { stands: false; why: string; code: BotText };

/**
 * Whether a ledger entry stands: the one rule, for the bot's judgement and
 * for every page that shows a change as under vote. Only a valid change opens
 * (principle 7), and every entry written since says so (`valid: true`). An
 * entry without it was written by an older bot, which opened invalid changes
 * too: an outsider's unsigned branch, or a post whose author had not joined
 * yet, froze a roster and started a clock that a member's change of the same
 * name would then inherit, closed before anyone could vote. Such an entry
 * stands only if its first head, judged again as first seen, had no
 * problems; otherwise, or when that head is gone and nothing shows it was
 * ever valid, it is set aside and the change opens afresh when first seen
 * valid. An entry naming a policy or roster commit that was never published
 * (a run pushed the ledger, then could not push main) never stands: it would
 * make the change unreadable forever; nor does one freezing a commit that is
 * not on the base's history (the bot freezes only the base it judged).
 */
export function entryStands(entry: Opening, evidence: EntryEvidence): EntryStanding {
  const short = (oid: string) => oid.slice(0, 10);
  const aside = (code: BotText): EntryStanding => ({ stands: false, why: recordText(code), code });
  const said = { change: entry.change, opened: entry.opened, by: entry.head || short(entry.firstHead) };
  if (evidence.unpublished) return aside(text('opening-unpublished', { ...said, commit: short(evidence.unpublished) }));
  if (evidence.foreign) return aside(text('opening-foreign', { ...said, commit: short(evidence.foreign.commit), base: evidence.foreign.base }));
  if (entry.valid) return { stands: true };
  if (evidence.firstLook === 'valid') return { stands: true };
  if (evidence.firstLook === 'gone') return aside(text('opening-first-head-gone', { ...said, commit: short(entry.firstHead) }));
  return aside(text('opening-first-look-invalid', { ...said, commit: short(entry.firstHead) }));
}

/**
 * Why a clock cannot judge on a base whose latest decision record closed after
 * it: the record a decision writes would be dated before one already on main,
 * and the clock never moves backwards. Review and merge refuse it, naming that
 * record, rather than judge at another time than the one asked for; audit
 * replays set the clock to each record's own close. Undefined when the clock
 * is at or after the latest record. `given`: the time came from `--at`, not
 * from this machine's clock.
 */
export function clockBeforeRecord(asked: Date, latest: { path: string; closed: string } | undefined, given: boolean): string | undefined {
  if (!latest || Date.parse(latest.closed) <= asked.getTime()) return undefined;
  const closed = new Date(latest.closed).toISOString();
  const clock = given ? `--at ${asked.toISOString()} is` : `this machine's clock (${asked.toISOString()}) is`;
  const fix = given ? `give --at ${closed} or later` : `set this machine's clock right, or give --at ${closed} or later`;
  return `${clock} before the latest decision record on main, ${latest.path}, closed ${closed}: a decision cannot be recorded before one already on main, so nothing was judged; ${fix}`;
}

/**
 * The bot's clock for one judgement: the time asked for (`--at`, or now), but
 * never earlier than anything already recorded, so the clock never moves
 * backwards in the ledger or in a record. Review and merge refuse a clock
 * before the latest record (clockBeforeRecord) and name a move past the
 * ledger's times in the judgement's reasons.
 */
export function effectiveClock(asked: Date, recorded: readonly (string | undefined)[]): Date {
  const last = latest(recorded.filter((t): t is string => t !== undefined));
  return last && Date.parse(last) > asked.getTime() ? new Date(last) : asked;
}

function latest(times: readonly string[]): string {
  return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a), times[0] ?? '');
}

/** `start` plus whole hours or days, as an ISO instant. */
export function addHours(start: string, hours: number): string {
  return new Date(Date.parse(start) + hours * 3_600_000).toISOString();
}

export function addDays(start: string, days: number): string {
  return addHours(start, days * 24);
}

/**
 * When the bot first saw a post's current text: the latest first sight among the change's commits
 * that carry content (not ballots). Undefined when none was seen.
 */
export function textFirstSeen(opening: Opening, contentCommits: Iterable<string>): string | undefined {
  const times = [...contentCommits].map((oid) => opening.seen[oid]).filter((t): t is string => t !== undefined);
  return times.sort().at(-1);
}
