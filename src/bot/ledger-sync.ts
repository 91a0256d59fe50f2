/**
 * Bringing the openings ledger into a clone that has the records but not their openings.
 * `git clone` fetches branches and tags, never refs/noclout/ledger: a fresh clone holds every
 * decision record on main and no opening to replay them against, and a review there would open
 * changes afresh, at the wrong time, in a ledger of its own that can never join the remote's.
 * So audit, review and merge fetch it first, when the records on the base name changes the
 * ledger here has no opening for. A commons without records never fetches: one that replaced
 * the demo (`noclout init` deletes the demo's ledger) does not get the demo's openings back.
 */
import { count } from '../commons/plural.ts';
import { listOpenings } from '../repo/ledger.ts';
import type { LedgerFetch, LedgerFetchFault } from '../repo/ledger-fetch.ts';
import type { TextLanguage } from '../commons/texts/index.ts';
import { MissingObjectError } from '../repo/missing.ts';
import { resolveCommit, type Repository } from '../repo/repository.ts';
import { treeOf } from '../repo/tree.ts';
import { listRecords, type RecordFile } from './records.ts';

/** What bringing the ledger did: how many records lacked their opening, and the fetch's result. */
export type LedgerBrought = LedgerFetch & { lacking: number };

/** How many records name a change the ledger here has no opening for (all of them without a ledger, or one that cannot be read). */
export async function recordsWithoutOpening(repo: Repository, files: readonly RecordFile[]): Promise<number> {
  if (files.length === 0) return 0;
  const opened = new Set(
    await listOpenings(repo).catch((error: unknown) => {
      if (error instanceof MissingObjectError) return [];
      throw error;
    }),
  );
  return files.filter((f) => !opened.has(f.change)).length;
}

/** Fetch the ledger once when records on `files` lack their openings; undefined when none does. */
export async function bringLedger(repo: Repository, files: readonly RecordFile[], fetch: () => Promise<LedgerFetch>): Promise<LedgerBrought | undefined> {
  const lacking = await recordsWithoutOpening(repo, files);
  return lacking ? { ...(await fetch()), lacking } : undefined;
}

/** The same for the records on a branch (review and merge, before judging anything). */
export async function bringLedgerFor(repo: Repository, baseBranch: string, fetch: () => Promise<LedgerFetch>): Promise<LedgerBrought | undefined> {
  const main = await resolveCommit(repo, `refs/heads/${baseBranch}`);
  return bringLedger(repo, await listRecords(repo, await treeOf(repo, main)), fetch);
}

const NB = '\u202f';
const q = (s: string) => `«${NB}${s}${NB}»`;

/** Why the ledger was not fetched, per language; git's own words (`said`) stay as git wrote them. */
const WHY: Record<TextLanguage, Record<LedgerFetchFault, (l: NotFetched) => string>> = {
  en: {
    git: (l) => l.said,
    'no-such-remote': (l) => `no remote named "${l.asked}" (remotes: ${l.remotes.join(', ') || 'none'})`,
    'several-remotes': (l) => `several remotes and none named origin (${l.remotes.join(', ')}): name one with --remote`,
    'no-remote': () => 'this repository has no remote to fetch it from',
    refused: (l) => `refused: the ledger here has openings ${l.remote}'s does not, and a fetch only moves it forward (git: ${l.said}); it is left as it is`,
  },
  fr: {
    git: (l) => `git${NB}: ${l.said}`,
    'no-such-remote': (l) => `aucun dépôt distant ne s’appelle ${q(l.asked)} (dépôts distants${NB}: ${l.remotes.join(', ') || 'aucun'})`,
    'several-remotes': (l) => `plusieurs dépôts distants, et aucun ne s’appelle origin (${l.remotes.join(', ')})${NB}: nommez-en un avec --remote`,
    'no-remote': () => 'ce dépôt n’a aucun dépôt distant d’où le récupérer',
    refused: (l) => `refusé${NB}: le registre d’ici a des ouvertures que celui de ${l.remote} n’a pas, et une récupération ne fait que l’avancer (git${NB}: ${l.said})${NB}; il est laissé tel quel`,
  },
};

type NotFetched = Extract<LedgerFetch, { fetched: false }>;

/** Why the ledger was not fetched, in a language; a result without a fault (an older caller) keeps its English. */
export function ledgerWhy(ledger: NotFetched, lang: TextLanguage): string {
  return Object.hasOwn(WHY[lang], ledger.fault ?? '') ? WHY[lang][ledger.fault](ledger) : ledger.why;
}

/** One line on what was done: fetched (and from where), or why not, in a language. */
export function explainLedgerBrought(command: string, ledger: LedgerBrought, lang: TextLanguage = 'en'): string {
  if (lang === 'fr') {
    const lacking = `le registre d’ici (refs/noclout/ledger) n’avait pas l’ouverture de ${count(ledger.lacking, { one: 'décision', other: 'décisions' }, 'fr')} (git clone n’apporte pas de registre, et git fetch ne l’apporte que sur demande)`;
    if (ledger.fetched) return `${command}${NB}: ${lacking}${NB}; il a été récupéré depuis ${ledger.remote}${NB}: ${ledger.command} (maintenant au commit ${ledger.commit.slice(0, 12)})`;
    return `${command}${NB}: ${lacking}, et il n’a pas été récupéré${ledger.remote ? ` depuis ${ledger.remote}` : ''}${NB}: ${ledgerWhy(ledger, 'fr')}`;
  }
  const lacking = `the ledger here (refs/noclout/ledger) had no opening for ${count(ledger.lacking, 'record')} (git clone brings no ledger, and git fetch brings it only when asked)`;
  if (ledger.fetched) return `${command}: ${lacking}; fetched it from ${ledger.remote}: ${ledger.command} (now at ${ledger.commit.slice(0, 12)})`;
  return `${command}: ${lacking}, and it was not fetched${ledger.remote ? ` from ${ledger.remote}` : ''}: ${ledgerWhy(ledger, 'en')}`;
}
