/**
 * Bringing the openings ledger (refs/noclout/ledger) from the repository a clone came from.
 * `git clone` fetches branches and tags only, so a fresh clone of a commons has its decision
 * records and not the ledger that audit needs to replay them. The git command does the fetch:
 * isomorphic-git fetches over HTTP only, and a clone's remote is as often a path or SSH.
 *
 * Fast-forward only: the refspec has no `+`, so a ledger here that holds openings the remote
 * does not (a bot run whose push never happened) is never replaced; git refuses, and says so.
 */
import { spawn } from 'node:child_process';
import { LEDGER_REF } from './ledger.ts';
import type { Repository } from './repository.ts';

/**
 * What a fetch of the ledger did: fetched from a remote, or why not, in English (`why`) and as a
 * fault with what it names (src/bot/ledger-sync.ts words it in each language): `git` failed and
 * `said` is its own last line; `no-such-remote` (`asked`, among `remotes`); `several-remotes`
 * and none named origin; `no-remote`; `refused`, a fetch that would not fast-forward.
 */
export type LedgerFetch =
  | { fetched: true; remote: string; command: string; commit: string }
  | { fetched: false; remote?: string; command?: string; why: string; fault: LedgerFetchFault; said: string; asked: string; remotes: string[] };

export type LedgerFetchFault = 'git' | 'no-such-remote' | 'several-remotes' | 'no-remote' | 'refused';

type NotFetched = Extract<LedgerFetch, { fetched: false }>;

/** Why not, as LedgerFetch says it. */
function notFetched(fault: LedgerFetchFault, why: string, more: Partial<Pick<NotFetched, 'said' | 'asked' | 'remotes' | 'remote' | 'command'>> = {}): NotFetched {
  return { fetched: false, why, fault, said: '', asked: '', remotes: [], ...more };
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function runGit(repo: Repository, args: readonly string[]): Promise<Ran> {
  return new Promise((resolve) => {
    // No prompt can hang an audit: no terminal credential prompt, nothing on stdin.
    const child = spawn('git', [`--git-dir=${repo.gitdir}`, ...args], { env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code === 'ENOENT' ? 127 : 1, stdout, stderr: error.code === 'ENOENT' ? 'git is not installed' : error.message }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** `remote`, else origin, else the repository's only remote. */
async function pickRemote(repo: Repository, remote: string | undefined): Promise<{ name: string } | NotFetched> {
  const listed = await runGit(repo, ['remote']);
  if (listed.code !== 0) {
    const said = lastLine(listed.stderr) || `git remote failed (exit ${listed.code})`;
    return notFetched('git', said, { said });
  }
  const remotes = listed.stdout.split('\n').filter(Boolean);
  if (remote !== undefined) return remotes.includes(remote) ? { name: remote } : notFetched('no-such-remote', `no remote named "${remote}" (remotes: ${remotes.join(', ') || 'none'})`, { asked: remote, remotes });
  if (remotes.includes('origin')) return { name: 'origin' };
  if (remotes.length === 1) return { name: remotes[0]! };
  return remotes.length ? notFetched('several-remotes', `several remotes and none named origin (${remotes.join(', ')}): name one with --remote`, { remotes }) : notFetched('no-remote', 'this repository has no remote to fetch it from');
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.trim() ?? '';
}

/**
 * Fetch refs/noclout/ledger from `remote` (default origin, or the only remote) into this
 * repository, fast-forward only. Never throws for a failed fetch: the result says why.
 */
export async function fetchLedger(repo: Repository, remote?: string): Promise<LedgerFetch> {
  const picked = await pickRemote(repo, remote);
  if ('why' in picked) return picked;
  const command = `git fetch ${picked.name} ${LEDGER_REF}:${LEDGER_REF}`;
  // Not --quiet: git says "! [rejected] … (non-fast-forward)" only without it.
  const fetched = await runGit(repo, ['fetch', '--no-tags', '--no-write-fetch-head', picked.name, `${LEDGER_REF}:${LEDGER_REF}`]);
  if (fetched.code !== 0) {
    const said = lastLine(fetched.stderr).replace(/\s+/g, ' ') || `exit ${fetched.code}`;
    const refused = /\(non-fast-forward\)/.test(fetched.stderr);
    const why = refused ? `refused: the ledger here has openings ${picked.name}'s does not, and a fetch only moves it forward (git: ${said}); it is left as it is` : said;
    return notFetched(refused ? 'refused' : 'git', why, { remote: picked.name, command, said });
  }
  const tip = await runGit(repo, ['rev-parse', '--verify', '-q', LEDGER_REF]);
  return { fetched: true, remote: picked.name, command, commit: tip.stdout.trim() };
}
