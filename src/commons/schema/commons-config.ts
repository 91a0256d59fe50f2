/** `governance/commons.yml`: who the commons is and where it lives. */
import { z } from 'zod';
import { branchNameProblem } from '../ref-name.ts';
import { language, plainText } from './common.ts';

const descriptionText = plainText(500, 'the description');
/**
 * A branch name git accepts (`git check-ref-format --branch`), from a small
 * alphabet. A voted commons.yml sets it and the bot writes refs/heads/<branch>:
 * `..`, a leading `-` or a `.lock` suffix would reach outside refs/heads/.
 */
export const branchName = z
  .string()
  .regex(/^[A-Za-z0-9._/-]+$/, { message: 'branch may hold only letters, digits, ".", "_", "/" and "-", like "main" or "commons/main"' })
  .superRefine((name, context) => {
    const why = branchNameProblem(name);
    if (why !== undefined) context.addIssue({ code: 'custom', message: `branch must be a name git accepts for a branch, like "main"; ${JSON.stringify(name.slice(0, 60))} is refused: ${why}` });
  });

export const commonsConfigSchema = z
  .strictObject({
    name: plainText(100, 'the name').min(1),
    /** One text, or one per language: `{ fr: "…", en: "…" }` (the default language's is required). */
    description: z.union([descriptionText, z.record(language, descriptionText)], { error: 'the description is a text, or one text per language like { fr: "…", en: "…" }' }),
    url: z.url({ protocol: /^https?$/ }),
    repository: z.url({ protocol: /^https?$/ }),
    languages: z.array(language).min(1),
    defaultLanguage: language,
    /** The branch the bot merges into. */
    branch: branchName.default('main'),
  })
  .refine((c) => c.languages.includes(c.defaultLanguage), { message: 'defaultLanguage must be one of languages', path: ['defaultLanguage'] })
  .superRefine((c, ctx) => {
    if (typeof c.description === 'string') return;
    for (const lang of Object.keys(c.description)) {
      if (!c.languages.includes(lang)) ctx.addIssue({ code: 'custom', path: ['description', lang], message: `"${lang}" is not one of languages (${c.languages.join(', ')})` });
    }
    if (c.description[c.defaultLanguage] === undefined) ctx.addIssue({ code: 'custom', path: ['description'], message: `the description in the default language (${c.defaultLanguage}) is required` });
  });

export type CommonsConfig = z.output<typeof commonsConfigSchema>;

/** The description in a language: its own text when there is one, else the default language's. */
export function descriptionIn(config: Pick<CommonsConfig, 'description' | 'defaultLanguage'>, lang: string): string {
  if (typeof config.description === 'string') return config.description;
  return config.description[lang] ?? config.description[config.defaultLanguage] ?? '';
}
