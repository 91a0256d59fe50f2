/**
 * `noclout audit`: replay every decision record on main from git history alone
 * (the commits it names, the policy and roster frozen at its opening, the
 * ledger) and report each one that does not follow: a record edited by hand,
 * an outcome, tally or ballot list that the replay does not reproduce, a
 * clock that moved backwards, a merge that is not on main.
 */
import { listedBallots, recordStructureProblems, renderRecord, type UnsealedRecord } from '../commons/decision-record.ts';
import type { Problem } from '../commons/problem.ts';
import { recordIntact } from '../commons/record-digest.ts';
import { codedProblem } from '../commons/texts/problems.ts';
import { NO_AUDIT_FAULT, type AuditFault, type AuditFaultKind, type AuditMissing } from '../commons/texts/problems-en.ts';
import { recordText } from '../commons/texts/index.ts';
import type { DecisionRecord } from '../commons/schema/decision.ts';
import { isAncestor, surelyReachable } from '../repo/history.ts';
import { listOpenings, readOpening } from '../repo/ledger.ts';
import type { LedgerFetch } from '../repo/ledger-fetch.ts';
import { doing, MissingObjectError } from '../repo/missing.ts';
import { resolveCommit, type Repository } from '../repo/repository.ts';
import { treeOf } from '../repo/tree.ts';
import { judge } from './judge.ts';
import { bringLedger, type LedgerBrought } from './ledger-sync.ts';
import { clip } from './record-of.ts';
import { listRecords, readRecord, type RecordFile } from './records.ts';
import { count } from '../commons/plural.ts';
import type { ChangeSource } from './source.ts';
import { GitSource } from './git-source.ts';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export interface AuditFinding {
  path: string;
  /**
   * Stable code: audit/edited-by-hand, audit/structure, audit/body, audit/outcome, audit/tally, audit/ballots,
   * audit/comment, audit/reasons, audit/codes, audit/field, audit/rule, audit/roster, audit/clock, audit/merge,
   * audit/opening, audit/unreadable, audit/missing-object, audit/missing-record, audit/replay,
   * audit/misfiled, audit/duplicate.
   */
  rule: string;
  message: string;
  /** The finding's code and parameters in texts/problems-en.ts, when it has one (issue 12): `message` is its English. */
  code?: string;
  params?: Record<string, string | number>;
}

export interface AuditReport {
  base: string;
  records: number;
  findings: AuditFinding[];
  /** When the ledger here lacked openings of the records: how many, and what fetching it did. */
  ledger?: LedgerBrought;
}

export interface AuditOptions {
  /**
   * Bring refs/noclout/ledger from elsewhere (the clone's remote), called once before the replay
   * when records on main name changes the ledger here has no opening for: `git clone` does not
   * fetch the ledger, so a fresh clone has the records alone (src/bot/ledger-sync.ts).
   */
  fetchLedger?: () => Promise<LedgerFetch>;
  /**
   * Replay in two threads: this one from the first record on, a worker thread from the last back
   * (git-native changes only: a forge's source stays here). 'auto': from WORKER_FROM records on,
   * when the machine has a second core; 2: in two threads whatever the count (tests). The
   * findings are the same, in the same order, as replayed in one thread.
   */
  workers?: 1 | 2 | 'auto';
}

/** What one record's check found: before the order of closes is checked against the previous record, and after (the replay). */
export interface RecordCheck {
  before: AuditFinding[];
  /** The record's close, when it reads (the next record must not close before it). */
  closed?: string;
  /** The change the record decides, when it reads: what it says inside, not what its file name says. */
  change?: string;
  after: AuditFinding[];
}

export async function auditRecords(repo: Repository, source: ChangeSource, baseBranch: string, options: AuditOptions = {}): Promise<AuditReport> {
  const main = await resolveCommit(repo, `refs/heads/${baseBranch}`);
  const files = await listRecords(repo, await treeOf(repo, main));
  const findings: AuditFinding[] = [];
  const ledger = options.fetchLedger ? await bringLedger(repo, files, options.fetchLedger) : undefined;
  let previousClose: string | undefined;
  // The change each record decides, by what it holds (its file name when it does not read): one record per change.
  const decided = new Map<string, string>();
  let at = 0;
  for await (const check of recordChecks(repo, source, baseBranch, main, files, runsOf(options.workers, files.length, source))) {
    const file = files[at++]!;
    findings.push(...check.before);
    const change = check.change ?? file.change;
    const first = decided.get(change);
    if (first !== undefined) findings.push(finding(file.path, 'audit/duplicate', 'duplicate', { change, detail: first }));
    else decided.set(change, file.path);
    if (check.closed === undefined) continue;
    if (previousClose !== undefined && Date.parse(check.closed) < Date.parse(previousClose)) findings.push(finding(file.path, 'audit/clock', 'clock-backwards', { said: check.closed, found: previousClose }));
    previousClose = check.closed;
    findings.push(...check.after);
  }
  findings.push(...(await missingRecords(repo, files, decided, main)));
  return { base: main, records: files.length, findings, ...(ledger ? { ledger } : {}) };
}

/** Every check of one record on its own: the text, its shape and body, its clock, and its replay. */
export async function checkRecord(repo: Repository, source: ChangeSource, file: RecordFile, main: string): Promise<RecordCheck> {
  const before: AuditFinding[] = [];
  const after: AuditFinding[] = [];
  let find: Find = (rule, fault, params) => before.push(finding(file.path, rule, fault, params));
  const read = await readRecord(repo, file).catch((error: unknown) => {
    if (!(error instanceof MissingObjectError)) throw error;
    before.push(missingFinding(file.path, error, { role: 'record-file' }));
    return undefined;
  });
  if (!read) return { before, after };
  const { text, record } = read;
  if (!recordIntact(text)) find('audit/edited-by-hand', 'edited-by-hand');
  // The shape of the body on its own: a field that held line breaks (or a body rewritten with its front matter) shows here even when a re-render agrees.
  for (const fault of recordStructureProblems(text, record)) find('audit/structure', 'structure', { detail: JSON.stringify(fault) });
  if (!record) {
    find('audit/unreadable', 'unreadable');
    return { before, after };
  }
  bodyFindings(text, record, find);
  // The file name is not sealed: a valid record copied over another's file, or moved to another year, reads clean on its own.
  if (record.change !== file.change) find('audit/misfiled', 'misfiled', { said: file.change, found: record.change });
  const closedYear = new Date(record.closed).getUTCFullYear();
  if (Number(file.year) < closedYear) find('audit/misfiled', 'filed-before-close', { said: file.year, found: String(closedYear) });
  if (Date.parse(record.closed) < Date.parse(record.opened)) find('audit/clock', 'closed-before-opened', { said: record.closed, found: record.opened });
  find = (rule, fault, params) => after.push(finding(file.path, rule, fault, params));
  try {
    await replay(repo, source, record, find, main);
  } catch (error) {
    if (error instanceof MissingObjectError) after.push(missingFinding(file.path, error, { role: roleOf(error.oid, record) }));
    else find('audit/replay', 'cannot-replay', { detail: (error as Error).message });
  }
  return { before, closed: record.closed, change: record.change, after };
}

/** Records are replayed in two threads from this many on (a worker thread takes about half a second to start). */
const WORKER_FROM = 1_000;

function runsOf(asked: AuditOptions['workers'], records: number, source: ChangeSource): number {
  if (asked === undefined || !(source instanceof GitSource)) return 1;
  if (asked !== 'auto') return asked;
  return records >= WORKER_FROM && availableParallelism() >= 2 ? 2 : 1;
}

/**
 * Every record's check, in record order. In two threads (`runs` 2), this one replays the records
 * from the first on and a worker thread (src/bot/audit-worker.ts) from the last back, each taking
 * one record at a time from the two ends of what is left (one shared counter), until they meet:
 * neither waits for the other whichever records cost more, and each reads consecutive records,
 * which share most of what they read.
 */
async function* recordChecks(repo: Repository, source: ChangeSource, baseBranch: string, main: string, files: readonly RecordFile[], runs: number): AsyncGenerator<RecordCheck> {
  if (runs <= 1 || files.length < 2) {
    for (const file of files) yield await checkRecord(repo, source, file, main);
    return;
  }
  const left = new BigInt64Array(new SharedArrayBuffer(8));
  left[0] = BigInt(files.length) << 32n;
  const data: AuditWorkerData = { gitdir: repo.gitdir, baseBranch, now: (source as GitSource).now.toISOString(), main, files: [...files], left };
  const back = checkInWorker(data);
  // A worker that fails is reported when its records are reached, not as an unhandled rejection meanwhile.
  back.promise.catch(() => undefined);
  try {
    // The two start together (the worker's start is its own thread's, mostly loading modules): each replays records from its end.
    await Promise.race([back.ready, back.promise]);
    for (let i = takeRecord(left, 'first'); i >= 0; i = takeRecord(left, 'first')) yield await checkRecord(repo, source, files[i]!, main);
    yield* await back.promise;
  } finally {
    await back.worker.terminate();
  }
}

/**
 * The next record to replay from one end of what is left, or -1 when nothing is: `left` holds the
 * first index left (low 32 bits) and one past the last (high 32 bits), changed by one atomic
 * compare-and-swap, so two threads never take the same record.
 */
export function takeRecord(left: BigInt64Array, end: 'first' | 'last'): number {
  for (;;) {
    const current = Atomics.load(left, 0);
    const low = Number(current & 0xffffffffn);
    const high = Number(current >> 32n);
    if (low >= high) return -1;
    const next = end === 'first' ? (BigInt(high) << 32n) | BigInt(low + 1) : (BigInt(high - 1) << 32n) | BigInt(low);
    if (Atomics.compareExchange(left, 0, current, next) === current) return end === 'first' ? low : high - 1;
  }
}

/** The worker thread replaying from the last record back: when it is ready to, and its checks in record order once it has met this thread. */
function checkInWorker(data: AuditWorkerData): { worker: Worker; ready: Promise<void>; promise: Promise<RecordCheck[]> } {
  const worker = new Worker(new URL('./audit-worker.ts', import.meta.url), { workerData: data });
  let started: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (started = resolve));
  const promise = new Promise<RecordCheck[]>((resolve, reject) => {
    let done = false;
    worker.on('message', (message: { ready: true } | { checks: RecordCheck[] } | { error: string }) => {
      if ('ready' in message) return started();
      done = true;
      if ('checks' in message) resolve(message.checks);
      else reject(new Error(message.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`an audit worker stopped (exit code ${code}) before it had replayed its records`));
    });
  });
  return { worker, ready, promise };
}

/** What the worker is given: the repository, the base branch and source clock, main, every record, and the shared counter of what is left (takeRecord). */
export interface AuditWorkerData {
  gitdir: string;
  baseBranch: string;
  now: string;
  main: string;
  files: RecordFile[];
  left: BigInt64Array;
}

/**
 * Records removed from main. The records of a year are numbered 1, 2, 3… in
 * the order the bot wrote them, so a gap is a record taken out; and a change
 * the ledger opened whose commits are on main was merged, so it must have a
 * record there.
 */
async function missingRecords(repo: Repository, files: readonly RecordFile[], decided: ReadonlyMap<string, string>, main: string): Promise<AuditFinding[]> {
  const findings: AuditFinding[] = [];
  const years = new Map<string, number[]>();
  const numbered = new Map<string, string>();
  for (const f of files) {
    let numbers = years.get(f.year);
    if (!numbers) years.set(f.year, (numbers = []));
    numbers.push(f.number);
    // Two files of one number: one of them was not written by the bot, which numbers each record once.
    const key = `${f.year}/${f.number}`;
    const first = numbered.get(key);
    if (first !== undefined) findings.push(finding(f.path, 'audit/duplicate', 'number-reused', { said: String(f.number).padStart(4, '0'), field: f.year, detail: first }));
    else numbered.set(key, f.path);
  }
  for (const [year, numbers] of years) {
    const present = new Set(numbers);
    let highest = 0;
    for (const n of numbers) if (n > highest) highest = n;
    for (let n = 1; n < highest; n++) {
      const number = String(n).padStart(4, '0');
      const path = `governance/decisions/${year}/${number}-…`;
      if (!present.has(n)) findings.push(coded(codedProblem(path, 'audit/missing-record', 'audit/number-skipped', { year, number })));
    }
  }
  const openings = await listOpenings(repo).catch((error: unknown) => {
    if (!(error instanceof MissingObjectError)) throw error;
    findings.push(missingFinding(LEDGER, error, { role: 'ledger' }));
    return [];
  });
  for (const change of openings) {
    if (decided.has(change)) continue;
    // The head first seen, not every commit seen: a branch stacked on another change saw that change's commits too.
    let onMain = false;
    const opening = await readOpening(repo, change).catch((error: unknown) => {
      if (!(error instanceof MissingObjectError)) throw error;
      findings.push(missingFinding(`${LEDGER}:openings/${change}.yml`, error, { role: 'ledger-entry', change }));
      return undefined;
    });
    try {
      onMain = opening !== undefined && (await isAncestor(repo, opening.firstHead, main));
    } catch (error) {
      if (!(error instanceof MissingObjectError)) throw error;
      // gc prunes only what no ref reaches, main included: a head pruned from a full clone was never merged.
      // A shallow clone may lack commits that main does reach: there the question stays open.
      if (error.shallow) findings.push(missingFinding(`${LEDGER}:openings/${change}.yml`, error, { role: 'first-head', change, commit: opening!.firstHead }));
    }
    if (opening && onMain) {
      const path = `governance/decisions/…-${change}.md`;
      findings.push(coded(codedProblem(path, 'audit/missing-record', 'audit/no-record', { change, head: opening.firstHead.slice(0, 10) })));
    }
  }
  return findings;
}

const LEDGER = 'refs/noclout/ledger';

/** Ballot statuses given a code after records were written without one (src/commons/texts/codes.ts). */
const STATUS_CODED_LATER = new Set(['ballot-bad-signature', 'ballot-unreadable', 'ballot-problems']);

/** A finding from a coded problem: its path, rule and English, with the code and parameters that say it in another language. */
function coded(p: Problem): AuditFinding {
  return { path: p.path, rule: p.rule, message: p.message, ...(p.code !== undefined ? { code: p.code } : {}), ...(p.params ? { params: p.params } : {}) };
}

/** Whether `commit` is on main: from one walk of main's history for all the records, else by a walk that says what it lacks. */
async function onMain(repo: Repository, commit: string, main: string): Promise<boolean> {
  return (await surelyReachable(repo, main)).has(commit) || isAncestor(repo, commit, main);
}

/** Which object of the record a missing id is (the catalogue words it: texts/problems-en.ts, AuditMissing). */
function roleOf(oid: string, record: DecisionRecord): AuditMissing['role'] {
  const roles: [string | undefined, AuditMissing['role']][] = [
    [record.head, 'head'],
    [record.base, 'base'],
    [record.merge, 'merge'],
    [record.policyCommit, 'policy'],
    [record.roster.commit, 'roster'],
  ];
  return roles.find(([id]) => id === oid)?.[1] ?? 'replay';
}

/** "cannot verify: <which object> … is missing: why; what to do", in the catalogue's words. */
function missingFinding(path: string, error: MissingObjectError, role: Partial<AuditMissing> & Pick<AuditMissing, 'role'>): AuditFinding {
  return coded(codedProblem(path, 'audit/missing-object', 'audit/missing-object', { ...error.params, change: '', commit: '', ...role }));
}

/** What audit found, in the catalogue's words (audit/finding): `fault` picks the sentence, `params` the values it names. */
type Find = (rule: string, fault: AuditFaultKind, params?: Partial<Omit<AuditFault, 'fault'>>) => void;

function finding(path: string, rule: string, fault: AuditFaultKind, params: Partial<Omit<AuditFault, 'fault'>> = {}): AuditFinding {
  return coded(codedProblem(path, rule, 'audit/finding', { ...NO_AUDIT_FAULT, ...params, fault }));
}

/**
 * The body is the front matter said in prose: the bot renders it from the
 * record, so any difference is an edit (the digest is unkeyed: whoever can
 * write main can re-seal it).
 */
function bodyFindings(text: string, record: DecisionRecord, find: Find): void {
  const { digest: _digest, ...unsealed } = record;
  const bodyOf = (t: string) => {
    const end = t.indexOf('\n---\n', 4);
    return end < 0 ? '' : t.slice(end + 5).replace(/\r\n/g, '\n');
  };
  const expected = bodyOf(renderRecord(unsealed as UnsealedRecord)).split('\n');
  const actual = bodyOf(text).split('\n');
  const i = expected.findIndex((line, n) => line !== actual[n]);
  const at = i >= 0 ? i : expected.length < actual.length ? expected.length : -1;
  // '' is the end of the file: the catalogue says so in each language.
  const line = (l: string | undefined) => (l === undefined ? '' : JSON.stringify(l));
  if (at >= 0) find('audit/body', 'body', { at: at + 1, said: line(actual[at]), found: line(expected[at]) });
}

/**
 * Texts the record copies from evidence or from the replay: each ballot's
 * reason, the voter's comment, rule and commit; the reasons; the title,
 * author, files and moderation facts. Each difference names the field and
 * both values.
 */
function textFindings(record: DecisionRecord, replayed: UnsealedRecord | undefined, ballots: DecisionRecord['ballots'], find: Find): void {
  // '' is no value: the catalogue says "(none)" in each language.
  const show = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));
  // A record written before codes has no reasonCodes: its texts are checked, and it may hold no code at all.
  // A record with codes must hold exactly the replay's, each beside the English made from it.
  const coded = record.reasonCodes !== undefined;
  const moderation = (m: UnsealedRecord['moderation']) => (m && !coded ? (({ appealCode: _code, ...rest }) => rest)(m) : m);
  if (record.ballots.length === ballots.length) {
    record.ballots.forEach((b, i) => {
      const r = ballots[i]!;
      if (b.voter !== r.voter) return; // the ballot list differs: audit/ballots says so
      const where = { at: i, detail: b.voter, commit: r.commit ? r.commit.slice(0, 10) : '' };
      const comment = r.comment === undefined ? undefined : clip(r.comment, 2000);
      if (b.comment !== comment) find('audit/comment', 'ballot-comment', { ...where, said: show(b.comment), found: show(comment) });
      const reason = clip(r.reason, 300);
      if (b.reason !== reason) find('audit/ballots', 'ballot-reason', { ...where, said: show(b.reason), found: show(reason) });
      if (b.rule !== r.rule) find('audit/ballots', 'ballot-rule', { ...where, said: show(b.rule), found: show(r.rule) });
      if (b.commit !== r.commit) find('audit/ballots', 'ballot-commit', { ...where, said: show(b.commit), found: show(r.commit) });
      // A ballot's time is kept since issue 13 (what-if replays from it): when the record has it, it must be the replay's.
      if (b.castAt !== undefined && b.castAt !== r.castAt) find('audit/ballots', 'ballot-cast-at', { ...where, said: show(b.castAt), found: show(r.castAt) });
      // A status coded after the record was written (a bad signature's): the record keeps its English alone, compared above.
      const later = b.status === undefined && r.status !== undefined && STATUS_CODED_LATER.has(r.status.code);
      const status = coded && !later ? r.status : undefined;
      if (canonical(b.status) !== canonical(status)) find('audit/codes', 'ballot-status', { ...where, said: show(b.status), found: show(status) });
    });
  }
  const timed = record.ballots.filter((b) => b.castAt !== undefined).length;
  if (timed > 0 && timed < record.ballots.length) find('audit/ballots', 'cast-at-partial', { said: String(timed), found: String(record.ballots.length) });
  if (!replayed) return;
  if (record.textSeen !== undefined && record.textSeen !== replayed.textSeen) find('audit/field', 'field', { field: 'textSeen', said: show(record.textSeen), found: show(replayed.textSeen) });
  if (record.kind === 'post' && timed > 0 && record.textSeen === undefined) find('audit/field', 'text-seen-missing');
  if (coded && canonical(record.reasonCodes) !== canonical(replayed.reasonCodes)) find('audit/codes', 'reason-codes', { said: show(record.reasonCodes), found: show(replayed.reasonCodes) });
  const n = Math.max(record.reasons.length, replayed.reasons.length);
  for (let i = 0; i < n; i++) {
    if (record.reasons[i] !== replayed.reasons[i]) find('audit/reasons', 'reason', { at: i, said: show(record.reasons[i]), found: show(replayed.reasons[i]) });
  }
  const fields: [string, unknown, unknown][] = [
    ['title', record.title, replayed.title],
    ['kind', record.kind, replayed.kind],
    ['author', record.author, replayed.author],
    ['files', record.files, replayed.files],
    ['roster.commit', record.roster.commit, replayed.roster.commit],
    ['moderation', record.moderation, moderation(replayed.moderation)],
  ];
  for (const [field, said, found] of fields) {
    if (canonical(said) !== canonical(found)) find('audit/field', 'field', { field, said: show(said), found: show(found) });
  }
}

/** JSON with object keys sorted: the same facts compare equal whatever order they were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

async function replay(repo: Repository, source: ChangeSource, record: DecisionRecord, find: Find, main: string): Promise<void> {
  const opening = await doing(repo, { step: 'ledger-entry', change: record.change }, () => readOpening(repo, record.change));
  if (!opening) return find('audit/opening', 'no-opening', { change: record.change });
  if (opening.opened !== record.opened) find('audit/opening', 'opened-differs', { said: record.opened, found: opening.opened });
  if (opening.policyCommit !== record.policyCommit) find('audit/opening', 'policy-differs', { said: record.policyCommit, found: opening.policyCommit });
  // A sealed vote re-opens with the signature the record keeps, verified against the frozen beacon: offline.
  const verdict = await judge({ repo, source, now: new Date(record.closed), record: false, replay: true, ...(record.sealed ? { sealedRound: record.sealed } : {}) }, { head: record.change, commit: record.head }, record.base);
  const j = verdict.judgement;
  const expected = record.outcome === 'accepted' ? 'accept' : 'reject';
  // The replay's first reason, with its code when it has one, so that another language says it too.
  const first = j.reasonCodes?.[0] && recordText(j.reasonCodes[0]) === j.reasons[0] ? JSON.stringify(j.reasonCodes[0]) : '';
  if (j.decision !== expected) find('audit/outcome', 'outcome', { said: record.outcome, field: record.closed, found: j.decision, detail: j.reasons[0] ?? '', reason: first });
  const tally = (t?: DecisionRecord['tally']) => (t ? JSON.stringify([t.yes, t.no, t.abstain, t.eligible, t.quorumMet, t.thresholdMet]) : '');
  if (tally(record.tally) !== tally(j.tally)) find('audit/tally', 'tally', { said: tally(record.tally), found: tally(j.tally) });
  const list = (bs: DecisionRecord['ballots']) => bs.map((b) => `${b.voter}:${b.vote}:${b.counted}`).join(', ');
  // A record lists every counted ballot and the first uncounted ones (listedBallots): compare like with like.
  const replayed = listedBallots(j.ballots);
  if (list(record.ballots) !== list(replayed.listed)) find('audit/ballots', 'ballots', { said: list(record.ballots), found: list(replayed.listed) });
  if ((record.unlistedBallots ?? 0) !== replayed.unlisted) find('audit/ballots', 'unlisted', { said: String(record.unlistedBallots ?? 0), found: String(replayed.unlisted) });
  if (verdict.record && JSON.stringify(verdict.record.rule) !== JSON.stringify(record.rule)) find('audit/rule', 'rule', { said: JSON.stringify(record.rule), found: JSON.stringify(verdict.record.rule) });
  if (verdict.record && verdict.record.roster.size !== record.roster.size) find('audit/roster', 'roster', { said: String(record.roster.size), found: String(verdict.record.roster.size) });
  textFindings(record, verdict.record, verdict.record?.ballots ?? j.ballots, find);
  if (record.outcome === 'accepted') {
    if (!record.merge) find('audit/merge', 'no-merge');
    else if (!(await onMain(repo, record.merge, main)) || !(await isAncestor(repo, record.head, record.merge))) find('audit/merge', 'merge-off-main', { said: record.merge.slice(0, 10), found: record.head.slice(0, 10) });
  }
}
