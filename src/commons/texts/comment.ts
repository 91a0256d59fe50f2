/**
 * The fixed words of the GitHub judgement comment (src/commons/judgement-comment.ts), per language:
 * headings, table headers and what happens next. The reasons and ballot statuses come from the
 * record catalogues (texts/en.ts, texts/fr.ts). Each function takes parameters the caller has
 * already escaped (code spans, formatted instants) and returns Markdown. Pure.
 */
import type { Decision } from '../judgement.ts';
import { count, plural } from '../plural.ts';
import { KINDS_FR } from './body.ts';

const NB = '\u202f';

export type PendingStep = 'objections' | 'moderation' | 'vote';

export interface CommentWords {
  title(decision: Decision, kind: string): string;
  /** `commit`, `branch` and `base` arrive as code spans. */
  judged(commit: string, branch: string, base: string): string;
  why: string;
  noProblems: string;
  problems(n: number): string;
  /** The problems table's header and separator. */
  problemsHeader: readonly [string, string];
  hint: string;
  tally: string;
  tallyHeader: readonly [string, string];
  met(b: boolean): string;
  noBallots: string;
  noBallotsPost: string;
  noBallotsYet: string;
  ballots(n: number): string;
  ballotsHeader: readonly [string, string];
  vote(v: 'yes' | 'no' | 'abstain' | 'malformed' | 'sealed' | 'public'): string;
  yesNo(b: boolean): string;
  /** The Counts column of a sealed ballot waiting for the close: neither yes nor no. */
  untilClose: string;
  /** `rule` arrives as a code span. */
  citesRule(rule: string): string;
  /** `words` follow the cited rule, if any. */
  saidAfterRule: string;
  unlisted(n: number, listed: number): string;
  /** `opened` and `closes` arrive formatted for the language. */
  deadline(opened: string | undefined, closes: string | undefined): string;
  next: string;
  record(url: string): string;
  merged(record: string): string;
  accepted: string;
  rejected(record: string): string;
  /** `until` arrives formatted, or undefined when the deadline is unknown. */
  pending(step: PendingStep, until: string | undefined): string;
  invalid: string;
  manual: string;
  /**
   * A sealed vote still open (docs/github.md, Voting sealed): how to seal instead of reviewing.
   * `until` arrives formatted; `page` is the site's proposals page, when the commons has a site.
   */
  pendingSealed(until: string | undefined, round: number, page: string | undefined): string;
}

const TITLES_EN: Record<Decision, string> = { accept: 'accepted', reject: 'rejected', pending: 'open', invalid: 'needs changes', manual: 'left to people' };

export const enComment: CommentWords = {
  title: (decision, kind) => `NoClout: ${TITLES_EN[decision]} (${kind})`,
  judged: (commit, branch, base) => `Judged commit ${commit} against ${branch} at ${base}.`,
  why: 'Why',
  noProblems: '**Files**: no problems found.',
  problems: (n) => `**Problems in the files** (${n})`,
  problemsHeader: ['| File | Line | Problem | Rule |', '| --- | --- | --- | --- |'],
  hint: 'hint',
  tally: '**Tally** (one member, one vote; counted ballots only)',
  tallyHeader: ['| Eligible | Yes | No | Abstain | Quorum | Threshold |', '| --- | --- | --- | --- | --- | --- |'],
  met: (b) => (b ? 'met' : 'not met'),
  noBallots: '**Ballots**: none.',
  noBallotsPost: '**Ballots**: none. A member objects by requesting changes with a line `rule: <slug>` naming the rule the post breaks.',
  noBallotsYet: '**Ballots**: none yet. Members vote by approving (yes) or requesting changes (no) on the current head commit.',
  ballots: (n) => `**Ballots** (${n})`,
  ballotsHeader: ['| Voter | Vote | Counts | Why | Their words |', '| --- | --- | --- | --- | --- |'],
  vote: (v) => v,
  yesNo: (b) => (b ? 'yes' : 'no'),
  untilClose: 'sealed until the close',
  citesRule: (rule) => `cites rule ${rule}`,
  saidAfterRule: ': ',
  unlisted: (n, listed) => `…and ${count(n, 'more ballot')} that ${plural(n, { one: 'does', other: 'do' })} not count (the first ${listed} are listed).`,
  deadline: (opened, closes) => `**Deadline**: ${[opened && `opened ${opened}`, closes && `closes ${closes}`].filter(Boolean).join(', ')} (commit dates and dates written in files are never used).`,
  next: 'What happens next',
  record: (url) => ` The decision record: ${url}`,
  merged: (record) => `Merged, with its decision record.${record}`,
  accepted: 'Accepted: the bot merges it with its decision record on its next run (scheduled, and after every review).',
  rejected: (record) => `Rejected by the policy; the decision is final and recorded, and this pull request is closed.${record} To try again, open a new pull request: it starts a new vote.`,
  pending: (step, until) => {
    const u = until ? ` until ${until}` : '';
    switch (step) {
      case 'objections':
        return `Open for objections${u}. If no member objects (requests changes citing a rule), the bot publishes it then. An objection turns it into a moderation vote.`;
      case 'moderation':
        return `A member objected: the moderation vote on stopping this post is open${u}. Members vote by requesting changes (no: stop it) or approving (yes: publish it) on the current head commit. The post is published unless the vote passes when it closes.`;
      case 'vote':
        return `The vote is open${u}. Members vote by approving (yes) or requesting changes (no) on the current head commit; a new commit makes earlier reviews stale. The bot decides when the vote closes.`;
    }
  },
  invalid: 'Fix the problems listed above and push to the same branch: the bot judges the new head. Nothing is recorded until the files are valid.',
  manual: "The bot never merges this kind of change (code, workflows, anything outside the commons' content): people review and merge it by hand.",
  pendingSealed: (until, round, page) =>
    `The vote is open${until ? ` until ${until}` : ''}, and sealed: nobody can read a ballot before round ${round} of the beacon, just after the close. An approval or a change request is public, so it is not a ballot here. To vote, seal your ballot on the change's page of the site${page ? ` (${page})` : ''} and paste the sealed text, markers included, as a comment on this pull request. Your latest sealed comment counts; a new commit makes earlier ones stale.`,
};

const TITLES_FR: Record<Decision, string> = { accept: 'accepté', reject: 'rejeté', pending: 'ouvert', invalid: 'à corriger', manual: 'laissé aux personnes' };
const VOTES_FR = { yes: 'oui', no: 'non', abstain: 'abstention', malformed: 'illisible', sealed: 'scellé', public: 'public' } as const;

export const frComment: CommentWords = {
  title: (decision, kind) => `NoClout${NB}: ${TITLES_FR[decision]} (${KINDS_FR[kind] ?? kind})`,
  judged: (commit, branch, base) => `Commit ${commit} jugé par rapport à ${branch} au commit ${base}.`,
  why: 'Pourquoi',
  noProblems: `**Fichiers**${NB}: aucun problème trouvé.`,
  problems: (n) => `**Problèmes dans les fichiers** (${n})`,
  problemsHeader: ['| Fichier | Ligne | Problème | Règle |', '| --- | --- | --- | --- |'],
  hint: 'conseil',
  tally: `**Décompte** (un membre, une voix${NB}; bulletins comptés seulement)`,
  tallyHeader: ['| Inscrits | Oui | Non | Abstention | Quorum | Seuil |', '| --- | --- | --- | --- | --- | --- |'],
  met: (b) => (b ? 'atteint' : 'non atteint'),
  noBallots: `**Bulletins**${NB}: aucun.`,
  noBallotsPost: `**Bulletins**${NB}: aucun. Un membre objecte en demandant des modifications (request changes) avec une ligne \`rule: <slug>\` qui nomme la règle que le billet enfreint.`,
  noBallotsYet: `**Bulletins**${NB}: aucun pour l’instant. Les membres votent en approuvant (oui) ou en demandant des modifications (non) sur le commit de tête actuel.`,
  ballots: (n) => `**Bulletins** (${n})`,
  ballotsHeader: ['| Votant | Vote | Compté | Pourquoi | Ses mots |', '| --- | --- | --- | --- | --- |'],
  vote: (v) => VOTES_FR[v],
  yesNo: (b) => (b ? 'oui' : 'non'),
  untilClose: 'scellé jusqu’à la clôture',
  citesRule: (rule) => `invoque la règle ${rule}`,
  saidAfterRule: `${NB}: `,
  unlisted: (n, listed) =>
    `…et ${count(n, { one: 'autre bulletin', other: 'autres bulletins' }, 'fr')} qui ne ${plural(n, { one: 'compte', other: 'comptent' }, 'fr')} pas (les ${listed} premiers sont listés).`,
  deadline: (opened, closes) =>
    `**Échéance**${NB}: ${[opened && `ouvert le ${opened}`, closes && `clôture le ${closes}`].filter(Boolean).join(', ')} (les dates des commits et celles écrites dans les fichiers ne servent jamais).`,
  next: 'Et ensuite',
  record: (url) => ` Le registre de la décision${NB}: ${url}`,
  merged: (record) => `Fusionné, avec son registre de décision.${record}`,
  accepted: `Accepté${NB}: le bot le fusionne avec son registre de décision à son prochain passage (planifié, et après chaque revue).`,
  rejected: (record) =>
    `Rejeté selon la politique${NB}; la décision est définitive et enregistrée, et cette pull request est fermée.${record} Pour réessayer, ouvrez une nouvelle pull request${NB}: elle ouvre un nouveau vote.`,
  pending: (step, until) => {
    const u = until ? ` jusqu’au ${until}` : '';
    switch (step) {
      case 'objections':
        return `Ouvert aux objections${u}. Si aucun membre n’objecte (en demandant des modifications et en invoquant une règle), le bot le publie alors. Une objection en fait un vote de modération.`;
      case 'moderation':
        return `Un membre a objecté${NB}: le vote de modération sur l’arrêt de ce billet est ouvert${u}. Les membres votent en demandant des modifications (non${NB}: l’arrêter) ou en approuvant (oui${NB}: le publier) sur le commit de tête actuel. Le billet est publié sauf si le vote passe à sa clôture.`;
      case 'vote':
        return `Le vote est ouvert${u}. Les membres votent en approuvant (oui) ou en demandant des modifications (non) sur le commit de tête actuel${NB}; un nouveau commit périme les revues antérieures. Le bot décide à la clôture du vote.`;
    }
  },
  invalid: `Corrigez les problèmes listés ci-dessus et poussez sur la même branche${NB}: le bot juge la nouvelle tête. Rien n’est enregistré tant que les fichiers ne sont pas valides.`,
  manual: `Le bot ne fusionne jamais ce genre de changement (code, workflows, tout ce qui sort du contenu du commun)${NB}: des personnes le relisent et le fusionnent à la main.`,
  pendingSealed: (until, round, page) =>
    `Le vote est ouvert${until ? ` jusqu’au ${until}` : ''}, et scellé${NB}: personne ne peut lire un bulletin avant le tour ${round} de la balise, juste après la clôture. Une approbation ou une demande de modifications est publique${NB}: ce n’est donc pas un bulletin ici. Pour voter, scellez votre bulletin sur la page du changement sur le site${page ? ` (${page})` : ''}, puis collez le texte scellé, marqueurs compris, en commentaire de cette pull request. Votre dernier commentaire scellé compte${NB}; un nouveau commit périme les précédents.`,
};

export const COMMENT_WORDS = { en: enComment, fr: frComment } as const;
