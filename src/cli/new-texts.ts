/**
 * What `noclout new` says when it refuses or when it wrote a moderation or a rule, in English and
 * French (issue 12): same keys and parameters (`satisfies typeof en`). The plain post or proposal
 * written is in src/cli/texts.ts (wrote, wroteNext). French typography: U+202F before `; : ! ?` and
 * inside « ». Commands and options stay as typed.
 */
import { noclout } from '../commons/suggested-command.ts';

const NB = '\u202f';
const q = (s: string) => `«${NB}${s}${NB}»`;

/** A moderation or an appeal just written, and the one command that completes the change. */
export interface ModerationWritten {
  path: string;
  appeals: string | undefined;
  moderates: string | undefined;
  rule: string | undefined;
  slug: string;
  next: readonly string[];
}

const en = {
  noConfig: (file: string, repo: string) => `${file} is missing or invalid; run ${noclout(`check --repo ${repo}`)}`,
  whoWrites: () => 'who is writing? give --author <handle>, or run: git config noclout.author <handle>',
  notHandle: (author: string) => `"${author}" is not a handle (lowercase ASCII letters, digits, hyphens); give --author <handle>`,
  behind: (author: string, ahead: string, branch: string) => `"${author}" is not in governance/members.yml here, but is in ${ahead}'s: your ${branch} is behind ${ahead}: git switch ${branch} && git pull`,
  notMember: (author: string, members: string, branch: string) => `"${author}" is not in governance/members.yml; members: ${members}. Admitted recently? git switch ${branch} && git pull. To join: ${noclout('join')}.`,
  notLanguage: (lang: string, languages: string) => `language "${lang}" is not one of ${languages}`,
  badTag: (tag: string) => `tag "${tag}" is not lowercase words joined by hyphens, like "gouvernance"`,
  unknownRule: (rule: string) => `--rules ${rule}: governance/rules/${rule}.md does not exist; write it first (${noclout('new rule "<title>"')}) and name it by its slug`,
  unknownReplyTo: (id: string) => `--reply-to ${id}: no post with that id (expected <year>/<slug>)`,
  slugTaken: (path: string, slug: string) => `${path} already uses the slug "${slug}"; nothing was written. Choose another title or --slug.`,
  slugDecided: (slug: string, record: string) => `the slug "${slug}" names a change already decided (governance/decisions/${record}.md); nothing was written. Choose another title or --slug.`,
  exists: (path: string) => `${path} already exists; nothing was written`,
  ruleExists: (path: string) => `${path} already exists; nothing was written. Edit it to amend the rule, or choose another title or --slug.`,
  noPostToModerate: (id: string) => `--moderates ${id}: no post content/posts/${id}.md here (expected <year>/<slug> of a published post); write the proposal before removing the post`,
  noRule: (rule: string, rules: string) => `--rule ${rule}: no rule governance/rules/${rule}.md; rules: ${rules || 'none'}`,
  noDecision: (id: string) => `--appeals ${id}: no decision governance/decisions/${id}.md (expected <year>/<nnnn>-<slug>)`,
  hidNothing: (id: string, outcome: string, kind: string) => `--appeals ${id}: that decision hid nothing (it is ${outcome}, of kind ${kind}); an appeal contests an accepted moderation`,
  moderationWritten: (m: ModerationWritten) =>
    [
      `Wrote ${m.path} (${m.appeals ? `appeals ${m.appeals}` : `moderates ${m.moderates}, rule ${m.rule}`})`,
      `Next: say why in it, then ${m.appeals ? 'restore the post exactly as it was hidden' : 'remove the post'} in the same change and commit both, signed (on its own branch, like proposal/${m.slug}):`,
      ...m.next.map((n) => `  ${n}`),
    ].join('\n'),
  ruleWritten: (path: string, next: string) => `Wrote ${path}\nNext: write the rule, then the proposal that adds it (a rule enters the charter by a vote): ${next}`,
};

const fr = {
  noConfig: (file, repo) => `${file} manque ou n’est pas valide${NB}; lancez ${noclout(`check --repo ${repo}`)}`,
  whoWrites: () => `qui écrit${NB}? Donnez --author <handle>, ou lancez${NB}: git config noclout.author <handle>`,
  notHandle: (author) => `${q(author)} n’est pas un identifiant (lettres ASCII minuscules, chiffres, tirets)${NB}; donnez --author <handle>`,
  behind: (author, ahead, branch) => `${q(author)} n’est pas dans governance/members.yml ici, mais figure dans celui de ${ahead}${NB}: votre ${branch} est en retard sur ${ahead}${NB}: git switch ${branch} && git pull`,
  notMember: (author, members, branch) => `${q(author)} n’est pas dans governance/members.yml${NB}; membres${NB}: ${members}. Admis récemment${NB}? git switch ${branch} && git pull. Pour adhérer${NB}: ${noclout('join')}.`,
  notLanguage: (lang, languages) => `la langue ${q(lang)} n’est pas l’une de ${languages}`,
  badTag: (tag) => `l’étiquette ${q(tag)} n’est pas faite de mots en minuscules joints par des tirets, comme ${q('gouvernance')}`,
  unknownRule: (rule) => `--rules ${rule}${NB}: governance/rules/${rule}.md n’existe pas${NB}; écrivez-la d’abord (${noclout('new rule "<titre>"')}) et nommez-la par son slug`,
  unknownReplyTo: (id) => `--reply-to ${id}${NB}: aucun billet de cet identifiant (attendu${NB}: <année>/<slug>)`,
  slugTaken: (path, slug) => `${path} utilise déjà le slug ${q(slug)}${NB}; rien n’a été écrit. Choisissez un autre titre ou --slug.`,
  slugDecided: (slug, record) => `le slug ${q(slug)} désigne un changement déjà décidé (governance/decisions/${record}.md)${NB}; rien n’a été écrit. Choisissez un autre titre ou --slug.`,
  exists: (path) => `${path} existe déjà${NB}; rien n’a été écrit`,
  ruleExists: (path) => `${path} existe déjà${NB}; rien n’a été écrit. Modifiez-le pour amender la règle, ou choisissez un autre titre ou --slug.`,
  noPostToModerate: (id) => `--moderates ${id}${NB}: pas de billet content/posts/${id}.md ici (attendu${NB}: <année>/<slug> d’un billet publié)${NB}; écrivez la proposition avant de retirer le billet`,
  noRule: (rule, rules) => `--rule ${rule}${NB}: pas de règle governance/rules/${rule}.md${NB}; règles${NB}: ${rules || 'aucune'}`,
  noDecision: (id) => `--appeals ${id}${NB}: pas de décision governance/decisions/${id}.md (attendu${NB}: <année>/<nnnn>-<slug>)`,
  hidNothing: (id, outcome, kind) => `--appeals ${id}${NB}: cette décision n’a rien masqué (résultat ${outcome}, de type ${kind})${NB}; un appel conteste une modération acceptée`,
  moderationWritten: (m) =>
    [
      `${m.path} écrit (${m.appeals ? `fait appel de ${m.appeals}` : `modère ${m.moderates}, règle ${m.rule}`})`,
      `Ensuite${NB}: dites-y pourquoi, puis ${m.appeals ? 'rétablissez le billet exactement tel qu’il a été masqué' : 'retirez le billet'} dans le même changement, et faites des deux un commit signé (sur sa propre branche, comme proposal/${m.slug})${NB}:`,
      ...m.next.map((n) => `  ${n}`),
    ].join('\n'),
  ruleWritten: (path, next) => `${path} écrit\nEnsuite${NB}: rédigez la règle, puis la proposition qui l’ajoute (une règle entre dans la charte par un vote)${NB}: ${next}`,
} satisfies typeof en;

export type NewTexts = typeof en;

/** What new says, in a language. */
export const NEW_TEXTS = { en, fr } as const;
