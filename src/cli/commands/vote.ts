/** `noclout vote <change> yes|no|abstain`: cast a signed ballot on the change's branch and push it (docs/voting.md). */
import { resolve } from 'node:path';
import { writeBallot, readBallotText, sealedPlaintextFits, writeSealedBallot, writeSealedPlaintext } from '../../ballots/ballot-file.ts';
import { SEALED_PLAINTEXT_BYTES } from '../../commons/sealed-text.ts';
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
import type { Problem } from '../../commons/problem.ts';
import { formatProblemIn } from '../../commons/texts/problems.ts';
import type { TextLanguage } from '../../commons/texts/index.ts';
import { CLI_TEXTS } from '../texts.ts';
import { VOTE_TEXTS, type VoteTexts } from '../vote-texts.ts';

import { parseSshPublicKey } from '../../commons/ssh-key.ts';
import type { Member } from '../../commons/schema/members.ts';
import { GitFailure, gitIn, gitOk, type Git } from '../../member/git-program.ts';
import { findSigningKey } from '../../member/signing-key.ts';
import { commitsBetween, hasCommit, isAncestor } from '../../repo/history.ts';
import { readOpening } from '../../repo/ledger.ts';
import { openRepository, type Repository } from '../../repo/repository.ts';
import { entryAt, treeOf } from '../../repo/tree.ts';
import { parseCommand } from '../arguments.ts';
import { usage } from '../usage-error.ts';
import type { Command, Io } from '../io.ts';

/** A sentence of vote's, said in the language of the texts given. */
type Said = (t: VoteTexts) => string;

export const voteCommand: Command = {
  name: 'vote',
  async run(args, io) {
    const { common, values, positionals } = parseCommand(
      args,
      { reason: { type: 'string' }, rule: { type: 'string' }, sealed: { type: 'boolean', default: false }, handle: { type: 'string' }, key: { type: 'string' }, branch: { type: 'string' }, remote: { type: 'string' }, 'no-push': { type: 'boolean', default: false }, base: { type: 'string' } },
      io.cwd,
      io.env,
    );
    const [change, vote, ...extra] = positionals;
    if (!change || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(change)) throw usage('changeSlug', JSON.stringify(change ?? ''));
    if (vote !== 'yes' && vote !== 'no' && vote !== 'abstain') throw usage('voteValue', JSON.stringify(vote ?? ''));
    if (extra.length) throw usage('quoteReason', extra.join(' '));
    const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
    const say = (result: VoteResult) => print(io, common.format, result, common.lang);
    try {
      const dir = resolve(io.cwd, common.repo);
      const cast = await castVote(io, dir, { change, vote, reason: str('reason'), rule: str('rule'), handle: str('handle'), key: str('key'), branch: str('branch'), remote: str('remote'), base: str('base') ?? 'main', push: values['no-push'] !== true, sealed: values.sealed === true, now: common.now, lang: common.lang });
      return say(cast.ok ? { ...cast, ...(await invalidNow(gitIn(dir, { ...process.env, ...io.env }), cast, str('base') ?? 'main', common.now)) } : cast);
    } catch (error) {
      if (error instanceof CastError) return say({ ok: false, code: error.code, message: error.message, fr: error.message });
      if (error instanceof GitFailure) return say({ ok: false, code: error.code, message: error.message, fr: error.message });
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
  | { ok: false; code: string; message: string; /** The same in French (the JSON holds the English). */ fr: string }
  | { ok: true; already?: true; change: string; vote: string; handle: string; key: string; branch: string; commit: string; ballot: string; remote?: string; pushed: boolean; joined?: number; rebuilt?: number; local: LocalBranch; next: string[]; /** `next` with French comments (the JSON holds the English). */ nextFr: string[]; problems?: Problem[]; sealed?: { round: number; closes: string } };

async function castVote(io: Io, dir: string, request: VoteRequest): Promise<VoteResult> {
  const env = { ...process.env, ...io.env };
  const git = gitIn(dir, env);
  const common = await git(['rev-parse', '--path-format=absolute', '--git-common-dir']);
  if (common.code !== 0) throw usage('voteOutsideGit', dir);
  const place: Place = { git, gitdir: common.stdout.trim() };
  const remote = await pickRemote(git, request.remote);
  const refuse = (code: string, say: Said): VoteResult => ({ ok: false, code, message: say(VOTE_TEXTS.en), fr: say(VOTE_TEXTS.fr) });
  if (remote && request.push) {
    const fetched = await git(['fetch', '--quiet', remote]);
    if (fetched.code !== 0) return refuse('vote/fetch-failed', fetchFailure(remote, fetched.stderr));
  }
  const repo = openRepository(place.gitdir);
  const base = (await tipOf(git, remote ? `refs/remotes/${remote}/${request.base}` : undefined)) ?? (await tipOf(git, `refs/heads/${request.base}`));
  if (!base) return refuse('vote/no-base', (t) => t.noBase(request.base, remote));
  const found = await findBranch(git, repo, base, request, remote);
  if (!found.ok) return refuse('vote/unknown-change', found.message);
  const { branch, parent, kind } = found;

  // A sealed ballot is locked to the round at the close, which the ledger's opening fixes: bring it first.
  const fetchedLedger = remote && request.push ? await fetchLedger(repo, remote) : undefined;
  const opening = await readOpening(repo, request.change).catch(() => undefined);
  const frozen = await frozenGovernance(repo, opening && (await hasCommit(repo, opening.policyCommit)) ? opening.policyCommit : base);
  if (!frozen.members) return refuse('vote/no-roster', (t) => t.noRoster(base.slice(0, 10)));
  if (request.rule !== undefined && !frozen.rules.has(request.rule)) return refuse('vote/unknown-rule', (t) => t.unknownRule(request.rule!, [...frozen.rules].sort().join(', ')));
  const key = await findSigningKey(git, frozen.members, { ...(request.key !== undefined ? { key: request.key } : {}), ...(request.handle !== undefined ? { handle: request.handle } : {}), env, cwd: io.cwd, repo: dir, flags: { key: '--key', handle: '--handle' } });
  if (!key.ok) return refuse('vote/no-key', () => key.message);
  const handle = key.key.handle;
  const path = `governance/ballots/${request.change}/${handle}.yml`;
  const words = { ...(request.rule !== undefined ? { rule: request.rule } : {}), ...(request.reason !== undefined ? { reason: request.reason } : {}) };
  const cliIn = (v: VoteTexts) => CLI_TEXTS[v === VOTE_TEXTS.fr ? 'fr' : 'en'];
  const sealedOpened = opening && frozen.policy ? sealedVoteOf(kind, frozen.policy, opening.opened) : undefined;
  // Before the opening, main's policy says whether the vote will be sealed (the opening freezes it).
  const sealedAhead = !opening && frozen.policy ? sealedVoteOf(kind, frozen.policy, request.now.toISOString()) : undefined;
  if (sealedAhead) return refuse('vote/sealed-not-opened', (v) => cliIn(v).sealedNotOpened(request.change, fetchedLedger && !fetchedLedger.fetched ? ` (${fetchedLedger.why})` : ''));
  if (request.sealed && !sealedOpened) return refuse('vote/sealed-public-vote', (v) => cliIn(v).sealedPublicVote(request.change));
  if (sealedOpened && request.now.getTime() >= Date.parse(sealedOpened.closes)) return refuse('vote/sealed-closed', (v) => cliIn(v).sealedClosed(request.change, sealedOpened.closes));
  // The beacon comes from the policy the ledger's entry freezes: one not on main's history was not frozen by the bot (its beacon's key may be someone's).
  if (sealedOpened && !(await isAncestor(repo, opening!.policyCommit, base).catch(() => false))) return refuse('vote/sealed-untrusted', (v) => cliIn(v).sealedUntrusted(request.change, opening!.policyCommit.slice(0, 10)));
  if (sealedOpened && !sealedPlaintextFits({ voter: handle, change: request.change, vote: request.vote, ...words })) return refuse('vote/sealed-too-long', (v) => cliIn(v).sealedTooLong(SEALED_PLAINTEXT_BYTES));
  const text = sealedOpened
    ? writeSealedBallot(await seal(writeSealedPlaintext({ voter: handle, change: request.change, vote: request.vote, ...words }), sealedOpened.round, sealedOpened.beacon))
    : writeBallot({ vote: request.vote, ...words });
  const read = readBallotText(text, path);
  if (!read.ok) return refuse('vote/invalid-ballot', (t) => t.badBallot(read.problems.map((p) => `  ${formatProblemIn(p, t === VOTE_TEXTS.fr ? 'fr' : 'en')}`).join('\n')));
  const ballot: Ballot = { change: request.change, path, text, key: key.key, roster: frozen.members };
  const described = { change: request.change, vote: request.vote, handle, key: keyName(key.key.publicLine), branch, ...(sealedOpened ? { sealed: { round: sealedOpened.round, closes: sealedOpened.closes } } : {}) };
  // The commit message of a sealed ballot says nothing of the vote.
  const said = sealedOpened ? 'sealed' : request.vote;

  const blob = await writeBlob(place, text);
  if (await alreadyCounts(repo, base, parent, ballot, blob, frozen.members)) {
    return { ok: true, already: true, ...described, commit: parent, ballot: parent, pushed: false, ...(remote ? { remote } : {}), local: 'untouched', next: [], nextFr: [] };
  }
  const first = await ballotCommits(place, ballot, parent, blob, said);
  if (remote && request.push) {
    const pushed: Pushed = await pushBallot(place, ballot, { name: remote, branch }, parent, first, blob, said);
    const local = await catchUpLocal(git, repo, branch, pushed.commit);
    const next = (t: VoteTexts) => (local === 'checked-out' ? [`git pull --ff-only ${remote} ${branch}   ${t.behindBallots(branch)}`] : []);
    return { ok: true, ...described, commit: pushed.commit, ballot: pushed.ballot, remote, pushed: true, joined: pushed.joined, rebuilt: pushed.rebuilt, local, next: next(VOTE_TEXTS.en), nextFr: next(VOTE_TEXTS.fr) };
  }
  const local = await catchUpLocal(git, repo, branch, first);
  const target = local === 'updated' || local === 'created' ? branch : first;
  const push = `${target === branch ? branch : `${first}:refs/heads/${branch}`}`;
  const next = (t: VoteTexts) => [
    ...(remote ? [`git push ${remote} ${push}`, t.pushRefused(branch, remote)] : [`git push <remote> ${push}   ${t.noRemote()}`]),
    ...(local === 'checked-out' ? [`git merge --ff-only ${first}   ${t.seeBallot(branch)}`] : []),
  ];
  return { ok: true, ...described, commit: first, ballot: first, ...(remote ? { remote } : {}), pushed: false, local, next: next(VOTE_TEXTS.en), nextFr: next(VOTE_TEXTS.fr) };
}

/**
 * Why `git fetch` failed, in git's own words, and what to do. A clone of another repository (this
 * one, before `init`) keeps that repository's remote-tracking branches when origin is pointed
 * elsewhere: its `origin/member` then blocks the new `origin/member/bruno`, and git says
 * "cannot lock ref … exists". Pruning the stale names is the fix.
 */
export function fetchFailure(remote: string, stderr: string): Said {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const lock = lines.find((l) => /cannot lock ref .*exists/.test(l));
  if (lock) return (t) => t.fetchLocked(remote, lock.replace(/^error:\s*/, ''));
  // git's first error line says what failed; the lines after it are advice ("…and the repository exists.").
  const said = lines.find((l) => /^(?:fatal|error):/.test(l)) ?? lines.at(-1);
  return (t) => t.fetchFailed(remote, said);
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
    if (!remotes.includes(wanted)) throw usage('noSuchRemote', wanted, remotes.join(', '));
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
async function findBranch(git: Git, repo: Repository, base: string, request: VoteRequest, remote: string | undefined): Promise<{ ok: true; branch: string; parent: string; kind: ChangeKind } | { ok: false; message: Said }> {
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
    else if (request.branch !== undefined) return { ok: false, message: (t) => t.otherChange(name, id, request.change, parent?.slice(0, 10)) };
  }
  if (request.branch !== undefined && matches.length === 0) return { ok: false, message: (t) => t.noSuchBranch(request.branch!, remote) };
  if (matches.length === 1) return { ok: true, ...matches[0]! };
  if (matches.length > 1) return { ok: false, message: (t) => t.severalBranches(request.change, matches.map((m) => m.branch).join(', ')) };
  return { ok: false, message: (t) => t.noBranch(request.change, names.length, remote) };
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
    if (result.ok) {
      const { nextFr: _, ...shown } = result;
      io.stdout(JSON.stringify(shown, null, 2));
      return 0;
    }
    io.stdout(JSON.stringify({ ok: false, error: { kind: 'refused', rule: result.code, message: result.message } }, null, 2));
  }
  if (!result.ok) {
    io.stderr(`${CLI_TEXTS[lang].commandSaid('vote', lang === 'fr' ? result.fr : result.message)} [${result.code}]`);
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
  lines.push(...(lang === 'fr' ? result.nextFr : result.next).map((n) => `  ${n}`));
  if (result.problems?.length) {
    lines.push(t.voteCareful(result.change));
    lines.push(...result.problems.map((p) => `  ${formatProblemIn(p, lang)}`));
  }
  io.stdout(lines.join('\n'));
  return 0;
}
