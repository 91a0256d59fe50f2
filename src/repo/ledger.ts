/**
 * The openings ledger: when the bot first saw each change, which head, and the
 * commit whose policy and roster judge it (src/commons/opening.ts). It lives in
 * git, on its own ref (refs/noclout/ledger), one file per change
 * (openings/<change>.yml), so it is public and can be pushed and fetched like
 * any branch: `git fetch origin refs/noclout/ledger:refs/noclout/ledger`.
 * Every update is a new commit on top of the last, moved by compare-and-swap:
 * two bots updating at once retry instead of losing an entry, and an entry's
 * opening is never rewritten, except an entry that does not stand (written
 * for a change that was invalid, or naming a commit that was never published:
 * src/bot/judge.ts), which the change's first valid look replaces; the
 * ledger's history keeps the old one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { KeptSealed, Opening } from '../commons/opening.ts';
import { parseYaml } from '../commons/yaml-document.ts';
import { writeBotCommit } from './commit.ts';
import { putFiles } from './merge.ts';
import { compareAndSwapRef, readRef, waitForLock } from './ref.ts';
import { hasCommit } from './history.ts';
import { git, type Repository } from './repository.ts';
import { entryAt, readBlobBytes, readText, readTreeLevel, treeOf } from './tree.ts';

export const LEDGER_REF = 'refs/noclout/ledger';

export function ledgerPath(change: string): string {
  return `openings/${change}.yml`;
}

/** The opening recorded for a change, at the ledger's tip (or at a given ledger commit). */
export async function readOpening(repo: Repository, change: string, at?: string): Promise<Opening | undefined> {
  const tip = at ?? (await readRef(repo, LEDGER_REF));
  if (!tip) return undefined;
  const entry = await entryAt(repo, await treeOf(repo, tip), ledgerPath(change));
  if (entry?.type !== 'blob') return undefined;
  // Parsed once per file (audit and a merge queue read the same entries again and again); each caller gets its own copy.
  let memo = openings.get(repo.cache);
  if (!memo) openings.set(repo.cache, (memo = new Map()));
  const key = `${entry.oid} ${change}`;
  let parsed = memo.get(key);
  if (!parsed) {
    parsed = parseOpening(new TextDecoder().decode(await readBlobBytes(repo, entry.oid, ledgerPath(change))), change);
    memo.set(key, parsed);
    // The entries read last are kept: memory does not grow with the ledger.
    if (memo.size > OPENINGS_KEPT) memo.delete(memo.keys().next().value!);
  }
  return { ...parsed, seen: { ...parsed.seen }, ...(parsed.ballots ? { ballots: { ...parsed.ballots } } : {}) };
}

const openings = new WeakMap<object, Map<string, Opening>>();
const OPENINGS_KEPT = 16_384;

/** The changes the ledger has an opening for (names of openings/*.yml), at its tip. */
export async function listOpenings(repo: Repository): Promise<string[]> {
  const tip = await readRef(repo, LEDGER_REF);
  if (!tip) return [];
  const dir = await entryAt(repo, await treeOf(repo, tip), 'openings');
  if (!dir || dir.type !== 'tree') return [];
  return (await readTreeLevel(repo, dir.oid)).filter((f) => f.type === 'blob' && f.path.endsWith('.yml')).map((f) => f.path.slice(0, -'.yml'.length)).sort();
}

/**
 * The commit an entry freezes (policy or roster) that this repository lacks,
 * when it is a full clone: such a commit was never published (an older bot
 * pushed the ledger, then failed to push the main that held it), and no fetch
 * will bring it. Undefined when both are here, or in a shallow clone, which
 * may merely stop short of them (reading them then says how to fetch them).
 */
export async function unpublishedFrozenCommit(repo: Repository, opening: Opening): Promise<string | undefined> {
  for (const oid of new Set([opening.policyCommit, opening.rosterCommit])) {
    if (!(await hasCommit(repo, oid))) return existsSync(join(repo.gitdir, 'shallow')) ? undefined : oid;
  }
  return undefined;
}

/** Parse a ledger file; a damaged entry is an error, not a fresh opening. */
export function parseOpening(text: string, change: string): Opening {
  const { data, problems } = parseYaml(text, { path: ledgerPath(change) });
  const o = data as Partial<Opening> | undefined;
  const isInstant = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
  const isOid = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{40}$/.test(v);
  // `ballots` came later: an entry without it still reads (its ballots are found from the commits themselves while they exist).
  const validOk = o?.valid === undefined || o.valid === true;
  const sealedOk = o?.sealed === undefined || (typeof o.sealed === 'object' && o.sealed !== null && !Array.isArray(o.sealed) && Object.entries(o.sealed).every(([k, v]) => SEALED_KEY.test(k) && keptSealedOk(v)));
  const ballotsOk = o?.ballots === undefined || (typeof o.ballots === 'object' && o.ballots !== null && !Array.isArray(o.ballots) && Object.entries(o.ballots).every(([k, v]) => isOid(k) && typeof v === 'string'));
  if (problems.length || !o || o.change !== change || !isInstant(o.opened) || !isOid(o.firstHead) || !isOid(o.policyCommit) || !isOid(o.rosterCommit) || typeof o.seen !== 'object' || o.seen === null || !ballotsOk || !sealedOk || !validOk) {
    throw new Error(`${LEDGER_REF}:${ledgerPath(change)} is damaged; restore it from the ledger's history (git log ${LEDGER_REF})`);
  }
  const opening: Opening = { change, head: String(o.head ?? ''), opened: o.opened!, firstHead: o.firstHead!, policyCommit: o.policyCommit!, rosterCommit: o.rosterCommit!, seen: { ...o.seen } };
  if (o.ballots !== undefined) opening.ballots = { ...o.ballots };
  if (o.valid === true) opening.valid = true;
  if (o.sealed !== undefined) opening.sealed = Object.fromEntries(Object.entries(o.sealed).map(([k, v]) => [k, { voter: v.voter, blob: v.blob, cast: v.cast, ...(v.versions !== undefined ? { versions: v.versions } : {}) }]));
  return opening;
}

/** A kept sealed ballot's key: a commit id, or a forge's id and version, usable as a file name in the ledger's tree. */
export const SEALED_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;

function keptSealedOk(v: unknown): boolean {
  const k = v as Partial<KeptSealed> | null;
  const versions = k?.versions === undefined || (Number.isSafeInteger(k.versions) && k.versions >= 1);
  return typeof k === 'object' && k !== null && typeof k.voter === 'string' && typeof k.blob === 'string' && /^[0-9a-f]{40}$/.test(k.blob) && typeof k.cast === 'string' && !Number.isNaN(Date.parse(k.cast)) && versions;
}

/** Where the ledger's tree keeps a sealed ballot's bytes, so that fetching the ledger brings them. */
export function sealedPath(change: string, key: string): string {
  return `sealed/${change}/${key}`;
}

/** Store a sealed ballot's text as a blob (a forge's comment has none in git): its id, for the ledger to keep. */
export function writeSealedBlob(repo: Repository, text: string): Promise<string> {
  return git.writeBlob({ fs: repo.fs, gitdir: repo.gitdir, blob: new TextEncoder().encode(text) });
}

/** A kept sealed ballot's bytes, as text; undefined when the blob is not in this repository. */
export async function readSealedBlob(repo: Repository, blob: string): Promise<string | undefined> {
  try {
    const { blob: bytes } = await git.readBlob({ fs: repo.fs, gitdir: repo.gitdir, oid: blob });
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function renderOpening(opening: Opening): string {
  return stringify(
    { change: opening.change, head: opening.head, opened: opening.opened, firstHead: opening.firstHead, policyCommit: opening.policyCommit, rosterCommit: opening.rosterCommit, ...(opening.valid ? { valid: true } : {}), seen: opening.seen, ...(opening.ballots ? { ballots: opening.ballots } : {}), ...(opening.sealed ? { sealed: opening.sealed } : {}) },
    { lineWidth: 0 },
  );
}

/**
 * Apply `update` to a change's entry and commit it to the ledger by
 * compare-and-swap, retrying on a concurrent update. `update` gets the entry
 * as it is at the tip and returns the entry to store (the same object, or
 * undefined, when nothing is to be written). Returns the stored entry.
 */
export async function updateOpening(repo: Repository, change: string, now: Date, update: (current: Opening | undefined) => Opening): Promise<Opening>;
export async function updateOpening(repo: Repository, change: string, now: Date, update: (current: Opening | undefined) => Opening | undefined): Promise<Opening | undefined>;
export async function updateOpening(repo: Repository, change: string, now: Date, update: (current: Opening | undefined) => Opening | undefined): Promise<Opening | undefined> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const tip = await readRef(repo, LEDGER_REF);
    const current = await readOpening(repo, change, tip);
    const next = update(current);
    if (next === undefined || next === current) return current;
    // A sealed ballot's bytes stay reachable from the ledger (sealed/<change>/<key>), beside its entry; a version replaced by its voter's later one leaves the tree (its history keeps it).
    const keep = Object.entries(next.sealed ?? {}).filter(([key]) => !(key in (current?.sealed ?? {}))).map(([key, kept]) => ({ path: sealedPath(change, key), oid: kept.blob }));
    const dropped = Object.keys(current?.sealed ?? {}).filter((key) => !(key in (next.sealed ?? {}))).map((key) => ({ path: sealedPath(change, key), oid: null }));
    const tree = await putFiles(repo, tip ? await treeOf(repo, tip) : undefined, [{ path: ledgerPath(change), text: renderOpening(next) }], [...keep, ...dropped]);
    const message = !current ? `ledger: ${change} opened at ${next.opened}` : current.opened !== next.opened || current.firstHead !== next.firstHead ? `ledger: ${change} opened again at ${next.opened}, replacing an entry that does not stand (first head ${current.firstHead.slice(0, 10)})` : `ledger: ${change} seen again`;
    const commit = await writeBotCommit(repo, { tree, parents: tip ? [tip] : [], message, now });
    const result = await waitForLock(() => compareAndSwapRef(repo, LEDGER_REF, tip, commit));
    if (result.ok) return next;
  }
  throw new Error(`could not update ${LEDGER_REF}: other runs kept moving it`);
}
