/**
 * What `noclout join` says (refusals, the request to send, what was written), in English and French
 * (issue 12): same keys and parameters (`satisfies typeof en`). French typography: U+202F before
 * `; : ! ?` and inside « »; plurals via count. Commands and options stay as typed.
 */
import { count, plural } from '../commons/plural.ts';
import { noclout } from '../commons/suggested-command.ts';

const NB = '\u202f';
const q = (s: string) => `«${NB}${s}${NB}»`;

/** Who decides a membership change, from policy voting.membership and the roster. */
export interface Decides {
  roster: number;
  needed: number;
  quorum: string;
  threshold: { moreThan: string } | { atLeast: string };
  days: number;
  closeEarly: boolean;
}

/** What the newcomer is told to send. */
export interface Request {
  commons: string;
  keySource: string;
  fingerprint: string;
  members: string;
  request: string;
  handle: string;
}

/** What was written. */
export interface Written {
  branch: string;
  commit: string;
  signed: boolean;
  sponsor: string;
  handle: string;
  proposal: string;
  name: string;
  fingerprint: string;
  slug: string;
  compare: string | undefined;
  request: string;
  decides: Decides;
}

const whoDecidesEn = (d: Decides): string =>
    `Who decides: the ${count(d.roster, 'member')} of the roster frozen when the bot first sees the change (policy voting.membership): at least ${count(d.needed, 'ballot')} (quorum ${d.quorum}), ${'moreThan' in d.threshold ? `more than ${d.threshold.moreThan}` : `at least ${d.threshold.atLeast}`} of yes among yes and no, over ${count(d.days, 'day')}${d.closeEarly ? ', closed early once the outcome is certain' : ''}.`;

const whoDecidesFr = (d: Decides): string =>
    `Qui décide${NB}: ${plural(d.roster, { one: 'le', other: 'les' }, 'fr')} ${count(d.roster, 'membre', 'fr')} de la liste figée quand le bot voit le changement pour la première fois (politique voting.membership)${NB}: au moins ${count(d.needed, 'bulletin', 'fr')} (quorum ${d.quorum}), ${'moreThan' in d.threshold ? `plus de ${d.threshold.moreThan}` : `au moins ${d.threshold.atLeast}`} de oui parmi les oui et les non, sur ${count(d.days, 'jour', 'fr')}${d.closeEarly ? ', clos plus tôt dès que l’issue est certaine' : ''}.`;

const en = {
  keyListed: (source: string, holder: string, self: boolean) => `the key from ${source} is already listed for ${holder} in governance/members.yml${self ? ': you are a member already' : ''}`,
  notHandle: (handle: string | undefined) => `${handle ? `"${handle}" is not a handle` : 'no handle'}: give --handle, 1–32 lowercase ASCII letters, digits or inner hyphens, like "amina" or "jean-luc"`,
  noName: () => 'what name should members see? give --name "Your Name" (or git config user.name)',
  handleTaken: (handle: string) => `"${handle}" is already a member's handle; choose another with --handle`,
  notSponsor: (sponsor: string, members: string) => `--sponsor ${sponsor} is not a member; members: ${members}`,
  wouldNotPass: (problems: string) => `nothing was written; the change would not pass check:\n${problems}`,
  noMain: (root: string) => `no branch main in ${root}: fetch the commons first (git fetch origin main:main), or give --base`,
  unreadable: (commit: string) => `the commons at ${commit} does not read (commons.yml, policy.md or members.yml); run ${noclout('check')}`,
  forNeedsKey: (why: string) => `--for is run by a member, who signs the change: ${why}`,
  branchExists: (branch: string) => `branch ${branch} exists already; delete it first (git branch -D ${branch}) or choose another handle`,
  commitFailed: (signing: boolean, said: string) => `git could not ${signing ? 'sign' : 'write'} the commit: ${said}${signing ? ' (is your key in ssh-agent, or its private file beside the .pub?)' : ''}`,
  whoDecides: whoDecidesEn,
  request: (r: Request) =>
    [
      `You are not a member of ${r.commons} yet. A member opens your membership change, signed with their key (the bot takes a change's author from its signature).`,
      `Your key: ${r.keySource} (${r.fingerprint}). Send this line to a member (${r.members}):`,
      '',
      `  ${r.request}`,
      '',
      `They run it in their clone: it writes the branch member/${r.handle}, signed by them, and they push it. Then the members vote.`,
      'Tell them your key fingerprint by another channel, so they know the key is yours.',
      `On GitHub, you can instead write the branch yourself: ${noclout('join --sponsor <member>')}, push it to your fork, and the member opens the pull request.`,
    ].join('\n'),
  written: (w: Written) =>
    [
      `Wrote ${w.branch} (commit ${w.commit}${w.signed ? `, signed by ${w.sponsor}` : ', unsigned'}): ${w.handle} added to governance/members.yml, and ${w.proposal} (author: ${w.sponsor}). Your checkout was not touched.`,
      whoDecidesEn(w.decides),
      ...(w.signed
        ? [
            `Push it:  git push origin ${w.branch}`,
            `  git-native: the bot judges every branch; the members vote on it with ${noclout(`vote ${w.slug} yes|no|abstain`)}.`,
            `  GitHub: push it, then open the pull request yourself (the bot counts who opens it): ${w.compare ?? `a pull request from ${w.branch}`}`,
          ]
        : [
            `Not signed: ${w.sponsor} opens this change. On GitHub: push it to your fork (git push origin ${w.branch}) and ask ${w.sponsor} to open the pull request from it.`,
            `With git alone the change must carry ${w.sponsor}'s signature: send ${w.sponsor} this line instead, which makes the same change signed by them:`,
            `  ${w.request}`,
          ]),
      `Members can check the key with ${w.name}, by another channel: ${w.fingerprint}`,
    ].join('\n'),
};

const fr = {
  keyListed: (source, holder, self) => `la clé de ${source} figure déjà pour ${holder} dans governance/members.yml${self ? `${NB}: vous êtes déjà membre` : ''}`,
  notHandle: (handle) => `${handle ? `${q(handle)} n’est pas un identifiant` : 'pas d’identifiant'}${NB}: donnez --handle, de 1 à 32 lettres ASCII minuscules, chiffres ou tirets intérieurs, comme ${q('amina')} ou ${q('jean-luc')}`,
  noName: () => `quel nom les membres doivent-ils voir${NB}? Donnez --name "Votre Nom" (ou git config user.name)`,
  handleTaken: (handle) => `${q(handle)} est déjà l’identifiant d’un membre${NB}; choisissez-en un autre avec --handle`,
  notSponsor: (sponsor, members) => `--sponsor ${sponsor} n’est pas membre${NB}; membres${NB}: ${members}`,
  wouldNotPass: (problems) => `rien n’a été écrit${NB}; le changement ne passerait pas check${NB}:\n${problems}`,
  noMain: (root) => `pas de branche main dans ${root}${NB}: récupérez d’abord le commun (git fetch origin main:main), ou donnez --base`,
  unreadable: (commit) => `le commun au commit ${commit} ne se lit pas (commons.yml, policy.md ou members.yml)${NB}; lancez ${noclout('check')}`,
  forNeedsKey: (why) => `--for est lancé par un membre, qui signe le changement${NB}: ${why}`,
  branchExists: (branch) => `la branche ${branch} existe déjà${NB}; supprimez-la d’abord (git branch -D ${branch}) ou choisissez un autre identifiant`,
  commitFailed: (signing, said) => `git n’a pas pu ${signing ? 'signer' : 'écrire'} le commit${NB}: ${said}${signing ? ` (votre clé est-elle dans ssh-agent, ou sa partie privée à côté du .pub${NB}?)` : ''}`,
  whoDecides: whoDecidesFr,
  request: (r) =>
    [
      `Vous n’êtes pas encore membre de ${q(r.commons)}. Un membre ouvre votre changement d’adhésion, signé de sa clé (le bot prend l’auteur d’un changement dans sa signature).`,
      `Votre clé${NB}: ${r.keySource} (${r.fingerprint}). Envoyez cette ligne à un membre (${r.members})${NB}:`,
      '',
      `  ${r.request}`,
      '',
      `Il la lance dans son clone${NB}: elle écrit la branche member/${r.handle}, signée par lui, et il la pousse. Puis les membres votent.`,
      'Donnez-lui l’empreinte de votre clé par un autre canal, pour qu’il sache que la clé est la vôtre.',
      `Sur GitHub, vous pouvez plutôt écrire la branche vous-même${NB}: ${noclout('join --sponsor <member>')}, la pousser sur votre fork, et le membre ouvre la pull request.`,
    ].join('\n'),
  written: (w) =>
    [
      `${w.branch} écrite (commit ${w.commit}${w.signed ? `, signé par ${w.sponsor}` : ', non signé'})${NB}: ${w.handle} ajouté à governance/members.yml, et ${w.proposal} (auteur${NB}: ${w.sponsor}). Votre copie de travail n’a pas été touchée.`,
      whoDecidesFr(w.decides),
      ...(w.signed
        ? [
            `Poussez-la${NB}:  git push origin ${w.branch}`,
            `  git seul${NB}: le bot juge chaque branche${NB}; les membres votent dessus avec ${noclout(`vote ${w.slug} yes|no|abstain`)}.`,
            `  GitHub${NB}: poussez-la, puis ouvrez vous-même la pull request (le bot compte qui l’ouvre)${NB}: ${w.compare ?? `une pull request depuis ${w.branch}`}`,
          ]
        : [
            `Non signé${NB}: ${w.sponsor} ouvre ce changement. Sur GitHub${NB}: poussez-le sur votre fork (git push origin ${w.branch}) et demandez à ${w.sponsor} d’ouvrir la pull request depuis celui-ci.`,
            `Avec git seul, le changement doit porter la signature de ${w.sponsor}${NB}: envoyez plutôt à ${w.sponsor} cette ligne, qui fait le même changement signé par ce membre${NB}:`,
            `  ${w.request}`,
          ]),
      `Les membres peuvent vérifier la clé auprès de ${w.name}, par un autre canal${NB}: ${w.fingerprint}`,
    ].join('\n'),
} satisfies typeof en;

export type JoinTexts = typeof en;

/** What join says, in a language. */
export const JOIN_TEXTS = { en, fr } as const;
