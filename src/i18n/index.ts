/** The UI languages and their strings. Content is shown in its own language, whatever the UI. */
import { en, type Strings } from './en.ts';
import { fr } from './fr.ts';

export const uiLanguages = ['fr', 'en'] as const;
export type UiLanguage = (typeof uiLanguages)[number];

const strings: Record<UiLanguage, Strings> = { fr, en };

export function isUiLanguage(value: string | undefined): value is UiLanguage {
  return uiLanguages.includes(value as UiLanguage);
}

export function t(lang: UiLanguage): Strings {
  return strings[lang];
}

/**
 * The UI language a text's page is built in: the text's own language when the site has a UI in
 * it, else the commons' default language (when that has a UI), else English. A post has one page,
 * in this language, so its interface and its text read in the same language.
 */
export function uiLanguageFor(contentLanguage: string, defaultLanguage: string): UiLanguage {
  if (isUiLanguage(contentLanguage)) return contentLanguage;
  return isUiLanguage(defaultLanguage) ? defaultLanguage : 'en';
}

/** The other UI language, for the switcher. */
export function otherLanguage(lang: UiLanguage): UiLanguage {
  return lang === 'fr' ? 'en' : 'fr';
}

/** `getStaticPaths` params for every UI language. */
export function languagePaths(): { params: { lang: UiLanguage } }[] {
  return uiLanguages.map((lang) => ({ params: { lang } }));
}

export type { Strings };
