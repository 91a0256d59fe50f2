/**
 * What `noclout init` says (questions, refusals, the next steps), in English and French (issue 12):
 * same keys and parameters (`satisfies typeof en`). French typography: U+202F before `; : ! ?` and
 * inside « »; plurals via count. Commands and options stay as typed.
 */
import { count } from '../commons/plural.ts';
import { noclout } from '../commons/suggested-command.ts';

const NB = '\u202f';
const q = (s: string) => `«${NB}${s}${NB}»`;

/** What the next steps name. */
export interface Founded {
  name: string;
  root: string;
  commit: string;
  branch: string;
  signed: boolean;
  keySource: string;
  votes: string;
  rule: string;
  founder: string;
  signersFile: string | undefined;
  here: string;
  platform: boolean;
  hasOrigin: boolean;
  repository: string;
}

const en = {
  // questions on a terminal
  askName: () => 'Name of the commons',
  askLanguages: () => 'Languages, comma-separated',
  askDefaultLanguage: () => 'Default language',
  askDescription: (lang: string, required: boolean) => `Description (${lang}), one or two sentences${required ? '' : ', optional'}`,
  askRepository: () => "The repository's web address, where people browse it (https://…)",
  askSite: () => 'Site URL, where it will be published',
  askHandle: () => 'Your handle (lowercase letters, digits, hyphens)',
  askMemberName: () => 'Your name',
  askKey: (found: string | undefined) => `Your SSH public key (file or line)${found ? `; found in ${found}` : ''}`,
  askGithub: () => 'Your GitHub login (optional, empty for none)',
  askGithubId: (login: string) => `GitHub numeric id of ${login} (https://api.github.com/users/${login})`,
  askSigning: () => 'Set this clone up to sign commits with that key (git gpg.format=ssh)? yes/no',
  // why an answer is refused
  answerNeeded: () => 'an answer is needed',
  notLanguage: (given: string) => `${given} is not a two- or three-letter language code, like fr or en`,
  notOneOf: (languages: string) => `not one of the languages (${languages})`,
  notUrl: () => 'an http(s) address, like https://example.org/',
  gitAddress: (answer: string, web: string) =>
    `${answer} is a git address, for pushing (git remote add origin ${answer}); this is the repository's web address, https://…, which the site links to${web ? ` (here perhaps ${web})` : ''}. A commons with no web front gives the https address it will have: until then the site's links to it lead nowhere`,
  notWebAddress: () => 'an https address where people browse the repository, like https://github.com/you/allotment',
  notHandle: () => 'a handle is 1–32 lowercase ASCII letters, digits or inner hyphens, like "amina" or "jean-luc"',
  // refusals (exit 1)
  nested: (root: string, top: string) => `${root} is inside the git repository ${top}; a commons is the root of its own repository: run ${noclout('init')} there, or in an empty folder`,
  ownMembers: (who: string, records: number) =>
    `this folder already holds a commons with its own members (${who})${records ? ` and ${count(records, 'decision record')}` : ''}; init would erase them. To found another commons, run init in an empty folder; to replace this one anyway, give --force (git history keeps the old files)`,
  unreadableMembers: () => 'a members.yml that does not read',
  ownRecords: (records: number) => `this folder holds ${count(records, 'decision record')} (governance/decisions/), a community's history; init would erase them. Give --force to replace them anyway`,
  uncommitted: (files: string) => `content/ or governance/ has changes that are not committed (${files}); init would erase them: commit or discard them first, or give --force`,
  wouldNotPass: (problems: string) => `nothing was written; the new commons would not pass check:\n${problems}`,
  membersUnreadable: () => 'governance/members.yml cannot be read; --keep-demo adds you beside its members',
  commitFailed: (said: string, signing: boolean, name: string) =>
    `the files are written, but git could not commit them: ${said}${signing ? ' (signing: is the key in ssh-agent, or its private file beside the .pub?)' : ''}; fix that and run: git commit -m "Found ${name}"`,
  // what was done
  nextSteps: (f: Founded) =>
    [
      `Founded "${f.name}" in ${f.root}: commit ${f.commit} on ${f.branch}${f.signed ? `, signed with ${f.keySource}` : ''}.`,
      `  governance/commons.yml, policy.md (votes: ${f.votes}), rules/${f.rule}.md, members.yml (${f.founder})`,
      f.signed ? `  Signed commits are on for this clone; allowed signers: ${f.signersFile} (git log --show-signature)` : `  Commits are not signed here; the bot counts only signed changes and ballots: ${noclout('init --help')}, docs/founding.md`,
      '',
      'Next:',
      `  1. Check it:        ${noclout(`check${f.here}`)} && ${noclout(`audit${f.here}`)}`,
      `  2. See the site:    ${f.platform ? 'npm start' : `NOCLOUT_COMMONS=${f.root} npm start   (from a NoClout checkout)`}`,
      `  3. Publish it:      create an empty repository for it (at ${f.repository}, or a bare one on a server: git init --bare), then`,
      // A clone keeps the branches of the repository it came from: re-pointing origin leaves them, and an
      // old origin/member then blocks the new origin/member/<handle>. Removing the remote drops them.
      ...(f.hasOrigin
        ? [`                      git remote remove origin && git remote add origin <its address> && git push -u origin ${f.branch}`, "                      (origin is still the repository this clone came from; removing it drops that repository's branches too)"]
        : [`                      git remote add origin <its address> && git push -u origin ${f.branch}`]),
      `  4. Write:           ${noclout('new post "Hello"')}   (on a branch: git switch -c post/hello)`,
      `  5. Let others in:   each newcomer runs ${noclout('join')} in a clone and sends you the line it prints;`,
      `                      you run that line (${noclout('join --for …')}) and push member/<handle>. docs/founding.md says more.`,
    ].join('\n'),
};

const fr = {
  askName: () => 'Nom du commun',
  askLanguages: () => 'Langues, séparées par des virgules',
  askDefaultLanguage: () => 'Langue par défaut',
  askDescription: (lang, required) => `Description (${lang}), une ou deux phrases${required ? '' : ', facultative'}`,
  askRepository: () => 'L’adresse web du dépôt, où on le consulte (https://…)',
  askSite: () => 'URL du site, là où il sera publié',
  askHandle: () => 'Votre identifiant (lettres minuscules, chiffres, tirets)',
  askMemberName: () => 'Votre nom',
  askKey: (found) => `Votre clé publique SSH (fichier ou ligne)${found ? `${NB}; trouvée dans ${found}` : ''}`,
  askGithub: () => 'Votre identifiant GitHub (facultatif, vide pour aucun)',
  askGithubId: (login) => `Numéro GitHub de ${login} (https://api.github.com/users/${login})`,
  askSigning: () => `Préparer ce clone pour signer les commits avec cette clé (git gpg.format=ssh)${NB}? yes/no`,
  answerNeeded: () => 'une réponse est nécessaire',
  notLanguage: (given) => `${given} n’est pas un code de langue de deux ou trois lettres, comme fr ou en`,
  notOneOf: (languages) => `pas l’une des langues (${languages})`,
  notUrl: () => 'une adresse http(s), comme https://example.org/',
  gitAddress: (answer, web) =>
    `${answer} est une adresse git, pour pousser (git remote add origin ${answer})${NB}; on demande ici l’adresse web du dépôt, https://…, vers laquelle le site renvoie${web ? ` (ici peut-être ${web})` : ''}. Un commun sans vitrine web donne l’adresse https qu’il aura${NB}: d’ici là, les liens du site vers lui ne mènent nulle part`,
  notWebAddress: () => 'une adresse https où l’on consulte le dépôt, comme https://github.com/vous/jardin',
  notHandle: () => `un identifiant compte de 1 à 32 lettres ASCII minuscules, chiffres ou tirets intérieurs, comme ${q('amina')} ou ${q('jean-luc')}`,
  nested: (root, top) => `${root} est à l’intérieur du dépôt git ${top}${NB}; un commun est la racine de son propre dépôt${NB}: lancez ${noclout('init')} là-bas, ou dans un dossier vide`,
  ownMembers: (who, records) =>
    `ce dossier contient déjà un commun avec ses propres membres (${who})${records ? ` et ${count(records, { one: 'décision consignée', other: 'décisions consignées' }, 'fr')}` : ''}${NB}; init les effacerait. Pour fonder un autre commun, lancez init dans un dossier vide${NB}; pour remplacer celui-ci malgré tout, donnez --force (l’historique git garde les anciens fichiers)`,
  unreadableMembers: () => 'un members.yml illisible',
  ownRecords: (records) => `ce dossier contient ${count(records, { one: 'décision consignée', other: 'décisions consignées' }, 'fr')} (governance/decisions/), l’histoire d’une communauté${NB}; init les effacerait. Donnez --force pour les remplacer malgré tout`,
  uncommitted: (files) => `content/ ou governance/ a des modifications non commitées (${files})${NB}; init les effacerait${NB}: commitez-les ou abandonnez-les d’abord, ou donnez --force`,
  wouldNotPass: (problems) => `rien n’a été écrit${NB}; le nouveau commun ne passerait pas check${NB}:\n${problems}`,
  membersUnreadable: () => `governance/members.yml ne se lit pas${NB}; --keep-demo vous ajoute à côté de ses membres`,
  commitFailed: (said, signing, name) =>
    `les fichiers sont écrits, mais git n’a pas pu en faire un commit${NB}: ${said}${signing ? ` (signature${NB}: la clé est-elle dans ssh-agent, ou sa partie privée à côté du .pub${NB}?)` : ''}${NB}; corrigez cela et lancez${NB}: git commit -m "Found ${name}"`,
  nextSteps: (f) =>
    [
      `${q(f.name)} fondé dans ${f.root}${NB}: commit ${f.commit} sur ${f.branch}${f.signed ? `, signé avec ${f.keySource}` : ''}.`,
      `  governance/commons.yml, policy.md (votes${NB}: ${f.votes}), rules/${f.rule}.md, members.yml (${f.founder})`,
      f.signed
        ? `  Les commits signés sont activés pour ce clone${NB}; signataires admis${NB}: ${f.signersFile} (git log --show-signature)`
        : `  Les commits ne sont pas signés ici${NB}; le bot ne compte que les changements et bulletins signés${NB}: ${noclout('init --help')}, docs/founding.md`,
      '',
      `Ensuite${NB}:`,
      `  1. Vérifiez-le${NB}:     ${noclout(`check${f.here}`)} && ${noclout(`audit${f.here}`)}`,
      `  2. Voyez le site${NB}:   ${f.platform ? 'npm start' : `NOCLOUT_COMMONS=${f.root} npm start   (depuis une copie de NoClout)`}`,
      `  3. Publiez-le${NB}:      créez-lui un dépôt vide (à ${f.repository}, ou un dépôt nu sur un serveur${NB}: git init --bare), puis`,
      ...(f.hasOrigin
        ? [`                      git remote remove origin && git remote add origin <son adresse> && git push -u origin ${f.branch}`, `                      (origin est encore le dépôt dont vient ce clone${NB}; le retirer retire aussi les branches de ce dépôt)`]
        : [`                      git remote add origin <son adresse> && git push -u origin ${f.branch}`]),
      `  4. Écrivez${NB}:         ${noclout('new post "Bonjour"')}   (sur une branche${NB}: git switch -c post/bonjour)`,
      `  5. Accueillez${NB}:      chaque nouvelle personne lance ${noclout('join')} dans un clone et vous envoie la ligne affichée${NB};`,
      `                      vous lancez cette ligne (${noclout('join --for …')}) et poussez member/<handle>. docs/founding.md en dit plus.`,
    ].join('\n'),
} satisfies typeof en;

export type InitTexts = typeof en;

/** What init says, in a language. */
export const INIT_TEXTS = { en, fr } as const;
