/** The decision record of a change decided now, from its judgement and the facts of its opening. */
import type { Classification } from '../commons/classify.ts';
import type { Decided } from '../commons/decide.ts';
import { APPEAL_ID_PLACEHOLDER, fitRecord, listedBallots, recordStructureProblems, type UnsealedRecord } from '../commons/decision-record.ts';
import type { Judgement } from '../commons/judgement.ts';
import type { Opening } from '../commons/opening.ts';
import type { DecisionRecord } from '../commons/schema/decision.ts';
import type { ProposalFrontMatter } from '../commons/schema/proposal.ts';
import type { Problem } from '../commons/problem.ts';
import { codedProblem, framed } from '../commons/texts/problems.ts';
import { snapshotOf } from '../commons/snapshot.ts';
import { validateCommons, type ParsedCommons } from '../commons/validate.ts';
import { recordText, text } from '../commons/texts/index.ts';
import type { FileChange } from '../repo/diff.ts';

export interface RecordFacts {
  id: string;
  title: string;
  opening: Opening;
  members: number;
  clock: Date;
  files: readonly FileChange[];
  author: string | undefined;
  proposal: ProposalFrontMatter | undefined;
  appealed: DecisionRecord | undefined;
  /** The proposal's own words (its summary, else its body), for moderation records. */
  reasoning: string | undefined;
  policyCommit: string;
  classification: Classification;
}

/**
 * The record of a change decided now. Every counted ballot is listed with its words; ballots that
 * did not count are listed without words, the first UNCOUNTED_LISTED of them (listedBallots), so
 * no pile of junk ballots can push the record past the size `noclout check` allows (fitRecord).
 */
export function recordOf(j: Judgement, d: Decided, f: RecordFacts): UnsealedRecord {
  const { listed, unlisted } = listedBallots(d.ballots);
  const record: UnsealedRecord = {
    change: f.id,
    title: f.title,
    kind: j.kind,
    outcome: d.decision === 'accept' ? 'accepted' : 'rejected',
    head: j.commit,
    base: j.base,
    opened: f.opening.opened,
    closed: f.clock.toISOString(),
    policyCommit: f.policyCommit,
    rule: d.rule,
    roster: { size: f.members, commit: f.opening.rosterCommit },
    files: f.files.slice(0, 1000).map((file) => clip(file.path, 300)),
    // The record schema bounds every text; contributors' words are cut, never the facts.
    ballots: listed.map((b) => ({ ...b, reason: clip(b.reason, 300), ...(b.comment !== undefined ? { comment: clip(b.comment, 2000) } : {}) })),
    reasons: d.reasons.map((r) => clip(r, 1000)),
    reasonCodes: d.reasonCodes,
  };
  if (unlisted) record.unlistedBallots = unlisted;
  if (d.textSeen) record.textSeen = d.textSeen;
  if (f.author) record.author = f.author;
  if (d.tally) record.tally = d.tally;
  if (d.sealed) record.sealed = d.sealed;
  if (j.kind === 'moderation' && f.proposal) {
    const post = f.proposal.moderates ?? f.appealed?.moderation?.post ?? f.classification.restored[0] ?? '';
    const appealCode = text('appeal-path', { decision: APPEAL_ID_PLACEHOLDER, post });
    const moderation: NonNullable<UnsealedRecord['moderation']> = {
      post,
      rule: f.proposal.rule ?? f.appealed?.moderation?.rule ?? 'unknown',
      ruleVersion: f.policyCommit,
      appeal: recordText(appealCode),
      appealCode,
    };
    if (f.proposal.appeals) moderation.appeals = f.proposal.appeals;
    record.moderation = moderation;
    if (f.reasoning) {
      const reasoning = text('proposal-reasoning', { text: f.reasoning });
      record.reasons = [clip(recordText(reasoning), 1000), ...record.reasons];
      record.reasonCodes = [reasoning, ...d.reasonCodes];
    }
  }
  return fitRecord(record);
}

/**
 * The final guard before a record is written: the same validation `noclout check` runs on that
 * file (schema, size, digest, file name), and the body's structure that `noclout audit` checks.
 * A record that fails is never written (DESIGN.md, principle 6: main always passes check).
 */
export function recordFileProblems(path: string, text: string, record: UnsealedRecord): Problem[] {
  const entry = { path, mode: 'file' as const, text, size: new TextEncoder().encode(text).length };
  const checked = validateCommons(snapshotOf([entry]), { only: new Set([path]) }).problems;
  const refused = checked.map((p) => framed(p, 'record-refused', {}));
  return [...refused, ...recordStructureProblems(text, record).map((fault) => codedProblem(path, 'record/structure', 'record/structure', fault))];
}

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function reasoningOf(head: ParsedCommons, id: string): string | undefined {
  const doc = head.proposals.get(id);
  if (!doc) return undefined;
  const text = `${doc.data.summary ?? ''} ${doc.body}`.replace(/\s+/g, ' ').trim();
  return text ? (text.length > 900 ? `${text.slice(0, 899)}…` : text) : undefined;
}

export function titleOf(head: ParsedCommons, c: Classification, id: string): string {
  return (c.post ? head.posts.get(c.post.id)?.data.title : head.proposals.get(id)?.data.title) ?? id;
}
