/**
 * Which kind of change a set of touched paths is (DESIGN.md, Kinds of change),
 * and which post or proposal names it. A change mixing kinds is judged as the
 * strictest kind it touches, so a rule proposal cannot smuggle in a policy
 * edit under the rules' lower bar. Pure: the caller reads git.
 */
import { fileKindOf } from './layout.ts';
import { problem, type Problem } from './problem.ts';
import { codedProblem } from './texts/problems.ts';
import type { EntryMode } from './snapshot.ts';
import type { ChangeKind } from './schema/decision.ts';
import type { ProposalFrontMatter } from './schema/proposal.ts';

export interface TouchedFile {
  path: string;
  status: 'added' | 'modified' | 'deleted';
  /** Mode on the head side (the base side for a deletion). */
  mode: EntryMode;
}

/** Strictest first: the first kind touched decides. Platform changes are never merged by the bot. */
export const STRICTNESS: readonly ChangeKind[] = ['platform', 'policy', 'proposal', 'membership', 'moderation', 'post'];

export interface Classification {
  kind: ChangeKind;
  /** The change id: slug of the proposal, else of the new post. Undefined when the change names none. */
  id?: string;
  /** Every kind the paths touch, strictest first (for the explanation). */
  touched: ChangeKind[];
  /** The new post of a post change ("2026/hello") and its path. */
  post?: { id: string; path: string };
  /** Every post the change adds, whatever its kind: each is someone's words, checked for its author or, for an appeal, as the text restored. */
  posts: { id: string; path: string }[];
  /** The proposal the change adds. */
  proposal?: { slug: string; path: string };
  /** Posts the change deletes (moderation) or adds back (an appeal, `appeals:`, and only that). */
  hidden: string[];
  restored: string[];
  /** Ballot files in the change, for its own id. */
  ballots: string[];
  problems: Problem[];
}

/**
 * Classify a change. `proposalData` is the parsed front matter of the proposal
 * the change adds, when there is one and it is valid: it tells a moderation
 * proposal (`moderates`, `appeals`) from a rule proposal.
 */
export function classifyChange(files: readonly TouchedFile[], proposalData?: ProposalFrontMatter): Classification {
  const problems: Problem[] = [];
  const kinds = new Set<ChangeKind>();
  const posts: { id: string; path: string }[] = [];
  const proposals: { slug: string; path: string }[] = [];
  const hidden: string[] = [];
  const ballotFiles: { path: string; change: string }[] = [];

  for (const file of files) {
    if (file.status !== 'deleted' && file.mode !== 'file') {
      problems.push(
        codedProblem(file.path, 'file/not-regular', 'file/not-regular-change', { mode: file.mode }),
      );
    }
    const kind = fileKindOf(file.path);
    switch (kind.kind) {
      case 'platform':
        kinds.add('platform');
        break;
      case 'post':
        if (file.status === 'added') posts.push({ id: kind.id, path: file.path });
        else if (file.status === 'deleted') hidden.push(kind.id);
        else problems.push(codedProblem(file.path, 'change/post-edited', 'change/post-edited', {}));
        break;
      case 'proposal':
        if (file.status === 'added') proposals.push({ slug: kind.slug, path: file.path });
        else problems.push(codedProblem(file.path, 'change/proposal-edited', 'change/proposal-edited', { status: file.status }));
        break;
      case 'commons':
      case 'policy':
        kinds.add('policy');
        break;
      case 'members':
        kinds.add('membership');
        break;
      case 'rule':
        kinds.add('proposal');
        break;
      case 'ballot':
        ballotFiles.push({ path: file.path, change: kind.change });
        break;
      case 'decision':
        problems.push(
          file.status === 'added'
            ? codedProblem(file.path, 'change/decision-record', 'change/decision-record-added', {})
            : codedProblem(file.path, 'change/decision-record', 'change/decision-record', { status: file.status, path: file.path }),
        );
        break;
      case 'placeholder':
        // An empty folder keeper decides no kind; validation refuses one that is not empty.
        break;
      case 'other-commons':
        problems.push(codedProblem(file.path, 'path/not-allowed', 'path/not-allowed-change', { ext: kind.ext, like: kind.like, yearFolder: kind.yearFolder ? 'yes' : '' }));
        break;
    }
  }

  if (proposals.length > 1) {
    for (const p of proposals.slice(1)) problems.push(codedProblem(p.path, 'change/several-proposals', 'change/several-proposals', { other: proposals[0]!.path }));
  }
  const proposal = proposals[0];
  const moderation = proposalData?.moderates !== undefined || proposalData?.appeals !== undefined;
  // The proposal explains the change; the files it touches say which vote decides it. A proposal
  // beside members.yml or the policy is that kind, not a rule proposal (voting.rules would judge a
  // membership change by the wrong numbers); a proposal that touches nothing else is a rule proposal.
  if (proposal) {
    if (moderation) kinds.add('moderation');
    else if (!kinds.has('membership') && !kinds.has('policy')) kinds.add('proposal');
  }
  if (hidden.length) kinds.add('moderation');
  // Only an appeal puts a post back (the one its decision hid, as the exact text: src/bot/change-checks.ts).
  const appeal = proposalData?.appeals !== undefined;
  const restored = appeal ? posts.map((p) => p.id) : [];
  if (posts.length && !moderation) kinds.add('post');

  const touched = STRICTNESS.filter((k) => kinds.has(k));
  const kind = touched[0] ?? 'post';
  const id = proposal?.slug ?? (posts.length === 1 ? posts[0]!.id.split('/')[1] : undefined);

  if (kind !== 'platform') problems.push(...namingProblems(kind, proposal, posts, hidden, proposalData));
  // A proposal that does not read cannot say it is an appeal: its own problems are told first.
  if (kind !== 'platform' && kind !== 'post' && !appeal && !(proposal && !proposalData)) problems.push(...postsOutOfPlace(kind, posts));
  if (id) {
    for (const ballot of ballotFiles) {
      if (ballot.change !== id) problems.push(codedProblem(ballot.path, 'change/foreign-ballot', 'change/foreign-ballot', { id, change: ballot.change }));
    }
  }
  if (!id && kinds.size === 0 && ballotFiles.length) problems.push(...ballotOnlyProblems(ballotFiles));
  const result: Classification = { kind, touched, posts, hidden, restored, ballots: ballotFiles.filter((b) => b.change === id).map((b) => b.path), problems };
  if (id) result.id = id;
  if (posts.length === 1 && kind === 'post') result.post = posts[0]!;
  if (proposal) result.proposal = proposal;
  return result;
}

/** A change of ballots alone is never merged (DESIGN.md, Kinds of change): each ballot counts on the branch of the change it votes on. */
function ballotOnlyProblems(ballots: readonly { path: string; change: string }[]): Problem[] {
  return ballots.map((b) =>
    codedProblem(b.path, 'change/ballot-only', 'change/ballot-only', { change: b.change }),
  );
}

/**
 * A post rides with no other kind of change. Published by a change of its own, it waits out the
 * objection window (lazy consensus), counts toward its author's posts.maxPerAuthorPerWeek and gets
 * a record of its own; inside a proposal, policy or membership change it would skip all three and
 * be published by a vote on something else. A moderation hides a post and adds none: only an
 * appeal puts one back, the one its decision hid.
 */
function postsOutOfPlace(kind: ChangeKind, posts: readonly { id: string; path: string }[]): Problem[] {
  return posts.map((p) =>
    kind === 'moderation'
      ? codedProblem(p.path, 'moderation/adds-post', 'moderation/adds-post', { path: p.path })
      : codedProblem(p.path, 'change/mixed-post', 'change/mixed-post', { kind, path: p.path }),
  );
}

function namingProblems(kind: ChangeKind, proposal: { slug: string; path: string } | undefined, posts: { id: string; path: string }[], hidden: string[], data?: ProposalFrontMatter): Problem[] {
  const problems: Problem[] = [];
  if (kind === 'post') {
    if (posts.length > 1) for (const p of posts.slice(1)) problems.push(codedProblem(p.path, 'change/several-posts', 'change/several-posts', { other: posts[0]!.path }));
    return problems;
  }
  if (!proposal) {
    problems.push(codedProblem('content/proposals', 'change/needs-proposal', 'change/needs-proposal', { hidden: hidden.join(', '), kind }));
    return problems;
  }
  if (kind === 'moderation' && data) {
    if (data.moderates && !hidden.includes(data.moderates)) {
      problems.push(codedProblem(proposal.path, 'moderation/post-not-removed', 'moderation/post-not-removed', { moderates: data.moderates }));
    }
    for (const h of hidden) if (h !== data.moderates) problems.push(codedProblem(`content/posts/${h}.md`, 'moderation/unnamed-post', 'moderation/unnamed-post', { post: h }));
    if (data.appeals && posts.length !== 1) problems.push(codedProblem(proposal.path, 'moderation/appeal-restores', 'moderation/appeal-restores', {}));
  } else if (kind === 'moderation' && !data) {
    // The proposal's own problems (schema) are reported by validation.
  } else if (hidden.length) {
    for (const h of hidden) problems.push(codedProblem(`content/posts/${h}.md`, 'change/post-removed', 'change/post-removed', { post: h }));
  }
  return problems;
}
