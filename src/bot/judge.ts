/**
 * Judging one change (DESIGN.md, data path of one change): read base and head
 * as git objects, diff them, classify under the frozen policy, validate the
 * files, collect and verify ballots, and decide against the clock. Shared by
 * review, merge and audit; the only write is the openings ledger, only when
 * `record` is set, and never the opening of an invalid change.
 */
import { classifyChange, type Classification } from '../commons/classify.ts';
import { decide, type Decided, type DecideInput } from '../commons/decide.ts';
import { sealedVoteOf, type SealedVote } from '../commons/sealed-vote.ts';
import { verifyRound, type RoundFetch } from '../ballots/sealed.ts';
import { networkRounds, openSealed, sealedToKeep, withKeptSealed, type RoundSignature, type RoundSource } from './sealed-count.ts';
import type { UnsealedRecord } from '../commons/decision-record.ts';
import type { Judgement } from '../commons/judgement.ts';
import { effectiveClock, entryStands, observe, textFirstSeen, type Observation, type Opening } from '../commons/opening.ts';
import { checkCitedRules } from '../commons/tally.ts';
import { sortProblems, type Problem } from '../commons/problem.ts';
import { codedProblem, framed, type ProblemParams } from '../commons/texts/problems.ts';
import type { NameTaken } from '../commons/texts/problems-en.ts';
import type { ChangeKind, DecisionRecord } from '../commons/schema/decision.ts';
import type { Member } from '../commons/schema/members.ts';
import type { ProposalFrontMatter } from '../commons/schema/proposal.ts';
import { isKnownText, recordText, text, type BotText } from '../commons/texts/index.ts';
import type { ParsedCommons } from '../commons/validate.ts';
import { diffTrees, type FileChange } from '../repo/diff.ts';
import { changeCommits, unsignedBallotFiles } from '../ballots/commit-ballots.ts';
import { droppedBallots, validBallotCommits, withLegacyBallots, type KeptBallots } from '../ballots/kept-ballots.ts';
import { commitsBetween, hasCommit, isAncestor, mergeBaseOf, type CommitInfo } from '../repo/history.ts';
import { readOpening, unpublishedFrozenCommit, updateOpening } from '../repo/ledger.ts';
import { doing, MissingObjectError } from '../repo/missing.ts';
import type { Repository } from '../repo/repository.ts';
import { treeOf } from '../repo/tree.ts';
import { authorProblems, appealedRecord, authoredFiles, ballotFileProblems, moderationProblems, namedOutside } from './change-checks.ts';
import { dedupe, proposalOf, readTexts, touched, validateHead } from './change-files.ts';
import { frozenGovernance, type Frozen } from './frozen.ts';
import { clip, reasoningOf, recordOf, titleOf } from './record-of.ts';
import { addWhatIf } from './what-if.ts';
import { listRecords, readRecord, recentRecords, type RecentRecords, type RecordFile } from './records.ts';
import type { BallotEvidence, ChangeContext, ChangeHead, ChangeSource } from './source.ts';
import { count, plural } from '../commons/plural.ts';

/** Give reasons: each one's English in `reasons` and its code in `reasonCodes`, in the same order (issue 12). */
function say(j: Judgement, ...codes: BotText[]): void {
  j.reasons.push(...codes.map(recordText));
  j.reasonCodes = [...(j.reasonCodes ?? []), ...codes];
}

export interface JudgeOptions {
  repo: Repository;
  source: ChangeSource;
  /** The clock asked for (--at, or now). */
  now: Date;
  /** Record the opening in the ledger (review, merge); audit and --dry-run only read it. */
  record: boolean;
  /** Audit: replaying a recorded decision of the change the ledger names; no name check. */
  replay?: boolean;
  /** Sealed votes: how the beacon is asked for a round (tests: a loopback beacon); the network by default. */
  rounds?: RoundSource;
  /** Audit: the round signature a record keeps, used instead of asking the beacon (offline), once verified. */
  sealedRound?: RoundSignature;
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

/**
 * Judge one change. Nothing is recorded for an invalid change (principle 7):
 * a change not yet opened is checked against main's current policy and roster
 * (the ones its opening would freeze), and the opening is written only when it
 * has no problems. Once opened, every later look records the commits and
 * valid ballot commits it sees for the first time, whatever the verdict: a
 * ballot is cast when first seen, and a member's vote must not be dated after
 * the close because the author was fixing a typo meanwhile.
 */
export function judge(options: JudgeOptions, change: ChangeHead, base: string): Promise<Verdict> {
  return judgeOnce(options, change, base, 0);
}

async function judgeOnce(options: JudgeOptions, change: ChangeHead, base: string, attempt: number): Promise<Verdict> {
  const read = await readChange(options.repo, change, base);
  const verdict: Verdict = { judgement: read.judgement, clock: options.now, ...(read.mergeBase ? { mergeBase: read.mergeBase } : {}) };
  if (read.classification) verdict.classification = read.classification;
  const early = await earlyVerdict(options, change, verdict, read);
  if (early || !read.classification?.id) return verdict;
  const id = read.classification.id;
  const standing = await standingOpening(options, id, base);
  const opened = await openChange(options, change, base, read, id, standing.opening);
  const checked = await checkChange(options, change, base, read, opened);
  const j = read.judgement;
  j.problems = sortProblems(checked.problems.map((p) => governedBy(p, opened, standing.opening)));
  const valid = checked.problems.length === 0 && opened.frozen.policy !== undefined && opened.frozen.members !== undefined;
  // An invalid look is recorded only on the change's own head: a branch or pull request built on it
  // by someone else (an outsider's commit on top) must not write its commits into the change's entry.
  const ownHead = standing.opening !== undefined && standing.opening.head === change.head;
  if (options.record && (valid || ownHead)) {
    const stored = await recordLook(options, id, opened, standing);
    // Another run opened or replaced the entry meanwhile: judge again against what it stored.
    if (!stored && attempt < 5) return judgeOnce(options, change, base, attempt + 1);
  }
  verdict.clock = opened.clock;
  if (opened.clock > options.now && !options.replay) say(j, text('judged-later', { at: opened.clock.toISOString(), asked: options.now.toISOString() }));
  if (valid || standing.opening) {
    verdict.opening = opened.opening;
    j.opened = opened.opening.opened;
  }
  if (!valid) {
    say(j, text('problems-to-fix', { problems: checked.problems.length }));
    return verdict;
  }
  await decideChange(options, verdict, read, opened, checked);
  // A policy change shows what its numbers would have decided in the past (issue 13); audit's replays need not.
  if (read.classification.kind === 'policy' && !options.replay) await addWhatIf(options.repo, j);
  if (standing.setAside) say(j, standing.setAside.code);
  return verdict;
}

/** Problems the roster or the policy decide: their message says which ones, frozen when, by which opening (or none yet). */
const GOVERNED = new Set(['change/author-not-member', 'change/unsigned', 'change/forged-author', 'moderation/unknown-rule']);

function governedBy(p: Problem, opened: OpenedChange, known: Opening | undefined): Problem {
  if (!GOVERNED.has(p.rule)) return p;
  const o = opened.opening;
  // A coded problem says it in the catalogue's words, so that the CLI can say it in French too.
  if (p.code === 'change/author-not-member' || p.code === 'change/forged-author' || p.code === 'moderation/unknown-rule' || p.code === 'change/unsigned') {
    const params = { ...(p.params as unknown as ProblemParams<typeof p.code>), governed: known ? 'frozen' : 'checked', policy: short(o.policyCommit), head: o.head, opened: o.opened } as const;
    return codedProblem(p.path, p.rule, p.code, params, { line: p.line, column: p.column });
  }
  return p;
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
    say(j, text('adds-nothing', { head: j.head, base: short(j.base) }));
    return true;
  }
  if (c.kind === 'platform') {
    const platform = read.files.filter((f) => !f.path.startsWith('content/') && !f.path.startsWith('governance/')).map((f) => f.path);
    j.decision = 'manual';
    say(j, text('platform-files', { files: platform.slice(0, 5), more: platform.length > 5 }));
    j.problems = c.problems;
    return true;
  }
  if (!c.id) {
    j.problems = sortProblems(c.problems);
    const ballotsOnly = read.files.every((f) => f.path.startsWith('governance/ballots/'));
    say(j, ballotsOnly ? text('ballot-only-change', {}) : text('no-name', {}));
    return true;
  }
  let decided: RecordFile | undefined;
  for (let i = read.records.length - 1; i >= 0 && !decided; i--) if (read.records[i]!.change === c.id) decided = read.records[i];
  const taken = options.replay ? undefined : await nameTaken(options, change, c.id, decided, j.base);
  if (taken) {
    const path = c.post?.path ?? c.proposal?.path ?? 'content';
    j.problems = sortProblems([...c.problems, codedProblem(path, 'change/name-taken', 'change/name-taken', { change: c.id, ...taken, file: c.post ? 'post' : 'proposal', like: path.replace(/([^/]+)\.md$/, `$1-2.md`) })]);
    say(j, text('name-taken', { change: c.id }));
    return true;
  }
  if (decided) return Boolean(await alreadyDecided(repo, verdict, decided));
  return false;
}

/**
 * A change is filed under its slug (ledger, ballots, record). Another change
 * with the same slug — another branch or pull request, with its own commits —
 * must not inherit that opening, those ballots or that decision. A slug is
 * taken only by an opening that stands (a valid change opened it: an invalid
 * one records nothing, see standingOpening) or by a decision. The same
 * change goes by the same head name, or its commits descend from (or lead to)
 * the ones first seen, so a rebased branch or a commit named by its id is
 * still itself. Once a change is accepted and merged, every later branch
 * descends from it: a change that still adds a file of that slug is a new
 * post or proposal, whatever its head is called. Returns a description of the
 * other change, or undefined.
 */
/** Which other change holds the name, in the catalogue's parameters (change/name-taken), or undefined when none does. */
async function nameTaken(options: JudgeOptions, change: ChangeHead, id: string, decided: RecordFile | undefined, base: string): Promise<Pick<NameTaken, 'head' | 'opened' | 'published' | 'decided'> | undefined> {
  const { repo } = options;
  const known = (await standingOpening(options, id, base)).opening;
  const related = (a: string, b: string) => doing(repo, { step: 'same-change', head: change.head, change: id }, async () => a === b || (await isAncestor(repo, a, b)) || (await isAncestor(repo, b, a)));
  const { record } = decided ? await readRecord(repo, decided) : { record: undefined };
  if (record?.outcome === 'accepted' && (await isAncestor(repo, record.head, base).catch(() => false))) {
    return { head: known?.head ?? record.change, opened: '', published: decided!.path, decided: '' };
  }
  if (known) {
    if (await related(known.firstHead, change.commit)) return undefined;
    if (known.head === change.head && (await sameChangeRenamed(options, change, known, base))) return undefined;
    return { head: known.head, opened: known.opened, published: '', decided: decided?.path ?? '' };
  }
  if (!decided) return undefined;
  if (!record || (await related(record.head, change.commit))) return undefined;
  return { head: '', opened: '', published: '', decided: decided.path };
}

/**
 * A head under the name the ledger first saw, but not descending from its
 * first head: still that change when it carries a commit the ledger saw for
 * it (a merge or reset of the same branch), when it is a pull request (its
 * number is never reused), or when the same member submitted both its content
 * and the first head's (a rebase). Otherwise it is another change reusing a
 * withdrawn change's branch name, another member's or an outsider's: it must
 * not inherit that opening, its clock (a vote already closed) or its roster.
 * When the first head is gone, nothing shows the two are one change.
 */
async function sameChangeRenamed(options: JudgeOptions, change: ChangeHead, known: Opening, base: string): Promise<boolean> {
  const { repo, source } = options;
  if (source.mode === 'github' && /^#\d+$/.test(change.head)) return true;
  const commits = await commitsBetween(repo, base, change.commit);
  if (commits.some((c) => c.oid in known.seen)) return true;
  const roster = (await frozenGovernance(repo, known.policyCommit)).members;
  if (!roster) return false;
  try {
    const firstBase = (await mergeBaseOf(repo, known.policyCommit, known.firstHead)) ?? known.policyCommit;
    const context = (head: ChangeHead, at: string): ChangeContext => ({ change: head, id: known.change, base: at, roster, firstSeen: known.seen });
    const first = await source.submitter(context({ head: known.head, commit: known.firstHead }, firstBase));
    const now = await source.submitter(context(change, base));
    return first.handle !== undefined && first.handle === now.handle;
  } catch (error) {
    if (error instanceof MissingObjectError) return false;
    throw error;
  }
}

/** The ledger's entry for a change, when it stands; or the entry set aside, and why. */
export interface Standing {
  opening?: Opening;
  setAside?: { opening: Opening; why: string; code: BotText };
}

/**
 * Whether the ledger's entry for a change stands (the rule: `entryStands` in
 * src/commons/opening.ts): this gathers what it needs from the repository,
 * the frozen commits' presence and, for an entry an older bot wrote (no
 * `valid`), its first head judged again as it was first seen (against the
 * commit it froze, at its opening time). The one reading of the ledger that
 * every reader shares: the bot's judgement, and the site's list of changes
 * under vote (src/site/open-changes.ts), so an entry the bot ignores is never
 * shown as a vote. Audit replays trust the ledger as it is: they check what
 * was recorded. `base`: the commit judged against (main); an entry freezing a
 * commit off its history does not stand, whoever wrote it (a ledger fetched
 * from a remote is trusted no further than what the bot itself would write).
 */
export async function standingOpening(options: JudgeOptions, id: string, base: string | readonly string[]): Promise<Standing> {
  const { repo } = options;
  const entry = await readOpening(repo, id);
  if (!entry || options.replay) return entry ? { opening: entry } : {};
  const unpublished = await unpublishedFrozenCommit(repo, entry);
  const foreign = unpublished ? undefined : await foreignFrozenCommit(repo, entry, base);
  const firstLook = unpublished || foreign || entry.valid ? undefined : await firstLookValid(options, entry);
  const verdict = entryStands(entry, { ...(unpublished ? { unpublished } : {}), ...(foreign ? { foreign } : {}), ...(firstLook ? { firstLook } : {}) });
  return verdict.stands ? { opening: entry } : { setAside: { opening: entry, why: verdict.why, code: verdict.code } };
}

/**
 * A frozen commit of the entry that is here but not an ancestor of the base (of any of `bases`:
 * the site's clone may hold main and a newer origin/main). A missing one is unpublishedFrozenCommit's.
 */
async function foreignFrozenCommit(repo: Repository, entry: Opening, base: string | readonly string[]): Promise<{ commit: string; base: string } | undefined> {
  const bases = typeof base === 'string' ? [base] : base;
  for (const oid of new Set([entry.policyCommit, entry.rosterCommit])) {
    if (!(await hasCommit(repo, oid))) continue;
    let on = false;
    for (const b of bases) {
      on ||= await isAncestor(repo, oid, b).catch((error: unknown) => {
        if (error instanceof MissingObjectError) return true; // a shallow clone may stop short: not evidence
        throw error;
      });
    }
    if (!on && bases[0] !== undefined) return { commit: oid, base: bases[0].slice(0, 10) };
  }
  return undefined;
}

/** Judge an older entry's first head again, as first seen: memoized per repository and entry. */
function firstLookValid(options: JudgeOptions, entry: Opening): Promise<'valid' | 'invalid' | 'gone'> {
  let memo = firstLooks.get(options.repo.cache);
  if (!memo) firstLooks.set(options.repo.cache, (memo = new Map()));
  const key = `${entry.change} ${entry.opened} ${entry.firstHead} ${entry.policyCommit}`;
  let found = memo.get(key);
  if (!found) memo.set(key, (found = replayFirstLook(options, entry)));
  return found;
}

const firstLooks = new WeakMap<object, Map<string, Promise<'valid' | 'invalid' | 'gone'>>>();

async function replayFirstLook(options: JudgeOptions, entry: Opening): Promise<'valid' | 'invalid' | 'gone'> {
  const { repo } = options;
  if (!(await hasCommit(repo, entry.firstHead))) return 'gone';
  const number = /^#(\d+)$/.exec(entry.head)?.[1];
  const first: ChangeHead = { head: entry.head || entry.firstHead, commit: entry.firstHead, ...(number ? { number: Number(number) } : {}) };
  const base = entry.policyCommit;
  try {
    const read = await readChange(repo, first, base);
    const c = read.classification;
    if (!c || c.kind === 'platform' || c.id !== entry.change) return 'invalid';
    const look: JudgeOptions = { ...options, now: new Date(entry.opened), record: false, replay: true };
    const opened = await openChange(look, first, base, read, entry.change, entry, { keep: false });
    const checked = await checkChange(look, first, base, read, opened);
    return checked.problems.length === 0 && opened.frozen.policy && opened.frozen.members ? 'valid' : 'invalid';
  } catch (error) {
    if (error instanceof MissingObjectError) return 'gone';
    throw error;
  }
}

/** The change as opened, or as it would open now: its commits, the ledger entry, the frozen policy and roster, the clock. */
interface OpenedChange {
  commits: CommitInfo[];
  /** The entry after this look: the one standing plus what is new, or the opening this look would record. */
  opening: Opening;
  /** What this look saw, to record once the change is known to be valid (or already opened). */
  observation: Observation;
  frozen: Frozen;
  recent: RecentRecords;
  clock: Date;
  /** Git-native: the ballots the ledger keeps and the head's, to find any dropped (src/ballots/kept-ballots.ts). */
  kept?: KeptBallots;
  /** Set when the frozen policy seals this change's vote. */
  sealed?: SealedVote;
}

/**
 * One look at the change, written nowhere: with an opening standing, that
 * entry plus the commits seen for the first time; without one, the opening a
 * first valid sight records now, freezing main as judged (`base`), so that
 * a change not yet opened is checked against main's current policy and roster.
 */
async function openChange(options: JudgeOptions, change: ChangeHead, base: string, read: ReadChange, id: string, known: Opening | undefined, { keep = true } = {}): Promise<OpenedChange> {
  const { repo } = options;
  const commits = await commitsBetween(repo, base, change.commit);
  const recent = await recentRecords(repo, read.records, new Date(options.now.getTime() - 8 * 86_400_000), base);
  // First sights are recorded on the same clock as decisions: never before the latest record on main.
  const now = effectiveClock(options.now, [recent.latestClosed]);
  const governance = await frozenGovernance(repo, known?.policyCommit ?? base);
  const inHead = new Set(commits.map((c) => c.oid));
  // A sealed vote is known from the frozen policy and the opening (the one this look would record, if none yet).
  const kind = read.classification?.kind;
  const sealed = governance.policy && kind ? sealedVoteOf(kind, governance.policy, known?.opened ?? now.toISOString()) : undefined;
  const ballots = keep ? await headBallots(options, change, base, id, known, governance.members, inHead, sealed) : undefined;
  const kept = keep && sealed && governance.members ? await sealedToKeep(repo, ballots?.evidence ?? (await options.source.ballots({ change, id, base, roster: governance.members, firstSeen: known?.seen ?? {}, sealed })), sealed) : undefined;
  const observation: Observation = { change: id, head: change.head, headCommit: change.commit, commits: commits.map((c) => c.oid), base, now, ...(ballots ? { ballots: ballots.record } : {}), ...(kept ? { sealed: kept } : {}) };
  const opening = observe(known, observation);
  const clock = effectiveClock(options.now, [opening.opened, ...commits.map((c) => opening.seen[c.oid]), recent.latestClosed]);
  const opened: OpenedChange = { commits, opening, observation, frozen: governance, recent, clock, ...(sealed ? { sealed } : {}) };
  if (ballots) opened.kept = { opening, seenBefore: known?.seen ?? {}, head: ballots.head, inHead, id, headCommit: change.commit, clock };
  return opened;
}

/**
 * Write this look to the ledger: the first valid sight opens the change (or
 * replaces an entry set aside), a later look adds what it saw first. False
 * when another run opened or replaced the entry since it was read: the
 * change is then judged again against what that run stored.
 */
async function recordLook(options: JudgeOptions, id: string, opened: OpenedChange, standing: Standing): Promise<boolean> {
  const expected = standing.opening ?? standing.setAside?.opening;
  const same = (a: Opening | undefined, b: Opening | undefined) => a === b || (a !== undefined && b !== undefined && a.opened === b.opened && a.firstHead === b.firstHead && a.policyCommit === b.policyCommit);
  let stored = true;
  await updateOpening(options.repo, id, opened.observation.now, (current) => {
    if (!same(current, expected)) {
      stored = false;
      return undefined;
    }
    const next = observe(standing.opening ? current : undefined, opened.observation);
    return next.valid ? next : { ...next, valid: true };
  });
  return stored;
}

/**
 * Git-native: the valid ballot commits on the head, and what to record in the
 * ledger (those, plus for an entry from before ballots were kept, the seen
 * ballots still readable that the head dropped). Forge reviews are the forge's record.
 */
async function headBallots(options: JudgeOptions, change: ChangeHead, base: string, id: string, known: Opening | undefined, roster: Member[] | undefined, inHead: Set<string>, sealed: SealedVote | undefined): Promise<{ head: Record<string, string>; record: Record<string, string>; evidence: BallotEvidence[] } | undefined> {
  if (options.source.mode !== 'git' || !roster) return undefined;
  const evidence = await options.source.ballots({ change, id, base, roster, firstSeen: known?.seen ?? {}, ...(sealed ? { sealed } : {}) });
  const head = validBallotCommits(evidence);
  const record = known ? await withLegacyBallots(options.repo, known, inHead, head, id, roster, options.now) : head;
  return { head, record, evidence };
}

interface CheckedChange {
  problems: Problem[];
  head: ParsedCommons;
  context: ChangeContext;
  author?: string;
  appealed?: DecisionRecord;
  /** What validation found wrong with the change's ballot files (not the change's problems until it is merged). */
  ballotFiles: Problem[];
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
    problems.push(codedProblem('governance/policy.md', 'change/no-frozen-policy', 'change/no-frozen-policy', { policy: short(opened.opening.policyCommit) }));
    // Say where: the problems of those files as they were at that commit.
    problems.push(...opened.frozen.problems.slice(0, 20).map((p) => framed(p, 'frozen-at', { commit: short(opened.opening.policyCommit) })));
  }
  // Ballot files are evidence, not content: their faults are reported as the reason each ballot does not count (and block a merge: decideChange).
  problems.push(...dedupe(problems, validation.problems.filter((p) => !p.path.startsWith('governance/ballots/'))));
  const ballotFiles = validation.problems.filter((p) => p.path.startsWith('governance/ballots/'));
  const head = validation.parsed;
  const context: ChangeContext = { change, id, base, roster: opened.frozen.members ?? [], firstSeen: opened.opening.seen, ...(opened.sealed ? { sealed: opened.sealed } : {}) };
  const author = c.post ? head.posts.get(c.post.id)?.data.author : head.proposals.get(id)?.data.author;
  problems.push(...(await authorProblems(options.source, context, authoredFiles(c, head))));
  if (options.source.problems) problems.push(...(await options.source.problems(context)));
  const proposal = head.proposals.get(id)?.data;
  if (opened.kept) problems.push(...(await droppedBallots(repo, withoutKeptSealed(opened.kept))));
  if (c.kind === 'moderation') problems.push(...(await moderationProblems(repo, opened.opening.policyCommit, c, proposal, appealed, read.headTree)));
  return { problems, head, context, ballotFiles, ...(author !== undefined ? { author } : {}), ...(appealed ? { appealed } : {}) };
}

/** Collect the ballots and apply the decision rule of the change's kind at the clock. */
async function decideChange(options: JudgeOptions, verdict: Verdict, read: ReadChange, opened: OpenedChange, checked: CheckedChange): Promise<Verdict> {
  const c = read.classification!;
  const id = c.id!;
  const j = read.judgement;
  const { opening, frozen, commits, clock } = opened;
  const content = await contentCommits(options.repo, commits);
  const sealed = await sealedBallots(options, checked, opened, id, content);
  const ballots = checkCitedRules(sealed.ballots, frozen.rules);
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
    ...(sealed.state ? { sealed: sealed.state } : {}),
  });
  j.decision = decidedNow.decision;
  j.reasons.push(...decidedNow.reasons);
  j.reasonCodes = [...(j.reasonCodes ?? []), ...decidedNow.reasonCodes];
  j.ballots = decidedNow.ballots;
  if (decidedNow.decision === 'accept') {
    // Its files go to main, which must pass check: the roster main will have is the base's (or, for a membership change, the head's too).
    const listed = [...(await frozenGovernance(options.repo, j.base)).listed ?? [], ...(await frozenGovernance(options.repo, j.commit)).listed ?? []];
    const roster = new Set(listed.map((m) => m.handle));
    const refused = ballotFileProblems(read.files, checked.ballotFiles, roster);
    // And every ballot file must hold its voter's own signed words: nobody speaks in another member's name on main.
    refused.push(...unsignedBallotFiles(await changeCommits(options.repo, commits), read.files, listed).filter((p) => !refused.some((r) => r.path === p.path)));
    if (refused.length) {
      j.decision = 'invalid';
      j.problems = sortProblems(refused);
      say(j, text('ballot-files-refused', { files: refused.length }));
      return verdict;
    }
  }
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
    // Decided now: it closes at the clock, as its record says (the deadline may have passed long before).
    j.closes = verdict.record.closed;
  }
  return verdict;
}

/**
 * The ballots of the change, and for a sealed vote, those the ledger kept too; at or after the
 * close, opened with the beacon's signature of the round (a record's, in an audit: never the
 * network), or the reason they cannot be opened yet (docs/voting.md, Sealed ballots).
 */
async function sealedBallots(options: JudgeOptions, checked: CheckedChange, opened: OpenedChange, id: string, content: ReadonlySet<string>): Promise<{ ballots: BallotEvidence[]; state?: DecideInput['sealed'] }> {
  const evidence = await options.source.ballots(checked.context);
  const vote = opened.sealed;
  if (!vote) return { ballots: evidence };
  const ballots = await withKeptSealed(options.repo, evidence, opened.opening, vote, opened.commits.map((c) => c.oid).filter((oid) => content.has(oid)), checked.context.roster);
  if (opened.clock.getTime() < Date.parse(vote.closes)) return { ballots, state: { round: vote.round, state: 'sealed' } };
  const got = await roundSignature(options, vote);
  if (!got.ok) return { ballots, state: { round: vote.round, state: 'waiting', why: got.reason } };
  return { ballots: await openSealed(ballots, got, vote, id), state: { round: vote.round, state: 'opened', signature: got.signature } };
}

async function roundSignature(options: JudgeOptions, vote: SealedVote): Promise<RoundFetch> {
  const given = options.sealedRound;
  if (given) {
    const ok = given.round === vote.round && verifyRound(vote.beacon, given.round, given.signature);
    return ok ? { ok: true, ...given } : { ok: false, reason: 'invalid', detail: `the record's round ${given.round} and signature do not verify against the frozen beacon for round ${vote.round}` };
  }
  if (options.replay) return { ok: false, reason: 'not-yet', detail: 'an audit never asks the beacon: the record keeps no signature' };
  return (options.rounds ?? networkRounds)(vote.beacon, vote.round);
}

/** Kept ballots minus the sealed ones: their bytes are in the ledger, so the head dropping them changes nothing. */
function withoutKeptSealed(kept: KeptBallots): KeptBallots {
  const sealed = kept.opening.sealed;
  if (!sealed || !kept.opening.ballots) return kept;
  const ballots = Object.fromEntries(Object.entries(kept.opening.ballots).filter(([oid]) => !(oid in sealed)));
  return { ...kept, opening: { ...kept.opening, ballots } };
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
    say(j, text('already-decided', { accepted: record.outcome === 'accepted', closed: record.closed, path: file.path }));
    j.reasons.push(...record.reasons);
    if (record.reasonCodes) j.reasonCodes = [...(j.reasonCodes ?? []), ...record.reasonCodes.filter(isKnownText)];
    j.ballots = record.ballots;
    if (record.tally) j.tally = record.tally;
    j.opened = record.opened;
    j.closes = record.closed;
  } else {
    j.decision = 'reject';
    say(j, text('already-decided-unreadable', { path: file.path }));
  }
  return verdict;
}

