/**
 * The command line's own sentences (summaries, not problems) in English and French (issue 12). The
 * French has the same keys and parameters (`satisfies`); problems come from
 * src/commons/texts/problems.ts. French typography: U+202F before `; : ! ?`; plurals via plural.ts.
 */
import { count } from '../commons/plural.ts';
import { ledgerWhy } from '../bot/ledger-sync.ts';
import type { TextLanguage } from '../commons/texts/index.ts';
import { refNameProblemIn } from '../commons/ref-name.ts';
import type { LedgerFetch } from '../repo/ledger-fetch.ts';

const NB = '\u202f';

interface Checked {
  files: number;
  posts: number;
  proposals: number;
  rules: number;
  decisions: number;
  members: number;
}

const en = {
  // noclout itself
  unknownCommand: (name: string, near: string | undefined) => `noclout: unknown command "${name}"${near ? `; did you mean "${near}"?` : ''}`,
  commandSaid: (command: string, message: string) => `noclout ${command}: ${message}`,
  /** The English is src/commons/opening.ts clockBeforeRecord's. */
  clockBeforeRecord: (asked: string, record: string, closed: string, given: boolean) =>
    `${given ? `--at ${asked} is` : `this machine's clock (${asked}) is`} before the latest decision record on main, ${record}, closed ${closed}: a decision cannot be recorded before one already on main, so nothing was judged; ${given ? `give --at ${closed} or later` : `set this machine's clock right, or give --at ${closed} or later`}`,
  checkProblems: (problems: number, files: number, checked: number) => `${count(problems, 'problem')} in ${count(files, 'file')} (${checked} checked).`,
  checkSelectedOk: (files: number) => `✓ ${count(files, 'file')} checked, with the rest of the commons as context. No problems.`,
  checkAllOk: (c: Checked) =>
    `✓ ${count(c.files, 'file')} checked: ${count(c.posts, 'post')}, ${count(c.proposals, 'proposal')}, ${count(c.rules, 'rule')}, ${count(c.decisions, 'decision record')}, ${count(c.members, 'member')}. No problems.`,
  /** main: an error it did not expect, said in one line. */
  fault: () => '(this is a fault of noclout or of the repository; NOCLOUT_DEBUG=1 prints where it happened)',
  hint: () => 'hint:',
  // noclout merge, review, audit
  noOpenChange: (base: string) => `no open change against ${base}`,
  auditOk: (records: number, base: string) => `audit: ${count(records, 'decision record')} replayed on ${base}; every one follows from its policy, roster and ballots`,
  auditFindings: (findings: number, records: number, base: string) => `audit: ${count(findings, 'finding')} in ${count(records, 'record')} on ${base}`,
  /** The English is src/bot/ledger-sync.ts explainLedgerBrought's. */
  ledgerBrought: (command: string, lacking: number, l: LedgerFetch) =>
    `${command}: the ledger here (refs/noclout/ledger) had no opening for ${count(lacking, 'record')} (git clone brings no ledger, and git fetch brings it only when asked)` +
    (l.fetched ? `; fetched it from ${l.remote}: ${l.command} (now at ${l.commit.slice(0, 12)})` : `, and it was not fetched${l.remote ? ` from ${l.remote}` : ''}: ${ledgerWhy(l, 'en')}`),
  // noclout vote
  voteAlready: (v: Vote) => `Already cast: ${v.handle}'s ballot on ${v.change} on ${v.branch} already says this and counts; nothing to do.`,
  voted: (v: Vote & { vote: string; key: string; ballot: string }) => `Voted ${v.vote} on ${v.change} as ${v.handle} (key ${v.key}): ballot commit ${v.ballot} on ${v.branch}.`,
  pushedJoined: (remote: string, commit: string) => `Pushed to ${remote}, joined by a clean merge (${commit}) with the ballots pushed meanwhile; nothing was rebased.`,
  pushedRebuilt: (remote: string) => `Pushed to ${remote}, made again on the branch as it was rewritten.`,
  pushed: (remote: string) => `Pushed to ${remote}.`,
  notPushed: () => 'Not pushed. To push it:',
  voteCareful: (change: string) => `Careful: as it stands, the bot judges ${change} invalid, so nothing is decided until its text is fixed, and a ballot cast before that fix is then stale (vote again after it):`,
  // noclout vote, sealed (docs/voting.md, Sealed ballots)
  votedSealed: (round: number, closes: string) => `Sealed: nobody can read it before the vote closes at ${closes}; it opens with round ${round} of the beacon.`,
  sealedNotOpened: (change: string, fetched: string) => `${change} is not opened in the bot's ledger${fetched}, so its close is unknown, and a sealed ballot is locked to the beacon's round at the close: wait for the bot's first look at the change, then vote again`,
  sealedPublicVote: (change: string) => `the vote on ${change} is public (its policy does not say \`ballots: sealed\`, or names no beacon): a sealed ballot would not count; vote without --sealed`,
  sealedClosed: (change: string, closes: string) => `the vote on ${change} closed at ${closes}: a ballot cast now would not count, and sealed to a round already published, anyone could read it`,
  sealedTooLong: (max: number) => `the reason is too long to seal: a sealed ballot's text is padded to ${max} bytes, so that its size says nothing of the vote; shorten the reason`,
  sealedUntrusted: (change: string, commit: string) => `the ledger's entry for ${change} freezes commit ${commit}, which is not on main's history: the bot never wrote it, and its policy's beacon may be one whose key someone holds, who could read the ballot at once; nothing was sealed (fetch the ledger again: git fetch origin +refs/noclout/ledger:refs/noclout/ledger)`,
  // noclout new
  wouldNotPass: () => 'nothing was written; the file would not pass check:',
  wrote: (path: string, rules: string) => `Wrote ${path}${rules ? ` (rules: ${rules})` : ''}`,
  wroteNext: (check: string) => `Next: edit it, run \`${check}\`, then commit it on a branch and open a pull request.`,
};

interface Vote {
  handle: string;
  change: string;
  branch: string;
}

const fr = {
  unknownCommand: (name, near) => `noclout${NB}: commande inconnue «${NB}${name}${NB}»${near ? `${NB}; vouliez-vous dire «${NB}${near}${NB}»${NB}?` : ''}`,
  commandSaid: (command, message) => `noclout ${command}${NB}: ${message}`,
  clockBeforeRecord: (asked, record, closed, given) =>
    `${given ? `--at ${asked} est` : `l’horloge de cette machine (${asked}) est`} antérieur${given ? '' : 'e'} à la dernière décision consignée sur main, ${record}, close le ${closed}${NB}: une décision ne peut pas être consignée avant une autre déjà sur main, rien n’a donc été jugé${NB}; ${given ? `donnez --at ${closed} ou plus tard` : `mettez l’horloge de cette machine à l’heure, ou donnez --at ${closed} ou plus tard`}`,
  checkProblems: (problems, files, checked) => `${count(problems, 'problème', 'fr')} dans ${count(files, 'fichier', 'fr')} (${count(checked, { one: 'vérifié', other: 'vérifiés' }, 'fr')}).`,
  checkSelectedOk: (files) => `✓ ${count(files, { one: 'fichier vérifié', other: 'fichiers vérifiés' }, 'fr')}, avec le reste du commun pour contexte. Aucun problème.`,
  checkAllOk: (c) =>
    `✓ ${count(c.files, { one: 'fichier vérifié', other: 'fichiers vérifiés' }, 'fr')}${NB}: ${count(c.posts, 'billet', 'fr')}, ${count(c.proposals, 'proposition', 'fr')}, ${count(c.rules, 'règle', 'fr')}, ${count(c.decisions, { one: 'décision consignée', other: 'décisions consignées' }, 'fr')}, ${count(c.members, 'membre', 'fr')}. Aucun problème.`,
  fault: () => `(c’est une faute de noclout ou du dépôt${NB}; NOCLOUT_DEBUG=1 affiche où elle s’est produite)`,
  hint: () => `conseil${NB}:`,
  noOpenChange: (base) => `aucun changement ouvert vers ${base}`,
  auditOk: (records, base) => `audit${NB}: ${count(records, { one: 'décision consignée rejouée', other: 'décisions consignées rejouées' }, 'fr')} sur ${base}${NB}; chacune s’ensuit de sa politique, de sa liste des membres et de ses bulletins`,
  auditFindings: (findings, records, base) => `audit${NB}: ${count(findings, 'constat', 'fr')} dans ${count(records, 'décision', 'fr')} sur ${base}`,
  ledgerBrought: (command, lacking, l) =>
    `${command}${NB}: le registre d’ici (refs/noclout/ledger) n’avait pas l’ouverture de ${count(lacking, 'décision', 'fr')} (git clone n’apporte pas de registre, et git fetch ne l’apporte que sur demande)` +
    (l.fetched ? `${NB}; il a été récupéré depuis ${l.remote}${NB}: ${l.command} (maintenant au commit ${l.commit.slice(0, 12)})` : `, et il n’a pas été récupéré${l.remote ? ` depuis ${l.remote}` : ''}${NB}: ${ledgerWhy(l, 'fr')}`),
  voteAlready: (v) => `Déjà voté${NB}: le bulletin de ${v.handle} sur ${v.change}, sur ${v.branch}, dit déjà cela et compte${NB}; rien à faire.`,
  voted: (v) => `Vote ${({ yes: 'oui', no: 'non', abstain: 'abstention' } as Record<string, string>)[v.vote] ?? v.vote} sur ${v.change} en tant que ${v.handle} (clé ${v.key})${NB}: commit de bulletin ${v.ballot} sur ${v.branch}.`,
  pushedJoined: (remote, commit) => `Poussé vers ${remote}, joint par une fusion propre (${commit}) aux bulletins poussés entre-temps${NB}; rien n’a été rebasé.`,
  pushedRebuilt: (remote) => `Poussé vers ${remote}, refait sur la branche telle qu’elle a été réécrite.`,
  pushed: (remote) => `Poussé vers ${remote}.`,
  notPushed: () => `Pas poussé. Pour le pousser${NB}:`,
  voteCareful: (change) => `Attention${NB}: en l’état, le bot juge ${change} invalide${NB}; rien n’est décidé tant que son texte n’est pas corrigé, et un bulletin déposé avant cette correction devient alors périmé (votez à nouveau après)${NB}:`,
  votedSealed: (round, closes) => `Scellé${NB}: personne ne peut le lire avant la clôture du vote, le ${closes}${NB}; il s’ouvre avec le tour ${round} de la balise.`,
  sealedNotOpened: (change, fetched) => `${change} n’est pas ouvert dans le registre du bot${fetched}, donc sa clôture est inconnue, et un bulletin scellé est verrouillé au tour de la balise à la clôture${NB}: attendez le premier passage du bot sur le changement, puis votez à nouveau`,
  sealedPublicVote: (change) => `le vote sur ${change} est public (sa politique ne dit pas \`ballots: sealed\`, ou ne nomme aucune balise)${NB}: un bulletin scellé ne compterait pas${NB}; votez sans --sealed`,
  sealedClosed: (change, closes) => `le vote sur ${change} a été clos le ${closes}${NB}: un bulletin déposé maintenant ne compterait pas, et scellé pour un tour déjà publié, chacun pourrait le lire`,
  sealedTooLong: (max) => `la raison est trop longue pour être scellée${NB}: le texte d’un bulletin scellé est complété jusqu’à ${max} octets, pour que sa taille ne dise rien du vote${NB}; raccourcissez la raison`,
  sealedUntrusted: (change, commit) => `l’entrée du registre pour ${change} fige le commit ${commit}, qui n’est pas dans l’historique de main${NB}: le bot ne l’a pas écrite, et la balise de sa politique pourrait être une balise dont quelqu’un tient la clé, qui lirait le bulletin aussitôt${NB}; rien n’a été scellé (récupérez à nouveau le registre${NB}: git fetch origin +refs/noclout/ledger:refs/noclout/ledger)`,
  wouldNotPass: () => `rien n’a été écrit${NB}; le fichier ne passerait pas check${NB}:`,
  wrote: (path, rules) => `${path} écrit${rules ? ` (règles${NB}: ${rules})` : ''}`,
  wroteNext: (check) => `Ensuite${NB}: rédigez-le, lancez \`${check}\`, puis faites-en un commit sur une branche et ouvrez une pull request.`,
} satisfies typeof en;

/**
 * A RepoError's or SourceError's message in French, by its code and params (src/repo/repository.ts,
 * src/bot/context.ts, src/bot/*-source.ts), for the command line that turns it into a usage error.
 * An unknown code keeps the English, quoted, after a French sentence that says what failed.
 */
export function openingErrorFr(code: string, p: Readonly<Record<string, string>>, english: string): string {
  const quoted = (s: string | undefined) => `«${NB}${s ?? ''}${NB}»`;
  switch (code) {
    case 'repo/not-a-repository':
      return `${p.dir} n’est pas un dépôt git (pas de dossier .git, et pas un dépôt nu)`;
    case 'repo/bad-branch':
      return `${p.from}${NB}: ${quoted(p.name)} n’est pas un nom de branche que git accepte${NB}: ${refNameProblemIn(p.name ?? '', 'fr', { branch: true }) ?? ''}`;
    case 'repo/no-base':
      return `--base${NB}: pas de branche ${quoted(p.branch)} dans ${p.repo}`;
    case 'repo/bad-ref-name':
      return `${quoted(p.name)} n’est pas un nom de référence que git accepte${NB}: ${refNameProblemIn(p.name ?? '', 'fr') ?? ''}`;
    case 'repo/unknown-ref':
      return `${quoted(p.name)} ne désigne aucun commit dans ${p.repo}`;
    case 'source/unknown-head':
      return p.cause === undefined
        ? `${quoted(p.head)} n’est pas un numéro de pull request${NB}; en mode GitHub, une tête est un numéro, comme 12 ou «${NB}#12${NB}»`
        : `${openingErrorFr(p.cause, p, english)}${NB}; nommez une branche, comme «${NB}post/hello${NB}», ou un identifiant de commit`;
    case 'source/head-not-fetched':
      return `la tête ${p.head} de la pull request #${p.number} n’est pas dans le dépôt local${NB}: récupérez-la d’abord comme donnée, avec \`git fetch origin +refs/pull/${p.number}/head:refs/pull/${p.number}/head\``;
    default:
      return `le dépôt ne s’ouvre pas [${code}]${NB}: ${JSON.stringify(english)}`;
  }
}

/** The command line's sentences in a language. */
export const CLI_TEXTS: Record<TextLanguage, typeof en> = { en, fr };
