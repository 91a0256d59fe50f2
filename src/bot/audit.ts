/**
 * `noclout audit`: replay every decision record on main from git history alone
 * (the commits it names, the policy and roster frozen at its opening, the
 * ledger) and report each one that does not follow: a record edited by hand,
 * an outcome, tally or ballot list that the replay does not reproduce, a
 * clock that moved backwards, a merge that is not on main.
 */
import { recordIntact } from '../commons/record-digest.ts';
import type { DecisionRecord } from '../commons/schema/decision.ts';
import { isAncestor } from '../repo/history.ts';
import { listOpenings, readOpening } from '../repo/ledger.ts';
import { resolveCommit, type Repository } from '../repo/repository.ts';
import { treeOf } from '../repo/tree.ts';
import { judge } from './judge.ts';
import { listRecords, readRecord, type RecordFile } from './records.ts';
import type { ChangeSource } from './source.ts';

export interface AuditFinding {
  path: string;
  /** Stable code: audit/edited-by-hand, audit/outcome, audit/tally, audit/ballots, audit/clock, audit/merge, audit/opening, audit/unreadable, audit/missing-record. */
  rule: string;
  message: string;
}

export interface AuditReport {
  base: string;
  records: number;
  findings: AuditFinding[];
}

export async function auditRecords(repo: Repository, source: ChangeSource, baseBranch: string): Promise<AuditReport> {
  const main = await resolveCommit(repo, `refs/heads/${baseBranch}`);
  const files = await listRecords(repo, await treeOf(repo, main));
  const findings: AuditFinding[] = [];
  let previous: DecisionRecord | undefined;
  for (const file of files) {
    const { text, record } = await readRecord(repo, file);
    const find = (rule: string, message: string) => findings.push({ path: file.path, rule, message });
    if (!recordIntact(text)) find('audit/edited-by-hand', 'the record does not match its digest: it was edited after the bot wrote it');
    if (!record) {
      find('audit/unreadable', 'the record cannot be read as a decision record');
      continue;
    }
    if (Date.parse(record.closed) < Date.parse(record.opened)) find('audit/clock', `closed ${record.closed} is before opened ${record.opened}`);
    if (previous && Date.parse(record.closed) < Date.parse(previous.closed)) find('audit/clock', `closed ${record.closed}, before the previous record (${previous.closed}): the clock moved backwards`);
    previous = record;
    try {
      await replay(repo, source, record, find, main);
    } catch (error) {
      find('audit/replay', `cannot replay: ${(error as Error).message}`);
    }
  }
  findings.push(...(await missingRecords(repo, files, main)));
  return { base: main, records: files.length, findings };
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
      if (!present.has(n)) findings.push({ path: `governance/decisions/${year}/${String(n).padStart(4, '0')}-…`, rule: 'audit/missing-record', message: `the records of ${year} skip number ${String(n).padStart(4, '0')}: a decision record was removed from main` });
    }
  }
  const decided = new Set(files.map((f) => f.change));
  for (const change of await listOpenings(repo)) {
    if (decided.has(change)) continue;
    // The head first seen, not every commit seen: a branch stacked on another change saw that change's commits too.
    const opening = await readOpening(repo, change);
    if (opening && (await isAncestor(repo, opening.firstHead, main))) {
      findings.push({ path: `governance/decisions/…-${change}.md`, rule: 'audit/missing-record', message: `change "${change}" is on main (its head ${opening.firstHead.slice(0, 10)} is there), but main has no decision record for it: it was merged by hand, or its record was removed` });
    }
  }
  return findings;
}

async function replay(repo: Repository, source: ChangeSource, record: DecisionRecord, find: (rule: string, message: string) => void, main: string): Promise<void> {
  const opening = await readOpening(repo, record.change);
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
  if (list(record.ballots) !== list(j.ballots)) find('audit/ballots', `ballots [${list(record.ballots)}]; the replay finds [${list(j.ballots)}]`);
  if (verdict.record && JSON.stringify(verdict.record.rule) !== JSON.stringify(record.rule)) find('audit/rule', `rule ${JSON.stringify(record.rule)}; the frozen policy says ${JSON.stringify(verdict.record.rule)}`);
  if (verdict.record && verdict.record.roster.size !== record.roster.size) find('audit/roster', `roster of ${record.roster.size}; the frozen roster has ${verdict.record.roster.size}`);
  if (record.outcome === 'accepted') {
    if (!record.merge) find('audit/merge', 'an accepted change names no merge commit');
    else if (!(await isAncestor(repo, record.merge, main)) || !(await isAncestor(repo, record.head, record.merge))) find('audit/merge', `merge ${record.merge.slice(0, 10)} is not on main, or does not contain head ${record.head.slice(0, 10)}`);
  }
}
