/**
 * Human output, like a compiler: what was decided and why, the tally and the
 * deadline, every ballot and whether it counted, the problems as
 * `path:line:col: message [rule]`, and what to do next.
 */
import type { Judgement, MergeResult } from '../commons/judgement.ts';
import { formatProblem } from '../commons/problem.ts';
import type { AuditReport } from './audit.ts';
import { count } from '../commons/plural.ts';

const VERDICT: Record<Judgement['decision'], string> = {
  accept: 'accepted',
  reject: 'rejected',
  pending: 'pending',
  invalid: 'invalid',
  manual: 'manual review',
};

/** `change` is the change's name (slug), when known: the next step then names its ballot folder. */
export function explainJudgement(j: Judgement | MergeResult, mode: 'review' | 'merge', change?: string): string {
  const lines: string[] = [];
  const merged = 'merged' in j ? (j.merged ? ' — merged' : j.record ? ' — recorded' : '') : '';
  lines.push(`${j.head}: ${j.kind} change, ${VERDICT[j.decision]}${merged}`);
  lines.push(`  commit ${j.commit.slice(0, 12)} judged against ${j.base.slice(0, 12)}`);
  if (j.opened) lines.push(`  opened ${j.opened}${j.closes ? `; ${j.decision === 'pending' ? 'decides at' : 'closed'} ${j.closes}` : ''}`);
  for (const reason of j.reasons) lines.push(`  - ${reason}`);
  if (j.tally) {
    const t = j.tally;
    lines.push(`  tally: ${t.yes} yes, ${t.no} no, ${t.abstain} abstain of ${t.eligible} eligible; quorum ${t.quorumMet ? 'met' : 'not met'}, threshold ${t.thresholdMet ? 'met' : 'not met'}`);
  }
  if (j.ballots.length) {
    lines.push('  ballots:');
    // The column already says "counted": the reason is not made to repeat it.
    for (const b of j.ballots) {
      lines.push(`    ${b.counted ? 'counted    ' : 'not counted'} ${b.voter} ${b.vote}${b.commit ? ` (${b.commit.slice(0, 10)})` : ''}: ${b.reason.replace(/^counted: /, '')}`);
      // The voter's own words and the rule an objection cites are part of the decision (the dissent is published too).
      const words = [b.rule !== undefined ? `cites rule "${b.rule}"` : '', b.comment !== undefined ? JSON.stringify(b.comment.length > 200 ? `${b.comment.slice(0, 200)}…` : b.comment) : ''].filter(Boolean).join(': ');
      if (words) lines.push(`                ${words}`);
    }
  }
  if (j.problems.length) {
    lines.push('  problems:');
    for (const p of j.problems) lines.push(...formatProblem(p).split('\n').map((l) => `    ${l}`));
  }
  if ('record' in j && j.record) lines.push(`  record: ${j.record}`);
  lines.push(`  next: ${nextStep(j, mode, change)}`);
  return lines.join('\n');
}

function nextStep(j: Judgement, mode: 'review' | 'merge', change = '<change>'): string {
  switch (j.decision) {
    case 'invalid':
      if (j.problems.length && j.problems.every((p) => p.rule === 'change/missing-object')) return 'fetch the missing objects (see the hint above) into this repository, then run the bot again; nothing was recorded';
      return 'fix the problems above, commit (signed: git commit -S) and push; the bot judges the new head';
    case 'manual':
      return 'this change touches code: maintainers review and merge it by hand';
    case 'pending':
      return j.kind === 'post' && !j.tally
        ? `a member who objects runs noclout vote ${change} no --rule <rule it breaks> --reason "…"; otherwise it is published at ${j.closes}`
        : `members vote with noclout vote ${change} yes|no|abstain (a ballot signed with their key, docs/voting.md); the bot decides at ${j.closes}`;
    case 'accept':
      return mode === 'review' ? 'run `noclout merge` to merge it with its record' : 'nothing: it is on main with its decision record';
    case 'reject':
      return mode === 'review' && !j.reasons[0]?.startsWith('already decided')
        ? 'the decision is final: run `noclout merge` to record it on main (the change itself is not merged); a new change, with a new file name, may propose it again'
        : 'the decision is final and recorded; a new change, with a new file name, may propose it again';
  }
}

export function explainAudit(report: AuditReport): string {
  if (report.findings.length === 0) return `audit: ${count(report.records, 'decision record')} replayed on ${report.base.slice(0, 12)}; every one follows from its policy, roster and ballots`;
  return [
    ...report.findings.map((f) => `${f.path}: ${f.message} [${f.rule}]`),
    `audit: ${count(report.findings.length, 'finding')} in ${count(report.records, 'record')} on ${report.base.slice(0, 12)}`,
  ].join('\n');
}
