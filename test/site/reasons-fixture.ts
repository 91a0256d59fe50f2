/**
 * Decision records written by the bot's own code (decide → recordOf → renderRecord) for the tests
 * of issue 15's statement of reasons and open data: a moderation that started from a moderation
 * proposal, and a post stopped by a member's objection. Beside the test commons' own moderation,
 * written before codes (records already written still read).
 */
import { recordOf, type RecordFacts } from '../../src/bot/record-of.ts';
import type { Classification } from '../../src/commons/classify.ts';
import { decide, type DecideInput } from '../../src/commons/decide.ts';
import { recordPath, renderRecord } from '../../src/commons/decision-record.ts';
import type { Judgement } from '../../src/commons/judgement.ts';
import type { DecisionRecord } from '../../src/commons/schema/decision.ts';
import type { Policy } from '../../src/commons/schema/policy.ts';
import type { CastBallot } from '../../src/commons/tally.ts';
import { policyWith } from '../fixtures/policy.ts';

export const policy: Policy = policyWith({ policy: { threshold: { atLeast: '2/3' } } });
const ROSTER = new Set(['amina', 'jean-luc', 'sofia', 'lea', 'tomas']);
export const C = (n: number) => n.toString(16).padStart(40, 'c');
export const at = (opened: string, hours: number) => new Date(Date.parse(opened) + hours * 3_600_000).toISOString();

export interface Case {
  number: number;
  change: string;
  title: string;
  kind: DecideInput['kind'];
  opened: string;
  ballots: (opened: string) => CastBallot[];
  /** The post a moderation hides, or restores when it `appeals` a record. */
  moderation?: { post: string; appeals?: string; reasoning: string };
}

export const OBJECTION: Case = {
  number: 3, change: 'promo-code', title: 'Code promo', kind: 'post', opened: '2026-10-03T09:00:00.000Z',
  ballots: (o) => [{ voter: 'lea', vote: 'no', rule: 'no-advertising', castAt: at(o, 2), comment: 'De la publicité pour un magasin.' }, { voter: 'sofia', vote: 'no', rule: 'no-advertising', castAt: at(o, 3) }],
};
export const PROPOSAL: Case = {
  number: 4, change: 'hide-special-offer', title: 'Masquer « Offre spéciale »', kind: 'moderation', opened: '2026-10-04T09:00:00.000Z',
  ballots: (o) => [{ voter: 'amina', vote: 'yes', castAt: at(o, 1) }, { voter: 'jean-luc', vote: 'yes', castAt: at(o, 2) }],
  moderation: { post: '2026/offre-speciale', reasoning: 'Le billet est une publicité déguisée.' },
};

/** The record the bot writes for a case decided a month after it opened, under `under` (this file's policy unless given). */
export function recordOfCase(c: Case, under: Policy = policy): DecisionRecord {
  const now = new Date(at(c.opened, 24 * 30));
  const d = decide({ kind: c.kind, policy: under, roster: ROSTER, ballots: c.ballots(c.opened), opened: c.opened, now });
  const judgement = { kind: c.kind, commit: C(c.number), base: C(100 + c.number) } as Judgement;
  const facts: RecordFacts = {
    id: c.change,
    title: c.title,
    opening: { change: c.change, head: c.change, opened: c.opened, firstHead: C(c.number), policyCommit: C(1), rosterCommit: C(1) } as RecordFacts['opening'],
    members: ROSTER.size,
    clock: now,
    files: [{ path: c.kind === 'post' ? `content/posts/2026/${c.change}.md` : `content/proposals/${c.change}.md`, status: 'added' }] as unknown as RecordFacts['files'],
    author: 'amina',
    proposal: c.moderation ? ({ moderates: c.moderation.appeals ? undefined : c.moderation.post, rule: 'no-advertising', appeals: c.moderation.appeals } as RecordFacts['proposal']) : undefined,
    appealed: undefined,
    reasoning: c.moderation?.reasoning,
    policyCommit: C(1),
    classification: { restored: c.moderation?.appeals ? [c.moderation.post] : [] } as unknown as Classification,
  };
  const record = recordOf(judgement, d, facts);
  if (record.outcome === 'accepted') record.merge = C(200 + c.number);
  return { ...record, digest: `sha256:${'0'.repeat(64)}` };
}

export const idOf = (c: Case) => `2026/${String(c.number).padStart(4, '0')}-${c.change}`;
/** The test commons' moderation, written before codes, quotes and castAt. */
export const OLD = '2026/0002-hide-solar-panel-offer';

/** The records' files, as the bot writes them, for `commonsWith`. */
export function recordFiles(): Record<string, string> {
  return Object.fromEntries([OBJECTION, PROPOSAL].map((c) => recordFileOf(c)));
}

/** A case's record file as the bot writes it: its path and its text. */
export function recordFileOf(c: Case, under: Policy = policy): [string, string] {
  const { digest: _digest, ...record } = recordOfCase(c, under);
  return [recordPath('2026', c.number, c.change), renderRecord(record)];
}
