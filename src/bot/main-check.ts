/**
 * `main` always passes `noclout check` (DESIGN.md, principle 6). Before the
 * bot moves main it validates the tree it would move it to (the merge and the
 * record) with the same validation as `check` (src/commons/validate.ts), and
 * refuses the problems that main does not have already. A change deleting
 * governance/members.yml, policy.md or commons.yml would otherwise be merged
 * after a vote, and no change could be opened again, the restoring one
 * included. Problems main had before are not held against the change (one
 * that fixes main is merged).
 *
 * Only what can change is read. A change that only adds files (most posts)
 * cannot break the files it leaves alone, except through them: it is checked
 * with the governance files, the rules, the files it adds, the files sharing
 * their slugs and the posts they reply to, and only those files' problems
 * count. A change that edits or deletes a file, or touches the policy, the
 * roster or commons.yml, can break any file: the whole tree is read.
 *
 * A merge queue validates one tree after another that share all but a few
 * files: each file is parsed once per run (by path and text, in the
 * repository's cache), and a scoped check builds its snapshot from the scope
 * alone. Both give the same problems as reading everything again: a file's
 * problems depend on its path and text only, and a file outside the scope
 * would be read without its text, so it adds nothing the rules across files
 * could see (validate.ts, `only`).
 */
import { readFrontMatter } from '../commons/front-matter.ts';
import { fileKindOf } from '../commons/layout.ts';
import type { Problem } from '../commons/problem.ts';
import { modeFromGit, snapshotOf, type Snapshot, type SnapshotEntry } from '../commons/snapshot.ts';
import { validateCommons, type ValidateOptions } from '../commons/validate.ts';
import { diffTrees, type FileChange } from '../repo/diff.ts';
import { fileReadsOf } from './file-reads.ts';
import type { Repository } from '../repo/repository.ts';
import { entryAt, listFiles, readBlobBytes, readTreeLevel, treeOf, withPath, type TreeFile } from '../repo/tree.ts';

const GOVERNANCE = ['governance/commons.yml', 'governance/policy.md', 'governance/members.yml'];

/** The problems `noclout check` would find on `result` that it does not find on `base`. */
export async function problemsAddedToMain(repo: Repository, base: string, result: string): Promise<Problem[]> {
  const [baseTree, resultTree] = [await treeOf(repo, base), await treeOf(repo, result)];
  const changes = await diffTrees(repo, baseTree, resultTree);
  if (!changes.length) return [];
  const scope = await scopeOf(repo, changes, resultTree);
  const options: ValidateOptions = { reads: fileReadsOf(repo), ...(scope ? { only: scope } : {}) };
  const after = validateCommons(await treeSnapshot(repo, await filesOf(repo, resultTree, scope), scope), options);
  if (!after.problems.length) return [];
  const before = validateCommons(await treeSnapshot(repo, await filesOf(repo, baseTree, scope), scope), options);
  const known = new Set(before.problems.map(keyOf));
  return after.problems.filter((p) => !known.has(keyOf(p)));
}

/** The files of a tree: those of the scope that it has (a few tree levels read), or every one. */
async function filesOf(repo: Repository, tree: string, scope: ReadonlySet<string> | undefined): Promise<TreeFile[]> {
  if (!scope) return listFiles(repo, tree);
  const found = await Promise.all([...scope].map((path) => entryAt(repo, tree, path)));
  return found.filter((f): f is TreeFile => f !== undefined && f.type !== 'tree');
}

/** Line numbers move when a file is edited: a problem is the same one if its file, rule and words are. */
const keyOf = (p: Problem) => `${p.path}\u0000${p.rule}\u0000${p.message}`;

/**
 * The files to read and judge, or undefined for the whole tree: when the
 * change edits or deletes a file, touches governance, or refers to something
 * only the whole tree shows (a reply to a post that is gone, an appeal).
 */
async function scopeOf(repo: Repository, changes: readonly FileChange[], tree: string): Promise<Set<string> | undefined> {
  if (changes.some((c) => c.status !== 'added' || GOVERNANCE.includes(c.path))) return undefined;
  const rules = (await filesIn(repo, tree, 'governance/rules')).filter((path) => fileKindOf(path).kind === 'rule');
  const scope = new Set<string>([...GOVERNANCE, ...rules]);
  const slugs = new Set<string>();
  for (const c of changes) {
    scope.add(c.path);
    const slug = slugOf(c.path);
    if (slug !== undefined) slugs.add(slug);
    const kind = fileKindOf(c.path).kind;
    if ((kind !== 'post' && kind !== 'proposal') || c.head?.type !== 'blob') continue;
    const data = readFrontMatter(new TextDecoder().decode(await readBlobBytes(repo, c.head.oid, c.path)), { path: c.path }).data as { replyTo?: unknown; appeals?: unknown; moderates?: unknown } | undefined;
    if (data?.appeals !== undefined || data?.moderates !== undefined) return undefined;
    if (typeof data?.replyTo === 'string') {
      const target = `content/posts/${data.replyTo}.md`;
      // A reply to a post hidden since stands on the record that hid it: read everything.
      const present = await entryAt(repo, tree, target);
      if (!present || present.type === 'tree') return undefined;
      scope.add(target);
    }
  }
  for (const path of await filesNamed(repo, tree, slugs)) scope.add(path);
  return scope;
}

/**
 * The files filed under one of `slugs` (slugOf), read from the few folders
 * where such a file can be (layout.ts): a post's year folders, the
 * proposals, the records' year folders and the ballots of the change. The
 * other ten thousand paths of a large commons are never listed.
 */
async function filesNamed(repo: Repository, tree: string, slugs: ReadonlySet<string>): Promise<string[]> {
  if (!slugs.size) return [];
  const candidates: string[] = [];
  const files = async (folder: string, named: (name: string) => boolean) => {
    for (const e of await levelAt(repo, tree, folder)) if (e.type !== 'tree' && named(e.path)) candidates.push(`${folder}/${e.path}`);
  };
  const years = async (folder: string) => (await levelAt(repo, tree, folder)).filter((e) => e.type === 'tree').map((e) => `${folder}/${e.path}`);
  const endings = [...slugs].map((slug) => `-${slug}.md`);
  for (const folder of await years('content/posts')) {
    const level = byName(await levelAt(repo, tree, folder));
    for (const slug of slugs) if ((level.get(`${slug}.md`)?.type ?? 'tree') !== 'tree') candidates.push(`${folder}/${slug}.md`);
  }
  await files('content/proposals', () => true);
  for (const folder of await years('governance/decisions')) await files(folder, (name) => endings.some((end) => name.endsWith(end)));
  for (const slug of slugs) await files(`governance/ballots/${slug}`, () => true);
  return candidates.filter((path) => slugs.has(slugOf(path) ?? '\u0000'));
}

/** A folder's entries by name, kept per folder read (a year of posts holds thousands). */
function byName(level: readonly TreeFile[]): ReadonlyMap<string, TreeFile> {
  let names = levelNames.get(level);
  if (!names) levelNames.set(level, (names = new Map(level.map((e) => [e.path, e]))));
  return names;
}

const levelNames = new WeakMap<readonly TreeFile[], Map<string, TreeFile>>();

/** The entries of the folder at `path` (none when it is not a folder). */
async function levelAt(repo: Repository, tree: string, path: string): Promise<TreeFile[]> {
  const entry = await entryAt(repo, tree, path);
  if (entry?.type !== 'tree') return [];
  try {
    return await readTreeLevel(repo, entry.oid);
  } catch (error) {
    throw withPath(error, path, repo);
  }
}

/** The paths of the files (not folders) directly in the folder at `path`. */
async function filesIn(repo: Repository, tree: string, path: string): Promise<string[]> {
  return (await levelAt(repo, tree, path)).filter((e) => e.type !== 'tree').map((e) => `${path}/${e.path}`);
}

/** The change a file is filed under: a post's or proposal's slug, a record's change, a ballot's change. */
function slugOf(path: string): string | undefined {
  const kind = fileKindOf(path);
  if (kind.kind === 'post' || kind.kind === 'proposal' || kind.kind === 'decision') return kind.slug;
  if (kind.kind === 'ballot') return kind.change;
  return undefined;
}

/**
 * The tree as a Snapshot, with the text of every commons file (platform files are not judged); with
 * a `scope`, the files of the scope alone.
 */
async function treeSnapshot(repo: Repository, files: readonly TreeFile[], scope: ReadonlySet<string> | undefined): Promise<Snapshot> {
  const entries = await Promise.all(
    (scope ? files.filter((f) => scope.has(f.path)) : files).map(async (file): Promise<SnapshotEntry> => {
      const mode = file.type === 'commit' ? 'submodule' : modeFromGit(file.mode);
      if (mode !== 'file' || (scope ? !scope.has(file.path) : fileKindOf(file.path).kind === 'platform')) return { path: file.path, mode, size: 0 };
      const bytes = await readBlobBytes(repo, file.oid, file.path);
      return { path: file.path, mode, size: bytes.byteLength, text: new TextDecoder().decode(bytes) };
    }),
  );
  return snapshotOf(entries);
}
