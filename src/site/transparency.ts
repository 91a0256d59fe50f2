/**
 * The transparency report's figures, computed from decision records alone. It counts decisions,
 * never people: no figure here is keyed by a voter, an author or a member (DESIGN.md, "No clout").
 */
import type { DecisionRecord } from '../commons/schema/decision.ts';

export interface TransparencyReport {
  total: number;
  /** kind → outcome → number of decisions */
  byKind: { kind: string; accepted: number; rejected: number }[];
  /** Moderation decisions by the rule they cited. */
  byRule: { rule: string; accepted: number; rejected: number }[];
  appeals: { accepted: number; rejected: number };
  /** Accepted appeals: moderations reversed. */
  reversals: number;
}

export function transparencyReport(decisions: readonly { id: string; data: DecisionRecord }[]): TransparencyReport {
  const kinds = new Map<string, { accepted: number; rejected: number }>();
  const rules = new Map<string, { accepted: number; rejected: number }>();
  const appeals = { accepted: 0, rejected: 0 };
  for (const { data } of decisions) {
    const kind = kinds.get(data.kind) ?? { accepted: 0, rejected: 0 };
    kind[data.outcome] += 1;
    kinds.set(data.kind, kind);
    if (data.moderation) {
      if (data.moderation.appeals) appeals[data.outcome] += 1;
      else {
        const rule = rules.get(data.moderation.rule) ?? { accepted: 0, rejected: 0 };
        rule[data.outcome] += 1;
        rules.set(data.moderation.rule, rule);
      }
    }
  }
  const sorted = <T>(map: Map<string, T>) => [...map].sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    total: decisions.length,
    byKind: sorted(kinds).map(([kind, counts]) => ({ kind, ...counts })),
    byRule: sorted(rules).map(([rule, counts]) => ({ rule, ...counts })),
    appeals,
    reversals: appeals.accepted,
  };
}
