/**
 * The command line's own sentences (summaries, not problems) in English and French (issue 12). The
 * French has the same keys and parameters (`satisfies`); problems come from
 * src/commons/texts/problems.ts. French typography: U+202F before `; : ! ?`; plurals via plural.ts.
 */
import { count } from '../commons/plural.ts';
import type { TextLanguage } from '../commons/texts/index.ts';

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
  checkProblems: (problems: number, files: number, checked: number) => `${count(problems, 'problem')} in ${count(files, 'file')} (${checked} checked).`,
  checkSelectedOk: (files: number) => `✓ ${count(files, 'file')} checked, with the rest of the commons as context. No problems.`,
  checkAllOk: (c: Checked) =>
    `✓ ${count(c.files, 'file')} checked: ${count(c.posts, 'post')}, ${count(c.proposals, 'proposal')}, ${count(c.rules, 'rule')}, ${count(c.decisions, 'decision record')}, ${count(c.members, 'member')}. No problems.`,
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
  checkProblems: (problems, files, checked) => `${count(problems, 'problème', 'fr')} dans ${count(files, 'fichier', 'fr')} (${count(checked, { one: 'vérifié', other: 'vérifiés' }, 'fr')}).`,
  checkSelectedOk: (files) => `✓ ${count(files, { one: 'fichier vérifié', other: 'fichiers vérifiés' }, 'fr')}, avec le reste du commun pour contexte. Aucun problème.`,
  checkAllOk: (c) =>
    `✓ ${count(c.files, { one: 'fichier vérifié', other: 'fichiers vérifiés' }, 'fr')}${NB}: ${count(c.posts, 'billet', 'fr')}, ${count(c.proposals, 'proposition', 'fr')}, ${count(c.rules, 'règle', 'fr')}, ${count(c.decisions, { one: 'décision consignée', other: 'décisions consignées' }, 'fr')}, ${count(c.members, 'membre', 'fr')}. Aucun problème.`,
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
  wouldNotPass: () => `rien n’a été écrit${NB}; le fichier ne passerait pas check${NB}:`,
  wrote: (path, rules) => `${path} écrit${rules ? ` (règles${NB}: ${rules})` : ''}`,
  wroteNext: (check) => `Ensuite${NB}: rédigez-le, lancez \`${check}\`, puis faites-en un commit sur une branche et ouvrez une pull request.`,
} satisfies typeof en;

/** The command line's sentences in a language. */
export const CLI_TEXTS: Record<TextLanguage, typeof en> = { en, fr };
