/**
 * Command-line arguments, parsed by node:util's parseArgs with the options
 * every command shares (DESIGN.md, Command-line contract).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A usage error: exit code 2, with the command's help pointed at. */
export class UsageError extends Error {
  readonly code = 'usage';
}

export const COMMON_OPTIONS = {
  repo: { type: 'string' },
  format: { type: 'string', default: 'text' },
  at: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

export type OutputFormat = 'text' | 'json';

export interface CommonValues {
  repo: string;
  format: OutputFormat;
  /** The bot's clock. */
  now: Date;
  help: boolean;
}

/** Parse a command's own options plus the common ones; unknown options are usage errors. */
export function parseCommand<O extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: O,
  cwd: string,
) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const values = parsed.values as Record<string, unknown>;
  const format = values.format;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be "text" or "json", received ${JSON.stringify(format)}`);
  let now = new Date();
  if (typeof values.at === 'string') {
    now = new Date(values.at);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(values.at) || Number.isNaN(now.getTime())) {
      throw new UsageError(`--at must be an ISO time like 2026-11-24T10:00:00Z, received ${JSON.stringify(values.at)}`);
    }
  }
  const common: CommonValues = {
    repo: typeof values.repo === 'string' ? values.repo : cwd,
    format,
    now,
    help: values.help === true,
  };
  return { common, values, positionals: parsed.positionals };
}
