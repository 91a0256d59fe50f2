/**
 * Checks that need the change's evidence: the author is the member who signed
 * it (principle 5: no identity from a field the contributor sets), a
 * moderation cites a rule that existed when it was opened, an appeal restores
 * the post it contests; and what a moderation names, read from the base.
 */
import type { Classification } from '../commons/classify.ts';
import { fileKindOf } from '../commons/layout.ts';
import { hidesPost, parseRecord } from '../commons/decision-record.ts';
import type { Problem } from '../commons/problem.ts';
import { codedProblem, framed } from '../commons/texts/problems.ts';
import { NOT_GOVERNED } from '../commons/texts/problems-en.ts';
import type { DecisionRecord } from '../commons/schema/decision.ts';
import type { ProposalFrontMatter } from '../commons/schema/proposal.ts';
import type { Outside, ParsedCommons } from '../commons/validate.ts';
import type { FileChange } from '../repo/diff.ts';
import type { Repository } from '../repo/repository.ts';
import { readRecord, type RecordFile } from './records.ts';
import { mergeBaseOf } from '../repo/history.ts';
import { entryAt, readText, readTreeLevel, treeOf } from '../repo/tree.ts';
import type { ChangeContext, ChangeSource } from './source.ts';

/** A file the change adds that names its author: a post or a proposal. */
export interface AuthoredFile {
  path: string;
  author: string;
}

/**
 * The author written in every file the change adds must be the member who signed the change
 * (principle 5: no identity from a free field): each post and the proposal, whatever the kind of
 * the change, so that no file rides in under another member's name beside one that is checked.
 * The one exception, an appeal's restored post, is someone else's text by design and is checked
 * as the exact blob the appealed decision hid instead (restoredTextProblems).
 */
export async function authorProblems(source: ChangeSource, context: ChangeContext, files: readonly AuthoredFile[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  const members = files.filter(({ author, path }) => {
    if (context.roster.some((m) => m.handle === author)) return true;
    problems.push(codedProblem(path, 'change/author-not-member', 'change/author-not-member', { author, ...NOT_GOVERNED }));
    return false;
  });
  if (!members.length) return problems;
  const submitter = await source.submitter(context);
  for (const { author, path } of members) {
    if (submitter.handle === undefined) {
      problems.push(codedProblem(path, 'change/unsigned', 'change/unsigned', { author, ...submitter.unattributed, ...NOT_GOVERNED }));
    } else if (submitter.handle !== author) {
      problems.push(codedProblem(path, 'change/forged-author', 'change/forged-author', { author, submitter: submitter.handle, ...NOT_GOVERNED }));
    }
  }
  return problems;
}

/** Every file the change adds that names an author, but an appeal's restored post (checked as the exact text hidden). */
export function authoredFiles(c: Classification, head: ParsedCommons): AuthoredFile[] {
  const files: AuthoredFile[] = [];
  for (const p of c.posts) {
    const author = head.posts.get(p.id)?.data.author;
    if (author !== undefined && !c.restored.includes(p.id)) files.push({ path: p.path, author });
  }
  const proposal = c.proposal && head.proposals.get(c.proposal.slug)?.data.author;
  if (c.proposal && proposal !== undefined) files.push({ path: c.proposal.path, author: proposal });
  return files;
}

/**
 * Ballot files are evidence: while a vote is open, a faulty one is only a ballot that does not
 * count. But an accepted change brings its files to main, which must pass `noclout check`
 * (DESIGN.md, principle 6): a ballot file that does not read, or names no member of the roster main
 * will have, would break it. Such files are the change's problems once it is to be merged; deleting
 * them is a ballot-only commit, which makes no ballot stale.
 */
export function ballotFileProblems(files: readonly FileChange[], validation: readonly Problem[], members: ReadonlySet<string>): Problem[] {
  const problems = validation.filter((p) => p.path.startsWith('governance/ballots/'));
  for (const f of files) {
    const target = fileKindOf(f.path);
    if (f.status === 'deleted' || target.kind !== 'ballot' || members.has(target.handle) || problems.some((p) => p.path === f.path)) continue;
    problems.push(codedProblem(f.path, 'ballot/unknown-voter', 'ballot/not-on-roster', { voter: target.handle, path: f.path }));
  }
  return problems.map((p) => framed(p, 'ballot-file', { path: p.path }));
}

/** The decision an appeal contests, read from the base. */
export async function appealedRecord(repo: Repository, baseTree: string, data: ProposalFrontMatter | undefined): Promise<DecisionRecord | undefined> {
  if (!data?.appeals) return undefined;
  const text = await readText(repo, baseTree, `governance/decisions/${data.appeals}.md`);
  const parsed = text === undefined ? undefined : parseRecord(text, data.appeals);
  return parsed?.ok ? parsed.record : undefined;
}

export async function moderationProblems(repo: Repository, frozenCommit: string, c: Classification, data: ProposalFrontMatter | undefined, appealed: DecisionRecord | undefined, headTree: string): Promise<Problem[]> {
  if (!data || !c.proposal) return [];
  const problems: Problem[] = [];
  const path = c.proposal.path;
  if (data.rule && (await readText(repo, await treeOf(repo, frozenCommit), `governance/rules/${data.rule}.md`)) === undefined) {
    problems.push(codedProblem(path, 'moderation/unknown-rule', 'moderation/unknown-rule', { rule: data.rule, ...NOT_GOVERNED }));
  }
  // An appeal naming no decision, or not an accepted moderation, is reported by validation (proposal/appeals-missing, moderation/appeal-target).
  if (data.appeals && appealed?.kind === 'moderation' && appealed.outcome === 'accepted' && appealed.moderation && !c.restored.includes(appealed.moderation.post)) {
    problems.push(codedProblem(path, 'moderation/appeal-restores', 'moderation/appeal-restores-post', { post: appealed.moderation.post }));
  } else if (data.appeals && appealed?.kind === 'moderation' && appealed.outcome === 'accepted' && appealed.moderation) {
    problems.push(...(await restoredTextProblems(repo, appealed, headTree)));
  }
  return problems;
}

/**
 * An appeal puts back the post a moderation hid, word for word: the same blob
 * as the one the moderation removed. Otherwise an appeal could publish new
 * words under another member's name (principle 5) without that member
 * signing them.
 */
async function restoredTextProblems(repo: Repository, appealed: DecisionRecord, headTree: string): Promise<Problem[]> {
  const postPath = `content/posts/${appealed.moderation!.post}.md`;
  const restored = await entryAt(repo, headTree, postPath);
  // Before the moderation: on the base it was judged against, or where the moderation branched off.
  let hidden = await entryAt(repo, await treeOf(repo, appealed.base), postPath);
  if (hidden?.type !== 'blob') {
    const from = await mergeBaseOf(repo, appealed.base, appealed.head);
    hidden = from ? await entryAt(repo, await treeOf(repo, from), postPath) : undefined;
  }
  if (hidden?.type !== 'blob') {
    return [codedProblem(postPath, 'moderation/appeal-altered', 'moderation/appeal-base-missing', { base: appealed.base.slice(0, 10) })];
  }
  if (restored?.oid === hidden.oid && restored.mode === hidden.mode) return [];
  return [codedProblem(postPath, 'moderation/appeal-altered', 'moderation/appeal-altered', { blob: hidden.oid.slice(0, 10), base: appealed.base.slice(0, 10), commit: appealed.base, path: postPath })];
}

/**
 * What the change's proposal names outside the files the change touches, read from the base, for
 * validation: the post it moderates and the decision it appeals. A moderation deletes the post it
 * hides, so the post is looked up in the base (or, when the change deletes it, it was in the
 * merge base). When the post is in neither, every post id of the base is listed, for the
 * "did you mean" of the problem; that listing reads trees only, never a post's text.
 */
export async function namedOutside(repo: Repository, baseTree: string, c: Classification, data: ProposalFrontMatter | undefined, appealed: DecisionRecord | undefined, records: readonly RecordFile[] = []): Promise<Outside> {
  const outside: { posts?: Set<string>; decisions?: Map<string, DecisionRecord> } = {};
  if (data?.appeals && appealed) outside.decisions = new Map([[data.appeals, appealed]]);
  if (data?.moderates) {
    const present = c.hidden.includes(data.moderates) || (await entryAt(repo, baseTree, `content/posts/${data.moderates}.md`))?.type === 'blob';
    outside.posts = present ? new Set([data.moderates]) : await postIds(repo, baseTree);
    // Not in the base: perhaps hidden already. The record that hid it lets validation say so
    // (proposal/moderates-hidden) instead of "names no post". Newest record first; rare path.
    if (!present) {
      for (let i = records.length - 1; i >= 0; i--) {
        const { record } = await readRecord(repo, records[i]!);
        if (record && hidesPost(record) && record.moderation?.post === data.moderates) {
          (outside.decisions ??= new Map()).set(`${records[i]!.year}/${records[i]!.path.split('/').pop()!.replace(/\.md$/, '')}`, record);
          break;
        }
      }
    }
  }
  return outside;
}

/** Every post id of a tree, from its folder listings. */
async function postIds(repo: Repository, tree: string): Promise<Set<string>> {
  const ids = new Set<string>();
  const posts = await entryAt(repo, tree, 'content/posts');
  if (posts?.type !== 'tree') return ids;
  for (const year of await readTreeLevel(repo, posts.oid)) {
    if (year.type !== 'tree') continue;
    for (const file of await readTreeLevel(repo, year.oid)) if (file.type === 'blob' && file.path.endsWith('.md')) ids.add(`${year.path}/${file.path.slice(0, -3)}`);
  }
  return ids;
}
