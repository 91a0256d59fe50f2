/** `noclout check [PATH…]`: validate the commons, or the files given, and print every problem. */
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileKindOf } from '../../commons/layout.ts';
import { readFrontMatter } from '../../commons/front-matter.ts';
import { postId } from '../../commons/schema/common.ts';
import type { Snapshot } from '../../commons/snapshot.ts';
import { validateCommons, type ValidateOptions } from '../../commons/validate.ts';
import { openRepository, resolveCommit, RepoError } from '../../repo/repository.ts';
import { entryAt, treeOf } from '../../repo/tree.ts';
import { parseCommand } from '../arguments.ts';
import { usage } from '../usage-error.ts';
import type { Command, Io } from '../io.ts';
import { readCommonsDirectory } from '../snapshot-fs.ts';
import { formatProblemIn } from '../../commons/texts/problems.ts';
import { CLI_TEXTS } from '../texts.ts';
import { usageOf } from '../bot-context.ts';


export const checkCommand: Command = {
  name: 'check',
  async run(args, io) {
    const { common, values, positionals } = parseCommand(args, { base: { type: 'string' } }, io.cwd, io.env);
    const root = resolve(io.cwd, common.repo);
    await requireDirectory(root);
    const only = positionals.length ? await selectedPaths(root, positionals, io) : undefined;
    const snapshot = await readCommonsDirectory(root);
    const within = (path: string, prefix: string) => prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
    for (const [i, prefix] of (only ?? []).entries()) {
      if (![...snapshot.entries.keys()].some((path) => within(path, prefix))) {
        throw usage('noCommonsFile', positionals[i]!);
      }
    }
    const selected = only ? new Set([...snapshot.entries.keys()].filter((path) => only.some((prefix) => within(path, prefix)))) : undefined;
    const options: ValidateOptions = selected ? { only: selected } : {};
    const posts = await postsInGit(root, snapshot, typeof values.base === 'string' ? values.base : undefined);
    if (posts) options.outside = { posts };
    const { problems, parsed } = validateCommons(snapshot, options);
    const files = selected?.size ?? snapshot.entries.size;
    if (common.format === 'json') {
      io.stdout(JSON.stringify({ ok: problems.length === 0, files, problems }, null, 2));
    } else if (problems.length) {
      io.stdout(problems.map((p) => formatProblemIn(p, common.lang)).join('\n'));
      const fileCount = new Set(problems.map((p) => p.path)).size;
      io.stdout(`\n${CLI_TEXTS[common.lang].checkProblems(problems.length, fileCount, files)}`);
    } else if (selected) {
      io.stdout(CLI_TEXTS[common.lang].checkSelectedOk(files));
    } else {
      const checked = { files, posts: parsed.posts.size, proposals: parsed.proposals.size, rules: parsed.rules.size, decisions: parsed.decisions.size, members: parsed.members?.length ?? 0 };
      io.stdout(CLI_TEXTS[common.lang].checkAllOk(checked));
    }
    return problems.length ? 1 : 0;
  },
};

async function requireDirectory(root: string): Promise<void> {
  const stats = await stat(root).catch(() => undefined);
  if (!stats?.isDirectory()) throw usage('notDirectory', root);
}

/**
 * The posts that proposals of the tree moderate but that the tree no longer holds, found in git:
 * a moderation change deletes the post it hides, before or after it is committed, so the post is
 * looked up at HEAD and on the base branch (--base; by default main and origin/main). Only those
 * names are looked up (no history walk).
 * Undefined when no proposal names a missing post, or when DIR is not a git repository and no
 * --base was asked for.
 */
async function postsInGit(root: string, snapshot: Snapshot, base: string | undefined): Promise<Set<string> | undefined> {
  const wanted = moderatedElsewhere(snapshot);
  if (!wanted.length && base === undefined) return undefined;
  let repo;
  try {
    repo = openRepository(root);
  } catch (error) {
    if (error instanceof RepoError && base === undefined) return undefined;
    throw error instanceof RepoError ? usageOf(error, '--base') : error;
  }
  const trees: string[] = [];
  // Without --base: the local main and the remote's, which is newer when the local one is behind.
  for (const ref of base === undefined ? ['HEAD', 'main', 'origin/main'] : ['HEAD', base]) {
    try {
      trees.push(await treeOf(repo, await resolveCommit(repo, ref)));
    } catch (error) {
      // No commit yet, or no main: nothing to look in. A base asked for by name must exist.
      if (ref === base) throw error instanceof RepoError ? usageOf(error, '--base') : error;
    }
  }
  const found = new Set<string>();
  for (const id of wanted) {
    for (const tree of trees) if ((await entryAt(repo, tree, `content/posts/${id}.md`))?.type === 'blob') found.add(id);
  }
  return found;
}

/** Post ids named by `moderates` in the tree's proposals that are not posts of the tree. */
function moderatedElsewhere(snapshot: Snapshot): string[] {
  const ids = new Set<string>();
  for (const entry of snapshot.entries.values()) {
    if (fileKindOf(entry.path).kind !== 'proposal' || !entry.text || !/^["']?moderates["']?\s*:/m.test(entry.text)) continue;
    const data = readFrontMatter(entry.text, { path: entry.path }).data as { moderates?: unknown } | undefined;
    const id = postId.safeParse(data?.moderates);
    if (id.success && !snapshot.entries.has(`content/posts/${id.data}.md`)) ids.add(id.data);
  }
  return [...ids];
}

/** Paths given on the command line, relative to the commons root. */
async function selectedPaths(root: string, positionals: readonly string[], io: Io): Promise<string[]> {
  const selected: string[] = [];
  for (const given of positionals) {
    const absolute = isAbsolute(given) ? given : resolve(io.cwd, given);
    const fromRepo = await stat(absolute).then(
      () => absolute,
      () => resolve(root, given),
    );
    const rel = relative(root, fromRepo);
    if (rel.startsWith('..') || isAbsolute(rel)) throw usage('outsideCommons', given, root);
    if (!(await stat(fromRepo).catch(() => undefined))) throw usage('noSuchPath', given);
    selected.push(rel.split(sep).join('/'));
  }
  return selected;
}
