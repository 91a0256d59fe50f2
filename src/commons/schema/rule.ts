/** Front matter of `governance/rules/<slug>.md`: one rule of the charter. */
import { z } from 'zod';
import { language, plainText, title } from './common.ts';

export const ruleSchema = z.strictObject({
  title,
  summary: plainText(300, 'a summary').optional(),
  lang: language.optional(),
  /**
   * The title and summary in other languages, `{ en: { title, summary } }`; the text's own
   * translations follow `<!-- lang: en -->` markers in the body (src/commons/prose-languages.ts).
   */
  translations: z.record(language, z.strictObject({ title, summary: plainText(300, 'a summary').optional() })).optional(),
  /** Order in the charter, so rules read in the order the community chose. */
  order: z.number().int().min(0).max(999).optional(),
});

export type RuleFrontMatter = z.output<typeof ruleSchema>;
