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
};

const fr = {
  checkProblems: (problems, files, checked) => `${count(problems, 'problème', 'fr')} dans ${count(files, 'fichier', 'fr')} (${count(checked, { one: 'vérifié', other: 'vérifiés' }, 'fr')}).`,
  checkSelectedOk: (files) => `✓ ${count(files, { one: 'fichier vérifié', other: 'fichiers vérifiés' }, 'fr')}, avec le reste du commun pour contexte. Aucun problème.`,
  checkAllOk: (c) =>
    `✓ ${count(c.files, { one: 'fichier vérifié', other: 'fichiers vérifiés' }, 'fr')}${NB}: ${count(c.posts, 'billet', 'fr')}, ${count(c.proposals, 'proposition', 'fr')}, ${count(c.rules, 'règle', 'fr')}, ${count(c.decisions, { one: 'décision consignée', other: 'décisions consignées' }, 'fr')}, ${count(c.members, 'membre', 'fr')}. Aucun problème.`,
} satisfies typeof en;

/** The command line's sentences in a language. */
export const CLI_TEXTS: Record<TextLanguage, typeof en> = { en, fr };
