/**
 * Counts in words: "1 rule", "2 rules", never "1 rules". The form comes from
 * `Intl.PluralRules` for the locale (English today; a French catalogue passes
 * 'fr', where 0 takes the singular, and its own forms), so every count in
 * human output goes through here instead of a hand-written `n === 1 ? … : …`.
 */

/** A word's forms by plural category; `other` is required, the rest fall back to it. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const rulesByLocale = new Map<string, Intl.PluralRules>();

function rulesFor(locale: string): Intl.PluralRules {
  let rules = rulesByLocale.get(locale);
  if (!rules) rulesByLocale.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

/** An English noun with a regular plural ("rule" → rules), or its forms written out. */
function formsOf(word: string | PluralForms): PluralForms {
  return typeof word === 'string' ? { one: word, other: `${word}s` } : word;
}

/**
 * The form of `word` that goes with `n`, without the number.
 *
 * @example
 * plural(2, { one: 'it is', other: 'they are' }) // "they are"
 */
export function plural(n: number, word: string | PluralForms, locale = 'en'): string {
  const forms = formsOf(word);
  return forms[rulesFor(locale).select(n)] ?? forms.other;
}

/**
 * The number and the form of `word` that goes with it.
 *
 * @example
 * count(1, 'rule') // "1 rule"
 * count(3, { one: 'branch', other: 'branches' }) // "3 branches"
 */
export function count(n: number, word: string | PluralForms, locale = 'en'): string {
  return `${n} ${plural(n, word, locale)}`;
}
