/**
 * What `noclout what-if` and a policy change's judgement read from git for the pure replay
 * (src/commons/what-if.ts): every decision record on the base, the ballots' times of records
 * written before they kept them (from the ledger's first sights, the very times the bot used), the
 * policy that judged each post under an objection, and a proposed policy (a file's text, or
 * governance/policy.md at a change's head).
 */
import type { Problem } from '../commons/problem.ts';
import type { DecisionRecord } from '../commons/schema/decision.ts';
import type { Policy } from '../commons/schema/policy.ts';
import { snapshotOf } from '../commons/snapshot.ts';
import { validateCommons } from '../commons/validate.ts';
import { digestOf, whatIf, type RecordedDecision, type WhatIfDigest } from '../commons/what-if.ts';
import type { Judgement } from '../commons/judgement.ts';
import type { Opening } from '../commons/opening.ts';
import { LEDGER_REF, readOpening } from '../repo/ledger.ts';
import { MissingObjectError } from '../repo/missing.ts';
import { readRef } from '../repo/ref.ts';
import type { Repository } from '../repo/repository.ts';
import { readText, treeOf } from '../repo/tree.ts';
import { frozenGovernance } from './frozen.ts';
import { listRecords, readRecord } from './records.ts';

export interface RecordedPast {
  decisions: RecordedDecision[];
  /** The policy each post under an objection was judged by, by policy commit (its record's `rule` is the vote's, not the window's). */
  frozen: Map<string, Policy>;
  /** Record files that do not read (audit reports them); left out of the replay. */
  unreadable: string[];
  /** Whether this clone has the ledger: without it, records before castAt keep no ballot times. */
  ledger: boolean;
}

/** Every decision record on `base`, oldest first, with what the replay needs. */
export async function recordedPast(repo: Repository, base: string): Promise<RecordedPast> {
  const files = await listRecords(repo, await treeOf(repo, base));
  const ledgerTip = await readRef(repo, LEDGER_REF);
  const out: RecordedPast = { decisions: [], frozen: new Map(), unreadable: [], ledger: ledgerTip !== undefined };
  for (const file of files) {
    const { record } = await readRecord(repo, file).catch((error: unknown) => {
      if (error instanceof MissingObjectError) return { record: undefined };
      throw error;
    });
    if (!record) {
      out.unreadable.push(file.path);
      continue;
    }
    const id = `${file.year}/${String(file.number).padStart(4, '0')}-${file.change}`;
    out.decisions.push({ id, record: ledgerTip ? await withLedgerTimes(repo, record, ledgerTip) : record });
    if (record.kind === 'post' && record.tally && !out.frozen.has(record.policyCommit)) {
      const frozen = await frozenGovernance(repo, record.policyCommit).catch(() => undefined);
      if (frozen?.policy) out.frozen.set(record.policyCommit, frozen.policy);
    }
  }
  return out;
}

/**
 * A record written before ballots kept their time, with each git-native ballot's time from the
 * ledger: the bot cast a ballot at its first sight of the ballot's commit (src/ballots/
 * commit-ballots.ts), and the ledger keeps those sights for good. Only ballot commits the ledger
 * lists as that voter's are timed; a pull request's ballots (reviews, timed by GitHub) are not.
 */
async function withLedgerTimes(repo: Repository, record: DecisionRecord, tip: string): Promise<DecisionRecord> {
  if (record.ballots.length === 0 || record.ballots.some((b) => b.castAt !== undefined)) return record;
  const opening: Opening | undefined = await readOpening(repo, record.change, tip).catch(() => undefined);
  if (!opening || /^#\d+$/.test(opening.head) || !opening.ballots) return record;
  const ballots = record.ballots.map((b) => {
    const at = b.commit !== undefined && opening.ballots?.[b.commit] === b.voter ? opening.seen[b.commit] : undefined;
    return at ? { ...b, castAt: at } : b;
  });
  return { ...record, ballots };
}

export type ProposedPolicy = { ok: true; policy: Policy; text: string } | { ok: false; problems: Problem[] };

/** A proposed governance/policy.md, read as `noclout check` reads it; its problems name `path`. */
export function proposedPolicy(text: string, path: string): ProposedPolicy {
  const checked = validateCommons(snapshotOf([{ path: 'governance/policy.md', mode: 'file', text, size: Buffer.byteLength(text) }]));
  const problems = checked.problems.filter((p) => p.path === 'governance/policy.md').map((p) => ({ ...p, path }));
  const policy = checked.parsed.policy?.data;
  return policy && problems.length === 0 ? { ok: true, policy, text } : { ok: false, problems };
}

/**
 * The summary a policy change's judgement carries: its head's governance/policy.md replayed over
 * every record on `base`. Undefined when the head does not change that file, or it does not read
 * (the judgement's problems say why).
 */
export async function whatIfOfChange(repo: Repository, base: string, head: string): Promise<WhatIfDigest | undefined> {
  const text = await readText(repo, await treeOf(repo, head), 'governance/policy.md');
  if (text === undefined || text === (await readText(repo, await treeOf(repo, base), 'governance/policy.md'))) return undefined;
  const proposed = proposedPolicy(text, 'governance/policy.md');
  if (!proposed.ok) return undefined;
  const past = await recordedPast(repo, base);
  return digestOf(whatIf({ decisions: past.decisions, policy: proposed.policy, frozen: past.frozen }));
}

/** Set `j.whatIf` for a policy change whose head edits governance/policy.md; a record or object this clone lacks leaves it out (audit says why). */
export async function addWhatIf(repo: Repository, j: Judgement): Promise<void> {
  if (j.decision === 'invalid') return;
  try {
    const digest = await whatIfOfChange(repo, j.base, j.commit);
    if (digest) j.whatIf = digest;
  } catch (error) {
    if (!(error instanceof MissingObjectError)) throw error;
  }
}
