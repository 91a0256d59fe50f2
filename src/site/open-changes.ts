/**
 * Proposals under vote, as the bot sees them: the openings ledger (refs/noclout/ledger, see
 * src/repo/ledger.ts) names every change the bot has opened, when, and the commit whose policy
 * and roster judge it. Each entry is read through the bot's own `standingOpening`
 * (src/bot/judge.ts, the rule in src/commons/opening.ts): an entry the bot sets aside (an older
 * bot's entry for a change first seen invalid, or one freezing a commit never published) is no
 * vote, and is not listed. An older entry whose first head this clone cannot judge (not fetched,
 * or a pull request, whose author only the forge knows) is not listed either until the bot,
 * judging the change again, marks it `valid`. A change that has no decision record on main yet and whose newest commit
 * the ledger has seen adds a proposal is under vote. Its text is read from that commit, its
 * kind by the bot's classifier over the change's diff against main, and its deadline and
 * numbers by the bot's own `decide` under the policy frozen at opening: the page can never show
 * a deadline the bot would not apply. A post change is listed while a member's objection puts
 * it to a vote (objectedPost), or marked `pending` while its objection window is open (the
 * open-votes feed lists it, the Proposals page does not); a change whose branch is gone from a clone that has other branches
 * was withdrawn and is left out (withdrawn).
 *
 * Cheap by design: one ledger tree, and per open change a few trees, one diff and a short walk
 * to the merge base. A commit the ledger saw but this clone lacks (a pull request's head that
 * was not fetched) is not an error: the change is listed with what the ledger knows.
 * Reads git objects only, through isomorphic-git (src/repo).
 */
import { ballotEvidence, changeCommits } from '../ballots/commit-ballots.ts';
import { proposalOf, readTexts, touched } from '../bot/change-files.ts';
import { frozenGovernance } from '../bot/frozen.ts';
import { GitSource } from '../bot/git-source.ts';
import type { JudgeOptions } from '../bot/judge.ts';
import { whatIfOfChange } from '../bot/what-if.ts';
import type { WhatIfDigest } from '../commons/what-if.ts';
import { classifyChange } from '../commons/classify.ts';
import { readFrontMatter } from '../commons/front-matter.ts';
import { fileKindOf } from '../commons/layout.ts';
import { decide } from '../commons/decide.ts';
import { checkCitedRules } from '../commons/tally.ts';
import { textFirstSeen, type Opening } from '../commons/opening.ts';
import type { Member } from '../commons/schema/members.ts';
import type { PostFrontMatter } from '../commons/schema/post.ts';
import type { ChangeKind } from '../commons/schema/decision.ts';
import type { BeaconPolicy, Policy, VoteRule } from '../commons/schema/policy.ts';
import { sealedVoteOf } from '../commons/sealed-vote.ts';
import type { ProposalFrontMatter } from '../commons/schema/proposal.ts';
import { postSchema } from '../commons/schema/post.ts';
import { BadObjectError } from '../repo/bad-object.ts';
import { diffTrees, type FileChange } from '../repo/diff.ts';
import { commitsBetween, hasCommit, isAncestor, mergeBaseOf } from '../repo/history.ts';
import { LEDGER_REF, listOpenings } from '../repo/ledger.ts';
import { readRef } from '../repo/ref.ts';
import { git, gitArgs, openRepository, type Repository } from '../repo/repository.ts';
import { readBlobBytes, readText, treeOf } from '../repo/tree.ts';
import { changeEffects, type ChangedText, type FileEffect } from './change-effects.ts';
import { renderMarkdown } from './markdown/pipeline.ts';

/** The kinds decided by a vote of the members: every kind but posts (lazy consensus) and platform (never merged). */
export type ProposalKind = Exclude<ChangeKind, 'post' | 'platform'>;
export const PROPOSAL_KINDS: readonly ProposalKind[] = ['proposal', 'policy', 'membership', 'moderation'];

export function isProposalKind(kind: ChangeKind): kind is ProposalKind {
  return (PROPOSAL_KINDS as readonly string[]).includes(kind);
}

/** Where members vote on a change: signed ballot commits on its branch, or reviews on its pull request. */
export type VotePlace = { branch: string } | { pullRequest: string; number: number };

export interface OpenChange {
  change: string;
  /** The head as the ledger first named it: a branch, or "#N" for a pull request. */
  head: string;
  /** When the bot first saw the change (the ledger's time, never a commit date). */
  opened: string;
  vote: VotePlace;
  /** Set when the change's newest commit the ledger has seen is in this clone. */
  read?: {
    /** The commit its text was read from. */
    commit: string;
    proposal: ProposalFrontMatter;
    kind: ProposalKind;
    /** Its body, sanitized HTML. */
    html: string;
    /** What merging it would do, file by file (the change's own diff; "before" is main as it is now). */
    effects: FileEffect[];
    /** A policy change: every decision recorded on main replayed under the policy it proposes (src/bot/what-if.ts). */
    whatIf?: WhatIfDigest;
  };
  /**
   * Set for a post under an objection vote: at the newest commit the ledger has seen, a member's
   * valid `no` ballot cites a rule, so the post goes to a vote under voting.moderation on stopping it.
   */
  objected?: {
    commit: string;
    /** "<year>/<slug>" */
    post: string;
    front: PostFrontMatter;
    /** The rules the counted objections cite, in name order. */
    rules: string[];
  };
  /**
   * Set for a post still in its objection window (lazy consensus, no vote yet): any member may
   * object until `closes`. Not a vote: the Proposals page leaves it out; the open-votes feed lists it.
   */
  pending?: {
    commit: string;
    /** "<year>/<slug>" */
    post: string;
    front: PostFrontMatter;
    /** The end of the window (posts.objectionHours from when the bot first saw the current text). */
    closes: string;
    hours: number;
  };
  /** Set when the kind is known and the policy and roster frozen at opening are in this clone. */
  decides?: {
    closes: string;
    rule: VoteRule;
    /** Members of the frozen roster: the quorum is a share of them. */
    eligible: number;
    policyCommit: string;
    /**
     * Set when the frozen policy seals the vote (docs/voting.md, Sealed ballots): the beacon round
     * its ballots are locked to, the beacon (the page seals with its public key), and who has voted
     * as the ledger kept it (handles, never a choice).
     */
    sealed?: { round: number; beacon: BeaconPolicy; voted: string[] };
  };
  /** The deadline is not after the latest time git tells this build (main's head, the ledger's tip), and no record exists yet. */
  due: boolean;
}

/**
 * The open proposals of the commons at `commons`, when that folder is the root of a git
 * repository holding the ledger ref; [] otherwise (a commons inside a larger repository, a commons
 * without a bot yet). `decided` names the changes that already have a decision record.
 */
export async function readOpenChanges(commons: string, repositoryUrl: string, decided: ReadonlySet<string>): Promise<OpenChange[]> {
  const repo = commonsRepository(commons);
  if (!repo) return [];
  const ledger = await readRef(repo, LEDGER_REF);
  const main = await readRef(repo, 'HEAD');
  if (!ledger || !main) return [];
  // "Due" is judged against times recorded in git, not the build's clock: the same commit builds the same site.
  const known = Math.max(await commitTime(repo, ledger), await commitTime(repo, main));
  const branches = await branchesOf(repo);
  // The bot froze main as it judged it: an entry freezing a commit off main's history (here, or as last fetched) is not the bot's.
  const fetchedMain = await readRef(repo, `refs/remotes/origin/${branches.base}`);
  const bases = fetchedMain ? [main, fetchedMain] : [main];
  // The bot's own reading of the ledger, offline: a git source, nothing recorded.
  // Loaded only when there is a ledger to read: the judge loads the sealed ballots' cryptography, whose
  // set-up (BLS12-381) cost 0.1 s of every incremental build of the site (issue 14).
  const { standingOpening } = await import('../bot/judge.ts');
  const look: JudgeOptions = { repo, source: new GitSource(repo, branches.base, new Date(known)), now: new Date(known), record: false };
  const out: OpenChange[] = [];
  for (const change of await listOpenings(repo)) {
    if (decided.has(change)) continue;
    let opening: Opening | undefined;
    try {
      opening = (await standingOpening(look, change, bases)).opening;
    } catch (error) {
      console.warn(`proposals: ${(error as Error).message}; the change is left out of "under vote"`);
      continue;
    }
    if (!opening) continue;
    if (withdrawn(opening.head, branches)) continue;
    const open = await openChange(repo, opening, main, repositoryUrl, new Date(known)).catch((error: unknown) => {
      // A branch force-pushed to a tree git fsck refuses, or to a file too large to read: the bot judges it invalid.
      if (!(error instanceof BadObjectError)) throw error;
      console.warn(`proposals: ${error.message}; the change is left out of "under vote"`);
      return undefined;
    });
    if (!open) continue;
    const closes = open.decides?.closes ?? open.pending?.closes;
    open.due = closes !== undefined && Date.parse(closes) <= known;
    out.push(open);
  }
  return out.sort(closingOrder);
}

/** Closing soonest first; changes whose deadline is unknown after them, newest opening first; then by name. */
export function closingOrder(a: OpenChange, b: OpenChange): number {
  const ka = a.decides?.closes;
  const kb = b.decides?.closes;
  if (ka !== kb) return ka === undefined ? 1 : kb === undefined ? -1 : ka < kb ? -1 : 1;
  if (a.opened !== b.opened) return a.opened < b.opened ? 1 : -1;
  return a.change < b.change ? -1 : 1;
}

/** The build's local branches and origin's remote-tracking ones, and whether any is not the base (main). */
interface Branches {
  local: Set<string>;
  remote: Set<string>;
  /** False for a clone that fetched only the base: there, a missing branch tells nothing. */
  fetched: boolean;
  /** The checked-out branch (main). */
  base: string;
}

async function branchesOf(repo: Repository): Promise<Branches> {
  const args = { fs: repo.fs, gitdir: repo.gitdir };
  const local = new Set(await git.listBranches(args).catch(() => [] as string[]));
  const remote = new Set(await git.listBranches({ ...args, remote: 'origin' }).catch(() => [] as string[]));
  const base = (await git.currentBranch({ ...args, fullname: false }).catch(() => undefined)) ?? 'main';
  const isBase = (name: string) => name === base || name === 'HEAD' || name.endsWith('.lock');
  const fetched = [...local, ...remote].some((name) => !isBase(name));
  return { local, remote, fetched, base };
}

/**
 * A branch head the ledger named that is neither a local branch nor origin's, in a clone that has
 * other branches than the base: it was deleted, the change withdrawn. A pull request ("#N") cannot
 * be told apart without the forge's API, so it never is.
 */
function withdrawn(head: string, branches: Branches): boolean {
  if (/^#\d+$/.test(head) || !branches.fetched) return false;
  return !branches.local.has(head) && !branches.remote.has(head);
}

/** The repository whose root is the commons folder, or undefined. */
function commonsRepository(commons: string): Repository | undefined {
  try {
    // Only a repository whose root is the commons (it has .git right there): the bot judges a repository's
    // root, so a commons inside a larger repository (a test fixture) has no ledger of its own.
    const repo = openRepository(commons);
    return repo.dir !== undefined ? repo : undefined;
  } catch {
    return undefined;
  }
}

async function commitTime(repo: Repository, oid: string): Promise<number> {
  return (await git.readCommit({ ...gitArgs(repo), oid })).commit.committer.timestamp * 1000;
}

/**
 * One ledger entry as an open proposal, or a post under an objection vote; undefined when its change
 * is neither (a post nobody objected to, code, nothing named).
 */
async function openChange(repo: Repository, opening: Opening, main: string, repositoryUrl: string, now: Date): Promise<OpenChange | undefined> {
  const open: OpenChange = { change: opening.change, head: opening.head, opened: opening.opened, vote: votePlace(opening.head, repositoryUrl), due: false };
  const commit = await newestSeen(repo, opening);
  if (!commit) return open;
  const headTree = await treeOf(repo, commit);
  const mergeBase = await mergeBaseOf(repo, main, commit);
  // Every kind but a post adds content/proposals/<change>.md: without it the change is a post, or nothing under vote.
  if ((await readText(repo, headTree, `content/proposals/${opening.change}.md`)) === undefined) return objectedPost(repo, open, opening, main, commit, mergeBase, headTree, now);
  const files = await diffTrees(repo, mergeBase ? await treeOf(repo, mergeBase) : undefined, headTree);
  const file = `content/proposals/${opening.change}.md`;
  const texts = await readTexts(repo, files.filter((f) => f.path === file));
  const proposal = proposalOf(texts, files);
  // Already on main (merged by hand, or the file came another way): the proposal list shows it from main.
  // A proposal whose front matter does not validate is `invalid` for the bot: nothing is decided until it is fixed.
  if (!proposal) return undefined;
  const { kind } = classifyChange(files.map(touched), proposal);
  if (!isProposalKind(kind)) return undefined;
  // Contributed Markdown, rendered by the one sanitizing pipeline like every text on main.
  const { html } = await renderMarkdown(readFrontMatter(texts.get(file)!.text, { path: file }).body);
  const effects = await changeEffects(await changedTexts(repo, files, await treeOf(repo, main)));
  open.read = { commit, proposal, kind, html, effects };
  // The same summary as the bot's judgement of this change (review, the GitHub comment).
  const past = kind === 'policy' ? await whatIfOfChange(repo, main, commit) : undefined;
  if (past) open.read.whatIf = past;
  const frozen = await frozenOf(repo, opening);
  if (frozen) {
    // The bot's own rule: the deadline and numbers `review` reports for this change at its opening.
    const decided = decide({ kind, policy: frozen.policy, roster: frozen.roster, ballots: [], opened: opening.opened, now: new Date(opening.opened) });
    if ('quorum' in decided.rule) open.decides = { closes: decided.closes, rule: decided.rule, eligible: frozen.roster.size, policyCommit: opening.policyCommit };
    const sealed = sealedVoteOf(kind, frozen.policy, opening.opened);
    if (open.decides && sealed) open.decides.sealed = { round: sealed.round, beacon: sealed.beacon, voted: keptVoters(opening, frozen.roster) };
  }
  return open;
}

/**
 * A post change in its objection window (`pending`), or whose newest seen commit carries an objection (DESIGN.md, Kinds of change): the
 * ballots read as the bot reads them (src/ballots/commit-ballots.ts, the ledger's first sights as
 * cast times, the roster frozen at opening), an objection citing no rule of the frozen commons not
 * counted, and the bot's own `decide` for a post. Objected when `decide` applies voting.moderation,
 * that is when an objection counts; pending while its window is open; undefined once it is past.
 */
async function objectedPost(repo: Repository, open: OpenChange, opening: Opening, main: string, commit: string, mergeBase: string | undefined, headTree: string, now: Date): Promise<OpenChange | undefined> {
  const files = await diffTrees(repo, mergeBase ? await treeOf(repo, mergeBase) : undefined, headTree);
  const { kind, post } = classifyChange(files.map(touched));
  if (kind !== 'post' || !post) return undefined;
  const texts = await readTexts(repo, files.filter((f) => f.path === post.path));
  const frozen = await frozenOf(repo, opening);
  const text = texts.get(post.path)?.text;
  if (!frozen || text === undefined) return undefined;
  const front = readFrontMatter(text, { path: post.path });
  const parsed = postSchema.safeParse(front.data);
  if (!parsed.success) return undefined;
  const commits = await changeCommits(repo, await commitsBetween(repo, main, commit));
  // As the bot: an objection must cite a rule of the commons frozen at opening.
  const ballots = checkCitedRules(await ballotEvidence(repo, commits, opening.change, frozen.members, opening.seen, now), frozen.rules);
  const textSeen = textFirstSeen(opening, commits.filter((c) => c.content).map((c) => c.info.oid));
  const decided = decide({ kind: 'post', policy: frozen.policy, roster: frozen.roster, ballots, opened: opening.opened, ...(textSeen ? { textSeen } : {}), now });
  if (!('quorum' in decided.rule)) {
    // Lazy consensus: still in its window, members may object (the open-votes feed lists it); past it, nothing is left to act on.
    if (decided.decision !== 'pending') return undefined;
    open.pending = { commit, post: post.id, front: parsed.data, closes: decided.closes, hours: decided.rule.objectionHours };
    return open;
  }
  const rules = [...new Set(decided.ballots.filter((b) => b.vote === 'no' && b.rule !== undefined && b.counted).map((b) => b.rule!))].sort();
  open.objected = { commit, post: post.id, front: parsed.data, rules };
  open.decides = { closes: decided.closes, rule: decided.rule, eligible: frozen.roster.size, policyCommit: opening.policyCommit };
  return open;
}

/** Members with a sealed ballot the ledger kept (git-native or a comment), in name order: who has voted, not how. */
function keptVoters(opening: Opening, roster: ReadonlySet<string>): string[] {
  return [...new Set(Object.values(opening.sealed ?? {}).map((k) => k.voter))].filter((v) => roster.has(v)).sort();
}

/** Kinds of file whose texts "What it changes" compares; other files are listed by path and status alone. */
const COMPARED = new Set(['rule', 'policy', 'commons', 'members', 'post']);

/** Each changed file with its texts at the merge base, on main now and at the change's head (regular files only). */
async function changedTexts(repo: Repository, files: readonly FileChange[], mainTree: string): Promise<ChangedText[]> {
  const blob = async (entry: FileChange['head']) => (entry && entry.type === 'blob' && entry.mode === '100644' ? new TextDecoder().decode(await readBlobBytes(repo, entry.oid)) : undefined);
  return Promise.all(
    files.map(async (f) => {
      const out: ChangedText = { path: f.path, status: f.status };
      if (!COMPARED.has(fileKindOf(f.path).kind)) return out;
      const [base, main, head] = [await blob(f.base), await readText(repo, mainTree, f.path), await blob(f.head)];
      if (base !== undefined) out.base = base;
      if (main !== undefined) out.main = main;
      if (head !== undefined) out.head = head;
      return out;
    }),
  );
}

export function votePlace(head: string, repositoryUrl: string): VotePlace {
  const pull = /^#(\d+)$/.exec(head);
  return pull ? { pullRequest: `${repositoryUrl.replace(/\/+$/, '')}/pull/${pull[1]}`, number: Number(pull[1]) } : { branch: head };
}

/**
 * The newest commit of the change the ledger has seen and this clone holds: among the commits
 * first seen last, the one the others lead to. Undefined when none of them is here.
 */
async function newestSeen(repo: Repository, opening: Opening): Promise<string | undefined> {
  const last = Object.values(opening.seen).reduce((a, b) => (b > a ? b : a), '');
  const candidates: string[] = [];
  for (const [oid, at] of Object.entries(opening.seen)) if (at === last && (await hasCommit(repo, oid))) candidates.push(oid);
  for (const oid of candidates) {
    let tip = true;
    for (const other of candidates) if (other !== oid && (await isAncestor(repo, oid, other))) tip = false;
    if (tip) return oid;
  }
  return undefined;
}

/** The policy and roster frozen when the change was opened, read by the bot's own reader; undefined when not in this clone or unreadable. */
async function frozenOf(repo: Repository, opening: Opening): Promise<{ policy: Policy; roster: Set<string>; members: Member[]; rules: Set<string> } | undefined> {
  if (!(await hasCommit(repo, opening.policyCommit))) return undefined;
  const { policy, members, rules } = await frozenGovernance(repo, opening.policyCommit);
  return policy && members ? { policy, roster: new Set(members.map((m) => m.handle)), members, rules } : undefined;
}
