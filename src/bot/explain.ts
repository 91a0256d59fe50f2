/**
 * Human output, like a compiler: what was decided and why, the tally and the
 * deadline, every ballot and whether it counted, the problems as
 * `path:line:col: message [rule]`, and what to do next.
 */
import type { Judgement, MergeResult } from '../commons/judgement.ts';
import { KINDS_FR } from '../commons/texts/body.ts';
import { displayFormat, reasonsIn } from '../commons/texts/index.ts';
import { formatProblemIn } from '../commons/texts/problems.ts';
import { whatIfSummary } from '../commons/texts/what-if.ts';
import type { TextLanguage } from '../commons/texts/index.ts';
import type { AuditReport } from './audit.ts';
import { count } from '../commons/plural.ts';
import { sealedPending } from '../commons/decision-record.ts';

const VERDICT: Record<TextLanguage, Record<Judgement['decision'], string>> = {
  en: { accept: 'accepted', reject: 'rejected', pending: 'pending', invalid: 'invalid', manual: 'manual review' },
  fr: { accept: 'accepté', reject: 'refusé', pending: 'en attente', invalid: 'invalide', manual: 'revue à la main' },
};

/** The words of a judgement's frame in French; the reasons are said from their codes, the ballots' statuses are the judgement's own (English) text. */
const FR = {
  problems: 'problèmes\u202f:',
  next: 'ensuite\u202f:',
};

/** `change` is the change's name (slug), when known: the next step then names its ballot folder. */
export function explainJudgement(j: Judgement | MergeResult, mode: 'review' | 'merge', change?: string, lang: TextLanguage = 'en'): string {
  const lines: string[] = [];
  const fr = lang === 'fr';
  const merged = 'merged' in j ? (j.merged ? (fr ? ' — fusionné' : ' — merged') : j.record ? (fr ? ' — consigné' : ' — recorded') : '') : '';
  if (fr) lines.push(`${j.head}\u202f: changement (${KINDS_FR[j.kind] ?? j.kind}), ${VERDICT.fr[j.decision]}${merged}`);
  else lines.push(`${j.head}: ${j.kind} change, ${VERDICT.en[j.decision]}${merged}`);
  if (fr) {
    const when = displayFormat('fr').instant;
    lines.push(`  commit ${j.commit.slice(0, 12)} jugé par rapport à ${j.base.slice(0, 12)}`);
    if (j.opened) lines.push(`  ouvert le ${when(j.opened)}${j.closes ? `\u202f; ${j.decision === 'pending' ? 'décision le' : 'clos le'} ${when(j.closes)}` : ''}`);
  } else {
    lines.push(`  commit ${j.commit.slice(0, 12)} judged against ${j.base.slice(0, 12)}`);
    if (j.opened) lines.push(`  opened ${j.opened}${j.closes ? `; ${j.decision === 'pending' ? 'decides at' : 'closed'} ${j.closes}` : ''}`);
  }
  for (const reason of reasonsIn(j.reasons, j.reasonCodes, lang)) lines.push(`  - ${reason}`);
  if (j.tally) {
    const t = j.tally;
    if (fr) lines.push(`  décompte\u202f: ${t.yes} oui, ${t.no} non, ${count(t.abstain, 'abstention', 'fr')} sur ${count(t.eligible, 'membre', 'fr')}\u202f; quorum ${t.quorumMet ? 'atteint' : 'non atteint'}, seuil ${t.thresholdMet ? 'atteint' : 'non atteint'}`);
    else lines.push(`  tally: ${t.yes} yes, ${t.no} no, ${t.abstain} abstain of ${t.eligible} eligible; quorum ${t.quorumMet ? 'met' : 'not met'}, threshold ${t.thresholdMet ? 'met' : 'not met'}`);
  }
  if (j.ballots.length) {
    lines.push('  ballots:');
    // The column already says "counted": the reason is not made to repeat it.
    for (const b of j.ballots) {
      lines.push(`    ${sealedPending(b) ? 'sealed     ' : b.counted ? 'counted    ' : 'not counted'} ${b.voter} ${b.vote}${b.commit ? ` (${b.commit.slice(0, 10)})` : ''}: ${b.reason.replace(/^counted: /, '')}`);
      // The voter's own words and the rule an objection cites are part of the decision (the dissent is published too).
      const words = [b.rule !== undefined ? `cites rule "${b.rule}"` : '', b.comment !== undefined ? JSON.stringify(b.comment.length > 200 ? `${b.comment.slice(0, 200)}…` : b.comment) : ''].filter(Boolean).join(': ');
      if (words) lines.push(`                ${words}`);
    }
  }
  if (j.problems.length) {
    lines.push(fr ? `  ${FR.problems}` : '  problems:');
    for (const p of j.problems) lines.push(...formatProblemIn(p, lang).split('\n').map((l) => `    ${l}`));
  }
  if (j.whatIf) lines.push(`  ${whatIfSummary(j.whatIf, lang)}`);
  if ('record' in j && j.record) lines.push(`  record: ${j.record}`);
  lines.push(`  ${fr ? FR.next : 'next:'} ${nextStep(j, mode, change, lang)}`);
  return lines.join('\n');
}

/** What to do next, decided once; its words per language below. */
type NextStep = 'fetch-missing' | 'fix' | 'manual' | 'object' | 'vote' | 'merge-it' | 'nothing' | 'record-it' | 'final';

function nextStepOf(j: Judgement, mode: 'review' | 'merge'): NextStep {
  switch (j.decision) {
    case 'invalid':
      return j.problems.length && j.problems.every((p) => p.rule === 'change/missing-object') ? 'fetch-missing' : 'fix';
    case 'manual':
      return 'manual';
    case 'pending':
      return j.kind === 'post' && !j.tally ? 'object' : 'vote';
    case 'accept':
      return mode === 'review' ? 'merge-it' : 'nothing';
    case 'reject':
      return mode === 'review' && !j.reasons[0]?.startsWith('already decided') ? 'record-it' : 'final';
  }
}

/** `change` names the change (its slug, or a placeholder); `closes` is when the vote or window closes, as the language writes it. */
const NEXT_STEPS: Record<TextLanguage, { change: string; closes: (j: Judgement) => string; text: Record<NextStep, (change: string, closes: string) => string> }> = {
  en: {
    change: '<change>',
    closes: (j) => String(j.closes),
    text: {
      'fetch-missing': () => 'fetch the missing objects (see the hint above) into this repository, then run the bot again; nothing was recorded',
      fix: () => 'fix the problems above, commit (signed: git commit -S) and push; the bot judges the new head',
      manual: () => 'this change touches code: maintainers review and merge it by hand',
      object: (change, closes) => `a member who objects runs noclout vote ${change} no --rule <rule it breaks> --reason "…"; otherwise it is published at ${closes}`,
      vote: (change, closes) => `members vote with noclout vote ${change} yes|no|abstain (a ballot signed with their key, docs/voting.md); the bot decides at ${closes}`,
      'merge-it': () => 'run `noclout merge` to merge it with its record',
      nothing: () => 'nothing: it is on main with its decision record',
      'record-it': () => 'the decision is final: run `noclout merge` to record it on main (the change itself is not merged); a new change, with a new file name, may propose it again',
      final: () => 'the decision is final and recorded; a new change, with a new file name, may propose it again',
    },
  },
  fr: {
    change: '<changement>',
    closes: (j) => (j.closes ? displayFormat('fr').instant(j.closes) : '?'),
    text: {
      'fetch-missing': () => 'récupérez les objets manquants (voir le conseil ci-dessus) dans ce dépôt, puis relancez le bot\u202f; rien n’a été consigné',
      fix: () => 'corrigez les problèmes ci-dessus, faites un commit (signé\u202f: git commit -S) et poussez-le\u202f; le bot juge la nouvelle tête',
      manual: () => 'ce changement touche au code\u202f: des mainteneurs le relisent et le fusionnent à la main',
      object: (change, closes) => `un membre qui s’y oppose lance noclout vote ${change} no --rule <règle enfreinte> --reason "…"\u202f; sinon il est publié le ${closes}`,
      vote: (change, closes) => `les membres votent avec noclout vote ${change} yes|no|abstain (un bulletin signé de leur clé, docs/voting.md)\u202f; le bot décide le ${closes}`,
      'merge-it': () => 'lancez `noclout merge` pour le fusionner avec sa décision consignée',
      nothing: () => 'rien\u202f: il est sur main avec sa décision consignée',
      'record-it': () => 'la décision est définitive\u202f: lancez `noclout merge` pour la consigner sur main (le changement lui-même n’est pas fusionné)\u202f; un nouveau changement, sous un autre nom de fichier, peut le proposer à nouveau',
      final: () => 'la décision est définitive et consignée\u202f; un nouveau changement, sous un autre nom de fichier, peut le proposer à nouveau',
    },
  },
};

function nextStep(j: Judgement, mode: 'review' | 'merge', change: string | undefined, lang: TextLanguage): string {
  const words = NEXT_STEPS[lang];
  return words.text[nextStepOf(j, mode)](change ?? words.change, words.closes(j));
}

export function explainAudit(report: AuditReport): string {
  if (report.findings.length === 0) return `audit: ${count(report.records, 'decision record')} replayed on ${report.base.slice(0, 12)}; every one follows from its policy, roster and ballots`;
  return [
    ...report.findings.map((f) => `${f.path}: ${f.message} [${f.rule}]`),
    `audit: ${count(report.findings.length, 'finding')} in ${count(report.records, 'record')} on ${report.base.slice(0, 12)}`,
  ].join('\n');
}
