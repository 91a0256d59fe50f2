/**
 * The French text of every coded problem, for the same codes and parameters as
 * texts/problems-en.ts (`satisfies` makes a missing code or hint a type error; a unit test says
 * which). French typography: U+202F before `; : ! ?` and inside « »; plurals from plural.ts. Pure.
 */
import { count, plural } from '../plural.ts';
import type { Conflict, ConflictFault, Damage, Governed, NameTaken, ObjectDamage, ProblemCatalogue, TreeNameFault, UncleanMerge, Unattributed } from './problems-en.ts';
import { scriptsOf, stepsOf, structureOf, tallyOf, type AuditFault, type AuditFaultKind, type AuditMissing, type DateMistake, type FrameCode, type FrameText, type MissingObject, type MissingStep, type SchemaSize, type SchemaWords, type SchemaWordsParams, type SignatureFault, type StructureFault, type TextNoun } from './problems-en.ts';
import { uPlus } from '../problem.ts';
import { displayFormat, displayText } from './index.ts';

/** U+202F NARROW NO-BREAK SPACE. */
const NB = '\u202f';
const q = (s: string) => `«${NB}${s}${NB}»`;
const at = (where: string) => (where ? `${where}${NB}: ` : '');

function typeName(expected: string): string {
  return ({ int: 'un nombre entier', number: 'un nombre', string: 'une chaîne (du texte)', boolean: 'true ou false', object: 'des lignes `clé: valeur`', array: 'une liste' } as Record<string, string>)[expected] ?? expected;
}

const received = (r: string) => (r === 'nothing' ? 'rien' : r);
const saveUtf8 = `enregistrez le fichier en texte UTF-8 (dans la plupart des éditeurs${NB}: ${q('Enregistrer avec l’encodage')} → UTF-8)`;

function governed(p: Governed): string {
  const when = (iso: string) => displayFormat('fr').instant(iso);
  if (p.governed === 'frozen') return ` (liste des membres et politique figées au commit ${p.policy} par l’ouverture de ${p.head}, le ${when(p.opened)}${NB}: les changements ultérieurs de main ne s’y appliquent pas)`;
  if (p.governed === 'checked') return ` (vérifié avec la liste des membres et la politique de main au commit ${p.policy}${NB}: le changement n’est pas ouvert, et rien n’est figé ni consigné tant qu’il a des problèmes${NB}; une fois corrigé, ou son auteur devenu membre, poussez-le à nouveau sous le même nom)`;
  return '';
}

function notAllowed(p: { ext: string; like: string; yearFolder: string }): string {
  if (p.ext) return `les fichiers ${p.ext} sont du code, pas du contenu${NB}: Markdown (.md) est le seul format accepté`;
  const like = p.like === '' ? '' : p.yearFolder ? `${NB}: un billet se place dans un dossier d’année, comme ${p.like}` : `${NB}: les noms de fichiers sont des mots ASCII en minuscules reliés par des traits d’union, comme ${p.like}`;
  return `ce chemin ne correspond à aucun emplacement du commun${like}`;
}

// --- Git objects the bot refuses, merges, ballots and authorship (the English is in problems-en.ts). ---

/** A name from a tree, escaped as JSON escapes it (a control character stays visible), in « ». */
const qn = (name: string) => q(JSON.stringify(name).slice(1, -1));
const fsckSays = (fsck: string) => (fsck ? ` (git fsck${NB}: ${fsck})` : '');
const expected = (what: string) => `${NB}; attendu${NB}: ${what}`;
const TREE_HINT = `reconstruisez la branche avec les commandes git ordinaires (git add, git commit), qui n’écrivent jamais un tel arbre, et poussez-la à nouveau${NB}; git fsck montre le défaut`;
const FILE_TOO_LARGE_HINT = `retirez le fichier de la branche, et de son historique (git rebase -i), puis poussez à nouveau${NB}; un billet fait au plus posts.maxBytes (governance/policy.md)`;
const CORRUPT_HINT = `lancez git fsck dans le dépôt que lit le bot${NB}; récupérez à nouveau la branche depuis une copie qui l’a entière`;

/** A git object's kind with its article: « le commit », « l’arbre ». */
const theKind = (kind: string) => ({ commit: 'le commit', tree: 'l’arbre', blob: 'le blob', tag: 'l’étiquette', object: 'l’objet git' } as Record<string, string>)[kind] ?? `l’objet ${kind}`;
const aKind = (kind: string) => ({ commit: 'un commit', tree: 'un arbre', blob: 'un blob', tag: 'une étiquette', object: 'un objet git' } as Record<string, string>)[kind] ?? `un objet ${kind}`;

const TREE_NAME_FAULTS: Record<TreeNameFault, (quoted: string) => [string, string]> = {
  encoding: (n) => [`le nom ${n} (lu en Latin-1) n’est pas de l’UTF-8 valide`, `un nom en UTF-8${NB}: tout autre encodage serait lu différemment selon les programmes`],
  empty: () => ['une entrée a un nom vide', 'un nom d’au moins un caractère'],
  slash: (n) => [`le nom ${n} contient ${q('/')}`, 'un seul composant de chemin par entrée'],
  dot: (n) => [`le nom ${n} est un composant de chemin relatif`, `un nom autre que ${q('.')} et ${q('..')}`],
  dotgit: (n) => [`le nom ${n} signifie ${q('.git')} sur certains systèmes de fichiers`, `aucun ${q('.git')} dans un chemin${NB}: l’extraire écrirait dans le dépôt lui-même`],
  backslash: (n) => [`le nom ${n} contient une barre oblique inversée`, `un nom sans ${q('\\')}${NB}: Windows y lit un séparateur de dossiers, et git refuse de l’y extraire`],
  control: (n) => [`le nom ${n} contient un caractère de contrôle`, 'un nom sans caractère de contrôle (un saut de ligne couperait chaque rapport qui liste des chemins)'],
  symlink: (n) => [`${n} est un lien symbolique`, `un fichier ordinaire${NB}: git lit .gitmodules et .gitattributes dans l’arbre`],
};

const DAMAGES: Record<Damage, (p: ObjectDamage) => string> = {
  unreadable: (p) => `git n’a pas pu le lire (${p.detail})`,
  size: (p) => `son en-tête annonce ${count(Number(p.header), 'octet', 'fr')}, son contenu en a ${p.content}`,
  'no-header': () => 'son fichier d’objet isolé ne commence pas par un en-tête d’objet git',
  inflate: (p) => `son fichier d’objet isolé ne peut pas être décompressé (${p.detail})`,
  id: () => 'son contenu ne correspond pas à son identifiant',
  'pack-chain': (p) => `son entrée dans un pack est une chaîne de plus de ${p.detail} deltas`,
  'pack-header': () => 'son entrée dans un pack a un en-tête mal formé',
  'pack-base': () => 'son entrée dans un pack a une base de delta mal formée',
  'pack-base-outside': () => 'son entrée dans un pack désigne une base de delta hors du pack',
  'pack-type': (p) => `son entrée dans un pack a un type inconnu, ${p.detail}`,
  'pack-delta': () => 'son entrée dans un pack a un delta mal formé',
};

const UNCLEAN: Record<UncleanMerge, (path: string) => string> = {
  'not-merge': () => 'ce n’est pas une fusion',
  'both-changed': (path) => `${path} a été modifié différemment des deux côtés, et la fusion a choisi une version à la main`,
  deletes: (path) => `elle supprime ${path}, qu’aucun côté n’a supprimé`,
  'new-version': (path) => `elle écrit une version de ${path} qu’aucun côté n’a écrite`,
  undoes: (path) => `elle annule la modification de ${path} faite d’un côté`,
};

const side = (p: Conflict) => (p.side === 'ours' ? p.base : 'ce changement');

const CONFLICTS: Record<Exclude<ConflictFault, ''>, (p: Conflict) => string> = {
  'not-regular': () => 'ce n’est pas un fichier ordinaire des deux côtés et dans la base',
  'not-utf8': () => 'ce n’est pas du texte UTF-8 de chaque côté',
  'roster-base': () => 'le members.yml dont les deux côtés sont partis ne se lit pas comme une liste de membres',
  'roster-order': (p) => `les entrées ajoutées par ${p.base} et par ce changement ne se lisent pas de même l’une après l’autre`,
  'roster-line': (p) => `${side(p)} a modifié la ligne ${p.line} du texte dont les deux côtés sont partis${NB}: seules les entrées ajoutées après lui se fusionnent`,
  'roster-unreadable': (p) => `le members.yml de ${side(p)} ne se lit pas comme une liste de membres`,
  'roster-rewrites': (p) => `${side(p)} a ajouté du texte qui modifie les entrées précédentes, et non des entrées entières`,
  'roster-no-entry': (p) => `${side(p)} n’a ajouté aucune entrée de membre, seulement d’autre texte`,
};

function unattributed(p: Unattributed & Governed): string {
  const what = p.merge ? `le commit ${p.commit}, une fusion qui n’est pas propre (${UNCLEAN[p.merge](p.mergePath)}),` : `le commit ${p.commit}`;
  switch (p.why) {
    case 'no-content':
      return 'le changement n’a aucun commit de contenu';
    case 'signature':
      if (p.signature === 'unsigned') return `${what} n’est pas signé (git commit -S avec gpg.format=ssh)`;
      if (p.signature === 'unknown-key') return `${what} est signé par ${p.key}, une clé qu’aucun membre de la liste${p.governed === 'checked' ? '' : ' figée'} ne déclare`;
      return `${what} a une signature invalide${NB}: ${signatureFaultFr(p)}`;
    case 'two-signers':
      return `${what} est signé par ${p.signer}, les commits précédents par ${p.earlier}${NB}: un changement a une seule personne qui le soumet`;
    case 'pull-deleted':
      return `le compte qui a ouvert la pull request n°${NB}${p.pull} a été supprimé`;
    case 'pull-outsider':
      return `la pull request n°${NB}${p.pull} a été ouverte par l’utilisateur GitHub ${p.login} (id ${p.id}), qui n’est pas membre${NB}: aucune entrée de members.yml n’a github.id ${p.id}`;
  }
}

function taken(p: NameTaken): string {
  const when = displayFormat('fr').instant(p.opened);
  if (p.published) return `${p.head}, publié dans ${p.published}`;
  if (p.head) return `${p.head}, vu pour la première fois le ${when}${p.decided ? `, décidé dans ${p.decided}` : ''}`;
  return `décidé dans ${p.decided}`;
}

export const problemsFr = {
  'schema/unknown-key': {
    message: (p) => `${at(p.where)}clé inconnue ${q(p.key)}`,
    hint: (p) => (p.suggestion ? `vouliez-vous dire ${q(p.suggestion)}${NB}?` : p.allowed ? `clés permises${NB}: ${p.allowed}` : undefined),
  },
  'schema/more-unknown-keys': {
    message: (p) => `${at(p.where)}${count(p.more, { one: 'autre clé inconnue n’est pas listée', other: 'autres clés inconnues ne sont pas listées' }, 'fr')}`,
    hint: (p) => (p.allowed ? `clés permises${NB}: ${p.allowed}` : undefined),
  },
  'schema/empty': {
    message: (p) => `le fichier est vide${NB}: il faut ${typeName(p.expected)}`,
  },
  'schema/required': {
    message: (p) => `${at(p.where)}obligatoire, il faut ${typeName(p.expected)}`,
  },
  'schema/wrong-type': {
    message: (p) => `${at(p.where)}il faut ${typeName(p.expected)} (reçu ${received(p.received)})`,
    hint: (p) => (p.list ? `écrivez une liste${NB}: ${p.key ? `${p.key}: ` : ''}${p.list}` : undefined),
  },
  'schema/one-of': {
    message: (p) => `${at(p.where)}il faut l’une des valeurs ${p.values} (reçu ${received(p.received)})`,
  },
  'front-matter/toml': {
    message: () => 'les métadonnées en TOML (+++) ne sont pas acceptées',
    hint: () => 'écrivez-les en YAML entre deux lignes ---',
  },
  'front-matter/leading-blank': {
    message: () => 'les métadonnées doivent commencer dès la première ligne',
    hint: () => 'supprimez les lignes vides avant le --- d’ouverture',
  },
  'front-matter/opening-spaces': {
    message: () => 'la ligne --- d’ouverture a des espaces après ---, elle n’ouvre donc pas les métadonnées',
    hint: () => 'supprimez les espaces après ---',
  },
  'front-matter/missing': {
    message: () => 'le fichier doit commencer par des métadonnées YAML entre deux lignes ---',
    hint: () => `commencez par${NB}:\n---\ntitle: "…"\n---`,
  },
  'front-matter/empty': {
    message: () => `le fichier est vide${NB}: il doit commencer par des métadonnées YAML entre deux lignes ---`,
    hint: () => `commencez par${NB}:\n---\ntitle: "…"\n---`,
  },
  'front-matter/closing-spaces': {
    message: () => `les métadonnées ne sont pas fermées${NB}: cette ligne a des espaces après ---`,
    hint: () => 'supprimez les espaces après ---',
  },
  'front-matter/unclosed': {
    message: () => 'les métadonnées ne sont pas fermées par une ligne ---',
    hint: () => 'ajoutez une ligne --- après les métadonnées',
  },
  'front-matter/not-a-map': {
    message: () => 'les métadonnées doivent être des lignes `clé: valeur`',
  },
  'yaml/too-deep': {
    message: (p) => `les valeurs sont imbriquées sur plus de ${count(p.max, { one: 'niveau', other: 'niveaux' }, 'fr')}`,
    hint: () => `un fichier du commun n’a besoin que de quelques niveaux${NB}; une imbrication profonde est refusée avant la lecture, car elle peut épuiser l’analyseur`,
  },
  'yaml/tag': {
    message: (p) => `l’étiquette YAML ${p.tag} n’est pas permise`,
    hint: () => 'écrivez des valeurs simples, sans `!étiquette`',
  },
  'yaml/forbidden-key': {
    message: (p) => `la clé ${p.key} n’est pas permise`,
    hint: () => '__proto__, constructor et prototype sont refusées, car elles peuvent modifier les objets des programmes qui lisent le fichier',
  },
  'yaml/complex-key': {
    message: () => 'les clés doivent être des mots simples',
  },
  'yaml/duplicate-key': {
    message: (p) => `clé en double ${p.key}${NB}: chaque clé ne peut figurer qu’une fois`,
    hint: (p) => `supprimez l’une des deux entrées (la première est à la ligne ${p.first})`,
  },
  'yaml/more-duplicate-keys': {
    message: (p) => count(p.more, { one: 'autre clé en double n’est pas listée', other: 'autres clés en double ne sont pas listées' }, 'fr'),
    hint: () => 'chaque clé ne peut figurer qu’une fois',
  },
  'yaml/alias': {
    message: () => 'les ancres et alias YAML (& et *) ne sont pas permis',
    hint: () => `écrivez la valeur en entier${NB}; un alias peut faire d’un petit fichier un fichier énorme`,
  },
  'file/too-large-fixed': {
    message: (p) => `le fichier fait ${count(p.size, 'octet', 'fr')}${NB}; un fichier ${p.kind} fait au plus ${count(p.max, 'octet', 'fr')}`,
    hint: (p) => (p.kind === 'ballot' ? 'raccourcissez la raison' : `raccourcissez-le${NB}: cette limite est fixe, la politique ne la règle pas`),
  },
  'file/too-large': {
    message: (p) => `le fichier fait ${count(p.size, 'octet', 'fr')}${NB}; la politique en permet au plus ${p.max}`,
    hint: () => 'découpez-le, ou proposez de changer posts.maxBytes dans governance/policy.md',
  },
  'file/too-large-post': {
    message: (p) => `le fichier fait ${count(p.size, 'octet', 'fr')}${NB}; la politique en permet au plus ${p.max}`,
    hint: () => 'découpez-le en plusieurs billets, ou proposez de changer posts.maxBytes dans governance/policy.md',
  },
  'change/name-decided': {
    message: (p) => `le slug ${q(p.change)} désigne un changement déjà décidé (${p.outcome === 'accepted' ? 'accepté' : p.outcome === 'rejected' ? 'refusé' : p.outcome}, governance/decisions/${p.id}.md)${NB}: un changement décidé garde son nom`,
    hint: () => 'choisissez un autre nom de fichier pour un nouveau changement (noclout new --slug …)',
  },
  'proposal/moderation-fields': {
    message: () => 'une proposition de modération nomme à la fois le billet qu’elle masque (moderates) et la règle qu’elle invoque (rule)',
  },
  'proposal/moderates-missing': {
    message: (p) => `moderates ${q(p.moderates)} ne désigne aucun billet${NB}: il faut l’identifiant ${q('<année>/<slug>')} d’un billet publié, content/posts/<année>/<slug>.md (reçu ${q(p.moderates)})`,
    hint: (p) => `${p.near ? `vouliez-vous dire ${q(p.near)}${NB}? ` : ''}une modération masque un billet publié au moment où elle est proposée${NB}; son changement supprime ce fichier (s’il a été publié après votre copie de main, lancez git fetch, ou check --base origin/main)`,
  },
  'proposal/appeals-missing': {
    message: (p) => `appeals ${q(p.appeals)} ne désigne aucune décision${NB}: il faut l’identifiant ${q('<année>/<nnnn>-<slug>')} d’une modération acceptée, governance/decisions/<année>/<nnnn>-<slug>.md (reçu ${q(p.appeals)})`,
    hint: (p) => `${p.near ? `vouliez-vous dire ${q(p.near)}${NB}? ` : ''}les décisions de modération sont listées sur la page des décisions du site et dans governance/decisions/`,
  },
  'author/not-member': {
    message: (p) => `l’auteur ${q(p.author)} n’est pas membre`,
    hint: (p) => `${p.near ? `vouliez-vous dire ${q(p.near)}${NB}? ` : ''}l’auteur est un identifiant de governance/members.yml (les anciens membres y restent, marqués left: <date>)${NB}; devenir membre est un changement de la liste des membres`,
  },
  'author/placeholder': {
    message: (p) => `l’auteur ${q(p.author)} n’est pas membre`,
    hint: (p) => `remplacez ${q(p.author)} par votre propre identifiant, tel qu’il figure dans governance/members.yml (le modèle ne peut pas savoir qui vous êtes)`,
  },
  'ballot/unknown-voter': {
    message: (p) => `${q(p.voter)} n’est pas membre${NB}: seuls les membres votent`,
    hint: (p) => `${p.near ? `vouliez-vous dire ${q(p.near)}${NB}? ` : ''}le nom du fichier est l’identifiant du votant dans governance/members.yml`,
  },
  'post/reply-to-missing': {
    message: (p) => `replyTo ${q(p.replyTo)} ne désigne aucun billet`,
    hint: () => `écrivez le billet auquel vous répondez sous la forme ${q('<année>/<slug>')}, comme ${q('2026/egalite-des-voix')}`,
  },
  'post/language': {
    message: (p) => `la langue ${q(p.lang)} n’est pas l’une des langues de ce commun (${p.languages})`,
  },
  'proposal/unknown-rule': {
    message: (p) => `la règle ${q(p.rule)} n’existe pas`,
    hint: (p) => `règles${NB}: ${p.rules}`,
  },
  'ballot/unknown-change': {
    message: (p) => `ce bulletin porte sur ${q(p.change)}, mais aucun billet, aucune proposition ni aucune décision n’a ce slug`,
    hint: () => 'le nom du dossier est le slug du billet ou de la proposition soumis au vote',
  },
  'file/nul-byte': {
    message: () => `le fichier contient un octet NUL${NB}: il est binaire, ce n’est pas du texte`,
    hint: () => saveUtf8,
  },
  'file/not-utf8': {
    message: () => `le fichier n’est pas du texte UTF-8${NB}: les octets à cet endroit ne sont pas de l’UTF-8 (ou sont le caractère de remplacement U+FFFD)`,
    hint: () => saveUtf8,
  },
  'file/not-regular': {
    message: (p) => `${({ symlink: 'un lien symbolique', submodule: 'un sous-module', executable: 'un fichier exécutable', directory: 'un répertoire' } as Record<string, string>)[p.mode] ?? ''} n’est pas accepté dans un commun`,
    hint: (p) => (p.mode === 'executable' ? `retirez le bit exécutable${NB}: chmod -x <fichier>` : 'remplacez-le par un fichier Markdown ou YAML ordinaire'),
  },
  'file/not-regular-change': {
    message: (p) => (p.mode === 'symlink' ? 'un lien symbolique n’est pas accepté' : p.mode === 'submodule' ? 'un sous-module n’est pas accepté' : p.mode === 'executable' ? 'un fichier exécutable n’est pas accepté' : 'une entrée qui n’est pas un fichier ordinaire n’est pas acceptée') + ' dans un changement',
    hint: () => `seuls les fichiers ordinaires comptent${NB}: remplacez-le par un fichier Markdown ou YAML ordinaire (chmod -x pour un exécutable)`,
  },
  'change/post-edited': {
    message: () => 'un billet publié ne se modifie pas par un changement',
    hint: () => 'écrivez un nouveau billet qui lui répond (replyTo) ou, s’il enfreint une règle, une proposition de modération',
  },
  'change/ballot-only': {
    message: (p) => `ce changement ne contient que des bulletins, et un bulletin ne compte que sur la branche du changement sur lequel il vote (${q(p.change)})${NB}: seul, il n’est jamais fusionné ni compté`,
    hint: (p) => `faites-en un commit signé sur la branche de ${q(p.change)} (git switch <cette branche>${NB}; git commit -S${NB}; git push), ou votez avec \`noclout vote ${p.change} yes|no|abstain\`, qui le fait pour vous`,
  },
  'change/several-posts': {
    message: (p) => `un changement de billet ajoute un seul billet${NB}; celui-ci ajoute aussi ${p.other}`,
    hint: () => 'ouvrez un changement par billet',
  },
  'change/needs-proposal': {
    message: (p) => `ce changement ${p.hidden ? `masque ${p.hidden}` : `modifie ${p.kind === 'membership' ? 'governance/members.yml' : p.kind === 'policy' ? 'la politique' : 'les règles'}`}${NB}: il lui faut une proposition qui l’explique`,
    hint: () => `ajoutez content/proposals/<slug>.md (noclout new proposal ${q('…')})${NB}; son slug nomme le changement et ses bulletins`,
  },
  'change/proposal-edited': {
    message: (p) => `une proposition déjà décidée ne se ${p.status === 'deleted' ? 'supprime' : 'modifie'} pas`,
    hint: () => 'ouvrez une nouvelle proposition avec un nouveau slug',
  },
  'change/decision-record-added': {
    message: () => 'les procès-verbaux de décision sont écrits par le bot seul',
    hint: () => `retirez ce fichier du changement${NB}; le bot écrit le procès-verbal quand il décide`,
  },
  'change/decision-record': {
    message: (p) => `un procès-verbal de décision n’est jamais ${p.status === 'deleted' ? 'supprimé' : 'modifié'} par un changement${NB}: les procès-verbaux sont le journal public du commun`,
    hint: (p) => `restaurez-le depuis main (git checkout main -- ${p.path}) et faites un commit${NB}; si vos fichiers étaient plus anciens que main, mettez-les d’abord à jour`,
  },
  'change/several-proposals': {
    message: (p) => `un changement ajoute une seule proposition${NB}; celui-ci ajoute aussi ${p.other}`,
    hint: () => 'ouvrez un changement par proposition',
  },
  'change/foreign-ballot': {
    message: (p) => `ce changement est ${q(p.id)}, mais le bulletin est pour ${q(p.change)}`,
    hint: (p) => `un bulletin se place dans governance/ballots/${p.change}/, sur la branche du changement sur lequel il vote`,
  },
  'moderation/adds-post': {
    message: (p) => `une modération masque un billet et n’en publie aucun, mais ce changement ajoute aussi ${p.path}`,
    hint: () => `retirez le billet de ce changement${NB}; publiez-le dans un changement de billet à part (seul un appel, avec appeals:, remet en place le billet que sa décision a masqué)`,
  },
  'change/mixed-post': {
    message: (p) => `un billet est publié par un changement à lui (le délai d’objection, la limite hebdomadaire, son propre procès-verbal), mais ce changement (${({ proposal: 'proposition', policy: 'politique', membership: 'liste des membres', platform: 'plateforme', moderation: 'modération', post: 'billet' } as Record<string, string>)[p.kind] ?? p.kind}) ajoute aussi ${p.path}`,
    hint: () => 'retirez le billet de ce changement et ouvrez-le sur une branche à lui',
  },
  'moderation/unnamed-post': {
    message: (p) => `le changement retire ${p.post}, que la proposition ne nomme pas dans moderates`,
    hint: () => 'une proposition de modération masque un seul billet',
  },
  'change/post-removed': {
    message: (p) => `ce changement retire le billet ${p.post} sans proposition de modération`,
    hint: () => 'un billet n’est masqué que par une proposition de modération (moderates: <aaaa/slug>, rule: <slug>)',
  },
  'moderation/post-not-removed': {
    message: (p) => `la proposition modère ${p.moderates}, mais le changement ne retire pas content/posts/${p.moderates}.md`,
    hint: (p) => `git rm content/posts/${p.moderates}.md dans le même changement`,
  },
  'moderation/appeal-restores': {
    message: () => `un appel remet en place le billet modéré${NB}: rajoutez son fichier dans le même changement`,
    hint: () => 'git checkout <commit d’avant la modération> -- content/posts/<aaaa>/<slug>.md',
  },
  'moderation/appeal-restores-post': {
    message: (p) => `l’appel doit remettre en place content/posts/${p.post}.md, le billet que cette décision a masqué`,
  },
  'proposal/appeal-fields': {
    message: (p) => `un appel ne nomme que la décision qu’il conteste (appeals)${NB}; celui-ci a aussi ${q(p.extra)}, qui appartient à la décision contestée`,
    hint: (p) => (p.remove === 'both' ? 'retirez les lignes moderates et rule' : `retirez la ligne ${p.remove}`),
  },
  'proposal/moderates-hidden': {
    message: (p) => `moderates ${q(p.moderates)}, que la décision ${p.decision} a déjà masqué${NB}: il ne reste aucun billet publié à masquer (reçu ${q(p.moderates)})`,
    hint: (p) => `pour contester cette décision, ouvrez plutôt un appel${NB}: \`appeals: ${p.decision}\``,
  },
  'moderation/appeal-target': {
    message: (p) => `appeals ${q(p.appeals)}, qui n’est pas une décision de modération acceptée (c’est une décision ${({ post: 'de billet', proposal: 'de proposition', policy: 'de politique', membership: 'de la liste des membres', moderation: 'de modération', platform: 'de plateforme' } as Record<string, string>)[p.kind] ?? p.kind} ${p.outcome === 'accepted' ? 'acceptée' : 'rejetée'})${NB}: seul un billet masqué fait l’objet d’un appel`,
    hint: () => `nommez la décision qui a masqué le billet, sous la forme ${q('<année>/<nnnn>-<slug>')}, depuis governance/decisions/`,
  },
  'yaml/syntax': {
    message: (p) => `erreur de syntaxe YAML${NB}: ${p.detail}`,
    hint: (p) => (p.tab ? `indentez avec des espaces${NB}: YAML n’accepte pas les tabulations pour l’indentation` : `écrivez de simples lignes YAML \`clé: valeur\`, et mettez entre guillemets une valeur qui contient ${q(': ')} ou commence par \`[\`, \`{\`, \`*\`, \`&\`, \`!\`, \`#\` ou \`@\`, comme${NB}:\ntitle: "Pas de classement : jamais"`),
  },
  'ballot/not-voters-words': {
    message: (p) => `ce texte du bulletin de ${p.handle} n’a pas été écrit par un commit signé par ${p.handle}${NB}: fusionné, il mettrait sur main, au nom de ${p.handle}, des mots qu’il n’a jamais signés`,
    hint: (p) => `supprimez-le (git rm ${p.path}), ou remettez la version signée de ${p.handle}, dans un commit qui ne touche que des bulletins (il ne périme aucun bulletin)${NB}; puis poussez à nouveau`,
  },
  'path/not-allowed': {
    message: (p) => `ce fichier n’est pas accepté${NB}: ${notAllowed(p)}`,
    hint: (p) => `les fichiers d’un commun se placent en ${p.layout}`,
  },
  'path/not-allowed-change': {
    message: (p) => `ce fichier n’est pas accepté${NB}: ${notAllowed(p)}`,
    hint: () => 'les fichiers d’un commun sont des billets, propositions et règles en Markdown, et les fichiers YAML de la gouvernance',
  },
  'tree/malformed': {
    message: (p) => `l’arbre ne peut pas être lu après l’octet ${p.at}${expected(`des entrées ${q('<mode> <nom>\\0<identifiant de 20 octets>')}`)}${fsckSays(p.fsck)}`,
    hint: () => TREE_HINT,
  },
  'tree/duplicate-entry': {
    message: (p) => `${qn(p.name)} figure deux fois dans un même dossier, comme ${p.firstType} ${p.first} et comme ${p.secondType} ${p.second}${expected('chaque nom une seule fois par dossier, sans quoi les lecteurs ne s’accorderaient pas sur l’entrée qui est le fichier')}${fsckSays(p.fsck)}`,
    hint: () => TREE_HINT,
  },
  'tree/unsorted': {
    message: (p) => `${qn(p.name)} vient après ${qn(p.previous)}${expected(`les entrées dans l’ordre de git (par octets, un dossier comme si son nom finissait par ${q('/')}), celui qu’écrit toute commande git`)}${fsckSays(p.fsck)}`,
    hint: () => TREE_HINT,
  },
  'tree/bad-mode': {
    message: (p) => `${qn(p.name)} a le mode de fichier ${qn(p.mode)}${expected('100644 (fichier), 100755 (exécutable), 120000 (lien symbolique), 40000 (dossier) ou 160000 (sous-module)')}${fsckSays(p.fsck)}`,
    hint: () => TREE_HINT,
  },
  'tree/null-oid': {
    message: (p) => `${qn(p.name)} pointe vers l’identifiant d’objet nul${expected('l’identifiant d’un objet réel')}${fsckSays(p.fsck)}`,
    hint: () => TREE_HINT,
  },
  'tree/bad-name': {
    message: (p) => {
      const [found, what] = TREE_NAME_FAULTS[p.fault](qn(p.name));
      return `${found}${expected(what)}${fsckSays(p.fsck)}`;
    },
    hint: () => TREE_HINT,
  },
  'object/corrupt': {
    message: (p) => `${theKind(p.kind)} ${p.oid} est endommagé${NB}: ${DAMAGES[p.damage](p)}${expected('un objet que git peut lire (`git fsck` nomme les objets endommagés)')}${fsckSays(p.fsck)}`,
    hint: () => CORRUPT_HINT,
  },
  'object/commit-without-tree': {
    message: (p) => `le commit ${p.oid} ne commence pas par une ligne ${q('tree')}${expected('un commit tel que git l’écrit')}${fsckSays(p.fsck)}`,
    hint: () => CORRUPT_HINT,
  },
  'object/wrong-type': {
    message: (p) => `${p.oid} est ${aKind(p.type)}${expected(`${aKind(p.kind)}, comme le dit l’arbre ou le commit qui le nomme`)}${fsckSays(p.fsck)}`,
    hint: () => `reconstruisez la branche avec les commandes git ordinaires (git add, git commit) et poussez-la à nouveau${NB}; git fsck montre le défaut`,
  },
  'object/too-large': {
    message: (p) => {
      const what = p.kind === 'blob' ? 'le fichier' : theKind(p.kind);
      const found = p.base === '' ? `${what} fait ${count(p.size, 'octet', 'fr')} (d’après son en-tête git${NB}; il n’a pas été lu)` : `${what} est stocké dans son pack comme un delta d’un objet de ${count(p.base, 'octet', 'fr')} (il n’a pas été lu)`;
      const reason = p.kind === 'blob' ? `aucun fichier d’un commun n’en a besoin de plus (le plus grand posts.maxBytes qu’une politique puisse fixer est ${p.max})` : `aucun ${p.kind === 'tree' ? 'arbre' : p.kind === 'commit' ? 'commit' : 'objet'} d’un commun n’en a besoin de plus`;
      return `${found}${expected(`au plus ${count(p.limit, 'octet', 'fr')}${NB}; ${reason}`)}${fsckSays(p.fsck)}`;
    },
    hint: (p) => (p.kind === 'blob' ? FILE_TOO_LARGE_HINT : `réécrivez la branche sans lui (un message de commit de quelques lignes, des dossiers de la taille d’un commun${NB}: git commit --amend ou git rebase -i), et poussez à nouveau`),
  },
  'file/change-too-large': {
    message: (p) => `les ${count(p.files, 'fichier', 'fr')} du changement font ${count(p.total, 'octet', 'fr')} en tout (celui-ci en fait ${p.size}${NB}; aucun n’a été lu)${expected(`au plus ${count(p.max, 'octet', 'fr')} en tout${NB}; découpez le changement`)}${fsckSays(p.fsck)}`,
    hint: () => FILE_TOO_LARGE_HINT,
  },
  'change/ballot-dropped': {
    message: (p) => `le bulletin de ${p.voter}, commit ${p.commit} (vu pour la première fois ${p.seen === '' ? 'plus tôt' : `le ${displayFormat('fr').instant(p.seen)}`}), n’est plus sur le changement${NB}: un force-push ou un rebase l’a fait disparaître, et personne ne fait disparaître le vote d’un autre membre`,
    hint: (p) => `remettez la branche sur les bulletins et ajoutez à nouveau vos commits plus récents${NB}: git reset --hard ${p.target}, puis git cherry-pick <vos commits plus récents>, et poussez (un rebase réécrit les commits de bulletin et casse leurs signatures)${p.present ? '' : `${NB}; le commit n’est plus dans ce dépôt${NB}: poussez-le depuis un clone qui l’a`}${NB}; ou ${p.voter} dépose un nouveau bulletin sur la branche`,
  },
  'change/ballot-rewritten': {
    message: (p) => `le bulletin de ${p.voter}, commit ${p.commit} (commité par ${p.committer} pour ${p.author}), a été réécrit par un rebase ou un cherry-pick et porte désormais ${p.signer ? `la signature de ${p.signer}` : 'aucune signature'}${NB}: un bulletin ne compte qu’avec la signature de son votant, et personne ne fait disparaître le vote d’un autre membre`,
    hint: (p) => `dans le clone qui a fait le rebase, remettez la branche comme elle était (git reset --hard ORIG_HEAD, ou retrouvez-la avec git reflog), rejoignez la branche avec git pull --no-rebase à la place, et poussez${NB}; noclout vote ne fait jamais de rebase. Ou bien ${p.voter} vote à nouveau${NB}: noclout vote <changement> yes|no|abstain`,
  },
  'change/unclean-merge': {
    message: (p) => `le commit ${p.commit} est une fusion non signée qui n’est pas propre${NB}: ${UNCLEAN[p.fault](p.path)}${NB}; une fusion non signée ne peut que joindre ses parents`,
    hint: () => `refaites la fusion sans rien modifier (git merge, ou noclout vote, qui fusionne proprement les bulletins), ou laissez la personne qui soumet le changement signer la fusion comme sa propre modification${NB}: git commit -S`,
  },
  'merge/conflict': {
    message: (p) => `${p.path} a été modifié sur ${p.base} et dans ce changement${p.fault ? ` (${CONFLICTS[p.fault](p)})` : ''}`,
    hint: (p) => `rebasez le changement sur ${p.base} (git fetch${NB}; git rebase origin/${p.base}), gardez une seule version de ${p.path}, signez et poussez à nouveau`,
  },
  'ballot/not-on-roster': {
    message: (p) => `${q(p.voter)} n’est pas membre${NB}: un fichier de bulletin au nom de quelqu’un qui n’est pas dans la liste des membres ferait échouer noclout check sur main`,
    hint: (p) => `supprimez-le (git rm ${p.path}${NB}; un commit qui ne touche que des bulletins ne périme aucun bulletin), puis poussez à nouveau`,
  },
  'change/unsigned': {
    message: (p) => `le changement ne peut être attribué à aucun membre${NB}: ${unattributed(p)}${governed(p)}`,
    hint: (p) => `signez chaque commit avec la clé de ${p.author}${NB}: git -c gpg.format=ssh -c user.signingkey=~/.ssh/id_ed25519 commit -S`,
  },
  'change/name-taken': {
    message: (p) => `un autre changement porte déjà le nom ${q(p.change)} (${taken(p)})${NB}: son ouverture, ses bulletins et son procès-verbal sont classés sous ce nom`,
    hint: (p) => `donnez à votre ${p.file === 'post' ? 'billet' : 'proposition'} un autre nom de fichier (son slug), comme ${p.like}, et poussez à nouveau`,
  },
  'change/no-frozen-policy': {
    message: (p) => `la politique ou la liste des membres au commit ${p.policy} (figées à l’ouverture du changement) ne peuvent pas être lues`,
    hint: () => `corrigez d’abord les fichiers de gouvernance de main${NB}: \`noclout check\``,
  },
  'moderation/appeal-base-missing': {
    message: (p) => `le texte que cette décision a masqué est introuvable au commit ${p.base} (la base sur laquelle elle a été jugée), le texte remis en place ne peut donc pas être vérifié`,
    hint: () => `lancez noclout audit${NB}: le procès-verbal désigne peut-être la mauvaise base`,
  },
  'moderation/appeal-altered': {
    message: (p) => `un appel remet en place exactement le texte que la modération a masqué (blob ${p.blob}, au commit ${p.base})${NB}; ce fichier en diffère`,
    hint: (p) => `remettez-le tel qu’il était${NB}: git show ${p.commit}:${p.path} > ${p.path}${NB}; un nouveau texte est un nouveau billet de son auteur`,
  },
  'change/author-not-member': {
    message: (p) => `l’auteur ${q(p.author)} n’est pas dans la liste des membres${p.governed === 'checked' ? '' : ' figée à l’ouverture du changement'}${governed(p)}`,
    hint: () => 'devenir membre est un changement de la liste des membres, décidé d’abord',
  },
  'moderation/unknown-rule': {
    message: (p) => `la règle ${q(p.rule)} n’existait pas à l’ouverture du changement${governed(p)}`,
    hint: () => 'citez une règle de governance/rules/ par son slug',
  },
  'change/forged-author': {
    message: (p) => `le fichier indique l’auteur ${q(p.author)}, mais le changement a été soumis (signé) par ${q(p.submitter)}${governed(p)}`,
    hint: (p) => `écrivez author: ${p.submitter}, ou laissez ${p.author} le soumettre`,
  },
  'text/control-character': {
    message: (p) => `le texte contient un caractère de contrôle invisible, ${p.char}${NB}: une page l’affiche comme une case, ou réordonne le texte autour`,
    hint: () => 'supprimez-le (un éditeur qui montre les caractères invisibles aide)',
  },
  'schema/control-character': {
    message: (p) => `${at(p.where)}le texte contient un caractère de contrôle invisible, ${p.char} au caractère ${p.at}${NB}: les pages le cacheraient et les flux RSS casseraient dessus (reçu ${p.received})`,
    hint: () => `supprimez-le${NB}: retapez le texte qui l’entoure, ou retirez l’échappement (\`\\a\`, \`\\x07\`…) qui l’a écrit`,
  },
  'schema/line-break': {
    message: (p) => `${at(p.where)}ce texte tient sur une ligne, mais il a un saut de ligne (${p.char}) au caractère ${p.at} (reçu ${p.received})`,
    hint: () => `écrivez-le sur une ligne${NB}: en YAML, une chaîne entre guillemets sans \`\\n\` et sans saut de ligne entre les guillemets`,
  },
  'audit/number-skipped': {
    message: (p) => `les procès-verbaux de ${p.year} sautent le numéro ${p.number}${NB}: un procès-verbal de décision a été retiré de main`,
  },
  'audit/no-record': {
    message: (p) => `le changement ${q(p.change)} est sur main (sa tête ${p.head} y est), mais main n’a aucun procès-verbal de décision pour lui${NB}: il a été fusionné à la main, ou son procès-verbal a été retiré`,
  },
  'change/duplicate-slug': {
    message: (p) => `le slug ${q(p.slug)} est aussi utilisé par ${p.others}`,
    hint: () => `choisissez un autre nom de fichier${NB}: les bulletins et les décisions ne nomment un changement que par son slug`,
  },
  'change/duplicate-slug-head': {
    message: (p) => `le slug ${q(p.slug)} est déjà utilisé par ${p.others}`,
    hint: () => `choisissez un autre nom de fichier${NB}: les bulletins et les décisions ne nomment un changement que par son slug`,
  },
  'commons/missing-file': {
    message: (p) => `${p.file} manque${NB}: tout commun en a un`,
    hint: () => 'voyez docs/formats/ pour son format, ou copiez celui de la racine du dépôt NoClout',
  },
  'decision/edited-by-hand': {
    message: (p) => `ce procès-verbal de décision ne correspond pas à son empreinte (écrite ${p.written}, son texte donne ${p.computed}…)${NB}: les procès-verbaux sont écrits par le bot seul`,
    hint: () => `restaurez le procès-verbal depuis l’historique git${NB}; une correction est un nouveau changement, décidé et consigné`,
  },
  'decision/file-name': {
    message: (p) => `le nom du fichier ne finit pas par le changement ${q(p.change)}`,
  },
  'file/placeholder-not-empty': {
    message: (p) => `un fichier .gitkeep reste vide${NB}: il ne sert qu’à garder un dossier dans git${NB}; celui-ci contient ${count(p.size, { one: 'octet', other: 'octets' }, 'fr')}`,
    hint: (p) => `videz-le, ou écrivez ce texte comme un billet ou une proposition${NB}: les fichiers d’un commun se placent en ${p.layout}`,
  },
  'prose/translation-own-language': {
    message: (p) => `translations.${p.lang}${NB}: ${q(p.lang)} est la langue propre de la règle (lang)`,
    hint: () => 'translations ne contient que les autres langues',
  },
  'prose/translation-not-commons': {
    message: (p) => `translations.${p.lang}${NB}: ${q(p.lang)} n’est pas une des langues de ce commun (${p.languages})`,
  },
  'prose/marker-malformed': {
    message: (p) => `cette ligne ressemble à un marqueur de langue mais n’en est pas un${NB}: ${q(p.line)}`,
    hint: () => `écrivez-le seul sur sa ligne, comme ceci${NB}:\n<!-- lang: en -->`,
  },
  'prose/marker-own-language': {
    message: (p) => `le texte avant le premier marqueur est déjà en ${q(p.lang)} (la langue du fichier, lang)`,
    hint: () => `ne marquez que les autres langues${NB}; le fichier commence dans la sienne`,
  },
  'prose/marker-repeated': {
    message: (p) => `un second texte en ${q(p.lang)}`,
    hint: () => `chaque langue une fois${NB}: fusionnez les deux textes`,
  },
  'prose/marker-not-commons': {
    message: (p) => `${q(p.lang)} n’est pas une des langues de ce commun (${p.languages})`,
    hint: () => 'écrivez dans une des langues de governance/commons.yml',
  },
  'prose/marker-empty': {
    message: (p) => `le texte en ${q(p.lang)} est vide`,
    hint: () => 'écrivez la traduction après son marqueur, ou retirez le marqueur',
  },
  'record/structure': {
    message: (p) => `le procès-verbal que le bot écrirait est refusé${NB}: ${structureFr(p)}`,
    hint: () => `rien n’a été écrit${NB}; signalez-le aux responsables du commun avec le nom du changement`,
  },
  'policy/sealed-no-beacon': {
    message: (p) => `voting.${p.key} scelle ses bulletins, mais la politique ne nomme aucune balise à laquelle les verrouiller`,
    hint: () => `ajoutez un bloc \`beacon:\` au premier niveau (url, chainHash, publicKey, genesis, period, scheme), comme quicknet de drand dans docs/voting.md, ou écrivez \`ballots: public\``,
  },
  'policy/sealed-close-early': {
    message: (p) => `voting.${p.key} scelle ses bulletins et clôt par anticipation${NB}: personne ne peut savoir avant la clôture qu’un vote scellé est acquis, puisqu’aucun bulletin ne peut être lu avant`,
    hint: () => 'écrivez `closeEarly: false` pour un vote scellé, ou `ballots: public`',
  },
  'policy/beacon-known': {
    message: (p) => `la balise est ${p.name} par sa chaîne ou sa clé publique, mais son ${p.field} n’est pas celui de ${p.name} (${p.expected}…)${NB}: les bulletins seraient scellés pour une clé que quelqu’un d’autre pourrait tenir, ou pour des tours déjà publiés, lisibles aussitôt`,
    hint: () => 'recopiez tout le bloc `beacon:` de docs/voting.md, ou nommez une autre balise par tous ses propres nombres',
  },
  'ballot/sealed-structure': {
    message: (p) => `ce bulletin scellé n’est pas un bulletin verrouillé dans le temps${NB}: ${sealedIssueFr(p.issue)}${p.received ? ` (reçu${NB}: ${p.received})` : ''}`,
    hint: () => 'scellez à nouveau le bulletin avec `noclout vote <changement> yes|no|abstain --sealed`, qui écrit `sealed: |` suivi du texte armuré tel quel',
  },
  'ballot/sealed-chain': {
    message: (p) => `ce bulletin est scellé pour la chaîne de balise ${p.chainHash}, pas pour la balise de la politique (${p.expected || 'aucune'})${NB}: il ne pourrait jamais être ouvert à la clôture`,
    hint: () => 'scellez-le à nouveau avec `noclout vote <changement> yes|no|abstain --sealed`, qui lit la balise dans la politique',
  },
  // --- Issue 12, the last English (lang-sweep). ---
  'schema/tag-not-normalized': {
    message: (p) =>
      `${at(p.where)}une étiquette s’écrit en lettres simples (forme Unicode NFKC), mais celle-ci contient ${p.odd ? `${p.odd}, ${plural(p.forms, { one: 'une forme de compatibilité', other: 'des formes de compatibilité' }, 'fr')}` : `une lettre suivie d’un accent séparé (${p.accents})`}${NB}: elle ressemble à ${q(p.plain)} et c’est une autre étiquette (reçu ${received(p.received)})`,
    hint: (p) => `écrivez-la ${q(p.plain)}`,
  },
  'schema/tag-mixed-scripts': {
    message: (p) => `${at(p.where)}une étiquette s’écrit dans une seule écriture, mais celle-ci mêle ${scriptsFr(p.scripts)}${NB}: elle ressemble à une autre étiquette et n’en est pas une (reçu ${received(p.received)})`,
    hint: () => `retapez l’étiquette avec une seule disposition de clavier, chaque lettre d’une même écriture (chiffres et traits d’union vont avec toutes)${NB}; les kanji japonais avec les kana, ou le hangul coréen avec les hanja, comptent pour une`,
  },
  'change/missing-object': {
    message: (p) => `${missingFr(p)}${NB}: ${missingWhyFr(p)}`,
    hint: (p) => missingFixFr(p),
  },
  'audit/missing-object': {
    message: (p) => auditMissingFr(p),
  },
  'schema/date': {
    message: (p) => `${at(p.where)}${p.fault === 'placeholder' ? 'la date du modèle n’a pas été remplie' : p.fault === 'not-real' ? 'cette date n’existe pas au calendrier' : 'une date s’écrit AAAA-MM-JJ, comme 2026-11-24'} (reçu ${received(p.received)})`,
    hint: (p) => dateHintFr(p),
  },
  'schema/words': {
    message: (p) => `${at(p.where)}${SCHEMA_WORDS_FR[p.words](p)} (reçu ${received(p.received)})`,
    hint: (p) => (p.misspelt ? `${q(p.misspelt)}${NB}: vouliez-vous dire ${q(p.suggestion)}${NB}?` : undefined),
  },
  'schema/size': {
    message: (p) => `${at(p.where)}${sizeFr(p)} (reçu ${received(p.received)})`,
  },
  'audit/finding': {
    message: (p) => AUDIT_FINDINGS_FR[p.fault](p),
  },
} satisfies ProblemCatalogue;

/** A sealed ballot's structure issue (src/commons/sealed-text.ts), in French. */
function sealedIssueFr(code: string): string {
  return (
    {
      'sealed-too-large': 'il est plus long qu’un bulletin scellé ne peut l’être',
      'sealed-not-armored': 'le texte doit commencer par -----BEGIN AGE ENCRYPTED FILE----- et finir par -----END AGE ENCRYPTED FILE-----',
      'sealed-armor-line': 'une ligne du texte armuré ne fait pas 64 caractères base64 (la dernière plus courte)',
      'sealed-not-age': 'le texte armuré n’est pas un fichier age',
      'sealed-stanza-count': 'un fichier age scellé pour une balise a exactement un destinataire (stanza)',
      'sealed-not-tlock': 'son destinataire n’est pas une stanza tlock',
      'sealed-stanza-args': 'sa stanza tlock ne nomme pas un tour et une empreinte de chaîne',
      'sealed-stanza-body': 'sa stanza tlock ne contient pas une clé de la bonne taille',
      'sealed-no-payload': 'le bulletin chiffré qui suit l’en-tête manque',
    } as Record<string, string>
  )[code] ?? code;
}

// --- Issue 12, the last English (lang-sweep): the parts of the codes above, in French. ---

/** Unicode's script names as French writes them; another keeps its Unicode name, a proper noun. */
const SCRIPTS_FR: Record<string, string> = {
  Latin: 'latine', Cyrillic: 'cyrillique', Greek: 'grecque', Arabic: 'arabe', Hebrew: 'hébraïque', Armenian: 'arménienne', Georgian: 'géorgienne', Han: 'han (idéogrammes)', Hiragana: 'hiragana', Katakana: 'katakana',
  Hangul: 'hangul', Thai: 'thaïe', Devanagari: 'devanagari', Bengali: 'bengalie', Tamil: 'tamoule', Ethiopic: 'éthiopienne', Cherokee: 'cherokee', Common: 'commune',
};

function scriptsFr(param: string): string {
  const letter = (char: string) => (/^[\x00-\x7f]$/.test(char) ? char : `${char} ${uPlus(char)}`);
  const parts = scriptsOf(param).map((g) => `l’écriture ${SCRIPTS_FR[g.script] ?? g.script} (${g.letters.map(letter).join(', ')})`);
  return parts.length <= 2 ? parts.join(' et ') : `${parts.slice(0, -1).join(', ')} et ${parts.at(-1)}`;
}

const MISSING_STEPS_FR: { [S in MissingStep['step']]: (s: Extract<MissingStep, { step: S }>) => string } = {
  read: (s) => `nécessaire pour lire ${aKind(s.kind)} ${s.oid}`,
  parent: (s) => `parent du commit ${s.commit}`,
  'delta-base': () => 'sa base de delta manque',
  ref: (s) => `le commit que désigne ${s.ref}`,
  'same-change': (s) => `nécessaire pour savoir si ${s.head} est le changement vu pour la première fois sous le nom ${q(s.change)}`,
  'ledger-entry': (s) => `nécessaire pour lire refs/noclout/ledger:openings/${s.change}.yml`,
  'count-posts': (s) => `nécessaire pour compter les billets publiés depuis le ${displayFormat('fr').instant(s.since)} (posts.maxPerAuthorPerWeek)`,
};

function missingFr(p: MissingObject): string {
  const where = p.at ? ` (${p.kind === 'blob' ? 'le fichier' : 'le dossier'} ${p.path || '/'})` : '';
  const steps = stepsOf(p.steps).map((s) => (MISSING_STEPS_FR[s.step] as (s: MissingStep) => string)(s));
  return `${theKind(p.kind)} ${p.oid}${where}${steps.length ? `, ${steps.join(', ')},` : ''} n’est pas dans ${p.gitdir}`;
}

function missingWhyFr(p: MissingObject): string {
  const causes = ['parce qu’il a été élagué par `git gc` (sa branche a été supprimée ou réécrite, si bien qu’aucune référence n’y menait plus)', 'parce que le dépôt est un clone superficiel (shallow)', 'parce que son historique n’a jamais été récupéré (une copie faite sans historique, ou une référence non récupérée)'];
  if (p.shallow) causes.unshift(causes.splice(1, 1)[0]!);
  return `il peut manquer ${causes.join(', ou ')}`;
}

function missingFixFr(p: MissingObject): string {
  const fetch = p.shallow ? 'git fetch --unshallow (ce clone est superficiel), puis ' : '';
  return `${fetch}récupérez-le depuis un dépôt qui l’a${NB}: git fetch origin ${p.oid} (ou git fetch origin '+refs/heads/*:refs/heads/*' refs/noclout/ledger:refs/noclout/ledger)${NB}; gardez les branches des changements décidés pour que leurs commits ne soient pas élagués`;
}

const AUDIT_ROLES_FR: Record<Exclude<AuditMissing['role'], 'ledger'>, (p: AuditMissing) => string> = {
  'record-file': () => 'le fichier du procès-verbal lui-même',
  head: () => 'le commit de tête que nomme le procès-verbal',
  base: () => 'le commit de base que nomme le procès-verbal',
  merge: () => 'le commit de fusion que nomme le procès-verbal',
  policy: () => 'le commit de la politique figé à l’ouverture',
  roster: () => 'le commit de la liste des membres figé à l’ouverture',
  replay: () => 'un objet dont la relecture a besoin',
  'ledger-entry': (p) => `l’entrée du registre pour ${q(p.change)}`,
  'first-head': (p) => `sa première tête ${p.commit}`,
};

function auditMissingFr(p: MissingObject & AuditMissing): string {
  const missing = `${missingFr(p)}${NB}; ${missingWhyFr(p)}. Pour l’auditer, ${missingFixFr(p)}`;
  if (p.role === 'ledger') return `impossible de vérifier que chaque changement ouvert au registre et présent sur main a son procès-verbal${NB}: le registre, ${missing}`;
  const verify = `impossible de vérifier ce procès-verbal${NB}: ${AUDIT_ROLES_FR[p.role](p)}, ${missing}`;
  return p.role === 'first-head' ? `impossible de dire si le changement ${q(p.change)} est sur main sans procès-verbal${NB}: ${verify}` : verify;
}

function dateHintFr(p: DateMistake): string | undefined {
  if (p.fault === 'placeholder') return 'écrivez le jour où vous l’écrivez, année-mois-jour, comme 2026-11-24';
  if (p.meant === 'ymd') return `écrivez ${p.write}`;
  if (p.meant === 'one') return `écrivez année-mois-jour${NB}: ${p.write}`;
  if (p.meant === 'both') return `écrivez année-mois-jour${NB}: ${p.dayFirst} si ${p.first} est le jour, ${p.monthFirst} si ${p.first} est le mois`;
  return undefined;
}

const NOUNS_FR: Record<TextNoun | '', string> = { 'a voter': 'un votant', 'a title': 'un titre', 'the name': 'le nom', 'the description': 'la description', 'a name': 'un nom', 'a summary': 'un résumé', '': '' };

const SCHEMA_WORDS_FR: Record<SchemaWords, (p: SchemaWordsParams) => string> = {
  handle: () => `un identifiant fait de 1 à 32 lettres ASCII minuscules, chiffres ou traits d’union intérieurs, comme ${q('amina')} ou ${q('jean-luc')}`,
  slug: () => `un slug est fait de mots ASCII en minuscules reliés par des traits d’union, comme ${q('egalite-des-voix')}`,
  instant: () => 'un instant s’écrit en UTC, comme 2026-11-24T10:00:00Z',
  language: () => `une langue est un code de deux ou trois lettres, comme ${q('fr')} ou ${q('en')}`,
  'too-long': (p) => `${NOUNS_FR[p.what]} fait au plus ${count(Number(p.max), { one: 'caractère', other: 'caractères' }, 'fr')}`,
  'title-empty': () => 'le titre est vide',
  tag: () => `une étiquette est faite de mots en minuscules reliés par des traits d’union, comme ${q('gouvernance')}`,
  'commit-id': () => 'un identifiant de commit fait 40 caractères hexadécimaux',
  'post-id': () => `un billet se nomme ${q('<année>/<slug>')}, comme ${q('2026/egalite-des-voix')}`,
  'appeal-id': () => `un appel nomme une décision ${q('<année>/<nnnn>-<slug>')}`,
  'too-many-tags': () => 'au plus 10 étiquettes',
  'branch-characters': () => `branch ne contient que des lettres, des chiffres, ${q('.')}, ${q('_')}, ${q('/')} et ${q('-')}, comme ${q('main')} ou ${q('commons/main')}`,
  'branch-refused': (p) => `branch doit être un nom que git accepte pour une branche, comme ${q('main')}${NB}; ${p.value} est refusé${NB}: ${p.other}`,
  'name-or-names': () => 'le nom est un texte, ou un texte par langue comme { fr: …, en: … }',
  'description-or-descriptions': () => 'la description est un texte, ou un texte par langue comme { fr: …, en: … }',
  url: () => 'adresse web (URL) invalide',
  'default-language': () => 'defaultLanguage doit être l’une des langues de languages',
  'not-a-language': (p) => `${q(p.value)} n’est pas l’une des langues de languages (${p.list})`,
  'default-text-required': (p) => `${p.field === 'name' ? 'le nom' : 'la description'} dans la langue par défaut (${p.value}) est obligatoire`,
  'github-login': () => `un identifiant GitHub, comme ${q('octocat')}`,
  'no-key': () => 'un membre a besoin d’au moins une clé publique SSH pour signer billets et bulletins',
  'no-member': () => `un commun a au moins un membre${NB}: les votes se comptent parmi eux`,
  'left-before-joined': (p) => `parti le ${p.value}, avant d’être entré le ${p.other}`,
  'handle-taken': (p) => `l’identifiant ${q(p.value)} est déjà utilisé en ${p.index}.handle${NB}; les identifiants sont uniques`,
  'github-id-taken': (p) => `l’id GitHub ${p.value} est déjà utilisé en ${p.index}.github.id${NB}; chaque compte GitHub est un seul membre`,
  'key-taken': (p) => `cette clé est déjà déclarée pour ${p.value} (entrée ${p.index})${NB}; chaque clé appartient à un seul membre`,
  'key-not-ed25519': (p) =>
    `il faut une ligne de clé publique ${q('ssh-ed25519 AAAA…')}, mais c’est ${p.other === 'type' ? `une clé ${q(p.value)}` : p.other === 'private' ? `une clé privée${NB}: ne la publiez jamais` : 'autre chose'}${NB}; seules les clés ed25519 peuvent signer ici (ssh-keygen -t ed25519)`,
  'key-not-base64': () => `les données de la clé après ${q('ssh-ed25519')} ne sont pas en base64`,
  'key-invalid': () => 'les données de la clé ne sont pas une clé publique ed25519 valide',
  'fraction-form': () => `une fraction s’écrit entre guillemets, sous la forme ${q('p/q')}, comme ${q('1/3')}`,
  'fraction-zeros': () => `écrivez des nombres entiers sans zéros en tête, comme ${q('1/3')}`,
  'fraction-digits': () => 'une fraction a au plus neuf chiffres au-dessus et au-dessous de la barre',
  'fraction-denominator': () => 'le dénominateur (après la /) vaut au moins 1',
  'fraction-range': () => `une fraction est comprise entre ${q('0/1')} et ${q('1/1')}${NB}: le nombre avant la / ne peut pas dépasser celui d’après`,
  threshold: () => 'un seuil s’écrit soit { moreThan: p/q }, soit { atLeast: p/q }, jamais les deux',
  invalid: () => 'valeur invalide',
  'invalid-key': () => 'clé invalide',
};

function sizeFr(p: SchemaSize): string {
  const min = p.bound === 'min';
  if (p.of === 'characters') return `il faut ${min ? 'au moins' : 'au plus'} ${count(p.limit, { one: 'caractère', other: 'caractères' }, 'fr')}`;
  if (p.of === 'items') return `il faut ${min ? 'au moins' : 'au plus'} ${count(p.limit, { one: 'élément', other: 'éléments' }, 'fr')}`;
  return `il faut un nombre ${min ? (p.inclusive ? 'd’au moins' : 'supérieur à') : p.inclusive ? 'd’au plus' : 'inférieur à'} ${p.limit}`;
}

const none = (v: string) => (v === '' ? '(aucune valeur)' : v);
const endOfFile = (v: string) => (v === '' ? `${q('fin du fichier')}` : v);
const OUTCOMES_FR: Record<string, string> = { accepted: 'accepté', rejected: 'rejeté', accept: 'accepté', reject: 'rejeté', pending: 'en attente', invalid: 'invalide', manual: 'revue à la main' };

function tallyFr(v: string): string {
  const t = tallyOf(v);
  const met = (b: boolean) => (b ? 'atteint' : 'non atteint');
  return t ? `${t[0]}/${t[1]}/${t[2]} sur ${t[3]}, quorum ${met(t[4])}, seuil ${met(t[5])}` : 'aucun';
}

function jsonOf(text: string): { code: string; params: Record<string, unknown> } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && typeof (value as { code?: unknown }).code === 'string' && typeof (value as { params?: unknown }).params === 'object' ? (value as { code: string; params: Record<string, unknown> }) : undefined;
  } catch {
    return undefined;
  }
}

const theBallot = (p: AuditFault) => (p.commit ? `le bulletin du commit ${p.commit}` : 'le bulletin');

const AUDIT_FINDINGS_FR: Record<AuditFaultKind, (p: AuditFault) => string> = {
  'edited-by-hand': () => `le procès-verbal ne correspond pas à son empreinte${NB}: il a été modifié après que le bot l’a écrit`,
  unreadable: () => 'le procès-verbal ne se lit pas comme un procès-verbal de décision',
  'closed-before-opened': (p) => `clos le ${p.said}, avant son ouverture le ${p.found}`,
  'clock-backwards': (p) => `clos le ${p.said}, avant le procès-verbal précédent (${p.found})${NB}: l’horloge a reculé`,
  'cannot-replay': (p) => `impossible de rejouer${NB}: ${p.detail}`,
  body: (p) => `le corps ne dit pas ce que dit l’en-tête, à partir de la ligne ${p.at} du corps${NB}: on y lit ${endOfFile(p.said)}${NB}; rendu depuis l’en-tête, c’est ${endOfFile(p.found)}`,
  'ballot-comment': (p) => `ballots[${p.at}] (${p.detail}).comment vaut ${none(p.said)}${NB}; ${theBallot(p)} dit ${none(p.found)}`,
  'ballot-reason': (p) => `ballots[${p.at}] (${p.detail}).reason vaut ${none(p.said)}${NB}; la relecture donne ${none(p.found)}`,
  'ballot-rule': (p) => `ballots[${p.at}] (${p.detail}).rule vaut ${none(p.said)}${NB}; ${theBallot(p)} invoque ${none(p.found)}`,
  'ballot-commit': (p) => `ballots[${p.at}] (${p.detail}).commit vaut ${none(p.said)}${NB}; la relecture trouve le bulletin dans ${none(p.found)}`,
  'ballot-status': (p) => `ballots[${p.at}] (${p.detail}).status vaut ${none(p.said)}${NB}; la relecture donne ${none(p.found)}`,
  'ballot-cast-at': (p) => `ballots[${p.at}] (${p.detail}).castAt vaut ${none(p.said)}${NB}; la relecture le trouve déposé le ${none(p.found)}`,
  'cast-at-partial': (p) => `${p.said} bulletins sur ${p.found} ont un castAt${NB}: un procès-verbal garde l’heure de chaque bulletin, ou d’aucun (s’il a été écrit avant qu’elles soient gardées)`,
  'text-seen-missing': () => 'le procès-verbal garde l’heure de ses bulletins mais pas textSeen, que le bot écrit avec elles',
  'reason-codes': (p) => `reasonCodes vaut ${none(p.said)}${NB}; la relecture donne ${none(p.found)}`,
  reason: (p) => `reasons[${p.at}] vaut ${none(p.said)}${NB}; la relecture donne ${none(p.found)}`,
  field: (p) => `${p.field} vaut ${none(p.said)}${NB}; la relecture donne ${none(p.found)}`,
  'no-opening': (p) => `le registre (refs/noclout/ledger) n’a pas d’ouverture pour ${q(p.change)}${NB}; récupérez-le${NB}: git fetch origin refs/noclout/ledger:refs/noclout/ledger`,
  'opened-differs': (p) => `ouvert le ${p.said}, mais le registre dit ${p.found}`,
  'policy-differs': (p) => `commit de la politique ${p.said}, mais le registre a figé ${p.found}`,
  outcome: (p) => {
    const reason = p.reason ? displayText(jsonOf(p.reason), 'fr') : undefined;
    const detail = reason ?? p.detail;
    return `le procès-verbal dit ${OUTCOMES_FR[p.said] ?? p.said}${NB}; rejoué le ${displayFormat('fr').instant(p.field)}, il donne ${OUTCOMES_FR[p.found] ?? p.found}${detail ? ` (${detail})` : ''}`;
  },
  tally: (p) => `décompte ${tallyFr(p.said)}${NB}; la relecture compte ${tallyFr(p.found)}`,
  ballots: (p) => `bulletins [${p.said}]${NB}; la relecture trouve [${p.found}]`,
  unlisted: (p) => `${p.said} bulletins non comptés non listés${NB}; la relecture en trouve ${p.found}`,
  rule: (p) => `règle ${p.said}${NB}; la politique figée dit ${p.found}`,
  roster: (p) => `liste de ${p.said} membres${NB}; la liste figée en a ${p.found}`,
  'no-merge': () => 'un changement accepté ne nomme aucun commit de fusion',
  'merge-off-main': (p) => `la fusion ${p.said} n’est pas sur main, ou ne contient pas la tête ${p.found}`,
  structure: (p) => structureFr(structureOf(p.detail)),
  misfiled: (p) => `le fichier porte le nom du changement ${q(p.said)}, mais le procès-verbal qu’il contient décide ${q(p.found)}${NB}: un procès-verbal a été copié ou déplacé sur un autre`,
  'filed-before-close': (p) => `le procès-verbal est rangé sous ${p.said}, mais il a été clos en ${p.found}${NB}: le bot range un procès-verbal sous l’année où il l’écrit, jamais avant sa clôture`,
  duplicate: (p) => `le changement ${q(p.change)} a déjà un procès-verbal, ${p.detail}${NB}: le bot écrit un seul procès-verbal par changement`,
  'number-reused': (p) => `le numéro ${p.said} de ${p.field} est aussi celui de ${p.detail}${NB}: le bot ne donne chaque numéro qu’une fois`,
};

const STRUCTURE_FR: Record<StructureFault['fault'], (p: StructureFault) => string> = {
  'no-front-matter': () => 'le procès-verbal n’a pas d’en-tête entre deux lignes ---',
  setext: (p) => `la ligne ${p.line} du corps (${p.found}) fait de la ligne au-dessus un titre`,
  'thematic-break': (p) => `la ligne ${p.line} du corps (${p.found}) est un séparateur, que le bot n’écrit jamais`,
  html: (p) => `la ligne ${p.line} du corps commence par du HTML brut (${p.found}), que le bot n’écrit jamais`,
  'no-title': () => `le corps ne commence pas par le titre du procès-verbal (${q('# <titre>: <issue>')}) sur sa première ligne`,
  'foreign-heading': (p) => `la ligne ${p.line} du corps est un titre que le bot n’écrit jamais (${p.found})${NB}: un procès-verbal a un titre et les sections ${p.sections}`,
  'repeated-section': (p) => `la ligne ${p.line} du corps répète la section ${q(`## ${p.section}`)}${NB}: chaque section n’apparaît qu’une fois`,
  'section-order': (p) => `ligne ${p.line} du corps${NB}: la section ${q(`## ${p.section}`)} vient après ${q(`## ${p.after}`)}${NB}; l’ordre des sections est ${p.sections}`,
  'title-differs': (p) => `le titre se lit ${p.found}${NB}; l’en-tête en fait ${p.expected}`,
  'section-missing': (p) => `la section ${q(`## ${p.section}`)} manque, alors que l’en-tête a ce qu’elle dit`,
  'section-extra': (p) => `la section ${q(`## ${p.section}`)} est là, alors que l’en-tête n’a rien pour elle`,
  'tally-differs': (p) => `le décompte se lit ${p.found}${NB}; celui de l’en-tête est ${p.expected}`,
  'ballot-rows': (p) => `le tableau des bulletins a ${count(Number(p.rows), { one: 'ligne', other: 'lignes' }, 'fr')}${NB}; l’en-tête liste ${count(Number(p.ballots), { one: 'bulletin', other: 'bulletins' }, 'fr')}`,
};

function structureFr(p: StructureFault): string {
  return (STRUCTURE_FR[p.fault] ?? (() => p.fault))(p);
}

/** The French of FRAMES_EN. */
export const FRAMES_FR: Record<FrameCode, FrameText> = {
  'frozen-at': (p, inner) => ({ message: `au commit ${p.commit}${NB}: ${inner.message}`, hint: inner.hint }),
  'record-refused': (_, inner) => ({ message: `le procès-verbal que le bot écrirait est refusé${NB}: ${inner.message}`, hint: `rien n’a été écrit${NB}; signalez-le aux responsables du commun avec le nom du changement` }),
  'ballot-file': (p, inner) => ({ message: inner.message, hint: inner.hint ?? `supprimez-le ou corrigez-le (git rm ${p.path}${NB}; un commit qui ne touche que des fichiers de bulletin ne périme aucun bulletin), puis poussez à nouveau` }),
};

export const SIGNATURE_FAULTS_FR: Record<SignatureFault, (p: { found: string; expected: string }) => string> = {
  'not-ssh': () => 'la signature n’est pas une signature SSH (gpg.format=ssh)',
  'no-magic': () => `la signature ne commence pas par ${q('SSHSIG')}`,
  version: (p) => `version de SSHSIG non prise en charge, ${p.found}`,
  malformed: () => 'la signature est mal formée',
  namespace: (p) => `la signature est pour l’espace de noms ${q(p.found)}, pas ${q(p.expected)}`,
  hash: (p) => `fonction de hachage non prise en charge, ${q(p.found)}`,
  'key-not-ed25519': () => 'la clé qui signe n’est pas une clé ed25519',
  'signature-not-ed25519': () => 'la signature n’est pas une signature ed25519',
  'does-not-verify': () => `la signature ne se vérifie pas${NB}: le commit a été modifié après avoir été signé, ou la signature est contrefaite`,
};

/** A signature fault in French; a fault this version does not know reads as itself. */
export function signatureFaultFr(p: { fault: string; found: string; expected: string }): string {
  return Object.hasOwn(SIGNATURE_FAULTS_FR, p.fault) ? SIGNATURE_FAULTS_FR[p.fault as SignatureFault](p) : p.fault;
}

