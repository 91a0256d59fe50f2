/**
 * What `noclout vote` says when it refuses, and the commands it suggests next with their comments,
 * in English and French (issue 12): same keys and parameters (`satisfies typeof en`). What it says
 * once the ballot is cast is in src/cli/texts.ts. French typography: U+202F before `; : ! ?` and
 * inside « ». Commands and options stay as typed.
 */
import { count } from '../commons/plural.ts';
import { noclout } from '../commons/suggested-command.ts';

const NB = '\u202f';
const q = (s: string) => `«${NB}${s}${NB}»`;

const en = {
  noBase: (base: string, remote: string | undefined) => `no branch "${base}" here${remote ? ` or on ${remote}` : ''}: give the branch changes are merged into with --base`,
  noRoster: (base: string) => `governance/members.yml at ${base} cannot be read: run ${noclout('check')}`,
  unknownRule: (rule: string, rules: string) => `--rule ${rule}: no rule governance/rules/${rule}.md; rules: ${rules || 'none'}`,
  badBallot: (problems: string) => `the ballot would not read:\n${problems}`,
  otherChange: (branch: string, id: string | undefined, change: string, at: string | undefined) =>
    `the branch ${branch} ${id ? `proposes "${id}", not "${change}"` : 'adds no post or proposal'}${at ? ` (at ${at})` : ''}`,
  noSuchBranch: (branch: string, remote: string | undefined) => `no branch ${branch} here${remote ? ` or on ${remote}` : ''}`,
  severalBranches: (change: string, branches: string) => `several branches add "${change}": ${branches}; say which with --branch`,
  noBranch: (change: string, looked: number, remote: string | undefined) =>
    `no branch adds a post or proposal named "${change}" (looked at ${count(looked, { one: 'branch', other: 'branches' })}${remote ? `, ${remote}'s included, after a fetch` : ''}); the change is the slug of its file, like cite-sources for content/proposals/cite-sources.md`,
  fetchLocked: (remote: string, lock: string) => `git fetch ${remote} failed: ${lock}. A branch left from the repository this clone was made from is in the way: run git fetch --prune ${remote}, then vote again`,
  fetchFailed: (remote: string, said: string | undefined) => `git fetch ${remote} failed, so the change cannot be seen as it is now: ${said ?? 'git said nothing'} (vote offline with --no-push)`,
  behindBallots: (branch: string) => `# your checkout of ${branch} is behind the ballots`,
  pushRefused: (branch: string, remote: string) =>
    `# refused because someone voted meanwhile? run the same ${noclout('vote')} without --no-push (it joins the ballots by a merge); or git switch ${branch} && git pull --no-rebase ${remote} ${branch} && git push ${remote} ${branch} (never --rebase: a rebase rewrites others' ballots)`,
  noRemote: () => "# this clone has no remote: push where the commons' bot reads changes",
  seeBallot: (branch: string) => `# to see the ballot in your checkout of ${branch}`,
};

const fr = {
  noBase: (base, remote) => `pas de branche ${q(base)} ici${remote ? ` ni sur ${remote}` : ''}${NB}: donnez avec --base la branche où les changements sont fusionnés`,
  noRoster: (base) => `governance/members.yml au commit ${base} ne se lit pas${NB}: lancez ${noclout('check')}`,
  unknownRule: (rule, rules) => `--rule ${rule}${NB}: pas de règle governance/rules/${rule}.md${NB}; règles${NB}: ${rules || 'aucune'}`,
  badBallot: (problems) => `le bulletin ne se lirait pas${NB}:\n${problems}`,
  otherChange: (branch, id, change, at) => `la branche ${branch} ${id ? `propose ${q(id)}, pas ${q(change)}` : 'n’ajoute ni billet ni proposition'}${at ? ` (au commit ${at})` : ''}`,
  noSuchBranch: (branch, remote) => `pas de branche ${branch} ici${remote ? ` ni sur ${remote}` : ''}`,
  severalBranches: (change, branches) => `plusieurs branches ajoutent ${q(change)}${NB}: ${branches}${NB}; dites laquelle avec --branch`,
  noBranch: (change, looked, remote) =>
    `aucune branche n’ajoute de billet ni de proposition nommé ${q(change)} (${count(looked, { one: 'branche examinée', other: 'branches examinées' }, 'fr')}${remote ? `, celles de ${remote} comprises, après un fetch` : ''})${NB}; le changement est le slug de son fichier, comme cite-sources pour content/proposals/cite-sources.md`,
  fetchLocked: (remote, lock) => `git fetch ${remote} a échoué${NB}: ${lock}. Une branche laissée par le dépôt d’où vient ce clone fait obstacle${NB}: lancez git fetch --prune ${remote}, puis votez à nouveau`,
  fetchFailed: (remote, said) => `git fetch ${remote} a échoué, le changement ne peut donc pas être vu tel qu’il est${NB}: ${said ?? 'git n’a rien dit'} (votez hors ligne avec --no-push)`,
  behindBallots: (branch) => `# votre copie de ${branch} est en retard sur les bulletins`,
  pushRefused: (branch, remote) =>
    `# refusé parce que quelqu’un a voté entre-temps${NB}? relancez le même ${noclout('vote')} sans --no-push (il joint les bulletins par une fusion)${NB}; ou git switch ${branch} && git pull --no-rebase ${remote} ${branch} && git push ${remote} ${branch} (jamais --rebase${NB}: un rebase réécrit les bulletins des autres)`,
  noRemote: () => `# ce clone n’a pas de dépôt distant${NB}: poussez là où le bot du commun lit les changements`,
  seeBallot: (branch) => `# pour voir le bulletin dans votre copie de ${branch}`,
} satisfies typeof en;

export type VoteTexts = typeof en;

/** What vote says, in a language. */
export const VOTE_TEXTS = { en, fr } as const;
