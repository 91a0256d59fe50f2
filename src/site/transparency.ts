/**
 * The transparency report (issue 15; Santa Clara Principles 2.0, "Numbers"): what the commons
 * published, stopped, hid, restored and changed, for all time and for each calendar quarter (UTC),
 * computed from the decision records and the posts' publications alone. Pure: the site reads the
 * records and git history (commons-data.ts) and hands them here.
 *
 * Every number is the length of a list of what it counts (`Measure.entries`), so a page can link
 * each number to exactly those decisions or posts. It counts decisions and posts, never people: no
 * measure is keyed by a voter, an author or a member, and no entry carries a handle (DESIGN.md,
 * "No clout"; a test checks no handle appears in the report).
 *
 * How each number counts is written for readers under the tables (`method` in src/i18n) and in
 * docs/site.md, Transparency report; a change here changes both.
 */
import { hidesPost } from '../commons/decision-record.ts';
import type { Publication } from '../commons/publication.ts';
import type { ChangeKind, DecisionRecord } from '../commons/schema/decision.ts';
import { appealReversals } from './moderation.ts';

/** One thing a number counts: a decision (its record id), a post (its id), or a post and the record that published or restored it. */
export interface Entry {
  /** "<year>/<nnnn>-<slug>": the decision record counted, or the one that published or restored the post. */
  decision?: string;
  /** "<year>/<slug>": the post counted, for measures of posts. */
  post?: string;
  /** The instant that places the entry in a quarter (ISO, UTC). */
  at: string;
}

/** The kinds of change whose time to decision is reported: the record kinds, with appeals apart from the moderations they contest. */
export type DecidedKind = Exclude<ChangeKind, 'platform'> | 'appeal';
export const DECIDED_KINDS: readonly DecidedKind[] = ['post', 'proposal', 'policy', 'membership', 'moderation', 'appeal'];

/**
 * The report's measures, in the order the page shows them. A `hidden-rule:<slug>` measure exists
 * for each rule cited by a post stopped or hidden, a `time:<kind>` one for each kind decided.
 */
export type MeasureId =
  | 'published'
  | 'objected'
  | 'moderations'
  | 'hidden'
  | 'hidden-objection'
  | 'hidden-proposal'
  | `hidden-rule:${string}`
  | 'appeals'
  | 'appeals-upheld'
  | 'appeals-reversed'
  | 'restored'
  | 'rule-changes'
  | 'policy-changes'
  | `time:${DecidedKind}`
  | 'voted'
  | 'quorum';

export interface Measure {
  id: MeasureId;
  /** What is counted, each once; the number is `entries.length`. Oldest first. */
  entries: Entry[];
  /** `time:` measures: the median time from opening to decision, in milliseconds (undefined for none). */
  medianMs?: number;
}

/** A calendar quarter in UTC, or all time. */
export interface Period {
  /** "all", or "<year>-q<n>" like "2026-q4": the period's page and anchor. */
  key: string;
  /** First instant of the quarter and first instant of the next (ISO); absent for all time. */
  start?: string;
  end?: string;
  measures: Measure[];
}

export interface TransparencyReport {
  /** All time first, then every quarter from the newest with activity to the oldest, those without any included. */
  periods: Period[];
}

/** What the report reads: the decision records, and when each post was published (src/commons/publication.ts). */
export interface ReportInput {
  decisions: readonly { id: string; data: DecisionRecord }[];
  publications: Iterable<Publication>;
}

/** Facts read once per decision: which measures it belongs to, and at which instant. */
type Fact = { measure: MeasureId; entry: Entry; durationMs?: number };

/** The post id of a post file: content/posts/2026/x.md → 2026/x. */
export function postIdOf(path: string): string | undefined {
  const match = /^content\/posts\/(\d{4}\/[^/]+)\.md$/.exec(path);
  return match?.[1];
}

/**
 * The rules a post's upheld objection cited: the `rule` of each counted `no` ballot, in the order
 * cast, once each. The bot counts an objection only when it cites a rule of the commons (tally.ts).
 */
export function objectionRules(record: DecisionRecord): string[] {
  return [...new Set(record.ballots.filter((b) => b.counted && b.vote === 'no' && b.rule !== undefined).map((b) => b.rule!))];
}

/** A post under an objection: its record has a tally, which a post gets only when an objection turned it into a vote (decide.ts). */
function objectedTo(record: DecisionRecord): boolean {
  return record.kind === 'post' && record.tally !== undefined;
}

function kindOf(record: DecisionRecord): DecidedKind | undefined {
  if (record.kind === 'platform') return undefined;
  return record.kind === 'moderation' && record.moderation?.appeals !== undefined ? 'appeal' : record.kind;
}

/** Every fact one decision record contributes. */
function factsOf(decision: { id: string; data: DecisionRecord }, reversed: ReadonlyMap<string, { data: DecisionRecord }>): Fact[] {
  const r = decision.data;
  const closed: Entry = { decision: decision.id, at: r.closed };
  const facts: Fact[] = [];
  const add = (measure: MeasureId, entry: Entry = closed) => facts.push({ measure, entry });
  if (objectedTo(r)) add('objected');
  if (r.kind === 'moderation' && r.moderation && !r.moderation.appeals) add('moderations', { decision: decision.id, at: r.opened });
  const stopped = objectedTo(r) && r.outcome === 'rejected';
  if (stopped || hidesPost(r)) {
    add('hidden');
    add(stopped ? 'hidden-objection' : 'hidden-proposal');
    for (const rule of stopped ? objectionRules(r) : [r.moderation!.rule]) add(`hidden-rule:${rule}`);
  }
  if (r.kind === 'moderation' && r.moderation?.appeals) {
    add('appeals');
    if (r.outcome === 'rejected') add('appeals-upheld');
    const restoredBy = reversed.get(decision.id);
    if (restoredBy) {
      add('appeals-reversed');
      add('restored', { decision: decision.id, post: restoredBy.data.moderation!.post, at: r.closed });
    }
  }
  if (r.outcome === 'accepted' && r.kind === 'proposal') add('rule-changes');
  if (r.outcome === 'accepted' && r.kind === 'policy') add('policy-changes');
  const kind = kindOf(r);
  if (kind) facts.push({ measure: `time:${kind}`, entry: closed, durationMs: Date.parse(r.closed) - Date.parse(r.opened) });
  if (r.tally) {
    add('voted');
    if (r.tally.quorumMet) add('quorum');
  }
  return facts;
}

/** Every post's publication: with the record that published it, else by the commit that added it. */
function publicationFacts(publications: Iterable<Publication>, recordOf: ReadonlyMap<string, string>): Fact[] {
  const facts: Fact[] = [];
  for (const p of publications) {
    const post = postIdOf(p.path);
    if (post === undefined) continue;
    const decision = p.by === 'record' ? recordOf.get(`${p.path}\n${p.published}`) : undefined;
    facts.push({ measure: 'published', entry: { post, ...(decision ? { decision } : {}), at: p.published } });
  }
  return facts;
}

/**
 * The quarter of an instant, in UTC.
 *
 * @example quarterOf('2026-12-31T23:59:59Z') → '2026-q4'; quarterOf('2027-01-01T00:00:00Z') → '2027-q1'
 */
export function quarterOf(iso: string): string {
  const date = new Date(iso);
  return `${date.getUTCFullYear()}-q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** First instant of a quarter and of the next one. */
export function quarterBounds(key: string): { start: string; end: string } {
  const [year, q] = key.split('-q').map(Number) as [number, number];
  return { start: new Date(Date.UTC(year, (q - 1) * 3, 1)).toISOString(), end: new Date(Date.UTC(year, q * 3, 1)).toISOString() };
}

/** Every quarter from `first` to `last`, oldest first, the empty ones between included. */
function quartersBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let key = first; ; ) {
    out.push(key);
    if (key === last) return out;
    const [year, q] = key.split('-q').map(Number) as [number, number];
    key = q === 4 ? `${year + 1}-q1` : `${year}-q${q + 1}`;
  }
}

/**
 * The median of a list of numbers; of an even count, the mean of the two middle values.
 *
 * @example median([3, 1, 2]) → 2; median([4, 1, 3, 2]) → 2.5; median([]) → undefined
 */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const FIXED: readonly MeasureId[] = ['published', 'objected', 'moderations', 'hidden', 'hidden-objection', 'hidden-proposal'];
const AFTER_RULES: readonly MeasureId[] = ['appeals', 'appeals-upheld', 'appeals-reversed', 'restored', 'rule-changes', 'policy-changes'];

/** One period's measures from its facts: every fixed measure (zero included), one per rule cited, one per kind decided. */
function measuresOf(facts: readonly Fact[]): Measure[] {
  const byMeasure = new Map<MeasureId, Fact[]>();
  for (const fact of facts) {
    const list = byMeasure.get(fact.measure);
    if (list) list.push(fact);
    else byMeasure.set(fact.measure, [fact]);
  }
  const entries = (id: MeasureId) => (byMeasure.get(id) ?? []).map((f) => f.entry).sort(byTime);
  const rules = [...byMeasure.keys()].filter((id) => id.startsWith('hidden-rule:')).sort();
  const times = DECIDED_KINDS.map((kind) => `time:${kind}` as const).filter((id) => byMeasure.has(id));
  return [
    ...FIXED.map((id) => ({ id, entries: entries(id) })),
    ...rules.map((id) => ({ id, entries: entries(id) })),
    ...AFTER_RULES.map((id) => ({ id, entries: entries(id) })),
    ...times.map((id) => ({ id, entries: entries(id), medianMs: median(byMeasure.get(id)!.map((f) => f.durationMs!)) })),
    { id: 'voted', entries: entries('voted') },
    { id: 'quorum', entries: entries('quorum') },
  ];
}

function byTime(a: Entry, b: Entry): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  const ka = a.decision ?? a.post ?? '';
  const kb = b.decision ?? b.post ?? '';
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * The report: all time, then each quarter from the newest with activity to the oldest.
 *
 * @example
 * transparencyReport({ decisions, publications: publications(decisions.map((d) => d.data), postAdditions(history)).values() })
 */
export function transparencyReport(input: ReportInput): TransparencyReport {
  const reversals = appealReversals([...input.decisions].sort((a, b) => (a.data.closed === b.data.closed ? (a.id < b.id ? 1 : -1) : a.data.closed < b.data.closed ? 1 : -1)).map((d) => ({ ...d, html: '', file: '' })));
  const recordOf = new Map<string, string>();
  for (const d of input.decisions) {
    if (d.data.kind === 'post' && d.data.outcome === 'accepted') for (const file of d.data.files) recordOf.set(`${file}\n${d.data.closed}`, d.id);
  }
  const facts = [...publicationFacts(input.publications, recordOf), ...input.decisions.flatMap((d) => factsOf(d, reversals.reverses))];
  const byQuarter = new Map<string, Fact[]>();
  for (const fact of facts) {
    const key = quarterOf(fact.entry.at);
    const list = byQuarter.get(key);
    if (list) list.push(fact);
    else byQuarter.set(key, [fact]);
  }
  const keys = [...byQuarter.keys()].sort();
  const quarters = keys.length === 0 ? [] : quartersBetween(keys[0]!, keys.at(-1)!);
  return {
    periods: [
      { key: 'all', measures: measuresOf(facts) },
      ...quarters.reverse().map((key) => ({ key, ...quarterBounds(key), measures: measuresOf(byQuarter.get(key) ?? []) })),
    ],
  };
}

/** A measure of a period, or an empty one: a period lists every fixed measure, but rules and kinds only when it has them. */
export function measureOf(period: Period, id: MeasureId): Measure {
  return period.measures.find((m) => m.id === id) ?? { id, entries: [] };
}

/** Longer than this, an all-time list is shown as its quarters, each linking to that quarter's list (issue 14: a page of every post would be rendered again at every merge). */
export const ALL_TIME_LIST_LIMIT = 100;

/**
 * A measure of all time, by quarter: each quarter (oldest first, as the lists are) where it counts something, with
 * its count. The quarters' lists together hold exactly the all-time list: every entry is placed in
 * the one quarter of its time.
 */
export function measureByQuarter(report: TransparencyReport, id: MeasureId): { period: Period; count: number }[] {
  return report.periods.filter((p) => p.key !== 'all').map((period) => ({ period, count: measureOf(period, id).entries.length })).filter((q) => q.count > 0).reverse();
}

/** The part of a measure's id a page uses as an anchor: `hidden-rule:respect` → `hidden-rule-respect`. */
export function anchorOf(id: MeasureId): string {
  return id.replace(':', '-');
}

/** A number as the page's language writes it: 1,234 in English, 1 234 (narrow no-break space) in French. */
export function formatNumber(n: number, lang: string): string {
  return n.toLocaleString(lang).replace(/\u00a0/g, '\u202f');
}

/** A share as a percentage in the page's language, to the unit: 80% in English, 80 % (narrow no-break space) in French. */
export function formatShare(part: number, whole: number, lang: string): string {
  // ICU puts a no-break space (U+00A0) before % in French; the site's French uses the narrow one.
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(part / whole).replace(/\u00a0/g, '\u202f');
}

/**
 * A duration in days and hours (rounded to the hour) from one day on, else in hours and minutes
 * (rounded to the minute): { days: 3, hours: 4, minutes: 0 } for 3 days 4 hours. The page words it
 * (src/i18n); the JSON keeps milliseconds.
 */
export function durationParts(ms: number): { days: number; hours: number; minutes: number } {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1440) return { days: 0, hours: Math.floor(minutes / 60), minutes: minutes % 60 };
  const hours = Math.round(ms / 3_600_000);
  return { days: Math.floor(hours / 24), hours: hours % 24, minutes: 0 };
}
