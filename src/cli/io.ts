import { CLI_TEXTS } from './texts.ts';
import type { TextLanguage } from '../commons/texts/index.ts';
import type { CommandName } from './help.ts';

/** Where a command writes: injected so tests can run commands in-process. */
export interface Io {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
}

let pipesWatched = false;

/**
 * `noclout check | head` closes our stdout early: that is the reader's choice, not a crash. Without
 * a listener Node turns the EPIPE into an uncaught exception with a stack trace.
 */
function write(stream: NodeJS.WriteStream, text: string): void {
  if (!pipesWatched) {
    pipesWatched = true;
    for (const s of [process.stdout, process.stderr]) {
      s.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
      });
    }
  }
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

export const processIo: Io = {
  cwd: process.cwd(),
  stdout: (text) => write(process.stdout, text),
  stderr: (text) => write(process.stderr, text),
  env: process.env,
};

/** A failure a command names with a stable code, after which it has no result to print. */
export interface Failure {
  /** What failed: "merge" (the base could not be moved), "forge" (GitHub), … */
  kind: string;
  code?: string;
  message: string;
  /** The message in the user's language, printed on stderr (the JSON keeps the English). */
  shown?: string;
}

/**
 * Say why a command stopped: one line on stderr, and with `--format json` the
 * one JSON document the command promises on stdout, `{ ok: false, error }`,
 * so a workflow reading stdout sees the code instead of an empty document.
 */
export function reportFailure(io: Io, format: string, command: string, failure: Failure, lang: TextLanguage = 'en'): void {
  const { shown, ...data } = failure;
  if (format === 'json') io.stdout(JSON.stringify({ ok: false, error: data }, null, 2));
  io.stderr(`${CLI_TEXTS[lang].commandSaid(command, shown ?? failure.message)}${failure.code === undefined ? '' : ` [${failure.code}]`}`);
}

/** One command of `noclout`: returns the exit code (0 ok, 1 invalid/rejected, 2 usage). */
export interface Command {
  /** Its help and summary are in src/cli/help.ts, by this name, in each language. */
  name: CommandName;
  run(args: readonly string[], io: Io): Promise<number>;
}
