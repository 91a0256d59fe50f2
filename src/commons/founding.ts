/**
 * The texts a new commons starts from (`noclout init`, `noclout join`): commons.yml, a policy whose
 * prose gives the reason for each number, a starter rule, the founding roster, a membership
 * proposal, and git's allowed_signers file. Pure: the commands write what these return, and every
 * text is checked by validateCommons before it is written.
 */
import { createHash } from 'node:crypto';
import type { Member } from './schema/members.ts';
import type { Policy } from './schema/policy.ts';
import { parseSshPublicKey } from './ssh-key.ts';
import { yamlScalar } from './template.ts';

/** The reference numbers (DESIGN.md, Policy): what a commons starts with until it votes others. */
export const DEFAULT_POLICY: Policy = {
  voting: {
    rules: { quorum: '1/3', threshold: { moreThan: '1/2' }, days: 7, closeEarly: false },
    policy: { quorum: '1/2', threshold: { atLeast: '3/4' }, days: 14, closeEarly: false },
    membership: { quorum: '1/4', threshold: { moreThan: '1/2' }, days: 7, closeEarly: false },
    moderation: { quorum: '1/4', threshold: { moreThan: '1/2' }, days: 3, closeEarly: false },
  },
  posts: { objectionHours: 24, maxPerAuthorPerWeek: 3, maxBytes: 100_000 },
};

/**
 * The demo's people carry this comment on their keys (`amina@demo.noclout`). `init` replaces a
 * commons whose members all carry it without asking, and refuses to erase any other roster
 * without --force: that roster is a community's, and its decision records are its history.
 */
export const DEMO_KEY_COMMENT = '@demo.noclout';

/** True when every key of the member is one of the demo's (see DEMO_KEY_COMMENT). */
export function isDemoMember(member: Pick<Member, 'keys'>): boolean {
  return member.keys.length > 0 && member.keys.every((line) => {
    const parsed = parseSshPublicKey(line);
    return parsed.ok && parsed.key.comment.endsWith(DEMO_KEY_COMMENT);
  });
}

export interface FoundingInput {
  name: string;
  /** Language → description; the default language's is required. */
  descriptions: Readonly<Record<string, string>>;
  url: string;
  repository: string;
  languages: readonly string[];
  defaultLanguage: string;
  /** The branch the bot merges into (default main). */
  branch?: string;
}

/**
 * `governance/commons.yml`. One description is written as a string; several as one per language,
 * the default language's first (commons-yml.md).
 */
export function commonsYamlText(input: FoundingInput): string {
  const langs = [input.defaultLanguage, ...input.languages.filter((l) => l !== input.defaultLanguage)].filter((l) => input.descriptions[l] !== undefined);
  const description = langs.length <= 1 ? [`description: ${yamlScalar(input.descriptions[input.defaultLanguage] ?? '')}`] : ['description:', ...langs.map((l) => `  ${l}: ${yamlScalar(input.descriptions[l]!)}`)];
  return [
    `# Who this commons is and where it lives (docs/formats/commons-yml.md). Changing it is a policy change.`,
    `name: ${yamlScalar(input.name)}`,
    ...description,
    `url: ${yamlScalar(input.url)}`,
    `repository: ${yamlScalar(input.repository)}`,
    `languages: [${input.languages.join(', ')}]`,
    `defaultLanguage: ${input.defaultLanguage}`,
    `branch: ${input.branch ?? 'main'}`,
    '',
  ].join('\n');
}

export interface MemberInput {
  handle: string;
  name: string;
  /** YYYY-MM-DD */
  joined: string;
  key: string;
  github?: { login: string; id: number };
}

/** One entry of members.yml, as block YAML that can be appended to the file. */
export function memberEntryText(member: MemberInput): string {
  const lines = [`- handle: ${member.handle}`, `  name: ${yamlScalar(member.name)}`, `  joined: ${member.joined}`];
  if (member.github) lines.push(`  github: { login: ${yamlScalar(member.github.login)}, id: ${member.github.id} }`);
  lines.push('  keys:', `    - ${member.key.trim()}`);
  return `${lines.join('\n')}\n`;
}

/** `governance/members.yml` with its founder. */
export function membersFileText(founder: MemberInput): string {
  return `# Everyone who writes or votes in this commons. All equal: one member, one vote.\n# Joining is itself a change (kind membership), decided under voting.membership.\n${memberEntryText(founder)}`;
}

/** members.yml with one more entry at its end (the file's comments and layout kept). */
export function withMember(membersText: string, member: MemberInput): string {
  return `${membersText.endsWith('\n') || membersText === '' ? membersText : `${membersText}\n`}${memberEntryText(member)}`;
}

/** A key's fingerprint as `ssh-keygen -l` prints it (SHA256:…), or undefined for a line that is not a key. */
export function keyFingerprint(line: string): string | undefined {
  const parsed = parseSshPublicKey(line);
  return parsed.ok ? `SHA256:${createHash('sha256').update(parsed.key.blob).digest('base64').replace(/=+$/, '')}` : undefined;
}

/** git's allowed_signers (ssh-keygen ALLOWED SIGNERS): one line per key, the handle as principal, for commits only. */
export function allowedSignersText(members: readonly Pick<Member, 'handle' | 'keys'>[]): string {
  return members.flatMap((m) => m.keys.map((key) => `${m.handle} namespaces="git" ${key.trim().split(/\s+/).slice(0, 2).join(' ')}\n`)).join('');
}

type Prose = 'fr' | 'en';
const proseLanguage = (lang: string): Prose => (lang === 'fr' ? 'fr' : 'en');

const fraction = (f: string) => `"${f}"`;
const threshold = (t: Policy['voting']['rules']['threshold']) => ('moreThan' in t ? `{ moreThan: ${fraction(t.moreThan)} }` : `{ atLeast: ${fraction(t.atLeast)} }`);

/** `governance/policy.md`: the enforced numbers, then one paragraph per number saying why. */
export function policyFileText(lang: string, policy: Policy = DEFAULT_POLICY): string {
  const prose = proseLanguage(lang);
  const rule = (kind: keyof Policy['voting']) => {
    const r = policy.voting[kind];
    return `  ${`${kind}:`.padEnd(12)}{ quorum: ${fraction(r.quorum)}, threshold: ${threshold(r.threshold)}, days: ${r.days}, closeEarly: ${r.closeEarly} }`;
  };
  const front = [
    '---',
    'voting:',
    rule('rules'),
    rule('policy'),
    rule('membership'),
    rule('moderation'),
    'posts:',
    `  objectionHours: ${policy.posts.objectionHours}`,
    `  maxPerAuthorPerWeek: ${policy.posts.maxPerAuthorPerWeek}`,
    `  maxBytes: ${policy.posts.maxBytes}`,
    `lang: ${prose}`,
    '---',
    '',
  ].join('\n');
  return `${front}\n${POLICY_PROSE[prose](policy)}`;
}

const share = (f: string, prose: Prose) => {
  const words: Record<string, [string, string]> = { '1/2': ['la moitié', 'half'], '1/3': ['un tiers', 'a third'], '1/4': ['un quart', 'a quarter'], '3/4': ['trois quarts', 'three quarters'], '2/3': ['deux tiers', 'two thirds'] };
  return words[f]?.[prose === 'fr' ? 0 : 1] ?? f;
};

const POLICY_PROSE: Record<Prose, (p: Policy) => string> = {
  en: (p) => `# Voting policy

The numbers above are the only ones the bot enforces; the text below says why
they were chosen. If the two ever seem to disagree, the numbers win, and the
disagreement is a reason to propose a change to this file.

Every member has exactly one vote. No vote counts twice, and no member's vote
is worth more because they joined earlier or wrote more.

## How a vote is counted

- **Quorum** is the share of members who took part: \`(yes + no + abstain) /
  members\`. An abstention counts towards the quorum: "I looked, and I leave it
  to the others" is not the same as not looking.
- **Threshold** is the share of \`yes\` among the votes that took a side:
  \`yes / (yes + no)\`. Abstentions are left out, so abstaining never becomes a
  hidden \`no\`. \`moreThan\` is strict: with \`moreThan: "1/2"\` a tie is not a yes.
- The members counted are those of the roster **frozen when the change was
  opened**: joining in the middle of a vote does not let anyone tip it.
- A vote stays open for its \`days\`, counted from the moment the bot first saw
  the change; nobody can shorten it by back-dating a commit. With
  \`closeEarly: false\` it always runs its full length, so a member who is away
  for a few days still finds every vote open when they come back.

## Rules: quorum ${p.voting.rules.quorum}, ${thresholdWords(p.voting.rules.threshold, 'en')}, ${p.voting.rules.days} days

The rules say what may be published here. ${cap(share(p.voting.rules.quorum, 'en'))} of the members must
take part, because a rule binds everyone and should not be made by two people
on a quiet evening; asking for more would let ordinary indifference block every
improvement. A week gives everyone a weekend to read and discuss.

## Policy: quorum ${p.voting.policy.quorum}, ${thresholdWords(p.voting.policy.threshold, 'en')}, ${p.voting.policy.days} days

This file and \`commons.yml\` decide how everything else is decided, so
changing them asks for more: a bare majority should not be able to rewrite the
rules of the game in its own favour. Two weeks leave time for a real
discussion, and for a member who disagrees to explain why.

## Membership: quorum ${p.voting.membership.quorum}, ${thresholdWords(p.voting.membership.threshold, 'en')}, ${p.voting.membership.days} days

Joining should be easy: it is how the commons grows. ${cap(share(p.voting.membership.quorum, 'en'))} of the
members taking part is enough to show that somebody looked, and a simple
majority decides. A newcomer is proposed by a member, who signs the change.

## Moderation: quorum ${p.voting.moderation.quorum}, ${thresholdWords(p.voting.moderation.threshold, 'en')}, ${p.voting.moderation.days} days

Hiding a post is the only way a published text disappears, and it is always a
collective, recorded decision, never one moderator's call. The quorum is low
and the vote short so that a clear case (advertising, someone's home address)
does not stay online for a week. The post's address keeps a tombstone that
names the rule, links the decision and says how to appeal.

## Posts: ${p.posts.objectionHours} objection hours, ${p.posts.maxPerAuthorPerWeek} a week, ${p.posts.maxBytes} bytes

Publishing needs nobody's permission. A post is published ${p.posts.objectionHours} hours after the bot
first sees it, unless a member objects by voting \`no\` and naming the rule it
breaks; it then goes to a moderation vote. That is long enough for someone in
any time zone to notice a problem, and short enough that writing here still
feels like publishing. ${p.posts.maxPerAuthorPerWeek} posts per author per week, counted by publication
time, keep one voice from filling the page; ${p.posts.maxBytes} bytes is a long essay, not an archive.
`,
  fr: (p) => `# Politique de vote

Les nombres ci-dessus sont les seuls que le bot applique ; le texte ci-dessous
dit pourquoi ils ont été choisis. S'ils semblent un jour se contredire, les
nombres l'emportent, et la contradiction est une raison de proposer une
modification de ce fichier.

Chaque membre a exactement une voix. Aucune voix ne compte double, et aucune ne
pèse plus parce que son auteur est arrivé plus tôt ou écrit davantage.

## Comment un vote est compté

- **Le quorum** est la part des membres qui ont participé : \`(oui + non +
  abstention) / membres\`. Une abstention compte pour le quorum : « j'ai lu, je
  laisse les autres trancher » n'est pas la même chose que ne pas avoir lu.
- **Le seuil** est la part de \`oui\` parmi les voix exprimées : \`oui / (oui +
  non)\`. Les abstentions n'y entrent pas : s'abstenir n'est jamais un \`non\`
  caché. \`moreThan\` est strict : avec \`moreThan: "1/2"\`, une égalité n'est pas un oui.
- Les membres comptés sont ceux de la liste **figée à l'ouverture du
  changement** : adhérer au milieu d'un vote ne permet pas de le faire basculer.
- Un vote reste ouvert \`days\` jours à partir du moment où le bot a vu le
  changement pour la première fois ; antidater un commit n'y change rien. Avec
  \`closeEarly: false\`, il dure toujours jusqu'au bout, pour qu'un membre
  absent quelques jours trouve encore chaque vote ouvert à son retour.

## Règles : quorum ${p.voting.rules.quorum}, ${thresholdWords(p.voting.rules.threshold, 'fr')}, ${p.voting.rules.days} jours

Les règles disent ce qui peut être publié ici. ${cap(share(p.voting.rules.quorum, 'fr'))} des membres doit
participer, parce qu'une règle engage tout le monde et ne doit pas être décidée
par deux personnes un soir tranquille ; exiger davantage laisserait
l'indifférence ordinaire bloquer toute amélioration. Une semaine laisse à
chacun un week-end pour lire et discuter.

## Politique : quorum ${p.voting.policy.quorum}, ${thresholdWords(p.voting.policy.threshold, 'fr')}, ${p.voting.policy.days} jours

Ce fichier et \`commons.yml\` décident de la façon dont tout le reste est
décidé ; les changer demande donc davantage : une courte majorité ne doit pas
pouvoir réécrire les règles du jeu à son avantage. Deux semaines laissent le
temps d'une vraie discussion, et à un membre en désaccord celui de s'expliquer.

## Adhésion : quorum ${p.voting.membership.quorum}, ${thresholdWords(p.voting.membership.threshold, 'fr')}, ${p.voting.membership.days} jours

Adhérer doit être simple : c'est ainsi que le commun grandit. ${cap(share(p.voting.membership.quorum, 'fr'))} des
membres qui participent suffit à montrer que quelqu'un a regardé, et une
majorité simple décide. Un nouveau membre est proposé par un membre, qui signe
le changement.

## Modération : quorum ${p.voting.moderation.quorum}, ${thresholdWords(p.voting.moderation.threshold, 'fr')}, ${p.voting.moderation.days} jours

Masquer un billet est la seule façon dont un texte publié disparaît, et c'est
toujours une décision collective et enregistrée, jamais celle d'un seul
modérateur. Le quorum est bas et le vote court pour qu'un cas clair (publicité,
adresse personnelle de quelqu'un) ne reste pas en ligne une semaine. L'adresse
du billet garde une pierre tombale qui nomme la règle, renvoie à la décision et
explique comment faire appel.

## Billets : ${p.posts.objectionHours} heures d'objection, ${p.posts.maxPerAuthorPerWeek} par semaine, ${p.posts.maxBytes} octets

Publier ne demande la permission de personne. Un billet est publié ${p.posts.objectionHours} heures
après que le bot l'a vu, sauf si un membre s'y oppose en votant \`non\` et en
nommant la règle enfreinte ; il passe alors en vote de modération. C'est assez
long pour que quelqu'un, sur n'importe quel fuseau horaire, remarque un
problème, et assez court pour qu'écrire ici reste publier. ${p.posts.maxPerAuthorPerWeek} billets par
personne et par semaine, comptés à la publication, évitent qu'une seule voix
remplisse la page ; ${p.posts.maxBytes} octets, c'est un long essai, pas une archive.
`,
};

function thresholdWords(t: Policy['voting']['rules']['threshold'], prose: Prose): string {
  if ('moreThan' in t) return prose === 'fr' ? `plus de ${share(t.moreThan, 'fr')}` : `more than ${share(t.moreThan, 'en')}`;
  return prose === 'fr' ? `au moins ${share(t.atLeast, 'fr')}` : `at least ${share(t.atLeast, 'en')}`;
}

const cap = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

/** The starter rule's slug: one rule so that an objection has something to cite from day one. */
export const STARTER_RULE = 'respect';

/** `governance/rules/respect.md`, in the commons' default language (French or English). */
export function starterRuleText(lang: string): string {
  return proseLanguage(lang) === 'fr'
    ? `---
title: "Respect des personnes"
summary: On critique des idées, jamais des personnes ; pas d'insulte, de harcèlement ni de haine.
lang: fr
order: 1
---

On peut être en désaccord avec un billet, le dire fermement et longuement. On
ne s'en prend pas à la personne qui l'a écrit.

Sont contraires à cette règle :

- les insultes, les moqueries visant une personne et les menaces ;
- le harcèlement, y compris une suite de billets visant la même personne ;
- les propos haineux visant un groupe pour ce qu'il est.

Cette règle est un point de départ : les membres la modifient, et en ajoutent
d'autres, par des propositions (\`noclout new rule\`, puis \`noclout new proposal\`).
`
    : `---
title: "Respect for people"
summary: Criticise ideas, never people; no insults, harassment or hate.
lang: en
order: 1
---

You may disagree with a post, firmly and at length. You do not attack the
person who wrote it.

Against this rule:

- insults, mockery aimed at a person, and threats;
- harassment, including a series of posts aimed at the same person;
- hateful speech against a group for what it is.

This rule is a starting point: members amend it, and add others, by proposals
(\`noclout new rule\`, then \`noclout new proposal\`).
`;
}

/** A new rule to fill in (`noclout new rule`). */
export function ruleTemplate(title: string, lang: string, order?: number): string {
  const guidance =
    proseLanguage(lang) === 'fr'
      ? 'Écrivez la règle ici : ce qu\'elle demande, ce qui l\'enfreint, et pourquoi le commun en a besoin.\n\nUne règle entre dans la charte par une proposition acceptée : `noclout new proposal` la nomme dans `rules:`.'
      : 'Write the rule here: what it asks, what breaks it, and why the commons needs it.\n\nA rule enters the charter through an accepted proposal: `noclout new proposal` names it in `rules:`.';
  return `---\ntitle: ${yamlScalar(title)}\nlang: ${lang}\n${order !== undefined ? `order: ${order}\n` : ''}---\n\n${guidance}\n`;
}

export interface MembershipProposalInput {
  /** The member who proposes, and signs, the change. */
  sponsor: string;
  member: MemberInput;
  /** SHA256 fingerprint of the newcomer's key, as ssh-keygen -l prints it. */
  fingerprint: string;
  lang: string;
  date: string;
}

/** `content/proposals/join-<handle>.md`: the proposal a membership change needs. */
export function membershipProposalText(input: MembershipProposalInput): string {
  const { member, sponsor } = input;
  const fr = proseLanguage(input.lang) === 'fr';
  const title = fr ? `Accueillir ${member.name} (${member.handle})` : `Welcome ${member.name} (${member.handle})`;
  const github = member.github ? (fr ? `\n- compte GitHub : ${member.github.login} (id ${member.github.id})` : `\n- GitHub account: ${member.github.login} (id ${member.github.id})`) : '';
  const body = fr
    ? `${sponsor} propose d'ajouter ${member.name} aux membres du commun, sous le nom \`${member.handle}\`.\n\n- clé SSH : \`${input.fingerprint}\`${github}\n\nAvant de voter oui, vérifiez auprès de ${member.name}, par un autre canal, que cette empreinte est bien celle de sa clé (\`ssh-keygen -lf ~/.ssh/id_ed25519.pub\`).\n`
    : `${sponsor} proposes to add ${member.name} to the members of this commons, as \`${member.handle}\`.\n\n- SSH key: \`${input.fingerprint}\`${github}\n\nBefore you vote yes, check with ${member.name}, through another channel, that this fingerprint is their key's (\`ssh-keygen -lf ~/.ssh/id_ed25519.pub\`).\n`;
  return `---\ntitle: ${yamlScalar(title)}\nauthor: ${sponsor}\ndate: ${input.date}\nlang: ${input.lang}\n---\n\n${body}`;
}
