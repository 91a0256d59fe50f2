/**
 * The words of a record's Markdown body (docs/formats/decision.md, The body), per language. The
 * English is the body the bot stores and `noclout audit` re-renders (decision-record.ts); the
 * others are what a page shows under "record text" in its language. Each function returns
 * Markdown whose parameters the caller has already escaped. Pure.
 */
import { count, plural } from '../plural.ts';
import type { TextFormat } from './codes.ts';

const NB = '\u202f';

export type BodySection = 'Why' | 'Tally' | 'Ballots' | 'What voters said' | 'Moderation';

export interface BodyWords {
  verb(outcome: 'accepted' | 'rejected', kind: string): string;
  /** The sentence under the title; `change` and `policy` arrive as code spans. */
  summary(p: { kind: string; change: string; verb: string; closed: string; opened: string; size: number; policy: string }, f: TextFormat): string;
  sections: Record<BodySection, string>;
  tally(t: { yes: number; no: number; abstain: number; eligible: number; quorumMet: boolean; thresholdMet: boolean }): string;
  /** The ballots table's header and its separator line. */
  ballotsHeader: readonly [string, string];
  vote(v: 'yes' | 'no' | 'abstain' | 'malformed' | 'sealed' | 'public'): string;
  yesNo(b: boolean): string;
  unlisted(n: number, listed: number): string;
  /** One voter's words: `who` and `words` escaped, `rule` a code span or undefined. */
  said(who: string, vote: string, rule: string | undefined, words: string): string;
  moderation(post: string, rule: string, version: string): string;
  howToAppeal(text: string): string;
}

export const enBody: BodyWords = {
  verb: (outcome, kind) => (outcome === 'accepted' ? (kind === 'post' ? 'published' : 'accepted') : 'rejected'),
  summary: (p, f) => `The ${p.kind} change ${p.change} was ${p.verb} on ${f.instant(p.closed)}. It was opened on ${f.instant(p.opened)} and judged by the policy and the roster of ${p.size} members as they were at commit ${p.policy}.`,
  sections: { Why: 'Why', Tally: 'Tally', Ballots: 'Ballots', 'What voters said': 'What voters said', Moderation: 'Moderation' },
  tally: (t) => `${t.yes} yes, ${t.no} no, ${t.abstain} abstain, of ${t.eligible} members. Quorum ${t.quorumMet ? 'met' : 'not met'}; threshold ${t.thresholdMet ? 'met' : 'not met'}.`,
  ballotsHeader: ['| voter | vote | counted | why |', '|---|---|---|---|'],
  vote: (v) => v,
  yesNo: (b) => (b ? 'yes' : 'no'),
  unlisted: (n, listed) => `${count(n, 'more ballot')} that did not count ${plural(n, { one: 'is', other: 'are' })} not listed: a record lists the first ${listed} in the order cast.`,
  said: (who, vote, rule, words) => `- **${who}** (${vote}${rule ? `, citing rule ${rule}` : ''}): ${words}`,
  moderation: (post, rule, version) => `Post ${post}, rule ${rule} as of commit ${version}.`,
  howToAppeal: (text) => `How to appeal: ${text}`,
};

export const KINDS_FR: Record<string, string> = { post: 'billet', proposal: 'proposition', policy: 'politique', membership: 'adhésion', moderation: 'modération', platform: 'plateforme' };
const VOTES_FR = { yes: 'oui', no: 'non', abstain: 'abstention', malformed: 'illisible', sealed: 'scellé', public: 'public' } as const;

export const frBody: BodyWords = {
  verb: (outcome, kind) => (outcome === 'accepted' ? (kind === 'post' ? 'publié' : 'accepté') : 'rejeté'),
  summary: (p, f) =>
    `Le changement ${p.change} (${KINDS_FR[p.kind] ?? p.kind}) a été ${p.verb} le ${f.instant(p.closed)}. Il a été ouvert le ${f.instant(p.opened)} et jugé selon la politique et la liste des membres (${count(p.size, { one: 'membre', other: 'membres' }, 'fr')}) telles qu’elles étaient au commit ${p.policy}.`,
  sections: { Why: 'Pourquoi', Tally: 'Décompte', Ballots: 'Bulletins', 'What voters said': 'Ce que les votants ont dit', Moderation: 'Modération' },
  tally: (t) =>
    `${t.yes} oui, ${t.no} non, ${count(t.abstain, { one: 'abstention', other: 'abstentions' }, 'fr')}, sur ${count(t.eligible, { one: 'membre', other: 'membres' }, 'fr')}. Quorum ${t.quorumMet ? 'atteint' : 'non atteint'}${NB}; seuil ${t.thresholdMet ? 'atteint' : 'non atteint'}.`,
  ballotsHeader: ['| votant | vote | compté | pourquoi |', '|---|---|---|---|'],
  vote: (v) => VOTES_FR[v],
  yesNo: (b) => (b ? 'oui' : 'non'),
  unlisted: (n, listed) =>
    `${count(n, { one: 'autre bulletin', other: 'autres bulletins' }, 'fr')} non ${plural(n, { one: 'compté n’est pas listé', other: 'comptés ne sont pas listés' }, 'fr')}${NB}: un registre liste les ${listed} premiers dans l’ordre de dépôt.`,
  said: (who, vote, rule, words) => `- **${who}** (${vote}${rule ? `, invoquant la règle ${rule}` : ''})${NB}: ${words}`,
  moderation: (post, rule, version) => `Billet ${post}, règle ${rule} dans sa version du commit ${version}.`,
  howToAppeal: (text) => `Comment faire appel${NB}: ${text}`,
};

export const BODY_WORDS = { en: enBody, fr: frBody } as const;
