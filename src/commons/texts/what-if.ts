/**
 * The words of `noclout what-if` and of the summary a policy change's judgement shows (issue 13),
 * in English and French, with the same keys (`satisfies`). `whatIfSummary` is the one sentence the
 * CLI, the GitHub judgement comment and the proposal's page all print. French typography: U+202F
 * before `; : ! ?` and inside « »; counts via plural.ts. Pure.
 */
import { count, plural } from '../plural.ts';
import type { Tally } from '../schema/decision.ts';
import type { CannotTell, Outcome, WhatIfDigest } from '../what-if.ts';
import { KINDS_FR } from './body.ts';
import { displayFormat, type TextLanguage } from './index.ts';

const NB = '\u202f';

/**
 * How a caller writes what came from elsewhere: a decision's title (someone's words: the comment
 * escapes it for Markdown) and an instant.
 */
export interface SummaryFormat {
  title(text: string): string;
}

const en = {
  outcome: (o: Outcome): string => o,
  /** "under this policy, 3 of 41 past decisions would have gone the other way: …" */
  flipped: (d: WhatIfDigest, names: string[]) => {
    if (d.decisions === 0) return 'Under this policy: there is no past decision to replay.';
    const head = d.flipped === 0 ? `Under this policy, none of the ${count(d.decisions, 'past decision')} would have gone the other way` : `Under this policy, ${d.flipped} of ${count(d.decisions, 'past decision')} would have gone the other way`;
    const more = d.flipped > names.length ? `, and ${d.flipped - names.length} more` : '';
    return names.length ? `${head}: ${names.join(', ')}${more}` : head;
  },
  flip: (title: string, before: Outcome, after: Outcome) => `${title} (${before} → ${after})`,
  moved: (earlier: number, later: number) => {
    if (earlier === 0 && later === 0) return '';
    if (later === 0) return `${count(earlier, 'decision')} would have closed earlier`;
    if (earlier === 0) return `${count(later, 'decision')} would have closed later`;
    return `${count(earlier, 'decision')} would have closed earlier and ${later} later`;
  },
  unknown: (n: number) => (n === 0 ? '' : `${n} cannot be told from ${plural(n, { one: 'its record', other: 'their records' })}`),
  end: '.',
  colon: ': ',
  /** The heading above the summary in the judgement comment and on the proposal's page. */
  pastHeading: 'Under this policy, the past',
  /** How to see the whole list: the command follows, then a full stop. */
  seeAll: 'Every decision, with its tally under both policies: ',
  // noclout what-if, the report
  heading: (source: string, records: number, base: string) => `what-if: ${source}, replayed over ${count(records, 'decision record')} on ${base}`,
  fromFile: (path: string) => `the policy in ${path}`,
  fromChange: (change: string, commit: string) => `governance/policy.md of ${change} (${commit})`,
  flippedHeading: 'Would have gone the other way:',
  movedHeading: 'Would have closed earlier or later:',
  unknownHeading: 'Cannot be told from their records:',
  decision: (id: string, kind: string, title: string) => `${id} (${kind}) ${title}`,
  recorded: 'recorded',
  replayed: 'replayed',
  standing: (outcome: Outcome, closed: string, tally: string | undefined) => `${outcome}, closed ${closed}${tally ? `; ${tally}` : ''}`,
  tally: (t: Tally) => `${t.yes} yes, ${t.no} no, ${t.abstain} abstain of ${t.eligible}: quorum ${t.quorumMet ? 'met' : 'not met'}, threshold ${t.thresholdMet ? 'met' : 'not met'}`,
  movedWord: (m: 'earlier' | 'later'): string => m,
  assumed: (until: string) => `assumed: no ballot is known after ${until}, when the record was written; the longer vote counts none after it`,
  why: {
    'no-ballot-times': 'its ballots have no times (records written before castAt was kept), so another days or closeEarly cannot be replayed; a clone with the ledger (refs/noclout/ledger) fills in git-native ballots',
    'no-window-start': 'the record does not say when its objection window began (textSeen)',
    'no-frozen-policy': 'the policy that judged it (at its policy commit) could not be read, so its objection window is unknown',
    'unlisted-ballots': 'more ballots did not count than the record lists, so a changed window cannot be replayed',
    'objection-rule-unknown': 'a no ballot the changed window would count did not count then, and its record keeps no rule: whether it was an objection is unknown',
    'replay-differs': 'replaying it under its own numbers does not give its record, so it is not replayed under others',
    'no-ballot-status': 'a ballot that did not count has no status code (a record written before codes)',
  } satisfies Record<CannotTell, string>,
  nothing: 'Nothing would differ.',
  ledgerMissing: 'The ledger (refs/noclout/ledger) is not in this clone: records written before ballots kept their times cannot be replayed under another days. Fetch it: git fetch origin refs/noclout/ledger:refs/noclout/ledger',
  unreadable: (n: number) => `${count(n, 'record')} could not be read and ${plural(n, { one: 'was', other: 'were' })} left out: run noclout audit`,
  notPolicy: (change: string) => `${change} does not change governance/policy.md: there is nothing to replay`,
  noPolicyIn: (change: string) => `${change} has no governance/policy.md`,
  notFound: (arg: string) => `${JSON.stringify(arg)} is neither a file nor a change: name a proposed governance/policy.md, a branch, a commit, or the slug of an open proposal`,
  badPolicy: (path: string, n: number) => `${path} is not a policy the bot could enforce (${count(n, 'problem')}); nothing was replayed`,
  oneArgument: 'name one policy file or one change, like `noclout what-if proposal/longer-votes` or `noclout what-if my-policy.md`',
};

const outcomeFr = (o: Outcome) => (o === 'accepted' ? 'acceptée' : 'refusée');

const fr = {
  outcome: outcomeFr,
  flipped: (d, names) => {
    if (d.decisions === 0) return `Avec cette politique${NB}: aucune décision passée à rejouer.`;
    const head = d.flipped === 0 ? `Avec cette politique, aucune des ${count(d.decisions, { one: 'décision passée', other: 'décisions passées' }, 'fr')} n’aurait été tranchée autrement` : `Avec cette politique, ${d.flipped} des ${count(d.decisions, { one: 'décision passée', other: 'décisions passées' }, 'fr')} ${plural(d.flipped, { one: 'aurait été tranchée', other: 'auraient été tranchées' }, 'fr')} autrement`;
    const more = d.flipped > names.length ? `, et ${count(d.flipped - names.length, 'autre', 'fr')}` : '';
    return names.length ? `${head}${NB}: ${names.join(', ')}${more}` : head;
  },
  flip: (title, before, after) => `${title} (${outcomeFr(before)} → ${outcomeFr(after)})`,
  moved: (earlier, later) => {
    if (earlier === 0 && later === 0) return '';
    const early = `${count(earlier, 'décision', 'fr')} ${plural(earlier, { one: 'aurait été close', other: 'auraient été closes' }, 'fr')} plus tôt`;
    const late = `${count(later, 'décision', 'fr')} ${plural(later, { one: 'aurait été close', other: 'auraient été closes' }, 'fr')} plus tard`;
    if (later === 0) return early;
    if (earlier === 0) return late;
    return `${early} et ${later} plus tard`;
  },
  unknown: (n) => (n === 0 ? '' : `${n} ne ${plural(n, { one: 'peut', other: 'peuvent' }, 'fr')} pas être ${plural(n, { one: 'rejouée', other: 'rejouées' }, 'fr')} à partir de ${plural(n, { one: 'son procès-verbal', other: 'leurs procès-verbaux' }, 'fr')}`),
  end: '.',
  colon: `${NB}: `,
  pastHeading: 'Le passé, avec cette politique',
  seeAll: `Chaque décision, avec son décompte selon les deux politiques${NB}: `,
  heading: (source, records, base) => `what-if${NB}: ${source}, rejouée sur ${count(records, { one: 'décision consignée', other: 'décisions consignées' }, 'fr')} de ${base}`,
  fromFile: (path) => `la politique de ${path}`,
  fromChange: (change, commit) => `la politique (governance/policy.md) de ${change} (${commit})`,
  flippedHeading: `Auraient été tranchées autrement${NB}:`,
  movedHeading: `Auraient été closes plus tôt ou plus tard${NB}:`,
  unknownHeading: `Ne peuvent pas être rejouées à partir de leur procès-verbal${NB}:`,
  decision: (id, kind, title) => `${id} (${KINDS_FR[kind] ?? kind}) ${title}`,
  recorded: 'consignée',
  replayed: 'rejouée',
  standing: (outcome, closed, tally) => `${outcomeFr(outcome)}, close le ${closed}${tally ? `${NB}; ${tally}` : ''}`,
  tally: (t) => `${t.yes} oui, ${t.no} non, ${count(t.abstain, 'abstention', 'fr')} sur ${t.eligible}${NB}: quorum ${t.quorumMet ? 'atteint' : 'non atteint'}, seuil ${t.thresholdMet ? 'atteint' : 'non atteint'}`,
  movedWord: (m) => (m === 'earlier' ? 'plus tôt' : 'plus tard'),
  assumed: (until) => `hypothèse${NB}: aucun bulletin n’est connu après le ${until}, quand le procès-verbal a été écrit${NB}; le vote plus long n’en compte aucun après`,
  why: {
    'no-ballot-times': `ses bulletins n’ont pas d’heure (procès-verbal écrit avant que castAt soit gardé)${NB}: une autre durée (days) ou closeEarly ne peut pas être rejouée${NB}; un clone qui a le registre (refs/noclout/ledger) complète les bulletins git`,
    'no-window-start': `le procès-verbal ne dit pas quand sa fenêtre d’objection a commencé (textSeen)`,
    'no-frozen-policy': `la politique qui l’a jugé (à son commit de politique) n’a pas pu être lue${NB}: sa fenêtre d’objection est inconnue`,
    'unlisted-ballots': `plus de bulletins n’ont pas compté que le procès-verbal n’en liste${NB}: une autre fenêtre ne peut pas être rejouée`,
    'objection-rule-unknown': `un bulletin non que la nouvelle fenêtre compterait n’avait pas compté, et son procès-verbal ne garde pas de règle${NB}: on ne sait pas si c’était une objection`,
    'replay-differs': `le rejouer selon ses propres nombres ne redonne pas son procès-verbal${NB}: il n’est pas rejoué selon d’autres`,
    'no-ballot-status': `un bulletin qui n’a pas compté n’a pas de code de statut (procès-verbal écrit avant les codes)`,
  },
  nothing: 'Rien ne changerait.',
  ledgerMissing: `Le registre (refs/noclout/ledger) n’est pas dans ce clone${NB}: les procès-verbaux écrits avant que les bulletins gardent leur heure ne peuvent pas être rejoués sous une autre durée. Récupérez-le${NB}: git fetch origin refs/noclout/ledger:refs/noclout/ledger`,
  unreadable: (n) => `${count(n, { one: 'procès-verbal illisible a été laissé', other: 'procès-verbaux illisibles ont été laissés' }, 'fr')} de côté${NB}: lancez noclout audit`,
  notPolicy: (change) => `${change} ne modifie pas governance/policy.md${NB}: il n’y a rien à rejouer`,
  noPolicyIn: (change) => `${change} n’a pas de governance/policy.md`,
  notFound: (arg) => `«${NB}${arg}${NB}» n’est ni un fichier ni un changement${NB}: nommez un governance/policy.md proposé, une branche, un commit ou le nom d’une proposition ouverte`,
  badPolicy: (path, n) => `${path} n’est pas une politique que le bot pourrait appliquer (${count(n, 'problème', 'fr')})${NB}; rien n’a été rejoué`,
  oneArgument: 'nommez un fichier de politique ou un changement, comme `noclout what-if proposal/longer-votes` ou `noclout what-if ma-politique.md`',
} satisfies typeof en;

export const WHAT_IF_TEXTS: Record<TextLanguage, typeof en> = { en, fr };

/** Instants as a language writes them in the report: ISO in English (like review), the long form in French. */
export function whatIfInstant(iso: string, lang: TextLanguage): string {
  return lang === 'en' ? iso : displayFormat(lang).instant(iso);
}

/** A title in quotation marks as the language writes them. */
export function quoteTitle(title: string, lang: TextLanguage): string {
  return lang === 'fr' ? `«${NB}${title}${NB}»` : `“${title}”`;
}

/**
 * The one summary of a policy change's past, in a language: "Under this policy, 3 of 41 past
 * decisions would have gone the other way: A (accepted → rejected), …; 2 decisions would have
 * closed earlier; 1 cannot be told from its record." `format.title` escapes each title for where
 * the sentence goes (Markdown in the comment; the page and the terminal quote it).
 */
export function whatIfSummary(digest: WhatIfDigest, lang: TextLanguage, format: SummaryFormat = { title: (t) => quoteTitle(t, lang) }): string {
  const w = WHAT_IF_TEXTS[lang];
  if (digest.decisions === 0) return w.flipped(digest, []);
  const names = digest.flips.map((f) => w.flip(format.title(f.title), f.before, f.after));
  const parts = [w.flipped(digest, names), w.moved(digest.earlier, digest.later), w.unknown(digest.unknown)].filter(Boolean);
  return `${parts.join(lang === 'fr' ? `${NB}; ` : '; ')}${w.end}`;
}
