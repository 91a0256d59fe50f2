/**
 * Record texts as codes, rendered in a language (issue 12). The bot stores each text twice: its
 * code with parameters, and `recordText(code)`, the English with instants as ISO, which is what
 * `noclout audit` and older readers compare. Pages call `displayText(code, lang)`; a code they
 * cannot read (unknown, or parameters of the wrong kind) gives undefined, and the page shows the
 * stored English instead (fail closed: never a half-filled sentence). Pure.
 */
import { CHOICES, PARAMS, storedProblems, type BotText, type Catalogue, type ParamKind, type TextCode, type TextFormat } from './codes.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';

export { PARAMS, text, type BotText, type TextCode, type TextParams } from './codes.ts';

export type TextLanguage = 'en' | 'fr';

export const CATALOGUES: Record<TextLanguage, Catalogue> = { en, fr };

/** How records store instants: as the ISO text itself, so the English text says what the front matter says. */
export const RECORD_FORMAT: TextFormat = { locale: 'en', instant: (iso) => iso };

const formats = new Map<TextLanguage, TextFormat>();

/** Instants as a reader sees them: the locale's long date and time, in UTC, saying so. */
export function displayFormat(lang: TextLanguage): TextFormat {
  let format = formats.get(lang);
  if (!format) {
    const intl = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
    const instant = (iso: string) => {
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return iso;
      // French writes the first day of a month as an ordinal: « 1er octobre ».
      const parts = intl.formatToParts(date).map((p) => (lang === 'fr' && p.type === 'day' && p.value === '1' ? '1er' : p.value));
      return `${parts.join('')}${lang === 'fr' ? '\u202f' : ' '}UTC`;
    };
    formats.set(lang, (format = { locale: lang, instant }));
  }
  return format;
}

function render(t: BotText, catalogue: Catalogue, format: TextFormat): string {
  return (catalogue[t.code] as (params: BotText['params'], format: TextFormat) => string)(t.params, format);
}

/** The English a record stores for a code: the one source of its `reasons`, ballots' `reason` and `appeal`. */
export function recordText(t: BotText): string {
  return render(t, en, RECORD_FORMAT);
}

const KIND_CHECKS: Record<ParamKind, (v: unknown) => boolean> = {
  text: (v) => typeof v === 'string',
  instant: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  list: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  comparison: (v) => v === 'moreThan' || v === 'atLeast',
  side: (v) => v === 'yes' || v === 'no',
  refusal: (v) => (CHOICES.refusal as readonly unknown[]).includes(v),
  'signature-fault': (v) => (CHOICES['signature-fault'] as readonly unknown[]).includes(v),
  'ballot-fault': (v) => (CHOICES['ballot-fault'] as readonly unknown[]).includes(v),
  problems: (v) => storedProblems(v) !== undefined,
};

/** Whether a code read from a record is one this catalogue knows, with exactly its parameters. */
export function isKnownText(t: { code: string; params: Record<string, unknown> }): t is BotText {
  if (!Object.hasOwn(PARAMS, t.code)) return false;
  const kinds: Record<string, ParamKind> = PARAMS[t.code as TextCode];
  const names = Object.keys(t.params);
  return names.length === Object.keys(kinds).length && names.every((name) => Object.hasOwn(kinds, name) && KIND_CHECKS[kinds[name]!](t.params[name]));
}

/** A code in the reader's language, instants formatted for it; undefined for a code this version cannot read. */
export function displayText(t: { code: string; params: Record<string, unknown> } | undefined, lang: TextLanguage): string | undefined {
  if (!t || !isKnownText(t)) return undefined;
  try {
    return render(t, CATALOGUES[lang], displayFormat(lang));
  } catch {
    // Parameters of the right kinds that a text still cannot say (a ballot's problems as JSON naming no known shape): the stored English.
    return undefined;
  }
}

/**
 * A judgement's reasons in `lang`: a reason whose code is known and renders to exactly its English
 * is said from the code; any other (a record written before codes) stays the English given, never
 * a translation that could say something the judgement does not.
 */
export function reasonsIn(reasons: readonly string[], codes: readonly BotText[] | undefined, lang: TextLanguage): string[] {
  if (lang === 'en') return [...reasons];
  return reasons.map((reason) => {
    const coded = codes?.find((c) => {
      try {
        return recordText(c) === reason;
      } catch {
        return false;
      }
    });
    return (coded && displayText(coded, lang)) ?? reason;
  });
}
