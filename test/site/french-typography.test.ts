/**
 * Issue 12, "French typography in everything NoClout writes": a narrow no-break space (U+202F)
 * before `; : ! ?` and inside « », so that "»," and ";" never start a line; plurals from
 * `Intl.PluralRules` ("1 règle", "2 règles"; never "1 rules").
 *
 * Every text of the French catalogues is checked: the UI strings (src/i18n/fr.ts) and the search
 * page's (src/site/search/search-strings.ts), functions called with sample arguments.
 */
import { describe, expect, it } from 'vitest';
import { count, plural } from '../../src/commons/plural.ts';
import { en } from '../../src/i18n/en.ts';
import { fr } from '../../src/i18n/fr.ts';
import { searchStrings } from '../../src/site/search/search-strings.ts';

const NNBSP = '\u202f';

/** Every text of a catalogue as [key path, text]; a function is called with 0, 1, 2 and a word, and true/false. */
function texts(value: unknown, at = ''): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    const samples: unknown[][] = [[0, 0], [1, 1], [2, 2], ['graine', 'x'], [true], [false]];
    return samples.flatMap((args, i) => texts(fn(...args), `${at}(${i})`));
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => texts(item, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => texts(item, at === '' ? key : `${at}.${key}`));
  return [];
}

/** What is wrong with a French text's spacing, or undefined. URLs (`https://`) are not prose. */
function spacingProblem(text: string): string | undefined {
  const prose = text.replace(/\bhttps?:\/\/\S+/g, 'URL');
  for (let i = 0; i < prose.length; i++) {
    const c = prose[i]!;
    if (';:!?'.includes(c) && prose[i - 1] !== NNBSP) return `"${c}" at ${i} is preceded by ${JSON.stringify(prose[i - 1] ?? '(start)')}, not U+202F: …${prose.slice(Math.max(0, i - 20), i + 5)}…`;
    if (c === '«' && prose[i + 1] !== NNBSP) return `"«" at ${i} is not followed by U+202F`;
    if (c === '»' && prose[i - 1] !== NNBSP) return `"»" at ${i} is not preceded by U+202F`;
  }
  return undefined;
}

const catalogues = { 'src/i18n/fr.ts': fr, 'search-strings.ts fr': searchStrings.fr } as const;

describe('French typography in the French catalogues (issue 12)', () => {
  for (const [name, catalogue] of Object.entries(catalogues)) {
    it(`every ; : ! ? of ${name} follows a narrow no-break space, and « » are padded with one`, () => {
      const all = texts(catalogue);
      expect(all.length).toBeGreaterThan(20);
      const problems = all.flatMap(([key, text]) => {
        const problem = spacingProblem(text);
        return problem ? [`${key}: ${problem}`] : [];
      });
      expect(problems).toEqual([]);
    });
  }

  it('the check itself refuses an ordinary or no-break space before a colon, and an unpadded «', () => {
    expect(spacingProblem('Seuil : plus')).toMatch(/not U\+202F/);
    expect(spacingProblem('Seuil\u00a0: plus')).toMatch(/not U\+202F/);
    expect(spacingProblem('« graine »')).toMatch(/«/);
    expect(spacingProblem(`Seuil${NNBSP}: plus, «${NNBSP}graine${NNBSP}», https://example.org/a`)).toBeUndefined();
  });

  it('no French catalogue text keeps an ordinary space where a line could break before punctuation', () => {
    for (const [key, text] of texts(fr)) expect(text, key).not.toMatch(/ [;:!?»]|« /);
  });
});

describe('plurals from Intl.PluralRules, French and English (issue 12: never "1 rules" or "1 règles")', () => {
  it('counts French words: 0 and 1 take the singular', () => {
    expect([0, 1, 2].map((n) => count(n, 'règle', 'fr'))).toEqual(['0 règle', '1 règle', '2 règles']);
    expect(plural(1_000_000, { one: 'règle', other: 'règles' }, 'fr')).toBe('règles');
    expect([0, 1, 2].map((n) => count(n, 'rule'))).toEqual(['0 rules', '1 rule', '2 rules']);
  });

  it('the catalogues agree their counts with the number', () => {
    expect(fr.vote.days(1)).toContain(`1 jour à partir`);
    expect(fr.vote.days(3)).toContain(`3 jours à partir`);
    expect(fr.proposals.objectionDays(1)).toContain('1 jour à partir');
    expect(fr.proposals.eligible(1)).toMatch(/^1 membre peut voter/);
    expect(fr.proposals.eligible(5)).toMatch(/^5 membres peuvent voter/);
    expect(fr.decisions.unlistedBallots(1, 50)).toMatch(/^1 autre bulletin qui n’a pas compté ne figure pas/);
    expect(fr.decisions.unlistedBallots(2, 50)).toMatch(/^2 autres bulletins qui n’ont pas compté ne figurent pas/);
    expect(en.vote.days(1)).toContain('1 day from');
    expect(en.proposals.eligible(1)).toMatch(/^1 member can vote/);
    expect(en.decisions.unlistedBallots(2, 50)).toMatch(/^2 more ballots that did not count are/);
    expect(searchStrings.fr.resultCount(0)).toBe('0 résultat');
    expect(searchStrings.en.resultCount(1)).toBe('1 result');
  });
});
