/** `noclout check [PATH…]`: validate the commons, or the files given, and print every problem. */
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { formatProblem } from '../../commons/problem.ts';
import { validateCommons } from '../../commons/validate.ts';
import { parseCommand, UsageError } from '../arguments.ts';
import type { Command, Io } from '../io.ts';
import { readCommonsDirectory } from '../snapshot-fs.ts';

const help = `Usage: noclout check [PATH…] [--repo DIR] [--format text|json]

Validate the commons in DIR (default: the current directory), or only the files
or folders given. Every problem is printed as

  path:line:col: message [rule]

with a hint where one helps. Rules are documented in docs/formats/.

Exit codes: 0 valid, 1 problems found, 2 usage error.`;

export const checkCommand: Command = {
  name: 'check',
  summary: 'validate the commons or the files given',
  help,
  async run(args, io) {
    const { common, positionals } = parseCommand(args, {}, io.cwd);
    const root = resolve(io.cwd, common.repo);
    await requireDirectory(root);
    const only = positionals.length ? await selectedPaths(root, positionals, io) : undefined;
    const snapshot = await readCommonsDirectory(root);
    const within = (path: string, prefix: string) => prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
    for (const [i, prefix] of (only ?? []).entries()) {
      if (![...snapshot.entries.keys()].some((path) => within(path, prefix))) {
        throw new UsageError(`${positionals[i]}: no commons file there; check reads content/ and governance/ only (the rest is platform code, reviewed by people)`);
      }
    }
    const selected = only ? new Set([...snapshot.entries.keys()].filter((path) => only.some((prefix) => within(path, prefix)))) : undefined;
    const { problems, parsed } = validateCommons(snapshot, selected ? { only: selected } : {});
    const files = selected?.size ?? snapshot.entries.size;
    if (common.format === 'json') {
      io.stdout(JSON.stringify({ ok: problems.length === 0, files, problems }, null, 2));
    } else if (problems.length) {
      io.stdout(problems.map(formatProblem).join('\n'));
      const fileCount = new Set(problems.map((p) => p.path)).size;
      io.stdout(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} in ${fileCount} file${fileCount === 1 ? '' : 's'} (${files} checked).`);
    } else if (selected) {
      io.stdout(`✓ ${files} file${files === 1 ? '' : 's'} checked, with the rest of the commons as context. No problems.`);
    } else {
      io.stdout(`✓ ${files} file${files === 1 ? '' : 's'} checked: ${parsed.posts.size} posts, ${parsed.proposals.size} proposals, ${parsed.rules.size} rules, ${parsed.decisions.size} decision records, ${parsed.members?.length ?? 0} members. No problems.`);
    }
    return problems.length ? 1 : 0;
  },
};

async function requireDirectory(root: string): Promise<void> {
  const stats = await stat(root).catch(() => undefined);
  if (!stats?.isDirectory()) throw new UsageError(`--repo: ${root} is not a directory`);
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
    if (rel.startsWith('..') || isAbsolute(rel)) throw new UsageError(`${given} is outside the commons ${root}`);
    if (!(await stat(fromRepo).catch(() => undefined))) throw new UsageError(`${given}: no such file or folder`);
    selected.push(rel.split(sep).join('/'));
  }
  return selected;
}
