/**
 * The French text of every coded problem, for the same codes and parameters as
 * texts/problems-en.ts (`satisfies` makes a missing code or hint a type error; a unit test says
 * which). French typography: U+202F before `; : ! ?` and inside « »; plurals from plural.ts. Pure.
 */
import { count } from '../plural.ts';
import type { Governed, ProblemCatalogue } from './problems-en.ts';
import { displayFormat } from './index.ts';

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
  'policy/sealed-no-beacon': {
    message: (p) => `voting.${p.key} scelle ses bulletins, mais la politique ne nomme aucune balise à laquelle les verrouiller`,
    hint: () => `ajoutez un bloc \`beacon:\` au premier niveau (url, chainHash, publicKey, genesis, period, scheme), comme quicknet de drand dans docs/voting.md, ou écrivez \`ballots: public\``,
  },
  'policy/sealed-close-early': {
    message: (p) => `voting.${p.key} scelle ses bulletins et clôt par anticipation${NB}: personne ne peut savoir avant la clôture qu’un vote scellé est acquis, puisqu’aucun bulletin ne peut être lu avant`,
    hint: () => 'écrivez `closeEarly: false` pour un vote scellé, ou `ballots: public`',
  },
  'ballot/sealed-structure': {
    message: (p) => `ce bulletin scellé n’est pas un bulletin verrouillé dans le temps${NB}: ${sealedIssueFr(p.issue)}${p.received ? ` (reçu${NB}: ${p.received})` : ''}`,
    hint: () => 'scellez à nouveau le bulletin avec `noclout vote <changement> yes|no|abstain --sealed`, qui écrit `sealed: |` suivi du texte armuré tel quel',
  },
  'ballot/sealed-chain': {
    message: (p) => `ce bulletin est scellé pour la chaîne de balise ${p.chainHash}, pas pour la balise de la politique (${p.expected || 'aucune'})${NB}: il ne pourrait jamais être ouvert à la clôture`,
    hint: () => 'scellez-le à nouveau avec `noclout vote <changement> yes|no|abstain --sealed`, qui lit la balise dans la politique',
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
