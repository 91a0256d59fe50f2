/** `governance/commons.yml`: who the commons is and where it lives. */
import { z } from 'zod';
import { language, plainText } from './common.ts';

export const commonsConfigSchema = z
  .strictObject({
    name: plainText(100, 'the name').min(1),
    description: plainText(500, 'the description'),
    url: z.url({ protocol: /^https?$/ }),
    repository: z.url({ protocol: /^https?$/ }),
    languages: z.array(language).min(1),
    defaultLanguage: language,
    /** The branch the bot merges into. */
    branch: z.string().regex(/^[A-Za-z0-9._/-]+$/).default('main'),
  })
  .refine((c) => c.languages.includes(c.defaultLanguage), { message: 'defaultLanguage must be one of languages', path: ['defaultLanguage'] });

export type CommonsConfig = z.output<typeof commonsConfigSchema>;
