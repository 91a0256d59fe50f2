/**
 * `noclout <command> …`: dispatch to one command module per subcommand.
 * Exit codes: 0 success, 1 invalid input or rejected change, 2 usage error.
 */
import { languageOf, UsageError } from './arguments.ts';
import { MissingObjectError } from '../repo/missing.ts';
import { missingObjectProblem } from '../bot/unreadable.ts';
import { problemTextIn } from '../commons/texts/problems.ts';
import { commands } from './commands/index.ts';
import { commandHelp, mainHelp as helpOf } from './help.ts';
import { CLI_TEXTS } from './texts.ts';
import type { Io } from './io.ts';
import type { TextLanguage } from '../commons/texts/index.ts';

/** `noclout --help` in a language: every command with its summary. */
export function mainHelp(lang: TextLanguage = 'en'): string {
  return helpOf(lang, commands.map((c) => c.name));
}

/** The language of what main itself says: `--lang fr|en` among the arguments (not new's, the post's language), else the locale's. */
function outputLanguage(args: readonly string[], io: Io, name?: string): 'en' | 'fr' {
  const i = name === 'new' ? -1 : args.indexOf('--lang');
  const given = i >= 0 ? args[i + 1] : name === 'new' ? undefined : args.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  return given === 'fr' || given === 'en' ? given : languageOf(io.env);
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(mainHelp(outputLanguage(rest, io)));
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const near = closestCommand(name);
    const lang = outputLanguage(rest, io);
    io.stderr(`${CLI_TEXTS[lang].unknownCommand(name, near)}\n\n${mainHelp(lang)}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(commandHelp(command.name, outputLanguage(rest, io, name)));
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      // --format json promises one JSON document on stdout, a usage error included.
      if (wantsJson(rest)) io.stdout(JSON.stringify({ ok: false, error: { kind: 'usage', message: error.message } }, null, 2));
      const lang = outputLanguage(rest, io, name);
      io.stderr(`${CLI_TEXTS[lang].commandSaid(name, lang === 'fr' ? error.fr : error.message)}\n\n${commandHelp(command.name, lang)}`);
      return 2;
    }
    return failure(name, rest, io, error);
  }
}

/**
 * Anything the command did not turn into a result: said in one line, never as
 * a stack trace (NOCLOUT_DEBUG=1 prints the stack). A missing git object says
 * which one, why it can be missing and how to fetch it. Exit 1: the repository,
 * not the command line, is at fault.
 */
function failure(name: string, args: readonly string[], io: Io, error: unknown): number {
  if (error instanceof MissingObjectError) {
    if (wantsJson(args)) io.stdout(JSON.stringify({ ok: false, error: { kind: 'missing-object', rule: error.code, object: error.oid, type: error.kind, ...(error.path !== undefined ? { path: error.path } : {}), message: error.message, why: error.why, hint: error.fix } }, null, 2));
    const lang = outputLanguage(args, io, name);
    const t = CLI_TEXTS[lang];
    const said = problemTextIn(missingObjectProblem(error, ''), lang);
    io.stderr(`${t.commandSaid(name, said.message)} [${error.code}]${said.hint ? `\n    ${t.hint()} ${said.hint}` : ''}`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (wantsJson(args)) io.stdout(JSON.stringify({ ok: false, error: { kind: 'internal', message } }, null, 2));
  io.stderr(CLI_TEXTS[outputLanguage(args, io, name)].commandSaid(name, message));
  if (io.env.NOCLOUT_DEBUG && error instanceof Error && error.stack) io.stderr(error.stack);
  else io.stderr(CLI_TEXTS[outputLanguage(args, io, name)].fault());
  return 1;
}

/** The command a typo most likely meant (`chek` → `check`): at most two edits away, a swap of neighbours counting one. */
export function closestCommand(typed: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const { name } of commands) {
    const distance = editDistance(typed.toLowerCase(), name);
    if (distance <= Math.min(2, name.length - 1) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

function wantsJson(args: readonly string[]): boolean {
  return args.some((arg, i) => arg === '--format=json' || (arg === '--format' && args[i + 1] === 'json'));
}
