/**
 * Why `noclout merge` could not move the base (issue 12): the base is locked, kept moving, or is
 * checked out with files the bot may not overwrite. Each failure has a code and its parameters;
 * src/repo/checkout.ts and src/bot/merge.ts write their English from here, and the command line
 * says the French from the same parameters. French typography: U+202F before `; : ! ?`. Pure.
 */
import type { TextLanguage } from './index.ts';

const NB = '\u202f';

export type MergeFailureCode = 'merge/locked' | 'merge/contention' | 'merge/dirty-checkout' | 'merge/index-locked' | 'merge/checked-out-elsewhere' | 'merge/stale-checkout';

/**
 * The values a failure names: the `branch` (or `ref`), the repository (`dir`, `gitdir`), the lock
 * file (`path`), the files changed (`files`, with `more` not listed), the change (`head`), the
 * work trees holding the branch (`elsewhere`, the first one `first`), the commits a branch moved
 * between (`before`, `after`, in full).
 */
export type MergeFailureParams = Partial<Record<'branch' | 'ref' | 'dir' | 'gitdir' | 'path' | 'files' | 'more' | 'head' | 'elsewhere' | 'first' | 'before' | 'after', string>>;

type Texts = Record<MergeFailureCode, (p: MergeFailureParams) => string>;

const en: Texts = {
  'merge/locked': (p) => `${p.ref}.lock exists in ${p.gitdir}: another git process is writing ${p.ref}, or one crashed while doing so. Nothing was changed. If no git process is running, remove the lock file and run merge again.`,
  'merge/contention': (p) => `${p.ref} kept moving while merging ${p.head}: other runs are merging too; run merge again`,
  'merge/dirty-checkout': (p) =>
    `${p.branch} is checked out in ${p.dir} and its files have local changes (${p.files}${p.more ? ` and ${p.more} more` : ''}): the bot updates a checked-out branch's files only when they are clean, so nothing was merged. Commit or stash them (git stash), or run the bot in a clone where ${p.branch} is not checked out, then run merge again.`,
  'merge/index-locked': (p) => `${p.path} exists: a git command (a commit waiting for its message, an add) is using the index of ${p.dir}. Nothing was merged. Finish it, or remove the lock file if no git process is running, then run merge again.`,
  'merge/checked-out-elsewhere': (p) =>
    `${p.branch} is checked out in ${p.elsewhere}: moving it from here would leave those files showing the old ${p.branch}, and a commit there would undo the merge. Nothing was merged. Run the bot in ${p.first} (it updates clean files there), or in a clone where ${p.branch} is not checked out.`,
  // Not a failure: the merge is done, but files of the checked-out branch still show the old commit (src/repo/checkout.ts, staleCheckout).
  'merge/stale-checkout': (p) =>
    `${p.branch} moved from ${p.before?.slice(0, 12)} to ${p.after?.slice(0, 12)}, but some of its files in ${p.dir} still show ${p.before?.slice(0, 12)}. Before committing anything there, update them: git read-tree -m -u ${p.before} ${p.after}`,
};

const fr: Texts = {
  'merge/locked': (p) =>
    `${p.ref}.lock existe dans ${p.gitdir}${NB}: un autre processus git écrit ${p.ref}, ou l’un d’eux s’est arrêté en le faisant. Rien n’a été modifié. Si aucun processus git ne tourne, supprimez le fichier de verrou et relancez merge.`,
  'merge/contention': (p) => `${p.ref} n’a cessé de bouger pendant la fusion de ${p.head}${NB}: d’autres exécutions fusionnent aussi${NB}; relancez merge`,
  'merge/dirty-checkout': (p) =>
    `${p.branch} est extraite dans ${p.dir} et ses fichiers ont des modifications locales (${p.files}${p.more ? ` et ${p.more} autres` : ''})${NB}: le bot ne met à jour les fichiers d’une branche extraite que s’ils sont propres, rien n’a donc été fusionné. Faites-en un commit ou mettez-les de côté (git stash), ou lancez le bot dans un clone où ${p.branch} n’est pas extraite, puis relancez merge.`,
  'merge/index-locked': (p) =>
    `${p.path} existe${NB}: une commande git (un commit qui attend son message, un add) utilise l’index de ${p.dir}. Rien n’a été fusionné. Terminez-la, ou supprimez le fichier de verrou si aucun processus git ne tourne, puis relancez merge.`,
  'merge/checked-out-elsewhere': (p) =>
    `${p.branch} est extraite dans ${p.elsewhere}${NB}: la déplacer d’ici laisserait ces fichiers montrer l’ancienne ${p.branch}, et un commit là-bas annulerait la fusion. Rien n’a été fusionné. Lancez le bot dans ${p.first} (il y met à jour les fichiers propres), ou dans un clone où ${p.branch} n’est pas extraite.`,
  'merge/stale-checkout': (p) =>
    `${p.branch} est passée de ${p.before?.slice(0, 12)} à ${p.after?.slice(0, 12)}, mais certains de ses fichiers dans ${p.dir} montrent encore ${p.before?.slice(0, 12)}. Avant d’y faire un commit, mettez-les à jour${NB}: git read-tree -m -u ${p.before} ${p.after}`,
};

export const MERGE_FAILURES: Record<TextLanguage, Texts> = { en, fr };

/** A failure's English, as its error's message says it. */
export function mergeFailureText(code: MergeFailureCode, params: MergeFailureParams): string {
  return en[code](params);
}

/** A failure in a language, when its English from these parameters is its message; else the message as it is (fail closed). */
export function mergeFailureIn(failure: { code: string; message: string; params?: MergeFailureParams }, lang: TextLanguage): string {
  if (!failure.params || !Object.hasOwn(en, failure.code)) return failure.message;
  const code = failure.code as MergeFailureCode;
  return en[code](failure.params) === failure.message ? MERGE_FAILURES[lang][code](failure.params) : failure.message;
}
