/** `governance/commons.yml`: who the commons is and where it lives. */
import { z } from 'zod';
import { branchNameProblem } from '../ref-name.ts';
import { language, plainText, worded, wordsIssue } from './common.ts';

const nameText = plainText(100, 'the name').min(1);
const descriptionText = plainText(500, 'the description');
/**
 * A branch name git accepts (`git check-ref-format --branch`), from a small
 * alphabet. A voted commons.yml sets it and the bot writes refs/heads/<branch>:
 * `..`, a leading `-` or a `.lock` suffix would reach outside refs/heads/.
 */
export const branchName = z
  .string()
  .regex(/^[A-Za-z0-9._/-]+$/, { message: worded('branch-characters') })
  .superRefine((name, context) => {
    const why = branchNameProblem(name);
    if (why !== undefined) context.addIssue(wordsIssue('branch-refused', { value: JSON.stringify(name.slice(0, 60)), other: why }));
  });

export const commonsConfigSchema = z
  .strictObject({
    /** One name, or one per language when it differs: `{ fr: "…", en: "…" }` (the default language's is required). */
    name: z.union([nameText, z.record(language, nameText)], { error: worded('name-or-names') }),
    /** One text, or one per language: `{ fr: "…", en: "…" }` (the default language's is required). */
    description: z.union([descriptionText, z.record(language, descriptionText)], { error: worded('description-or-descriptions') }),
    url: z.url({ protocol: /^https?$/ }),
    repository: z.url({ protocol: /^https?$/ }),
    languages: z.array(language).min(1),
    defaultLanguage: language,
    /** The branch the bot merges into. */
    branch: branchName.default('main'),
    /** The languages of the bot's GitHub judgement comment, in order; absent: the default language. */
    botLanguages: z.array(language).min(1).optional(),
  })
  .refine((c) => c.languages.includes(c.defaultLanguage), { message: worded('default-language'), path: ['defaultLanguage'] })
  .superRefine((c, ctx) => {
    for (const [i, lang] of (c.botLanguages ?? []).entries()) {
      if (!c.languages.includes(lang)) ctx.addIssue({ ...wordsIssue('not-a-language', { value: lang, list: c.languages.join(', ') }), path: ['botLanguages', i] });
    }
    for (const field of ['name', 'description'] as const) {
      const value = c[field];
      if (typeof value === 'string') continue;
      for (const lang of Object.keys(value)) {
        if (!c.languages.includes(lang)) ctx.addIssue({ ...wordsIssue('not-a-language', { value: lang, list: c.languages.join(', ') }), path: [field, lang] });
      }
      if (value[c.defaultLanguage] === undefined) ctx.addIssue({ ...wordsIssue('default-text-required', { field, value: c.defaultLanguage }), path: [field] });
    }
  });

export type CommonsConfig = z.output<typeof commonsConfigSchema>;

type PerLanguage = string | Record<string, string>;

/** A text written once or per language, in `lang`: its own text when there is one, else the default language's. */
function textIn(value: PerLanguage, defaultLanguage: string, lang: string): string {
  if (typeof value === 'string') return value;
  return value[lang] ?? value[defaultLanguage] ?? '';
}

/**
 * The language a per-language text is actually written in when shown to a reader of `lang`:
 * `lang` when the commons wrote it in that language, else the default language (whose text is
 * shown instead, marked with its `lang`). A single text is taken to be in the default language.
 *
 * @example languageOf({ fr: 'Commun', en: 'Commons' }, 'fr', 'en') → 'en'; languageOf('Commun', 'fr', 'en') → 'fr'
 */
export function languageOf(value: PerLanguage, defaultLanguage: string, lang: string): string {
  return typeof value !== 'string' && value[lang] !== undefined ? lang : defaultLanguage;
}

/** The description in a language: its own text when there is one, else the default language's. */
export function descriptionIn(config: Pick<CommonsConfig, 'description' | 'defaultLanguage'>, lang: string): string {
  return textIn(config.description, config.defaultLanguage, lang);
}

/** The commons' name in a language: its own when commons.yml gives one, else the default language's. */
export function nameIn(config: Pick<CommonsConfig, 'name' | 'defaultLanguage'>, lang: string): string {
  return textIn(config.name, config.defaultLanguage, lang);
}

/** The languages the bot writes its judgement comment in: `botLanguages`, else the default language. */
export function botLanguagesOf(config: Pick<CommonsConfig, 'botLanguages' | 'defaultLanguage'>): string[] {
  return config.botLanguages ?? [config.defaultLanguage];
}
