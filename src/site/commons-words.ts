/**
 * The commons' own words (commons.yml `name` and `description`) as a page in `lang` shows them:
 * the commons' text in that language when it wrote one, else its default language's, with that
 * language to put on the element (`lang` attribute), so a screen reader reads it right.
 */
import { descriptionIn, languageOf, nameIn, type CommonsConfig } from '../commons/schema/commons-config.ts';

export interface ShownText {
  text: string;
  /** The text's language when it is not the page's, else undefined (the page's `lang` applies). */
  lang: string | undefined;
}

export function commonsName(config: Pick<CommonsConfig, 'name' | 'defaultLanguage'>, lang: string): ShownText {
  const written = languageOf(config.name, config.defaultLanguage, lang);
  return { text: nameIn(config, lang), lang: written === lang ? undefined : written };
}

export function commonsDescription(config: Pick<CommonsConfig, 'description' | 'defaultLanguage'>, lang: string): ShownText {
  const written = languageOf(config.description, config.defaultLanguage, lang);
  return { text: descriptionIn(config, lang), lang: written === lang ? undefined : written };
}
