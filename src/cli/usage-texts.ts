/**
 * Every usage error of `noclout` (exit 2), in English and French (issue 12): same keys, same
 * parameters (`satisfies typeof en`). Commands raise them with `usage(key, …params)`
 * (src/cli/usage-error.ts), which takes both texts from here. French typography: U+202F before
 * `; : ! ?` and inside « »; options and placeholders stay as typed.
 */
import type { ForgeErrorData } from '../forge/errors.ts';
import { noclout } from '../commons/suggested-command.ts';

const NB = '\u202f';
const q = (s: string) => `«${NB}${s}${NB}»`;

type ConfigProblem = NonNullable<ForgeErrorData['config']>[number];

/** parseArgs' refusal in French, by its error code and the option it names (its English is Node's own). */
export function parseArgsFr(error: NodeJS.ErrnoException): string {
  const option = /'([^']+)'/.exec(error.message)?.[1]?.replace(/ <value>$/, '');
  if (option !== undefined && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `option inconnue ${option}${NB}; pour un argument qui commence par ${q('-')}, mettez-le à la fin, après ${q('--')}`;
  if (option !== undefined && error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(error.message)) return `l’option ${option} ne prend pas de valeur`;
    if (/ambiguous/.test(error.message)) return `la valeur de ${option} commence par ${q('-')}${NB}: l’avez-vous oubliée${NB}? Pour une valeur qui commence par un tiret, écrivez ${option}=-XYZ`;
    return `l’option ${option} attend une valeur`;
  }
  return `les arguments ne se lisent pas (${JSON.stringify(error.message)})`;
}

const en = {
  // every command
  formatValue: (received: string) => `--format must be "text" or "json", received ${received}`,
  langValue: (received: string) => `--lang must be "en" or "fr", received ${received}`,
  atValue: (received: string, zoneless: boolean) =>
    `--at must be an ISO time with its time zone, like 2026-11-24T10:00:00Z or 2026-11-24T11:00:00+01:00, received ${received}` +
    (zoneless ? ': without a zone the same text names a different instant on each machine; add Z for UTC or your offset' : ''),
  unexpectedArguments: (args: string) => `unexpected arguments: ${args}`,
  sourceValue: (received: string) => `--source must be "git" or "github", received ${received}`,
  githubConfig: (problems: readonly ConfigProblem[]) =>
    `cannot use the GitHub source:\n${problems
      .map(
        (p) =>
          `  ${
            p.why === 'not-url'
              ? `GITHUB_API_URL must be a URL like https://api.github.com, received ${JSON.stringify(p.received)}`
              : p.why === 'not-https'
                ? `GITHUB_API_URL must use https (plain http only on loopback), received ${JSON.stringify(p.received)}`
                : p.why === 'not-owner-name'
                  ? `GITHUB_REPOSITORY must be "owner/name", like "noclout/commons", received ${JSON.stringify(p.received)}`
                  : 'GITHUB_TOKEN is not set: in a workflow pass `env: GITHUB_TOKEN: ${{ github.token }}`'
          }`,
      )
      .join('\n')}`,
  // check
  noCommonsFile: (given: string) => `${given}: no commons file there; check reads content/ and governance/ only (the rest is platform code, reviewed by people)`,
  notDirectory: (root: string) => `--repo: ${root} is not a directory`,
  outsideCommons: (given: string, root: string) => `${given} is outside the commons ${root}`,
  noSuchPath: (given: string) => `${given}: no such file or folder`,
  // init
  signingValue: (received: string) => `--signing must be "yes" or "no", received ${received}`,
  notTerminal: (missing: string) => `stdin is not a terminal, so nothing is asked; missing: ${missing}`,
  missingDescription: (lang: string) => `--description (or --description-${lang})`,
  missingKey: () => '--key (no ed25519 key in ssh-agent or ~/.ssh)',
  badAnswer: (option: string, given: string, why: string) => `${option} ${given}: ${why}`,
  descriptionLanguage: (lang: string, languages: string) => `--description-${lang}: ${lang} is not one of --languages ${languages}`,
  githubNeedsId: (login: string, received: string) => `--github ${login} needs --github-id, the account's numeric id (logins can be renamed, ids cannot), received ${received}`,
  githubIdNeedsLogin: () => '--github-id needs --github LOGIN',
  // join
  handleOnce: () => "give the newcomer's handle once: --for HANDLE",
  forOrSponsor: () => '--for is run by the member who signs; --sponsor by the newcomer: give one of them',
  forNeedsKeyName: (handle: string) => `--for ${handle} needs the newcomer's --key "ssh-ed25519 AAAA…" and --name "Their Name" (the line ${noclout('join')} printed for them)`,
  githubTogether: () => "--github LOGIN and --github-id NUMBER go together (the id is the account's number: logins can be renamed, ids cannot)",
  joinInClone: (why: string) => `${why}; run ${noclout('join')} in a clone of the commons`,
  noSuchBase: (base: string) => `--base ${base}: no such branch or commit`,
  // new
  whatToCreate: (received: string) => `say what to create: "post", "proposal" or "rule", received ${received}`,
  rulesForProposal: () => '--rules is for a proposal: the rules it adds or amends',
  giveTitle: () => `give a title in quotes, like: ${noclout('new post "Égalité des voix"')}`,
  quoteTitle: (args: string) => `unexpected arguments: ${args} (quote the title)`,
  noFileName: (title: string, slugGiven: boolean) =>
    `cannot make a file name from ${title}: file names are lowercase ASCII words (a–z, digits) and ${slugGiven ? 'the --slug given is not' : 'no letter of this title folds to them'}; give one with --slug, like --slug my-post`,
  moderationForProposal: () => '--moderates, --rule and --appeals are for a proposal: new proposal "<title>" --moderates <year>/<slug> --rule <slug>',
  rulesNotModeration: () => '--rules is for a rule change; a moderation names one --rule, the rule the post breaks',
  appealsAlone: () => "--appeals names only the decision contested: the post and the rule are that decision's (no --moderates, no --rule)",
  ruleNeedsModerates: () => '--rule goes with --moderates <year>/<slug>, the post to hide',
  moderatesNeedsRule: () => '--moderates goes with --rule <slug>, the rule the post breaks',
  // review
  nameHead: () => 'name at least one head to review, like `noclout review post/hello`',
  // vote
  changeSlug: (received: string) => `name the change by its slug (the file name of its post or proposal, without .md), like: ${noclout('vote cite-sources yes')}; received ${received}`,
  voteValue: (received: string) => `say yes, no or abstain, received ${received}`,
  quoteReason: (args: string) => `unexpected arguments: ${args} (quote the reason: --reason "…")`,
  voteOutsideGit: (dir: string) => `${dir} is not in a git repository: run ${noclout('vote')} from your clone of the commons, or give --repo`,
  noSuchRemote: (remote: string, remotes: string) => `--remote ${remote}: no such remote; remotes: ${remotes || 'none'}`,
};

const fr = {
  formatValue: (received) => `--format vaut ${q('text')} ou ${q('json')}, reçu ${received}`,
  langValue: (received) => `--lang vaut ${q('en')} ou ${q('fr')}, reçu ${received}`,
  atValue: (received, zoneless) =>
    `--at attend une heure ISO avec son fuseau, comme 2026-11-24T10:00:00Z ou 2026-11-24T11:00:00+01:00, reçu ${received}` +
    (zoneless ? `${NB}: sans fuseau, le même texte désigne un instant différent sur chaque machine${NB}; ajoutez Z pour UTC, ou votre décalage` : ''),
  unexpectedArguments: (args) => `arguments inattendus${NB}: ${args}`,
  sourceValue: (received) => `--source vaut ${q('git')} ou ${q('github')}, reçu ${received}`,
  githubConfig: (problems) =>
    `la source GitHub ne peut pas servir${NB}:\n${problems
      .map(
        (p) =>
          `  ${
            p.why === 'not-url'
              ? `GITHUB_API_URL doit être une URL comme https://api.github.com, reçu ${JSON.stringify(p.received)}`
              : p.why === 'not-https'
                ? `GITHUB_API_URL doit être en https (http seulement sur la boucle locale), reçu ${JSON.stringify(p.received)}`
                : p.why === 'not-owner-name'
                  ? `GITHUB_REPOSITORY doit valoir ${q('propriétaire/nom')}, comme ${q('noclout/commons')}, reçu ${JSON.stringify(p.received)}`
                  : `GITHUB_TOKEN n’est pas défini${NB}: dans un workflow, passez \`env: GITHUB_TOKEN: \${{ github.token }}\``
          }`,
      )
      .join('\n')}`,
  noCommonsFile: (given) => `${given}${NB}: aucun fichier du commun ici${NB}; check ne lit que content/ et governance/ (le reste est du code de la plateforme, relu par des personnes)`,
  notDirectory: (root) => `--repo${NB}: ${root} n’est pas un dossier`,
  outsideCommons: (given, root) => `${given} est hors du commun ${root}`,
  noSuchPath: (given) => `${given}${NB}: aucun fichier ni dossier de ce nom`,
  signingValue: (received) => `--signing vaut ${q('yes')} ou ${q('no')}, reçu ${received}`,
  notTerminal: (missing) => `l’entrée standard n’est pas un terminal, donc rien n’est demandé${NB}; il manque${NB}: ${missing}`,
  missingDescription: (lang) => `--description (ou --description-${lang})`,
  missingKey: () => '--key (aucune clé ed25519 dans ssh-agent ni dans ~/.ssh)',
  badAnswer: (option, given, why) => `${option} ${given}${NB}: ${why}`,
  descriptionLanguage: (lang, languages) => `--description-${lang}${NB}: ${lang} n’est pas l’une des --languages ${languages}`,
  githubNeedsId: (login, received) => `--github ${login} demande --github-id, le numéro du compte (un identifiant peut être renommé, un numéro non), reçu ${received}`,
  githubIdNeedsLogin: () => '--github-id demande --github LOGIN',
  handleOnce: () => `donnez l’identifiant de la nouvelle personne une seule fois${NB}: --for HANDLE`,
  forOrSponsor: () => `--for est lancé par le membre qui signe${NB}; --sponsor par la nouvelle personne${NB}: donnez l’un des deux`,
  forNeedsKeyName: (handle) => `--for ${handle} demande la clé de la nouvelle personne, --key "ssh-ed25519 AAAA…", et son nom, --name "Son Nom" (la ligne que ${noclout('join')} a affichée pour elle)`,
  githubTogether: () => `--github LOGIN et --github-id NUMBER vont ensemble (le numéro est celui du compte${NB}: un identifiant peut être renommé, un numéro non)`,
  joinInClone: (why) => `${why}${NB}; lancez ${noclout('join')} dans un clone du commun`,
  noSuchBase: (base) => `--base ${base}${NB}: aucune branche ni aucun commit de ce nom`,
  whatToCreate: (received) => `dites quoi créer${NB}: ${q('post')}, ${q('proposal')} ou ${q('rule')}, reçu ${received}`,
  rulesForProposal: () => `--rules est pour une proposition${NB}: les règles qu’elle ajoute ou modifie`,
  giveTitle: () => `donnez un titre entre guillemets, comme${NB}: ${noclout('new post "Égalité des voix"')}`,
  quoteTitle: (args) => `arguments inattendus${NB}: ${args} (mettez le titre entre guillemets)`,
  noFileName: (title, slugGiven) =>
    `impossible de tirer un nom de fichier de ${title}${NB}: les noms de fichier sont des mots ASCII en minuscules (a–z, chiffres) et ${slugGiven ? 'le --slug donné n’en est pas' : 'aucune lettre de ce titre ne s’y ramène'}${NB}; donnez-en un avec --slug, comme --slug mon-billet`,
  moderationForProposal: () => `--moderates, --rule et --appeals sont pour une proposition${NB}: new proposal "<titre>" --moderates <année>/<slug> --rule <slug>`,
  rulesNotModeration: () => `--rules est pour un changement de règles${NB}; une modération nomme une seule --rule, la règle que le billet enfreint`,
  appealsAlone: () => `--appeals ne nomme que la décision contestée${NB}: le billet et la règle sont ceux de cette décision (ni --moderates, ni --rule)`,
  ruleNeedsModerates: () => '--rule va avec --moderates <année>/<slug>, le billet à masquer',
  moderatesNeedsRule: () => '--moderates va avec --rule <slug>, la règle que le billet enfreint',
  nameHead: () => 'nommez au moins une tête à juger, comme `noclout review post/hello`',
  changeSlug: (received) => `nommez le changement par son slug (le nom de fichier de son billet ou de sa proposition, sans .md), comme${NB}: ${noclout('vote cite-sources yes')}${NB}; reçu ${received}`,
  voteValue: (received) => `dites yes, no ou abstain, reçu ${received}`,
  quoteReason: (args) => `arguments inattendus${NB}: ${args} (mettez la raison entre guillemets${NB}: --reason "…")`,
  voteOutsideGit: (dir) => `${dir} n’est pas dans un dépôt git${NB}: lancez ${noclout('vote')} depuis votre clone du commun, ou donnez --repo`,
  noSuchRemote: (remote, remotes) => `--remote ${remote}${NB}: pas de dépôt distant de ce nom${NB}; dépôts distants${NB}: ${remotes || 'aucun'}`,
} satisfies typeof en;

export type UsageTexts = typeof en;

/** The usage errors in a language. */
export const USAGE_TEXTS = { en, fr } as const;
