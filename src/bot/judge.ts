/**
 * Judging one change (DESIGN.md, data path of one change): read base and head
 * as git objects, diff them, classify under the frozen policy, validate the
 * files, collect and verify ballots, and decide against the clock. Shared by
 * review, merge and audit; the only write is the openings ledger, and only
 * when `record` is set.
 */
import { classifyChange, type Classification, type TouchedFile } from '../commons/classify.ts';
import { decide, type Decided } from '../commons/decide.ts';
import { parseRecord, type UnsealedRecord } from '../commons/decision-record.ts';
import { readFrontMatter } from '../commons/front-matter.ts';
import type { Decision, Judgement } from '../commons/judgement.ts';
import { effectiveClock, observe, type Opening } from '../commons/opening.ts';
import { problem, sortProblems, type Problem } from '../commons/problem.ts';
import type { DecisionRecord } from '../commons/schema/decision.ts';
import type { Member } from '../commons/schema/members.ts';
import type { Policy } from '../commons/schema/policy.ts';
import { proposalSchema, type ProposalFrontMatter } from '../commons/schema/proposal.ts';
import { modeFromGit, snapshotOf, type SnapshotEntry } from '../commons/snapshot.ts';
import { validateCommons, type ParsedCommons } from '../commons/validate.ts';
import { diffTrees, type FileChange } from '../repo/diff.ts';
import { changeCommits } from '../ballots/commit-ballots.ts';
import { commitsBetween, mergeBaseOf, type CommitInfo } from '../repo/history.ts';
import { readOpening, updateOpening } from '../repo/ledger.ts';
import type { Repository } from '../repo/repository.ts';
import { entryAt, listFiles, readBlobBytes, readText, readTreeLevel, treeOf, type TreeFile } from '../repo/tree.ts';
import { listRecords, readRecord, recentRecords, type RecordFile } from './records.ts';
import type { ChangeContext, ChangeHead, ChangeSource } from './source.ts';

export interface JudgeOptions {
  repo: Repository;
  source: ChangeSource;
  /** The clock asked for (--at, or now). */
  now: Date;
  /** Record the opening in the ledger (review, merge); audit and --dry-run only read it. */
  record: boolean;
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
  const { repo } = options;
  const judgement: Judgement = { head: change.head, commit: change.commit, base, kind: 'post', decision: 'invalid', reasons: [], problems: [], ballots: [] };
  const mergeBase = await mergeBaseOf(repo, base, change.commit);
  const baseTree = await treeOf(repo, base);
  const headTree = await treeOf(repo, change.commit);
  const files = await diffTrees(repo, mergeBase ? await treeOf(repo, mergeBase) : undefined, headTree);
  const records = await listRecords(repo, baseTree);
  const verdict: Verdict = { judgement, clock: options.now, ...(mergeBase ? { mergeBase } : {}) };

  if (files.length === 0) {
    // Already on the base: find the record that merged it, newest first, so a re-run reports it and changes nothing.
    for (let i = records.length - 1; i >= 0; i--) {
      const { record } = await readRecord(repo, records[i]!);
      if (record?.head === change.commit) return alreadyDecided(repo, verdict, records[i]!);
    }
    judgement.reasons.push(`${change.head} adds nothing to ${short(base)}: it is already merged, or empty`);
    return verdict;
  }
  const texts = await readTexts(repo, files);
  const classification = classifyChange(files.map(touched), proposalOf(texts, files));
  verdict.classification = classification;
  judgement.kind = classification.kind;

  if (classification.kind === 'platform') {
    const platform = files.filter((f) => !f.path.startsWith('content/') && !f.path.startsWith('governance/')).map((f) => f.path);
    judgement.decision = 'manual';
    judgement.reasons.push(`touches platform files (${platform.slice(0, 5).join(', ')}${platform.length > 5 ? ', …' : ''}): the bot never merges code; people review it`);
    judgement.problems = classification.problems;
    return verdict;
  }
  const id = classification.id;
  if (!id) {
    judgement.problems = sortProblems(classification.problems);
    judgement.reasons.push('the change adds no post or proposal to name it by');
    return verdict;
  }

  const decided = [...records].reverse().find((r) => r.change === id);
  if (decided) return alreadyDecided(repo, verdict, decided);

  // Opening: first sight records policy and roster; later looks record new commits.
  const commits = await commitsBetween(repo, base, change.commit);
  const known = await readOpening(repo, id);
  const openedAt = known || !options.source.opened ? undefined : await options.source.opened(change);
  const observation = { change: id, head: change.head, headCommit: change.commit, commits: commits.map((c) => c.oid), base, now: options.now, ...(openedAt ? { openedAt } : {}) };
  const opening = options.record ? await updateOpening(repo, id, options.now, (o) => observe(o, observation)) : observe(known, observation);
  verdict.opening = opening;
  const frozen = await frozenGovernance(repo, opening.policyCommit);
  const since = new Date(options.now.getTime() - 8 * 86_400_000);
  const recent = await recentRecords(repo, records, since);
  const clock = effectiveClock(options.now, [opening.opened, ...commits.map((c) => opening.seen[c.oid]), recent.latestClosed]);
  verdict.clock = clock;
  judgement.opened = opening.opened;

  const problems = [...classification.problems];
  if (!frozen.policy || !frozen.members) {
    problems.push(problem('governance/policy.md', 'change/no-frozen-policy', `the policy or roster at ${short(opening.policyCommit)} (frozen when the change was opened) cannot be read`, { hint: 'fix main\'s governance files first: `noclout check`' }));
  }
  const parsed = validateHead(repo, headTree, files, texts, id);
  // Ballot files are evidence, not content: their faults are reported as the reason each ballot does not count.
  problems.push(...dedupe(problems, (await parsed).problems.filter((p) => !p.path.startsWith('governance/ballots/'))));
  const { parsed: head } = await parsed;
  const context: ChangeContext = { change, id, base, roster: frozen.members ?? [], firstSeen: opening.seen };
  const author = classification.post ? head.posts.get(classification.post.id)?.data.author : head.proposals.get(id)?.data.author;
  const authorPath = classification.post?.path ?? classification.proposal?.path ?? '';
  if (author !== undefined) problems.push(...(await authorProblems(options.source, context, author, authorPath)));
  const appealed = await appealedRecord(repo, baseTree, head.proposals.get(id)?.data);
  if (classification.kind === 'moderation') problems.push(...(await moderationProblems(repo, opening.policyCommit, classification, head.proposals.get(id)?.data, appealed)));

  judgement.problems = sortProblems(problems);
  if (problems.length || !frozen.policy || !frozen.members) {
    judgement.reasons.push(`${problems.length} problem${problems.length === 1 ? '' : 's'} to fix before this change can be judged; nothing is recorded until then`);
    return verdict;
  }

  const ballots = await options.source.ballots(context);
  const roster = new Set(frozen.members.map((m) => m.handle));
  const textSeen = latestContentSeen(opening, commits.map((c) => c.oid), classification, await contentCommits(repo, commits));
  const decidedNow: Decided = decide({
    kind: classification.kind,
    policy: frozen.policy,
    roster,
    ballots,
    opened: opening.opened,
    ...(textSeen ? { textSeen } : {}),
    authorPublications: author ? (recent.publications.get(author) ?? []) : [],
    now: clock,
  });
  judgement.decision = decidedNow.decision;
  judgement.reasons.push(...decidedNow.reasons);
  judgement.ballots = decidedNow.ballots;
  if (decidedNow.tally) judgement.tally = decidedNow.tally;
  judgement.closes = decidedNow.closes;
  if (decidedNow.decision !== 'pending') {
    verdict.record = recordOf(judgement, decidedNow, { id, title: clip(titleOf(head, classification, id), 200), opening, members: frozen.members.length, clock, files, author, proposal: head.proposals.get(id)?.data, appealed, reasoning: reasoningOf(head, id), policyCommit: opening.policyCommit, classification, repo, baseTree });
  }
  return verdict;
}

function touched(f: FileChange): TouchedFile {
  const entry = f.head ?? f.base!;
  return { path: f.path, status: f.status, mode: entry.type === 'commit' ? 'submodule' : modeFromGit(entry.mode) };
}

/** Text of every added or modified regular file of the change. */
async function readTexts(repo: Repository, files: readonly FileChange[]): Promise<Map<string, { text: string; size: number }>> {
  const out = new Map<string, { text: string; size: number }>();
  await Promise.all(
    files.map(async (f) => {
      if (!f.head || f.head.type !== 'blob' || f.head.mode !== '100644') return;
      const bytes = await readBlobBytes(repo, f.head.oid);
      out.set(f.path, { text: new TextDecoder().decode(bytes), size: bytes.byteLength });
    }),
  );
  return out;
}

function proposalOf(texts: Map<string, { text: string }>, files: readonly FileChange[]): ProposalFrontMatter | undefined {
  const path = files.find((f) => f.status === 'added' && /^content\/proposals\/[^/]+\.md$/.test(f.path))?.path;
  const text = path ? texts.get(path)?.text : undefined;
  if (!path || text === undefined) return undefined;
  const front = readFrontMatter(text, { path });
  const parsed = proposalSchema.safeParse(front.data);
  return parsed.success ? parsed.data : undefined;
}

/** The policy and members of the commit frozen at opening (read once per commit and repository). */
function frozenGovernance(repo: Repository, commit: string): Promise<{ policy?: Policy; members?: Member[] }> {
  let memo = frozenMemo.get(repo.cache);
  if (!memo) frozenMemo.set(repo.cache, (memo = new Map()));
  let found = memo.get(commit);
  if (!found) memo.set(commit, (found = readGovernance(repo, commit)));
  return found;
}

const frozenMemo = new WeakMap<object, Map<string, Promise<{ policy?: Policy; members?: Member[] }>>>();

async function readGovernance(repo: Repository, commit: string): Promise<{ policy?: Policy; members?: Member[] }> {
  const tree = await treeOf(repo, commit);
  const entries: SnapshotEntry[] = [];
  for (const path of ['governance/policy.md', 'governance/members.yml']) {
    const text = await readText(repo, tree, path);
    if (text !== undefined) entries.push({ path, mode: 'file', text, size: Buffer.byteLength(text) });
  }
  const { parsed } = validateCommons(snapshotOf(entries));
  const out: { policy?: Policy; members?: Member[] } = {};
  if (parsed.policy) out.policy = parsed.policy.data;
  if (parsed.members) out.members = parsed.members;
  return out;
}

/**
 * Validate the change's files the way `noclout check` does, with the commons
 * around them as context. Only the files that matter are read: the governance
 * files (the roster only when the change edits it: authors are checked against
 * the frozen roster), this change's ballots, the changed files and the post a
 * reply points at. A commons of ten thousand posts is not read to judge one.
 */
async function validateHead(repo: Repository, headTree: string, files: readonly FileChange[], texts: Map<string, { text: string; size: number }>, id: string): Promise<{ problems: Problem[]; parsed: ParsedCommons }> {
  const entries = new Map<string, SnapshotEntry>();
  const add = async (file: TreeFile) => {
    const mode = file.type === 'commit' ? 'submodule' : modeFromGit(file.mode);
    const known = texts.get(file.path);
    if (known) return void entries.set(file.path, { path: file.path, mode, text: known.text, size: known.size });
    if (mode !== 'file') return void entries.set(file.path, { path: file.path, mode, size: 0 });
    const bytes = await readBlobBytes(repo, file.oid);
    entries.set(file.path, { path: file.path, mode, text: new TextDecoder().decode(bytes), size: bytes.byteLength });
  };
  const governance = await entryAt(repo, headTree, 'governance');
  const context = governance?.type === 'tree' ? await listFiles(repo, governance.oid, 'governance/') : [];
  const wanted = (path: string) => texts.has(path) || path.startsWith(`governance/ballots/${id}/`) || (!path.startsWith('governance/ballots/') && !path.startsWith('governance/decisions/') && path !== 'governance/members.yml');
  await Promise.all(context.filter((f) => wanted(f.path)).map(add));
  for (const [path, { text }] of texts) {
    const m = /^replyTo:\s*["']?(\d{4}\/[a-z0-9-]+)/m.exec(text.slice(0, 4000));
    const target = m && path.startsWith('content/posts/') ? await entryAt(repo, headTree, `content/posts/${m[1]}.md`) : undefined;
    if (target) await add(target);
  }
  for (const f of files) if (f.head && !entries.has(f.path)) await add(f.head);
  const duplicates = await slugOwners(repo, headTree, id);
  const extra: Problem[] = duplicates.length > 1 ? [problem(duplicates.find((d) => texts.has(d))?? duplicates[0]!, 'change/duplicate-slug', `the slug "${id}" is already used by ${duplicates.filter((d) => !texts.has(d)).join(', ')}`, { hint: 'choose another file name: ballots and decisions name a change by its slug alone' })] : [];
  const only = new Set(files.filter((f) => f.status !== 'deleted').map((f) => f.path));
  const validation = validateCommons(snapshotOf(entries.values()), { only });
  // Without the roster in the snapshot the validator cannot know the members; the bot checks authors against the frozen roster itself.
  const problems = validation.problems.filter((p) => p.rule !== 'commons/missing-file' || texts.has(p.path));
  return { problems: [...extra, ...dedupe(extra, problems)], parsed: validation.parsed };
}

/** Every post or proposal file whose slug is `id`: a change id must name one change only. */
async function slugOwners(repo: Repository, tree: string, id: string): Promise<string[]> {
  const owners: string[] = [];
  if (await entryAt(repo, tree, `content/proposals/${id}.md`)) owners.push(`content/proposals/${id}.md`);
  const posts = await entryAt(repo, tree, 'content/posts');
  if (posts?.type === 'tree') {
    for (const year of await readTreeLevel(repo, posts.oid)) {
      if (year.type === 'tree' && (await readTreeLevel(repo, year.oid)).some((e) => e.path === `${id}.md`)) owners.push(`content/posts/${year.path}/${id}.md`);
    }
  }
  return owners;
}

function dedupe(existing: readonly Problem[], more: readonly Problem[]): Problem[] {
  const seen = new Set(existing.map((p) => `${p.path}\0${p.rule}`));
  return more.filter((p) => !seen.has(`${p.path}\0${p.rule}`));
}

/** The author written in the file must be the member who signed the change (principle 5: no identity from a free field). */
async function authorProblems(source: ChangeSource, context: ChangeContext, author: string, path: string): Promise<Problem[]> {
  if (!context.roster.some((m) => m.handle === author)) {
    return [problem(path, 'change/author-not-member', `author "${author}" is not in the roster frozen when the change was opened`, { hint: 'joining is a membership change, decided first' })];
  }
  const submitter = await source.submitter(context);
  if (submitter.handle === undefined) {
    return [problem(path, 'change/unsigned', `the change cannot be attributed to a member: ${submitter.reason}`, { hint: `sign every commit with ${author}'s key: git -c gpg.format=ssh -c user.signingkey=~/.ssh/id_ed25519 commit -S` })];
  }
  if (submitter.handle !== author) {
    return [problem(path, 'change/forged-author', `the file says author "${author}", but the change was submitted (signed) by "${submitter.handle}"`, { hint: `write author: ${submitter.handle}, or let ${author} submit it` })];
  }
  return [];
}

/** The decision an appeal contests, read from the base. */
async function appealedRecord(repo: Repository, baseTree: string, data: ProposalFrontMatter | undefined): Promise<DecisionRecord | undefined> {
  if (!data?.appeals) return undefined;
  const text = await readText(repo, baseTree, `governance/decisions/${data.appeals}.md`);
  const parsed = text === undefined ? undefined : parseRecord(text, data.appeals);
  return parsed?.ok ? parsed.record : undefined;
}

async function moderationProblems(repo: Repository, frozenCommit: string, c: Classification, data: ProposalFrontMatter | undefined, appealed: DecisionRecord | undefined): Promise<Problem[]> {
  if (!data || !c.proposal) return [];
  const problems: Problem[] = [];
  const path = c.proposal.path;
  if (data.rule && (await readText(repo, await treeOf(repo, frozenCommit), `governance/rules/${data.rule}.md`)) === undefined) {
    problems.push(problem(path, 'moderation/unknown-rule', `rule "${data.rule}" did not exist when the change was opened`, { hint: 'cite a rule of governance/rules/ by its slug' }));
  }
  if (data.appeals) {
    if (!appealed || appealed.kind !== 'moderation' || appealed.outcome !== 'accepted' || !appealed.moderation) {
      problems.push(problem(path, 'moderation/appeal-target', `appeals "${data.appeals}", which is not an accepted moderation decision`, { hint: 'name the decision as "<year>/<nnnn>-<slug>", from governance/decisions/' }));
    } else if (!c.restored.includes(appealed.moderation.post)) {
      problems.push(problem(path, 'moderation/appeal-restores', `the appeal must restore content/posts/${appealed.moderation.post}.md, the post that decision hid`));
    }
  }
  return problems;
}

/** The commits of the change that are not ballots: its text changes, whatever the source. */
async function contentCommits(repo: Repository, commits: readonly CommitInfo[]): Promise<Set<string>> {
  return new Set((await changeCommits(repo, commits)).filter((c) => !c.ballot).map((c) => c.info.oid));
}

/** When the bot first saw the current text of a post: the latest first sight of a content commit. */
function latestContentSeen(opening: Opening, commits: readonly string[], c: Classification, content: Set<string>): string | undefined {
  if (c.kind !== 'post') return undefined;
  const times = commits.filter((oid) => content.has(oid)).map((oid) => opening.seen[oid]).filter((t): t is string => t !== undefined);
  return times.sort().at(-1);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function reasoningOf(head: ParsedCommons, id: string): string | undefined {
  const doc = head.proposals.get(id);
  if (!doc) return undefined;
  const text = `${doc.data.summary ?? ''} ${doc.body}`.replace(/\s+/g, ' ').trim();
  return text ? (text.length > 900 ? `${text.slice(0, 899)}…` : text) : undefined;
}

function titleOf(head: ParsedCommons, c: Classification, id: string): string {
  return (c.post ? head.posts.get(c.post.id)?.data.title : head.proposals.get(id)?.data.title) ?? id;
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

interface RecordFacts {
  id: string;
  title: string;
  opening: Opening;
  members: number;
  clock: Date;
  files: readonly FileChange[];
  author: string | undefined;
  proposal: ProposalFrontMatter | undefined;
  appealed: DecisionRecord | undefined;
  /** The proposal's own words (its summary, else its body), for moderation records. */
  reasoning: string | undefined;
  policyCommit: string;
  classification: Classification;
  repo: Repository;
  baseTree: string;
}

function recordOf(j: Judgement, d: Decided, f: RecordFacts): UnsealedRecord {
  const record: UnsealedRecord = {
    change: f.id,
    title: f.title,
    kind: j.kind,
    outcome: d.decision === 'accept' ? 'accepted' : 'rejected',
    head: j.commit,
    base: j.base,
    opened: f.opening.opened,
    closed: f.clock.toISOString(),
    policyCommit: f.policyCommit,
    rule: d.rule,
    roster: { size: f.members, commit: f.opening.rosterCommit },
    files: f.files.slice(0, 1000).map((file) => clip(file.path, 300)),
    // The record schema bounds every text; contributors' words are cut, never the facts.
    ballots: d.ballots.map((b) => ({ ...b, reason: clip(b.reason, 300), ...(b.comment !== undefined ? { comment: clip(b.comment, 2000) } : {}) })),
    reasons: d.reasons.map((r) => clip(r, 1000)),
  };
  if (f.author) record.author = f.author;
  if (d.tally) record.tally = d.tally;
  if (j.kind === 'moderation' && f.proposal) {
    const post = f.proposal.moderates ?? f.appealed?.moderation?.post ?? f.classification.restored[0] ?? '';
    const moderation: NonNullable<UnsealedRecord['moderation']> = {
      post,
      rule: f.proposal.rule ?? f.appealed?.moderation?.rule ?? 'unknown',
      ruleVersion: f.policyCommit,
      appeal: `open a moderation proposal with \`appeals: <this decision's year/number-slug>\` that restores content/posts/${post}.md; it is decided under voting.moderation like this one`,
    };
    if (f.proposal.appeals) moderation.appeals = f.proposal.appeals;
    record.moderation = moderation;
    if (f.reasoning) record.reasons = [clip(`reasoning of the proposal: ${f.reasoning}`, 1000), ...record.reasons];
  }
  return record;
}

export type { Decision };
