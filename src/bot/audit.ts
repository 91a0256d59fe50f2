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

export interface AuditFinding {
  path: string;
  /**
   * Stable code: audit/edited-by-hand, audit/structure, audit/body, audit/outcome, audit/tally, audit/ballots,
   * audit/comment, audit/reasons, audit/codes, audit/field, audit/rule, audit/roster, audit/clock, audit/merge,
   * audit/opening, audit/unreadable, audit/missing-object, audit/missing-record, audit/replay.
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
}

export async function auditRecords(repo: Repository, source: ChangeSource, baseBranch: string, options: AuditOptions = {}): Promise<AuditReport> {
  const main = await resolveCommit(repo, `refs/heads/${baseBranch}`);
  const files = await listRecords(repo, await treeOf(repo, main));
  const findings: AuditFinding[] = [];
  const ledger = options.fetchLedger ? await bringLedger(repo, files, options.fetchLedger) : undefined;
  let previous: DecisionRecord | undefined;
  for (const file of files) {
    const find = (rule: string, message: string) => findings.push({ path: file.path, rule, message });
    const read = await readRecord(repo, file).catch((error: unknown) => {
      if (!(error instanceof MissingObjectError)) throw error;
      find('audit/missing-object', missingMessage(error, 'the record file itself'));
      return undefined;
    });
    if (!read) continue;
    const { text, record } = read;
    if (!recordIntact(text)) find('audit/edited-by-hand', 'the record does not match its digest: it was edited after the bot wrote it');
    // The shape of the body on its own: a field that held line breaks (or a body rewritten with its front matter) shows here even when a re-render agrees.
    for (const message of recordStructureProblems(text, record)) find('audit/structure', message);
    if (!record) {
      find('audit/unreadable', 'the record cannot be read as a decision record');
      continue;
    }
    bodyFindings(text, record, find);
    if (Date.parse(record.closed) < Date.parse(record.opened)) find('audit/clock', `closed ${record.closed} is before opened ${record.opened}`);
    if (previous && Date.parse(record.closed) < Date.parse(previous.closed)) find('audit/clock', `closed ${record.closed}, before the previous record (${previous.closed}): the clock moved backwards`);
    previous = record;
    try {
      await replay(repo, source, record, find, main);
    } catch (error) {
      if (error instanceof MissingObjectError) find('audit/missing-object', missingMessage(error, roleOf(error.oid, record)));
      else find('audit/replay', `cannot replay: ${(error as Error).message}`);
    }
  }
  findings.push(...(await missingRecords(repo, files, main)));
  return { base: main, records: files.length, findings, ...(ledger ? { ledger } : {}) };
}

/**
 * Records removed from main. The records of a year are numbered 1, 2, 3… in
 * the order the bot wrote them, so a gap is a record taken out; and a change
 * the ledger opened whose commits are on main was merged, so it must have a
 * record there.
 */
async function missingRecords(repo: Repository, files: readonly RecordFile[], main: string): Promise<AuditFinding[]> {
  const findings: AuditFinding[] = [];
  const years = new Map<string, number[]>();
  for (const f of files) years.set(f.year, [...(years.get(f.year) ?? []), f.number]);
  for (const [year, numbers] of years) {
    const present = new Set(numbers);
    for (let n = 1; n < Math.max(...numbers); n++) {
      const number = String(n).padStart(4, '0');
      const path = `governance/decisions/${year}/${number}-…`;
      if (!present.has(n)) findings.push(coded(codedProblem(path, 'audit/missing-record', 'audit/number-skipped', { year, number })));
    }
  }
  const decided = new Set(files.map((f) => f.change));
  const openings = await listOpenings(repo).catch((error: unknown) => {
    if (!(error instanceof MissingObjectError)) throw error;
    findings.push({ path: LEDGER, rule: 'audit/missing-object', message: `cannot check that every change the ledger opened and main contains has a record: the ledger, ${error.message}; ${error.why}. To audit it, ${error.fix}` });
    return [];
  });
  for (const change of openings) {
    if (decided.has(change)) continue;
    // The head first seen, not every commit seen: a branch stacked on another change saw that change's commits too.
    let onMain = false;
    const opening = await readOpening(repo, change).catch((error: unknown) => {
      if (!(error instanceof MissingObjectError)) throw error;
      findings.push({ path: `${LEDGER}:openings/${change}.yml`, rule: 'audit/missing-object', message: missingMessage(error, `the ledger entry of "${change}"`) });
      return undefined;
    });
    try {
      onMain = opening !== undefined && (await isAncestor(repo, opening.firstHead, main));
    } catch (error) {
      if (!(error instanceof MissingObjectError)) throw error;
      // gc prunes only what no ref reaches, main included: a head pruned from a full clone was never merged.
      // A shallow clone may lack commits that main does reach: there the question stays open.
      if (error.shallow) findings.push({ path: `${LEDGER}:openings/${change}.yml`, rule: 'audit/missing-object', message: `cannot tell whether change "${change}" is on main without a record: ${missingMessage(error, `its first head ${opening!.firstHead}`)}` });
    }
    if (opening && onMain) {
      const path = `governance/decisions/…-${change}.md`;
      findings.push(coded(codedProblem(path, 'audit/missing-record', 'audit/no-record', { change, head: opening.firstHead.slice(0, 10) })));
    }
  }
  return findings;
}

const LEDGER = 'refs/noclout/ledger';

/** A finding from a coded problem: its path, rule and English, with the code and parameters that say it in another language. */
function coded(p: Problem): AuditFinding {
  return { path: p.path, rule: p.rule, message: p.message, ...(p.code !== undefined ? { code: p.code } : {}), ...(p.params ? { params: p.params } : {}) };
}

/** Whether `commit` is on main: from one walk of main's history for all the records, else by a walk that says what it lacks. */
async function onMain(repo: Repository, commit: string, main: string): Promise<boolean> {
  return (await surelyReachable(repo, main)).has(commit) || isAncestor(repo, commit, main);
}

/** Which object of the record a missing id is, in words. */
function roleOf(oid: string, record: DecisionRecord): string {
  const roles: [string | undefined, string][] = [
    [record.head, 'the head commit the record names'],
    [record.base, 'the base commit the record names'],
    [record.merge, 'the merge commit the record names'],
    [record.policyCommit, 'the policy commit frozen at the opening'],
    [record.roster.commit, 'the roster commit frozen at the opening'],
  ];
  return roles.find(([id]) => id === oid)?.[1] ?? 'an object the replay needs';
}

/** "cannot verify: <which object> … is missing: why; what to do". */
function missingMessage(error: MissingObjectError, role: string): string {
  return `cannot verify this record: ${role}, ${error.message}; ${error.why}. To audit it, ${error.fix}`;
}

/**
 * The body is the front matter said in prose: the bot renders it from the
 * record, so any difference is an edit (the digest is unkeyed: whoever can
 * write main can re-seal it).
 */
function bodyFindings(text: string, record: DecisionRecord, find: (rule: string, message: string) => void): void {
  const { digest: _digest, ...unsealed } = record;
  const bodyOf = (t: string) => {
    const end = t.indexOf('\n---\n', 4);
    return end < 0 ? '' : t.slice(end + 5).replace(/\r\n/g, '\n');
  };
  const expected = bodyOf(renderRecord(unsealed as UnsealedRecord)).split('\n');
  const actual = bodyOf(text).split('\n');
  const i = expected.findIndex((line, n) => line !== actual[n]);
  const at = i >= 0 ? i : expected.length < actual.length ? expected.length : -1;
  if (at >= 0) find('audit/body', `the body does not say what the front matter says, from body line ${at + 1}: it reads ${JSON.stringify(actual[at] ?? '(end of file)')}; rendered from the front matter it is ${JSON.stringify(expected[at] ?? '(end of file)')}`);
}

/**
 * Texts the record copies from evidence or from the replay: each ballot's
 * reason, the voter's comment, rule and commit; the reasons; the title,
 * author, files and moderation facts. Each difference names the field and
 * both values.
 */
function textFindings(record: DecisionRecord, replayed: UnsealedRecord | undefined, ballots: DecisionRecord['ballots'], find: (rule: string, message: string) => void): void {
  const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));
  // A record written before codes has no reasonCodes: its texts are checked, and it may hold no code at all.
  // A record with codes must hold exactly the replay's, each beside the English made from it.
  const coded = record.reasonCodes !== undefined;
  const moderation = (m: UnsealedRecord['moderation']) => (m && !coded ? (({ appealCode: _code, ...rest }) => rest)(m) : m);
  if (record.ballots.length === ballots.length) {
    record.ballots.forEach((b, i) => {
      const r = ballots[i]!;
      if (b.voter !== r.voter) return; // the ballot list differs: audit/ballots says so
      const where = `ballots[${i}] (${b.voter})`;
      const source = r.commit ? `the ballot at commit ${r.commit.slice(0, 10)}` : 'the ballot';
      const comment = r.comment === undefined ? undefined : clip(r.comment, 2000);
      if (b.comment !== comment) find('audit/comment', `${where}.comment is ${show(b.comment)}; ${source} says ${show(comment)}`);
      const reason = clip(r.reason, 300);
      if (b.reason !== reason) find('audit/ballots', `${where}.reason is ${show(b.reason)}; the replay gives ${show(reason)}`);
      if (b.rule !== r.rule) find('audit/ballots', `${where}.rule is ${show(b.rule)}; ${source} cites ${show(r.rule)}`);
      if (b.commit !== r.commit) find('audit/ballots', `${where}.commit is ${show(b.commit)}; the replay finds the ballot in ${show(r.commit)}`);
      // A ballot's time is kept since issue 13 (what-if replays from it): when the record has it, it must be the replay's.
      if (b.castAt !== undefined && b.castAt !== r.castAt) find('audit/ballots', `${where}.castAt is ${show(b.castAt)}; the replay finds it cast at ${show(r.castAt)}`);
      const status = coded ? r.status : undefined;
      if (canonical(b.status) !== canonical(status)) find('audit/codes', `${where}.status is ${show(b.status)}; the replay gives ${show(status)}`);
    });
  }
  const timed = record.ballots.filter((b) => b.castAt !== undefined).length;
  if (timed > 0 && timed < record.ballots.length) find('audit/ballots', `${timed} of ${count(record.ballots.length, 'ballot')} have a castAt: a record keeps every ballot's time or none (one written before times were kept)`);
  if (!replayed) return;
  if (record.textSeen !== undefined && record.textSeen !== replayed.textSeen) find('audit/field', `textSeen is ${show(record.textSeen)}; the replay gives ${show(replayed.textSeen)}`);
  if (record.kind === 'post' && timed > 0 && record.textSeen === undefined) find('audit/field', 'the record keeps its ballots\' times but not textSeen, which the bot writes with them');
  if (coded && canonical(record.reasonCodes) !== canonical(replayed.reasonCodes)) find('audit/codes', `reasonCodes are ${show(record.reasonCodes)}; the replay gives ${show(replayed.reasonCodes)}`);
  const n = Math.max(record.reasons.length, replayed.reasons.length);
  for (let i = 0; i < n; i++) {
    if (record.reasons[i] !== replayed.reasons[i]) find('audit/reasons', `reasons[${i}] is ${show(record.reasons[i])}; the replay gives ${show(replayed.reasons[i])}`);
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
    if (canonical(said) !== canonical(found)) find('audit/field', `${field} is ${show(said)}; the replay gives ${show(found)}`);
  }
}

/** JSON with object keys sorted: the same facts compare equal whatever order they were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

async function replay(repo: Repository, source: ChangeSource, record: DecisionRecord, find: (rule: string, message: string) => void, main: string): Promise<void> {
  const opening = await doing(repo, `needed to read ${LEDGER}:openings/${record.change}.yml`, () => readOpening(repo, record.change));
  if (!opening) return find('audit/opening', `the ledger (refs/noclout/ledger) has no opening for "${record.change}"; fetch it: git fetch origin refs/noclout/ledger:refs/noclout/ledger`);
  if (opening.opened !== record.opened) find('audit/opening', `opened ${record.opened}, but the ledger says ${opening.opened}`);
  if (opening.policyCommit !== record.policyCommit) find('audit/opening', `policy commit ${record.policyCommit}, but the ledger froze ${opening.policyCommit}`);
  const verdict = await judge({ repo, source, now: new Date(record.closed), record: false, replay: true }, { head: record.change, commit: record.head }, record.base);
  const j = verdict.judgement;
  const expected = record.outcome === 'accepted' ? 'accept' : 'reject';
  if (j.decision !== expected) find('audit/outcome', `the record says ${record.outcome}; replaying it at ${record.closed} gives ${j.decision}${j.reasons[0] ? ` (${j.reasons[0]})` : ''}`);
  const said = (t?: DecisionRecord['tally']) => (t ? `${t.yes}/${t.no}/${t.abstain} of ${t.eligible}, quorum ${t.quorumMet}, threshold ${t.thresholdMet}` : 'none');
  if (said(record.tally) !== said(j.tally)) find('audit/tally', `tally ${said(record.tally)}; the replay counts ${said(j.tally)}`);
  const list = (bs: DecisionRecord['ballots']) => bs.map((b) => `${b.voter}:${b.vote}:${b.counted}`).join(', ');
  // A record lists every counted ballot and the first uncounted ones (listedBallots): compare like with like.
  const replayed = listedBallots(j.ballots);
  if (list(record.ballots) !== list(replayed.listed)) find('audit/ballots', `ballots [${list(record.ballots)}]; the replay finds [${list(replayed.listed)}]`);
  if ((record.unlistedBallots ?? 0) !== replayed.unlisted) find('audit/ballots', `${record.unlistedBallots ?? 0} uncounted ballots not listed; the replay finds ${replayed.unlisted}`);
  if (verdict.record && JSON.stringify(verdict.record.rule) !== JSON.stringify(record.rule)) find('audit/rule', `rule ${JSON.stringify(record.rule)}; the frozen policy says ${JSON.stringify(verdict.record.rule)}`);
  if (verdict.record && verdict.record.roster.size !== record.roster.size) find('audit/roster', `roster of ${record.roster.size}; the frozen roster has ${verdict.record.roster.size}`);
  textFindings(record, verdict.record, verdict.record?.ballots ?? j.ballots, find);
  if (record.outcome === 'accepted') {
    if (!record.merge) find('audit/merge', 'an accepted change names no merge commit');
    else if (!(await onMain(repo, record.merge, main)) || !(await isAncestor(repo, record.head, record.merge))) find('audit/merge', `merge ${record.merge.slice(0, 10)} is not on main, or does not contain head ${record.head.slice(0, 10)}`);
  }
}
