/** `noclout vote <change> yes|no|abstain`: cast a signed ballot on the change's branch and push it (docs/voting.md). */
import { resolve } from 'node:path';
import { writeBallot, readBallotText, writeSealedBallot, writeSealedPlaintext } from '../../ballots/ballot-file.ts';
import { seal } from '../../ballots/sealed.ts';
import { sealedVoteOf } from '../../commons/sealed-vote.ts';
import type { ChangeKind } from '../../commons/schema/decision.ts';
import { fetchLedger } from '../../repo/ledger-fetch.ts';
import { ballotCommits, CastError, pushBallot, writeBlob, type Ballot, type Place, type Pushed } from '../../ballots/cast.ts';
import { ballotEvidence, changeCommits } from '../../ballots/commit-ballots.ts';
import { fingerprint } from '../../ballots/signed.ts';
import { frozenGovernance } from '../../bot/frozen.ts';
import { changeOf, GitSource } from '../../bot/git-source.ts';
import { judgeReadable } from '../../bot/unreadable.ts';
import { formatProblem, type Problem } from '../../commons/problem.ts';
import { formatProblemIn } from '../../commons/texts/problems.ts';
import type { TextLanguage } from '../../commons/texts/index.ts';
import { CLI_TEXTS } from '../texts.ts';
import { parseSshPublicKey } from '../../commons/ssh-key.ts';
import type { Member } from '../../commons/schema/members.ts';
import { GitFailure, gitIn, gitOk, type Git } from '../../member/git-program.ts';
import { findSigningKey } from '../../member/signing-key.ts';
import { commitsBetween, hasCommit, isAncestor } from '../../repo/history.ts';
import { readOpening } from '../../repo/ledger.ts';
import { openRepository, type Repository } from '../../repo/repository.ts';
import { entryAt, treeOf } from '../../repo/tree.ts';
import { parseCommand, UsageError } from '../arguments.ts';
import type { Command, Io } from '../io.ts';
import { count } from '../../commons/plural.ts';
import { noclout } from '../../commons/suggested-command.ts';

const help = `Usage: noclout vote <change> yes|no|abstain [--reason TEXT] [--rule SLUG] [--sealed] [options]

Cast your ballot on a change: write governance/ballots/<change>/<handle>.yml,
commit it signed with your SSH key (gpg.format=ssh, as the bot verifies), on
the change's branch, and push it. Your checkout is never touched: the commit
is built aside and only the branch moves.

<change> is the slug of the post or proposal voted on (its file name without
.md); the branch that adds it is found among your branches and your remote's.
If someone voted at the same moment and the push is refused, the ballots are
joined by a merge that adds nothing of its own and the push is tried again:
nothing is rebased, so every ballot keeps its voter's signature. If the text
of the change moved meanwhile, nothing is pushed: read it and vote again.

Options:
  --reason TEXT    why (published in the decision record, dissent included)
  --rule SLUG      the rule a post breaks (a "no" with a rule is an objection)
  --sealed         seal the ballot until the close (time-locked to the beacon's
                   round at the close: nobody can read it before); automatic
                   when the policy frozen for the change seals its vote
  --handle HANDLE  whose ballot (default: the member whose key signs)
  --key KEY        the key to sign with: a key file, its .pub, or
                   key::ssh-ed25519 AAAA… (default: git config user.signingkey,
                   else your one member key in ssh-agent or ~/.ssh)
  --branch NAME    the change's branch, when several add that slug
  --remote NAME    where to push (default: origin, or the only remote)
  --no-push        commit only, and print the exact push command
  --base NAME      the branch changes are merged into (default: main)
  --repo DIR, --format text|json

Exit codes: 0 cast (or already cast), 1 refused (not a member, text changed,
push refused…), 2 usage error.`;

export const voteCommand: Command = {
  name: 'vote',
  summary: 'cast your signed ballot on a change and push it',
  help,
  async run(args, io) {
    const { common, values, positionals } = parseCommand(
      args,
      { reason: { type: 'string' }, rule: { type: 'string' }, sealed: { type: 'boolean', default: false }, handle: { type: 'string' }, key: { type: 'string' }, branch: { type: 'string' }, remote: { type: 'string' }, 'no-push': { type: 'boolean', default: false }, base: { type: 'string' } },
      io.cwd,
      io.env,
    );
    const [change, vote, ...extra] = positionals;
    if (!change || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(change)) throw new UsageError(`name the change by its slug (the file name of its post or proposal, without .md), like: ${noclout('vote cite-sources yes')}; received ${JSON.stringify(change ?? '')}`);
    if (vote !== 'yes' && vote !== 'no' && vote !== 'abstain') throw new UsageError(`say yes, no or abstain, received ${JSON.stringify(vote ?? '')}`);
    if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')} (quote the reason: --reason "…")`);
    const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
    const say = (result: VoteResult) => print(io, common.format, result, common.lang);
    try {
      const dir = resolve(io.cwd, common.repo);
      const cast = await castVote(io, dir, { change, vote, reason: str('reason'), rule: str('rule'), handle: str('handle'), key: str('key'), branch: str('branch'), remote: str('remote'), base: str('base') ?? 'main', push: values['no-push'] !== true, sealed: values.sealed === true, now: common.now, lang: common.lang });
      return say(cast.ok ? { ...cast, ...(await invalidNow(gitIn(dir, { ...process.env, ...io.env }), cast, str('base') ?? 'main', common.now)) } : cast);
    } catch (error) {
      if (error instanceof CastError) return say({ ok: false, code: error.code, message: error.message });
      if (error instanceof GitFailure) return say({ ok: false, code: error.code, message: error.message });
      throw error;
    }
  },
};

interface VoteRequest {
  change: string;
  vote: 'yes' | 'no' | 'abstain';
  reason: string | undefined;
  rule: string | undefined;
  handle: string | undefined;
  key: string | undefined;
  branch: string | undefined;
  remote: string | undefined;
  base: string;
  push: boolean;
  /** --sealed: refused when the vote is public; a sealed vote seals every ballot anyway. */
  sealed: boolean;
  now: Date;
  lang: TextLanguage;
}

type VoteResult =
  | { ok: false; code: string; message: string }
  | { ok: true; already?: true; change: string; vote: string; handle: string; key: string; branch: string; commit: string; ballot: string; remote?: string; pushed: boolean; joined?: number; rebuilt?: number; local: LocalBranch; next: string[]; problems?: Problem[]; sealed?: { round: number; closes: string } };

async function castVote(io: Io, dir: string, request: VoteRequest): Promise<VoteResult> {
  const env = { ...process.env, ...io.env };
  const git = gitIn(dir, env);
  const common = await git(['rev-parse', '--path-format=absolute', '--git-common-dir']);
  if (common.code !== 0) throw new UsageError(`${dir} is not in a git repository: run ${noclout('vote')} from your clone of the commons, or give --repo`);
  const place: Place = { git, gitdir: common.stdout.trim() };
  const remote = await pickRemote(git, request.remote);
  const refuse = (code: string, message: string): VoteResult => ({ ok: false, code, message });
  if (remote && request.push) {
    const fetched = await git(['fetch', '--quiet', remote]);
    if (fetched.code !== 0) return refuse('vote/fetch-failed', fetchFailure(remote, fetched.stderr));
  }
  const repo = openRepository(place.gitdir);
  const base = (await tipOf(git, remote ? `refs/remotes/${remote}/${request.base}` : undefined)) ?? (await tipOf(git, `refs/heads/${request.base}`));
  if (!base) return refuse('vote/no-base', `no branch "${request.base}" here${remote ? ` or on ${remote}` : ''}: give the branch changes are merged into with --base`);
  const found = await findBranch(git, repo, base, request, remote);
  if (!found.ok) return refuse('vote/unknown-change', found.message);
  const { branch, parent, kind } = found;

  // A sealed ballot is locked to the round at the close, which the ledger's opening fixes: bring it first.
  const fetchedLedger = remote && request.push ? await fetchLedger(repo, remote) : undefined;
  const opening = await readOpening(repo, request.change).catch(() => undefined);
  const frozen = await frozenGovernance(repo, opening && (await hasCommit(repo, opening.policyCommit)) ? opening.policyCommit : base);
  if (!frozen.members) return refuse('vote/no-roster', `governance/members.yml at ${base.slice(0, 10)} cannot be read: run ${noclout('check')}`);
  if (request.rule !== undefined && !frozen.rules.has(request.rule)) return refuse('vote/unknown-rule', `--rule ${request.rule}: no rule governance/rules/${request.rule}.md; rules: ${[...frozen.rules].sort().join(', ') || 'none'}`);
  const key = await findSigningKey(git, frozen.members, { ...(request.key !== undefined ? { key: request.key } : {}), ...(request.handle !== undefined ? { handle: request.handle } : {}), env, cwd: io.cwd, repo: dir, flags: { key: '--key', handle: '--handle' } });
  if (!key.ok) return refuse('vote/no-key', key.message);
  const handle = key.key.handle;
  const path = `governance/ballots/${request.change}/${handle}.yml`;
  const words = { ...(request.rule !== undefined ? { rule: request.rule } : {}), ...(request.reason !== undefined ? { reason: request.reason } : {}) };
  const t = CLI_TEXTS[request.lang];
  const sealedOpened = opening && frozen.policy ? sealedVoteOf(kind, frozen.policy, opening.opened) : undefined;
  // Before the opening, main's policy says whether the vote will be sealed (the opening freezes it).
  const sealedAhead = !opening && frozen.policy ? sealedVoteOf(kind, frozen.policy, request.now.toISOString()) : undefined;
  if (sealedAhead) return refuse('vote/sealed-not-opened', t.sealedNotOpened(request.change, fetchedLedger && !fetchedLedger.fetched ? ` (${fetchedLedger.why})` : ''));
  if (request.sealed && !sealedOpened) return refuse('vote/sealed-public-vote', t.sealedPublicVote(request.change));
  if (sealedOpened && request.now.getTime() >= Date.parse(sealedOpened.closes)) return refuse('vote/sealed-closed', t.sealedClosed(request.change, sealedOpened.closes));
  const text = sealedOpened
    ? writeSealedBallot(await seal(writeSealedPlaintext({ voter: handle, change: request.change, vote: request.vote, ...words }), sealedOpened.round, sealedOpened.beacon))
    : writeBallot({ vote: request.vote, ...words });
  const read = readBallotText(text, path);
  if (!read.ok) return refuse('vote/invalid-ballot', `the ballot would not read:\n${read.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  const ballot: Ballot = { change: request.change, path, text, key: key.key, roster: frozen.members };
  const described = { change: request.change, vote: request.vote, handle, key: keyName(key.key.publicLine), branch, ...(sealedOpened ? { sealed: { round: sealedOpened.round, closes: sealedOpened.closes } } : {}) };
  // The commit message of a sealed ballot says nothing of the vote.
  const said = sealedOpened ? 'sealed' : request.vote;

  const blob = await writeBlob(place, text);
  if (await alreadyCounts(repo, base, parent, ballot, blob, frozen.members)) {
    return { ok: true, already: true, ...described, commit: parent, ballot: parent, pushed: false, ...(remote ? { remote } : {}), local: 'untouched', next: [] };
  }
  const first = await ballotCommits(place, ballot, parent, blob, said);
  if (remote && request.push) {
    const pushed: Pushed = await pushBallot(place, ballot, { name: remote, branch }, parent, first, blob, said);
    const local = await catchUpLocal(git, repo, branch, pushed.commit);
    const next = local === 'checked-out' ? [`git pull --ff-only ${remote} ${branch}   # your checkout of ${branch} is behind the ballots`] : [];
    return { ok: true, ...described, commit: pushed.commit, ballot: pushed.ballot, remote, pushed: true, joined: pushed.joined, rebuilt: pushed.rebuilt, local, next };
  }
  const local = await catchUpLocal(git, repo, branch, first);
  const target = local === 'updated' || local === 'created' ? branch : first;
  const next = remote
    ? [`git push ${remote} ${target === branch ? branch : `${first}:refs/heads/${branch}`}`, `# refused because someone voted meanwhile? run the same ${noclout('vote')} without --no-push (it joins the ballots by a merge); or git switch ${branch} && git pull --no-rebase ${remote} ${branch} && git push ${remote} ${branch} (never --rebase: a rebase rewrites others' ballots)`]
    : [`git push <remote> ${target === branch ? branch : `${first}:refs/heads/${branch}`}   # this clone has no remote: push where the commons' bot reads changes`];
  if (local === 'checked-out') next.push(`git merge --ff-only ${first}   # to see the ballot in your checkout of ${branch}`);
  return { ok: true, ...described, commit: first, ballot: first, ...(remote ? { remote } : {}), pushed: false, local, next };
}

/**
 * Why `git fetch` failed, in git's own words, and what to do. A clone of another repository (this
 * one, before `init`) keeps that repository's remote-tracking branches when origin is pointed
 * elsewhere: its `origin/member` then blocks the new `origin/member/bruno`, and git says
 * "cannot lock ref … exists". Pruning the stale names is the fix.
 */
export function fetchFailure(remote: string, stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const lock = lines.find((l) => /cannot lock ref .*exists/.test(l));
  if (lock) return `git fetch ${remote} failed: ${lock.replace(/^error:\s*/, '')}. A branch left from the repository this clone was made from is in the way: run git fetch --prune ${remote}, then vote again`;
  // git's first error line says what failed; the lines after it are advice ("…and the repository exists.").
  const said = lines.find((l) => /^(?:fatal|error):/.test(l)) ?? lines.at(-1) ?? 'git said nothing';
  return `git fetch ${remote} failed, so the change cannot be seen as it is now: ${said} (vote offline with --no-push)`;
}

/**
 * The problems the bot would find on the change as it now stands, judged as `noclout review` judges
 * it but without recording anything (no opening, no ledger): a member who votes on a change the
 * bot will refuse (a moderation that does not remove its post, say) learns that its text must
 * change first, and that a ballot cast now will then be stale. Empty when it is not invalid.
 */
async function invalidNow(git: Git, cast: { branch: string; commit: string; remote?: string }, baseBranch: string, now: Date): Promise<{ problems?: Problem[] }> {
  try {
    const repo = openRepository(await gitOk(git, ['rev-parse', '--path-format=absolute', '--git-common-dir']));
    const base = (await tipOf(git, cast.remote ? `refs/remotes/${cast.remote}/${baseBranch}` : undefined)) ?? (await tipOf(git, `refs/heads/${baseBranch}`));
    if (!base) return {};
    const { judgement } = await judgeReadable({ repo, source: new GitSource(repo, baseBranch, now), now, record: false }, { head: cast.branch, commit: cast.commit }, base);
    return judgement.decision === 'invalid' && judgement.problems.length ? { problems: judgement.problems } : {};
  } catch {
    // A warning that cannot be computed is no reason to report the ballot as not cast.
    return {};
  }
}

/** --remote, else origin, else the only remote; undefined when the clone has none. */
async function pickRemote(git: Git, wanted: string | undefined): Promise<string | undefined> {
  const remotes = (await gitOk(git, ['remote'])).split('\n').filter(Boolean);
  if (wanted !== undefined) {
    if (!remotes.includes(wanted)) throw new UsageError(`--remote ${wanted}: no such remote; remotes: ${remotes.join(', ') || 'none'}`);
    return wanted;
  }
  return remotes.includes('origin') ? 'origin' : remotes.length === 1 ? remotes[0] : undefined;
}

async function tipOf(git: Git, ref: string | undefined): Promise<string | undefined> {
  if (!ref) return undefined;
  const out = await git(['rev-parse', '--verify', '-q', `${ref}^{commit}`]);
  return out.code === 0 ? out.stdout.trim() : undefined;
}

/**
 * The branch that adds the change, among local branches and the remote's
 * (the remote's tip is the one voted on: it is where the ballot is pushed).
 */
async function findBranch(git: Git, repo: Repository, base: string, request: VoteRequest, remote: string | undefined): Promise<{ ok: true; branch: string; parent: string; kind: ChangeKind } | { ok: false; message: string }> {
  const prefixes = ['refs/heads/', ...(remote ? [`refs/remotes/${remote}/`] : [])];
  const refs = (await gitOk(git, ['for-each-ref', '--format=%(refname)', ...prefixes])).split('\n').filter(Boolean);
  const names = request.branch !== undefined ? [request.branch] : [...new Set(refs.map((r) => r.slice(prefixes.find((p) => r.startsWith(p))!.length)))].filter((n) => n !== request.base && n !== 'HEAD' && !n.endsWith('.lock'));
  const matches: { branch: string; parent: string; kind: ChangeKind }[] = [];
  for (const name of names.sort()) {
    const remoteTip = remote ? await tipOf(git, `refs/remotes/${remote}/${name}`) : undefined;
    const localTip = await tipOf(git, `refs/heads/${name}`);
    // Pushing: the remote's tip. Offline: the local branch when it has all the remote's tip has.
    const parent = request.push || !localTip || !remoteTip || !(await isAncestor(repo, remoteTip, localTip).catch(() => false)) ? (remoteTip ?? localTip) : localTip;
    if (!parent) continue;
    const change = await changeOf(repo, base, parent).catch(() => undefined);
    const id = change?.id;
    if (id === request.change) matches.push({ branch: name, parent, kind: change!.kind });
    else if (request.branch !== undefined) return { ok: false, message: `the branch ${name} ${id ? `proposes "${id}", not "${request.change}"` : 'adds no post or proposal'}${parent ? ` (at ${parent.slice(0, 10)})` : ''}` };
  }
  if (request.branch !== undefined && matches.length === 0) return { ok: false, message: `no branch ${request.branch} here${remote ? ` or on ${remote}` : ''}` };
  if (matches.length === 1) return { ok: true, ...matches[0]! };
  if (matches.length > 1) return { ok: false, message: `several branches add "${request.change}": ${matches.map((m) => m.branch).join(', ')}; say which with --branch` };
  return { ok: false, message: `no branch adds a post or proposal named "${request.change}" (looked at ${count(names.length, { one: 'branch', other: 'branches' })}${remote ? `, ${remote}'s included, after a fetch` : ''}); the change is the slug of its file, like cite-sources for content/proposals/cite-sources.md` };
}

/**
 * True when the member's latest ballot on the branch already says exactly
 * this and counts (not stale, signed by them): casting it again adds nothing.
 */
async function alreadyCounts(repo: Repository, base: string, parent: string, ballot: Ballot, blob: string, roster: readonly Member[]): Promise<boolean> {
  const present = await entryAt(repo, await treeOf(repo, parent), ballot.path);
  if (present?.oid !== blob) return false;
  const evidence = await ballotEvidence(repo, await changeCommits(repo, await commitsBetween(repo, base, parent)), ballot.change, roster, {}, new Date());
  const mine = evidence.filter((e) => e.voter === ballot.key.handle).at(-1);
  return mine !== undefined && mine.invalid === undefined && mine.vote !== 'malformed';
}

type LocalBranch = 'created' | 'updated' | 'checked-out' | 'diverged' | 'untouched';

/**
 * Bring the member's own branch of that name to `commit` when that moves it
 * forward only and it is not checked out anywhere: a checked-out branch is
 * left alone (moving it would leave that checkout stale), and so is one
 * with commits of its own.
 */
async function catchUpLocal(git: Git, repo: Repository, branch: string, commit: string): Promise<LocalBranch> {
  const ref = `refs/heads/${branch}`;
  const local = await tipOf(git, ref);
  const worktrees = (await gitOk(git, ['worktree', 'list', '--porcelain'])).split('\n');
  if (worktrees.includes(`branch ${ref}`)) return 'checked-out';
  if (local === undefined) return (await git(['update-ref', ref, commit, ''])).code === 0 ? 'created' : 'untouched';
  if (local === commit) return 'updated';
  if (!(await isAncestor(repo, local, commit).catch(() => false))) return 'diverged';
  return (await git(['update-ref', ref, commit, local])).code === 0 ? 'updated' : 'untouched';
}

function keyName(line: string): string {
  const parsed = parseSshPublicKey(line);
  return parsed.ok ? fingerprint(parsed.key.blob) : 'unknown key';
}

function print(io: Io, format: 'text' | 'json', result: VoteResult, lang: TextLanguage): number {
  if (format === 'json') {
    io.stdout(JSON.stringify(result.ok ? result : { ok: false, error: { kind: 'refused', rule: result.code, message: result.message } }, null, 2));
    if (!result.ok) io.stderr(`noclout vote: ${result.message} [${result.code}]`);
    return result.ok ? 0 : 1;
  }
  if (!result.ok) {
    io.stderr(`noclout vote: ${result.message} [${result.code}]`);
    return 1;
  }
  const lines: string[] = [];
  const short = (oid: string) => oid.slice(0, 10);
  const t = CLI_TEXTS[lang];
  if (result.already) lines.push(t.voteAlready(result));
  else {
    lines.push(t.voted({ ...result, ballot: short(result.ballot) }));
    if (result.sealed) lines.push(t.votedSealed(result.sealed.round, result.sealed.closes));
    if (result.pushed) lines.push(result.joined ? t.pushedJoined(String(result.remote), short(result.commit)) : result.rebuilt ? t.pushedRebuilt(String(result.remote)) : t.pushed(String(result.remote)));
    else lines.push(t.notPushed());
  }
  lines.push(...result.next.map((n) => `  ${n}`));
  if (result.problems?.length) {
    lines.push(t.voteCareful(result.change));
    lines.push(...result.problems.map((p) => `  ${formatProblemIn(p, lang)}`));
  }
  io.stdout(lines.join('\n'));
  return 0;
}
