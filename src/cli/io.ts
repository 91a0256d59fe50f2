/** Where a command writes: injected so tests can run commands in-process. */
export interface Io {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
}

export const processIo: Io = {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  env: process.env,
};

/** One command of `noclout`: returns the exit code (0 ok, 1 invalid/rejected, 2 usage). */
export interface Command {
  name: string;
  summary: string;
  help: string;
  run(args: readonly string[], io: Io): Promise<number>;
}
