/**
 * Command-line arguments, parsed by node:util's parseArgs with the options
 * every command shares (DESIGN.md, Command-line contract).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { findCommonsRoot, findGitRoot } from './commons-root.ts';
import type { TextLanguage } from '../commons/texts/index.ts';
import { usage, UsageError } from './usage-error.ts';
import { parseArgsFr } from './usage-texts.ts';

export { UsageError } from './usage-error.ts';

export const COMMON_OPTIONS = {
  repo: { type: 'string' },
  format: { type: 'string', default: 'text' },
  lang: { type: 'string' },
  at: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

export type OutputFormat = 'text' | 'json';

export interface CommonValues {
  /** The commons: --repo, else the nearest folder at or above the working directory holding governance/commons.yml, else the working directory. */
  repo: string;
  /** The git repository the bot opens: --repo, else the nearest folder at or above the working directory holding .git, else the working directory. */
  gitRepo: string;
  format: OutputFormat;
  /** The language of the human output: --lang, else the locale (languageOf). JSON output is English whatever it is. */
  lang: TextLanguage;
  /** The bot's clock. */
  now: Date;
  /** The clock came from --at (not this machine's): errors about it name the option. */
  clockGiven: boolean;
  help: boolean;
}

/** Parse a command's own options plus the common ones; unknown options are usage errors. */
export function parseCommand<O extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: O,
  cwd: string,
  env: Record<string, string | undefined> = {},
) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message, parseArgsFr(error as NodeJS.ErrnoException));
  }
  const values = parsed.values as Record<string, unknown>;
  const format = values.format;
  if (format !== 'text' && format !== 'json') throw usage('formatValue', JSON.stringify(format));
  // `noclout new --lang` is the post's language, not the output's: that command speaks the locale's.
  const lang = values.lang === undefined || Object.hasOwn(options, 'lang') ? languageOf(env) : values.lang;
  if (lang !== 'en' && lang !== 'fr') throw usage('langValue', JSON.stringify(lang));
  const now = typeof values.at === 'string' ? clock(values.at) : new Date();
  const repo = typeof values.repo === 'string' ? values.repo : undefined;
  const common: CommonValues = {
    repo: repo ?? findCommonsRoot(cwd) ?? cwd,
    gitRepo: repo ?? findGitRoot(cwd) ?? cwd,
    format,
    lang,
    now,
    clockGiven: typeof values.at === 'string',
    help: values.help === true,
  };
  return { common, values, positionals: parsed.positionals };
}

/**
 * The language of the locale, as POSIX looks it up for messages: the first of LC_ALL, LC_MESSAGES
 * and LANG that is set and not empty. `fr`, `fr_FR.UTF-8`, `fr_CA` speak French; anything else
 * (C, POSIX, en_US, de_DE, nothing) English, the language every text exists in.
 */
export function languageOf(env: Record<string, string | undefined>): TextLanguage {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '') ?? '';
  return /^fr(?:[_.@-]|$)/i.test(locale) ? 'fr' : 'en';
}

/** An ISO time with a zone (Z or ±hh:mm): without one, `2026-12-07T10:00` would mean another instant on each machine. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** The bot's clock from --at. */
function clock(at: string): Date {
  const now = new Date(at);
  if (ISO_TIME.test(at) && !Number.isNaN(now.getTime())) return now;
  const zoneless = /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(at);
  throw usage('atValue', JSON.stringify(at), zoneless);
}
