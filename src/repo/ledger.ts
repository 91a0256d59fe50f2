/**
 * The openings ledger: when the bot first saw each change, which head, and the
 * commit whose policy and roster judge it (src/commons/opening.ts). It lives in
 * git, on its own ref (refs/noclout/ledger), one file per change
 * (openings/<change>.yml), so it is public and can be pushed and fetched like
 * any branch: `git fetch origin refs/noclout/ledger:refs/noclout/ledger`.
 * Every update is a new commit on top of the last, moved by compare-and-swap:
 * two bots updating at once retry instead of losing an entry, and an entry's
 * opening is never rewritten.
 */
import { stringify } from 'yaml';
import type { Opening } from '../commons/opening.ts';
import { parseYaml } from '../commons/yaml-document.ts';
import { writeBotCommit } from './commit.ts';
import { putFiles } from './merge.ts';
import { compareAndSwapRef, readRef, waitForLock } from './ref.ts';
import type { Repository } from './repository.ts';
import { entryAt, readText, readTreeLevel, treeOf } from './tree.ts';

export const LEDGER_REF = 'refs/noclout/ledger';

export function ledgerPath(change: string): string {
  return `openings/${change}.yml`;
}

/** The opening recorded for a change, at the ledger's tip (or at a given ledger commit). */
export async function readOpening(repo: Repository, change: string, at?: string): Promise<Opening | undefined> {
  const tip = at ?? (await readRef(repo, LEDGER_REF));
  if (!tip) return undefined;
  const text = await readText(repo, await treeOf(repo, tip), ledgerPath(change));
  return text === undefined ? undefined : parseOpening(text, change);
}

/** The changes the ledger has an opening for (names of openings/*.yml), at its tip. */
export async function listOpenings(repo: Repository): Promise<string[]> {
  const tip = await readRef(repo, LEDGER_REF);
  if (!tip) return [];
  const dir = await entryAt(repo, await treeOf(repo, tip), 'openings');
  if (!dir || dir.type !== 'tree') return [];
  return (await readTreeLevel(repo, dir.oid)).filter((f) => f.type === 'blob' && f.path.endsWith('.yml')).map((f) => f.path.slice(0, -'.yml'.length)).sort();
}

/** Parse a ledger file; a damaged entry is an error, not a fresh opening. */
export function parseOpening(text: string, change: string): Opening {
  const { data, problems } = parseYaml(text, { path: ledgerPath(change) });
  const o = data as Partial<Opening> | undefined;
  const isInstant = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
  const isOid = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{40}$/.test(v);
  // `ballots` came later: an entry without it still reads (its ballots are found from the commits themselves while they exist).
  const ballotsOk = o?.ballots === undefined || (typeof o.ballots === 'object' && o.ballots !== null && !Array.isArray(o.ballots) && Object.entries(o.ballots).every(([k, v]) => isOid(k) && typeof v === 'string'));
  if (problems.length || !o || o.change !== change || !isInstant(o.opened) || !isOid(o.firstHead) || !isOid(o.policyCommit) || !isOid(o.rosterCommit) || typeof o.seen !== 'object' || o.seen === null || !ballotsOk) {
    throw new Error(`${LEDGER_REF}:${ledgerPath(change)} is damaged; restore it from the ledger's history (git log ${LEDGER_REF})`);
  }
  const opening: Opening = { change, head: String(o.head ?? ''), opened: o.opened!, firstHead: o.firstHead!, policyCommit: o.policyCommit!, rosterCommit: o.rosterCommit!, seen: { ...o.seen } };
  if (o.ballots !== undefined) opening.ballots = { ...o.ballots };
  return opening;
}

export function renderOpening(opening: Opening): string {
  return stringify(
    { change: opening.change, head: opening.head, opened: opening.opened, firstHead: opening.firstHead, policyCommit: opening.policyCommit, rosterCommit: opening.rosterCommit, seen: opening.seen, ...(opening.ballots ? { ballots: opening.ballots } : {}) },
    { lineWidth: 0 },
  );
}

/**
 * Apply `update` to a change's entry and commit it to the ledger by
 * compare-and-swap, retrying on a concurrent update. `update` gets the entry
 * as it is at the tip and returns the entry to store (the same object when
 * nothing changes, which writes nothing). Returns the stored entry.
 */
export async function updateOpening(repo: Repository, change: string, now: Date, update: (current: Opening | undefined) => Opening): Promise<Opening> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const tip = await readRef(repo, LEDGER_REF);
    const current = await readOpening(repo, change, tip);
    const next = update(current);
    if (next === current) return next;
    const tree = await putFiles(repo, tip ? await treeOf(repo, tip) : undefined, [{ path: ledgerPath(change), text: renderOpening(next) }]);
    const message = current ? `ledger: ${change} seen again` : `ledger: ${change} opened at ${next.opened}`;
    const commit = await writeBotCommit(repo, { tree, parents: tip ? [tip] : [], message, now });
    const result = await waitForLock(() => compareAndSwapRef(repo, LEDGER_REF, tip, commit));
    if (result.ok) return next;
  }
  throw new Error(`could not update ${LEDGER_REF}: other runs kept moving it`);
}
