/**
 * Decision records as files (DESIGN.md, Decision records): YAML front matter
 * that `noclout audit` recomputes, sealed with its digest, and a Markdown body
 * that says the same thing to people. Pure: text in, text out.
 */
import { stringify } from 'yaml';
import { readFrontMatter } from './front-matter.ts';
import type { Problem } from './problem.ts';
import { sealRecord } from './record-digest.ts';
import { checkSchema } from './schema-problems.ts';
import { decisionSchema, type DecisionRecord } from './schema/decision.ts';

/**
 * What a moderation record's appeal text says in place of the record's own id, which does not exist
 * yet when the text is written; the site shows the id there (src/site/record-text.ts).
 */
export const APPEAL_ID_PLACEHOLDER = "<this decision's year/number-slug>";

/** Whether a record hid a post: an accepted moderation that is not an appeal (an appeal restores one). */
export function hidesPost(record: DecisionRecord): boolean {
  return record.kind === 'moderation' && record.outcome === 'accepted' && record.moderation !== undefined && !record.moderation.appeals;
}

/** The record as the bot fills it; the digest is computed when it is rendered. */
export type UnsealedRecord = Omit<DecisionRecord, 'digest'>;

const ORDER: readonly (keyof UnsealedRecord)[] = ['change', 'title', 'kind', 'outcome', 'author', 'head', 'base', 'merge', 'opened', 'closed', 'policyCommit', 'rule', 'roster', 'files', 'tally', 'ballots', 'reasons', 'moderation'];

/** Where a record lives: governance/decisions/<yyyy>/<nnnn>-<change>.md. */
export function recordPath(year: string, number: number, change: string): string {
  return `governance/decisions/${year}/${String(number).padStart(4, '0')}-${change}.md`;
}

/** Render and seal a record. */
export function renderRecord(record: UnsealedRecord): string {
  const ordered: Record<string, unknown> = {};
  for (const key of ORDER) if (record[key] !== undefined) ordered[key] = record[key];
  const yaml = stringify(ordered, { lineWidth: 0 });
  return sealRecord(`---\n${yaml}---\n\n${body(record)}`);
}

function body(r: UnsealedRecord): string {
  const lines: string[] = [];
  const verb = r.outcome === 'accepted' ? (r.kind === 'post' ? 'published' : 'accepted') : 'rejected';
  lines.push(`# ${r.title}: ${verb}`, '');
  lines.push(`The ${r.kind} change \`${r.change}\` was ${verb} on ${r.closed}. It was opened on ${r.opened} and judged by the policy and the roster of ${r.roster.size} members as they were at commit \`${r.policyCommit.slice(0, 12)}\`.`, '');
  lines.push('## Why', '', ...r.reasons.map((reason) => `- ${reason}`), '');
  if (r.tally) {
    const t = r.tally;
    lines.push('## Tally', '', `${t.yes} yes, ${t.no} no, ${t.abstain} abstain, of ${t.eligible} members. Quorum ${t.quorumMet ? 'met' : 'not met'}; threshold ${t.thresholdMet ? 'met' : 'not met'}.`, '');
  }
  if (r.ballots.length) {
    lines.push('## Ballots', '', '| voter | vote | counted | why |', '|---|---|---|---|');
    for (const b of r.ballots) lines.push(`| ${cell(b.voter)} | ${b.vote} | ${b.counted ? 'yes' : 'no'} | ${cell(b.reason)} |`);
    lines.push('');
    const said = r.ballots.filter((b) => b.comment);
    if (said.length) {
      lines.push('## What voters said', '', ...said.map((b) => `- **${cell(b.voter)}** (${b.vote}${b.rule ? `, citing rule \`${b.rule}\`` : ''}): ${cell(b.comment!)}`), '');
    }
  }
  if (r.moderation) {
    const m = r.moderation;
    lines.push('## Moderation', '', `Post \`${m.post}\`, rule \`${m.rule}\` as of commit \`${m.ruleVersion.slice(0, 12)}\`.`, '', `How to appeal: ${m.appeal}`, '');
  }
  return lines.join('\n');
}

/** Votes and reasons are contributors' words: keep them on one table line. */
function cell(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
}

/** Read a record back. */
export function parseRecord(text: string, path: string): { ok: true; record: DecisionRecord } | { ok: false; problems: Problem[] } {
  const front = readFrontMatter(text, { path });
  if (front.problems.length) return { ok: false, problems: front.problems };
  const checked = checkSchema(decisionSchema, front.data, { path, kind: 'decision', positionOf: front.positionOf });
  return checked.ok ? { ok: true, record: checked.value } : { ok: false, problems: checked.problems };
}
