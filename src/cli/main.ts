/**
 * `noclout <command> …`: dispatch to one command module per subcommand.
 * Exit codes: 0 success, 1 invalid input or rejected change, 2 usage error.
 */
import { UsageError } from './arguments.ts';
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
    'Options for every command: --repo DIR, --format text|json, --at <ISO time>, --help',
    'Run `noclout <command> --help` for a command\'s own options.',
  ].join('\n');
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(mainHelp());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`noclout: unknown command "${name}"\n\n${mainHelp()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      // --format json promises one JSON document on stdout, a usage error included.
      if (wantsJson(rest)) io.stdout(JSON.stringify({ ok: false, error: { kind: 'usage', message: error.message } }, null, 2));
      io.stderr(`noclout ${name}: ${error.message}\n\n${command.help}`);
      return 2;
    }
    throw error;
  }
}

function wantsJson(args: readonly string[]): boolean {
  return args.some((arg, i) => arg === '--format=json' || (arg === '--format' && args[i + 1] === 'json'));
}
