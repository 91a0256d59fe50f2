/**
 * Counts in words: "1 rule", "2 rules", never "1 rules"; "0 règle", "1 règle",
 * "2 règles", never "1 règles". The form comes from `Intl.PluralRules` for the
 * locale: English by default; French catalogues pass 'fr', where 0 and 1 take the
 * singular and large round numbers ("many") fall back to `other`. Every count in
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

/** A noun with a regular plural, English or French ("rule" → rules, "règle" → règles), or its forms written out. */
function formsOf(word: string | PluralForms): PluralForms {
  return typeof word === 'string' ? { one: word, other: `${word}s` } : word;
}

/**
 * The form of `word` that goes with `n`, without the number.
 *
 * @example
 * plural(2, { one: 'it is', other: 'they are' }) // "they are"
 * plural(0, { one: 'figure', other: 'figurent' }, 'fr') // "figure"
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
 * count(1, 'règle', 'fr') // "1 règle"
 */
export function count(n: number, word: string | PluralForms, locale = 'en'): string {
  return `${n} ${plural(n, word, locale)}`;
}
