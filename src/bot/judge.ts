/**
 * Judging one change (DESIGN.md, data path of one change): read base and head
 * as git objects, diff them, classify under the frozen policy, validate the
 * files, collect and verify ballots, and decide against the clock. Shared by
 * review, merge and audit; the only write is the openings ledger, and only
 * when `record` is set.
 */
import { classifyChange, type Classification } from '../commons/classify.ts';
import { decide, type Decided } from '../commons/decide.ts';
import type { UnsealedRecord } from '../commons/decision-record.ts';
import type { Judgement } from '../commons/judgement.ts';
import { effectiveClock, observe, textFirstSeen, type Opening } from '../commons/opening.ts';
import { checkCitedRules } from '../commons/tally.ts';
import { problem, sortProblems, type Problem } from '../commons/problem.ts';
import type { ChangeKind, DecisionRecord } from '../commons/schema/decision.ts';
import type { Member } from '../commons/schema/members.ts';
import type { ProposalFrontMatter } from '../commons/schema/proposal.ts';
import type { ParsedCommons } from '../commons/validate.ts';
import { diffTrees, type FileChange } from '../repo/diff.ts';
import { changeCommits } from '../ballots/commit-ballots.ts';
import { droppedBallots, validBallotCommits, withLegacyBallots, type KeptBallots } from '../ballots/kept-ballots.ts';
import { commitsBetween, isAncestor, mergeBaseOf, type CommitInfo } from '../repo/history.ts';
import { readOpening, updateOpening } from '../repo/ledger.ts';
import { doing } from '../repo/missing.ts';
import type { Repository } from '../repo/repository.ts';
import { treeOf } from '../repo/tree.ts';
import { authorProblems, appealedRecord, moderationProblems, namedOutside } from './change-checks.ts';
import { dedupe, proposalOf, readTexts, touched, validateHead } from './change-files.ts';
import { frozenGovernance, type Frozen } from './frozen.ts';
import { clip, reasoningOf, recordOf, titleOf } from './record-of.ts';
import { listRecords, readRecord, recentRecords, type RecentRecords, type RecordFile } from './records.ts';
import type { ChangeContext, ChangeHead, ChangeSource } from './source.ts';

export interface JudgeOptions {
  repo: Repository;
  source: ChangeSource;
  /** The clock asked for (--at, or now). */
  now: Date;
  /** Record the opening in the ledger (review, merge); audit and --dry-run only read it. */
  record: boolean;
  /** Audit: replaying a recorded decision of the change the ledger names; no name check. */
  replay?: boolean;
}

/** A judgement plus what merge needs to act on it. */
export interface Verdict {
  judgement: Judgement;
  /** Set when the change is decided now: the record to write (merge adds `merge`). */
  record?: UnsealedRecord;
  /** Set when a record for this change is already on the base. */
  decided?: RecordFile;
  mergeBase?: string;
  classification?: Classification;
  /** The clock the judgement used (never before anything recorded). */
  clock: Date;
  opening?: Opening;
}

const short = (oid: string) => oid.slice(0, 10);

export async function judge(options: JudgeOptions, change: ChangeHead, base: string): Promise<Verdict> {
  const read = await readChange(options.repo, change, base);
  const verdict: Verdict = { judgement: read.judgement, clock: options.now, ...(read.mergeBase ? { mergeBase: read.mergeBase } : {}) };
  if (read.classification) verdict.classification = read.classification;
  const early = await earlyVerdict(options, change, verdict, read);
  if (early || !read.classification?.id) return verdict;
  const opened = await openChange(options, change, base, read, read.classification.id);
  verdict.opening = opened.opening;
  verdict.clock = opened.clock;
  read.judgement.opened = opened.opening.opened;
  const checked = await checkChange(options, change, base, read, opened);
  read.judgement.problems = sortProblems(checked.problems);
  if (checked.problems.length || !opened.frozen.policy || !opened.frozen.members) {
    const n = checked.problems.length;
    read.judgement.reasons.push(`${n} problem${n === 1 ? '' : 's'} to fix before this change can be judged; nothing is recorded until then`);
    return verdict;
  }
  return decideChange(options, verdict, read, opened, checked);
}

/** What the change is, from git objects alone: its files, their texts, its kind. */
interface ReadChange {
  judgement: Judgement;
  mergeBase?: string;
  baseTree: string;
  headTree: string;
  files: FileChange[];
  records: RecordFile[];
  texts: Map<string, { text: string; size: number }>;
  /** Front matter of the proposal the change adds, when it reads. */
  proposal?: ProposalFrontMatter;
  classification?: Classification;
}

async function readChange(repo: Repository, change: ChangeHead, base: string): Promise<ReadChange> {
  const judgement: Judgement = { head: change.head, commit: change.commit, base, kind: 'post', decision: 'invalid', reasons: [], problems: [], ballots: [] };
  const mergeBase = await mergeBaseOf(repo, base, change.commit);
  const baseTree = await treeOf(repo, base);
  const headTree = await treeOf(repo, change.commit);
  const files = await diffTrees(repo, mergeBase ? await treeOf(repo, mergeBase) : undefined, headTree);
  const records = await listRecords(repo, baseTree);
  const texts = await readTexts(repo, files);
  const read: ReadChange = { judgement, baseTree, headTree, files, records, texts, ...(mergeBase ? { mergeBase } : {}) };
  const proposal = proposalOf(texts, files);
  if (proposal) read.proposal = proposal;
  if (files.length) {
    read.classification = classifyChange(files.map(touched), proposal);
    judgement.kind = read.classification.kind;
  }
  return read;
}

/** The verdicts reached before opening: nothing to merge, already decided, code, or no name. True when one was reached. */
async function earlyVerdict(options: JudgeOptions, change: ChangeHead, verdict: Verdict, read: ReadChange): Promise<boolean> {
  const { repo } = options;
  const j = read.judgement;
  const c = read.classification;
  if (!c) {
    // Already on the base: find the record that merged it, newest first, so a re-run reports it and changes nothing.
    for (let i = read.records.length - 1; i >= 0; i--) {
      const { record } = await readRecord(repo, read.records[i]!);
      if (record?.head === j.commit) return Boolean(await alreadyDecided(repo, verdict, read.records[i]!));
    }
    j.reasons.push(`${j.head} adds nothing to ${short(j.base)}: it is already merged, or empty`);
    return true;
  }
  if (c.kind === 'platform') {
    const platform = read.files.filter((f) => !f.path.startsWith('content/') && !f.path.startsWith('governance/')).map((f) => f.path);
    j.decision = 'manual';
    j.reasons.push(`touches platform files (${platform.slice(0, 5).join(', ')}${platform.length > 5 ? ', …' : ''}): the bot never merges code; people review it`);
    j.problems = c.problems;
    return true;
  }
  if (!c.id) {
    j.problems = sortProblems(c.problems);
    const ballotsOnly = read.files.every((f) => f.path.startsWith('governance/ballots/'));
    j.reasons.push(ballotsOnly ? 'a ballot-only change is never merged on its own: commit each ballot on the branch of the change it votes on, where it counts' : 'the change adds no post or proposal to name it by');
    return true;
  }
  const decided = [...read.records].reverse().find((r) => r.change === c.id);
  const taken = options.replay ? undefined : await nameTaken(repo, change, c.id, decided, j.base);
  if (taken) {
    const path = c.post?.path ?? c.proposal?.path ?? 'content';
    j.problems = sortProblems([...c.problems, problem(path, 'change/name-taken', `another change already goes by the name "${c.id}" (${taken}): its opening, ballots and record are filed under that name`, { hint: `give your ${c.post ? 'post' : 'proposal'} another file name (its slug), like ${path.replace(/([^/]+)\.md$/, `$1-2.md`)}, and push again` })]);
    j.reasons.push(`the name "${c.id}" is taken by another change; nothing is recorded until this one has its own`);
    return true;
  }
  if (decided) return Boolean(await alreadyDecided(repo, verdict, decided));
  return false;
}

/**
 * A change is filed under its slug (ledger, ballots, record). Another change
 * with the same slug — another branch or pull request, with its own commits —
 * must not inherit that opening, those ballots or that decision. The same
 * change goes by the same head name, or its commits descend from (or lead to)
 * the ones first seen, so a rebased branch or a commit named by its id is
 * still itself. Once a change is accepted and merged, every later branch
 * descends from it: a change that still adds a file of that slug is a new
 * post or proposal, whatever its head is called. Returns a description of the
 * other change, or undefined.
 */
async function nameTaken(repo: Repository, change: ChangeHead, id: string, decided: RecordFile | undefined, base: string): Promise<string | undefined> {
  const known = await readOpening(repo, id);
  const related = (a: string, b: string) => doing(repo, `needed to tell whether ${change.head} is the change first seen as "${id}"`, async () => a === b || (await isAncestor(repo, a, b)) || (await isAncestor(repo, b, a)));
  const { record } = decided ? await readRecord(repo, decided) : { record: undefined };
  if (record?.outcome === 'accepted' && (await isAncestor(repo, record.head, base).catch(() => false))) {
    return `${known?.head ?? record.change}, published in ${decided!.path}`;
  }
  if (known) {
    if (known.head === change.head || (await related(known.firstHead, change.commit))) return undefined;
    return `${known.head}, first seen ${known.opened}${decided ? `, decided in ${decided.path}` : ''}`;
  }
  if (!decided) return undefined;
  if (!record || (await related(record.head, change.commit))) return undefined;
  return `decided in ${decided.path}`;
}

/** The change as opened: its commits, the ledger entry, the frozen policy and roster, the clock. */
interface OpenedChange {
  commits: CommitInfo[];
  opening: Opening;
  frozen: Frozen;
  recent: RecentRecords;
  clock: Date;
  /** Git-native: the ballots the ledger keeps and the head's, to find any dropped (src/ballots/kept-ballots.ts). */
  kept?: KeptBallots;
}

/** First sight records the opening (policy and roster frozen); later looks record the commits seen for the first time. */
async function openChange(options: JudgeOptions, change: ChangeHead, base: string, read: ReadChange, id: string): Promise<OpenedChange> {
  const { repo } = options;
  const commits = await commitsBetween(repo, base, change.commit);
  const known = await readOpening(repo, id);
  const openedAt = known || !options.source.opened ? undefined : await options.source.opened(change);
  const recent = await recentRecords(repo, read.records, new Date(options.now.getTime() - 8 * 86_400_000));
  // First sights are recorded on the same clock as decisions: never before the latest record on main.
  const now = effectiveClock(options.now, [recent.latestClosed]);
  // Never open a change on a main whose policy or roster cannot be read: it would stay frozen on them for good.
  const governance = await frozenGovernance(repo, known?.policyCommit ?? base);
  const openable = known !== undefined || (governance.policy !== undefined && governance.members !== undefined);
  const inHead = new Set(commits.map((c) => c.oid));
  const ballots = await headBallots(options, change, base, id, known, governance.members, inHead);
  const observation = { change: id, head: change.head, headCommit: change.commit, commits: commits.map((c) => c.oid), base, now, ...(openedAt ? { openedAt } : {}), ...(ballots ? { ballots: ballots.record } : {}) };
  const opening = options.record && openable ? await updateOpening(repo, id, now, (o) => observe(o, observation)) : observe(known, observation);
  const frozen = await frozenGovernance(repo, opening.policyCommit);
  const clock = effectiveClock(options.now, [opening.opened, ...commits.map((c) => opening.seen[c.oid]), recent.latestClosed]);
  const opened: OpenedChange = { commits, opening, frozen, recent, clock };
  if (ballots) opened.kept = { opening, seenBefore: known?.seen ?? {}, head: ballots.head, inHead, id, headCommit: change.commit, clock };
  return opened;
}

/**
 * Git-native: the valid ballot commits on the head, and what to record in the
 * ledger (those, plus for an entry from before ballots were kept, the seen
 * ballots still readable that the head dropped). Forge reviews are the forge's record.
 */
async function headBallots(options: JudgeOptions, change: ChangeHead, base: string, id: string, known: Opening | undefined, roster: Member[] | undefined, inHead: Set<string>): Promise<{ head: Record<string, string>; record: Record<string, string> } | undefined> {
  if (options.source.mode !== 'git' || !roster) return undefined;
  const head = validBallotCommits(await options.source.ballots({ change, id, base, roster, firstSeen: known?.seen ?? {} }));
  const record = known ? await withLegacyBallots(options.repo, known, inHead, head, id, roster, options.now) : head;
  return { head, record };
}

interface CheckedChange {
  problems: Problem[];
  head: ParsedCommons;
  context: ChangeContext;
  author?: string;
  appealed?: DecisionRecord;
}

/** Every problem the contributor can fix: paths, files, authorship, moderation targets. */
async function checkChange(options: JudgeOptions, change: ChangeHead, base: string, read: ReadChange, opened: OpenedChange): Promise<CheckedChange> {
  const { repo } = options;
  const c = read.classification!;
  const id = c.id!;
  const appealed = await appealedRecord(repo, read.baseTree, read.proposal);
  const validation = await validateHead(repo, read.headTree, read.files, read.texts, id, await namedOutside(repo, read.baseTree, c, read.proposal, appealed, read.records));
  // A post that does not exist, or is hidden already, cannot be removed: the name is wrong (proposal/moderates-missing, -hidden), not the change's files.
  const unknownTarget = validation.problems.some((p) => p.rule === 'proposal/moderates-missing' || p.rule === 'proposal/moderates-hidden');
  const problems = c.problems.filter((p) => !(unknownTarget && p.rule === 'moderation/post-not-removed'));
  if (!opened.frozen.policy || !opened.frozen.members) {
    problems.push(problem('governance/policy.md', 'change/no-frozen-policy', `the policy or roster at ${short(opened.opening.policyCommit)} (frozen when the change was opened) cannot be read`, { hint: 'fix main\'s governance files first: `noclout check`' }));
    // Say where: the problems of those files as they were at that commit.
    problems.push(...opened.frozen.problems.slice(0, 20).map((p) => ({ ...p, message: `at ${short(opened.opening.policyCommit)}: ${p.message}` })));
  }
  // Ballot files are evidence, not content: their faults are reported as the reason each ballot does not count.
  problems.push(...dedupe(problems, validation.problems.filter((p) => !p.path.startsWith('governance/ballots/'))));
  const head = validation.parsed;
  const context: ChangeContext = { change, id, base, roster: opened.frozen.members ?? [], firstSeen: opened.opening.seen };
  const author = c.post ? head.posts.get(c.post.id)?.data.author : head.proposals.get(id)?.data.author;
  if (author !== undefined) problems.push(...(await authorProblems(options.source, context, author, c.post?.path ?? c.proposal?.path ?? '')));
  if (options.source.problems) problems.push(...(await options.source.problems(context)));
  const proposal = head.proposals.get(id)?.data;
  if (opened.kept) problems.push(...(await droppedBallots(repo, opened.kept)));
  if (c.kind === 'moderation') problems.push(...(await moderationProblems(repo, opened.opening.policyCommit, c, proposal, appealed, read.headTree)));
  return { problems, head, context, ...(author !== undefined ? { author } : {}), ...(appealed ? { appealed } : {}) };
}

/** Collect the ballots and apply the decision rule of the change's kind at the clock. */
async function decideChange(options: JudgeOptions, verdict: Verdict, read: ReadChange, opened: OpenedChange, checked: CheckedChange): Promise<Verdict> {
  const c = read.classification!;
  const id = c.id!;
  const j = read.judgement;
  const { opening, frozen, commits, clock } = opened;
  const ballots = checkCitedRules(await options.source.ballots(checked.context), frozen.rules);
  const content = await contentCommits(options.repo, commits);
  const textSeen = c.kind === 'post' ? textFirstSeen(opening, commits.map((x) => x.oid).filter((oid) => content.has(oid))) : undefined;
  const decidedNow: Decided = decide({
    kind: c.kind as Exclude<ChangeKind, 'platform'>,
    policy: frozen.policy!,
    roster: new Set(frozen.members!.map((m) => m.handle)),
    ballots,
    opened: opening.opened,
    ...(textSeen ? { textSeen } : {}),
    authorPublications: checked.author ? (opened.recent.publications.get(checked.author) ?? []) : [],
    now: clock,
  });
  j.decision = decidedNow.decision;
  j.reasons.push(...decidedNow.reasons);
  j.ballots = decidedNow.ballots;
  if (decidedNow.tally) j.tally = decidedNow.tally;
  j.closes = decidedNow.closes;
  if (decidedNow.decision !== 'pending') {
    verdict.record = recordOf(j, decidedNow, {
      id,
      title: clip(titleOf(checked.head, c, id), 200),
      opening,
      members: frozen.members!.length,
      clock,
      files: read.files,
      author: checked.author,
      proposal: checked.head.proposals.get(id)?.data,
      appealed: checked.appealed,
      reasoning: reasoningOf(checked.head, id),
      policyCommit: opening.policyCommit,
      classification: c,
    });
  }
  return verdict;
}

/** The commits of the change that are not ballots: its text changes, whatever the source. */
async function contentCommits(repo: Repository, commits: readonly CommitInfo[]): Promise<Set<string>> {
  return new Set((await changeCommits(repo, commits)).filter((c) => c.content).map((c) => c.info.oid));
}

async function alreadyDecided(repo: Repository, verdict: Verdict, file: RecordFile): Promise<Verdict> {
  const { record } = await readRecord(repo, file);
  const j = verdict.judgement;
  verdict.decided = file;
  if (record) {
    j.kind = record.kind;
    j.decision = record.outcome === 'accepted' ? 'accept' : 'reject';
    j.reasons.push(`already decided: ${record.outcome} on ${record.closed}, recorded in ${file.path}`, ...record.reasons);
    j.ballots = record.ballots;
    if (record.tally) j.tally = record.tally;
    j.opened = record.opened;
    j.closes = record.closed;
  } else {
    j.decision = 'reject';
    j.reasons.push(`already decided in ${file.path} (the record cannot be read: run noclout audit)`);
  }
  return verdict;
}

