/** Building blocks shared by the file schemas: handles, slugs, dates, languages. */
import { z } from 'zod';
import { uPlus } from '../problem.ts';
import { mixedScripts } from '../script.ts';
import { DATE_PLACEHOLDER } from '../template.ts';
import { dateWords, NO_WORDS, problemsEn, schemaWordsEn, scriptsParam, tagNfkcWords, tagScriptsWords, type DateMistake, type SchemaWords, type SchemaWordsParams, type TextNoun } from '../texts/problems-en.ts';

/**
 * The schemas' own messages by their English, with the words they are (texts/problems-en.ts,
 * SCHEMA_WORDS): zod keeps a check's message and nothing else, so schema-problems.ts finds the
 * words of a regex or size check from its message here, and says them in the reader's language.
 */
export const SCHEMA_WORDS_BY_MESSAGE = new Map<string, Omit<SchemaWordsParams, 'misspelt' | 'suggestion'>>();

/** A schema's message, in English, known by its words (SCHEMA_WORDS_BY_MESSAGE). */
export function worded(words: SchemaWords, params: Partial<Omit<SchemaWordsParams, 'words' | 'misspelt' | 'suggestion'>> = {}): string {
  const message = schemaWordsEn(words, params);
  SCHEMA_WORDS_BY_MESSAGE.set(message, { ...NO_WORDS, ...params, words });
  return message;
}

/** The params of a custom issue with words of its own (a message that names values: a handle already used…). */
export function wordsIssue(words: SchemaWords, params: Partial<Omit<SchemaWordsParams, 'words' | 'misspelt' | 'suggestion'>> = {}): { code: 'custom'; message: string; params: { code: 'schema/words' } & Omit<SchemaWordsParams, 'misspelt' | 'suggestion'> } {
  return { code: 'custom', message: schemaWordsEn(words, params), params: { code: 'schema/words', ...NO_WORDS, ...params, words } };
}

/** A member handle: lowercase ASCII, so that two handles never look alike. */
export const handle = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/, worded('handle'));

export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, worded('slug'))
  .max(80);

/**
 * A calendar date as written by people: 2026-11-24. One mistake is one
 * problem, with the right form in its hint: `04/12/2026` is not also "not a
 * real calendar date", and the hint writes it both ways when the day and the
 * month could be either.
 */
export const isoDate = z.string().superRefine((value, ctx) => {
  const wrong = dateMistake(value);
  if (wrong) ctx.addIssue({ code: 'custom', message: wrong.message, input: value, params: { code: 'schema/date', ...wrong.mistake } });
});

const realDate = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/**
 * What is wrong with a written date, and the date it most likely means, written right; undefined
 * when it is right. `mistake` is the same as catalogue parameters (schema/date), which say it in
 * each language; `message` and `hint` are its English.
 */
export function dateMistake(value: string): { message: string; hint?: string; mistake: DateMistake } | undefined {
  if (realDate(value)) return undefined;
  const none = { meant: '', write: '', dayFirst: '', monthFirst: '', first: '' } as const;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return said({ ...none, fault: 'not-real' });
  // A post page's reply template, followed without JavaScript (src/site/dated-links/).
  if (value === DATE_PLACEHOLDER) return said({ ...none, fault: 'placeholder' });
  const pad = (n: string) => n.padStart(2, '0');
  const ymd = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  if (ymd && realDate(`${ymd[1]}-${pad(ymd[2]!)}-${pad(ymd[3]!)}`)) return said({ ...none, fault: 'form', meant: 'ymd', write: `${ymd[1]}-${pad(ymd[2]!)}-${pad(ymd[3]!)}` });
  const dmy = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  if (!dmy) return said({ ...none, fault: 'form' });
  const [, a, b, year] = dmy as unknown as [string, string, string, string];
  const dayFirst = `${year}-${pad(b)}-${pad(a)}`;
  const monthFirst = `${year}-${pad(a)}-${pad(b)}`;
  const fits = [dayFirst, monthFirst].filter(realDate);
  if (fits.length === 0) return said({ ...none, fault: 'form' });
  if (fits.length === 1 || dayFirst === monthFirst) return said({ ...none, fault: 'form', meant: 'one', write: fits[0]! });
  return said({ ...none, fault: 'form', meant: 'both', dayFirst, monthFirst, first: pad(a) });
}

function said(mistake: DateMistake): { message: string; hint?: string; mistake: DateMistake } {
  const hint = problemsEn['schema/date'].hint({ ...mistake, where: '', received: '' });
  return { message: dateWords(mistake), ...(hint !== undefined ? { hint } : {}), mistake };
}

/** An instant as the bot writes it: 2026-11-24T10:00:00.000Z (UTC only, so records sort as text). */
export const isoInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, worded('instant'));

export const language = z.string().regex(/^[a-z]{2,3}$/, worded('language'));

/**
 * Control characters (C0 but tab and line breaks, DEL, C1): invisible on a page, and one of them in
 * a title makes the RSS feed that carries it invalid XML, which feed readers reject whole. Also the
 * bidirectional embeddings and overrides (U+202A–U+202E), which make a text display in another
 * order than it is written (a title that reads differently from what it says); the isolates
 * (U+2066–U+2069) and the marks (U+200E, U+200F) that mixed-direction text needs stay allowed.
 */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E]/u;

/**
 * What a refinement with a coded problem puts in its issue's params: the rule (after `<kind>/`),
 * the code of its text in texts/problems-en.ts, and the character and its 1-based position;
 * schema-problems.ts adds where and what was received. The issue's `message` stays for other readers of the schema.
 */
export interface RefinementParams {
  rule: string;
  code: 'schema/control-character' | 'schema/line-break';
  char: string;
  at: number;
}

/** Refuses control characters in a text field, naming the first one and where it is. */
function noControlCharacters(value: string, ctx: z.core.$RefinementCtx<string>): void {
  const at = value.search(CONTROL_CHARACTER);
  if (at < 0) return;
  ctx.addIssue({
    code: 'custom',
    message: `the text has an invisible control character, ${uPlus(value[at]!)} at character ${at + 1}: pages would hide it and feeds would break on it`,
    params: { rule: 'control-character', code: 'schema/control-character', char: uPlus(value[at]!), at: at + 1 } satisfies RefinementParams,
  });
}

/**
 * Line breaks: LF, CR, and the Unicode separators (U+2028, U+2029) that JavaScript and Markdown
 * renderers also break on. VT, FF and NEL (U+0085) are control characters already.
 */
export const LINE_BREAK = /[\n\r\u2028\u2029]/u;

/**
 * Refuses a line break in a one-line field. A title is copied into decision records, commit
 * messages, feeds and headings: a line break there would write lines of its own (a fake
 * "## Tally" in a record's body), so it is refused where it is written, not only escaped where
 * it is shown.
 */
function oneLine(value: string, ctx: z.core.$RefinementCtx<string>): void {
  const at = value.search(LINE_BREAK);
  if (at < 0) return;
  ctx.addIssue({
    code: 'custom',
    message: `this text is one line, but it has a line break (${uPlus(value[at]!)}) at character ${at + 1}`,
    params: { rule: 'line-break', code: 'schema/line-break', char: uPlus(value[at]!), at: at + 1 } satisfies RefinementParams,
  });
}

/** One line of text an author writes (a summary, a name): no control characters, no line break. */
export const plainText = (max: number, what: TextNoun) => z.string().max(max, worded('too-long', { what, max })).superRefine(noControlCharacters).superRefine(oneLine);

/** A title: one line (leading and trailing spaces trimmed), 1–200 characters, no control characters. */
export const title = z.string().trim().min(1, worded('title-empty')).max(200, worded('too-long', { what: 'a title', max: 200 })).superRefine(noControlCharacters).superRefine(oneLine);

// A word starts with a letter or digit; after it come letters, digits, the combining marks many
// scripts write vowels with (Devanagari, Tamil, Thai…) and modifier letters (\p{Lm}, like the
// Japanese ー in ラーメン), which never start a word.
const TAG = /^[\p{Ll}\p{Lo}0-9][\p{Ll}\p{Lo}\p{Lm}\p{M}0-9]*(?:-[\p{Ll}\p{Lo}0-9][\p{Ll}\p{Lo}\p{Lm}\p{M}0-9]*)*$/u;

/**
 * A tag: lowercase words in any one script. Two tags that look the same must be the same tag, or
 * a look-alike splits a tag page or impersonates one: so a tag is in NFKC form (no fullwidth,
 * mathematical or ligature letters) and its letters come from one script (no Latin "gouvernance"
 * with a Cyrillic "о"). Those two refusals carry their own rule (`post/tag-not-normalized`,
 * `post/tag-mixed-scripts`, through `params.rule`) and their catalogue code (`params.code`).
 */
export const tag = z
  .string()
  .regex(TAG, worded('tag'))
  .max(40)
  .superRefine((value, ctx) => {
    if (!TAG.test(value)) return;
    const plain = value.normalize('NFKC');
    if (plain !== value) {
      const odd = [...value].filter((c) => c.normalize('NFKC') !== c).map(codePoint);
      // No single odd letter: a letter and a combining accent that NFKC joins into one (e + U+0301 → é).
      const accents = odd.length === 0 ? [...value].filter((c) => /\p{M}/u.test(c)).map(codePoint).join(', ') : '';
      const params = { plain: plain.toLowerCase(), odd: odd.join(', '), forms: odd.length, accents };
      return void ctx.addIssue({
        code: 'custom',
        message: tagNfkcWords(params),
        params: { rule: 'tag-not-normalized', code: 'schema/tag-not-normalized', ...params },
      });
    }
    const mixed = mixedScripts(value);
    if (mixed) {
      const scripts = scriptsParam(mixed);
      ctx.addIssue({
        code: 'custom',
        message: tagScriptsWords({ scripts }),
        params: { rule: 'tag-mixed-scripts', code: 'schema/tag-mixed-scripts', scripts },
      });
    }
  });

const codePoint = (char: string) => `${char} ${uPlus(char)}`;

export const commitId = z.string().regex(/^[0-9a-f]{40}$/, worded('commit-id'));

/** A post is named by its year folder and slug: "2026/egalite-des-voix". */
export const postId = z.string().regex(/^\d{4}\/[a-z0-9]+(?:-[a-z0-9]+)*$/, worded('post-id'));
