/**
 * Issue 12, "the commons' own words in each language": commons.yml takes a name (and a
 * description) per language; a page shows the reader's, or the default language's marked with
 * its `lang`.
 */
import { describe, expect, it } from 'vitest';
import { commonsConfigSchema } from '../../src/commons/schema/commons-config.ts';
import { commonsDescription, commonsName } from '../../src/site/commons-words.ts';

const base = { description: 'Un commun.', url: 'https://example.org/', repository: 'https://github.com/o/c', languages: ['fr', 'en'], defaultLanguage: 'fr' };

describe('commons.yml name per language', () => {
  it('takes one name, or one per language', () => {
    expect(commonsConfigSchema.safeParse({ ...base, name: 'Commun' }).success).toBe(true);
    expect(commonsConfigSchema.safeParse({ ...base, name: { fr: 'Commun', en: 'Commons' } }).success).toBe(true);
  });

  it('refuses a name per language without the default language’s, or in a language not listed', () => {
    const missing = commonsConfigSchema.safeParse({ ...base, name: { en: 'Commons' } });
    expect(missing.error?.issues.map((i) => i.message)).toContain('the name in the default language (fr) is required');
    const unlisted = commonsConfigSchema.safeParse({ ...base, name: { fr: 'Commun', de: 'Gemeingut' } });
    expect(unlisted.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toContain('name.de: "de" is not one of languages (fr, en)');
    expect(commonsConfigSchema.safeParse({ ...base, name: { fr: '' } }).success).toBe(false);
  });

  it('shows the reader’s own words, and the default language’s marked with its lang when there are none', () => {
    const config = commonsConfigSchema.parse({ ...base, name: { fr: 'Commun', en: 'Commons' }, description: { fr: 'Un commun.' } });
    expect(commonsName(config, 'en')).toEqual({ text: 'Commons', lang: undefined });
    expect(commonsName(config, 'fr')).toEqual({ text: 'Commun', lang: undefined });
    expect(commonsDescription(config, 'en')).toEqual({ text: 'Un commun.', lang: 'fr' });
    const single = commonsConfigSchema.parse({ ...base, name: 'Commun' });
    expect(commonsName(single, 'en')).toEqual({ text: 'Commun', lang: 'fr' });
    expect(commonsName(single, 'fr')).toEqual({ text: 'Commun', lang: undefined });
  });
});
