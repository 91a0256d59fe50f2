/**
 * The files of a change, read from git objects and validated the way
 * `noclout check` does, with only the commons context that matters.
 */
import { count } from '../commons/plural.ts';
import type { TouchedFile } from '../commons/classify.ts';
import { readFrontMatter } from '../commons/front-matter.ts';
import type { Problem } from '../commons/problem.ts';
import { codedProblem } from '../commons/texts/problems.ts';
import { proposalSchema, type ProposalFrontMatter } from '../commons/schema/proposal.ts';
import { modeFromGit, snapshotOf, type SnapshotEntry } from '../commons/snapshot.ts';
import { validateCommons, type Outside, type ParsedCommons } from '../commons/validate.ts';
import { BadObjectError } from '../repo/bad-object.ts';
import type { FileChange } from '../repo/diff.ts';
import { blobSize, MAX_FILE_BYTES, tooLarge } from '../repo/objects.ts';
import type { Repository } from '../repo/repository.ts';
import { entryAt, entryNamed, listFiles, readBlobBytes, readTreeLevel, withPath, type TreeFile } from '../repo/tree.ts';
import { fileReadsOf } from './file-reads.ts';

/** A changed file as the classifier sees it: path, status and the mode on the side that has it. */
export function touched(f: FileChange): TouchedFile {
  const entry = f.head ?? f.base!;
  return { path: f.path, status: f.status, mode: entry.type === 'commit' ? 'submodule' : modeFromGit(entry.mode) };
}

/**
 * At most this many bytes of a change's files are read in all: five files at
 * the largest size a policy allows. A change is a post, a proposal, a ballot.
 */
export const MAX_CHANGE_BYTES = 5 * MAX_FILE_BYTES;

/**
 * Text of every added or modified regular file of the change. Sizes come from
 * the git headers first: a file over MAX_FILE_BYTES, or files over
 * MAX_CHANGE_BYTES in all, throw a BadObjectError (file/too-large) before any
 * file is read, and merge reports the change alone (src/bot/unreadable.ts).
 */
export async function readTexts(repo: Repository, files: readonly FileChange[]): Promise<Map<string, { text: string; size: number }>> {
  const regular = files.filter((f) => f.head && f.head.type === 'blob' && f.head.mode === '100644');
  const sizes = await Promise.all(regular.map((f) => blobSize(repo, f.head!.oid, f.path)));
  const first = regular.findIndex((_, i) => sizes[i]! > MAX_FILE_BYTES);
  if (first >= 0) throw tooLarge(regular[first]!.head!.oid, 'blob', sizes[first]!, MAX_FILE_BYTES, regular[first]!.path);
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total > MAX_CHANGE_BYTES) {
    const largest = sizes.indexOf(Math.max(...sizes));
    throw new BadObjectError(regular[largest]!.head!.oid, 'blob', [{ rule: 'file/too-large', name: '', found: `the change's ${count(regular.length, 'file')} come to ${total} bytes in all (this one is ${sizes[largest]}; none was read)`, expected: `at most ${MAX_CHANGE_BYTES} bytes in all: split the change`, code: 'file/change-too-large', params: { files: regular.length, total, size: sizes[largest]!, max: MAX_CHANGE_BYTES } }], regular[largest]!.path);
  }
  const out = new Map<string, { text: string; size: number }>();
  await Promise.all(
    regular.map(async (f) => {
      const bytes = await readBlobBytes(repo, f.head!.oid, f.path);
      out.set(f.path, { text: new TextDecoder().decode(bytes), size: bytes.byteLength });
    }),
  );
  return out;
}

export function proposalOf(texts: Map<string, { text: string }>, files: readonly FileChange[]): ProposalFrontMatter | undefined {
  const path = files.find((f) => f.status === 'added' && /^content\/proposals\/[^/]+\.md$/.test(f.path))?.path;
  const text = path ? texts.get(path)?.text : undefined;
  if (!path || text === undefined) return undefined;
  const front = readFrontMatter(text, { path });
  const parsed = proposalSchema.safeParse(front.data);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Validate the change's files the way `noclout check` does, with the commons
 * around them as context. Only the files that matter are read: the governance
 * files (the roster only when the change edits it: authors are checked against
 * the frozen roster), this change's ballots, the changed files and the post a
 * reply points at. What a moderation names is looked up in the base by the
 * caller and passed as `outside`. A commons of ten thousand posts is not read to judge one.
 */
export async function validateHead(repo: Repository, headTree: string, files: readonly FileChange[], texts: Map<string, { text: string; size: number }>, id: string, outside: Outside = {}): Promise<{ problems: Problem[]; parsed: ParsedCommons }> {
  const entries = new Map<string, SnapshotEntry>();
  const add = async (file: TreeFile) => {
    const mode = file.type === 'commit' ? 'submodule' : modeFromGit(file.mode);
    const known = texts.get(file.path);
    if (known) return void entries.set(file.path, { path: file.path, mode, text: known.text, size: known.size });
    if (mode !== 'file') return void entries.set(file.path, { path: file.path, mode, size: 0 });
    const bytes = await readBlobBytes(repo, file.oid, file.path);
    entries.set(file.path, { path: file.path, mode, text: new TextDecoder().decode(bytes), size: bytes.byteLength });
  };
  const context = await governanceFiles(repo, headTree, id);
  const wanted = (path: string) => texts.has(path) || path.startsWith(`governance/ballots/${id}/`) || (!path.startsWith('governance/ballots/') && !path.startsWith('governance/decisions/') && path !== 'governance/members.yml');
  await Promise.all(context.filter((f) => wanted(f.path)).map(add));
  for (const [path, { text }] of texts) {
    const m = /^replyTo:\s*["']?(\d{4}\/[a-z0-9-]+)/m.exec(text.slice(0, 4000));
    const target = m && path.startsWith('content/posts/') ? await entryAt(repo, headTree, `content/posts/${m[1]}.md`) : undefined;
    if (target) await add(target);
  }
  for (const f of files) if (f.head && !entries.has(f.path)) await add(f.head);
  const duplicates = await slugOwners(repo, headTree, id);
  const mine = duplicates.find((d) => texts.has(d)) ?? duplicates[0]!;
  const extra: Problem[] = duplicates.length > 1 ? [codedProblem(mine, 'change/duplicate-slug', 'change/duplicate-slug-head', { slug: id, others: duplicates.filter((d) => !texts.has(d)).join(', ') })] : [];
  const only = new Set(files.filter((f) => f.status !== 'deleted').map((f) => f.path));
  const validation = validateCommons(snapshotOf(entries.values()), { only, outside, reads: fileReadsOf(repo) });
  // Without the roster in the snapshot the validator cannot know the members; the bot checks authors against the frozen roster itself.
  const problems = validation.problems.filter((p) => p.rule !== 'commons/missing-file' || texts.has(p.path));
  return { problems: [...extra, ...dedupe(extra, problems)], parsed: validation.parsed };
}

/**
 * The files under governance/ but the decision records and other changes' ballots, which the
 * judgement does not read (thousands on a large commons; the change's own files are added from its diff).
 */
async function governanceFiles(repo: Repository, tree: string, id: string): Promise<TreeFile[]> {
  const governance = await entryAt(repo, tree, 'governance');
  if (governance?.type !== 'tree') return [];
  const files: TreeFile[] = [];
  const level = await readTreeLevel(repo, governance.oid).catch((error: unknown) => {
    throw withPath(error, 'governance', repo);
  });
  for (const entry of level) {
    const path = `governance/${entry.path}`;
    if (entry.type !== 'tree') files.push({ ...entry, path });
    else if (entry.path === 'ballots') {
      const mine = await entryAt(repo, tree, `${path}/${id}`);
      if (mine?.type === 'tree') files.push(...(await listFiles(repo, mine.oid, `${path}/${id}/`)));
    } else if (entry.path !== 'decisions') files.push(...(await listFiles(repo, entry.oid, `${path}/`)));
  }
  return files;
}

/** Every post or proposal file whose slug is `id`: a change id must name one change only. */
export async function slugOwners(repo: Repository, tree: string, id: string): Promise<string[]> {
  const owners: string[] = [];
  if (await entryAt(repo, tree, `content/proposals/${id}.md`)) owners.push(`content/proposals/${id}.md`);
  const posts = await entryAt(repo, tree, 'content/posts');
  if (posts?.type === 'tree') {
    for (const year of await readTreeLevel(repo, posts.oid)) {
      if (year.type === 'tree' && entryNamed(await readTreeLevel(repo, year.oid), `${id}.md`)) owners.push(`content/posts/${year.path}/${id}.md`);
    }
  }
  return owners;
}

export function dedupe(existing: readonly Problem[], more: readonly Problem[]): Problem[] {
  const seen = new Set(existing.map((p) => `${p.path}\0${p.rule}`));
  return more.filter((p) => !seen.has(`${p.path}\0${p.rule}`));
}
