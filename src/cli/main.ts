/**
 * `noclout <command> …`: dispatch to one command module per subcommand.
 * Exit codes: 0 success, 1 invalid input or rejected change, 2 usage error.
 */
import { languageOf, UsageError } from './arguments.ts';
import { MissingObjectError } from '../repo/missing.ts';
import { commands } from './commands/index.ts';
import type { Io } from './io.ts';

export function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'noclout — a publishing commons kept in git, judged by its written policy',
    '',
    'Usage: noclout <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options for every command: --repo DIR, --format text|json, --lang en|fr, --at <ISO time>, --help',
    'Human output follows the locale (LC_ALL, LC_MESSAGES, LANG: fr* is French) unless --lang says;',
    'JSON is English.',
    'Without --repo, a command works on the commons around the current folder: the nearest',
    'folder at or above it holding governance/commons.yml (the bot\'s commands: holding .git).',
    'Run `noclout <command> --help` for a command\'s own options.',
  ].join('\n');
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
    io.stdout(mainHelp());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const near = closestCommand(name);
    if (outputLanguage(rest, io) === 'fr') io.stderr(`noclout\u202f: commande inconnue «\u202f${name}\u202f»${near ? `\u202f; vouliez-vous dire «\u202f${near}\u202f»\u202f?` : ''}\n\n${mainHelp()}`);
    else io.stderr(near ? `noclout: unknown command "${name}"; did you mean "${near}"?\n\n${mainHelp()}` : `noclout: unknown command "${name}"\n\n${mainHelp()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.helpFr !== undefined && outputLanguage(rest, io, name) === 'fr' ? command.helpFr : command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      // --format json promises one JSON document on stdout, a usage error included.
      if (wantsJson(rest)) io.stdout(JSON.stringify({ ok: false, error: { kind: 'usage', message: error.message } }, null, 2));
      const fr = outputLanguage(rest, io, name) === 'fr' ? error.fr : undefined;
      io.stderr(fr === undefined ? `noclout ${name}: ${error.message}\n\n${command.help}` : `noclout ${name}\u202f: ${fr}\n\n${command.helpFr ?? command.help}`);
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
    io.stderr(`noclout ${name}: ${error.message}: ${error.why} [${error.code}]\n    hint: ${error.fix}`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (wantsJson(args)) io.stdout(JSON.stringify({ ok: false, error: { kind: 'internal', message } }, null, 2));
  io.stderr(`noclout ${name}: ${message}`);
  if (io.env.NOCLOUT_DEBUG && error instanceof Error && error.stack) io.stderr(error.stack);
  else io.stderr('(this is a fault of noclout or of the repository; NOCLOUT_DEBUG=1 prints where it happened)');
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
