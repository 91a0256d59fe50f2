/** The command line's usage error (exit 2), always in English and French (issue 12). */
import { USAGE_TEXTS, type UsageTexts } from './usage-texts.ts';

/** A usage error: exit code 2, with the command's help pointed at. */
export class UsageError extends Error {
  readonly code = 'usage';
  /** The same in French: required, so a usage error without its French does not compile. */
  readonly fr: string;
  constructor(message: string, fr: string) {
    super(message);
    this.fr = fr;
  }
}

/**
 * The usage error `key` of the catalogue (src/cli/usage-texts.ts), in both languages.
 *
 * @example
 * throw usage('noSuchPath', given);
 */
export function usage<K extends keyof UsageTexts>(key: K, ...params: Parameters<UsageTexts[K]>): UsageError {
  const say = (texts: UsageTexts) => (texts[key] as (...p: Parameters<UsageTexts[K]>) => string)(...params);
  return new UsageError(say(USAGE_TEXTS.en), say(USAGE_TEXTS.fr));
}
