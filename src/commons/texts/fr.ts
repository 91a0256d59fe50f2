/**
 * The bot's record texts in French, for the same codes and parameters as texts/en.ts (a catalogue
 * test fails on a missing text). French typography: a narrow no-break space (U+202F) before
 * `; : ! ?` and inside « », so none of them starts a line; plurals from Intl.PluralRules ('fr',
 * where 0 and 1 take the singular). Pure.
 */
import { count, plural } from '../plural.ts';
import type { Catalogue, TextFormat, TextParams } from './codes.ts';
import { signatureFaultFr } from './problems-fr.ts';
import { ballotProblemsIn } from './en.ts';
import { visible } from '../problem.ts';

/** U+202F NARROW NO-BREAK SPACE. */
const NB = '\u202f';
const quoted = (s: string) => `«${NB}${s}${NB}»`;

type Rule = Pick<TextParams['vote-open'], 'key' | 'quorum' | 'thresholdOp' | 'threshold' | 'favour' | 'days' | 'closeEarly'>;
type Count = TextParams['objection-so-far'];

const days = (n: number) => count(n, { one: 'jour', other: 'jours' }, 'fr');
const favour = (v: 'yes' | 'no') => (v === 'no' ? 'non' : 'oui');

function rule(r: Rule): string {
  const t = `${r.thresholdOp === 'moreThan' ? 'plus de' : 'au moins'} ${r.threshold}`;
  return `voting.${r.key}${NB}: quorum ${r.quorum}, seuil ${t} de ${favour(r.favour)} parmi les oui et les non, ${days(r.days)}${r.closeEarly ? ', clôture anticipée dès que l’issue est acquise' : ''}`;
}

const met = (b: boolean) => (b ? 'atteint' : 'non atteint');
const members = (n: number) => count(n, { one: 'membre', other: 'membres' }, 'fr');
const abstentions = (n: number) => count(n, { one: 'abstention', other: 'abstentions' }, 'fr');

function voteLine(c: Count & { quorum: string }): string {
  const voted = c.yes + c.no + c.abstain;
  return `${c.yes} oui, ${c.no} non, ${abstentions(c.abstain)} sur ${members(c.eligible)}${NB}: quorum ${met(c.quorumMet)} (${voted}/${c.eligible} ont voté, il en faut ${c.quorum}), seuil ${met(c.thresholdMet)}`;
}

function objectionLine(c: Count): string {
  return `${c.no} non, ${c.yes} oui, ${abstentions(c.abstain)} sur ${members(c.eligible)}${NB}: quorum ${met(c.quorumMet)}, seuil ${met(c.thresholdMet)}`;
}

function cited(p: { objectors: string[]; rules: string[] }): string {
  return p.objectors.map((voter, i) => `${voter} invoque la règle ${quoted(p.rules[i] ?? '')}`).join(`${NB}; `);
}

function closed(p: { early: boolean; at: string }, f: TextFormat): string {
  return p.early ? `a été clos par anticipation le ${f.instant(p.at)}${NB}: aucun bulletin encore attendu ne pouvait changer l’issue` : `a été clos le ${f.instant(p.at)}`;
}

const objectionRule = (p: Rule) => `${rule(p)} (la motion vise à arrêter le billet)`;

type Entry = Pick<TextParams['opening-unpublished'], 'change' | 'opened' | 'by'>;

function setAside(p: Entry, why: string, f: TextFormat): string {
  return `l’entrée du registre des ouvertures pour ${quoted(p.change)} (ouverte le ${f.instant(p.opened)} par ${p.by}) a été écartée${NB}: ${why}${NB}; le changement s’ouvre à nouveau dès qu’il est vu valide`;
}

export const fr: Catalogue = {
  'vote-open': (p, f) => `le vote est ouvert jusqu’au ${f.instant(p.closes)} selon ${rule(p)}`,
  'vote-so-far': (p) => `pour l’instant${NB}: ${voteLine(p)}`,
  'vote-closed': (p, f) => `le vote ${closed(p, f)} selon ${rule(p)}`,
  'vote-count': (p) => `${voteLine(p)}${NB}: ${p.passed ? 'accepté' : 'rejeté'}`,
  'post-waiting': (p, f) =>
    `aucune objection pour l’instant${NB}; le billet sera publié le ${f.instant(p.at)}, ${count(p.hours, { one: 'heure', other: 'heures' }, 'fr')} après que le bot a vu ce texte pour la première fois (posts.objectionHours), sauf si un membre objecte`,
  'post-unopposed': (p, f) => `aucun membre n’a objecté dans le délai de posts.objectionHours (${count(p.hours, { one: 'heure', other: 'heures' }, 'fr')}, jusqu’au ${f.instant(p.until)})${NB}: publié par consensus tacite`,
  'objection-open': (p, f) => `objection (${cited(p)})${NB}: le billet est soumis à un vote ouvert jusqu’au ${f.instant(p.closes)} selon ${objectionRule(p)}`,
  'objection-so-far': (p) => `pour l’instant${NB}: ${objectionLine(p)}`,
  'objection-closed': (p, f) => `objection (${cited(p)}) ${p.upheld ? 'retenue' : 'non retenue'}${NB}: le vote ${closed(p, f)} selon ${objectionRule(p)}`,
  'objection-count': (p) => `${objectionLine(p)}${NB}: ${p.upheld ? 'le billet n’est pas publié' : 'arrêter un billet demande que le vote passe, il est donc publié'}`,
  'weekly-limit': (p, f) =>
    `mais l’auteur a publié ${count(p.posts, { one: 'billet', other: 'billets' }, 'fr')} ces 7 derniers jours (posts.maxPerAuthorPerWeek${NB}: ${p.max})${NB}; il pourra être publié après le ${f.instant(p.after)}`,
  'proposal-reasoning': (p) => `motifs de la proposition${NB}: ${p.text}`,
  'appeal-path': (p) => `ouvrir une proposition de modération avec \`appeals: ${p.decision}\` qui rétablit content/posts/${p.post}.md${NB}; elle est décidée selon voting.moderation, comme celle-ci`,
  'ballot-counted': () => `compté${NB}: dernier bulletin valide d’un membre`,
  'ballot-superseded': (p) => `remplacé par un bulletin ultérieur de ${p.by}`,
  'ballot-not-in-roster': (p) => `${quoted(p.voter)} n’est pas membre de la liste figée à l’ouverture du changement`,
  'ballot-late': (p, f) => `déposé le ${f.instant(p.at)}, après la clôture du ${f.instant(p.closes)}`,
  'ballot-malformed': () => `bulletin illisible${NB}: le fichier ne dit ni yes, ni no, ni abstain`,
  'ballot-unknown-rule': (p) => `invoque la règle ${quoted(p.rule)}, qui n’est pas une règle de ce commun (governance/rules/ à l’ouverture du changement)`,
  'ballot-touches-files': (p) => `le commit ${p.commit} touche ${count(p.files, { one: 'fichier', other: 'fichiers' }, 'fr')}${NB}; un commit de bulletin ne touche que le fichier de son votant`,
  'ballot-other-change': (p) => `déposé sur ${quoted(p.change)}, pas sur ce changement`,
  'ballot-not-member': (p) => `pas membre${NB}: ${quoted(p.voter)} n’est pas dans la liste figée à l’ouverture du changement`,
  'ballot-unsigned': () => `signature manquante${NB}: le commit n’est pas signé (git commit -S avec gpg.format=ssh)`,
  'ballot-unknown-key': (p) => `signé par ${p.key}, une clé qu’aucun membre de la liste figée ne déclare`,
  'ballot-someone-else': (p) => `le fichier d’un autre${NB}: signé par ${p.signer}, dans le fichier de bulletin de ${p.owner}`,
  'ballot-stale': (p) => `périmé${NB}: le commit ${p.commit} a changé le texte après ce bulletin${NB}; votez à nouveau sur le nouveau texte`,
  'review-deleted-account': () => 'le compte GitHub de la personne qui a fait la revue a été supprimé',
  'review-not-member': (p) => `l’utilisateur GitHub ${p.login} (id ${p.id}) n’est pas membre${NB}: aucune entrée de members.yml n’a github.id ${p.id}`,
  'review-dismissed': () => `la revue a été rejetée sur GitHub, ce qui efface son vote${NB}; refaites une revue pour voter`,
  'review-not-sealed': () => `le vote est scellé${NB}: une approbation ou une demande de modifications est publique, ce n’est donc pas un bulletin${NB}; scellez votre vote sur la page du changement sur le site et collez le texte scellé en commentaire`,
  'sealed-several-blocks': (p) => `contient ${p.blocks} blocs scellés${NB}; un bulletin scellé, c’est un bloc par commentaire`,
  'review-state': (p) => `une revue dans l’état ${p.state} n’est pas un bulletin`,
  'review-stale': (p) => `périmé${NB}: donné sur ${p.given || 'un commit inconnu'}, mais la tête du changement est maintenant ${p.head}${NB}; faites la revue de la tête actuelle pour voter`,
  'judged-later': (p, f) => `jugé le ${f.instant(p.at)}, et non le ${f.instant(p.asked)} comme demandé${NB}: le bot avait déjà consigné ce changement (ou une décision) à ce moment-là, et son horloge ne recule jamais`,
  'problems-to-fix': (p) => `${count(p.problems, { one: 'problème', other: 'problèmes' }, 'fr')} à corriger avant que ce changement puisse être jugé${NB}; rien n’est consigné d’ici là`,
  'opening-unpublished': (p, f) => setAside(p, `elle fige le commit ${p.commit}, qui n’a jamais été publié`, f),
  'opening-foreign': (p, f) => setAside(p, `elle fige le commit ${p.commit}, qui n’est pas dans l’historique de la base jugée (${p.base})${NB}: le bot ne fige jamais que la base qu’il juge, ce n’est donc pas lui qui a écrit cette entrée`, f),
  'opening-first-head-gone': (p, f) => setAside(p, `un bot plus ancien l’a écrite, et sa première tête ${p.commit} a disparu, si bien que rien ne montre que ce changement était valide`, f),
  'opening-first-look-invalid': (p, f) => setAside(p, `un bot plus ancien l’a écrite quand le changement a été vu pour la première fois avec des problèmes (première tête ${p.commit}), et un changement invalide ne consigne rien`, f),
  'adds-nothing': (p) => `${p.head} n’ajoute rien à ${p.base}${NB}: il est déjà fusionné, ou vide`,
  'platform-files': (p) => `touche des fichiers de la plateforme (${p.files.join(', ')}${p.more ? ', …' : ''})${NB}: le bot ne fusionne jamais de code${NB}; des personnes le relisent`,
  'ballot-only-change': () => `un changement qui ne contient que des bulletins n’est jamais fusionné seul${NB}: faites le commit de chaque bulletin sur la branche du changement sur lequel il vote, là où il compte`,
  'no-name': () => 'le changement n’ajoute aucun billet ni aucune proposition qui lui donnerait son nom',
  'name-taken': (p) => `le nom ${quoted(p.change)} est pris par un autre changement${NB}; rien n’est consigné tant que celui-ci n’a pas le sien`,
  'ballot-files-refused': (p) => {
    const files = count(p.files, { one: 'fichier de bulletin', other: 'fichiers de bulletin' }, 'fr');
    const verbs = plural(p.files, { one: 'ferait échouer noclout check sur main, ou parlerait', other: 'feraient échouer noclout check sur main, ou parleraient' }, 'fr');
    const until = plural(p.files, { one: 'il ne soit supprimé ou corrigé', other: 'ils ne soient supprimés ou corrigés' }, 'fr');
    return `mais ${files} du changement ${verbs} au nom d’un membre sans sa signature${NB}: rien n’est fusionné ni consigné avant qu’${until}`;
  },
  'already-decided': (p, f) => `déjà décidé${NB}: ${p.accepted ? 'accepté' : 'rejeté'} le ${f.instant(p.closed)}, consigné dans ${p.path}`,
  'already-decided-unreadable': (p) => `déjà décidé dans ${p.path} (le procès-verbal est illisible${NB}: lancez noclout audit)`,
  'vote-sealed-so-far': (p) => `les bulletins sont scellés jusqu’à la clôture${NB}: ${p.voted} sur ${members(p.eligible)} ${p.voted > 1 ? 'ont' : 'a'} voté pour l’instant${NB}; comment, personne ne le sait avant que la balise publie le tour ${p.round}`,
  'vote-sealed-waiting': (p, f) => `le vote a été clos le ${f.instant(p.closes)}${NB}; ses bulletins scellés s’ouvrent avec le tour ${p.round} de la balise, qui ${beaconWhyFr(p.why)}${NB}: pas de décision avant, et le robot réessaie à son prochain passage`,
  'vote-sealed-opened': (p) => `les bulletins scellés ont été ouverts avec le tour ${p.round} de la balise, dont cette décision garde la signature (chacun peut les rouvrir${NB}: noclout audit)`,
  'ballot-sealed-pending': (p) => `scellé jusqu’à la clôture${NB}: ouvert avec le tour ${p.round} de la balise, et compté alors s’il s’ouvre`,
  'ballot-sealed-malformed': (p) => `pas un bulletin scellé${NB}: ${sealedIssueFr(p.issue)}`,
  'ballot-sealed-wrong-chain': (p) => `scellé pour une autre balise (chaîne ${p.chainHash}) que celle de la politique${NB}: il ne peut pas être ouvert`,
  'ballot-sealed-wrong-round': (p) => `scellé pour le tour ${p.round}, pas pour le tour ${p.expected}, celui de la clôture de ce vote`,
  'ballot-sealed-undecryptable': () => `bulletin scellé qui ne s’ouvre pas avec la signature du tour${NB}: son chiffré est abîmé ou n’a pas été scellé pour ce tour`,
  'ballot-sealed-plaintext': () => 'bulletin scellé qui s’ouvre sur autre chose qu’un bulletin (votant, changement, vote)',
  'ballot-sealed-copied': (p) => `copié${NB}: le bulletin scellé s’ouvre sur le bulletin de ${p.voter} pour ${quoted(p.change)}, pas sur celui de ce votant pour ce changement`,
  'ballot-sealed-too-many': (p) => `une version du bulletin scellé de ce membre plus récente que celles que garde le registre${NB}: il garde au plus ${p.max} versions du bulletin d’un membre sur un changement, celle-ci n’est donc ni gardée ni comptée (la dernière gardée l’est)`,
  'ballot-sealed-not-as-kept': () => `le registre contient d’autres octets que le texte scellé que nomme son entrée${NB}: modifié après que le bot l’a gardé, il ne compte pas`,
  'ballot-public-in-sealed': () => `un bulletin public dans un vote scellé ne compte pas${NB}: scellez-le (noclout vote <changement> yes|no|abstain --sealed)`,
  'ballot-sealed-in-public': () => `un bulletin scellé dans un vote public ne compte pas${NB}: écrivez le vote lui-même (noclout vote <changement> yes|no|abstain)`,
  'unreadable-missing': (p) => `${p.head} ne peut pas être jugé${NB}: un objet git dont il a besoin manque (${objectFr(p.kind)} ${p.oid})${NB}; rien n’est consigné tant qu’il ne peut pas être lu`,
  'unreadable-refused': (p) => `${p.head} ne peut pas être jugé${NB}: ${refusedObject(p)}${NB}; rien n’est consigné tant qu’il ne peut pas être lu`,
  'merge-conflict': (p) =>
    `le changement est en conflit avec ${p.base}${NB}: ${count(p.files, { one: 'fichier a été modifié', other: 'fichiers ont été modifiés' }, 'fr')} des deux côtés depuis son ouverture`,
  'record-would-fail': (p) => `le procès-verbal de décision de ${p.change} échoue à noclout check${NB}; rien n’a été écrit`,
  'main-would-fail': (p) =>
    `${p.accepted ? 'fusionner le changement' : 'consigner la décision'} ferait échouer noclout check sur ${p.base} (${count(p.problems, { one: 'problème', other: 'problèmes' }, 'fr')})${NB}: rien n’est fusionné ni consigné tant que le changement n’est pas corrigé`,
  'ballot-bad-signature': (p) => `signature invalide${NB}: ${signatureFaultFr(p)}`,
  'ballot-unreadable': (p) => `bulletin illisible${NB}: ${unreadableBallot(p)}`,
  'ballot-problems': (p) => `bulletin illisible${NB}: ${ballotProblemsIn('fr', p.problems, (path, at, message, hint) => visible(`${path}:${at}${NB}: ${message}${hint ? ` (${hint})` : ''}`), `${NB}; `, 600)}`,
};

function beaconWhyFr(why: string): string {
  return ({ unreachable: 'n’a pas pu être jointe', 'not-yet': 'ne l’a pas encore publié', invalid: 'a répondu par une signature qui ne se vérifie pas' } as Record<string, string>)[why] ?? why;
}

function sealedIssueFr(code: string): string {
  return ({ 'sealed-too-large': 'trop long', 'sealed-not-armored': 'pas un texte age armuré', 'sealed-armor-line': 'une ligne abîmée dans l’armure', 'sealed-not-age': 'pas un fichier age', 'sealed-stanza-count': 'pas exactement un destinataire', 'sealed-not-tlock': 'pas scellé pour une balise (tlock)', 'sealed-stanza-args': 'pas de tour ni de chaîne dans sa stanza tlock', 'sealed-stanza-body': 'une clé de la mauvaise taille', 'sealed-no-payload': 'pas de bulletin chiffré après l’en-tête' } as Record<string, string>)[code] ?? code;
}

/** Why a ballot file does not read. */
function unreadableBallot(p: TextParams['ballot-unreadable']): string {
  if (p.fault === 'not-regular') return `${p.path} n’est pas un fichier ordinaire${NB}; il faut un fichier YAML comme ${quoted('vote: yes')}`;
  if (p.fault === 'too-large') return `${p.path} fait ${count(p.size, { one: 'octet', other: 'octets' }, 'fr')}${NB}; un bulletin fait au plus 10000 octets`;
  return `${p.path} n’est pas du texte UTF-8${NB}; un bulletin est un fichier YAML en UTF-8 comme ${quoted('vote: yes')}`;
}

/** A git object's kind with its article. */
const objectFr = (kind: string) => ({ commit: 'le commit', tree: 'l’arbre', blob: 'le blob', object: 'l’objet' } as Record<string, string>)[kind] ?? kind;

function refusedObject(p: TextParams['unreadable-refused']): string {
  const where = p.path ? ` (${p.path})` : '';
  if (p.refused === 'too-large') return `il contient ${({ blob: 'un fichier', commit: 'un commit', tree: 'un arbre' } as Record<string, string>)[p.kind] ?? p.kind} ${p.oid} plus grand que ce que lit le bot${where}`;
  if (p.refused === 'tree') return `il contient un arbre que git fsck et le bot refusent (arbre ${p.oid}${where})`;
  return `il contient un objet git que le bot ne peut pas lire (${objectFr(p.kind)} ${p.oid}${where})`;
}
