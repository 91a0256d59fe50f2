/**
 * Human output, like a compiler: what was decided and why, the tally and the
 * deadline, every ballot and whether it counted, the problems as
 * `path:line:col: message [rule]`, and what to do next.
 */
import type { Judgement, MergeResult } from '../commons/judgement.ts';
import { KINDS_FR } from '../commons/texts/body.ts';
import { displayFormat, displayText, reasonsIn } from '../commons/texts/index.ts';
import { formatProblemIn, problemTextIn } from '../commons/texts/problems.ts';
import { whatIfSummary } from '../commons/texts/what-if.ts';
import type { TextLanguage } from '../commons/texts/index.ts';
import type { AuditFinding, AuditReport } from './audit.ts';
import { count } from '../commons/plural.ts';
import { sealedPending } from '../commons/decision-record.ts';

const VERDICT: Record<TextLanguage, Record<Judgement['decision'], string>> = {
  en: { accept: 'accepted', reject: 'rejected', pending: 'pending', invalid: 'invalid', manual: 'manual review' },
  fr: { accept: 'accepté', reject: 'refusé', pending: 'en attente', invalid: 'invalide', manual: 'revue à la main' },
};

/**
 * The words around a judgement, per language; the reasons and the ballots' statuses are said from
 * their codes (texts/codes.ts), the problems from theirs (texts/problems-en.ts).
 */
const WORDS: Record<TextLanguage, { ballots: string; sealed: string; counted: string; notCounted: string; countedPrefix: RegExp; cites: (rule: string) => string; vote: Record<string, string>; problems: string; record: string; next: string }> = {
  en: { ballots: 'ballots:', sealed: 'sealed     ', counted: 'counted    ', notCounted: 'not counted', countedPrefix: /^counted: /, cites: (rule) => `cites rule "${rule}"`, vote: {}, problems: 'problems:', record: 'record:', next: 'next:' },
  fr: {
    ballots: 'bulletins\u202f:',
    sealed: 'scellé     ',
    counted: 'compté     ',
    notCounted: 'non compté ',
    countedPrefix: /^compté\u202f: /,
    cites: (rule) => `invoque la règle «\u202f${rule}\u202f»`,
    vote: { yes: 'oui', no: 'non', abstain: 'abstention', malformed: 'illisible', sealed: 'scellé', public: 'public' },
    problems: 'problèmes\u202f:',
    record: 'procès-verbal\u202f:',
    next: 'ensuite\u202f:',
  },
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
  const words = WORDS[lang];
  if (j.ballots.length) {
    lines.push(`  ${words.ballots}`);
    // The column already says "counted": the reason is not made to repeat it.
    for (const b of j.ballots) {
      // Why it counted or not, from its code (as the site shows it: src/site/record-text.ts); a status without one keeps its English.
      const why = (lang === 'en' ? undefined : displayText(b.status, lang)) ?? b.reason;
      lines.push(`    ${sealedPending(b) ? words.sealed : b.counted ? words.counted : words.notCounted} ${b.voter} ${words.vote[b.vote] ?? b.vote}${b.commit ? ` (${b.commit.slice(0, 10)})` : ''}${lang === 'fr' ? '\u202f' : ''}: ${why.replace(words.countedPrefix, '')}`);
      // The voter's own words and the rule an objection cites are part of the decision (the dissent is published too).
      const said = [b.rule !== undefined ? words.cites(b.rule) : '', b.comment !== undefined ? JSON.stringify(b.comment.length > 200 ? `${b.comment.slice(0, 200)}…` : b.comment) : ''].filter(Boolean).join(lang === 'fr' ? '\u202f: ' : ': ');
      if (said) lines.push(`                ${said}`);
    }
  }
  if (j.problems.length) {
    lines.push(`  ${words.problems}`);
    for (const p of j.problems) lines.push(...formatProblemIn(p, lang).split('\n').map((l) => `    ${l}`));
  }
  if (j.whatIf) lines.push(`  ${whatIfSummary(j.whatIf, lang)}`);
  if ('record' in j && j.record) lines.push(`  ${words.record} ${j.record}`);
  lines.push(`  ${words.next} ${nextStep(j, mode, change, lang)}`);
  return lines.join('\n');
}

/** What to do next, decided once; its words per language below. */
type NextStep = 'fetch-missing' | 'fix' | 'adds-nothing' | 'ballots-on-change' | 'name-it' | 'see-reasons' | 'manual' | 'object' | 'vote' | 'merge-it' | 'nothing' | 'record-it' | 'final';

function nextStepOf(j: Judgement, mode: 'review' | 'merge'): NextStep {
  switch (j.decision) {
    case 'invalid':
      if (j.problems.length) return j.problems.every((p) => p.rule === 'change/missing-object') ? 'fetch-missing' : 'fix';
      // Nothing to fix: the reason says what the change lacks.
      return ({ 'adds-nothing': 'adds-nothing', 'ballot-only-change': 'ballots-on-change', 'no-name': 'name-it' } as Record<string, NextStep>)[j.reasonCodes?.[0]?.code ?? ''] ?? 'see-reasons';
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
      'adds-nothing': () => 'nothing to do: the branch adds nothing to main; commit a post or a proposal on it to propose a change',
      'ballots-on-change': (change) => `commit each ballot on the branch of the change it votes on, or cast it there with noclout vote ${change} yes|no|abstain`,
      'name-it': () => 'add the post or the proposal the change is about (noclout new proposal "…" names the rules it changes), commit (signed: git commit -S) and push',
      'see-reasons': () => 'see the reasons above; nothing was recorded',
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
      'adds-nothing': () => 'rien à faire\u202f: la branche n’ajoute rien à main\u202f; faites-y le commit d’un billet ou d’une proposition pour proposer un changement',
      'ballots-on-change': (change) => `faites le commit de chaque bulletin sur la branche du changement sur lequel il vote, ou votez-y avec noclout vote ${change} yes|no|abstain`,
      'name-it': () => 'ajoutez le billet ou la proposition dont parle le changement (noclout new proposal «\u202f…\u202f» nomme les règles qu’elle change), faites un commit (signé\u202f: git commit -S) et poussez-le',
      'see-reasons': () => 'voyez les raisons ci-dessus\u202f; rien n’a été consigné',
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

/** One finding of audit, `path: message [rule]`, in a language: from its code when it has one, else its stored English. */
export function auditFindingLine(f: AuditFinding, lang: TextLanguage): string {
  return `${f.path}: ${problemTextIn(f, lang).message} [${f.rule}]`;
}

const AUDIT_SUMMARY: Record<TextLanguage, { ok: (records: number, base: string) => string; findings: (findings: number, records: number, base: string) => string }> = {
  en: {
    ok: (records, base) => `audit: ${count(records, 'decision record')} replayed on ${base}; every one follows from its policy, roster and ballots`,
    findings: (findings, records, base) => `audit: ${count(findings, 'finding')} in ${count(records, 'record')} on ${base}`,
  },
  fr: {
    ok: (records, base) => `audit\u202f: ${count(records, { one: 'décision consignée rejouée', other: 'décisions consignées rejouées' }, 'fr')} sur ${base}\u202f; chacune s’ensuit de sa politique, de sa liste des membres et de ses bulletins`,
    findings: (findings, records, base) => `audit\u202f: ${count(findings, { one: 'constat', other: 'constats' }, 'fr')} dans ${count(records, { one: 'procès-verbal', other: 'procès-verbaux' }, 'fr')} sur ${base}`,
  },
};

/** Audit's text report: each finding in the reader's language, then what was replayed. */
export function explainAudit(report: AuditReport, lang: TextLanguage = 'en'): string {
  const summary = AUDIT_SUMMARY[lang];
  if (report.findings.length === 0) return summary.ok(report.records, report.base.slice(0, 12));
  return [...report.findings.map((f) => auditFindingLine(f, lang)), summary.findings(report.findings.length, report.records, report.base.slice(0, 12))].join('\n');
}
